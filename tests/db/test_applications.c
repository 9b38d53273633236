/*
 * applications: provider onboarding through the API — every step by
 * every role from every state, returning and correcting, the notice in
 * working days, objections, activation, and one application per credit
 * code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

#define PW "Test-pass-2026"

enum { W_COUNTER, W_OPERATOR, W_SUPERVISOR, W_BUREAU, W_PROVIDER, W_OTHER_COUNTER, W_N };
static const char *const w_roles[W_N] = { "counter", "operator", "supervisor",
					  "bureau",  "provider", "counter" };
static const char *const w_regions[W_N] = { "340104", "340000", "340000",
					    "340000", "340104", "341524" };

struct world {
	struct db_conn *admin, *kiosk, *conn[W_N];
	char *token[W_N];
	char id_number[19];
	char *person, *citizen;
};

static void world_open(struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	for (int i = 0; i < W_N; i++) {
		struct staff_session s = { 0 };
		struct db_error err = DB_ERROR_INIT;
		char *until = NULL;
		w->conn[i] = dbtest_terminal(w->admin, "staff", NULL);
		const char *user = dbtest_staff(w->admin, w_roles[i], w_regions[i], PW);
		ck_assert_int_eq(db_staff_login(w->conn[i], user, PW, &s, &until, &err),
				 DB_LOGIN_OK);
		w->token[i] = xstrdup(s.token);
		staff_session_release(&s);
		free(until);
	}
	w->person = dbtest_person(w->admin, "{}", "intending", w->id_number);
	w->citizen = dbtest_citizen(w->kiosk, w->id_number);
}

static void world_close(struct world *w)
{
	for (int i = 0; i < W_N; i++) {
		free(w->token[i]);
		db_conn_free(&w->conn[i]);
	}
	free(w->person);
	free(w->citizen);
	db_conn_free(&w->kiosk);
	db_conn_free(&w->admin);
}

/* A complete application of a new 蜀山区 company; code filled. */
static void sample(struct application_input *in, char code[19], char contact[19], char name[64])
{
	dbtest_application_sample(in, code, contact, name, "合肥测试创业服务有限公司");
}

