/*
 * fold: traditional to simplified, one code point for one, from the
 * table scripts/t2s-gen makes of data/text/t2s.txt (fold_t2s.inc, ordered
 * by code point; tests/unit/test_fold.c checks it against the file).
 */
#include "config.h"
#include "fold.h"

#include "cluster.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

struct fold_pair {
	uint32_t from, to;
};

#include "fold_t2s.inc"

enum { FOLD_T2S_N = sizeof(fold_t2s_pairs) / sizeof(fold_t2s_pairs[0]) };

static int fold_pair_cmp(const void *key, const void *elem)
{
	uint32_t uc = *(const uint32_t *)key, from = ((const struct fold_pair *)elem)->from;
	return (uc > from) - (uc < from);
}

/* One character as search compares it. */
static uint32_t fold_search_char(uint32_t uc)
{
	if (uc >= 'A' && uc <= 'Z')
		return uc - 'A' + 'a';
	return fold_t2s(uc);
}

/*
 * s folded into a new string (caller frees), its length in *outlen; with
 * at non-NULL, (*at)[k] is the offset in s of the character that gave
 * byte k of the result, and (*at)[*outlen] is len.
 */
static char *fold_copy(const char *s, size_t len, size_t *outlen, size_t **at)
{
	const uint8_t *p = (const uint8_t *)s;
	/* a character grows by one byte at most (U+FFFF and below to 4 bytes) */
	uint8_t *out = xmalloc(len * 4 / 3 + 5);
	size_t o = 0;

	if (at)
		*at = xmalloc((len * 4 / 3 + 5) * sizeof(**at));
	for (size_t i = 0; i < len;) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p + i, len - i), m;

		if (n > 0) {
			m = u8_uctomb(out + o, fold_search_char(uc), 4);
		} else { /* not a character: the byte as it is */
			out[o] = p[i];
			m = n = 1;
		}
		for (int k = 0; at && k < m; k++)
			(*at)[o + (size_t)k] = i;
		o += (size_t)m;
		i += (size_t)n;
	}
	if (at)
		(*at)[o] = len;
	out[o] = '\0';
	*outlen = o;
	return (char *)out;
}

uint32_t fold_t2s(uint32_t uc)
{
	const struct fold_pair *hit;

	if (uc < fold_t2s_pairs[0].from) /* ASCII and most punctuation: at once */
		return uc;
	hit = bsearch(&uc, fold_t2s_pairs, FOLD_T2S_N, sizeof(fold_t2s_pairs[0]), fold_pair_cmp);
	return hit ? hit->to : uc;
}

size_t fold_t2s_count(void)
{
	return FOLD_T2S_N;
}

void fold_mark(const char *s, size_t len, char *const *terms, size_t nterms, char *marked)
{
	size_t flen, *at;
	char *f = fold_copy(s, len, &flen, &at);
	char *breaks = xmalloc(len + 1);

	memset(breaks, 0, len + 1);
	for (const uint8_t *p = (const uint8_t *)s, *end = p + len; p < end;
	     p = cluster_next8(p, end))
		breaks[p - (const uint8_t *)s] = 1;
	for (size_t t = 0; t < nterms; t++) {
		size_t tl;
		char *ft = fold_copy(terms[t], strlen(terms[t]), &tl, NULL);

		/* both valid UTF-8: an occurrence starts and ends on characters */
		for (const char *p = tl ? memmem(f, flen, ft, tl) : NULL; p;
		     p = memmem(p + tl, flen - (size_t)(p + tl - f), ft, tl)) {
			size_t from = at[p - f], to = at[p - f + tl];

			while (from > 0 && !breaks[from])
				from--;
			while (to < len && !breaks[to])
				to++;
			memset(marked + from, 1, to - from);
		}
		free(ft);
	}
	free(breaks);
	free(at);
	free(f);
}
