/*
 * pool_trace: behind a pool shared by the terminals of a kind the server
 * sees the pool's login (wc_pool_kiosk, wc_pool_staff). The rows that
 * say which terminal did something (the audit log, the voucher ledger,
 * a booking, a review) must name the terminal the key or the session
 * proved, never the pool's login; and a revoked terminal must be
 * refused on its next call, public calls too, while another terminal of
 * the same pool goes on.
 *
 * The pool's login is taken with SET SESSION AUTHORIZATION on the
 * administrator's connection, as in test_terminal_key.c, and the
 * connection is marked pooled, as the program marks a connection through
 * PgBouncer (WANCHUANG_POOLED): it then sends its key with every call.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"
#include "dbtest_ids.h"

static int seq;

/* A new terminal of kind (in region) with a key; name filled, key
 * returned (caller frees). */
static char *keyed(struct db_conn *admin, const char *kind, const char *region, char name[64])
{
	struct db_error err = DB_ERROR_INIT;
	char *key = NULL;

	free(dbtest_terminal_add(admin, kind, region, name));
	ck_assert_msg(db_terminal_new_key(admin, name, &key, &err) == DB_OK, "new key: %s",
		      err.primary);
	return key;
}


/* The one value of sql with one parameter, read by the administrator. */
static char *admin_value(struct db_conn *admin, const char *sql, const char *param)
{
	const char *p[] = { param };
	return dbtest_value(admin, sql, 1, p);
}

static char *number(long long v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%lld", v);
	return xstrdup(buf);
}

/* A provider, a paid service vouchers may pay for, a slot in three days,
 * and a programme with a budget, all in 蜀山区. */
struct place {
	char cc[19];
	char *service, *slot, *programme;
};

static void place_open(struct db_conn *admin, struct place *pl)
{
	char name[64], code[48];

	dbtest_credit_code(pl->cc);
	snprintf(name, sizeof(name), "池测服务商%d-%d", (int)getpid(), ++seq);
	const char *pp[] = { pl->cc, name };
	free(dbtest_value(admin,
			  "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')",
			  2, pp));
	snprintf(code, sizeof(code), "PT%d-%d", (int)getpid(), ++seq);
	const char *sp[] = { code, pl->cc };
	pl->service = dbtest_value(admin,
				   "SELECT wc_admin.service_add($1, $2, '测试服务', 'training', true,"
				   " false, 150000, true, '340104', '', '蜀山区', '0551', 24)",
				   2, sp);
	pl->slot = admin_value(admin,
			       "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
			       " VALUES ($1, now() + interval '3 days', now() + interval '3 days 1 hour',"
			       " 2) RETURNING id",
			       pl->service);
	snprintf(code, sizeof(code), "PP%d-%d", (int)getpid(), ++seq);
	const char *gp[] = { code };
	pl->programme = dbtest_value(admin,
				     "SELECT wc_admin.programme_add($1, '测试创业券', 200000, 12,"
				     " '{training}', '{}', NULL, '')",
				     1, gp);
	dbtest_sql(admin, "SELECT wc_admin.budget_set($1, '340104', 1000000)", 1, gp);
}

static void place_close(struct place *pl)
{
	free(pl->service);
	free(pl->slot);
	free(pl->programme);
}


