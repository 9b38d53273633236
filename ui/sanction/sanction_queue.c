/*
 * sanction_queue: the supervisor's 违规记录审核 — records of misuse the
 * operator proposed, to confirm or not, and appeals against records in
 * force, to decide; oldest first, each with the person (name, masked ID
 * number), the kind and the period; below, the chosen one's reason and
 * appeal.
 *
 * F2 confirms a record (it takes effect today) or upholds an appeal (the
 * record is lifted at once); F3 rejects a record or dismisses an appeal
 * (it stays to its last day). Each asks the reason in the panel
 * (reason.c), sent with its key pressed twice. Enter opens the chosen
 * record's every step (sanction_history.c).
 */
#include "config.h"
#include "ui/sanction/sanction.h"

#include <stdlib.h>
#include <string.h>

enum { OP_YES = 1, OP_NO, OP_OPEN };

#define DETAIL_ROWS 6

struct queue {
	struct person_sanction *v;
	struct ui_list list; /* count: v's */
	struct ui_reason reason;
	int send_op; /* the key that opened the panel */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_YES, "F2", N_("Confirm / uphold appeal") },
	{ KEY_F(3), true, OP_NO, "F3", N_("Reject / dismiss appeal") },
	{ '\r', false, OP_OPEN, "Enter", N_("Steps") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool is_appeal(const struct person_sanction *s)
{
	return strcmp(s->status, "appealed") == 0;
}

static bool queue_load(struct ui_ctx *ctx, struct queue *q)
{
	struct db_error err = DB_ERROR_INIT;
	struct person_sanction *v = NULL;
	int n = 0;

	if (db_sanction_queue(ctx->db, ctx->staff.token, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	person_sanctions_free(&q->v, q->list.count);
	q->v = v;
	ui_list_count(&q->list, n);
	return true;
}

static void draw_item(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct person_sanction *s = &((struct queue *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "[%s] %s %s  %s", is_appeal(s) ? _("appeal") : _("to confirm"),
		  s->person_name, s->id_masked, _(ui_sanction_kind_label(s->kind)));
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_adds(&l, "    ");
	ui_sanction_period(&l, s);
	sbuf_addf(&l, _(" · proposed %s"), s->proposed_at);
	ui_put(ctx, at->y + 1, at->x, at->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void queue_destroy(struct ui_view *v)
{
	struct queue *q = v->priv;

	person_sanctions_free(&q->v, q->list.count);
	ui_reason_release(&q->reason);
	free(q);
}

static void queue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct queue *q = v->priv;
	int panel = q->reason.open ? ui_reason_rows() : DETAIL_ROWS;
	int y = b->y, x = b->x + 2, w = b->w - 4;
	struct sbuf l = SBUF_INIT;

	if (!q->list.count) {
		ui_put(ctx, y, x, w, _("Nothing waits for a decision."), UI_A_NORMAL);
		return;
	}
	ui_list_draw(&q->list, ctx, &(struct ui_rect){ y, x, b->y + b->h - y - panel, w });
	y = b->y + b->h - panel;
	if (q->reason.open) {
		ui_reason_draw(&q->reason, ctx, y, x, w);
		return;
	}
	const struct person_sanction *s = &q->v[q->list.selected];
	ui_hline(ctx, y++, x, w);
	sbuf_addf(&l, _("Reason: %s"), s->reason);
	y += ui_put_wrapped(ctx, y, x, w, 2, l.buf, UI_A_NORMAL);
	if (is_appeal(s)) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("Appeal: %s"), s->appeal);
		ui_put_wrapped(ctx, y, x, w, 2, l.buf, UI_A_NORMAL);
	} else {
		ui_put(ctx, y, x, w,
		       _("F2 confirms: the vouchers are frozen from today. F3 rejects it."),
		       UI_A_DIM);
	}
	sbuf_release(&l);
}

static void queue_send(struct ui_ctx *ctx, struct queue *q)
{
	static const char *const actions[2][2] = { { "confirm", "reject" },
						   { "uphold", "dismiss" } };
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&q->reason.text.ed);
	enum db_status st = db_sanction_decide(
		ctx->db, ctx->staff.token, q->reason.confirm.key, q->reason.target,
		actions[q->reason.step][q->send_op == OP_NO], text, &o, &err);

	free(text);
	if (ui_reason_sent(&q->reason, ctx, st, &err, &o))
		queue_load(ctx, q);
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &q->reason, &o);
	db_manage_outcome_release(&o);
}

static bool queue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct queue *q = v->priv;

	if (q->reason.open) {
		switch (ui_reason_handle(&q->reason, ctx, ev, q->send_op)) {
		case UI_REASON_SEND:
			queue_send(ctx, q);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			break;
		}
	}
	if (ev->op == OP_YES || ev->op == OP_NO) {
		if (!q->list.count)
			return true;
		const struct person_sanction *s = &q->v[q->list.selected];
		static const char *const labels[2][2] = {
			{ N_("Confirm the record"), N_("Reject the record") },
			{ N_("Uphold the appeal: lift the record"),
			  N_("Dismiss the appeal: the record stays") },
		};
		int appeal = is_appeal(s);
		if (q->reason.open && q->send_op != ev->op)
			q->reason.open = false; /* the other decision: a fresh panel */
		q->send_op = ev->op;
		ui_reason_start(&q->reason, ctx, labels[appeal][ev->op == OP_NO], s->id, appeal);
		if (ev->op == OP_NO)
			ui_message(ctx, UI_MSG_INFO,
				   _("Write the reason, then press F3 twice to confirm."));
		return true;
	}
	if (ev->op == OP_OPEN) {
		if (q->list.count && !q->reason.open)
			ui_sanction_history_open(ctx, &q->v[q->list.selected]);
		return true;
	}
	return ui_list_handle(&q->list, ev) != UI_LIST_IGNORED;
}

static bool queue_unsaved(const struct ui_view *v)
{
	const struct queue *q = v->priv;

	return q->reason.text.ed.len > 0;
}

static const struct ui_view_ops queue_ops = {
	.title = N_("Records of misuse to decide"),
	.bindings = bindings,
	.draw = queue_draw,
	.handle = queue_handle,
	.destroy = queue_destroy,
	.unsaved = queue_unsaved,
};

void ui_sanction_queue_open(struct ui_ctx *ctx)
{
	struct queue *q = xcalloc(1, sizeof(*q));

	q->list = (struct ui_list){ .draw_row = draw_item, .data = q, .row_h = 2 };
	ui_reason_init(&q->reason);
	if (!queue_load(ctx, q)) {
		ui_reason_release(&q->reason);
		free(q);
		return;
	}
	ui_view_push(ctx, &queue_ops, q);
}
