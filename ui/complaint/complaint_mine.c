/*
 * complaint_mine: 我的投诉 — a person's complaints, newest first: the
 * 投诉编号, the status, the category, what it is against, when it was
 * filed, and the date by which the next step is due (办理时限), marked
 * 已超期 or 即将超期. Enter opens one: the text, then the timeline the
 * person may see — decisions, replies and questions of the supervisor,
 * the person's own material and messages, each kind drawn differently —
 * and at the kiosk the person's two actions:
 *
 *   F2 补充材料  answer a question (status 待补充材料: the clock runs
 *               again) or, while the complaint is open, add a message;
 *   F3 评价答复  rate the latest reply once: 满意, 基本满意 or 不满意 (which
 *               sends it back to be handled again, 重办), with an
 *               optional comment; the rating is then shown locked.
 *
 * At a counter (person_id) the list and the timeline are read only: the
 * rating and further material are the person's own, given at a kiosk.
 * F2 on the list files a new complaint, for the person at a counter.
 *
 * 已超期 and 即将超期 are the database's, in working days, as the
 * supervisor's queue shows them.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OP_OPEN = 1,
	OP_FILE,
	OP_SUPPLY,
	OP_RATE,
	OP_SEND,
};

#define TEXT_MAX 2000
#define COMMENT_MAX 500

/* --- shared: what the person sees of a complaint -------------------------- */

static bool complaint_open(const struct complaint_row *k)
{
	return strcmp(k->status, "closed") != 0 && strcmp(k->status, "rejected") != 0;
}

/* " [已超期]", " [即将超期]" or "" for the due date of an open complaint. */
static const char *due_mark(const struct complaint_row *k, enum ui_attr *a)
{
	*a = UI_A_DIM;
	if (!complaint_open(k))
		return "";
	if (k->overdue) {
		*a = UI_A_ERROR;
		return _(" [overdue]");
	}
	if (k->soon) {
		*a = UI_A_HEADING;
		return _(" [due soon]");
	}
	return "";
}

/* The time limit as the person reads it: the date and its mark, stopped
 * while the supervisor waits for the person, or none once finished. */
static void due_text(struct sbuf *out, const struct complaint_row *k, enum ui_attr *a)
{
	*a = UI_A_DIM;
	if (!complaint_open(k))
		return;
	if (strcmp(k->status, "waiting") == 0) {
		sbuf_adds(out, _("time limit stopped until the material asked for is added"));
		*a = UI_A_HEADING;
	} else if (*k->due_on) {
		const char *mark = due_mark(k, a);
		sbuf_addf(out, _("next step due by %s%s"), k->due_on, mark);
		if (!k->calendar_known)
			sbuf_adds(out, _(" (the holidays of that year are not announced yet: "
					 "counted as ordinary weeks, the date may move)"));
	}
}

/* The person's complaints: the kiosk's own, or the person's at a counter. */
static enum db_status complaints_load(struct ui_ctx *ctx, const char *person_id,
				      struct complaint_row **rows, int *n, struct db_error *err)
{
	return person_id ? db_person_complaints(ctx->db, ctx->staff.token, person_id, rows, n, err)
			 : db_citizen_complaints(ctx->db, ctx->citizen.token, rows, n, err);
}

/* --- the list -------------------------------------------------------------- */

struct mine {
	char *person_id; /* counter: whose; NULL at the kiosk */
	struct complaint_row *rows;
	struct ui_list list; /* count: the rows' */
};

