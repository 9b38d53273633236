/*
 * kit/menu: numbered choices.
 */
#ifndef WC_UI_KIT_MENU_H
#define WC_UI_KIT_MENU_H

#include "ui/kit/view.h"

/* menu.c: a list of numbered choices; digits, arrows, Enter, taps. */
struct ui_menu_item {
	const char *label; /* msgid */
	const char *detail; /* msgid of a one-line explanation, or NULL */
};

struct ui_menu {
	const struct ui_menu_item *items;
	int count;
	int selected;
	bool big; /* kiosk: a blank row between items, larger targets */
	int top_y, x, w; /* where it was last drawn, for taps */
};

void ui_menu_draw(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w);
/* The digit shown for the choice of index i: 1-9, then 0 for the tenth
 * (further ones have no digit). */
int ui_menu_number(int i);
/* The index chosen (Enter, a digit, a tap), or -1; moves the selection. */
int ui_menu_handle(struct ui_menu *m, const struct ui_event *ev);

#endif
