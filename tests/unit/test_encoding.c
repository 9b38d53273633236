/* encoding: names, detection and strict conversion from encoding.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

#define JI "\xF0\xA0\xAE\xB7" /* 𠮷 U+20BB7 in UTF-8 */
#define JI_GB "\x95\x34\xB2\x35" /* 𠮷 in GB18030 (95 32 82 36 is U+20000 𠀀) */
#define ZHANGSAN_GBK "\xD5\xC5\xC8\xFD" /* 张三 in GBK */

START_TEST(names_are_the_option_values)
{
	enum encoding e = ENCODING_GBK;

	ck_assert(encoding_from_name("auto", &e));
	ck_assert_int_eq(e, ENCODING_AUTO);
	ck_assert(encoding_from_name("UTF-8", &e));
	ck_assert_int_eq(e, ENCODING_UTF8);
	ck_assert(encoding_from_name("utf8", &e));
	ck_assert_int_eq(e, ENCODING_UTF8);
	ck_assert(encoding_from_name("gb18030", &e));
	ck_assert_int_eq(e, ENCODING_GB18030);
	ck_assert(encoding_from_name("GBK", &e));
	ck_assert_int_eq(e, ENCODING_GBK);
	ck_assert(!encoding_from_name("latin1", &e));
	ck_assert(!encoding_from_name("", &e));
	ck_assert(!encoding_from_name(NULL, &e));
	ck_assert_int_eq(e, ENCODING_GBK); /* untouched on failure */
	ck_assert_str_eq(encoding_name(ENCODING_UTF8), "utf-8");
	ck_assert_str_eq(encoding_name(ENCODING_GB18030), "gb18030");
	ck_assert_str_eq(encoding_name(ENCODING_GBK), "gbk");
	ck_assert_str_eq(encoding_name(ENCODING_AUTO), "auto");
}
END_TEST

START_TEST(detect_bom_then_utf8_then_gb18030)
{
	ck_assert_int_eq(encoding_detect(NULL, 0), ENCODING_UTF8);
	ck_assert_int_eq(encoding_detect("id,name\n", 8), ENCODING_UTF8);
	ck_assert_int_eq(encoding_detect("张三", strlen("张三")), ENCODING_UTF8);
	ck_assert_int_eq(encoding_detect(ZHANGSAN_GBK, 4), ENCODING_GB18030);
	ck_assert_int_eq(encoding_detect(JI_GB, 4), ENCODING_GB18030);
	/* A byte order mark decides, even before bytes that are not UTF-8. */
	ck_assert_int_eq(encoding_detect("\xEF\xBB\xBF" ZHANGSAN_GBK, 7), ENCODING_UTF8);
}
END_TEST

START_TEST(decode_utf8_is_not_copied)
{
	static const char data[] = "\xEF\xBB\xBF"
				   "a,张三\n";
	struct sbuf scratch = SBUF_INIT;
	enum encoding e = ENCODING_AUTO;
	const char *text;
	size_t len, bad;

	ck_assert_int_eq(encoding_decode(data, sizeof(data) - 1, &e, &scratch, &text, &len, &bad),
			 ENCODING_OK);
	ck_assert_int_eq(e, ENCODING_UTF8);
	ck_assert_ptr_eq(text, data + 3);
	ck_assert_uint_eq(len, sizeof(data) - 4);
	ck_assert_uint_eq(scratch.len, 0);
	sbuf_release(&scratch);
}
END_TEST

START_TEST(decode_names_the_bad_offset)
{
	static const char gb[] = "ab\n" ZHANGSAN_GBK "\x81\n";
	static const char u8[] = "ab\n\xC3(";
	struct sbuf scratch = SBUF_INIT;
	enum encoding e = ENCODING_GB18030;
	const char *text;
	size_t len, bad = 0;

	ck_assert_int_eq(encoding_decode(gb, sizeof(gb) - 1, &e, &scratch, &text, &len, &bad),
			 ENCODING_INVALID);
	ck_assert_uint_eq(bad, 7);
	/* Cut off at the very end is invalid too. */
	ck_assert_int_eq(encoding_decode(gb, 8, &e, &scratch, &text, &len, &bad), ENCODING_INVALID);
	ck_assert_uint_eq(bad, 7);
	e = ENCODING_UTF8;
	ck_assert_int_eq(encoding_decode(u8, sizeof(u8) - 1, &e, &scratch, &text, &len, &bad),
			 ENCODING_INVALID);
	ck_assert_uint_eq(bad, 3);
	sbuf_release(&scratch);
}
END_TEST

