/*
 * application_detail: one provider application for the staff who may
 * see it — the organisation, the contact person (masked), the service
 * categories, the materials with their numbers, the Art. 22 conditions
 * affirmed, the public notice, the objections, and the timeline of every
 * step with who took it and why.
 *
 * F2 opens the steps the database says are open to this role now (and,
 * for the supervisor, deciding the oldest open objection); a step takes
 * its opinion or reason and is sent with F2 pressed twice. The request
 * key is kept while armed, so a resend after a lost answer acts once. A
 * refusal keeps what was typed. 补正 opens the form with the values.
 *
 * F5, at the counter of the application's county, issues a new query code
 * for an open application the organisation filed at a kiosk
 * (query_reset.c).
 */
#include "config.h"
#include "ui/onboarding/onboarding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_ACT = 1, OP_RESET };

struct step {
	const char *action;
	const char *prompt; /* msgid: what to write */
};

/* In the order the menu offers them; uphold and dismiss decide the
 * oldest open objection. */
static const struct step steps[] = {
	{ "approve_first", N_("Opinion of the initial review (qualifications, capacity)") },
	{ "return", N_("What the organisation must correct or add") },
	{ "reject_first", N_("Why it is refused") },
	{ "approve_review", N_("Opinion of the re-review (qualifications checked)") },
	{ "send_back", N_("What the operator's initial review must look at again") },
	{ "reject_review", N_("Why it is refused") },
	{ "file", N_("Filing opinion; the notice starts tomorrow") },
	{ "return_filing", N_("What the re-review must look at again") },
	{ "resubmit", NULL },
	{ "withdraw", N_("Why the organisation withdraws") },
	{ "uphold", N_("Why the objection is upheld (the organisation is not admitted)") },
	{ "dismiss", N_("Why the objection is dismissed") },
};
#define NSTEPS ((int)(sizeof(steps) / sizeof(steps[0])))

static bool is_decision(const struct step *s)
{
	return strcmp(s->action, "uphold") == 0 || strcmp(s->action, "dismiss") == 0;
}

struct detail {
	long long id;
	struct application_detail d;
	struct objection_row *objections;
	int nobjections;
	const struct objection_row *open; /* the oldest open objection, or NULL */
	struct ui_pager page;
	struct ui_steps steps;
	bool supervisor; /* who may decide an objection */
	bool reset; /* the clerk may issue a new query code (query_reset_allowed) */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_ACT, "F2", N_("Handle") },
	{ KEY_F(5), true, OP_RESET, "F5", N_("New query code") },
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

