/* status_words: the states' words, one table per kind of thing. */
#include "config.h"
#include "status_words.h"

#include <stddef.h>
#include <string.h>

#include "codelist.h"
#include "i18n.h"

static const struct word_means booking[] = {
	{ "booked", N_("booked") },
	{ "cancelled", N_("cancelled") },
	{ "completed", N_("completed") },
	{ "no_show", N_("no-show") },
	{ "waiting", N_("waiting") },
	{ "lapsed", N_("waiting list ended") },
};

static const struct word_means complaint[] = {
	{ "submitted", N_("Awaiting acceptance") },
	{ "accepted", N_("Accepted") },
	{ "rejected", N_("Not accepted") },
	{ "handling", N_("Being handled") },
	{ "waiting", N_("Awaiting materials") },
	{ "replied", N_("Replied") },
	{ "follow_up", N_("Follow-up") },
	{ "closed", N_("Closed") },
	{ "redo", N_("Handled again") },
};

static const struct word_means application[] = {
	{ "submitted", N_("Awaiting initial review") },
	{ "returned", N_("Returned for correction") },
	{ "first_passed", N_("Awaiting re-review") },
	{ "reviewed", N_("Awaiting filing") },
	{ "notice", N_("On public notice") },
	{ "active", N_("Admitted as provider") },
	{ "rejected", N_("Not admitted") },
	{ "withdrawn", N_("Withdrawn") },
};

const char *status_word(enum status_kind kind, const char *code)
{
	if (!code)
		return NULL;
	switch (kind) {
	case STATUS_BOOKING:
		return word_means(booking, sizeof(booking) / sizeof(booking[0]), code);
	case STATUS_COMPLAINT:
		return word_means(complaint, sizeof(complaint) / sizeof(complaint[0]), code);
	case STATUS_APPLICATION:
		return word_means(application, sizeof(application) / sizeof(application[0]), code);
	}
	return NULL;
}
