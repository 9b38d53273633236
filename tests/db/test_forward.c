/*
 * forward: 转办 — the supervisor forwards a complaint being handled to the
 * provider it concerns or to the operator, with a limit in working days;
 * only the supervisor forwards, only that provider (or the operator)
 * answers, once; nothing is forwarded once the complaint is finished; the
 * due day follows the working-day calendar, an unanswered forwarding past
 * it is overdue and an answer after it late; both steps join the staff's
 * timeline (not the complainant's) and the audit log.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

struct world {
	struct db_conn *admin, *kiosk, *desk, *sup, *bureau, *prov, *other_prov, *op;
	char *desk_token, *sup_token, *bureau_token, *prov_token, *other_token, *op_token;
	char *person, *citizen, *person_name;
	char id_number[19];
	long long service;
};

/* A provider of its own with a service; returns the service's id and
 * fills cc with the provider's credit code. */
static long long provider_with_service(struct db_conn *admin, const char *tag, char cc[19])
{
	char name[64], code[48];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "转办测试%s%d", tag, (int)getpid());
	const char *p[] = { cc, name };
	free(dbtest_value(
		admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')", 2,
		p));
	snprintf(code, sizeof(code), "F%s%d", tag, (int)getpid());
	const char *q[] = { code, cc };
	char *sid =
		dbtest_value(admin,
			     "SELECT wc_admin.service_add($1, $2, '创业指导', 'guidance', false,"
			     " false, 0, false, '340104', '', '蜀山区', '0551', 24)",
			     2, q);
	long long id = atoll(sid);
	free(sid);
	return id;
}

static void world_open(struct world *w)
{
	char cc[19], other_cc[19];

	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	w->sup = dbtest_terminal(w->admin, "staff", NULL);
	w->bureau = dbtest_terminal(w->admin, "staff", NULL);
	w->prov = dbtest_terminal(w->admin, "staff", NULL);
	w->other_prov = dbtest_terminal(w->admin, "staff", NULL);
	w->op = dbtest_terminal(w->admin, "staff", NULL);
	w->service = provider_with_service(w->admin, "A", cc);
	provider_with_service(w->admin, "B", other_cc);
	w->desk_token = dbtest_sign_in(w->admin, w->desk, "counter", "340104", NULL);
	w->sup_token = dbtest_sign_in(w->admin, w->sup, "supervisor", "340000", NULL);
	w->bureau_token = dbtest_sign_in(w->admin, w->bureau, "bureau", "340000", NULL);
	w->prov_token = dbtest_sign_in(w->admin, w->prov, "provider", "340104", cc);
	w->other_token = dbtest_sign_in(w->admin, w->other_prov, "provider", "340104", other_cc);
	w->op_token = dbtest_sign_in(w->admin, w->op, "operator", "340000", NULL);
	w->person = dbtest_person(w->admin, "{}", "intending", w->id_number);
	w->citizen = dbtest_citizen(w->kiosk, w->id_number);
	const char *p[] = { w->person };
	w->person_name = dbtest_value(w->admin, "SELECT name FROM wc.person WHERE id = $1", 1, p);
}

static void world_close(struct world *w)
{
	char **s[] = { &w->desk_token, &w->sup_token,	&w->bureau_token,
		       &w->prov_token, &w->other_token, &w->op_token,
		       &w->person,     &w->citizen,	&w->person_name };
	struct db_conn **c[] = { &w->admin,  &w->kiosk, &w->desk,	&w->sup,
				 &w->bureau, &w->prov,	&w->other_prov, &w->op };

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		XFREE(*s[i]);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		db_conn_free(c[i]);
}

/* A complaint of the world's person, against the service or the platform. */
static long long file(struct world *w, const char *against, const char *body)
{
	struct complaint_filed f;
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	struct complaint_filing filing = { against,
					   strcmp(against, "service") == 0 ? w->service : 0,
					   "quality", body };

	db_request_key(key);
	ck_assert(db_citizen_complaint_file(w->kiosk, w->citizen, key, &filing, &f, &err) == DB_OK);
	ck_assert_str_eq(f.outcome, "ok");
	long long id = f.id;
	complaint_filed_release(&f);
	return id;
}

static const char *act(struct db_conn *conn, const char *token, long long id, const char *action,
		       const char *body)
{
	static char got[32];
	char key[37], *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert(db_complaint_act(conn, token, key, id, action, body, 0, &outcome, &err) == DB_OK);
	snprintf(got, sizeof(got), "%s", outcome);
	free(outcome);
	return got;
}

/* A forwarding under key (NULL: a new one); the outcome, or "error
 * SQLSTATE", and the due day into due when given. */
