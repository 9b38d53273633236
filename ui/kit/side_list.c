/*
 * side_list: a numbered choice beside a form, wrapped rather than cut,
 * since the number typed must be read against the whole label.
 */
#include "config.h"
#include "ui/kit/side_list.h"

#include <stdio.h>

int ui_side_item(struct ui_ctx *ctx, int y, int x, int w, int max_rows, long number,
		 const char *label, enum ui_attr a)
{
	char num[24];

	if (max_rows < 1 || w < 4)
		return 0;
	snprintf(num, sizeof(num), "%2ld", number);
	ui_put(ctx, y, x, 3, num, a);
	return ui_put_wrapped(ctx, y, x + 3, w - 3, max_rows, label, a);
}
