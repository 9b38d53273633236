/* date: Gregorian rules, typed dates, ages. */
#include "config.h"

#include <signal.h>

#include "core/core.h"
#include "suites.h"

static struct date ymd(int y, int m, int d)
{
	struct date dt = { y, m, d };

	return dt;
}

static void expect_date(const char *in, int y, int m, int d)
{
	struct date got = { 0, 0, 0 };

	ck_assert_msg(date_parse(in, &got) == DATE_OK, "\"%s\" refused", in);
	ck_assert_int_eq(got.year, y);
	ck_assert_int_eq(got.month, m);
	ck_assert_int_eq(got.day, d);
}

START_TEST(leap_years_are_gregorian)
{
	ck_assert(!date_is_leap_year(1900));
	ck_assert(date_is_leap_year(2000));
	ck_assert(date_is_leap_year(2024));
	ck_assert(!date_is_leap_year(2023));
	ck_assert(!date_is_leap_year(2100));
	ck_assert_int_eq(date_days_in_month(2024, 2), 29);
	ck_assert_int_eq(date_days_in_month(1900, 2), 28);
	ck_assert_int_eq(date_days_in_month(2025, 4), 30);
	ck_assert_int_eq(date_days_in_month(2025, 12), 31);
	ck_assert_int_eq(date_days_in_month(2025, 13), 0);
	ck_assert_int_eq(date_days_in_month(2025, 0), 0);
}
END_TEST

START_TEST(exists_only_for_real_days)
{
	ck_assert(date_exists(ymd(2000, 2, 29)));
	ck_assert(!date_exists(ymd(1900, 2, 29)));
	ck_assert(!date_exists(ymd(2023, 2, 29)));
	ck_assert(!date_exists(ymd(2025, 4, 31)));
	ck_assert(!date_exists(ymd(2025, 1, 0)));
	ck_assert(!date_exists(ymd(2025, 0, 1)));
	ck_assert(!date_exists(ymd(0, 1, 1)));
	ck_assert(date_exists(ymd(9999, 12, 31)));
	ck_assert(!date_exists(ymd(10000, 1, 1)));
}
END_TEST

START_TEST(compare_orders_days)
{
	ck_assert_int_lt(date_compare(ymd(2024, 12, 31), ymd(2025, 1, 1)), 0);
	ck_assert_int_gt(date_compare(ymd(2025, 2, 1), ymd(2025, 1, 31)), 0);
	ck_assert_int_gt(date_compare(ymd(2025, 1, 2), ymd(2025, 1, 1)), 0);
	ck_assert_int_eq(date_compare(ymd(2025, 7, 1), ymd(2025, 7, 1)), 0);
}
END_TEST

START_TEST(within_includes_both_ends)
{
	struct date none = { 0, 0, 0 };

	ck_assert(date_within(ymd(2025, 7, 1), ymd(2025, 7, 1), ymd(2025, 12, 31)));
	ck_assert(date_within(ymd(2025, 12, 31), ymd(2025, 7, 1), ymd(2025, 12, 31)));
	ck_assert(!date_within(ymd(2025, 6, 30), ymd(2025, 7, 1), ymd(2025, 12, 31)));
	ck_assert(!date_within(ymd(2026, 1, 1), ymd(2025, 7, 1), ymd(2025, 12, 31)));
	ck_assert(date_within(ymd(9999, 1, 1), ymd(2025, 7, 1), none));
	ck_assert(!date_within(ymd(2025, 6, 30), ymd(2025, 7, 1), none));
}
END_TEST

START_TEST(parse_accepts_common_forms)
{
	expect_date("2025-07-01", 2025, 7, 1);
	expect_date("2025-7-1", 2025, 7, 1);
	expect_date("2025/7/1", 2025, 7, 1);
	expect_date("2025/07/01", 2025, 7, 1);
	expect_date("2025.7.1", 2025, 7, 1);
	expect_date("2025年7月1日", 2025, 7, 1);
	expect_date("2025 年 12 月 31 日", 2025, 12, 31);
	expect_date("2025年7月1号", 2025, 7, 1);
	expect_date("2025年7月1", 2025, 7, 1);
	expect_date("20250701", 2025, 7, 1);
	expect_date("２０２５／７／１", 2025, 7, 1); /* full width */
	expect_date("  2024-02-29\t", 2024, 2, 29);
}
END_TEST

