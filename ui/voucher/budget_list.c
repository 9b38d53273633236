/*
 * budget_list: 预算额度, each county's budget of each voucher programme,
 * for the bureau (every county) or a city's staff (its counties): the
 * budget, what has been issued from it, what is left. Enter sets the
 * selected one. The list is read again each time the screen shows.
 *
 * The field above narrows it as it is typed: a city (its counties), a
 * county, or else part of a programme's name; ↓ goes from the field to
 * the list and ↑ from its top back.
 */
#include "config.h"
#include "ui/voucher/voucher.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SET = 1 };

struct budgets {
	struct budget_row *v;
	int n;
	int *shown; /* indexes into v of the rows the filter keeps */
	struct ui_list list; /* count: shown's; unfocused: the keys go to filter */
	struct ui_field filter;
	char *filtered; /* the filter's text as shown was made */
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
	free(p->filtered);
	p->filtered = NULL; /* shown is made again */
	return true;
}

/* Whether row b is kept by the text typed: a region covering its county
 * (芜湖市, 南陵县), or else part of its programme's name. */
static bool budget_kept(struct ui_ctx *ctx, const struct budget_row *b, const char *typed)
{
	const struct region_list *regions = ui_regions(ctx);
	const struct region *r = regions ? region_find(regions, typed) : NULL;

	if (!*typed)
		return true;
	if (r)
		return region_covers(r->code, b->county_code);
	return strstr(b->programme_name, typed) != NULL;
}

/* shown made again when the filter's text changed since. */
static void budgets_filter(struct ui_ctx *ctx, struct budgets *p)
{
	char *typed = editline_get(&p->filter.ed);

	if (p->filtered && strcmp(typed, p->filtered) == 0) {
		free(typed);
		return;
	}
	int k = 0;

	free(p->shown);
	p->shown = xcalloc(p->n ? (size_t)p->n : 1, sizeof(*p->shown));
	for (int i = 0; i < p->n; i++)
		if (budget_kept(ctx, &p->v[i], typed))
			p->shown[k++] = i;
	free(p->filtered);
	p->filtered = typed;
	ui_list_count(&p->list, k);
}

static const struct ui_view_ops budgets_ops;
static ui_list_draw_fn draw_budget;

void ui_budget_list_open(struct ui_ctx *ctx)
{
	struct budgets *p = xcalloc(1, sizeof(*p));

	p->list = (struct ui_list){ .draw_row = draw_budget, .data = p, .row_h = 1 };
	ui_field_init(&p->filter, N_("Filter"), 20, false);
	if (!budgets_load(ctx, p)) {
		ui_field_release(&p->filter);
		free(p);
		return;
	}
	budgets_filter(ctx, p);
	p->list.unfocused = false; /* the list first, as before the filter was there */
	ui_view_push(ctx, &budgets_ops, p);
}

static void budgets_destroy(struct ui_view *v)
{
	struct budgets *p = v->priv;

	budget_rows_free(&p->v, p->n);
	ui_field_release(&p->filter);
	free(p->shown);
	free(p->filtered);
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

	ui_budget_line(&t, &p->v[p->shown[i]]);
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
	if (p->n) {
		ui_field_draw(&p->filter, ctx, y, b->x + 2, 8, 22, p->list.unfocused);
		ui_put(ctx, y++, b->x + 34, b->w - 36,
		       _("a city, a county, or part of a programme's name"), UI_A_DIM);
		y++;
	}
	if (!p->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4,
		       _("No budget to set: budgets are set by the employment bureau, and by a "
			 "city for its counties."),
		       UI_A_NORMAL);
		return;
	}
	if (!p->list.count)
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No budget matches the filter."), UI_A_DIM);
	ui_list_draw(&p->list, ctx, &(struct ui_rect){ y, b->x + 2, b->y + b->h - y, b->w - 4 });
}

static bool budgets_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct budgets *p = v->priv;

	if (ev->type == UI_EV_SHOW) {
		if (budgets_load(ctx, p))
			budgets_filter(ctx, p);
		return true;
	}
	enum ui_list_result r = ui_list_search_handle(&p->list, &p->filter, ev);
	budgets_filter(ctx, p);
	if (r == UI_LIST_CHOSEN || (ev->op == OP_SET && p->list.count)) {
		ui_budget_edit_open(ctx, &p->v[p->shown[p->list.selected]]);
		return true;
	}
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops budgets_ops = {
	.title = N_("Voucher budgets"),
	.bindings = bindings,
	.draw = budgets_draw,
	.handle = budgets_handle,
	.destroy = budgets_destroy,
};
