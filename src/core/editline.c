/* editline: one-line editing by grapheme cluster; see editline.h. */
#include "config.h"
#include "editline.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "cluster.h"
#include "text.h"
#include "xalloc.h"

void editline_init(struct editline *e, size_t max_chars, size_t max_bytes)
{
	memset(e, 0, sizeof(*e));
	e->max_chars = max_chars;
	e->max_bytes = max_bytes;
}

void editline_release(struct editline *e)
{
	if (e->cp)
		explicit_bzero(e->cp, e->alloc * sizeof(*e->cp)); /* may hold a password */
	free(e->cp);
	editline_init(e, e->max_chars, e->max_bytes);
}

static size_t editline_uc_bytes(uint32_t uc)
{
	return uc < 0x80 ? 1 : uc < 0x800 ? 2 : uc < 0x10000 ? 3 : 4;
}

size_t editline_bytes(const struct editline *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->len; i++)
		n += editline_uc_bytes(e->cp[i]);
	return n;
}

void editline_clear(struct editline *e)
{
	e->len = e->cursor = e->scroll = 0;
}

void editline_set(struct editline *e, const char *s)
{
	editline_clear(e);
	editline_insert_utf8(e, s);
	e->cursor = e->len;
}

char *editline_get(const struct editline *e)
{
	size_t n = 0;
	uint8_t *u = u32_to_u8(e->cp, e->len, NULL, &n);
	char *s = xstrndup(u ? (const char *)u : "", u ? n : 0);

	free(u);
	return s;
}

static size_t editline_next(const struct editline *e, size_t i);
static size_t editline_align(const struct editline *e, size_t i);
static void editline_remove(struct editline *e, size_t from, size_t to);

bool editline_insert(struct editline *e, uint32_t uc)
{
	size_t drop_chars = 0, drop_bytes = 0, drop_to = e->cursor;

	if ((uc < 0x20 && !(uc == '\n' && e->multiline)) || (uc >= 0x7F && uc < 0xA0) ||
	    uc > 0x10FFFF || (uc >= 0xD800 && uc < 0xE000))
		return false;
	/* Overwrite replaces the whole cluster under the cursor; a combining
	 * mark or a line break is inserted as usual. */
	if (e->overwrite && e->cursor < e->len && e->cp[e->cursor] != '\n' && uc != '\n' &&
	    uc_width(uc, "UTF-8") > 0) {
		drop_to = editline_next(e, e->cursor);
		drop_chars = drop_to - e->cursor;
		for (size_t i = e->cursor; i < drop_to; i++)
			drop_bytes += editline_uc_bytes(e->cp[i]);
	}
	if (e->max_chars && e->len - drop_chars + 1 > e->max_chars)
		return false;
	if (e->max_bytes && editline_bytes(e) - drop_bytes + editline_uc_bytes(uc) > e->max_bytes)
		return false;
	if (drop_chars)
		editline_remove(e, e->cursor, drop_to);
	if (e->len + 1 > e->alloc) {
		/* not realloc: it would leave the typed text (a password, a PIN)
		 * behind in the memory it gives back */
		uint32_t *cp = xcalloc(e->alloc ? e->alloc * 2 : 16, sizeof(*cp));
		if (e->cp) {
			memcpy(cp, e->cp, e->len * sizeof(*cp));
			explicit_bzero(e->cp, e->alloc * sizeof(*e->cp));
			free(e->cp);
		}
		e->cp = cp;
		e->alloc = e->alloc ? e->alloc * 2 : 16;
	}
	memmove(e->cp + e->cursor + 1, e->cp + e->cursor, (e->len - e->cursor) * sizeof(*e->cp));
	e->cp[e->cursor++] = uc;
	e->len++;
	/* A combining mark joins the cluster before it: the cursor stays at
	 * the end of that cluster, which is where it already is. A letter
	 * typed before a lone mark takes the mark: the cursor goes after both. */
	e->cursor = editline_align(e, e->cursor);
	return true;
}

size_t editline_insert_utf8(struct editline *e, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	size_t n = 0;

	while (p < end) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, p, (size_t)(end - p));

		if (k < 0) {
			p++;
			continue;
		}
		p += k;
		if (uc == '\r')
			continue;
		if (uc == '\t' || (uc == '\n' && !e->multiline))
			uc = ' ';
		if (!editline_insert(e, uc))
			break;
		n++;
	}
	return n;
}

