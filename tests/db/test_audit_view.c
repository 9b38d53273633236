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

/* A staff member of role at a desk of their own, and a filter of this
 * run alone (the database outlives runs) to count their looks by. */
struct reader {
	struct db_conn *admin, *desk;
	char *token;
	char action[64];
};

static void reader_open(struct reader *r, const char *role)
{
	r->admin = dbtest_admin();
	r->desk = dbtest_terminal(r->admin, "staff", NULL);
	r->token = dbtest_sign_in(r->admin, r->desk, role, "340000", NULL);
	snprintf(r->action, sizeof(r->action), "%s_%ld_%ld", role, (long)getpid(),
		 (long)time(NULL));
}

static void reader_close(struct reader *r)
{
	free(r->token);
	db_conn_free(&r->desk);
	db_conn_free(&r->admin);
}

START_TEST(one_row_per_look_not_per_page)
{
	struct reader r;

	reader_open(&r, "supervisor");
	look(r.desk, r.token, r.action, NULL);
	ck_assert_int_eq(views(r.admin, r.action), 1);
	look(r.desk, r.token, r.action, "9223372036854775807");
	look(r.desk, r.token, r.action, "9223372036854775806");
	ck_assert_int_eq(views(r.admin, r.action), 1);
	look(r.desk, r.token, r.action, NULL);
	ck_assert_int_eq(views(r.admin, r.action), 2);
	reader_close(&r);
}
END_TEST

START_TEST(a_look_starting_past_the_first_page_is_recorded)
{
	struct reader r;

	reader_open(&r, "bureau");
	look(r.desk, r.token, r.action, "9223372036854775807");
	ck_assert_int_eq(views(r.admin, r.action), 1);
	reader_close(&r);
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
