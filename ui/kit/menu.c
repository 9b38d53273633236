/*
 * menu: numbered choices. A digit picks at once (kiosk users prefer it),
 * arrows and Enter work, a tap on a row picks it. A tenth choice is 0, as
 * on a telephone service line ("其他请按0"): a digit never has to wait to
 * see whether a second one follows. The real cursor stands
 * on the selected row. Our own rather than libmenu: libmenu has no
 * wide-character type-ahead and no row spacing for touch targets.
 */
#include "config.h"
#include "ui/kit/menu.h"
#include "ui/kit/draw.h"
#include "ui/kit/view.h"

#include <stdio.h>

int ui_menu_number(int i)
{
	return i == 9 ? 0 : i + 1;
}

int ui_choice_digit(struct ui_ctx *ctx, int y, int x, int digit, bool selected)
{
	char num[16];

	/* only the first ten have a digit to press; the rest are reached
	 * with the arrows or a tap */
	if (digit >= 0)
		snprintf(num, sizeof(num), " %d ", digit);
	else
		snprintf(num, sizeof(num), "   ");
	ui_put(ctx, y, x, 4, num, selected ? UI_A_SELECTED : UI_A_HEADING);
	return 4;
}

void ui_choice_draw(struct ui_ctx *ctx, int y, int x, int w, int digit, const char *label,
		    const char *note, bool selected)
{
	int dw, lw;

	/* The bar covers the digit and the label only, the note looks the
	 * same either way: a move rewrites two short runs, not two rows. */
	if (selected) {
		int bar = 4 + (int)text_width(label);
		ui_fill(ctx, y, x, bar < w ? bar : w, UI_A_SELECTED);
	}
	dw = ui_choice_digit(ctx, y, x, digit, selected);
	lw = ui_put(ctx, y, x + dw, w - dw, label, selected ? UI_A_SELECTED : UI_A_BIG);
	if (note && w > lw + 10)
		ui_put(ctx, y, x + dw + lw + 3, w - lw - dw - 3, note, UI_A_DIM);
	if (selected)
		ui_set_cursor(ctx, y, x + 1);
}

int ui_menu_width(const struct ui_menu *m)
{
	int most = 0;

	for (int i = 0; i < m->count; i++) {
		const struct ui_menu_item *it = &m->items[i];
		/* as ui_choice_draw lays a choice out: digit, label, gap, note */
		int w = 4 + (int)text_width(m->as_is ? it->label : _(it->label));
		if (it->detail)
			w += 3 + (int)text_width(m->as_is ? it->detail : _(it->detail));
		if (w > most)
			most = w;
	}
	return most;
}

/* Which items show in rows rows, and how far apart. */
static void menu_place(struct ui_menu *m, int rows)
{
	m->step = m->big && m->count * 2 - 1 <= rows ? 2 : 1;
	if (m->count <= rows) {
		m->first = 0;
		m->shown = m->count;
		return;
	}
	m->shown = rows > 1 ? rows - 1 : 1; /* the last row says which show */
	if (m->selected < m->first)
		m->first = m->selected;
	if (m->selected >= m->first + m->shown)
		m->first = m->selected - m->shown + 1;
	if (m->first > m->count - m->shown)
		m->first = m->count - m->shown;
}

void ui_menu_draw(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w)
{
	m->top_y = y;
	m->x = x;
	m->w = w;
	menu_place(m, ctx->body_end - y);
	for (int i = m->first; i < m->first + m->shown; i++) {
		const struct ui_menu_item *it = &m->items[i];
		int n = i - m->unnumbered;

		ui_choice_draw(ctx, y + (i - m->first) * m->step, x, w,
			       n >= 0 && n < 10 ? ui_menu_number(n) : -1,
			       m->as_is ? it->label : _(it->label),
			       !it->detail ? NULL
			       : m->as_is  ? it->detail
					   : _(it->detail),
			       i == m->selected);
	}
	if (m->shown < m->count) {
		struct sbuf pos = SBUF_INIT;
		sbuf_addf(&pos, _("items %d-%d of %lld"), m->first + 1, m->first + m->shown,
			  (long long)m->count);
		ui_put(ctx, y + m->shown, x + 4, w - 4, pos.buf, UI_A_DIM);
		sbuf_release(&pos);
	}
}

int ui_menu_handle(struct ui_menu *m, const struct ui_event *ev)
{
	int step = m->step > 0 ? m->step : 1;

	if (m->count == 0)
		return -1;
	if (ev->type == UI_EV_MOUSE) {
		int i = m->first + (ev->y - m->top_y) / step;
		if (ev->y >= m->top_y && (ev->y - m->top_y) % step == 0 &&
		    i < m->first + m->shown &&
		    ev->x >= m->x && ev->x < m->x + m->w) {
			m->selected = i;
			return i;
		}
		return -1;
	}
	if (ev->type != UI_EV_KEY)
		return -1;
	if (!ev->fkey && ev->key >= '0' && ev->key <= '9') {
		int i = m->unnumbered + (ev->key == '0' ? 9 : (int)(ev->key - '1'));
		if (i >= m->count)
			return -1;
		m->selected = i;
		return i;
	}
	if (ev->fkey && ev->key == KEY_UP)
		m->selected = (m->selected + m->count - 1) % m->count;
	else if (ev->fkey && ev->key == KEY_DOWN)
		m->selected = (m->selected + 1) % m->count;
	else if (ev->fkey && ev->key == KEY_HOME)
		m->selected = 0;
	else if (ev->fkey && ev->key == KEY_END)
		m->selected = m->count - 1;
	else if ((ev->fkey && ev->key == KEY_ENTER) ||
		 (!ev->fkey && (ev->key == '\r' || ev->key == '\n')))
		return m->selected;
	return -1;
}
