/*
 * evaluation: the yearly evaluation of the operator (年度运营绩效评价).
 * Targets are the bureau's alone and audited; the marks compare the
 * year's values with the targets the right way (at least for an
 * indicator better higher, at most for one better lower); issuing keeps
 * the values, targets and marks as they stood, and after it nothing of
 * the evaluation, nor the year's targets, changes; roles are refused.
 * Each test takes a year of its own that no evaluation, target or person
 * of the database falls in, so runs against one database never collide.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"

static struct {
	struct db_conn *admin, *desk;
	char *bureau, *supervisor, *operator;
	char year[8];
} w;

static void world_open(void)
{
	memset(&w, 0, sizeof(w));
	w.admin = dbtest_admin();
	w.desk = dbtest_terminal(w.admin, "staff", NULL);
	char *y = dbtest_value(
		w.admin,
		/* a finished year: only such a year is issued */
		"SELECT max(y) FROM generate_series(2000, extract(year FROM wc.today())::int - 1) y"
		" WHERE NOT EXISTS (SELECT 1 FROM wc.evaluation e WHERE e.year = y)"
		" AND NOT EXISTS (SELECT 1 FROM wc.evaluation_target t WHERE t.year = y)"
		" AND NOT EXISTS (SELECT 1 FROM wc.person p WHERE p.registered_at"
		" >= make_date(y, 1, 1) AND p.registered_at < make_date(y + 1, 1, 1))",
		0, NULL);
	ck_assert_ptr_nonnull(y);
	snprintf(w.year, sizeof(w.year), "%s", y);
	free(y);
	w.bureau = dbtest_sign_in(w.admin, w.desk, "bureau", "340000", NULL);
	w.supervisor = dbtest_sign_in(w.admin, w.desk, "supervisor", "340000", NULL);
	w.operator= dbtest_sign_in(w.admin, w.desk, "operator", "340000", NULL);
}

static void world_close(void)
{
	free(w.bureau);
	free(w.supervisor);
	free(w.operator);
	db_conn_free(&w.desk);
	db_conn_free(&w.admin);
}

/* A person of 蜀山区 registered in the middle of the test's year. */
static void person_registered(void)
{
	char id[19];
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	const char *p[] = { person, w.year };
	dbtest_sql(w.admin,
		   "UPDATE wc.person SET registered_at = make_date($2::int, 6, 1) + time '10:00'"
		   " WHERE id = $1::bigint",
		   2, p);
	free(person);
}

/* The call's SQLSTATE, "" when it went through. */
static const char *call(const char *sql, int n, const char *const *p, char state[6])
{
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_exec(w.desk, sql, n, p, NULL, &err);
	snprintf(state, 6, "%s", st == DB_OK ? "" : err.sqlstate);
	db_error_release(&err);
	return state;
}

static const char *target_set(const char *token, const char *code, const char *value, char s[6])
{
	const char *p[] = { token, w.year, code, value };
	return call("SELECT api.evaluation_target_set($1, $2::int, $3, $4::numeric)", 4, p, s);
}

static const char *remark(const char *token, const char *code, const char *text, char s[6])
{
	const char *p[] = { token, w.year, code, text };
	return call("SELECT api.evaluation_remark($1, $2::int, '340104', $3, $4)", 4, p, s);
}

static const char *issue(const char *token, char s[6])
{
	const char *p[] = { token, w.year };
	return call("SELECT * FROM api.evaluation_issue($1, gen_random_uuid(), $2::int, '340104')",
		    2, p, s);
}

/* The call's SQLSTATE and detail ("WC071:year_open"), "" when it went through. */
static const char *call_detail(const char *sql, int n, const char *const *p, char out[40])
{
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_exec(w.desk, sql, n, p, NULL, &err);
	snprintf(out, 40, "%s%s%s", st == DB_OK ? "" : err.sqlstate,
		 st != DB_OK && err.detail ? ":" : "", st != DB_OK && err.detail ? err.detail : "");
	db_error_release(&err);
	return out;
}

/* 签发 with the caller's request key: the outcome ("/replayed" added when
 * the key was seen before), or the SQLSTATE and detail of a refusal. */
static const char *issue_keyed(const char *token, const char *key, const char *area,
			       char out[40])
{
	const char *p[] = { token, key, w.year, area };
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_exec(
		w.desk,
		"SELECT outcome, replayed FROM api.evaluation_issue($1, $2::uuid, $3::int, $4)", 4,
		p, &r, &err);
	if (st == DB_OK) {
		snprintf(out, 40, "%s%s", db_result_get(r, 0, 0),
			 db_result_get(r, 0, 1)[0] == 't' ? "/replayed" : "");
		db_result_free(&r);
	} else {
		snprintf(out, 40, "%s:%s", err.sqlstate, err.detail ? err.detail : "");
	}
	db_error_release(&err);
	return out;
}

