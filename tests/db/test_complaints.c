/*
 * complaints: the deadline clock over holidays and make-up working days,
 * derived from the event history (pauses, the complainant's answer, a
 * reply, 不满意 and 重办, a year not yet announced); the workflow through
 * the API with each step allowed only to its role and from its state;
 * what the complainant sees; the counter's scope; the live-queue hint.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static const char *const PW = "Counter-pass-1";

/* --- the clock on a history written directly ------------------------------ */

/* A complaint of a new person with the given events ("action day [rating]",
 * in order); returns the due dates after each event, "-" for none, joined
 * by blanks (caller frees). */
static char *clock_of(struct db_conn *admin, const char *const *events, int n)
{
	char id_number[19];
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	const char *p[] = { person };
	char *id =
		dbtest_value(admin,
			     "INSERT INTO wc.complaint (no, person_id, against, category, body,"
			     " county_code, city_code, request_key)"
			     " VALUES ('TS9' || translate(gen_random_uuid()::text, 'abcdef-', '123456'), $1, 'platform', 'other', '测试',"
			     " '340104', '340100', gen_random_uuid()) RETURNING id",
			     1, p);
	for (int i = 0; i < n; i++) {
		char action[32], day[16], rating[16] = "";
		ck_assert(sscanf(events[i], "%31s %15s %15s", action, day, rating) >= 2);
		const char *q[] = { id, action, day, rating };
		dbtest_sql(
			admin,
			"INSERT INTO wc.complaint_event (complaint_id, day, action, status_after,"
			" visible, rating) VALUES ($1, $3::date, $2, 'submitted', true,"
			" nullif($4, ''))",
			4, q);
	}
	const char *q[] = { id };
	char *dues =
		dbtest_value(admin,
			     "SELECT string_agg(coalesce(due_on::text, '-'), ' ' ORDER BY event_id)"
			     " || CASE WHEN bool_and(known) THEN '' ELSE ' unannounced' END"
			     " FROM wc.complaint_clock($1)",
			     1, q);
	free(id);
	free(person);
	return dues;
}

