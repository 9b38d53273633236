/*
 * form: labelled fields and one submit button. Tab, Down and Enter move
 * on; Shift-Tab and Up move back; Enter on the last field or the button
 * submits. A tap focuses the field under it. Nothing typed is ever
 * cleared by moving, by an error, or by a redraw.
 */
#include "config.h"
#include "tui.h"

void ui_form_draw(struct ui_form *f, struct ui_ctx *ctx, int y, int x, int label_w, int w)
{
	for (int i = 0; i < f->count; i++)
		ui_field_draw(&f->fields[i], ctx, y + i * 2, x, label_w, w, f->focus == i);
	int by = y + f->count * 2;
	struct sbuf b = SBUF_INIT;
	sbuf_addf(&b, "[ %s ]", _(f->button));
	f->button_y = by;
	f->button_x = x + label_w;
	f->button_w = ui_put(ctx, by, f->button_x, COLS - f->button_x - 1, b.buf,
			     f->focus == f->count ? UI_A_SELECTED : UI_A_HEADING);
	if (f->focus == f->count)
		ui_set_cursor(ctx, by, f->button_x + 2);
	sbuf_release(&b);
}

bool ui_form_check_required(struct ui_form *f)
{
	int first_bad = -1;

	for (int i = 0; i < f->count; i++) {
		struct ui_field *fl = &f->fields[i];
		if (fl->required && fl->ed.len == 0) {
			ui_field_set_error(fl, _("This field is required."));
			if (first_bad < 0)
				first_bad = i;
		}
	}
	if (first_bad >= 0)
		f->focus = first_bad;
	return first_bad < 0;
}

static bool form_is_enter(const struct ui_event *ev)
{
	return (ev->fkey && ev->key == KEY_ENTER) ||
	       (!ev->fkey && (ev->key == '\r' || ev->key == '\n'));
}

enum ui_form_result ui_form_handle(struct ui_form *f, const struct ui_event *ev)
{
	if (ev->type == UI_EV_MOUSE) {
		for (int i = 0; i < f->count; i++)
			if (ev->y == f->fields[i].y && ev->x >= f->fields[i].x - 20 &&
			    ev->x < f->fields[i].x + f->fields[i].w) {
				f->focus = i;
				return UI_FORM_USED;
			}
		if (ev->y == f->button_y && ev->x >= f->button_x &&
		    ev->x < f->button_x + f->button_w) {
			f->focus = f->count;
			return UI_FORM_SUBMIT;
		}
		return UI_FORM_IGNORED;
	}
	if (ev->type != UI_EV_KEY)
		return UI_FORM_IGNORED;
	if (form_is_enter(ev))
		return f->focus >= f->count - 1 ? UI_FORM_SUBMIT : (f->focus++, UI_FORM_USED);
	if ((!ev->fkey && ev->key == '\t') || (ev->fkey && ev->key == KEY_DOWN)) {
		f->focus = (f->focus + 1) % (f->count + 1);
		return UI_FORM_USED;
	}
	if ((ev->fkey && ev->key == KEY_BTAB) || (ev->fkey && ev->key == KEY_UP)) {
		f->focus = (f->focus + f->count) % (f->count + 1);
		return UI_FORM_USED;
	}
	if (f->focus < f->count && ui_field_handle(&f->fields[f->focus], ev))
		return UI_FORM_USED;
	return UI_FORM_IGNORED;
}
