/* editline: editing by grapheme cluster; nothing typed is lost. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"
#include "suites.h"

static void type(struct editline *e, const char *s)
{
	editline_insert_utf8(e, s);
}

static void expect(const struct editline *e, const char *want)
{
	char *got = editline_get(e);

	ck_assert_str_eq(got, want);
	free(got);
}

struct rows_arg {
	const struct editline *e;
	size_t cols;
	struct sbuf *sb;
	size_t n, i, row, col; /* positions seen; the last one */
};

/* Checks every position against the one before it and against the
 * clusters of the text, and appends its cluster to the picture. */
static bool rows_cb(const struct editline_pos *p, void *arg)
{
	struct rows_arg *a = arg;
	const struct editline *e = a->e;

	if (a->n > 0) {
		/* in order, and on the cluster right after the last one */
		ck_assert(p->row > a->row || (p->row == a->row && p->col >= a->col));
		const uint32_t *next = cluster_next32(e->cp + a->i, e->cp + e->len);
		ck_assert_uint_eq(p->i, next ? (size_t)(next - e->cp) : e->len);
		if (p->row > a->row)
			sbuf_addch(a->sb, '|');
	} else {
		ck_assert_uint_eq(p->i, 0);
		ck_assert_uint_eq(p->row, 0);
	}
	if (p->i < e->len) {
		const uint32_t *next = cluster_next32(e->cp + p->i, e->cp + e->len);
		size_t end = next ? (size_t)(next - e->cp) : e->len;
		size_t cw = editline_cols(e, p->i, end);
		/* never past the edge, but for a cluster wider than the row */
		ck_assert(p->col == 0 || p->col + (cw ? cw : 1) <= a->cols);
		for (size_t k = p->i; k < end; k++) {
			uint8_t buf[6];
			int n = e->cp[k] == '\n' ? 1 : u8_uctomb(buf, e->cp[k], sizeof(buf));
			if (e->cp[k] == '\n')
				buf[0] = '/';
			sbuf_add(a->sb, (const char *)buf, (size_t)n);
		}
	} else {
		/* the end: a cursor there has a cell of its own */
		ck_assert(p->col == 0 || p->col + 1 <= a->cols);
	}
	a->n++;
	a->i = p->i;
	a->row = p->row;
	a->col = p->col;
	return false;
}

/* The multi-line layout of e in cols columns, rows joined with '|' and a
 * line break drawn as '/'. Caller frees. */
static char *rows_of(const struct editline *e, size_t cols)
{
	struct sbuf sb = SBUF_INIT;
	struct rows_arg a = { e, cols, &sb, 0, 0, 0, 0 };

	editline_layout(e, cols, rows_cb, &a);
	ck_assert_uint_eq(a.i, e->len);
	ck_assert_uint_eq(a.row + 1, editline_rows(e, cols));
	return sbuf_detach(&sb);
}

static void expect_rows(const char *text, size_t cols, const char *want)
{
	struct editline e;
	char *got;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, text);
	got = rows_of(&e, cols);
	ck_assert_str_eq(got, want);
	free(got);
	editline_release(&e);
}

START_TEST(end_then_type_appends)
{
	struct editline e;

	/* the sequence that makes libform insert stray spaces */
	editline_init(&e, 0, 0);
	type(&e, "天地人");
	editline_home(&e);
	editline_end(&e);
	type(&e, "x");
	expect(&e, "天地人x");
	editline_release(&e);
}
END_TEST

START_TEST(moves_and_deletes_by_cluster)
{
	struct editline e;

	editline_init(&e, 0, 0);
	type(&e, "ae\xcc\x81"
		 "b"); /* a, e+combining acute, b */
	editline_left(&e);
	editline_left(&e); /* before the e-acute cluster */
	ck_assert_uint_eq(e.cursor, 1);
	editline_delete(&e); /* removes e and its mark together */
	expect(&e, "ab");
	editline_end(&e);
	editline_backspace(&e);
	expect(&e, "a");
	ck_assert(!editline_right(&e));
	editline_release(&e);
}
END_TEST