START_TEST(clock_counts_working_days_of_the_notice)
{
	struct db_conn *admin = dbtest_admin();
	/* Filed Thursday 2026-02-12: 2 working days to accept are Friday 2/13
	 * and the make-up Saturday 2/14. Accepted Friday 2/13: 15 working days
	 * skip the Spring Festival (2/15–2/23) and count the make-up Saturday
	 * 2/28: 2/14, 2/24–2/27, 2/28, 3/2–3/6, 3/9–3/12. */
	const char *const a[] = { "file 2026-02-12", "accept 2026-02-13" };
	char *got = clock_of(admin, a, 2);
	ck_assert_str_eq(got, "2026-02-14 2026-03-12");
	free(got);

	/* The holidays' worked example: accepted Friday 2026-02-13 with 5
	 * days left is due 2026-02-27; here a question on Thursday 2/26 has
	 * used 4 (2/14, 2/24, 2/25, 2/26) and stops the clock; the answer
	 * on Monday 3/2 restarts it with 11 left: 3/3 … 3/17. A note in
	 * between changes nothing. */
	const char *const b[] = { "file 2026-02-12", "accept 2026-02-13", "request_info 2026-02-26",
				  "note 2026-02-27", "supply 2026-03-02" };
	got = clock_of(admin, b, 5);
	ck_assert_str_eq(got, "2026-02-14 2026-03-12 - - 2026-03-17");
	free(got);

	/* A reply starts the follow-up (3 days), 不满意 starts 重办 (10 days),
	 * a satisfied rating keeps the follow-up's limit. */
	const char *const c[] = { "file 2026-03-09",  "accept 2026-03-09",
				  "reply 2026-03-10", "rate 2026-03-11 unsatisfied",
				  "reply 2026-03-20", "rate 2026-03-20 satisfied",
				  "close 2026-03-23" };
	got = clock_of(admin, c, 7);
	ck_assert_str_eq(got,
			 "2026-03-11 2026-03-30 2026-03-13 2026-03-25 2026-03-25 2026-03-25 -");
	free(got);

	/* Reply-and-wait in one step right after acceptance: nothing used,
	 * the answer on a holiday (10/3) counts from the next working day. */
	const char *const d[] = { "file 2026-09-29", "accept 2026-09-30", "request_info 2026-09-30",
				  "supply 2026-10-03" };
	got = clock_of(admin, d, 4);
	ck_assert_str_eq(got, "2026-10-08 2026-10-27 - 2026-10-27");
	free(got);

	/* A correction of the calendar moves open complaints' deadlines: filed
	 * Friday 2027-03-12, due Tuesday 3/16; Monday 3/15 made a day off, due
	 * 3/17; the correction undone, 3/16 again. */
	{
		char id_number[19];
		char *person = dbtest_person(admin, "{}", "intending", id_number);
		const char *p[] = { person };
		char *id = dbtest_value(
			admin,
			"INSERT INTO wc.complaint (no, person_id, against, category, body,"
			" county_code, city_code, request_key)"
			" VALUES ('TS9' || translate(gen_random_uuid()::text, 'abcdef-', '123456'), $1, 'platform', 'other', '测试',"
			" '340104', '340100', gen_random_uuid()) RETURNING id",
			1, p);
		const char *q[] = { id };
		dbtest_sql(
			admin,
			"INSERT INTO wc.complaint_event (complaint_id, day, action, status_after,"
			" visible) VALUES ($1, '2027-03-12', 'file', 'submitted', true)",
			1, q);
		free(dbtest_value(admin, "SELECT wc_admin.complaint_deadlines_refresh()", 0, NULL));
		char *due =
			dbtest_value(admin, "SELECT due_on FROM wc.complaint WHERE id = $1", 1, q);
		ck_assert_str_eq(due, "2027-03-16");
		free(due);
		dbtest_sql(admin, "SELECT wc_admin.calendar_set('2027-03-15', false, '测试调整')",
			   0, NULL);
		due = dbtest_value(admin, "SELECT due_on FROM wc.complaint WHERE id = $1", 1, q);
		ck_assert_str_eq(due, "2027-03-17");
		free(due);
		dbtest_sql(admin, "SELECT wc_admin.calendar_set('2027-03-15', true, '恢复')", 0,
			   NULL);
		due = dbtest_value(admin, "SELECT due_on FROM wc.complaint WHERE id = $1", 1, q);
		ck_assert_str_eq(due, "2027-03-16");
		free(due);
		free(id);
		free(person);
	}

	/* Past 2026 no notice is loaded: ordinary weeks, and it says so. */
	const char *const e[] = { "file 2026-12-29", "accept 2026-12-30" };
	got = clock_of(admin, e, 2);
	ck_assert_str_eq(got, "2026-12-31 2027-01-20 unannounced");
	free(got);
	db_conn_free(&admin);
}
END_TEST

/* --- the workflow through the API -------------------------------------- */

struct world {
	struct db_conn *admin, *kiosk, *desk, *other_desk, *sup, *bureau;
	char *desk_token, *other_token, *sup_token, *bureau_token, *sup_id;
	char *person, *citizen;
	char id_number[19];
	long long service;
};

static char *login(struct db_conn *conn, struct db_conn *admin, const char *role,
		   const char *region)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	const char *user = dbtest_staff(admin, role, region, PW);

	ck_assert_int_eq(db_staff_login(conn, user, PW, &s, &until, &err), DB_LOGIN_OK);
	char *token = xstrdup(s.token);
	staff_session_release(&s);
	return token;
}

