/*
 * kit/side_list: the numbered choices a form's field takes, listed
 * beside the form. The side has a couple of dozen columns at 80x24, so
 * a label is wrapped under itself, never cut.
 */
#ifndef WC_UI_KIT_SIDE_LIST_H
#define WC_UI_KIT_SIDE_LIST_H

#include "ui/kit/draw.h"
#include "ui/kit/field.h"
#include "ui/kit/view.h"

/* Choice number at y, x, its label wrapped in the w - 3 columns after
 * it, on at most max_rows rows; returns the rows used. */
int ui_side_item(struct ui_ctx *ctx, int y, int x, int w, int max_rows, long number,
		 const char *label, enum ui_attr a);

/* A side list that takes taps as well as typed numbers: where each item
 * was last drawn (reset before drawing the list, then each item through
 * ui_side_item_at), and the number a tap fell on (0: none). */
#define UI_SIDE_TAPS_MAX 64
struct ui_side_taps {
	int x, w, n;
	int y[UI_SIDE_TAPS_MAX], rows[UI_SIDE_TAPS_MAX];
	long number[UI_SIDE_TAPS_MAX];
};
void ui_side_taps_reset(struct ui_side_taps *t, int x, int w);
int ui_side_item_at(struct ui_side_taps *t, struct ui_ctx *ctx, int y, int max_rows, long number,
		    const char *label, enum ui_attr a);
long ui_side_tapped(const struct ui_side_taps *t, const struct ui_event *ev);
/* A tapped number into the field of typed numbers: many, added, or taken
 * out if there ("1 3" and 3: "1"); one only, set, or cleared if it was. */
void ui_side_number_toggle(struct ui_field *f, long number, bool many);

#endif
