/*
 * terminal_key: behind a pool shared by the terminals of a kind the
 * server sees the pool's login (wc_pool_kiosk, wc_pool_staff), and the
 * terminal is the one whose key the sign-ins and terminal_info carry
 * (wc.caller_terminal). A pool's login without a key, with a key of the
 * other kind, or with a revoked or replaced terminal's key, is refused
 * (SQLSTATE WC003); a kiosk's key gets its own county, and its sign-ins
 * are throttled against it alone. Later calls carry only the token.
 *
 * The pool's login is taken with SET SESSION AUTHORIZATION on the
 * administrator's connection: session_user is then the pool's, as behind
 * PgBouncer, and no password of a shared login changes under a test that
 * runs at the same time (tests/e2e/pooler.sh goes through PgBouncer).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"


/* A new terminal of kind in region and its key: name filled, key returned
 * (caller frees). */
static char *keyed_terminal(struct db_conn *admin, const char *kind, const char *region,
			    char name[64])
{
	struct db_error err = DB_ERROR_INIT;
	char *key = NULL;

	free(dbtest_terminal_add(admin, kind, region, name));
	ck_assert_msg(db_terminal_new_key(admin, name, &key, &err) == DB_OK, "new key: %s",
		      err.primary);
	ck_assert_uint_eq(strlen(key), 64);
	return key;
}

/* terminal_info through c: "" when it succeeds (info filled), else the
 * SQLSTATE and DETAIL of the refusal. */
static void info_through(struct db_conn *c, struct terminal_info *info, char out[64])
{
	struct db_error err = DB_ERROR_INIT;

	if (db_terminal_info(c, info, &err) == DB_OK)
		out[0] = '\0';
	else
		snprintf(out, 64, "%s %s", err.sqlstate, err.detail ? err.detail : "");
	db_error_release(&err);
}

/* The refusal a call of terminal_info through kind's pool with key gets
 * ("" when it is let through). */
static void refusal_of(const char *kind, const char *key, char out[64])
{
	struct db_conn *c = dbtest_pool(kind, key);
	struct terminal_info info = { 0 };

	info_through(c, &info, out);
	terminal_info_release(&info);
	db_conn_free(&c);
}

START_TEST(a_kiosk_s_key_through_the_pool_names_its_kiosk_and_county)
{
	struct db_conn *admin = dbtest_admin();
	char name[64], id[19], got[64];
	char *key = keyed_terminal(admin, "kiosk", "341524", name);
	struct db_conn *pool = dbtest_pool("kiosk", key), *later = dbtest_pool("kiosk", NULL);
	struct terminal_info info = { 0 };
	struct db_error err = DB_ERROR_INIT;

	info_through(pool, &info, got);
	ck_assert_msg(got[0] == '\0', "terminal_info refused: %s", got);
	ck_assert_str_eq(info.kind, "kiosk");
	ck_assert_str_eq(info.region_code, "341524");
	terminal_info_release(&info);

	char *person = dbtest_person(admin, "{}", "intending", id);
	char *token = dbtest_citizen(pool, id);
	const char *p[] = { token };
	char *where = dbtest_value(
		admin,
		"SELECT terminal FROM wc.citizen_session WHERE token_hash = wc.token_hash($1)", 1,
		p);
	ck_assert_str_eq(where, name);
	/* later calls carry the token only, through any connection of the pool */
	char *who = dbtest_value(later, "SELECT name_masked FROM api.citizen_whoami($1)", 1, p);
	ck_assert_str_eq(who, "张**");
	free(who);
	ck_assert_int_eq(db_citizen_logout(later, token, &err), DB_OK);
	char *ended = dbtest_value(admin,
				   "SELECT ended_at IS NOT NULL FROM wc.citizen_session WHERE "
				   "token_hash = wc.token_hash($1)",
				   1, p);
	ck_assert_str_eq(ended, "t");
	free(ended);
	free(where);
	free(token);
	free(person);
	free(key);
	db_conn_free(&later);
	db_conn_free(&pool);
	db_conn_free(&admin);
}
END_TEST

