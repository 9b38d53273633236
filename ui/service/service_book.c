/*
 * service_book: booking a time of a service, in four steps on one
 * screen — the time (seats left shown), the payment (a voucher that pays
 * for this category, a department's purchase the person qualifies for,
 * or nothing: free, or paid to the provider offline), the confirmation
 * (what the voucher covers, what is left to pay offline; at a counter
 * also how the person consented), and the receipt with the booking
 * number and the voucher's balance.
 *
 * The request key is made when the confirmation is shown and kept until
 * its outcome is: pressing F2 again after a lost connection sends the
 * same key, so the booking happens once (the database answers a repeated
 * key with the first outcome). A full slot offers its waiting list.
 */
#include "config.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_service_book;
static ui_list_draw_fn draw_slot, draw_option;

enum { OP_ENTER = 1, OP_CONFIRM, OP_WAIT, OP_STEP_BACK };

enum step { STEP_SLOT, STEP_PAY, STEP_CONFIRM, STEP_DONE };

struct pay_option {
	struct booking_pay pay;
	char *label;
	long long balance; /* the voucher's, to show what it covers */
};

struct booking {
	const struct service_detail *d; /* the page below owns it */
	char *person_id; /* counter: the person at the desk */
	enum step step;
	struct slot_row *slots;
	int nslots;
	struct ui_list slot_list; /* selected: the slot chosen */
	struct pay_option *opts;
	int nopts;
	struct ui_list opt_list; /* selected: the way to pay chosen */
	struct ui_field consent;
	char key[37];
	struct db_outcome out;
	bool done_ok;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ENTER, "Enter", N_("Choose") },
	{ KEY_F(2), true, OP_CONFIRM, "F2", N_("Confirm booking") },
	{ KEY_F(3), true, OP_WAIT, "F3", N_("Join waiting list") },
	{ KEY_LEFT, true, OP_STEP_BACK, "←", N_("Previous step") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static void options_free(struct booking *b)
{
	for (int i = 0; i < b->nopts; i++)
		free(b->opts[i].label);
	XFREE(b->opts);
	b->nopts = 0;
}

static void option_add(struct booking *b, struct booking_pay pay, long long balance,
		       const char *label)
{
	b->opts = xrealloc(b->opts, (size_t)(b->nopts + 1) * sizeof(*b->opts));
	b->opts[b->nopts].pay = pay;
	b->opts[b->nopts].balance = balance;
	b->opts[b->nopts++].label = xstrdup(label);
}

static bool voucher_pays(const struct voucher_row *v, const struct service_detail *d)
{
	if (strcmp(v->status, "active") != 0 || v->balance_fen <= 0 || !d->voucher_ok)
		return false;
	for (size_t i = 0; i < v->ncategories; i++)
		if (strcmp(v->categories[i], d->category) == 0)
			return true;
	return false;
}

/* The ways this person may pay for this service. */
static bool options_load(struct ui_ctx *ctx, struct booking *b)
{
	struct voucher_row *vs = NULL;
	struct purchase_row *ps = NULL;
	int nv = 0, np = 0;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	enum db_status st;

	options_free(b);
	st = b->person_id
		     ? db_person_vouchers(ctx->db, ctx->staff.token, b->person_id, &vs, &nv, &err)
		     : db_citizen_vouchers(ctx->db, ctx->citizen.token, &vs, &nv, &err);
	if (st == DB_OK)
		st = b->person_id ? db_person_purchases(ctx->db, ctx->staff.token, b->person_id,
							b->d->id, &ps, &np, &err)
				  : db_citizen_purchases(ctx->db, ctx->citizen.token, b->d->id, &ps,
							 &np, &err);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		voucher_rows_free(&vs, nv);
		return false;
	}
	for (int i = 0; i < nv; i++) {
		if (!voucher_pays(&vs[i], b->d))
			continue;
		sbuf_reset(&l);
		sbuf_addf(&l, _("Voucher %s: balance "), vs[i].programme_name);
		money_format_yuan(&l, vs[i].balance_fen);
		sbuf_addf(&l, _(" yuan, valid until %s"), vs[i].valid_until);
		option_add(b, (struct booking_pay){ vs[i].id, 0 }, vs[i].balance_fen, l.buf);
	}
	for (int i = 0; i < np; i++) {
		if (ps[i].units_left <= 0)
			continue;
		sbuf_reset(&l);
		sbuf_addf(&l, _("Bought for you by %s (free, %d places left)"), ps[i].buyer,
			  ps[i].units_left);
		option_add(b, (struct booking_pay){ 0, ps[i].id }, 0, l.buf);
	}
	option_add(b, (struct booking_pay){ 0, 0 }, 0,
		   b->d->paid ? _("No voucher: pay the provider in full offline")
			      : _("Free: nothing to pay"));
	voucher_rows_free(&vs, nv);
	purchase_rows_free(&ps, np);
	sbuf_release(&l);
	ui_list_reset(&b->opt_list, b->nopts);
	return true;
}

