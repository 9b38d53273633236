/* notice_kinds: the kinds of notice, whom each reaches, their names. */
#include "config.h"

#include "notice_kinds.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"

/* In the order the daemon's configuration lists its templates. */
const struct notice_kind notice_kinds[NOTICE_KINDS] = {
	{ "booking_confirmed", true, N_("booking confirmed") },
	{ "booking_reminder", true, N_("booking reminder") },
	{ "waitlist_seat", true, N_("waiting-list seat given") },
	{ "voucher_expiring", true, N_("voucher about to expire") },
	{ "complaint_replied", true, N_("complaint answered") },
	{ "complaint_material", true, N_("complaint material asked for") },
	{ "policy_new", true, N_("new policies") },
	/* to the provider a complaint concerns (转办), at its own number */
	{ "complaint_forwarded", false, N_("complaint forwarded") },
};

const struct notice_kind *notice_kind_of(const char *code)
{
	for (size_t i = 0; i < NOTICE_KINDS; i++)
		if (strcmp(notice_kinds[i].code, code) == 0)
			return &notice_kinds[i];
	return NULL;
}

void notice_kinds_received(struct sbuf *out)
{
	bool first = true;

	for (size_t i = 0; i < NOTICE_KINDS; i++) {
		if (!notice_kinds[i].to_person)
			continue;
		sbuf_addf(out, "%s%s", first ? "" : _(", "), _(notice_kinds[i].name));
		first = false;
	}
}
