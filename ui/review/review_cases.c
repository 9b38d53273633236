/*
 * review_cases: 申诉与整改 — the appeals against reviews and the
 * rectifications after bad ones, one list for two roles:
 *
 *   the third-party supervisor sees the appeals waiting for a decision
 *   and the rectifications not yet accepted, past-due first: F5 keeps an
 *   appeal (维持) or accepts a report (通过), F6 revokes the review (撤销)
 *   or sends the report back (退回: another 5 working days), F7 keeps an
 *   appeal and requires rectification in the same step (two texts: the
 *   reason, F2, then what to rectify; both written or neither), each
 *   sent with F2 pressed twice;
 *   a provider's staff see all of their provider's, and report what was
 *   rectified with F2 (提交整改情况).
 *
 * Each row says what it is, where it stands, the last day of the period
 * and 已超期 once past; the chosen one's review, the appeal's reason or
 * what is to be rectified, the report and the last decision's note show
 * below. Every step is written in the panel of reason.c and sent with its
 * key pressed twice; the database decides who may do what, and when.
 */
#include "config.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SEND = 1, OP_KEEP, OP_REVOKE, OP_KEEP_RECTIFY };

/* what the panel sends */
/* F7 asks twice in the one panel: STEP_KEEP_RECTIFY the reason the
 * review stands, STEP_RECTIFY_WHAT what to rectify (sent with both). */
enum step {
	STEP_REPORT = 1,
	STEP_KEEP,
	STEP_REVOKE,
	STEP_ACCEPT,
	STEP_RETURN,
	STEP_KEEP_RECTIFY,
	STEP_RECTIFY_WHAT,
};

#define DETAIL_ROWS 6 /* a line, the service, the review, the reason, the report, the note */

struct cases {
	struct review_case *v;
	int n;
	struct ui_list list;
	struct ui_reason panel;
	/* F7's two texts while the other is in the panel: the supervisor
	 * goes between them (F2 forward, F7 back) and Esc keeps both. */
	long long kr_target; /* the appeal they are for */
	char *kr_reason, *kr_what;
};

/* F5 and F6 open the panel of their step; F2 twice sends it, as in
 * every panel of reason.c. */
