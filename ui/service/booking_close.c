/*
 * booking_close: closing a booking whose time has come (Art. 13, 20), for
 * the provider's desk and the counter (booking_desk.c): 已完成 with F5
 * (the voucher money held for it is paid to the provider) or 未到场 with
 * F6 (it goes back to the person's voucher), each pressed twice. The
 * first press says what the second will do.
 *
 * The request key is made on the first press and kept while armed: a
 * second press after a lost connection resends the same request, and the
 * database answers a repeated key with the first outcome. The database
 * decides (too early, already closed, not yours); its refusal is shown.
 */
#include "config.h"
#include "ui/service/service.h"

#include <string.h>

/* The first press: say what the second will do. */
static void say_armed(struct ui_ctx *ctx, const struct booking_target *t, bool completed)
{
	struct sbuf l = SBUF_INIT, yuan = SBUF_INIT;

	money_format_yuan(&yuan, t->voucher_fen);
	if (completed && t->voucher_fen > 0)
		sbuf_addf(&l,
			  _("Press F5 again to record the service as completed: the voucher pays "
			    "%s yuan to the provider."),
			  yuan.buf);
	else if (completed)
		sbuf_adds(&l, _("Press F5 again to record the service as completed (no voucher "
				"money on this booking)."));
	else if (t->voucher_fen > 0)
		sbuf_addf(&l,
			  _("Press F6 again to record a no-show: the held %s yuan goes back to the "
			    "person's voucher."),
			  yuan.buf);
	else
		sbuf_adds(&l, _("Press F6 again to record a no-show."));
	ui_message(ctx, UI_MSG_INFO, l.buf);
	sbuf_release(&l);
	sbuf_release(&yuan);
}

static void say_closed(struct ui_ctx *ctx, const struct db_outcome *o, bool completed,
		       bool purchased)
{
	struct sbuf l = SBUF_INIT, yuan = SBUF_INIT;

	money_format_yuan(&yuan, o->voucher_fen);
	if (completed && o->voucher_fen > 0)
		sbuf_addf(&l, _("Recorded as completed: the voucher pays %s yuan to the provider."),
			  yuan.buf);
	else if (completed)
		sbuf_adds(&l, _("Recorded as completed."));
	else if (o->voucher_fen > 0)
		sbuf_addf(&l,
			  _("Recorded as a no-show: the held %s yuan is back on the person's "
			    "voucher."),
			  yuan.buf);
	else if (purchased)
		sbuf_adds(&l, _("Recorded as a no-show: the department's purchased place is "
				"given back."));
	else
		sbuf_adds(&l, _("Recorded as a no-show."));
	ui_message(ctx, UI_MSG_INFO, l.buf);
	sbuf_release(&l);
	sbuf_release(&yuan);
}

bool ui_booking_close(struct ui_ctx *ctx, struct ui_confirm *confirm,
		      const struct booking_target *t, bool completed)
{
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	if (strcmp(t->status, "booked") != 0 || t->too_early) {
		ui_message(ctx, UI_MSG_ERROR,
			   _(db_outcome_msgid(t->too_early ? "too_early" : "not_open")));
		ui_confirm_disarm(confirm);
		return false;
	}
	/* the step pressed is part of the confirmation: F6 after F5 arms anew */
	if (!ui_confirm_press(confirm, t->id, completed ? 1 : 2)) {
		say_armed(ctx, t, completed);
		return false;
	}
	if (db_booking_close(ctx->db, ctx->staff.token, confirm->key, t->id, completed, &o, &err) !=
	    DB_OK) {
		ui_db_failed(ctx, &err); /* armed and keyed: pressing again resends it */
		db_error_release(&err);
		return false;
	}
	ui_confirm_disarm(confirm);
	if (strcmp(o.outcome, "ok") == 0)
		say_closed(ctx, &o, completed, t->purchased);
	else
		ui_message(ctx, UI_MSG_ERROR, _(db_outcome_msgid(o.outcome)));
	db_outcome_release(&o);
	return true;
}
