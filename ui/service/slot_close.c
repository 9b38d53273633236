/*
 * slot_close: a provider's time slots of one day (its desk's day, F7
 * there), to close one that cannot take place (停约: the teacher is ill,
 * the room is lost). Each slot with its seats taken and those waiting;
 * F2 on an open one asks for the reason (reason.c), and F2 pressed twice
 * closes it: its open bookings are cancelled whatever their cut-off, the
 * voucher money held for them goes back, those waiting are told the list
 * ended, and each person sees the reason in 我的预约. PgUp/PgDn change the
 * day. The provider's slots themselves are made on its service screens.
 */
#include "config.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

enum { OP_CLOSE = 1, OP_PREV_DAY, OP_NEXT_DAY };

struct slots {
	struct date day;
	struct day_slot_row *v;
	struct ui_list list; /* count: v's */
	struct ui_reason reason;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_CLOSE, "F2", N_("Close the slot") },
	{ KEY_PPAGE, true, OP_PREV_DAY, "PgUp", N_("Previous day") },
	{ KEY_NPAGE, true, OP_NEXT_DAY, "PgDn", N_("Next day") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool slots_load(struct ui_ctx *ctx, struct slots *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct day_slot_row *v = NULL;
	int n = 0;

	if (db_provider_day_slots(ctx->db, ctx->staff.token, s->day, &v, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	day_slot_rows_free(&s->v, s->list.count);
	s->v = v;
	ui_list_count(&s->list, n);
	return true;
}

static const struct ui_view_ops slots_ops;
static ui_list_draw_fn draw_slot;

void ui_slot_close_open(struct ui_ctx *ctx, struct date day)
{
	struct slots *s = xcalloc(1, sizeof(*s));

	s->day = day;
	s->list = (struct ui_list){ .draw_row = draw_slot, .data = s };
	ui_reason_init(&s->reason);
	if (!slots_load(ctx, s)) {
		ui_reason_release(&s->reason);
		free(s);
		return;
	}
	ui_view_push(ctx, &slots_ops, s);
}

static void slots_destroy(struct ui_view *v)
{
	struct slots *s = v->priv;

	day_slot_rows_free(&s->v, s->list.count);
	ui_reason_release(&s->reason);
	free(s);
}

static void draw_slot(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct day_slot_row *r = &((struct slots *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	/* "HH:MM-HH:MM": the times after the day's blank */
	sbuf_addf(&l, "%s-%s  %s · ", strchr(r->starts_at, ' ') + 1, strchr(r->ends_at, ' ') + 1,
		  r->service_title);
	if (r->cancelled)
		sbuf_adds(&l, _("closed"));
	else
		sbuf_addf(&l, _("%d of %d seats taken, %lld waiting"), r->taken, r->capacity,
			  r->waiting);
	if (*r->place)
		sbuf_addf(&l, " · %s", r->place);
	ui_put(ctx, at->y, at->x, at->w, l.buf, r->cancelled && a == UI_A_NORMAL ? UI_A_DIM : a);
	sbuf_release(&l);
}

static void slots_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct slots *s = v->priv;
	struct sbuf l = SBUF_INIT;
	char ymd[11];
	int y = b->y;
	int panel = s->reason.open ? ui_reason_rows() : 0;

	date_format(s->day, ymd);
	sbuf_addf(&l, _("Time slots of %s (PgUp/PgDn: another day)"), ymd);
	ui_put(ctx, y, b->x + 2, b->w - 4, l.buf, UI_A_HEADING);
	y += 2;
	if (!s->list.count)
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No time slot of your services on this day."),
		       UI_A_DIM);
	ui_list_draw(&s->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - panel, b->w - 4 });
	if (s->reason.open)
		ui_reason_draw(&s->reason, ctx, b->y + b->h - panel, b->x + 2, b->w - 4);
	sbuf_release(&l);
}

static void slots_send(struct ui_ctx *ctx, struct slots *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&s->reason.text.ed);
	enum db_status st = db_slot_close(ctx->db, ctx->staff.token, s->reason.confirm.key,
					  s->reason.target, text, &o, &err);

	free(text);
	if (ui_reason_sent(&s->reason, ctx, st, &err, &o))
		slots_load(ctx, s);
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &s->reason, &o);
	db_manage_outcome_release(&o);
}

static bool slots_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct slots *s = v->priv;

	if (s->reason.open) {
		switch (ui_reason_handle(&s->reason, ctx, ev, OP_CLOSE)) {
		case UI_REASON_SEND:
			slots_send(ctx, s);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	switch (ev->op) {
	case OP_CLOSE:
		if (!s->list.count)
			return true;
		if (!s->v[s->list.selected].can_close) {
			ui_message(ctx, UI_MSG_INFO,
				   _("This time slot is closed already or has ended."));
			return true;
		}
		ui_reason_start(&s->reason, ctx, N_("Close the time slot"),
				s->v[s->list.selected].id, OP_CLOSE);
		return true;
	case OP_PREV_DAY:
	case OP_NEXT_DAY: {
		struct date day = s->day;
		if (date_add_days(&day, ev->op == OP_PREV_DAY ? -1 : 1)) {
			s->day = day;
			ui_list_reset(&s->list, s->list.count);
			slots_load(ctx, s);
		}
		return true;
	}
	default:
		return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
	}
}

/* Text typed and not sent: leaving asks first. */
static bool slots_unsaved(const struct ui_view *v)
{
	const struct slots *s = v->priv;

	return s->reason.text.ed.len > 0;
}

static const struct ui_view_ops slots_ops = {
	.title = N_("Close a time slot"),
	.bindings = bindings,
	.draw = slots_draw,
	.handle = slots_handle,
	.destroy = slots_destroy,
	.unsaved = slots_unsaved,
};
