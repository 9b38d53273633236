/* status_words: the states' words, one table per kind of thing. */
#include "config.h"
#include "status_words.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"

struct status_word {
	const char *code, *label;
};

static const struct status_word booking[] = {
	{ "booked", N_("booked") },
	{ "cancelled", N_("cancelled") },
	{ "completed", N_("completed") },
	{ "no_show", N_("no-show") },
	{ "waiting", N_("waiting") },
	{ "lapsed", N_("waiting list ended") },
	{ NULL, NULL },
};

static const struct status_word complaint[] = {
	{ "submitted", N_("Awaiting acceptance") },
	{ "accepted", N_("Accepted") },
	{ "rejected", N_("Not accepted") },
	{ "handling", N_("Being handled") },
	{ "waiting", N_("Awaiting materials") },
	{ "replied", N_("Replied") },
	{ "follow_up", N_("Follow-up") },
	{ "closed", N_("Closed") },
	{ "redo", N_("Handled again") },
	{ NULL, NULL },
};

static const struct status_word application[] = {
	{ "submitted", N_("Awaiting initial review") },
	{ "returned", N_("Returned for correction") },
	{ "first_passed", N_("Awaiting re-review") },
	{ "reviewed", N_("Awaiting filing") },
	{ "notice", N_("On public notice") },
	{ "active", N_("Admitted as provider") },
	{ "rejected", N_("Not admitted") },
	{ "withdrawn", N_("Withdrawn") },
	{ NULL, NULL },
};

const char *status_word(enum status_kind kind, const char *code)
{
	const struct status_word *w = NULL;

	switch (kind) {
	case STATUS_BOOKING:
		w = booking;
		break;
	case STATUS_COMPLAINT:
		w = complaint;
		break;
	case STATUS_APPLICATION:
		w = application;
		break;
	}
	for (; code && w->code; w++)
		if (strcmp(w->code, code) == 0)
			return w->label;
	return NULL;
}
