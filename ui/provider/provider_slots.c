/*
 * provider_slots: 预约时段 of one of the provider's services — every slot
 * that ended in the last 30 days or is still to come, by start: its seats
 * (名额), those taken (已预约), those left (剩余名额), those waiting (候补),
 * marked when started or closed. F2 adds a slot (date, time, minutes,
 * seats, place; the date and time are Beijing time); F5 sets the chosen
 * slot's seats to the number typed below the list: never fewer than those
 * already booked (the message says how many), and more seats go at once
 * to those waiting, in order. Closing a slot is not done here.
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_ADD = 1, OP_CAPACITY };

struct slots {
	long long service;
	char *title;
	struct provider_slot *v;
	int n;
	struct ui_list list;
	struct ui_field seats;
	char key[37];
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_ADD, "F2", N_("Add a slot") },
	{ KEY_F(5), true, OP_CAPACITY, "F5", N_("Set seats") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* A whole number typed (full-width digits too) from lo to hi, or -1. */
static long whole(const char *value, long lo, long hi)
{
	char *s = normalize_input(value, 0);
	char *end = NULL;
	long n = s && *s ? strtol(s, &end, 10) : -1;

	if (!end || *end || n < lo || n > hi)
		n = -1;
	free(s);
	return n;
}

static const char *check_seats(const char *value)
{
	return whole(value, 1, 10000) < 0 ? N_("Type the seats, from 1 to 10000.") : NULL;
}

static bool slots_load(struct ui_ctx *ctx, struct slots *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct provider_slot *v = NULL;
	int n = 0;

	if (db_provider_slots(ctx->db, ctx->staff.token, s->service, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	provider_slots_free(&s->v, s->n);
	s->v = v;
	s->n = n;
	ui_list_count(&s->list, n);
	return true;
}

static const struct ui_view_ops slots_ops;
static ui_list_draw_fn draw_slot;

void ui_provider_slots_open(struct ui_ctx *ctx, long long service, const char *title)
{
	struct slots *s = xcalloc(1, sizeof(*s));

	s->service = service;
	s->list = (struct ui_list){ .draw_row = draw_slot, .data = s };
	if (!slots_load(ctx, s)) {
		free(s);
		return;
	}
	s->title = xstrdup(title);
	ui_field_init(&s->seats, N_("New seats"), 6, false);
	s->seats.filter = ui_filter_digits;
	s->seats.check = check_seats;
	s->seats.required = true;
	db_request_key(s->key);
	ui_view_push(ctx, &slots_ops, s);
}

static void slots_destroy(struct ui_view *v)
{
	struct slots *s = v->priv;

	provider_slots_free(&s->v, s->n);
	ui_field_release(&s->seats);
	free(s->title);
	free(s);
}

static void draw_slot(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct provider_slot *p = &((struct slots *)data)->v[i];
	/* the end's time only: "2026-12-01 09:00–10:30" */
	const char *end = strchr(p->ends_at, ' ');
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, "%s–%s  ", p->starts_at, end ? end + 1 : p->ends_at);
	sbuf_addf(&t, _("seats %d, booked %d, left %d"), p->capacity, p->taken, p->seats_left);
	if (p->waiting)
		sbuf_addf(&t, _(", waiting %lld"), p->waiting);
	if (p->cancelled)
		sbuf_adds(&t, _(" [closed]"));
	else if (p->started)
		sbuf_adds(&t, _(" [started]"));
	sbuf_addf(&t, "  %s", p->place);
	ui_put(ctx, at->y, at->x, at->w, t.buf,
	       a == UI_A_NORMAL && (p->cancelled || p->started) ? UI_A_DIM : a);
	sbuf_release(&t);
}

static void slots_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct slots *s = v->priv;
	int y = b->y;

	ui_put(ctx, y, b->x + 2, b->w - 4, s->title, UI_A_HEADING);
	y += 2;
	if (!s->n)
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No time slots yet: F2 adds one."), UI_A_DIM);
	ui_list_draw(&s->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - 3, b->w - 4 });
	s->seats.msg_w = b->w - 20;
	ui_field_draw(&s->seats, ctx, b->y + b->h - 2, b->x + 2, 14, 8, true);
	ui_put(ctx, b->y + b->h - 2, b->x + 26, b->w - 28,
	       _("F5: the chosen slot gets these seats."), UI_A_DIM);
}