START_TEST(rows_behind_a_pool_name_the_terminal_not_the_pool)
{
	static const char pw[] = "Pool-trace-2026";
	struct db_conn *admin = dbtest_admin();
	char kiosk[64], desk[64], id[19], rkey[37];
	char *kkey = keyed(admin, "kiosk", "340104", kiosk);
	char *skey = keyed(admin, "staff", NULL, desk);
	struct db_conn *kc = dbtest_pool("kiosk", kkey), *sc = dbtest_pool("staff", skey);
	struct db_error err = DB_ERROR_INIT;
	struct staff_session ss = { 0 };
	struct db_outcome o;
	char *until = NULL;
	struct place pl;

	place_open(admin, &pl);
	char *person = dbtest_person(admin, "{graduate}", "intending", id);
	const char *user = dbtest_staff(admin, "counter", "340104", pw);
	ck_assert_int_eq(db_staff_login(sc, user, pw, &ss, &until, &err), DB_LOGIN_OK);
	/* the counter issues a voucher (a ledger row and an audit row) ... */
	db_request_key(rkey);
	ck_assert_msg(db_voucher_issue(sc, ss.token, rkey, person, atoll(pl.programme), &o, &err) ==
			      DB_OK,
		      "voucher_issue: %s", err.primary);
	ck_assert_str_eq(o.outcome, "ok");
	char *voucher = number(o.voucher_id);
	db_outcome_release(&o);

	/* ... the person signs in at the kiosk, books with it, and rates a
	 * service used before */
	char *token = dbtest_citizen(kc, id);
	db_request_key(rkey);
	ck_assert_msg(db_citizen_book(kc, token, rkey, atoll(pl.slot),
				      (struct booking_pay){ atoll(voucher), 0 }, &o, &err) == DB_OK,
		      "citizen_book: %s", err.primary);
	ck_assert_str_eq(o.outcome, "ok");
	char *booking = number(o.booking_id);
	db_outcome_release(&o);
	long long done = dbtest_completed_booking(admin, person, atoll(pl.service));
	struct review_input in = { done, 5, "讲得清楚" };
	struct db_review_outcome ro;
	db_request_key(rkey);
	ck_assert_msg(db_citizen_review_add(kc, token, rkey, &in, &ro, &err) == DB_OK,
		      "citizen_review_add: %s", err.primary);
	char *review = number(ro.review_id);
	db_review_outcome_release(&ro);

	/* every row, then, says which terminal wrote it: each one checked,
	 * all shown when one is wrong */
	const char *p[] = { person, user, voucher, booking, review };
	char *got = dbtest_value(
		admin,
		"SELECT concat_ws(' ',"
		" (SELECT string_agg(DISTINCT terminal, ',') FROM wc.audit"
		"   WHERE action = 'citizen_login' AND object = $1),"
		" (SELECT string_agg(DISTINCT terminal, ',') FROM wc.audit"
		"   WHERE action = 'login' AND object = $2),"
		" (SELECT string_agg(DISTINCT terminal, ',') FROM wc.voucher_entry"
		"   WHERE voucher_id = $3::bigint AND booking_id IS NULL),"
		" (SELECT string_agg(DISTINCT terminal, ',') FROM wc.voucher_entry"
		"   WHERE voucher_id = $3::bigint AND booking_id IS NOT NULL),"
		" (SELECT terminal FROM wc.booking WHERE id = $4::bigint),"
		" (SELECT terminal FROM wc.review WHERE id = $5::bigint))",
		5, p);
	char want[512];
	snprintf(want, sizeof(want), "%s %s %s %s %s %s", kiosk, desk, desk, kiosk, kiosk, kiosk);
	ck_assert_str_eq(got, want);
	free(got);

	staff_session_release(&ss);
	free(review);
	free(booking);
	free(token);
	free(voucher);
	free(person);
	place_close(&pl);
	free(kkey);
	free(skey);
	db_conn_free(&kc);
	db_conn_free(&sc);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_terminal_s_own_login_still_names_itself)
{
	struct db_conn *admin = dbtest_admin();
	char name[64], id[19];
	char *info = dbtest_terminal_add(admin, "kiosk", "340104", name);
	struct db_conn *kc = db_conn_new(info, "wanchuang-tests");

	ck_assert_msg(db_conn_open(kc), "cannot connect as terminal: %s", db_conn_message(kc));
	char *person = dbtest_person(admin, "{}", "intending", id);
	char *token = dbtest_citizen(kc, id);
	char *got = admin_value(admin,
				"SELECT string_agg(DISTINCT terminal, ',') FROM wc.audit"
				" WHERE action = 'citizen_login' AND object = $1",
				person);
	ck_assert_str_eq(got, name);
	free(got);
	free(token);
	free(person);
	free(info);
	db_conn_free(&kc);
	db_conn_free(&admin);
}
END_TEST

/* A public call (a policy search) through c: "" when answered, else the
 * SQLSTATE of the refusal. */
static void public_call(struct db_conn *c, char out[16])
{
	struct policy_query q = { .text = "贷款", .limit = 5 };
	struct policy_page page = { 0 };
	struct db_error err = DB_ERROR_INIT;

	if (db_policy_search(c, &q, &page, &err) == DB_OK) {
		out[0] = '\0';
		policy_page_release(&page);
	} else {
		ck_assert_int_eq(err.status, DB_ERR_DENIED);
		snprintf(out, 16, "%s", err.sqlstate);
	}
	db_error_release(&err);
}

START_TEST(a_revoked_kiosk_is_refused_on_its_next_public_call)
{
	struct db_conn *admin = dbtest_admin();
	char gone[64], other[64], got[16];
	char *gone_key = keyed(admin, "kiosk", "340104", gone);
	char *other_key = keyed(admin, "kiosk", "340104", other);
	struct db_conn *gc = dbtest_pool("kiosk", gone_key), *oc = dbtest_pool("kiosk", other_key);
	struct db_conn *none = dbtest_pool("kiosk", NULL);
	struct db_error err = DB_ERROR_INIT;

	public_call(gc, got);
	ck_assert_str_eq(got, "");
	public_call(oc, got);
	ck_assert_str_eq(got, "");
	/* revoked while its connection stays open, as PgBouncer keeps it */
	ck_assert_int_eq(db_terminal_revoke(admin, gone, &err), DB_OK);
	public_call(gc, got);
	ck_assert_str_eq(got, "WC003");
	public_call(oc, got);
	ck_assert_str_eq(got, "");
	/* the pool cannot tell which kiosk sends no key */
	public_call(none, got);
	ck_assert_str_eq(got, "WC003");

	free(gone_key);
	free(other_key);
	db_conn_free(&none);
	db_conn_free(&gc);
	db_conn_free(&oc);
	db_conn_free(&admin);
}
END_TEST

