/*
 * vouchers_due: 即将到期的创业券 — the counter's list, from 待办事项, of
 * the vouchers of its area's people that still have money (free or held
 * by a booking) and whose last day is near, nearest first, so that the
 * clerk can tell the person before the money lapses. Enter opens the
 * person's page (their vouchers and bookings, booking for them).
 *
 * The list is the database's (api.counter_vouchers_expiring), the very
 * rows the home screen counted.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdlib.h>

enum { OP_PERSON = 1 };

struct vdue {
	struct worklist_voucher *rows;
	struct ui_list list; /* count: the rows' */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_PERSON, "Enter", N_("The person's page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool vdue_fetch(struct ui_ctx *ctx, struct vdue *d)
{
	struct db_error err = DB_ERROR_INIT;
	struct worklist_voucher *rows = NULL;
	int n = 0;

	if (db_counter_vouchers_expiring(ctx->db, ctx->staff.token, &rows, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	worklist_vouchers_free(&d->rows, d->list.count);
	d->rows = rows;
	if (d->list.selected >= n)
		ui_list_reset(&d->list, n);
	else
		ui_list_count(&d->list, n);
	return true;
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r, enum ui_attr a)
{
	const struct worklist_voucher *v = &((struct vdue *)data)->rows[i];
	struct sbuf l = SBUF_INIT, yuan = SBUF_INIT;

	sbuf_addf(&l, _("valid until %s"), v->valid_until);
	sbuf_addf(&l, "  %s  ", v->no);
	text_pad(&l, v->name_masked, 8);
	ui_put(ctx, r->y, r->x, r->w, l.buf, a);
	sbuf_reset(&l);
	money_format_yuan(&yuan, v->balance_fen);
	sbuf_addf(&l, _("    %s · balance %s yuan"), v->programme, yuan.buf);
	if (v->held_fen > 0) {
		sbuf_reset(&yuan);
		money_format_yuan(&yuan, v->held_fen);
		sbuf_addf(&l, _(", %s yuan held by bookings"), yuan.buf);
	}
	ui_put(ctx, r->y + 1, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
	sbuf_release(&yuan);
}

static void vdue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct vdue *d = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_addf(&l, _("%d vouchers with money left reach their last day soon."), d->list.count);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_release(&l);
	ui_put(ctx, y++, r->x, r->w,
	       _("Tell each person before the money lapses; Enter opens the person's page."),
	       UI_A_DIM);
	y++;
	if (!d->list.count)
		ui_put(ctx, y, r->x, r->w, _("No voucher is about to expire."), UI_A_DIM);
	ui_list_draw(&d->list, ctx, &(struct ui_rect){ y, r->x, r->y + r->h - y, r->w });
}

static void vdue_person(struct ui_ctx *ctx, const struct vdue *d)
{
	if (d->list.count)
		ui_counter_person_open(ctx, d->rows[d->list.selected].person_id);
}

static bool vdue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct vdue *d = v->priv;

	if (ev->type == UI_EV_SHOW) {
		vdue_fetch(ctx, d); /* a booking made meanwhile may have used the money */
		return true;
	}
	if (ev->op == OP_PERSON) {
		vdue_person(ctx, d);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&d->list, ev);
	if (r == UI_LIST_CHOSEN)
		vdue_person(ctx, d);
	return r != UI_LIST_IGNORED;
}

static void vdue_destroy(struct ui_view *v)
{
	struct vdue *d = v->priv;

	worklist_vouchers_free(&d->rows, d->list.count);
	free(d);
}

static const struct ui_view_ops vouchers_due = {
	.title = N_("Vouchers about to expire"),
	.bindings = bindings,
	.draw = vdue_draw,
	.handle = vdue_handle,
	.destroy = vdue_destroy,
};

void ui_vouchers_due_open(struct ui_ctx *ctx)
{
	struct vdue *d = xcalloc(1, sizeof(*d));

	d->list = (struct ui_list){ .draw_row = draw_row, .data = d, .row_h = 2 };
	if (!vdue_fetch(ctx, d)) {
		struct ui_view v = { .priv = d };
		vdue_destroy(&v);
		return;
	}
	ui_view_push(ctx, &vouchers_due, d);
}