START_TEST(the_pool_refuses_a_call_without_a_key)
{
	char got[64];
	struct db_conn *pool = dbtest_pool("kiosk", NULL);
	struct citizen_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;

	refusal_of("kiosk", NULL, got);
	ck_assert_str_eq(got, "WC003 no_key");
	refusal_of("staff", NULL, got);
	ck_assert_str_eq(got, "WC003 no_key");
	ck_assert_int_eq(db_citizen_login(pool, "340104199001011234", "583920", &s, &until, &err),
			 DB_LOGIN_ERROR);
	ck_assert_str_eq(err.sqlstate, "WC003");
	/* the screens say the terminal is not allowed, and whom to ask */
	ck_assert_int_eq(err.status, DB_ERR_DENIED);
	db_error_release(&err);
	db_conn_free(&pool);
}
END_TEST

START_TEST(the_pool_refuses_a_key_of_the_other_kind_or_none_such)
{
	struct db_conn *admin = dbtest_admin();
	char kiosk[64], staff[64], got[64];
	char *kkey = keyed_terminal(admin, "kiosk", "341524", kiosk);
	char *skey = keyed_terminal(admin, "staff", NULL, staff);

	refusal_of("staff", kkey, got);
	ck_assert_str_eq(got, "WC003 other_kind");
	refusal_of("kiosk", skey, got);
	ck_assert_str_eq(got, "WC003 other_kind");
	refusal_of("kiosk", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
		   got);
	ck_assert_str_eq(got, "WC003 unknown_key");

	/* a staff sign-in with a kiosk's key through the staff pool */
	static const char pw[] = "Sign-in-pass-2026";
	const char *user = dbtest_staff(admin, "counter", "341524", pw);
	struct db_conn *pool = dbtest_pool("staff", kkey);
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	ck_assert_int_eq(db_staff_login(pool, user, pw, &s, &until, &err), DB_LOGIN_ERROR);
	ck_assert_str_eq(err.sqlstate, "WC003");
	db_error_release(&err);
	db_conn_free(&pool);

	/* with its own key, it signs in, and later calls need no key */
	pool = dbtest_pool("staff", skey);
	struct db_conn *later = dbtest_pool("staff", NULL);
	ck_assert_int_eq(db_staff_login(pool, user, pw, &s, &until, &err), DB_LOGIN_OK);
	struct staff_account acct = { 0 };
	ck_assert_msg(db_staff_whoami(later, s.token, &acct, &err) == DB_OK, "whoami: %s %s",
		      err.sqlstate, err.primary);
	staff_account_release(&acct);
	staff_session_release(&s);
	free(kkey);
	free(skey);
	db_conn_free(&later);
	db_conn_free(&pool);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_revoked_or_replaced_key_is_refused_and_other_kiosks_go_on)
{
	struct db_conn *admin = dbtest_admin();
	char gone[64], other[64], renewed[64], got[64];
	char *gone_key = keyed_terminal(admin, "kiosk", "341524", gone);
	char *other_key = keyed_terminal(admin, "kiosk", "341524", other);
	char *old_key = keyed_terminal(admin, "kiosk", "341524", renewed);
	struct db_error err = DB_ERROR_INIT;
	char *new_key = NULL;

	ck_assert_int_eq(db_terminal_revoke(admin, gone, &err), DB_OK);
	refusal_of("kiosk", gone_key, got);
	ck_assert_str_eq(got, "WC003 unknown_key");
	refusal_of("kiosk", other_key, got);
	ck_assert_str_eq(got, "");
	/* a revoked terminal gets no new key either */
	ck_assert_int_ne(db_terminal_new_key(admin, gone, &new_key, &err), DB_OK);
	db_error_release(&err);

	ck_assert_int_eq(db_terminal_new_key(admin, renewed, &new_key, &err), DB_OK);
	refusal_of("kiosk", old_key, got);
	ck_assert_str_eq(got, "WC003 unknown_key");
	refusal_of("kiosk", new_key, got);
	ck_assert_str_eq(got, "");
	free(gone_key);
	free(other_key);
	free(old_key);
	free(new_key);
	db_conn_free(&admin);
}
END_TEST

