/*
 * list: which row of a list is selected and which rows are in view, for
 * the screens that draw lists of rows a few lines tall: arrows move the
 * selection, a tap selects the row under it, and the view follows.
 */
#include "config.h"
#include "tui.h"

void ui_list_fit(struct ui_list *l, int y, int bottom)
{
	int h = l->row_h > 0 ? l->row_h : 1;

	l->y = y;
	l->shown = (bottom - y) / h;
	if (l->shown < 1)
		l->shown = 1;
	if (l->selected >= l->n)
		l->selected = l->n ? l->n - 1 : 0;
	if (l->selected < l->top)
		l->top = l->selected;
	if (l->selected >= l->top + l->shown)
		l->top = l->selected - l->shown + 1;
	if (l->top < 0)
		l->top = 0;
}

bool ui_list_handle(struct ui_list *l, const struct ui_event *ev)
{
	int h = l->row_h > 0 ? l->row_h : 1;

	if (ev->type == UI_EV_MOUSE) {
		int row = ev->y - l->y;
		if (row < 0 || row / h >= l->shown || l->top + row / h >= l->n)
			return false;
		l->selected = l->top + row / h;
		return true;
	}
	if (ev->type != UI_EV_KEY || !ev->fkey)
		return false;
	if (ev->key == KEY_DOWN && l->selected + 1 < l->n)
		l->selected++;
	else if (ev->key == KEY_UP && l->selected > 0)
		l->selected--;
	else
		return false;
	return true;
}
