/*
 * auth: staff sign-in works, fails without telling which names exist,
 * locks after five failures for fifteen minutes, throttles a terminal,
 * and tokens expire, end, and belong to one terminal.
 */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static const char *const PW = "Correct-horse-1";

static enum db_login login(struct db_conn *t, const char *user, const char *pw,
			   struct staff_session *s)
{
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	enum db_login rc = db_staff_login(t, user, pw, s, &until, &err);

	ck_assert_msg(rc != DB_LOGIN_ERROR, "login error: %s", err.primary);
	if (rc == DB_LOGIN_LOCKED)
		ck_assert_msg(until && strlen(until) == 5, "locked without a time");
	free(until);
	db_error_release(&err);
	return rc;
}

static enum db_status whoami(struct db_conn *t, const char *token)
{
	struct staff_account a = { 0 };
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_staff_whoami(t, token, &a, &err);

	staff_account_release(&a);
	db_error_release(&err);
	return st;
}

START_TEST(right_password_signs_in)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	char *user = xstrdup(dbtest_staff(admin, "counter", "340223", PW));
	struct staff_session s = { 0 };

	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_OK);
	ck_assert_uint_eq(strlen(s.token), 64);
	ck_assert_int_eq(s.role, ROLE_COUNTER);
	ck_assert_str_eq(s.region_name, "南陵县");
	ck_assert_int_eq(whoami(t, s.token), DB_OK);
	/* only the hash is stored */
	const char *p[] = { s.token };
	char *n = dbtest_value(admin,
			       "SELECT count(*) FROM wc.session WHERE token_hash = "
			       "convert_to($1, 'UTF8') OR encode(token_hash, 'hex') = $1",
			       1, p);
	ck_assert_str_eq(n, "0");
	free(n);
	/* user names are not case-sensitive */
	staff_session_release(&s);
	for (char *c = user; *c; c++)
		*c = (char)(*c == 'u' ? 'U' : *c);
	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_OK);
	staff_session_release(&s);
	free(user);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(wrong_password_and_unknown_user_look_alike)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	const char *user = dbtest_staff(admin, "operator", "340000", PW);
	struct staff_session s = { 0 };

	ck_assert_int_eq(login(t, user, "wrong-password", &s), DB_LOGIN_INVALID);
	ck_assert_int_eq(login(t, "nobody-here", PW, &s), DB_LOGIN_INVALID);
	ck_assert_int_eq(login(t, "", "", &s), DB_LOGIN_INVALID);
	ck_assert_ptr_null(s.token);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(five_failures_lock_for_fifteen_minutes)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	char *user = xstrdup(dbtest_staff(admin, "supervisor", "340000", PW));
	struct staff_session s = { 0 };
	const char *p[] = { user };

	for (int i = 1; i <= 4; i++)
		ck_assert_int_eq(login(t, user, "wrong", &s), DB_LOGIN_INVALID);
	ck_assert_int_eq(login(t, user, "wrong", &s), DB_LOGIN_LOCKED);
	/* locked: even the right password is refused */
	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_LOCKED);
	char *mins = dbtest_value(admin,
				  "SELECT round(extract(epoch FROM locked_until - now()) / 60)"
				  " FROM wc.login_failure WHERE username = $1",
				  1, p);
	ck_assert_str_eq(mins, "15");
	free(mins);
	/* fifteen minutes later */
	dbtest_sql(admin,
		   "UPDATE wc.login_failure SET locked_until = now() - interval '1 s'"
		   " WHERE username = $1",
		   1, p);
	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_OK);
	staff_session_release(&s);
	/* unknown names lock the same way: the lock tells nothing */
	char ghost[32];
	snprintf(ghost, sizeof(ghost), "ghost%d", (int)getpid());
	for (int i = 1; i <= 4; i++)
		ck_assert_int_eq(login(t, ghost, "x", &s), DB_LOGIN_INVALID);
	ck_assert_int_eq(login(t, ghost, "x", &s), DB_LOGIN_LOCKED);
	char *audit = dbtest_value(admin,
				   "SELECT count(*) FROM wc.audit WHERE object = $1"
				   " AND action IN ('login_failed', 'login_locked')",
				   1, p);
	ck_assert_str_eq(audit, "5");
	free(audit);
	free(user);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_terminal_that_keeps_failing_is_throttled)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	struct db_conn *other = dbtest_terminal(admin, "staff", NULL);
	const char *user = dbtest_staff(admin, "bureau", "340000", PW);
	struct staff_session s = { 0 };
	char name[32];

	dbtest_sql(admin, "UPDATE wc.setting SET value = '6' WHERE name = 'terminal_max_failures'",
		   0, NULL);
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof(name), "guess%d", i);
		ck_assert_int_eq(login(t, name, "x", &s), DB_LOGIN_INVALID);
	}
	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_THROTTLED);
	ck_assert_int_eq(login(other, user, PW, &s), DB_LOGIN_OK);
	staff_session_release(&s);
	dbtest_sql(admin, "UPDATE wc.setting SET value = '30' WHERE name = 'terminal_max_failures'",
		   0, NULL);
	db_conn_free(&other);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

