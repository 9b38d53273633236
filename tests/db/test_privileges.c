/*
 * privileges: the database is the security boundary. A terminal's login
 * reaches nothing but the api functions granted to its group; every api
 * function is SECURITY DEFINER with a pinned search_path; nothing is
 * executable by PUBLIC; the audit log cannot be changed even by the owner.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dbtest.h"

static enum db_status try_sql(struct db_conn *c, const char *sql, struct db_error *err)
{
	db_error_release(err);
	return db_exec(c, sql, 0, NULL, NULL, err);
}

START_TEST(terminals_cannot_touch_tables)
{
	static const char *const attempts[] = {
		"SELECT * FROM wc.staff",
		"SELECT * FROM wc.session",
		"INSERT INTO wc.audit (action) VALUES ('forged')",
		"UPDATE wc.staff SET role = 'admin'",
		"DELETE FROM wc.login_failure",
		"SELECT * FROM wc_meta.migration",
		"SELECT wc_admin.staff_add('x1', 'admin', '340000', 'x', 'password1')",
		"SELECT ext.gen_random_bytes(4)",
		"CREATE TABLE public.t (x int)",
	};
	struct db_conn *admin = dbtest_admin();
	const char *kinds[] = { "kiosk", "staff" };

	for (int k = 0; k < 2; k++) {
		struct db_conn *t = dbtest_terminal(admin, kinds[k], "341524");
		for (size_t i = 0; i < sizeof(attempts) / sizeof(attempts[0]); i++) {
			struct db_error err = DB_ERROR_INIT;
			ck_assert_msg(try_sql(t, attempts[i], &err) == DB_ERR_DENIED,
				      "%s terminal: \"%s\" gave %s %s", kinds[k], attempts[i],
				      err.sqlstate, err.primary ? err.primary : "(success)");
			db_error_release(&err);
		}
		db_conn_free(&t);
	}
	db_conn_free(&admin);
}
END_TEST

START_TEST(kiosk_cannot_sign_in_staff)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "341524");
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(try_sql(kiosk, "SELECT * FROM api.staff_login('a', 'b')", &err),
			 DB_ERR_DENIED);
	db_error_release(&err);
	/* what a kiosk may call, it can */
	ck_assert_int_eq(try_sql(kiosk, "SELECT * FROM api.terminal_info()", &err), DB_OK);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(api_functions_are_definer_and_pinned)
{
	struct db_conn *admin = dbtest_admin();
	char *total = dbtest_value(
		admin, "SELECT count(*) FROM pg_proc WHERE pronamespace = 'api'::regnamespace", 0,
		NULL);
	char *bad = dbtest_value(
		admin,
		"SELECT count(*) FROM pg_proc p WHERE pronamespace = 'api'::regnamespace"
		" AND (NOT prosecdef"
		"  OR NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (proconfig), false)"
		"  OR pg_get_userbyid(proowner) <> 'wc_owner')",
		0, NULL);

	ck_assert_int_gt(atoi(total), 3);
	ck_assert_str_eq(bad, "0");
	free(total);
	free(bad);
	db_conn_free(&admin);
}
END_TEST

START_TEST(nothing_is_executable_by_public)
{
	struct db_conn *admin = dbtest_admin();
	/* A NULL acl means the default, which lets PUBLIC execute. */
	char *bad = dbtest_value(
		admin,
		"SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p"
		" WHERE p.pronamespace IN ('api'::regnamespace, 'wc'::regnamespace,"
		"                          'wc_admin'::regnamespace)"
		" AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a"
		"      WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))",
		0, NULL);

	ck_assert_msg(strcmp(bad, "") == 0, "executable by PUBLIC: %s", bad);
	free(bad);
	db_conn_free(&admin);
}
END_TEST

START_TEST(everything_belongs_to_the_owner)
{
	struct db_conn *admin = dbtest_admin();
	char *bad =
		dbtest_value(admin,
			     "SELECT count(*) FROM pg_class c WHERE c.relnamespace IN"
			     " ('wc'::regnamespace, 'api'::regnamespace, 'wc_admin'::regnamespace)"
			     " AND pg_get_userbyid(c.relowner) <> 'wc_owner'",
			     0, NULL);

	ck_assert_str_eq(bad, "0");
	free(bad);
	db_conn_free(&admin);
}
END_TEST

START_TEST(audit_is_append_only_even_for_the_owner)
{
	struct db_conn *admin = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;

	dbtest_sql(admin, "SET ROLE wc_owner", 0, NULL);
	ck_assert_int_eq(try_sql(admin, "INSERT INTO wc.audit (action) VALUES ('test')", &err),
			 DB_OK);
	ck_assert_int_eq(try_sql(admin, "UPDATE wc.audit SET action = 'changed'", &err),
			 DB_ERR_DENIED);
	ck_assert_int_eq(try_sql(admin, "DELETE FROM wc.audit", &err), DB_ERR_DENIED);
	ck_assert_int_eq(try_sql(admin, "TRUNCATE wc.audit", &err), DB_ERR_DENIED);
	dbtest_sql(admin, "RESET ROLE", 0, NULL);
	/* the superuser is stopped by the trigger */
	ck_assert_int_eq(try_sql(admin, "DELETE FROM wc.audit", &err), DB_ERR_DENIED);
	db_error_release(&err);
	db_conn_free(&admin);
}
END_TEST

Suite *privileges_suite(void)
{
	Suite *s = suite_create("privileges");
	TCase *tc = tcase_create("boundary");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, terminals_cannot_touch_tables);
	tcase_add_test(tc, kiosk_cannot_sign_in_staff);
	tcase_add_test(tc, api_functions_are_definer_and_pinned);
	tcase_add_test(tc, nothing_is_executable_by_public);
	tcase_add_test(tc, everything_belongs_to_the_owner);
	tcase_add_test(tc, audit_is_append_only_even_for_the_owner);
	suite_add_tcase(s, tc);
	return s;
}
