/* editline: editing by grapheme cluster; nothing typed is lost. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
	TCase *ml = tcase_create("multiline");
	tcase_add_test(ml, two_rows_hold_ten_chinese_characters);
	tcase_add_test(ml, odd_width_never_straddles_the_edge);
	tcase_add_test(ml, up_and_down_keep_the_column);
	tcase_add_test(ml, newlines_only_in_multiline);
	tcase_add_test(ml, index_at_maps_taps_to_clusters);
	tcase_add_test(ed, overwrite_replaces_a_whole_cluster);
	suite_add_tcase(s, ml);
	suite_add_tcase(s, ed);
	suite_add_tcase(s, lim);
	suite_add_tcase(s, v);
	return s;
}
