/* text: width, fitting and sanitising of UTF-8 for the terminal. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

START_TEST(width_counts_columns)
{
	ck_assert_uint_eq(text_width(""), 0);
	ck_assert_uint_eq(text_width("abc"), 3);
	ck_assert_uint_eq(text_width("天地人"), 6);
	ck_assert_uint_eq(text_width("王a"), 3);
	ck_assert_uint_eq(text_width("\xf0\xa0\xae\xb7"), 2); /* 𠮷 U+20BB7 */
	ck_assert_uint_eq(text_width("e\xcc\x81"), 1); /* e + combining acute */
	ck_assert_uint_eq(text_width("１２３"), 6); /* full-width digits */
}
END_TEST

static char *fit(const char *s, size_t cols, bool ellipsis, size_t *w)
{
	struct sbuf sb = SBUF_INIT;

	*w = text_fit(&sb, s, cols, ellipsis);
	return sbuf_detach(&sb);
}

START_TEST(fit_never_splits_a_character)
{
	size_t w;
	char *s = fit("天地人", 5, false, &w);

	ck_assert_str_eq(s, "天地");
	ck_assert_uint_eq(w, 4);
	free(s);
	s = fit("天地人x", 7, false, &w);
	ck_assert_str_eq(s, "天地人x");
	ck_assert_uint_eq(w, 7);
	free(s);
	s = fit("e\xcc\x81"
		"f",
		1, false, &w); /* the cluster stays whole */
	ck_assert_str_eq(s, "e\xcc\x81");
	free(s);
}
END_TEST

START_TEST(fit_ellipsis_stays_within)
{
	size_t w;
	char *s = fit("安徽省创业服务云平台", 9, true, &w);

	ck_assert_str_eq(s, "安徽省...");
	ck_assert_uint_eq(w, 9);
	ck_assert_uint_le(text_width(s), 9);
	free(s);
	s = fit("安徽省", 6, true, &w); /* fits: no ellipsis */
	ck_assert_str_eq(s, "安徽省");
	free(s);
}
END_TEST

static char *clean(const char *s, size_t len, int flags)
{
	struct sbuf sb = SBUF_INIT;

	text_sanitize(&sb, s, len, flags);
	return sbuf_detach(&sb);
}

START_TEST(sanitize_defuses_controls)
{
	char *s = clean("a\x1b[2Jb", 6, 0);

	ck_assert_str_eq(s, "a^[[2Jb");
	ck_assert_ptr_null(strchr(s, 0x1b));
	free(s);
	s = clean("x\xc2\x9b"
		  "1m",
		  5, 0); /* C1 CSI */
	ck_assert_str_eq(s, "x<U+009B>1m");
	free(s);
	s = clean("\xe2\x80\xae"
		  "abc",
		  6, 0); /* right-to-left override */
	ck_assert_str_eq(s, "<U+202E>abc");
	free(s);
	s = clean("ok\xff\xfe", 4, 0); /* invalid UTF-8 */
	ck_assert_str_eq(s, "ok\\xFF\\xFE");
	free(s);
	s = clean("a\nb\tc", 5, 0);
	ck_assert_str_eq(s, "a b c");
	free(s);
	s = clean("a\nb", 3, TEXT_KEEP_NEWLINE);
	ck_assert_str_eq(s, "a\nb");
	free(s);
	s = clean("张三\x00x", 8, 0); /* NUL inside data */
	ck_assert_str_eq(s, "张三^@x");
	free(s);
}
END_TEST

START_TEST(pad_reaches_exact_columns)
{
	struct sbuf sb = SBUF_INIT;

	text_pad(&sb, "南陵县", 10);
	ck_assert_str_eq(sb.buf, "南陵县    ");
	ck_assert_uint_eq(text_width(sb.buf), 10);
	sbuf_release(&sb);
}
END_TEST

/* The lines of s wrapped to cols, joined with '|'. */
static char *wrap(const char *s, size_t cols)
{
	struct text_line *lines;
	size_t n = text_wrap(s, cols, &lines);
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_addch(&sb, '|');
		sbuf_add(&sb, s + lines[i].offset, lines[i].len);
		ck_assert_uint_le(lines[i].width, cols);
		ck_assert_uint_eq(lines[i].width, text_width(sb.buf + sb.len - lines[i].len));
	}
	free(lines);
	return sbuf_detach(&sb);
}

