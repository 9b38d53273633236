/*
 * manage: provider management through the API as the operator, the
 * supervisor, a provider's staff and the bureau call it — suspending
 * (open bookings cancelled whatever the cut-off: seat freed and not given
 * to those waiting, voucher hold released by a ledger entry, the reason
 * shown to the person, the services gone from the catalogue),
 * reinstating (services back, bookings not), removing (final), the
 * lesser sanctions and the history, a slot closed by its provider, one
 * service withdrawn and restored by the operator, and texts taken down
 * (hidden from the catalogue and search, kept, in the bureau's report).
 * Reasons are required, request keys make each action happen once, and
 * the money invariants hold after each test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"
#include "tests/load/invariants.h"

struct world {
	struct db_conn *admin, *kiosk, *desk;
	char *operator, * supervisor, *bureau, *counter; /* tokens */
	char provider_cc[19], name[64];
	long long provider;
};

static int seq;

/* A new provider registered in 蜀山区; fills cc. */
static long long provider_new(struct world *w, char cc[19], char *name, size_t size)
{
	dbtest_credit_code(cc);
	snprintf(name, size, "管理测试服务商%d-%d", (int)getpid(), ++seq);
	const char *p[] = { cc, name };
	char *id = dbtest_value(
		w->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区长江西路', '赵',"
		" '0551-65550000')",
		2, p);
	long long v = atoll(id);
	free(id);
	return v;
}

static void world_open(struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	w->operator= dbtest_sign_in(w->admin, w->desk, "operator", "340000", NULL);
	w->supervisor = dbtest_sign_in(w->admin, w->desk, "supervisor", "340000", NULL);
	w->bureau = dbtest_sign_in(w->admin, w->desk, "bureau", "340000", NULL);
	w->counter = dbtest_sign_in(w->admin, w->desk, "counter", "340104", NULL);
	w->provider = provider_new(w, w->provider_cc, w->name, sizeof(w->name));
}

static void invariants(struct world *w)
{
	dbtest_invariants(w->admin, w->provider);
}

static void world_close(struct world *w)
{
	invariants(w);
	free(w->operator);
	free(w->supervisor);
	free(w->bureau);
	free(w->counter);
	db_conn_free(&w->admin);
	db_conn_free(&w->kiosk);
	db_conn_free(&w->desk);
}

static long long value_ll(struct world *w, const char *sql, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	char *v = dbtest_value(w->admin, sql, 1, p);
	long long n = v ? atoll(v) : -1;
	free(v);
	return n;
}

static char *value_s(struct world *w, const char *sql, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	return dbtest_value(w->admin, sql, 1, p);
}