START_TEST(parse_refuses_other_forms)
{
	static const char *const bad[] = {
		"2025-07/01", "25-7-1",		  "2025-7",	    "2025-007-01", "2025-07-01x",
		"07/01/2025", "2025年7-1",	  "2025年7月1日日", "2025--1",	   "202507011",
		"July 1",     "2025-07-01 12:00", "\xff",
	};
	struct date d = { 1, 2, 3 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(date_parse(bad[i], &d) == DATE_FORMAT, "\"%s\" not DATE_FORMAT",
			      bad[i]);
	ck_assert_int_eq(date_parse("", &d), DATE_EMPTY);
	ck_assert_int_eq(date_parse("\xe3\x80\x80 ", &d), DATE_EMPTY);
	ck_assert_int_eq(d.year, 1); /* untouched */
	ck_assert_int_eq(d.month, 2);
}
END_TEST

START_TEST(parse_refuses_days_that_do_not_exist)
{
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2025-04-31", "2025-13-01",
		"2025-00-10", "2025-01-00", "20230229",	  "0000-01-01",
	};
	struct date d;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(date_parse(bad[i], &d) == DATE_INVALID, "\"%s\" not DATE_INVALID",
			      bad[i]);
	ck_assert_int_eq(date_parse("2000-02-29", &d), DATE_OK);
}
END_TEST

START_TEST(years_between_counts_birthdays)
{
	ck_assert_int_eq(date_years_between(ymd(1990, 3, 7), ymd(2025, 3, 6)), 34);
	ck_assert_int_eq(date_years_between(ymd(1990, 3, 7), ymd(2025, 3, 7)), 35);
	ck_assert_int_eq(date_years_between(ymd(1990, 3, 7), ymd(1990, 3, 7)), 0);
	ck_assert_int_eq(date_years_between(ymd(1990, 3, 7), ymd(1990, 3, 6)), -1);
	ck_assert_int_eq(date_years_between(ymd(1990, 12, 31), ymd(1991, 1, 1)), 0);
}
END_TEST

START_TEST(born_on_29_february)
{
	struct date leapling = ymd(2000, 2, 29);

	ck_assert_int_eq(date_years_between(leapling, ymd(2001, 2, 28)), 0);
	ck_assert_int_eq(date_years_between(leapling, ymd(2001, 3, 1)), 1);
	ck_assert_int_eq(date_years_between(leapling, ymd(2004, 2, 28)), 3);
	ck_assert_int_eq(date_years_between(leapling, ymd(2004, 2, 29)), 4);
	ck_assert_int_eq(date_years_between(leapling, ymd(2018, 2, 28)), 17);
	ck_assert_int_eq(date_years_between(leapling, ymd(2018, 3, 1)), 18);
}
END_TEST

START_TEST(years_between_a_bad_date_is_a_bug)
{
	date_years_between(ymd(2023, 2, 29), ymd(2025, 1, 1));
}
END_TEST

START_TEST(format_pads_with_zeros)
{
	char buf[11];

	date_format(ymd(2025, 7, 1), buf);
	ck_assert_str_eq(buf, "2025-07-01");
	date_format(ymd(987, 12, 31), buf);
	ck_assert_str_eq(buf, "0987-12-31");
}
END_TEST

START_TEST(every_reason_has_a_message)
{
	ck_assert_ptr_null(date_reason_msg(DATE_OK));
	for (enum date_reason r = DATE_EMPTY; r <= DATE_INVALID; r++)
		ck_assert_ptr_nonnull(date_reason_msg(r));
}
END_TEST

START_TEST(days_between)
{
	struct date a = { 2025, 12, 31 }, b = { 2026, 1, 1 };
	struct date leap0 = { 2024, 2, 28 }, leap1 = { 2024, 3, 1 };
	struct date y1 = { 2025, 1, 1 }, y2 = { 2026, 1, 1 }, c1 = { 1900, 2, 28 },
		    c2 = { 1900, 3, 1 };
	struct date d1 = { 2000, 2, 28 }, d2 = { 2000, 3, 1 }, first = { 1, 1, 1 },
		    last = { 9999, 12, 31 };

	ck_assert_int_eq(date_days_between(a, b), 1);
	ck_assert_int_eq(date_days_between(b, a), -1);
	ck_assert_int_eq(date_days_between(leap0, leap1), 2); /* 2024-02-29 exists */
	ck_assert_int_eq(date_days_between(c1, c2), 1); /* 1900 is not a leap year */
	ck_assert_int_eq(date_days_between(d1, d2), 2); /* 2000 is */
	ck_assert_int_eq(date_days_between(y1, y2), 365);
	ck_assert_int_eq(date_days_between(a, a), 0);
	/* 9999 years: 365 days each plus 2424 leap days */
	ck_assert_int_eq(date_days_between(first, last), 9999L * 365 + 2424 - 1);
}
END_TEST

