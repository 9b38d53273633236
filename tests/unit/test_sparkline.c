/*
 * sparkline: the steps of a row of values, the flat line of all zeros,
 * one huge value among small ones, the gaps, the ASCII steps, and one
 * display column per value.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "core/core.h"
#include "suites.h"

static char *drawn(const int64_t *v, const bool *has, int n, bool ascii)
{
	struct sbuf s = SBUF_INIT;
	sparkline(&s, v, has, n, ascii);
	return sbuf_detach(&s);
}

static const bool all[12] = {
	true, true, true, true, true, true, true, true, true, true, true, true
};

START_TEST(steps_from_zero_to_the_largest)
{
	const int64_t v[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	char *s = drawn(v, all, 8, false);
	ck_assert_str_eq(s, "▁▂▃▄▅▆▇█");
	free(s);
	s = drawn(v, all, 8, true);
	ck_assert_str_eq(s, "_.-~=+*#");
	free(s);
}
END_TEST

START_TEST(all_zero_is_a_flat_line)
{
	const int64_t v[12] = { 0 };
	char *s = drawn(v, all, 12, false);
	ck_assert_str_eq(s, "▁▁▁▁▁▁▁▁▁▁▁▁");
	ck_assert_uint_eq(text_width(s), 12);
	free(s);
	s = drawn(v, all, 12, true);
	ck_assert_str_eq(s, "____________");
	free(s);
}
END_TEST

START_TEST(one_huge_value)
{
	/* a little is told from nothing beside the huge one, and nothing overflows */
	const int64_t v[] = { 0, 1, INT64_MAX, 1000, 0 };
	char *s = drawn(v, all, 5, false);
	ck_assert_str_eq(s, "▁▂█▂▁");
	free(s);
	const int64_t w[] = { INT64_MAX, INT64_MAX / 2, INT64_MAX - 1 };
	s = drawn(w, all, 3, true);
	ck_assert_str_eq(s, "#=#");
	free(s);
}
END_TEST

START_TEST(negative_is_the_lowest_step)
{
	const int64_t v[] = { -5, 0, 10 };
	char *s = drawn(v, all, 3, false);
	ck_assert_str_eq(s, "▁▁█");
	free(s);
	const int64_t w[] = { -5, INT64_MIN };
	s = drawn(w, all, 2, false);
	ck_assert_str_eq(s, "▁▁");
	free(s);
}
END_TEST

START_TEST(undefined_is_a_gap)
{
	const int64_t v[] = { 4, 0, 8, 2 };
	const bool has[] = { true, false, true, true };
	char *s = drawn(v, has, 4, false);
	ck_assert_str_eq(s, "▅ █▃");
	ck_assert_uint_eq(text_width(s), 4);
	free(s);
	s = drawn(v, (const bool[]){ false, false, false, false }, 4, true);
	ck_assert_str_eq(s, "    ");
	free(s);
	s = drawn(v, all, 0, false);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(one_column_per_value)
{
	const int64_t v[12] = { 3, 9, 27, 81, 243, 729, 2187, 6561, 19683, 59049, 177147, 531441 };
	char *s = drawn(v, all, 12, false);
	ck_assert_uint_eq(text_width(s), 12);
	free(s);
}
END_TEST

Suite *sparkline_suite(void)
{
	Suite *s = suite_create("sparkline");
	TCase *tc = tcase_create("steps");
	tcase_add_test(tc, steps_from_zero_to_the_largest);
	tcase_add_test(tc, all_zero_is_a_flat_line);
	tcase_add_test(tc, one_huge_value);
	tcase_add_test(tc, negative_is_the_lowest_step);
	tcase_add_test(tc, undefined_is_a_gap);
	tcase_add_test(tc, one_column_per_value);
	suite_add_tcase(s, tc);
	return s;
}