static const struct ui_binding list_bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	{ KEY_F(2), true, OP_FILE, "F2", N_("New complaint") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static void mine_load(struct ui_ctx *ctx, struct mine *m)
{
	struct db_error err = DB_ERROR_INIT;

	complaint_rows_free(&m->rows, m->list.count);
	m->list.count = 0;
	if (complaints_load(ctx, m->person_id, &m->rows, &m->list.count, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	if (m->list.selected >= m->list.count)
		m->list.selected = m->list.count ? m->list.count - 1 : 0;
}

static const struct ui_view_ops mine_ops, counter_mine_ops;

void ui_complaint_mine_open(struct ui_ctx *ctx, const char *person_id)
{
	struct mine *m;

	if (!person_id && !ctx->citizen.token) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Please sign in first (登录办理: your ID number and PIN)."));
		return;
	}
	m = xcalloc(1, sizeof(*m));
	m->list.row_h = 2;
	m->person_id = person_id ? xstrdup(person_id) : NULL;
	mine_load(ctx, m);
	ui_view_push(ctx, person_id ? &counter_mine_ops : &mine_ops, m);
}

static void mine_destroy(struct ui_view *v)
{
	struct mine *m = v->priv;

	complaint_rows_free(&m->rows, m->list.count);
	free(m->person_id);
	free(m);
}

static void draw_row(struct ui_ctx *ctx, struct mine *m, int i, int y, const struct ui_rect *r)
{
	const struct complaint_row *k = &m->rows[i];
	enum ui_attr sel = ui_list_row(&m->list, ctx, i);
	struct sbuf l = SBUF_INIT, due = SBUF_INIT;
	enum ui_attr a;
	int x = r->x + 2, w = r->w - 4;

	sbuf_addf(&l, "[%s] %s  %s  %s", ui_complaint_status_label(k->status), k->no, k->category,
		  k->target);
	ui_put(ctx, y, x, w, l.buf, sel);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    filed %s"), k->created);
	due_text(&due, k, &a);
	if (due.len)
		sbuf_addf(&l, _("; %s"), due.buf);
	if (k->can_rate && !m->person_id) {
		sbuf_adds(&l, _("; a reply waits for your rating"));
		if (a == UI_A_DIM)
			a = UI_A_HEADING;
	} else if (*k->satisfaction) {
		sbuf_addf(&l, _("; rated %s"), ui_satisfaction_label(k->satisfaction));
	}
	ui_put(ctx, y + 1, x, w, l.buf, a);
	sbuf_release(&due);
	sbuf_release(&l);
}

static void mine_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct mine *m = v->priv;
	int y = r->y;

	if (m->person_id) {
		ui_put_wrapped(
			ctx, y, r->x + 2, r->w - 4, 2,
			_("Read only here: the person adds material and rates replies at a "
			  "kiosk after signing in. F2 files a new complaint for the person."),
			UI_A_DIM);
		y += 3;
	}
	if (!m->list.count) {
		ui_put(ctx, y, r->x + 2, r->w - 4,
		       m->person_id ? _("No complaints.")
				    : _("You have no complaints. F2 files one."),
		       UI_A_DIM);
		return;
	}
	ui_list_place(&m->list, y, r->x + 2, r->w - 4, (r->y + r->h - y) / 2);
	for (int i = m->list.top; i < ui_list_end(&m->list); i++)
		draw_row(ctx, m, i, ui_list_y(&m->list, i), r);
}

static void detail_open(struct ui_ctx *ctx, const char *person_id, long long id);

static bool mine_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct mine *m = v->priv;

	if (ev->type == UI_EV_SHOW) {
		mine_load(ctx, m);
		return true;
	}
	if (ev->op == OP_FILE) {
		ui_complaint_file_open(ctx, m->person_id, NULL, 0);
		return true;
	}
	if (ev->op == OP_OPEN) {
		if (m->list.count)
			detail_open(ctx, m->person_id, m->rows[m->list.selected].id);
		return true;
	}
	int before = m->list.selected;
	if (!ui_list_handle(&m->list, ev))
		return false;
	if (ev->type == UI_EV_MOUSE && m->list.selected == before) /* a second tap opens it */
		detail_open(ctx, m->person_id, m->rows[m->list.selected].id);
	return true;
}

static const struct ui_view_ops mine_ops = {
	.title = N_("My complaints"),
	.bindings = list_bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.destroy = mine_destroy,
};

/* At the counter: the person's, not "mine". */
static const struct ui_view_ops counter_mine_ops = {
	.title = N_("The person's complaints"),
	.bindings = list_bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.destroy = mine_destroy,
};