/* A person's call with token through c: "" when answered, else the
 * SQLSTATE of the refusal. */
static void person_call(struct db_conn *c, const char *token, char out[16])
{
	struct db_error err = DB_ERROR_INIT;
	bool off;

	if (db_citizen_notices_off(c, token, &off, &err) == DB_OK)
		out[0] = '\0';
	else
		snprintf(out, 16, "%s", err.sqlstate);
	db_error_release(&err);
}

/* A kiosk revoked while a person is signed in at it: PgBouncer keeps its
 * client connection open, and the token's session row names the kiosk,
 * so the next call of the person must be refused as the kiosk's own, and
 * the token must open nothing at another kiosk of the pool either. */
START_TEST(a_revoked_kiosk_s_signed_in_person_is_refused_at_the_next_call)
{
	struct db_conn *admin = dbtest_admin();
	char gone[64], other[64], id[19], got[16];
	char *gone_key = keyed(admin, "kiosk", "340104", gone);
	char *other_key = keyed(admin, "kiosk", "340104", other);
	struct db_conn *gc = dbtest_pool("kiosk", gone_key), *oc = dbtest_pool("kiosk", other_key);
	struct db_error err = DB_ERROR_INIT;
	struct citizen_session cs = { 0 };
	char *until = NULL;

	char *person = dbtest_person(admin, "{}", "intending", id);
	char *token = dbtest_citizen(gc, id);
	person_call(gc, token, got);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(db_terminal_revoke(admin, gone, &err), DB_OK);
	/* ended by the revoke itself, not by the idle lapse two minutes on */
	char *ended = admin_value(admin,
				  "SELECT ended_at IS NOT NULL FROM wc.citizen_session"
				  " WHERE token_hash = wc.token_hash($1)",
				  token);
	ck_assert_str_eq(ended, "t");
	free(ended);
	person_call(gc, token, got);
	ck_assert_str_eq(got, "WC003");
	person_call(oc, token, got);
	ck_assert_str_eq(got, "WC003");
	/* and the revoked key signs no one in again */
	ck_assert_int_eq(db_citizen_login(gc, id, "583920", &cs, &until, &err), DB_LOGIN_ERROR);
	ck_assert_str_eq(err.sqlstate, "WC003");
	db_error_release(&err);
	citizen_session_release(&cs);
	free(until);

	free(token);
	free(person);
	free(gone_key);
	free(other_key);
	db_conn_free(&gc);
	db_conn_free(&oc);
	db_conn_free(&admin);
}
END_TEST

/* A staff terminal revoked while a counter is signed in at it through
 * the staff pool: revoking ends its sessions, so the next call asks for
 * a new sign-in, which its key no longer passes. */
START_TEST(a_revoked_desk_s_signed_in_clerk_is_refused_at_the_next_call)
{
	static const char pw[] = "Pool-revoke-2026";
	struct db_conn *admin = dbtest_admin();
	char desk[64];
	char *key = keyed(admin, "staff", NULL, desk);
	struct db_conn *sc = dbtest_pool("staff", key);
	struct db_error err = DB_ERROR_INIT;
	struct staff_session ss = { 0 }, again = { 0 };
	struct staff_account who = { 0 };
	char *until = NULL;

	const char *user = dbtest_staff(admin, "counter", "340104", pw);
	ck_assert_int_eq(db_staff_login(sc, user, pw, &ss, &until, &err), DB_LOGIN_OK);
	ck_assert_int_eq(db_staff_whoami(sc, ss.token, &who, &err), DB_OK);
	staff_account_release(&who);
	ck_assert_int_eq(db_terminal_revoke(admin, desk, &err), DB_OK);
	ck_assert_int_eq(db_staff_whoami(sc, ss.token, &who, &err), DB_ERR_SESSION);
	db_error_release(&err);
	ck_assert_int_eq(db_staff_login(sc, user, pw, &again, &until, &err), DB_LOGIN_ERROR);
	ck_assert_str_eq(err.sqlstate, "WC003");
	db_error_release(&err);
	staff_session_release(&again);
	free(until);

	staff_session_release(&ss);
	free(key);
	db_conn_free(&sc);
	db_conn_free(&admin);
}
END_TEST

Suite *pool_trace_suite(void)
{
	Suite *s = suite_create("pool_trace");
	TCase *tc = tcase_create("rows");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rows_behind_a_pool_name_the_terminal_not_the_pool);
	tcase_add_test(tc, a_terminal_s_own_login_still_names_itself);
	suite_add_tcase(s, tc);
	tc = tcase_create("revoke");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_revoked_kiosk_is_refused_on_its_next_public_call);
	tcase_add_test(tc, a_revoked_kiosk_s_signed_in_person_is_refused_at_the_next_call);
	tcase_add_test(tc, a_revoked_desk_s_signed_in_clerk_is_refused_at_the_next_call);
	suite_add_tcase(s, tc);
	return s;
}
