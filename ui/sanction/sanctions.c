/*
 * sanctions: 违规记录 — one person's records of misuse, newest first, each
 * with its kind, where it stands and its period; below, the chosen one's
 * reason, appeal and decision, and how to appeal.
 *
 * The operator proposes a record (F2): F3 chooses the kind, F4 the period
 * (30, 90, 180 or 365 days from the supervisor's confirmation, or a last
 * day typed in its field, Tab going between it and the reason), the reason
 * is written in the panel (reason.c) and F2 pressed twice sends it. The
 * person at a kiosk, or the counter for the person, appeals once (F5),
 * while the record is in force: the text in the same panel, F5 twice.
 * Staff open the chosen record's every step with Enter
 * (sanction_history.c). The database decides who may and when; the
 * screen offers the keys of the role that has them.
 */
#include "config.h"
#include "ui/sanction/sanction.h"

#include <stdlib.h>
#include <string.h>

enum { OP_PROPOSE = 1, OP_KIND, OP_PERIOD, OP_APPEAL, OP_OPEN };
enum { STEP_PROPOSE = 1, STEP_APPEAL };

#define DETAIL_ROWS 7 /* a line, then the chosen record's texts */

static const char *const kinds[] = { "false_claim", "no_show", "other" };
static const int periods[] = { 30, 90, 180, 365 };
#define N_PERIODS ((int)(sizeof(periods) / sizeof(periods[0])))
#define PERIOD_UNTIL N_PERIODS /* F4's last choice: the last day typed */

struct records {
	char *person_id; /* NULL: the signed-in person at a kiosk */
	struct person_sanction *v;
	struct ui_list list; /* count: v's */
	struct ui_reason reason;
	int kind, period; /* indexes of the record being proposed */
	struct ui_field until; /* its last day, when period is PERIOD_UNTIL */
	bool in_until; /* the keys go to until rather than to the reason */
};

static const struct ui_binding operator_bindings[] = {
	{ KEY_F(2), true, OP_PROPOSE, "F2", N_("Record misuse") },
	{ KEY_F(3), true, OP_KIND, "F3", N_("Kind") },
	{ KEY_F(4), true, OP_PERIOD, "F4", N_("Period") },
	{ '\r', false, OP_OPEN, "Enter", N_("Steps") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding appeal_bindings[] = {
	{ KEY_F(5), true, OP_APPEAL, "F5", N_("Appeal") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* the counter: the appeal for the person, and the steps */
static const struct ui_binding counter_bindings[] = {
	{ KEY_F(5), true, OP_APPEAL, "F5", N_("Appeal") },
	{ '\r', false, OP_OPEN, "Enter", N_("Steps") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding reader_bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Steps") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool records_load(struct ui_ctx *ctx, struct records *r)
{
	struct person_sanction *v = NULL;
	int n = 0;

	if (!ui_sanctions_load(ctx, r->person_id, &v, &n))
		return false;
	person_sanctions_free(&r->v, r->list.count);
	r->v = v;
	ui_list_count(&r->list, n);
	return true;
}

static void draw_record(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct person_sanction *s = &((struct records *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "[%s] %s  ", _(ui_sanction_status_label(s)),
		  _(ui_sanction_kind_label(s->kind)));
	ui_sanction_period(&l, s);
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    Reason: %s"), s->reason);
	ui_put(ctx, at->y + 1, at->x, at->w, l.buf, s->frozen ? UI_A_ERROR : UI_A_DIM);
	sbuf_release(&l);
}

static void records_destroy(struct ui_view *v)
{
	struct records *r = v->priv;

	person_sanctions_free(&r->v, r->list.count);
	ui_reason_release(&r->reason);
	ui_field_release(&r->until);
	free(r->person_id);
	free(r);
}

/* The chosen record whole, and what can be done about it. */
static void draw_detail(struct ui_ctx *ctx, const struct records *r, int y, int x, int w)
{
	const struct person_sanction *s = &r->v[r->list.selected];
	int end = y + DETAIL_ROWS;
	struct sbuf l = SBUF_INIT;

	ui_hline(ctx, y++, x, w);
	sbuf_addf(&l, _("Reason: %s"), s->reason);
	y += ui_put_wrapped(ctx, y, x, w, 2, l.buf, UI_A_NORMAL);
	if (*s->appeal) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("Appeal: %s"), s->appeal);
		y += ui_put_wrapped(ctx, y, x, w, 1, l.buf, UI_A_NORMAL);
	}
	if (*s->decision) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("Decision: %s"), s->decision);
		y += ui_put_wrapped(ctx, y, x, w, 1, l.buf, UI_A_NORMAL);
	}
	if (strcmp(s->status, "in_force") == 0 && !s->over && !*s->appeal)
		ui_put_wrapped(ctx, y, x, w, end - y,
			       _("While it is in force the vouchers are frozen: they cannot pay "
				 "for a booking and no voucher is issued; services booked before "
				 "stay booked. How to appeal: once, by F5 here or at the service "
				 "counter; the third-party supervisor decides."),
			       UI_A_DIM);
	sbuf_release(&l);
}

/* The record being proposed: its kind and period, above the panel. */
static void draw_proposal(struct ui_ctx *ctx, struct records *r, int y, int x, int w)
{
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, _("Kind (F3): %s · period (F4): "),
		  _(ui_sanction_kind_label(kinds[r->kind])));
	if (r->period == PERIOD_UNTIL) {
		sbuf_adds(&l, _("last day (Tab) "));
		int used = ui_put(ctx, y, x, w, l.buf, UI_A_HEADING);
		ui_field_draw(&r->until, ctx, y, x + used, 0, 12, r->in_until);
		sbuf_release(&l);
		return;
	}
	sbuf_addf(&l,
		  ngettext("%d day from confirmation", "%d days from confirmation",
			   (unsigned long)periods[r->period]),
		  periods[r->period]);
	ui_put(ctx, y, x, w, l.buf, UI_A_HEADING);
	sbuf_release(&l);
}

static void records_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct records *r = v->priv;
	bool proposing = r->reason.open && r->reason.step == STEP_PROPOSE;
	int panel = r->reason.open ? ui_reason_rows() + proposing : DETAIL_ROWS;
	int y = b->y;

	y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 2,
			    _("A record of misuse in force freezes the vouchers for its period "
			      "(Art. 25); it takes effect once the third-party supervisor confirms "
			      "it."),
			    UI_A_DIM) +
	     1;
	if (!r->list.count)
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No records of misuse."), UI_A_NORMAL);
	else
		ui_list_draw(&r->list, ctx,
			     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - panel, b->w - 4 });
	y = b->y + b->h - panel;
	if (r->reason.open) {
		/* the reason's field first: the last day's, drawn after, takes
		 * the cursor when it has the keys */
		ui_reason_draw(&r->reason, ctx, y + proposing, b->x + 2, b->w - 4);
		if (proposing)
			draw_proposal(ctx, r, y, b->x + 2, b->w - 4);
	} else if (r->list.count) {
		draw_detail(ctx, r, y, b->x + 2, b->w - 4);
	}
}

