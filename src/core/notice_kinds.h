/*
 * notice_kinds: every kind of notice (SMS) the database writes into its
 * outbox (wc.notice, the CHECK on its kind), whom it goes to, and its
 * name in words. The one list the kiosk reads to tell a person which
 * notices they receive, and the notify daemon to know the kinds a
 * template is configured for; tests/db/test_notice_kinds.c fails on a
 * kind of the database missing here, or named nowhere.
 * Low-level primitive: libc and sbuf only; names are msgids, the caller
 * translates (notice_kinds_received translates them itself).
 */
#ifndef WC_CORE_NOTICE_KINDS_H
#define WC_CORE_NOTICE_KINDS_H

#include <stdbool.h>

#include "sbuf.h"

#define NOTICE_KINDS 8

struct notice_kind {
	const char *code; /* as the database writes it: "booking_confirmed" */
	bool to_person; /* false: to a provider (its own number), never to a person */
	const char *name; /* msgid: what the notice is about, "booking confirmed" */
};

extern const struct notice_kind notice_kinds[NOTICE_KINDS];

/* The kind of code, or NULL if there is none. */
const struct notice_kind *notice_kind_of(const char *code);

/* The names of every kind a person receives (a provider's are not
 * theirs), translated, in the list's order and joined as the language
 * lists things ("booking confirmed, booking reminder, ..."); added to out.
 * The kiosk's home and the counter's person page say the same with it. */
void notice_kinds_received(struct sbuf *out);

#endif
