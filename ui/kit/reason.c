/*
 * reason: the panel of a management step that must give its reason
 * (暂停服务, 清退, a slot closed, a text taken down): the step's name, a
 * text field, and its key pressed twice to send, with the request key
 * made on the first press and kept while armed (ui_confirm), so a resend
 * after a lost connection acts once. Esc closes the panel and keeps what
 * was typed for the same step; a refusal keeps it too. Also the one
 * sentence that says what a step did (bookings cancelled, voucher money
 * released, waiting places ended) or why it was refused.
 */
#include "config.h"
#include "ui/kit/reason.h"
#include "ui/kit/confirm.h"
#include "ui/kit/draw.h"
#include "ui/kit/field.h"
#include "ui/kit/view.h"

#include <stdlib.h>
#include <string.h>

#define REASON_MAX_CHARS 500

void ui_reason_init(struct ui_reason *r)
{
	*r = (struct ui_reason){ 0 };
	ui_field_init_multi(&r->text, N_("Why"), 3, REASON_MAX_CHARS);
	r->text.required = true;
}

void ui_reason_release(struct ui_reason *r)
{
	ui_field_release(&r->text);
}

void ui_reason_start(struct ui_reason *r, struct ui_ctx *ctx, const char *label, long long target,
		     int step)
{
	if (target != r->target || step != r->step) {
		editline_clear(&r->text.ed);
		ui_field_set_error(&r->text, NULL);
	}
	r->label = label;
	r->target = target;
	r->step = step;
	r->open = true;
	ui_confirm_disarm(&r->confirm);
	ui_message(ctx, UI_MSG_INFO, _("Write the reason, then press F2 twice to confirm."));
}

/* Sent and done: closed, the text cleared. */
static void ui_reason_done(struct ui_reason *r)
{
	editline_clear(&r->text.ed);
	ui_confirm_disarm(&r->confirm);
	r->open = false;
}

int ui_reason_rows(void)
{
	return 7; /* a line, the step, the prompt, three rows of text, a message */
}

void ui_reason_draw(struct ui_reason *r, struct ui_ctx *ctx, int y, int x, int w)
{
	ui_hline(ctx, y++, x, w);
	ui_put(ctx, y++, x, w, _(r->label), UI_A_HEADING);
	ui_put(ctx, y++, x, w,
	       r->prompt ? _(r->prompt)
			 : _("Reason (required, at most 500 characters; kept in the record; Esc: "
			     "not now):"),
	       UI_A_DIM);
	ui_field_draw(&r->text, ctx, y, x, 8, w - 10, true);
}

enum ui_reason_result ui_reason_handle(struct ui_reason *r, struct ui_ctx *ctx,
				       const struct ui_event *ev, int send_op)
{
	if (ev->type != UI_EV_KEY && ev->type != UI_EV_MOUSE)
		return UI_REASON_IGNORED;
	if (ev->op == send_op) {
		if (!ui_field_check(&r->text))
			return UI_REASON_USED;
		return ui_confirm_again(&r->confirm, ctx, r->target, send_op, _(r->label))
			       ? UI_REASON_SEND
			       : UI_REASON_USED;
	}
	switch (ui_confirm_text_key(&r->confirm, &r->text, ctx, ev)) {
	case UI_TEXT_CLOSED:
		r->open = false;
		return UI_REASON_USED;
	case UI_TEXT_EDITED:
		return UI_REASON_USED;
	case UI_TEXT_IGNORED:
		break;
	}
	return UI_REASON_IGNORED;
}

bool ui_reason_sent(struct ui_reason *r, struct ui_ctx *ctx, enum db_status st,
		    struct db_error *err, const struct db_manage_outcome *o)
{
	if (st != DB_OK) {
		ui_db_refused(ctx, err); /* armed still: F2 again resends the same request */
		db_error_release(err);
		return false;
	}
	ui_confirm_disarm(&r->confirm);
	if (!db_manage_outcome_msgid(o->outcome))
		ui_reason_done(r);
	else if (strcmp(o->outcome, "wrong_state") != 0)
		return false; /* the text stays to be corrected */
	r->open = false;
	return true;
}

bool ui_reason_report(struct ui_ctx *ctx, const struct ui_reason *r,
		      const struct db_manage_outcome *o)
{
	const char *why = db_manage_outcome_msgid(o->outcome);
	struct sbuf l = SBUF_INIT;

	if (why) {
		ui_message(ctx, UI_MSG_ERROR, _(why));
		return false;
	}
	sbuf_addf(&l, _("Done: %s."), _(r->label));
	if (o->cancelled || o->lapsed) {
		sbuf_addf(&l,
			  ngettext(" %d open booking cancelled, ", " %d open bookings cancelled, ",
				   (unsigned long)o->cancelled),
			  o->cancelled);
		sbuf_adds(&l, _("voucher money released: "));
		money_format_yuan(&l, o->released_fen);
		sbuf_adds(&l, _(" yuan"));
		sbuf_addf(&l,
			  ngettext("; %d waiting place ended.", "; %d waiting places ended.",
				   (unsigned long)o->lapsed),
			  o->lapsed);
	} else if (o->status &&
		   (strcmp(o->status, "suspended") == 0 || strcmp(o->status, "removed") == 0 ||
		    strcmp(o->status, "closed") == 0 || strcmp(o->status, "withdrawn") == 0)) {
		sbuf_adds(&l, _(" There were no open bookings to cancel."));
	}
	ui_message(ctx, UI_MSG_INFO, l.buf);
	sbuf_release(&l);
	return true;
}