static void records_send(struct ui_ctx *ctx, struct records *r)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&r->reason.text.ed);
	enum db_status st;

	if (r->reason.step == STEP_PROPOSE && r->period == PERIOD_UNTIL) {
		char *typed = editline_get(&r->until.ed), until[11];

		/* checked before the first press: it holds */
		(void)ui_sanction_until_check(typed, until);
		free(typed);
		st = db_sanction_propose(ctx->db, ctx->staff.token, r->reason.confirm.key,
					 r->person_id, kinds[r->kind], text, 0, until, &o, &err);
	} else if (r->reason.step == STEP_PROPOSE)
		st = db_sanction_propose(ctx->db, ctx->staff.token, r->reason.confirm.key,
					 r->person_id, kinds[r->kind], text, periods[r->period],
					 NULL, &o, &err);
	else
		st = db_sanction_appeal(
			ctx->db, r->person_id ? ctx->staff.token : ctx->citizen.token,
			r->reason.confirm.key, r->person_id, r->reason.target, text, &o, &err);
	free(text);
	if (ui_reason_sent(&r->reason, ctx, st, &err, &o)) {
		if (!r->reason.open)
			editline_clear(&r->until.ed);
		records_load(ctx, r);
	}
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &r->reason, &o);
	db_manage_outcome_release(&o);
}

/* The last day's keys while it is offered: Tab between it and the
 * reason, editing while it has the keys, and the day checked at the
 * first press of F2 (the reason after it). True if ev was used. */
static bool until_handle(struct ui_ctx *ctx, struct records *r, const struct ui_event *ev)
{
	if (ev->type == UI_EV_KEY && !ev->fkey && ev->key == '\t') {
		r->in_until = !r->in_until;
		return true;
	}
	if (ev->op == OP_PROPOSE) {
		char *typed = editline_get(&r->until.ed), until[11];
		const char *why = ui_sanction_until_check(typed, until);

		free(typed);
		if (why) {
			r->in_until = true;
			ui_confirm_disarm(&r->reason.confirm);
			ui_message(ctx, UI_MSG_ERROR, _(why));
			return true;
		}
		return false;
	}
	if (r->in_until && ev->op != UI_OP_BACK && ui_field_handle(&r->until, ev)) {
		ui_confirm_disarm(&r->reason.confirm); /* what is sent has changed */
		return true;
	}
	return false;
}

