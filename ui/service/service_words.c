/*
 * service_words: how a service's price and a text taken down read, for
 * the catalogue, the service page and the provider's screens.
 */
#include "config.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

#include "ui/price/price.h"

void ui_taken_down(char **text, bool down)
{
	if (!down)
		return;
	free(*text);
	*text = xstrdup(_("This content has been taken down."));
}

void ui_service_price(struct sbuf *out, bool paid, long long price_fen, bool voucher_ok)
{
	if (!paid) {
		sbuf_adds(out, _("free (public welfare)"));
		return;
	}
	if (ui_service_price_pending(paid, price_fen)) {
		sbuf_adds(out, _("price awaiting approval"));
		return;
	}
	money_format_yuan(out, price_fen);
	sbuf_adds(out, _(" yuan"));
	sbuf_adds(out, voucher_ok ? _(", vouchers accepted") : _(", vouchers not accepted"));
}
