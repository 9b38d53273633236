/*
 * price_queue: 收费标准审核 (Art. 16), one screen whose rows and keys
 * depend on the role. Every open proposal the caller may see, those
 * waiting for the caller's own step first:
 *
 *   the supervisor (第三方监督单位) reviews the submitted ones: F5 审核通过
 *   (on to the project group; an opinion optional), F6 退回 (the reason
 *   required);
 *   the bureau, for the 云平台项目组, decides the reviewed ones: F5 同意
 *   (the price applies to new bookings at once), F6 不同意 (the reason
 *   required);
 *   the operator and a provider's staff follow theirs, read only.
 *
 * The chosen proposal shows below the list: the service and provider,
 * the price and revenue split proposed against those in effect, who
 * proposed it and why, the supervisor's opinion. F4 opens the service's
 * whole price history. Each decision is pressed twice; the request key
 * is made on the first press and kept while armed, so a second press
 * after a lost connection resends it and the database decides once.
 */
#include "config.h"
#include "ui/price/price.h"

#include <stdlib.h>
#include <string.h>

enum { OP_YES = 1, OP_NO, OP_HISTORY };

#define NOTE_MAX 500

struct queue {
	struct price_proposal_row *v;
	int n;
	struct ui_list list;
	bool dim_others; /* those not waiting for the viewer's step are dimmed */
	struct ui_field note;
	struct ui_confirm act;
};

