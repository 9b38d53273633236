/*
 * sanctions: records of misuse against a person (违规记录, Art. 25) through
 * the API — who may take each step in which state, the freeze of the
 * person's vouchers while one is in force (a booking with a voucher and
 * an issue refused, a hold made before kept), the one appeal, lifting on
 * an upheld appeal, the end by date (wc.today()), the history kept and
 * every step audited. The voucher invariants hold after each test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

struct world {
	struct db_conn *admin, *kiosk, *desk;
	char *operator, * supervisor, *counter, *bureau;
	char provider_cc[19];
	long long provider, programme, slot;
	char *person, *citizen;
};

static int seq;

static long long id_of(struct db_conn *admin, const char *sql, int n, const char *const *p)
{
	char *v = dbtest_value(admin, sql, n, p);
	long long id = atoll(v);

	free(v);
	return id;
}

/* A person of 蜀山区 signed in at a kiosk, a voucher programme with a
 * budget there, and a slot three days ahead of a training service that
 * takes vouchers. */
static void world_open(struct world *w)
{
	char name[64], code[48], svc[48], id_number[19];

	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	w->operator= dbtest_sign_in(w->admin, w->desk, "operator", "340000", NULL);
	w->supervisor = dbtest_sign_in(w->admin, w->desk, "supervisor", "340000", NULL);
	w->bureau = dbtest_sign_in(w->admin, w->desk, "bureau", "340000", NULL);
	w->counter = dbtest_sign_in(w->admin, w->desk, "counter", "340104", NULL);
	w->person = dbtest_person(w->admin, "{graduate}", "intending", id_number);
	w->citizen = dbtest_citizen(w->kiosk, id_number);
	dbtest_credit_code(w->provider_cc);
	snprintf(name, sizeof(name), "违规测试服务商%d-%d", (int)getpid(), ++seq);
	snprintf(code, sizeof(code), "SP%d-%d", (int)getpid(), seq);
	snprintf(svc, sizeof(svc), "ST%d-%d", (int)getpid(), seq);
	const char *p[] = { w->provider_cc, name };
	w->provider = id_of(
		w->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')", 2,
		p);
	w->programme = id_of(w->admin,
			     "SELECT wc_admin.programme_add($1, '测试创业券', 100000, 12,"
			     " '{training}', '{}', NULL, '')",
			     1, (const char *[]){ code });
	dbtest_sql(w->admin, "SELECT wc_admin.budget_set($1, '340104', 10000000)", 1,
		   (const char *[]){ code });
	long long service =
		id_of(w->admin,
		      "SELECT wc_admin.service_add($2, $1, '测试服务', 'training', true,"
		      " false, 50000, true, '340104', '', '蜀山区', '0551', 24)",
		      2, (const char *[]){ w->provider_cc, svc });
	char s[24];
	snprintf(s, sizeof(s), "%lld", service);
	w->slot =
		id_of(w->admin,
		      "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
		      " VALUES ($1, now() + interval '3 days', now() + interval '3 days 1 hour', 9)"
		      " RETURNING id",
		      1, (const char *[]){ s });
}

static void world_close(struct world *w)
{
	dbtest_invariants(w->admin, w->provider);
	free(w->operator);
	free(w->supervisor);
	free(w->bureau);
	free(w->counter);
	free(w->person);
	free(w->citizen);
	db_conn_free(&w->admin);
	db_conn_free(&w->kiosk);
	db_conn_free(&w->desk);
}

/* The outcome of a step ("WC002" and the like when the call raised). */
static const char *said(enum db_status st, struct db_error *err, struct db_manage_outcome *o)
{
	static char got[64];

	if (st != DB_OK)
		snprintf(got, sizeof(got), "%s", err->sqlstate[0] ? err->sqlstate : "failed");
	else
		snprintf(got, sizeof(got), "%s", o->outcome);
	db_error_release(err);
	db_manage_outcome_release(o);
	return got;
}

static const char *propose(struct world *w, const char *token, const char *kind, const char *reason,
			   int days, const char *until)
{
	char key[37];
	struct db_manage_outcome o = { 0 };
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	return said(db_sanction_propose(w->desk, token, key, w->person, kind, reason, days, until,
					&o, &err),
		    &err, &o);
}

static const char *decide(struct world *w, const char *token, long long id, const char *action,
			  const char *reason)
{
	char key[37];
	struct db_manage_outcome o = { 0 };
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	return said(db_sanction_decide(w->desk, token, key, id, action, reason, &o, &err), &err,
		    &o);
}

