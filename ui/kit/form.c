/*
 * form: labelled fields and one submit button. Tab and Down move on,
 * Shift-Tab and Up move back (inside a multi-line field Up and Down move
 * between its rows first); Enter moves on, and submits from the last
 * field or the button (in a multi-line field Enter starts a new line). A
 * field is checked when the focus leaves it and again on submit; the
 * focus then goes to the first field with a problem. An empty required
 * field is marked missing only after it was typed in, or on submit: the
 * clerk may fill the fields in any order. A tap focuses the
 * field and places the cursor. Nothing typed is ever cleared by moving,
 * by an error, or by a redraw; leaving the screen over typed text asks
 * first (the confirm widget: the same key twice). Only the kiosk's idle
 * wipe discards without a question, by design: no one is there to answer.
 */
#include "config.h"
#include "ui/kit/form.h"
#include "ui/kit/draw.h"
#include "ui/kit/field.h"
#include "ui/kit/keys.h"
#include "ui/kit/leave.h"
#include "ui/kit/view.h"

#include <string.h>

void ui_form_draw_question(const struct ui_form *f, struct ui_ctx *ctx)
{
	if (f->leave.op && f->leave_key == ui_key_count())
		ui_leave_ask(ctx, f->leave.op);
}

void ui_form_saved(struct ui_form *f)
{
	for (int i = 0; i < f->count; i++)
		ui_field_keep(&f->fields[i]);
	f->kept = true;
	ui_confirm_disarm(&f->leave);
}

static bool form_changed(const struct ui_form *f)
{
	for (int i = 0; i < f->count; i++)
		if (ui_field_changed(&f->fields[i]))
			return true;
	return false;
}

bool ui_forms_hold_leave(struct ui_form *const *forms, int n, const struct ui_event *ev)
{
	bool leaving = ev->type == UI_EV_KEY && ui_leave_op(ev->op);
	bool changed = false, again;

	for (int i = 0; i < n; i++)
		if (!forms[i]->kept)
			ui_form_saved(forms[i]); /* the first event: the texts as opened */
	if (ev->type != UI_EV_KEY && ev->type != UI_EV_MOUSE)
		return false;
	if (!leaving) {
		for (int i = 0; i < n; i++)
			ui_confirm_disarm(&forms[i]->leave);
		return false;
	}
	for (int i = 0; i < n && !changed; i++)
		changed = form_changed(forms[i]);
	if (!changed)
		return false;
	/* armed together, so that the form with the keys lets the same
	 * second press through; only the very next key is the same key
	 * again, even if the form did not see the keys in between */
	again = forms[0]->leave.what == 1 && forms[0]->leave.op == ev->op &&
		forms[0]->leave_key + 1 == ui_key_count();
	if (again)
		return false;
	for (int i = 0; i < n; i++) {
		ui_confirm_disarm(&forms[i]->leave);
		ui_confirm_press(&forms[i]->leave, 1, ev->op);
		forms[i]->leave_key = ui_key_count();
	}
	return true;
}

bool ui_form_hold_leave(struct ui_form *f, const struct ui_event *ev)
{
	struct ui_form *const one[] = { f };

	return ui_forms_hold_leave(one, 1, ev);
}

void ui_form_draw(struct ui_form *f, struct ui_ctx *ctx, int y, int x, int label_w, int w)
{
	for (int i = 0; i < f->count; i++) {
		int fw = f->fields[i].width ? f->fields[i].width : w;
		f->fields[i].msg_w = f->msg_w;
		ui_field_draw(&f->fields[i], ctx, y, x, label_w, fw, f->focus == i);
		y += f->fields[i].rows + 1;
	}
	struct sbuf b = SBUF_INIT;
	sbuf_addf(&b, "[ %s ]", _(f->button));
	f->button_y = y;
	f->button_x = x + label_w;
	f->button_w = ui_put(ctx, y, f->button_x, COLS - f->button_x - 1, b.buf,
			     f->focus == f->count ? UI_A_SELECTED : UI_A_HEADING);
	if (f->focus == f->count)
		ui_set_cursor(ctx, y, f->button_x + 2);
	ui_form_draw_question(f, ctx);
	/* A message cut short under its field is shown whole on the status
	 * line while the field has the focus (unless a message is there). */
	if (f->focus < f->count && f->fields[f->focus].error && !ctx->message)
		ui_put(ctx, ui_status_row(ctx), 1, COLS - 2, f->fields[f->focus].error, UI_A_ERROR);
	sbuf_release(&b);
}

