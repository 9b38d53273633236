/*
 * idcard: GB 11643 numbers. Valid numbers beyond the standard's examples
 * get their check character from make_id, which works it out its own way
 * (weights as 2^(17-i) mod 11, check value (12 - S mod 11) mod 11), not
 * with the code under test.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

static const struct date today = { 2025, 7, 1 };

/* first17 (17 digits) plus its check character, into out. */
static void make_id(const char *first17, char out[IDCARD_LEN + 1])
{
	int sum = 0, weight = 1, check;

	ck_assert_uint_eq(strlen(first17), 17);
	for (int i = 16; i >= 0; i--) {
		weight = weight * 2 % 11; /* 2^(17-i) mod 11 for position i+1 */
		sum += (first17[i] - '0') * weight;
	}
	check = (12 - sum % 11) % 11;
	memcpy(out, first17, 17);
	out[17] = check == 10 ? 'X' : (char)('0' + check);
	out[18] = '\0';
}

static enum idcard_reason parse(const char *s, struct idcard *id)
{
	return idcard_parse(s, today, id);
}

static void expect_reason(const char *s, enum idcard_reason want)
{
	struct idcard id;
	enum idcard_reason got = parse(s, &id);

	ck_assert_msg(got == want, "\"%s\": reason %d, want %d", s, got, want);
}

START_TEST(make_id_agrees_with_the_standard)
{
	char id[IDCARD_LEN + 1];

	make_id("11010519491231002", id);
	ck_assert_str_eq(id, "11010519491231002X");
	make_id("44052418800101001", id);
	ck_assert_str_eq(id, "440524188001010014");
	make_id("34010419900307123", id); /* worked by hand: S = 227, 227 mod 11 = 7 */
	ck_assert_str_eq(id, "340104199003071235");
}
END_TEST

START_TEST(standard_example_is_valid)
{
	struct idcard id;

	ck_assert_int_eq(parse("11010519491231002X", &id), IDCARD_OK);
	ck_assert_str_eq(id.number, "11010519491231002X");
	ck_assert_int_eq(id.birth.year, 1949);
	ck_assert_int_eq(id.birth.month, 12);
	ck_assert_int_eq(id.birth.day, 31);
	ck_assert_int_eq(id.sex, IDCARD_FEMALE); /* sequence 002 */
	ck_assert(!idcard_is_anhui(&id));
}
END_TEST

START_TEST(standard_example_born_1880_is_too_early)
{
	/*
	 * GB 11643's second example is born 1880-01-01. Its check character
	 * is right (BIRTH_TOO_EARLY is decided after the check), but the
	 * platform takes no one born before 1900.
	 */
	expect_reason("440524188001010014", IDCARD_BIRTH_TOO_EARLY);
	expect_reason("440524188001010015", IDCARD_CHECK);
}
END_TEST

START_TEST(anhui_numbers_are_valid)
{
	static const char *const first17[] = {
		"34010419900307123", /* 合肥 蜀山区 */
		"34022319851231457", /* 芜湖 南陵县 */
		"34152420000229002", /* 六安 金寨县, born on a leap day */
		"34180219600101001", /* 宣城 宣州区 */
		"34132420250701009", /* 宿州 泗县, born today */
		"34110219000101003", /* 滁州, the earliest birth date accepted */
	};
	char num[IDCARD_LEN + 1];
	struct idcard id;

	for (size_t i = 0; i < sizeof(first17) / sizeof(first17[0]); i++) {
		make_id(first17[i], num);
		ck_assert_msg(parse(num, &id) == IDCARD_OK, "%s refused", num);
		ck_assert_str_eq(id.number, num);
		ck_assert(idcard_is_anhui(&id));
	}
}
END_TEST

START_TEST(check_character_x_and_typing)
{
	char num[IDCARD_LEN + 1], typed[64];
	struct idcard id;

	/* find an Anhui number whose check character is X */
	for (int seq = 10; seq < 100; seq++) {
		char first17[] = "340102198808080..";

		first17[15] = (char)('0' + seq / 10);
		first17[16] = (char)('0' + seq % 10);
		make_id(first17, num);
		if (num[17] == 'X')
			break;
	}
	ck_assert_int_eq(num[17], 'X');
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	/* lower-case x, full-width digits, spaces: stored as the canonical form */
	snprintf(typed, sizeof typed, "  %.6s %.8s\xe3\x80\x80%.3sx ", num, num + 6, num + 14);
	ck_assert_int_eq(parse(typed, &id), IDCARD_OK);
	ck_assert_str_eq(id.number, num);
	ck_assert_int_eq(parse("１１０１０５１９４９１２３１００２ｘ", &id), IDCARD_OK);
	ck_assert_str_eq(id.number, "11010519491231002X");
}
END_TEST

