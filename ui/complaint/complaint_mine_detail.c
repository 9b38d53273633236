/*
 * complaint_mine_detail: one of a person's complaints (我的投诉), as a
 * wrapped, scrollable page: the text, then the timeline the person may
 * see — decisions, replies and questions of the supervisor, the person's
 * own material and messages, each kind drawn differently — and at the
 * kiosk the person's two actions:
 *
 *   F2 补充材料  answer a question (status 待补充材料: the clock runs
 *               again) or, while the complaint is open, add a message
 *               (complaint_supply.c);
 *   F3 评价答复  rate the latest reply once (complaint_rate.c); the rating
 *               is then shown locked.
 *
 * At a counter (person_id) the page is read only, and so it is for a
 * provider's staff reading a complaint they filed in the provider's name.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { OP_SUPPLY = 1, OP_RATE };

struct detail {
	char *person_id;
	bool provider; /* a provider's own complaint, read by its staff */
	long long id;
	struct complaint_row *rows; /* the person's complaints, as the list gives them */
	int nrows;
	const struct complaint_row *k; /* this one, among rows */
	struct complaint_event_row *events;
	int nevents;
	struct ui_pager page;
	bool to_end; /* back from adding to it: show the end of the timeline */
};

#define DETAIL_KEYS                                                                                \
	UI_BIND_BACK, UI_BIND_SIGN_OUT, UI_BIND_END_SESSION, UI_PAGER_KEYS, UI_BIND_HELP,          \
		UI_BIND_END

static const struct ui_binding detail_bindings[] = {
	{ KEY_F(2), true, OP_SUPPLY, "F2", N_("Add material") },
	{ KEY_F(3), true, OP_RATE, "F3", N_("Rate the reply") },
	DETAIL_KEYS,
};
static const struct ui_binding counter_detail_bindings[] = { DETAIL_KEYS };

static void block_add(struct detail *d, const char *text, enum ui_attr attr, int indent)
{
	ui_pager_add(&d->page, text, attr, indent);
}

/* One timeline entry: the supervisor's replies and questions stand out,
 * the person's own entries are set in and dimmed. */
static void event_add(struct detail *d, const struct complaint_event_row *e)
{
	bool reply = strcmp(e->action, "reply") == 0;
	bool question = strcmp(e->action, "request_info") == 0;
	bool own = e->by_person;
	struct sbuf l = SBUF_INIT;
	const char *who;

	if (own)
		who = d->person_id ? _("the person") : _("you");
	else if (strcmp(e->action, "file") == 0)
		who = _("the service counter, for the person");
	else
		who = _("the third-party supervisor");
	sbuf_addf(&l, "%s  ", e->at);
	if (reply || question)
		sbuf_addf(&l, _("[%s]"), ui_complaint_event_label(e->action));
	else
		sbuf_adds(&l, ui_complaint_event_label(e->action));
	sbuf_addf(&l, _(" (%s)"), who);
	block_add(d, l.buf, reply ? UI_A_HEADING : question ? UI_A_ERROR : UI_A_DIM, own ? 4 : 0);
	sbuf_reset(&l);
	if (*e->rating)
		sbuf_addf(&l, "%s%s%s", ui_satisfaction_label(e->rating), *e->body ? _(": ") : "",
			  e->body);
	else
		sbuf_adds(&l, e->body);
	if (l.len)
		block_add(d, l.buf, own ? UI_A_DIM : UI_A_NORMAL, own ? 6 : 2);
	sbuf_release(&l);
}

/* The page: the facts of the complaint, the text, the timeline. */
static void detail_build(struct detail *d)
{
	const struct complaint_row *k = d->k;
	struct sbuf l = SBUF_INIT;
	enum ui_attr a;

	ui_pager_clear(&d->page);
	sbuf_addf(&l, _("Complaint number %s  [%s]"), k->no, ui_complaint_status_label(k->status));
	block_add(d, l.buf, UI_A_BIG, 0);
	sbuf_reset(&l);
	sbuf_addf(&l, _("About: %s"), k->target);
	block_add(d, l.buf, UI_A_NORMAL, 0);
	sbuf_reset(&l);
	sbuf_addf(&l, _("Category: %s   Filed: %s"), k->category, k->created);
	block_add(d, l.buf, UI_A_NORMAL, 0);
	sbuf_reset(&l);
	ui_complaint_due_text(&l, k, &a);
	if (l.len)
		block_add(d, l.buf, a, 0);
	if (*k->satisfaction) {
		sbuf_reset(&l);
		sbuf_addf(&l,
			  d->person_id ? _("The person's rating of the reply: %s (given; it cannot "
					   "be changed)")
				       : _("Your rating of the reply: %s (given; it cannot be "
					   "changed)"),
			  ui_satisfaction_label(k->satisfaction));
		block_add(d, l.buf, UI_A_HEADING, 0);
	}
	if (d->person_id)
		block_add(d,
			  _("Read only at the counter: the person adds material and rates the "
			    "reply at a kiosk after signing in."),
			  UI_A_DIM, 0);
	else if (d->provider)
		; /* read only: nothing to add here */
	else if (k->can_supply)
		block_add(d,
			  _("The supervisor asks you for more material (below): press F2 to "
			    "answer. The time limit runs again once you have."),
			  UI_A_ERROR, 0);
	else if (k->can_rate)
		block_add(d, _("Please rate the reply below: press F3."), UI_A_HEADING, 0);
	else if (ui_complaint_is_open(k))
		block_add(d, _("F2 adds a message to this complaint."), UI_A_DIM, 0);
	block_add(d, "", UI_A_NORMAL, 0);
	block_add(d, _("What the complaint says"), UI_A_HEADING, 0);
	block_add(d, k->body, UI_A_NORMAL, 2);
	block_add(d, "", UI_A_NORMAL, 0);
	block_add(d, _("Progress of the complaint"), UI_A_HEADING, 0);
	for (int i = 0; i < d->nevents; i++)
		event_add(d, &d->events[i]);
	sbuf_release(&l);
}

