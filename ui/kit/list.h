/*
 * kit/list: a list of items, each drawn by its screen through a callback.
 * The list decides which items show and where, which one is selected,
 * what the keys and taps do, and says where the shown items stand in the
 * whole list ("第 1-8 项，共 20 项"), also when the list is fetched a page
 * at a time. A widget: it knows nothing of what an item is.
 *
 * The one way to make a list: fill in draw_row and data (and, where
 * needed, row_h or row_height, choosable, digits), keep count (and offset
 * and total for a paged list) in step with the items, call ui_list_draw
 * from the screen's draw and ui_list_handle from its handle.
 */
#ifndef WC_UI_KIT_LIST_H
#define WC_UI_KIT_LIST_H

#include "ui/kit/draw.h"

/* Draw item i in where (where->h rows, as the item's height says). a is
 * UI_A_SELECTED for the selected item while the list has the focus, and
 * the list has already filled that item's first row with it; else
 * UI_A_NORMAL. */
typedef void ui_list_draw_fn(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *where,
			     enum ui_attr a);
/* The rows item i takes when drawn w columns wide; at least 1. */
typedef int ui_list_height_fn(void *data, int i, int w);
/* Whether item i can be selected: a heading between items cannot. */
typedef bool ui_list_choosable_fn(void *data, int i);

struct ui_list {
	/* what the screen fills in */
	ui_list_draw_fn *draw_row; /* required */
	void *data; /* handed to the callbacks; not owned */
	int row_h; /* rows of every item (1 when 0) when row_height is NULL */
	ui_list_height_fn *row_height; /* items of varying height, or NULL */
	ui_list_choosable_fn *choosable; /* NULL: every item can be selected */
	bool digits; /* 1-9 choose the first nine selectable items shown,
		      * numbered as menus number theirs (kiosk lists) */
	bool unfocused; /* the keys go elsewhere (a field): nothing is highlighted,
			 * keys pass by; a tap still selects */

	/* the items: keep count in step with them (ui_list_count,
	 * ui_list_reset); selected is the item acted on */
	int count;
	int selected; /* 0 <= selected < count, when count > 0 */
	int offset; /* a paged list: how many items of the whole list come before these */
	long long total; /* a paged list: the whole list's length, -1 if unknown;
			  * 0: offset + count */

	/* private: from the last draw */
	int top; /* the first item shown */
	int shown; /* how many items show */
	struct ui_rect at; /* where the items were drawn */
};

enum ui_list_result {
	UI_LIST_IGNORED, /* not the list's event, or the selection is at that end already */
	UI_LIST_MOVED, /* the selection moved */
	UI_LIST_CHOSEN, /* Enter, a digit, or a tap on the selected item: act on selected */
};

/* Draw the list in area: scroll so that the selected item shows whole,
 * draw the items that fit, and, when not every item of the whole list
 * shows, the position line on area's last row. Sets the cursor on the
 * selected item when focused. */
void ui_list_draw(struct ui_list *l, struct ui_ctx *ctx, const struct ui_rect *area);
/* ↑↓ an item, PgUp/PgDn a screenful, Home/End the ends, a tap selects
 * (on the selected item: chooses), Enter chooses, and with digits 1-9
 * choose. Keys are for the screen's bindings first: the list sees only
 * those its screen passes on. An unfocused list takes taps only. */
enum ui_list_result ui_list_handle(struct ui_list *l, const struct ui_event *ev);

struct ui_field;
/* A list under the field that searches it; the field has the keys while
 * l->unfocused (always when there are no items). ↓ or PgDn in the field
 * goes into the list, ↑ or PgUp on its first item back, Home or End in
 * an empty field to the list's first or last item; a tap on either
 * moves the focus there; any other key goes to the field. Returns
 * UI_LIST_CHOSEN as ui_list_handle does, UI_LIST_MOVED when the list or
 * the field used the event, UI_LIST_IGNORED otherwise, and for ↓ on the
 * last item (where a list fetched a page at a time turns the page). */
enum ui_list_result ui_list_search_handle(struct ui_list *l, struct ui_field *f,
					  const struct ui_event *ev);

/* The items were read again, count of them now: the selection stays
 * where it was, moved inside the list. */
void ui_list_count(struct ui_list *l, int count);
/* Other items, count of them: the first one selected, shown from the top. */
void ui_list_reset(struct ui_list *l, int count);
/* The items are the page from offset of a list fetched page_rows at a
 * time: the whole list's length is known when the page is not full.
 * Call after ui_list_count or ui_list_reset. */
void ui_list_paged(struct ui_list *l, int offset, int page_rows);
/* The selected item, or -1 when there is none to act on (no items, or
 * only headings). */
int ui_list_current(const struct ui_list *l);

/* PgUp/PgDn/Home/End on a list fetched a page at a time, wherever the
 * focus is (it moves to the list): a screenful, or the end, within the
 * items there. UI_LIST_IGNORED when the list shows that end of its items
 * already (for PgUp/PgDn) or the event is none of the four: the screen
 * then turns to the page before or after, if there is one. */
enum ui_list_result ui_list_page_key(struct ui_list *l, const struct ui_event *ev);

/* A list fetched page_rows at a time from offset: move offset to the
 * next (forward) or previous page; false when there is none. shown is
 * the number of items on the page now. */
bool ui_page_turn(int *offset, int shown, int page_rows, bool forward);

#endif