/* One indicator's column of the evaluation of 蜀山区 as the supervisor
 * reads it (caller frees; "" for NULL). */
static char *line(const char *token, const char *code, const char *column)
{
	const char *p[] = { token, w.year, code, column };
	char *v = dbtest_value(w.desk,
			       "SELECT coalesce(to_jsonb(e)->>$4, '')"
			       " FROM api.evaluation($1, $2::int, '340104') e WHERE e.code = $3",
			       4, p);
	ck_assert_ptr_nonnull(v);
	return v;
}

static void line_is(const char *token, const char *code, const char *column, const char *want)
{
	char *got = line(token, code, column);
	ck_assert_msg(strcmp(got, want) == 0, "%s's %s: %s, want %s", code, column, got, want);
	free(got);
}

START_TEST(targets_are_the_bureaus_and_audited)
{
	world_open();
	char s[6];
	ck_assert_str_eq(target_set(w.supervisor, "registrations", "5", s), "WC002");
	ck_assert_str_eq(target_set(w.operator, "registrations", "5", s), "WC002");
	ck_assert_str_eq(target_set(w.bureau, "registrations", "5", s), "");
	ck_assert_str_eq(target_set(w.bureau, "registrations", "7", s), "");
	ck_assert_str_eq(target_set(w.bureau, "complaints_redone", "10", s), "");
	/* no better direction, no target; no such indicator; a year not begun */
	ck_assert_str_eq(target_set(w.bureau, "complaints_received", "5", s), "WC071");
	ck_assert_str_eq(target_set(w.bureau, "no_such_figure", "5", s), "WC071");
	const char *p[] = { w.bureau, "registrations", "5" };
	ck_assert_str_eq(call("SELECT api.evaluation_target_set($1, 2999, $2, $3::numeric)", 3, p, s),
			 "WC071");
	/* the comparison follows the indicator's better direction */
	const char *q[] = { w.year };
	char *cmp = dbtest_value(w.admin,
				 "SELECT string_agg(code || '=' || at_most, ' ' ORDER BY code)"
				 " FROM wc.evaluation_target WHERE year = $1::int",
				 1, q);
	ck_assert_str_eq(cmp, "complaints_redone=true registrations=false");
	free(cmp);
	char *audited = dbtest_value(w.admin,
				     "SELECT string_agg(coalesce(detail->>'before', '-') || '>'"
				     " || (detail->>'after'), ' ' ORDER BY id) FROM wc.audit"
				     " WHERE action = 'evaluation_target' AND object = $1"
				     " AND detail->>'indicator' = '新登记人数'",
				     1, q);
	ck_assert_str_eq(audited, "->5 5>7");
	free(audited);
	world_close();
}
END_TEST

START_TEST(marks_compare_the_right_way)
{
	world_open();
	char s[6];
	person_registered(); /* 新登记人数 of the year: 1 */
	ck_assert_str_eq(target_set(w.bureau, "registrations", "2", s), "");
	line_is(w.supervisor, "registrations", "value", "1");
	line_is(w.supervisor, "registrations", "mark", "missed"); /* 1 < at least 2 */
	ck_assert_str_eq(target_set(w.bureau, "registrations", "1", s), "");
	line_is(w.supervisor, "registrations", "mark", "met"); /* 1 >= 1 */
	/* at most: none cancelled against at most 0 is met */
	ck_assert_str_eq(target_set(w.bureau, "bookings_cancelled", "0", s), "");
	line_is(w.supervisor, "bookings_cancelled", "at_most", "true");
	line_is(w.supervisor, "bookings_cancelled", "mark", "met");
	/* a rate of nothing is no value; an indicator without a target says so */
	ck_assert_str_eq(target_set(w.bureau, "complaints_redone", "5", s), "");
	line_is(w.supervisor, "complaints_redone", "mark", "no_value");
	line_is(w.supervisor, "reviews", "mark", "no_target");
	/* the rule itself, both ways, at the edge and past it */
	char *m = dbtest_value(w.admin,
			       "SELECT wc.evaluation_mark(3, 2, true) || wc.evaluation_mark(2, 2, true)"
			       " || wc.evaluation_mark(1, 2, false) || wc.evaluation_mark(2, 2, false)",
			       0, NULL);
	ck_assert_str_eq(m, "missedmetmissedmet");
	free(m);
	world_close();
}
END_TEST

