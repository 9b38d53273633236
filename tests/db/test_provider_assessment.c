/*
 * assessment: 服务商考核 (Art. 24). Facts of a new provider are planted
 * in and around one year (bookings, reviews, complaints, forwardings
 * answered in time, late, or not at all), the figures the plan gives are
 * counted here in C from the plan itself, and api.provider_assessment
 * must give the same; the mark follows the thresholds; a provider with
 * no facts has no mark; the roles that may not read it are refused, an
 * export is audited, and the operator alone writes a remark, audited. Each run adds providers of its own, so runs
 * against one database never collide.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

#define YEAR "2025"

/* Local (Asia/Shanghai) times: the year is decided by their first four
 * characters, here as in the office. */
static const struct {
	const char *created;
	const char *status;
} bookings[] = {
	{ "2024-12-31 23:30", "completed" }, /* the year before, by the local day */
	{ "2025-01-01 00:30", "completed" }, { "2025-03-03 10:00", "completed" },
	{ "2025-06-01 10:00", "cancelled" }, { "2025-07-01 10:00", "no_show" },
	{ "2025-09-01 10:00", "completed" }, { "2025-12-31 23:30", "booked" },
	{ "2026-01-01 00:10", "completed" }, /* the year after */
};
enum { NBOOKINGS = sizeof(bookings) / sizeof(bookings[0]) };

/* reviews of the bookings above, by index */
static const struct {
	int booking;
	int stars;
	const char *status;
	const char *published;
} reviews[] = {
	{ 0, 1, "published", "2024-12-31 12:00" }, { 1, 5, "published", "2025-01-02 10:00" },
	{ 2, 4, "published", "2025-03-04 10:00" }, { 5, 4, "published", "2025-09-02 10:00" },
	{ 4, 1, "held", "2025-07-02 10:00" },
};
enum { NREVIEWS = sizeof(reviews) / sizeof(reviews[0]) };

static const char *const complaints_filed[] = { "2024-11-01 10:00", "2025-02-01 10:00",
						"2025-05-01 10:00" };
enum { NCOMPLAINTS = sizeof(complaints_filed) / sizeof(complaints_filed[0]) };

/* forwardings to the provider, of the complaint by index; answered NULL:
 * never. March 2025 has no holiday and no make-up working day. */
static const struct {
	int complaint;
	const char *day;
	int limit;
	const char *answered;
} forwards[] = {
	{ 1, "2025-03-03", 2, "2025-03-04" }, { 1, "2025-03-03", 2, "2025-03-10" },
	{ 2, "2025-03-03", 5, NULL },	      { 2, "2025-03-03", 5, "2025-03-07" },
	{ 0, "2024-12-02", 2, NULL }, /* the year before */
};
enum { NFORWARDS = sizeof(forwards) / sizeof(forwards[0]) };

static bool in_year(const char *local)
{
	return strncmp(local, YEAR, 4) == 0;
}

/* Weekday of a date (0 Sunday), Sakamoto's method. */
static int weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	y -= m < 3;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Working days in (from, to] and the limit-th working day after from,
 * within one month of March 2025: Monday to Friday. */
static int workdays_between(const char *from, const char *to)
{
	int n = 0;
	for (int d = atoi(from + 8) + 1; d <= atoi(to + 8); d++)
		n += weekday(2025, 3, d) % 6 != 0;
	return n;
}

static int due_day(const char *from, int limit)
{
	int d = atoi(from + 8);
	while (limit > 0) {
		d++;
		limit -= weekday(2025, 3, d) % 6 != 0;
	}
	return d;
}

struct expected {
	int made, completed, reviews, complaints, forwarded, on_time, counted;
	char completion[16], stars[16], rate[16], days[16], mark[16];
};

/* The figures the plan gives, counted without the database. */
static void expected_count(struct expected *e)
{
	int stars = 0, days = 0, answered = 0;

	memset(e, 0, sizeof(*e));
	for (int i = 0; i < NBOOKINGS; i++)
		if (in_year(bookings[i].created)) {
			e->made++;
			e->completed += strcmp(bookings[i].status, "completed") == 0;
		}
	for (int i = 0; i < NREVIEWS; i++)
		if (in_year(reviews[i].published) && strcmp(reviews[i].status, "published") == 0) {
			e->reviews++;
			stars += reviews[i].stars;
		}
	for (int i = 0; i < NCOMPLAINTS; i++)
		e->complaints += in_year(complaints_filed[i]);
	for (int i = 0; i < NFORWARDS; i++) {
		if (!in_year(forwards[i].day))
			continue;
		e->forwarded++;
		e->counted++; /* every due day of the plan has passed */
		if (forwards[i].answered) {
			answered++;
			days += workdays_between(forwards[i].day, forwards[i].answered);
			e->on_time += atoi(forwards[i].answered + 8) <=
				      due_day(forwards[i].day, forwards[i].limit);
		}
	}
	double completion = 100.0 * e->completed / e->made;
	double avg = (double)stars / e->reviews;
	double rate = 100.0 * e->on_time / e->counted;
	snprintf(e->completion, sizeof(e->completion), "%.1f", completion);
	snprintf(e->stars, sizeof(e->stars), "%.2f", avg);
	snprintf(e->rate, sizeof(e->rate), "%.1f", rate);
	snprintf(e->days, sizeof(e->days), "%.1f", (double)days / answered);
	/* the thresholds of migration 0055: 80 %, 4 stars, 90 % */
	snprintf(e->mark, sizeof(e->mark), "%s",
		 completion < 80 || avg < 4 || rate < 90 ? "fail" : "pass");
}

