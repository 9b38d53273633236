/*
 * list: items drawn by their screen through a callback, placed, scrolled
 * and selected here. An item may take several rows, and items may differ
 * in height (row_height); items that cannot be selected (headings) are
 * stepped over. The selected item always shows whole. When the list is
 * longer than the screen, or is one page of a longer list, the area's
 * last row says which items show; when everything shows, that row goes
 * to the items.
 *
 * Digits number the selectable items shown, as menus number their
 * choices, and only 1-9: a tenth would be 0, which screens keep for
 * their own use ("0 skips" in a questionnaire).
 */
#include "config.h"
#include "ui/kit/list.h"
#include "ui/kit/draw.h"
#include "ui/kit/field.h"
#include "ui/kit/menu.h"
#include "ui/kit/view.h"

static bool list_choosable(const struct ui_list *l, int i)
{
	return i >= 0 && i < l->count && (!l->choosable || l->choosable(l->data, i));
}

/* Where item i's own drawing starts in the row: after the digit column,
 * which only items that can be chosen have. */
static int list_item_x(const struct ui_list *l, int i)
{
	return l->digits && list_choosable(l, i) ? 4 : 0;
}

/* Rows item i takes, drawn in the width of the list's area. */
static int list_height(const struct ui_list *l, int i)
{
	int h = l->row_height ? l->row_height(l->data, i, l->at.w - list_item_x(l, i)) : l->row_h;

	return h > 0 ? h : 1;
}

/* The selectable item nearest to i going by step (+1 or -1), i itself
 * first; -1 if there is none that way. */
static int list_seek(const struct ui_list *l, int i, int step)
{
	for (; i >= 0 && i < l->count; i += step)
		if (list_choosable(l, i))
			return i;
	return -1;
}

/* The selectable item nearest to i, after it first. */
static int list_nearest(const struct ui_list *l, int i)
{
	int j = list_seek(l, i, 1);

	return j >= 0 ? j : list_seek(l, i, -1);
}

static long long list_total(const struct ui_list *l)
{
	return l->total == 0 ? (long long)l->offset + l->count : l->total;
}

/* Whether items from .. to-1 fit in rows rows. */
static bool list_fits(const struct ui_list *l, int from, int to, int rows)
{
	for (int i = from; i < to && rows >= 0; i++)
		rows -= list_height(l, i);
	return rows >= 0;
}

/* Scroll so that the selected item shows whole in rows rows. */
static void list_scroll(struct ui_list *l, int rows)
{
	if (l->top > l->selected)
		l->top = l->selected;
	while (l->top < l->selected && !list_fits(l, l->top, l->selected + 1, rows))
		l->top++;
	/* no blank rows below the last item while items above are hidden */
	while (l->top > 0 && list_fits(l, l->top - 1, l->count, rows))
		l->top--;
	/* a heading stays with the first item under it */
	while (l->top > 0 && !list_choosable(l, l->top - 1) &&
	       list_fits(l, l->top - 1, l->selected + 1, rows))
		l->top--;
	l->shown = 0;
	for (int y = 0; l->top + l->shown < l->count; l->shown++) {
		y += list_height(l, l->top + l->shown);
		if (y > rows)
			break;
	}
	if (l->shown == 0 && l->count > 0)
		l->shown = 1; /* taller than the area: drawn cut */
}

/* The number the digit d (1-9) chooses, among the items shown: -1 if none. */
static int list_digit_item(const struct ui_list *l, int d)
{
	for (int i = l->top, n = 0; i < l->top + l->shown; i++)
		if (list_choosable(l, i) && ++n == d)
			return i;
	return -1;
}

/* The position line ("第 1-8 项，共 20 项") into out; false (out
 * untouched) when every item of the whole list shows. From the last draw. */
static bool ui_list_position(const struct ui_list *l, struct sbuf *out)
{
	long long total = list_total(l);
	int first = l->offset + l->top + 1, last = l->offset + l->top + l->shown;

	if (l->count == 0 || (l->offset == 0 && total == l->count && l->shown >= l->count))
		return false;
	if (total < 0)
		/* TRANSLATORS: the items shown of a list whose length is not
		 * known: at least as long as the last number */
		sbuf_addf(out, _("items %d-%d of %d or more"), first, last, l->offset + l->count);
	else
		sbuf_addf(out, _("items %d-%d of %lld"), first, last, total);
	return true;
}

