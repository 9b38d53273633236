/*
 * prices: 收费标准 (Art. 16) through the API as a provider's staff, the
 * operator, the supervisor and the bureau call it — every step only by
 * its role and only from its state, a reason where one refuses, one open
 * proposal per service, the price in effect only after approval and only
 * for new bookings, no booking while a paid service has no approved
 * price, and a provider only for its own services; and the provider's
 * own screens' calls — its services' texts checked against the word
 * list, its slots, a slot's seats never below those taken.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static const char *const PW = "Prices-pass-2026";

struct world {
	struct db_conn *admin, *kiosk, *desk;
	char *operator, * supervisor, *bureau, *provider, *other; /* tokens */
	char cc[19], other_cc[19];
};

static int seq;

static char *sign_in(struct world *w, const char *role, const char *region, const char *cc)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	const char *user = dbtest_staff(w->admin, role, region, PW);

	if (cc) {
		const char *p[] = { user, cc };
		dbtest_sql(w->admin, "SELECT wc_admin.provider_staff_link($1, $2)", 2, p);
	}
	ck_assert_int_eq(db_staff_login(w->desk, user, PW, &s, &until, &err), DB_LOGIN_OK);
	char *token = xstrdup(s.token);
	staff_session_release(&s);
	return token;
}

static void provider_new(struct world *w, char cc[19])
{
	char name[64];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "收费测试服务商%d-%d", (int)getpid(), ++seq);
	const char *p[] = { cc, name };
	dbtest_sql(w->admin,
		   "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '王', '0551')",
		   2, p);
}

static void world_open(struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	provider_new(w, w->cc);
	provider_new(w, w->other_cc);
	w->operator= sign_in(w, "operator", "340000", NULL);
	w->supervisor = sign_in(w, "supervisor", "340000", NULL);
	w->bureau = sign_in(w, "bureau", "340000", NULL);
	w->provider = sign_in(w, "provider", "340104", w->cc);
	w->other = sign_in(w, "provider", "340104", w->other_cc);
}

static void world_close(struct world *w)
{
	free(w->operator);
	free(w->supervisor);
	free(w->bureau);
	free(w->provider);
	free(w->other);
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
	long long n = v ? atoll(v) : 0;
	free(v);
	return n;
}

/* A service of the world's provider set by the administrator: paid at
 * price_fen (0: no price yet) or free. */