void ui_service_book_open(struct ui_ctx *ctx, const struct service_detail *d, const char *person_id)
{
	struct booking *b;
	struct db_error err = DB_ERROR_INIT;

	if (!person_id && !ctx->citizen.token) {
		ui_message(ctx, UI_MSG_INFO,
			   ctx->staff.token
				   ? _("Book for a person from their page (查找办理人).")
				   : _("Please sign in first (登录办理: your ID number and PIN)."));
		return;
	}
	b = xcalloc(1, sizeof(*b));
	b->d = d;
	b->person_id = person_id ? xstrdup(person_id) : NULL;
	ui_field_init(&b->consent, N_("Consent"), 60, false);
	if (db_service_slots(ctx->db, d->id, &b->slots, &b->nslots, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	/* a kiosk's person picks by number, as in its menus */
	b->slot_list =
		(struct ui_list){ .draw_row = draw_slot, .data = b, .digits = ctx->opt->kiosk };
	ui_list_reset(&b->slot_list, b->nslots);
	b->opt_list = (struct ui_list){
		.draw_row = draw_option, .data = b, .row_h = 2, .digits = ctx->opt->kiosk
	};
	ui_view_push(ctx, &ui_service_book, b);
}

static void booking_destroy(struct ui_view *v)
{
	struct booking *b = v->priv;

	slot_rows_free(&b->slots, b->nslots);
	options_free(b);
	ui_field_release(&b->consent);
	db_outcome_release(&b->out);
	free(b->person_id);
	free(b);
}

static void draw_slot(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct slot_row *s = &((struct booking *)data)->slots[i];
	struct sbuf l = SBUF_INIT;

	/* the seats before the place: a long address is what gets cut */
	sbuf_addf(&l, "%s–%s  ", s->starts_at, s->ends_at + 11);
	if (s->seats_left > 0)
		sbuf_addf(&l, _("%d of %d seats left"), s->seats_left, s->capacity);
	else
		sbuf_addf(&l, _("full, %lld waiting"), s->waiting);
	sbuf_addf(&l, "  %s", s->place);
	ui_put(ctx, at->y, at->x, at->w, l.buf,
	       a == UI_A_NORMAL && s->seats_left <= 0 ? UI_A_DIM : a);
	sbuf_release(&l);
}

/* A way to pay, with a blank row under it: larger targets. */
static void draw_option(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	ui_put(ctx, at->y, at->x, at->w, ((struct booking *)data)->opts[i].label, a);
}

static void draw_slots(struct ui_ctx *ctx, struct booking *b, int y, const struct ui_rect *r)
{
	ui_put(ctx, y++, r->x + 2, r->w - 4, _("Step 1 of 3: choose a time (↑↓, Enter)."),
	       UI_A_HEADING);
	if (!b->nslots)
		ui_put(ctx, y + 1, r->x + 2, r->w - 4, _("No time can be booked just now."),
		       UI_A_DIM);
	ui_list_draw(&b->slot_list, ctx,
		     &(struct ui_rect){ y + 1, r->x + 2, r->y + r->h - y - 1, r->w - 4 });
}

static void draw_pay(struct ui_ctx *ctx, struct booking *b, int y, const struct ui_rect *r)
{
	ui_put(ctx, y++, r->x + 2, r->w - 4, _("Step 2 of 3: how to pay (↑↓, Enter)."),
	       UI_A_HEADING);
	ui_list_draw(&b->opt_list, ctx,
		     &(struct ui_rect){ y + 1, r->x + 2, r->y + r->h - y - 1, r->w - 4 });
}

/* What the chosen payment covers, and what is left to pay offline. */
static void pay_split(const struct booking *b, long long *voucher, long long *offline)
{
	const struct pay_option *o = &b->opts[b->opt_list.selected];

	*voucher =
		o->pay.voucher ? (o->balance < b->d->price_fen ? o->balance : b->d->price_fen) : 0;
	*offline = o->pay.purchase ? 0 : b->d->price_fen - *voucher;
}

static void draw_money(struct ui_ctx *ctx, int y, const struct ui_rect *r, const char *label,
		       long long fen)
{
	struct sbuf l = SBUF_INIT;

	money_format_yuan(&l, fen);
	sbuf_adds(&l, _(" yuan"));
	ui_put(ctx, y, r->x + 2, 24, label, UI_A_HEADING);
	ui_put(ctx, y, r->x + 26, r->w - 28, l.buf, UI_A_NORMAL);
	sbuf_release(&l);
}

static void draw_confirm(struct ui_ctx *ctx, struct booking *b, int y, const struct ui_rect *r)
{
	const struct slot_row *s = &b->slots[b->slot_list.selected];
	struct sbuf l = SBUF_INIT;
	long long voucher, offline;

	ui_put(ctx, y++, r->x + 2, r->w - 4, _("Step 3 of 3: check and confirm (F2)."),
	       UI_A_HEADING);
	y++;
	sbuf_addf(&l, "%s  %s", s->starts_at, s->place);
	ui_put(ctx, y++, r->x + 2, r->w - 4, l.buf, UI_A_NORMAL);
	ui_put(ctx, y++, r->x + 2, r->w - 4, b->opts[b->opt_list.selected].label, UI_A_NORMAL);
	pay_split(b, &voucher, &offline);
	draw_money(ctx, y++, r, _("Price"), b->d->price_fen);
	draw_money(ctx, y++, r, _("Paid by the voucher"), voucher);
	draw_money(ctx, y++, r, _("To pay the provider offline"), offline);
	y++;
	if (b->person_id) {
		ui_put_wrapped(ctx, y++, r->x + 2, r->w - 4, 1,
			       _("How did the person agree? e.g. 本人到场口头同意"), UI_A_DIM);
		ui_field_draw(&b->consent, ctx, y++, r->x + 2, 10, r->w - 16, true);
	}
	ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 2,
		       _("The voucher amount is held now and paid to the provider only when the "
			 "service is completed; cancelling before the deadline returns it."),
		       UI_A_DIM);
	sbuf_release(&l);
}

static void draw_done(struct ui_ctx *ctx, struct booking *b, int y, const struct ui_rect *r)
{
	const struct slot_row *s = &b->slots[b->slot_list.selected];
	struct sbuf l = SBUF_INIT;

	ui_put(ctx, y, r->x + 2, r->w - 4, _("Booked."), UI_A_BIG);
	y += 2;
	ui_put(ctx, y, r->x + 2, 24, _("Booking number"), UI_A_HEADING);
	ui_put(ctx, y++, r->x + 26, r->w - 28, b->out.booking_no, UI_A_BIG);
	sbuf_addf(&l, "%s  %s", s->starts_at, s->place);
	ui_put(ctx, y++, r->x + 2, r->w - 4, b->d->title, UI_A_NORMAL);
	ui_put(ctx, y++, r->x + 2, r->w - 4, l.buf, UI_A_NORMAL);
	if (b->d->price_fen == 0 || b->opts[b->opt_list.selected].pay.purchase) {
		ui_put(ctx, y++, r->x + 2, r->w - 4,
		       b->d->price_fen == 0 ? _("free (public welfare)")
					    : _("Bought for you: nothing to pay"),
		       UI_A_NORMAL);
	} else {
		draw_money(ctx, y++, r, _("Paid by the voucher"), b->out.voucher_fen);
		if (b->out.voucher_id)
			draw_money(ctx, y++, r, _("Voucher balance now"), b->out.balance_fen);
		draw_money(ctx, y++, r, _("To pay the provider offline"), b->out.offline_fen);
	}
	sbuf_reset(&l);
	sbuf_addf(&l, _("You may cancel until %d hours before the start, in 我的预约."),
		  b->d->cancel_hours);
	ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 2, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void booking_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct booking *b = v->priv;
	int y = r->y;

	ui_put(ctx, y, r->x + 2, r->w - 4, b->d->title, UI_A_HEADING);
	y += 2;
	switch (b->step) {
	case STEP_SLOT:
		draw_slots(ctx, b, y, r);
		break;
	case STEP_PAY:
		draw_pay(ctx, b, y, r);
		break;
	case STEP_CONFIRM:
		draw_confirm(ctx, b, y, r);
		break;
	case STEP_DONE:
		draw_done(ctx, b, y, r);
		break;
	}
}

/* Send the booking (or the waiting-list request) with the step's key. */
static void send(struct ui_ctx *ctx, struct booking *b, bool wait)
{
	struct db_error err = DB_ERROR_INIT;
	struct booking_pay pay = b->opts[b->opt_list.selected].pay;
	long long slot = b->slots[b->slot_list.selected].id;
	enum db_status st;
	char *consent = NULL;

	if (b->person_id) {
		char *typed = editline_get(&b->consent.ed);
		consent = normalize_input(typed, 0);
		free(typed);
		if (!consent || !*consent) {
			ui_field_set_error(&b->consent, _("Record how the person agreed."));
			free(consent);
			return;
		}
		st = db_counter_book(ctx->db, ctx->staff.token, b->key, b->person_id, slot, pay,
				     consent, &b->out, &err);
	} else if (wait) {
		st = db_citizen_waitlist_join(ctx->db, ctx->citizen.token, b->key, slot, pay,
					      &b->out, &err);
	} else {
		st = db_citizen_book(ctx->db, ctx->citizen.token, b->key, slot, pay, &b->out, &err);
	}
	free(consent);
	if (st != DB_OK) {
		/* the key stays: F2 again sends the same request */
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (strcmp(b->out.outcome, "ok") == 0) {
		b->step = STEP_DONE;
		ui_message(ctx, UI_MSG_INFO, _("Booked. Note the booking number."));
	} else if (strcmp(b->out.outcome, "waiting") == 0) {
		ui_message(ctx, UI_MSG_INFO,
			   _("You are on the waiting list: a freed seat goes to the first in line, "
			     "and shows in 我的预约."));
		db_request_key(b->key);
	} else {
		ui_message(ctx, UI_MSG_ERROR, _(db_outcome_msgid(b->out.outcome)));
		db_request_key(b->key); /* a new attempt is a new request */
	}
}

/* The keys of each step, and after the booking only the ways out: the
 * key bar offers what the handler does. */
static bool booking_key_works(const struct ui_view *v, int op)
{
	const struct booking *b = v->priv;

	switch (op) {
	case OP_ENTER:
		return b->step == STEP_SLOT || b->step == STEP_PAY;
	case OP_CONFIRM:
		return b->step == STEP_CONFIRM;
	case OP_WAIT:
		/* waiting lists are joined at the kiosk, by the person */
		return b->step == STEP_CONFIRM && !b->person_id;
	case OP_STEP_BACK:
		return b->step == STEP_PAY || b->step == STEP_CONFIRM;
	default:
		return true;
	}
}

static bool booking_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct booking *b = v->priv;
	struct ui_list *l = b->step == STEP_SLOT ? &b->slot_list : &b->opt_list;

	if (b->step == STEP_DONE)
		return false; /* Esc goes back to the service */
	if (ev->op == OP_STEP_BACK && b->step != STEP_SLOT) {
		b->step--;
		return true;
	}
	if (ev->op == OP_CONFIRM || ev->op == OP_WAIT) {
		send(ctx, b, ev->op == OP_WAIT);
		return true;
	}
	if (b->step == STEP_CONFIRM)
		return b->person_id && ui_field_handle(&b->consent, ev);
	enum ui_list_result r = ui_list_handle(l, ev);
	if (r == UI_LIST_MOVED)
		return true;
	if (r != UI_LIST_CHOSEN && ev->op != OP_ENTER)
		return false;
	if (l->count == 0)
		return true;
	if (b->step == STEP_SLOT) {
		if (options_load(ctx, b))
			b->step = STEP_PAY;
	} else {
		db_request_key(b->key);
		b->step = STEP_CONFIRM;
	}
	return true;
}

static const struct ui_view_ops ui_service_book = {
	.title = N_("Book a service"),
	.bindings = bindings,
	.draw = booking_draw,
	.handle = booking_handle,
	.key_works = booking_key_works,
	.destroy = booking_destroy,
};