/* --- one complaint: a wrapped, scrollable page ----------------------------- */

struct detail {
	char *person_id;
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
	due_text(&l, k, &a);
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
	else if (k->can_supply)
		block_add(d,
			  _("The supervisor asks you for more material (below): press F2 to "
			    "answer. The time limit runs again once you have."),
			  UI_A_ERROR, 0);
	else if (k->can_rate)
		block_add(d, _("Please rate the reply below: press F3."), UI_A_HEADING, 0);
	else if (complaint_open(k))
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
	enum db_status st = complaints_load(ctx, d->person_id, &rows, &n, &err);

	if (st == DB_OK)
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

static void detail_open(struct ui_ctx *ctx, const char *person_id, long long id)
{
	struct detail *d = xcalloc(1, sizeof(*d));

	d->person_id = person_id ? xstrdup(person_id) : NULL;
	d->id = id;
	if (!detail_load(ctx, d)) {
		detail_free(d);
		return;
	}
	ui_view_push(ctx, person_id ? &counter_detail_ops : &detail_ops, d);
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

static void supply_open(struct ui_ctx *ctx, struct detail *d);
static void rate_open(struct ui_ctx *ctx, struct detail *d);

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
		if (!complaint_open(d->k))
			ui_message(ctx, UI_MSG_INFO,
				   _("This complaint is finished: nothing more can be added. A new "
				     "matter is a new complaint."));
		else
			supply_open(ctx, d);
		d->to_end = complaint_open(d->k);
		return true;
	case OP_RATE:
		d->to_end = d->k->can_rate;
		if (d->k->can_rate)
			rate_open(ctx, d);
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
	.destroy = detail_destroy,
};

static const struct ui_view_ops counter_detail_ops = {
	.title = N_("Complaint details"),
	.bindings = counter_detail_bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.destroy = detail_destroy,
};

/* The body of the latest timeline entry of this action, or "". */
static const char *latest(const struct detail *d, const char *action)
{
	for (int i = d->nevents - 1; i >= 0; i--)
		if (strcmp(d->events[i].action, action) == 0)
			return d->events[i].body;
	return "";
}

/* --- 补充材料: the answer to a question, or a further message -------------- */

struct supply {
	long long id;
	bool answer; /* the status is 待补充材料 */
	char *question; /* the supervisor's, when answering */
	struct ui_field text;
	char key[37]; /* kept until an answer comes */
};

static const struct ui_binding supply_bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Send it") },
	UI_BIND_BACK,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops supply_ops;

static void supply_open(struct ui_ctx *ctx, struct detail *d)
{
	struct supply *s = xcalloc(1, sizeof(*s));

	s->id = d->id;
	s->answer = d->k->can_supply;
	s->question = xstrdup(s->answer ? latest(d, "request_info") : "");
	ui_field_init_multi(&s->text, N_("Your material"), 8, TEXT_MAX);
	s->text.required = true;
	db_request_key(s->key);
	ui_view_push(ctx, &supply_ops, s);
}

static void supply_destroy(struct ui_view *v)
{
	struct supply *s = v->priv;

	ui_field_release(&s->text);
	free(s->question);
	free(s);
}

/* "12 of 2000 characters" at the right end of the row under a field. */
static void draw_count(struct ui_ctx *ctx, const struct ui_field *f, size_t max)
{
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, _("%zu of %d characters"), f->ed.len, (int)max);
	ui_put(ctx, f->y + f->rows, f->x + f->w - (int)text_width(l.buf), f->w, l.buf,
	       f->ed.len >= max ? UI_A_ERROR : UI_A_DIM);
	sbuf_release(&l);
}

