/*
 * text: measuring, cutting and sanitising UTF-8 for the terminal.
 * Widths come from libunistring's uc_width with the "UTF-8" encoding, so
 * East Asian ambiguous characters count one column, as in the terminal's
 * own wcwidth.
 */
#include "config.h"
#include "text.h"

#include <stdint.h>
#include <string.h>
#include <unigbrk.h>
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
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	size_t w = 0;

	while (p < end) {
		const uint8_t *next = u8_grapheme_next(p, end);
		w += text_cluster_width(p, next);
		p = next;
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
		const uint8_t *next = u8_grapheme_next(p, end);
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
