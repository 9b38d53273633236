/*
 * side_list: a numbered choice beside a form, wrapped rather than cut,
 * since the number typed must be read against the whole label. A tap on
 * a choice puts its number into the field (or takes it out), so the list
 * works by touch as by keyboard.
 */
#include "config.h"
#include "ui/kit/side_list.h"

#include <stdio.h>
#include <stdlib.h>

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

void ui_side_taps_reset(struct ui_side_taps *t, int x, int w)
{
	t->x = x;
	t->w = w;
	t->n = 0;
}

int ui_side_item_at(struct ui_side_taps *t, struct ui_ctx *ctx, int y, int max_rows, long number,
		    const char *label, enum ui_attr a)
{
	int rows = ui_side_item(ctx, y, t->x, t->w, max_rows, number, label, a);

	if (rows > 0 && t->n < UI_SIDE_TAPS_MAX) {
		t->y[t->n] = y;
		t->rows[t->n] = rows;
		t->number[t->n++] = number;
	}
	return rows;
}

long ui_side_tapped(const struct ui_side_taps *t, const struct ui_event *ev)
{
	if (ev->type != UI_EV_MOUSE || ev->x < t->x || ev->x >= t->x + t->w)
		return 0;
	for (int i = 0; i < t->n; i++)
		if (ev->y >= t->y[i] && ev->y < t->y[i] + t->rows[i])
			return t->number[i];
	return 0;
}

void ui_side_number_toggle(struct ui_field *f, long number, bool many)
{
	char *text = editline_get(&f->ed), **items;
	size_t n = text_split_list(text, &items);
	struct sbuf sb = SBUF_INIT;
	bool was = false;

	for (size_t i = 0; i < n; i++) {
		char *end;
		long k = strtol(items[i], &end, 10);
		if (!*end && k == number)
			was = true;
		else if (many)
			sbuf_addf(&sb, "%s%s", sb.len ? " " : "", items[i]);
	}
	if (!was)
		sbuf_addf(&sb, "%s%ld", sb.len ? " " : "", number);
	editline_set(&f->ed, sb.buf);
	f->typed = true;
	if (f->error) /* what was wrong may be right now */
		ui_field_check(f);
	sbuf_release(&sb);
	text_list_free(items, n);
	free(text);
}