static long long service_new(struct world *w, bool paid, long long price_fen)
{
	char code[48], price[24];
	snprintf(code, sizeof(code), "PR%d-%d", (int)getpid(), ++seq);
	snprintf(price, sizeof(price), "%lld", price_fen);
	const char *p[] = { code, w->cc, paid ? "t" : "f", price };
	char *id =
		dbtest_value(w->admin,
			     "SELECT wc_admin.service_add($1, $2, '代理记账', 'tax', $3::boolean,"
			     " false, $4::bigint, false, '340104', '', '蜀山区', '0551', 24)",
			     4, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* A slot of the service tomorrow with the seats. */
static long long slot_new(struct world *w, long long service, int capacity)
{
	char s[24], c[16];
	snprintf(s, sizeof(s), "%lld", service);
	snprintf(c, sizeof(c), "%d", capacity);
	const char *p[] = { s, c };
	char *id =
		dbtest_value(w->admin,
			     "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
			     " VALUES ($1, now() + interval '1 day', now() + interval '25 hours',"
			     " $2::int) RETURNING id",
			     2, p);
	long long v = atoll(id);
	free(id);
	return v;
}

/* The outcome of a proposal with a new key; *id the proposal. */
static const char *propose(struct world *w, const char *token, long long service, long long price,
			   int permille, const char *reason, long long *id)
{
	static char got[32];
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct price_input in = { service, price, permille, reason };
	char key[37];

	db_request_key(key);
	ck_assert_msg(db_price_propose(w->desk, token, key, &in, &o, &err) == DB_OK,
		      "price_propose: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	if (id)
		*id = o.id;
	db_act_outcome_release(&o);
	return got;
}

/* The outcome of a step with a new key, or the SQLSTATE when it fails. */
static const char *step(struct world *w, const char *token, long long proposal, enum price_step s,
			const char *note)
{
	static char got[32];
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	db_request_key(key);
	if (db_price_step(w->desk, token, key, proposal, s, note, &o, &err) != DB_OK) {
		snprintf(got, sizeof(got), "%s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_act_outcome_release(&o);
	return got;
}

static long long price_of(struct world *w, long long service)
{
	return value_ll(w, "SELECT price_fen FROM wc.service WHERE id = $1", service);
}

static int history_count(struct world *w, const char *token, long long service)
{
	struct price_event_row *v;
	int n;
	struct db_error err = DB_ERROR_INIT;

	ck_assert(db_price_history(w->desk, token, service, &v, &n, &err) == DB_OK);
	price_event_rows_free(&v, n);
	return n;
}

static bool queue_has(struct world *w, const char *token, long long proposal, bool *my_turn)
{
	struct price_proposal_row *v;
	int n;
	bool found = false;
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_price_queue(w->desk, token, &v, &n, &err) == DB_OK, "price_queue: %s",
		      err.primary);
	for (int i = 0; i < n; i++)
		if (v[i].id == proposal) {
			found = true;
			if (my_turn)
				*my_turn = v[i].my_turn;
		}
	price_proposal_rows_free(&v, n);
	return found;
}

START_TEST(each_step_by_its_role_from_its_state)
{
	struct world w;
	long long id, other_id;
	bool turn = false;

	world_open(&w);
	long long s = service_new(&w, true, 0);
	/* the steps of others' roles are refused by role */
	ck_assert_str_eq(step(&w, w.supervisor, 1, PRICE_APPROVE, ""), "WC002");
	ck_assert_str_eq(step(&w, w.bureau, 1, PRICE_PASS, ""), "WC002");
	ck_assert_str_eq(step(&w, w.operator, 1, PRICE_PASS, ""), "WC002");
	ck_assert_str_eq(step(&w, w.provider, 1, PRICE_APPROVE, ""), "WC002");

	ck_assert_str_eq(propose(&w, w.provider, s, 20000, 850, "市场价参考", &id), "ok");
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE action = "
				  "'price_propose' AND detail->>'proposal' = $1::text",
				  id),
			 1);
	/* one open proposal per service, whoever proposes */
	ck_assert_str_eq(propose(&w, w.provider, s, 30000, 850, "再议", &other_id), "open_exists");
	ck_assert_str_eq(propose(&w, w.operator, s, 30000, 850, "再议", &other_id), "open_exists");
	/* the supervisor's queue has it as the supervisor's, the bureau's not yet */
	ck_assert(queue_has(&w, w.supervisor, id, &turn) && turn);
	ck_assert(queue_has(&w, w.bureau, id, &turn) && !turn);
	ck_assert(queue_has(&w, w.provider, id, NULL));
	ck_assert(!queue_has(&w, w.other, id, NULL));
	/* the bureau cannot decide before the review */
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_APPROVE, ""), "wrong_state");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_RETURN, "  "), "text_needed");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_PASS, "价格合理"), "ok");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_PASS, ""), "wrong_state");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_RETURN, "再看"), "wrong_state");
	ck_assert(queue_has(&w, w.bureau, id, &turn) && turn);
	/* not in effect before the approval */
	ck_assert_int_eq(price_of(&w, s), 0);
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_REJECT, ""), "text_needed");
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_APPROVE, "同意"), "ok");
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_REJECT, "晚了"), "wrong_state");
	ck_assert_int_eq(price_of(&w, s), 20000);
	ck_assert_int_eq(value_ll(&w, "SELECT provider_permille FROM wc.service WHERE id = $1", s),
			 850);
	ck_assert(!queue_has(&w, w.bureau, id, NULL));
	/* the history: propose, pass, approve, for everyone concerned */
	ck_assert_int_eq(history_count(&w, w.provider, s), 3);
	ck_assert_int_eq(history_count(&w, w.operator, s), 3);
	ck_assert_int_eq(history_count(&w, w.bureau, s), 3);
	ck_assert_int_eq(history_count(&w, w.other, s), 0);
	ck_assert_int_eq(
		value_ll(&w,
			 "SELECT count(*) FROM wc.audit WHERE action IN "
			 "('price_pass', 'price_approve') AND detail->>'proposal' = $1::text",
			 id),
		2);
	/* the events cannot be changed */
	struct db_error err = DB_ERROR_INIT;
	char sid[24];
	snprintf(sid, sizeof(sid), "%lld", id);
	const char *p[] = { sid };
	ck_assert(db_exec(w.admin, "UPDATE wc.price_event SET note = 'x' WHERE proposal_id = $1", 1,
			  p, NULL, &err) != DB_OK);
	db_error_release(&err);
	ck_assert(db_exec(w.admin, "UPDATE wc.price_proposal SET price_fen = 1 WHERE id = $1", 1, p,
			  NULL, &err) != DB_OK);
	db_error_release(&err);
	/* a new proposal once closed */
	ck_assert_str_eq(propose(&w, w.operator, s, 25000, 800, "运营商提出调整", &other_id), "ok");
	world_close(&w);
}
END_TEST