START_TEST(issue_freezes_the_evaluation)
{
	world_open();
	char s[6];
	person_registered();
	ck_assert_str_eq(target_set(w.bureau, "registrations", "1", s), "");
	ck_assert_str_eq(remark(w.supervisor, "registrations", "登记稳定", s), "");
	/* the bureau reads issued evaluations only; the operator none */
	const char *p[] = { w.bureau, w.year };
	const char *read = "SELECT count(*) FROM api.evaluation($1, $2::int, '340104')";
	ck_assert_str_eq(call(read, 2, p, s), "WC071");
	const char *po[] = { w.operator, w.year };
	ck_assert_str_eq(call(read, 2, po, s), "WC002");
	/* not without an overall conclusion; never by the bureau */
	ck_assert_str_eq(issue(w.supervisor, s), "WC071");
	ck_assert_str_eq(remark(w.supervisor, NULL, "总体达到年度目标", s), "");
	ck_assert_str_eq(issue(w.bureau, s), "WC002");
	ck_assert_str_eq(remark(w.bureau, "registrations", "x", s), "WC002");
	ck_assert_str_eq(issue(w.supervisor, s), "");

	/* the facts change after the issue: the evaluation keeps its values */
	person_registered();
	line_is(w.supervisor, "registrations", "value", "1");
	line_is(w.bureau, "registrations", "value", "1");
	line_is(w.bureau, "registrations", "mark", "met");
	line_is(w.bureau, "registrations", "remark", "登记稳定");
	line_is(w.bureau, "registrations", "conclusion", "总体达到年度目标");
	char *now = dbtest_value(w.admin,
				 "SELECT value FROM wc.figure_values(make_date($1::int, 1, 1),"
				 " make_date($1::int + 1, 1, 1), '340104') WHERE code = 'registrations'",
				 1, (const char *const[]){ w.year });
	ck_assert_str_eq(now, "2");
	free(now);
	char *issuer = line(w.bureau, "registrations", "issued_by");
	ck_assert_str_ne(issuer, "");
	free(issuer);

	/* nothing changes after: not the remarks, not a second issue, not the
	 * year's targets, not even the tables written to directly */
	ck_assert_str_eq(remark(w.supervisor, "registrations", "改写", s), "WC071");
	ck_assert_str_eq(remark(w.supervisor, NULL, "改写", s), "WC071");
	char *again = dbtest_value(w.admin, "SELECT gen_random_uuid()", 0, NULL), o[40];
	ck_assert_str_eq(issue_keyed(w.supervisor, again, "340104", o), "already_issued");
	free(again);
	ck_assert_str_eq(target_set(w.bureau, "registrations", "9", s), "WC071");
	ck_assert_str_eq(target_set(w.bureau, "reviews", "9", s), "WC071");
	struct db_error err = DB_ERROR_INIT;
	const char *q[] = { w.year };
	ck_assert_int_eq(db_exec(w.admin,
				 "UPDATE wc.evaluation_line l SET value = 99 FROM wc.evaluation e"
				 " WHERE e.id = l.evaluation_id AND e.year = $1::int",
				 1, q, NULL, &err),
			 DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC071");
	db_error_release(&err);
	ck_assert_int_eq(db_exec(w.admin, "DELETE FROM wc.evaluation WHERE year = $1::int", 1, q,
				 NULL, &err),
			 DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC071");
	db_error_release(&err);

	/* issued and exported, each audited */
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.audit WHERE action = 'evaluation_issue'"
			       " AND object = '340104' AND detail->>'year' = $1 AND detail->>'met' = '1'",
			       1, q);
	ck_assert_str_eq(n, "1");
	free(n);
	ck_assert_str_eq(call("SELECT count(*) FROM api.evaluation_export($1, $2::int, '340104')",
			      2, p, s),
			 "");
	n = dbtest_value(w.admin,
			 "SELECT count(*) FROM wc.audit a JOIN wc.staff st ON st.id = a.staff_id"
			 " WHERE a.action = 'evaluation_export' AND a.object = '340104'"
			 " AND st.role = 'bureau' AND a.detail->>'period_start' = $1 || '-01-01'"
			 " AND (a.detail->>'rows')::int = (SELECT count(*) FROM wc.indicator)",
			 1, q);
	ck_assert_str_eq(n, "1");
	free(n);
	world_close();
}
END_TEST

/* An answer lost on the way is asked again with the same key and gets
 * ok, nothing done twice; another request on the issued evaluation gets
 * already_issued; the key sent again for another area, key_mismatch. */
START_TEST(issue_is_answered_once)
{
	world_open();
	char s[6], o[40];
	ck_assert_str_eq(remark(w.supervisor, NULL, "总体达标", s), "");
	char *k1 = dbtest_value(w.admin, "SELECT gen_random_uuid()", 0, NULL);
	char *k2 = dbtest_value(w.admin, "SELECT gen_random_uuid()", 0, NULL);
	ck_assert_str_eq(issue_keyed(w.supervisor, k1, "340104", o), "ok");
	ck_assert_str_eq(issue_keyed(w.supervisor, k1, "340104", o), "ok/replayed");
	ck_assert_str_eq(issue_keyed(w.supervisor, k2, "340104", o), "already_issued");
	ck_assert_str_eq(issue_keyed(w.supervisor, k1, "340102", o), "key_mismatch");
	ck_assert_str_eq(issue_keyed(w.bureau, k2, "340104", o), "WC002:");
	const char *q[] = { w.year };
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.audit WHERE action = 'evaluation_issue'"
			       " AND object = '340104' AND detail->>'year' = $1",
			       1, q);
	ck_assert_str_eq(n, "1");
	free(n);
	free(k1);
	free(k2);
	world_close();
}
END_TEST