/* Submit; returns the outcome (static) and sets *id. */
static const char *submit(struct world *w, int who, const struct application_input *in,
			  long long *id)
{
	static char got[32];
	char key[37];
	struct application_filed f;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	if (db_application_submit(w->conn[who], w->token[who], key, in, &f, &err) != DB_OK) {
		snprintf(got, sizeof(got), "error %s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", f.outcome);
	if (id)
		*id = f.id;
	long long first = f.id;
	application_filed_release(&f);
	/* the same key again answers the same application */
	ck_assert(db_application_submit(w->conn[who], w->token[who], key, in, &f, &err) == DB_OK);
	ck_assert_int_eq(f.id, first);
	application_filed_release(&f);
	if (strcmp(got, "ok") == 0) {
		/* and with other details is refused, nothing changed */
		struct application_input other = *in;
		other.note = "另一段说明";
		ck_assert(db_application_submit(w->conn[who], w->token[who], key, &other, &f,
						&err) == DB_OK);
		ck_assert_str_eq(f.outcome, "key_mismatch");
		application_filed_release(&f);
		other = *in;
		other.address = "另一个地址";
		ck_assert(db_application_submit(w->conn[who], w->token[who], key, &other, &f,
						&err) == DB_OK);
		ck_assert_str_eq(f.outcome, "key_mismatch");
		application_filed_release(&f);
	}
	return got;
}

static const char *act(struct world *w, int who, long long id, const char *action, const char *body)
{
	static char got[32];
	char key[37], *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	if (db_application_act(w->conn[who], w->token[who], key, id, action, body, &outcome,
			       &err) != DB_OK) {
		snprintf(got, sizeof(got), "error %s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", outcome);
	free(outcome);
	/* a resent step acts once and answers ok */
	if (strcmp(got, "ok") == 0) {
		ck_assert(db_application_act(w->conn[who], w->token[who], key, id, action, body,
					     &outcome, &err) == DB_OK);
		ck_assert_str_eq(outcome, "ok");
		free(outcome);
		/* resent with another text: refused, not answered as done */
		ck_assert(db_application_act(w->conn[who], w->token[who], key, id, action,
					     "另一段意见", &outcome, &err) == DB_OK);
		ck_assert_str_eq(outcome, "key_mismatch");
		free(outcome);
	}
	return got;
}

static char *field_of(struct world *w, long long id, const char *column)
{
	char s[24], sql[160];

	snprintf(s, sizeof(s), "%lld", id);
	snprintf(sql, sizeof(sql),
		 "SELECT coalesce(%s::text, '') FROM wc.provider_application WHERE id = $1",
		 column);
	const char *p[] = { s };
	return dbtest_value(w->admin, sql, 1, p);
}

static void assert_status(struct world *w, long long id, const char *want)
{
	char *got = field_of(w, id, "status");
	ck_assert_str_eq(got, want);
	free(got);
}

/* An application brought to a state by the steps that lead there. */
static long long in_state(struct world *w, const char *state)
{
	struct application_input in;
	char code[19], contact[19], name[64];
	long long id = 0;

	sample(&in, code, contact, name);
	ck_assert_str_eq(submit(w, W_COUNTER, &in, &id), "ok");
	if (strcmp(state, "returned") == 0)
		ck_assert_str_eq(act(w, W_OPERATOR, id, "return", "缺营业执照"), "ok");
	if (strcmp(state, "submitted") == 0 || strcmp(state, "returned") == 0)
		return id;
	ck_assert_str_eq(act(w, W_OPERATOR, id, "approve_first", "材料齐全"), "ok");
	if (strcmp(state, "first_passed") == 0)
		return id;
	ck_assert_str_eq(act(w, W_SUPERVISOR, id, "approve_review", "资质属实"), "ok");
	if (strcmp(state, "reviewed") == 0)
		return id;
	ck_assert_str_eq(act(w, W_BUREAU, id, "file", "同意备案"), "ok");
	return id;
}

/* --- every step, by every role, from every state ------------------------ */

START_TEST(steps_by_role_and_state)
{
	static const struct {
		const char *action, *role, *from;
	} rules[] = {
		{ "approve_first", "operator", "submitted" },
		{ "return", "operator", "submitted" },
		{ "reject_first", "operator", "submitted" },
		{ "approve_review", "supervisor", "first_passed" },
		{ "send_back", "supervisor", "first_passed" },
		{ "reject_review", "supervisor", "first_passed" },
		{ "file", "bureau", "reviewed" },
		{ "return_filing", "bureau", "reviewed" },
		{ "withdraw", "counter,operator", "submitted,returned" },
	};
	static const char *const states[] = { "submitted", "returned", "first_passed", "reviewed",
					      "notice" };
	struct world w;

	world_open(&w);
	long long at[5];
	for (int s = 0; s < 5; s++)
		at[s] = in_state(&w, states[s]);
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++)
		for (int who = 0; who < W_OTHER_COUNTER; who++)
			for (int s = 0; s < 5; s++) {
				bool role_ok = strstr(rules[r].role, w_roles[who]) != NULL;
				bool state_ok = strstr(rules[r].from, states[s]) != NULL;
				/* refused calls on the standing applications change nothing */
				const char *got =
					role_ok && state_ok
						? ""
						: act(&w, who, at[s], rules[r].action, "意见");
				if (!role_ok) {
					ck_assert_msg(strcmp(got, "error WC002") == 0,
						      "%s by %s: %s", rules[r].action, w_roles[who],
						      got);
					continue;
				}
				if (!state_ok) {
					ck_assert_msg(strcmp(got, "wrong_state") == 0,
						      "%s from %s: %s", rules[r].action, states[s],
						      got);
					continue;
				}
				/* allowed: taken on a fresh application in that state */
				long long fresh = in_state(&w, states[s]);
				ck_assert_str_eq(act(&w, who, fresh, rules[r].action, ""),
						 "text_needed");
				ck_assert_str_eq(act(&w, who, fresh, rules[r].action, "意见"),
						 "ok");
			}
	/* the states reached match the rules */
	long long id = in_state(&w, "first_passed");
	ck_assert_str_eq(act(&w, W_SUPERVISOR, id, "send_back", "初审意见不充分"), "ok");
	assert_status(&w, id, "submitted");
	id = in_state(&w, "reviewed");
	ck_assert_str_eq(act(&w, W_BUREAU, id, "return_filing", "请复核场地证明"), "ok");
	assert_status(&w, id, "first_passed");
	/* a counter of another county neither sees nor acts */
	ck_assert_str_eq(act(&w, W_OTHER_COUNTER, at[1], "withdraw", "撤回"), "not_found");
	world_close(&w);
}
END_TEST

/* --- the whole path, with a correction, a notice and an objection -------- */

START_TEST(from_application_to_provider)
{
	struct world w;
	struct application_input in;
	struct db_error err = DB_ERROR_INIT;
	char code[19], contact[19], name[64], s[24];
	long long id = 0;

	world_open(&w);
	sample(&in, code, contact, name);
	in.nmaterials = 1;
	in.material_kinds[0] = "qualification";
	ck_assert_str_eq(submit(&w, W_COUNTER, &in, &id), "ok");
	/* one application per code at a time */
	ck_assert_str_eq(submit(&w, W_OPERATOR, &in, NULL), "in_pipeline");
	/* the counter of another county enters none of its area */
	struct application_input far = in;
	char code2[19], contact2[19], name2[64];
	sample(&far, code2, contact2, name2);
	ck_assert_str_eq(submit(&w, W_OTHER_COUNTER, &far, NULL), "not_my_region");

	ck_assert_str_eq(act(&w, W_OPERATOR, id, "return", "缺营业执照，请补充"), "ok");
	/* corrected: the licence added, sent again with what changed */
	in.id = id;
	in.nmaterials = 2;
	in.material_kinds[0] = "license";
	in.material_kinds[1] = "qualification";
	in.note = "已补充营业执照";
	ck_assert_str_eq(submit(&w, W_COUNTER, &in, NULL), "ok");
	assert_status(&w, id, "submitted");
	ck_assert_str_eq(act(&w, W_OPERATOR, id, "approve_first", "材料齐全"), "ok");
	ck_assert_str_eq(act(&w, W_SUPERVISOR, id, "approve_review", "资质属实"), "ok");
	ck_assert_str_eq(act(&w, W_BUREAU, id, "file", "同意备案，予以公示"), "ok");
	assert_status(&w, id, "notice");
	char *until = field_of(&w, id, "notice_until");
	char *want = dbtest_value(w.admin,
				  "SELECT wc.workdays_after(wc.today(), (SELECT value::int FROM"
				  " wc.setting WHERE name = 'provider_notice_days'))::text",
				  0, NULL);
	ck_assert_str_eq(until, want);
	free(want);

	/* on notice for everyone; an objection from a kiosk, dismissed */
	struct notice_row *nr = NULL;
	int n = 0;
	ck_assert(db_provider_notices(w.kiosk, &nr, &n, &err) == DB_OK);
	bool listed = false;
	for (int i = 0; i < n; i++)
		listed |= nr[i].id == id;
	ck_assert(listed);
	notice_rows_free(&nr, n);
	char key[37], *outcome = NULL, *no = NULL;
	db_request_key(key);
	ck_assert(db_citizen_objection_file(w.kiosk, w.citizen, key, id, "该机构曾收取额外费用",
					    &outcome, &no, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	free(no);
	/* the key with another text: refused, no second objection */
	ck_assert(db_citizen_objection_file(w.kiosk, w.citizen, key, id, "另一条意见", &outcome,
					    &no, &err) == DB_OK);
	ck_assert_str_eq(outcome, "key_mismatch");
	free(outcome);
	free(no);
	struct objection_row *ob = NULL;
	ck_assert(db_application_objections(w.conn[W_OPERATOR], w.token[W_OPERATOR], id, &ob, &n,
					    &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert(strchr(ob[0].objector, '*') != NULL); /* masked for the operator */
	long long objection = ob[0].id;
	objection_rows_free(&ob, n);
	/* the notice ends with the objection still open: no activation */
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	dbtest_sql(w.admin,
		   "UPDATE wc.provider_application SET notice_until = wc.today() - 1 WHERE id = $1",
		   1, p);
	struct application_row *rows = NULL;
	ck_assert(db_application_queue(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], "mine", name, 0,
				       20, &rows, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1); /* the open objection is the supervisor's */
	ck_assert(rows[0].mine);
	application_rows_free(&rows, n);
	assert_status(&w, id, "notice");
	/* objections are taken only while the notice runs */
	db_request_key(key);
	ck_assert(db_counter_objection_file(w.conn[W_COUNTER], w.token[W_COUNTER], key, id, "张三",
					    "13800000000", "迟到的异议", &outcome, &no,
					    &err) == DB_OK);
	ck_assert_str_eq(outcome, "not_on_notice");
	free(outcome);
	free(no);
	/* dismissed: the next read makes it a provider from the day after */
	db_request_key(key);
	ck_assert(db_objection_decide(w.conn[W_OPERATOR], w.token[W_OPERATOR], key, objection,
				      false, "查无实据", &outcome, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert(db_objection_decide(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], key, objection,
				      false, "", &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "text_needed");
	free(outcome);
	ck_assert(db_objection_decide(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], key, objection,
				      false, "经核查，查无实据", &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	/* the key again: the same decision answers ok, the other is refused */
	ck_assert(db_objection_decide(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], key, objection,
				      false, "经核查，查无实据", &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	ck_assert(db_objection_decide(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], key, objection,
				      true, "经核查，查无实据", &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "key_mismatch");
	free(outcome);
	assert_status(&w, id, "active");
	char *active =
		dbtest_value(w.admin,
			     "SELECT pr.status || ' ' || (pr.active_from = a.notice_until + 1)"
			     " || ' ' || (SELECT string_agg(category, ',' ORDER BY category)"
			     " FROM wc.provider_category c WHERE c.provider_id = pr.id)"
			     " || ' ' || pr.contact_id_masked"
			     " FROM wc.provider_application a JOIN wc.provider pr"
			     " ON pr.id = a.provider_id WHERE a.id = $1",
			     1, p);
	char expect[80];
	snprintf(expect, sizeof(expect), "active true agency,tax %.6s***********%s", contact,
		 contact + 17);
	ck_assert_str_eq(active, expect);
	free(active);
	/* the provider page shows what it was admitted with, and by which application */
	char *prov = dbtest_value(
		w.admin, "SELECT provider_id FROM wc.provider_application WHERE id = $1", 1, p);
	char *app_no =
		dbtest_value(w.admin, "SELECT no FROM wc.provider_application WHERE id = $1", 1, p);
	char *from = dbtest_value(w.admin,
				  "SELECT to_char(notice_until + 1, 'YYYY-MM-DD')"
				  " FROM wc.provider_application WHERE id = $1",
				  1, p);
	struct provider_facts f;
	ck_assert(db_provider_get(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], atoll(prov), &f,
				  &err) == DB_OK);
	ck_assert_str_eq(f.application_no, app_no);
	ck_assert_str_eq(f.kind_name, "企业");
	ck_assert_str_eq(f.legal_rep, "王建国");
	ck_assert_str_eq(f.contact_name, "李晓梅");
	ck_assert_str_eq(f.contact_id_masked, expect + strlen("active true agency,tax "));
	ck_assert_str_eq(f.categories, "财税、业务代理");
	ck_assert_str_eq(f.active_from, from);
	provider_facts_release(&f);
	free(prov);
	free(app_no);
	free(from);

	/* an active provider cannot apply again */
	in.id = 0;
	ck_assert_str_eq(submit(&w, W_OPERATOR, &in, NULL), "already_provider");

	/* the timeline: who did what, in order */
	struct application_event_row *ev = NULL;
	ck_assert(db_application_events(w.conn[W_BUREAU], w.token[W_BUREAU], id, &ev, &n, &err) ==
		  DB_OK);
	const char *const steps[] = { "submit",		"return",
				      "resubmit",	"approve_first",
				      "approve_review", "file",
				      "objection",	"objection_dismissed",
				      "activate" };
	ck_assert_int_eq(n, 9);
	for (int i = 0; i < n; i++)
		ck_assert_str_eq(ev[i].action, steps[i]);
	ck_assert(strstr(ev[2].detail, "营业执照") != NULL);
	ck_assert_str_eq(ev[8].actor, "");
	application_event_rows_free(&ev, n);
	free(until);
	world_close(&w);
}
END_TEST

START_TEST(upheld_objection_refuses)
{
	struct world w;
	struct db_error err = DB_ERROR_INIT;
	char key[37], *outcome = NULL, *no = NULL, s[24];

	world_open(&w);
	long long id = in_state(&w, "notice");
	db_request_key(key);
	ck_assert(db_counter_objection_file(w.conn[W_OTHER_COUNTER], w.token[W_OTHER_COUNTER], key,
					    id, "赵六", "13912345678", "未取得相应资质", &outcome,
					    &no, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	free(no);
	struct objection_row *ob = NULL;
	int n = 0;
	ck_assert(db_application_objections(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], id, &ob,
					    &n, &err) == DB_OK);
	ck_assert_str_eq(ob[0].objector, "赵六"); /* in full for the supervisor */
	long long objection = ob[0].id;
	objection_rows_free(&ob, n);
	db_request_key(key);
	ck_assert(db_objection_decide(w.conn[W_SUPERVISOR], w.token[W_SUPERVISOR], key, objection,
				      true, "经核查，资质证书已过期", &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	assert_status(&w, id, "rejected");
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	dbtest_sql(w.admin,
		   "UPDATE wc.provider_application SET notice_until = wc.today() - 1 WHERE id = $1",
		   1, p);
	free(dbtest_value(w.admin, "SELECT wc_admin.providers_activate()", 0, NULL));
	assert_status(&w, id, "rejected");
	/* refused: the organisation may apply again */
	char *code = field_of(&w, id, "credit_code");
	struct application_input in;
	char c2[19], contact[19], name[64];
	sample(&in, c2, contact, name);
	in.credit_code = code;
	ck_assert_str_eq(submit(&w, W_COUNTER, &in, NULL), "ok");
	free(code);
	world_close(&w);
}
END_TEST

/* The counter files an objection; returns the outcome (static), *no the
 * number when taken. */
static const char *counter_object(struct world *w, long long id, const char *objector,
				  const char *phone, const char *body, char **no)
{
	static char got[32];
	char key[37], *outcome = NULL, *n = NULL;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	ck_assert(db_counter_objection_file(w->conn[W_COUNTER], w->token[W_COUNTER], key, id,
					    objector, phone, body, &outcome, &n, &err) == DB_OK);
	snprintf(got, sizeof(got), "%s", outcome);
	free(outcome);
	if (no)
		*no = n;
	else
		free(n);
	return got;
}

/* The staff (a wc.staff row) signed in with the token, read as the
 * administrator (wc.session_staff is the terminal's own). */
#define STAFF_OF(token)                                                                  \
	"(SELECT st FROM wc.staff st JOIN wc.session ss ON ss.staff_id = st.id"          \
	" WHERE ss.token_hash = wc.token_hash(" token "))"

/* How many of the counter's objection lists (the worklist's 异议待裁定,
 * counted by wc.worklist_objections, and the application queue's list
 * 'objections') hold the application named name. */
static void assert_in_objection_lists(struct world *w, long long id, const char *name, int want)
{
	struct db_error err = DB_ERROR_INIT;
	struct application_row *rows = NULL;
	int n = 0;
	char s[24];

	ck_assert(db_application_queue(w->conn[W_COUNTER], w->token[W_COUNTER], "objections",
				       name, 0, 20, &rows, &n, &err) == DB_OK);
	ck_assert_int_eq(n, want);
	if (want)
		ck_assert_int_eq(rows[0].open_objections, 1);
	application_rows_free(&rows, n);
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { w->token[W_COUNTER], s };
	char *counted = dbtest_value(w->admin,
				     "SELECT count(*) FROM wc.worklist_objections(" STAFF_OF("$1") ") x"
				     " WHERE x = $2::bigint",
				     2, p);
	ck_assert_int_eq(atoi(counted), want);
	free(counted);
}

/* An objection said out loud at a counter: the clerk writes who objects,
 * the telephone to reach them at and what they say; taken only while the
 * notice runs; counted and listed where a kiosk's objection is, audited as
 * the clerk's act, and shown to the operator as taken at the counter. */
START_TEST(counter_takes_an_objection)
{
	struct world w;
	struct db_error err = DB_ERROR_INIT;
	char *no = NULL, s[24];

	world_open(&w);
	long long id = in_state(&w, "notice");
	char *name = field_of(&w, id, "name"), *app_no = field_of(&w, id, "no");
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	assert_in_objection_lists(&w, id, name, 0);

	/* no telephone to reach them at, or not a telephone: refused */
	ck_assert_str_eq(counter_object(&w, id, "王五", "", "该机构并无办公场所", NULL),
			 "bad_phone");
	ck_assert_str_eq(counter_object(&w, id, "王五", "12345", "该机构并无办公场所", NULL),
			 "bad_phone");
	ck_assert_str_eq(counter_object(&w, id, "", "13812345678", "该机构并无办公场所", NULL),
			 "bad_objector");
	ck_assert_str_eq(counter_object(&w, id, "王五", "13812345678", "  ", NULL),
			 "text_needed");
	char *none = dbtest_value(
		w.admin, "SELECT count(*) FROM wc.provider_objection WHERE application_id = $1", 1, p);
	ck_assert_str_eq(none, "0");
	free(none);

	/* a landline with its area code, blanks and all */
	ck_assert_str_eq(counter_object(&w, id, " 王五 ", "0551 6512 3456", "该机构并无办公场所",
					&no),
			 "ok");
	ck_assert(no && strncmp(no, "YY", 2) == 0);
	char *kept = dbtest_value(w.admin,
				  "SELECT o.objector || '/' || o.phone || '/' || o.body || '/' ||"
				  " (o.person_id IS NULL) || '/' || s.display_name"
				  " FROM wc.provider_objection o JOIN wc.staff s ON s.id = o.staff_id"
				  " WHERE o.application_id = $1",
				  1, p);
	const char *tp[] = { w.token[W_COUNTER] };
	char *clerk = dbtest_value(w.admin, "SELECT (" STAFF_OF("$1") ").display_name", 1, tp);
	char want[160];
	snprintf(want, sizeof(want), "王五/055165123456/该机构并无办公场所/true/%s", clerk);
	ck_assert_str_eq(kept, want);
	free(kept);

	/* counted and listed where a kiosk's objection is */
	assert_in_objection_lists(&w, id, name, 1);

	/* the operator sees it masked, as taken at the counter by the clerk */
	struct objection_row *ob = NULL;
	int n = 0;
	ck_assert(db_application_objections(w.conn[W_OPERATOR], w.token[W_OPERATOR], id, &ob, &n,
					    &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(ob[0].no, no);
	ck_assert_str_eq(ob[0].objector, "王*");
	ck_assert(strchr(ob[0].phone, '*') != NULL);
	ck_assert_str_eq(ob[0].body, "该机构并无办公场所");
	ck_assert_str_eq(ob[0].status, "open");
	ck_assert_str_eq(ob[0].taken_by, clerk);
	objection_rows_free(&ob, n);

	/* audited as the clerk's act, and in the application's timeline */
	const char *ap[] = { no, w.token[W_COUNTER] };
	char *audit = dbtest_value(w.admin,
				   "SELECT a.action || '/' || (a.on_behalf_of IS NULL) || '/' ||"
				   " (a.detail ->> 'application') FROM wc.audit a"
				   " WHERE a.object = $1 AND a.staff_id = (" STAFF_OF("$2") ").id",
				   2, ap);
	snprintf(want, sizeof(want), "objection_file/true/%s", app_no);
	ck_assert_str_eq(audit, want);
	free(audit);
	ck_assert(audit_action_word("objection_file") != NULL); /* labelled in the audit log */
	struct application_event_row *ev = NULL;
	ck_assert(db_application_events(w.conn[W_OPERATOR], w.token[W_OPERATOR], id, &ev, &n,
					&err) == DB_OK);
	ck_assert_str_eq(ev[n - 1].action, "objection");
	ck_assert_str_eq(ev[n - 1].actor, clerk);
	application_event_rows_free(&ev, n);

	/* the notice over: no longer taken, at the counter as at a kiosk */
	dbtest_sql(w.admin,
		   "UPDATE wc.provider_application SET notice_until = wc.today() - 1 WHERE id = $1",
		   1, p);
	ck_assert_str_eq(counter_object(&w, id, "赵六", "13912345678", "迟到的异议", NULL),
			 "not_on_notice");
	char key[37], *outcome = NULL, *late = NULL;
	db_request_key(key);
	ck_assert(db_citizen_objection_file(w.kiosk, w.citizen, key, id, "迟到的异议", &outcome,
					    &late, &err) == DB_OK);
	ck_assert_str_eq(outcome, "not_on_notice");
	free(outcome);
	free(late);
	char *one = dbtest_value(
		w.admin, "SELECT count(*) FROM wc.provider_objection WHERE application_id = $1", 1, p);
	ck_assert_str_eq(one, "1");
	free(one);

	free(no);
	free(clerk);
	free(name);
	free(app_no);
	world_close(&w);
}
END_TEST

/* 公示 of five working days counts a make-up Saturday as a working day. */
START_TEST(notice_counts_make_up_saturday)
{
	struct world w;

	world_open(&w);
	char *sat =
		dbtest_value(w.admin,
			     "SELECT (wc.today() + (6 - extract(isodow FROM wc.today())::int + 7)"
			     " % 7 + CASE WHEN extract(isodow FROM wc.today()) = 6 THEN 7 ELSE 0"
			     " END)::text",
			     0, NULL);
	const char *p[] = { sat };
	char *plain =
		dbtest_value(w.admin, "SELECT wc.workdays_after(wc.today(), 5)::text", 0, NULL);
	dbtest_sql(w.admin, "SELECT wc_admin.calendar_set($1::date, true, '测试调休')", 1, p);
	long long id = in_state(&w, "notice");
	char *until = field_of(&w, id, "notice_until");
	char *with =
		dbtest_value(w.admin, "SELECT wc.workdays_after(wc.today(), 5)::text", 0, NULL);
	dbtest_sql(w.admin, "SELECT wc_admin.calendar_set($1::date, false, '测试恢复')", 1, p);
	ck_assert_str_eq(until, with);
	ck_assert_msg(strcmp(with, plain) < 0, "%s not before %s", with, plain);
	free(sat);
	free(plain);
	free(until);
	free(with);
	world_close(&w);
}
END_TEST

START_TEST(bad_input_refused)
{
	struct world w;
	struct application_input in;
	char code[19], contact[19], name[64];

	world_open(&w);
	sample(&in, code, contact, name);
	struct application_input b = in;
	b.conditions[2] = false;
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "conditions");
	b = in;
	b.contact_id = "340104199001011234";
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "bad_id_number");
	b = in;
	b.credit_code = "91340104MA2TEST00X";
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "bad_code");
	b = in;
	b.categories = "{tax,nonsense}";
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "bad_category");
	b = in;
	b.phone = "12345";
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "bad_phone");
	b = in;
	b.material_refs[0] = "line\nbreak";
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "bad_material");
	b = in;
	b.kind = "bank";
	ck_assert_str_eq(submit(&w, W_COUNTER, &b, NULL), "bad_kind");
	ck_assert_str_eq(submit(&w, W_PROVIDER, &in, NULL), "error WC002");
	ck_assert_str_eq(submit(&w, W_SUPERVISOR, &in, NULL), "error WC002");
	world_close(&w);
}
END_TEST

/* A provider of the same name made meanwhile by the administrator: the
 * application stays on notice, and reading applications still works. */
START_TEST(activation_never_breaks_reading)
{
	struct world w;
	struct db_error err = DB_ERROR_INIT;
	char s[24], code[19];

	world_open(&w);
	long long id = in_state(&w, "notice");
	char *name = field_of(&w, id, "name");
	dbtest_credit_code(code);
	const char *q[] = { code, name };
	free(dbtest_value(w.admin,
			  "SELECT wc_admin.provider_add($1, $2, '340104', '蜀山区', '李', '0551')",
			  2, q));
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	dbtest_sql(w.admin,
		   "UPDATE wc.provider_application SET notice_until = wc.today() - 1 WHERE id = $1",
		   1, p);
	struct application_row *rows = NULL;
	int n = 0;
	ck_assert(db_application_queue(w.conn[W_OPERATOR], w.token[W_OPERATOR], "notice", name, 0,
				       20, &rows, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	application_rows_free(&rows, n);
	assert_status(&w, id, "notice");
	free(name);
	world_close(&w);
}
END_TEST

/* wanchuang-admin daily: an application whose notice ended yesterday is
 * a provider after the job, counted, without anyone reading a list. */
START_TEST(daily_activation)
{
	struct world w;
	struct db_error err = DB_ERROR_INIT;
	char s[24];
	long n = 0;

	world_open(&w);
	long long id = in_state(&w, "notice");
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	dbtest_sql(w.admin,
		   "UPDATE wc.provider_application SET notice_until = wc.today() - 1 WHERE id = $1",
		   1, p);
	ck_assert(db_providers_activate(w.admin, &n, &err) == DB_OK);
	ck_assert_int_ge(n, 1);
	assert_status(&w, id, "active");
	/* nothing left to do: a second run activates it no more */
	ck_assert(db_providers_activate(w.admin, &n, &err) == DB_OK);
	assert_status(&w, id, "active");
	ck_assert(db_vouchers_expire(w.admin, &n, &err) == DB_OK);
	ck_assert_int_ge(n, 0);
	world_close(&w);
}
END_TEST

Suite *applications_suite(void)
{
	Suite *s = suite_create("applications");
	TCase *tc = tcase_create("pipeline");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, steps_by_role_and_state);
	tcase_add_test(tc, from_application_to_provider);
	tcase_add_test(tc, upheld_objection_refuses);
	tcase_add_test(tc, counter_takes_an_objection);
	tcase_add_test(tc, notice_counts_make_up_saturday);
	tcase_add_test(tc, bad_input_refused);
	tcase_add_test(tc, activation_never_breaks_reading);
	tcase_add_test(tc, daily_activation);
	suite_add_tcase(s, tc);
	return s;
}
