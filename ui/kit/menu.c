/*
 * menu: numbered choices. A digit picks at once (kiosk users prefer it),
 * arrows and Enter work, a tap on a choice picks it. A tenth choice is 0, as
 * on a telephone service line ("其他请按0"): a digit never has to wait to
 * see whether a second one follows. The real cursor stands
 * on the selected row. Our own rather than libmenu: libmenu has no
 * wide-character type-ahead and no row spacing for touch targets.
 */
#include "config.h"
#include "ui/kit/menu.h"
#include "ui/kit/draw.h"
#include "ui/kit/view.h"

#include <stdio.h>

enum { MENU_GAP = 2 }; /* columns between two columns of choices */

int ui_menu_number(int i)
{
	return i == 9 ? 0 : i + 1;
}

int ui_choice_digit(struct ui_ctx *ctx, int y, int x, int digit, bool selected)
{
	char num[16];

	/* only the first ten have a digit to press; the rest are reached
	 * with the arrows or a tap */
	if (digit >= 0)
		snprintf(num, sizeof(num), " %d ", digit);
	else
		snprintf(num, sizeof(num), "   ");
	ui_put(ctx, y, x, 4, num, selected ? UI_A_SELECTED : UI_A_HEADING);
	return 4;
}

void ui_choice_draw(struct ui_ctx *ctx, int y, int x, int w, int digit, const char *label,
		    const char *note, bool selected)
{
	int dw, lw;

	/* The bar covers the digit and the label only, the note looks the
	 * same either way: a move rewrites two short runs, not two rows. */
	if (selected) {
		int bar = 4 + (int)text_width(label);
		ui_fill(ctx, y, x, bar < w ? bar : w, UI_A_SELECTED);
	}
	dw = ui_choice_digit(ctx, y, x, digit, selected);
	lw = ui_put(ctx, y, x + dw, w - dw, label, selected ? UI_A_SELECTED : UI_A_BIG);
	if (note && w > lw + 10)
		ui_put(ctx, y, x + dw + lw + 3, w - lw - dw - 3, note, UI_A_DIM);
	if (selected)
		ui_set_cursor(ctx, y, x + 1);
}

int ui_menu_width(const struct ui_menu *m)
{
	int most = 0;

	for (int i = 0; i < m->count; i++) {
		const struct ui_menu_item *it = &m->items[i];
		/* as ui_choice_draw lays a choice out: digit, label, gap, note */
		int w = 4 + (int)text_width(m->as_is ? it->label : _(it->label));
		if (it->detail)
			w += 3 + (int)text_width(m->as_is ? it->detail : _(it->detail));
		if (w > most)
			most = w;
	}
	return most;
}

/* The widest choice's label (and digit) alone, as a column shows it. */
static int menu_label_width(const struct ui_menu *m)
{
	int most = 0;

	for (int i = 0; i < m->count; i++) {
		int w = 4 + (int)text_width(m->as_is ? m->items[i].label : _(m->items[i].label));
		if (w > most)
			most = w;
	}
	return most;
}

/* Which items show in rows rows and w columns, and how far apart: all in
 * one column where they fit; else, for a menu with columns, all in two,
 * side by side, where the labels fit half the width (a home's choices
 * then all show: 修改密码 and 退出登录 are never out of sight below); else
 * one column that scrolls. */
static void menu_place(struct ui_menu *m, int rows, int w)
{
	m->step = m->big && m->count * 2 - 1 <= rows ? 2 : 1;
	m->col_rows = 0;
	if (m->count <= rows) {
		m->first = 0;
		m->shown = m->count;
		return;
	}
	if (m->columns && (m->count + 1) / 2 <= rows && menu_label_width(m) + MENU_GAP <= w / 2) {
		m->col_rows = (m->count + 1) / 2;
		m->first = 0;
		m->shown = m->count;
		return;
	}
	m->shown = rows > 1 ? rows - 1 : 1; /* the last row says which show */
	if (m->selected < m->first)
		m->first = m->selected;
	if (m->selected >= m->first + m->shown)
		m->first = m->selected - m->shown + 1;
	if (m->first > m->count - m->shown)
		m->first = m->count - m->shown;
}

static const char *menu_note(const struct ui_menu *m, int i)
{
	const char *d = m->items[i].detail;

	return !d ? NULL : m->as_is ? d : _(d);
}