START_TEST(return_and_reject_leave_the_price)
{
	struct world w;
	long long id;

	world_open(&w);
	long long s = service_new(&w, true, 10000);
	ck_assert_str_eq(propose(&w, w.provider, s, 12000, 900, "成本上涨", &id), "ok");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_RETURN, "缺少成本说明"), "ok");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_PASS, ""), "wrong_state");
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_APPROVE, ""), "wrong_state");
	ck_assert_int_eq(price_of(&w, s), 10000);
	ck_assert_str_eq(propose(&w, w.provider, s, 12000, 900, "补充成本说明", &id), "ok");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_PASS, ""), "ok");
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_REJECT, "涨幅过大"), "ok");
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_APPROVE, ""), "wrong_state");
	ck_assert_int_eq(price_of(&w, s), 10000);
	ck_assert_int_eq(history_count(&w, w.supervisor, s), 5);
	world_close(&w);
}
END_TEST

START_TEST(a_proposal_checks_what_it_proposes)
{
	struct world w;
	long long id;
	char key[37];
	struct db_act_outcome o, again;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	long long s = service_new(&w, true, 0);
	long long free_s = service_new(&w, false, 0);
	ck_assert_str_eq(propose(&w, w.provider, free_s, 100, 1000, "x", &id), "not_paid");
	ck_assert_str_eq(propose(&w, w.provider, s, 0, 1000, "x", &id), "bad_price");
	ck_assert_str_eq(propose(&w, w.provider, s, 100000001, 1000, "x", &id), "bad_price");
	ck_assert_str_eq(propose(&w, w.provider, s, 100, 1001, "x", &id), "bad_split");
	ck_assert_str_eq(propose(&w, w.provider, s, 100, -1, "x", &id), "bad_split");
	ck_assert_str_eq(propose(&w, w.provider, s, 100, 1000, " ", &id), "text_needed");
	ck_assert_str_eq(propose(&w, w.provider, -1, 100, 1000, "x", &id), "not_found");
	/* another provider's service is not one's own */
	ck_assert_str_eq(propose(&w, w.other, s, 100, 1000, "x", &id), "not_found");
	/* sent again with its key: the first answer, one proposal */
	struct price_input in = { s, 5000, 700, "首次定价" };
	db_request_key(key);
	ck_assert(db_price_propose(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert(db_price_propose(w.desk, w.provider, key, &in, &again, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(again.outcome, "ok");
	ck_assert(again.replayed && !o.replayed);
	ck_assert_int_eq(again.id, o.id);
	ck_assert_int_eq(
		value_ll(&w, "SELECT count(*) FROM wc.price_proposal WHERE service_id = $1", s), 1);
	db_act_outcome_release(&o);
	db_act_outcome_release(&again);
	/* the counter proposes nothing */
	char *counter = sign_in(&w, "counter", "340104", NULL);
	in.service = free_s;
	db_request_key(key);
	ck_assert(db_price_propose(w.desk, counter, key, &in, &o, &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	free(counter);
	world_close(&w);
}
END_TEST

static const char *book(struct world *w, const char *token, long long slot, long long *booking)
{
	static char got[32];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct booking_pay pay = { 0, 0 };
	char key[37];

	db_request_key(key);
	if (db_citizen_book(w->kiosk, token, key, slot, pay, &o, &err) != DB_OK) {
		snprintf(got, sizeof(got), "%s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", o.outcome);
	*booking = o.booking_id;
	db_outcome_release(&o);
	return got;
}

START_TEST(the_price_applies_after_approval_to_new_bookings)
{
	struct world w;
	long long id, b1 = 0, b2 = 0, b3 = 0;
	char n1[19], n2[19], n3[19];

	world_open(&w);
	char *p1 = dbtest_person(w.admin, "{}", "intending", n1);
	char *p2 = dbtest_person(w.admin, "{}", "intending", n2);
	char *p3 = dbtest_person(w.admin, "{}", "intending", n3);
	char *t1 = dbtest_citizen(w.kiosk, n1);
	char *t2 = dbtest_citizen(w.kiosk, n2);
	char *t3 = dbtest_citizen(w.kiosk, n3);

	/* a paid service without an approved price is not bookable */
	long long pending = service_new(&w, true, 0);
	long long ps = slot_new(&w, pending, 5);
	ck_assert_str_eq(book(&w, t3, ps, &b3), "WC050");
	ck_assert_int_eq(value_ll(&w, "SELECT taken FROM wc.slot WHERE id = $1", ps), 0);

	long long s = service_new(&w, true, 10000);
	long long slot = slot_new(&w, s, 5);
	ck_assert_str_eq(book(&w, t1, slot, &b1), "ok");
	ck_assert_str_eq(propose(&w, w.operator, s, 15000, 800, "运营商与服务商协商", &id), "ok");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_PASS, ""), "ok");
	/* reviewed but not approved: still the old price */
	ck_assert_str_eq(book(&w, t2, slot, &b2), "ok");
	ck_assert_int_eq(value_ll(&w, "SELECT price_fen FROM wc.booking WHERE id = $1", b2), 10000);
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_APPROVE, ""), "ok");
	ck_assert_str_eq(book(&w, t3, slot, &b3), "ok");
	ck_assert_int_eq(value_ll(&w, "SELECT price_fen FROM wc.booking WHERE id = $1", b1), 10000);
	ck_assert_int_eq(value_ll(&w, "SELECT offline_fen FROM wc.booking WHERE id = $1", b1),
			 10000);
	ck_assert_int_eq(value_ll(&w, "SELECT price_fen FROM wc.booking WHERE id = $1", b3), 15000);

	/* once approved, the pending one books too */
	ck_assert_str_eq(propose(&w, w.provider, pending, 3000, 1000, "首次定价", &id), "ok");
	ck_assert_str_eq(step(&w, w.supervisor, id, PRICE_PASS, ""), "ok");
	ck_assert_str_eq(step(&w, w.bureau, id, PRICE_APPROVE, ""), "ok");
	ck_assert_str_eq(book(&w, t1, ps, &b1), "ok");
	ck_assert_int_eq(value_ll(&w, "SELECT price_fen FROM wc.booking WHERE id = $1", b1), 3000);
	free(p1);
	free(p2);
	free(p3);
	free(t1);
	free(t2);
	free(t3);
	world_close(&w);
}
END_TEST

/* --- the provider's own --------------------------------------------------- */

static const char *save(struct world *w, const char *token, const char *key,
			const struct provider_service_input *in, struct db_act_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_provider_service_save(w->desk, token, key, in, o, &err) == DB_OK,
		      "provider_service_save: %s", err.primary);
	return o->outcome;
}

static bool has_hit(const struct db_act_outcome *o, const char *word)
{
	for (size_t i = 0; i < o->nhits; i++)
		if (strcmp(o->hits[i], word) == 0)
			return true;
	return false;
}

START_TEST(services_texts_pass_the_word_list)
{
	struct world w;
	struct db_act_outcome o, again;
	char key[37];

	world_open(&w);
	struct provider_service_input in = { 0,	    "创业财税咨询", "扫码领取优惠，加 微 信",
					     "tax", "蜀山区创业园", "0551-1234567",
					     false, true,	    48 };
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "moderation");
	ck_assert(has_hit(&o, "扫码领取"));
	ck_assert(has_hit(&o, "加微信"));
	ck_assert_int_eq(o.id, 0);
	db_act_outcome_release(&o);
	/* a mobile number belongs in the contact field, not the description */
	in.description = "电话13912345678";
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "moderation");
	ck_assert(has_hit(&o, "#mobile"));
	db_act_outcome_release(&o);
	in.description = "为初创企业提供代理记账与纳税申报指导。";
	in.contact = "张老师 13912345678";
	in.title = "";
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "bad_title");
	db_act_outcome_release(&o);
	in.title = "创业财税咨询";
	in.category = "nothing";
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "bad_category");
	db_act_outcome_release(&o);
	in.category = "tax";
	in.cancel_hours = 721;
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "bad_hours");
	db_act_outcome_release(&o);
	in.cancel_hours = 48;
	db_request_key(key);
	ck_assert_str_eq(save(&w, w.provider, key, &in, &o), "ok");
	ck_assert_str_eq(save(&w, w.provider, key, &in, &again), "ok");
	ck_assert(again.replayed);
	ck_assert_int_eq(again.id, o.id);
	long long s = o.id;
	db_act_outcome_release(&o);
	db_act_outcome_release(&again);

	/* listed for its provider only, paid without a price yet */
	struct provider_service *v;
	int n;
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_provider_services(w.desk, w.provider, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].id, s);
	ck_assert(v[0].paid && v[0].price_pending);
	ck_assert_int_eq(v[0].cancel_hours, 48);
	provider_services_free(&v, n);
	ck_assert(db_provider_services(w.desk, w.other, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_services_free(&v, n);
	/* the catalogue shows it paid at 0: the price awaits approval */
	struct service_detail d;
	ck_assert(db_service_get(w.kiosk, s, &d, &err) == DB_OK);
	ck_assert(d.paid && d.price_fen == 0 && !d.voucher_ok);
	service_detail_release(&d);

	/* another provider cannot change it */
	in.id = s;
	ck_assert_str_eq(save(&w, w.other, NULL, &in, &o), "not_found");
	db_act_outcome_release(&o);
	in.title = "创业财税咨询（线上）";
	in.online = true;
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "ok");
	db_act_outcome_release(&o);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE action = "
				  "'service_update' AND detail ? 'title' AND detail ? 'online'"
				  " AND object = (SELECT code FROM wc.service WHERE id = $1)",
				  s),
			 1);
	/* paid or free is fixed once there are slots */
	slot_new(&w, s, 3);
	in.paid = false;
	ck_assert_str_eq(save(&w, w.provider, NULL, &in, &o), "paid_locked");
	db_act_outcome_release(&o);
	world_close(&w);
}
END_TEST