static void add_objections(struct ui_ctx *ctx, struct detail *dt)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;

	objection_rows_free(&dt->objections, dt->nobjections);
	dt->nobjections = 0;
	dt->open = NULL;
	if (db_application_objections(ctx->db, ctx->staff.token, dt->id, &dt->objections,
				      &dt->nobjections, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (!dt->nobjections)
		return;
	ui_pager_blank(&dt->page);
	ui_pager_add(&dt->page, _("Objections"), UI_A_HEADING, 0);
	for (int i = 0; i < dt->nobjections; i++) {
		const struct objection_row *o = &dt->objections[i];
		static const struct {
			const char *status, *label;
		} words[] = { { "open", N_("to be decided") },
			      { "upheld", N_("upheld") },
			      { "dismissed", N_("dismissed") } };
		const char *word = o->status;
		for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (strcmp(words[k].status, o->status) == 0)
				word = _(words[k].label);
		if (!dt->open && strcmp(o->status, "open") == 0)
			dt->open = o;
		sbuf_reset(&l);
		sbuf_addf(&l, "%s  %s  [%s]  %s", o->created, o->no, word, o->objector);
		if (*o->phone)
			sbuf_addf(&l, " · %s", o->phone);
		if (*o->taken_by)
			sbuf_addf(&l, _(" · taken at the counter by %s"), o->taken_by);
		ui_pager_add(&dt->page, l.buf, UI_A_NORMAL, 2);
		ui_pager_add(&dt->page, o->body, UI_A_NORMAL, 6);
		if (*o->decision) {
			sbuf_reset(&l);
			sbuf_addf(&l, _("Decided %s: %s"), o->decided, o->decision);
			ui_pager_add(&dt->page, l.buf, UI_A_DIM, 6);
		}
	}
	sbuf_release(&l);
}

static void add_timeline(struct ui_ctx *ctx, struct detail *dt)
{
	struct application_event_row *e = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (db_application_events(ctx->db, ctx->staff.token, dt->id, &e, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_pager_blank(&dt->page);
	ui_pager_add(&dt->page, _("Timeline"), UI_A_HEADING, 0);
	for (int i = 0; i < n; i++) {
		enum role r = role_from_name(e[i].actor_role);
		sbuf_reset(&l);
		sbuf_addf(&l, "%s  ", e[i].at);
		if (*e[i].actor)
			sbuf_addf(&l, "%s（%s）", e[i].actor, _(role_label(r)));
		else
			sbuf_adds(&l, _("the platform"));
		sbuf_addf(&l, "  %s → %s", ui_application_step_label(e[i].action),
			  ui_application_status_label(e[i].status_after));
		ui_pager_add(&dt->page, l.buf, UI_A_NORMAL, 2);
		if (*e[i].body)
			ui_pager_add(&dt->page, e[i].body, UI_A_NORMAL, 6);
		if (*e[i].detail) {
			sbuf_reset(&l);
			sbuf_addf(&l,
				  strcmp(e[i].action, "objection") == 0 ? _("Objection no. %s")
									: _("Materials: %s"),
				  e[i].detail);
			ui_pager_add(&dt->page, l.buf, UI_A_DIM, 6);
		}
	}
	sbuf_release(&l);
	application_event_rows_free(&e, n);
}

/* Whether this clerk may issue a new query code for it: filed by the
 * organisation at a kiosk (no clerk entered it), still open, of the
 * clerk's own county. api.application_query_reset decides again. */
static bool query_reset_allowed(const struct ui_ctx *ctx, const struct detail *dt)
{
	static const char *const finished[] = { "active", "rejected", "withdrawn" };

	if (ctx->staff.role != ROLE_COUNTER || *dt->d.entered_by ||
	    strcmp(ctx->staff.region_code, dt->d.region) != 0)
		return false;
	for (int i = 0; i < COUNT(finished); i++)
		if (strcmp(dt->d.status, finished[i]) == 0)
			return false;
	return true;
}

static bool detail_load(struct ui_ctx *ctx, struct detail *dt)
{
	struct db_error err = DB_ERROR_INIT;
	struct application_detail d;
	struct sbuf l = SBUF_INIT;

	if (db_application_get(ctx->db, ctx->staff.token, dt->id, &d, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	application_detail_release(&dt->d);
	dt->d = d;
	ui_pager_clear(&dt->page);
	sbuf_addf(&l, _("Application %s  [%s]"), d.no, ui_application_status_label(d.status));
	ui_pager_add(&dt->page, l.buf, UI_A_HEADING, 0);
	if (strcmp(d.status, "notice") == 0) {
		sbuf_reset(&l);
		sbuf_addf(&l,
			  _("On public notice from %s to %s; with no objection upheld it becomes a "
			    "provider the day after."),
			  d.notice_from, d.notice_until);
		ui_pager_add(&dt->page, l.buf, UI_A_ERROR, 2);
	}
	if (*d.active_from) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("A provider since %s."), d.active_from);
		ui_pager_add(&dt->page, l.buf, UI_A_NORMAL, 2);
	}
	add_field(&dt->page, _("Organisation name"), d.name);
	add_field(&dt->page, _("Credit code"), d.credit_code);
	add_field(&dt->page, _("Kind"), d.kind_name);
	add_field(&dt->page, _("Region"), d.region_name);
	add_field(&dt->page, _("Registered address"), d.address);
	add_field(&dt->page, _("Legal representative"), d.legal_rep);
	sbuf_reset(&l);
	sbuf_addf(&l, "%s · %s · %s", d.contact_name, d.contact_id_masked, d.phone);
	add_field(&dt->page, _("Contact person"), l.buf);
	add_field(&dt->page, _("Service categories"), d.category_names);
	/* no clerk: the organisation filed it itself at a kiosk */
	add_field(&dt->page, _("Entered by"),
		  *d.entered_by ? d.entered_by : _("The organisation, at a self-service kiosk"));
	add_field(&dt->page, _("Submitted"), d.created);
	ui_pager_blank(&dt->page);
	ui_pager_add(&dt->page, _("Materials"), UI_A_HEADING, 0);
	if (!d.nmaterials)
		ui_pager_add(&dt->page, _("None listed."), UI_A_ERROR, 2);
	for (size_t i = 0; i < d.nmaterials; i++)
		add_field(&dt->page, d.material_names[i], d.material_refs[i]);
	ui_pager_add(&dt->page,
		     _("The four conditions of Art. 22 were affirmed one by one when the "
		       "application was entered."),
		     UI_A_DIM, 2);
	sbuf_release(&l);
	add_objections(ctx, dt);
	add_timeline(ctx, dt);
	dt->reset = query_reset_allowed(ctx, dt);
	return true;
}

/* Whether step i is open now: the database's list, or deciding an
 * objection (the supervisor's, while one is open). */
static bool step_open(const void *priv, int i)
{
	const struct detail *dt = priv;

	if (is_decision(&steps[i]))
		return dt->open && dt->supervisor;
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
	for (int i = 0; i < NSTEPS; i++) {
		if (!step_open(dt, i))
			continue;
		ss->allowed[ss->count] = i;
		ss->items[ss->count++] =
			(struct ui_menu_item){ ui_application_step_label(steps[i].action), NULL };
	}
}

/* F2 is offered while a step is open (and, choosing or writing one, to
 * send it); pressed anyway, it says no step is open. F5 while a new
 * query code may be issued, and no step is being written. */
static bool detail_key_offered(const struct ui_view *v, int op)
{
	const struct detail *dt = v->priv;

	if (op == OP_RESET)
		return dt->reset && dt->steps.mode == UI_STEPS_VIEW;
	return op != OP_ACT || ui_steps_offered(&dt->steps, NSTEPS, step_open, dt);
}

static void detail_destroy(struct ui_view *v)
{
	struct detail *dt = v->priv;

	application_detail_release(&dt->d);
	objection_rows_free(&dt->objections, dt->nobjections);
	ui_pager_clear(&dt->page);
	ui_steps_release(&dt->steps);
	free(dt);
}

static void detail_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct detail *dt = v->priv;
	struct ui_rect top = *r;
	int panel = ui_steps_rows(&dt->steps, 0);

	if (panel > r->h - 4)
		panel = r->h - 4;
	top.h = r->h - panel;
	ui_pager_draw(&dt->page, ctx, &top);
	if (dt->steps.mode == UI_STEPS_VIEW)
		return;
	const struct step *st = dt->steps.chosen >= 0 ? &steps[dt->steps.chosen] : NULL;
	struct sbuf l = SBUF_INIT;
	if (st) {
		sbuf_adds(&l, ui_application_step_label(st->action));
		if (dt->open && is_decision(st))
			sbuf_addf(&l, _(" — objection %s"), dt->open->no);
	}
	int y = ui_steps_draw(&dt->steps, ctx, r->y + top.h, r, l.buf);
	sbuf_release(&l);
	if (dt->steps.mode != UI_STEPS_WRITE)
		return;
	ui_put(ctx, y++, r->x, r->w, _(st->prompt), UI_A_DIM);
	ui_field_draw(&dt->steps.text, ctx, y, r->x, 12, r->w - 14, true);
}

static void detail_choose(struct ui_ctx *ctx, void *priv, int i)
{
	struct detail *dt = priv;

	if (strcmp(steps[i].action, "resubmit") == 0) {
		dt->steps.mode = UI_STEPS_VIEW;
		ui_application_form_open(ctx, &dt->d);
		return;
	}
	ui_steps_write(&dt->steps, i, true);
	ui_message(ctx, UI_MSG_INFO, _("Write the opinion, then press F2 twice to send it."));
}

static void detail_send(struct ui_ctx *ctx, void *priv)
{
	struct detail *dt = priv;
	struct db_error err = DB_ERROR_INIT;
	const struct step *st = &steps[dt->steps.chosen];
	const char *label = ui_application_step_label(st->action);
	char *outcome = NULL, *text;
	enum db_status rc;

	if (!ui_field_check(&dt->steps.text) ||
	    !ui_confirm_again(&dt->steps.confirm, ctx, dt->id, OP_ACT, label))
		return;
	text = editline_get(&dt->steps.text.ed);
	if (is_decision(st))
		rc = db_objection_decide(ctx->db, ctx->staff.token, dt->steps.confirm.key,
					 dt->open->id, strcmp(st->action, "uphold") == 0, text,
					 &outcome, &err);
	else
		rc = db_application_act(ctx->db, ctx->staff.token, dt->steps.confirm.key, dt->id,
					st->action, text, &outcome, &err);
	free(text);
	if (rc != DB_OK) {
		ui_db_failed(ctx, &err); /* armed still: F2 again resends the same request */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&dt->steps.confirm);
	if (strcmp(outcome, "ok") != 0) {
		ui_message(ctx, UI_MSG_ERROR, _(db_application_outcome_msgid(outcome)));
		if (strcmp(outcome, "wrong_state") == 0 || strcmp(outcome, "decided") == 0) {
			dt->steps.mode = UI_STEPS_VIEW;
			detail_load(ctx, dt);
		}
	} else {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Done: %s."), label);
		ui_steps_done(&dt->steps);
		detail_load(ctx, dt);
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	}
	free(outcome);
}

static const struct ui_steps_ops steps_ops = {
	.fill = steps_allowed,
	.chosen = detail_choose,
	.send = detail_send,
	.none = N_("No step of yours is open at this status of the application."),
};

static bool detail_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct detail *dt = v->priv;

	if (ev->type == UI_EV_SHOW) {
		if (dt->steps.mode == UI_STEPS_VIEW)
			detail_load(ctx, dt); /* corrected and sent again, perhaps */
		return true;
	}
	if (ev->type != UI_EV_KEY && ev->type != UI_EV_MOUSE)
		return false;
	if (ev->type == UI_EV_KEY && ev->op == OP_RESET && dt->steps.mode == UI_STEPS_VIEW) {
		if (dt->reset)
			ui_query_reset_open(ctx, &dt->d);
		else
			ui_message(
				ctx, UI_MSG_ERROR,
				_("A new query code is issued only for an open application the "
				  "organisation filed at a kiosk, at the counter of its county."));
		return true;
	}
	if (ui_steps_event(&dt->steps, ctx, ev, OP_ACT, &steps_ops, dt))
		return true;
	return dt->steps.mode == UI_STEPS_VIEW && ui_pager_handle(&dt->page, ev);
}

static const struct ui_view_ops application_detail = {
	.title = N_("Provider application"),
	.bindings = bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.key_offered = detail_key_offered,
	.destroy = detail_destroy,
};

void ui_application_detail_open(struct ui_ctx *ctx, long long id)
{
	struct detail *dt = xcalloc(1, sizeof(*dt));

	dt->id = id;
	dt->supervisor = ctx->staff.role == ROLE_SUPERVISOR;
	ui_steps_init(&dt->steps, N_("Opinion"));
	if (!detail_load(ctx, dt)) {
		struct ui_view v = { .priv = dt };
		detail_destroy(&v);
		return;
	}
	ui_view_push(ctx, &application_detail, dt);
}
