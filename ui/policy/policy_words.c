/*
 * policy_words: a policy's amount and its status (in force, expired, not
 * yet), as every policy screen says them.
 */
#include "config.h"
#include "ui/policy/policy.h"

#include <stdlib.h>
#include <string.h>

/* "最高30万元": the top amount as offices write it; nothing when there is none. */
void ui_policy_amount(struct sbuf *out, long long yuan)
{
	if (yuan < 0)
		return;
	if (yuan >= 10000 && yuan % 10000 == 0)
		sbuf_addf(out, _("up to %lld ten-thousand yuan"), yuan / 10000);
	else
		sbuf_addf(out, _("up to %lld yuan"), yuan);
}

const char *ui_policy_status_label(const char *status)
{
	if (strcmp(status, "expired") == 0)
		return _("[expired]");
	if (strcmp(status, "upcoming") == 0)
		return _("[not yet in force]");
	return "";
}
