/*
 * fuzz_editline: the input is a script of editing operations on a
 * one-line or multi-line field. Invariants: the cursor stays within the
 * text on a cluster boundary, limits are never passed, the layout hands
 * out every cluster once, in order, never past the edge (but for a cluster
 * wider than a row), its rows cover the cursor, editline_locate and
 * editline_index_at agree with it, and the text read back is valid UTF-8.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a, space, 天, 𠮷, combining acute, full-width 1, line break, ZWJ, man,
 * and the punctuation no row may start with: ，。） */
static const uint32_t samples[] = { 'a',  ' ',	  0x5929,  0x20BB7, 0x301,  0xFF11,
				    '\n', 0x200D, 0x1F468, 0xFF0C,  0x3002, 0xFF09 };

struct layout_check {
	const struct editline *e;
	size_t cols, n, i, row, col;
	bool cursor_seen;
	bool each; /* also locate every position (quadratic: once a run) */
};

static size_t next_cluster(const struct editline *e, size_t i)
{
	const uint32_t *n = cluster_next32(e->cp + i, e->cp + e->len);

	return n ? (size_t)(n - e->cp) : e->len;
}

static bool layout_cb(const struct editline_pos *p, void *arg)
{
	struct layout_check *c = arg;
	const struct editline *e = c->e;

	if (c->n == 0 ? p->i != 0 || p->row != 0 || p->col != 0
		      : p->i != next_cluster(e, c->i) || p->row < c->row ||
				(p->row == c->row && p->col < c->col))
		abort();
	size_t cw = p->i < e->len ? editline_cols(e, p->i, next_cluster(e, p->i)) : 1;
	if (p->col > 0 && p->col + (cw ? cw : 1) > c->cols)
		abort();
	size_t row, col;
	if (c->each) {
		editline_locate(e, c->cols, p->i, &row, &col);
		if (row != p->row || col != p->col)
			abort();
		editline_locate(e, c->cols, editline_index_at(e, c->cols, p->row, p->col), &row,
				&col);
		if (row != p->row || col != p->col)
			abort();
	}
	c->cursor_seen |= p->i == e->cursor;
	c->n++;
	c->i = p->i;
	c->row = p->row;
	c->col = p->col;
	return false;
}

/* The layout against itself, locate, index_at and rows. */
static void check_layout(const struct editline *e, size_t cols, bool each)
{
	struct layout_check c = { e, cols, 0, 0, 0, 0, false, each };
	size_t row, col;

	editline_layout(e, cols, layout_cb, &c);
	if (c.i != e->len || !c.cursor_seen || c.row + 1 != editline_rows(e, cols))
		abort();
	editline_locate(e, cols, e->cursor, &row, &col);
	size_t at = editline_index_at(e, cols, row, col), r2, c2;
	editline_locate(e, cols, at, &r2, &c2);
	if (r2 != row || c2 != col)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct editline e;
	size_t cols;

	if (size < 2)
		return 0;
	editline_init(&e, data[0] % 64, data[1] % 128);
	e.multiline = data[0] & 0x40;
	cols = (size_t)(data[1] % 17) + 1;
	for (size_t i = 2; i < size; i++) {
		uint8_t op = data[i];
		switch (op % 12) {
		case 0:
			editline_insert(&e, samples[(op / 12) % 12]);
			break;
		case 1:
			editline_left(&e);
			break;
		case 2:
			editline_right(&e);
			break;
		case 3:
			editline_backspace(&e);
			break;
		case 4:
			editline_delete(&e);
			break;
		case 5:
			editline_home(&e);
			break;
		case 6:
			editline_end(&e);
			break;
		case 7:
			editline_up(&e, cols);
			break;
		case 8:
			editline_down(&e, cols);
			break;
		case 9:
			e.overwrite = !e.overwrite;
			break;
		case 10:
			e.cursor = editline_index_at(&e, cols, op / 40, op % 9);
			break;
		case 11:
			editline_insert(&e, (uint32_t)op << 8 | (i + 1 < size ? data[i + 1] : 0));
			break;
		}
		if (e.cursor > e.len || (e.max_chars && e.len > e.max_chars) ||
		    (e.max_bytes && editline_bytes(&e) > e.max_bytes))
			abort();
		size_t col = editline_view(&e, cols);
		if (col >= cols && e.cursor > e.scroll)
			abort();
		size_t row, c;
		editline_locate(&e, cols, e.cursor, &row, &c);
		if (row >= editline_rows(&e, cols) || (c >= cols && cols > 1))
			abort();
		check_layout(&e, cols, false);
	}
	check_layout(&e, cols, true);
	char *s = editline_get(&e);
	if (u8_check((const uint8_t *)s, strlen(s)))
		abort();
	free(s);
	editline_release(&e);
	return 0;
}
