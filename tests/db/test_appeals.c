/*
 * appeals: a provider's appeal (申诉) against a review and the
 * rectification (整改) after a bad one, through the API as the provider,
 * the supervisor and the other roles call it — appealing once, only its
 * own provider's published reviews, only the supervisor deciding and
 * only while pending; a revoked review hidden and out of the averages,
 * its reason shown to the person with the provider's reply; a
 * rectification's 5 working days over weekends and holidays from the
 * calendar, the report, the decision, the period sent back, and the
 * 已超期 mark on both lists. Every step once per request key, kept, and
 * audited.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

struct world {
	struct db_conn *admin, *kiosk, *desk;
	char *supervisor, *operator, * counter, *prov, *theirs; /* tokens */
	char provider_cc[19], other_cc[19];
	long long provider, service;
	char *person, *citizen; /* the reviewer's id and kiosk token */
};

static int seq;

static long long provider_new(struct world *w, char cc[19])
{
	char name[64];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "申诉测试服务商%d-%d", (int)getpid(), ++seq);
	const char *p[] = { cc, name };
	char *id = dbtest_value(
		w->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '王', '0551')", 2,
		p);
	long long v = atoll(id);
	free(id);
	return v;
}

static void world_open(struct world *w)
{
	char code[48], id[19];

	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	w->supervisor = dbtest_sign_in(w->admin, w->desk, "supervisor", "340000", NULL);
	w->operator= dbtest_sign_in(w->admin, w->desk, "operator", "340000", NULL);
	w->counter = dbtest_sign_in(w->admin, w->desk, "counter", "340104", NULL);
	w->provider = provider_new(w, w->provider_cc);
	provider_new(w, w->other_cc);
	w->prov = dbtest_sign_in(w->admin, w->desk, "provider", "340104", w->provider_cc);
	w->theirs = dbtest_sign_in(w->admin, w->desk, "provider", "340104", w->other_cc);
	snprintf(code, sizeof(code), "AP%d-%d", (int)getpid(), ++seq);
	const char *p[] = { code, w->provider_cc };
	char *s = dbtest_value(w->admin,
			       "SELECT wc_admin.service_add($1, $2, '创业指导', 'guidance', false,"
			       " false, 0, false, '340104', '', '蜀山区', '0551', 24)",
			       2, p);
	w->service = atoll(s);
	free(s);
	w->person = dbtest_person(w->admin, "{}", "intending", id);
	w->citizen = dbtest_citizen(w->kiosk, id);
}

