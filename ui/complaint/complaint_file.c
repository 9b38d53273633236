/*
 * complaint_file: 提交投诉, on one screen in steps — what it is against
 * (a booking, a service or its provider, the operator, the platform;
 * skipped when the screen was opened on one), the category, the text
 * (at most 2000 characters, counted as typed) and at a counter how the
 * person agreed; then a check of it all, and the receipt with the
 * 投诉编号, the date by which it will be accepted or not, and how to
 * follow it.
 *
 * At a kiosk with no one signed in, a person who is not registered
 * complains the same way, as a guest: the form asks for a name and a
 * mobile number to be answered on too, the check has a consent line to
 * tick (F4), and the receipt gives the county counter's telephone.
 *
 * A provider's staff complain in the provider's name against the operator
 * or the platform only, from 本机构提出的投诉; no consent is asked.
 *
 * The request key is made when the check is shown and kept until an
 * answer comes: F2 again after a lost connection sends the same key, so
 * the complaint is filed once. A refusal is shown in the user's language
 * and leads back to the step that can mend it; nothing typed is cleared.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/complaint/complaint_file.h"

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ENTER, "Enter", N_("Choose") },
	{ KEY_F(2), true, OP_NEXT, "F2", N_("Next / submit") },
	{ KEY_F(3), true, OP_PREV, "F3", N_("Previous step") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* A guest's check: the consent line to tick. */