START_TEST(conv_gbk_is_strict_gb18030_is_whole)
{
	struct encoding_conv *gbk = encoding_conv_open(ENCODING_UTF8, ENCODING_GBK);
	struct encoding_conv *gb = encoding_conv_open(ENCODING_UTF8, ENCODING_GB18030);
	struct sbuf out = SBUF_INIT;
	size_t bad = 99;

	ck_assert_ptr_nonnull(gbk);
	ck_assert_ptr_nonnull(gb);
	ck_assert_int_eq(encoding_conv_run(gbk, &out, "张三", strlen("张三"), &bad), ENCODING_OK);
	ck_assert_str_eq(out.buf, ZHANGSAN_GBK);
	ck_assert_int_eq(encoding_conv_run(gbk, &out, "a" JI, 5, &bad), ENCODING_UNREPRESENTABLE);
	ck_assert_uint_eq(bad, 1);
	ck_assert_str_eq(out.buf, ZHANGSAN_GBK); /* left as it was */
	ck_assert_int_eq(encoding_conv_run(gbk, &out, "a\xFF", 2, &bad), ENCODING_INVALID);
	ck_assert_uint_eq(bad, 1);
	sbuf_reset(&out);
	ck_assert_int_eq(encoding_conv_run(gb, &out, "a" JI, 5, &bad), ENCODING_OK);
	ck_assert_str_eq(out.buf, "a" JI_GB);
	encoding_conv_free(&gbk);
	encoding_conv_free(&gb);
	ck_assert_ptr_null(gb);
	encoding_conv_free(&gb);
	encoding_conv_free(NULL);
	sbuf_release(&out);
}
END_TEST

/* GBK is read as GB18030; iconv's GBK writes € as CP936's 0x80, which
 * GB18030 does not read: € is not held, so a GBK file reads back as written. */
START_TEST(conv_gbk_holds_only_what_reads_back)
{
	struct encoding_conv *gbk = encoding_conv_open(ENCODING_UTF8, ENCODING_GBK);
	struct sbuf out = SBUF_INIT;
	size_t bad = 99;

	ck_assert_int_eq(encoding_conv_run(gbk, &out, "ⅱ", strlen("ⅱ"), &bad), ENCODING_OK);
	ck_assert_str_eq(out.buf, "\xA2\xA2");
	ck_assert_int_eq(encoding_conv_run(gbk, &out, "ⅱ€", strlen("ⅱ€"), &bad),
			 ENCODING_UNREPRESENTABLE);
	ck_assert_uint_eq(bad, strlen("ⅱ"));
	ck_assert_str_eq(out.buf, "\xA2\xA2"); /* left as it was */
	encoding_conv_free(&gbk);
	sbuf_release(&out);
}
END_TEST

Suite *encoding_suite(void)
{
	Suite *s = suite_create("encoding");
	TCase *n = tcase_create("names");
	TCase *d = tcase_create("detect");
	TCase *c = tcase_create("convert");

	tcase_add_test(n, names_are_the_option_values);
	tcase_add_test(d, detect_bom_then_utf8_then_gb18030);
	tcase_add_test(c, decode_utf8_is_not_copied);
	tcase_add_test(c, conv_gbk_holds_only_what_reads_back);
	tcase_add_test(c, decode_names_the_bad_offset);
	tcase_add_test(c, conv_gbk_is_strict_gb18030_is_whole);
	suite_add_tcase(s, n);
	suite_add_tcase(s, d);
	suite_add_tcase(s, c);
	return s;
}
