/*
 * provider_services: 本机构服务, the services of the provider a provider's
 * staff account acts for — each with its kind, its price (or 收费标准待审批,
 * and a proposal under review), its rating and its coming time slots;
 * the chosen one in full below; one the operator withdrew is marked 已下架,
 * with the reason. F2 adds a service, Enter changes its texts, F5
 * proposes a price for a paid one (Art. 16), F4 shows its price history,
 * F6 its time slots.
 */
#include "config.h"
#include "ui/provider/provider.h"
#include "ui/price/price.h"

#include <stdlib.h>
#include <string.h>

enum { OP_NEW = 1, OP_EDIT, OP_PRICE, OP_HISTORY, OP_SLOTS };

struct services {
	struct provider_service *v;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_EDIT, "Enter", N_("Change texts") },
	{ KEY_F(2), true, OP_NEW, "F2", N_("New service") },
	{ KEY_F(5), true, OP_PRICE, "F5", N_("Propose price") },
	{ KEY_F(4), true, OP_HISTORY, "F4", N_("Price history") },
	{ KEY_F(6), true, OP_SLOTS, "F6", N_("Time slots") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool services_load(struct ui_ctx *ctx, struct services *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct provider_service *v = NULL;
	int n = 0;

	if (db_provider_services(ctx->db, ctx->staff.token, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	provider_services_free(&s->v, s->n);
	s->v = v;
	s->n = n;
	ui_list_count(&s->list, n);
	return true;
}

static const struct ui_view_ops services_ops;
static ui_list_draw_fn draw_service;

void ui_provider_services_open(struct ui_ctx *ctx)
{
	struct services *s = xcalloc(1, sizeof(*s));

	s->list = (struct ui_list){ .draw_row = draw_service, .data = s };
	if (!services_load(ctx, s)) {
		free(s);
		return;
	}
	ui_view_push(ctx, &services_ops, s);
}

static void services_destroy(struct ui_view *v)
{
	struct services *s = v->priv;

	provider_services_free(&s->v, s->n);
	free(s);
}

/* The price as the provider reads it: 200元（服务商85%，运营商15%）, 免费（公益性）
 * or 收费标准待审批, and a proposal under review. */
static void price_text(struct sbuf *t, const struct provider_service *p)
{
	if (!p->paid)
		sbuf_adds(t, _("free (public welfare)"));
	else if (p->price_pending)
		sbuf_adds(t, _("price awaiting approval"));
	else {
		ui_price_amount(t, p->price_fen);
		sbuf_adds(t, _(" ("));
		ui_price_split(t, p->provider_permille);
		sbuf_adds(t, _(")"));
	}
	if (*p->open_status)
		sbuf_addf(t, _(" · proposal: %s"), ui_price_status_label(p->open_status));
}

static int fact(struct ui_ctx *ctx, int y, const struct ui_rect *b, const char *label,
		const char *text, int rows)
{
	ui_put(ctx, y, b->x + 2, 12, label, UI_A_DIM);
	return ui_put_wrapped(ctx, y, b->x + 14, b->w - 16, rows, *text ? text : "—", UI_A_NORMAL);
}

static void draw_service(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			 enum ui_attr a)
{
	const struct provider_service *p = &((struct services *)data)->v[i];
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, "%s  ", p->title);
	if (strcmp(p->status, "active") != 0)
		sbuf_addf(&t, _("[withdrawn] "));
	price_text(&t, p);
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_release(&t);
}

static void services_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct services *s = v->priv;
	struct sbuf t = SBUF_INIT;
	int detail = 7;
	int y = b->y;

	if (!s->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No services yet: F2 adds one."), UI_A_DIM);
		return;
	}
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x + 2, b->h - detail - 1, b->w - 4 });
	const struct provider_service *p = &s->v[s->list.selected];
	y = b->y + b->h - detail;
	ui_hline(ctx, y++, b->x + 2, b->w - 4);
	sbuf_reset(&t);
	sbuf_addf(&t, "%s · %s · %s", p->category_name, p->online ? _("online") : _("offline"),
		  p->paid ? _("commercial service") : _("public-welfare service"));
	sbuf_addf(&t, _(" · cancel until %d hours before"), p->cancel_hours);
	y += fact(ctx, y, b, _("Service kind"), t.buf, 1);
	sbuf_reset(&t);
	price_text(&t, p);
	y += fact(ctx, y, b, _("Price"), t.buf, 1);
	if (*p->withdrawn_reason) {
		/* in place of the rating and the place: what the provider must deal with */
		y += fact(ctx, y, b, _("Withdrawn because"), p->withdrawn_reason, 2);
		fact(ctx, y, b, _("Description"), p->description, 2);
		sbuf_release(&t);
		return;
	}
	sbuf_reset(&t);
	if (*p->rating)
		sbuf_addf(&t, _("%s points (%lld reviews)"), p->rating, p->rating_count);
	else
		sbuf_adds(&t, _("no reviews yet"));
	sbuf_addf(&t, _(" · %lld coming time slots"), p->slots_coming);
	y += fact(ctx, y, b, _("Rating"), t.buf, 1);
	sbuf_reset(&t);
	sbuf_addf(&t, "%s  %s", p->place, p->contact);
	y += fact(ctx, y, b, _("Place"), t.buf, 1);
	fact(ctx, y, b, _("Description"), p->description, 2);
	sbuf_release(&t);
}

static bool services_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct services *s = v->priv;
	const struct provider_service *p = s->n ? &s->v[s->list.selected] : NULL;

	if (ev->type == UI_EV_SHOW)
		return services_load(ctx, s), true;
	if (ev->op == OP_NEW) {
		ui_provider_service_edit_open(ctx, NULL);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&s->list, ev);
	if (r == UI_LIST_MOVED)
		return true;
	if (r == UI_LIST_CHOSEN || ev->op == OP_EDIT || ev->op == OP_PRICE ||
	    ev->op == OP_HISTORY || ev->op == OP_SLOTS) {
		if (!p)
			ui_message(ctx, UI_MSG_INFO, _("No services yet: F2 adds one."));
		else if (r == UI_LIST_CHOSEN || ev->op == OP_EDIT)
			ui_provider_service_edit_open(ctx, p);
		else if (ev->op == OP_HISTORY)
			ui_price_history_open(ctx, p->id, p->title);
		else if (ev->op == OP_SLOTS)
			ui_provider_slots_open(ctx, p->id, p->title);
		else if (!p->paid)
			ui_message(ctx, UI_MSG_INFO, _(db_act_outcome_msgid("not_paid")));
		else if (*p->open_status)
			ui_message(ctx, UI_MSG_INFO, _(db_act_outcome_msgid("open_exists")));
		else
			ui_price_propose_open(ctx, p->id, p->title, p->price_fen,
					      p->provider_permille);
		return true;
	}
	return false;
}

static const struct ui_view_ops services_ops = {
	.title = N_("Services of this provider"),
	.bindings = bindings,
	.draw = services_draw,
	.handle = services_handle,
	.destroy = services_destroy,
};
