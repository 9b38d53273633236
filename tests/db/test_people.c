/*
 * people: registration at the counter, county scope, personal data kept
 * out of sight (keyed hash, encryption, masks, audited reveals), PINs
 * and the kiosk's sign-in with its lock.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbtest.h"

static const char *const PW = "Counter-pass-1";

static struct db_conn *counter(struct db_conn *admin, const char *region, char **token)
{
	struct db_conn *t = dbtest_terminal(admin, "staff", NULL);
	const char *user = dbtest_staff(admin, "counter", region, PW);
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;

	ck_assert_int_eq(db_staff_login(t, user, PW, &s, &until, &err), DB_LOGIN_OK);
	*token = xstrdup(s.token);
	staff_session_release(&s);
	return t;
}

/* Register with the common fields; returns the status and the sqlstate. */
static enum db_status reg(struct db_conn *t, const char *token, const char *id,
			  const char *residence, const char *code, const char *kind,
			  const char *override, char *person_id, char state[6])
{
	const char *p[] = { token,
			    id,
			    "王强",
			    "138 0000 1234",
			    "340104",
			    residence,
			    "{veteran,graduate}",
			    "退役军人证",
			    "started",
			    code,
			    code ? "合肥某商贸有限公司" : NULL,
			    kind,
			    code ? "2024-09-01" : NULL,
			    override };
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	enum db_status st = db_exec(
		t,
		"SELECT api.person_register($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
		" $13, $14)",
		14, p, &r, &err);

	snprintf(state, 6, "%s", err.sqlstate);
	if (st == DB_OK && person_id)
		snprintf(person_id, 24, "%s", db_result_get(r, 0, 0));
	db_result_free(&r);
	db_error_release(&err);
	return st;
}

