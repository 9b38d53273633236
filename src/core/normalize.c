/*
 * normalize: NFKC, trimming and case for typed keys, on libunistring.
 * u8_normalize and u8_casefold return memory that is not NUL-terminated
 * and may be NULL for empty input; both are copied into an sbuf here.
 */
#include "config.h"
#include "normalize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "sbuf.h"

/* What happens to blanks between other characters. */
enum normalize_inner { INNER_DROP, INNER_KEEP, INNER_ONE_SPACE, INNER_NAME };

/* The middle dot that joins the parts of a transcribed name (·, and the
 * ・ and • typed for it). */
static bool normalize_is_name_dot(ucs4_t uc)
{
	return uc == 0x00B7 || uc == 0x30FB || uc == 0x2022;
}

/* A name needs no blank between a and b: two Chinese characters, or
 * either side of the middle dot. */
static bool normalize_name_joined(ucs4_t a, ucs4_t b)
{
	return normalize_is_name_dot(a) || normalize_is_name_dot(b) ||
	       (uc_is_property_ideographic(a) && uc_is_property_ideographic(b));
}

static bool normalize_is_blank(ucs4_t uc)
{
	return uc_is_property_white_space(uc) || uc == 0x200B || uc == 0x2060 || uc == 0xFEFF;
}

/* libunistring failed for a reason other than bad input: out of memory. */
static void normalize_fail(void)
{
	fputs("wanchuang: out of memory\n", stderr);
	abort();
}

/*
 * Copy the n bytes of valid UTF-8 at p into a new string: blanks at the
 * ends dropped, blanks inside as inner says.
 */
static char *normalize_copy(const uint8_t *p, size_t n, enum normalize_inner inner, bool upper)
{
	struct sbuf sb = SBUF_INIT;
	const uint8_t *end = p + n;
	size_t kept = 0; /* sb.len after the last non-blank */
	bool pending_blank = false;
	ucs4_t last = 0; /* the last non-blank */

	while (p < end) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, p, (size_t)(end - p));

		if (normalize_is_blank(uc)) {
			if (kept > 0 && inner == INNER_KEEP)
				sbuf_add(&sb, (const char *)p, (size_t)len);
			pending_blank = kept > 0;
			p += len;
			continue;
		}
		if (pending_blank && (inner == INNER_ONE_SPACE ||
				      (inner == INNER_NAME && !normalize_name_joined(last, uc))))
			sbuf_addch(&sb, ' ');
		pending_blank = false;
		last = uc;
		if (upper && uc >= 'a' && uc <= 'z')
			sbuf_addch(&sb, (char)(uc - 'a' + 'A'));
		else
			sbuf_add(&sb, (const char *)p, (size_t)len);
		kept = sb.len;
		p += len;
	}
	sb.len = kept; /* trailing blanks (INNER_KEEP) */
	if (sb.alloc)
		sb.buf[kept] = '\0';
	return sbuf_detach(&sb);
}

/* NFKC of the n bytes of valid UTF-8 at s, then normalize_copy. */
static char *normalize_pass(const char *s, size_t n, enum normalize_inner inner, bool upper)
{
	size_t len = 0;
	uint8_t *nf;
	char *out;

	if (n == 0)
		return normalize_copy((const uint8_t *)s, 0, inner, upper);
	nf = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, n, NULL, &len);
	if (!nf)
		normalize_fail();
	out = normalize_copy(nf, len, inner, upper);
	free(nf);
	return out;
}

char *normalize_input(const char *s, int flags)
{
	enum normalize_inner inner = (flags & NORMALIZE_NO_BLANKS) ? INNER_DROP
				     : (flags & NORMALIZE_NAME)	   ? INNER_NAME
								   : INNER_KEEP;
	bool upper = flags & NORMALIZE_ASCII_UPPER;
	size_t n = strlen(s);
	char *out, *again;

	if (u8_check((const uint8_t *)s, n))
		return NULL;
	out = normalize_pass(s, n, inner, upper);
	if (flags) {
		/*
		 * Dropping a blank or upper-casing can put side by side what
		 * NFKC composes: "e", " ", U+0301 becomes "e" U+0301 (é);
		 * "i" U+0307 becomes "I" U+0307 (İ). A second pass settles it.
		 */
		again = normalize_pass(out, strlen(out), inner, upper);
		free(out);
		out = again;
	}
	return out;
}

char *normalize_name(const char *s)
{
	char *n = normalize_input(s, NORMALIZE_NAME);

	if (!n && !(n = strdup(s)))
		normalize_fail();
	return n;
}

char *normalize_search_key(const char *s)
{
	size_t n = strlen(s), len = 0;
	uint8_t *cf;
	char *out;

	if (u8_check((const uint8_t *)s, n))
		return NULL;
	if (n == 0)
		return normalize_copy((const uint8_t *)s, 0, INNER_KEEP, false);
	/* The empty language: no Turkish or Lithuanian special cases. */
	cf = u8_casefold((const uint8_t *)s, n, "", UNINORM_NFKC, NULL, &len);
	if (!cf)
		normalize_fail();
	out = normalize_copy(cf, len, INNER_ONE_SPACE, false);
	free(cf);
	return out;
}