static size_t editline_next(const struct editline *e, size_t i)
{
	const uint32_t *n = cluster_next32(e->cp + i, e->cp + e->len);

	return n ? (size_t)(n - e->cp) : e->len;
}

static size_t editline_prev(const struct editline *e, size_t i)
{
	return i > 0 ? (size_t)(cluster_prev32(e->cp + i, e->cp) - e->cp) : 0;
}

/* The cluster boundary at i, or the end of the cluster i falls inside:
 * an edit can join what was two clusters into one (a letter before a lone
 * combining mark, Hangul jamo closing up). */
static size_t editline_align(const struct editline *e, size_t i)
{
	if (i == 0 || i >= e->len)
		return i;
	size_t end = editline_next(e, editline_prev(e, i));

	return end > i ? end : i;
}

bool editline_left(struct editline *e)
{
	if (e->cursor == 0)
		return false;
	e->cursor = editline_prev(e, e->cursor);
	return true;
}

bool editline_right(struct editline *e)
{
	if (e->cursor >= e->len)
		return false;
	e->cursor = editline_next(e, e->cursor);
	return true;
}

void editline_home(struct editline *e)
{
	e->cursor = 0;
}

void editline_end(struct editline *e)
{
	e->cursor = e->len;
}

static void editline_remove(struct editline *e, size_t from, size_t to)
{
	memmove(e->cp + from, e->cp + to, (e->len - to) * sizeof(*e->cp));
	e->len -= to - from;
	if (e->scroll > from)
		e->scroll = from;
	e->scroll = editline_align(e, e->scroll);
}

bool editline_backspace(struct editline *e)
{
	if (e->cursor == 0)
		return false;
	size_t from = editline_prev(e, e->cursor);

	editline_remove(e, from, e->cursor);
	e->cursor = editline_align(e, from);
	return true;
}

bool editline_delete(struct editline *e)
{
	if (e->cursor >= e->len)
		return false;
	editline_remove(e, e->cursor, editline_next(e, e->cursor));
	e->cursor = editline_align(e, e->cursor);
	return true;
}

size_t editline_cols(const struct editline *e, size_t from, size_t to)
{
	size_t w = 0;

	for (size_t i = from; i < to && i < e->len; i++) {
		int cw = uc_width(e->cp[i], "UTF-8");
		if (cw > 0)
			w += (size_t)cw;
	}
	return w;
}

/* Columns from code point from to to: as drawn, or one a cluster when
 * masked. */
static size_t editline_span(const struct editline *e, size_t from, size_t to, bool masked)
{
	size_t n = 0;

	if (!masked)
		return editline_cols(e, from, to);
	for (size_t i = from; i < to; i = editline_next(e, i))
		n++;
	return n;
}

/*
 * The cursor in sight first; then, since deleting leaves the view where it
 * was, scroll back while everything from there to the end still fits (the
 * last column kept for a cursor standing after the text): a field never
 * looks emptier than it is.
 */
static size_t editline_fit(struct editline *e, size_t cols, bool masked)
{
	if (cols == 0)
		return 0;
	if (e->scroll > e->cursor)
		e->scroll = e->cursor;
	while (e->scroll < e->cursor && editline_span(e, e->scroll, e->cursor, masked) + 1 > cols)
		e->scroll = editline_next(e, e->scroll);
	while (e->scroll > 0) {
		size_t back = editline_prev(e, e->scroll);
		size_t need = editline_span(e, back, e->len, masked) + (e->cursor == e->len);
		/* the cursor keeps a column of its own even before text of no
		 * width (a combining mark at the end) */
		if (need > cols || editline_span(e, back, e->cursor, masked) + 1 > cols)
			break;
		e->scroll = back;
	}
	return editline_span(e, e->scroll, e->cursor, masked);
}

size_t editline_view(struct editline *e, size_t cols)
{
	return editline_fit(e, cols, false);
}

size_t editline_view_masked(struct editline *e, size_t cols)
{
	return editline_fit(e, cols, true);
}

struct editline_cluster {
	size_t next, cw; /* where the cluster ends; its columns */
};

/* A row in the making: its clusters as measured, handed out from here. */
struct editline_row {
	const struct editline *e;
	size_t cols;
	char *brk; /* UAX #14 break opportunities, from libunistring */
	struct editline_cluster *c;
	size_t n, alloc;
};

/*
 * Measure the row that starts at cluster start into row->c, and return
 * where it ends: the next row's first code point, or len. The cursor before
 * a space, a cluster of no width or a line break needs a cell of its own:
 * with none left, such a cluster starts the next row and takes nothing
 * along (text_wrap lets spaces hang instead, but a cursor cannot stand
 * past the edge). Other clusters break by UAX #14.
 */
