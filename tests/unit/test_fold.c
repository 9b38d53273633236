/* Unit tests for src/core/fold: the traditional-to-simplified table, that
 * it is data/text/t2s.txt, and marking search terms across scripts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"
#include "suites.h"

/* The one code point of a UTF-8 literal. */
static uint32_t cp(const char *s)
{
	ucs4_t uc;
	int n = u8_mbtoucr(&uc, (const uint8_t *)s, strlen(s));

	ck_assert_msg(n > 0 && (size_t)n == strlen(s), "%s: not one character", s);
	return uc;
}

START_TEST(test_t2s)
{
	ck_assert_uint_eq(fold_t2s(cp("貸")), cp("贷"));
	ck_assert_uint_eq(fold_t2s(cp("擔")), cp("担"));
	ck_assert_uint_eq(fold_t2s(cp("創")), cp("创"));
	ck_assert_uint_eq(fold_t2s(cp("業")), cp("业"));
	/* ambiguous: the first of OpenCC's candidates, as t2s.txt says */
	ck_assert_uint_eq(fold_t2s(cp("乾")), cp("干"));
	ck_assert_uint_eq(fold_t2s(cp("幹")), cp("干"));
	/* a chain followed to its end (薴→苧→苎) */
	ck_assert_uint_eq(fold_t2s(cp("薴")), cp("苎"));
	ck_assert_uint_eq(fold_t2s(cp("苧")), cp("苎"));
	/* not traditional: unchanged */
	ck_assert_uint_eq(fold_t2s('A'), 'A');
	ck_assert_uint_eq(fold_t2s('a'), 'a');
	ck_assert_uint_eq(fold_t2s(0), 0);
	ck_assert_uint_eq(fold_t2s(cp("贷")), cp("贷"));
	ck_assert_uint_eq(fold_t2s(cp("干")), cp("干"));
	ck_assert_uint_eq(fold_t2s(cp("，")), cp("，"));
	ck_assert_uint_eq(fold_t2s(cp("𠮷")), cp("𠮷")); /* U+20BB7, outside the BMP */
	ck_assert_uint_eq(fold_t2s(0x10FFFF), 0x10FFFF);
	/* traditional outside the BMP, and a BMP one that folds outside it */
	ck_assert_uint_eq(fold_t2s(cp("𩀨")), cp("𫕚"));
	ck_assert_uint_eq(fold_t2s(cp("䂎")), cp("𥎝"));
}
END_TEST

/* The table is the file: every line folds as it says, in as many entries. */
START_TEST(test_table_is_file)
{
	FILE *f = fopen(TOP_SRCDIR "/data/text/t2s.txt", "r");
	char line[1024];
	size_t n = 0, lineno = 0;
	uint32_t last = 0;

	ck_assert_msg(f != NULL, "cannot open data/text/t2s.txt");
	while (fgets(line, sizeof(line), f)) {
		ucs4_t a, b;
		int la, lb;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		la = u8_mbtoucr(&a, (const uint8_t *)line, strlen(line));
		ck_assert_msg(la > 0 && line[la] == '\t', "line %zu: no character and tab", lineno);
		lb = u8_mbtoucr(&b, (const uint8_t *)line + la + 1, strlen(line + la + 1));
		ck_assert_msg(lb > 0 && line[la + 1 + lb] == '\n', "line %zu: not one character",
			      lineno);
		ck_assert_msg(a > last, "line %zu: out of order", lineno);
		last = a;
		ck_assert_msg(fold_t2s(a) == b, "line %zu: U+%04X folds to U+%04X, not U+%04X",
			      lineno, (unsigned)a, (unsigned)fold_t2s(a), (unsigned)b);
		/* folding twice is folding once */
		ck_assert_msg(fold_t2s(b) == b, "line %zu: U+%04X folds again", lineno,
			      (unsigned)b);
		n++;
	}
	fclose(f);
	ck_assert_uint_gt(n, 4000);
	ck_assert_uint_eq(fold_t2s_count(), n);
}
END_TEST

/* The marks of fold_mark over s as a string of '^' and '.', one a byte. */
static char *marks(const char *s, const char *t1, const char *t2)
{
	char *const terms[] = { (char *)t1, (char *)t2 };
	size_t len = strlen(s);
	char *m = xcalloc(len + 1, 1);

	fold_mark(s, len, terms, t2 ? 2 : 1, m);
	for (size_t i = 0; i < len; i++)
		m[i] = m[i] ? '^' : '.';
	return m;
}

#define MARKS(s, t1, t2, want)                                                                     \
	do {                                                                                       \
		char *got_ = marks(s, t1, t2);                                                     \
		ck_assert_str_eq(got_, want);                                                      \
		free(got_);                                                                        \
	} while (0)

START_TEST(test_mark)
{
	/* a traditional query marks the simplified title, and the other way round */
	MARKS("个人创业担保贷款", "貸款", NULL, "..................^^^^^^");
	MARKS("個人創業擔保貸款", "创业担保", NULL, "......^^^^^^^^^^^^......");
	MARKS("貸款貸款", "贷款", NULL, "^^^^^^^^^^^^");
	/* two terms; ASCII case */
	MARKS("SYB培训补贴", "syb", "补贴", "^^^......^^^^^^");
	MARKS("个人贷款", "贷", "款", "......^^^^^^");
	/* no hit, an empty term: nothing */
	MARKS("创业担保", "融资", "", "............");
	/* 䂎 (3 bytes) folds to 𥎝 (4 bytes): the mark is on 䂎's own bytes */
	MARKS("a䂎b", "𥎝b", NULL, ".^^^^");
	MARKS("䂎䂎x", "x", NULL, "......^");
	/* a combining mark after the last character is marked with it */
	MARKS("贷\xcc\x81款", "贷", NULL, "^^^^^...");
	/* a term that is only a combining mark marks its whole cluster */
	MARKS("贷\xcc\x81款", "\xcc\x81", NULL, "^^^^^...");
}
END_TEST

Suite *fold_suite(void)
{
	Suite *s = suite_create("fold");
	TCase *tc = tcase_create("t2s");

	tcase_add_test(tc, test_t2s);
	tcase_add_test(tc, test_table_is_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("mark");
	tcase_add_test(tc, test_mark);
	suite_add_tcase(s, tc);
	return s;
}
