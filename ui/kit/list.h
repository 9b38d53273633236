/*
 * kit/list: the selection in a list of items, and paging through a
 * list fetched a page at a time.
 */
#ifndef WC_UI_KIT_LIST_H
#define WC_UI_KIT_LIST_H

#include "ui/kit/draw.h"

/* list.c: a list fetched page_rows at a time from offset: move offset
 * to the next (forward) or previous page; false when there is none. */
bool ui_page_turn(int *offset, int shown, int page_rows, bool forward);

/* list.c: the selection in a list of items its screen draws, row_h rows
 * each (1 when 0). */
struct ui_list {
	int count; /* items */
	int selected, top; /* the chosen item, the first shown */
	int row_h; /* rows an item takes */
	int y, x, w, rows; /* where it was last placed; rows: items shown */
};
/* Place the list at y, x (rows items of w columns) and scroll so that the
 * chosen item shows; call before drawing. */
void ui_list_place(struct ui_list *l, int y, int x, int w, int rows);
/* One past the last item shown: draw items top .. ui_list_end - 1, item
 * i from row ui_list_y(i). */
int ui_list_end(const struct ui_list *l);
int ui_list_y(const struct ui_list *l, int i);
/* Before drawing item i: the highlight and the cursor when it is the
 * chosen one; returns the attribute to draw it with. */
enum ui_attr ui_list_row(struct ui_list *l, struct ui_ctx *ctx, int i);
/* ↑↓ and a tap on an item move the choice; true if the event was used. */
bool ui_list_handle(struct ui_list *l, const struct ui_event *ev);
/* The items are read again: count of them now, the choice kept inside. */
void ui_list_count(struct ui_list *l, int count);

#endif