START_TEST(typing_before_a_lone_mark_keeps_the_cursor_on_a_boundary)
{
	struct editline e;

	/* found by fuzzing: e typed before a lone combining acute joins it */
	editline_init(&e, 0, 0);
	type(&e, "\xcc\x81x");
	editline_home(&e);
	type(&e, "e");
	expect(&e, "e\xcc\x81x");
	ck_assert_uint_eq(e.cursor, 2); /* after the whole cluster */
	editline_left(&e);
	ck_assert_uint_eq(e.cursor, 0);
	editline_release(&e);
}
END_TEST

START_TEST(rare_characters_are_ordinary)
{
	struct editline e;

	editline_init(&e, 0, 0);
	type(&e, "吉\xf0\xa0\xae\xb7祥"); /* 𠮷 outside the BMP */
	editline_left(&e);
	editline_backspace(&e);
	expect(&e, "吉祥");
	ck_assert_uint_eq(editline_cols(&e, 0, e.len), 4);
	editline_release(&e);
}
END_TEST

START_TEST(limits_refuse_whole_characters)
{
	struct editline e;

	editline_init(&e, 3, 0);
	ck_assert_uint_eq(editline_insert_utf8(&e, "一二三四"), 3);
	expect(&e, "一二三");
	editline_release(&e);
	editline_init(&e, 0, 7); /* 7 bytes: two Chinese characters and one ASCII */
	ck_assert_uint_eq(editline_insert_utf8(&e, "一二三"), 2);
	ck_assert(editline_insert(&e, 'x'));
	ck_assert(!editline_insert(&e, 'y'));
	ck_assert_uint_eq(editline_bytes(&e), 7);
	editline_release(&e);
}
END_TEST

START_TEST(controls_are_refused)
{
	struct editline e;

	editline_init(&e, 0, 0);
	ck_assert(!editline_insert(&e, 0x1b));
	ck_assert(!editline_insert(&e, 0x9b));
	ck_assert(!editline_insert(&e, 0xD800));
	ck_assert_uint_eq(e.len, 0);
	editline_release(&e);
}
END_TEST

START_TEST(view_keeps_cursor_visible)
{
	struct editline e;

	editline_init(&e, 0, 0);
	type(&e, "一二三四五六七八九十"); /* 20 columns */
	size_t col = editline_view(&e, 9);
	ck_assert_uint_le(col, 8); /* cursor inside the 9 columns */
	ck_assert_uint_le(editline_cols(&e, e.scroll, e.len), 8);
	editline_home(&e);
	ck_assert_uint_eq(editline_view(&e, 9), 0);
	ck_assert_uint_eq(e.scroll, 0);
	editline_release(&e);
}
END_TEST

/* The reported defect: typed past the width of a field, deleted back to
 * four characters, and the field looked empty. view: as drawn or masked. */
static void check_scroll_back(size_t (*view)(struct editline *e, size_t cols))
{
	struct editline e;

	editline_init(&e, 0, 0);
	type(&e, "abcdefghijklmnopqrstuvwx");
	view(&e, 20);
	ck_assert_uint_gt(e.scroll, 0);
	for (int i = 0; i < 20; i++)
		editline_backspace(&e);
	ck_assert_uint_eq(view(&e, 20), 4);
	ck_assert_uint_eq(e.scroll, 0);
	editline_release(&e);
}

START_TEST(view_scrolls_back_after_deleting)
{
	struct editline e;

	check_scroll_back(editline_view);
	/* double width: four characters (8 columns) and the cursor fit 9 */
	editline_init(&e, 0, 0);
	type(&e, "一二三四五六七八九十");
	editline_view(&e, 9);
	for (int i = 0; i < 6; i++)
		editline_backspace(&e);
	ck_assert_uint_eq(editline_view(&e, 9), 8);
	ck_assert_uint_eq(e.scroll, 0);
	/* five (10 columns) do not: the first is out of sight, the cursor in */
	type(&e, "五");
	ck_assert_uint_eq(editline_view(&e, 9), 8);
	ck_assert_uint_eq(e.scroll, 1);
	/* deleting in the middle fills the field from the left */
	editline_left(&e);
	editline_left(&e);
	editline_backspace(&e);
	editline_view(&e, 9);
	ck_assert_uint_eq(e.scroll, 0);
	editline_release(&e);
}
END_TEST

