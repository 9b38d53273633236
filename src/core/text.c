/*
 * text: measuring, cutting and sanitising UTF-8 for the terminal.
 * Widths come from libunistring's uc_width with the "UTF-8" encoding, so
 * East Asian ambiguous characters count one column, as in the terminal's
 * own wcwidth.
 */
#include "config.h"
#include "text.h"

#include "cluster.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

static bool text_is_bidi_control(ucs4_t uc)
{
	return (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069) || uc == 0x200E ||
	       uc == 0x200F || uc == 0x061C;
}

void text_sanitize(struct sbuf *out, const char *s, size_t len, int flags)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;

	sbuf_grow(out, len);
	while (p < end) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p, (size_t)(end - p));

		if (n < 0) {
			sbuf_addf(out, "\\x%02X", *p);
			p++;
			continue;
		}
		if (uc == '\n' && (flags & TEXT_KEEP_NEWLINE))
			sbuf_addch(out, '\n');
		else if (uc == '\t' || uc == '\n' || uc == '\r')
			sbuf_addch(out, ' ');
		else if (uc < 0x20)
			sbuf_addf(out, "^%c", (char)(uc + '@'));
		else if (uc == 0x7F)
			sbuf_adds(out, "^?");
		else if ((uc >= 0x80 && uc < 0xA0) || text_is_bidi_control(uc) || uc == 0x2028 ||
			 uc == 0x2029)
			sbuf_addf(out, "<U+%04X>", (unsigned)uc);
		else
			sbuf_add(out, (const char *)p, (size_t)n);
		p += n;
	}
}

/* Columns of one grapheme cluster [p, next). */
static size_t text_cluster_width(const uint8_t *p, const uint8_t *next)
{
	size_t w = 0;

	while (p < next) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, p, (size_t)(next - p));
		int cw = uc_width(uc, "UTF-8");

		if (cw > 0)
			w += (size_t)cw;
		p += n > 0 ? n : 1;
	}
	return w;
}

size_t text_width(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t w = 0;

	/* A cluster is as wide as its code points together (marks and joiners
	 * count 0), so the sum over code points is the sum over clusters. */
	while (*p) {
		if (*p < 0x80) {
			w += *p >= 0x20 && *p != 0x7F;
			p++;
			continue;
		}
		ucs4_t uc;
		int n = u8_strmbtouc(&uc, p);
		int cw = n > 0 ? uc_width(uc, "UTF-8") : 0;
		if (cw > 0)
			w += (size_t)cw;
		p += n > 0 ? n : 1;
	}
	return w;
}

size_t text_fit(struct sbuf *out, const char *s, size_t cols, bool ellipsis)
{
	const uint8_t *start = (const uint8_t *)s, *end = start + strlen(s);
	const uint8_t *p = start, *cut_for_ellipsis = start;
	size_t w = 0, w_at_cut = 0;
	size_t room = ellipsis && cols >= 3 ? cols - 3 : cols;

	while (p < end) {
		const uint8_t *next = cluster_next8(p, end);
		size_t cw = text_cluster_width(p, next);

		if (w + cw > cols)
			break;
		w += cw;
		p = next;
		if (w <= room) {
			cut_for_ellipsis = p;
			w_at_cut = w;
		}
	}
	if (p == end || !ellipsis || cols < 3) {
		sbuf_add(out, s, (size_t)(p - start));
		return w;
	}
	sbuf_add(out, s, (size_t)(cut_for_ellipsis - start));
	sbuf_adds(out, "...");
	return w_at_cut + 3;
}

void text_pad(struct sbuf *out, const char *s, size_t cols)
{
	size_t w = text_fit(out, s, cols, true);

	for (; w < cols; w++)
		sbuf_addch(out, ' ');
}

void text_pad_left(struct sbuf *out, const char *s, size_t cols)
{
	struct sbuf fit = SBUF_INIT;
	size_t w = text_fit(&fit, s, cols, true);

	for (; w < cols; w++)
		sbuf_addch(out, ' ');
	sbuf_add(out, fit.buf, fit.len);
	sbuf_release(&fit);
}

void text_row_begin(struct text_row *r, size_t cols, size_t start)
{
	r->cols = cols;
	r->start = r->last_break = r->pause = r->cut = start;
	r->width = r->break_width = r->pause_width = 0;
	r->prev = 0;
}

bool text_is_closing(uint32_t uc)
{
	switch (uc) {
	case 0xFF0C: /* ， */
	case 0x3002: /* 。 */
	case 0x3001: /* 、 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case 0xFF1F: /* ？ */
	case 0xFF01: /* ！ */
	case 0xFF09: /* ） */
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0x300B: /* 》 */
		return true;
	default:
		return false;
	}
}

/* A row may better end after uc: a space or a Chinese pause. */
static bool text_is_pause(uint32_t uc)
{
	return uc == ' ' || text_is_closing(uc);
}

/* How far back a row goes to end at a pause rather than inside a word: a
 * few columns, fewer on a narrow row. */