static const struct ui_binding supervisor_bindings[] = {
	{ KEY_F(5), true, OP_YES, "F5", N_("Pass review") },
	{ KEY_F(6), true, OP_NO, "F6", N_("Return") },
	{ KEY_F(4), true, OP_HISTORY, "F4", N_("Price history") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding bureau_bindings[] = {
	{ KEY_F(5), true, OP_YES, "F5", N_("Approve") },
	{ KEY_F(6), true, OP_NO, "F6", N_("Do not approve") },
	{ KEY_F(4), true, OP_HISTORY, "F4", N_("Price history") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding watch_bindings[] = {
	{ KEY_F(4), true, OP_HISTORY, "F4", N_("Price history") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool can_decide(const struct ui_ctx *ctx)
{
	return ctx->staff.role == ROLE_SUPERVISOR || ctx->staff.role == ROLE_BUREAU;
}

static bool queue_load(struct ui_ctx *ctx, struct queue *q)
{
	struct db_error err = DB_ERROR_INIT;
	struct price_proposal_row *v = NULL;
	int n = 0;

	if (db_price_queue(ctx->db, ctx->staff.token, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	price_proposal_rows_free(&q->v, q->n);
	q->v = v;
	q->n = n;
	ui_list_count(&q->list, n);
	ui_confirm_disarm(&q->act);
	return true;
}

static const struct ui_view_ops supervisor_ops, bureau_ops, watch_ops;
static ui_list_draw_fn draw_proposal;

void ui_price_queue_open(struct ui_ctx *ctx)
{
	struct queue *q = xcalloc(1, sizeof(*q));

	ui_field_init(&q->note, N_("Opinion"), NOTE_MAX, false);
	q->list = (struct ui_list){ .draw_row = draw_proposal, .data = q };
	q->dim_others = can_decide(ctx);
	if (!queue_load(ctx, q)) {
		ui_field_release(&q->note);
		free(q);
		return;
	}
	ui_view_push(ctx,
		     ctx->staff.role == ROLE_SUPERVISOR ? &supervisor_ops
		     : ctx->staff.role == ROLE_BUREAU	? &bureau_ops
							: &watch_ops,
		     q);
}

static void queue_destroy(struct ui_view *v)
{
	struct queue *q = v->priv;

	price_proposal_rows_free(&q->v, q->n);
	ui_field_release(&q->note);
	free(q);
}

/* One labelled line of the chosen proposal; returns rows used. */
static int fact(struct ui_ctx *ctx, int y, const struct ui_rect *b, const char *label,
		const char *text, int rows)
{
	ui_put(ctx, y, b->x + 2, 14, label, UI_A_DIM);
	return ui_put_wrapped(ctx, y, b->x + 16, b->w - 18, rows, text, UI_A_NORMAL);
}

static void draw_detail(struct ui_ctx *ctx, const struct price_proposal_row *p, int y,
			const struct ui_rect *b)
{
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, _("%s (%s)"), p->service_title, p->provider_name);
	y += fact(ctx, y, b, _("Service title"), t.buf, 1);
	sbuf_reset(&t);
	ui_price_amount(&t, p->price_fen);
	sbuf_adds(&t, _(" (in effect: "));
	if (p->old_price_fen)
		ui_price_amount(&t, p->old_price_fen);
	else
		sbuf_adds(&t, _("none yet"));
	sbuf_adds(&t, _(")"));
	y += fact(ctx, y, b, _("Price"), t.buf, 1);
	sbuf_reset(&t);
	ui_price_split(&t, p->provider_permille);
	if (p->old_price_fen) { /* no split is in effect without a price */
		sbuf_adds(&t, _(" (in effect: "));
		ui_price_split(&t, p->old_permille);
		sbuf_adds(&t, _(")"));
	}
	y += fact(ctx, y, b, _("Revenue split"), t.buf, 1);
	sbuf_reset(&t);
	sbuf_addf(&t, _("%s (%s)"), p->proposed_by,
		  _(role_label(role_from_name(p->proposer_role))));
	sbuf_addf(&t, "  %s", p->proposed_at);
	y += fact(ctx, y, b, _("Proposed by"), t.buf, 1);
	y += fact(ctx, y, b, _("Proposal reason"), p->reason, 2);
	if (*p->last_note)
		fact(ctx, y, b, _("Review opinion"), p->last_note, 1);
	sbuf_release(&t);
}

static void draw_proposal(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			  enum ui_attr a)
{
	const struct queue *q = data;
	const struct price_proposal_row *p = &q->v[i];
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, "[%s] %s  ", ui_price_status_label(p->status), p->proposed_at);
	ui_price_amount(&t, p->price_fen);
	sbuf_addf(&t, "  %s", p->service_title);
	ui_put(ctx, at->y, at->x, at->w, t.buf,
	       a == UI_A_NORMAL && q->dim_others && !p->my_turn ? UI_A_DIM : a);
	sbuf_release(&t);
}

static void queue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct queue *q = v->priv;
	struct sbuf t = SBUF_INIT;
	int y = b->y;
	int mine = 0;
	int detail = can_decide(ctx) ? 10 : 8; /* a rule, the facts, the opinion field */

	for (int i = 0; i < q->n; i++)
		mine += q->v[i].my_turn;
	if (can_decide(ctx))
		sbuf_addf(&t, _("%d waiting for you, %d open in all."), mine, q->n);
	else
		sbuf_addf(&t, _("%d price proposals under review."), q->n);
	ui_put(ctx, y, b->x + 2, b->w - 4, t.buf, UI_A_HEADING);
	y += 2;
	if (!q->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No price proposal is under review."),
		       UI_A_DIM);
		sbuf_release(&t);
		return;
	}
	ui_list_draw(&q->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - detail - 1, b->w - 4 });
	y = b->y + b->h - detail;
	ui_hline(ctx, y, b->x + 2, b->w - 4);
	draw_detail(ctx, &q->v[q->list.selected], y + 1, b);
	if (can_decide(ctx)) {
		q->note.msg_w = b->w - 16;
		ui_field_draw(&q->note, ctx, b->y + b->h - 2, b->x + 2, 12, b->w - 16, true);
	}
	sbuf_release(&t);
}

/* The supervisor's or the bureau's decision on the chosen proposal, on
 * its second press. */
static void queue_act(struct ui_ctx *ctx, struct queue *q, bool yes)
{
	bool bureau = ctx->staff.role == ROLE_BUREAU;
	const struct price_proposal_row *p = q->n ? &q->v[q->list.selected] : NULL;
	int op = yes ? OP_YES : OP_NO;

	if (!p) {
		ui_message(ctx, UI_MSG_INFO, _("Choose a price proposal first."));
		return;
	}
	if (!p->my_turn) {
		ui_message(ctx, UI_MSG_INFO,
			   bureau ? _("This proposal still waits for the supervisor's review.")
				  : _("This proposal has been reviewed: it waits for the project "
				      "group."));
		return;
	}
	char *note = editline_get(&q->note.ed);
	char *typed = normalize_input(note, 0);
	bool blank = !typed || !*typed;
	free(typed);
	if (!yes && blank) {
		ui_field_set_error(&q->note, _("Write why: the proposer sees it in the price "
					       "history."));
		ui_confirm_disarm(&q->act);
		free(note);
		return;
	}
	if (!ui_confirm_press(&q->act, p->id, op)) {
		ui_message(ctx, UI_MSG_INFO,
			   yes ? (bureau ? _("Press F5 again to approve: the price applies to new "
					     "bookings at once.")
					 : _("Press F5 again to pass the review on to the project "
					     "group."))
			       : (bureau ? _("Press F6 again to refuse approval.")
					 : _("Press F6 again to return the proposal.")));
		free(note);
		return;
	}
	enum price_step step =
		bureau ? (yes ? PRICE_APPROVE : PRICE_REJECT) : (yes ? PRICE_PASS : PRICE_RETURN);
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st =
		db_price_step(ctx->db, ctx->staff.token, q->act.key, p->id, step, note, &o, &err);
	free(note);
	if (st != DB_OK) {
		ui_db_refused(ctx, &err); /* armed and keyed: the key again resends the request */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&q->act);
	if (strcmp(o.outcome, "ok") == 0) {
		editline_clear(&q->note.ed);
		ui_field_set_error(&q->note, NULL);
		queue_load(ctx, q);
		ui_message(ctx, UI_MSG_INFO,
			   step == PRICE_APPROVE  ? _("Approved: the new price applies to new "
						       "bookings; existing bookings keep theirs.")
			   : step == PRICE_PASS	  ? _("Review passed: the proposal goes to the "
							"project group.")
			   : step == PRICE_RETURN ? _("Returned to the proposer with the reason.")
						  : _("Not approved: the price in effect stays."));
	} else {
		if (strcmp(o.outcome, "wrong_state") == 0)
			queue_load(ctx, q);
		ui_message(ctx, UI_MSG_ERROR, _(db_act_outcome_msgid(o.outcome)));
	}
	db_act_outcome_release(&o);
}

static bool queue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct queue *q = v->priv;

	switch (ev->op) {
	case OP_YES:
	case OP_NO:
		if (can_decide(ctx))
			queue_act(ctx, q, ev->op == OP_YES);
		return true;
	case OP_HISTORY:
		if (q->n)
			ui_price_history_open(ctx, q->v[q->list.selected].service_id,
					      q->v[q->list.selected].service_title);
		else
			ui_message(ctx, UI_MSG_INFO, _("Choose a price proposal first."));
		return true;
	default:
		break;
	}
	if (ev->type == UI_EV_SHOW)
		return queue_load(ctx, q), true;
	if (ui_list_handle(&q->list, ev) == UI_LIST_MOVED) {
		ui_confirm_disarm(&q->act);
		return true;
	}
	return can_decide(ctx) && ui_field_handle(&q->note, ev);
}

/* Text typed and not sent: leaving asks first. */
static bool queue_unsaved(const struct ui_view *v)
{
	const struct queue *q = v->priv;

	return q->note.ed.len > 0;
}

#define QUEUE_OPS(name, keys)                                                                      \
	static const struct ui_view_ops name = {                                                   \
		.title = N_("Price review"),                                                       \
		.bindings = keys,                                                                  \
		.draw = queue_draw,                                                                \
		.handle = queue_handle,                                                            \
		.destroy = queue_destroy,                                                          \
		.unsaved = queue_unsaved,                                                          \
	}
QUEUE_OPS(supervisor_ops, supervisor_bindings);
QUEUE_OPS(bureau_ops, bureau_bindings);
QUEUE_OPS(watch_ops, watch_bindings);