static const char *forward_as(struct db_conn *conn, const char *token, const char *key,
			      long long id, const char *to, int days, const char *note,
			      char due[16])
{
	static char got[32];
	char k[37], *outcome = NULL, *due_on = NULL;
	struct db_error err = DB_ERROR_INIT;

	if (!key)
		db_request_key(k);
	if (db_complaint_forward(conn, token, key ? key : k, id, to, days, note, &outcome, &due_on,
				 &err) != DB_OK) {
		snprintf(got, sizeof(got), "error %s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", outcome);
	if (due)
		snprintf(due, 16, "%s", due_on);
	free(outcome);
	free(due_on);
	return got;
}

static const char *explain_as(struct db_conn *conn, const char *token, const char *key,
			      long long forward, const char *body)
{
	static char got[32];
	char k[37], *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;

	if (!key)
		db_request_key(k);
	if (db_forward_explain(conn, token, key ? key : k, forward, body, &outcome, &err) !=
	    DB_OK) {
		snprintf(got, sizeof(got), "error %s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", outcome);
	free(outcome);
	return got;
}

/* The forwarding of complaint id in the caller's inbox (0 if none), its
 * row copied into out when found. */
static long long in_inbox(struct db_conn *conn, const char *token, long long id_complaint,
			  const char *no, struct forward_row *out)
{
	struct forward_row *rows = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;
	long long found = 0;

	(void)id_complaint;
	ck_assert(db_forward_inbox(conn, token, &rows, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].complaint_no, no) == 0 && !*rows[i].answered_at) {
			found = rows[i].id;
			if (out) {
				out->overdue = rows[i].overdue;
				out->limit_days = rows[i].limit_days;
				out->body = xstrdup(rows[i].body);
				out->person_masked = xstrdup(rows[i].person_masked);
				out->due_on = xstrdup(rows[i].due_on);
			}
		}
	forward_rows_free(&rows, n);
	return found;
}

static char *no_of(struct world *w, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	return dbtest_value(w->admin, "SELECT no FROM wc.complaint WHERE id = $1", 1, p);
}

/* The actions of the timeline joined by blanks, as staff or as the person. */
static char *timeline(struct world *w, long long id, bool staff)
{
	struct complaint_event_row *ev = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf b = SBUF_INIT;
	int n = 0;

	if (staff)
		ck_assert(db_complaint_events(w->sup, w->sup_token, id, &ev, &n, &err) == DB_OK);
	else
		ck_assert(db_citizen_complaint_events(w->kiosk, w->citizen, id, &ev, &n, &err) ==
			  DB_OK);
	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s", i ? " " : "", ev[i].action);
	complaint_event_rows_free(&ev, n);
	return sbuf_detach(&b);
}

START_TEST(forward_only_by_the_supervisor_answered_once_by_its_side)
{
	struct world w;
	char key[37], due[16], s[24];

	world_open(&w);
	long long id = file(
		&w, "service",
		"指导老师迟到一小时，回电请拨13812345678，身份证340104199001011234，预约8点30。");
	char *no = no_of(&w, id);

	/* not before it is accepted */
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "provider", 5, "请说明", NULL),
			 "wrong_state");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "accept", ""), "ok");

	/* only the supervisor forwards */
	ck_assert_str_eq(forward_as(w.desk, w.desk_token, NULL, id, "provider", 5, "请说明", NULL),
			 "error WC002");
	ck_assert_str_eq(
		forward_as(w.bureau, w.bureau_token, NULL, id, "provider", 5, "请说明", NULL),
		"error WC002");
	ck_assert_str_eq(forward_as(w.prov, w.prov_token, NULL, id, "provider", 5, "请说明", NULL),
			 "error WC002");
	ck_assert_str_eq(forward_as(w.op, w.op_token, NULL, id, "operator", 5, "请说明", NULL),
			 "error WC002");

	/* the limit within 1 to 15 working days, a note, a recipient */
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "provider", 16, "请说明", NULL),
			 "bad_limit");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "provider", 5, "  ", NULL),
			 "text_needed");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "bureau", 5, "请说明", NULL),
			 "bad_recipient");

	/* forwarded with the default limit: due the 5th working day after
	 * today, as the calendar counts it */
	db_request_key(key);
	ck_assert_str_eq(
		forward_as(w.sup, w.sup_token, key, id, "provider", 0, "请说明迟到原因", due),
		"ok");
	char *want = dbtest_value(w.admin, "SELECT wc.workdays_after(wc.today(), 5)", 0, NULL);
	ck_assert_str_eq(due, want);
	free(want);
	/* sent again: the first forwarding; with another text: refused */
	ck_assert_str_eq(
		forward_as(w.sup, w.sup_token, key, id, "provider", 5, "请说明迟到原因", NULL),
		"ok");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, key, id, "provider", 5, "另一段文字", NULL),
			 "key_mismatch");
	/* one awaited answer per side */
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "provider", 3, "再次说明", NULL),
			 "already_forwarded");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "operator", 3,
				    "请说明平台显示的时间", NULL),
			 "ok");

	/* the provider it concerns has it, masked; another provider does not;
	 * the operator has its own */
	struct forward_row r = { 0 };
	long long fw = in_inbox(w.prov, w.prov_token, id, no, &r);
	ck_assert(fw > 0);
	ck_assert_int_eq(r.limit_days, 5);
	ck_assert(!r.overdue);
	ck_assert_msg(strstr(r.body, "13812345678") == NULL, "%s", r.body);
	ck_assert_msg(strstr(r.body, "138****5678") != NULL, "%s", r.body);
	ck_assert_msg(strstr(r.body, "340****1234") != NULL, "%s", r.body);
	ck_assert_msg(strstr(r.body, "预约8点30") != NULL, "%s", r.body);
	ck_assert_msg(strstr(r.person_masked, w.person_name) == NULL, "%s", r.person_masked);
	free(r.body);
	free(r.person_masked);
	free(r.due_on);
	ck_assert_int_eq(in_inbox(w.other_prov, w.other_token, id, no, NULL), 0);
	long long op_fw = in_inbox(w.op, w.op_token, id, no, NULL);
	ck_assert(op_fw > 0 && op_fw != fw);
	struct forward_row *rows = NULL;
	int n = 0;
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_forward_inbox(w.desk, w.desk_token, &rows, &n, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	forward_rows_free(&rows, n);

	/* only its side answers: another provider, the operator for the
	 * provider, the provider for the operator, the supervisor: no */
	ck_assert_str_eq(explain_as(w.other_prov, w.other_token, NULL, fw, "不是我们"),
			 "not_found");
	ck_assert_str_eq(explain_as(w.op, w.op_token, NULL, fw, "代为说明"), "not_found");
	ck_assert_str_eq(explain_as(w.prov, w.prov_token, NULL, op_fw, "代为说明"), "not_found");
	ck_assert_str_eq(explain_as(w.sup, w.sup_token, NULL, fw, "代为说明"), "error WC002");
	ck_assert_str_eq(explain_as(w.prov, w.prov_token, NULL, fw, " "), "text_needed");

	/* answered once: the same key again is the same answer, a new one refused */
	db_request_key(key);
	ck_assert_str_eq(explain_as(w.prov, w.prov_token, key, fw, "老师路上堵车，已致歉。"), "ok");
	ck_assert_str_eq(explain_as(w.prov, w.prov_token, key, fw, "老师路上堵车，已致歉。"), "ok");
	ck_assert_str_eq(explain_as(w.prov, w.prov_token, key, fw, "改了说法"), "key_mismatch");
	ck_assert_str_eq(explain_as(w.prov, w.prov_token, NULL, fw, "再说一次"),
			 "already_answered");
	ck_assert_int_eq(in_inbox(w.prov, w.prov_token, id, no, NULL), 0);

	/* the staff's timeline has both, the complainant's neither */
	char *t = timeline(&w, id, true);
	ck_assert_str_eq(t, "file accept forward forward explain");
	free(t);
	t = timeline(&w, id, false);
	ck_assert_str_eq(t, "file accept");
	free(t);

	/* the supervisor's list: the answer, by whom, on time */
	struct forward_row *fs = NULL;
	ck_assert(db_complaint_forwards(w.sup, w.sup_token, id, &fs, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(fs[0].to_kind, "provider");
	ck_assert_str_eq(fs[0].answer, "老师路上堵车，已致歉。");
	ck_assert(*fs[0].answered_by && !fs[0].late && !fs[0].overdue);
	ck_assert_str_eq(fs[1].recipient, "运营商");
	ck_assert_str_eq(fs[1].answer, "");
	forward_rows_free(&fs, n);

	/* audited: who forwarded and who answered */
	const char *p[] = { no };
	char *audited = dbtest_value(w.admin,
				     "SELECT string_agg(action, ' ' ORDER BY id) FROM wc.audit"
				     " WHERE object = $1 AND action IN ('complaint_forward',"
				     " 'complaint_explain') AND staff_id IS NOT NULL",
				     1, p);
	ck_assert_str_eq(audited, "complaint_forward complaint_forward complaint_explain");
	free(audited);

	/* a forwarding cannot be changed once answered, even by its owner */
	snprintf(s, sizeof(s), "%lld", fw);
	const char *q[] = { s };
	struct db_error e2 = DB_ERROR_INIT;
	ck_assert(db_exec(w.admin, "UPDATE wc.complaint_forward SET limit_days = 15 WHERE id = $1",
			  1, q, NULL, &e2) != DB_OK);
	db_error_release(&e2);

	/* finished: nothing forwarded, nothing answered */
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "reply", "已责令服务商整改"), "ok");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "provider", 5, "请说明", NULL),
			 "wrong_state");
	char rate_key[37], *outcome = NULL;
	db_request_key(rate_key);
	ck_assert(db_citizen_complaint_rate(w.kiosk, w.citizen, rate_key, id, "satisfied", "",
					    &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "close", ""), "ok");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, id, "operator", 5, "请说明", NULL),
			 "wrong_state");
	ck_assert_str_eq(explain_as(w.op, w.op_token, NULL, op_fw, "晚了"), "wrong_state");

	/* a complaint about the platform names no provider */
	long long plat = file(&w, "platform", "页面打不开");
	ck_assert_str_eq(act(w.sup, w.sup_token, plat, "accept", ""), "ok");
	ck_assert_str_eq(forward_as(w.sup, w.sup_token, NULL, plat, "provider", 5, "请说明", NULL),
			 "no_provider");
	free(no);
	world_close(&w);
}
END_TEST

