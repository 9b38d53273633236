/*
 * audit_words: the audit log in words — a label for every action code
 * the database writes (the SQL function files; tests/audit-labels.sh
 * fails on a code without one) and for the keys of its details, and a
 * detail rendered as "label：value" with codes in words.
 * Low-level primitive: libc, sbuf, codelist, money and status_words only; labels
 * are msgids, the renderer translates.
 */
#ifndef WC_CORE_AUDIT_WORDS_H
#define WC_CORE_AUDIT_WORDS_H

#include <stddef.h>

#include "sbuf.h"

struct audit_word {
	const char *code; /* as the database writes it: "complaint_close" */
	const char *label; /* msgid */
};

extern const struct audit_word audit_actions[];
extern const size_t audit_actions_count;

/* The msgid for an action code; NULL if it has none. */
const char *audit_action_word(const char *code);

/*
 * Append the detail PAIRS of an entry of ACTION ("key\tvalue" lines, as
 * jsonb_each_text gives them) to OUT as "label：value" separated by
 * "；": amounts in fen as yuan, states and yes/no in words.
 */
void audit_detail_render(const char *action, const char *pairs, struct sbuf *out);

#endif