/* Read the complaint and its timeline again; false (reported) if it
 * cannot be read. */
static bool detail_load(struct ui_ctx *ctx, struct detail *d)
{
	struct complaint_row *rows = NULL;
	struct complaint_event_row *events = NULL;
	int n = 0, nevents = 0;
	const struct complaint_row *k = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = ui_complaints_of_person(ctx, d->person_id, &rows, &n, &err);

	if (st == DB_OK && d->provider)
		st = db_provider_filed_complaint_events(ctx->db, ctx->staff.token, d->id, &events,
							&nevents, &err);
	else if (st == DB_OK)
		st = d->person_id ? db_complaint_events(ctx->db, ctx->staff.token, d->id, &events,
							&nevents, &err)
				  : db_citizen_complaint_events(ctx->db, ctx->citizen.token, d->id,
								&events, &nevents, &err);
	for (int i = 0; st == DB_OK && i < n && !k; i++)
		if (rows[i].id == d->id)
			k = &rows[i];
	if (st != DB_OK || !k) {
		if (st != DB_OK)
			ui_db_failed(ctx, &err);
		else
			ui_message(ctx, UI_MSG_ERROR, _(db_complaint_outcome_msgid("not_found")));
		db_error_release(&err);
		complaint_rows_free(&rows, n);
		complaint_event_rows_free(&events, nevents);
		return false;
	}
	complaint_rows_free(&d->rows, d->nrows);
	complaint_event_rows_free(&d->events, d->nevents);
	d->rows = rows;
	d->nrows = n;
	d->k = k;
	d->events = events;
	d->nevents = nevents;
	detail_build(d);
	return true;
}

static void detail_free(struct detail *d)
{
	ui_pager_clear(&d->page);
	complaint_event_rows_free(&d->events, d->nevents);
	complaint_rows_free(&d->rows, d->nrows);
	free(d->person_id);
	free(d);
}

static const struct ui_view_ops detail_ops, counter_detail_ops;

void ui_complaint_mine_detail_open(struct ui_ctx *ctx, const char *person_id, long long id)
{
	struct detail *d = xcalloc(1, sizeof(*d));

	d->person_id = person_id ? xstrdup(person_id) : NULL;
	d->provider = !person_id && ui_complaint_by_provider(ctx);
	d->id = id;
	if (!detail_load(ctx, d)) {
		detail_free(d);
		return;
	}
	ui_view_push(ctx, person_id || d->provider ? &counter_detail_ops : &detail_ops, d);
}

static void detail_destroy(struct ui_view *v)
{
	detail_free(v->priv);
}

static void detail_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct detail *d = v->priv;
	struct ui_rect inner = { r->y, r->x + 1, r->h, r->w - 2 };

	ui_pager_draw(&d->page, ctx, &inner);
}

/* The body of the latest timeline entry of this action, or "". */
static const char *latest(const struct detail *d, const char *action)
{
	for (int i = d->nevents - 1; i >= 0; i--)
		if (strcmp(d->events[i].action, action) == 0)
			return d->events[i].body;
	return "";
}

/* F2 is offered while the complaint is open, F3 while its reply waits
 * for a rating; pressed anyway, detail_handle says why not. */
static bool detail_key_offered(const struct ui_view *v, int op)
{
	const struct detail *d = v->priv;

	switch (op) {
	case OP_SUPPLY:
		return d->k && ui_complaint_is_open(d->k);
	case OP_RATE:
		return d->k && d->k->can_rate;
	default:
		return true;
	}
}

static bool detail_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct detail *d = v->priv;

	if (ev->type == UI_EV_SHOW) {
		/* on failure the page stays as it was, and says so */
		if (detail_load(ctx, d) && d->to_end)
			d->page.top = INT_MAX / 2;
		d->to_end = false;
		return true;
	}
	switch (ev->op) {
	case OP_SUPPLY:
		if (!ui_complaint_is_open(d->k))
			ui_message(ctx, UI_MSG_INFO,
				   _("This complaint is finished: nothing more can be added. A new "
				     "matter is a new complaint."));
		else
			ui_complaint_supply_open(ctx, d->id, d->k->can_supply,
						 d->k->can_supply ? latest(d, "request_info") : "");
		d->to_end = ui_complaint_is_open(d->k);
		return true;
	case OP_RATE:
		d->to_end = d->k->can_rate;
		if (d->k->can_rate)
			ui_complaint_rate_open(ctx, d->id, latest(d, "reply"));
		else
			ui_message(ctx, UI_MSG_INFO,
				   *d->k->satisfaction
					   ? _(db_complaint_outcome_msgid("already_rated"))
					   : _("There is no reply to rate yet."));
		return true;
	default:
		return ui_pager_handle(&d->page, ev);
	}
}

static const struct ui_view_ops detail_ops = {
	.title = N_("Complaint details"),
	.bindings = detail_bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.key_offered = detail_key_offered,
	.destroy = detail_destroy,
};

static const struct ui_view_ops counter_detail_ops = {
	.title = N_("Complaint details"),
	.bindings = counter_detail_bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.destroy = detail_destroy,
};