START_TEST(register_and_keep_numbers_out_of_sight)
{
	struct db_conn *admin = dbtest_admin();
	char *tok, id[19], pid[24], state[6];
	struct db_conn *t = counter(admin, "340104", &tok);

	dbtest_id_number(id);
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, pid, state), DB_OK);
	/* the number is nowhere in clear */
	const char *q[] = { id, pid, "13800001234" };
	char *n =
		dbtest_value(admin,
			     "SELECT count(*) FROM wc.person p WHERE p.id = $2::bigint AND"
			     " (position($1 IN p::text) > 0 OR position($3 IN p::text) > 0"
			     "  OR position(encode(convert_to($1, 'UTF8'), 'hex') IN p::text) > 0)",
			     3, q);
	ck_assert_str_eq(n, "0");
	free(n);
	/* found by exact number (full-width digits too), shown masked */
	char full[64];
	snprintf(full, sizeof(full), "%s", id);
	const char *f[] = { tok, full, NULL, NULL };
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	ck_assert_int_eq(
		db_exec(t, "SELECT * FROM api.person_find($1, $2, $3, $4)", 4, f, &r, &err), DB_OK);
	ck_assert_int_eq(db_result_rows(r), 1);
	ck_assert_ptr_null(strstr(db_result_get(r, 0, 2), id + 6));
	ck_assert_int_eq(strncmp(db_result_get(r, 0, 2), id, 6), 0);
	ck_assert_str_eq(db_result_get(r, 0, 3), "*******1234");
	db_result_free(&r);
	/* by name and the mobile's last 4 */
	const char *g[] = { tok, NULL, "王强", "1234" };
	ck_assert_int_eq(
		db_exec(t, "SELECT * FROM api.person_find($1, $2, $3, $4)", 4, g, &r, &err), DB_OK);
	ck_assert_int_ge(db_result_rows(r), 1);
	db_result_free(&r);
	/* the full number only through the audited reveal */
	const char *v[] = { tok, pid };
	char *shown =
		dbtest_value(t, "SELECT id_number FROM api.person_reveal($1, $2::bigint)", 2, v);
	ck_assert_str_eq(shown, id);
	free(shown);
	const char *a[] = { pid };
	n = dbtest_value(admin,
			 "SELECT count(*) FROM wc.audit WHERE object = $1"
			 " AND action IN ('person_register', 'person_reveal')",
			 1, a);
	ck_assert_str_eq(n, "2");
	free(n);
	/* twice is refused */
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, NULL, state), DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC011");
	free(tok);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(bad_numbers_and_overrides)
{
	struct db_conn *admin = dbtest_admin();
	char *tok, id[19], state[6];
	struct db_conn *t = counter(admin, "340104", &tok);

	dbtest_id_number(id);
	id[17] = id[17] == '0' ? '1' : '0'; /* wrong check character */
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, NULL, state), DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC010");
	/* with a written reason, a wrong check character is accepted */
	ck_assert_int_eq(
		reg(t, tok, id, "340104", NULL, NULL, "由15位号码升级，已核验户口簿", NULL, state),
		DB_OK);
	/* but never a date that does not exist */
	ck_assert_int_eq(reg(t, tok, "340104199002300011", "340104", NULL, NULL, "理由充分说明",
			     NULL, state),
			 DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC010");
	free(tok);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(article_3_organisations)
{
	struct db_conn *admin = dbtest_admin();
	char *tok, id[19], state[6];
	struct db_conn *t = counter(admin, "340104", &tok);

	dbtest_id_number(id);
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, NULL, state), DB_OK);
	dbtest_id_number(id);
	/* a foundation's kind is refused with the reason */
	ck_assert_int_eq(
		reg(t, tok, id, "340104", "91340000711771143J", "foundation", NULL, NULL, state),
		DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC013");
	/* an enterprise code (91…) for an individual business */
	ck_assert_int_eq(reg(t, tok, id, "340104", "91340000711771143J", "individual_business",
			     NULL, NULL, state),
			 DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC014");
	/* a broken code */
	ck_assert_int_eq(reg(t, tok, id, "340104", "91340000711771143K", "small_enterprise", NULL,
			     NULL, state),
			 DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC015");
	free(tok);
	db_conn_free(&t);
	db_conn_free(&admin);
}
END_TEST

START_TEST(counties_see_only_their_own)
{
	struct db_conn *admin = dbtest_admin();
	char *shushan, *nanling, *hefei, id[19], pid[24], state[6];
	struct db_conn *a = counter(admin, "340104", &shushan); /* 蜀山区 */
	struct db_conn *b = counter(admin, "340223", &nanling); /* 南陵县, 芜湖市 */
	struct db_conn *c = counter(admin, "340100", &hefei); /* 合肥市 */
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;

	dbtest_id_number(id);
	/* 南陵县 cannot register a resident of 蜀山区 */
	ck_assert_int_eq(reg(b, nanling, id, "340104", NULL, NULL, NULL, NULL, state),
			 DB_ERR_SERVER);
	ck_assert_str_eq(state, "WC012");
	ck_assert_int_eq(reg(a, shushan, id, "340104", NULL, NULL, NULL, pid, state), DB_OK);
	const char *f[] = { nanling, id, NULL, NULL };
	ck_assert_int_eq(
		db_exec(b, "SELECT * FROM api.person_find($1, $2, $3, $4)", 4, f, &r, &err), DB_OK);
	ck_assert_int_eq(db_result_rows(r), 0);
	db_result_free(&r);
	const char *g[] = { nanling, pid };
	ck_assert_int_eq(
		db_exec(b, "SELECT * FROM api.person_get($1, $2::bigint)", 2, g, NULL, &err),
		DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC020");
	ck_assert_int_eq(
		db_exec(b, "SELECT * FROM api.person_reveal($1, $2::bigint)", 2, g, NULL, &err),
		DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC020");
	/* the city office sees its counties */
	const char *h[] = { hefei, pid };
	ck_assert_int_eq(
		db_exec(c, "SELECT * FROM api.person_get($1, $2::bigint)", 2, h, NULL, &err),
		DB_OK);
	/* a kiosk's login cannot call the counter's functions at all */
	ck_assert_int_eq(
		db_exec(kiosk, "SELECT * FROM api.person_get('x', 1)", 0, NULL, NULL, &err),
		DB_ERR_DENIED);
	db_error_release(&err);
	free(shushan);
	free(nanling);
	free(hefei);
	db_conn_free(&a);
	db_conn_free(&b);
	db_conn_free(&c);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

static enum db_status set_pin(struct db_conn *t, const char *tok, const char *pid, const char *pin)
{
	const char *p[] = { tok, pid, pin };
	struct db_error err = DB_ERROR_INIT;
	enum db_status st =
		db_exec(t, "SELECT api.person_set_pin($1, $2::bigint, $3)", 3, p, NULL, &err);
	db_error_release(&err);
	return st;
}

static char *kiosk_login(struct db_conn *k, const char *id, const char *pin)
{
	const char *p[] = { id, pin };

	return dbtest_value(k, "SELECT status FROM api.citizen_login($1, $2)", 2, p);
}

START_TEST(pins_and_the_kiosk_lock)
{
	struct db_conn *admin = dbtest_admin();
	char *tok, id[19], pid[24], state[6];
	struct db_conn *t = counter(admin, "340104", &tok);
	struct db_conn *k = dbtest_terminal(admin, "kiosk", "340104");
	char *s;

	dbtest_id_number(id);
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, pid, state), DB_OK);
	s = kiosk_login(k, id, "135790"); /* no PIN yet: the same answer as a wrong one */
	ck_assert_str_eq(s, "invalid");
	free(s);
	/* guessable PINs are refused */
	char yymmdd[7], mmddyy[7];
	snprintf(yymmdd, sizeof(yymmdd), "%.6s", id + 8);
	snprintf(mmddyy, sizeof(mmddyy), "%.4s%.2s", id + 10, id + 8);
	const char *easy[] = { "123456", "654321", "888888", yymmdd, mmddyy, "12345", "12a456" };
	for (size_t i = 0; i < sizeof(easy) / sizeof(easy[0]); i++)
		ck_assert_msg(set_pin(t, tok, pid, easy[i]) == DB_ERR_SERVER, "PIN %s accepted",
			      easy[i]);
	ck_assert_int_eq(set_pin(t, tok, pid, id + 12), DB_ERR_SERVER); /* end of the ID number */
	ck_assert_int_eq(set_pin(t, tok, pid, "135790"), DB_OK);
	s = kiosk_login(k, id, "135790");
	ck_assert_str_eq(s, "ok");
	free(s);
	for (int i = 1; i <= 4; i++) {
		s = kiosk_login(k, id, "000001");
		ck_assert_str_eq(s, "invalid");
		free(s);
	}
	s = kiosk_login(k, id, "000001");
	ck_assert_str_eq(s, "locked");
	free(s);
	s = kiosk_login(k, id, "135790"); /* this kiosk refuses it for a while */
	ck_assert_str_eq(s, "locked");
	free(s);
	ck_assert_int_eq(set_pin(t, tok, pid, "246813"), DB_OK);
	s = kiosk_login(k, id, "246813");
	ck_assert_str_eq(s, "ok");
	free(s);
	/* a stranger's number: the same answer as a wrong PIN */
	/* a number nobody registered: the same answers, the same lock after
	 * five tries, so neither tells whether someone is registered */
	char stranger[19];
	dbtest_id_number(stranger); /* valid, and new: nobody has it */
	for (int i = 1; i <= 4; i++) {
		s = kiosk_login(k, stranger, "000001");
		ck_assert_str_eq(s, "invalid");
		free(s);
	}
	s = kiosk_login(k, stranger, "000001");
	ck_assert_str_eq(s, "locked");
	free(s);
	free(tok);
	db_conn_free(&t);
	db_conn_free(&k);
	db_conn_free(&admin);
}
END_TEST

START_TEST(kiosk_sessions_idle_out)
{
	struct db_conn *admin = dbtest_admin();
	char *tok, id[19], pid[24], state[6];
	struct db_conn *t = counter(admin, "340104", &tok);
	struct db_conn *k = dbtest_terminal(admin, "kiosk", "340104");
	struct db_error err = DB_ERROR_INIT;

	dbtest_id_number(id);
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, pid, state), DB_OK);
	ck_assert_int_eq(set_pin(t, tok, pid, "135790"), DB_OK);
	const char *p[] = { id, "135790" };
	char *ctok = dbtest_value(k, "SELECT token FROM api.citizen_login($1, $2)", 2, p);
	const char *w[] = { ctok };
	char *masked = dbtest_value(k, "SELECT id_masked FROM api.citizen_whoami($1)", 1, w);
	ck_assert_int_eq(strncmp(masked, "340104***********", 17), 0);
	free(masked);
	dbtest_sql(admin,
		   "UPDATE wc.citizen_session SET last_seen = now() - interval '121 s'"
		   " WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
		   1, w);
	ck_assert_int_eq(db_exec(k, "SELECT * FROM api.citizen_whoami($1)", 1, w, NULL, &err),
			 DB_ERR_SESSION);
	db_error_release(&err);
	free(ctok);
	free(tok);
	db_conn_free(&t);
	db_conn_free(&k);
	db_conn_free(&admin);
}
END_TEST

/* A search by full ID number is an oracle for the masked digits: 64 sent
 * at once by one counter clerk, signed in at desks of their own (one
 * session's calls wait for each other on its row), with 30 left of the
 * hour's cap: exactly 30 are answered, each audited, the rest refused. */
static const char *searcher;
static char *search_token; /* each caller's own, in its own process */

static bool search_sign_in(int i, struct db_conn *c, void *arg)
{
	struct staff_session ss = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;

	(void)i;
	(void)arg;
	if (db_staff_login(c, searcher, PW, &ss, &until, &err) != DB_LOGIN_OK)
		return false;
	search_token = xstrdup(ss.token);
	return true;
}

static bool search_by_id(int i, struct db_conn *c, void *arg)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	const char *p[] = { search_token, "340104199001011234" };

	(void)i;
	(void)arg;
	return db_exec(c, "SELECT * FROM api.person_find($1, $2, NULL, NULL)", 2, p, &r, &err) ==
		       DB_OK ||
	       strcmp(err.sqlstate, "WC025") == 0;
}

