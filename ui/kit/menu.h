/*
 * kit/menu: numbered choices.
 */
#ifndef WC_UI_KIT_MENU_H
#define WC_UI_KIT_MENU_H

#include "ui/kit/view.h"

/* menu.c: a list of numbered choices; digits, arrows, Enter, taps. */
struct ui_menu_item {
	const char *label; /* msgid, or the text itself with as_is */
	const char *detail; /* msgid of a one-line explanation (the text with as_is), or NULL */
};

struct ui_menu {
	const struct ui_menu_item *items;
	int count;
	int selected;
	bool big; /* kiosk: a blank row between items, larger targets */
	bool as_is; /* the items' texts are shown as they are: data, or translated already */
	int unnumbered; /* the first items have no digit: the digits count from the next */
	bool columns; /* two columns where one does not fit, before scrolling */
	/* private: where it was last drawn, for taps */
	int top_y, x, w;
	int first, shown, step; /* the items first..first+shown-1, step rows apart */
	int col_rows; /* in two columns: the rows of the first; 0 in one column */
};

/* Draw the choices from row y down to the end of the screen's body:
 * a big menu loses its blank rows when they do not fit; a menu with
 * columns that still does not fit stands in two, every choice showing (←
 * → move between them, ↑↓ go on down the one and into the other), the
 * selected choice's note under them; any other, or where even the labels
 * do not fit half the width, scrolls with the selection and says on its
 * last row which items show ("第 1-5 项，共 7 项"). */
void ui_menu_draw(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w);
/* The columns the menu needs to show every choice and its note whole. */
int ui_menu_width(const struct ui_menu *m);
/* The digit shown for the choice of index i (counted from the first
 * numbered one): 1-9, then 0 for the tenth (further ones have no digit). */
int ui_menu_number(int i);
/* The index chosen (Enter, a digit, a tap), or -1; moves the selection. */
int ui_menu_handle(struct ui_menu *m, const struct ui_event *ev);

/* One choice as menus draw it, at y, x in w columns: its digit (none
 * when digit < 0), the label large and the note (or NULL) dim after it,
 * the digit and label highlighted and the cursor on them when selected
 * (the note the same either way, so a move rewrites little). The texts are
 * shown as they are. */
void ui_choice_draw(struct ui_ctx *ctx, int y, int x, int w, int digit, const char *label,
		    const char *note, bool selected);
/* The digit column of a choice alone (none when digit < 0); returns the
 * columns it takes, the same whatever the digit. */
int ui_choice_digit(struct ui_ctx *ctx, int y, int x, int digit, bool selected);

#endif
