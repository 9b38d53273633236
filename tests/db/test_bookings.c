/*
 * bookings: vouchers and bookings through the API, as a kiosk and a
 * counter call them — booking, cancelling, completing, no-shows, expiry,
 * waiting lists, department purchases, every refusal, idempotent
 * retries, a connection killed mid-call — and after each, the ledger
 * sums equal the balances.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dbtest.h"
#include "tests/load/invariants.h"

static const char *const PW = "Counter-pass-1";

struct world {
	struct db_conn *admin, *kiosk, *desk;
	char *desk_token;
	char provider_cc[19];
	long long provider;
};

static int seq;

static void world_open(struct world *w)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	char name[64];

	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	const char *user = dbtest_staff(w->admin, "counter", "340104", PW);
	ck_assert_int_eq(db_staff_login(w->desk, user, PW, &s, &until, &err), DB_LOGIN_OK);
	w->desk_token = xstrdup(s.token);
	staff_session_release(&s);
	dbtest_credit_code(w->provider_cc);
	snprintf(name, sizeof(name), "测试服务商%d-%d", (int)getpid(), ++seq);
	const char *p[] = { w->provider_cc, name };
	char *id = dbtest_value(
		w->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')", 2,
		p);
	w->provider = atoll(id);
	free(id);
}

static void world_close(struct world *w)
{
	free(w->desk_token);
	db_conn_free(&w->admin);
	db_conn_free(&w->kiosk);
	db_conn_free(&w->desk);
}

/* A service of the world's provider; price in fen. */
static long long service_new(struct world *w, const char *category, long long price,
			     bool voucher_ok)
{
	char code[48], fen[24];
	snprintf(code, sizeof(code), "T%d-%d", (int)getpid(), ++seq);
	snprintf(fen, sizeof(fen), "%lld", price);
	const char *p[] = { code, w->provider_cc,	  category,
			    fen,  voucher_ok ? "t" : "f", price > 0 ? "t" : "f" };
	char *id = dbtest_value(
		w->admin,
		"SELECT wc_admin.service_add($1, $2, '测试服务', $3, $6::boolean, false,"
		" $4::bigint, $5::boolean, '340104', '', '蜀山区', '0551', 24)",
		6, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* A slot days ahead (negative: in the past, for closing). */
static long long slot_new(struct world *w, long long service, int capacity, int days)
{
	char s[24], c[16], d[16];
	snprintf(s, sizeof(s), "%lld", service);
	snprintf(c, sizeof(c), "%d", capacity);
	snprintf(d, sizeof(d), "%d", days);
	const char *p[] = { s, c, d };
	char *id = dbtest_value(w->admin,
				"INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
				" VALUES ($1, now() + make_interval(days => $3::int),"
				" now() + make_interval(days => $3::int, hours => 1), $2::int)"
				" RETURNING id",
				3, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* A programme for categories with a budget in 蜀山区; returns its id. */
static long long programme_new(struct world *w, const char *categories, const char *groups,
			       const char *stage, long long face, long long budget)
{
	char code[48], f[24], b[24];
	snprintf(code, sizeof(code), "P%d-%d", (int)getpid(), ++seq);
	snprintf(f, sizeof(f), "%lld", face);
	snprintf(b, sizeof(b), "%lld", budget);
	const char *p[] = { code, f, categories, groups, stage };
	char *id = dbtest_value(w->admin,
				"SELECT wc_admin.programme_add($1, '测试创业券', $2::bigint, 12,"
				" $3::text[], $4::text[], $5, '')",
				5, p);
	const char *q[] = { code, b };
	dbtest_sql(w->admin, "SELECT wc_admin.budget_set($1, '340104', $2::bigint)", 2, q);
	long long v = atoll(id);
	free(id);
	return v;
}

static long long issue(struct world *w, const char *person, long long programme, const char *want)
{
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert_msg(db_voucher_issue(w->desk, w->desk_token, key, person, programme, &o, &err) ==
			      DB_OK,
		      "voucher_issue: %s", err.primary);
	ck_assert_str_eq(o.outcome, want);
	long long id = o.voucher_id;
	db_outcome_release(&o);
	/* the same key again: the same answer, nothing issued twice */
	ck_assert(db_voucher_issue(w->desk, w->desk_token, key, person, programme, &o, &err) ==
		  DB_OK);
	ck_assert(o.replayed);
	ck_assert_str_eq(o.outcome, want);
	ck_assert_int_eq(o.voucher_id, id);
	db_outcome_release(&o);
	return id;
}

static void book(struct world *w, const char *token, const char *key, long long slot,
		 long long voucher, struct db_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	struct booking_pay pay = { voucher, 0 };

	ck_assert_msg(db_citizen_book(w->kiosk, token, key, slot, pay, o, &err) == DB_OK,
		      "citizen_book: %s", err.primary);
}

/* Book with a new key and expect the outcome; returns the booking id. */
static long long book_expect(struct world *w, const char *token, long long slot, long long voucher,
			     const char *want)
{
	char key[37];
	struct db_outcome o;

	db_request_key(key);
	book(w, token, key, slot, voucher, &o);
	ck_assert_str_eq(o.outcome, want);
	long long id = o.booking_id;
	db_outcome_release(&o);
	return id;
}

static const char *cancel(struct world *w, const char *token, long long booking)
{
	static char got[32];
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert(db_citizen_cancel(w->kiosk, token, key, booking, &o, &err) == DB_OK);
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_outcome_release(&o);
	return got;
}

static long long value_ll(struct world *w, const char *sql, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	char *v = dbtest_value(w->admin, sql, 1, p);
	long long n = atoll(v);
	free(v);
	return n;
}

static long long balance(struct world *w, long long voucher)
{
	return value_ll(w, "SELECT balance_fen FROM wc.voucher WHERE id = $1", voucher);
}

static long long held(struct world *w, long long voucher)
{
	return value_ll(w, "SELECT held_fen FROM wc.voucher WHERE id = $1", voucher);
}

static long long taken(struct world *w, long long slot)
{
	return value_ll(w, "SELECT taken FROM wc.slot WHERE id = $1", slot);
}

/* The invariants of tests/load/invariants.h (seats, ledger sums, holds,
 * face values, one key a booking, budgets, purchased units) over the
 * world's provider and every voucher: every test checks them all. */
static void invariants(struct world *w)
{
	dbtest_invariants(w->admin, w->provider);
}

START_TEST(book_cancel_restores_seat_and_money)
{
	struct world w;
	char id[19], key[37];
	struct db_outcome o, again;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long prog = programme_new(&w, "{training}", "{}", NULL, 200000, 1000000);
	long long v = issue(&w, person, prog, "ok");
	ck_assert_int_eq(balance(&w, v), 200000);
	long long slot = slot_new(&w, service_new(&w, "training", 150000, true), 2, 3);

	db_request_key(key);
	book(&w, token, key, slot, v, &o);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert(!o.replayed);
	ck_assert_int_eq(o.voucher_fen, 150000);
	ck_assert_int_eq(o.offline_fen, 0);
	ck_assert_int_eq(o.balance_fen, 50000);
	ck_assert_int_eq(strncmp(o.booking_no, "YY", 2), 0);
	ck_assert_int_eq(balance(&w, v), 50000);
	ck_assert_int_eq(held(&w, v), 150000);
	ck_assert_int_eq(taken(&w, slot), 1);

	/* the same key again: the first outcome, nothing more */
	book(&w, token, key, slot, v, &again);
	ck_assert_str_eq(again.outcome, "ok");
	ck_assert(again.replayed);
	ck_assert_int_eq(again.booking_id, o.booking_id);
	ck_assert_int_eq(balance(&w, v), 50000);
	ck_assert_int_eq(taken(&w, slot), 1);
	db_outcome_release(&again);

	/* the same key for another slot: refused as a key sent with other
	 * arguments, not answered "ok" with the first booking's number */
	long long other = slot_new(&w, service_new(&w, "training", 150000, true), 3, 3);
	book(&w, token, key, other, v, &again);
	ck_assert_str_eq(again.outcome, "key_mismatch");
	ck_assert_int_eq(again.booking_id, 0);
	ck_assert_int_eq(taken(&w, other), 0);
	ck_assert_int_eq(balance(&w, v), 50000);
	db_outcome_release(&again);
	/* …or without the voucher: other arguments too */
	book(&w, token, key, slot, 0, &again);
	ck_assert_str_eq(again.outcome, "key_mismatch");
	db_outcome_release(&again);

	/* what the kiosk lists */
	struct voucher_row *vs;
	struct booking_row *bs;
	int nv, nb;
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_citizen_vouchers(w.kiosk, token, &vs, &nv, &err) == DB_OK);
	ck_assert_int_eq(nv, 1);
	ck_assert_int_eq(vs[0].held_fen, 150000);
	ck_assert_str_eq(vs[0].category_names, "培训");
	voucher_rows_free(&vs, nv);
	ck_assert(db_citizen_bookings(w.kiosk, token, &bs, &nb, &err) == DB_OK);
	ck_assert_int_eq(nb, 1);
	ck_assert_str_eq(bs[0].status, "booked");
	ck_assert(bs[0].can_cancel);
	booking_rows_free(&bs, nb);

	ck_assert_str_eq(cancel(&w, token, o.booking_id), "ok");
	ck_assert_int_eq(balance(&w, v), 200000);
	ck_assert_int_eq(held(&w, v), 0);
	ck_assert_int_eq(taken(&w, slot), 0);
	ck_assert_str_eq(cancel(&w, token, o.booking_id), "not_open");
	db_outcome_release(&o);
	invariants(&w);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

START_TEST(refusals)
{
	struct world w;
	char id_a[19], id_b[19];

	world_open(&w);
	char *a = dbtest_person(w.admin, "{graduate}", "intending", id_a);
	char *b = dbtest_person(w.admin, "{graduate}", "intending", id_b);
	char *ta = dbtest_citizen(w.kiosk, id_a);
	char *tb = dbtest_citizen(w.kiosk, id_b);
	long long prog = programme_new(&w, "{training}", "{}", NULL, 100000, 1000000);
	long long va = issue(&w, a, prog, "ok");
	long long vb = issue(&w, b, prog, "ok");
	issue(&w, a, prog, "already_issued");

	long long one_seat = slot_new(&w, service_new(&w, "training", 30000, true), 1, 2);
	book_expect(&w, ta, one_seat, va, "ok");
	book_expect(&w, ta, one_seat, va, "already_booked");
	book_expect(&w, tb, one_seat, vb, "slot_full");
	/* someone else's voucher */
	long long other = slot_new(&w, service_new(&w, "training", 30000, true), 5, 2);
	book_expect(&w, tb, other, va, "not_owner");
	/* a category the voucher does not pay for, a service vouchers cannot pay */
	book_expect(&w, tb, slot_new(&w, service_new(&w, "legal", 20000, true), 5, 2), vb,
		    "category_not_covered");
	book_expect(&w, tb, slot_new(&w, service_new(&w, "training", 20000, false), 5, 2), vb,
		    "voucher_not_accepted");
	/* the balance: 1000 yuan against a 1500-yuan service covers 1000,
	 * the rest offline; then nothing is left */
	long long dear = slot_new(&w, service_new(&w, "training", 150000, true), 5, 2);
	char key[37];
	struct db_outcome o;
	db_request_key(key);
	book(&w, tb, key, dear, vb, &o);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_int_eq(o.voucher_fen, 100000);
	ck_assert_int_eq(o.offline_fen, 50000);
	db_outcome_release(&o);
	book_expect(&w, tb, other, vb, "balance_short");
	/* a started slot */
	long long past = slot_new(&w, service_new(&w, "training", 0, false), 5, -1);
	book_expect(&w, tb, past, 0, "slot_closed");
	/* expired: the day after valid_until */
	const char *p[] = { a };
	dbtest_sql(w.admin,
		   "UPDATE wc.voucher SET valid_until = wc.today() - 1 WHERE person_id = $1", 1, p);
	book_expect(&w, ta, other, va, "voucher_expired");
	/* another person's booking */
	long long mine = book_expect(&w, tb, other, 0, "ok");
	ck_assert_str_eq(cancel(&w, ta, mine), "not_owner");
	/* too many open bookings (3 by default): b holds dear and other */
	book_expect(&w, tb, slot_new(&w, service_new(&w, "guidance", 0, false), 5, 2), 0, "ok");
	book_expect(&w, tb, slot_new(&w, service_new(&w, "guidance", 0, false), 5, 2), 0,
		    "too_many_open");
	invariants(&w);
	free(a);
	free(b);
	free(ta);
	free(tb);
	world_close(&w);
}
END_TEST

START_TEST(issue_checks_eligibility_and_budget)
{
	struct world w;
	char id1[19], id2[19], id3[19];

	world_open(&w);
	char *vet = dbtest_person(w.admin, "{veteran}", "started", id1);
	char *grad = dbtest_person(w.admin, "{graduate}", "started", id2);
	char *vet2 = dbtest_person(w.admin, "{veteran}", "started", id3);
	long long prog = programme_new(&w, "{legal,tax}", "{veteran}", "started", 300000, 500000);
	issue(&w, grad, prog, "outside_groups");
	long long v = issue(&w, vet, prog, "ok");
	/* 5000 yuan of budget, 3000 taken: the next 3000 does not fit */
	issue(&w, vet2, prog, "budget_short");
	ck_assert_int_eq(value_ll(&w,
				  "SELECT available_fen FROM wc.voucher_budget"
				  " WHERE programme_id = $1 AND county_code = '340104'",
				  prog),
			 200000);
	/* valid for 12 months: the last day is the day before the same date next year */
	ck_assert_int_eq(value_ll(&w,
				  "SELECT (valid_until = (wc.today() + interval '12 months' -"
				  " interval '1 day')::date)::int FROM wc.voucher WHERE id = $1",
				  v),
			 1);
	/* the counter's list shows it issued */
	struct programme_row *g;
	int n;
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_voucher_programmes(w.desk, w.desk_token, vet, &g, &n, &err) == DB_OK);
	bool seen = false;
	for (int i = 0; i < n; i++)
		if (g[i].id == prog) {
			seen = true;
			ck_assert(g[i].already_issued);
			ck_assert_int_eq(g[i].budget_left, 200000);
			ck_assert_str_eq(g[i].category_names, "法律、财税");
		}
	ck_assert(seen);
	programme_rows_free(&g, n);
	invariants(&w);
	free(vet);
	free(grad);
	free(vet2);
	world_close(&w);
}
END_TEST

/* A provider's staff account linked to the world's provider. */
static struct db_conn *provider_desk(struct world *w, char **token)
{
	struct db_conn *t = dbtest_terminal(w->admin, "staff", NULL);
	const char *user = dbtest_staff(w->admin, "provider", "340104", PW);
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	const char *p[] = { user, w->provider_cc };

	dbtest_sql(w->admin, "SELECT wc_admin.provider_staff_link($1, $2)", 2, p);
	ck_assert_int_eq(db_staff_login(t, user, PW, &s, &until, &err), DB_LOGIN_OK);
	*token = xstrdup(s.token);
	staff_session_release(&s);
	return t;
}

static const char *close_booking(struct db_conn *c, const char *token, long long booking,
				 bool completed)
{
	static char got[32];
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert_msg(db_booking_close(c, token, key, booking, completed, &o, &err) == DB_OK,
		      "booking_close: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_outcome_release(&o);
	ck_assert(db_booking_close(c, token, key, booking, completed, &o, &err) == DB_OK);
	ck_assert(o.replayed);
	ck_assert_str_eq(o.outcome, got);
	db_outcome_release(&o);
	return got;
}

START_TEST(complete_redeems_no_show_releases)
{
	struct world w;
	char id[19];
	char *ptoken;

	world_open(&w);
	struct db_conn *prov = provider_desk(&w, &ptoken);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long v =
		issue(&w, person,
		      programme_new(&w, "{training,guidance}", "{}", NULL, 200000, 1000000), "ok");
	long long s1 = slot_new(&w, service_new(&w, "training", 60000, true), 5, 3);
	long long s2 = slot_new(&w, service_new(&w, "guidance", 40000, true), 5, 3);
	long long s3 = slot_new(&w, service_new(&w, "guidance", 40000, true), 5, 3);
	long long b1 = book_expect(&w, token, s1, v, "ok");
	long long b2 = book_expect(&w, token, s2, v, "ok");
	long long b3 = book_expect(&w, token, s3, v, "ok");
	ck_assert_int_eq(balance(&w, v), 60000);
	ck_assert_str_eq(close_booking(prov, ptoken, b1, true), "too_early");
	ck_assert_str_eq(cancel(&w, token, b3), "ok");
	/* the service time comes */
	dbtest_sql(
		w.admin,
		"UPDATE wc.slot SET starts_at = now() - interval '2 hours',"
		" ends_at = now() - interval '1 hour' WHERE id IN (SELECT slot_id FROM wc.booking"
		" WHERE person_id = $1)",
		1, (const char *const[]){ person });
	ck_assert_str_eq(close_booking(prov, ptoken, b1, true), "ok");
	ck_assert_str_eq(close_booking(prov, ptoken, b1, true), "not_open");
	ck_assert_int_eq(
		value_ll(&w, "SELECT amount_fen FROM wc.settlement WHERE booking_id = $1", b1),
		60000);
	/* the counter records the no-show; a cancelled booking is never one */
	ck_assert_str_eq(close_booking(w.desk, w.desk_token, b2, false), "ok");
	ck_assert_str_eq(close_booking(w.desk, w.desk_token, b3, false), "not_open");
	ck_assert_int_eq(balance(&w, v), 140000);
	ck_assert_int_eq(held(&w, v), 0);
	/* an online service is closed by its provider, not at the counter */
	long long s4 = slot_new(&w, service_new(&w, "guidance", 0, false), 5, 3);
	long long b4 = book_expect(&w, token, s4, 0, "ok");
	char s4s[24];
	snprintf(s4s, sizeof(s4s), "%lld", s4);
	dbtest_sql(w.admin,
		   "UPDATE wc.service SET online = true WHERE id = (SELECT service_id FROM wc.slot"
		   " WHERE id = $1)",
		   1, (const char *const[]){ s4s });
	dbtest_sql(w.admin,
		   "UPDATE wc.slot SET starts_at = now() - interval '2 hours',"
		   " ends_at = now() - interval '1 hour' WHERE id = $1",
		   1, (const char *const[]){ s4s });
	ck_assert_str_eq(close_booking(w.desk, w.desk_token, b4, true), "online_service");
	ck_assert_str_eq(close_booking(prov, ptoken, b4, true), "ok");
	/* another provider's staff cannot touch it */
	struct world w2;
	world_open(&w2);
	char *t2;
	struct db_conn *prov2 = provider_desk(&w2, &t2);
	ck_assert_str_eq(close_booking(prov2, t2, b1, true), "not_found");
	free(t2);
	db_conn_free(&prov2);
	world_close(&w2);
	invariants(&w);
	free(ptoken);
	db_conn_free(&prov);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

/* The day (Asia/Shanghai) a slot starts on. */
static struct date slot_day(struct world *w, long long slot)
{
	char s[24];
	struct date d;
	snprintf(s, sizeof(s), "%lld", slot);
	char *v = dbtest_value(w->admin,
			       "SELECT (starts_at AT TIME ZONE 'Asia/Shanghai')::date FROM wc.slot"
			       " WHERE id = $1",
			       1, (const char *const[]){ s });
	ck_assert_int_eq(date_parse(v, &d), DATE_OK);
	free(v);
	return d;
}

static bool listed(const struct provider_booking_row *v, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return true;
	return false;
}

START_TEST(provider_lists_its_own_day)
{
	struct world w, w2;
	char id_a[19], id_b[19];
	char *ptoken, *ptoken2;
	struct provider_booking_row *v;
	int n;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	world_open(&w2);
	struct db_conn *prov = provider_desk(&w, &ptoken);
	struct db_conn *prov2 = provider_desk(&w2, &ptoken2);
	char *a = dbtest_person(w.admin, "{}", "intending", id_a);
	char *b = dbtest_person(w.admin, "{}", "intending", id_b);
	char *ta = dbtest_citizen(w.kiosk, id_a);
	char *tb = dbtest_citizen(w.kiosk, id_b);
	long long va =
		issue(&w, a, programme_new(&w, "{training}", "{}", NULL, 100000, 1000000), "ok");
	long long s1 = slot_new(&w, service_new(&w, "training", 150000, true), 5, 3);
	long long s2 = slot_new(&w, service_new(&w, "guidance", 0, false), 5, 3);
	long long s3 = slot_new(&w2, service_new(&w2, "guidance", 0, false), 5, 3);
	long long b1 = book_expect(&w, ta, s1, va, "ok");
	long long b2 = book_expect(&w, tb, s2, 0, "ok");
	long long b3 = book_expect(&w, ta, s3, 0, "ok");
	ck_assert_str_eq(cancel(&w, tb, b2), "ok");
	struct date day = slot_day(&w, s1);

	/* its own two, the cancelled one too; not the other provider's */
	ck_assert(db_provider_bookings(prov, ptoken, day, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 2);
	ck_assert(listed(v, n, b1) && listed(v, n, b2) && !listed(v, n, b3));
	for (int i = 0; i < n; i++) {
		ck_assert_str_eq(v[i].name_masked, "张**");
		ck_assert(!v[i].can_close); /* not started */
		ck_assert_int_eq(strncmp(v[i].no, "YY", 2), 0);
		if (v[i].id == b1) {
			ck_assert_str_eq(v[i].status, "booked");
			ck_assert_int_eq(v[i].voucher_fen, 100000);
			ck_assert_int_eq(v[i].offline_fen, 50000);
			ck_assert(!v[i].purchased);
		} else {
			ck_assert_str_eq(v[i].status, "cancelled");
		}
	}
	provider_booking_rows_free(&v, n);
	/* the other provider sees its own only */
	ck_assert(db_provider_bookings(prov2, ptoken2, day, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].id, b3);
	provider_booking_rows_free(&v, n);
	/* confirming (接单确认): its own open booking only; twice is once; the
	 * person sees it */
	char *outcome = NULL;
	ck_assert(db_booking_confirm(prov, ptoken, b1, &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	ck_assert(db_booking_confirm(prov, ptoken, b1, &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	ck_assert(db_booking_confirm(prov, ptoken, b2, &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "not_open"); /* cancelled */
	free(outcome);
	ck_assert(db_booking_confirm(prov2, ptoken2, b1, &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "not_found"); /* another provider's */
	free(outcome);
	ck_assert(db_booking_confirm(w.desk, w.desk_token, b1, &outcome, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert(db_provider_bookings(prov, ptoken, day, &v, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		ck_assert(v[i].confirmed == (v[i].id == b1));
	provider_booking_rows_free(&v, n);
	struct booking_row *mine = NULL;
	int nmine = 0;
	ck_assert(db_citizen_bookings(w.kiosk, ta, &mine, &nmine, &err) == DB_OK);
	bool seen = false;
	for (int i = 0; i < nmine; i++)
		if (mine[i].id == b1)
			seen = mine[i].confirmed;
	ck_assert(seen);
	booking_rows_free(&mine, nmine);
	char b1s[24];
	snprintf(b1s, sizeof(b1s), "%lld", b1);
	char *audited =
		dbtest_value(w.admin,
			     "SELECT count(*) FROM wc.audit a JOIN wc.booking b ON b.no = a.object"
			     " WHERE a.action = 'booking_confirm' AND b.id = $1",
			     1, (const char *const[]){ b1s });
	ck_assert_str_eq(audited, "1");
	free(audited);

	/* the day after: nothing */
	struct date next = day;
	ck_assert(date_add_days(&next, 1));
	ck_assert(db_provider_bookings(prov, ptoken, next, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_booking_rows_free(&v, n);

	/* once its time has come, an open booking can be closed */
	char s1s[24];
	snprintf(s1s, sizeof(s1s), "%lld", s1);
	dbtest_sql(w.admin,
		   "UPDATE wc.slot SET starts_at = now() - interval '1 minute',"
		   " ends_at = now() + interval '1 hour' WHERE id = $1",
		   1, (const char *const[]){ s1s });
	ck_assert(db_provider_bookings(prov, ptoken, slot_day(&w, s1), &v, &n, &err) == DB_OK);
	ck_assert(listed(v, n, b1));
	for (int i = 0; i < n; i++)
		if (v[i].id == b1)
			ck_assert(v[i].can_close);
	provider_booking_rows_free(&v, n);
	ck_assert_str_eq(close_booking(prov, ptoken, b1, true), "ok");
	ck_assert(db_provider_bookings(prov, ptoken, slot_day(&w, s1), &v, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		if (v[i].id == b1) {
			ck_assert_str_eq(v[i].status, "completed");
			ck_assert(!v[i].can_close);
		}
	provider_booking_rows_free(&v, n);

	/* the counter has no provider's list */
	ck_assert(db_provider_bookings(w.desk, w.desk_token, day, &v, &n, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	invariants(&w);
	free(ptoken);
	free(ptoken2);
	db_conn_free(&prov);
	db_conn_free(&prov2);
	free(a);
	free(b);
	free(ta);
	free(tb);
	world_close(&w2);
	world_close(&w);
}
END_TEST

START_TEST(expiry_returns_balance_to_budget)
{
	struct world w;
	char id[19];

	world_open(&w);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long prog = programme_new(&w, "{training}", "{}", NULL, 100000, 300000);
	long long v = issue(&w, person, prog, "ok");
	long long slot = slot_new(&w, service_new(&w, "training", 30000, true), 5, 3);
	long long b = book_expect(&w, token, slot, v, "ok");
	const char *p[] = { person };
	dbtest_sql(w.admin,
		   "UPDATE wc.voucher SET valid_until = wc.today() - 1 WHERE person_id = $1", 1, p);
	struct voucher_row *vs;
	int n;
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_citizen_vouchers(w.kiosk, token, &vs, &n, &err) == DB_OK);
	ck_assert_str_eq(vs[0].status, "expired");
	ck_assert_int_eq(vs[0].balance_fen, 0);
	ck_assert_int_eq(vs[0].held_fen, 30000);
	voucher_rows_free(&vs, n);
	/* 3000 budget - 1000 issued + 700 unspent back */
	ck_assert_int_eq(value_ll(&w,
				  "SELECT available_fen FROM wc.voucher_budget"
				  " WHERE programme_id = $1 AND county_code = '340104'",
				  prog),
			 270000);
	/* the held 300 comes back on cancelling, and expires at once */
	ck_assert_str_eq(cancel(&w, token, b), "ok");
	ck_assert_int_eq(balance(&w, v), 0);
	ck_assert_int_eq(held(&w, v), 0);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT available_fen FROM wc.voucher_budget"
				  " WHERE programme_id = $1 AND county_code = '340104'",
				  prog),
			 300000);
	invariants(&w);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

START_TEST(waitlist_gets_the_freed_seat)
{
	struct world w;
	char id_a[19], id_b[19];
	struct db_outcome o;
	char key[37];
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	char *a = dbtest_person(w.admin, "{}", "intending", id_a);
	char *b = dbtest_person(w.admin, "{}", "intending", id_b);
	char *ta = dbtest_citizen(w.kiosk, id_a);
	char *tb = dbtest_citizen(w.kiosk, id_b);
	long long prog = programme_new(&w, "{training}", "{}", NULL, 100000, 1000000);
	issue(&w, a, prog, "ok");
	long long vb = issue(&w, b, prog, "ok");
	long long slot = slot_new(&w, service_new(&w, "training", 20000, true), 1, 3);
	long long ba = book_expect(&w, ta, slot, 0, "ok");
	struct booking_pay pay = { vb, 0 };
	db_request_key(key);
	ck_assert(db_citizen_waitlist_join(w.kiosk, tb, key, slot, pay, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "waiting");
	db_outcome_release(&o);
	ck_assert_str_eq(cancel(&w, ta, ba), "ok");
	ck_assert_int_eq(taken(&w, slot), 1);
	ck_assert_int_eq(held(&w, vb), 20000);
	struct booking_row *bs;
	int n;
	ck_assert(db_citizen_bookings(w.kiosk, tb, &bs, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(bs[0].kind, "booking");
	ck_assert(bs[0].from_waitlist);
	booking_rows_free(&bs, n);
	invariants(&w);
	free(a);
	free(b);
	free(ta);
	free(tb);
	world_close(&w);
}
END_TEST

START_TEST(department_purchase_is_free_for_its_group)
{
	struct world w;
	char id1[19], id2[19], id3[19], code[48];

	world_open(&w);
	char *vet = dbtest_person(w.admin, "{veteran}", "intending", id1);
	char *vet2 = dbtest_person(w.admin, "{veteran}", "intending", id2);
	char *other = dbtest_person(w.admin, "{graduate}", "intending", id3);
	long long svc = service_new(&w, "training", 80000, true);
	char *c = dbtest_value(
		w.admin, "SELECT code FROM wc.service WHERE id = $1", 1,
		(const char *const[]){ (snprintf(code, sizeof(code), "%lld", svc), code) });
	char *pu = dbtest_value(w.admin,
				"SELECT wc_admin.purchase_add($1, '340104', 'veteran', "
				"'蜀山区退役军人事务局', 1, NULL)",
				1, (const char *const[]){ c });
	long long slot = slot_new(&w, svc, 5, 3);
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	struct booking_pay pay = { 0, atoll(pu) };
	char *t1 = dbtest_citizen(w.kiosk, id1);
	char *t2 = dbtest_citizen(w.kiosk, id2);
	char *t3 = dbtest_citizen(w.kiosk, id3);
	struct purchase_row *ps;
	int n;
	ck_assert(db_citizen_purchases(w.kiosk, t1, svc, &ps, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ps[0].units_left, 1);
	purchase_rows_free(&ps, n);
	ck_assert(db_citizen_purchases(w.kiosk, t3, svc, &ps, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	purchase_rows_free(&ps, n);

	db_request_key(key);
	ck_assert(db_citizen_book(w.kiosk, t3, key, slot, pay, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "not_eligible");
	db_outcome_release(&o);
	db_request_key(key);
	ck_assert(db_citizen_book(w.kiosk, t1, key, slot, pay, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_int_eq(o.offline_fen, 0);
	ck_assert_int_eq(o.voucher_fen, 0);
	long long b1 = o.booking_id;
	db_outcome_release(&o);
	db_request_key(key);
	ck_assert(db_citizen_book(w.kiosk, t2, key, slot, pay, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "units_used_up");
	db_outcome_release(&o);
	/* a cancel gives the unit back */
	ck_assert_str_eq(cancel(&w, t1, b1), "ok");
	db_request_key(key);
	ck_assert(db_citizen_book(w.kiosk, t2, key, slot, pay, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	db_outcome_release(&o);
	invariants(&w);
	free(c);
	free(pu);
	free(t1);
	free(t2);
	free(t3);
	free(vet);
	free(vet2);
	free(other);
	world_close(&w);
}
END_TEST

/* Art. 19 at the counter: its own county only, paid services only, the
 * checks as outcomes, and the purchase, once the bureau approves it,
 * usable by the group (test_purchases.c: before that it is not). */
START_TEST(counter_records_a_purchase)
{
	struct world w;
	char key[37], id[19];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct purchase_input in = {
		.region = "340104", .group = "veteran", .buyer = "蜀山区退役军人事务局", .units = 2
	};

	world_open(&w);
	in.service = service_new(&w, "training", 0, false);
	db_request_key(key);
	ck_assert(db_purchase_add(w.desk, w.desk_token, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "service_free");
	db_outcome_release(&o);
	in.service = service_new(&w, "training", 60000, true);
	in.region = "340102"; /* another county */
	db_request_key(key);
	ck_assert(db_purchase_add(w.desk, w.desk_token, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "bad_region");
	db_outcome_release(&o);
	in.region = "340104";
	in.units = 0;
	db_request_key(key);
	ck_assert(db_purchase_add(w.desk, w.desk_token, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "bad_units");
	db_outcome_release(&o);
	in.units = 2;
	in.ends_on = "2020-01-01";
	db_request_key(key);
	ck_assert(db_purchase_add(w.desk, w.desk_token, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "bad_date");
	db_outcome_release(&o);
	in.ends_on = NULL;
	db_request_key(key);
	ck_assert_msg(db_purchase_add(w.desk, w.desk_token, key, &in, &o, &err) == DB_OK, "%s",
		      err.primary);
	ck_assert_str_eq(o.outcome, "ok");
	db_outcome_release(&o);
	/* the same key again records nothing more */
	ck_assert_msg(db_purchase_add(w.desk, w.desk_token, key, &in, &o, &err) == DB_OK, "%s",
		      err.primary);
	ck_assert(o.replayed);
	db_outcome_release(&o);
	struct service_purchase *ps;
	int n;
	ck_assert(db_service_purchases(w.desk, w.desk_token, in.service, &ps, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(ps[0].group_name, "退役军人");
	ck_assert_int_eq(ps[0].units, 2);
	ck_assert_str_eq(ps[0].status, "proposed");
	long long purchase = ps[0].id;
	service_purchases_free(&ps, n);
	char *bureau = dbtest_sign_in(w.admin, w.desk, "bureau", "340000", NULL);
	char *decided = NULL;
	db_request_key(key);
	ck_assert(db_purchase_decide(w.desk, bureau, key, purchase, true, "", &decided, &err) ==
		  DB_OK);
	ck_assert_str_eq(decided, "ok");
	free(decided);
	free(bureau);
	/* a veteran of the county books it free */
	char *vet = dbtest_person(w.admin, "{veteran}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	struct booking_pay pay = { 0, purchase };
	db_request_key(key);
	ck_assert(db_citizen_book(w.kiosk, token, key, slot_new(&w, in.service, 5, 3), pay, &o,
				  &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_int_eq(o.offline_fen, 0);
	db_outcome_release(&o);
	invariants(&w);
	free(vet);
	free(token);
	world_close(&w);
}
END_TEST

START_TEST(counter_books_with_consent)
{
	struct world w;
	char id[19], key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{returnee}", "intending", id);
	long long v = issue(&w, person,
			    programme_new(&w, "{training}", "{}", NULL, 200000, 1000000), "ok");
	long long slot = slot_new(&w, service_new(&w, "training", 100000, true), 30, 5);
	struct booking_pay pay = { v, 0 };
	db_request_key(key);
	ck_assert(db_counter_book(w.desk, w.desk_token, key, person, slot, pay, "", &o, &err) ==
		  DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC041");
	db_error_release(&err);
	ck_assert(db_counter_book(w.desk, w.desk_token, key, person, slot, pay, "本人到场口头同意",
				  &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_int_eq(o.balance_fen, 100000);
	/* the audit says who acted for whom */
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE action = 'booking'"
				  " AND object = (SELECT no FROM wc.booking WHERE id = $1)"
				  " AND staff_id IS NOT NULL AND on_behalf_of IS NOT NULL"
				  " AND detail->>'consent' = '本人到场口头同意'",
				  o.booking_id),
			 1);
	struct booking_found f;
	ck_assert(db_booking_find(w.desk, w.desk_token, o.booking_no, &f, &err) == DB_OK);
	ck_assert_int_eq(f.id, o.booking_id);
	booking_found_release(&f);
	db_outcome_release(&o);
	invariants(&w);
	free(person);
	world_close(&w);
}
END_TEST

/*
 * The connection is killed while the booking call waits inside the
 * server (a lock held by the test makes it wait): the client connects
 * again, sends the same key, and exactly one booking results.
 */
START_TEST(killed_connection_books_once)
{
	struct world w;
	char id[19], key[37];
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long v = issue(&w, person,
			    programme_new(&w, "{training}", "{}", NULL, 100000, 1000000), "ok");
	long long slot = slot_new(&w, service_new(&w, "training", 50000, true), 3, 3);
	char slot_s[24];
	snprintf(slot_s, sizeof(slot_s), "%lld", slot);
	struct db_conn *locker = dbtest_admin();
	dbtest_sql(locker, "BEGIN", 0, NULL);
	dbtest_sql(locker, "SELECT 1 FROM wc.slot WHERE id = $1 FOR UPDATE", 1,
		   (const char *const[]){ slot_s });
	db_request_key(key);
	pid_t child = fork();
	if (child == 0) {
		struct db_outcome o;
		struct booking_pay pay = { v, 0 };
		int rc = db_citizen_book(w.kiosk, token, key, slot, pay, &o, &err) == DB_OK &&
					 strcmp(o.outcome, "ok") == 0
				 ? 0
				 : 1;
		_exit(rc);
	}
	/* wait until the call waits for the lock, then kill its backend */
	int killed = 0;
	for (int i = 0; i < 200 && !killed; i++) {
		char *n = dbtest_value(
			w.admin,
			"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
			" WHERE wait_event_type = 'Lock' AND query LIKE '%citizen_book%'"
			" AND query NOT LIKE '%pg_stat_activity%'",
			0, NULL);
		killed = atoi(n);
		free(n);
		if (!killed)
			usleep(50000);
	}
	ck_assert_int_eq(killed, 1);
	usleep(300000); /* let the client reconnect and send again; it waits for the lock */
	dbtest_sql(locker, "COMMIT", 0, NULL);
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(value_ll(&w, "SELECT count(*) FROM wc.booking WHERE slot_id = $1", slot),
			 1);
	ck_assert_int_eq(taken(&w, slot), 1);
	ck_assert_int_eq(balance(&w, v), 50000);
	invariants(&w);
	db_conn_free(&locker);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

START_TEST(ledger_is_append_only)
{
	struct world w;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	ck_assert(db_exec(w.admin, "SET ROLE wc_owner", 0, NULL, NULL, &err) == DB_OK);
	ck_assert(db_exec(w.admin, "UPDATE wc.voucher_entry SET held_delta = 0", 0, NULL, NULL,
			  &err) != DB_OK);
	ck_assert(db_exec(w.admin, "RESET ROLE", 0, NULL, NULL, &err) == DB_OK);
	ck_assert(db_exec(w.admin, "DELETE FROM wc.voucher_entry", 0, NULL, NULL, &err) != DB_OK);
	db_error_release(&err);
	world_close(&w);
}
END_TEST

/* The organisation changed after registration: registration's checks
 * (one function serves both), another person's code refused, removal. */
START_TEST(organisation_changed_at_the_counter)
{
	struct world w;
	char id1[19], id2[19], code[19];
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	char *a = dbtest_person(w.admin, "{}", "started", id1);
	char *b = dbtest_person(w.admin, "{}", "started", id2);
	dbtest_credit_code(code); /* a 91: small enterprise */
	struct org_input in = { code, "合肥某商贸有限公司", "individual_business", "2024-09-01",
				NULL };
	ck_assert(db_person_set_organisation(w.desk, w.desk_token, a, &in, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC014");
	db_error_release(&err);
	in.kind = "foundation";
	ck_assert(db_person_set_organisation(w.desk, w.desk_token, a, &in, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC013");
	db_error_release(&err);
	in.kind = "small_enterprise";
	ck_assert_msg(db_person_set_organisation(w.desk, w.desk_token, a, &in, &err) == DB_OK, "%s",
		      err.primary);
	/* the same again changes nothing but is allowed (it is a's own) */
	ck_assert(db_person_set_organisation(w.desk, w.desk_token, a, &in, &err) == DB_OK);
	ck_assert(db_person_set_organisation(w.desk, w.desk_token, b, &in, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC024");
	db_error_release(&err);
	struct org_input none = { "", "", "", "", NULL };
	ck_assert(db_person_set_organisation(w.desk, w.desk_token, a, &none, &err) == DB_OK);
	const char *p[] = { code };
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.organisation WHERE credit_code = $1", 1, p);
	ck_assert_str_eq(n, "0");
	free(n);
	free(a);
	free(b);
	world_close(&w);
}
END_TEST

Suite *bookings_suite(void)
{
	Suite *s = suite_create("bookings");
	TCase *money = tcase_create("money");
	TCase *faults = tcase_create("faults");

	tcase_set_timeout(money, 60);
	tcase_set_timeout(faults, 60);
	tcase_add_test(money, book_cancel_restores_seat_and_money);
	tcase_add_test(money, refusals);
	tcase_add_test(money, issue_checks_eligibility_and_budget);
	tcase_add_test(money, complete_redeems_no_show_releases);
	tcase_add_test(money, provider_lists_its_own_day);
	tcase_add_test(money, expiry_returns_balance_to_budget);
	tcase_add_test(money, waitlist_gets_the_freed_seat);
	tcase_add_test(money, department_purchase_is_free_for_its_group);
	tcase_add_test(money, counter_books_with_consent);
	tcase_add_test(money, counter_records_a_purchase);
	tcase_add_test(money, organisation_changed_at_the_counter);
	tcase_add_test(money, ledger_is_append_only);
	tcase_add_test(faults, killed_connection_books_once);
	suite_add_tcase(s, money);
	suite_add_tcase(s, faults);
	return s;
}