/* A forwarding written as of a past day, to the operator; returns its id. */
static char *forward_on(struct world *w, long long complaint, const char *day, int days)
{
	char c[24], d[8];
	snprintf(c, sizeof(c), "%lld", complaint);
	snprintf(d, sizeof(d), "%d", days);
	const char *p[] = { c, day, d };
	return dbtest_value(w->admin,
			    "WITH e AS (INSERT INTO wc.complaint_event (complaint_id, day, action,"
			    " status_after, visible, body) VALUES ($1, $2::date, 'forward',"
			    " 'accepted', false, '请说明') RETURNING id)"
			    " INSERT INTO wc.complaint_forward (complaint_id, to_kind, day,"
			    " limit_days, forward_event) SELECT $1, 'operator', $2::date, $3::int,"
			    " e.id FROM e RETURNING id",
			    3, p);
}

static void answer_on(struct world *w, long long complaint, const char *forward, const char *day)
{
	char c[24];
	snprintf(c, sizeof(c), "%lld", complaint);
	const char *p[] = { c, forward, day };
	dbtest_sql(w->admin,
		   "WITH e AS (INSERT INTO wc.complaint_event (complaint_id, day, action,"
		   " status_after, visible, body) VALUES ($1, $3::date, 'explain', 'accepted',"
		   " false, '说明') RETURNING id)"
		   " UPDATE wc.complaint_forward SET answer_event = e.id FROM e WHERE"
		   " complaint_forward.id = $2::bigint",
		   3, p);
}

