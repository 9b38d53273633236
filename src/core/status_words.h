/*
 * status_words: the one wording of the states the database keeps for a
 * booking, a complaint and a provider's application, for every screen
 * that shows one (the person's, the counter's, the supervisor's) and for
 * the audit log's details.
 * Low-level primitive: libc and codelist only; labels are msgids, callers
 * translate.
 */
#ifndef WC_CORE_STATUS_WORDS_H
#define WC_CORE_STATUS_WORDS_H

enum status_kind {
	STATUS_BOOKING,
	STATUS_COMPLAINT,
	STATUS_APPLICATION,
};

/* The msgid for CODE, a state of a thing of KIND; NULL if not one. */
const char *status_word(enum status_kind kind, const char *code);

#endif