static const struct ui_binding supervisor_bindings[] = {
	{ KEY_F(5), true, OP_KEEP, "F5", N_("Keep / accept") },
	{ KEY_F(6), true, OP_REVOKE, "F6", N_("Revoke / send back") },
	{ KEY_F(7), true, OP_KEEP_RECTIFY, "F7", N_("Keep and rectify") },
	{ KEY_F(2), true, OP_SEND, "F2", N_("Confirm") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding provider_bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Report rectification") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct {
	const char *state, *label;
} state_labels[] = {
	{ "pending", N_("awaiting decision") }, { "kept", N_("review kept") },
	{ "revoked", N_("review revoked") },	{ "open", N_("to report") },
	{ "reported", N_("reported") },		{ "accepted", N_("accepted") },
};

static const char *state_label(const char *state)
{
	for (size_t i = 0; i < sizeof(state_labels) / sizeof(state_labels[0]); i++)
		if (strcmp(state_labels[i].state, state) == 0)
			return _(state_labels[i].label);
	return state;
}

static bool cases_load(struct ui_ctx *ctx, struct cases *c)
{
	struct db_error err = DB_ERROR_INIT;
	struct review_case *v = NULL;
	int n = 0;

	if (db_review_cases(ctx->db, ctx->staff.token, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	review_cases_free(&c->v, c->n);
	c->v = v;
	c->n = n;
	ui_list_count(&c->list, n);
	return true;
}

static ui_list_draw_fn draw_case;
static const struct ui_view_ops supervisor_ops, provider_ops;

void ui_review_cases_open(struct ui_ctx *ctx, bool supervisor)
{
	struct cases *c = xcalloc(1, sizeof(*c));

	c->list = (struct ui_list){ .draw_row = draw_case, .data = c };
	ui_reason_init(&c->panel);
	if (!cases_load(ctx, c)) {
		ui_reason_release(&c->panel);
		free(c);
		return;
	}
	ui_view_push(ctx, supervisor ? &supervisor_ops : &provider_ops, c);
}

static void cases_destroy(struct ui_view *v)
{
	struct cases *c = v->priv;

	review_cases_free(&c->v, c->n);
	ui_reason_release(&c->panel);
	free(c->kr_reason);
	free(c->kr_what);
	free(c);
}

/* [整改·待提交·2026-12-14截止·已超期] or [申诉·待处理], then the
 * review's stars, service and text: the tag leaves no room for its day
 * at 80 columns (the day is below). */
static void case_line(struct sbuf *t, const struct review_case *k)
{
	sbuf_addf(t, "[%s·%s", k->rectification ? _("Rectification") : _("Appeal"),
		  state_label(k->state));
	if (k->rectification && strcmp(k->state, "open") == 0)
		sbuf_addf(t, _("·due %s"), k->due_on);
	if (k->overdue)
		sbuf_addf(t, "·%s", _("overdue"));
	sbuf_adds(t, "] ");
	ui_stars(t, k->stars);
	sbuf_addf(t, "  %s  %s", k->service_title, k->comment);
}

static void draw_case(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct review_case *k = &((struct cases *)data)->v[i];
	struct sbuf t = SBUF_INIT;

	case_line(&t, k);
	ui_put(ctx, at->y, at->x, at->w, t.buf, k->overdue && a == UI_A_NORMAL ? UI_A_ERROR : a);
	sbuf_release(&t);
}

/* label then text on one row, cut to the width. */
static void labelled(struct ui_ctx *ctx, int y, int x, int w, const char *label, const char *text,
		     enum ui_attr a)
{
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, "%s%s", label, text);
	ui_put(ctx, y, x, w, t.buf, a);
	sbuf_release(&t);
}

static void draw_detail(struct ui_ctx *ctx, const struct review_case *k, int y, int x, int w)
{
	struct sbuf t = SBUF_INIT;

	ui_hline(ctx, y++, x, w);
	sbuf_addf(&t, _("%s (%s)"), k->service_title, k->provider_name);
	sbuf_addf(&t, _(" · reviewed %s"), k->day);
	if (k->rectification)
		sbuf_addf(&t, _(" · period %d, last day %s"), k->round, k->due_on);
	ui_put(ctx, y++, x, w, t.buf, UI_A_DIM);
	labelled(ctx, y++, x, w, _("Review: "), k->comment, UI_A_NORMAL);
	labelled(ctx, y++, x, w, k->rectification ? _("To rectify: ") : _("Appeal: "), k->text,
		 UI_A_NORMAL);
	if (k->rectification) {
		sbuf_reset(&t);
		if (*k->answer)
			sbuf_addf(&t, "%s%s", k->answer, k->late ? _(" (reported late)") : "");
		else
			sbuf_adds(&t, _("not reported yet"));
		labelled(ctx, y++, x, w, _("Rectified: "), t.buf,
			 *k->answer ? UI_A_NORMAL : UI_A_DIM);
	}
	if (*k->note)
		labelled(ctx, y, x, w, _("Decision: "), k->note, UI_A_NORMAL);
	sbuf_release(&t);
}

static void cases_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct cases *c = v->priv;
	int x = b->x + 2, w = b->w - 4;

	if (!c->n) {
		ui_put(ctx, b->y, x, w, _("No appeals or rectifications."), UI_A_DIM);
		return;
	}
	int panel = c->panel.open ? ui_reason_rows() : DETAIL_ROWS;
	ui_list_draw(&c->list, ctx, &(struct ui_rect){ b->y, x, b->h - panel, w });
	if (c->panel.open)
		ui_reason_draw(&c->panel, ctx, b->y + b->h - panel, x, w);
	else
		draw_detail(ctx, &c->v[c->list.selected], b->y + b->h - panel, x, w);
}

static void kr_forget(struct cases *c)
{
	free(c->kr_reason);
	free(c->kr_what);
	c->kr_reason = c->kr_what = NULL;
	c->kr_target = 0;
}

/* The panel's text kept as that of its F7 step, if it holds one. */
static void kr_save(struct cases *c)
{
	char **kept = c->panel.step == STEP_KEEP_RECTIFY   ? &c->kr_reason
		      : c->panel.step == STEP_RECTIFY_WHAT ? &c->kr_what
							   : NULL;

	if (!kept || c->panel.target != c->kr_target)
		return;
	free(*kept);
	*kept = editline_get(&c->panel.text.ed);
}

/* The panel set to F7's step s for appeal id, with that step's text. */
static void kr_load(struct cases *c, long long id, int s)
{
	const char *text = s == STEP_KEEP_RECTIFY ? c->kr_reason : c->kr_what;

	if (c->kr_target != id)
		kr_forget(c);
	c->kr_target = id;
	/* the same step and target: ui_reason_start keeps the text */
	c->panel.target = id;
	c->panel.step = s;
	editline_set(&c->panel.text.ed, text ? text : "");
	ui_field_set_error(&c->panel.text, NULL);
}

/* Characters of the text but for spaces at either end, as the database
 * counts them (length(btrim(...))). */
static size_t trimmed_chars(const struct editline *e)
{
	size_t a = 0, b = e->len;

	while (a < b && e->cp[a] == ' ')
		a++;
	while (b > a && e->cp[b - 1] == ' ')
		b--;
	return b - a;
}

static enum db_status step_send(struct ui_ctx *ctx, const struct review_case *k, struct cases *c,
				const char *text, struct db_manage_outcome *o, struct db_error *err)
{
	const char *t = ctx->staff.token, *key = c->panel.confirm.key;

	switch ((enum step)c->panel.step) {
	case STEP_REPORT:
		return db_rectification_report(ctx->db, t, key, k->id, text, o, err);
	case STEP_KEEP:
		return db_review_appeal_decide(ctx->db, t, key, k->id, APPEAL_KEEP, text, o, err);
	case STEP_REVOKE:
		return db_review_appeal_decide(ctx->db, t, key, k->id, APPEAL_REVOKE, text, o, err);
	case STEP_RECTIFY_WHAT:
		return db_review_appeal_keep_rectify(ctx->db, t, key, k->id, c->kr_reason, text, o,
						     err);
	case STEP_KEEP_RECTIFY:
		break; /* F2 there goes on to STEP_RECTIFY_WHAT */
	case STEP_ACCEPT:
		return db_rectification_decide(ctx->db, t, key, k->id, RECTIFY_ACCEPT, text, o,
					       err);
	case STEP_RETURN:
		return db_rectification_decide(ctx->db, t, key, k->id, RECTIFY_RETURN, text, o,
					       err);
	}
	return DB_ERR_SERVER;
}

static void panel_send(struct ui_ctx *ctx, struct cases *c)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	const struct review_case *k = NULL;

	bool rect = c->panel.step == STEP_REPORT || c->panel.step == STEP_ACCEPT ||
		    c->panel.step == STEP_RETURN;

	/* an appeal is known by its review's id, a rectification by its own */
	for (int i = 0; i < c->n && !k; i++)
		if (c->v[i].id == c->panel.target && c->v[i].rectification == rect)
			k = &c->v[i];
	if (!k)
		return;
	char *text = editline_get(&c->panel.text.ed);
	enum db_status st = step_send(ctx, k, c, text, &o, &err);

	free(text);
	if (ui_reason_sent(&c->panel, ctx, st, &err, &o)) {
		if (!c->panel.open)
			kr_forget(c);
		cases_load(ctx, c);
	}
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &c->panel, &o);
	db_manage_outcome_release(&o);
}

