/*
 * encoding: detection and strict conversion between UTF-8 and the
 * GB18030/GBK of Chinese spreadsheets; see encoding.h for the rules.
 *
 * iconv is opened without //TRANSLIT or //IGNORE, so it stops at the first
 * sequence it cannot convert and we report where; UTF-8 is checked with
 * libunistring's u8_check before iconv sees it, which tells invalid input
 * apart from characters the target cannot hold.
 */
#include "config.h"
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "xalloc.h"

#define ENCODING_BOM "\xEF\xBB\xBF"

struct encoding_conv {
	iconv_t cd; /* (iconv_t)-1 when both sides are UTF-8: checked, then copied */
	/*
	 * Writing GBK: the reader of GBK text back to UTF-8, (iconv_t)-1
	 * otherwise. GBK is read as GB18030, and iconv's GBK writes what
	 * GB18030 reads as something else (€ as CP936's 0x80): a character
	 * counts as held only if it reads back as itself.
	 */
	iconv_t back;
	bool from_utf8;
};

static const struct {
	enum encoding enc;
	const char *name;
} encoding_names[] = {
	{ ENCODING_AUTO, "auto" },	 { ENCODING_UTF8, "utf-8" }, { ENCODING_UTF8, "utf8" },
	{ ENCODING_GB18030, "gb18030" }, { ENCODING_GBK, "gbk" },
};

static _Noreturn void encoding_bug(const char *what)
{
	fprintf(stderr, "wanchuang: BUG: encoding: %s\n", what);
	abort();
}

static bool encoding_has_bom(const char *data, size_t len)
{
	return len >= 3 && data[0] == '\xEF' && data[1] == '\xBB' && data[2] == '\xBF';
}

/* Offset of the first invalid UTF-8 sequence in data, or len when it is all valid. */
static size_t encoding_utf8_valid_prefix(const char *data, size_t len)
{
	const uint8_t *p = u8_check((const uint8_t *)data, len);

	return p ? (size_t)(p - (const uint8_t *)data) : len;
}

static const char *encoding_iconv_name(enum encoding enc, bool as_source)
{
	switch (enc) {
	case ENCODING_AUTO:
		encoding_bug("a converter needs a named encoding");
	case ENCODING_UTF8:
		return "UTF-8";
	case ENCODING_GB18030:
		return "GB18030";
	case ENCODING_GBK:
		/* Decode as the superset so every GBK file reads; write strictly. */
		return as_source ? "GB18030" : "GBK";
	}
	encoding_bug("unknown encoding");
}

bool encoding_from_name(const char *name, enum encoding *enc)
{
	for (size_t i = 0; name && i < sizeof(encoding_names) / sizeof(encoding_names[0]); i++)
		if (strcasecmp(name, encoding_names[i].name) == 0) {
			*enc = encoding_names[i].enc;
			return true;
		}
	return false;
}

const char *encoding_name(enum encoding enc)
{
	for (size_t i = 0; i < sizeof(encoding_names) / sizeof(encoding_names[0]); i++)
		if (encoding_names[i].enc == enc)
			return encoding_names[i].name;
	encoding_bug("unknown encoding");
}

enum encoding encoding_detect(const char *data, size_t len)
{
	if (encoding_has_bom(data, len) || encoding_utf8_valid_prefix(data, len) == len)
		return ENCODING_UTF8;
	return ENCODING_GB18030;
}

struct encoding_conv *encoding_conv_open(enum encoding from, enum encoding to)
{
	struct encoding_conv *conv;

	if (from != ENCODING_UTF8 && to != ENCODING_UTF8)
		encoding_bug("one side of a conversion must be UTF-8");
	conv = xmalloc(sizeof(*conv));
	conv->from_utf8 = from == ENCODING_UTF8;
	conv->cd = conv->back = (iconv_t)-1;
	if (from == to)
		return conv;
	conv->cd = iconv_open(encoding_iconv_name(to, false), encoding_iconv_name(from, true));
	if (conv->cd != (iconv_t)-1 && to == ENCODING_GBK)
		conv->back = iconv_open("UTF-8", encoding_iconv_name(to, true));
	if (conv->cd == (iconv_t)-1 || (to == ENCODING_GBK && conv->back == (iconv_t)-1)) {
		int e = errno;

		encoding_conv_free(&conv);
		errno = e;
		return NULL;
	}
	return conv;
}

/* Append the len bytes at s converted by cd to out; true, or false with
 * *bad the offset in s of what cd could not convert (out then holds the
 * part before it). */
