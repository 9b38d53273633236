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

/* text_fit, then spaces up to exactly cols columns. */
void text_pad(struct sbuf *out, const char *s, size_t cols);

#endif
