/*
 * pin_lock: the kiosk's PIN lock cannot be turned against the owner of an
 * ID number. Wrong PINs close the kiosk they were typed at for a while,
 * and the number's day budget closes only the kiosks it was spent at; the
 * owner signs in at any other kiosk, the locks lapse, and the counter's new
 * PIN lifts them. Time is moved by backdating the failures, never by
 * sleeping. Numbers are new on every run (the database outlives it).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static const char *const PIN = "583920"; /* dbtest_person's */
static const char *const WRONG = "000001";

static char *status_of(struct db_conn *kiosk, const char *id, const char *pin)
{
	const char *p[] = { id, pin };

	return dbtest_value(kiosk, "SELECT status FROM api.citizen_login($1, $2)", 2, p);
}

static void expect(struct db_conn *kiosk, const char *id, const char *pin, const char *want)
{
	char *s = status_of(kiosk, id, pin);

	ck_assert_msg(strcmp(s, want) == 0, "PIN %s: %s, expected %s", pin, s, want);
	free(s);
}

static int setting(struct db_conn *admin, const char *name)
{
	const char *p[] = { name };
	char *v = dbtest_value(admin, "SELECT value FROM wc.setting WHERE name = $1", 1, p);
	int n = atoi(v);

	free(v);
	return n;
}

/* Move the number's recorded failures back by the given interval. */
static void backdate(struct db_conn *admin, const char *id, const char *by)
{
	const char *p[] = { id, by };

	dbtest_sql(admin,
		   "UPDATE wc.pin_failure SET at = at - $2::interval"
		   " WHERE id_hmac = wc.person_hmac(wc.normalise_code($1))",
		   2, p);
}

/* PINs actually compared for the number at the terminal (a refusal
 * without a comparison is not an attempt). */
static int checked(struct db_conn *admin, const char *terminal, const char *id)
{
	const char *p[] = { terminal, id };
	char *v = dbtest_value(admin,
			       "SELECT count(*) FROM wc.login_attempt a, wc.person p"
			       " WHERE a.terminal = $1 AND NOT a.succeeded"
			       "   AND p.id_hmac = wc.person_hmac(wc.normalise_code($2))"
			       "   AND a.username = p.id_masked",
			       2, p);
	int n = atoi(v);

	free(v);
	return n;
}

static struct db_conn *kiosk_named(struct db_conn *admin, char name[64])
{
	char *info = dbtest_terminal_add(admin, "kiosk", "340104", name);
	struct db_conn *c = db_conn_new(info, "wanchuang-tests");

	ck_assert(db_conn_open(c));
	free(info);
	return c;
}

static bool wrong_pin(int i, struct db_conn *c, void *arg)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	const char *p[] = { arg, WRONG };

	(void)i;
	if (db_exec(c, "SELECT status FROM api.citizen_login($1, $2)", 2, p, &r, &err) != DB_OK ||
	    db_result_rows(r) != 1)
		return false;
	const char *s = db_result_get(r, 0, 0);
	return strcmp(s, "invalid") == 0 || strcmp(s, "locked") == 0;
}

START_TEST(parallel_wrong_pins_count_exactly)
{
	struct db_conn *admin = dbtest_admin();
	char id[19], names[2][64];
	char *person = dbtest_person(admin, "{}", "intending", id);
	char *info[2] = { dbtest_terminal_add(admin, "kiosk", "340104", names[0]),
			  dbtest_terminal_add(admin, "kiosk", "340104", names[1]) };

	ck_assert_int_eq(dbtest_race(admin, 64, 2, names, info, NULL, wrong_pin, id), 0);
	/* each kiosk compares the kiosk limit and no more; the two together
	 * spend the number's day budget exactly */
	int per_kiosk = setting(admin, "pin_max_failures");
	ck_assert_int_eq(checked(admin, names[0], id), per_kiosk);
	ck_assert_int_eq(checked(admin, names[1], id), per_kiosk);
	ck_assert_int_eq(setting(admin, "pin_day_failures"), 2 * per_kiosk);
	free(info[0]);
	free(info[1]);
	free(person);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_kiosk_lock_lapses_and_leaves_other_kiosks_open)
{
	struct db_conn *admin = dbtest_admin();
	char id[19], a[64];
	char *person = dbtest_person(admin, "{}", "intending", id);
	struct db_conn *ka = kiosk_named(admin, a);
	struct db_conn *kb = dbtest_terminal(admin, "kiosk", "340104");
	int limit = setting(admin, "pin_max_failures");

	for (int i = 1; i < limit; i++)
		expect(ka, id, WRONG, "invalid");
	expect(ka, id, WRONG, "locked");
	/* the one who typed them goes on: refused unseen, not one more PIN
	 * compared, and the owner is refused at that kiosk too */
	expect(ka, id, "000002", "locked");
	expect(ka, id, PIN, "locked");
	ck_assert_int_eq(checked(admin, a, id), limit);
	/* at another kiosk the owner is in at once */
	expect(kb, id, PIN, "ok");
	/* the lock lapses: a quarter of an hour later the kiosk compares again */
	backdate(admin, id, "14 minutes");
	expect(ka, id, PIN, "locked");
	backdate(admin, id, "2 minutes");
	expect(ka, id, PIN, "ok");
	free(person);
	db_conn_free(&ka);
	db_conn_free(&kb);
	db_conn_free(&admin);
}
END_TEST

