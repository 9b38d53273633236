/*
 * kit/keybar: where the keys that work now stand at the bottom of the
 * screen. One layout serves the drawing and the taps, so a tap presses
 * the key drawn under it.
 */
#ifndef WC_UI_KIT_KEYBAR_H
#define WC_UI_KIT_KEYBAR_H

#include "ui/kit/view.h"

/* The most rows the key bar takes; keys that still do not fit are in
 * the F1 list, and F1 itself always shows. */
enum { UI_KEYBAR_ROWS = 2 };

struct ui_keybar_cell {
	const struct ui_binding *b;
	int row, x, w; /* row 0 is the bar's first; w: key, blank, label */
};

struct ui_keybar {
	struct ui_keybar_cell *cells; /* owned */
	int count;
	int rows; /* 1..UI_KEYBAR_ROWS */
};

/* Lay out the top view's working keys in cols columns: whole keys only,
 * a second row when one is not enough. Release with ui_keybar_release. */
void ui_keybar_layout(struct ui_keybar *kb, const struct ui_ctx *ctx, int cols);
void ui_keybar_release(struct ui_keybar *kb);
/* The binding drawn at row, x of the bar, or NULL. */
const struct ui_binding *ui_keybar_at(const struct ui_keybar *kb, int row, int x);

#endif