/* 64 wrong sign-ins sent at once from one terminal: the throttle counts
 * them one after another, so exactly the limit are tried and recorded
 * and the rest are turned away (each caller in a process of its own). */
static bool wrong_sign_in(int i, struct db_conn *c, void *arg)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char user[32], *until = NULL;
	enum db_login rc;

	(void)arg;
	/* names of their own: failures also count against a user name, and
	 * the database outlives this run */
	snprintf(user, sizeof(user), "race%d.%d", (int)getpid(), i);
	rc = db_staff_login(c, user, "x", &s, &until, &err);
	return rc == DB_LOGIN_INVALID || rc == DB_LOGIN_THROTTLED;
}

START_TEST(parallel_failures_from_one_terminal_stop_at_the_limit)
{
	struct db_conn *admin = dbtest_admin();
	char name[1][64];
	char *info = dbtest_terminal_add(admin, "staff", NULL, name[0]);

	ck_assert_int_eq(dbtest_race(admin, 64, 1, name, &info, NULL, wrong_sign_in, NULL), 0);
	const char *p[] = { name[0] };
	char *tried = dbtest_value(admin,
				   "SELECT count(*) FROM wc.login_attempt WHERE terminal = $1 AND "
				   "NOT succeeded",
				   1, p);
	char *limit = dbtest_value(
		admin, "SELECT value FROM wc.setting WHERE name = 'terminal_max_failures'", 0,
		NULL);
	ck_assert_msg(atoi(tried) == atoi(limit), "%s failures recorded against a limit of %s",
		      tried, limit);
	free(tried);
	free(limit);
	free(info);
	db_conn_free(&admin);
}
END_TEST

START_TEST(tokens_expire_end_and_stay_on_their_terminal)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	struct db_conn *other = dbtest_terminal(admin, "staff", NULL);
	const char *user = dbtest_staff(admin, "provider", "340104", PW);
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_OK);
	const char *p[] = { s.token };
	ck_assert_int_eq(whoami(other, s.token), DB_ERR_SESSION); /* stolen token */
	ck_assert_int_eq(whoami(t, "not-a-token"), DB_ERR_SESSION);
	ck_assert_int_eq(whoami(t, s.token), DB_OK);

	/* idle past the limit */
	dbtest_sql(admin,
		   "UPDATE wc.session SET last_seen = now() - interval '31 minutes'"
		   " WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
		   1, p);
	ck_assert_int_eq(whoami(t, s.token), DB_ERR_SESSION);
	dbtest_sql(admin,
		   "UPDATE wc.session SET last_seen = now()"
		   " WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
		   1, p);
	ck_assert_int_eq(whoami(t, s.token), DB_OK);

	/* past its lifetime */
	dbtest_sql(admin,
		   "UPDATE wc.session SET expires_at = now() - interval '1 s'"
		   " WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
		   1, p);
	ck_assert_int_eq(whoami(t, s.token), DB_ERR_SESSION);
	staff_session_release(&s);

	/* signed out */
	ck_assert_int_eq(login(t, user, PW, &s), DB_LOGIN_OK);
	ck_assert_int_eq(db_staff_logout(t, s.token, &err), DB_OK);
	ck_assert_int_eq(whoami(t, s.token), DB_ERR_SESSION);
	staff_session_release(&s);
	db_conn_free(&other);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(terminal_knows_its_county)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *k = dbtest_terminal(admin, "kiosk", "341524");
	struct terminal_info ti = { 0 };
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(db_terminal_info(k, &ti, &err), DB_OK);
	ck_assert_str_eq(ti.kind, "kiosk");
	ck_assert_str_eq(ti.region_name, "金寨县");
	ck_assert_str_eq(ti.city_name, "六安市");
	terminal_info_release(&ti);
	/* an unregistered login (the administrator) is nobody's terminal */
	ck_assert_int_eq(db_terminal_info(admin, &ti, &err), DB_OK);
	ck_assert_str_eq(ti.kind, "");
	terminal_info_release(&ti);
	db_conn_free(&k);
	db_conn_free(&admin);
}
END_TEST

START_TEST(accounts_are_checked_when_made)
{
	struct db_conn *admin = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(
		db_staff_add(admin, "c1x", "counter", "340000", "n", "Valid-pass-2026", NULL, &err),
		DB_ERR_SERVER); /* counter staff belong to a county or city */
	ck_assert_int_eq(db_staff_add(admin, "c2x", "supervisor", "340223", "n", "Valid-pass-2026",
				      NULL, &err),
			 DB_ERR_SERVER); /* province-wide roles */
	ck_assert_int_eq(
		db_staff_add(admin, "c3x", "counter", "349999", "n", "Valid-pass-2026", NULL, &err),
		DB_ERR_SERVER); /* no such region */
	ck_assert_int_eq(db_staff_add(admin, "c4x", "counter", "340223", "n", "short", NULL, &err),
			 DB_ERR_SERVER);
	ck_assert_int_eq(db_terminal_add(admin, "pg_evil", "kiosk", "341524", "x", &err),
			 DB_ERR_SERVER);
	ck_assert_int_eq(
		db_terminal_add(admin, "k\"; DROP ROLE x; --", "kiosk", "341524", "x", &err),
		DB_ERR_SERVER);
	ck_assert_int_eq(db_terminal_add(admin, "kiosk_city", "kiosk", "340100", "x", &err),
			 DB_ERR_SERVER); /* a kiosk stands in a county */
	/* the server takes a login's SCRAM verifier, never a clear password */
	char name[40];
	snprintf(name, sizeof(name), "clear_%d", (int)getpid());
	const char *clear[] = { name, "Clear-text-password-1" };
	ck_assert_int_eq(db_exec(admin, "SELECT wc_admin.terminal_add($1, 'staff', NULL, $2)", 2,
				 clear, NULL, &err),
			 DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "22023");
	db_error_release(&err);
	db_conn_free(&admin);
}
END_TEST

