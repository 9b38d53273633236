/*
 * complaint_detail: one complaint for the supervisor (and, read-only or
 * urging, the bureau and the counter): the complaint, the booking and
 * service it concerns, the provider's rating and other complaints, how
 * the deadline was computed, and the timeline — internal notes marked as
 * such, replies to the complainant marked as such.
 *
 * F2 opens the steps this complaint's status allows to this role; the
 * chosen step takes its text (a reason, the reply, the question, the
 * note) and is sent with F2 pressed twice. F9 shows a complainant who
 * is not registered their mobile number in full, to call them back
 * (complaint_guest.c). The request key is kept while
 * armed, so a resend after a lost connection acts once. A refusal keeps
 * what was typed.
 *
 * F3 forwards it (转办, complaint_forward.c) to the provider or the
 * operator, where the database allows it; the forwardings, their due
 * days and marks and the answers are shown above the timeline.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_ACT = 1, OP_REVEAL, OP_FORWARD };

struct step {
	const char *action;
	const char *label; /* msgid */
	bool needs_text;
	const char *prompt; /* msgid: what to write */
};

static const struct step steps[] = {
	{ "accept", N_("Accept"), false, N_("Note to the complainant (optional)") },
	{ "reject", N_("Do not accept"), true, N_("Reason, shown to the complainant") },
	{ "assign", N_("Assign a handler"), false, N_("Instructions (internal, optional)") },
	{ "reply", N_("Reply to the complainant"), true, N_("Reply, shown to the complainant") },
	{ "request_info", N_("Ask for materials (the time limit stops)"), true,
	  N_("What the complainant should add, shown to the complainant") },
	{ "note", N_("Internal note (not shown to the complainant)"), true, N_("Internal note") },
	{ "follow_up", N_("Record the follow-up"), true,
	  N_("Follow-up record (internal): who was contacted, what they said") },
	{ "close", N_("Close"), false, N_("Closing note to the complainant (optional)") },
	{ "urge", N_("Urge (overdue)"), false, N_("Urging note (internal, optional)") },
	{ "escalate", N_("Report to the bureau (overdue)"), true,
	  N_("Why it is reported (internal)") },
};
#define NSTEPS ((int)(sizeof(steps) / sizeof(steps[0])))

struct detail {
	long long id;
	struct complaint_detail d;
	struct ui_pager page;
	struct ui_steps steps;
	struct ui_field handler; /* assign: the number in the handlers' list */
	bool on_handler; /* assign: typing goes to the handler's number (Tab) */
	struct code_list handlers;
	bool guest; /* filed at a kiosk by a person not registered */
	bool supervisor; /* the signed-in staff may ask for the guest's number */
	struct guest_shown shown; /* the guest's number, once F9 asked */
	bool forwarding; /* the 转办 form is open: read the page again after it */
};

/* The step being written, or NULL. */
static const struct step *writing(const struct detail *dt)
{
	return dt->steps.mode == UI_STEPS_WRITE ? &steps[dt->steps.chosen] : NULL;
}

static bool assigning(const struct detail *dt)
{
	return writing(dt) && strcmp(writing(dt)->action, "assign") == 0;
}

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_ACT, "F2", N_("Handle") },
	{ KEY_F(3), true, OP_FORWARD, "F3", N_("Forward") },
	{ KEY_F(9), true, OP_REVEAL, "F9", N_("Full mobile number") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_PAGER_KEYS,
	UI_BIND_HELP,
	UI_BIND_END,
};

static void add_field(struct ui_pager *p, const char *label, const char *value)
{
	struct sbuf l = SBUF_INIT;

	if (!value || !*value)
		return;
	sbuf_addf(&l, "%s：%s", label, value);
	ui_pager_add(p, l.buf, UI_A_NORMAL, 2);
	sbuf_release(&l);
}

