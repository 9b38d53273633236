/*
 * assessment_issue: 服务商考核签发 and its thresholds. The operator issues
 * a year ended of an area with a request key: the same key sent again is
 * answered ok, nothing done twice; another key already_issued; the key
 * sent for another area key_mismatch; a year not ended is refused. Once
 * issued, the year and area show the rows kept at issue — facts planted
 * after change nothing there, while an area not issued counts them —
 * and the provider's remark of the year no longer changes. The bureau
 * alone sets the thresholds, each checked and audited before and after;
 * a year issued keeps those it was issued with (that test runs in a
 * transaction rolled back, so that no other test sees them changed).
 * Each test takes last year of a county no other test assesses, removing
 * the issues of tests before, and a provider of its own.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"
#include "dbtest_ids.h"

#define COUNTY "341882" /* 广德市: no other test assesses there */
#define CITY "341800"

static struct {
	struct db_conn *admin, *desk;
	char *operator, * supervisor, *bureau, *counter;
	char year[8], provider[24], service[24];
} w;

static void world_open(void)
{
	char cc[19], name[64];

	memset(&w, 0, sizeof(w));
	w.admin = dbtest_admin();
	w.desk = dbtest_terminal(w.admin, "staff", NULL);
	/* last year, the county's issues of runs before removed past the
	 * database's own rights (an issue is kept as made) */
	dbtest_sql(w.admin, "SET session_replication_role = replica", 0, NULL);
	dbtest_sql(
		w.admin,
		"DELETE FROM wc.provider_assessment_issued r USING wc.provider_assessment_issue i"
		" WHERE i.id = r.issue_id AND i.area = '" COUNTY "'",
		0, NULL);
	dbtest_sql(w.admin, "DELETE FROM wc.provider_assessment_issue WHERE area = '" COUNTY "'", 0,
		   NULL);
	dbtest_sql(w.admin, "RESET session_replication_role", 0, NULL);
	char *y = dbtest_value(w.admin, "SELECT extract(year FROM wc.today())::int - 1", 0, NULL);
	snprintf(w.year, sizeof(w.year), "%s", y);
	free(y);
	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "签发测试服务商%d-%u", (int)getpid(), dbtest_salt());
	const char *p[] = { cc, name, w.year };
	dbtest_sql(w.admin, "SELECT wc_admin.provider_add($1, $2, '" COUNTY "', '', '王', '0563')",
		   2, p);
	char *id = dbtest_value(w.admin,
				"UPDATE wc.provider SET created_at = make_date($3::int, 1, 1)"
				" WHERE credit_code = $1 AND name = $2 RETURNING id::text",
				3, p);
	snprintf(w.provider, sizeof(w.provider), "%s", id);
	free(id);
	char *sv = dbtest_value(
		w.admin,
		"SELECT wc_admin.service_add('QF' || $1 || '-' || (random() * 1e9)::bigint, $1,"
		" '签发测试', 'guidance', false, false, 0, false, '" COUNTY "', '', '广德市',"
		" '0563', 24)",
		1, p);
	snprintf(w.service, sizeof(w.service), "%s", sv);
	free(sv);
	w.operator= dbtest_sign_in(w.admin, w.desk, "operator", "340000", NULL);
	w.supervisor = dbtest_sign_in(w.admin, w.desk, "supervisor", "340000", NULL);
	w.bureau = dbtest_sign_in(w.admin, w.desk, "bureau", "340000", NULL);
	w.counter = dbtest_sign_in(w.admin, w.desk, "counter", COUNTY, NULL);
}

static void world_close(void)
{
	free(w.operator);
	free(w.supervisor);
	free(w.bureau);
	free(w.counter);
	db_conn_free(&w.desk);
	db_conn_free(&w.admin);
}

/* n bookings of the provider by a person of the county, made on the 1st
 * of month of the test's year, in status. */