/* The step a key means for the chosen case, or 0 with the reason said. */
static int step_for(struct ui_ctx *ctx, const struct review_case *k, int op)
{
	if (op == OP_SEND) {
		if (k->rectification && strcmp(k->state, "open") == 0)
			return STEP_REPORT;
		ui_message(ctx, UI_MSG_INFO,
			   _("Only a rectification waiting for your report is reported."));
		return 0;
	}
	if (!k->rectification && strcmp(k->state, "pending") == 0)
		return op == OP_KEEP	 ? STEP_KEEP
		       : op == OP_REVOKE ? STEP_REVOKE
					 : STEP_KEEP_RECTIFY;
	if (op == OP_KEEP_RECTIFY) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Only an appeal waiting for a decision is kept with rectification."));
		return 0;
	}
	if (k->rectification && strcmp(k->state, "reported") == 0)
		return op == OP_KEEP ? STEP_ACCEPT : STEP_RETURN;
	ui_message(ctx, UI_MSG_INFO,
		   _("Waiting for the provider: nothing to decide until it reports."));
	return 0;
}

static void panel_open(struct ui_ctx *ctx, struct cases *c, const struct review_case *k, int s);

/* F2 on the reason: checked here as the database would, then the panel
 * asks what to rectify. */
static void kr_forward(struct ui_ctx *ctx, struct cases *c)
{
	const struct review_case *k = NULL;

	for (int i = 0; i < c->n && !k; i++)
		if (c->v[i].id == c->panel.target && !c->v[i].rectification)
			k = &c->v[i];
	if (!k || !ui_field_check(&c->panel.text))
		return;
	if (trimmed_chars(&c->panel.text.ed) < 5) {
		ui_field_set_error(&c->panel.text, _(db_manage_outcome_msgid("text_too_short")));
		return;
	}
	kr_save(c);
	kr_load(c, k->id, STEP_RECTIFY_WHAT);
	panel_open(ctx, c, k, STEP_RECTIFY_WHAT);
}