static const struct ui_binding guest_bindings[] = {
	{ '\r', false, OP_ENTER, "Enter", N_("Choose") },
	{ KEY_F(2), true, OP_NEXT, "F2", N_("Next / submit") },
	{ KEY_F(3), true, OP_PREV, "F3", N_("Previous step") },
	{ KEY_F(4), true, OP_AGREE, "F4", N_("Tick or untick consent") },
	UI_BIND_BACK,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* The receipt: nothing left to choose or send. */
static const struct ui_binding receipt_bindings[] = {
	UI_BIND_BACK, UI_BIND_SIGN_OUT, UI_BIND_END_SESSION, UI_BIND_HELP, UI_BIND_END,
};

static const struct ui_view_ops complaint_file_ops, guest_ops, receipt_ops;

static void target_add(struct cfile *c, const char *against, long long id, const char *label)
{
	c->targets = xrealloc(c->targets, (size_t)(c->ntargets + 1) * sizeof(*c->targets));
	c->targets[c->ntargets++] =
		(struct target){ xstrdup(against), xstrdup(label ? label : ""), id };
}

/* 我要投诉 without a target: the operator, the platform, or one of the
 * person's latest bookings (a place on a waiting list is not offered: it
 * never became a booking). A list that cannot be read is reported and
 * leaves the first two. */
static void targets_home(struct ui_ctx *ctx, struct cfile *c)
{
	struct booking_row *bs = NULL;
	int nb = 0, offered = 0;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;
	struct sbuf l = SBUF_INIT;

	target_add(c, "operator", 0,
		   _("The operator (运营商): running the platform, admitting providers"));
	target_add(c, "platform", 0, _("The platform (云平台): how the system works"));
	if (c->guest || c->provider)
		return; /* no bookings of theirs to offer */
	st = c->person_id
		     ? db_person_bookings(ctx->db, ctx->staff.token, c->person_id, &bs, &nb, &err)
		     : db_citizen_bookings(ctx->db, ctx->citizen.token, &bs, &nb, &err);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	for (int i = 0; i < nb; i++) {
		if (strcmp(bs[i].kind, "booking") != 0)
			continue;
		if (offered == HOME_BOOKINGS) {
			c->more_bookings = true;
			break;
		}
		sbuf_reset(&l);
		sbuf_addf(&l, _("Booking %s: %s (%s)"), bs[i].starts_at, bs[i].service_title,
			  bs[i].provider_name);
		target_add(c, "booking", bs[i].id, l.buf);
		offered++;
	}
	booking_rows_free(&bs, nb);
	sbuf_release(&l);
}

void ui_complaint_file_open(struct ui_ctx *ctx, const char *person_id,
			    const struct complaint_target *targets, int n)
{
	struct cfile *c;
	const struct code_list *cats;

	bool guest = !person_id && !ctx->citizen.token && !ctx->staff.token && ctx->opt->kiosk;
	bool provider = !person_id && ui_complaint_by_provider(ctx);

	if (!person_id && !ctx->citizen.token && !guest && !provider) {
		ui_message(ctx, UI_MSG_INFO,
			   _("File a complaint for a person from their page (查找办理人)."));
		return;
	}
	if (!(cats = ui_complaint_categories(ctx)))
		return; /* reported */
	c = xcalloc(1, sizeof(*c));
	c->cats = cats;
	c->cat_items = xcalloc((size_t)cats->count + 1, sizeof(*c->cat_items));
	for (int i = 0; i < cats->count; i++)
		c->cat_items[i].label = cats->name[i]; /* data: gettext leaves it */
	c->cat_menu = (struct ui_menu){ .items = c->cat_items, .count = cats->count };
	c->person_id = person_id ? xstrdup(person_id) : NULL;
	c->guest = guest;
	c->provider = provider;
	for (int i = 0; i < n; i++)
		target_add(c, targets[i].against, targets[i].id, targets[i].label);
	if (n == 0)
		targets_home(ctx, c);
	c->target_items = xcalloc((size_t)c->ntargets + 1, sizeof(*c->target_items));
	for (int i = 0; i < c->ntargets; i++)
		c->target_items[i].label = c->targets[i].label; /* data: gettext leaves it */
	c->target_menu = (struct ui_menu){ .items = c->target_items, .count = c->ntargets };
	ui_field_init_multi(&c->f[F_TEXT], N_("Complaint text"), 8, TEXT_MAX);
	c->f[F_TEXT].required = true;
	if (guest) {
		ui_field_init(&c->f[F_NAME], N_("Your name"), NAME_MAX, false);
		ui_field_init(&c->f[F_MOBILE], N_("Mobile number"), 20, false);
		c->f[F_MOBILE].check = ui_check_mobile;
		c->f[F_MOBILE].required = true;
	} else {
		ui_field_init(&c->f[F_CONSENT], N_("Consent"), CONSENT_MAX, false);
		ui_field_init(&c->f[F_MOBILE], N_("Mobile number"), 20, false); /* not asked */
	}
	c->f[F_CONSENT].required = true;
	c->form = (struct ui_form){ .fields = c->f,
				    .count = guest	 ? 3
					     : person_id ? 2
							 : 1,
				    .button = N_("Next") };
	c->first = c->ntargets == 1 ? STEP_CATEGORY : STEP_TARGET;
	c->step = c->first;
	ui_view_push(ctx, guest ? &guest_ops : &complaint_file_ops, c);
}

static void cfile_destroy(struct ui_view *v)
{
	struct cfile *c = v->priv;

	for (int i = 0; i < c->ntargets; i++) {
		free(c->targets[i].against);
		free(c->targets[i].label);
	}
	free(c->targets);
	free(c->target_items);
	free(c->cat_items);
	for (int i = 0; i < F_N; i++)
		ui_field_release(&c->f[i]);
	complaint_filed_release(&c->filed);
	free(c->due_on);
	free(c->counter_phone);
	free(c->person_id);
	free(c);
}

/* The due date of the complaint just filed, for the receipt. */
static void load_due(struct ui_ctx *ctx, struct cfile *c)
{
	struct complaint_row *rows = NULL;
	int n = 0;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st =
		c->person_id ? db_person_complaints(ctx->db, ctx->staff.token, c->person_id, &rows,
						    &n, &err)
			     : db_citizen_complaints(ctx->db, ctx->citizen.token, &rows, &n, &err);

	free(c->due_on);
	c->due_on = NULL;
	for (int i = 0; st == DB_OK && i < n && !c->due_on; i++)
		if (rows[i].id == c->filed.id)
			c->due_on = xstrdup(rows[i].due_on);
	if (!c->due_on)
		c->due_on = xstrdup("");
	complaint_rows_free(&rows, n);
	db_error_release(&err); /* the receipt stands without the date */
}

/* A guest's filing: the consent first, then the call; the answer into
 * c->filed, and the county counter's telephone and the due date. */
static enum db_status send_guest(struct ui_ctx *ctx, struct cfile *c,
				 const struct complaint_filing *f, struct db_error *err)
{
	char *name = cfile_field_text(c, F_NAME), *typed = cfile_field_text(c, F_MOBILE);
	char *clean = normalize_input(name, 0);
	char mobile[MOBILE_LEN + 1] = "";
	struct guest who = { clean ? clean : "", mobile, c->agreed };
	struct guest_filed g;
	enum db_status st;

	if (mobile_parse(typed, mobile) != MOBILE_OK)
		snprintf(mobile, sizeof(mobile), "%s", ""); /* the server says why */
	st = db_guest_complaint_file(ctx->db, c->key, f, &who, &g, err);
	free(name);
	free(typed);
	free(clean);
	if (st != DB_OK)
		return st;
	free(c->counter_phone);
	c->counter_phone = g.counter_phone;
	free(c->due_on);
	c->due_on = g.due_on;
	c->filed = g.filed;
	return DB_OK;
}

static void send(struct ui_ctx *ctx, struct cfile *c)
{
	const struct target *t = cfile_target(c);
	char *text = cfile_field_text(c, F_TEXT), *consent = NULL;
	struct complaint_filing f = { t->against, t->id, c->cats->code[c->cat_menu.selected],
				      text };
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	complaint_filed_release(&c->filed);
	if (c->person_id) {
		char *typed = cfile_field_text(c, F_CONSENT);
		consent = normalize_input(typed, 0);
		free(typed);
		if (!consent || !*consent) { /* blanks only */
			ui_field_set_error(&c->f[F_CONSENT], _("Record how the person agreed."));
			c->form.focus = F_CONSENT;
			c->step = STEP_TEXT;
			free(consent);
			free(text);
			return;
		}
		st = db_counter_complaint_file(ctx->db, ctx->staff.token, c->key, c->person_id,
					       consent, &f, &c->filed, &err);
	} else if (c->provider) {
		struct provider_filed pf;
		st = db_provider_complaint_file(ctx->db, ctx->staff.token, c->key, &f, &pf, &err);
		if (st == DB_OK) {
			c->filed = pf.filed;
			free(c->due_on);
			c->due_on = pf.due_on;
		}
	} else if (c->guest) {
		if (!c->agreed) {
			ui_message(ctx, UI_MSG_ERROR,
				   _(db_complaint_outcome_msgid("consent_needed")));
			free(text);
			return;
		}
		st = send_guest(ctx, c, &f, &err);
	} else {
		st = db_citizen_complaint_file(ctx->db, ctx->citizen.token, c->key, &f, &c->filed,
					       &err);
	}
	free(text);
	free(consent);
	if (st != DB_OK) {
		/* the key stays: F2 again sends the same request */
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (strcmp(c->filed.outcome, "ok") == 0) {
		c->step = STEP_DONE;
		if (!c->guest && !c->provider) /* theirs came with the answer */
			load_due(ctx, c);
		ui_message(ctx, UI_MSG_INFO, _("Complaint submitted. Note the complaint number."));
		return;
	}
	ui_message(ctx, UI_MSG_ERROR, _(db_complaint_outcome_msgid(c->filed.outcome)));
	db_request_key(c->key); /* a new attempt is a new request */
	if (strcmp(c->filed.outcome, "bad_category") == 0)
		c->step = STEP_CATEGORY;
	else if (strcmp(c->filed.outcome, "consent_needed") == 0 ||
		 strcmp(c->filed.outcome, "kiosk_busy") == 0)
		; /* the check stays: tick the line, or try later */
	else if (strcmp(c->filed.outcome, "not_found") == 0)
		c->step = c->first;
	else if (strcmp(c->filed.outcome, "too_many") != 0)
		c->step = STEP_TEXT;
}

/* Enter, a digit or a tap on a list step. */
static bool list_step(struct cfile *c, const struct ui_event *ev)
{
	struct ui_menu *m = c->step == STEP_TARGET ? &c->target_menu : &c->cat_menu;
	int i = ev->op == OP_NEXT ? m->selected : ui_menu_handle(m, ev);

	if (i < 0)
		return ev->op == OP_ENTER || (ev->type == UI_EV_KEY && ev->fkey &&
					      (ev->key == KEY_UP || ev->key == KEY_DOWN));
	c->step = c->step == STEP_TARGET ? STEP_CATEGORY : STEP_TEXT;
	return true;
}

static bool cfile_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct cfile *c = v->priv;

	if (c->step == STEP_DONE || ev->type == UI_EV_SHOW || ev->type == UI_EV_TICK)
		return false; /* Esc goes back */
	/* the text typed stays in the form on every step: leaving asks */
	if (ui_form_hold_leave(&c->form, ev))
		return true;
	if (ev->op == OP_PREV) {
		if (c->step > c->first)
			c->step--;
		return true;
	}
	switch (c->step) {
	case STEP_TARGET:
	case STEP_CATEGORY:
		return list_step(c, ev);
	case STEP_TEXT: {
		enum ui_form_result r = ui_form_event(&c->form, ev, OP_NEXT);
		if (r == UI_FORM_SUBMIT) {
			db_request_key(c->key);
			c->step = STEP_CONFIRM;
			ui_message_clear(ctx);
		}
		return r != UI_FORM_IGNORED;
	}
	case STEP_CONFIRM:
		if (ev->op == OP_AGREE && c->guest) {
			c->agreed = !c->agreed;
			return true;
		}
		if (ev->op == OP_NEXT)
			send(ctx, c);
		if (c->step == STEP_DONE)
			v->ops = &receipt_ops; /* its keys in the bar */
		return ev->op == OP_NEXT || ev->op == OP_ENTER;
	case STEP_DONE:
		break;
	}
	return false;
}

static const struct ui_view_ops complaint_file_ops = {
	.title = N_("Submit a complaint"),
	.bindings = bindings,
	.draw = cfile_draw,
	.handle = cfile_handle,
	.destroy = cfile_destroy,
};

/* F4 ticks the consent line on the check only */
static bool guest_key_works(const struct ui_view *v, int op)
{
	const struct cfile *c = v->priv;

	return op != OP_AGREE || c->step == STEP_CONFIRM;
}

static const struct ui_view_ops guest_ops = {
	.title = N_("Submit a complaint"),
	.bindings = guest_bindings,
	.draw = cfile_draw,
	.handle = cfile_handle,
	.destroy = cfile_destroy,
	.key_works = guest_key_works,
};

static const struct ui_view_ops receipt_ops = {
	.title = N_("Submit a complaint"),
	.bindings = receipt_bindings,
	.draw = cfile_draw,
	.handle = cfile_handle,
	.destroy = cfile_destroy,
};
