/*
 * confirm: an action on money or a booking confirmed by pressing its key
 * twice, with the request key that makes it happen once. The key is made
 * on the first press and kept until the action is done or the person
 * turns to something else, so pressing again after a lost connection
 * sends the same request, and the database answers it with the first
 * outcome instead of acting twice.
 */
#include "config.h"
#include "ui/kit/confirm.h"
#include "ui/kit/field.h"
#include "ui/kit/view.h"

bool ui_confirm_press(struct ui_confirm *c, long long what, int op)
{
	if (c->what == what && c->op == op)
		return true;
	c->what = what;
	c->op = op;
	db_request_key(c->key);
	return false;
}

void ui_confirm_disarm(struct ui_confirm *c)
{
	c->what = 0;
	c->op = 0;
}

bool ui_confirm_again(struct ui_confirm *c, struct ui_ctx *ctx, long long what, int op,
		      const char *label)
{
	if (ui_confirm_press(c, what, op))
		return true;
	struct sbuf l = SBUF_INIT;
	sbuf_addf(&l, _("Press F2 again to confirm: %s."), label);
	ui_message(ctx, UI_MSG_INFO, l.buf);
	sbuf_release(&l);
	return false;
}

enum ui_text_key ui_confirm_text_key(struct ui_confirm *c, struct ui_field *text,
				     struct ui_ctx *ctx, const struct ui_event *ev)
{
	if (ev->op == UI_OP_BACK) { /* the text stays for the same step */
		ui_confirm_disarm(c);
		ui_message_clear(ctx);
		return UI_TEXT_CLOSED;
	}
	if (!ui_field_handle(text, ev))
		return UI_TEXT_IGNORED;
	ui_confirm_disarm(c); /* what is sent has changed */
	return UI_TEXT_EDITED;
}