START_TEST(administrators_passwords_must_be_changed_first)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char user[32], *until = NULL;

	snprintf(user, sizeof(user), "mc%d", (int)getpid());
	ck_assert_int_eq(
		db_staff_add(admin, user, "bureau", "340000", "周涛", "Set-by-admin-7", NULL, &err),
		DB_OK);
	ck_assert_int_eq(db_staff_login(t, user, "Set-by-admin-7", &s, &until, &err), DB_LOGIN_OK);
	ck_assert(s.must_change);
	/* nothing else until it is changed */
	ck_assert_int_eq(whoami(t, s.token), DB_ERR_SERVER);
	static const struct {
		const char *pw, *why;
	} weak[] = { { "short1", "length" },
		     { "onlyletterslong", "classes" },
		     { "1qaz2wsx1qaz", NULL },
		     { "Aa12345678", "common" } };
	for (size_t i = 0; i < sizeof(weak) / sizeof(weak[0]); i++) {
		ck_assert_int_eq(
			db_staff_change_password(t, s.token, "Set-by-admin-7", weak[i].pw, &err),
			weak[i].why ? DB_ERR_SERVER : DB_OK);
		if (!weak[i].why) { /* it was fine: put the admin's back for the next cases */
			dbtest_sql(admin,
				   "UPDATE wc.staff SET must_change = true WHERE username = $1", 1,
				   (const char *const[]){ user });
			ck_assert_int_eq(db_staff_change_password(t, s.token, "1qaz2wsx1qaz",
								  "Set-by-admin-7", &err),
					 DB_OK);
			dbtest_sql(admin,
				   "UPDATE wc.staff SET must_change = true WHERE username = $1", 1,
				   (const char *const[]){ user });
			continue;
		}
		ck_assert_str_eq(err.sqlstate, "WC030");
		ck_assert_str_eq(err.detail, weak[i].why);
	}
	char with_name[64];
	snprintf(with_name, sizeof(with_name), "x%sX2026", user);
	ck_assert_int_eq(db_staff_change_password(t, s.token, "Set-by-admin-7", with_name, &err),
			 DB_ERR_SERVER);
	ck_assert_str_eq(err.detail, "username");
	ck_assert_int_eq(
		db_staff_change_password(t, s.token, "wrong-current-1", "Mine-own-2026", &err),
		DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC032");
	ck_assert_int_eq(
		db_staff_change_password(t, s.token, "Set-by-admin-7", "Mine-own-2026", &err),
		DB_OK);
	ck_assert_int_eq(whoami(t, s.token), DB_OK);
	staff_session_release(&s);
	/* disabled: sign-in fails like a wrong password, sessions end */
	ck_assert_int_eq(db_staff_login(t, user, "Mine-own-2026", &s, &until, &err), DB_LOGIN_OK);
	ck_assert_int_eq(db_staff_set_disabled(admin, user, true, &err), DB_OK);
	ck_assert_int_eq(whoami(t, s.token), DB_ERR_SESSION);
	staff_session_release(&s);
	ck_assert_int_eq(db_staff_login(t, user, "Mine-own-2026", &s, &until, &err),
			 DB_LOGIN_INVALID);
	db_error_release(&err);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

Suite *auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *in = tcase_create("sign_in");
	TCase *tok = tcase_create("tokens");
	TCase *adm = tcase_create("accounts");

	tcase_set_timeout(in, 60);
	tcase_add_test(in, right_password_signs_in);
	tcase_add_test(in, wrong_password_and_unknown_user_look_alike);
	tcase_add_test(in, five_failures_lock_for_fifteen_minutes);
	tcase_add_test(in, a_terminal_that_keeps_failing_is_throttled);
	tcase_add_test(in, parallel_failures_from_one_terminal_stop_at_the_limit);
	tcase_add_test(tok, tokens_expire_end_and_stay_on_their_terminal);
	tcase_add_test(tok, terminal_knows_its_county);
	tcase_add_test(adm, accounts_are_checked_when_made);
	tcase_add_test(adm, administrators_passwords_must_be_changed_first);
	tcase_set_timeout(adm, 60);
	suite_add_tcase(s, in);
	suite_add_tcase(s, tok);
	suite_add_tcase(s, adm);
	return s;
}
