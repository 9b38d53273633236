/*
 * wait: a call held up on the server says why it ended. A lock held by
 * another session is "busy", the server's statement_timeout a timeout on
 * a connection still good (not a lost connection, and not tried again
 * and again), and a person who gives up waiting cancels the statement and
 * keeps the connection. The lock holder is a second administrator's
 * connection; the keys of its advisory locks carry the process id.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"
#include "db/db_private.h"

static void set(struct db_conn *c, const char *sql)
{
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_exec(c, sql, 0, NULL, NULL, &err) == DB_OK, "%s: %s", sql,
		      err.primary ? err.primary : "");
	db_error_release(&err);
}

/* A lock key of this run: a second session of the same run uses it too. */
static const char *lock_key(char buf[24])
{
	snprintf(buf, 24, "%ld", 7300000000L + (long)getpid());
	return buf;
}

START_TEST(a_lock_held_elsewhere_is_busy_not_lost)
{
	struct db_conn *holder = dbtest_admin(), *c = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;
	char key[24];
	const char *p[] = { lock_key(key) };

	set(c, "SET lock_timeout = '200ms'");
	dbtest_sql(holder, "SELECT pg_advisory_lock($1::bigint)", 1, p);
	ck_assert_int_eq(db_exec(c, "SELECT pg_advisory_lock($1::bigint)", 1, p, NULL, &err),
			 DB_ERR_BUSY);
	ck_assert_str_eq(err.sqlstate, "55P03");
	ck_assert(db_conn_ok(c));
	db_error_release(&err);
	dbtest_sql(holder, "SELECT pg_advisory_unlock($1::bigint)", 1, p);
	db_conn_free(&holder);
	db_conn_free(&c);
}
END_TEST

START_TEST(each_sqlstate_its_status)
{
#define RAISE(state) "DO $$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = '" state "'; END $$"
	static const struct {
		const char *state, *sql;
		enum db_status st;
	} cases[] = {
		{ "55P03", RAISE("55P03"), DB_ERR_BUSY },
		{ "40P01", RAISE("40P01"), DB_ERR_BUSY },
		{ "40001", RAISE("40001"), DB_ERR_BUSY },
		/* nobody here asked to cancel: the server's own timeout */
		{ "57014", RAISE("57014"), DB_ERR_TIMEOUT },
		{ "42501", RAISE("42501"), DB_ERR_DENIED },
		{ "WC001", RAISE("WC001"), DB_ERR_SESSION },
		{ "23505", RAISE("23505"), DB_ERR_SERVER },
	};
#undef RAISE
	struct db_conn *c = dbtest_admin();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct db_error err = DB_ERROR_INIT;
		ck_assert_msg(db_exec(c, cases[i].sql, 0, NULL, NULL, &err) == cases[i].st,
			      "%s: status %d, not %d", cases[i].state, err.status, cases[i].st);
		ck_assert_str_eq(err.sqlstate, cases[i].state);
		ck_assert(db_conn_ok(c));
		db_error_release(&err);
	}
	db_conn_free(&c);
}
END_TEST

START_TEST(a_statement_timeout_keeps_the_connection_and_is_not_retried)
{
	struct db_conn *c = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	long t0;

	set(c, "SET statement_timeout = '300ms'");
	t0 = db_now_ms();
	ck_assert_int_eq(db_exec_idempotent(c, "SELECT pg_sleep(2)", 0, NULL, &r, &err),
			 DB_ERR_TIMEOUT);
	/* one wait of 300 ms, not one per try */
	ck_assert_msg(db_now_ms() - t0 < 900, "took %ld ms", db_now_ms() - t0);
	ck_assert_str_eq(err.sqlstate, "57014");
	ck_assert(db_conn_ok(c));
	db_error_release(&err);
	set(c, "SELECT 1");
	db_conn_free(&c);
}
END_TEST

struct waited {
	int calls;
	long first_ms;
	bool give_up;
};

static bool on_wait(void *arg, long waited_ms)
{
	struct waited *w = arg;

	if (w->calls++ == 0)
		w->first_ms = waited_ms;
	return !w->give_up;
}

START_TEST(giving_up_cancels_and_keeps_the_connection)
{
	struct db_conn *c = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;
	struct waited w = { .give_up = true };
	long t0;

	db_conn_set_wait(c, on_wait, &w);
	t0 = db_now_ms();
	ck_assert_int_eq(db_exec(c, "SELECT pg_sleep(5)", 0, NULL, NULL, &err), DB_ERR_CANCELLED);
	ck_assert_msg(db_now_ms() - t0 < 2000, "took %ld ms", db_now_ms() - t0);
	ck_assert_int_eq(w.calls, 1);
	ck_assert_int_ge(w.first_ms, DB_WAIT_SHOW_MS);
	ck_assert(db_conn_ok(c));
	db_error_release(&err);
	/* the same connection answers the next call at once: nothing shown */
	w.calls = 0;
	set(c, "SELECT 1");
	ck_assert_int_eq(w.calls, 0);
	db_conn_free(&c);
}
END_TEST

START_TEST(waiting_on_gets_the_answer)
{
	struct db_conn *c = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	struct waited w = { .give_up = false };

	db_conn_set_wait(c, on_wait, &w);
	ck_assert_int_eq(db_exec(c, "SELECT pg_sleep(0.8), 42", 0, NULL, &r, &err), DB_OK);
	ck_assert_str_eq(db_result_get(r, 0, 1), "42");
	/* shown after 300 ms, then asked again while the wait lasts */
	ck_assert_int_ge(w.calls, 3);
	db_result_free(&r);
	db_conn_free(&c);
}
END_TEST

Suite *wait_suite(void)
{
	Suite *s = suite_create("wait");
	TCase *why = tcase_create("why");
	TCase *give_up = tcase_create("give_up");

	tcase_set_timeout(why, 30);
	tcase_set_timeout(give_up, 30);
	tcase_add_test(why, a_lock_held_elsewhere_is_busy_not_lost);
	tcase_add_test(why, each_sqlstate_its_status);
	tcase_add_test(why, a_statement_timeout_keeps_the_connection_and_is_not_retried);
	tcase_add_test(give_up, giving_up_cancels_and_keeps_the_connection);
	tcase_add_test(give_up, waiting_on_gets_the_answer);
	suite_add_tcase(s, why);
	suite_add_tcase(s, give_up);
	return s;
}
