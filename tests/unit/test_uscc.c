/*
 * uscc: GB 32100 codes. Valid codes beyond the published ones get their
 * check characters from make_uscc and finish_uscc below, written apart
 * from the code under test: weights 3^(i-1) mod 31 by repeated
 * multiplication, GB 11714 letter values from the full Latin alphabet
 * (A=10 … Z=35), check values by (m - sum mod m) mod m.
 */
#include "config.h"

#include <string.h>

#include "core/core.h"
#include "suites.h"

/* first17 plus its GB 32100 check character, into out. */
static void finish_uscc(const char *first17, char out[USCC_LEN + 1])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int sum = 0, weight = 1, check;

	ck_assert_uint_eq(strlen(first17), 17);
	for (int i = 0; i < 17; i++) {
		const char *at = strchr(alphabet, first17[i]);

		ck_assert_ptr_nonnull(at);
		sum += (int)(at - alphabet) * weight;
		weight = weight * 3 % 31;
	}
	check = (31 - sum % 31) % 31;
	memcpy(out, first17, 17);
	out[17] = alphabet[check];
	out[18] = '\0';
}

/* first16 plus the organisation code's check and the final check. */
static void make_uscc(const char *first16, char out[USCC_LEN + 1])
{
	static const char latin[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const int weight[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	char first17[18];
	int sum = 0, check;

	ck_assert_uint_eq(strlen(first16), 16);
	for (int i = 0; i < 8; i++)
		sum += (int)(strchr(latin, first16[8 + i]) - latin) * weight[i];
	check = (11 - sum % 11) % 11;
	memcpy(first17, first16, 16);
	first17[16] = check == 10 ? 'X' : (char)('0' + check);
	first17[17] = '\0';
	finish_uscc(first17, out);
}

static void expect_reason(const char *s, enum uscc_reason want)
{
	struct uscc u;
	enum uscc_reason got = uscc_parse(s, &u);

	ck_assert_msg(got == want, "\"%s\": reason %d, want %d", s, got, want);
}

static void expect_kind(const char *first16, enum uscc_kind want)
{
	char code[USCC_LEN + 1];
	struct uscc u;

	make_uscc(first16, code);
	ck_assert_msg(uscc_parse(code, &u) == USCC_OK, "%s refused", code);
	ck_assert_str_eq(u.code, code);
	ck_assert_msg(u.kind == want, "%s: kind %d, want %d", code, u.kind, want);
}

START_TEST(helpers_agree_with_real_codes)
{
	char code[USCC_LEN + 1];

	make_uscc("9134000071177114", code);
	ck_assert_str_eq(code, "91340000711771143J");
	/* letters in the organisation code, where the two letter values differ */
	make_uscc("91510100MA6BKY6U", code);
	ck_assert_str_eq(code, "91510100MA6BKY6U36");
	make_uscc("91350100M000100Y", code);
	ck_assert_str_eq(code, "91350100M000100Y43");
}
END_TEST

START_TEST(iflytek_is_an_anhui_enterprise)
{
	struct uscc u;

	ck_assert_int_eq(uscc_parse("91340000711771143J", &u), USCC_OK);
	ck_assert_str_eq(u.code, "91340000711771143J");
	ck_assert_int_eq(u.kind, USCC_KIND_ENTERPRISE);
	ck_assert_str_eq(u.division, "340000");
	ck_assert(u.anhui);
	ck_assert(!uscc_kind_is_excluded(u.kind));
}
END_TEST

START_TEST(letters_in_the_organisation_code)
{
	struct uscc u;

	ck_assert_int_eq(uscc_parse("91510100MA6BKY6U36", &u), USCC_OK);
	ck_assert_str_eq(u.division, "510100");
	ck_assert(!u.anhui);
	ck_assert_int_eq(uscc_parse("91350100M000100Y43", &u), USCC_OK);
	ck_assert(!u.anhui); /* 35 福建: the first digit alone is not Anhui */
}
END_TEST

START_TEST(typed_forms_are_accepted)
{
	struct uscc u;

	ck_assert_int_eq(uscc_parse(" 9134 0000 7117 7114 3j ", &u), USCC_OK);
	ck_assert_str_eq(u.code, "91340000711771143J");
	ck_assert_int_eq(uscc_parse("９１３４００００７１１７７１１４３Ｊ", &u), USCC_OK);
	ck_assert_str_eq(u.code, "91340000711771143J");
	ck_assert_int_eq(uscc_parse("91510100ma6bky6u36", &u), USCC_OK);
	ck_assert_str_eq(u.code, "91510100MA6BKY6U36");
}
END_TEST

START_TEST(kinds_by_authority_and_type)
{
	expect_kind("9134010271177114", USCC_KIND_ENTERPRISE);
	expect_kind("92341524MA2N0001", USCC_KIND_INDIVIDUAL_BUSINESS);
	expect_kind("93340223MA2P1234", USCC_KIND_FARMER_COOPERATIVE);
	expect_kind("5134000050001234", USCC_KIND_SOCIAL_GROUP);
	expect_kind("52341102MJ000012", USCC_KIND_PRIVATE_NON_ENTERPRISE);
	expect_kind("5334000012345678", USCC_KIND_FOUNDATION);
	expect_kind("5934000012345678", USCC_KIND_OTHER);
	expect_kind("1134000000312345", USCC_KIND_GOVERNMENT_ORGAN);
	expect_kind("1234010448500123", USCC_KIND_PUBLIC_INSTITUTION);
	expect_kind("1334000012345678", USCC_KIND_MASS_ORGANISATION);
	expect_kind("1934000012345678", USCC_KIND_OTHER);
	expect_kind("N2341524MF000123", USCC_KIND_RURAL_COLLECTIVE);
	expect_kind("N9341524MF000123", USCC_KIND_OTHER);
	expect_kind("31340000MD012345", USCC_KIND_OTHER); /* 律师执业机构 */
	expect_kind("81340104MC012345", USCC_KIND_OTHER); /* 基层工会 */
	expect_kind("7234000012345678", USCC_KIND_OTHER); /* 宗教院校 */
	expect_kind("A1100000MB012345", USCC_KIND_OTHER); /* 军队事业单位 */
	expect_kind("Y1340000MA000001", USCC_KIND_OTHER);
	expect_kind("6210000012345678", USCC_KIND_OTHER);
	expect_kind("2110000012345678", USCC_KIND_OTHER);
	expect_kind("4110000012345678", USCC_KIND_OTHER);
}
END_TEST

START_TEST(art3_excludes_social_groups_and_foundations)
{
	ck_assert(uscc_kind_is_excluded(USCC_KIND_SOCIAL_GROUP));
	ck_assert(uscc_kind_is_excluded(USCC_KIND_FOUNDATION));
	ck_assert(!uscc_kind_is_excluded(USCC_KIND_ENTERPRISE));
	ck_assert(!uscc_kind_is_excluded(USCC_KIND_INDIVIDUAL_BUSINESS));
	ck_assert(!uscc_kind_is_excluded(USCC_KIND_FARMER_COOPERATIVE));
	ck_assert(!uscc_kind_is_excluded(USCC_KIND_PRIVATE_NON_ENTERPRISE));
	ck_assert(!uscc_kind_is_excluded(USCC_KIND_OTHER));
}
END_TEST

static void expect_read(const char *said, enum uscc_kind by_code, const char *code)
{
	const struct org_kind *k = org_kind_read(said, (int)by_code);

	if (!code)
		ck_assert_ptr_null(k);
	else
		ck_assert_msg(k && strcmp(k->code, code) == 0, "%s: %s", said, k ? k->code : "none");
}

START_TEST(roster_kinds_read_with_the_code)
{
	/* the table's own names, whatever the code */
	expect_read("个体工商户", USCC_KIND_ENTERPRISE, "individual_business");
	expect_read("基金会", USCC_KIND_ENTERPRISE, "foundation");
	/* the legal form written: the code's registration decides */
	expect_read("有限责任公司（自然人独资）", USCC_KIND_ENTERPRISE, "small_enterprise");
	expect_read("个人独资企业", USCC_KIND_ENTERPRISE, "small_enterprise");
	expect_read("家庭农场", USCC_KIND_INDIVIDUAL_BUSINESS, "individual_business");
	expect_read("", USCC_KIND_FARMER_COOPERATIVE, "cooperative");
	expect_read("社会服务机构", USCC_KIND_PRIVATE_NON_ENTERPRISE, "private_non_enterprise");
	/* what Art. 3 leaves out stays out, said in words */
	expect_read("有限责任公司（国有独资）", USCC_KIND_ENTERPRISE, "state_owned");
	expect_read("集体所有制", USCC_KIND_ENTERPRISE, "collective");
	/* a code that registers none of them, and words that name none */
	expect_read("事业单位", USCC_KIND_PUBLIC_INSTITUTION, NULL);
	expect_read("其他", USCC_KIND_OTHER, NULL);
}
END_TEST

START_TEST(empty_and_length)
{
	expect_reason("", USCC_EMPTY);
	expect_reason("\xe3\x80\x80", USCC_EMPTY);
	expect_reason("91340000711771143", USCC_LENGTH);
	expect_reason("91340000711771143J0", USCC_LENGTH);
	expect_reason("711771143", USCC_LENGTH); /* the old organisation code alone */
	expect_reason("340100000123456", USCC_LENGTH); /* an old 15-digit registration number */
}
END_TEST

START_TEST(letters_outside_the_alphabet)
{
	static const char bad[] = "IOZSV";
	char code[USCC_LEN + 1];

	for (const char *c = bad; *c; c++) {
		make_uscc("91340000MA2N0001", code);
		code[9] = *c; /* in the organisation code */
		expect_reason(code, USCC_CHARS);
		make_uscc("91340000MA2N0001", code);
		code[17] = *c; /* as the final check */
		expect_reason(code, USCC_CHARS);
	}
	expect_reason("91340000711771143-", USCC_CHARS);
	expect_reason("9134000071177114号J", USCC_CHARS); /* 18 characters, not ASCII */
	expect_reason("91340000711771143\xff", USCC_CHARS);
}
END_TEST

START_TEST(unknown_authority_or_type)
{
	static const char *const pairs[] = { "94", "99", "90", "54", "58", "14", "22",
					     "36", "63", "73", "82", "A2", "N4", "Y2",
					     "Y9", "B1", "01", "M1", "X1" };
	char first16[] = "..34000071177114", code[USCC_LEN + 1];

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		memcpy(first16, pairs[i], 2);
		make_uscc(first16, code); /* both checks right: only the type is wrong */
		expect_reason(code, USCC_TYPE);
	}
}
END_TEST

START_TEST(division_must_be_digits)
{
	char code[USCC_LEN + 1];

	make_uscc("91A4000071177114", code);
	expect_reason(code, USCC_DIVISION);
	make_uscc("913400M071177114", code);
	expect_reason(code, USCC_DIVISION);
}
END_TEST

START_TEST(wrong_organisation_code_check)
{
	char code[USCC_LEN + 1];

	/* 711771143 with a wrong 9th character, the final check made right */
	finish_uscc("91340000711771145", code);
	expect_reason(code, USCC_ORG_CHECK);
	finish_uscc("9134000071177114X", code);
	expect_reason(code, USCC_ORG_CHECK);
	finish_uscc("9134000071177114A", code); /* a letter that is no check value */
	expect_reason(code, USCC_ORG_CHECK);
	/* the GB 32100 letter values would give 5 here, GB 11714's give 3 */
	finish_uscc("91510100MA6BKY6U5", code);
	expect_reason(code, USCC_ORG_CHECK);
}
END_TEST

START_TEST(wrong_final_check)
{
	char code[] = "91340000711771143J";
	const char *alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	for (const char *c = alphabet; *c; c++) {
		if (*c == 'J')
			continue;
		code[17] = *c;
		expect_reason(code, USCC_CHECK);
	}
	expect_reason("91340000711771143K", USCC_CHECK);
	/* digits swapped in the division: the final check catches it */
	expect_reason("91430000711771143J", USCC_CHECK);
}
END_TEST

START_TEST(every_reason_has_a_message)
{
	ck_assert_ptr_null(uscc_reason_msg(USCC_OK));
	for (enum uscc_reason r = USCC_EMPTY; r <= USCC_CHECK; r++)
		ck_assert_ptr_nonnull(uscc_reason_msg(r));
}
END_TEST

Suite *uscc_suite(void)
{
	Suite *s = suite_create("uscc");
	TCase *ok = tcase_create("valid");
	TCase *kind = tcase_create("kind");
	TCase *bad = tcase_create("invalid");

	tcase_add_test(ok, helpers_agree_with_real_codes);
	tcase_add_test(ok, iflytek_is_an_anhui_enterprise);
	tcase_add_test(ok, letters_in_the_organisation_code);
	tcase_add_test(ok, typed_forms_are_accepted);
	tcase_add_test(kind, kinds_by_authority_and_type);
	tcase_add_test(kind, art3_excludes_social_groups_and_foundations);
	tcase_add_test(kind, roster_kinds_read_with_the_code);
	tcase_add_test(bad, empty_and_length);
	tcase_add_test(bad, letters_outside_the_alphabet);
	tcase_add_test(bad, unknown_authority_or_type);
	tcase_add_test(bad, division_must_be_digits);
	tcase_add_test(bad, wrong_organisation_code_check);
	tcase_add_test(bad, wrong_final_check);
	tcase_add_test(bad, every_reason_has_a_message);
	suite_add_tcase(s, ok);
	suite_add_tcase(s, kind);
	suite_add_tcase(s, bad);
	return s;
}
