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

void ui_menu_draw(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w)
{
	int step = m->big ? 2 : 1;

	m->top_y = y;
	m->x = x;
	m->w = w;
	for (int i = 0; i < m->count; i++) {
		int row = y + i * step;
		char num[16];
		bool sel = i == m->selected;

		if (row >= LINES - 2)
			break;
		/* only the first ten have a digit to press; the rest are
		 * reached with the arrows or a tap */
		if (i < 10)
			snprintf(num, sizeof(num), " %d ", ui_menu_number(i));
		else
			snprintf(num, sizeof(num), "   ");
		if (sel)
			ui_fill(ctx, row, x, w, UI_A_SELECTED);
		ui_put(ctx, row, x, 4, num, sel ? UI_A_SELECTED : UI_A_HEADING);
		int lw = ui_put(ctx, row, x + 4, w - 4, _(m->items[i].label),
				sel ? UI_A_SELECTED : UI_A_BIG);
		if (m->items[i].detail && w > lw + 10)
			ui_put(ctx, row, x + 4 + lw + 3, w - lw - 7, _(m->items[i].detail),
			       sel ? UI_A_SELECTED : UI_A_DIM);
		if (sel)
			ui_set_cursor(ctx, row, x + 1);
	}
}

int ui_menu_handle(struct ui_menu *m, const struct ui_event *ev)
{
	int step = m->big ? 2 : 1;

	if (m->count == 0)
		return -1;
	if (ev->type == UI_EV_MOUSE) {
		int i = (ev->y - m->top_y) / step;
		if (ev->y >= m->top_y && (ev->y - m->top_y) % step == 0 && i < m->count &&
		    ev->x >= m->x && ev->x < m->x + m->w) {
			m->selected = i;
			return i;
		}
		return -1;
	}
	if (ev->type != UI_EV_KEY)
		return -1;
	if (!ev->fkey && ev->key >= '0' && ev->key <= '9') {
		int i = ev->key == '0' ? 9 : (int)(ev->key - '1');
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