static void expect_wrap(const char *s, size_t cols, const char *want)
{
	char *got = wrap(s, cols);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(wrap_chinese_anywhere)
{
	expect_wrap("安徽省创业服务云平台", 6, "安徽省|创业服|务云平|台");
	expect_wrap("安徽省创业服务云平台", 7, "安徽省|创业服|务云平|台");
	expect_wrap("", 10, "");
	expect_wrap("短", 10, "短");
}
END_TEST

START_TEST(wrap_keeps_closing_punctuation_off_line_starts)
{
	/* a naive cut gives "天地人|，你好": the comma may not start a line */
	expect_wrap("天地人，你好", 6, "天地|人，你|好");
	expect_wrap("请稍候。谢谢！", 8, "请稍候。|谢谢！");
	expect_wrap("请稍候。谢谢！", 6, "请稍|候。谢|谢！");
	expect_wrap("见《办法》第三条", 6, "见《办|法》第|三条");
	expect_wrap("甲乙丙（丁）", 6, "甲乙丙|（丁）");
}
END_TEST

START_TEST(wrap_keeps_opening_punctuation_off_line_ends)
{
	/* a naive cut gives "文件《|办法》" */
	expect_wrap("文件《办法》", 6, "文件|《办|法》");
	expect_wrap("甲乙（丙）", 6, "甲乙|（丙）");
}
END_TEST

START_TEST(wrap_keeps_ascii_words_whole)
{
	expect_wrap("apply via SYB training", 10, "apply via|SYB|training");
	expect_wrap("参加SYB创业培训", 8, "参加SYB|创业培训");
	expect_wrap("abcdefghijklmnop", 5, "abcde|fghij|klmno|p"); /* too long: cut */
	expect_wrap("a\nb\n\nc", 10, "a|b||c");
	/* found by fuzzing: after a break far back, what follows may need
	 * breaking again (every line is checked against cols in wrap()) */
	free(wrap(".^@^@(  ^@^@^@^@0\\xAF", 6));
	free(wrap("x.(  abcdefghijklmnop", 6));
	expect_wrap("一\xf0\xa0\xae\xb7二", 3, "一|\xf0\xa0\xae\xb7|二");
}
END_TEST

START_TEST(wrap_prefers_pauses_to_splitting_words)
{
	/* the kiosk's SMS line at 40 and 36 columns: a plain cut gives
	 * "…投|诉补充材料" and "…投诉答|复、…" */
	static const char sms[] = "短信通知：已开启（预约提醒、投诉答复、投诉补充材料；按 F7 关闭）";
	expect_wrap(sms, 40, "短信通知：已开启（预约提醒、投诉答复、|投诉补充材料；按 F7 关闭）");
	expect_wrap(sms, 36, "短信通知：已开启（预约提醒、|投诉答复、投诉补充材料；按 F7 关闭）");
	/* after a space too; a plain cut gives "…户口簿 营业|执照原件" */
	expect_wrap("请带好身份证和户口簿 营业执照原件", 26, "请带好身份证和户口簿|营业执照原件");
	/* but not from far back: a pause 5 columns back on a 20-column row
	 * (a few is at most a fifth of the row) */
	expect_wrap("请带好身份证 营业执照原件", 20, "请带好身份证 营业执|照原件");
	expect_wrap("这些机构已通过审核和备案，现予公示。", 20, "这些机构已通过审核和|备案，现予公示。");
}
END_TEST

START_TEST(wrap_never_starts_a_line_with_closing_punctuation)
{
	/* where UAX #14 allows it (after a space) and where a run too long
	 * for the row is cut: a plain cut gives "甲乙|：丙" and
	 * "abcdefghij|，好" */
	expect_wrap("甲乙 ：丙", 6, "甲|乙 ：|丙");
	expect_wrap("abcdefghij，好", 10, "abcdefghi|j，好");
	expect_wrap("abcdefgh）。好", 10, "abcdefg|h）。好");
	static const char *const closing[] = { "，", "。", "、", "；", "：", "？",
					       "！", "）", "」", "』", "》" };
	for (size_t i = 0; i < sizeof(closing) / sizeof(*closing); i++) {
		struct sbuf s = SBUF_INIT;
		sbuf_addf(&s, "甲 %s乙 %s丙丁戊 %s己", closing[i], closing[i], closing[i]);
		for (size_t cols = 5; cols <= 12; cols++) { /* 乙 ， fits */
			struct text_line *lines;
			size_t n = text_wrap(s.buf, cols, &lines);
			for (size_t k = 1; k < n; k++)
				ck_assert_msg(strncmp(s.buf + lines[k].offset, closing[i],
						      strlen(closing[i])) != 0,
					      "%s at %zu columns: line %zu starts with %s", s.buf,
					      cols, k + 1, closing[i]);
			free(lines);
		}
		sbuf_release(&s);
	}
}
END_TEST

START_TEST(pad_aligns_mixed_columns)
{
	/* a table of Chinese and ASCII names: the second column starts at
	 * the same display column on every row */
	static const char *const names[] = { "张三", "Li Si", "欧阳娜娜", "𠮷田" };
	size_t col = 0;

	for (size_t i = 0; i < 4; i++) {
		struct sbuf row = SBUF_INIT;
		text_pad(&row, names[i], 10);
		sbuf_adds(&row, "|13800000000");
		size_t at = text_width(row.buf) - text_width("|13800000000");
		if (i == 0)
			col = at;
		ck_assert_uint_eq(at, col);
		ck_assert_uint_eq(at, 10);
		sbuf_release(&row);
	}
}
END_TEST

START_TEST(pad_left_aligns_right)
{
	struct sbuf sb = SBUF_INIT;

	text_pad_left(&sb, "2,000", 8);
	ck_assert_str_eq(sb.buf, "   2,000");
	sbuf_reset(&sb);
	text_pad_left(&sb, "元", 4);
	ck_assert_str_eq(sb.buf, "  元");
	sbuf_release(&sb);
}
END_TEST

START_TEST(fold_fullwidth_characters)
{
	ck_assert_uint_eq(text_fold_fullwidth(0xFF11), '1');
	ck_assert_uint_eq(text_fold_fullwidth(0xFF38), 'X');
	ck_assert_uint_eq(text_fold_fullwidth(0xFF58), 'x');
	ck_assert_uint_eq(text_fold_fullwidth(0x3000), ' ');
	ck_assert_uint_eq(text_fold_fullwidth(0x5F20), 0x5F20); /* 张 unchanged */
}
END_TEST

START_TEST(split_lists_as_typed)
{
	char **items;
	size_t n = text_split_list(" 退役军人、返乡入乡创业人员;高校毕业生，, 残疾人 ", &items);

	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(items[0], "退役军人");
	ck_assert_str_eq(items[1], "返乡入乡创业人员");
	ck_assert_str_eq(items[2], "高校毕业生");
	ck_assert_str_eq(items[3], "残疾人");
	text_list_free(items, n);
	ck_assert_uint_eq(text_split_list("", &items), 0);
	text_list_free(items, 0);
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *w = tcase_create("width");
	TCase *f = tcase_create("fit");
	TCase *z = tcase_create("sanitize");

	tcase_add_test(w, width_counts_columns);
	tcase_add_test(f, fit_never_splits_a_character);
	tcase_add_test(f, fit_ellipsis_stays_within);
	tcase_add_test(f, pad_reaches_exact_columns);
	tcase_add_test(z, sanitize_defuses_controls);
	tcase_add_test(f, pad_left_aligns_right);
	tcase_add_test(f, pad_aligns_mixed_columns);
	tcase_add_test(z, fold_fullwidth_characters);
	tcase_add_test(z, split_lists_as_typed);
	TCase *wr = tcase_create("wrap");
	tcase_add_test(wr, wrap_chinese_anywhere);
	tcase_add_test(wr, wrap_keeps_closing_punctuation_off_line_starts);
	tcase_add_test(wr, wrap_keeps_opening_punctuation_off_line_ends);
	tcase_add_test(wr, wrap_keeps_ascii_words_whole);
	tcase_add_test(wr, wrap_prefers_pauses_to_splitting_words);
	tcase_add_test(wr, wrap_never_starts_a_line_with_closing_punctuation);
	suite_add_tcase(s, wr);
	suite_add_tcase(s, w);
	suite_add_tcase(s, f);
	suite_add_tcase(s, z);
	return s;
}