static void world_close(struct world *w)
{
	free(w->supervisor);
	free(w->operator);
	free(w->counter);
	free(w->prov);
	free(w->theirs);
	free(w->person);
	free(w->citizen);
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

/* A published review of the world's service with stars, by the person. */
static long long review_new(struct world *w, int stars, const char *comment)
{
	struct db_review_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct review_input in = { dbtest_completed_booking(w->admin, w->person, w->service), stars,
				   comment };
	char key[37];

	db_request_key(key);
	ck_assert(db_citizen_review_add(w->kiosk, w->citizen, key, &in, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(o.status, "published");
	long long id = o.review_id;
	db_review_outcome_release(&o);
	return id;
}

enum step { APPEAL, APPEAL_DECIDE_KEEP, APPEAL_DECIDE_REVOKE, REQUIRE, REPORT, ACCEPT, RETURN };

static enum db_status step_send(struct world *w, enum step s, const char *token, const char *key,
				long long id, const char *text, struct db_manage_outcome *o,
				struct db_error *err)
{
	switch (s) {
	case APPEAL:
		return db_review_appeal(w->desk, token, key, id, text, o, err);
	case APPEAL_DECIDE_KEEP:
		return db_review_appeal_decide(w->desk, token, key, id, APPEAL_KEEP, text, o, err);
	case APPEAL_DECIDE_REVOKE:
		return db_review_appeal_decide(w->desk, token, key, id, APPEAL_REVOKE, text, o,
					       err);
	case REQUIRE:
		return db_rectification_require(w->desk, token, key, id, text, o, err);
	case REPORT:
		return db_rectification_report(w->desk, token, key, id, text, o, err);
	case ACCEPT:
		return db_rectification_decide(w->desk, token, key, id, RECTIFY_ACCEPT, text, o,
					       err);
	case RETURN:
		return db_rectification_decide(w->desk, token, key, id, RECTIFY_RETURN, text, o,
					       err);
	}
	return DB_ERR_SERVER;
}

/* One step with a new key: "outcome/status" ("not_found/", "ok/kept"). */
static const char *step(struct world *w, enum step s, const char *token, long long id,
			const char *text)
{
	static char got[64];
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	db_request_key(key);
	enum db_status st = step_send(w, s, token, key, id, text, &o, &err);
	ck_assert_msg(st == DB_OK, "step %d: %s", (int)s, err.primary);
	snprintf(got, sizeof(got), "%s/%s", o.outcome, o.status ? o.status : "");
	db_manage_outcome_release(&o);
	return got;
}

/* The step is not the role's: the database refuses the call itself. */
static void step_refused(struct world *w, enum step s, const char *token, long long id)
{
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	db_request_key(key);
	ck_assert(step_send(w, s, token, key, id, "一个足够长的理由", &o, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
}

/* The case of review (an appeal, or a rectification) on token's list. */
static bool case_of(struct world *w, const char *token, bool rectification, long long review,
		    struct review_case *out)
{
	struct review_case *v;
	int n;
	struct db_error err = DB_ERROR_INIT;
	bool found = false;

	ck_assert_msg(db_review_cases(w->desk, token, &v, &n, &err) == DB_OK, "review_cases: %s",
		      err.primary);
	for (int i = 0; i < n; i++)
		if (v[i].review_id == review && v[i].rectification == rectification) {
			*out = v[i];
			memset(&v[i], 0, sizeof(v[i]));
			found = true;
		}
	review_cases_free(&v, n);
	return found;
}

static void case_release(struct review_case *k)
{
	struct review_case *one = xmalloc(sizeof(*one));

	*one = *k;
	review_cases_free(&one, 1);
}

static bool listed_publicly(struct world *w, long long review)
{
	struct service_review *v;
	int n;
	struct db_error err = DB_ERROR_INIT;
	bool found = false;

	ck_assert(db_service_reviews(w->kiosk, w->service, 0, 100, &v, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		found |= v[i].id == review;
	service_reviews_free(&v, n);
	return found;
}

START_TEST(appeal_once_decided_by_the_supervisor)
{
	struct world w;
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	const char *why = "该用户当天并未到场，预约记录显示为系统误操作";

	world_open(&w);
	long long bad = review_new(&w, 1, "完全没有人接待");
	long long kept = review_new(&w, 2, "讲得太快了");
	long long good = review_new(&w, 5, "很有帮助");
	long long count_before =
		value_ll(&w, "SELECT rating_count FROM wc.provider WHERE id = $1", w.provider);

	/* only the provider's own staff appeal, a published review of theirs */
	const char *others[] = { w.supervisor, w.operator, w.counter };
	for (int i = 0; i < 3; i++)
		step_refused(&w, APPEAL, others[i], bad);
	ck_assert_str_eq(step(&w, APPEAL, w.theirs, bad, why), "not_found/");
	ck_assert_str_eq(step(&w, APPEAL, w.prov, -1, why), "not_found/");
	ck_assert_str_eq(step(&w, APPEAL, w.prov, bad, " "), "text_needed/");
	ck_assert_str_eq(step(&w, APPEAL, w.prov, bad, "不属实"), "text_too_short/");
	char longer[1600] = "";
	for (int i = 0; i < 501; i++)
		strcat(longer, "长");
	ck_assert_str_eq(step(&w, APPEAL, w.prov, bad, longer), "text_too_long/");

	/* once; the same key answers with the first outcome */
	db_request_key(key);
	ck_assert(db_review_appeal(w.desk, w.prov, key, bad, why, &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(o.status, "appealed");
	ck_assert(!o.replayed);
	db_manage_outcome_release(&o);
	ck_assert(db_review_appeal(w.desk, w.prov, key, bad, why, &o, &err) == DB_OK);
	ck_assert(o.replayed);
	db_manage_outcome_release(&o);
	ck_assert(db_review_appeal(w.desk, w.prov, key, bad, "换了一种说法的理由", &o, &err) ==
		  DB_OK);
	ck_assert_str_eq(o.outcome, "key_mismatch");
	db_manage_outcome_release(&o);
	ck_assert_str_eq(step(&w, APPEAL, w.prov, bad, "再申诉一次的理由"), "wrong_state/");

	/* on the supervisor's list, pending; on the provider's too */
	struct review_case k;
	ck_assert(case_of(&w, w.supervisor, false, bad, &k));
	ck_assert_str_eq(k.state, "pending");
	ck_assert_str_eq(k.text, why);
	case_release(&k);
	ck_assert(case_of(&w, w.prov, false, bad, &k));
	case_release(&k);
	ck_assert(!case_of(&w, w.theirs, false, bad, &k));

	/* only the supervisor decides, with the reason, while pending */
	step_refused(&w, APPEAL_DECIDE_REVOKE, w.prov, bad);
	step_refused(&w, APPEAL_DECIDE_REVOKE, w.operator, bad);
	step_refused(&w, APPEAL_DECIDE_KEEP, w.counter, bad);
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_REVOKE, w.supervisor, good, "没有申诉的评价"),
			 "not_found/");
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_REVOKE, w.supervisor, bad, "属实"),
			 "text_too_short/");
	const char *revoke_why = "经核实当天无到场记录，评价不予采信";
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_REVOKE, w.supervisor, bad, revoke_why),
			 "ok/revoked");
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_KEEP, w.supervisor, bad, "再次决定维持原评价"),
			 "wrong_state/");

	/* revoked: hidden, out of the averages, the reason kept and shown to the person */
	ck_assert(!listed_publicly(&w, bad));
	ck_assert_int_eq(
		value_ll(&w, "SELECT rating_count FROM wc.provider WHERE id = $1", w.provider),
		count_before - 1);
	ck_assert_int_eq(value_ll(&w, "SELECT rating_sum FROM wc.service WHERE id = $1", w.service),
			 7);
	ck_assert(!case_of(&w, w.supervisor, false, bad, &k)); /* decided: off the list */
	ck_assert(case_of(&w, w.prov, false, bad, &k));
	ck_assert_str_eq(k.state, "revoked");
	ck_assert_str_eq(k.note, revoke_why);
	case_release(&k);

	/* kept: the review stays; the person sees the provider's public reply */
	ck_assert_str_eq(step(&w, APPEAL, w.prov, kept, "老师按照大纲授课，并无过快"),
			 "ok/appealed");
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_KEEP, w.supervisor, kept, "评价属于正常意见表达"),
			 "ok/kept");
	ck_assert(listed_publicly(&w, kept));
	db_request_key(key);
	ck_assert(db_review_reply(w.desk, w.prov, key, kept, "感谢反馈，下次会放慢节奏", &o,
				  &err) == DB_OK);
	db_manage_outcome_release(&o);
	struct my_review *mine;
	int n;
	ck_assert(db_citizen_reviews(w.kiosk, w.citizen, &mine, &n, &err) == DB_OK);
	int seen = 0;
	for (int i = 0; i < n; i++) {
		if (mine[i].id == bad) {
			ck_assert_str_eq(mine[i].status, "taken_down");
			ck_assert_str_eq(mine[i].revoked_reason, revoke_why);
			seen++;
		} else if (mine[i].id == kept) {
			ck_assert_str_eq(mine[i].reply, "感谢反馈，下次会放慢节奏");
			ck_assert_str_eq(mine[i].revoked_reason, "");
			seen++;
		}
	}
	ck_assert_int_eq(seen, 2);
	my_reviews_free(&mine, n);

	/* kept for good, and audited */
	ck_assert(db_exec(w.admin, "UPDATE wc.review_appeal SET reason = reason", 0, NULL, NULL,
			  &err) != DB_OK);
	ck_assert(db_exec(w.admin, "DELETE FROM wc.review_appeal_decision", 0, NULL, NULL, &err) !=
		  DB_OK);
	db_error_release(&err);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE object = $1::text"
				  " AND action IN ('review_appeal', 'review_appeal_decide')",
				  bad),
			 2);
	world_close(&w);
}
END_TEST