START_TEST(forward_due_by_the_calendar_overdue_and_late)
{
	struct world w;
	struct forward_row *fs = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;

	world_open(&w);
	long long id = file(&w, "platform", "页面打不开");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "accept", ""), "ok");
	/* Friday 2026-02-13 with 5 working days: the make-up Saturday 2/14,
	 * then the Spring Festival off, 2/24–2/27: due 2/27, long past:
	 * 已超期 while unanswered. */
	char *a = forward_on(&w, id, "2026-02-13", 5);
	ck_assert(db_complaint_forwards(w.sup, w.sup_token, id, &fs, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(fs[0].due_on, "2026-02-27");
	ck_assert(fs[0].overdue && !fs[0].soon && !fs[0].late && fs[0].known);
	forward_rows_free(&fs, n);
	char *no = no_of(&w, id);
	struct forward_row r = { 0 };
	ck_assert(in_inbox(w.op, w.op_token, id, no, &r) == atoll(a));
	ck_assert(r.overdue);
	ck_assert_str_eq(r.due_on, "2026-02-27");
	free(r.body);
	free(r.person_masked);
	free(r.due_on);
	/* answered on Monday 3/2, after the due day: no longer overdue, late */
	answer_on(&w, id, a, "2026-03-02");
	/* Tuesday 2026-09-29 with 5: 9/30, the National Day holiday, 10/8,
	 * 10/9, the make-up Saturday 10/10, Monday 10/12; answered on 10/12:
	 * in time */
	char *b = forward_on(&w, id, "2026-09-29", 5);
	answer_on(&w, id, b, "2026-10-12");
	ck_assert(db_complaint_forwards(w.sup, w.sup_token, id, &fs, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 2);
	ck_assert(!fs[0].overdue && fs[0].late);
	ck_assert_str_eq(fs[1].due_on, "2026-10-12");
	ck_assert(!fs[1].overdue && !fs[1].late);
	forward_rows_free(&fs, n);
	free(a);
	free(b);
	free(no);
	world_close(&w);
}
END_TEST

Suite *forward_suite(void)
{
	Suite *s = suite_create("forward");
	TCase *t = tcase_create("forward");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, forward_only_by_the_supervisor_answered_once_by_its_side);
	tcase_add_test(t, forward_due_by_the_calendar_overdue_and_late);
	suite_add_tcase(s, t);
	return s;
}