START_TEST(masked_view_scrolls_back_after_deleting)
{
	check_scroll_back(editline_view_masked);
}
END_TEST

START_TEST(two_rows_hold_ten_chinese_characters)
{
	struct editline e;
	size_t row, col;

	/* libform's 2x10 field shows 10 and returns 8 */
	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, "一二三四五六七八九十");
	expect(&e, "一二三四五六七八九十");
	editline_locate(&e, 10, 5, &row, &col); /* 六 starts row 1 */
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 0);
	editline_locate(&e, 10, 4, &row, &col);
	ck_assert_uint_eq(row, 0);
	ck_assert_uint_eq(col, 8);
	editline_release(&e);
}
END_TEST

START_TEST(odd_width_never_straddles_the_edge)
{
	struct editline e;
	size_t row, col;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, "天地人和");
	/* 9 columns: four characters need 8, so all fit on row 0 ... */
	editline_locate(&e, 9, 3, &row, &col);
	ck_assert_uint_eq(row, 0);
	ck_assert_uint_eq(col + 2, 8);
	/* ... a fifth goes to the next row instead of drawing at column 8-9 */
	type(&e, "平");
	editline_locate(&e, 9, 4, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 0);
	editline_release(&e);
}
END_TEST

START_TEST(up_and_down_keep_the_column)
{
	struct editline e;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, "ab\n张三李四\nxyz");
	ck_assert_uint_eq(editline_rows(&e, 20), 3);
	editline_home(&e);
	editline_right(&e); /* after 'a': column 1 */
	ck_assert(editline_down(&e, 20));
	/* column 1 is inside 张 (columns 0-1): the cursor goes before it */
	ck_assert_uint_eq(e.cursor, 3);
	editline_right(&e); /* after 张: column 2 */
	ck_assert(editline_down(&e, 20));
	type(&e, "!");
	expect(&e, "ab\n张三李四\nxy!z");
	ck_assert(!editline_down(&e, 20));
	ck_assert(editline_up(&e, 20));
	ck_assert(editline_up(&e, 20));
	ck_assert(!editline_up(&e, 20));
	/* a short row: the cursor stops at its end, before the line break */
	editline_end(&e);
	editline_up(&e, 20);
	editline_up(&e, 20);
	type(&e, "c");
	expect(&e, "abc\n张三李四\nxy!z");
	editline_release(&e);
}
END_TEST

START_TEST(newlines_only_in_multiline)
{
	struct editline e;

	editline_init(&e, 0, 0);
	ck_assert(!editline_insert(&e, '\n'));
	type(&e, "a\r\nb");
	expect(&e, "a b");
	editline_release(&e);
}
END_TEST

START_TEST(overwrite_replaces_a_whole_cluster)
{
	struct editline e;

	editline_init(&e, 4, 0);
	type(&e, "ae\xcc\x81"
		 "c"); /* four code points, three clusters */
	editline_home(&e);
	editline_right(&e);
	e.overwrite = true;
	ck_assert(editline_insert(&e, 0x5B57)); /* 字 over e + mark */
	expect(&e, "a字c");
	e.max_chars = 3;
	ck_assert(editline_insert(&e, 'x')); /* over c: still 3 */
	expect(&e, "a字x");
	ck_assert(!editline_insert(&e, 'y')); /* at the end: would make 4 */
	expect(&e, "a字x");
	editline_release(&e);
}
END_TEST

START_TEST(index_at_maps_taps_to_clusters)
{
	struct editline e;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, "王小明\nab");
	ck_assert_uint_eq(editline_index_at(&e, 10, 0, 0), 0);
	ck_assert_uint_eq(editline_index_at(&e, 10, 0, 3), 1); /* right half of 小 */
	ck_assert_uint_eq(editline_index_at(&e, 10, 0, 9), 3); /* past the end: before the break */
	ck_assert_uint_eq(editline_index_at(&e, 10, 1, 1), 5);
	ck_assert_uint_eq(editline_index_at(&e, 10, 7, 0), e.len);
	editline_release(&e);
}
END_TEST