static void supply_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct supply *s = v->priv;
	int y = r->y, w = r->w - 4 - 12;

	if (s->answer) {
		ui_put(ctx, y++, r->x + 2, r->w - 4, _("The supervisor asks:"), UI_A_HEADING);
		y += ui_put_wrapped(ctx, y, r->x + 4, r->w - 6, 4, s->question, UI_A_NORMAL);
	} else {
		y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 2,
				    _("Add a message to your complaint: facts you left out, "
				      "evidence you can describe, a correction."),
				    UI_A_HEADING);
	}
	y++;
	s->text.rows = r->y + r->h - y - 4;
	if (s->text.rows > 10)
		s->text.rows = 10;
	if (s->text.rows < 3)
		s->text.rows = 3;
	s->text.msg_w = w - 28;
	ui_field_draw(&s->text, ctx, y, r->x + 2, 12, w, true);
	int keep_y = ctx->cursor_y, keep_x = ctx->cursor_x;
	draw_count(ctx, &s->text, TEXT_MAX);
	ui_put(ctx, y + s->text.rows + 2, r->x + 2, r->w - 4, _("F2 sends it."), UI_A_DIM);
	ui_set_cursor(ctx, keep_y, keep_x);
}

static void supply_send(struct ui_ctx *ctx, struct supply *s)
{
	char *text = editline_get(&s->text.ed), *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	if (!ui_field_check(&s->text)) {
		free(text);
		return;
	}
	st = db_citizen_complaint_supply(ctx->db, ctx->citizen.token, s->key, s->id, text, &outcome,
					 &err);
	free(text);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* the key stays: F2 again sends the same */
		db_error_release(&err);
		return;
	}
	if (strcmp(outcome, "ok") == 0) {
		bool answer = s->answer;
		free(outcome);
		ui_view_pop(ctx); /* s is gone; the complaint is read again */
		ui_message(ctx, UI_MSG_INFO,
			   answer ? _("Sent. Your complaint goes on being handled; the time limit "
				      "runs again.")
				  : _("Sent. It is added to your complaint."));
		return;
	}
	ui_message(ctx, UI_MSG_ERROR, _(db_complaint_outcome_msgid(outcome)));
	free(outcome);
	db_request_key(s->key); /* a new attempt is a new request; the text stays */
}

static bool supply_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct supply *s = v->priv;

	if (ev->op == OP_SEND) {
		supply_send(ctx, s);
		return true;
	}
	return ui_field_handle(&s->text, ev);
}

static const struct ui_view_ops supply_ops = {
	.title = N_("Add material"),
	.bindings = supply_bindings,
	.draw = supply_draw,
	.handle = supply_handle,
	.destroy = supply_destroy,
};

/* --- 评价答复: once, locked once given ------------------------------------- */

static const char *const rating_codes[] = { "satisfied", "basically", "unsatisfied" };

static const struct ui_menu_item rating_items[] = {
	{ N_("Satisfied"), NULL },
	{ N_("Basically satisfied"), NULL },
	{ N_("Not satisfied"), N_("it will be handled again") },
};

struct rate {
	long long id;
	char *reply;
	struct ui_menu menu;
	struct ui_field comment;
	bool in_comment; /* the focus is on the comment */
	struct ui_confirm confirm; /* F2 pressed once */
};

static const struct ui_binding rate_bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Submit rating") },
	UI_BIND_BACK,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops rate_ops;

static void rate_open(struct ui_ctx *ctx, struct detail *d)
{
	struct rate *t = xcalloc(1, sizeof(*t));

	t->id = d->id;
	t->reply = xstrdup(latest(d, "reply"));
	t->menu = (struct ui_menu){ .items = rating_items, .count = 3, .big = true };
	ui_field_init_multi(&t->comment, N_("Your comment"), 3, COMMENT_MAX);
	ui_view_push(ctx, &rate_ops, t);
}

static void rate_destroy(struct ui_view *v)
{
	struct rate *t = v->priv;

	ui_field_release(&t->comment);
	free(t->reply);
	free(t);
}