static bool encoding_iconv_all(iconv_t cd, const char *s, size_t len, struct sbuf *out, size_t *bad)
{
	ICONV_CONST char *in = (ICONV_CONST char *)s;
	size_t inleft = len;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		/* GB18030 takes up to 4 bytes for a 2-byte UTF-8 character. */
		size_t room = inleft * 2 + 16;
		char *o, *start;
		size_t oleft = room, r;

		sbuf_grow(out, room);
		start = o = out->buf + out->len;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len += (size_t)(o - start);
		out->buf[out->len] = '\0';
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a sequence cut off at the end. */
		*bad = (size_t)(in - (ICONV_CONST char *)s);
		return false;
	}
	return true;
}

/* The len bytes of UTF-8 at s, written by conv->cd, read back by
 * conv->back as themselves; else false with *bad the offset of the first
 * character that does not. */
static bool encoding_reads_back(const struct encoding_conv *conv, const char *s, size_t len,
				size_t *bad)
{
	struct sbuf enc = SBUF_INIT, dec = SBUF_INIT;
	size_t at = 0, n = 0;
	bool same = encoding_iconv_all(conv->cd, s, len, &enc, bad) &&
		    encoding_iconv_all(conv->back, enc.buf, enc.len, &dec, bad) && dec.len == len &&
		    memcmp(dec.buf, s, len) == 0;

	/* the slow way only for text that does not: one character at a time */
	for (; !same && at < len; at += n) {
		ucs4_t uc;
		n = (size_t)u8_mbtouc(&uc, (const uint8_t *)s + at, len - at);
		sbuf_reset(&enc);
		sbuf_reset(&dec);
		if (!encoding_iconv_all(conv->cd, s + at, n, &enc, bad) ||
		    !encoding_iconv_all(conv->back, enc.buf, enc.len, &dec, bad) || dec.len != n ||
		    memcmp(dec.buf, s + at, n) != 0)
			break;
	}
	*bad = at;
	sbuf_release(&enc);
	sbuf_release(&dec);
	return same;
}

enum encoding_status encoding_conv_run(struct encoding_conv *conv, struct sbuf *out, const char *s,
				       size_t len, size_t *bad)
{
	size_t mark = out->len;

	if (len == 0)
		return ENCODING_OK; /* s may be NULL, and iconv takes a NULL input as a reset */
	if (conv->from_utf8) {
		*bad = encoding_utf8_valid_prefix(s, len);
		if (*bad != len)
			return ENCODING_INVALID;
	}
	if (conv->cd == (iconv_t)-1) {
		sbuf_add(out, s, len);
		return ENCODING_OK;
	}
	if (conv->back != (iconv_t)-1 && !encoding_reads_back(conv, s, len, bad))
		return ENCODING_UNREPRESENTABLE;
	if (encoding_iconv_all(conv->cd, s, len, out, bad))
		return ENCODING_OK;
	out->len = mark;
	out->buf[mark] = '\0';
	return conv->from_utf8 ? ENCODING_UNREPRESENTABLE : ENCODING_INVALID;
}

void encoding_conv_free(struct encoding_conv **conv)
{
	if (!conv || !*conv)
		return;
	if ((*conv)->cd != (iconv_t)-1)
		iconv_close((*conv)->cd);
	if ((*conv)->back != (iconv_t)-1)
		iconv_close((*conv)->back);
	XFREE(*conv);
}

enum encoding_status encoding_decode(const char *data, size_t len, enum encoding *enc,
				     struct sbuf *scratch, const char **text, size_t *textlen,
				     size_t *bad)
{
	struct encoding_conv *conv;
	enum encoding_status st;
	size_t start = 0;

	if (*enc == ENCODING_AUTO || *enc == ENCODING_UTF8) {
		/* One pass over the input serves both detection and the check. */
		*bad = encoding_utf8_valid_prefix(data, len);
		if (*enc == ENCODING_AUTO)
			*enc = *bad == len || encoding_has_bom(data, len) ? ENCODING_UTF8
									  : ENCODING_GB18030;
	}
	if (*enc == ENCODING_UTF8) {
		if (*bad != len)
			return ENCODING_INVALID;
		if (encoding_has_bom(data, len))
			start = 3;
		*text = data ? data + start : "";
		*textlen = len - start;
		return ENCODING_OK;
	}
	conv = encoding_conv_open(*enc, ENCODING_UTF8);
	if (!conv)
		return ENCODING_UNSUPPORTED;
	sbuf_reset(scratch);
	st = encoding_conv_run(conv, scratch, data, len, bad);
	encoding_conv_free(&conv);
	if (st != ENCODING_OK)
		return st;
	/* A GB18030 byte order mark (84 31 95 33) decodes to U+FEFF. */
	if (encoding_has_bom(scratch->buf, scratch->len))
		start = 3;
	*text = scratch->buf + start;
	*textlen = scratch->len - start;
	return ENCODING_OK;
}
