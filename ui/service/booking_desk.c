/*
 * provider_desk: closing bookings once their time has come (Art. 13, 20),
 * one screen for the two who may.
 *
 * A provider's staff (本机构预约) see the bookings of their services day
 * by day: PgUp/PgDn or ←/→ change the day, Home goes back to today, F3
 * or / finds a booking by its number and goes to its day. A counter clerk
 * (办结预约（线下服务）) finds one booking of a person of the counter's
 * area by its number. Either then marks the chosen booking 已完成 with F5
 * or 未到场 with F6, each pressed twice (booking_close.c).
 *
 * A provider's staff confirm a booking with F4 (接单确认: the person sees
 * it at the kiosk; confirming twice is confirming, so one press does), and
 * close a time slot of the day with F7 (slot_close.c).
 *
 * From a booking found at the counter, F7 opens the person's page (their
 * vouchers and bookings, acting for them): finding a person by a booking
 * number.
 */
#include "config.h"
#include "ui/service/service.h"
#include "ui/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_counter_close;

static const struct ui_view_ops ui_provider_desk;
static ui_list_draw_fn draw_row;

enum {
	OP_COMPLETE = 1,
	OP_NO_SHOW,
	OP_FIND,
	OP_PREV_DAY,
	OP_NEXT_DAY,
	OP_TODAY,
	OP_PERSON,
	OP_SLOTS,
	OP_CONFIRM
};

#define NO_MAX_CHARS 24 /* a booking number: YY, the day, six digits */

struct desk {
	bool by_day; /* a provider's day list; else (counter) one booking found */
	struct date day;
	struct provider_booking_row *rows;
	struct ui_list list; /* count: the rows' */
	struct booking_found found; /* counter: id 0 until one is found */
	struct ui_field no; /* the booking number to find */
	bool finding; /* by_day: the number field is open */
	struct ui_confirm close; /* F5 or F6 pressed once for a booking */
};