static char *date_value(struct world *w, const char *sql, const char *day)
{
	const char *p[] = { day };
	return dbtest_value(w->admin, sql, 1, p);
}

/* The round's days moved back as if opened days ago (append-only: only
 * with the triggers off). */
static void round_backdate(struct world *w, long long rect)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", rect);
	const char *p[] = { s };

	dbtest_sql(w->admin, "BEGIN", 0, NULL);
	dbtest_sql(w->admin, "SET LOCAL session_replication_role = replica", 0, NULL);
	dbtest_sql(w->admin,
		   "UPDATE wc.rectification_round SET opened_on = wc.today() - 10,"
		   " due_on = wc.today() - 1 WHERE rectification_id = $1"
		   " AND round = (SELECT max(round) FROM wc.rectification_round"
		   " WHERE rectification_id = $1)",
		   1, p);
	dbtest_sql(w->admin, "COMMIT", 0, NULL);
}

START_TEST(rectification_in_working_days)
{
	struct world w;
	struct review_case k;

	world_open(&w);
	/* 5 working days from the day after: over a weekend, over 国庆节 with
	 * its make-up Saturday, over 劳动节 */
	const char *due_sql = "SELECT wc.rectification_due($1::date)::text";
	const char *cases[][2] = {
		{ "2026-12-04", "2026-12-11" },
		{ "2026-09-30", "2026-10-13" },
		{ "2026-04-30", "2026-05-11" },
	};
	for (int i = 0; i < 3; i++) {
		char *due = date_value(&w, due_sql, cases[i][0]);
		ck_assert_str_eq(due, cases[i][1]);
		free(due);
	}

	long long bad = review_new(&w, 2, "预约后无人联系");
	long long fair = review_new(&w, 4, "总体还可以");
	long long appealed = review_new(&w, 3, "场地有点偏");

	/* only the supervisor requires it, after a bad review or a kept appeal */
	step_refused(&w, REQUIRE, w.prov, bad);
	step_refused(&w, REQUIRE, w.operator, bad);
	const char *what = "请核查预约后的联系流程并整改";
	ck_assert_str_eq(step(&w, REQUIRE, w.supervisor, fair, what), "wrong_state/");
	ck_assert_str_eq(step(&w, REQUIRE, w.supervisor, bad, "整改"), "text_too_short/");
	ck_assert_str_eq(step(&w, APPEAL, w.prov, appealed, "场地位置已在服务说明中写明"),
			 "ok/appealed");
	ck_assert_str_eq(step(&w, REQUIRE, w.supervisor, appealed, what), "wrong_state/");
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_KEEP, w.supervisor, appealed, "评价属实，予以维持"),
			 "ok/kept");
	ck_assert_str_eq(step(&w, REQUIRE, w.supervisor, appealed, "请在服务说明中加注交通指引"),
			 "ok/open");
	ck_assert_str_eq(step(&w, REQUIRE, w.supervisor, bad, what), "ok/open");
	ck_assert_str_eq(step(&w, REQUIRE, w.supervisor, bad, what), "wrong_state/");

	/* 5 working days from today, on both lists, not overdue */
	char *today_due =
		dbtest_value(w.admin, "SELECT wc.rectification_due(wc.today())::text", 0, NULL);
	ck_assert(case_of(&w, w.prov, true, bad, &k));
	long long rect = k.id;
	ck_assert_str_eq(k.state, "open");
	ck_assert_str_eq(k.due_on, today_due);
	ck_assert_int_eq(k.round, 1);
	ck_assert(!k.overdue);
	case_release(&k);
	ck_assert(case_of(&w, w.supervisor, true, bad, &k));
	case_release(&k);
	ck_assert(!case_of(&w, w.theirs, true, bad, &k));

	/* the provider reports, once a period */
	step_refused(&w, REPORT, w.supervisor, rect);
	ck_assert_str_eq(step(&w, REPORT, w.theirs, rect, "已经整改完毕了"), "not_found/");
	ck_assert_str_eq(step(&w, REPORT, w.prov, rect, "已改"), "text_too_short/");
	ck_assert_str_eq(step(&w, ACCEPT, w.supervisor, rect, ""), "wrong_state/");
	ck_assert_str_eq(step(&w, REPORT, w.prov, rect, "已安排专人在预约后一小时内回电"),
			 "ok/reported");
	ck_assert_str_eq(step(&w, REPORT, w.prov, rect, "再报一次整改情况"), "wrong_state/");

	/* sent back: a new period of 5 working days, the reason required */
	step_refused(&w, RETURN, w.prov, rect);
	step_refused(&w, RETURN, w.operator, rect);
	ck_assert_str_eq(step(&w, RETURN, w.supervisor, rect, ""), "text_needed/");
	ck_assert_str_eq(step(&w, RETURN, w.supervisor, rect, "请补充回电记录的留存方式"),
			 "ok/open");
	ck_assert(case_of(&w, w.prov, true, bad, &k));
	ck_assert_str_eq(k.state, "open");
	ck_assert_int_eq(k.round, 2);
	ck_assert_str_eq(k.due_on, today_due);
	ck_assert_str_eq(k.note, "请补充回电记录的留存方式");
	case_release(&k);

	/* past its day: 已超期 on both lists; a report then is marked late */
	round_backdate(&w, rect);
	ck_assert(case_of(&w, w.prov, true, bad, &k));
	ck_assert(k.overdue);
	case_release(&k);
	ck_assert(case_of(&w, w.supervisor, true, bad, &k));
	ck_assert(k.overdue);
	case_release(&k);
	ck_assert_str_eq(step(&w, REPORT, w.prov, rect, "回电记录已按月存档备查"), "ok/reported");
	ck_assert(case_of(&w, w.supervisor, true, bad, &k));
	ck_assert(!k.overdue);
	ck_assert(k.late);
	ck_assert_str_eq(k.state, "reported");
	case_release(&k);
	ck_assert_str_eq(step(&w, ACCEPT, w.supervisor, rect, ""), "ok/accepted");
	ck_assert_str_eq(step(&w, RETURN, w.supervisor, rect, "已经通过后再退回"), "wrong_state/");
	ck_assert(!case_of(&w, w.supervisor, true, bad, &k)); /* done: off the list */
	ck_assert(case_of(&w, w.prov, true, bad, &k));
	ck_assert_str_eq(k.state, "accepted");
	case_release(&k);

	/* kept for good, and audited */
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_exec(w.admin, "DELETE FROM wc.rectification_report", 0, NULL, NULL, &err) !=
		  DB_OK);
	db_error_release(&err);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE object = $1::text"
				  " AND action LIKE 'rectification%'",
				  rect),
			 5);
	free(today_due);
	world_close(&w);
}
END_TEST

