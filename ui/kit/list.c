/*
 * list: the selection in a list of items drawn by its screen — which
 * items show, which one is chosen, the arrow keys and taps. An item takes
 * row_h rows (1 when 0). The screen draws each item itself (it knows what
 * an item is; the list does not) and calls ui_list_row for its highlight
 * and the cursor.
 */
#include "config.h"
#include "ui/kit/list.h"
#include "ui/kit/draw.h"
#include "ui/kit/view.h"

static int list_row_h(const struct ui_list *l)
{
	return l->row_h > 0 ? l->row_h : 1;
}

void ui_list_place(struct ui_list *l, int y, int x, int w, int rows)
{
	l->y = y;
	l->x = x;
	l->w = w;
	l->rows = rows > 1 ? rows : 1;
	if (l->selected >= l->count)
		l->selected = l->count ? l->count - 1 : 0;
	if (l->selected < 0)
		l->selected = 0;
	if (l->selected < l->top)
		l->top = l->selected;
	if (l->selected >= l->top + l->rows)
		l->top = l->selected - l->rows + 1;
	if (l->top > 0 && l->top + l->rows > l->count)
		l->top = l->count > l->rows ? l->count - l->rows : 0;
}

int ui_list_end(const struct ui_list *l)
{
	return l->top + l->rows < l->count ? l->top + l->rows : l->count;
}

int ui_list_y(const struct ui_list *l, int i)
{
	return l->y + (i - l->top) * list_row_h(l);
}

enum ui_attr ui_list_row(struct ui_list *l, struct ui_ctx *ctx, int i)
{
	int y = ui_list_y(l, i);

	if (i != l->selected)
		return UI_A_NORMAL;
	ui_fill(ctx, y, l->x, l->w, UI_A_SELECTED);
	ui_set_cursor(ctx, y, l->x);
	return UI_A_SELECTED;
}

bool ui_list_handle(struct ui_list *l, const struct ui_event *ev)
{
	int h = list_row_h(l);

	if (l->count == 0)
		return false;
	if (ev->type == UI_EV_MOUSE) {
		int i = l->top + (ev->y - l->y) / h;
		if (ev->y < l->y || ev->y >= l->y + l->rows * h || i >= l->count || ev->x < l->x ||
		    ev->x >= l->x + l->w)
			return false;
		l->selected = i;
		return true;
	}
	if (ev->type != UI_EV_KEY || !ev->fkey)
		return false;
	switch (ev->key) {
	case KEY_UP:
		if (l->selected > 0)
			l->selected--;
		return true;
	case KEY_DOWN:
		if (l->selected + 1 < l->count)
			l->selected++;
		return true;
	default:
		return false;
	}
}

bool ui_page_turn(int *offset, int shown, int page_rows, bool forward)
{
	if (forward) {
		if (shown < page_rows)
			return false; /* this page is the last */
		*offset += page_rows;
		return true;
	}
	if (*offset <= 0)
		return false;
	*offset = *offset > page_rows ? *offset - page_rows : 0;
	return true;
}

void ui_list_count(struct ui_list *l, int count)
{
	l->count = count;
	if (l->selected >= count)
		l->selected = count ? count - 1 : 0;
}