START_TEST(the_day_budget_closes_only_the_kiosks_it_was_spent_at)
{
	struct db_conn *admin = dbtest_admin();
	char id[19], a[64], c[64];
	char *person = dbtest_person(admin, "{}", "intending", id);
	struct db_conn *ka = kiosk_named(admin, a);
	struct db_conn *kc = kiosk_named(admin, c);
	struct db_conn *kb = dbtest_terminal(admin, "kiosk", "340104");
	int limit = setting(admin, "pin_max_failures");
	int budget = setting(admin, "pin_day_failures");
	int tried = 0;

	/* the attacker spends the budget at kiosk A, waiting out each lock */
	while (tried < budget) {
		for (int i = 0; i < limit && tried < budget; i++, tried++)
			expect(ka, id, WRONG,
			       tried + 1 == budget || i + 1 == limit ? "locked" : "invalid");
		backdate(admin, id, "16 minutes");
	}
	/* the kiosk lock has lapsed, the day's has not */
	expect(ka, id, WRONG, "locked");
	ck_assert_int_eq(checked(admin, a, id), budget);
	const char *p[] = { id };
	/* until the day's failures begin to age out */
	char *within = dbtest_value(ka,
				    "SELECT locked_until - now() BETWEEN interval '23 hours'"
				    " AND interval '24 hours' FROM api.citizen_login($1, '000001')",
				    1, p);
	ck_assert_str_eq(within, "t");
	free(within);
	/* a kiosk the attacker had not used compares one PIN, then closes */
	expect(kc, id, WRONG, "locked");
	expect(kc, id, PIN, "locked");
	ck_assert_int_eq(checked(admin, c, id), 1);
	/* the owner, at a kiosk nobody typed a wrong PIN at, is in */
	expect(kb, id, PIN, "ok");
	/* a day later the kiosks open again */
	backdate(admin, id, "23 hours");
	expect(ka, id, PIN, "locked");
	expect(kc, id, PIN, "locked");
	backdate(admin, id, "1 hour");
	expect(ka, id, PIN, "ok");
	expect(kc, id, PIN, "ok");
	free(person);
	db_conn_free(&ka);
	db_conn_free(&kb);
	db_conn_free(&kc);
	db_conn_free(&admin);
}
END_TEST

START_TEST(the_counter_lifts_every_lock)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *token = dbtest_sign_in(admin, desk, "counter", "340104", NULL);
	char id[19];
	char *person = dbtest_person(admin, "{}", "intending", id);
	struct db_conn *k = dbtest_terminal(admin, "kiosk", "340104");
	int limit = setting(admin, "pin_max_failures");
	const char *get[] = { token, person };
	const char *set[] = { token, person, "246813" };
	char *locked;

	for (int i = 0; i < limit; i++)
		free(status_of(k, id, WRONG));
	expect(k, id, PIN, "locked");
	locked =
		dbtest_value(desk, "SELECT pin_locked FROM api.person_get($1, $2::bigint)", 2, get);
	ck_assert_str_eq(locked, "t");
	free(locked);
	dbtest_sql(desk, "SELECT api.person_set_pin($1, $2::bigint, $3)", 3, set);
	locked =
		dbtest_value(desk, "SELECT pin_locked FROM api.person_get($1, $2::bigint)", 2, get);
	ck_assert_str_eq(locked, "f");
	free(locked);
	expect(k, id, "246813", "ok");
	free(person);
	free(token);
	db_conn_free(&k);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

Suite *pin_lock_suite(void)
{
	Suite *s = suite_create("pin_lock");
	TCase *race = tcase_create("race");
	TCase *lapse = tcase_create("lapse");

	tcase_set_timeout(race, 120);
	tcase_set_timeout(lapse, 60);
	tcase_add_test(race, parallel_wrong_pins_count_exactly);
	tcase_add_test(lapse, a_kiosk_lock_lapses_and_leaves_other_kiosks_open);
	tcase_add_test(lapse, the_day_budget_closes_only_the_kiosks_it_was_spent_at);
	tcase_add_test(lapse, the_counter_lifts_every_lock);
	suite_add_tcase(s, race);
	suite_add_tcase(s, lapse);
	return s;
}