static void slots_capacity(struct ui_ctx *ctx, struct slots *s)
{
	if (!s->n) {
		ui_message(ctx, UI_MSG_INFO, _("No time slots yet: F2 adds one."));
		return;
	}
	if (!ui_field_check(&s->seats))
		return;
	const struct provider_slot *p = &s->v[s->list.selected];
	char *typed = editline_get(&s->seats.ed);
	int seats = (int)whole(typed, 1, 10000);
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf t = SBUF_INIT;

	free(typed);
	if (db_provider_slot_capacity(ctx->db, ctx->staff.token, s->key, p->id, seats, &o, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err); /* the same key again: the call is made once */
		db_error_release(&err);
		return;
	}
	db_request_key(s->key);
	if (strcmp(o.outcome, "ok") == 0) {
		sbuf_addf(&t, _("The slot has %d seats now; %d are booked."), seats, o.taken);
		editline_clear(&s->seats.ed);
		slots_load(ctx, s);
		ui_message(ctx, UI_MSG_INFO, t.buf);
	} else if (strcmp(o.outcome, "below_taken") == 0) {
		sbuf_addf(&t,
			  _("Not changed: %d seats are already booked, so the slot needs at least "
			    "%d seats."),
			  o.taken, o.taken);
		ui_field_set_error(&s->seats, t.buf);
		ui_message(ctx, UI_MSG_ERROR, t.buf);
	} else {
		ui_message(ctx, UI_MSG_ERROR, _(db_act_outcome_msgid(o.outcome)));
		slots_load(ctx, s);
	}
	sbuf_release(&t);
	db_act_outcome_release(&o);
}

static void slot_add_open(struct ui_ctx *ctx, long long service, const char *title);

static bool slots_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct slots *s = v->priv;

	if (ev->type == UI_EV_SHOW)
		return slots_load(ctx, s), true;
	if (ev->op == OP_ADD) {
		slot_add_open(ctx, s->service, s->title);
		return true;
	}
	if (ev->op == OP_CAPACITY) {
		slots_capacity(ctx, s);
		return true;
	}
	if (ui_list_handle(&s->list, ev) == UI_LIST_MOVED)
		return true;
	return ui_field_handle(&s->seats, ev);
}

static const struct ui_view_ops slots_ops = {
	.title = N_("Time slots"),
	.bindings = bindings,
	.draw = slots_draw,
	.handle = slots_handle,
	.destroy = slots_destroy,
};

/* --- 新增预约时段 ---------------------------------------------------------- */

enum { A_DATE, A_TIME, A_MINUTES, A_SEATS, A_PLACE, A_N };

struct slot_add {
	long long service;
	char *title;
	struct ui_field f[A_N];
	struct ui_form form;
	char key[37];
};

/* "9:30", "09:30", "0930" (full-width too) as "09:30"; false if not a time. */
static bool time_of(const char *value, char out[6])
{
	char *s = normalize_input(value, 0);
	int h = -1, m = -1;
	char extra;
	bool ok = false;

	if (s && (sscanf(s, "%d:%d%c", &h, &m, &extra) == 2 ||
		  (strlen(s) == 4 && sscanf(s, "%2d%2d%c", &h, &m, &extra) == 2)))
		ok = h >= 0 && h <= 23 && m >= 0 && m <= 59;
	if (ok)
		snprintf(out, 6, "%02d:%02d", h, m);
	free(s);
	return ok;
}

static const char *check_time(const char *value)
{
	char t[6];

	return time_of(value, t) ? NULL : N_("Type the time as hours:minutes, e.g. 09:30.");
}

static const char *check_minutes(const char *value)
{
	return whole(value, 5, 1440) < 0 ? N_("Type the minutes, from 5 to 1440.") : NULL;
}