static void world_open(struct world *w)
{
	char cc[19], name[64];

	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	w->other_desk = dbtest_terminal(w->admin, "staff", NULL);
	w->sup = dbtest_terminal(w->admin, "staff", NULL);
	w->bureau = dbtest_terminal(w->admin, "staff", NULL);
	w->desk_token = login(w->desk, w->admin, "counter", "340104");
	w->other_token = login(w->other_desk, w->admin, "counter", "341524");
	w->sup_token = login(w->sup, w->admin, "supervisor", "340000");
	w->bureau_token = login(w->bureau, w->admin, "bureau", "340000");
	const char *t[] = { w->sup_token };
	w->sup_id = dbtest_value(w->sup, "SELECT id FROM api.complaint_handlers($1) LIMIT 1", 1, t);
	w->person = dbtest_person(w->admin, "{}", "intending", w->id_number);
	w->citizen = dbtest_citizen(w->kiosk, w->id_number);
	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "投诉测试服务商%d", (int)getpid());
	const char *p[] = { cc, name };
	free(dbtest_value(
		w->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')", 2,
		p));
	char code[48];
	snprintf(code, sizeof(code), "C%d", (int)getpid());
	const char *q[] = { code, cc };
	char *sid =
		dbtest_value(w->admin,
			     "SELECT wc_admin.service_add($1, $2, '创业指导', 'guidance', false,"
			     " false, 0, false, '340104', '', '蜀山区', '0551', 24)",
			     2, q);
	w->service = atoll(sid);
	free(sid);
}

static void world_close(struct world *w)
{
	free(w->desk_token);
	free(w->other_token);
	free(w->sup_token);
	free(w->bureau_token);
	free(w->sup_id);
	free(w->person);
	free(w->citizen);
	db_conn_free(&w->admin);
	db_conn_free(&w->kiosk);
	db_conn_free(&w->desk);
	db_conn_free(&w->other_desk);
	db_conn_free(&w->sup);
	db_conn_free(&w->bureau);
}

