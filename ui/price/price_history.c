/*
 * price_history: the words of 收费标准 (Art. 16) — a proposal's status, a
 * step, a revenue split — and 收费标准记录, a service's price history:
 * every step of every proposal, newest first (when, what, who as what,
 * the price and the split proposed, the reason or the opinion), for the
 * provider's staff (its own services), the operator, the supervisor and
 * the bureau.
 */
#include "config.h"
#include "ui/price/price.h"

#include <stdlib.h>
#include <string.h>

static const char *action_label(const char *action)
{
	static const struct {
		const char *action, *label;
	} labels[] = {
		{ "propose", N_("Price proposed") }, { "pass", N_("Review passed") },
		{ "return", N_("Returned") },	     { "approve", N_("Approved") },
		{ "reject", N_("Not approved") },
	};

	for (int i = 0; i < COUNT(labels); i++)
		if (strcmp(labels[i].action, action) == 0)
			return _(labels[i].label);
	return action;
}

/* --- 收费标准记录 ------------------------------------------------------------ */

struct history {
	char *title;
	struct ui_pager page;
};

static const struct ui_binding bindings[] = {
	UI_PAGER_KEYS, UI_BIND_BACK, UI_BIND_SIGN_OUT, UI_BIND_HELP, UI_BIND_END,
};

static const struct ui_view_ops history_ops;

void ui_price_history_open(struct ui_ctx *ctx, long long service, const char *title)
{
	struct price_event_row *v = NULL;
	int n = 0;
	struct db_error err = DB_ERROR_INIT;

	if (db_price_history(ctx->db, ctx->staff.token, service, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	struct history *h = xcalloc(1, sizeof(*h));
	struct sbuf t = SBUF_INIT;

	h->title = xstrdup(title);
	if (!n)
		ui_pager_add(&h->page, _("No price has been proposed for this service yet."),
			     UI_A_DIM, 0);
	for (int i = 0; i < n; i++) {
		sbuf_reset(&t);
		sbuf_addf(&t, "%s  %s  ", v[i].at, action_label(v[i].action));
		sbuf_addf(&t, _("%s (%s)"), v[i].staff_name,
			  _(role_label(role_from_name(v[i].staff_role))));
		ui_pager_add(&h->page, t.buf, UI_A_HEADING, 0);
		sbuf_reset(&t);
		sbuf_addf(&t, _("Proposal %lld: "), v[i].proposal_id);
		ui_price_amount(&t, v[i].price_fen);
		sbuf_adds(&t, _("; "));
		ui_price_split(&t, v[i].provider_permille);
		sbuf_addf(&t, _(" · status after: %s"), ui_price_status_label(v[i].status_after));
		ui_pager_add(&h->page, t.buf, UI_A_NORMAL, 2);
		if (*v[i].note) {
			sbuf_reset(&t);
			sbuf_addf(&t,
				  strcmp(v[i].action, "propose") == 0 ? _("Grounds: %s")
								      : _("Opinion: %s"),
				  v[i].note);
			ui_pager_add(&h->page, t.buf, UI_A_NORMAL, 2);
		}
		ui_pager_blank(&h->page);
	}
	sbuf_release(&t);
	price_event_rows_free(&v, n);
	ui_view_push(ctx, &history_ops, h);
}

static void history_destroy(struct ui_view *v)
{
	struct history *h = v->priv;

	ui_pager_clear(&h->page);
	free(h->title);
	free(h);
}

static void history_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct history *h = v->priv;
	struct ui_rect r = { b->y + 2, b->x, b->h - 2, b->w };

	ui_put(ctx, b->y, b->x, b->w, h->title, UI_A_HEADING);
	ui_pager_draw(&h->page, ctx, &r);
}

static bool history_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct history *h = v->priv;

	(void)ctx;
	return ui_pager_handle(&h->page, ev);
}

static const struct ui_view_ops history_ops = {
	.title = N_("Price history"),
	.bindings = bindings,
	.draw = history_draw,
	.handle = history_handle,
	.destroy = history_destroy,
};