/* How the deadline stood after each event, in words. */
static void add_clock(struct ui_ctx *ctx, struct detail *dt)
{
	struct complaint_clock_row *k = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;
	bool unknown = false;

	if (db_complaint_clock(ctx->db, ctx->staff.token, dt->id, &k, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_pager_add(&dt->page, _("How the time limit was computed (working days)"), UI_A_HEADING,
		     0);
	for (int i = 0; i < n; i++) {
		if (i > 0 && k[i].limit_days == k[i - 1].limit_days &&
		    k[i].paused == k[i - 1].paused && strcmp(k[i].due_on, k[i - 1].due_on) == 0)
			continue; /* a note, an assignment: nothing changed */
		sbuf_reset(&l);
		sbuf_addf(&l, "%s %s：", k[i].day, ui_complaint_event_label(k[i].action));
		if (k[i].limit_days < 0)
			sbuf_adds(&l, _("the time limit ends."));
		else if (k[i].paused)
			sbuf_addf(&l,
				  _("the clock stops while waiting for the complainant (%d of %d "
				    "working days used)."),
				  k[i].used_days, k[i].limit_days);
		else if (k[i].used_days > 0)
			sbuf_addf(&l,
				  _("the clock runs again from the next working day: %d of %d "
				    "working days left, due %s."),
				  k[i].limit_days - k[i].used_days, k[i].limit_days, k[i].due_on);
		else
			sbuf_addf(&l, _("%d working days from the next working day, due %s."),
				  k[i].limit_days, k[i].due_on);
		unknown |= !k[i].known;
		ui_pager_add(&dt->page, l.buf, UI_A_NORMAL, 2);
	}
	ui_pager_add(
		&dt->page,
		unknown ? _("The holiday schedule of a year counted here is not announced yet: "
			    "its weeks count as ordinary weeks, and the date may change when it "
			    "is.")
			: _("Working days follow the State Council's holiday schedule, make-up "
			    "working days included."),
		unknown ? UI_A_ERROR : UI_A_DIM, 2);
	sbuf_release(&l);
	complaint_clock_rows_free(&k, n);
}

static void add_timeline(struct ui_ctx *ctx, struct detail *dt)
{
	struct complaint_event_row *e = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (db_complaint_events(ctx->db, ctx->staff.token, dt->id, &e, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_pager_add(&dt->page, _("Timeline"), UI_A_HEADING, 0);
	for (int i = 0; i < n; i++) {
		sbuf_reset(&l);
		sbuf_addf(&l, "%s  %s  %s → %s", e[i].at,
			  e[i].by_person ? _("complainant") : e[i].actor,
			  ui_complaint_event_label(e[i].action),
			  ui_complaint_status_label(e[i].status_after));
		if (*e[i].handler)
			sbuf_addf(&l, _(" (handler: %s)"), e[i].handler);
		if (*e[i].rating)
			sbuf_addf(&l, " · %s", ui_satisfaction_label(e[i].rating));
		ui_pager_add(&dt->page, l.buf, UI_A_NORMAL, 2);
		if (!*e[i].body)
			continue;
		sbuf_reset(&l);
		if (!e[i].by_person)
			sbuf_adds(&l, e[i].visible
					      ? _("[to the complainant] ")
					      : _("[internal, not shown to the complainant] "));
		sbuf_adds(&l, e[i].body);
		ui_pager_add(&dt->page, l.buf, e[i].visible ? UI_A_NORMAL : UI_A_DIM, 6);
	}
	sbuf_release(&l);
	complaint_event_rows_free(&e, n);
}

static void add_history(struct ui_ctx *ctx, struct detail *dt)
{
	struct complaint_row *h = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (ctx->staff.role == ROLE_COUNTER || !dt->d.provider_id)
		return;
	if (db_complaint_history(ctx->db, ctx->staff.token, dt->id, &h, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	for (int i = 0; i < n; i++) {
		sbuf_reset(&l);
		sbuf_addf(&l, "%s  %s  %s  [%s]", h[i].created, h[i].no, h[i].category,
			  ui_complaint_status_label(h[i].status));
		if (*h[i].satisfaction)
			sbuf_addf(&l, " · %s", ui_satisfaction_label(h[i].satisfaction));
		ui_pager_add(&dt->page, l.buf, UI_A_DIM, 4);
	}
	sbuf_release(&l);
	complaint_rows_free(&h, n);
}

/* Read the complaint and lay the page out; false (reported) if it cannot be read. */
static bool detail_load(struct ui_ctx *ctx, struct detail *dt)
{
	struct db_error err = DB_ERROR_INIT;
	struct complaint_detail d;
	struct sbuf l = SBUF_INIT;

	if (db_complaint_get(ctx->db, ctx->staff.token, dt->id, &d, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	complaint_detail_release(&dt->d);
	dt->d = d;
	ui_pager_clear(&dt->page);
	sbuf_addf(&l, _("Complaint %s  [%s]"), d.no, ui_complaint_status_label(d.status));
	ui_pager_add(&dt->page, l.buf, UI_A_HEADING, 0);
	sbuf_reset(&l);
	if (*d.due_on)
		sbuf_addf(&l, _("due %s%s"), d.due_on, d.overdue ? _(" — overdue") : "");
	else
		sbuf_adds(&l, _("no time limit running"));
	if (d.urged)
		sbuf_addf(&l, _(" · urged %d times"), d.urged);
	if (*d.escalated_at)
		sbuf_addf(&l, _(" · reported to the bureau %s"), d.escalated_at);
	ui_pager_add(&dt->page, l.buf, d.overdue ? UI_A_ERROR : UI_A_NORMAL, 2);
	add_field(&dt->page, _("Complaint category"), d.category);
	sbuf_reset(&l);
	if (strcmp(d.against, "operator") == 0 || strcmp(d.against, "platform") == 0)
		sbuf_adds(&l, ui_complaint_against_label(d.against));
	else
		sbuf_addf(&l, "%s：%s", ui_complaint_against_label(d.against), d.target);
	add_field(&dt->page, _("Against"), l.buf);
	add_field(&dt->page, _("Complainant"), d.person_name);
	dt->guest = ui_complaint_guest_page(ctx, &dt->page, dt->id, &dt->shown);
	if (!dt->guest)
		ui_complaint_provider_page(ctx, &dt->page, dt->id);
	add_field(&dt->page, _("County"), d.county);
	add_field(&dt->page, _("Filed"), d.created);
	if (*d.filed_by) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("%s, at the counter (consent: %s)"), d.filed_by, d.consent);
		add_field(&dt->page, _("Filed by"), l.buf);
	}
	add_field(&dt->page, _("Handler"), d.handler);
	if (*d.satisfaction)
		add_field(&dt->page, _("Satisfaction with the latest reply"),
			  ui_satisfaction_label(d.satisfaction));
	ui_pager_blank(&dt->page);
	ui_pager_add(&dt->page, _("The complaint"), UI_A_HEADING, 0);
	ui_pager_add(&dt->page, d.body, UI_A_NORMAL, 2);
	if (*d.booking_no || *d.service_title || d.provider_id) {
		ui_pager_blank(&dt->page);
		ui_pager_add(&dt->page, _("What it concerns"), UI_A_HEADING, 0);
		if (*d.booking_no) {
			sbuf_reset(&l);
			sbuf_addf(&l, "%s · %s · %s", d.booking_no, d.slot_starts,
				  ui_status_label(STATUS_BOOKING, d.booking_status));
			add_field(&dt->page, _("Booking"), l.buf);
		}
		add_field(&dt->page, _("Service"), d.service_title);
		if (d.provider_id) {
			sbuf_reset(&l);
			if (*d.provider_rating)
				sbuf_addf(&l, _("%s · rated %s by %lld · %lld complaints in all"),
					  d.provider_name, d.provider_rating, d.provider_ratings,
					  d.provider_complaints);
			else
				sbuf_addf(&l, _("%s · not rated yet · %lld complaints in all"),
					  d.provider_name, d.provider_complaints);
			add_field(&dt->page, _("Provider"), l.buf);
			add_history(ctx, dt);
		}
	}
	sbuf_release(&l);
	ui_pager_blank(&dt->page);
	add_clock(ctx, dt);
	ui_pager_blank(&dt->page);
	ui_complaint_forwards_add(ctx, &dt->page, dt->id);
	add_timeline(ctx, dt);
	return true;
}

/* Whether steps[i] is open to the signed-in staff at this status (the
 * database says which). */
static bool step_open(const void *priv, int i)
{
	const struct detail *dt = priv;

	for (size_t k = 0; k < dt->d.nsteps; k++)
		if (strcmp(dt->d.steps[k], steps[i].action) == 0)
			return true;
	return false;
}

static void steps_allowed(struct ui_ctx *ctx, void *priv)
{
	struct detail *dt = priv;
	struct ui_steps *ss = &dt->steps;

	(void)ctx;

	ss->count = 0;
	for (int i = 0; i < NSTEPS; i++)
		if (step_open(dt, i)) {
			ss->allowed[ss->count] = i;
			ss->items[ss->count++] = (struct ui_menu_item){ steps[i].label, NULL };
		}
}

/* Whether the database offers 转办 to the caller at this status. */
static bool forward_open(const struct detail *dt)
{
	for (size_t k = 0; k < dt->d.nsteps; k++)
		if (strcmp(dt->d.steps[k], "forward") == 0)
			return true;
	return false;
}

/* F2 is offered while a step is open (and, choosing or writing one, to
 * send it); pressed anyway, it says no step is open. F3 while 转办 is
 * open and no step is being chosen or written. */
static bool detail_key_offered(const struct ui_view *v, int op)
{
	const struct detail *dt = v->priv;

	if (op == OP_REVEAL)
		return dt->guest && !dt->shown.mobile && dt->supervisor;
	if (op == OP_FORWARD)
		return forward_open(dt) && dt->steps.mode == UI_STEPS_VIEW;
	return op != OP_ACT || ui_steps_offered(&dt->steps, NSTEPS, step_open, dt);
}

static void detail_destroy(struct ui_view *v)
{
	struct detail *dt = v->priv;

	complaint_detail_release(&dt->d);
	ui_pager_clear(&dt->page);
	ui_steps_release(&dt->steps);
	ui_field_release(&dt->handler);
	code_list_release(&dt->handlers);
	ui_guest_shown_release(&dt->shown);
	free(dt);
}

static void detail_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct detail *dt = v->priv;
	struct ui_rect top = *r;
	const struct step *st = writing(dt);
	int panel = ui_steps_rows(&dt->steps, assigning(dt) ? dt->handlers.count + 2 : 0);

	if (panel > r->h - 4)
		panel = r->h - 4;
	top.h = r->h - panel;
	ui_pager_draw(&dt->page, ctx, &top);
	if (dt->steps.mode == UI_STEPS_VIEW)
		return;
	int y = ui_steps_draw(&dt->steps, ctx, r->y + top.h, r, st ? _(st->label) : "");
	if (!st)
		return;
	if (assigning(dt)) {
		for (int i = 0; i < dt->handlers.count; i++) {
			struct sbuf l = SBUF_INIT;
			sbuf_addf(&l, "%d. %s", i + 1, dt->handlers.name[i]);
			ui_put(ctx, y++, r->x + 2, r->w - 2, l.buf, UI_A_NORMAL);
			sbuf_release(&l);
		}
		ui_field_draw(&dt->handler, ctx, y, r->x, 12, 6, dt->on_handler);
		y += 2;
	}
	ui_put(ctx, y++, r->x, r->w, _(st->prompt), UI_A_DIM);
	ui_field_draw(&dt->steps.text, ctx, y, r->x, 12, r->w - 14,
		      !dt->on_handler || !assigning(dt));
}

static void detail_write(struct ui_ctx *ctx, void *priv, int i)
{
	struct detail *dt = priv;

	struct db_error err = DB_ERROR_INIT;

	if (strcmp(steps[i].action, "assign") == 0 && !dt->handlers.count &&
	    db_complaint_handlers(ctx->db, ctx->staff.token, &dt->handlers, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_steps_write(&dt->steps, i, steps[i].needs_text);
	dt->on_handler = assigning(dt);
	ui_message(ctx, UI_MSG_INFO, _("Write the text, then press F2 twice to send it."));
}

static void detail_send(struct ui_ctx *ctx, void *priv)
{
	struct detail *dt = priv;
	struct db_error err = DB_ERROR_INIT;
	const struct step *st = writing(dt);
	long long handler = 0;
	char *outcome = NULL;

	if (!ui_field_check(&dt->steps.text))
		return;
	if (assigning(dt)) {
		char *typed = editline_get(&dt->handler.ed);
		int i = atoi(typed);
		free(typed);
		if (i < 1 || i > dt->handlers.count) {
			ui_field_set_error(&dt->handler,
					   N_("Enter the number of a handler above."));
			return;
		}
		handler = atoll(dt->handlers.code[i - 1]);
	}
	if (!ui_confirm_again(&dt->steps.confirm, ctx, dt->id, OP_ACT, _(st->label)))
		return;
	char *text = editline_get(&dt->steps.text.ed);
	enum db_status rc = db_complaint_act(ctx->db, ctx->staff.token, dt->steps.confirm.key,
					     dt->id, st->action, text, handler, &outcome, &err);
	free(text);
	if (rc != DB_OK) {
		/* armed still: F2 again resends the same request */
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&dt->steps.confirm);
	const char *why = db_complaint_outcome_msgid(outcome);
	if (why) {
		ui_message(ctx, UI_MSG_ERROR, _(why));
		if (strcmp(outcome, "wrong_state") == 0) {
			dt->steps.mode = UI_STEPS_VIEW;
			detail_load(ctx, dt);
		}
	} else {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Done: %s."), _(st->label));
		ui_steps_done(&dt->steps);
		editline_clear(&dt->handler.ed);
		detail_load(ctx, dt);
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	}
	free(outcome);
}

static const struct ui_steps_ops steps_ops = {
	.fill = steps_allowed,
	.chosen = detail_write,
	.send = detail_send,
	.none = N_("No step of yours is open at this status of the complaint."),
};

static bool detail_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct detail *dt = v->priv;

	if (ev->type == UI_EV_SHOW && dt->forwarding) {
		dt->forwarding = false;
		detail_load(ctx, dt);
		return true;
	}
	if (ev->type == UI_EV_NOTIFY) {
		if (dt->steps.mode == UI_STEPS_VIEW)
			detail_load(ctx, dt);
		return true;
	}
	if (ev->op == OP_FORWARD && dt->steps.mode == UI_STEPS_VIEW) {
		if (forward_open(dt)) {
			dt->forwarding = true;
			ui_complaint_forward_open(ctx, &dt->d);
		} else
			ui_message(ctx, UI_MSG_ERROR,
				   _("This complaint cannot be forwarded at its status."));
		return true;
	}
	/* the clock's ticks change nothing here (an armed step stays armed) */
	if (ev->type != UI_EV_KEY && ev->type != UI_EV_MOUSE)
		return false;
	if (assigning(dt) && ev->type == UI_EV_KEY &&
	    ((!ev->fkey && ev->key == '\t') || (ev->fkey && ev->key == KEY_BTAB))) {
		dt->on_handler = !dt->on_handler; /* Tab: the other field */
		return true;
	}
	if (assigning(dt) && dt->on_handler && ev->op != OP_ACT && ev->op != UI_OP_BACK) {
		if (!ui_field_handle(&dt->handler, ev))
			return false;
		ui_confirm_disarm(&dt->steps.confirm); /* what is sent has changed */
		return true;
	}
	if (ev->op == OP_REVEAL && dt->steps.mode == UI_STEPS_VIEW) {
		if (dt->guest && ui_complaint_guest_reveal(ctx, dt->id, &dt->shown))
			detail_load(ctx, dt);
		return true;
	}
	if (ui_steps_event(&dt->steps, ctx, ev, OP_ACT, &steps_ops, dt))
		return true;
	return dt->steps.mode == UI_STEPS_VIEW && ui_pager_handle(&dt->page, ev);
}

static const struct ui_view_ops complaint_detail = {
	.title = N_("Complaint"),
	.bindings = bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.key_offered = detail_key_offered,
	.destroy = detail_destroy,
};

void ui_complaint_detail_open(struct ui_ctx *ctx, long long id)
{
	struct detail *dt = xcalloc(1, sizeof(*dt));

	dt->id = id;
	dt->supervisor = ctx->staff.role == ROLE_SUPERVISOR;
	ui_steps_init(&dt->steps, N_("Text"));
	ui_field_init(&dt->handler, N_("Handler no."), 3, false);
	dt->handler.filter = ui_filter_digits;
	if (!detail_load(ctx, dt)) {
		struct ui_view v = { .priv = dt };
		detail_destroy(&v);
		return;
	}
	ui_view_push(ctx, &complaint_detail, dt);
}