/* A service of the world's provider; price in fen (0: free). */
static long long service_new(struct world *w, long long price, const char *description)
{
	char code[48], fen[24];
	snprintf(code, sizeof(code), "MG%d-%d", (int)getpid(), ++seq);
	snprintf(fen, sizeof(fen), "%lld", price);
	const char *p[] = { code, w->provider_cc, fen, price > 0 ? "t" : "f", description };
	char *id = dbtest_value(w->admin,
				"SELECT wc_admin.service_add($1, $2, '创业培训班', 'training',"
				" $4::boolean, false, $3::bigint, $4::boolean, '340104', $5,"
				" '蜀山区', '0551', 24)",
				5, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* A slot starting in hours (negative: in the past), an hour long. */
static long long slot_new(struct world *w, long long service, int capacity, int hours)
{
	char s[24], c[16], h[16];
	snprintf(s, sizeof(s), "%lld", service);
	snprintf(c, sizeof(c), "%d", capacity);
	snprintf(h, sizeof(h), "%d", hours);
	const char *p[] = { s, c, h };
	char *id = dbtest_value(w->admin,
				"INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
				" VALUES ($1, now() + make_interval(hours => $3::int),"
				" now() + make_interval(hours => $3::int + 1), $2::int)"
				" RETURNING id",
				3, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* A voucher of 2000 yuan for training, issued to the person at the counter. */
static long long voucher_new(struct world *w, const char *person)
{
	char code[48], key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	snprintf(code, sizeof(code), "MP%d-%d", (int)getpid(), ++seq);
	const char *p[] = { code };
	char *id = dbtest_value(w->admin,
				"SELECT wc_admin.programme_add($1, '管理测试创业券', 200000, 12,"
				" '{training}', '{}', NULL, '')",
				1, p);
	dbtest_sql(w->admin, "SELECT wc_admin.budget_set($1, '340104', 1000000)", 1, p);
	db_request_key(key);
	ck_assert(db_voucher_issue(w->desk, w->counter, key, person, atoll(id), &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	long long v = o.voucher_id;
	db_outcome_release(&o);
	free(id);
	return v;
}

static const char *book(struct world *w, const char *token, long long slot, long long voucher,
			long long *booking)
{
	static char got[32];
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct booking_pay pay = { voucher, 0 };

	db_request_key(key);
	ck_assert_msg(db_citizen_book(w->kiosk, token, key, slot, pay, &o, &err) == DB_OK,
		      "citizen_book: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	if (booking)
		*booking = o.booking_id;
	db_outcome_release(&o);
	return got;
}

static const char *wait_for(struct world *w, const char *token, long long slot)
{
	static char got[32];
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct booking_pay pay = { 0, 0 };

	db_request_key(key);
	ck_assert(db_citizen_waitlist_join(w->kiosk, token, key, slot, pay, &o, &err) == DB_OK);
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_outcome_release(&o);
	return got;
}

/* Act on a provider with key (NULL: a new one) and return the outcome in *o. */
static void act(struct world *w, const char *token, const char *key, long long provider,
		enum provider_action a, const char *reason, struct db_manage_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_provider_act(w->desk, token, key, provider, a, reason, o, &err) == DB_OK,
		      "provider_act: %s", err.primary);
}

static const char *act_expect(struct world *w, long long provider, enum provider_action a,
			      const char *reason)
{
	static char got[32];
	struct db_manage_outcome o;

	act(w, w->operator, NULL, provider, a, reason, &o);
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_manage_outcome_release(&o);
	return got;
}

static bool in_catalogue(struct world *w, const char *query, long long service)
{
	struct service_query q = { .text = query, .county = "340104", .limit = 200 };
	struct service_page page;
	struct db_error err = DB_ERROR_INIT;
	bool found = false;

	ck_assert(db_service_search(w->kiosk, &q, &page, &err) == DB_OK);
	for (int i = 0; i < page.count; i++)
		found |= page.v[i].id == service;
	service_page_release(&page);
	return found;
}

static const struct booking_row *find_booking(const struct booking_row *v, int n, long long id,
					      const char *kind)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id && strcmp(v[i].kind, kind) == 0)
			return &v[i];
	return NULL;
}

/* Booking b (on slot, paid 1500 yuan with voucher v of 2000) was
 * cancelled on the provider's side by source: the hold went back to the
 * balance by a release entry, the seat is free and nobody waiting got
 * it, and the person (token) sees it cancelled with why. */
static void cancelled_for_the_person(struct world *w, const char *token, long long v, long long b,
				     long long slot, const char *source, const char *why)
{
	struct db_error err = DB_ERROR_INIT;
	struct booking_row *bs;
	int nb;

	ck_assert_int_eq(value_ll(w, "SELECT balance_fen FROM wc.voucher WHERE id = $1", v),
			 200000);
	ck_assert_int_eq(value_ll(w, "SELECT held_fen FROM wc.voucher WHERE id = $1", v), 0);
	ck_assert_int_eq(value_ll(w,
				  "SELECT count(*) FROM wc.voucher_entry WHERE booking_id = $1"
				  " AND kind = 'release' AND available_delta = 150000",
				  b),
			 1);
	ck_assert_int_eq(value_ll(w, "SELECT taken FROM wc.slot WHERE id = $1", slot), 0);
	ck_assert_int_eq(value_ll(w,
				  "SELECT count(*) FROM wc.booking WHERE slot_id = $1"
				  " AND status <> 'cancelled'",
				  slot),
			 0);
	char *ws = value_s(w, "SELECT status FROM wc.waitlist WHERE slot_id = $1", slot);
	ck_assert_str_eq(ws, "lapsed");
	free(ws);
	char *src = value_s(w, "SELECT cancel_source FROM wc.booking WHERE id = $1", b);
	ck_assert_str_eq(src, source);
	free(src);
	ck_assert(db_citizen_bookings(w->kiosk, token, &bs, &nb, &err) == DB_OK);
	const struct booking_row *mine = find_booking(bs, nb, b, "booking");
	ck_assert_ptr_nonnull(mine);
	ck_assert_str_eq(mine->status, "cancelled");
	ck_assert_str_eq(mine->cancel_reason, why);
	ck_assert(!mine->can_cancel);
	booking_rows_free(&bs, nb);
}

START_TEST(suspension_cancels_open_bookings)
{
	struct world w;
	char id[19], id2[19], key[37];
	struct db_manage_outcome o, again;
	struct db_error err = DB_ERROR_INIT;
	long long b, past_b;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	char *other = dbtest_person(w.admin, "{graduate}", "intending", id2);
	char *token2 = dbtest_citizen(w.kiosk, id2);
	long long v = voucher_new(&w, person);
	long long service = service_new(&w, 150000, "小班授课");
	/* starts within the cut-off (24 hours): the person could not cancel it */
	long long slot = slot_new(&w, service, 1, 3);
	long long past = slot_new(&w, service, 1, 30);
	ck_assert(in_catalogue(&w, w.name, service));

	ck_assert_str_eq(book(&w, token, slot, v, &b), "ok");
	ck_assert_int_eq(value_ll(&w, "SELECT held_fen FROM wc.voucher WHERE id = $1", v), 150000);
	ck_assert_str_eq(wait_for(&w, token2, slot), "waiting");
	/* a booking whose slot has ended stays for the provider to close */
	ck_assert_str_eq(book(&w, token2, past, 0, &past_b), "ok");
	char ps[24];
	snprintf(ps, sizeof(ps), "%lld", past);
	const char *pp[] = { ps };
	dbtest_sql(w.admin,
		   "UPDATE wc.slot SET starts_at = now() - interval '5 hours',"
		   " ends_at = now() - interval '4 hours' WHERE id = $1::bigint",
		   1, pp);

	/* the reason is required, and the supervisor does not act */
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_SUSPEND, "   "), "text_needed");
	char longer[1600] = "";
	for (int i = 0; i < 501; i++)
		strcat(longer, "长");
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_SUSPEND, longer), "text_too_long");
	db_request_key(key);
	ck_assert(db_provider_act(w.desk, w.supervisor, key, w.provider, PROVIDER_SUSPEND, "x", &o,
				  &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert_str_eq(act_expect(&w, -1, PROVIDER_SUSPEND, "x"), "not_found");
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_REINSTATE, "x"), "wrong_state");

	db_request_key(key);
	act(&w, w.operator, key, w.provider, PROVIDER_SUSPEND, "资质证明过期，待补正", &o);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(o.status, "suspended");
	ck_assert(!o.replayed);
	ck_assert_int_eq(o.cancelled, 1);
	ck_assert_int_eq(o.released_fen, 150000);
	ck_assert_int_eq(o.lapsed, 1);
	db_manage_outcome_release(&o);

	/* the same key: the first outcome, nothing done twice */
	act(&w, w.operator, key, w.provider, PROVIDER_SUSPEND, "资质证明过期，待补正", &again);
	ck_assert_str_eq(again.outcome, "ok");
	ck_assert(again.replayed);
	ck_assert_int_eq(again.cancelled, 1);
	ck_assert_int_eq(again.released_fen, 150000);
	db_manage_outcome_release(&again);
	act(&w, w.operator, key, w.provider, PROVIDER_WARNING, "x", &again);
	ck_assert_str_eq(again.outcome, "key_reused");
	db_manage_outcome_release(&again);
	/* the same step with another reason: refused, nothing done again */
	act(&w, w.operator, key, w.provider, PROVIDER_SUSPEND, "另一个理由", &again);
	ck_assert_str_eq(again.outcome, "key_mismatch");
	db_manage_outcome_release(&again);
	ck_assert_int_eq(
		value_ll(&w, "SELECT count(*) FROM wc.provider_sanction WHERE provider_id = $1",
			 w.provider),
		1);

	cancelled_for_the_person(&w, token, v, b, slot, "suspend", "资质证明过期，待补正");
	char *still = value_s(&w, "SELECT status FROM wc.booking WHERE id = $1", past_b);
	ck_assert_str_eq(still, "booked");
	free(still);
	/* the counter sees why as the person does */
	struct booking_row *bs;
	int nb;
	ck_assert(db_person_bookings(w.desk, w.counter, person, &bs, &nb, &err) == DB_OK);
	ck_assert_str_eq(find_booking(bs, nb, b, "booking")->cancel_reason, "资质证明过期，待补正");
	booking_rows_free(&bs, nb);

	/* the services are gone from the catalogue and cannot be booked */
	ck_assert(!in_catalogue(&w, w.name, service));
	struct service_detail d;
	ck_assert(db_service_get(w.kiosk, service, &d, &err) != DB_OK);
	db_error_release(&err);
	ck_assert_str_eq(book(&w, token2, slot, 0, NULL), "slot_closed");
	/* a booking that read the provider before the suspension committed is
	 * sent round again (wc.booking_check_open) */
	char ss[24];
	snprintf(ss, sizeof(ss), "%lld", slot);
	const char *ip[] = { ss, other };
	ck_assert(db_exec(w.admin,
			  "INSERT INTO wc.booking (no, person_id, slot_id, service_id, price_fen,"
			  " offline_fen) SELECT 'YY8' || $1, $2, id, service_id, 0, 0"
			  " FROM wc.slot WHERE id = $1::bigint",
			  2, ip, NULL, &err) == DB_ERR_BUSY);
	ck_assert_str_eq(err.sqlstate, "40001");
	db_error_release(&err);

	/* reinstated: the services come back, the cancelled booking does not */
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_REINSTATE, "已补正资质材料"), "ok");
	ck_assert(in_catalogue(&w, w.name, service));
	char *bst = value_s(&w, "SELECT status FROM wc.booking WHERE id = $1", b);
	ck_assert_str_eq(bst, "cancelled");
	free(bst);
	ck_assert_str_eq(book(&w, token2, slot, 0, NULL), "ok");

	free(person);
	free(token);
	free(other);
	free(token2);
	world_close(&w);
}
END_TEST