START_TEST(sex_from_the_17th_digit)
{
	char num[IDCARD_LEN + 1];
	struct idcard id;

	make_id("34010419900307123", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert_int_eq(id.sex, IDCARD_MALE);
	make_id("34010419900307128", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert_int_eq(id.sex, IDCARD_FEMALE);
	make_id("34010419900307120", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert_int_eq(id.sex, IDCARD_FEMALE);
}
END_TEST

START_TEST(age_in_whole_years)
{
	char num[IDCARD_LEN + 1];
	struct idcard id;
	struct date d;

	make_id("34010419900307123", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert_int_eq(idcard_age_on(&id, today), 35);
	d = (struct date){ 2025, 3, 6 };
	ck_assert_int_eq(idcard_age_on(&id, d), 34);
	d = (struct date){ 2025, 3, 7 };
	ck_assert_int_eq(idcard_age_on(&id, d), 35);
}
END_TEST

START_TEST(age_of_someone_born_on_29_february)
{
	char num[IDCARD_LEN + 1];
	struct idcard id;
	struct date d;

	make_id("34152420000229002", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	d = (struct date){ 2018, 2, 28 };
	ck_assert_int_eq(idcard_age_on(&id, d), 17);
	d = (struct date){ 2018, 3, 1 };
	ck_assert_int_eq(idcard_age_on(&id, d), 18);
	d = (struct date){ 2024, 2, 29 };
	ck_assert_int_eq(idcard_age_on(&id, d), 24);
}
END_TEST

START_TEST(age_before_birth_is_a_bug)
{
	char num[IDCARD_LEN + 1];
	struct idcard id;
	struct date d = { 1989, 1, 1 };

	make_id("34010419900307123", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	idcard_age_on(&id, d);
}
END_TEST

START_TEST(today_that_does_not_exist_is_a_bug)
{
	struct idcard id;
	struct date bad = { 2025, 2, 29 };

	idcard_parse("11010519491231002X", bad, &id);
}
END_TEST

START_TEST(empty_length_and_old_numbers)
{
	expect_reason("", IDCARD_EMPTY);
	expect_reason(" \xe3\x80\x80 ", IDCARD_EMPTY);
	expect_reason("340104900307123", IDCARD_OLD_15);
	expect_reason("340104 900307 123", IDCARD_OLD_15);
	expect_reason("34010490030712", IDCARD_LENGTH); /* 14 */
	expect_reason("3401041990030712", IDCARD_LENGTH); /* 16 */
	expect_reason("34010419900307123", IDCARD_LENGTH); /* 17: check character left out */
	expect_reason("3401041990030712355", IDCARD_LENGTH); /* 19 */
	expect_reason("34010490030712X", IDCARD_LENGTH); /* 15 but not all digits */
}
END_TEST

START_TEST(characters_other_than_digits_and_x)
{
	expect_reason("3401041990030712A5", IDCARD_CHARS);
	expect_reason("34010419900307123Y", IDCARD_CHARS);
	expect_reason("3401041990030712X5", IDCARD_CHARS); /* X only at the end */
	expect_reason("34010419900307123号", IDCARD_CHARS); /* 18 characters, not ASCII */
	expect_reason("340104-19900307123", IDCARD_CHARS);
	expect_reason("34010419900307123\xff", IDCARD_CHARS); /* invalid UTF-8 */
}
END_TEST

START_TEST(province_codes)
{
	static const char *const bad[] = { "00", "10", "16", "20", "24", "30", "38",
					   "40", "47", "49", "55", "60", "66", "70",
					   "72", "80", "84", "90", "99" };
	static const char *const good[] = { "11", "15", "21", "23", "31", "37", "41", "46",
					    "50", "54", "61", "65", "71", "81", "82", "83" };
	char first17[] = "..010419900307123", num[IDCARD_LEN + 1];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(first17, bad[i], 2);
		make_id(first17, num);
		expect_reason(num, IDCARD_PROVINCE);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		memcpy(first17, good[i], 2);
		make_id(first17, num);
		expect_reason(num, IDCARD_OK);
	}
}
END_TEST

START_TEST(birth_dates_that_do_not_exist)
{
	static const char *const bad[] = {
		"34010419900230123", /* 30 February */
		"34010419000229123", /* 1900 is not a leap year */
		"34010420010229123", /* nor 2001 */
		"34010419901301123", /* month 13 */
		"34010419900001123", /* month 0 */
		"34010419900100123", /* day 0 */
		"34010419900431123", /* 31 April */
	};
	char num[IDCARD_LEN + 1];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make_id(bad[i], num);
		expect_reason(num, IDCARD_BIRTH_INVALID);
	}
	make_id("34010420000229123", num); /* 2000 is a leap year */
	expect_reason(num, IDCARD_OK);
	make_id("34010419960229123", num);
	expect_reason(num, IDCARD_OK);
}
END_TEST

START_TEST(birth_dates_out_of_range)
{
	char num[IDCARD_LEN + 1];

	make_id("34010420250702123", num); /* tomorrow */
	expect_reason(num, IDCARD_BIRTH_FUTURE);
	make_id("34010430000101123", num);
	expect_reason(num, IDCARD_BIRTH_FUTURE);
	make_id("34010418991231123", num);
	expect_reason(num, IDCARD_BIRTH_TOO_EARLY);
	make_id("34010420250701123", num); /* today */
	expect_reason(num, IDCARD_OK);
}
END_TEST

START_TEST(wrong_check_character)
{
	char num[IDCARD_LEN + 1];

	make_id("34010419900307123", num);
	const char right = num[17];
	for (char c = '0'; c <= '9'; c++) {
		if (c == right)
			continue;
		num[17] = c;
		expect_reason(num, IDCARD_CHECK);
	}
	expect_reason("34010419900307123X", IDCARD_CHECK);
	expect_reason("110105194912310021", IDCARD_CHECK);
	expect_reason("34010419900307213" /* 12 swapped */ "5", IDCARD_CHECK);
}
END_TEST

START_TEST(mask_hides_the_birth_date)
{
	char out[IDCARD_LEN + 1];

	/* the sequence too: with an age beside it, the sequence and the check
	 * character would leave some 33 numbers (doc/architecture.md, Masking) */
	idcard_mask("34010419900307123X", out);
	ck_assert_str_eq(out, "340104***********X");
	idcard_mask("110105194912310021", out);
	ck_assert_str_eq(out, "110105***********1");
	idcard_mask("3401041990030712", out); /* not a stored number: nothing shown */
	ck_assert_str_eq(out, "******************");
	idcard_mask("", out);
	ck_assert_str_eq(out, "******************");
	idcard_mask("34010419900307123X0", out);
	ck_assert_str_eq(out, "******************");
}
END_TEST

START_TEST(anhui_is_the_first_two_digits)
{
	char num[IDCARD_LEN + 1];
	struct idcard id;

	make_id("32010419900307123", num); /* 江苏 */
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert(!idcard_is_anhui(&id));
	make_id("43010419900307123", num); /* 湖南: 3 and 4 the other way round */
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert(!idcard_is_anhui(&id));
	make_id("34000019900307123", num);
	ck_assert_int_eq(parse(num, &id), IDCARD_OK);
	ck_assert(idcard_is_anhui(&id));
}
END_TEST

START_TEST(every_reason_has_a_message)
{
	ck_assert_ptr_null(idcard_reason_msg(IDCARD_OK));
	for (enum idcard_reason r = IDCARD_EMPTY; r <= IDCARD_BIRTH_TOO_EARLY; r++)
		ck_assert_ptr_nonnull(idcard_reason_msg(r));
	ck_assert_str_eq(idcard_reason_msg(IDCARD_OLD_15),
			 "old 15-digit ID number: please use the 18-digit number");
}
END_TEST

Suite *idcard_suite(void)
{
	Suite *s = suite_create("idcard");
	TCase *ok = tcase_create("valid");
	TCase *derive = tcase_create("derive");
	TCase *bad = tcase_create("invalid");
	TCase *show = tcase_create("display");

	tcase_add_test(ok, make_id_agrees_with_the_standard);
	tcase_add_test(ok, standard_example_is_valid);
	tcase_add_test(ok, anhui_numbers_are_valid);
	tcase_add_test(ok, check_character_x_and_typing);
	tcase_add_test(derive, sex_from_the_17th_digit);
	tcase_add_test(derive, age_in_whole_years);
	tcase_add_test(derive, age_of_someone_born_on_29_february);
	tcase_add_test_raise_signal(derive, age_before_birth_is_a_bug, SIGABRT);
	tcase_add_test_raise_signal(derive, today_that_does_not_exist_is_a_bug, SIGABRT);
	tcase_add_test(bad, standard_example_born_1880_is_too_early);
	tcase_add_test(bad, empty_length_and_old_numbers);
	tcase_add_test(bad, characters_other_than_digits_and_x);
	tcase_add_test(bad, province_codes);
	tcase_add_test(bad, birth_dates_that_do_not_exist);
	tcase_add_test(bad, birth_dates_out_of_range);
	tcase_add_test(bad, wrong_check_character);
	tcase_add_test(show, mask_hides_the_birth_date);
	tcase_add_test(show, anhui_is_the_first_two_digits);
	tcase_add_test(show, every_reason_has_a_message);
	suite_add_tcase(s, ok);
	suite_add_tcase(s, derive);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, show);
	return s;
}