static size_t editline_row_end(struct editline_row *row, size_t start)
{
	const struct editline *e = row->e;
	struct text_row r;
	size_t i = start, end;

	row->n = 0;
	text_row_begin(&r, row->cols, start);
	while (i < e->len) {
		size_t next = editline_next(e, i);
		size_t cw = editline_cols(e, i, next);
		bool own_cell = cw == 0 || e->cp[i] == ' ';

		if (own_cell && r.width + 1 > row->cols && i > start)
			return i;
		if (row->n == row->alloc) {
			row->alloc = row->alloc ? row->alloc * 2 : 64;
			row->c = xrealloc(row->c, row->alloc * sizeof(*row->c));
		}
		row->c[row->n++] = (struct editline_cluster){ next, cw };
		if (e->cp[i] == '\n')
			return next;
		if (text_row_add(&r, i, cw, e->cp[i], row->brk[i] == UC_BREAK_POSSIBLE, false,
				 &end))
			return end;
		i = next;
	}
	return e->len;
}

/*
 * The one layout, behind locate, rows, index_at, up and down alike: rows
 * are measured by editline_row_end, then handed out cluster by cluster. It
 * is linear in the text: the clusters after a row's last break opportunity
 * are measured again for the next row, which then reaches past them (no
 * opportunity lies among them), so each is measured at most twice.
 */
void editline_layout(const struct editline *e, size_t cols,
		     bool (*fn)(const struct editline_pos *p, void *arg), void *arg)
{
	struct editline_pos p = { 0, 0, 0 };
	struct editline_row row = { e, cols ? cols : 1, xmalloc(e->len + 1), NULL, 0, 0 };

	u32_possible_linebreaks(e->cp, e->len, "UTF-8", row.brk);
	while (p.i < e->len) {
		size_t end = editline_row_end(&row, p.i);

		p.col = 0;
		for (size_t k = 0; p.i < end; k++) {
			if (fn(&p, arg))
				goto done;
			p.col += row.c[k].cw;
			p.i = row.c[k].next;
		}
		if (end < e->len || e->cp[end - 1] == '\n') {
			p.row++;
			p.col = 0;
		}
	}
	/* the end: where a one-column character would go */
	if (p.col + 1 > row.cols && p.col > 0) {
		p.row++;
		p.col = 0;
	}
	fn(&p, arg);
done:
	free(row.brk);
	free(row.c);
}

struct locate_arg {
	size_t target, row, col;
};

static bool locate_cb(const struct editline_pos *p, void *arg)
{
	struct locate_arg *a = arg;

	a->row = p->row;
	a->col = p->col;
	return p->i >= a->target;
}

void editline_locate(const struct editline *e, size_t cols, size_t i, size_t *row, size_t *col)
{
	struct locate_arg a = { i, 0, 0 };

	editline_layout(e, cols, locate_cb, &a);
	*row = a.row;
	*col = a.col;
}

size_t editline_rows(const struct editline *e, size_t cols)
{
	size_t row, col;

	editline_locate(e, cols, e->len, &row, &col);
	return row + 1;
}

struct index_arg {
	size_t row, col, best;
	bool found;
};

static bool index_cb(const struct editline_pos *p, void *arg)
{
	struct index_arg *a = arg;

	if (p->row > a->row)
		return true;
	if (p->row == a->row && (p->col <= a->col || !a->found)) {
		a->best = p->i;
		a->found = true;
	} else if (p->row < a->row) {
		a->best = p->i; /* the row asked for lies beyond: end up here */
	}
	return false;
}

size_t editline_index_at(const struct editline *e, size_t cols, size_t row, size_t col)
{
	struct index_arg a = { row, col, 0, false };

	editline_layout(e, cols, index_cb, &a);
	return a.best;
}

bool editline_up(struct editline *e, size_t cols)
{
	size_t row, col;

	editline_locate(e, cols, e->cursor, &row, &col);
	if (row == 0)
		return false;
	e->cursor = editline_index_at(e, cols, row - 1, col);
	return true;
}

bool editline_down(struct editline *e, size_t cols)
{
	size_t row, col;

	editline_locate(e, cols, e->cursor, &row, &col);
	if (row + 1 >= editline_rows(e, cols))
		return false;
	e->cursor = editline_index_at(e, cols, row + 1, col);
	return true;
}
