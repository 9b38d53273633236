/*
 * limits: a terminal's login is bounded by its role, whatever client uses
 * it (a stolen kiosk password in psql included): it connects to the
 * platform's database only, makes no temporary tables, is cut off by
 * its statement timeout, opens no more connections than its limit; and
 * the security report names each limit a login has lost.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"

/* The terminal's connection string with more keywords after it: libpq
 * takes the last value of a keyword, so these override. */
static struct db_conn *open_with(const char *info, const char *more)
{
	char buf[768];
	struct db_conn *c;

	snprintf(buf, sizeof(buf), "%s %s", info, more);
	c = db_conn_new(buf, "wanchuang-tests");
	if (!db_conn_open(c))
		db_conn_free(&c);
	return c;
}

START_TEST(a_terminal_reaches_no_other_database)
{
	static const char *const others[] = { "dbname=postgres", "dbname=template1" };
	struct db_conn *admin = dbtest_admin();
	const char *kinds[] = { "kiosk", "staff" };

	for (int k = 0; k < 2; k++) {
		char name[64];
		char *info = dbtest_terminal_add(admin, kinds[k], "341524", name);
		for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
			struct db_conn *c = open_with(info, others[i]);
			ck_assert_msg(c == NULL, "%s terminal connected with %s", kinds[k],
				      others[i]);
		}
		struct db_conn *own = open_with(info, "");
		ck_assert_msg(own != NULL, "%s terminal cannot reach its own database", kinds[k]);
		db_conn_free(&own);
		free(info);
	}
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_terminal_makes_no_temporary_table)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "kiosk", "341524");
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(db_exec(t, "CREATE TEMP TABLE t (x int)", 0, NULL, NULL, &err),
			 DB_ERR_DENIED);
	db_error_release(&err);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

/* The program asks for its own timeout; the role's holds for any other
 * client, so this connection asks for nothing (options cleared). */
START_TEST(the_role_s_statement_timeout_cuts_a_long_statement)
{
	struct db_conn *admin = dbtest_admin();
	char name[64];
	char *info = dbtest_terminal_add(admin, "kiosk", "341524", name);
	struct db_conn *c = open_with(info, "options=''");
	struct db_error err = DB_ERROR_INIT;
	static const char *const settings[] = { "idle_in_transaction_session_timeout",
						"idle_session_timeout" };

	ck_assert(c != NULL);
	ck_assert_int_eq(db_exec(c, "SELECT pg_sleep(8)", 0, NULL, NULL, &err), DB_ERR_TIMEOUT);
	ck_assert_str_eq(err.sqlstate, "57014");
	db_error_release(&err);
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		const char *p[] = { settings[i] };
		char *v = dbtest_value(c, "SELECT current_setting($1)", 1, p);
		ck_assert_msg(strcmp(v, "0") != 0, "%s is not set on the role", settings[i]);
		free(v);
	}
	db_conn_free(&c);
	free(info);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_terminal_opens_no_more_connections_than_its_limit)
{
	struct db_conn *admin = dbtest_admin();
	char name[64];
	char *info = dbtest_terminal_add(admin, "kiosk", "341524", name);
	const char *p[] = { name };
	char *limit =
		dbtest_value(admin, "SELECT rolconnlimit FROM pg_roles WHERE rolname = $1", 1, p);
	int n = atoi(limit);
	struct db_conn *open[16] = { 0 };

	ck_assert_msg(n >= 1 && n < 16, "connection limit %s", limit);
	for (int i = 0; i < n; i++) {
		open[i] = open_with(info, "");
		ck_assert_msg(open[i] != NULL, "connection %d of %d refused", i + 1, n);
	}
	open[n] = open_with(info, "");
	ck_assert_msg(open[n] == NULL, "connection %d beyond the limit of %d accepted", n + 1, n);
	for (int i = 0; i <= n; i++)
		db_conn_free(&open[i]);
	free(limit);
	free(info);
	db_conn_free(&admin);
}
END_TEST

START_TEST(the_report_names_each_limit_a_login_lost)
{
	struct db_conn *admin = dbtest_admin();
	char name[64], sql[256];
	char *info = dbtest_terminal_add(admin, "staff", NULL, name);
	char *d = dbtest_report_detail(admin, "terminal_limits", name);

	ck_assert_msg(*d == '\0', "a new terminal is reported: %s", d);
	free(d);
	snprintf(sql, sizeof(sql), "ALTER ROLE %s CONNECTION LIMIT -1", name);
	dbtest_sql(admin, sql, 0, NULL);
	snprintf(sql, sizeof(sql), "ALTER ROLE %s RESET statement_timeout", name);
	dbtest_sql(admin, sql, 0, NULL);
	snprintf(sql, sizeof(sql), "GRANT CONNECT ON DATABASE postgres TO %s", name);
	dbtest_sql(admin, sql, 0, NULL);
	d = dbtest_report_detail(admin, "terminal_limits", name);
	ck_assert_msg(strstr(d, "connection_limit") && strstr(d, "statement_timeout") &&
			      !strstr(d, "idle_session_timeout"),
		      "the report says: %s", d);
	free(d);
	d = dbtest_report_detail(admin, "terminal_databases", name);
	ck_assert_msg(strcmp(d, "postgres") == 0, "other databases reported: \"%s\"", d);
	free(d);
	snprintf(sql, sizeof(sql), "REVOKE CONNECT ON DATABASE postgres FROM %s", name);
	dbtest_sql(admin, sql, 0, NULL);
	/* a login that cannot sign in needs no limits: the database stays clean
	 * for the runs after this one */
	struct db_error err = DB_ERROR_INIT;
	ck_assert_int_eq(db_terminal_revoke(admin, name, &err), DB_OK);
	d = dbtest_report_detail(admin, "terminal_limits", name);
	ck_assert_msg(*d == '\0', "a revoked terminal is reported: %s", d);
	free(d);
	free(info);
	db_conn_free(&admin);
}
END_TEST

Suite *limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("role");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_terminal_reaches_no_other_database);
	tcase_add_test(tc, a_terminal_makes_no_temporary_table);
	tcase_add_test(tc, the_role_s_statement_timeout_cuts_a_long_statement);
	tcase_add_test(tc, a_terminal_opens_no_more_connections_than_its_limit);
	suite_add_tcase(s, tc);
	tc = tcase_create("report");
	tcase_add_test(tc, the_report_names_each_limit_a_login_lost);
	suite_add_tcase(s, tc);
	return s;
}