static void rate_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct rate *t = v->priv;
	int y = r->y, last = r->y + r->h;

	ui_put(ctx, y++, r->x + 2, r->w - 4, _("The reply:"), UI_A_HEADING);
	y += ui_put_wrapped(ctx, y, r->x + 4, r->w - 6, last - y - 13 > 2 ? last - y - 13 : 2,
			    t->reply, UI_A_NORMAL);
	y++;
	ui_put(ctx, y++, r->x + 2, r->w - 4,
	       _("How satisfied are you with it? (a number, or ↑↓; Tab to the comment)"),
	       UI_A_HEADING);
	ui_menu_draw(&t->menu, ctx, y, r->x + 2, r->w - 4);
	int menu_y = ctx->cursor_y, menu_x = ctx->cursor_x;
	y += 6;
	ui_field_draw(&t->comment, ctx, y, r->x + 2, 12, r->w - 4 - 12, t->in_comment);
	draw_count(ctx, &t->comment, COMMENT_MAX);
	y += t->comment.rows + 1;
	ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 2,
		       _("The comment is optional. A rating is given once and cannot be "
			 "changed; 不满意 sends the complaint back to be handled again."),
		       UI_A_DIM);
	if (!t->in_comment)
		ui_set_cursor(ctx, menu_y, menu_x);
}

static void rate_send(struct ui_ctx *ctx, struct rate *t)
{
	const char *rating = rating_codes[t->menu.selected];
	char *comment, *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;
	struct sbuf l = SBUF_INIT;

	if (!ui_confirm_press(&t->confirm, t->id, t->menu.selected + 1)) {
		sbuf_addf(&l, _("Press F2 again to rate the reply %s. It cannot be changed later."),
			  _(rating_items[t->menu.selected].label));
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
		return;
	}
	comment = editline_get(&t->comment.ed);
	st = db_citizen_complaint_rate(ctx->db, ctx->citizen.token, t->confirm.key, t->id, rating,
				       comment, &outcome, &err);
	free(comment);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* armed and keyed: F2 again sends the same */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&t->confirm);
	if (strcmp(outcome, "ok") == 0) {
		bool again = strcmp(rating, "unsatisfied") == 0;
		free(outcome);
		ui_view_pop(ctx); /* t is gone; the complaint is read again */
		ui_message(ctx, UI_MSG_INFO,
			   again ? _("Thank you. You are not satisfied: your complaint will be "
				     "handled again, and you will see the new reply here.")
				 : _("Thank you for your rating."));
		return;
	}
	ui_message(ctx, UI_MSG_ERROR, _(db_complaint_outcome_msgid(outcome)));
	free(outcome);
}

static bool rate_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct rate *t = v->priv;
	int chosen;

	if (ev->op == OP_SEND) {
		rate_send(ctx, t);
		return true;
	}
	if (ev->type == UI_EV_KEY && !ev->fkey && ev->key == '\t') {
		t->in_comment = !t->in_comment;
		return true;
	}
	if (ev->type == UI_EV_KEY && ev->fkey && ev->key == KEY_BTAB) {
		t->in_comment = false;
		return true;
	}
	if (ev->type == UI_EV_MOUSE && ui_field_contains(&t->comment, ev->y, ev->x)) {
		t->in_comment = true;
		return ui_field_handle(&t->comment, ev);
	}
	if (t->in_comment && ev->type == UI_EV_KEY)
		return ui_field_handle(&t->comment, ev);
	chosen = ui_menu_handle(&t->menu, ev);
	if (chosen >= 0 ||
	    (ev->type == UI_EV_KEY && ev->fkey && (ev->key == KEY_UP || ev->key == KEY_DOWN))) {
		ui_confirm_disarm(&t->confirm);
		if (chosen >= 0 && ev->type == UI_EV_KEY &&
		    (ev->key == '\r' || ev->key == '\n' || ev->key == KEY_ENTER))
			t->in_comment = true; /* chosen: on to the comment */
		return true;
	}
	return false;
}

static const struct ui_view_ops rate_ops = {
	.title = N_("Rate the reply"),
	.bindings = rate_bindings,
	.draw = rate_draw,
	.handle = rate_handle,
	.destroy = rate_destroy,
};