void ui_list_draw(struct ui_list *l, struct ui_ctx *ctx, const struct ui_rect *area)
{
	int rows = area->h, y = area->y, digit = 0;
	struct sbuf pos = SBUF_INIT;

	l->at = *area;
	ui_list_count(l, l->count);
	/* the position line's row goes to the items when they all show */
	if (rows > 1 &&
	    (l->offset > 0 || list_total(l) != l->count || !list_fits(l, 0, l->count, rows)))
		rows--;
	l->at.h = rows;
	list_scroll(l, rows);
	for (int i = l->top; i < l->top + l->shown; i++) {
		int h = list_height(l, i), xi = list_item_x(l, i);
		bool sel = i == l->selected && !l->unfocused && list_choosable(l, i);
		struct ui_rect where = { y, area->x + xi, h, area->w - xi };

		if (where.y + h > area->y + rows)
			where.h = area->y + rows - where.y;
		if (sel) {
			ui_fill(ctx, y, area->x, area->w, UI_A_SELECTED);
			ui_set_cursor(ctx, y, area->x + (l->digits ? 1 : 0));
		}
		if (l->digits && list_choosable(l, i))
			ui_choice_digit(ctx, y, area->x, ++digit <= 9 ? digit : -1, sel);
		l->draw_row(ctx, l->data, i, &where, sel ? UI_A_SELECTED : UI_A_NORMAL);
		y += h;
	}
	if (ui_list_position(l, &pos)) {
		int pw = (int)text_width(pos.buf);
		int px = pw < area->w ? area->x + area->w - pw : area->x;
		ui_put(ctx, area->y + area->h - 1, px, area->w, pos.buf, UI_A_DIM);
	}
	sbuf_release(&pos);
}

/* Select i (a selectable item); UI_LIST_IGNORED when it is the one already. */
static enum ui_list_result list_move(struct ui_list *l, int i)
{
	if (i < 0 || i == l->selected)
		return UI_LIST_IGNORED;
	l->selected = i;
	return UI_LIST_MOVED;
}

static enum ui_list_result list_tap(struct ui_list *l, const struct ui_event *ev)
{
	int y = l->at.y;

	if (ev->x < l->at.x || ev->x >= l->at.x + l->at.w)
		return UI_LIST_IGNORED;
	for (int i = l->top; i < l->top + l->shown && i < l->count; i++) {
		int h = list_height(l, i);
		if (ev->y >= y && ev->y < y + h && ev->y < l->at.y + l->at.h) {
			if (!list_choosable(l, i))
				return UI_LIST_IGNORED;
			if (i == l->selected && !l->unfocused)
				return UI_LIST_CHOSEN;
			l->selected = i;
			return UI_LIST_MOVED;
		}
		y += h;
	}
	return UI_LIST_IGNORED;
}

/* A screenful from the selected item by step (+1 or -1). */
static enum ui_list_result list_page(struct ui_list *l, int step)
{
	int n = l->shown > 1 ? l->shown : 1;
	int i = l->selected + step * n, j;

	i = i < 0 ? 0 : i >= l->count ? l->count - 1 : i;
	/* on a heading: the item before it, unless that is where we were */
	j = list_seek(l, i, -step);
	if (j < 0 || (step > 0 ? j <= l->selected : j >= l->selected))
		j = list_seek(l, i, step);
	if (list_move(l, j) == UI_LIST_IGNORED)
		return UI_LIST_IGNORED;
	/* the view goes by the same screenful, so the selection keeps its row */
	l->top += step * n;
	if (l->top < 0)
		l->top = 0;
	if (l->top > l->selected)
		l->top = l->selected;
	return UI_LIST_MOVED;
}

static bool is_enter(const struct ui_event *ev)
{
	return (ev->fkey && ev->key == KEY_ENTER) ||
	       (!ev->fkey && (ev->key == '\r' || ev->key == '\n'));
}

enum ui_list_result ui_list_handle(struct ui_list *l, const struct ui_event *ev)
{
	if (l->count == 0)
		return UI_LIST_IGNORED;
	if (ev->type == UI_EV_MOUSE)
		return list_tap(l, ev);
	if (ev->type != UI_EV_KEY || l->unfocused)
		return UI_LIST_IGNORED;
	if (is_enter(ev))
		return list_choosable(l, l->selected) ? UI_LIST_CHOSEN : UI_LIST_IGNORED;
	if (!ev->fkey) {
		int i = l->digits && ev->key >= '1' && ev->key <= '9'
				? list_digit_item(l, (int)(ev->key - '0'))
				: -1;
		if (i < 0)
			return UI_LIST_IGNORED;
		l->selected = i;
		return UI_LIST_CHOSEN;
	}
	switch (ev->key) {
	case KEY_UP:
		return list_move(l, list_seek(l, l->selected - 1, -1));
	case KEY_DOWN:
		return list_move(l, list_seek(l, l->selected + 1, 1));
	case KEY_PPAGE:
		return list_page(l, -1);
	case KEY_NPAGE:
		return list_page(l, 1);
	case KEY_HOME:
		return list_move(l, list_seek(l, 0, 1));
	case KEY_END:
		return list_move(l, list_seek(l, l->count - 1, -1));
	default:
		return UI_LIST_IGNORED;
	}
}