START_TEST(rows_never_start_with_closing_punctuation)
{
	/* by cluster: "一二三四五|，六七" */
	expect_rows("一二三四五，六七", 10, "一二三四|五，六七");
	expect_rows("天地人，你好", 6, "天地|人，你|好");
	expect_rows("请稍候。谢谢！", 6, "请稍|候。谢|谢！");
	expect_rows("见《办法》第三条", 6, "见《办|法》第|三条");
	expect_rows("甲乙丙（丁）", 6, "甲乙丙|（丁）|"); /* the cursor after a full row */
	expect_rows("一二三、四", 7, "一二|三、四");
	expect_rows("他说「好」。", 9, "他说|「好」。");
	/* ... nor end with opening punctuation */
	expect_rows("文件《办法》", 6, "文件|《办|法》");
}
END_TEST

START_TEST(rows_match_text_wrap)
{
	/* what is typed wraps as it will be shown: Chinese text at odd widths
	 * leaves a cell for the cursor on every row, so the rows are the
	 * lines of text_wrap */
	const char *s = "安徽省创业服务云平台，（试点）「电子创业券」、贷款贴息。高校毕业生"
			"返乡入乡：政策匹配！《办法》第三条；服务商预约、评价、投诉。";
	struct editline e;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, s);
	for (size_t cols = 5; cols <= 41; cols += 2) {
		struct text_line *lines;
		size_t n = text_wrap(s, cols, &lines);
		struct sbuf want = SBUF_INIT;
		for (size_t k = 0; k < n; k++) {
			if (k)
				sbuf_addch(&want, '|');
			sbuf_add(&want, s + lines[k].offset, lines[k].len);
		}
		char *got = rows_of(&e, cols);
		ck_assert_msg(strcmp(got, want.buf) == 0, "%zu columns: %s, text_wrap %s", cols,
			      got, want.buf);
		free(got);
		free(lines);
		sbuf_release(&want);
	}
	editline_release(&e);
}
END_TEST

START_TEST(ascii_words_stay_whole)
{
	/* by cluster: "参加SYB202|5创业培训" */
	expect_rows("参加SYB2025创业培训", 10, "参加|SYB2025创|业培训");
	expect_rows("apply via SYB training", 10, "apply via |SYB |training");
	/* a space with no cell left starts the next row, taking nothing along */
	expect_rows("一二三 SYB", 6, "一二三| SYB");
	expect_rows("a\nb\n\nc", 10, "a/|b/|/|c");
}
END_TEST

START_TEST(long_runs_are_cut_between_clusters)
{
	expect_rows("abcdefghijklmnop", 5, "abcde|fghij|klmno|p");
	/* e + combining acute is one cluster: never split */
	expect_rows("abce\xcc\x81"
		    "fgh",
		    4, "abce\xcc\x81|fgh");
	expect_rows("abce\xcc\x81"
		    "fgh",
		    3,
		    "abc|e\xcc\x81"
		    "fg|h");
	expect_rows("一\xf0\xa0\xae\xb7二", 3, "一|\xf0\xa0\xae\xb7|二");
}
END_TEST

START_TEST(locate_and_index_at_agree_everywhere)
{
	/* Chinese, ASCII words, punctuation, e + combining acute, a ZWJ
	 * family, 𠮷, line breaks */
	const char *s = "创业SYB2025，（试点）e\xcc\x81 "
			"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
			" 吉\xf0\xa0\xae\xb7祥\n\n第二段：apply via abcdefghijklmnopqrstuvwx。\n";
	struct editline e;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, s);
	for (size_t cols = 1; cols <= 24; cols++) {
		free(rows_of(&e, cols)); /* order, clusters, edges */
		for (size_t i = 0; i <= e.len;) {
			size_t row, col;
			editline_locate(&e, cols, i, &row, &col);
			ck_assert_msg(editline_index_at(&e, cols, row, col) == i,
				      "%zu columns: %zu at %zu,%zu", cols, i, row, col);
			if (i == e.len)
				break;
			const uint32_t *next = cluster_next32(e.cp + i, e.cp + e.len);
			i = next ? (size_t)(next - e.cp) : e.len;
		}
	}
	editline_release(&e);
}
END_TEST