static struct {
	struct db_conn *admin, *desk;
	char *operator, *supervisor, *bureau, *counter, *provider_staff;
	char provider[24], idle[24];
} w;

static char *provider_made(const char *prefix, int seq)
{
	char cc[19], name[64];
	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "%s%d-%u-%d", prefix, (int)getpid(), dbtest_salt(), seq);
	const char *p[] = { cc, name };
	dbtest_sql(w.admin, "SELECT wc_admin.provider_add($1, $2, '340104', '', '王', '0551')", 2,
		   p);
	return dbtest_value(w.admin,
			    "UPDATE wc.provider SET created_at = '2024-06-01 10:00+08'"
			    " WHERE credit_code = $1 RETURNING id::text",
			    1, p);
}

static void facts_planted(void)
{
	char id[19], no[48];
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	const char *pp[] = { w.provider };
	char *service = dbtest_value(
		w.admin,
		"SELECT wc_admin.service_add('KH' || $1 || '-' || (random() * 1e9)::bigint,"
		" credit_code, '考核测试', 'guidance', false, false, 0, false, '340104', '',"
		" '蜀山区', '0551', 24) FROM wc.provider WHERE id = $1::bigint",
		1, pp);
	char *booking[NBOOKINGS];
	for (int i = 0; i < NBOOKINGS; i++) {
		snprintf(no, sizeof(no), "KH%d-%u-%d", (int)getpid(), dbtest_salt(), i);
		const char *p[] = { service, person, no, bookings[i].created, bookings[i].status };
		booking[i] = dbtest_value(
			w.admin,
			"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity,"
			" taken) VALUES ($1, ($4::timestamp AT TIME ZONE 'Asia/Shanghai')"
			" + interval '1 day', ($4::timestamp AT TIME ZONE 'Asia/Shanghai')"
			" + interval '25 hours', 1, 1) RETURNING id)"
			" INSERT INTO wc.booking (no, person_id, slot_id, service_id, status,"
			" price_fen, created_at, closed_at) SELECT $3, $2, sl.id, $1, $5, 0,"
			" $4::timestamp AT TIME ZONE 'Asia/Shanghai', CASE WHEN $5 <> 'booked' THEN"
			" ($4::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '2 days' END"
			" FROM sl RETURNING id",
			5, p);
	}
	for (int i = 0; i < NREVIEWS; i++) {
		char stars[8];
		snprintf(stars, sizeof(stars), "%d", reviews[i].stars);
		const char *p[] = { booking[reviews[i].booking], stars, reviews[i].status,
				    reviews[i].published };
		dbtest_sql(w.admin,
			   "INSERT INTO wc.review (booking_id, person_id, service_id, provider_id,"
			   " stars, status, created_at, published_at, request_key)"
			   " SELECT b.id, b.person_id, b.service_id, s.provider_id, $2::smallint, $3,"
			   " $4::timestamp AT TIME ZONE 'Asia/Shanghai', CASE WHEN $3 = 'published'"
			   " THEN $4::timestamp AT TIME ZONE 'Asia/Shanghai' END, gen_random_uuid()"
			   " FROM wc.booking b JOIN wc.service s ON s.id = b.service_id"
			   " WHERE b.id = $1::bigint",
			   4, p);
	}
	/* the sums the review functions keep: other tests check them */
	dbtest_sql(w.admin,
		   "WITH sv AS (UPDATE wc.service s SET (rating_sum, rating_count) ="
		   "   (SELECT coalesce(sum(r.stars), 0), count(*) FROM wc.review r"
		   "     WHERE r.service_id = s.id AND r.status = 'published')"
		   "  WHERE s.provider_id = $1::bigint)"
		   " UPDATE wc.provider p SET (rating_sum, rating_count) ="
		   "   (SELECT coalesce(sum(r.stars), 0), count(*) FROM wc.review r"
		   "     WHERE r.provider_id = p.id AND r.status = 'published')"
		   "  WHERE p.id = $1::bigint",
		   1, pp);
	char *complaint[NCOMPLAINTS];
	for (int i = 0; i < NCOMPLAINTS; i++) {
		snprintf(no, sizeof(no), "KT%d-%u-%d", (int)getpid(), dbtest_salt(), i);
		const char *p[] = { no, person, w.provider, complaints_filed[i] };
		complaint[i] = dbtest_value(
			w.admin,
			"INSERT INTO wc.complaint (no, person_id, against, provider_id, category,"
			" body, county_code, city_code, status, created_at, request_key)"
			" SELECT $1, p.id, 'provider', $3::bigint, 'other', '考核测试',"
			" p.county_code, r.parent, 'handling',"
			" $4::timestamp AT TIME ZONE 'Asia/Shanghai', gen_random_uuid()"
			" FROM wc.person p JOIN wc.region r ON r.code = p.county_code"
			" WHERE p.id = $2::bigint RETURNING id",
			4, p);
	}
	for (int i = 0; i < NFORWARDS; i++) {
		char limit[8];
		snprintf(limit, sizeof(limit), "%d", forwards[i].limit);
		const char *p[] = { complaint[forwards[i].complaint], forwards[i].day, limit,
				    w.provider, forwards[i].answered };
		dbtest_sql(w.admin,
			   "WITH f AS (INSERT INTO wc.complaint_event (complaint_id, day, action,"
			   " status_after, visible, body) VALUES ($1, $2::date, 'forward',"
			   " 'handling', false, '请说明') RETURNING id),"
			   " a AS (INSERT INTO wc.complaint_event (complaint_id, day, action,"
			   " status_after, visible, body) SELECT $1, $5::date, 'explain', 'handling',"
			   " false, '说明' WHERE $5 IS NOT NULL RETURNING id)"
			   " INSERT INTO wc.complaint_forward (complaint_id, to_kind, provider_id, day,"
			   " limit_days, forward_event, answer_event) SELECT $1, 'provider',"
			   " $4::bigint, $2::date, $3::int, f.id, (SELECT id FROM a) FROM f",
			   5, p);
	}
	for (int i = 0; i < NBOOKINGS; i++)
		free(booking[i]);
	for (int i = 0; i < NCOMPLAINTS; i++)
		free(complaint[i]);
	free(service);
	free(person);
}

