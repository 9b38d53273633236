/*
 * editline: the editing model of a one-line text field.
 *
 * It keeps characters (code points), not screen cells, so nothing typed is
 * ever lost or split: the cursor always stands on a grapheme cluster
 * boundary, and Left, Right, Backspace and Delete move or remove whole
 * clusters. Limits are in characters and in UTF-8 bytes; an insertion that
 * would pass either is refused whole. Characters outside the BMP (𠮷) are
 * ordinary characters here.
 *
 * Low-level primitive: libc and libunistring only; the ui draws it.
 */
#ifndef WC_CORE_EDITLINE_H
#define WC_CORE_EDITLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct editline {
	uint32_t *cp; /* code points, not NUL-terminated */
	size_t len; /* code points in cp */
	size_t alloc; /* private */
	size_t cursor; /* index into cp, on a cluster boundary */
	size_t scroll; /* first code point shown, on a cluster boundary */
	size_t max_chars; /* 0: no limit */
	size_t max_bytes; /* 0: no limit */
	bool multiline; /* '\n' may be typed; the text wraps as text_wrap does */
	bool overwrite; /* typing replaces the cluster at the cursor */
};

void editline_init(struct editline *e, size_t max_chars, size_t max_bytes);
void editline_release(struct editline *e);

/* Replace the text with UTF-8 s (invalid bytes dropped); cursor at end. */
void editline_set(struct editline *e, const char *s);
/* The text as UTF-8. Caller frees. */
char *editline_get(const struct editline *e);
/* Bytes the text takes in UTF-8. */
size_t editline_bytes(const struct editline *e);

/* Insert one character at the cursor. False (nothing changed) if it is a
 * control character or would pass a limit. */
bool editline_insert(struct editline *e, uint32_t uc);
/* Insert UTF-8 text (a paste); stops at the first character refused.
 * Returns how many characters went in. */
size_t editline_insert_utf8(struct editline *e, const char *s);

bool editline_left(struct editline *e);
bool editline_right(struct editline *e);
void editline_home(struct editline *e);
void editline_end(struct editline *e);
bool editline_backspace(struct editline *e);
bool editline_delete(struct editline *e);
void editline_clear(struct editline *e);

/* Columns of the text between code points from and to. */
size_t editline_cols(const struct editline *e, size_t from, size_t to);

/*
 * Multi-line layout: rows break after '\n' and where the Unicode line
 * breaking algorithm (UAX #14) allows, as text_wrap breaks the same text
 * for display: no row starts with closing punctuation (，。、）」) nor ends
 * with opening punctuation when the break can move back, ASCII words and
 * numbers (SYB2025) stay whole, Chinese breaks between any two characters.
 * A run wider than a row is cut between clusters. A cluster never
 * straddles the edge (an odd width leaves its last column empty rather
 * than drawing past it). Unlike text_wrap, every character keeps a cell
 * for the cursor: a space, a cluster of no width or a '\n' with no cell
 * left starts the next row. Position of code point i (a cluster start, or
 * len for the end): row and column. A cursor after a full row stands at
 * the start of the next. Linear in the text.
 */
void editline_locate(const struct editline *e, size_t cols, size_t i, size_t *row, size_t *col);
/* A cluster's place in the layout, as editline_layout hands it out. */
struct editline_pos {
	size_t i; /* the cluster starts at code point i; len at the end */
	size_t row, col; /* where it is drawn */
};

/* Call fn for every cluster in layout order and finally for the end
 * position; stop early when fn returns true. */
void editline_layout(const struct editline *e, size_t cols,
		     bool (*fn)(const struct editline_pos *p, void *arg), void *arg);

/* Rows the text takes in cols columns, counting the cursor's row. */
size_t editline_rows(const struct editline *e, size_t cols);
/* The cluster start nearest to the left of (row, col), or the end of that
 * row; len past the last row. For Up/Down and for taps. */
size_t editline_index_at(const struct editline *e, size_t cols, size_t row, size_t col);
bool editline_up(struct editline *e, size_t cols);
bool editline_down(struct editline *e, size_t cols);

/*
 * Fit the view to a field width cols: adjust scroll so the cursor is
 * visible, and return the cursor's column inside the field. The visible
 * text is from e->scroll; the ui stops drawing at the first cluster that
 * would pass the edge.
 */
size_t editline_view(struct editline *e, size_t cols);
/* The same for a masked field, which shows one column a cluster. */
size_t editline_view_masked(struct editline *e, size_t cols);

#endif