START_TEST(parallel_id_searches_stop_at_the_cap)
{
	enum { CALLERS = 64, LEFT = 30 };
	struct db_conn *admin = dbtest_admin();
	char name[1][64];
	char *info = dbtest_terminal_add(admin, "staff", NULL, name[0]);

	searcher = dbtest_staff(admin, "counter", "340104", PW);
	/* the 64 calls wait for each other on the clerk's row, by design: on a
	 * loaded machine the last may wait longer than a terminal's 5 s
	 * statement limit, which would be a timeout, not the cap under test */
	char sql[128];
	snprintf(sql, sizeof(sql), "ALTER ROLE %s SET statement_timeout = '120s'", name[0]);
	dbtest_sql(admin, sql, 0, NULL);
	const char *up[] = { searcher };
	char *staff = dbtest_value(admin, "SELECT id FROM wc.staff WHERE username = $1", 1, up);
	const char *fill[] = { staff, "30" };
	/* the earlier searches of this hour, all but LEFT of the cap */
	dbtest_sql(admin,
		   "INSERT INTO wc.id_search (staff_id, at)"
		   " SELECT $1::bigint, now() - interval '10 minutes'"
		   "   FROM generate_series(1, wc.setting_int('id_search_per_hour') - $2::int)",
		   2, fill);
	ck_assert_int_eq(
		dbtest_race(admin, CALLERS, 1, name, &info, search_sign_in, search_by_id, NULL), 0);
	const char *sp[] = { staff };
	char *kept = dbtest_value(admin,
				  "SELECT count(*) - wc.setting_int('id_search_per_hour')"
				  "  FROM wc.id_search WHERE staff_id = $1::bigint",
				  1, sp);
	char *audited = dbtest_value(admin,
				     "SELECT count(*) FROM wc.audit WHERE staff_id = $1::bigint"
				     " AND action = 'person_find_id'",
				     1, sp);
	ck_assert_msg(strcmp(kept, "0") == 0, "%s searches past the cap", kept);
	ck_assert_msg(atoi(audited) == LEFT, "%s searches audited, %d answered", audited, LEFT);
	free(kept);
	free(audited);
	free(staff);
	free(info);
	db_conn_free(&admin);
}
END_TEST