/* A supervisor's (or bureau's) step; returns the outcome (static). */
static const char *act(struct db_conn *conn, const char *token, long long id, const char *action,
		       const char *body, long long handler)
{
	static char got[32];
	char key[37], *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	enum db_status st =
		db_complaint_act(conn, token, key, id, action, body, handler, &outcome, &err);
	if (st != DB_OK) {
		snprintf(got, sizeof(got), "error %s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", outcome);
	free(outcome);
	/* the same key again changes nothing and answers ok */
	ck_assert(db_complaint_act(conn, token, key, id, action, body, handler, &outcome, &err) ==
		  DB_OK);
	if (strcmp(got, "ok") == 0)
		ck_assert_str_eq(outcome, "ok");
	free(outcome);
	/* resent with another text: refused, not answered as done */
	if (strcmp(got, "ok") == 0) {
		ck_assert(db_complaint_act(conn, token, key, id, action, "另一段文字", handler,
					   &outcome, &err) == DB_OK);
		ck_assert_str_eq(outcome, "key_mismatch");
		free(outcome);
	}
	return got;
}

static char *status_of(struct world *w, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	return dbtest_value(w->admin,
			    "SELECT status || ' ' || coalesce(due_on::text, '-') || ' '"
			    " || coalesce(satisfaction, '-') FROM wc.complaint WHERE id = $1",
			    1, p);
}

#define ASSERT_STATUS(w, id, want)                                                                 \
	do {                                                                                       \
		char *got_ = status_of(w, id);                                                     \
		ck_assert_msg(strncmp(got_, want, strlen(want)) == 0, "status %s, want %s", got_,  \
			      want);                                                               \
		free(got_);                                                                        \
	} while (0)

static int count_events(struct world *w, long long id, bool staff_view)
{
	struct complaint_event_row *ev = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;

	if (staff_view)
		ck_assert(db_complaint_events(w->sup, w->sup_token, id, &ev, &n, &err) == DB_OK);
	else
		ck_assert(db_citizen_complaint_events(w->kiosk, w->citizen, id, &ev, &n, &err) ==
			  DB_OK);
	complaint_event_rows_free(&ev, n);
	return n;
}

/* The person rates (rating set) or adds text under key; the outcome,
 * copied into out. */
static void person_call(struct world *w, const char *key, long long id, const char *rating,
			const char *text, char out[32])
{
	char *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;

	if (rating)
		ck_assert(db_citizen_complaint_rate(w->kiosk, w->citizen, key, id, rating, text,
						    &outcome, &err) == DB_OK);
	else
		ck_assert(db_citizen_complaint_supply(w->kiosk, w->citizen, key, id, text, &outcome,
						      &err) == DB_OK);
	snprintf(out, 32, "%s", outcome);
	free(outcome);
}

static const char *person_says(struct world *w, long long id, const char *rating, const char *text)
{
	static char got[32];
	char key[37], again[32];

	db_request_key(key);
	person_call(w, key, id, rating, text, got);
	if (strcmp(got, "ok") != 0)
		return got;
	/* resent: the first answer, but only with the same words */
	person_call(w, key, id, rating, text, again);
	ck_assert_str_eq(again, "ok");
	person_call(w, key, id, rating, "另一段文字", again);
	ck_assert_str_eq(again, "key_mismatch");
	return got;
}

START_TEST(workflow_each_step_by_its_role_from_its_state)
{
	struct world w;
	struct complaint_filed f, again;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	world_open(&w);
	struct complaint_filing filing = { "service", w.service, "quality",
					   "指导老师迟到一小时，\x1b[2J未作说明。" };
	db_request_key(key);
	ck_assert(db_citizen_complaint_file(w.kiosk, w.citizen, key, &filing, &f, &err) == DB_OK);
	ck_assert_str_eq(f.outcome, "ok");
	ck_assert(strncmp(f.no, "TS", 2) == 0);
	/* sent twice: one complaint */
	ck_assert(db_citizen_complaint_file(w.kiosk, w.citizen, key, &filing, &again, &err) ==
		  DB_OK);
	ck_assert_int_eq(again.id, f.id);
	complaint_filed_release(&again);
	/* the key with another text: refused, not answered with the first */
	struct complaint_filing other = filing;
	other.body = "另一件事";
	ck_assert(db_citizen_complaint_file(w.kiosk, w.citizen, key, &other, &again, &err) ==
		  DB_OK);
	ck_assert_str_eq(again.outcome, "key_mismatch");
	complaint_filed_release(&again);
	long long id = f.id;
	ASSERT_STATUS(&w, id, "submitted 2");

	/* a bad category or an empty text is refused with its reason */
	struct complaint_filing bad = { "platform", 0, "no-such", "x" };
	db_request_key(key);
	ck_assert(db_citizen_complaint_file(w.kiosk, w.citizen, key, &bad, &again, &err) == DB_OK);
	ck_assert_str_eq(again.outcome, "bad_category");
	complaint_filed_release(&again);
	struct complaint_filing empty = { "platform", 0, "other", "   " };
	db_request_key(key);
	ck_assert(db_citizen_complaint_file(w.kiosk, w.citizen, key, &empty, &again, &err) ==
		  DB_OK);
	ck_assert_str_eq(again.outcome, "text_needed");
	complaint_filed_release(&again);

	/* the county's counter finds it by number, another county's does not */
	long long found, person;
	ck_assert(db_complaint_find(w.desk, w.desk_token, f.no, &found, &person, &err) == DB_OK);
	ck_assert_int_eq(found, id);
	ck_assert_int_eq(person, atoll(w.person));
	ck_assert(db_complaint_find(w.other_desk, w.other_token, f.no, &found, &person, &err) ==
		  DB_OK);
	ck_assert_int_eq(found, 0);

	/* the supervisor's queue has it, filtered by county and status */
	struct complaint_filter flt = { "submitted", NULL, "340104", "quality", "service", false };
	struct complaint_row *rows = NULL;
	int n = 0;
	bool seen = false;
	ck_assert(db_complaint_queue(w.sup, w.sup_token, &flt, 0, 200, &rows, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		seen |= rows[i].id == id;
	complaint_rows_free(&rows, n);
	ck_assert(seen);

	/* steps from the wrong state, by the wrong role, without a text */
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "reply", "答复", 0), "wrong_state");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "reject", "", 0), "text_needed");
	ck_assert_str_eq(act(w.bureau, w.bureau_token, id, "accept", "", 0), "error WC002");
	ck_assert_str_eq(act(w.desk, w.desk_token, id, "accept", "", 0), "error WC002");
	ck_assert_str_eq(act(w.bureau, w.bureau_token, id, "urge", "", 0), "not_overdue");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "accept", "", 0), "ok");
	ASSERT_STATUS(&w, id, "accepted 2");

	/* an internal note: staff see it, the complainant does not */
	int staff_before = count_events(&w, id, true), person_before = count_events(&w, id, false);
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "note", "已电话联系服务商核实", 0), "ok");
	ck_assert_int_eq(count_events(&w, id, true), staff_before + 1);
	ck_assert_int_eq(count_events(&w, id, false), person_before);

	/* a question stops the clock; the answer restarts it */
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "request_info", "请补充预约时间", 0), "ok");
	ASSERT_STATUS(&w, id, "waiting - ");
	ck_assert_str_eq(person_says(&w, id, NULL, "预约在上周三下午"), "ok");
	ASSERT_STATUS(&w, id, "accepted 2");

	ck_assert_str_eq(act(w.sup, w.sup_token, id, "assign", "", 999999999), "bad_handler");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "assign", "", atoll(w.sup_id)), "ok");
	ASSERT_STATUS(&w, id, "handling 2");
	ck_assert_str_eq(person_says(&w, id, "satisfied", ""), "wrong_state");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "close", "", 0), "wrong_state");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "reply", "已责令服务商整改并致歉", 0), "ok");
	ASSERT_STATUS(&w, id, "replied 2");

	/* 不满意 sends it back; the rating is locked once given */
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "close", "", 0), "not_rated");
	ck_assert_str_eq(person_says(&w, id, "unsatisfied", "整改没有落实"), "ok");
	ASSERT_STATUS(&w, id, "redo 2");
	ck_assert_str_eq(person_says(&w, id, "satisfied", ""), "already_rated");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "reply", "服务商已重新安排指导", 0), "ok");
	ck_assert_str_eq(person_says(&w, id, "satisfied", ""), "ok");
	ASSERT_STATUS(&w, id, "replied 2");
	ck_assert_str_eq(person_says(&w, id, "unsatisfied", ""), "already_rated");

	/* overdue: the bureau urges, the supervisor escalates */
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *q[] = { s };
	dbtest_sql(w.admin, "UPDATE wc.complaint SET due_on = wc.today() - 1 WHERE id = $1", 1, q);
	ck_assert_str_eq(act(w.bureau, w.bureau_token, id, "urge", "", 0), "ok");
	dbtest_sql(w.admin, "UPDATE wc.complaint SET due_on = wc.today() - 1 WHERE id = $1", 1, q);
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "escalate", "", 0), "text_needed");
	ck_assert_str_eq(act(w.sup, w.sup_token, id, "escalate", "服务商多次逾期", 0), "ok");
	char *urged = dbtest_value(w.admin,
				   "SELECT urged || ' ' || (escalated_at IS NOT NULL)"
				   " FROM wc.complaint WHERE id = $1",
				   1, q);
	ck_assert_str_eq(urged, "1 true");
	free(urged);
	/* the bureau finds it among the reported ones */
	struct complaint_filter reported = { NULL, "escalated", "340104", NULL, NULL, false };
	seen = false;
	ck_assert(db_complaint_queue(w.bureau, w.bureau_token, &reported, 0, 200, &rows, &n,
				     &err) == DB_OK);
	for (int i = 0; i < n; i++) {
		seen |= rows[i].id == id;
		ck_assert(rows[i].escalated);
	}
	complaint_rows_free(&rows, n);
	ck_assert(seen);

	ck_assert_str_eq(act(w.sup, w.sup_token, id, "close", "", 0), "ok");
	ASSERT_STATUS(&w, id, "closed - satisfied");
	ck_assert_str_eq(person_says(&w, id, NULL, "还有补充"), "wrong_state");

	/* the timeline keeps every step; the clock explains each */
	struct complaint_clock_row *clock = NULL;
	ck_assert(db_complaint_clock(w.sup, w.sup_token, id, &clock, &n, &err) == DB_OK);
	ck_assert_int_eq(n, count_events(&w, id, true));
	ck_assert_str_eq(clock[0].action, "file");
	ck_assert_int_eq(clock[0].limit_days, 2);
	complaint_clock_rows_free(&clock, n);

	/* the events are append-only, even for the owner */
	struct db_result *r = NULL;
	ck_assert(db_exec(w.admin, "DELETE FROM wc.complaint_event WHERE complaint_id = $1", 1, q,
			  &r, &err) != DB_OK);
	db_error_release(&err);
	complaint_filed_release(&f);
	world_close(&w);
}
END_TEST

