/* money: yuan as typed, to whole fen, without floating point. */
#include "config.h"

#include <stdint.h>

#include "core/core.h"
#include "suites.h"

static void expect_fen(const char *in, int64_t want)
{
	int64_t fen = -1;

	ck_assert_msg(money_parse_yuan(in, &fen) == MONEY_OK, "\"%s\" refused", in);
	ck_assert_msg(fen == want, "\"%s\": %lld fen, want %lld", in, (long long)fen,
		      (long long)want);
}

static void expect_reason(const char *in, enum money_reason want)
{
	int64_t fen = -1;
	enum money_reason got = money_parse_yuan(in, &fen);

	ck_assert_msg(got == want, "\"%s\": reason %d, want %d", in, got, want);
	ck_assert_int_eq(fen, -1); /* untouched */
}

START_TEST(plain_amounts)
{
	expect_fen("12", 1200);
	expect_fen("12.5", 1250);
	expect_fen("12.50", 1250);
	expect_fen("12.05", 1205);
	expect_fen("0.05", 5);
	expect_fen("0", 0);
	expect_fen("0.00", 0);
	expect_fen("007", 700);
	expect_fen("5000", 500000);
}
END_TEST

START_TEST(no_floating_point_drift)
{
	int64_t a = 0, b = 0;

	ck_assert_int_eq(money_parse_yuan("0.1", &a), MONEY_OK);
	ck_assert_int_eq(money_parse_yuan("0.2", &b), MONEY_OK);
	ck_assert_int_eq(a + b, 30);
	expect_fen("1.15", 115); /* 1.15 * 100 is 114.999… in a double */
	expect_fen("4.35", 435);
}
END_TEST

START_TEST(grouping_signs_and_units)
{
	expect_fen("1,234.56", 123456);
	expect_fen("1,234,567", 123456700);
	expect_fen("¥12", 1200);
	expect_fen("￥12.5", 1250);
	expect_fen("¥ 1,000", 100000);
	expect_fen("12元", 1200);
	expect_fen("12.5 元", 1250);
	expect_fen("100元整", 10000);
	expect_fen("￥１，２３４．５６元", 123456); /* full width throughout */
	expect_fen("\xe3\x80\x80 500 \t", 50000);
}
END_TEST

START_TEST(largest_amount)
{
	expect_fen("92233720368547758.07", INT64_MAX);
	expect_fen("92,233,720,368,547,758.07", INT64_MAX);
	expect_reason("92233720368547758.08", MONEY_TOO_LARGE);
	expect_reason("92233720368547759", MONEY_TOO_LARGE);
	expect_reason("9223372036854775808", MONEY_TOO_LARGE);
	expect_reason("99999999999999999999999999", MONEY_TOO_LARGE);
}
END_TEST

START_TEST(refused_amounts)
{
	static const char *const format[] = {
		"abc",
		".5",
		"12.",
		"+12",
		"12,50",
		"1,23",
		"1234,567",
		",123",
		"1,",
		"1,,234",
		"1 234",
		"12元元",
		"元12",
		"12 yuan",
		"1.2.3",
		"¥",
		"元",
		"12.3a",
		"0x10",
		"1e3",
		"12%",
		"12.5.",
		"¥¥12",
		"\xff"
		"12",
	};

	for (size_t i = 0; i < sizeof(format) / sizeof(format[0]); i++)
		expect_reason(format[i], MONEY_FORMAT);
	expect_reason("", MONEY_EMPTY);
	expect_reason("  \xe3\x80\x80", MONEY_EMPTY);
	expect_reason("-12", MONEY_NEGATIVE);
	expect_reason("-0", MONEY_NEGATIVE);
	expect_reason("¥-12", MONEY_NEGATIVE);
	expect_reason("-¥12", MONEY_NEGATIVE);
	expect_reason("－１２", MONEY_NEGATIVE); /* full-width minus */
	expect_reason("\xe2\x88\x92"
		      "5",
		      MONEY_NEGATIVE); /* U+2212 minus sign */
	expect_reason("12.345", MONEY_DECIMALS);
	expect_reason("0.001", MONEY_DECIMALS);
	expect_reason("12.500", MONEY_DECIMALS);
	expect_reason("1,234.567元", MONEY_DECIMALS);
}
END_TEST

START_TEST(every_reason_has_a_message)
{
	ck_assert_ptr_null(money_reason_msg(MONEY_OK));
	for (enum money_reason r = MONEY_EMPTY; r <= MONEY_TOO_LARGE; r++)
		ck_assert_ptr_nonnull(money_reason_msg(r));
}
END_TEST

static void format_is(int64_t fen, const char *want)
{
	struct sbuf sb = SBUF_INIT;

	money_format_yuan(&sb, fen);
	ck_assert_str_eq(sb.buf, want);
	sbuf_release(&sb);
}

START_TEST(formatted_yuan)
{
	format_is(0, "0");
	format_is(200000, "2000");
	format_is(123450, "1234.50");
	format_is(5, "0.05");
	format_is(-150, "-1.50");
	format_is(INT64_MIN, "-92233720368547758.08");
	format_is(INT64_MAX, "92233720368547758.07");
}
END_TEST

START_TEST(formatted_amounts_read_back)
{
	static const int64_t cases[] = { 1, 99, 100, 101, 123456789, 1000000000000LL };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sbuf sb = SBUF_INIT;
		int64_t back = -1;
		money_format_yuan(&sb, cases[i]);
		ck_assert_int_eq(money_parse_yuan(sb.buf, &back), MONEY_OK);
		ck_assert_int_eq(back, cases[i]);
		sbuf_release(&sb);
	}
}
END_TEST

Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *ok = tcase_create("valid");
	TCase *lim = tcase_create("limits");
	TCase *bad = tcase_create("invalid");

	tcase_add_test(ok, plain_amounts);
	tcase_add_test(ok, no_floating_point_drift);
	tcase_add_test(ok, grouping_signs_and_units);
	tcase_add_test(lim, largest_amount);
	tcase_add_test(ok, formatted_yuan);
	tcase_add_test(ok, formatted_amounts_read_back);
	tcase_add_test(bad, refused_amounts);
	tcase_add_test(bad, every_reason_has_a_message);
	suite_add_tcase(s, ok);
	suite_add_tcase(s, lim);
	suite_add_tcase(s, bad);
	return s;
}