/* api.person_id_check(tok, id) as "registered|person_id|name_masked",
 * or "ERR:<sqlstate>". Caller frees. */
static char *id_check(struct db_conn *t, const char *tok, const char *id)
{
	const char *p[] = { tok, id };
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char buf[128];

	if (db_exec(t,
		    "SELECT registered::text || '|' || coalesce(person_id::text, '') || '|'"
		    " || coalesce(name_masked, '') FROM api.person_id_check($1, $2)",
		    2, p, &r, &err) == DB_OK)
		snprintf(buf, sizeof(buf), "%s", db_result_get(r, 0, 0));
	else
		snprintf(buf, sizeof(buf), "ERR:%s", err.sqlstate);
	db_result_free(&r);
	db_error_release(&err);
	return xstrdup(buf);
}

static char *staff_of(struct db_conn *admin, const char *tok)
{
	const char *p[] = { tok };

	return dbtest_value(admin,
			    "SELECT staff_id FROM wc.session WHERE token_hash = wc.token_hash($1)", 1,
			    p);
}

/* A registration's first page asks whether the number is registered:
 * the clerk of the person's area learns who (masked) and may open the
 * page; a clerk of another area only that it is registered; each
 * question is a search by ID number, counted against the same cap. */
START_TEST(id_check_before_registering)
{
	struct db_conn *admin = dbtest_admin();
	char *tok, *other_tok, id[19], fresh[19], pid[24], state[6], want[64];
	struct db_conn *t = counter(admin, "340104", &tok);
	struct db_conn *o = counter(admin, "340102", &other_tok);
	char *staff = staff_of(admin, tok), *got;

	dbtest_id_number(id);
	dbtest_id_number(fresh);
	ck_assert_int_eq(reg(t, tok, id, "340104", NULL, NULL, NULL, pid, state), DB_OK);
	snprintf(want, sizeof(want), "true|%s|王*", pid);
	got = id_check(t, tok, id);
	ck_assert_str_eq(got, want);
	free(got);
	got = id_check(o, other_tok, id);
	ck_assert_str_eq(got, "true||");
	free(got);
	got = id_check(t, tok, fresh);
	ck_assert_str_eq(got, "false||");
	free(got);
	/* counted and audited as searches by ID number */
	const char *sp[] = { staff };
	char *n = dbtest_value(admin, "SELECT count(*) FROM wc.id_search WHERE staff_id = $1::bigint",
			       1, sp);
	ck_assert_str_eq(n, "2");
	free(n);
	n = dbtest_value(admin,
			 "SELECT count(*) FROM wc.audit WHERE staff_id = $1::bigint"
			 " AND action = 'person_find_id'",
			 1, sp);
	ck_assert_str_eq(n, "2");
	free(n);
	/* and stopped at the cap like them */
	dbtest_sql(admin,
		   "INSERT INTO wc.id_search (staff_id)"
		   " SELECT $1::bigint FROM generate_series(1, wc.setting_int('id_search_per_hour'))",
		   1, sp);
	got = id_check(t, tok, fresh);
	ck_assert_str_eq(got, "ERR:WC025");
	free(got);
	free(staff);
	free(tok);
	free(other_tok);
	db_conn_free(&t);
	db_conn_free(&o);
	db_conn_free(&admin);
}
END_TEST

Suite *people_suite(void)
{
	Suite *s = suite_create("people");
	TCase *reg_tc = tcase_create("register");
	TCase *scope = tcase_create("scope");
	TCase *kiosk = tcase_create("kiosk");

	tcase_set_timeout(reg_tc, 60);
	tcase_set_timeout(scope, 60);
	tcase_set_timeout(kiosk, 60);
	tcase_add_test(reg_tc, register_and_keep_numbers_out_of_sight);
	tcase_add_test(reg_tc, bad_numbers_and_overrides);
	tcase_add_test(reg_tc, article_3_organisations);
	tcase_add_test(scope, counties_see_only_their_own);
	tcase_add_test(scope, parallel_id_searches_stop_at_the_cap);
	tcase_add_test(scope, id_check_before_registering);
	tcase_add_test(kiosk, pins_and_the_kiosk_lock);
	tcase_add_test(kiosk, kiosk_sessions_idle_out);
	suite_add_tcase(s, reg_tc);
	suite_add_tcase(s, scope);
	suite_add_tcase(s, kiosk);
	return s;
}