static void world_open(void)
{
	static int seq;

	memset(&w, 0, sizeof(w));
	w.admin = dbtest_admin();
	w.desk = dbtest_terminal(w.admin, "staff", NULL);
	char *p = provider_made("考核测试服务商", ++seq);
	snprintf(w.provider, sizeof(w.provider), "%s", p);
	free(p);
	p = provider_made("考核无数据服务商", ++seq);
	snprintf(w.idle, sizeof(w.idle), "%s", p);
	free(p);
	w.operator= dbtest_sign_in(w.admin, w.desk, "operator", "340000", NULL);
	w.supervisor = dbtest_sign_in(w.admin, w.desk, "supervisor", "340000", NULL);
	w.bureau = dbtest_sign_in(w.admin, w.desk, "bureau", "340000", NULL);
	w.counter = dbtest_sign_in(w.admin, w.desk, "counter", "340104", NULL);
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

/* One column of a provider's row as token reads it ("" for NULL; NULL
 * when the row is missing). Caller frees. */
static char *column(const char *token, const char *provider, const char *name)
{
	const char *p[] = { token, provider, name };
	return dbtest_value(w.desk,
			    "SELECT coalesce(to_jsonb(a)->>$3, '')"
			    " FROM api.provider_assessment($1, " YEAR ", '340000') a"
			    " WHERE a.provider_id = $2::bigint",
			    3, p);
}

static void column_is(const char *provider, const char *name, const char *want)
{
	char *got = column(w.operator, provider, name);
	ck_assert_msg(got && strcmp(got, want) == 0, "%s: %s, want %s", name,
		      got ? got : "(no row)", want);
	free(got);
}

static void int_is(const char *provider, const char *name, int want)
{
	char s[16];
	snprintf(s, sizeof(s), "%d", want);
	column_is(provider, name, s);
}

START_TEST(figures_counted_from_the_facts)
{
	struct expected e;

	world_open();
	facts_planted();
	expected_count(&e);
	int_is(w.provider, "made", e.made);
	int_is(w.provider, "completed", e.completed);
	column_is(w.provider, "completion", e.completion);
	int_is(w.provider, "reviews", e.reviews);
	column_is(w.provider, "stars", e.stars);
	int_is(w.provider, "complaints", e.complaints);
	int_is(w.provider, "forwarded", e.forwarded);
	int_is(w.provider, "answered_on_time", e.on_time);
	int_is(w.provider, "answered_counted", e.counted);
	column_is(w.provider, "answered_rate", e.rate);
	column_is(w.provider, "response_days", e.days);
	column_is(w.provider, "mark", e.mark);

	/* nothing of its own: no figure, no mark */
	int_is(w.idle, "made", 0);
	column_is(w.idle, "completion", "");
	column_is(w.idle, "stars", "");
	column_is(w.idle, "answered_rate", "");
	column_is(w.idle, "mark", "no_data");
	world_close();
}
END_TEST

/* The call's SQLSTATE, "" when it went through. */
static void state_is(const char *token, const char *sql, const char *want)
{
	struct db_error err = DB_ERROR_INIT;
	const char *p[] = { token };
	enum db_status st = db_exec(w.desk, sql, 1, p, NULL, &err);
	ck_assert_msg(strcmp(st == DB_OK ? "" : err.sqlstate, want) == 0, "%s: %s, want %s", sql,
		      st == DB_OK ? "ok" : err.sqlstate, want);
	db_error_release(&err);
}

START_TEST(readers_and_the_audited_export)
{
	world_open();
	const char *sql = "SELECT count(*) FROM api.provider_assessment($1, " YEAR ", '340000')";
	state_is(w.operator, sql, "");
	state_is(w.supervisor, sql, "");
	state_is(w.bureau, sql, "");
	state_is(w.counter, sql, "WC002");
	/* a year not begun has nothing to assess */
	state_is(w.operator, "SELECT count(*) FROM api.provider_assessment($1, 2999, '340000')",
		 "WC071");

	static const char audited[] =
		"SELECT count(*) FROM wc.audit a JOIN wc.staff st ON st.id = a.staff_id"
		" WHERE a.action = 'provider_assessment_export' AND st.role = 'supervisor'"
		" AND a.object = '340000' AND a.detail->>'period_start' = '" YEAR "-01-01'";
	char *before = dbtest_value(w.admin, audited, 0, NULL);
	const char *p[] = { w.supervisor };
	char *rows = dbtest_value(w.desk,
				  "SELECT count(*) FROM api.provider_assessment_export($1, " YEAR
				  ", '340000')",
				  1, p);
	ck_assert_int_gt(atoi(rows), 1);
	char *after = dbtest_value(w.admin, audited, 0, NULL);
	ck_assert_int_eq(atoi(after), atoi(before) + 1);
	free(after);
	free(rows);
	free(before);
	world_close();
}
END_TEST

/* The operator's remark on a provider's year: shown, exported, removed
 * when emptied, each change audited; no one else writes it. */
START_TEST(remark_is_the_operators_and_audited)
{
	world_open();
	const char *p[] = { w.operator, w.provider, "需提高完成率" };
	const char *sup[] = { w.supervisor, w.provider, "x" };
	struct db_error err = DB_ERROR_INIT;
	static const char sql[] = "SELECT api.provider_assessment_remark($1, " YEAR
				  ", $2::bigint, $3)";

	ck_assert_int_eq(db_exec(w.desk, sql, 3, sup, NULL, &err), DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	column_is(w.provider, "remark", "");
	ck_assert_int_eq(db_exec(w.desk, sql, 3, p, NULL, &err), DB_OK);
	column_is(w.provider, "remark", "需提高完成率");
	column_is(w.idle, "remark", "");
	const char *q[] = { w.provider };
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.audit a JOIN wc.provider pr ON pr.name = a.object"
			       " WHERE a.action = 'provider_assessment_remark' AND pr.id = $1::bigint"
			       " AND a.detail->>'year' = '" YEAR "' AND a.detail->>'before' IS NULL"
			       " AND a.detail->>'after' = '需提高完成率'",
			       1, q);
	ck_assert_str_eq(n, "1");
	free(n);
	const char *clear[] = { w.operator, w.provider, "  " };
	ck_assert_int_eq(db_exec(w.desk, sql, 3, clear, NULL, &err), DB_OK);
	column_is(w.provider, "remark", "");
	n = dbtest_value(w.admin,
			 "SELECT count(*) FROM wc.provider_assessment_remark WHERE provider_id = $1::bigint",
			 1, q);
	ck_assert_str_eq(n, "0");
	free(n);
	world_close();
}
END_TEST

Suite *assessment_suite(void)
{
	Suite *s = suite_create("assessment");
	TCase *t = tcase_create("assessment");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, figures_counted_from_the_facts);
	tcase_add_test(t, readers_and_the_audited_export);
	tcase_add_test(t, remark_is_the_operators_and_audited);
	suite_add_tcase(s, t);
	return s;
}
