/* mobile: mainland numbers as people type them, reduced to 11 digits. */
#include "config.h"

#include "core/core.h"
#include "suites.h"

static void expect_ok(const char *in, const char *want)
{
	char out[MOBILE_LEN + 1] = "";

	ck_assert_msg(mobile_parse(in, out) == MOBILE_OK, "\"%s\" refused", in);
	ck_assert_str_eq(out, want);
}

static void expect_reason(const char *in, enum mobile_reason want)
{
	char out[MOBILE_LEN + 1] = "untouched";
	enum mobile_reason got = mobile_parse(in, out);

	ck_assert_msg(got == want, "\"%s\": reason %d, want %d", in, got, want);
	ck_assert_str_eq(out, "untouched");
}

START_TEST(plain_and_typed_forms)
{
	expect_ok("13812345678", "13812345678");
	expect_ok("138 1234 5678", "13812345678");
	expect_ok("138-1234-5678", "13812345678");
	expect_ok("１３８１２３４５６７８", "13812345678");
	expect_ok("１３８－１２３４－５６７８", "13812345678"); /* full-width hyphens */
	expect_ok("\xe3\x80\x80"
		  "19955551234 ",
		  "19955551234");
}
END_TEST

START_TEST(country_code_is_dropped)
{
	expect_ok("+8613812345678", "13812345678");
	expect_ok("+86 138 1234 5678", "13812345678");
	expect_ok("+86-138-1234-5678", "13812345678");
	expect_ok("＋８６１３８１２３４５６７８", "13812345678");
	expect_ok("8613812345678", "13812345678");
	expect_ok("86 138 1234 5678", "13812345678");
	expect_ok("0086 138 1234 5678", "13812345678");
}
END_TEST

START_TEST(refused_numbers)
{
	expect_reason("", MOBILE_EMPTY);
	expect_reason(" - ", MOBILE_EMPTY);
	expect_reason("+1 415 555 0123", MOBILE_FOREIGN);
	expect_reason("+852 9123 4567", MOBILE_FOREIGN);
	expect_reason("138 1234 567a", MOBILE_CHARS);
	expect_reason("138.1234.5678", MOBILE_CHARS);
	expect_reason("(+86) 13812345678", MOBILE_CHARS);
	expect_reason("1381234567+", MOBILE_CHARS);
	expect_reason("13812345678\xff", MOBILE_CHARS);
	expect_reason("1381234567", MOBILE_LENGTH);
	expect_reason("138123456789", MOBILE_LENGTH);
	expect_reason("+86 1381234567", MOBILE_LENGTH);
	expect_reason("0551-6512-3456", MOBILE_LENGTH); /* a Hefei landline */
	expect_reason("12812345678", MOBILE_PREFIX);
	expect_reason("10086000000", MOBILE_PREFIX);
	expect_reason("23812345678", MOBILE_PREFIX);
	expect_reason("86138123456", MOBILE_PREFIX); /* 11 digits: 86 is not a prefix here */
	expect_reason("+86 05516512345", MOBILE_PREFIX);
}
END_TEST

START_TEST(every_second_digit_from_3_to_9)
{
	char in[] = "1x812345678";

	for (char c = '3'; c <= '9'; c++) {
		in[1] = c;
		expect_ok(in, in);
	}
}
END_TEST

START_TEST(every_reason_has_a_message)
{
	ck_assert_ptr_null(mobile_reason_msg(MOBILE_OK));
	for (enum mobile_reason r = MOBILE_EMPTY; r <= MOBILE_PREFIX; r++)
		ck_assert_ptr_nonnull(mobile_reason_msg(r));
}
END_TEST

START_TEST(telephones)
{
	static const struct {
		const char *typed, *want;
	} ok[] = {
		{ "0551-65123456", "0551-65123456" },
		{ "0551 6512 3456", "0551-65123456" },
		{ "(0551)65123456", "0551-65123456" },
		{ "055165123456", "0551-65123456" },
		{ "010-12345678", "010-12345678" },
		{ "02112345678", "021-12345678" },
		{ "０５５６－５２１２３４５", "0556-5212345" },
		{ "+86 138 0013 8000", "13800138000" },
	};
	static const char *const bad[] = {
		"",	"65123456", "0551-123", "0551-651234567", "5551-65123456", "0551-6512345x",
		"12345"
	};
	char out[PHONE_MAX];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ck_assert_msg(phone_parse(ok[i].typed, out), "%s", ok[i].typed);
		ck_assert_str_eq(out, ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!phone_parse(bad[i], out), "%s", bad[i]);
}
END_TEST

Suite *mobile_suite(void)
{
	Suite *s = suite_create("mobile");
	TCase *ok = tcase_create("valid");
	TCase *bad = tcase_create("invalid");

	tcase_add_test(ok, plain_and_typed_forms);
	tcase_add_test(ok, country_code_is_dropped);
	tcase_add_test(ok, every_second_digit_from_3_to_9);
	tcase_add_test(bad, refused_numbers);
	tcase_add_test(ok, telephones);
	tcase_add_test(bad, every_reason_has_a_message);
	suite_add_tcase(s, ok);
	suite_add_tcase(s, bad);
	return s;
}
