/*
 * bookings_due: 待办结的线下预约 — the counter's list, from 待办事项, of
 * the bookings of offline services of its area's people whose time has
 * come and that nobody has closed (Art. 13): earliest first. F5 records
 * the service as completed, F6 a no-show, each pressed twice
 * (booking_close.c, as at 办结预约（线下服务）); the closed booking leaves
 * the list. Enter opens the person's page.
 *
 * The list is the database's (api.counter_bookings_to_close), the very
 * rows the home screen counted.
 *
 * The same list shows the seats given from the waiting list whose SMS did
 * not go (待告知的候补递补, api.counter_waitlist_untold): nothing to close
 * there, Enter opens the person's page, whose mobile number the clerk
 * rings.
 */
#include "config.h"
#include "ui/service/service.h"
#include "ui/people/people.h"

#include <stdlib.h>

enum { OP_PERSON = 1, OP_COMPLETE, OP_NO_SHOW };

struct due {
	bool seats; /* the waiting list's seats to tell of, not bookings to close */
	struct booking_found *rows;
	struct ui_list list; /* count: the rows' */
	struct ui_confirm close; /* F5 or F6 pressed once */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_PERSON, "Enter", N_("The person's page") },
	{ KEY_F(5), true, OP_COMPLETE, "F5", N_("Service completed") },
	{ KEY_F(6), true, OP_NO_SHOW, "F6", N_("No-show") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding seat_bindings[] = {
	{ '\r', false, OP_PERSON, "Enter", N_("The person's page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool due_fetch(struct ui_ctx *ctx, struct due *d)
{
	struct db_error err = DB_ERROR_INIT;
	struct booking_found *rows = NULL;
	int n = 0;

	if ((d->seats ? db_counter_waitlist_untold : db_counter_bookings_to_close)(
		    ctx->db, ctx->staff.token, &rows, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	booking_founds_free(&d->rows, d->list.count);
	d->rows = rows;
	if (d->list.selected >= n)
		ui_list_reset(&d->list, n);
	else
		ui_list_count(&d->list, n);
	return true;
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r, enum ui_attr a)
{
	const struct booking_found *b = &((struct due *)data)->rows[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "%s  %s  ", b->starts_at, b->no);
	text_pad(&l, b->name_masked, 8);
	ui_put(ctx, r->y, r->x, r->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_addf(&l, "    %s（%s）", b->service_title, b->provider_name);
	if (b->voucher_fen > 0) {
		struct sbuf yuan = SBUF_INIT;
		money_format_yuan(&yuan, b->voucher_fen);
		sbuf_addf(&l, _(" · voucher holds %s yuan"), yuan.buf);
		sbuf_release(&yuan);
	}
	ui_put(ctx, r->y + 1, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void due_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct due *d = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	if (d->seats)
		sbuf_addf(&l, _("%d seats given from the waiting list: the SMS did not reach the person."),
			  d->list.count);
	else
		sbuf_addf(&l, _("%d offline bookings whose time has come are not closed yet."),
			  d->list.count);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_release(&l);
	ui_put(ctx, y++, r->x, r->w,
	       d->seats ? _("Tell each person of the seat; Enter opens their page.")
			: _("Record each as completed (F5) or as a no-show (F6), pressed twice."),
	       UI_A_DIM);
	y++;
	if (!d->list.count)
		ui_put(ctx, y, r->x, r->w, d->seats ? _("No one to tell.") : _("Nothing to close."),
		       UI_A_DIM);
	ui_list_draw(&d->list, ctx, &(struct ui_rect){ y, r->x, r->y + r->h - y, r->w });
}

static void due_person(struct ui_ctx *ctx, const struct due *d)
{
	if (d->list.count)
		ui_counter_person_open(ctx, d->rows[d->list.selected].person_id);
}

static void due_close(struct ui_ctx *ctx, struct due *d, bool completed)
{
	if (!d->list.count) {
		ui_message(ctx, UI_MSG_INFO, _("Nothing to close."));
		return;
	}
	const struct booking_found *b = &d->rows[d->list.selected];
	struct booking_target t = { b->id, b->voucher_fen, b->status, b->purchased, false };
	if (ui_booking_close(ctx, &d->close, &t, completed))
		due_fetch(ctx, d);
}

static bool due_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct due *d = v->priv;

	if (ev->type == UI_EV_SHOW) {
		due_fetch(ctx, d); /* closed meanwhile from the person's page */
		return true;
	}
	switch (ev->op) {
	case OP_PERSON:
		due_person(ctx, d);
		return true;
	case OP_COMPLETE:
	case OP_NO_SHOW:
		if (!d->seats)
			due_close(ctx, d, ev->op == OP_COMPLETE);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_handle(&d->list, ev);
	if (r == UI_LIST_MOVED)
		ui_confirm_disarm(&d->close); /* a press arms the booking it was made on */
	if (r == UI_LIST_CHOSEN)
		due_person(ctx, d);
	return r != UI_LIST_IGNORED;
}

static void due_destroy(struct ui_view *v)
{
	struct due *d = v->priv;

	booking_founds_free(&d->rows, d->list.count);
	free(d);
}

static const struct ui_view_ops bookings_due = {
	.title = N_("Offline bookings to close"),
	.bindings = bindings,
	.draw = due_draw,
	.handle = due_handle,
	.destroy = due_destroy,
};

static const struct ui_view_ops seats_due = {
	.title = N_("Seats from the waiting list to tell of"),
	.bindings = seat_bindings,
	.draw = due_draw,
	.handle = due_handle,
	.destroy = due_destroy,
};

static void due_open(struct ui_ctx *ctx, bool seats)
{
	struct due *d = xcalloc(1, sizeof(*d));

	d->seats = seats;
	d->list = (struct ui_list){ .draw_row = draw_row, .data = d, .row_h = 2 };
	if (!due_fetch(ctx, d)) {
		struct ui_view v = { .priv = d };
		due_destroy(&v);
		return;
	}
	ui_view_push(ctx, seats ? &seats_due : &bookings_due, d);
}

void ui_bookings_due_open(struct ui_ctx *ctx)
{
	due_open(ctx, false);
}

void ui_seats_untold_open(struct ui_ctx *ctx)
{
	due_open(ctx, true);
}