static void panel_open(struct ui_ctx *ctx, struct cases *c, const struct review_case *k, int s)
{
	static const struct {
		const char *label, *prompt;
	} steps[] = {
		[STEP_REPORT] = { N_("Report rectification"),
				  N_("What was rectified (5 to 500 characters; the supervisor "
				     "checks it; Esc: not now):") },
		[STEP_KEEP] = { N_("Keep the review"),
				N_("Why the review stands (5 to 500 characters; the provider "
				   "sees it; Esc: not now):") },
		[STEP_REVOKE] = { N_("Revoke the review"),
				  N_("Why it is revoked (5 to 500 characters; the person who "
				     "wrote it sees it; Esc: not now):") },
		[STEP_ACCEPT] = { N_("Accept the rectification"),
				  N_("Note (optional, at most 500 characters; Esc: not now):") },
		[STEP_RETURN] = { N_("Send the rectification back"),
				  N_("What is still missing (5 to 500 characters; another 5 "
				     "working days start; Esc: not now):") },
		[STEP_KEEP_RECTIFY] = { N_("Keep the review and require rectification"),
					N_("Why the review stands (5 to 500 characters; the "
					   "provider sees it; F2: then what to rectify; Esc: not "
					   "now):") },
		[STEP_RECTIFY_WHAT] = { N_("Keep the review and require rectification"),
					N_("What to rectify (5 to 500 characters; 5 working days "
					   "to report; F7: back to the reason; Esc: not now):") },
	};
	c->panel.prompt = steps[s].prompt;
	c->panel.text.required = s != STEP_ACCEPT;
	ui_reason_start(&c->panel, ctx, steps[s].label, k->id, s);
	ui_message(ctx, UI_MSG_INFO,
		   s == STEP_KEEP_RECTIFY
			   ? _("Write why the review stands, then press F2 to write what to rectify.")
			   : _("Write it, then press F2 twice to confirm."));
}

static void panel_start(struct ui_ctx *ctx, struct cases *c, int op)
{
	const struct review_case *k = c->n ? &c->v[c->list.selected] : NULL;
	int s = k ? step_for(ctx, k, op) : 0;

	if (!k)
		ui_message(ctx, UI_MSG_INFO, _("Nothing to choose."));
	if (!s)
		return;
	kr_save(c);
	if (s == STEP_KEEP_RECTIFY) {
		/* F7 reopens the requirement where it was left, and goes back
		 * from it to the reason */
		if (c->kr_target == k->id && c->panel.target == k->id &&
		    c->panel.step == STEP_RECTIFY_WHAT && !c->panel.open)
			s = STEP_RECTIFY_WHAT;
		kr_load(c, k->id, s);
	}
	panel_open(ctx, c, k, s);
}

static bool cases_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct cases *c = v->priv;

	if (c->panel.open && c->panel.step == STEP_KEEP_RECTIFY && ev->op == OP_SEND) {
		kr_forward(ctx, c);
		return true;
	}
	if (c->panel.open && c->panel.step == STEP_RECTIFY_WHAT && ev->op == OP_KEEP_RECTIFY) {
		panel_start(ctx, c, ev->op); /* back to the reason */
		return true;
	}
	if (c->panel.open) {
		switch (ui_reason_handle(&c->panel, ctx, ev, OP_SEND)) {
		case UI_REASON_SEND:
			panel_send(ctx, c);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	if (ev->op == OP_SEND || ev->op == OP_KEEP || ev->op == OP_REVOKE ||
	    ev->op == OP_KEEP_RECTIFY) {
		panel_start(ctx, c, ev->op);
		return true;
	}
	if (ev->type == UI_EV_SHOW)
		return cases_load(ctx, c), true;
	return ui_list_handle(&c->list, ev) != UI_LIST_IGNORED;
}

/* Text typed and not sent: leaving asks first. */
static bool cases_unsaved(const struct ui_view *v)
{
	const struct cases *c = v->priv;

	return c->panel.text.ed.len > 0 || (c->kr_reason && *c->kr_reason) ||
	       (c->kr_what && *c->kr_what);
}

static const struct ui_view_ops supervisor_ops = {
	.title = N_("Appeals and rectification"),
	.bindings = supervisor_bindings,
	.draw = cases_draw,
	.handle = cases_handle,
	.destroy = cases_destroy,
	.unsaved = cases_unsaved,
};

static const struct ui_view_ops provider_ops = {
	.title = N_("Appeals and rectification"),
	.bindings = provider_bindings,
	.draw = cases_draw,
	.handle = cases_handle,
	.destroy = cases_destroy,
	.unsaved = cases_unsaved,
};