/* At the kiosk (person NULL) or at the counter for the person. */
static const char *appeal(struct world *w, bool at_counter, long long id, const char *text)
{
	char key[37];
	struct db_manage_outcome o = { 0 };
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	return said(at_counter ? db_sanction_appeal(w->desk, w->counter, key, w->person, id, text,
						    &o, &err)
			       : db_sanction_appeal(w->kiosk, w->citizen, key, NULL, id, text, &o,
						    &err),
		    &err, &o);
}

/* The person's latest record, as the kiosk reads it; its kind copied
 * into *kind if asked (caller frees). */
static long long latest(struct world *w, char **kind)
{
	struct person_sanction *v = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;

	ck_assert(db_person_sanctions(w->kiosk, w->citizen, NULL, &v, &n, &err) == DB_OK);
	ck_assert_int_gt(n, 0);
	long long id = v[0].id;
	if (kind)
		*kind = xstrdup(v[0].kind);
	person_sanctions_free(&v, n);
	return id;
}

static const char *book(struct world *w, long long voucher)
{
	static char got[32];
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert_msg(db_citizen_book(w->kiosk, w->citizen, key, w->slot,
				      (struct booking_pay){ voucher, 0 }, &o, &err) == DB_OK,
		      "citizen_book: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_outcome_release(&o);
	return got;
}

static const char *issue(struct world *w, long long programme, long long *voucher)
{
	static char got[32];
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert(db_voucher_issue(w->desk, w->counter, key, w->person, programme, &o, &err) ==
		  DB_OK);
	snprintf(got, sizeof(got), "%s", o.outcome);
	if (voucher)
		*voucher = o.voucher_id;
	db_outcome_release(&o);
	return got;
}

static bool frozen(struct world *w)
{
	char *v = dbtest_value(w->admin, "SELECT wc.person_frozen($1::bigint)::text", 1,
			       (const char *[]){ w->person });
	bool f = strcmp(v, "true") == 0;

	free(v);
	return f;
}

START_TEST(steps_by_role_and_state)
{
	struct world w;

	world_open(&w);
	/* only the operator proposes */
	ck_assert_str_eq(propose(&w, w.counter, "other", "多次虚假预约占用名额", 30, NULL),
			 "WC002");
	ck_assert_str_eq(propose(&w, w.supervisor, "other", "多次虚假预约占用名额", 30, NULL),
			 "WC002");
	ck_assert_str_eq(propose(&w, w.operator, "nonsense", "多次虚假预约占用名额", 30, NULL),
			 "bad_kind");
	ck_assert_str_eq(propose(&w, w.operator, "other", "多次虚假预约占用名额", 0, NULL),
			 "bad_period");
	/* the last day: after today, at most ten years on (the screen's
	 * limits, ui/sanction/sanction_until.c), refused as bad input */
	ck_assert_str_eq(propose(&w, w.operator, "other", "多次虚假预约占用名额", 0, "2020-01-01"),
			 "WC080");
	ck_assert_str_eq(propose(&w, w.operator, "other", "太短", 30, NULL), "text_too_short");
	ck_assert_str_eq(propose(&w, w.operator, "no_show", "连续三次预约未到场且未取消", 30, NULL),
			 "ok");
	long long id = latest(&w, NULL);
	/* proposed: nothing frozen; no appeal yet; only the supervisor decides */
	ck_assert(!frozen(&w));
	ck_assert_str_eq(appeal(&w, false, id, "我当时生病住院，有病历可查"), "wrong_state");
	ck_assert_str_eq(decide(&w, w.operator, id, "confirm", "核实无误"), "WC002");
	ck_assert_str_eq(decide(&w, w.bureau, id, "confirm", "核实无误"), "WC002");
	ck_assert_str_eq(decide(&w, w.supervisor, id, "uphold", "不应处理"), "wrong_state");
	ck_assert_str_eq(decide(&w, w.supervisor, id, "reject", "短"), "text_too_short");
	ck_assert_str_eq(decide(&w, w.supervisor, id, "reject", "证据不足，不予确认"), "ok");
	ck_assert_str_eq(decide(&w, w.supervisor, id, "confirm", "核实无误"), "wrong_state");
	ck_assert(!frozen(&w));

	/* a resent request acts once */
	char key[37];
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	db_request_key(key);
	for (int i = 0; i < 2; i++) {
		ck_assert(db_sanction_propose(w.desk, w.operator, key, w.person, "other",
					      "在服务现场扰乱秩序", 10, NULL, &o, &err) == DB_OK);
		ck_assert_str_eq(o.outcome, "ok");
		ck_assert(o.replayed == (i == 1));
		db_manage_outcome_release(&o);
	}
	ck_assert(db_sanction_propose(w.desk, w.operator, key, w.person, "other",
				      "另一件事情的理由", 10, NULL, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "key_mismatch");
	db_manage_outcome_release(&o);
	/* the same key and reason against someone else: not the same request */
	char other_id[19];
	char *other = dbtest_person(w.admin, "{}", "intending", other_id);
	ck_assert(db_sanction_propose(w.desk, w.operator, key, other, "other", "在服务现场扰乱秩序",
				      10, NULL, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "key_mismatch");
	db_manage_outcome_release(&o);
	free(other);
	char *count = dbtest_value(
		w.admin, "SELECT count(*)::text FROM wc.person_sanction WHERE person_id = $1", 1,
		(const char *[]){ w.person });
	ck_assert_str_eq(count, "2");
	free(count);
	/* decided, so that the supervisor's queue keeps no test's leftovers */
	ck_assert_str_eq(decide(&w, w.supervisor, latest(&w, NULL), "reject", "测试数据，不予确认"),
			 "ok");
	world_close(&w);
}
END_TEST

/* A day counted from the database's today (wc.today()), "YYYY-MM-DD". */
static char *day_from_today(struct world *w, int days)
{
	char n[16];

	snprintf(n, sizeof(n), "%d", days);
	return dbtest_value(w->admin, "SELECT (wc.today() + $1::int)::text", 1,
			    (const char *[]){ n });
}

/* The refusal of a proposal with the last day `days` from today: the
 * SQLSTATE and its detail, or the outcome. */
static const char *propose_until(struct world *w, int days)
{
	static char got[64];
	char key[37], *until = day_from_today(w, days);
	struct db_manage_outcome o = { 0 };
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	if (db_sanction_propose(w->desk, w->operator, key, w->person, "other",
				"多次虚假预约占用名额", 0, until, &o, &err) != DB_OK)
		snprintf(got, sizeof(got), "%s %s", err.sqlstate, err.detail ? err.detail : "");
	else
		snprintf(got, sizeof(got), "%s", o.outcome);
	if (err.status != DB_OK)
		ck_assert_str_eq(db_refusal_msgid(&err),
				 days <= 0 ? "The last day must be after today."
					   : "The period must be from 1 day to 10 years.");
	db_error_release(&err);
	db_manage_outcome_release(&o);
	free(until);
	return got;
}

START_TEST(last_day_after_today_and_within_ten_years)
{
	struct world w;

	world_open(&w);
	ck_assert_str_eq(propose_until(&w, 0), "WC080 after_today");
	ck_assert_str_eq(propose_until(&w, -1), "WC080 after_today");
	ck_assert_str_eq(propose_until(&w, 3651), "WC080 ten_years");
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.person_sanction WHERE person_id = $1", 1,
			       (const char *[]){ w.person });
	ck_assert_str_eq(n, "0");
	free(n);
	/* the first and the last day allowed */
	ck_assert_str_eq(propose_until(&w, 1), "ok");
	ck_assert_str_eq(propose_until(&w, 3650), "ok");
	/* a day that does not exist does not get in either */
	char key[37];
	struct db_manage_outcome o = { 0 };
	struct db_error err = DB_ERROR_INIT;
	db_request_key(key);
	ck_assert(db_sanction_propose(w.desk, w.operator, key, w.person, "other",
				      "多次虚假预约占用名额", 0, "2031-02-30", &o, &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "22008");
	db_error_release(&err);
	/* decided, so that the supervisor's queue keeps no test's leftovers */
	char *ids = dbtest_value(w.admin,
				 "SELECT string_agg(id::text, ' ') FROM wc.person_sanction"
				 " WHERE person_id = $1 AND status = 'proposed'",
				 1, (const char *[]){ w.person });
	char *p = ids, *end;
	for (int i = 0; i < 2; i++, p = end) {
		long long id = strtoll(p, &end, 10);
		ck_assert_str_eq(decide(&w, w.supervisor, id, "reject", "测试数据，不予确认"),
				 "ok");
	}
	free(ids);
	world_close(&w);
}
END_TEST

START_TEST(freeze_blocks_vouchers_until_appeal_upheld)
{
	struct world w;
	long long voucher = 0;

	world_open(&w);
	ck_assert_str_eq(issue(&w, w.programme, &voucher), "ok");
	ck_assert_str_eq(book(&w, voucher), "ok"); /* a hold made before */
	char v[24];
	snprintf(v, sizeof(v), "%lld", voucher);
	char *held = dbtest_value(w.admin, "SELECT held_fen::text FROM wc.voucher WHERE id = $1", 1,
				  (const char *[]){ v });

	ck_assert_str_eq(propose(&w, w.operator, "false_claim", "虚报创业经历申领创业券", 90, NULL),
			 "ok");
	long long id = latest(&w, NULL);
	ck_assert_str_eq(decide(&w, w.supervisor, id, "confirm", ""), "ok");
	ck_assert(frozen(&w));

	/* a second slot of the same service: frozen, whatever the voucher */
	const char *sp[] = { v };
	w.slot = id_of(
		w.admin,
		"INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
		" SELECT service_id, starts_at + interval '1 day', ends_at + interval '1 day',"
		" 9 FROM wc.slot WHERE id = (SELECT slot_id FROM wc.booking"
		" WHERE voucher_id = $1::bigint) RETURNING id",
		1, sp);
	ck_assert_str_eq(book(&w, voucher), "vouchers_frozen");
	/* nor a place on the waiting list of a full slot with it (full for a
	 * moment: no booking holds its seats, which are given back after) */
	char sl[24], key[37];
	struct db_outcome wo;
	struct db_error werr = DB_ERROR_INIT;
	snprintf(sl, sizeof(sl), "%lld", w.slot);
	dbtest_sql(w.admin, "UPDATE wc.slot SET taken = capacity WHERE id = $1", 1,
		   (const char *[]){ sl });
	db_request_key(key);
	ck_assert(db_citizen_waitlist_join(w.kiosk, w.citizen, key, w.slot,
					   (struct booking_pay){ voucher, 0 }, &wo,
					   &werr) == DB_OK);
	ck_assert_str_eq(wo.outcome, "vouchers_frozen");
	db_outcome_release(&wo);
	dbtest_sql(w.admin, "UPDATE wc.slot SET taken = 0 WHERE id = $1", 1,
		   (const char *[]){ sl });
	long long other =
		id_of(w.admin,
		      "SELECT wc_admin.programme_add('SQ' || $1, '测试创业券二', 100000, 12,"
		      " '{training}', '{}', NULL, '')",
		      1, (const char *[]){ v });
	char code[48];
	snprintf(code, sizeof(code), "SQ%s", v);
	dbtest_sql(w.admin, "SELECT wc_admin.budget_set($1, '340104', 1000000)", 1,
		   (const char *[]){ code });
	ck_assert_str_eq(issue(&w, other, NULL), "vouchers_frozen");
	/* the hold made before stays */
	char *held_now =
		dbtest_value(w.admin, "SELECT held_fen::text FROM wc.voucher WHERE id = $1", 1,
			     (const char *[]){ v });
	ck_assert_str_eq(held_now, held);
	free(held_now);
	free(held);

	/* the person appeals once, at the kiosk; the counter cannot again */
	ck_assert_str_eq(appeal(&w, false, id, "短"), "text_too_short");
	ck_assert_str_eq(appeal(&w, false, id, "我提交的材料真实，申请复核"), "ok");
	ck_assert_str_eq(appeal(&w, true, id, "再次申诉，请求撤销记录"), "already_appealed");
	ck_assert(frozen(&w)); /* in force until decided */
	ck_assert_str_eq(decide(&w, w.supervisor, id, "uphold", "经复核材料属实，撤销记录"), "ok");
	ck_assert(!frozen(&w));
	ck_assert_str_eq(decide(&w, w.supervisor, id, "dismiss", "重复决定"), "wrong_state");
	ck_assert_str_eq(book(&w, voucher), "ok");
	ck_assert_str_eq(issue(&w, other, NULL), "ok");

	/* what the person and the counter read */
	char *kind;
	latest(&w, &kind);
	ck_assert_str_eq(kind, "false_claim");
	free(kind);
	struct person_sanction *rows = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;
	ck_assert(db_person_sanctions(w.desk, w.counter, w.person, &rows, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].status, "lifted");
	ck_assert_str_eq(rows[0].appeal, "我提交的材料真实，申请复核");
	ck_assert_str_eq(rows[0].decision, "经复核材料属实，撤销记录");
	ck_assert(!rows[0].frozen);
	person_sanctions_free(&rows, n);

	/* every step audited, the history append-only */
	char sid[24];
	snprintf(sid, sizeof(sid), "%lld", id);
	char *steps = dbtest_value(w.admin,
				   "SELECT string_agg(action, ' ' ORDER BY id) FROM wc.audit"
				   " WHERE object = $1 AND action LIKE 'sanction_%'",
				   1, (const char *[]){ sid });
	ck_assert_str_eq(steps,
			 "sanction_propose sanction_confirm sanction_appeal sanction_uphold");
	free(steps);
	db_error_release(&err);
	ck_assert(db_exec(w.admin,
			  "UPDATE wc.person_sanction_event SET body = 'x' WHERE sanction_id = $1",
			  1, (const char *[]){ sid }, NULL, &err) != DB_OK);
	db_error_release(&err);
	world_close(&w);
}
END_TEST

START_TEST(dismissed_appeal_keeps_it_and_the_date_ends_it)
{
	struct world w;
	long long voucher = 0;

	world_open(&w);
	ck_assert_str_eq(issue(&w, w.programme, &voucher), "ok");
	/* to a last day: tomorrow, the nearest one allowed */
	char *tomorrow = day_from_today(&w, 1);
	ck_assert_str_eq(
		propose(&w, w.operator, "no_show", "恶意预约多个时段均未到场", 0, tomorrow), "ok");
	long long id = latest(&w, NULL);
	ck_assert_str_eq(decide(&w, w.supervisor, id, "confirm", "属实"), "ok");
	ck_assert(frozen(&w));
	ck_assert_str_eq(appeal(&w, true, id, "本人到窗口申诉：未到场有正当理由"), "ok");
	ck_assert_str_eq(decide(&w, w.supervisor, id, "dismiss", "理由不成立，维持记录"), "ok");
	ck_assert(frozen(&w));
	ck_assert_str_eq(book(&w, voucher), "vouchers_frozen");
	ck_assert_str_eq(appeal(&w, false, id, "再申诉一次，请求撤销"), "already_appealed");

	/* its days pass (moved back as if confirmed a week ago): over */
	char sid[24];
	snprintf(sid, sizeof(sid), "%lld", id);
	dbtest_sql(w.admin,
		   "UPDATE wc.person_sanction SET until = wc.today() - 1,"
		   " starts_on = wc.today() - 7, ends_on = wc.today() - 1 WHERE id = $1",
		   1, (const char *[]){ sid });
	ck_assert(!frozen(&w));
	ck_assert_str_eq(book(&w, voucher), "ok");
	struct person_sanction *rows = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;
	ck_assert(db_person_sanctions(w.kiosk, w.citizen, NULL, &rows, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert(rows[0].over);
	ck_assert(!rows[0].frozen);
	person_sanctions_free(&rows, n);
	/* its history whole, in order, to the supervisor and the bureau: each
	 * step with who took it, the end by date last; not to a kiosk */
	const char *tokens[] = { w.supervisor, w.bureau };
	for (int t = 0; t < 2; t++) {
		struct sanction_step *h = NULL;
		ck_assert_msg(db_sanction_history(w.desk, tokens[t], id, &h, &n, &err) == DB_OK,
			      "history: %s", err.primary);
		ck_assert_int_eq(n, 5);
		const char *want[][2] = { { "propose", "恶意预约多个时段均未到场" },
					  { "confirm", "属实" },
					  { "appeal", "本人到窗口申诉：未到场有正当理由" },
					  { "dismiss", "理由不成立，维持记录" },
					  { "end", "" } };
		for (int i = 0; i < 5; i++) {
			ck_assert_str_eq(h[i].action, want[i][0]);
			ck_assert_str_eq(h[i].body, want[i][1]);
			ck_assert(i == 4 ? !*h[i].who : *h[i].who != '\0');
			ck_assert(i == 0 || i == 4 || strcmp(h[i - 1].at, h[i].at) <= 0);
		}
		char *end =
			dbtest_value(w.admin, "SELECT to_char(wc.today(), 'YYYY-MM-DD')", 0, NULL);
		ck_assert(strncmp(h[4].at, end, 10) == 0);
		free(end);
		sanction_steps_free(&h, n);
	}
	struct sanction_step *none = NULL;
	ck_assert(db_sanction_history(w.kiosk, w.citizen, id, &none, &n, &err) != DB_OK);
	db_error_release(&err);
	/* the supervisor's queue holds it no more */
	ck_assert(db_sanction_queue(w.desk, w.supervisor, &rows, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		ck_assert(rows[i].id != id);
	person_sanctions_free(&rows, n);
	free(tomorrow);
	world_close(&w);
}
END_TEST

Suite *sanctions_suite(void)
{
	Suite *s = suite_create("sanctions");
	TCase *tc = tcase_create("person");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, steps_by_role_and_state);
	tcase_add_test(tc, last_day_after_today_and_within_ten_years);
	tcase_add_test(tc, freeze_blocks_vouchers_until_appeal_upheld);
	tcase_add_test(tc, dismissed_appeal_keeps_it_and_the_date_ends_it);
	suite_add_tcase(s, tc);
	return s;
}
