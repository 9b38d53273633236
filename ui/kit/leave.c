/*
 * leave: the question before leaving typed text behind — 放弃已填写的内容吗？
 * — asked by forms (form.c) and, for screens that keep text in fields of
 * their own, by the loop through the screen's unsaved(). The answer is the
 * very next key: the same key discards, any other goes on. The kiosk's
 * idle wipe never asks: no one is there to answer.
 */
#include "config.h"
#include "ui/kit/leave.h"
#include "ui/kit/keys.h"

#include <string.h>

bool ui_leave_op(int op)
{
	return op == UI_OP_BACK || op == UI_OP_SIGN_OUT || op == UI_OP_END_SESSION;
}

void ui_leave_ask(struct ui_ctx *ctx, int op)
{
	struct sbuf q = SBUF_INIT;
	const char *key = op == UI_OP_SIGN_OUT ? "F10" : op == UI_OP_END_SESSION ? "F12" : "Esc";

	sbuf_addf(&q, _("Discard what you have typed? Press %s again to discard it; any other key "
			"goes on."),
		  key);
	if (!ctx->message || strcmp(ctx->message, q.buf) != 0)
		ui_message(ctx, UI_MSG_INFO, q.buf);
	sbuf_release(&q);
}

bool ui_leave_held(struct ui_ctx *ctx, int op)
{
	const struct ui_view *top = ctx->top;

	if (!top || !ui_leave_op(op) || !top->ops->unsaved || !top->ops->unsaved(top))
		return false;
	if (ctx->leave_op == op && ctx->leave_key + 1 == ui_key_count())
		return false;
	ctx->leave_op = op;
	ctx->leave_key = ui_key_count();
	ui_leave_ask(ctx, op);
	return true;
}