static const char *capacity(struct world *w, const char *token, long long slot, int seats,
			    int *taken)
{
	static char got[32];
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	db_request_key(key);
	ck_assert_msg(db_provider_slot_capacity(w->desk, token, key, slot, seats, &o, &err) ==
			      DB_OK,
		      "provider_slot_capacity: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	*taken = o.taken;
	db_act_outcome_release(&o);
	return got;
}

START_TEST(slots_and_seats_never_below_taken)
{
	struct world w;
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37], n1[19], n2[19], n3[19];
	long long b = 0;
	int taken;

	world_open(&w);
	long long s = service_new(&w, false, 0);
	struct provider_slot_input in = { s, "2001-01-01 09:00", 60, 2, "" };
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "in_past");
	db_act_outcome_release(&o);
	in.starts = "2099-03-02 09:00";
	in.minutes = 4;
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "bad_minutes");
	db_act_outcome_release(&o);
	in.minutes = 90;
	in.capacity = 0;
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "bad_capacity");
	db_act_outcome_release(&o);
	in.capacity = 2;
	in.place = "加微信领资料";
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "moderation");
	db_act_outcome_release(&o);
	in.place = "创业园302室";
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.other, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "not_found");
	db_act_outcome_release(&o);
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	long long slot = o.id;
	db_act_outcome_release(&o);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT extract(epoch FROM ends_at - starts_at)::int / 60"
				  " FROM wc.slot WHERE id = $1",
				  slot),
			 90);
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "slot_exists");
	db_act_outcome_release(&o);

	/* two people take both seats, a third waits */
	free(dbtest_person(w.admin, "{}", "intending", n1));
	free(dbtest_person(w.admin, "{}", "intending", n2));
	free(dbtest_person(w.admin, "{}", "intending", n3));
	char *t1 = dbtest_citizen(w.kiosk, n1);
	char *t2 = dbtest_citizen(w.kiosk, n2);
	char *t3 = dbtest_citizen(w.kiosk, n3);
	ck_assert_str_eq(book(&w, t1, slot, &b), "ok");
	ck_assert_str_eq(book(&w, t2, slot, &b), "ok");
	struct booking_pay pay = { 0, 0 };
	db_request_key(key);
	struct db_outcome wo;
	ck_assert(db_citizen_waitlist_join(w.kiosk, t3, key, slot, pay, &wo, &err) == DB_OK);
	ck_assert_str_eq(wo.outcome, "waiting");
	db_outcome_release(&wo);

	ck_assert_str_eq(capacity(&w, w.provider, slot, 1, &taken), "below_taken");
	ck_assert_int_eq(taken, 2);
	ck_assert_str_eq(capacity(&w, w.other, slot, 5, &taken), "not_found");
	ck_assert_str_eq(capacity(&w, w.provider, slot, 10001, &taken), "bad_capacity");
	ck_assert_int_eq(value_ll(&w, "SELECT capacity FROM wc.slot WHERE id = $1", slot), 2);
	/* more seats: the one waiting gets one at once */
	ck_assert_str_eq(capacity(&w, w.provider, slot, 4, &taken), "ok");
	ck_assert_int_eq(taken, 3);
	ck_assert_str_eq(capacity(&w, w.provider, slot, 3, &taken), "ok");

	struct provider_slot *v;
	int n;
	ck_assert(db_provider_slots(w.desk, w.provider, s, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].capacity, 3);
	ck_assert_int_eq(v[0].taken, 3);
	ck_assert_int_eq(v[0].seats_left, 0);
	ck_assert_str_eq(v[0].starts_at, "2099-03-02 09:00");
	provider_slots_free(&v, n);
	ck_assert(db_provider_slots(w.desk, w.other, s, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_slots_free(&v, n);
	free(t1);
	free(t2);
	free(t3);
	world_close(&w);
}
END_TEST

START_TEST(ratings_and_complaints_of_its_own)
{
	struct world w;
	struct provider_self me;
	struct provider_complaint *c;
	struct provider_review *r;
	int n;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	ck_assert(db_provider_self(w.desk, w.provider, &me, &err) == DB_OK);
	ck_assert(me.found);
	ck_assert_str_eq(me.rating, "");
	provider_self_release(&me);
	ck_assert(db_provider_reviews(w.desk, w.provider, 0, 50, &r, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_reviews_free(&r, n);
	ck_assert(db_provider_complaints(w.desk, w.provider, &c, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_complaints_free(&c, n);
	/* a published review and a complaint against the provider's service */
	long long s = service_new(&w, false, 0);
	char n1[19], sid[24];
	char *person = dbtest_person(w.admin, "{}", "intending", n1);
	snprintf(sid, sizeof(sid), "%lld", s);
	const char *p[] = { sid, person };
	dbtest_sql(
		w.admin,
		"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)"
		" VALUES ($1, now() - interval '1 day', now() - interval '23 hours', 1, 1)"
		" RETURNING id),"
		" b AS (INSERT INTO wc.booking (no, person_id, slot_id, service_id, status,"
		" price_fen, closed_at) SELECT 'YY9' || $1, $2::bigint, sl.id, $1, 'completed', 0,"
		" now() FROM sl RETURNING id),"
		" r AS (INSERT INTO wc.review (booking_id, person_id, service_id, provider_id, "
		"stars,"
		" comment, status, published_at, request_key) SELECT b.id, $2::bigint, $1,"
		" (SELECT provider_id FROM wc.service WHERE id = $1), 4, '讲解清楚', 'published',"
		" now(), gen_random_uuid() FROM b RETURNING *)"
		" SELECT wc.review_count(r, 1) FROM r",
		2, p);
	dbtest_sql(w.admin,
		   "INSERT INTO wc.complaint (no, person_id, against, provider_id, service_id,"
		   " category, body, county_code, city_code, request_key, due_on)"
		   " SELECT 'TS8' || $1, $2::bigint, 'service', s.provider_id, s.id, 'charges',"
		   " '多收费', '340104', '340100', gen_random_uuid(), current_date - 1"
		   " FROM wc.service s WHERE s.id = $1::bigint",
		   2, p);
	ck_assert(db_provider_self(w.desk, w.provider, &me, &err) == DB_OK);
	ck_assert_str_eq(me.rating, "4.0");
	ck_assert_int_eq(me.rating_count, 1);
	provider_self_release(&me);
	ck_assert(db_provider_reviews(w.desk, w.provider, 0, 50, &r, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(r[0].comment, "讲解清楚");
	ck_assert_int_eq(r[0].stars, 4);
	provider_reviews_free(&r, n);
	ck_assert(db_provider_complaints(w.desk, w.provider, &c, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert(c[0].overdue);
	ck_assert_str_eq(c[0].status, "submitted");
	ck_assert(strchr(c[0].name_masked, '*') != NULL);
	provider_complaints_free(&c, n);
	/* the other provider sees none of it */
	ck_assert(db_provider_reviews(w.desk, w.other, 0, 50, &r, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_reviews_free(&r, n);
	ck_assert(db_provider_complaints(w.desk, w.other, &c, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	provider_complaints_free(&c, n);
	free(person);
	/* an account linked to no provider sees nothing */
	char *lone = sign_in(&w, "provider", "340104", NULL);
	ck_assert(db_provider_self(w.desk, lone, &me, &err) == DB_OK);
	ck_assert(!me.found);
	provider_self_release(&me);
	free(lone);
	world_close(&w);
}
END_TEST

/* The outcome of a keyed call (st: its status), and whether it was a replay. */
static const char *keyed(const char *what, enum db_status st, struct db_act_outcome *o,
			 bool *replayed)
{
	static char got[32];

	ck_assert_msg(st == DB_OK, "%s failed", what);
	snprintf(got, sizeof(got), "%s", o->outcome);
	*replayed = o->replayed;
	db_act_outcome_release(o);
	return got;
}

/* A key sent again with other arguments is refused (key_mismatch) and
 * nothing is done, as payment APIs do; with the same arguments it answers
 * the first outcome. Every provider and price call that takes a key. */
START_TEST(a_key_answers_only_its_own_arguments)
{
	struct world w;
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	bool again;

	world_open(&w);
	long long paid = service_new(&w, true, 0);
	struct price_input price = { paid, 5000, 700, "首次定价" };
	db_request_key(key);
	ck_assert(db_price_propose(w.desk, w.provider, key, &price, &o, &err) == DB_OK);
	long long proposal = o.id;
	db_act_outcome_release(&o);
	price.price_fen = 6000;
	ck_assert_str_eq(keyed("propose",
			       db_price_propose(w.desk, w.provider, key, &price, &o, &err), &o,
			       &again),
			 "key_mismatch");
	price.price_fen = 5000;
	ck_assert_str_eq(keyed("propose",
			       db_price_propose(w.desk, w.provider, key, &price, &o, &err), &o,
			       &again),
			 "ok");
	ck_assert(again);

	db_request_key(key);
	ck_assert_str_eq(keyed("step",
			       db_price_step(w.desk, w.supervisor, key, proposal, PRICE_PASS,
					     "价格合理", &o, &err),
			       &o, &again),
			 "ok");
	ck_assert_str_eq(keyed("step",
			       db_price_step(w.desk, w.supervisor, key, proposal, PRICE_PASS,
					     "另有意见", &o, &err),
			       &o, &again),
			 "key_mismatch");

	struct provider_service_input in = { 0,	    "创业财税咨询", "代理记账与纳税申报指导",
					     "tax", "蜀山区创业园", "0551-1234567",
					     false, false,	    48 };
	db_request_key(key);
	ck_assert_str_eq(save(&w, w.provider, key, &in, &o), "ok");
	long long service = o.id;
	db_act_outcome_release(&o);
	in.title = "创业财税咨询（新）";
	ck_assert_str_eq(save(&w, w.provider, key, &in, &o), "key_mismatch");
	ck_assert_int_eq(o.id, 0);
	db_act_outcome_release(&o);
	ck_assert_int_eq(
		value_ll(&w,
			 "SELECT count(*) FROM wc.service WHERE title = '创业财税咨询（新）'"
			 " AND id = $1",
			 service),
		0);

	struct provider_slot_input slot_in = { service, "2099-04-02 09:00", 60, 2, "创业园302室" };
	db_request_key(key);
	ck_assert(db_provider_slot_add(w.desk, w.provider, key, &slot_in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	long long slot = o.id;
	db_act_outcome_release(&o);
	slot_in.starts = "2099-04-03 09:00";
	ck_assert_str_eq(keyed("slot_add",
			       db_provider_slot_add(w.desk, w.provider, key, &slot_in, &o, &err),
			       &o, &again),
			 "key_mismatch");

	db_request_key(key);
	ck_assert_str_eq(
		keyed("capacity",
		      db_provider_slot_capacity(w.desk, w.provider, key, slot, 4, &o, &err), &o,
		      &again),
		"ok");
	ck_assert_str_eq(
		keyed("capacity",
		      db_provider_slot_capacity(w.desk, w.provider, key, slot, 5, &o, &err), &o,
		      &again),
		"key_mismatch");
	ck_assert_str_eq(
		keyed("capacity",
		      db_provider_slot_capacity(w.desk, w.provider, key, slot, 4, &o, &err), &o,
		      &again),
		"ok");
	ck_assert(again);
	ck_assert_int_eq(value_ll(&w, "SELECT capacity FROM wc.slot WHERE id = $1", slot), 4);
	world_close(&w);
}
END_TEST

Suite *prices_suite(void)
{
	Suite *s = suite_create("prices");
	TCase *steps = tcase_create("steps");
	TCase *own = tcase_create("provider");

	tcase_set_timeout(steps, 60);
	tcase_set_timeout(own, 60);
	tcase_add_test(steps, each_step_by_its_role_from_its_state);
	tcase_add_test(steps, return_and_reject_leave_the_price);
	tcase_add_test(steps, a_proposal_checks_what_it_proposes);
	tcase_add_test(steps, the_price_applies_after_approval_to_new_bookings);
	tcase_add_test(own, services_texts_pass_the_word_list);
	tcase_add_test(own, slots_and_seats_never_below_taken);
	tcase_add_test(own, ratings_and_complaints_of_its_own);
	tcase_add_test(own, a_key_answers_only_its_own_arguments);
	suite_add_tcase(s, steps);
	suite_add_tcase(s, own);
	return s;
}
