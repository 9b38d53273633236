/*
 * audit_view: reading the audit log is recorded once per look. The first
 * page of a search writes 查看审计日志 (audit_view) with its filter; the
 * older pages of the same look do not; a reader who starts past the first
 * page without having looked within the hour is recorded all the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbtest.h"

/* The audit_view rows whose filter was action. */
static long views(struct db_conn *admin, const char *action)
{
	const char *p[] = { action };
	char *v = dbtest_value(admin,
			       "SELECT count(*) FROM wc.audit WHERE action = 'audit_view'"
			       " AND detail->>'action' = $1",
			       1, p);
	long n = atol(v);

	free(v);
	return n;
}

/* One page of the log filtered by action, older than before (NULL: the newest). */
static void look(struct db_conn *desk, const char *token, const char *action, const char *before)
{
	const char *p[] = { token, action, before };

	free(dbtest_value(desk, "SELECT count(*) FROM api.audit_list($1, $2, NULL, $3::bigint, 5)",
			  3, p));
}

START_TEST(one_row_per_look_not_per_page)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *token = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);
	char action[64];

	/* a filter of this run alone: the database outlives runs */
	snprintf(action, sizeof(action), "view_%ld_%ld", (long)getpid(), (long)time(NULL));
	look(desk, token, action, NULL);
	ck_assert_int_eq(views(admin, action), 1);
	look(desk, token, action, "9223372036854775807");
	look(desk, token, action, "9223372036854775806");
	ck_assert_int_eq(views(admin, action), 1);
	look(desk, token, action, NULL);
	ck_assert_int_eq(views(admin, action), 2);
	free(token);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_look_starting_past_the_first_page_is_recorded)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *token = dbtest_sign_in(admin, desk, "bureau", "340000", NULL);
	char action[64];

	snprintf(action, sizeof(action), "skip_%ld_%ld", (long)getpid(), (long)time(NULL));
	look(desk, token, action, "9223372036854775807");
	ck_assert_int_eq(views(admin, action), 1);
	free(token);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

Suite *audit_view_suite(void)
{
	Suite *s = suite_create("audit_view");
	TCase *tc = tcase_create("paging");

	tcase_add_test(tc, one_row_per_look_not_per_page);
	tcase_add_test(tc, a_look_starting_past_the_first_page_is_recorded);
	suite_add_tcase(s, tc);
	return s;
}
