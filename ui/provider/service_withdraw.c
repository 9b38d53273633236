/*
 * service_withdraw: one provider's services for the operator (the
 * supervisor reads), every status, each with its category, coming time
 * slots and open bookings, a withdrawn one marked 已下架; below, the
 * chosen one: when and why it was withdrawn. The operator's F2 withdraws
 * the chosen service (下架) or restores a withdrawn one (恢复上架): the
 * reason is asked for (reason.c) and F2 pressed twice sends it. A
 * withdrawal cancels the service's open bookings as a suspension does,
 * and the message says how many and how much voucher money went back.
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

enum { OP_STEP = 1 };
enum { STEP_WITHDRAW = 1, STEP_RESTORE };

#define DETAIL_ROWS 6 /* a line, then five rows for when and why it was withdrawn */

struct states {
	long long provider;
	struct service_state_row *v;
	struct ui_list list; /* count: v's */
	struct ui_reason reason;
};

static const struct ui_binding operator_bindings[] = {
	{ KEY_F(2), true, OP_STEP, "F2", N_("Withdraw / restore") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding reader_bindings[] = {
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool withdrawn(const struct service_state_row *s)
{
	return strcmp(s->status, "withdrawn") == 0;
}

static bool states_load(struct ui_ctx *ctx, struct states *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct service_state_row *v = NULL;
	int n = 0;

	if (db_provider_service_states(ctx->db, ctx->staff.token, s->provider, &v, &n, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	service_state_rows_free(&s->v, s->list.count);
	s->v = v;
	ui_list_count(&s->list, n);
	return true;
}

static void draw_state(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		       enum ui_attr a)
{
	const struct service_state_row *r = &((struct states *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	sbuf_adds(&l, r->title);
	if (withdrawn(r))
		sbuf_adds(&l, _("  [withdrawn]"));
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    %s · %lld coming time slots · %lld open bookings"), r->category_name,
		  r->slots_coming, r->open_bookings);
	ui_put(ctx, at->y + 1, at->x, at->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void states_destroy(struct ui_view *v)
{
	struct states *s = v->priv;

	service_state_rows_free(&s->v, s->list.count);
	ui_reason_release(&s->reason);
	free(s);
}

static void states_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct states *s = v->priv;
	int y = b->y;
	int panel = s->reason.open ? ui_reason_rows() : DETAIL_ROWS;

	ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 1,
		       _("This provider's services: a withdrawn one is out of the catalogue and "
			 "cannot be booked."),
		       UI_A_DIM);
	y += 2;
	if (!s->list.count) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("This provider has no services."),
		       UI_A_NORMAL);
		return;
	}
	ui_list_draw(&s->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - panel, b->w - 4 });
	y = b->y + b->h - panel;
	if (s->reason.open) {
		ui_reason_draw(&s->reason, ctx, y, b->x + 2, b->w - 4);
		return;
	}
	const struct service_state_row *r = &s->v[s->list.selected];
	struct sbuf l = SBUF_INIT;
	ui_hline(ctx, y++, b->x + 2, b->w - 4);
	if (withdrawn(r)) {
		sbuf_addf(&l, _("Withdrawn on %s. Reason: %s"), r->withdrawn_at,
			  r->withdrawn_reason);
		ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, DETAIL_ROWS - 1, l.buf, UI_A_NORMAL);
	} else {
		ui_put(ctx, y, b->x + 2, b->w - 4,
		       _("In the catalogue. F2 withdraws it: its open bookings are cancelled."),
		       UI_A_DIM);
	}
	sbuf_release(&l);
}

static void states_send(struct ui_ctx *ctx, struct states *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&s->reason.text.ed);
	enum db_status st = db_service_withdraw(ctx->db, ctx->staff.token, s->reason.confirm.key,
						s->reason.target, s->reason.step == STEP_RESTORE,
						text, &o, &err);

	free(text);
	if (ui_reason_sent(&s->reason, ctx, st, &err, &o))
		states_load(ctx, s);
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &s->reason, &o);
	db_manage_outcome_release(&o);
}

static bool states_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct states *s = v->priv;

	if (s->reason.open) {
		switch (ui_reason_handle(&s->reason, ctx, ev, OP_STEP)) {
		case UI_REASON_SEND:
			states_send(ctx, s);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	if (ev->op == OP_STEP) {
		if (!s->list.count)
			return true;
		const struct service_state_row *r = &s->v[s->list.selected];
		if (withdrawn(r))
			ui_reason_start(&s->reason, ctx, N_("Restore the service"), r->id,
					STEP_RESTORE);
		else
			ui_reason_start(&s->reason, ctx, N_("Withdraw the service"), r->id,
					STEP_WITHDRAW);
		return true;
	}
	return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
}

/* Text typed and not sent: leaving asks first. */
static bool states_unsaved(const struct ui_view *v)
{
	const struct states *s = v->priv;

	return s->reason.text.ed.len > 0;
}

static const struct ui_view_ops operator_ops = {
	.title = N_("Provider's services"),
	.bindings = operator_bindings,
	.draw = states_draw,
	.handle = states_handle,
	.destroy = states_destroy,
	.unsaved = states_unsaved,
};

static const struct ui_view_ops reader_ops = {
	.title = N_("Provider's services"),
	.bindings = reader_bindings,
	.draw = states_draw,
	.handle = states_handle,
	.destroy = states_destroy,
	.unsaved = states_unsaved,
};

void ui_service_withdraw_open(struct ui_ctx *ctx, long long provider)
{
	struct states *s = xcalloc(1, sizeof(*s));

	s->provider = provider;
	s->list = (struct ui_list){ .draw_row = draw_state, .data = s, .row_h = 2 };
	ui_reason_init(&s->reason);
	if (!states_load(ctx, s)) {
		ui_reason_release(&s->reason);
		free(s);
		return;
	}
	ui_view_push(ctx, ctx->staff.role == ROLE_OPERATOR ? &operator_ops : &reader_ops, s);
}