START_TEST(sign_ins_through_the_pool_are_throttled_per_kiosk)
{
	struct db_conn *admin = dbtest_admin();
	char busy[64], calm[64], id[19];
	char *busy_key = keyed_terminal(admin, "kiosk", "341524", busy);
	char *calm_key = keyed_terminal(admin, "kiosk", "341524", calm);
	char *person = dbtest_person(admin, "{}", "intending", id);
	const char *p[] = { busy };
	struct citizen_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;

	dbtest_sql(admin,
		   "INSERT INTO wc.login_attempt (terminal, username, succeeded)"
		   " SELECT $1, '-', false FROM generate_series(1, "
		   "wc.setting_int('terminal_max_failures'))",
		   1, p);
	struct db_conn *pool = dbtest_pool("kiosk", busy_key);
	ck_assert_int_eq(db_citizen_login(pool, id, "583920", &s, &until, &err),
			 DB_LOGIN_THROTTLED);
	db_conn_free(&pool);
	pool = dbtest_pool("kiosk", calm_key);
	ck_assert_int_eq(db_citizen_login(pool, id, "583920", &s, &until, &err), DB_LOGIN_OK);
	citizen_session_release(&s);
	free(person);
	free(busy_key);
	free(calm_key);
	db_conn_free(&pool);
	db_conn_free(&admin);
}
END_TEST

START_TEST(the_report_lists_terminals_without_a_key)
{
	struct db_conn *admin = dbtest_admin();
	char name[64];
	char *d, *key;

	free(dbtest_terminal_add(admin, "kiosk", "341524", name));
	d = dbtest_report_detail(admin, "terminals_without_key", name);
	ck_assert_str_eq(d, "kiosk 341524");
	free(d);
	key = keyed_terminal(admin, "kiosk", "341524", name);
	d = dbtest_report_detail(admin, "terminals_without_key", name);
	ck_assert_str_eq(d, "");
	free(d);
	free(key);
	db_conn_free(&admin);
}
END_TEST

START_TEST(the_report_names_a_pool_login_in_more_than_its_group)
{
	struct db_conn *admin = dbtest_admin();
	char role[64], sql[256];
	char *d;

	d = dbtest_report_detail(admin, "pool_login_groups", "wc_pool_kiosk");
	ck_assert_msg(*d == '\0', "wc_pool_kiosk is reported: %s", d);
	free(d);
	/* a name no run has used: a terminal's, made for it */
	free(dbtest_terminal_add(admin, "staff", NULL, role));
	strcat(role, "_group");
	snprintf(sql, sizeof(sql), "CREATE ROLE %s NOLOGIN", role);
	dbtest_sql(admin, sql, 0, NULL);
	snprintf(sql, sizeof(sql), "GRANT %s TO wc_pool_kiosk", role);
	dbtest_sql(admin, sql, 0, NULL);
	d = dbtest_report_detail(admin, "pool_login_groups", "wc_pool_kiosk");
	/* the database stays clean for the tests and runs after this one */
	snprintf(sql, sizeof(sql), "DROP ROLE %s", role);
	dbtest_sql(admin, sql, 0, NULL);
	ck_assert_str_eq(d, role);
	free(d);
	db_conn_free(&admin);
}
END_TEST

Suite *terminal_key_suite(void)
{
	Suite *s = suite_create("terminal_key");
	TCase *tc = tcase_create("pool");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_kiosk_s_key_through_the_pool_names_its_kiosk_and_county);
	tcase_add_test(tc, the_pool_refuses_a_call_without_a_key);
	tcase_add_test(tc, the_pool_refuses_a_key_of_the_other_kind_or_none_such);
	tcase_add_test(tc, a_revoked_or_replaced_key_is_refused_and_other_kiosks_go_on);
	tcase_add_test(tc, sign_ins_through_the_pool_are_throttled_per_kiosk);
	suite_add_tcase(s, tc);
	tc = tcase_create("report");
	tcase_add_test(tc, the_report_lists_terminals_without_a_key);
	tcase_add_test(tc, the_report_names_a_pool_login_in_more_than_its_group);
	suite_add_tcase(s, tc);
	return s;
}
