/*
 * kiosk_mine: 我的预约与创业券 — the signed-in person's vouchers (balance,
 * held, valid until, what they pay for; a warning in the last 30 days)
 * and bookings, newest first, with their state. A booking still before
 * its cut-off is cancelled with F4 pressed twice; the seat and the
 * voucher hold come back at once, and the screen says so.
 *
 * At a counter the same screen shows a registered person's (read from
 * the person's page), and cancelling records the person's consent.
 *
 * F6 files a complaint about the booking selected (提交投诉; at a counter
 * for the person, with their consent).
 * At the kiosk F7 turns the person's SMS notices off or on (at the
 * counter the person's page does it, F6 there); the line above the
 * vouchers names every kind of notice the person receives.
 * A completed booking not yet rated is rated with F5 (review_add: once,
 * Art. 14); one rated shows its stars and where the review stands
 * (published, waiting for a check, taken down, or revoked on the
 * provider's appeal and why), and the provider's public reply.
 * When a record of misuse freezes the vouchers (违规记录, Art. 25), a line
 * above them says until when; F8 shows the records, their reasons and
 * how to appeal, and files the appeal.
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/complaint/complaint.h"
#include "ui/review/review.h"
#include "ui/sanction/sanction.h"

#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_kiosk_mine;

enum { OP_CANCEL = 1, OP_COMPLAIN, OP_RATE, OP_NOTICES, OP_SANCTIONS };

#define EXPIRY_WARN_DAYS 30

struct mine {
	char *person_id; /* counter: whose; NULL at the kiosk */
	struct voucher_row *vs;
	struct booking_row *bs;
	struct my_review *rv; /* the person's reviews, by booking */
	int nv, nrv;
	struct ui_list list; /* the bookings; count: how many */
	struct ui_confirm cancel; /* F4 pressed once for a booking */
	bool notices_off; /* at the kiosk: the person chose no SMS notices */
	char *sanctions; /* what the records of misuse mean now; "" nothing */
	int nsanctions;	 /* the person's records of misuse, in any state */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(4), true, OP_CANCEL, "F4", N_("Cancel booking") },
	{ KEY_F(5), true, OP_RATE, "F5", N_("Rate") },
	{ KEY_F(6), true, OP_COMPLAIN, "F6", N_("Complain") },
	{ KEY_F(7), true, OP_NOTICES, "F7", N_("SMS notices") },
	{ KEY_F(8), true, OP_SANCTIONS, "F8", N_("Records of misuse") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static void mine_sanctions_note(struct ui_ctx *ctx, struct mine *m)
{
	struct person_sanction *v = NULL;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (ui_sanctions_load(ctx, m->person_id, &v, &n))
		ui_sanction_summary(&l, v, n);
	m->nsanctions = n;
	free(m->sanctions);
	m->sanctions = sbuf_detach(&l);
	person_sanctions_free(&v, n);
}

static void mine_load(struct ui_ctx *ctx, struct mine *m)
{
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	voucher_rows_free(&m->vs, m->nv);
	booking_rows_free(&m->bs, m->list.count);
	my_reviews_free(&m->rv, m->nrv);
	m->nv = m->list.count = m->nrv = 0;
	st = m->person_id ? db_person_vouchers(ctx->db, ctx->staff.token, m->person_id, &m->vs,
					       &m->nv, &err)
			  : db_citizen_vouchers(ctx->db, ctx->citizen.token, &m->vs, &m->nv, &err);
	if (st == DB_OK)
		st = m->person_id ? db_person_bookings(ctx->db, ctx->staff.token, m->person_id,
						       &m->bs, &m->list.count, &err)
				  : db_citizen_bookings(ctx->db, ctx->citizen.token, &m->bs,
							&m->list.count, &err);
	if (st == DB_OK && !m->person_id)
		st = db_citizen_notices_off(ctx->db, ctx->citizen.token, &m->notices_off, &err);
	if (st == DB_OK)
		st = m->person_id ? db_person_reviews(ctx->db, ctx->staff.token, m->person_id,
						      &m->rv, &m->nrv, &err)
				  : db_citizen_reviews(ctx->db, ctx->citizen.token, &m->rv, &m->nrv,
						       &err);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	ui_list_count(&m->list, m->list.count);
	if (st == DB_OK)
		mine_sanctions_note(ctx, m);
}

static const struct ui_view_ops counter_ops;
static ui_list_draw_fn draw_booking;

void ui_mine_open(struct ui_ctx *ctx, const char *person_id)
{
	struct mine *m = xcalloc(1, sizeof(*m));

	m->list = (struct ui_list){ .draw_row = draw_booking, .data = m, .row_h = 2 };
	m->person_id = person_id ? xstrdup(person_id) : NULL;
	mine_load(ctx, m);
	ui_view_push(ctx, person_id ? &counter_ops : &ui_kiosk_mine, m);
}

static void mine_destroy(struct ui_view *v)
{
	struct mine *m = v->priv;

	voucher_rows_free(&m->vs, m->nv);
	booking_rows_free(&m->bs, m->list.count);
	my_reviews_free(&m->rv, m->nrv);
	free(m->person_id);
	free(m->sanctions);
	free(m);
}

static int draw_vouchers(struct ui_ctx *ctx, struct mine *m, int y, const struct ui_rect *r)
{
	struct sbuf l = SBUF_INIT;
	struct date today = ui_today(), until;

	ui_put(ctx, y++, r->x + 2, r->w - 4, m->person_id ? _("Vouchers") : _("My vouchers"),
	       UI_A_HEADING);
	if (!m->nv)
		ui_put(ctx, y++, r->x + 4, r->w - 6,
		       _("None. Vouchers are issued at the service counter to those eligible."),
		       UI_A_DIM);
	for (int i = 0; i < m->nv; i++) {
		const struct voucher_row *v = &m->vs[i];
		bool expired = strcmp(v->status, "expired") == 0;
		bool soon = !expired && date_parse(v->valid_until, &until) == DATE_OK &&
			    date_days_between(today, until) <= EXPIRY_WARN_DAYS;
		sbuf_reset(&l);
		sbuf_addf(&l, "%s  ", v->programme_name);
		sbuf_adds(&l, _("balance "));
		money_format_yuan(&l, v->balance_fen);
		sbuf_adds(&l, _(" yuan"));
		if (v->held_fen) {
			sbuf_adds(&l, _(", held "));
			money_format_yuan(&l, v->held_fen);
			sbuf_adds(&l, _(" yuan"));
		}
		ui_put(ctx, y++, r->x + 4, r->w - 6, l.buf, expired ? UI_A_DIM : UI_A_NORMAL);
		sbuf_reset(&l);
		if (expired)
			sbuf_addf(&l, _("    expired (valid until %s)"), v->valid_until);
		else
			sbuf_addf(&l, _("    valid until %s; pays for %s"), v->valid_until,
				  v->category_names);
		ui_put(ctx, y++, r->x + 4, r->w - 6, l.buf,
		       soon	 ? UI_A_ERROR
		       : expired ? UI_A_DIM
				 : UI_A_DIM);
		if (soon)
			ui_put(ctx, y - 1, r->x + 4 + (int)text_width(l.buf) + 2,
			       r->w - 8 - (int)text_width(l.buf), _("expires soon"), UI_A_ERROR);
	}
	sbuf_release(&l);
	return y;
}

/* A booking that can be rated: completed, and not rated yet. */
static bool can_rate(const struct mine *m, const struct booking_row *b)
{
	return strcmp(b->kind, "booking") == 0 && strcmp(b->status, "completed") == 0 &&
	       !my_review_of(m->rv, m->nrv, b->id);
}

/* " · rated 4 stars (satisfied)" and where the review stands, for a
 * booking rated. */
static void review_note(struct sbuf *l, const struct mine *m, const struct booking_row *b)
{
	const struct my_review *r = my_review_of(m->rv, m->nrv, b->id);

	if (!r)
		return;
	sbuf_adds(l, _(" · rated "));
	ui_stars(l, r->stars);
	if (strcmp(r->status, "held") == 0)
		sbuf_adds(l, _(", to be published after a check"));
	else if (*r->revoked_reason)
		sbuf_addf(l, _(", revoked on the provider's appeal: %s"), r->revoked_reason);
	else if (strcmp(r->status, "taken_down") == 0)
		sbuf_adds(l, _(", taken down"));
	if (*r->reply)
		sbuf_addf(l, _(" · provider's reply: %s"), r->reply);
}

/* A booking's two rows: when and what, then its number, provider and
 * place (or why the provider cancelled it). The list cuts them to its
 * width; Enter shows them whole. */
static void booking_rows(const struct mine *m, const struct booking_row *b, struct sbuf *what,
			 struct sbuf *where)
{
	sbuf_addf(what, "[%s] %s", ui_status_label(STATUS_BOOKING, b->status), b->starts_at);
	if (b->can_cancel)
		sbuf_adds(what, _(" · F4 cancels"));
	if (can_rate(m, b))
		sbuf_adds(what, _(" · F5 rates"));
	sbuf_addf(what, "  %s", b->service_title);
	if (*b->cancel_reason) { /* cancelled on the provider's side: why, first */
		sbuf_addf(where, _("    Cancelled: %s"), b->cancel_reason);
		return;
	}
	if (*b->no) {
		sbuf_addf(where, _("    No. %s"), b->no);
		review_note(where, m, b);
		sbuf_addf(where, " · %s · %s", b->provider_name, b->place);
	} else
		sbuf_addf(where, "    %s · %s", b->provider_name, b->place);
	if (b->voucher_fen) {
		sbuf_adds(where, _(" · voucher "));
		money_format_yuan(where, b->voucher_fen);
		sbuf_adds(where, _(" yuan"));
	}
	if (b->from_waitlist)
		sbuf_adds(where, _(" · from the waiting list"));
	if (b->confirmed && strcmp(b->status, "booked") == 0)
		sbuf_adds(where, _(" · confirmed by the provider"));
}

static void draw_booking(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r,
			 enum ui_attr a)
{
	const struct mine *m = data;
	const struct booking_row *b = &m->bs[i];
	struct sbuf what = SBUF_INIT, where = SBUF_INIT;

	booking_rows(m, b, &what, &where);
	ui_put(ctx, r->y, r->x, r->w, what.buf, a);
	ui_put(ctx, r->y + 1, r->x, r->w, where.buf, *b->cancel_reason ? UI_A_ERROR : UI_A_DIM);
	sbuf_release(&what);
	sbuf_release(&where);
}

static const struct ui_view_ops booking_whole = UI_TEXT_VIEW_OPS(N_("Booking"));

static void booking_open(struct ui_ctx *ctx, const struct mine *m)
{
	struct sbuf what = SBUF_INIT, where = SBUF_INIT;
	struct ui_pager *p;

	if (!m->list.count)
		return;
	booking_rows(m, &m->bs[m->list.selected], &what, &where);
	p = ui_text_view_push(ctx, &booking_whole);
	ui_pager_add(p, what.buf, UI_A_NORMAL, 0);
	ui_pager_add(p, where.buf, UI_A_NORMAL, 0);
	sbuf_release(&what);
	sbuf_release(&where);
}

/* The kiosk's line on SMS notices: off, or on with every kind a person
 * receives (core/notice_kinds.h; a provider's are not theirs). */
static void notices_line(const struct mine *m, struct sbuf *out)
{
	struct sbuf kinds = SBUF_INIT;

	if (m->notices_off) {
		sbuf_adds(out, _("SMS notices: off (F7 turns them on)"));
		return;
	}
	notice_kinds_received(&kinds);
	sbuf_addf(out, _("SMS notices: on (%s; F7 turns them off)"), kinds.buf);
	sbuf_release(&kinds);
}

static void mine_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct mine *m = v->priv;
	int y = r->y;

	if (!m->person_id) {
		struct sbuf l = SBUF_INIT;
		notices_line(m, &l);
		/* every kind named: wrapped whole, never cut */
		y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 4,
				    ui_wrapped_rows(r->w - 4, r->h, l.buf), l.buf, UI_A_DIM);
		sbuf_release(&l);
	}
	if (m->sanctions && *m->sanctions) {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Record of misuse: %s. F8: its reason and how to appeal."),
			  m->sanctions);
		/* whole, like the line above: its end says how to read the record */
		y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 4,
				    ui_wrapped_rows(r->w - 4, r->h, l.buf), l.buf, UI_A_ERROR);
		sbuf_release(&l);
	}
	y = draw_vouchers(ctx, m, y, r) + 1;

	ui_put(ctx, y++, r->x + 2, r->w - 4, m->person_id ? _("Bookings") : _("My bookings"),
	       UI_A_HEADING);
	if (!m->list.count)
		ui_put(ctx, y, r->x + 4, r->w - 6, _("No bookings yet: see 服务目录."), UI_A_DIM);
	ui_list_draw(&m->list, ctx, &(struct ui_rect){ y, r->x + 2, r->y + r->h - y, r->w - 4 });
}