/* --- every step from every state ------------------------------------------ */

/* File a complaint as the person and take it to state; returns its id. */
static long long complaint_in(struct world *w, const char *citizen, const char *state)
{
	static const struct {
		const char *state, *from, *action; /* action "rate": the person's 不满意 */
	} path[] = {
		{ "accepted", "submitted", "accept" }, { "rejected", "submitted", "reject" },
		{ "handling", "accepted", "assign" },  { "waiting", "accepted", "request_info" },
		{ "replied", "accepted", "reply" },    { "follow_up", "replied", "follow_up" },
		{ "redo", "replied", "rate" },	       { "closed", "follow_up", "close" },
	};
	struct complaint_filed f;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	if (strcmp(state, "submitted") == 0) {
		struct complaint_filing filing = { "platform", 0, "platform", "终端反应慢" };
		db_request_key(key);
		ck_assert(db_citizen_complaint_file(w->kiosk, citizen, key, &filing, &f, &err) ==
			  DB_OK);
		ck_assert_str_eq(f.outcome, "ok");
		long long id = f.id;
		complaint_filed_release(&f);
		return id;
	}
	for (size_t i = 0; i < sizeof(path) / sizeof(path[0]); i++) {
		if (strcmp(path[i].state, state) != 0)
			continue;
		long long id = complaint_in(w, citizen, path[i].from);
		if (strcmp(path[i].action, "rate") == 0) {
			char *outcome = NULL;
			db_request_key(key);
			ck_assert(db_citizen_complaint_rate(w->kiosk, citizen, key, id,
							    "unsatisfied", "", &outcome,
							    &err) == DB_OK);
			ck_assert_str_eq(outcome, "ok");
			free(outcome);
		} else {
			ck_assert_str_eq(act(w->sup, w->sup_token, id, path[i].action, "经办说明",
					     atoll(w->sup_id)),
					 "ok");
		}
		ASSERT_STATUS(w, id, state);
		return id;
	}
	ck_abort_msg("no path to %s", state);
	return 0;
}

