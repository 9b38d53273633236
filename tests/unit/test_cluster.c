/*
 * cluster: grapheme clusters with the emoji and flag rules libunistring 1.0
 * lacks (GB11, GB12/13), the same forwards and backwards, in UTF-8 and in
 * code points; and the editor deletes a flag or a family emoji whole.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"
#include "suites.h"

/* The clusters of s, separated by '|'. */
static char *clusters8(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	struct sbuf out = SBUF_INIT;

	while (p < end) {
		const uint8_t *next = cluster_next8(p, end);

		if (out.len)
			sbuf_add(&out, "|", 1);
		sbuf_add(&out, (const char *)p, (size_t)(next - p));
		p = next;
	}
	return sbuf_detach(&out);
}

#define CLUSTERS(s, want)                                                                          \
	do {                                                                                       \
		char *got_ = clusters8(s);                                                         \
		ck_assert_str_eq(got_, want);                                                      \
		free(got_);                                                                        \
	} while (0)

START_TEST(test_emoji_and_flags)
{
	/* a flag is a pair of regional indicators; a third starts another */
	CLUSTERS("中🇨🇳国", "中|🇨🇳|国");
	CLUSTERS("🇨🇳🇺", "🇨🇳|🇺");
	CLUSTERS("🇨🇳🇺🇸", "🇨🇳|🇺🇸");
	/* a ZWJ sequence of pictographs is one; skin tones and VS16 join too */
	CLUSTERS("👨‍👩‍👧x", "👨‍👩‍👧|x");
	CLUSTERS("👍🏽👍", "👍🏽|👍");
	CLUSTERS("❤️‍🔥", "❤️‍🔥");
	/* a ZWJ after a letter joins the letter, and the pictograph after it
	 * does not (GB11 wants a pictograph before the ZWJ) */
	CLUSTERS("a‍👩", "a‍|👩");
	/* what libunistring already did stays: combining marks, Hangul, CR LF */
	CLUSTERS("e\xcc\x81x", "e\xcc\x81|x");
	CLUSTERS("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8가",
		 "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8|가");
	CLUSTERS("a\r\nb", "a|\r\n|b");
	CLUSTERS("𠮷野家", "𠮷|野|家");
}
END_TEST

/* cluster_prev32 finds every boundary cluster_next32 does, backwards. */
START_TEST(test_prev_matches_next)
{
	const char *s = "中🇨🇳🇺\n👨‍👩‍👧e\xcc\x81\r\n国🇨🇳";
	size_t n = 0;
	uint32_t *cp = u8_to_u32((const uint8_t *)s, strlen(s), NULL, &n);
	size_t bounds[64], nb = 0;

	for (const uint32_t *p = cp; p; p = cluster_next32(p, cp + n)) {
		bounds[nb++] = (size_t)(p - cp);
		if (p == cp + n)
			break;
	}
	ck_assert_uint_eq(bounds[nb - 1], n);
	for (size_t k = nb - 1; k > 0; k--)
		ck_assert_uint_eq((size_t)(cluster_prev32(cp + bounds[k], cp) - cp), bounds[k - 1]);
	free(cp);
}
END_TEST

START_TEST(test_editor_deletes_whole)
{
	struct editline e;
	char *v;

	editline_init(&e, 0, 0);
	editline_set(&e, "中🇨🇳👨‍👩‍👧国");
	editline_left(&e); /* before 国 */
	ck_assert(editline_backspace(&e));
	v = editline_get(&e);
	ck_assert_str_eq(v, "中🇨🇳国");
	free(v);
	ck_assert(editline_backspace(&e));
	v = editline_get(&e);
	ck_assert_str_eq(v, "中国");
	free(v);
	/* and Left steps over a flag in one press */
	editline_set(&e, "🇨🇳");
	editline_left(&e);
	ck_assert_uint_eq(e.cursor, 0);
	editline_release(&e);
}
END_TEST

Suite *cluster_suite(void)
{
	Suite *s = suite_create("cluster");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_emoji_and_flags);
	tcase_add_test(tc, test_prev_matches_next);
	tcase_add_test(tc, test_editor_deletes_whole);
	suite_add_tcase(s, tc);
	return s;
}
