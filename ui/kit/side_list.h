/*
 * kit/side_list: the numbered choices a form's field takes, listed
 * beside the form. The side has a couple of dozen columns at 80x24, so
 * a label is wrapped under itself, never cut.
 */
#ifndef WC_UI_KIT_SIDE_LIST_H
#define WC_UI_KIT_SIDE_LIST_H

#include "ui/kit/draw.h"

/* Choice number at y, x, its label wrapped in the w - 3 columns after
 * it, on at most max_rows rows; returns the rows used. */
int ui_side_item(struct ui_ctx *ctx, int y, int x, int w, int max_rows, long number,
		 const char *label, enum ui_attr a);

#endif