static void bookings_planted(int n, int month, const char *status)
{
	char ns[8], ms[8];
	snprintf(ns, sizeof(ns), "%d", n);
	snprintf(ms, sizeof(ms), "%d", month);
	char *person = dbtest_person(w.admin, "{}", "intending", (char[19]){ 0 });
	const char *pp[] = { person };
	/* a person of the county, so that no other area's figures see these */
	dbtest_sql(w.admin, "UPDATE wc.person SET county_code = '" COUNTY "' WHERE id = $1::bigint",
		   1, pp);
	const char *q[] = { w.service, ns, ms, status, w.year, person };
	dbtest_sql(w.admin,
		   "WITH t AS (SELECT make_timestamptz($5::int, $3::int, 1, 8, 0, 0,"
		   "   'Asia/Shanghai') + g * interval '1 hour' AS at, g FROM generate_series(1, "
		   "$2::int) g),"
		   " sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)"
		   "   SELECT s.id, t.at + interval '1 day', t.at + interval '25 hours', 1, 1"
		   "   FROM t, wc.service s WHERE s.id = $1::bigint RETURNING id, service_id, "
		   "starts_at)"
		   " INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen,"
		   "   created_at, closed_at)"
		   " SELECT 'QF' || sl.id, $6::bigint, sl.id, sl.service_id, $4, 0,"
		   "   sl.starts_at - interval '1 day', CASE WHEN $4 <> 'booked'"
		   "   THEN sl.starts_at + interval '1 day' END FROM sl",
		   6, q);
	free(person);
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

/* 签发 with the request key: the outcome ("/replayed" when the key was
 * seen before), or the SQLSTATE and detail of a refusal. */
static const char *issue(const char *token, const char *key, const char *year, const char *area,
			 char out[40])
{
	const char *p[] = { token, key, year, area };
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_exec(w.desk,
				    "SELECT outcome, replayed FROM"
				    " api.provider_assessment_issue($1, $2::uuid, $3::int, $4)",
				    4, p, &r, &err);
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

/* The provider's row of the year and area as token reads it (to_jsonb),
 * NULL when it has none. export: through the export. Caller frees. */
static char *row_of(const char *token, const char *area, bool export)
{
	const char *p[] = { token, w.year, area, w.provider };
	return dbtest_value(w.desk,
			    export ? "SELECT to_jsonb(a)::text FROM"
				     " api.provider_assessment_export($1, $2::int, $3) a"
				     " WHERE a.provider_id = $4::bigint"
				   : "SELECT to_jsonb(a)::text FROM"
				     " api.provider_assessment($1, $2::int, $3) a"
				     " WHERE a.provider_id = $4::bigint",
			    4, p);
}

/* One field of that row ("" for NULL). */
static char *field_of(const char *token, const char *area, const char *name)
{
	const char *p[] = { token, w.year, area, w.provider, name };
	return dbtest_value(w.desk,
			    "SELECT coalesce(to_jsonb(a)->>$5, '') FROM"
			    " api.provider_assessment($1, $2::int, $3) a"
			    " WHERE a.provider_id = $4::bigint",
			    5, p);
}

static void field_is(const char *token, const char *area, const char *name, const char *want)
{
	char *got = field_of(token, area, name);
	ck_assert_msg(got && strcmp(got, want) == 0, "%s of %s: %s, want %s", name, area,
		      got ? got : "(no row)", want);
	free(got);
}

/* call_detail within a transaction, undone after (a savepoint): a
 * refusal leaves the transaction usable, and what a refusal that failed
 * let through is not kept. */
static const char *undone(const char *sql, int n, const char *const *p, char out[40])
{
	dbtest_sql(w.desk, "SAVEPOINT undone", 0, NULL);
	call_detail(sql, n, p, out);
	dbtest_sql(w.desk, "ROLLBACK TO SAVEPOINT undone", 0, NULL);
	return out;
}

/* The audit rows of the action on the area and year since mark (an
 * audit id). */
static char *audited(const char *action, const char *area, const char *mark)
{
	const char *p[] = { action, area, w.year, mark };
	return dbtest_value(w.admin,
			    "SELECT count(*) FROM wc.audit WHERE action = $1 AND object = $2"
			    " AND detail->>'year' = $3 AND id > $4::bigint",
			    4, p);
}

/* The same key sent again is answered ok, nothing done twice; another
 * request on the issued year gets already_issued; the key sent again for
 * another area, key_mismatch; no role but the operator's issues. */
START_TEST(issue_is_answered_once)
{
	char o[40], k1[37], k2[37];

	world_open();
	char *mark = dbtest_value(w.admin, "SELECT coalesce(max(id), 0) FROM wc.audit", 0, NULL);
	db_request_key(k1);
	db_request_key(k2);
	ck_assert_str_eq(issue(w.supervisor, k1, w.year, COUNTY, o), "WC002:");
	ck_assert_str_eq(issue(w.bureau, k1, w.year, COUNTY, o), "WC002:");
	ck_assert_str_eq(issue(w.counter, k1, w.year, COUNTY, o), "WC002:");
	ck_assert_str_eq(issue(w.operator, k1, w.year, COUNTY, o), "ok");
	ck_assert_str_eq(issue(w.operator, k1, w.year, COUNTY, o), "ok/replayed");
	ck_assert_str_eq(issue(w.operator, k2, w.year, COUNTY, o), "already_issued");
	ck_assert_str_eq(issue(w.operator, k1, w.year, CITY, o), "key_mismatch");
	char *n = audited("provider_assessment_issue", COUNTY, mark);
	ck_assert_str_eq(n, "1");
	free(n);
	free(mark);
	const char *p[] = { w.year };
	n = dbtest_value(w.admin,
			 "SELECT count(*) FROM wc.provider_assessment_issue"
			 " WHERE year = $1::int AND area = '" COUNTY "'",
			 1, p);
	ck_assert_str_eq(n, "1");
	free(n);
	world_close();
}
END_TEST

/* This year is read as it goes, but not issued until it has ended. */
START_TEST(open_year_is_not_issued)
{
	char o[40], k[37], this_year[8];

	world_open();
	char *y = dbtest_value(w.admin, "SELECT extract(year FROM wc.today())::int", 0, NULL);
	snprintf(this_year, sizeof(this_year), "%s", y);
	free(y);
	db_request_key(k);
	ck_assert_str_eq(issue(w.operator, k, this_year, COUNTY, o), "WC071:year_open");
	ck_assert_str_eq(issue(w.operator, k, "2999", COUNTY, o), "WC071:year");
	const char *p[] = { this_year };
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.provider_assessment_issue"
			       " WHERE year = $1::int AND area = '" COUNTY "'",
			       1, p);
	ck_assert_str_eq(n, "0");
	free(n);
	world_close();
}
END_TEST

/* Issued, the year and area show what was kept: facts planted after
 * change nothing there (the city, not issued, counts them), the export
 * is the same, the supervisor and the bureau read the same with the
 * issue's day and issuer, and the remark no longer changes. */
START_TEST(issue_keeps_the_snapshot)
{
	char o[40], k[37], s[40];

	world_open();
	bookings_planted(2, 3, "completed");
	bookings_planted(1, 5, "cancelled");
	const char *rp[] = { w.operator, w.year, w.provider, "完成率偏低" };
	static const char remark_sql[] =
		"SELECT api.provider_assessment_remark($1, $2::int, $3::bigint, $4)";
	ck_assert_str_eq(call_detail(remark_sql, 4, rp, s), "");
	field_is(w.operator, COUNTY, "completion", "66.7");
	field_is(w.operator, COUNTY, "mark", "fail");
	db_request_key(k);
	ck_assert_str_eq(issue(w.operator, k, w.year, COUNTY, o), "ok");
	char *kept = row_of(w.operator, COUNTY, false);
	ck_assert_ptr_nonnull(kept);

	/* three more completed after the issue: 5 of 6, 83.3 %, passing */
	bookings_planted(3, 9, "completed");
	field_is(w.operator, CITY, "completion", "83.3");
	field_is(w.operator, CITY, "mark", "pass");
	const char *readers[] = { w.operator, w.supervisor, w.bureau };
	for (int i = 0; i < 3; i++) {
		char *now = row_of(readers[i], COUNTY, false);
		ck_assert_msg(now && strcmp(now, kept) == 0, "after new facts: %s, issued %s",
			      now ? now : "(no row)", kept);
		free(now);
	}
	char *exported = row_of(w.supervisor, COUNTY, true);
	ck_assert_msg(exported && strcmp(exported, kept) == 0, "exported %s, issued %s",
		      exported ? exported : "(no row)", kept);
	free(exported);
	field_is(w.bureau, COUNTY, "remark", "完成率偏低");

	/* the head: issued, by whom, when */
	const char *hp[] = { w.bureau, w.year };
	char *head = dbtest_value(
		w.desk,
		"SELECT (issued_at IS NOT NULL)::text || '/' || coalesce(issued_by, '')"
		" FROM api.provider_assessment_state($1, $2::int, '" COUNTY "')",
		2, hp);
	ck_assert_str_eq(head, "true/测试人员");
	free(head);
	head = dbtest_value(w.desk,
			    "SELECT (issued_at IS NULL)::text"
			    " FROM api.provider_assessment_state($1, $2::int, '" CITY "')",
			    2, hp);
	ck_assert_str_eq(head, "true");
	free(head);

	/* the remark of the provider's year is kept: not changed, not removed */
	const char *again[] = { w.operator, w.year, w.provider, "改写" };
	ck_assert_str_eq(call_detail(remark_sql, 4, again, s), "WC071:assessment_issued");
	const char *clear[] = { w.operator, w.year, w.provider, "" };
	ck_assert_str_eq(call_detail(remark_sql, 4, clear, s), "WC071:assessment_issued");
	field_is(w.operator, CITY, "remark", "完成率偏低");
	free(kept);
	world_close();
}
END_TEST

/* The bureau's thresholds, in a transaction rolled back: each checked,
 * the change audited before and after; the draft of the city is marked
 * against the new ones, the issued county keeps those it was issued
 * with; no other role sets them. */
START_TEST(thresholds_are_the_bureaus)
{
	char o[40], k[37], s[40];

	world_open();
	bookings_planted(2, 3, "completed");
	bookings_planted(1, 5, "cancelled");
	db_request_key(k);
	ck_assert_str_eq(issue(w.operator, k, w.year, COUNTY, o), "ok");
	static const char head_sql[] = "SELECT completion || '/' || stars || '/' || answered"
				       " FROM api.provider_assessment_state($1, $2::int, $3)";
	const char *hc[] = { w.bureau, w.year, COUNTY };
	char *issued_with = dbtest_value(w.desk, head_sql, 3, hc);
	ck_assert_ptr_nonnull(issued_with);

	/* from here on in a transaction rolled back: whatever a refusal that
	 * failed let through, no other test sees */
	dbtest_sql(w.desk, "BEGIN", 0, NULL);
	static const char set_sql[] =
		"SELECT api.provider_assessment_thresholds_set($1, $2::numeric, $3::numeric,"
		" $4::numeric)";
	const char *bad[][4] = {
		{ w.bureau, "100.1", "4", "90" }, { w.bureau, "-1", "4", "90" },
		{ w.bureau, "80.05", "4", "90" }, { w.bureau, "80", "0.5", "90" },
		{ w.bureau, "80", "5.01", "90" }, { w.bureau, "80", "4.125", "90" },
		{ w.bureau, "80", "4", "101" },	  { w.bureau, "80", "4", NULL },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strcmp(undone(set_sql, 4, bad[i], s), "WC072:threshold") == 0,
			      "%s/%s/%s: %s", bad[i][1], bad[i][2], bad[i][3] ? bad[i][3] : "NULL",
			      s);
	const char *others[] = { w.operator, w.supervisor, w.counter };
	for (int i = 0; i < 3; i++) {
		const char *p[] = { others[i], "60", "4.25", "85.5" };
		ck_assert_str_eq(undone(set_sql, 4, p, s), "WC002");
	}

	const char *good[] = { w.bureau, "60", "4.25", "85.5" };
	ck_assert_str_eq(call_detail(set_sql, 4, good, s), "");
	const char *tp[] = { w.bureau };
	char *now = dbtest_value(w.desk,
				 "SELECT completion || '/' || stars || '/' || answered"
				 " FROM api.provider_assessment_thresholds($1)",
				 1, tp);
	ck_assert_str_eq(now, "60/4.25/85.5");
	free(now);
	const char *hy[] = { w.bureau, w.year, CITY };
	now = dbtest_value(w.desk, head_sql, 3, hy);
	ck_assert_str_eq(now, "60/4.25/85.5");
	free(now);
	/* 2 of 3 completed: 66.7 % passes 60 % in the draft, not in the issue */
	field_is(w.bureau, CITY, "mark", "pass");
	field_is(w.bureau, COUNTY, "mark", "fail");
	now = dbtest_value(w.desk, head_sql, 3, hc);
	ck_assert_str_eq(now, issued_with);
	free(now);
	char *audit = dbtest_value(
		w.desk,
		"SELECT (detail::jsonb->'after')::text FROM api.audit_list($1,"
		" 'provider_assessment_thresholds', NULL, NULL, 50) a WHERE a.at = now()"
		" AND detail::jsonb ? 'before'",
		1, tp);
	ck_assert_ptr_nonnull(audit);
	ck_assert_str_eq(audit, "{\"stars\": 4.25, \"answered\": 85.5, \"completion\": 60}");
	free(audit);
	dbtest_sql(w.desk, "ROLLBACK", 0, NULL);
	free(issued_with);
	world_close();
}
END_TEST

Suite *assessment_issue_suite(void)
{
	Suite *s = suite_create("assessment_issue");
	TCase *t = tcase_create("assessment_issue");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, issue_is_answered_once);
	tcase_add_test(t, open_year_is_not_issued);
	tcase_add_test(t, issue_keeps_the_snapshot);
	tcase_add_test(t, thresholds_are_the_bureaus);
	suite_add_tcase(s, t);
	return s;
}
