/*
 * programme_list: 创业券项目 for the bureau. Each programme with what it
 * pays, for how long, for which services, to whom (the person categories
 * and the business stage), and how much of its budgets is issued; Enter changes one, F2 adds one, F5 opens the counties' budgets.
 * The list is read again each time the screen shows.
 */
#include "config.h"
#include "ui/voucher/voucher.h"

#include <stdlib.h>
#include <string.h>

enum { OP_EDIT = 1, OP_NEW, OP_BUDGETS };

struct programmes {
	struct programme_setting *v;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_EDIT, "Enter", N_("Edit") },
	{ KEY_F(2), true, OP_NEW, "F2", N_("New programme") },
	{ KEY_F(5), true, OP_BUDGETS, "F5", N_("Budgets") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool programmes_load(struct ui_ctx *ctx, struct programmes *p)
{
	struct db_error err = DB_ERROR_INIT;

	programme_setting_rows_free(&p->v, p->n);
	p->n = 0;
	if (db_programme_list(ctx->db, ctx->staff.token, &p->v, &p->n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	ui_list_count(&p->list, p->n);
	return true;
}

static const struct ui_view_ops programmes_ops;
static ui_list_draw_fn draw_programme;

void ui_programme_list_open(struct ui_ctx *ctx)
{
	struct programmes *p = xcalloc(1, sizeof(*p));

	p->list = (struct ui_list){ .draw_row = draw_programme, .data = p, .row_h = 3 };
	if (!programmes_load(ctx, p)) {
		free(p);
		return;
	}
	ui_view_push(ctx, &programmes_ops, p);
}

static void programmes_destroy(struct ui_view *v)
{
	struct programmes *p = v->priv;

	programme_setting_rows_free(&p->v, p->n);
	free(p);
}

/* Three rows: name, face value and validity; what it pays for and its
 * budgets; to whom. */
static void draw_programme(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			   enum ui_attr a)
{
	const struct programmes *p = data;
	const struct programme_setting *g = &p->v[i];
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, "%s  ", g->name);
	money_format_yuan(&t, g->face_fen);
	sbuf_addf(&t, _(" yuan, valid %d months"), g->valid_months);
	if (!g->active)
		sbuf_adds(&t, _(" [closed]"));
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_reset(&t);
	sbuf_addf(&t, _("    pays for %s; %lld issued; budgets "), g->category_names, g->issued);
	money_format_yuan(&t, g->total_fen);
	sbuf_adds(&t, _(" yuan, used "));
	money_format_yuan(&t, g->used_fen);
	sbuf_adds(&t, _(" yuan"));
	ui_put(ctx, at->y + 1, at->x, at->w, t.buf, UI_A_DIM);
	sbuf_reset(&t);
	sbuf_addf(&t, _("    issued to %s; business stage: %s"),
		  *g->group_names ? g->group_names : _("everyone"),
		  !*g->stage			       ? _("either")
		  : strcmp(g->stage, "started") == 0 ? _("already started")
						       : _("intending to start"));
	ui_put(ctx, at->y + 2, at->x, at->w, t.buf, UI_A_DIM);
	sbuf_release(&t);
}

static void programmes_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct programmes *p = v->priv;
	int y = b->y;

	y += ui_put_wrapped(
		ctx, y, b->x + 2, b->w - 4, 2,
		_("A change holds for vouchers issued after it: an issued voucher keeps "
		  "its face value, categories and last day."),
		UI_A_DIM);
	y++;
	if (!p->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No voucher programme yet: F2 adds one."),
		       UI_A_NORMAL);
		return;
	}
	ui_list_draw(&p->list, ctx, &(struct ui_rect){ y, b->x + 2, b->y + b->h - y, b->w - 4 });
}

static bool programmes_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct programmes *p = v->priv;

	if (ev->type == UI_EV_SHOW)
		return programmes_load(ctx, p), true;
	if (ev->op == OP_NEW) {
		ui_programme_edit_open(ctx, NULL);
		return true;
	}
	if (ev->op == OP_BUDGETS) {
		ui_budget_list_open(ctx);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&p->list, ev);
	if (r == UI_LIST_CHOSEN || (ev->op == OP_EDIT && p->n)) {
		ui_programme_edit_open(ctx, &p->v[p->list.selected]);
		return true;
	}
	return r == UI_LIST_MOVED;
}

static const struct ui_view_ops programmes_ops = {
	.title = N_("Voucher programmes"),
	.bindings = bindings,
	.draw = programmes_draw,
	.handle = programmes_handle,
	.destroy = programmes_destroy,
};
