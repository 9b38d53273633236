/*
 * budget_list: 预算额度, each county's budget of each voucher programme,
 * for the bureau (every county) or a city's staff (its counties): the
 * budget, what has been issued from it, what is left. Enter sets the
 * selected one. The list is read again each time the screen shows.
 */
#include "config.h"
#include "ui/voucher/voucher.h"

#include <stdlib.h>

enum { OP_SET = 1 };

struct budgets {
	struct budget_row *v;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_SET, "Enter", N_("Set the budget") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool budgets_load(struct ui_ctx *ctx, struct budgets *p)
{
	struct db_error err = DB_ERROR_INIT;

	budget_rows_free(&p->v, p->n);
	p->n = 0;
	if (db_budget_list(ctx->db, ctx->staff.token, &p->v, &p->n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	ui_list_count(&p->list, p->n);
	return true;
}

static const struct ui_view_ops budgets_ops;
static ui_list_draw_fn draw_budget;

void ui_budget_list_open(struct ui_ctx *ctx)
{
	struct budgets *p = xcalloc(1, sizeof(*p));

	p->list = (struct ui_list){ .draw_row = draw_budget, .data = p, .row_h = 1 };
	if (!budgets_load(ctx, p)) {
		free(p);
		return;
	}
	ui_view_push(ctx, &budgets_ops, p);
}

static void budgets_destroy(struct ui_view *v)
{
	struct budgets *p = v->priv;

	budget_rows_free(&p->v, p->n);
	free(p);
}

/* "项目 · 县：额度 10000 元，已发放 2000 元，余 8000 元" */
void ui_budget_line(struct sbuf *t, const struct budget_row *b)
{
	sbuf_addf(t, _("%s, %s: budget "), b->programme_name, b->county_name);
	money_format_yuan(t, b->total_fen);
	sbuf_adds(t, _(" yuan, issued "));
	money_format_yuan(t, b->used_fen);
	sbuf_adds(t, _(" yuan, left "));
	money_format_yuan(t, b->available_fen);
	sbuf_adds(t, _(" yuan"));
	if (!b->active)
		sbuf_adds(t, _(" [closed]"));
}

static void draw_budget(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct budgets *p = data;
	struct sbuf t = SBUF_INIT;

	ui_budget_line(&t, &p->v[i]);
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_release(&t);
}

static void budgets_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct budgets *p = v->priv;
	int y = b->y;

	y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 2,
			    _("Issuing a voucher takes its face value from its county's budget; a "
			      "budget cannot be set below what has been issued from it."),
			    UI_A_DIM);
	y++;
	if (!p->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4,
		       _("No budget to set: budgets are set by the employment bureau, and by a "
			 "city for its counties."),
		       UI_A_NORMAL);
		return;
	}
	ui_list_draw(&p->list, ctx, &(struct ui_rect){ y, b->x + 2, b->y + b->h - y, b->w - 4 });
}

static bool budgets_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct budgets *p = v->priv;

	if (ev->type == UI_EV_SHOW)
		return budgets_load(ctx, p), true;
	enum ui_list_result r = ui_list_handle(&p->list, ev);
	if (r == UI_LIST_CHOSEN || (ev->op == OP_SET && p->n)) {
		ui_budget_edit_open(ctx, &p->v[p->list.selected]);
		return true;
	}
	return r == UI_LIST_MOVED;
}

static const struct ui_view_ops budgets_ops = {
	.title = N_("Voucher budgets"),
	.bindings = bindings,
	.draw = budgets_draw,
	.handle = budgets_handle,
	.destroy = budgets_destroy,
};