static void rate_selected(struct ui_ctx *ctx, struct mine *m)
{
	const struct booking_row *b = m->list.count ? &m->bs[m->list.selected] : NULL;

	ui_confirm_disarm(&m->cancel);
	if (b && can_rate(m, b))
		ui_review_add_open(ctx, b, m->person_id);
	else
		ui_message(
			ctx, UI_MSG_INFO,
			b && my_review_of(m->rv, m->nrv, b->id)
				? _(db_review_outcome_msgid("already_reviewed"))
				: _("Choose a completed booking to rate: a service is rated after "
				    "it was received."));
}

static void cancel_selected(struct ui_ctx *ctx, struct mine *m)
{
	const struct booking_row *b = m->list.count ? &m->bs[m->list.selected] : NULL;
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	if (!b || !b->can_cancel) {
		ui_message(ctx, UI_MSG_INFO,
			   b && strcmp(b->status, "booked") == 0
				   ? _(db_outcome_msgid("past_cutoff"))
				   : _("Choose a booking that can still be cancelled."));
		return;
	}
	if (!ui_confirm_press(&m->cancel, b->id, OP_CANCEL)) {
		ui_message(ctx, UI_MSG_INFO, _("Press F4 again to cancel this booking."));
		return;
	}
	st = m->person_id
		     ? db_counter_cancel(ctx->db, ctx->staff.token, m->cancel.key, m->person_id,
					 b->id, _("cancelled at the desk at the person's request"),
					 &o, &err)
		     : db_citizen_cancel(ctx->db, ctx->citizen.token, m->cancel.key, b->id, &o,
					 &err);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* armed and keyed: F4 again resends the same request */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&m->cancel);
	if (strcmp(o.outcome, "ok") == 0 && o.voucher_fen > 0) {
		struct sbuf l = SBUF_INIT;
		sbuf_adds(&l, _("Cancelled. The seat is released and the held "));
		money_format_yuan(&l, o.voucher_fen);
		sbuf_adds(&l, _(" yuan is back on your voucher."));
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	} else if (strcmp(o.outcome, "ok") == 0) {
		ui_message(ctx, UI_MSG_INFO, _("Cancelled. The seat is released."));
	} else {
		ui_message(ctx, UI_MSG_ERROR, _(db_outcome_msgid(o.outcome)));
	}
	db_outcome_release(&o);
	mine_load(ctx, m);
}