bool ui_form_check_all(struct ui_form *f)
{
	int first_bad = -1;

	for (int i = 0; i < f->count; i++)
		if (!ui_field_check(&f->fields[i]) && first_bad < 0)
			first_bad = i;
	if (first_bad >= 0)
		f->focus = first_bad;
	return first_bad < 0;
}

static bool form_is_enter(const struct ui_event *ev)
{
	return (ev->fkey && ev->key == KEY_ENTER) ||
	       (!ev->fkey && (ev->key == '\r' || ev->key == '\n'));
}

/* Move the focus, checking the field it leaves. */
static void form_focus(struct ui_form *f, int to)
{
	if (f->focus < f->count && to != f->focus)
		ui_field_check_left(&f->fields[f->focus]);
	f->focus = to;
}

enum ui_form_result ui_form_handle(struct ui_form *f, const struct ui_event *ev)
{
	struct ui_field *cur = f->focus < f->count ? &f->fields[f->focus] : NULL;

	if (ui_form_hold_leave(f, ev))
		return UI_FORM_USED;
	if (ev->type == UI_EV_MOUSE) {
		for (int i = 0; i < f->count; i++)
			if (ui_field_contains(&f->fields[i], ev->y, ev->x)) {
				form_focus(f, i);
				ui_field_handle(&f->fields[i], ev);
				return UI_FORM_USED;
			}
		if (ev->y == f->button_y && ev->x >= f->button_x &&
		    ev->x < f->button_x + f->button_w) {
			form_focus(f, f->count);
			return UI_FORM_SUBMIT;
		}
		return UI_FORM_IGNORED;
	}
	if (ev->type != UI_EV_KEY)
		return UI_FORM_IGNORED;
	if (cur && cur->rows > 1 && ui_field_handle(cur, ev))
		return UI_FORM_USED; /* Enter, Up and Down inside a multi-line field */
	if (form_is_enter(ev)) {
		if (f->focus >= f->count - 1)
			return UI_FORM_SUBMIT;
		form_focus(f, f->focus + 1);
		return UI_FORM_USED;
	}
	if ((!ev->fkey && ev->key == '\t') || (ev->fkey && ev->key == KEY_DOWN)) {
		form_focus(f, (f->focus + 1) % (f->count + 1));
		return UI_FORM_USED;
	}
	if ((ev->fkey && ev->key == KEY_BTAB) || (ev->fkey && ev->key == KEY_UP)) {
		form_focus(f, (f->focus + f->count) % (f->count + 1));
		return UI_FORM_USED;
	}
	if (cur && ui_field_handle(cur, ev))
		return UI_FORM_USED;
	return UI_FORM_IGNORED;
}

enum ui_form_result ui_form_event(struct ui_form *f, const struct ui_event *ev, int submit_op)
{
	enum ui_form_result r =
		ev->op && ev->op == submit_op ? UI_FORM_SUBMIT : ui_form_handle(f, ev);

	if (r == UI_FORM_SUBMIT && !ui_form_check_all(f))
		return UI_FORM_USED; /* the focus went to the first field with a problem */
	return r;
}

const struct ui_binding ui_form_save_bindings[] = {
	{ KEY_F(2), true, UI_FORM_OP_SAVE, "F2", N_("Save") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

void ui_form_refused(struct ui_ctx *ctx, struct ui_form *f, const struct ui_form_refusal *map,
		     const char *outcome, const char *msg)
{
	for (; map->outcome; map++)
		if (strcmp(map->outcome, outcome) == 0) {
			ui_field_set_error(&f->fields[map->field], msg);
			f->focus = map->field;
		}
	ui_message(ctx, UI_MSG_ERROR, msg);
}
