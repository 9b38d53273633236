/*
 * price_words: the words of 收费标准 (Art. 16) — a proposal's status, a
 * price, a revenue split, and whether a paid service's price waits for
 * approval.
 */
#include "config.h"
#include "ui/price/price.h"

#include <stdlib.h>
#include <string.h>

const char *ui_price_status_label(const char *status)
{
	static const struct {
		const char *status, *label;
	} labels[] = {
		{ "submitted", N_("Awaiting the supervisor's review") },
		{ "reviewed", N_("Awaiting the project group's approval") },
		{ "approved", N_("Approved, in effect") },
		{ "returned", N_("Returned") },
		{ "rejected", N_("Not approved") },
	};

	for (int i = 0; i < COUNT(labels); i++)
		if (strcmp(labels[i].status, status) == 0)
			return _(labels[i].label);
	return status;
}

/* A share in per mille as a percentage: 85%, 85.5%. */
static void permille_add(struct sbuf *out, int permille)
{
	if (permille % 10)
		sbuf_addf(out, "%d.%d%%", permille / 10, permille % 10);
	else
		sbuf_addf(out, "%d%%", permille / 10);
}

void ui_price_split(struct sbuf *out, int provider_permille)
{
	struct sbuf p = SBUF_INIT, o = SBUF_INIT;

	permille_add(&p, provider_permille);
	permille_add(&o, 1000 - provider_permille);
	sbuf_addf(out, _("provider %s, operator %s"), p.buf, o.buf);
	sbuf_release(&p);
	sbuf_release(&o);
}

void ui_price_amount(struct sbuf *out, long long price_fen)
{
	money_format_yuan(out, price_fen);
	sbuf_adds(out, _(" yuan"));
}

bool ui_service_price_pending(bool paid, long long price_fen)
{
	/* a paid service's price is 0 until one is approved (data/sql/functions/prices.sql) */
	return paid && price_fen == 0;
}