static size_t text_row_near(size_t cols)
{
	return cols / 5 < 8 ? cols / 5 : 8;
}

bool text_row_add(struct text_row *r, size_t at, size_t cw, uint32_t uc, bool may_break,
		  bool hangs, size_t *end)
{
	bool closing = text_is_closing(uc);

	if (may_break && !closing && at > r->start) {
		r->last_break = at;
		r->break_width = r->width;
		if (text_is_pause(r->prev)) {
			r->pause = at;
			r->pause_width = r->width;
		}
	}
	if (r->width + cw > r->cols && !hangs && at > r->start) {
		if (r->last_break == r->start)
			*end = closing && r->cut > r->start ? r->cut : at;
		else if (r->pause > r->start &&
			 r->break_width - r->pause_width <= text_row_near(r->cols))
			*end = r->pause;
		else
			*end = r->last_break;
		return true;
	}
	if (!closing && uc != ' ' && at > r->start)
		r->cut = at;
	r->width += cw;
	r->prev = uc;
	return false;
}

static bool text_is_space(const uint8_t *p, const uint8_t *next)
{
	return next - p == 1 && *p == ' ';
}

struct wrap_state {
	struct text_line *lines;
	size_t count, alloc;
};

static void wrap_emit(struct wrap_state *st, const uint8_t *base, const uint8_t *from,
		      const uint8_t *to)
{
	/* spaces at the end of a broken line are not drawn */
	while (to > from && to[-1] == ' ')
		to--;
	if (st->count == st->alloc) {
		st->alloc = st->alloc ? st->alloc * 2 : 8;
		st->lines = xrealloc(st->lines, st->alloc * sizeof(*st->lines));
	}
	struct text_line *l = &st->lines[st->count++];
	l->offset = (size_t)(from - base);
	l->len = (size_t)(to - from);
	l->width = 0;
	for (const uint8_t *p = from; p < to;) {
		const uint8_t *next = cluster_next8(p, to);
		l->width += text_cluster_width(p, next);
		p = next;
	}
}

size_t text_wrap(const char *s, size_t cols, struct text_line **lines)
{
	const uint8_t *base = (const uint8_t *)s, *end = base + strlen(s);
	size_t n = (size_t)(end - base);
	char *brk = xmalloc(n + 1);
	struct wrap_state st = { NULL, 0, 0 };
	const uint8_t *line = base, *p = base;
	struct text_row row;

	if (cols == 0)
		cols = 1;
	u8_possible_linebreaks(base, n, "UTF-8", brk);
	text_row_begin(&row, cols, 0);
	while (p < end) {
		const uint8_t *next = cluster_next8(p, end);
		size_t i = (size_t)(p - base), at;

		if (*p == '\n') {
			wrap_emit(&st, base, line, p);
			line = p = next;
			text_row_begin(&row, cols, (size_t)(line - base));
			continue;
		}
		ucs4_t uc;
		u8_mbtouc(&uc, p, (size_t)(next - p));
		if (text_row_add(&row, i, text_cluster_width(p, next), uc, brk[i] == UC_BREAK_POSSIBLE,
				 text_is_space(p, next), &at)) {
			wrap_emit(&st, base, line, base + at);
			line = base + at;
			while (line < end && *line == ' ')
				line++;
			/* measure again from the new line's start: what lies between
			 * the break and here may itself need breaking */
			text_row_begin(&row, cols, (size_t)(line - base));
			p = line;
			continue;
		}
		p = next;
	}
	if (line < end || st.count == 0 || (end > base && end[-1] == '\n'))
		wrap_emit(&st, base, line, end);
	free(brk);
	*lines = st.lines;
	return st.count;
}

uint32_t text_fold_fullwidth(uint32_t uc)
{
	if (uc >= 0xFF01 && uc <= 0xFF5E)
		return uc - 0xFF01 + 0x21;
	if (uc == 0x3000)
		return ' ';
	return uc;
}

static bool text_is_list_separator(ucs4_t uc)
{
	return uc == ',' || uc == ';' || uc == '/' || uc == ' ' || uc == '\t' || uc == 0x3001 ||
	       uc == 0xFF0C || uc == 0xFF1B || uc == 0xFF0F || uc == 0x3000;
}

size_t text_split_list(const char *s, char ***items)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s), *start = p;
	size_t n = 0;

	*items = NULL;
	while (start <= end) {
		ucs4_t uc = 0;
		int k = p < end ? u8_mbtoucr(&uc, p, (size_t)(end - p)) : 0;
		if (p == end || (k > 0 && text_is_list_separator(uc))) {
			if (p > start) {
				*items = xrealloc(*items, (n + 1) * sizeof(char *));
				(*items)[n++] = xstrndup((const char *)start, (size_t)(p - start));
			}
			if (p == end)
				break;
			p += k;
			start = p;
			continue;
		}
		p += k > 0 ? k : 1;
	}
	return n;
}

void text_list_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}