static bool is_fkey(const struct ui_event *ev, wint_t a, wint_t b)
{
	return ev->type == UI_EV_KEY && ev->fkey && (ev->key == a || ev->key == b);
}

enum ui_list_result ui_list_search_handle(struct ui_list *l, struct ui_field *f,
					  const struct ui_event *ev)
{
	bool down = is_fkey(ev, KEY_DOWN, KEY_NPAGE), up = is_fkey(ev, KEY_UP, KEY_PPAGE);
	enum ui_list_result r;

	if (l->count == 0)
		l->unfocused = true;
	if (ev->type == UI_EV_MOUSE) {
		if ((r = ui_list_handle(l, ev)) != UI_LIST_IGNORED) {
			l->unfocused = false;
			return r;
		}
		if (ui_field_contains(f, ev->y, ev->x))
			l->unfocused = true;
		return ui_field_handle(f, ev) ? UI_LIST_MOVED : UI_LIST_IGNORED;
	}
	/* an empty field has nothing for Home and End to move through */
	if (l->unfocused && l->count && is_fkey(ev, KEY_HOME, KEY_END) && ui_field_equals(f, ""))
		return ui_list_page_key(l, ev);
	if (l->unfocused && down && l->count) {
		l->unfocused = false;
		return UI_LIST_MOVED;
	}
	if (!l->unfocused) {
		if ((r = ui_list_handle(l, ev)) != UI_LIST_IGNORED)
			return r;
		if (up) {
			l->unfocused = true;
			return UI_LIST_MOVED;
		}
		if (down)
			return UI_LIST_IGNORED;
	}
	if (ev->type != UI_EV_KEY)
		return UI_LIST_IGNORED;
	l->unfocused = true;
	return ui_field_handle(f, ev) ? UI_LIST_MOVED : UI_LIST_IGNORED;
}

enum ui_list_result ui_list_page_key(struct ui_list *l, const struct ui_event *ev)
{
	enum ui_list_result r;

	if (l->count == 0 || ev->type != UI_EV_KEY || !ev->fkey)
		return UI_LIST_IGNORED;
	switch (ev->key) {
	case KEY_NPAGE:
		if (l->top + l->shown >= l->count)
			return UI_LIST_IGNORED;
		r = list_page(l, 1);
		break;
	case KEY_PPAGE:
		if (l->top == 0)
			return UI_LIST_IGNORED;
		r = list_page(l, -1);
		break;
	case KEY_HOME:
		r = list_move(l, list_seek(l, 0, 1));
		break;
	case KEY_END:
		r = list_move(l, list_seek(l, l->count - 1, -1));
		break;
	default:
		return UI_LIST_IGNORED;
	}
	/* the focus comes to the list even where the selection stayed */
	if (l->unfocused) {
		l->unfocused = false;
		return UI_LIST_MOVED;
	}
	return r;
}

void ui_list_count(struct ui_list *l, int count)
{
	l->count = count > 0 ? count : 0;
	if (l->selected >= l->count)
		l->selected = l->count ? l->count - 1 : 0;
	if (l->selected < 0)
		l->selected = 0;
	if (l->count) {
		int i = list_nearest(l, l->selected);
		l->selected = i >= 0 ? i : 0;
	}
	if (l->top >= l->count)
		l->top = 0;
}

void ui_list_reset(struct ui_list *l, int count)
{
	l->selected = l->top = 0;
	ui_list_count(l, count);
}

void ui_list_paged(struct ui_list *l, int offset, int page_rows)
{
	l->offset = offset;
	l->total = l->count < page_rows ? (long long)offset + l->count : -1;
}

int ui_list_current(const struct ui_list *l)
{
	return list_choosable(l, l->selected) ? l->selected : -1;
}

bool ui_page_turn(int *offset, int shown, int page_rows, bool forward)
{
	if (forward) {
		if (shown < page_rows)
			return false; /* this page is the last */
		*offset += page_rows;
		return true;
	}
	if (*offset <= 0)
		return false;
	*offset = *offset > page_rows ? *offset - page_rows : 0;
	return true;
}