/* 提交投诉 about the booking selected. */
static void complain_selected(struct ui_ctx *ctx, struct mine *m)
{
	const struct booking_row *b = m->list.count ? &m->bs[m->list.selected] : NULL;
	struct sbuf l = SBUF_INIT;

	if (!b || strcmp(b->kind, "booking") != 0) {
		ui_message(ctx, UI_MSG_INFO, _("Choose a booking to complain about (↑↓)."));
		return;
	}
	sbuf_addf(&l, _("Booking %s: %s (%s)"), b->starts_at, b->service_title, b->provider_name);
	ui_complaint_file_open(ctx, m->person_id,
			       &(struct complaint_target){ "booking", b->id, l.buf }, 1);
	sbuf_release(&l);
}

/* F7 at the kiosk: the person's own choice, which the database audits;
 * what the notices are for is said on the screen's first line. */
static void notices_toggle(struct ui_ctx *ctx, struct mine *m)
{
	struct db_error err = DB_ERROR_INIT;

	if (m->person_id)
		return;
	if (db_citizen_notices_set(ctx->db, ctx->citizen.token, !m->notices_off, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	m->notices_off = !m->notices_off;
	ui_message(ctx, UI_MSG_INFO,
		   m->notices_off ? _("SMS notices are off: you will receive none. F7 turns "
				      "them on again.")
				  : _("SMS notices are on."));
}

/* F4, F5 and F6 are offered for the booking selected only when they
 * apply to it, F8 only to a person with a record of misuse; pressed
 * anyway, their handlers above say why not. */
static bool mine_key_offered(const struct ui_view *v, int op)
{
	const struct mine *m = v->priv;
	const struct booking_row *b = m->list.count ? &m->bs[m->list.selected] : NULL;

	switch (op) {
	case OP_CANCEL:
		return b && b->can_cancel;
	case OP_RATE:
		return b && can_rate(m, b);
	case OP_COMPLAIN:
		return b && strcmp(b->kind, "booking") == 0;
	case OP_NOTICES:
		return !m->person_id;
	case OP_SANCTIONS:
		return m->nsanctions > 0; /* most people have none: no key for nothing */
	default:
		return true;
	}
}

static bool mine_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct mine *m = v->priv;

	if (ev->type == UI_EV_SHOW) {
		mine_load(ctx, m);
		return true;
	}
	if (ev->op == OP_CANCEL) {
		cancel_selected(ctx, m);
		return true;
	}
	if (ev->op == OP_COMPLAIN) {
		complain_selected(ctx, m);
		return true;
	}
	if (ev->op == OP_RATE) {
		rate_selected(ctx, m);
		return true;
	}
	if (ev->op == OP_NOTICES) {
		notices_toggle(ctx, m);
		return true;
	}
	if (ev->op == OP_SANCTIONS) {
		ui_sanctions_open(ctx, m->person_id);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&m->list, ev);
	if (r == UI_LIST_CHOSEN)
		booking_open(ctx, m);
	if (r != UI_LIST_MOVED)
		return r == UI_LIST_CHOSEN;
	ui_confirm_disarm(&m->cancel);
	return true;
}

static const struct ui_view_ops ui_kiosk_mine = {
	.title = N_("My bookings and vouchers"),
	.bindings = bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.key_offered = mine_key_offered,
	.destroy = mine_destroy,
};

/* At the counter: the person's, not "mine". */
static const struct ui_view_ops counter_ops = {
	.title = N_("Vouchers and bookings"),
	.bindings = bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.key_offered = mine_key_offered,
	.destroy = mine_destroy,
};
