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

Suite *editline_suite(void)
{
	Suite *s = suite_create("editline");
	TCase *ed = tcase_create("edit");
	TCase *lim = tcase_create("limits");
	TCase *v = tcase_create("view");

	tcase_add_test(ed, end_then_type_appends);
	tcase_add_test(ed, moves_and_deletes_by_cluster);
	tcase_add_test(ed, rare_characters_are_ordinary);
	tcase_add_test(lim, limits_refuse_whole_characters);
	tcase_add_test(lim, controls_are_refused);
	tcase_add_test(v, view_keeps_cursor_visible);
	suite_add_tcase(s, ed);
	suite_add_tcase(s, lim);
	suite_add_tcase(s, v);
	return s;
}