/* 维持 with 整改 in one step: both written or neither, the period as
 * the separate step's, once per request key. */
START_TEST(keep_and_rectify_in_one_step)
{
	struct world w;
	struct review_case k;
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	const char *reason = "评价属实，予以维持", *what = "请在服务说明中写明报名截止时间";

	world_open(&w);
	long long r = review_new(&w, 3, "报名时间不清楚");
	ck_assert_str_eq(step(&w, APPEAL, w.prov, r, "报名时间已在服务页写明"), "ok/appealed");

	/* only the supervisor; a refused text writes neither step */
	db_request_key(key);
	ck_assert(db_review_appeal_keep_rectify(w.desk, w.operator, key, r, reason, what, &o,
						&err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	const char *texts[][3] = {
		{ "维持", what, "text_too_short" },
		{ reason, "整改", "text_too_short" },
		{ reason, "", "text_needed" },
	};
	for (int i = 0; i < 3; i++) {
		db_request_key(key);
		ck_assert(db_review_appeal_keep_rectify(w.desk, w.supervisor, key, r, texts[i][0],
							texts[i][1], &o, &err) == DB_OK);
		ck_assert_str_eq(o.outcome, texts[i][2]);
		db_manage_outcome_release(&o);
		ck_assert(case_of(&w, w.supervisor, false, r, &k));
		ck_assert_str_eq(k.state, "pending");
		case_release(&k);
	}
	ck_assert_int_eq(
		value_ll(&w, "SELECT count(*) FROM wc.rectification WHERE review_id = $1", r), 0);

	/* kept and required together; asked again with its key, the same answer */
	db_request_key(key);
	for (int i = 0; i < 2; i++) {
		ck_assert(db_review_appeal_keep_rectify(w.desk, w.supervisor, key, r, reason, what,
							&o, &err) == DB_OK);
		ck_assert_str_eq(o.outcome, "ok");
		ck_assert_str_eq(o.status, "open");
		ck_assert(o.replayed == (i == 1));
		db_manage_outcome_release(&o);
	}
	ck_assert(db_review_appeal_keep_rectify(w.desk, w.supervisor, key, r, reason,
						"另一条整改要求的内容", &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "key_mismatch");
	db_manage_outcome_release(&o);
	ck_assert_str_eq(step(&w, APPEAL_DECIDE_REVOKE, w.supervisor, r, "已经维持后再撤销"),
			 "wrong_state/");
	ck_assert(case_of(&w, w.prov, false, r, &k));
	ck_assert_str_eq(k.state, "kept");
	ck_assert_str_eq(k.note, reason);
	case_release(&k);
	char *today_due =
		dbtest_value(w.admin, "SELECT wc.rectification_due(wc.today())::text", 0, NULL);
	ck_assert(case_of(&w, w.prov, true, r, &k));
	ck_assert_str_eq(k.state, "open");
	ck_assert_str_eq(k.text, what);
	ck_assert_str_eq(k.due_on, today_due);
	ck_assert_int_eq(k.round, 1);
	case_release(&k);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE object = $1::text"
				  " AND action = 'review_appeal_decide'",
				  r),
			 1);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit a JOIN wc.rectification k"
				  " ON a.object = k.id::text WHERE k.review_id = $1"
				  " AND a.action = 'rectification_require'",
				  r),
			 1);
	free(today_due);
	world_close(&w);
}
END_TEST

Suite *appeals_suite(void)
{
	Suite *s = suite_create("appeals");
	TCase *appeal = tcase_create("appeal");
	TCase *rectify = tcase_create("rectify");

	tcase_set_timeout(appeal, 60);
	tcase_set_timeout(rectify, 60);
	tcase_add_test(appeal, appeal_once_decided_by_the_supervisor);
	tcase_add_test(rectify, rectification_in_working_days);
	tcase_add_test(rectify, keep_and_rectify_in_one_step);
	suite_add_tcase(s, appeal);
	suite_add_tcase(s, rectify);
	return s;
}