START_TEST(every_step_only_from_its_states)
{
	/* The rules of 0017 restated: from which states each step is taken
	 * (closing an unrated reply needs the follow-up first). */
	static const char *const states[] = { "submitted", "accepted", "handling",
					      "waiting",   "replied",  "follow_up",
					      "redo",	   "closed",   "rejected" };
	static const struct {
		const char *action, *from;
	} rules[] = {
		{ "accept", " submitted " },
		{ "reject", " submitted " },
		{ "assign", " accepted handling redo " },
		{ "request_info", " accepted handling redo " },
		{ "reply", " accepted handling redo " },
		{ "note", " submitted accepted handling waiting replied follow_up redo " },
		{ "follow_up", " replied " },
		{ "close", " follow_up " },
	};
	struct world w;

	world_open(&w);
	for (size_t s = 0; s < sizeof(states) / sizeof(states[0]); s++) {
		char id_number[19], pad[24];
		char *person = dbtest_person(w.admin, "{}", "intending", id_number);
		char *citizen = dbtest_citizen(w.kiosk, id_number);
		snprintf(pad, sizeof(pad), " %s ", states[s]);
		for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
			long long id = complaint_in(&w, citizen, states[s]);
			const char *want = strstr(rules[r].from, pad) ? "ok" : "wrong_state";
			if (strcmp(rules[r].action, "close") == 0 &&
			    strcmp(states[s], "replied") == 0)
				want = "not_rated";
			const char *got = act(w.sup, w.sup_token, id, rules[r].action, "经办说明",
					      atoll(w.sup_id));
			ck_assert_msg(strcmp(got, want) == 0, "%s from %s: %s, want %s",
				      rules[r].action, states[s], got, want);
			/* never by the bureau or a counter */
			ck_assert_str_eq(act(w.bureau, w.bureau_token, id, rules[r].action, "x", 0),
					 "error WC002");
			ck_assert_str_eq(act(w.desk, w.desk_token, id, rules[r].action, "x", 0),
					 "error WC002");
			/* each step leaves the complaint where it should be */
			if (strcmp(want, "ok") != 0)
				ASSERT_STATUS(&w, id, states[s]);
			/* finish it, so the person's open complaints stay few */
			char idtxt[24];
			snprintf(idtxt, sizeof(idtxt), "%lld", id);
			const char *q[] = { idtxt };
			dbtest_sql(w.admin,
				   "UPDATE wc.complaint SET status = 'closed' WHERE id = $1", 1, q);
		}
		free(person);
		free(citizen);
	}
	world_close(&w);
}
END_TEST

