/*
 * screen settle_rows: the bookings behind a line of 资金对账 — a
 * provider's redemptions of the period, or the bookings a rule of 异常提示
 * fired on — names masked as the database gives them, each with the
 * voucher's last day. Each look is audited by the database.
 */
#include "config.h"
#include "ui/figures/figures.h"

#include <stdlib.h>

struct rows {
	char *title; /* the line, the period and the area */
	struct settle_row *rows;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const struct ui_view_ops rows_ops;

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		     enum ui_attr a)
{
	const struct settle_row *r = &((struct rows *)data)->rows[i];
	struct sbuf l = SBUF_INIT, fen = SBUF_INIT;

	figure_format(&fen, FIGURE_FEN, r->amount_fen);
	text_pad(&l, r->no, 22);
	text_pad(&l, r->day, 12);
	text_pad(&l, r->person, 8);
	text_pad_left(&l, fen.buf, 12);
	sbuf_adds(&l, "  ");
	text_pad(&l, r->valid_until ? r->valid_until : "—", 12);
	sbuf_adds(&l, r->service);
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_release(&l);
	sbuf_release(&fen);
}

void ui_settle_rows_open(struct ui_ctx *ctx, const struct settle_line *line, enum figure_period k,
			 const char *first_day, const char *area, const char *area_name)
{
	struct db_error err = DB_ERROR_INIT;
	struct settle_row *rows = NULL;
	int n = 0;

	if (db_settle_rows(ctx->db, ctx->staff.token, line, k, first_day, area, &rows, &n, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		settle_rows_free(&rows, n);
		db_error_release(&err);
		return;
	}
	struct rows *s = xcalloc(1, sizeof(*s));
	struct sbuf title = SBUF_INIT;
	sbuf_addf(&title, "%s · %s · ", line->name, line->subject);
	figure_period_name(&title, k, first_day);
	sbuf_addf(&title, " · %s", area_name);
	s->title = sbuf_detach(&title);
	s->rows = rows;
	s->n = n;
	s->list = (struct ui_list){ .draw_row = draw_row, .data = s };
	ui_list_reset(&s->list, n);
	ui_view_push(ctx, &rows_ops, s);
}

static void rows_destroy(struct ui_view *v)
{
	struct rows *s = v->priv;

	settle_rows_free(&s->rows, s->n);
	free(s->title);
	free(s);
}

static void rows_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct rows *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y;

	ui_put(ctx, y++, b->x, b->w, s->title, UI_A_HEADING);
	text_pad(&l, _("Number"), 22);
	text_pad(&l, _("Day"), 12);
	text_pad(&l, _("Whose"), 8);
	text_pad_left(&l, _("Amount"), 12);
	sbuf_adds(&l, "  ");
	text_pad(&l, _("Valid until"), 12);
	sbuf_adds(&l, _("Service item"));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y, b->w });
}

static bool rows_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct rows *s = v->priv;

	(void)ctx;
	return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
}

static const struct ui_view_ops rows_ops = {
	.title = N_("Bookings behind a line"),
	.bindings = bindings,
	.draw = rows_draw,
	.handle = rows_handle,
	.destroy = rows_destroy,
};
