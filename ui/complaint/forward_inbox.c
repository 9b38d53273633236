/*
 * forward_inbox: 待说明的投诉 — the complaints the supervisor forwarded to
 * the signed-in provider's staff (their provider's) or to the operator:
 * awaited first, by due day, marked 已超期 or 即将超期 as every deadline
 * is, then those answered in the last 30 days. Enter opens one to read
 * it, personal data masked, and to answer (forward_answer.c). The list
 * is the database's (api.forward_inbox): another provider's never come.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OPEN = 1 };

struct inbox {
	struct forward_row *rows;
	struct ui_list list; /* count: the rows' */
};

static const struct ui_binding inbox_bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops inbox_ops;
static ui_list_draw_fn draw_row;

static void inbox_load(struct ui_ctx *ctx, struct inbox *b)
{
	struct db_error err = DB_ERROR_INIT;

	forward_rows_free(&b->rows, b->list.count);
	b->list.count = 0;
	if (db_forward_inbox(ctx->db, ctx->staff.token, &b->rows, &b->list.count, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	ui_list_count(&b->list, b->list.count);
}

void ui_forward_inbox_open(struct ui_ctx *ctx)
{
	struct inbox *b = xcalloc(1, sizeof(*b));

	b->list = (struct ui_list){ .draw_row = draw_row, .data = b, .row_h = 2 };
	inbox_load(ctx, b);
	ui_view_push(ctx, &inbox_ops, b);
}

static void inbox_destroy(struct ui_view *v)
{
	struct inbox *b = v->priv;

	forward_rows_free(&b->rows, b->list.count);
	free(b);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r,
		     enum ui_attr sel)
{
	const struct inbox *b = data;
	const struct forward_row *f = &b->rows[i];
	struct sbuf l = SBUF_INIT;
	enum ui_attr a = UI_A_DIM;

	sbuf_addf(&l, "[%s] %s  %s  %s", *f->answered_at ? _("answered") : _("to explain"),
		  f->complaint_no, f->category, f->target);
	ui_put(ctx, r->y, r->x, r->w, l.buf, sel);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    forwarded %s; "), f->day);
	if (*f->answered_at) {
		sbuf_addf(&l, _("answered %s"), f->answered_at);
		if (f->late)
			sbuf_adds(&l, _(" [answered late]"));
	} else {
		ui_forward_due_text(&l, f, &a);
	}
	ui_put(ctx, r->y + 1, r->x, r->w, l.buf, a == UI_A_NORMAL ? UI_A_DIM : a);
	sbuf_release(&l);
}

static void inbox_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct inbox *b = v->priv;

	if (!b->list.count) {
		ui_put(ctx, r->y, r->x + 2, r->w - 4, _("No complaint waits for your explanation."),
		       UI_A_DIM);
		return;
	}
	ui_list_draw(&b->list, ctx, &(struct ui_rect){ r->y, r->x + 2, r->h, r->w - 4 });
}

static bool inbox_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct inbox *b = v->priv;

	if (ev->type == UI_EV_SHOW) {
		inbox_load(ctx, b);
		return true;
	}
	if (ev->op == OP_OPEN) {
		if (b->list.count)
			ui_forward_answer_open(ctx, &b->rows[b->list.selected]);
		return true;
	}
	enum ui_list_result res = ui_list_handle(&b->list, ev);
	if (res == UI_LIST_CHOSEN)
		ui_forward_answer_open(ctx, &b->rows[b->list.selected]);
	return res != UI_LIST_IGNORED;
}

static const struct ui_view_ops inbox_ops = {
	.title = N_("Complaints to explain"),
	.bindings = inbox_bindings,
	.draw = inbox_draw,
	.handle = inbox_handle,
	.destroy = inbox_destroy,
};
