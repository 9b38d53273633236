/* role: names round-trip, unknown names are refused. */
#include "config.h"

#include "core/core.h"
#include "suites.h"

START_TEST(names_round_trip)
{
	for (enum role r = ROLE_COUNTER; r <= ROLE_ADMIN; r++)
		ck_assert_int_eq(role_from_name(role_name(r)), r);
}
END_TEST

START_TEST(unknown_is_none)
{
	ck_assert_int_eq(role_from_name("Counter"), ROLE_NONE);
	ck_assert_int_eq(role_from_name(""), ROLE_NONE);
	ck_assert_int_eq(role_from_name(NULL), ROLE_NONE);
	ck_assert_ptr_null(role_name(ROLE_NONE));
}
END_TEST

Suite *role_suite(void)
{
	Suite *s = suite_create("role");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, names_round_trip);
	tcase_add_test(tc, unknown_is_none);
	suite_add_tcase(s, tc);
	return s;
}
