/*
 * retry: a connection that could not be opened is tried again a second
 * later at first, further apart the longer the server stays away; and the
 * live queue's listening connection comes back on that schedule, not
 * after a fixed ten seconds (a failover takes a few).
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "dbtest.h"
#include "db/db_private.h"

/* Nothing listens on port 1 of the loopback: refused at once. */
#define NOWHERE "host=127.0.0.1 port=1 connect_timeout=1"

START_TEST(the_wait_grows_with_the_outage)
{
	ck_assert_int_eq(db_retry_wait_ms(0), 1000);
	ck_assert_int_eq(db_retry_wait_ms(3000), 1500);
	ck_assert_int_eq(db_retry_wait_ms(12000), 6000);
	ck_assert_int_eq(db_retry_wait_ms(600000), 10000);
}
END_TEST

START_TEST(a_failed_try_waits_a_second_then_longer)
{
	struct db_conn *c = db_conn_new(NOWHERE, "retry test");

	ck_assert(db_conn_retry_due(c)); /* never tried */
	ck_assert(!db_conn_open(c));
	ck_assert(!db_conn_retry_due(c));
	c->tried_at_ms -= 1000;
	c->down_since_ms -= 1000;
	ck_assert(db_conn_retry_due(c));
	/* away a minute at the last try: ten seconds until the next */
	c->down_since_ms = c->tried_at_ms - 60000;
	ck_assert(!db_conn_retry_due(c));
	c->tried_at_ms -= 9000;
	c->down_since_ms -= 9000;
	ck_assert(db_conn_retry_due(c));
	db_conn_free(&c);
}
END_TEST

START_TEST(an_open_connection_is_due_at_once_when_lost)
{
	struct db_conn *c = dbtest_admin();

	ck_assert(db_conn_ok(c));
	db_conn_drop(c);
	ck_assert(db_conn_retry_due(c));
	db_conn_free(&c);
}
END_TEST

START_TEST(the_listener_comes_back_a_second_after_a_failed_try)
{
	struct db_conn *c = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;

	db_conn_set_listen(c, NOWHERE);
	ck_assert_int_eq(db_complaints_listen(c, &err), DB_ERR_LOST);
	db_error_release(&err);
	/* the server it names is back (a standby promoted) */
	free(c->listener->conninfo);
	c->listener->conninfo = xstrdup(getenv("WANCHUANG_TEST_DB"));
	ck_assert_int_eq(db_complaints_listen(c, &err), DB_ERR_LOST); /* too soon */
	db_error_release(&err);
	usleep(1100 * 1000);
	ck_assert_msg(db_complaints_listen(c, &err) == DB_OK, "%s", err.primary ? err.primary : "");
	ck_assert(db_conn_listening(c));
	db_error_release(&err);
	db_conn_free(&c);
}
END_TEST

Suite *retry_suite(void)
{
	Suite *s = suite_create("retry");
	TCase *tc = tcase_create("retry");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, the_wait_grows_with_the_outage);
	tcase_add_test(tc, a_failed_try_waits_a_second_then_longer);
	tcase_add_test(tc, an_open_connection_is_due_at_once_when_lost);
	tcase_add_test(tc, the_listener_comes_back_a_second_after_a_failed_try);
	suite_add_tcase(s, tc);
	return s;
}
