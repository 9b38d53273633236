/* normalize: full-width input, blanks, case, search keys. */
#include "config.h"

#include <stdlib.h>

#include "core/core.h"
#include "suites.h"

static void expect_input(const char *in, int flags, const char *want)
{
	char *got = normalize_input(in, flags);

	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

static void expect_key(const char *in, const char *want)
{
	char *got = normalize_search_key(in);

	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(empty_and_blank_only)
{
	expect_input("", 0, "");
	expect_input(" \t\n", 0, "");
	expect_input("\xe3\x80\x80\xe3\x80\x80", NORMALIZE_NO_BLANKS, ""); /* U+3000 twice */
	expect_key("", "");
	expect_key("\xe3\x80\x80", "");
}
END_TEST

START_TEST(full_width_becomes_ascii)
{
	expect_input("３４０１０４１９９００３０７１２３５", 0, "340104199003071235");
	expect_input("ＡＢＣ　ａｂｃ", 0, "ABC abc"); /* U+3000 inside becomes a space */
	expect_input("１２．５０", 0, "12.50");
	expect_input("\xef\xbf\xa5", 0, "\xc2\xa5"); /* ￥ U+FFE5 is ¥ U+00A5 */
	expect_input("张三", 0, "张三"); /* Chinese text unchanged */
}
END_TEST

START_TEST(trims_every_kind_of_blank)
{
	/* ideographic space, no-break space, tab, zero-width space, BOM */
	expect_input("\xe3\x80\x80"
		     "\xc2\xa0\t\xe2\x80\x8b"
		     "12 34\xef\xbb\xbf\n\xe3\x80\x80",
		     0, "12 34");
	expect_input("  a  b  ", 0, "a  b"); /* inner blanks kept without the flag */
}
END_TEST

START_TEST(drops_inner_blanks_on_request)
{
	expect_input("3401 0419 9003 0712 35", NORMALIZE_NO_BLANKS, "340104199003071235");
	expect_input("1\xe3\x80\x80"
		     "2\xe2\x80\x8b"
		     "3\t4",
		     NORMALIZE_NO_BLANKS, "1234");
	/* e, space, combining acute: joined, they are composed to é */
	expect_input("e \xcc\x81", NORMALIZE_NO_BLANKS, "\xc3\xa9");
}
END_TEST

START_TEST(names_lose_roster_padding)
{
	/* rosters pad two-character names with an ideographic space */
	expect_input("王\xe3\x80\x80五", NORMALIZE_NAME, "王五");
	expect_input(" 欧阳  娜娜 ", NORMALIZE_NAME, "欧阳娜娜");
	/* the middle dot of a transcribed name, with or without blanks */
	expect_input("阿卜杜 · 热合曼", NORMALIZE_NAME, "阿卜杜·热合曼");
	expect_input("阿卜杜\xe3\x83\xbb热合曼", NORMALIZE_NAME, "阿卜杜・热合曼");
	/* Latin names keep one space between their parts */
	expect_input("Zhang   San", NORMALIZE_NAME, "Zhang San");
	expect_input("王 Li", NORMALIZE_NAME, "王 Li");
	expect_input("ＺＨＡＮＧ　三", NORMALIZE_NAME, "ZHANG 三");
}
END_TEST

START_TEST(upper_cases_ascii_only)
{
	expect_input("34010419900307123ｘ", NORMALIZE_ASCII_UPPER, "34010419900307123X");
	expect_input("abz", NORMALIZE_ASCII_UPPER, "ABZ");
	expect_input("é", NORMALIZE_ASCII_UPPER, "é"); /* not ASCII: unchanged */
	expect_input("x", 0, "x"); /* no flag, no change */
	/* i + combining dot above has no composed form; I + dot above is İ */
	expect_input("i\xcc\x87", NORMALIZE_ASCII_UPPER, "\xc4\xb0");
}
END_TEST

START_TEST(invalid_utf8_is_refused)
{
	ck_assert_ptr_null(normalize_input("12\xff", 0));
	ck_assert_ptr_null(normalize_input("\xc0\xaf", 0)); /* overlong '/' */
	ck_assert_ptr_null(normalize_input("\xed\xa0\x80", 0)); /* a surrogate */
	ck_assert_ptr_null(normalize_search_key("a\x80"));
}
END_TEST

START_TEST(search_key_folds_case_and_width)
{
	expect_key("ＡＢＣ", "abc");
	expect_key("ABC", "abc");
	expect_key("Straße", "strasse");
	expect_key("  合肥\xe3\x80\x80\xe3\x80\x80 高新区  ", "合肥 高新区");
	expect_key("SYB\t培训", "syb 培训");
}
END_TEST

Suite *normalize_suite(void)
{
	Suite *s = suite_create("normalize");
	TCase *in = tcase_create("input");
	TCase *key = tcase_create("search_key");

	tcase_add_test(in, empty_and_blank_only);
	tcase_add_test(in, full_width_becomes_ascii);
	tcase_add_test(in, trims_every_kind_of_blank);
	tcase_add_test(in, drops_inner_blanks_on_request);
	tcase_add_test(in, names_lose_roster_padding);
	tcase_add_test(in, upper_cases_ascii_only);
	tcase_add_test(in, invalid_utf8_is_refused);
	tcase_add_test(key, search_key_folds_case_and_width);
	suite_add_tcase(s, in);
	suite_add_tcase(s, key);
	return s;
}