/* The field each refusal is about. */
static const struct ui_form_refusal add_refusals[] = {
	{ "in_past", A_TIME },
	{ "slot_exists", A_TIME },
	{ "bad_minutes", A_MINUTES },
	{ "bad_capacity", A_SEATS },
	{ "moderation", A_PLACE },
	{ "text_too_long", A_PLACE },
	{ NULL, -1 },
};

static const struct ui_view_ops add_ops;

static void slot_add_open(struct ui_ctx *ctx, long long service, const char *title)
{
	struct slot_add *a = xcalloc(1, sizeof(*a));

	a->service = service;
	a->title = xstrdup(title);
	ui_field_init(&a->f[A_DATE], N_("Date"), 12, false);
	a->f[A_DATE].check = ui_check_date;
	ui_field_init(&a->f[A_TIME], N_("Start time"), 6, false);
	a->f[A_TIME].check = check_time;
	ui_field_init(&a->f[A_MINUTES], N_("Minutes"), 5, false);
	a->f[A_MINUTES].check = check_minutes;
	a->f[A_MINUTES].filter = ui_filter_digits;
	editline_set(&a->f[A_MINUTES].ed, "60");
	ui_field_init(&a->f[A_SEATS], N_("Seats"), 6, false);
	a->f[A_SEATS].check = check_seats;
	a->f[A_SEATS].filter = ui_filter_digits;
	ui_field_init(&a->f[A_PLACE], N_("Place (if not the service's)"), 200, false);
	for (int i = 0; i < A_PLACE; i++)
		a->f[i].required = true;
	a->form =
		(struct ui_form){ .fields = a->f, .count = A_N, .button = N_("Add"), .msg_w = 50 };
	db_request_key(a->key);
	ui_view_push(ctx, &add_ops, a);
}

static void add_destroy(struct ui_view *v)
{
	struct slot_add *a = v->priv;

	for (int i = 0; i < A_N; i++)
		ui_field_release(&a->f[i]);
	free(a->title);
	free(a);
}

static void add_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct slot_add *a = v->priv;

	ui_put(ctx, b->y, b->x, b->w, a->title, UI_A_HEADING);
	ui_form_draw(&a->form, ctx, b->y + 2, b->x, 24, b->w - 26);
	int y = a->form.button_y + 2;
	ui_put_wrapped(ctx, y, b->x, b->w, b->y + b->h - y,
		       _("Beijing time. The slot is bookable at once; its seats can be raised "
			 "later, never below those booked."),
		       UI_A_DIM);
}

static void add_save(struct ui_ctx *ctx, struct slot_add *a)
{
	char *v[A_N];
	char day[11], at[6], starts[20];
	struct date d;
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;

	for (int i = 0; i < A_N; i++)
		v[i] = editline_get(&a->f[i].ed);
	date_parse(v[A_DATE], &d);
	date_format(d, day);
	time_of(v[A_TIME], at);
	snprintf(starts, sizeof(starts), "%s %s", day, at);
	struct provider_slot_input in = { a->service, starts, (int)whole(v[A_MINUTES], 5, 1440),
					  (int)whole(v[A_SEATS], 1, 10000), v[A_PLACE] };
	if (db_provider_slot_add(ctx->db, ctx->staff.token, a->key, &in, &o, &err) != DB_OK) {
		ui_db_refused(ctx, &err); /* the same key again: the call is made once */
		db_error_release(&err);
	} else {
		db_request_key(a->key);
		if (strcmp(o.outcome, "ok") == 0) {
			struct sbuf t = SBUF_INIT;
			sbuf_addf(&t, _("The time slot %s is added and can be booked."), starts);
			ui_view_pop(ctx);
			ui_message(ctx, UI_MSG_INFO, t.buf);
			sbuf_release(&t);
		} else {
			ui_act_refused(ctx, &a->form, add_refusals, &o);
		}
		db_act_outcome_release(&o);
	}
	for (int i = 0; i < A_N; i++)
		free(v[i]);
}

static bool add_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct slot_add *a = v->priv;
	enum ui_form_result r = ui_form_event(&a->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		add_save(ctx, a); /* may pop and free a */
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops add_ops = {
	.title = N_("Add a time slot"),
	.bindings = ui_form_save_bindings,
	.draw = add_draw,
	.handle = add_handle,
	.destroy = add_destroy,
};
