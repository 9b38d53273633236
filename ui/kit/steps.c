/*
 * steps: the panel of a record's steps under its page (a complaint, a
 * provider application). The key that opens it lists the steps open
 * now; the chosen step takes its text; the same key pressed twice sends
 * it, with one request key kept while armed so a resend after a lost
 * answer acts once. Esc closes the panel and keeps what was typed for
 * that step. The screen owns the steps' table and the sending; this owns
 * the modes, the menu, the text and the confirmation.
 */
#include "config.h"
#include "ui/kit/steps.h"
#include "ui/kit/confirm.h"
#include "ui/kit/draw.h"
#include "ui/kit/field.h"
#include "ui/kit/menu.h"
#include "ui/kit/view.h"

void ui_steps_init(struct ui_steps *s, const char *text_label)
{
	*s = (struct ui_steps){ .chosen = -1 };
	ui_field_init_multi(&s->text, text_label, 4, 2000);
}

void ui_steps_release(struct ui_steps *s)
{
	ui_field_release(&s->text);
}

/* Show the menu of the steps filled in; false (none said) if there are none. */
static bool ui_steps_offer(struct ui_steps *s, struct ui_ctx *ctx, const char *none)
{
	if (!s->count) {
		ui_message(ctx, UI_MSG_INFO, none);
		return false;
	}
	s->menu = (struct ui_menu){ .items = s->items, .count = s->count };
	s->mode = UI_STEPS_CHOOSE;
	return true;
}

void ui_steps_write(struct ui_steps *s, int step, bool needs_text)
{
	if (step != s->chosen) {
		editline_clear(&s->text.ed);
		ui_field_set_error(&s->text, NULL);
	}
	s->chosen = step;
	s->text.required = needs_text;
	ui_confirm_disarm(&s->confirm);
	s->mode = UI_STEPS_WRITE;
}

void ui_steps_done(struct ui_steps *s)
{
	ui_confirm_disarm(&s->confirm);
	editline_clear(&s->text.ed);
	s->chosen = -1;
	s->mode = UI_STEPS_VIEW;
}

static enum ui_steps_event ui_steps_handle(struct ui_steps *s, struct ui_ctx *ctx,
					   const struct ui_event *ev, int op)
{
	if (s->mode == UI_STEPS_CHOOSE) {
		int i = ui_menu_handle(&s->menu, ev);
		if (i >= 0) {
			s->picked = s->allowed[i];
			return UI_STEPS_CHOSEN;
		}
		if (ev->op == UI_OP_BACK) {
			s->mode = UI_STEPS_VIEW;
			return UI_STEPS_USED;
		}
		/* letters typed while choosing go nowhere */
		return ev->type == UI_EV_KEY && !ev->fkey ? UI_STEPS_USED : UI_STEPS_IGNORED;
	}
	if (s->mode == UI_STEPS_WRITE) {
		if (ev->op == op)
			return UI_STEPS_SEND;
		switch (ui_confirm_text_key(&s->confirm, &s->text, ctx, ev)) {
		case UI_TEXT_CLOSED:
			s->mode = UI_STEPS_VIEW;
			return UI_STEPS_USED;
		case UI_TEXT_EDITED:
			return UI_STEPS_USED;
		case UI_TEXT_IGNORED:
			break;
		}
		return UI_STEPS_IGNORED;
	}
	return ev->op == op ? UI_STEPS_OPEN : UI_STEPS_IGNORED;
}

bool ui_steps_event(struct ui_steps *s, struct ui_ctx *ctx, const struct ui_event *ev, int op,
		    const struct ui_steps_ops *ops, void *priv)
{
	switch (ui_steps_handle(s, ctx, ev, op)) {
	case UI_STEPS_OPEN:
		ops->fill(ctx, priv);
		ui_steps_offer(s, ctx, _(ops->none));
		return true;
	case UI_STEPS_CHOSEN:
		ops->chosen(ctx, priv, s->picked);
		return true;
	case UI_STEPS_SEND:
		ops->send(ctx, priv);
		return true;
	case UI_STEPS_USED:
		return true;
	case UI_STEPS_IGNORED:
		break;
	}
	return false;
}

bool ui_steps_offered(const struct ui_steps *s, int n, bool (*open)(const void *priv, int i),
		      const void *priv)
{
	if (s->mode != UI_STEPS_VIEW)
		return true;
	for (int i = 0; i < n; i++)
		if (open(priv, i))
			return true;
	return false;
}

int ui_steps_rows(const struct ui_steps *s, int extra)
{
	return s->mode == UI_STEPS_CHOOSE  ? s->menu.count + 2
	       : s->mode == UI_STEPS_WRITE ? 9 + extra
					   : 0;
}

int ui_steps_draw(struct ui_steps *s, struct ui_ctx *ctx, int y, const struct ui_rect *r,
		  const char *title)
{
	ui_hline(ctx, y++, r->x, r->w);
	if (s->mode == UI_STEPS_CHOOSE) {
		ui_put(ctx, y, r->x, r->w, _("Choose the step (Esc: none):"), UI_A_HEADING);
		ui_menu_draw(&s->menu, ctx, y + 1, r->x + 2, r->w - 2);
		return y;
	}
	ui_put(ctx, y++, r->x, r->w, title, UI_A_HEADING);
	return y;
}
