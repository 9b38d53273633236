/*
 * migrate: applies in order, once; refuses edited or missing history; a
 * statement prepared before an upgrade still runs after it.
 * Works on a database of its own, made from a copy of data/sql.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static char dbname[64];
static char sqldir[256];

static struct db_conn *fresh_db(void)
{
	struct db_conn *admin = dbtest_admin();
	char cmd[1024], info[512];
	const char *src = getenv("WANCHUANG_SQLDIR");

	ck_assert_msg(src && *src, "WANCHUANG_SQLDIR is not set");
	snprintf(dbname, sizeof(dbname), "wc_migrate_%d", (int)getpid());
	snprintf(sqldir, sizeof(sqldir), "/tmp/wc-migrate-%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s' && cp '%s'/*.sql '%s'/", sqldir,
		 sqldir, src, sqldir);
	ck_assert_int_eq(system(cmd), 0);
	const char *p[] = { dbname };
	char *create = dbtest_value(admin,
				    "SELECT format('CREATE DATABASE %I TEMPLATE template0 ENCODING "
				    "''UTF8'' LOCALE ''C.UTF-8''', $1::text)",
				    1, p);
	dbtest_sql(admin, create, 0, NULL);
	free(create);
	snprintf(info, sizeof(info), "host=%s port=%s dbname=%s user=%s", db_conn_host(admin),
		 db_conn_port(admin), dbname, "postgres");
	db_conn_free(&admin);
	struct db_conn *c = db_conn_new(info, "wanchuang-tests");
	ck_assert(db_conn_open(c));
	return c;
}

static void drop_db(struct db_conn **c)
{
	struct db_conn *admin = dbtest_admin();
	const char *p[] = { dbname };
	char cmd[512];

	db_conn_free(c);
	char *drop = dbtest_value(admin, "SELECT format('DROP DATABASE %I', $1::text)", 1, p);
	dbtest_sql(admin, drop, 0, NULL);
	free(drop);
	db_conn_free(&admin);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sqldir);
	ck_assert_int_eq(system(cmd), 0);
}

static void append(const char *file, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", sqldir, file);
	f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(applies_once_in_order)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;

	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	ck_assert_int_gt(applied, 4);
	int first = applied;
	char *n = dbtest_value(c, "SELECT count(*) FROM wc_meta.migration", 0, NULL);
	ck_assert_int_eq(atoi(n), first);
	free(n);
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_OK);
	ck_assert_int_eq(applied, 0);
	/* a new file is applied alone */
	append("9000_later.sql", "SET LOCAL ROLE wc_owner;\nCREATE TABLE wc.later (x int);\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_OK);
	ck_assert_int_eq(applied, 1);
	drop_db(&c);
}
END_TEST

START_TEST(a_failing_file_leaves_no_trace)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;

	append("9000_broken.sql", "SET LOCAL ROLE wc_owner;\nCREATE TABLE wc.half (x int);\n"
				  "SELECT no_such_function();\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "9000_broken.sql"));
	char *n = dbtest_value(c, "SELECT count(*) FROM pg_class WHERE relname = 'half'", 0, NULL);
	ck_assert_str_eq(n, "0");
	free(n);
	n = dbtest_value(c, "SELECT count(*) FROM wc_meta.migration WHERE version = '9000'", 0,
			 NULL);
	ck_assert_str_eq(n, "0");
	free(n);
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

START_TEST(edited_history_is_refused)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;
	char path[512];

	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_OK);
	append("0003_accounts.sql", "-- edited after the fact\n");
	append("9000_new.sql", "SELECT 1;\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "0003_accounts.sql"));
	ck_assert_int_eq(applied, 0); /* and the new one was not applied either */

	/* an applied file that is gone */
	snprintf(path, sizeof(path), "%s/0003_accounts.sql", sqldir);
	unlink(path);
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

/* A running kiosk keeps its statements prepared; an upgrade that changes a
 * function's result under one must not make the call fail. */
START_TEST(prepared_statements_outlive_an_upgrade)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	const char *call = "SELECT * FROM public.upgraded()";

	dbtest_sql(c,
		   "CREATE FUNCTION public.upgraded() RETURNS TABLE (a int) LANGUAGE sql AS "
		   "'SELECT 1'",
		   0, NULL);
	for (int i = 0; i < 2; i++) {
		ck_assert(db_exec(c, call, 0, NULL, &r, &err) == DB_OK);
		ck_assert_int_eq(db_result_cols(r), 1);
		db_result_free(&r);
	}
	/* it runs prepared */
	const char *p[] = { call };
	char *n = dbtest_value(
		c, "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", 1, p);
	ck_assert_str_eq(n, "1");
	free(n);
	dbtest_sql(c, "DROP FUNCTION public.upgraded()", 0, NULL);
	dbtest_sql(c,
		   "CREATE FUNCTION public.upgraded() RETURNS TABLE (a int, b text) LANGUAGE sql"
		   " AS 'SELECT 2, ''new'''",
		   0, NULL);
	for (int i = 0; i < 2; i++) {
		ck_assert_msg(db_exec(c, call, 0, NULL, &r, &err) == DB_OK, "%s %s", err.sqlstate,
			      err.primary);
		ck_assert_int_eq(db_result_cols(r), 2);
		ck_assert_str_eq(db_result_get(r, 0, 1), "new");
		db_result_free(&r);
	}
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

Suite *migrate_suite(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("history");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, applies_once_in_order);
	tcase_add_test(tc, a_failing_file_leaves_no_trace);
	tcase_add_test(tc, edited_history_is_refused);
	tcase_add_test(tc, prepared_statements_outlive_an_upgrade);
	suite_add_tcase(s, tc);
	return s;
}