START_TEST(up_and_down_across_wrapped_rows)
{
	struct editline e;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, "参加SYB2025创业培训"); /* 参加|SYB2025创|业培训 */
	editline_home(&e);
	editline_right(&e); /* after 参: column 2 */
	ck_assert(editline_down(&e, 10));
	ck_assert_uint_eq(e.cursor, 4); /* before B */
	ck_assert(editline_down(&e, 10));
	ck_assert_uint_eq(e.cursor, 11); /* column 2 of the last row: before 培 */
	ck_assert(!editline_down(&e, 10));
	ck_assert(editline_up(&e, 10));
	ck_assert_uint_eq(e.cursor, 4);
	ck_assert(editline_up(&e, 10));
	ck_assert_uint_eq(e.cursor, 1);
	ck_assert(!editline_up(&e, 10));
	/* from far right on a long row to a shorter one: its last cluster
	 * (after it is the next row's start) */
	e.cursor = editline_index_at(&e, 10, 1, 9);
	ck_assert_uint_eq(e.cursor, 9); /* before 创 */
	ck_assert(editline_up(&e, 10));
	ck_assert_uint_eq(e.cursor, 1); /* before 加 */
	editline_release(&e);
}
END_TEST

START_TEST(typing_a_word_over_the_edge_keeps_the_cursor)
{
	struct editline e;
	size_t row, col;

	editline_init(&e, 0, 0);
	e.multiline = true;
	type(&e, "参加SYB202"); /* a full row: the cursor at the start of the next */
	editline_locate(&e, 10, e.cursor, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 0);
	type(&e, "5"); /* the word moves down whole: the cursor goes after the 5 */
	editline_locate(&e, 10, e.cursor, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 7);
	editline_locate(&e, 10, e.cursor - 1, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 6);
	/* a comma after a full row takes the character before it along */
	editline_clear(&e);
	type(&e, "一二三四五");
	type(&e, "，");
	editline_locate(&e, 10, e.cursor, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_uint_eq(col, 4);
	editline_release(&e);
}
END_TEST

Suite *editline_suite(void)
{
	Suite *s = suite_create("editline");
	TCase *ed = tcase_create("edit");
	TCase *lim = tcase_create("limits");
	TCase *v = tcase_create("view");

	tcase_add_test(ed, end_then_type_appends);
	tcase_add_test(ed, moves_and_deletes_by_cluster);
	tcase_add_test(ed, rare_characters_are_ordinary);
	tcase_add_test(ed, typing_before_a_lone_mark_keeps_the_cursor_on_a_boundary);
	tcase_add_test(lim, limits_refuse_whole_characters);
	tcase_add_test(lim, controls_are_refused);
	tcase_add_test(v, view_keeps_cursor_visible);
	tcase_add_test(v, view_scrolls_back_after_deleting);
	tcase_add_test(v, masked_view_scrolls_back_after_deleting);
	TCase *ml = tcase_create("multiline");
	tcase_add_test(ml, two_rows_hold_ten_chinese_characters);
	tcase_add_test(ml, odd_width_never_straddles_the_edge);
	tcase_add_test(ml, up_and_down_keep_the_column);
	tcase_add_test(ml, newlines_only_in_multiline);
	tcase_add_test(ml, index_at_maps_taps_to_clusters);
	tcase_add_test(ed, overwrite_replaces_a_whole_cluster);
	TCase *wr = tcase_create("wrap");
	tcase_add_test(wr, rows_never_start_with_closing_punctuation);
	tcase_add_test(wr, rows_match_text_wrap);
	tcase_add_test(wr, ascii_words_stay_whole);
	tcase_add_test(wr, long_runs_are_cut_between_clusters);
	tcase_add_test(wr, locate_and_index_at_agree_everywhere);
	tcase_add_test(wr, up_and_down_across_wrapped_rows);
	tcase_add_test(wr, typing_a_word_over_the_edge_keeps_the_cursor);
	suite_add_tcase(s, wr);
	suite_add_tcase(s, ml);
	suite_add_tcase(s, ed);
	suite_add_tcase(s, lim);
	suite_add_tcase(s, v);
	return s;
}