static int menu_digit(const struct ui_menu *m, int i)
{
	int n = i - m->unnumbered;

	return n >= 0 && n < 10 ? ui_menu_number(n) : -1;
}

/* Two columns, down the first and on down the second (the digits keep
 * their order). The notes would not fit beside the labels: the selected
 * choice's note shows under the columns, where there is a row for it. */
static void menu_draw_columns(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w,
			      int rows)
{
	int cw = w / 2;
	const char *note = menu_note(m, m->selected);

	for (int i = 0; i < m->count; i++)
		ui_choice_draw(ctx, y + i % m->col_rows, x + (i / m->col_rows) * cw,
			       cw - MENU_GAP, menu_digit(m, i),
			       m->as_is ? m->items[i].label : _(m->items[i].label), NULL,
			       i == m->selected);
	if (note && m->col_rows < rows) {
		int at = m->col_rows + 1 < rows ? m->col_rows + 1 : m->col_rows;
		ui_put(ctx, y + at, x + 4, w - 4, note, UI_A_DIM);
	}
}

void ui_menu_draw(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w)
{
	int rows = ctx->body_end - y;

	m->top_y = y;
	m->x = x;
	m->w = w;
	menu_place(m, rows, w);
	if (m->col_rows) {
		menu_draw_columns(m, ctx, y, x, w, rows);
		return;
	}
	for (int i = m->first; i < m->first + m->shown; i++)
		ui_choice_draw(ctx, y + (i - m->first) * m->step, x, w, menu_digit(m, i),
			       m->as_is ? m->items[i].label : _(m->items[i].label),
			       menu_note(m, i), i == m->selected);
	if (m->shown < m->count) {
		struct sbuf pos = SBUF_INIT;
		sbuf_addf(&pos, _("items %d-%d of %lld"), m->first + 1, m->first + m->shown,
			  (long long)m->count);
		ui_put(ctx, y + m->shown, x + 4, w - 4, pos.buf, UI_A_DIM);
		sbuf_release(&pos);
	}
}

/* The item a tap at row, col of the menu falls on, or -1. */
static int menu_at(const struct ui_menu *m, int row, int col)
{
	int step = m->step > 0 ? m->step : 1;

	if (row < 0 || col < 0 || col >= m->w)
		return -1;
	if (m->col_rows) {
		int c = col / (m->w / 2), i = c * m->col_rows + row;
		return row < m->col_rows && c < 2 && i < m->count ? i : -1;
	}
	if (row % step != 0 || m->first + row / step >= m->first + m->shown)
		return -1;
	return m->first + row / step;
}

int ui_menu_handle(struct ui_menu *m, const struct ui_event *ev)
{
	if (m->count == 0)
		return -1;
	if (ev->type == UI_EV_MOUSE) {
		int i = menu_at(m, ev->y - m->top_y, ev->x - m->x);
		if (i >= 0)
			m->selected = i;
		return i;
	}
	if (ev->type != UI_EV_KEY)
		return -1;
	if (!ev->fkey && ev->key >= '0' && ev->key <= '9') {
		int i = m->unnumbered + (ev->key == '0' ? 9 : (int)(ev->key - '1'));
		if (i >= m->count)
			return -1;
		m->selected = i;
		return i;
	}
	if (ev->fkey && ev->key == KEY_UP)
		m->selected = (m->selected + m->count - 1) % m->count;
	else if (ev->fkey && ev->key == KEY_DOWN)
		m->selected = (m->selected + 1) % m->count;
	else if (m->col_rows && ev->fkey && ev->key == KEY_RIGHT && m->selected < m->col_rows)
		m->selected = m->selected + m->col_rows < m->count ? m->selected + m->col_rows
								   : m->count - 1;
	else if (m->col_rows && ev->fkey && ev->key == KEY_LEFT && m->selected >= m->col_rows)
		m->selected -= m->col_rows;
	else if (ev->fkey && ev->key == KEY_HOME)
		m->selected = 0;
	else if (ev->fkey && ev->key == KEY_END)
		m->selected = m->count - 1;
	else if ((ev->fkey && ev->key == KEY_ENTER) ||
		 (!ev->fkey && (ev->key == '\r' || ev->key == '\n')))
		return m->selected;
	return -1;
}