static bool records_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct records *r = v->priv;
	int send = r->reason.step == STEP_PROPOSE ? OP_PROPOSE : OP_APPEAL;

	if (r->reason.open) {
		if (r->reason.step == STEP_PROPOSE && (ev->op == OP_KIND || ev->op == OP_PERIOD)) {
			if (ev->op == OP_KIND)
				r->kind = (r->kind + 1) % (int)(sizeof(kinds) / sizeof(kinds[0]));
			else
				r->period = (r->period + 1) % (N_PERIODS + 1);
			r->in_until = r->period == PERIOD_UNTIL;
			ui_confirm_disarm(&r->reason.confirm);
			return true;
		}
		if (r->reason.step == STEP_PROPOSE && r->period == PERIOD_UNTIL &&
		    until_handle(ctx, r, ev))
			return true;
		switch (ui_reason_handle(&r->reason, ctx, ev, send)) {
		case UI_REASON_SEND:
			records_send(ctx, r);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			break;
		}
	}
	if (ev->op == OP_OPEN) {
		if (r->list.count && !r->reason.open)
			ui_sanction_history_open(ctx, &r->v[r->list.selected]);
		return true;
	}
	if (ev->op == OP_PROPOSE) {
		ui_reason_start(&r->reason, ctx, N_("Record misuse against this person"), 1,
				STEP_PROPOSE);
		return true;
	}
	if (ev->op == OP_KIND || ev->op == OP_PERIOD) {
		ui_message(ctx, UI_MSG_INFO, _("Press F2 first to record misuse."));
		return true;
	}
	if (ev->op == OP_APPEAL) {
		if (!r->list.count)
			return true;
		const struct person_sanction *s = &r->v[r->list.selected];
		if (*s->appeal)
			ui_message(ctx, UI_MSG_INFO,
				   _(db_manage_outcome_msgid("already_appealed")));
		else if (strcmp(s->status, "in_force") != 0 || s->over)
			ui_message(ctx, UI_MSG_INFO,
				   _("Only a record in force can be appealed against."));
		else {
			ui_reason_start(&r->reason, ctx, N_("Appeal against this record"), s->id,
					STEP_APPEAL);
			r->reason.prompt = N_("Why it is wrong (5 to 500 characters; the "
					      "third-party supervisor reads it; Esc: not now):");
			ui_message(ctx, UI_MSG_INFO,
				   _("Write why, then press F5 twice to send the appeal."));
		}
		return true;
	}
	return ui_list_handle(&r->list, ev) != UI_LIST_IGNORED;
}

/* Text typed and not sent: leaving asks first. */
static bool records_unsaved(const struct ui_view *v)
{
	const struct records *r = v->priv;

	return r->reason.text.ed.len > 0 || r->until.ed.len > 0;
}

#define RECORDS_OPS(b)                                                                             \
	{                                                                                          \
		.title = N_("Records of misuse"), .bindings = (b), .draw = records_draw,           \
		.handle = records_handle, .destroy = records_destroy, .unsaved = records_unsaved,  \
	}

static const struct ui_view_ops operator_ops = RECORDS_OPS(operator_bindings);
static const struct ui_view_ops appeal_ops = RECORDS_OPS(appeal_bindings);
static const struct ui_view_ops counter_ops = RECORDS_OPS(counter_bindings);
static const struct ui_view_ops reader_ops = RECORDS_OPS(reader_bindings);

void ui_sanctions_open(struct ui_ctx *ctx, const char *person_id)
{
	struct records *r = xcalloc(1, sizeof(*r));
	const struct ui_view_ops *ops = &reader_ops;

	r->person_id = person_id ? xstrdup(person_id) : NULL;
	r->list = (struct ui_list){ .draw_row = draw_record, .data = r, .row_h = 2 };
	ui_reason_init(&r->reason);
	ui_field_init(&r->until, N_("Last day"), 10, false);
	if (!records_load(ctx, r)) {
		ui_reason_release(&r->reason);
		ui_field_release(&r->until);
		free(r->person_id);
		free(r);
		return;
	}
	if (!person_id)
		ops = &appeal_ops;
	else if (ctx->staff.role == ROLE_COUNTER)
		ops = &counter_ops;
	else if (ctx->staff.role == ROLE_OPERATOR)
		ops = &operator_ops;
	ui_view_push(ctx, ops, r);
}
