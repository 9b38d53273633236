/*
 * pooled: what a connection keeps in its server session. Behind a
 * transaction pool (db_conn_set_pooled) nothing: no statement prepared by
 * name, no setting sent at start-up. The live queue listens on a
 * connection of its own when given one (db_conn_set_listen), and on the
 * connection itself when not. Direct connections to the test server:
 * tests/e2e/pooler.sh runs the same through PgBouncer.
 */
#include "config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"

/* The administrator's connection, pooled or not, opened. */
static struct db_conn *pooled_open(bool pooled, const char *listen)
{
	struct db_conn *c = db_conn_new(getenv("WANCHUANG_TEST_DB"), "wanchuang-tests");

	db_conn_set_pooled(c, pooled);
	db_conn_set_listen(c, listen);
	ck_assert_msg(db_conn_open(c), "cannot connect: %s", db_conn_message(c));
	return c;
}

/* Run the same SELECT twice (a second run of a text is when it would be
 * prepared, if ever), then count the session's prepared statements. */
static char *pooled_prepared_after_selects(struct db_conn *c)
{
	free(dbtest_value(c, "SELECT 1 + 1", 0, NULL));
	free(dbtest_value(c, "SELECT 1 + 1", 0, NULL));
	return dbtest_value(c, "SELECT count(*) FROM pg_prepared_statements", 0, NULL);
}

START_TEST(pooled_prepares_nothing_by_name)
{
	struct db_conn *direct = pooled_open(false, NULL), *pooled = pooled_open(true, NULL);
	char *n_direct = pooled_prepared_after_selects(direct);
	char *n_pooled = pooled_prepared_after_selects(pooled);

	/* the direct connection shows the count can be more than 0 */
	ck_assert_str_ne(n_direct, "0");
	ck_assert_str_eq(n_pooled, "0");
	free(n_direct);
	free(n_pooled);
	db_conn_free(&direct);
	db_conn_free(&pooled);
}
END_TEST

START_TEST(pooled_sends_no_settings)
{
	struct db_conn *direct = pooled_open(false, NULL), *pooled = pooled_open(true, NULL);
	char *t_direct =
		dbtest_value(direct, "SELECT current_setting('statement_timeout')", 0, NULL);
	char *source = dbtest_value(
		pooled, "SELECT source FROM pg_settings WHERE name = 'statement_timeout'", 0, NULL);

	ck_assert_str_eq(t_direct, "15s");
	ck_assert_str_ne(source, "client");
	free(t_direct);
	free(source);
	db_conn_free(&direct);
	db_conn_free(&pooled);
}
END_TEST

/* Whether a notification reaches c's listening connection within 3 s. */
static bool pooled_notified(struct db_conn *admin, struct db_conn *c)
{
	struct pollfd p = { .fd = db_conn_listen_socket(c), .events = POLLIN };

	ck_assert_int_ge(p.fd, 0);
	dbtest_sql(admin, "SELECT pg_notify('wc_complaint', '0')", 0, NULL);
	for (int i = 0; i < 30; i++) {
		if (poll(&p, 1, 100) > 0 && db_conn_notified(c) > 0)
			return true;
	}
	return false;
}

/* c listens, notifications reach it, and its own session listens on
 * channels (count, as text) itself. */
static void pooled_listens(struct db_conn *c, const char *channels)
{
	struct db_conn *admin = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;
	char *n;

	ck_assert_int_eq(db_complaints_listen(c, &err), DB_OK);
	ck_assert(db_conn_listening(c));
	n = dbtest_value(c, "SELECT count(*) FROM pg_listening_channels()", 0, NULL);
	ck_assert_str_eq(n, channels);
	ck_assert(pooled_notified(admin, c));
	free(n);
	db_error_release(&err);
	db_conn_free(&admin);
}

START_TEST(listen_on_a_connection_of_its_own)
{
	struct db_conn *c = pooled_open(true, getenv("WANCHUANG_TEST_DB"));

	pooled_listens(c, "0");
	ck_assert_int_ne(db_conn_listen_socket(c), db_conn_socket(c));
	db_conn_free(&c);
}
END_TEST

START_TEST(listen_on_the_connection_itself_by_default)
{
	struct db_conn *c = pooled_open(false, NULL);

	pooled_listens(c, "1");
	ck_assert_int_eq(db_conn_listen_socket(c), db_conn_socket(c));
	db_conn_free(&c);
}
END_TEST

Suite *pooled_suite(void)
{
	Suite *s = suite_create("pooled");
	TCase *session = tcase_create("session");
	TCase *listen = tcase_create("listen");

	tcase_add_test(session, pooled_prepares_nothing_by_name);
	tcase_add_test(session, pooled_sends_no_settings);
	tcase_add_test(listen, listen_on_a_connection_of_its_own);
	tcase_add_test(listen, listen_on_the_connection_itself_by_default);
	suite_add_tcase(s, session);
	suite_add_tcase(s, listen);
	return s;
}