/* Each remark and the conclusion audited with the text before and after;
 * saving the same text again changes nothing and is not. */
START_TEST(remarks_are_audited)
{
	world_open();
	char s[6];
	const char *q[] = { w.year };
	ck_assert_str_eq(remark(w.supervisor, "registrations", "登记稳定", s), "");
	ck_assert_str_eq(remark(w.supervisor, "registrations", "登记平稳", s), "");
	ck_assert_str_eq(remark(w.supervisor, "registrations", "登记平稳", s), "");
	ck_assert_str_eq(remark(w.supervisor, NULL, "总体达标", s), "");
	char *audited = dbtest_value(
		w.admin,
		"SELECT string_agg(a.action || ':' || coalesce(a.detail->>'indicator', '-') || ':'"
		" || (a.detail->>'before') || '>' || (a.detail->>'after'), ' ' ORDER BY a.id)"
		" FROM wc.audit a JOIN wc.staff st ON st.id = a.staff_id"
		" WHERE a.action IN ('evaluation_remark', 'evaluation_conclusion')"
		" AND a.object = '340104' AND a.detail->>'year' = $1 AND st.role = 'supervisor'",
		1, q);
	ck_assert_str_eq(audited, "evaluation_remark:新登记人数:>登记稳定"
				  " evaluation_remark:新登记人数:登记稳定>登记平稳"
				  " evaluation_conclusion:-:>总体达标");
	free(audited);
	world_close();
}
END_TEST

/* The year evaluated is a finished one: this year's draft is written and
 * read, but not issued until the year has ended. */
START_TEST(open_year_is_not_issued)
{
	world_open();
	char s[6], d[40];
	char *now = dbtest_value(w.admin, "SELECT extract(year FROM wc.today())::int", 0, NULL);
	const char *p[] = { w.supervisor, now };
	const char *conclude = "SELECT api.evaluation_remark($1, $2::int, '340104', NULL, '年内')";
	ck_assert_str_eq(call(conclude, 2, p, s), "");
	ck_assert_str_eq(call_detail("SELECT * FROM api.evaluation_issue($1, gen_random_uuid(),"
				     " $2::int, '340104')",
				     2, p, d),
			 "WC071:year_open");
	const char *q[] = { now };
	char *issued = dbtest_value(w.admin,
				    "SELECT count(*) FROM wc.evaluation WHERE year = $1::int"
				    " AND area = '340104' AND issued_at IS NOT NULL",
				    1, q);
	ck_assert_str_eq(issued, "0");
	free(issued);
	free(now);
	world_close();
}
END_TEST

Suite *evaluation_suite(void)
{
	Suite *s = suite_create("evaluation");
	TCase *t = tcase_create("evaluation");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, targets_are_the_bureaus_and_audited);
	tcase_add_test(t, marks_compare_the_right_way);
	tcase_add_test(t, issue_freezes_the_evaluation);
	tcase_add_test(t, remarks_are_audited);
	tcase_add_test(t, open_year_is_not_issued);
	tcase_add_test(t, issue_is_answered_once);
	suite_add_tcase(s, t);
	return s;
}