START_TEST(counter_files_for_the_person_with_consent)
{
	struct world w;
	struct complaint_filed f;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	world_open(&w);
	struct complaint_filing filing = { "operator", 0, "platform", "自助终端经常无法登录" };
	db_request_key(key);
	ck_assert(db_counter_complaint_file(w.desk, w.desk_token, key, w.person, "", &filing, &f,
					    &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC041");
	db_error_release(&err);
	/* another county's clerk cannot act for the person */
	ck_assert(db_counter_complaint_file(w.other_desk, w.other_token, key, w.person, "本人同意",
					    &filing, &f, &err) != DB_OK);
	db_error_release(&err);
	ck_assert(db_counter_complaint_file(w.desk, w.desk_token, key, w.person, "本人到窗口口述",
					    &filing, &f, &err) == DB_OK);
	ck_assert_str_eq(f.outcome, "ok");

	/* the person follows it at the kiosk */
	struct complaint_row *rows = NULL;
	int n = 0;
	ck_assert(db_citizen_complaints(w.kiosk, w.citizen, &rows, &n, &err) == DB_OK);
	ck_assert_int_ge(n, 1);
	ck_assert_str_eq(rows[0].no, f.no);
	ck_assert_str_eq(rows[0].status, "submitted");
	complaint_rows_free(&rows, n);
	ck_assert(db_person_complaints(w.desk, w.desk_token, w.person, &rows, &n, &err) == DB_OK);
	ck_assert_int_ge(n, 1);
	complaint_rows_free(&rows, n);
	/* another person's kiosk session sees nothing of it */
	char other_id[19];
	char *other = dbtest_person(w.admin, "{}", "intending", other_id);
	char *other_token = dbtest_citizen(w.kiosk, other_id);
	struct complaint_event_row *ev = NULL;
	ck_assert(db_citizen_complaint_events(w.kiosk, other_token, f.id, &ev, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 0);
	complaint_event_rows_free(&ev, n);
	char *outcome = NULL;
	db_request_key(key);
	ck_assert(db_citizen_complaint_supply(w.kiosk, other_token, key, f.id, "x", &outcome,
					      &err) == DB_OK);
	ck_assert_str_eq(outcome, "not_found");
	free(outcome);
	free(other);
	free(other_token);
	complaint_filed_release(&f);
	world_close(&w);
}
END_TEST

START_TEST(a_new_complaint_wakes_a_listening_queue)
{
	struct world w;
	struct complaint_filed f;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	world_open(&w);
	ck_assert(db_complaints_listen(w.sup, &err) == DB_OK);
	ck_assert(db_conn_listening(w.sup));
	ck_assert_int_eq(db_conn_notified(w.sup), 0);
	struct complaint_filing filing = { "platform", 0, "other", "通知测试" };
	db_request_key(key);
	ck_assert(db_citizen_complaint_file(w.kiosk, w.citizen, key, &filing, &f, &err) == DB_OK);
	struct pollfd pfd = { .fd = db_conn_socket(w.sup), .events = POLLIN };
	ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
	ck_assert_int_ge(db_conn_notified(w.sup), 1);
	complaint_filed_release(&f);
	world_close(&w);
}
END_TEST

Suite *complaints_suite(void)
{
	Suite *s = suite_create("complaints");
	TCase *t = tcase_create("complaints");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, clock_counts_working_days_of_the_notice);
	tcase_add_test(t, workflow_each_step_by_its_role_from_its_state);
	tcase_add_test(t, every_step_only_from_its_states);
	tcase_add_test(t, counter_files_for_the_person_with_consent);
	tcase_add_test(t, a_new_complaint_wakes_a_listening_queue);
	suite_add_tcase(s, t);
	return s;
}
