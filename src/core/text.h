/*
 * text: UTF-8 text as it appears on a terminal.
 *
 * Bytes, characters and columns are different numbers: every column count
 * in the program comes from here, never from strlen. Chinese characters
 * take two columns; combining marks none. Nothing here cuts inside a
 * character or a grapheme cluster.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_TEXT_H
#define WC_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

enum text_flags {
	TEXT_KEEP_NEWLINE = 1 << 0, /* keep '\n' (multi-line text) */
};

/*
 * Append s (len bytes, any bytes at all) to out, made safe to send to a
 * terminal: C0/C1 controls and DEL become caret or <U+XXXX> marks, bidi
 * overrides become <U+XXXX>, invalid UTF-8 bytes become \xHH. Tabs become
 * a space. Text typed by one person can therefore never drive another's
 * terminal.
 */
void text_sanitize(struct sbuf *out, const char *s, size_t len, int flags);

/* Columns that valid, sanitized UTF-8 s takes on a terminal. */
size_t text_width(const char *s);

/*
 * Append to out the longest prefix of valid, sanitized s that fits in cols
 * columns, whole grapheme clusters only. When s is cut and ellipsis is
 * true, "..." ends the result within the same cols. Returns the columns
 * appended.
 */
size_t text_fit(struct sbuf *out, const char *s, size_t cols, bool ellipsis);

/* text_fit, then spaces up to exactly cols columns (left-aligned). */
void text_pad(struct sbuf *out, const char *s, size_t cols);
/* The same, right-aligned: for numbers and amounts in table columns. */
void text_pad_left(struct sbuf *out, const char *s, size_t cols);

/* One line of wrapped text: bytes [offset, offset + len) of the input. */
struct text_line {
	size_t offset;
	size_t len;
	size_t width; /* columns, trailing spaces not counted */
};

/*
 * Wrap valid, sanitized UTF-8 s to lines of at most cols columns, following
 * the Unicode line breaking algorithm (UAX #14), which carries the Chinese
 * rules: no line starts with closing punctuation (，。、；：？！）」》), no
 * line ends with opening punctuation (（「《), Chinese may break between
 * any two characters, ASCII words stay whole. A word longer than a line is
 * cut between grapheme clusters. '\n' ends a line; spaces where a line is
 * broken are dropped. *lines is malloc'ed (caller frees); returns the number
 * of lines, at least 1 (an empty text is one empty line).
 */
size_t text_wrap(const char *s, size_t cols, struct text_line **lines);

/*
 * Filling one row of wrapped text cluster by cluster: where text_wrap and
 * the multi-line editor (editline) both decide that a row ends. Positions
 * are the caller's (bytes or code points). Each cluster is offered with
 * whether UAX #14 lets a row start at it; when one does not fit, the row
 * ends at the last such place after the row's start, or before the cluster
 * itself when there is none (a run wider than the row is cut between
 * clusters). A cluster alone on its row always fits.
 *
 * Two rules on top of UAX #14, for Chinese text: closing punctuation
 * (，。、；：？！）」』》) never begins a row, not even where a run is cut;
 * and when the row would end within a few columns after a space or a
 * Chinese pause (、，。；：！？）」』》), it ends there instead, so that a
 * word is not split across rows for the sake of a few columns.
 */
struct text_row {
	size_t cols; /* the row's width */
	size_t start; /* where the row starts */
	size_t width; /* columns taken so far; more than cols after hanging spaces */
	size_t last_break; /* the last place after start a row may start; start if none */
	size_t break_width; /* columns before last_break */
	size_t pause; /* the last such place right after a space or a pause; start if none */
	size_t pause_width; /* columns before pause */
	size_t cut; /* the last cluster after start, not a space, that may begin a row */
	uint32_t prev; /* the first code point of the cluster before; 0 at the start */
};

void text_row_begin(struct text_row *r, size_t cols, size_t start);
/*
 * Offer the cluster at position at, cw columns wide, whose first code
 * point is uc; may_break: UAX #14 allows a break before it; hangs: it may
 * pass the edge (a space that text_wrap drops at a break). True when it
 * does not fit: *end is then where the row ends (after start, at most at),
 * and the caller begins the next row there. False when it was taken.
 */
bool text_row_add(struct text_row *r, size_t at, size_t cw, uint32_t uc, bool may_break,
		  bool hangs, size_t *end);
/* Whether uc is closing punctuation that may not begin a row (避头尾). */
bool text_is_closing(uint32_t uc);

/*
 * The items of a list as people type one: separated by 、，,；;／/ or
 * blanks, each trimmed, empty ones dropped. *items is a malloc'ed array
 * of malloc'ed strings (free with text_list_free); returns the count.
 */
size_t text_split_list(const char *s, char ***items);
void text_list_free(char **items, size_t n);

/* Full-width forms typed on a Chinese input method (０-９, Ａ-Ｚ, ａ-ｚ, the
 * ideographic space) as their ASCII equivalents; anything else unchanged.
 * For one character as it is typed; whole strings go through NFKC. */
uint32_t text_fold_fullwidth(uint32_t uc);

#endif