static const struct ui_binding provider_bindings[] = {
	{ KEY_F(4), true, OP_CONFIRM, "F4", N_("Confirm booking") },
	{ KEY_F(5), true, OP_COMPLETE, "F5", N_("Service completed") },
	{ KEY_F(6), true, OP_NO_SHOW, "F6", N_("No-show") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	{ KEY_F(3), true, OP_FIND, "F3", N_("Find by number") },
	{ KEY_F(7), true, OP_SLOTS, "F7", N_("Close a time slot") },
	{ KEY_PPAGE, true, OP_PREV_DAY, "PgUp", N_("Previous day") },
	{ KEY_NPAGE, true, OP_NEXT_DAY, "PgDn", N_("Next day") },
	UI_BIND_HELP,
	{ '/', false, OP_FIND, "/", N_("Find by number") },
	{ KEY_HOME, true, OP_TODAY, "Home", N_("Today") },
	UI_BIND_END,
};

static const struct ui_binding counter_bindings[] = {
	{ '\r', false, OP_FIND, "Enter", N_("Find") },
	{ KEY_F(5), true, OP_COMPLETE, "F5", N_("Service completed") },
	{ KEY_F(6), true, OP_NO_SHOW, "F6", N_("No-show") },
	{ KEY_F(7), true, OP_PERSON, "F7", N_("The person's page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* Booking numbers are letters and digits; an input method's full-width
 * forms are taken as ASCII, letters as capitals. */
static uint32_t filter_booking_no(uint32_t uc)
{
	uc = text_fold_fullwidth(uc);
	if (uc >= 'a' && uc <= 'z')
		uc -= 'a' - 'A';
	return (uc >= '0' && uc <= '9') || (uc >= 'A' && uc <= 'Z') ? uc : 0;
}

static void desk_disarm(struct desk *d)
{
	ui_confirm_disarm(&d->close);
}

/* Read the day's list again; false (reported) if it cannot be read. */
static bool desk_load_day(struct ui_ctx *ctx, struct desk *d)
{
	struct db_error err = DB_ERROR_INIT;

	provider_booking_rows_free(&d->rows, d->list.count);
	d->list.count = 0;
	if (db_provider_bookings(ctx->db, ctx->staff.token, d->day, &d->rows, &d->list.count,
				 &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	ui_list_count(&d->list, d->list.count);
	return true;
}

/* Find the booking of that number: select it in its day's list, or (the
 * counter) show it. False if the screen is gone (see the top). */
static bool desk_find_no(struct ui_ctx *ctx, struct desk *d, const char *no)
{
	struct booking_found f;
	struct db_error err = DB_ERROR_INIT;
	struct date day;
	enum db_status st = db_booking_find(ctx->db, ctx->staff.token, no, &f, &err);

	if (st == DB_ERR_SERVER && strcmp(err.sqlstate, "P0002") == 0) {
		ui_message(ctx, UI_MSG_ERROR, _(db_outcome_msgid("not_found")));
		db_error_release(&err);
		if (!d->by_day) { /* F5 and F6 must not act on the one shown before */
			booking_found_release(&d->found);
			desk_disarm(d);
		}
		return true;
	}
	if (st != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	desk_disarm(d);
	if (!d->by_day) {
		booking_found_release(&d->found);
		d->found = f;
		return true;
	}
	/* "YYYY-MM-DD HH:MM": the day is the part before the blank */
	f.starts_at[strcspn(f.starts_at, " ")] = '\0';
	if (date_parse(f.starts_at, &day) == DATE_OK)
		d->day = day;
	d->finding = false;
	long long id = f.id;
	booking_found_release(&f);
	if (!desk_load_day(ctx, d))
		return false;
	for (int i = 0; i < d->list.count; i++)
		if (d->rows[i].id == id)
			d->list.selected = i;
	return true;
}

static void desk_find(struct ui_ctx *ctx, struct desk *d)
{
	char *no = editline_get(&d->no.ed);

	if (!*no)
		ui_field_set_error(&d->no, _("Enter the booking number."));
	else
		desk_find_no(ctx, d, no);
	free(no);
}

static void desk_destroy(struct ui_view *v)
{
	struct desk *d = v->priv;

	provider_booking_rows_free(&d->rows, d->list.count);
	booking_found_release(&d->found);
	ui_field_release(&d->no);
	free(d);
}

/* How the booking is paid: "voucher 1500 yuan · offline 500 yuan". */
static void add_payment(struct sbuf *l, long long voucher_fen, long long offline_fen,
			bool purchased)
{
	struct sbuf yuan = SBUF_INIT;
	const char *sep = "";

	if (purchased) {
		sbuf_adds(l, _("bought by a department"));
		return;
	}
	if (voucher_fen > 0) {
		money_format_yuan(&yuan, voucher_fen);
		sbuf_addf(l, _("voucher %s yuan"), yuan.buf);
		sep = " · ";
	}
	if (offline_fen > 0) {
		sbuf_reset(&yuan);
		money_format_yuan(&yuan, offline_fen);
		sbuf_adds(l, sep);
		sbuf_addf(l, _("offline %s yuan"), yuan.buf);
	}
	if (voucher_fen <= 0 && offline_fen <= 0)
		sbuf_adds(l, _("free"));
	sbuf_release(&yuan);
}

/* "2026-11-30（周一）", today marked. */
static void add_day(struct sbuf *l, struct date day)
{
	static const char *const weekdays[] = {
		N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
		N_("Friday"), N_("Saturday"), N_("Sunday"),
	};
	char ymd[11];

	date_format(day, ymd);
	if (date_compare(day, ui_today()) == 0)
		sbuf_addf(l, _("%s (%s, today)"), ymd, _(weekdays[date_weekday(day) - 1]));
	else
		sbuf_addf(l, _("%s (%s)"), ymd, _(weekdays[date_weekday(day) - 1]));
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r, enum ui_attr a)
{
	const struct provider_booking_row *b = &((struct desk *)data)->rows[i];
	struct sbuf l = SBUF_INIT;
	int title_w = r->w - 44 > 40 ? 40 : r->w - 44;
	int y = r->y;

	/* the times of "YYYY-MM-DD HH:MM" */
	sbuf_addf(&l, "%s–%s  ", strlen(b->starts_at) > 11 ? b->starts_at + 11 : b->starts_at,
		  strlen(b->ends_at) > 11 ? b->ends_at + 11 : b->ends_at);
	text_pad(&l, b->service_title, title_w > 10 ? (size_t)title_w : 10);
	sbuf_adds(&l, "  ");
	text_pad(&l, b->name_masked, 8);
	sbuf_addf(&l, "  [%s]", ui_status_label(STATUS_BOOKING, b->status));
	if (b->can_close)
		sbuf_adds(&l, _("  ready to close"));
	else if (strcmp(b->status, "booked") == 0)
		sbuf_adds(&l, b->confirmed ? _("  confirmed") : _("  F4 confirms"));
	ui_put(ctx, y, r->x, r->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    No. %s"), b->no);
	if (*b->place)
		sbuf_addf(&l, " · %s", b->place);
	sbuf_adds(&l, " · ");
	add_payment(&l, b->voucher_fen, b->offline_fen, b->purchased);
	ui_put(ctx, y + 1, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void draw_day(struct ui_ctx *ctx, struct desk *d, const struct ui_rect *r)
{
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	add_day(&l, d->day);
	int w = ui_put(ctx, y, r->x, r->w, l.buf, UI_A_HEADING);
	ui_put(ctx, y, r->x + w + 3, r->w - w - 3,
	       _("←/→ or PgUp/PgDn: another day; F3 or /: find by booking number"), UI_A_DIM);
	sbuf_release(&l);
	y += 2;
	if (d->finding) {
		ui_field_draw(&d->no, ctx, y, r->x, 10, NO_MAX_CHARS + 2, true);
		y += 2;
	}
	if (!d->list.count)
		ui_put(ctx, y, r->x, r->w, _("No bookings on this day."), UI_A_DIM);
	d->list.unfocused = d->finding; /* the cursor stays in the field */
	ui_list_draw(&d->list, ctx, &(struct ui_rect){ y, r->x, r->y + r->h - y, r->w });
}

static void card_row(struct ui_ctx *ctx, int y, int x, int w, const char *label, const char *value)
{
	ui_put(ctx, y, x, 12, _(label), UI_A_HEADING);
	ui_put(ctx, y, x + 12, w - 12, value, UI_A_NORMAL);
}

static void draw_found(struct ui_ctx *ctx, struct desk *d, const struct ui_rect *r)
{
	const struct booking_found *f = &d->found;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	ui_put_wrapped(ctx, y, r->x, r->w, 2,
		       _("Type the booking number the person shows (on the booking receipt, or at "
			 "the kiosk under 我的预约与创业券), then press Enter."),
		       UI_A_DIM);
	y += 3;
	int keep_y, keep_x;
	ui_field_draw(&d->no, ctx, y, r->x, 12, NO_MAX_CHARS + 2, true);
	keep_y = ctx->cursor_y;
	keep_x = ctx->cursor_x;
	y += 3;
	if (f->id) {
		card_row(ctx, y++, r->x, r->w, N_("Booking number"), f->no);
		card_row(ctx, y++, r->x, r->w, N_("Name"), f->name_masked);
		card_row(ctx, y++, r->x, r->w, N_("Service item"), f->service_title);
		card_row(ctx, y++, r->x, r->w, N_("Provider"), f->provider_name);
		card_row(ctx, y++, r->x, r->w, N_("Booked time"), f->starts_at);
		card_row(ctx, y++, r->x, r->w, N_("Status"),
			 ui_status_label(STATUS_BOOKING, f->status));
		add_payment(&l, f->voucher_fen, f->offline_fen, f->purchased);
		card_row(ctx, y++, r->x, r->w, N_("Paid by"), l.buf);
		y++;
		if (strcmp(f->status, "booked") == 0)
			ui_put_wrapped(
				ctx, y, r->x, r->w, 3,
				_("F5: the service was given (the voucher money held is paid "
				  "to the provider). F6: the person did not come (it goes "
				  "back to the person's voucher)."),
				UI_A_NORMAL);
	}
	ui_set_cursor(ctx, keep_y, keep_x);
	sbuf_release(&l);
}

static void desk_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct desk *d = v->priv;

	if (d->by_day)
		draw_day(ctx, d, r);
	else
		draw_found(ctx, d, r);
}

/* The booking F5 and F6 act on, if there is one. */
static bool desk_target(const struct desk *d, struct booking_target *t)
{
	memset(t, 0, sizeof(*t));
	if (d->by_day) {
		if (!d->list.count)
			return false;
		const struct provider_booking_row *b = &d->rows[d->list.selected];
		*t = (struct booking_target){ b->id, b->voucher_fen, b->status, b->purchased,
					      strcmp(b->status, "booked") == 0 && !b->can_close };
		return true;
	}
	if (!d->found.id)
		return false;
	*t = (struct booking_target){ d->found.id, d->found.voucher_fen, d->found.status,
				      d->found.purchased, false };
	return true;
}

/* F5 (completed) or F6 (no-show), each pressed twice. */
static void desk_close(struct ui_ctx *ctx, struct desk *d, int op)
{
	struct booking_target t;

	if (!desk_target(d, &t)) {
		ui_message(ctx, UI_MSG_INFO,
			   d->by_day ? _("There is no booking on this day to close.")
				     : _("Find the booking by its number first."));
		return;
	}
	if (t.too_early) {
		/* the list may be older than the service's start: ask again */
		long long id = t.id;
		if (!desk_load_day(ctx, d))
			return;
		for (int i = 0; i < d->list.count; i++)
			if (d->rows[i].id == id)
				d->list.selected = i;
		if (!desk_target(d, &t) || t.id != id)
			return;
	}
	if (!ui_booking_close(ctx, &d->close, &t, op == OP_COMPLETE))
		return;
	if (d->by_day) {
		desk_load_day(ctx, d);
	} else {
		char *no = xstrdup(d->found.no);
		desk_find_no(ctx, d, no);
		free(no);
	}
}

static void desk_move_day(struct ui_ctx *ctx, struct desk *d, int op)
{
	struct date day = d->day;

	if (op == OP_TODAY)
		day = ui_today();
	else if (!date_add_days(&day, op == OP_PREV_DAY ? -1 : 1))
		return;
	d->day = day;
	ui_list_reset(&d->list, d->list.count);
	desk_disarm(d);
	desk_load_day(ctx, d);
}

static bool is_enter(const struct ui_event *ev)
{
	return ev->type == UI_EV_KEY && ((ev->fkey && ev->key == KEY_ENTER) ||
					 (!ev->fkey && (ev->key == '\r' || ev->key == '\n')));
}

/* The number field has the keys: the counter's always, the day list's
 * while it is open. */
static bool desk_field_event(struct ui_ctx *ctx, struct desk *d, const struct ui_event *ev)
{
	if (is_enter(ev) || (ev->op == OP_FIND && ev->fkey)) {
		desk_find(ctx, d);
		return true;
	}
	if (ui_field_handle(&d->no, ev))
		return true;
	if (d->by_day && ev->op == UI_OP_BACK) { /* Esc closes the field only */
		d->finding = false;
		return true;
	}
	return false;
}

static void desk_confirm(struct ui_ctx *ctx, struct desk *d)
{
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL;

	if (!d->list.count)
		return;
	const struct provider_booking_row *b = &d->rows[d->list.selected];
	if (db_booking_confirm(ctx->db, ctx->staff.token, b->id, &outcome, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (strcmp(outcome, "ok") == 0) {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Booking %s confirmed: the person sees it at the kiosk."), b->no);
		desk_load_day(ctx, d);
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	} else {
		ui_message(ctx, UI_MSG_ERROR,
			   strcmp(outcome, "not_open") == 0
				   ? _("Only an open booking can be confirmed: this one is "
				       "cancelled or "
				       "closed.")
				   : _("This booking is not one of this provider's."));
	}
	free(outcome);
}

/* F4 is offered for an open booking not yet confirmed, F5 and F6 for an
 * open one whose time has come, F7 (counter) once a booking is found;
 * pressed anyway, their handlers say why not. */
static bool desk_key_offered(const struct ui_view *v, int op)
{
	const struct desk *d = v->priv;
	const struct provider_booking_row *b =
		d->by_day && d->list.count ? &d->rows[d->list.selected] : NULL;
	const char *status = b ? b->status : d->found.id ? d->found.status : "";
	bool open = strcmp(status, "booked") == 0;

	switch (op) {
	case OP_CONFIRM:
		return b && open && !b->confirmed;
	case OP_COMPLETE:
	case OP_NO_SHOW:
		return open && (b ? b->can_close || ui_time_has_come(b->starts_at)
				  : ui_time_has_come(d->found.starts_at));
	case OP_PERSON:
		return d->found.id != 0;
	default:
		return true;
	}
}

static bool desk_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct desk *d = v->priv;

	if (ev->type == UI_EV_SHOW) { /* back from help */
		if (d->by_day)
			desk_load_day(ctx, d);
		return true;
	}
	if ((!d->by_day || d->finding) && desk_field_event(ctx, d, ev))
		return true;
	switch (ev->op) {
	case OP_COMPLETE:
	case OP_NO_SHOW:
		desk_close(ctx, d, ev->op);
		return true;
	case OP_FIND:
		editline_clear(&d->no.ed);
		ui_field_set_error(&d->no, NULL);
		ui_message_clear(ctx);
		d->finding = true;
		return true;
	case OP_PREV_DAY:
	case OP_NEXT_DAY:
	case OP_TODAY:
		desk_move_day(ctx, d, ev->op);
		return true;
	case OP_CONFIRM:
		desk_confirm(ctx, d);
		return true;
	case OP_SLOTS: /* the same day's slots, to close one */
		desk_disarm(d);
		ui_slot_close_open(ctx, d->day);
		return true;
	case OP_PERSON: { /* a person found by a booking number (counter) */
		char id[24];
		void *priv;
		if (!d->found.id) {
			ui_message(ctx, UI_MSG_INFO, _("Find the booking by its number first."));
			return true;
		}
		snprintf(id, sizeof(id), "%lld", d->found.person_id);
		if ((priv = ui_counter_person_new(ctx, id)))
			ui_view_push(ctx, &ui_counter_person, priv);
		return true;
	}
	default:
		break;
	}
	if (!d->by_day)
		return false;
	if (ev->type == UI_EV_KEY && ev->fkey && (ev->key == KEY_LEFT || ev->key == KEY_RIGHT)) {
		desk_move_day(ctx, d, ev->key == KEY_LEFT ? OP_PREV_DAY : OP_NEXT_DAY);
		return true;
	}
	if (ui_list_handle(&d->list, ev) != UI_LIST_MOVED)
		return false;
	desk_disarm(d);
	return true;
}

void ui_provider_desk_open(struct ui_ctx *ctx)
{
	struct desk *d = xcalloc(1, sizeof(*d));

	d->list = (struct ui_list){ .draw_row = draw_row, .data = d, .row_h = 2 };
	d->by_day = ctx->staff.role == ROLE_PROVIDER;
	d->day = ui_today();
	ui_field_init(&d->no, N_("Booking number"), NO_MAX_CHARS, false);
	d->no.filter = filter_booking_no;
	if (d->by_day && !desk_load_day(ctx, d)) {
		provider_booking_rows_free(&d->rows, d->list.count);
		ui_field_release(&d->no);
		free(d);
		return;
	}
	ui_view_push(ctx, d->by_day ? &ui_provider_desk : &ui_counter_close, d);
}

static const struct ui_view_ops ui_provider_desk = {
	.title = N_("Bookings of this provider"),
	.bindings = provider_bindings,
	.draw = desk_draw,
	.handle = desk_handle,
	.key_offered = desk_key_offered,
	.destroy = desk_destroy,
};

static const struct ui_view_ops ui_counter_close = {
	.title = N_("Close a booking (offline service)"),
	.bindings = counter_bindings,
	.draw = desk_draw,
	.handle = desk_handle,
	.key_offered = desk_key_offered,
	.destroy = desk_destroy,
};