START_TEST(removal_is_final_and_history_kept)
{
	struct world w;
	char id[19];
	struct sanction_row *h;
	int n;
	struct db_error err = DB_ERROR_INIT;
	long long b;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long slot = slot_new(&w, service_new(&w, 0, ""), 5, 48);
	ck_assert_str_eq(book(&w, token, slot, 0, &b), "ok");

	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_INTERVIEW, "差评较多，约谈提醒"),
			 "ok");
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_WARNING, "未按约定时间提供服务"),
			 "ok");
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.booking WHERE id = $1"
				  " AND status = 'booked'",
				  b),
			 1);
	struct db_manage_outcome o;
	act(&w, w.operator, NULL, w.provider, PROVIDER_REMOVE, "提供虚假材料", &o);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(o.status, "removed");
	ck_assert_int_eq(o.cancelled, 1);
	ck_assert_int_eq(o.released_fen, 0);
	db_manage_outcome_release(&o);
	char *src = value_s(&w, "SELECT cancel_source FROM wc.booking WHERE id = $1", b);
	ck_assert_str_eq(src, "remove");
	free(src);
	/* nothing comes after a removal */
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_REINSTATE, "x"), "wrong_state");
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_SUSPEND, "x"), "wrong_state");
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_WARNING, "x"), "wrong_state");

	/* the history, newest first, for the operator and the supervisor */
	ck_assert(db_provider_sanctions(w.desk, w.supervisor, w.provider, &h, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(h[0].kind, "remove");
	ck_assert_str_eq(h[0].status_before, "active");
	ck_assert_str_eq(h[0].status_after, "removed");
	ck_assert_int_eq(h[0].cancelled, 1);
	ck_assert_str_eq(h[1].kind, "warning");
	ck_assert_str_eq(h[2].kind, "interview");
	ck_assert_str_eq(h[2].reason, "差评较多，约谈提醒");
	sanction_rows_free(&h, n);
	ck_assert(db_provider_sanctions(w.desk, w.counter, w.provider, &h, &n, &err) ==
		  DB_ERR_SERVER);
	db_error_release(&err);
	/* the record cannot be changed */
	ck_assert(db_exec(w.admin, "UPDATE wc.provider_sanction SET reason = 'x'", 0, NULL, NULL,
			  &err) != DB_OK);
	db_error_release(&err);

	/* the list and the page */
	struct provider_row *pl;
	ck_assert_msg(db_provider_list(w.desk, w.operator, w.provider_cc, &pl, &n, &err) == DB_OK,
		      "provider_list: %s", err.primary);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(pl[0].status, "removed");
	provider_rows_free(&pl, n);
	ck_assert(db_provider_list(w.desk, w.supervisor, w.name, &pl, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(pl[0].id, w.provider);
	provider_rows_free(&pl, n);
	struct provider_facts f;
	ck_assert(db_provider_get(w.desk, w.operator, w.provider, &f, &err) == DB_OK);
	ck_assert_str_eq(f.status, "removed");
	ck_assert_int_eq(f.open_bookings, 0);
	ck_assert_int_eq(f.services, 1);
	/* loaded by wc_admin.provider_add: no application behind it */
	ck_assert_str_eq(f.application_no, "");
	ck_assert_str_eq(f.legal_rep, "");
	provider_facts_release(&f);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

START_TEST(list_marks_the_flags_first)
{
	struct world w;
	char id[19], cc[19], first[64], prefix[48];
	struct provider_row *v;
	int n;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	/* another provider of this process, unflagged, whose name sorts first */
	dbtest_credit_code(cc);
	snprintf(first, sizeof(first), "管理测试服务商%d-0a", (int)getpid());
	const char *fp[] = { cc, first };
	dbtest_sql(w.admin, "SELECT wc_admin.provider_add($1, $2, '340104', '', '', '')", 2, fp);
	long long service = service_new(&w, 0, "");
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	char s[24];
	snprintf(s, sizeof(s), "%lld", service);
	for (int i = 0; i < 3; i++) {
		const char *p[] = { token, s };
		char *o = dbtest_value(w.kiosk,
				       "SELECT outcome FROM api.citizen_complaint_file($1,"
				       " gen_random_uuid(), 'service', $2::bigint, 'quality',"
				       " '课程与宣传不符，多次临时改期。')",
				       2, p);
		ck_assert_str_eq(o, "ok");
		free(o);
	}
	snprintf(prefix, sizeof(prefix), "管理测试服务商%d-", (int)getpid());
	ck_assert(db_provider_list(w.desk, w.operator, prefix, &v, &n, &err) == DB_OK);
	ck_assert_int_ge(n, 2);
	ck_assert_int_eq(v[0].id, w.provider); /* flagged: first, though named later */
	ck_assert(v[0].many_complaints);
	ck_assert(!v[0].low_rating);
	ck_assert_int_eq(v[0].complaints, 3);
	for (int i = 1; i < n; i++)
		if (strcmp(v[i].name, first) == 0) {
			ck_assert(!v[i].many_complaints);
			ck_assert_int_eq(v[i].complaints, 0);
		}
	provider_rows_free(&v, n);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

static const char *close_slot(struct db_conn *c, const char *token, const char *key, long long slot,
			      const char *reason, struct db_manage_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_slot_close(c, token, key, slot, reason, o, &err) == DB_OK,
		      "slot_close: %s", err.primary);
	return o->outcome;
}

START_TEST(provider_closes_a_slot)
{
	struct world w;
	char id[19], key[37], other_cc[19], other_name[64];
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	long long b;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long v = voucher_new(&w, person);
	long long service = service_new(&w, 50000, "");
	long long slot = slot_new(&w, service, 3, 72);
	long long ended = slot_new(&w, service, 3, -3);
	ck_assert_str_eq(book(&w, token, slot, v, &b), "ok");

	/* the provider's staff, and another provider's */
	char *mine = dbtest_sign_in(w.admin, w.desk, "provider", "340104", w.provider_cc);
	provider_new(&w, other_cc, other_name, sizeof(other_name));
	char *theirs = dbtest_sign_in(w.admin, w.desk, "provider", "340104", other_cc);

	/* the day's slots, as the desk lists them */
	struct day_slot_row *ds;
	int n;
	char *day = value_s(&w,
			    "SELECT to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
			    " FROM wc.slot WHERE id = $1::bigint",
			    slot);
	struct date dd;
	ck_assert(date_parse(day, &dd) == DATE_OK);
	free(day);
	ck_assert(db_provider_day_slots(w.desk, mine, dd, &ds, &n, &err) == DB_OK);
	bool listed = false;
	for (int i = 0; i < n; i++)
		if (ds[i].id == slot) {
			listed = true;
			ck_assert(ds[i].can_close);
			ck_assert_int_eq(ds[i].taken, 1);
		}
	ck_assert(listed);
	day_slot_rows_free(&ds, n);
	ck_assert(db_provider_day_slots(w.desk, theirs, dd, &ds, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		ck_assert(ds[i].id != slot);
	day_slot_rows_free(&ds, n);

	ck_assert_str_eq(close_slot(w.desk, theirs, NULL, slot, "x", &o), "not_found");
	db_manage_outcome_release(&o);
	ck_assert_str_eq(close_slot(w.desk, mine, NULL, slot, "", &o), "text_needed");
	db_manage_outcome_release(&o);
	ck_assert_str_eq(close_slot(w.desk, mine, NULL, ended, "x", &o), "wrong_state");
	db_manage_outcome_release(&o);
	db_request_key(key);
	ck_assert(db_slot_close(w.desk, w.counter, key, slot, "x", &o, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);

	db_request_key(key);
	ck_assert_str_eq(close_slot(w.desk, mine, key, slot, "讲师临时生病", &o), "ok");
	ck_assert_int_eq(o.cancelled, 1);
	ck_assert_int_eq(o.released_fen, 50000);
	ck_assert(!o.replayed);
	db_manage_outcome_release(&o);
	ck_assert_str_eq(close_slot(w.desk, mine, key, slot, "讲师临时生病", &o), "ok");
	ck_assert(o.replayed);
	ck_assert_int_eq(o.cancelled, 1);
	db_manage_outcome_release(&o);
	ck_assert_str_eq(close_slot(w.desk, mine, key, slot, "场地临时停电", &o), "key_mismatch");
	db_manage_outcome_release(&o);
	ck_assert_str_eq(close_slot(w.desk, mine, NULL, slot, "again", &o), "wrong_state");
	db_manage_outcome_release(&o);

	ck_assert_int_eq(value_ll(&w, "SELECT balance_fen FROM wc.voucher WHERE id = $1", v),
			 200000);
	ck_assert_int_eq(value_ll(&w, "SELECT cancelled::int FROM wc.slot WHERE id = $1", slot), 1);
	struct booking_row *bs;
	ck_assert(db_citizen_bookings(w.kiosk, token, &bs, &n, &err) == DB_OK);
	ck_assert_str_eq(find_booking(bs, n, b, "booking")->cancel_reason, "讲师临时生病");
	booking_rows_free(&bs, n);
	ck_assert_str_eq(book(&w, token, slot, 0, NULL), "slot_closed");

	/* the operator closes any provider's slot */
	long long other_slot = slot_new(&w, service, 2, 30);
	ck_assert_str_eq(close_slot(w.desk, w.operator, NULL, other_slot, "场地检修", &o), "ok");
	ck_assert_int_eq(o.cancelled, 0);
	db_manage_outcome_release(&o);
	free(mine);
	free(theirs);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

static const struct content_text *find_text(const struct content_text *v, int n, long long service,
					    const char *field)
{
	for (int i = 0; i < n; i++)
		if (v[i].service_id == service && strcmp(v[i].field, field) == 0)
			return &v[i];
	return NULL;
}

static const char *take_down(struct world *w, const char *token, const char *key,
			     const struct content_text *t, const char *reason, bool *replayed)
{
	static char got[32];
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_content_take_down(w->desk, token, key, t, reason, &o, &err) == DB_OK,
		      "content_take_down: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	if (replayed)
		*replayed = o.replayed;
	db_manage_outcome_release(&o);
	return got;
}

START_TEST(take_down_hides_keeps_and_reports)
{
	struct world w;
	char key[37];
	struct content_text *ts;
	int n;
	struct db_error err = DB_ERROR_INIT;
	bool replayed;

	world_open(&w);
	long long service = service_new(&w, 0, "零基础入门，报名请加微信 abc 咨询");
	ck_assert(in_catalogue(&w, "入门", service));

	/* the word list finds the text */
	ck_assert(db_content_texts(w.desk, w.operator, 0, true, &ts, &n, &err) == DB_OK);
	const struct content_text *t = find_text(ts, n, service, "description");
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->nhits, 1);
	ck_assert_str_eq(t->hits[0], "加微信");
	ck_assert_ptr_null(find_text(ts, n, service, "title")); /* no find there */
	content_texts_free(&ts, n);
	ck_assert(db_content_texts(w.desk, w.operator, w.provider, false, &ts, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 4); /* address, phone, title, description */
	struct content_text desc = *find_text(ts, n, service, "description");
	struct content_text phone = *find_text(ts, n, 0, "phone");
	ck_assert_str_eq(ts[0].field, "address");

	ck_assert_str_eq(take_down(&w, w.operator, NULL, &desc, " ", NULL), "text_needed");
	db_request_key(key);
	struct db_manage_outcome o;
	ck_assert(db_content_take_down(w.desk, w.counter, key, &desc, "x", &o, &err) ==
		  DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	struct content_text nowhere = desc;
	nowhere.service_id = 999999999999LL;
	ck_assert_str_eq(take_down(&w, w.operator, NULL, &nowhere, "x", NULL), "not_found");

	db_request_key(key);
	ck_assert_str_eq(take_down(&w, w.operator, key, &desc, "含引流联系方式", &replayed), "ok");
	ck_assert(!replayed);
	ck_assert_str_eq(take_down(&w, w.operator, key, &desc, "含引流联系方式", &replayed), "ok");
	ck_assert(replayed);
	ck_assert_str_eq(take_down(&w, w.operator, key, &phone, "x", NULL), "key_mismatch");
	ck_assert_str_eq(take_down(&w, w.operator, key, &desc, "另一个理由", NULL), "key_mismatch");
	ck_assert_str_eq(take_down(&w, w.supervisor, NULL, &desc, "again", NULL), "wrong_state");
	ck_assert_str_eq(take_down(&w, w.supervisor, NULL, &phone, "非本单位电话", NULL), "ok");
	content_texts_free(&ts, n);

	/* hidden from the page and from search; the title stays */
	struct service_detail d;
	ck_assert(db_service_get(w.kiosk, service, &d, &err) == DB_OK);
	ck_assert(d.description_down);
	ck_assert_str_eq(d.description, "");
	ck_assert(d.phone_down);
	ck_assert(!d.address_down);
	ck_assert(!d.title_down);
	ck_assert_str_eq(d.title, "创业培训班");
	service_detail_release(&d);
	ck_assert(!in_catalogue(&w, "入门", service));
	ck_assert(in_catalogue(&w, w.name, service));

	/* kept, and the operator still sees what was written */
	char *orig = value_s(&w, "SELECT original FROM wc.content_takedown WHERE service_id = $1",
			     service);
	ck_assert_str_eq(orig, "零基础入门，报名请加微信 abc 咨询");
	free(orig);
	ck_assert(db_content_texts(w.desk, w.operator, w.provider, false, &ts, &n, &err) == DB_OK);
	ck_assert(find_text(ts, n, service, "description")->hidden);
	content_texts_free(&ts, n);
	ck_assert(db_content_texts(w.desk, w.operator, 0, true, &ts, &n, &err) == DB_OK);
	ck_assert_ptr_null(find_text(ts, n, service, "description"));
	content_texts_free(&ts, n);

	/* in the bureau's report, with the reviews taken down */
	struct takedown_row *r;
	ck_assert(db_review_takedowns(w.desk, w.bureau, 0, 50, &r, &n, &err) == DB_OK);
	bool seen_desc = false, seen_phone = false;
	for (int i = 0; i < n; i++) {
		if (strcmp(r[i].kind, "service") == 0 && strcmp(r[i].field, "description") == 0 &&
		    strcmp(r[i].comment, "零基础入门，报名请加微信 abc 咨询") == 0) {
			seen_desc = true;
			ck_assert_str_eq(r[i].reason, "含引流联系方式");
			ck_assert_str_eq(r[i].staff_role, "operator");
			ck_assert_int_eq(r[i].nhits, 1);
			ck_assert_str_eq(r[i].service_title, "创业培训班");
		}
		if (strcmp(r[i].kind, "provider") == 0 && strcmp(r[i].field, "phone") == 0 &&
		    strcmp(r[i].provider_name, w.name) == 0)
			seen_phone = true;
	}
	ck_assert(seen_desc && seen_phone);
	ck_assert(r[0].id > r[n - 1].id);
	takedown_rows_free(&r, n);

	/* a text written again is a new publication */
	char ss[24];
	snprintf(ss, sizeof(ss), "%lld", service);
	const char *p[] = { ss };
	dbtest_sql(w.admin, "UPDATE wc.service SET description = '零基础入门' WHERE id = $1", 1, p);
	ck_assert(db_service_get(w.kiosk, service, &d, &err) == DB_OK);
	ck_assert(!d.description_down);
	ck_assert(d.phone_down);
	service_detail_release(&d);
	ck_assert(db_exec(w.admin, "DELETE FROM wc.content_takedown", 0, NULL, NULL, &err) !=
		  DB_OK);
	db_error_release(&err);
	world_close(&w);
}
END_TEST

/* Search folds traditional script to simplified, the stored text never:
 * a traditional query finds a simplified service, and a simplified query
 * a service written in traditional script, which is shown as written. */
START_TEST(service_search_folds_traditional)
{
	struct world w;
	struct service_detail d;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	long long simp = service_new(&w, 0, "零基础入门，小班授课");
	long long trad = service_new(&w, 0, "零基礎入門，小班授課");
	ck_assert(in_catalogue(&w, "入門 授課", simp));
	ck_assert(in_catalogue(&w, "入门 授课", simp));
	ck_assert(in_catalogue(&w, "入门 授课", trad));
	ck_assert(in_catalogue(&w, "基礎入門", trad));
	ck_assert(!in_catalogue(&w, "入门 进阶", trad));
	ck_assert(db_service_get(w.kiosk, trad, &d, &err) == DB_OK);
	ck_assert_str_eq(d.description, "零基礎入門，小班授課");
	service_detail_release(&d);
	world_close(&w);
}
END_TEST

/* Withdraw (or restore) one service as token with key (NULL: a new one). */
static const char *withdraw(struct world *w, const char *token, const char *key, long long service,
			    bool restore, const char *reason, struct db_manage_outcome *o)
{
	static char got[32];
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome mine;
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_service_withdraw(w->desk, token, key, service, restore, reason,
					  o ? o : &mine, &err) == DB_OK,
		      "service_withdraw: %s", err.primary);
	snprintf(got, sizeof(got), "%s", (o ? o : &mine)->outcome);
	if (!o)
		db_manage_outcome_release(&mine);
	return got;
}

static const struct service_state_row *find_state(const struct service_state_row *v, int n,
						  long long id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* One service withdrawn: its open bookings go as in a suspension, the
 * provider's other services stay; only the operator, with a reason of 5
 * characters or more, from active; restored from withdrawn. */
START_TEST(withdrawal_of_one_service)
{
	struct world w;
	char id[19], id2[19], key[37];
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	const char *why = "课程内容与备案不符，暂停预约";
	long long b, kept;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	char *other = dbtest_person(w.admin, "{graduate}", "intending", id2);
	char *token2 = dbtest_citizen(w.kiosk, id2);
	char *prov = dbtest_sign_in(w.admin, w.desk, "provider", "340104", w.provider_cc);
	long long v = voucher_new(&w, person);
	long long service = service_new(&w, 150000, "小班授课");
	long long stays = service_new(&w, 0, "公益讲座");
	long long slot = slot_new(&w, service, 1, 3);
	long long other_slot = slot_new(&w, stays, 5, 3);
	ck_assert_str_eq(book(&w, token, slot, v, &b), "ok");
	ck_assert_str_eq(wait_for(&w, token2, slot), "waiting");
	ck_assert_str_eq(book(&w, token2, other_slot, 0, &kept), "ok");

	/* only the operator */
	const char *others[] = { w.supervisor, w.bureau, w.counter, prov };
	for (int i = 0; i < 4; i++) {
		db_request_key(key);
		ck_assert(db_service_withdraw(w.desk, others[i], key, service, false, why, &o,
					      &err) == DB_ERR_SERVER);
		ck_assert_str_eq(err.sqlstate, "WC002");
		db_error_release(&err);
	}
	/* a reason, long enough and not too long; a service there is; from active */
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, false, "  ", NULL), "text_needed");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, false, "内容不符", NULL),
			 "text_too_short");
	char longer[1600] = "";
	for (int i = 0; i < 501; i++)
		strcat(longer, "长");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, false, longer, NULL),
			 "text_too_long");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, -1, false, why, NULL), "not_found");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, true, why, NULL), "wrong_state");
	ck_assert_int_eq(value_ll(&w, "SELECT held_fen FROM wc.voucher WHERE id = $1", v), 150000);

	db_request_key(key);
	ck_assert_str_eq(withdraw(&w, w.operator, key, service, false, why, &o), "ok");
	ck_assert_str_eq(o.status, "withdrawn");
	ck_assert(!o.replayed);
	ck_assert_int_eq(o.cancelled, 1);
	ck_assert_int_eq(o.released_fen, 150000);
	ck_assert_int_eq(o.lapsed, 1);
	db_manage_outcome_release(&o);
	/* the same key: the first outcome, nothing twice */
	ck_assert_str_eq(withdraw(&w, w.operator, key, service, false, why, &o), "ok");
	ck_assert(o.replayed);
	ck_assert_int_eq(o.released_fen, 150000);
	db_manage_outcome_release(&o);
	ck_assert_str_eq(withdraw(&w, w.operator, key, service, false, "另一个下架理由", NULL),
			 "key_mismatch");
	ck_assert_str_eq(withdraw(&w, w.operator, key, service, true, why, NULL), "key_reused");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, false, why, NULL), "wrong_state");

	cancelled_for_the_person(&w, token, v, b, slot, "withdraw", why);
	/* the provider's other service and its booking stay */
	char *ks = value_s(&w, "SELECT status FROM wc.booking WHERE id = $1", kept);
	ck_assert_str_eq(ks, "booked");
	free(ks);
	ck_assert(in_catalogue(&w, w.name, stays));
	ck_assert(!in_catalogue(&w, w.name, service));
	struct service_detail d;
	ck_assert(db_service_get(w.kiosk, service, &d, &err) != DB_OK);
	db_error_release(&err);
	ck_assert_str_eq(book(&w, token2, slot, 0, NULL), "slot_closed");
	/* audited, kept in the history */
	ck_assert_int_eq(
		value_ll(&w,
			 "SELECT count(*) FROM wc.audit a JOIN wc.service s ON s.code = a.object"
			 " WHERE s.id = $1 AND a.action = 'service_withdraw'"
			 " AND a.detail->>'reason' = '课程内容与备案不符，暂停预约'",
			 service),
		1);

	/* the provider sees it withdrawn, with the reason; the operator too */
	struct provider_service *ps;
	int np;
	ck_assert(db_provider_services(w.desk, prov, &ps, &np, &err) == DB_OK);
	for (int i = 0; i < np; i++) {
		ck_assert_str_eq(ps[i].status, ps[i].id == service ? "withdrawn" : "active");
		ck_assert_str_eq(ps[i].withdrawn_reason, ps[i].id == service ? why : "");
	}
	provider_services_free(&ps, np);
	struct service_state_row *ss;
	int ns;
	ck_assert(db_provider_service_states(w.desk, w.operator, w.provider, &ss, &ns, &err) ==
		  DB_OK);
	ck_assert_int_eq(ns, 2);
	ck_assert_str_eq(find_state(ss, ns, service)->status, "withdrawn");
	ck_assert_str_eq(find_state(ss, ns, service)->withdrawn_reason, why);
	ck_assert_str_eq(find_state(ss, ns, stays)->withdrawn_reason, "");
	ck_assert_int_eq(find_state(ss, ns, stays)->open_bookings, 1);
	service_state_rows_free(&ss, ns);

	/* restored: back in the catalogue, the cancelled booking stays cancelled */
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, true, "", NULL), "text_needed");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, service, true, "已按备案内容整改", &o),
			 "ok");
	ck_assert_str_eq(o.status, "active");
	ck_assert_int_eq(o.cancelled, 0);
	db_manage_outcome_release(&o);
	ck_assert(in_catalogue(&w, w.name, service));
	char *bst = value_s(&w, "SELECT status FROM wc.booking WHERE id = $1", b);
	ck_assert_str_eq(bst, "cancelled");
	free(bst);
	ck_assert(db_provider_service_states(w.desk, w.supervisor, w.provider, &ss, &ns, &err) ==
		  DB_OK);
	ck_assert_str_eq(find_state(ss, ns, service)->withdrawn_reason, "");
	service_state_rows_free(&ss, ns);
	ck_assert_int_eq(
		value_ll(&w, "SELECT count(*) FROM wc.service_withdrawal WHERE service_id = $1",
			 service),
		2);
	ck_assert_str_eq(book(&w, token2, slot, 0, NULL), "ok");

	/* a removed provider's service takes no step */
	ck_assert_str_eq(act_expect(&w, w.provider, PROVIDER_REMOVE, "严重违规，予以清退"), "ok");
	ck_assert_str_eq(withdraw(&w, w.operator, NULL, stays, false, why, NULL), "wrong_state");

	free(person);
	free(token);
	free(other);
	free(token2);
	free(prov);
	world_close(&w);
}
END_TEST

Suite *manage_suite(void)
{
	Suite *s = suite_create("manage");
	TCase *tc = tcase_create("providers");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, suspension_cancels_open_bookings);
	tcase_add_test(tc, removal_is_final_and_history_kept);
	tcase_add_test(tc, service_search_folds_traditional);
	tcase_add_test(tc, list_marks_the_flags_first);
	tcase_add_test(tc, provider_closes_a_slot);
	tcase_add_test(tc, withdrawal_of_one_service);
	suite_add_tcase(s, tc);
	tc = tcase_create("content");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, take_down_hides_keeps_and_reports);
	suite_add_tcase(s, tc);
	return s;
}