START_TEST(add_days_crosses_months_and_years)
{
	struct date d = ymd(2026, 11, 30);

	ck_assert(date_add_days(&d, 1));
	ck_assert_int_eq(date_compare(d, ymd(2026, 12, 1)), 0);
	ck_assert(date_add_days(&d, -1));
	ck_assert_int_eq(date_compare(d, ymd(2026, 11, 30)), 0);
	d = ymd(2025, 12, 31);
	ck_assert(date_add_days(&d, 1));
	ck_assert_int_eq(date_compare(d, ymd(2026, 1, 1)), 0);
	d = ymd(2024, 2, 28);
	ck_assert(date_add_days(&d, 1));
	ck_assert_int_eq(date_compare(d, ymd(2024, 2, 29)), 0);
	d = ymd(2100, 2, 28); /* not a leap year */
	ck_assert(date_add_days(&d, 1));
	ck_assert_int_eq(date_compare(d, ymd(2100, 3, 1)), 0);
	d = ymd(2000, 3, 1);
	ck_assert(date_add_days(&d, -1));
	ck_assert_int_eq(date_compare(d, ymd(2000, 2, 29)), 0);
	d = ymd(2025, 7, 1);
	ck_assert(date_add_days(&d, 0));
	ck_assert_int_eq(date_compare(d, ymd(2025, 7, 1)), 0);
	ck_assert(date_add_days(&d, 365 * 400 + 97)); /* one 400-year cycle */
	ck_assert_int_eq(date_compare(d, ymd(2425, 7, 1)), 0);
	/* every day of 1999..2001 goes and comes back by days_between */
	for (struct date a = ymd(1999, 1, 1), b; a.year < 2002; date_add_days(&a, 1)) {
		b = a;
		ck_assert(date_add_days(&b, 40));
		ck_assert_int_eq(date_days_between(a, b), 40);
	}
}
END_TEST

START_TEST(add_days_stays_in_years_1_to_9999)
{
	struct date d = ymd(9999, 12, 31);

	ck_assert(!date_add_days(&d, 1));
	ck_assert_int_eq(date_compare(d, ymd(9999, 12, 31)), 0); /* untouched */
	d = ymd(1, 1, 1);
	ck_assert(!date_add_days(&d, -1));
	ck_assert_int_eq(date_compare(d, ymd(1, 1, 1)), 0);
	ck_assert(date_add_days(&d, 9999L * 365 + 2424 - 1));
	ck_assert_int_eq(date_compare(d, ymd(9999, 12, 31)), 0);
	ck_assert(date_add_days(&d, -(9999L * 365 + 2424 - 1)));
	ck_assert_int_eq(date_compare(d, ymd(1, 1, 1)), 0);
	ck_assert(!date_add_days(&d, 9999L * 365 + 2424));
	ck_assert(!date_add_days(&d, -2147483647L));
}
END_TEST

START_TEST(weekday_is_iso)
{
	ck_assert_int_eq(date_weekday(ymd(2026, 11, 30)), 1); /* Monday */
	ck_assert_int_eq(date_weekday(ymd(2026, 3, 1)), 7); /* Sunday */
	ck_assert_int_eq(date_weekday(ymd(2000, 1, 1)), 6);
	ck_assert_int_eq(date_weekday(ymd(1970, 1, 1)), 4);
	ck_assert_int_eq(date_weekday(ymd(2024, 2, 29)), 4);
	ck_assert_int_eq(date_weekday(ymd(1900, 3, 1)), 4);
	ck_assert_int_eq(date_weekday(ymd(1, 1, 1)), 1);
	ck_assert_int_eq(date_weekday(ymd(9999, 12, 31)), 5);
	/* a week goes round once */
	struct date d = ymd(2026, 12, 28);
	for (int i = 0; i < 7; i++, date_add_days(&d, 1))
		ck_assert_int_eq(date_weekday(d), i + 1);
}
END_TEST

START_TEST(weekday_of_a_bad_date_is_a_bug)
{
	date_weekday(ymd(2025, 2, 29));
}
END_TEST

Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *cal = tcase_create("calendar");
	TCase *p = tcase_create("parse");
	TCase *age = tcase_create("years_between");

	tcase_add_test(cal, leap_years_are_gregorian);
	tcase_add_test(cal, exists_only_for_real_days);
	tcase_add_test(cal, compare_orders_days);
	tcase_add_test(cal, within_includes_both_ends);
	tcase_add_test(cal, days_between);
	tcase_add_test(cal, format_pads_with_zeros);
	tcase_add_test(cal, add_days_crosses_months_and_years);
	tcase_add_test(cal, add_days_stays_in_years_1_to_9999);
	tcase_add_test(cal, weekday_is_iso);
	tcase_add_test_raise_signal(cal, weekday_of_a_bad_date_is_a_bug, SIGABRT);
	tcase_add_test(p, parse_accepts_common_forms);
	tcase_add_test(p, parse_refuses_other_forms);
	tcase_add_test(p, parse_refuses_days_that_do_not_exist);
	tcase_add_test(p, every_reason_has_a_message);
	tcase_add_test(age, years_between_counts_birthdays);
	tcase_add_test(age, born_on_29_february);
	tcase_add_test_raise_signal(age, years_between_a_bad_date_is_a_bug, SIGABRT);
	suite_add_tcase(s, cal);
	suite_add_tcase(s, p);
	suite_add_tcase(s, age);
	return s;
}
