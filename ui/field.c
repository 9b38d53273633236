/*
 * field: a labelled one-line text field drawn from the editline model.
 *
 * The field stores characters, not cells, so no width can lose text: a
 * field scrolls sideways, stops drawing before a wide character that
 * would pass its right edge, and puts the real cursor at the insertion
 * point. Its error, if any, is drawn on the row below, in the user's
 * language.
 */
#include "config.h"
#include "tui.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

void ui_field_init(struct ui_field *f, const char *label, size_t max_chars, bool masked)
{
	memset(f, 0, sizeof(*f));
	f->label = label;
	f->masked = masked;
	editline_init(&f->ed, max_chars, max_chars * 4);
}

void ui_field_release(struct ui_field *f)
{
	editline_release(&f->ed);
	XFREE(f->error);
}

void ui_field_set_error(struct ui_field *f, const char *msg)
{
	free(f->error);
	f->error = msg ? xstrdup(msg) : NULL;
}

/* The visible part of the text, from the view's scroll, within w columns. */
static void field_visible(const struct ui_field *f, size_t w, struct sbuf *out)
{
	size_t used = 0;

	for (size_t i = f->ed.scroll; i < f->ed.len; i++) {
		uint32_t uc = f->masked ? '*' : f->ed.cp[i];
		int cw = uc_width(uc, "UTF-8");
		uint8_t buf[6];
		int n;

		if (cw < 0)
			cw = 0;
		if (used + (size_t)cw > w)
			break;
		n = u8_uctomb(buf, uc, sizeof(buf));
		if (n > 0)
			sbuf_add(out, (const char *)buf, (size_t)n);
		used += (size_t)cw;
	}
}

void ui_field_draw(struct ui_field *f, struct ui_ctx *ctx, int y, int x, int label_w, int w,
		   bool focused)
{
	struct sbuf vis = SBUF_INIT;
	size_t col;

	ui_put(ctx, y, x, label_w, _(f->label), focused ? UI_A_HEADING : UI_A_NORMAL);
	if (f->required)
		ui_put(ctx, y, x + label_w - 2, 1, "*", UI_A_ERROR);
	f->y = y;
	f->x = x + label_w;
	f->w = w;
	col = editline_view(&f->ed, (size_t)w);
	field_visible(f, (size_t)w, &vis);
	ui_fill(ctx, y, f->x, w, UI_A_FIELD);
	ui_put(ctx, y, f->x, w, vis.buf, UI_A_FIELD);
	sbuf_release(&vis);
	if (f->error)
		ui_put(ctx, y + 1, f->x, COLS - f->x - 1, f->error, UI_A_ERROR);
	if (focused)
		ui_set_cursor(ctx, y, f->x + (int)col);
}

bool ui_field_handle(struct ui_field *f, const struct ui_event *ev)
{
	if (ev->type != UI_EV_KEY)
		return false;
	if (!ev->fkey) {
		wint_t k = ev->key;
		if (k == 127 || k == 8) /* DEL or Ctrl-H from terminals that send them */
			return editline_backspace(&f->ed), true;
		if (k == 21) { /* Ctrl-U */
			editline_clear(&f->ed);
			return true;
		}
		if (k == 1) /* Ctrl-A */
			return editline_home(&f->ed), true;
		if (k == 5) /* Ctrl-E */
			return editline_end(&f->ed), true;
		if (k < 0x20)
			return false;
		if (editline_insert(&f->ed, (uint32_t)k))
			ui_field_set_error(f, NULL);
		return true;
	}
	switch (ev->key) {
	case KEY_LEFT:
		editline_left(&f->ed);
		return true;
	case KEY_RIGHT:
		editline_right(&f->ed);
		return true;
	case KEY_HOME:
		editline_home(&f->ed);
		return true;
	case KEY_END:
		editline_end(&f->ed);
		return true;
	case KEY_BACKSPACE:
		editline_backspace(&f->ed);
		return true;
	case KEY_DC:
		editline_delete(&f->ed);
		return true;
	default:
		return false;
	}
}
