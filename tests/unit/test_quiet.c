/* quiet: no SMS between 21:00 and 08:00 China time; one due then waits
 * for 08:00. */
#include "config.h"

#include "core/core.h"
#include "suites.h"

/* 2026-12-07 00:00 in China (UTC+8) is 2026-12-06 16:00 UTC. */
static const time_t day0 = 1796572800;

static time_t at(int day, int hh, int mm)
{
	return day0 + (time_t)day * 86400 + hh * 3600 + mm * 60;
}

static struct quiet_hours usual(void)
{
	struct quiet_hours q;

	ck_assert(quiet_parse("21:00-08:00", &q));
	return q;
}

START_TEST(day_time_goes_at_once)
{
	struct quiet_hours q = usual();

	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 8, 0)), at(0, 8, 0));
	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 12, 30)), at(0, 12, 30));
	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 20, 59) + 59), at(0, 20, 59) + 59);
}
END_TEST

START_TEST(evening_waits_for_next_morning)
{
	struct quiet_hours q = usual();

	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 21, 0)), at(1, 8, 0));
	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 23, 59)), at(1, 8, 0));
}
END_TEST

START_TEST(small_hours_wait_for_same_morning)
{
	struct quiet_hours q = usual();

	ck_assert_int_eq(quiet_next_allowed(&q, at(1, 0, 0)), at(1, 8, 0));
	ck_assert_int_eq(quiet_next_allowed(&q, at(1, 7, 59)), at(1, 8, 0));
}
END_TEST

START_TEST(a_window_within_one_day)
{
	struct quiet_hours q;

	ck_assert(quiet_parse("12:00-13:30", &q));
	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 11, 59)), at(0, 11, 59));
	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 12, 0)), at(0, 13, 30));
	ck_assert_int_eq(quiet_next_allowed(&q, at(0, 13, 30)), at(0, 13, 30));
}
END_TEST

START_TEST(parse_refuses_nonsense)
{
	struct quiet_hours q;

	ck_assert(!quiet_parse("", &q));
	ck_assert(!quiet_parse("21:00", &q));
	ck_assert(!quiet_parse("25:00-08:00", &q));
	ck_assert(!quiet_parse("21:00-08:60", &q));
	ck_assert(!quiet_parse("21:00-21:00", &q));
	ck_assert(!quiet_parse("21:00-08:00x", &q));
	ck_assert(quiet_parse(" 21:00 - 08:00 ", &q));
}
END_TEST

Suite *quiet_suite(void)
{
	Suite *s = suite_create("quiet");
	TCase *tc = tcase_create("next_allowed");

	tcase_add_test(tc, day_time_goes_at_once);
	tcase_add_test(tc, evening_waits_for_next_morning);
	tcase_add_test(tc, small_hours_wait_for_same_morning);
	tcase_add_test(tc, a_window_within_one_day);
	tcase_add_test(tc, parse_refuses_nonsense);
	suite_add_tcase(s, tc);
	return s;
}
