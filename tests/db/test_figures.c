/*
 * figures: every indicator of api.figures equals a count made here, in C,
 * from the facts this test writes (people, bookings, voucher entries,
 * complaints with their events, reviews, providers and sanctions, policy
 * lookups and matches, take-downs), in a year no other row of the
 * database falls in (or the year before), so other tests' rows never
 * count. A search and a match leave their fact, and nothing of who or
 * what. Who may see which area; the rows behind 按期办结率 and the
 * bookings, with names masked; exports audited.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbtest.h"

/* --- the facts, as data ---------------------------------------------------- */

/* Days are "MM-DD HH:MM" in the test's year, Asia/Shanghai. */
static const struct {
	const char *county, *registered;
} persons[] = {
	{ "341502", "03-03 10:00" },
	{ "341502", "03-31 23:30" }, /* the last half hour of March, Shanghai time */
	{ "341503", "04-01 00:10" }, /* April */
	{ "340104", "03-10 09:00" }, /* another city */
};
enum { NPERSONS = sizeof(persons) / sizeof(persons[0]) };

static const struct {
	int person;
	const char *created, *status, *closed; /* closed NULL: still booked */
} bookings[] = {
	{ 0, "03-02 09:00", "completed", "03-05 10:00" },
	{ 1, "03-03 09:00", "cancelled", "03-04 10:00" },
	{ 0, "03-20 09:00", "no_show", "04-02 10:00" },
	{ 2, "03-25 09:00", "booked", NULL },
	{ 0, "02-10 09:00", "completed", "02-12 10:00" },
	{ 3, "03-05 09:00", "completed", "03-06 10:00" },
};
enum { NBOOKINGS = sizeof(bookings) / sizeof(bookings[0]) };

/* One voucher each for persons 0, 1 and 3. */
static const struct {
	int person;
	const char *issued;
	long face;
} vouchers[] = {
	{ 0, "03-02 08:00", 100000 },
	{ 1, "02-15 08:00", 50000 },
	{ 3, "03-02 08:00", 70000 },
};
enum { NVOUCHERS = sizeof(vouchers) / sizeof(vouchers[0]) };

static const struct {
	int voucher;
	const char *at, *kind;
	long available, held;
} entries[] = {
	{ 0, "03-02 08:00", "issue", 100000, 0 },	{ 0, "03-02 09:00", "hold", -30000, 30000 },
	{ 0, "03-05 10:00", "redeem", 0, -30000 },	{ 0, "03-20 09:00", "hold", -20000, 20000 },
	{ 1, "02-15 08:00", "issue", 50000, 0 },	{ 1, "02-20 09:00", "hold", -10000, 10000 },
	{ 1, "03-10 09:00", "release", 10000, -10000 }, { 1, "03-31 23:00", "expire", -50000, 0 },
	{ 2, "03-02 08:00", "issue", 70000, 0 },	{ 2, "03-06 10:00", "hold", -7000, 7000 },
	{ 2, "03-06 11:00", "redeem", 0, -7000 },
	/* released after March: held at its end, and nothing held for good
	 * (a hold is a booked booking's, which these vouchers have not) */
	{ 0, "04-03 09:00", "release", 20000, -20000 },
};
enum { NENTRIES = sizeof(entries) / sizeof(entries[0]) };

/*
 * Complaints, their events on days counted from the first Monday of
 * March (d). Time limits (the settings shipped): 2 working days to
 * decide, 15 to reply, 3 from the reply to the follow-up or closing.
 * The test's year has no holidays loaded, so working days are Monday to
 * Friday. late: a step ran over, as worked out beside each.
 */
static const struct {
	int person;
	const char *events; /* "action d [rating]" joined by ';' */
	bool late_accept, late;
} complaints[] = {
	/* all in time: decided the next day, replied in a week, closed 2 days later */
	{ 0, "file 0;accept 1;reply 7;rate 8 satisfied;close 9", false, false },
	/* decided on Friday, due Wednesday: late; then redone after 不满意 */
	{ 0, "file 0;accept 4;reply 7;rate 8 unsatisfied;reply 9;rate 10 basically;close 11", true,
	  true },
	/* replied Tuesday (+8), closing due Friday (+11), closed Monday (+14): late */
	{ 1, "file 1;accept 2;reply 8;close 14", false, true },
	/* never decided: its time to decide is long past */
	{ 1, "file 2", true, false },
	/* another city */
	{ 3, "file 0;accept 1;reply 7;close 9", false, false },
};
enum { NCOMPLAINTS = sizeof(complaints) / sizeof(complaints[0]) };

/* Reviews of bookings: published ones count; the taken-down one does not. */
static const struct {
	int booking, stars;
	const char *status, *published;
} reviews[] = {
	{ 0, 5, "published", "03-06 10:00" },
	{ 4, 2, "published", "03-07 10:00" },
	{ 5, 1, "published", "03-08 10:00" },
	{ 1, 1, "taken_down", "03-09 10:00" },
};
enum { NREVIEWS = sizeof(reviews) / sizeof(reviews[0]) };

/* Policy lookups and matches (wc.policy_use); county NULL: no area known,
 * counted for the province only. */
static const struct {
	const char *county, *at, *kind;
	int results;
} uses[] = {
	{ "341502", "03-03 10:00", "search", 5 }, { "341502", "03-31 23:30", "search", 0 },
	{ "341503", "04-01 00:10", "search", 2 }, { NULL, "03-04 10:00", "search", 1 },
	{ "340104", "03-10 09:00", "match", 3 },  { "341502", "03-11 09:00", "match", 0 },
	{ "341503", "03-12 09:00", "match", 4 },  { "341502", "02-12 09:00", "match", 1 },
	{ NULL, "03-13 09:00", "match", 2 },
};
enum { NUSES = sizeof(uses) / sizeof(uses[0]) };

/* Take-downs: the taken-down review (its provider is of 341502), and texts
 * of the first provider (341502) and the second (340104). */
static const struct {
	const char *what, *county, *at;
} takedowns[] = {
	{ "review", "341502", "03-09 11:00" },
	{ "title", "341502", "03-16 10:00" },
	{ "address", "341502", "02-16 10:00" },
	{ "phone", "340104", "03-17 10:00" },
};
enum { NTAKEDOWNS = sizeof(takedowns) / sizeof(takedowns[0]) };

/* The indicators of wc.indicator, each a line of api.figures. */
enum { NFIGURES = 28 };

/* --- the world -------------------------------------------------------------- */

static struct {
	struct db_conn *admin, *desk;
	int year;
	int monday; /* the first Monday of March */
	char *person[NPERSONS];
	char *booking[NBOOKINGS];
	char booking_no[NBOOKINGS][32];
	char complaint_no[NCOMPLAINTS][32];
	char *bureau;
} w;

static int seq;

static bool in_area(const char *county, const char *area)
{
	if (strcmp(area, "340000") == 0 || strcmp(county, area) == 0)
		return true;
	return strcmp(area + 4, "00") == 0 && strncmp(county, area, 4) == 0;
}

/* "YYYY-MM-DD HH:MM:00+08" of a test day. */
static void stamp(char out[32], const char *day)
{
	snprintf(out, 32, "%04d-%.5s %.5s:00+08", w.year, day, day + 6);
}

static int month_of(const char *day)
{
	return atoi(day);
}

static bool is_workday(int yday_from_monday)
{
	int dow = yday_from_monday % 7; /* 0 is a Monday */
	return dow < 5;
}

/* The event's date, "YYYY-03-DD" plus d days (the first Monday is at most the 7th). */
static void event_day(char out[16], int d)
{
	struct tm t = {
		.tm_year = w.year - 1900, .tm_mon = 2, .tm_mday = w.monday + d, .tm_hour = 12
	};
	timegm(&t);
	strftime(out, 16, "%Y-%m-%d", &t);
}

static void world_facts(void)
{
	char id_number[19], t[32], t2[32];

	for (int i = 0; i < NPERSONS; i++) {
		w.person[i] = dbtest_person(w.admin, "{}", "intending", id_number);
		stamp(t, persons[i].registered);
		const char *p[] = { w.person[i], persons[i].county, t };
		dbtest_sql(w.admin,
			   "UPDATE wc.person SET county_code = $2, registered_at = $3::timestamptz"
			   " WHERE id = $1::bigint",
			   3, p);
	}

	char cc[19], cc2[19], name[64], name2[64], code[48];
	dbtest_credit_code(cc);
	dbtest_credit_code(cc2);
	snprintf(name, sizeof(name), "统计测试服务商%d-%d", (int)getpid(), ++seq);
	snprintf(name2, sizeof(name2), "统计测试服务商%d-%d", (int)getpid(), ++seq);
	snprintf(code, sizeof(code), "FG%d-%d", (int)getpid(), ++seq);
	stamp(t, "03-15 10:00");
	const char *pa[] = { cc, name, cc2, name2, t };
	dbtest_sql(w.admin, "SELECT wc_admin.provider_add($1, $2, '341502', '', '王', '0564')", 2,
		   pa);
	dbtest_sql(w.admin,
		   "SELECT wc_admin.provider_add($3, $4, '340104', '', '李', '0551')"
		   " WHERE $1 <> $2",
		   4, pa);
	dbtest_sql(w.admin,
		   "UPDATE wc.provider SET created_at = $5::timestamptz"
		   " WHERE credit_code IN ($1, $3) AND $2 <> $4",
		   5, pa);
	/* suspended twice in March: one provider */
	stamp(t, "03-20 10:00");
	stamp(t2, "03-22 10:00");
	const char *ps[] = { cc, t, t2 };
	dbtest_sql(
		w.admin,
		"INSERT INTO wc.provider_sanction (provider_id, at, staff_id, kind, reason,"
		" status_before, status_after, request_key)"
		" SELECT p.id, d::timestamptz, (SELECT min(id) FROM wc.staff), 'suspend', '测试',"
		" 'active', 'suspended', gen_random_uuid()"
		" FROM wc.provider p, unnest(ARRAY[$2, $3]) d WHERE p.credit_code = $1",
		3, ps);
	const char *sv[] = { code, cc };
	char *service =
		dbtest_value(w.admin,
			     "SELECT wc_admin.service_add($1, $2, '创业指导', 'guidance', false,"
			     " false, 0, false, '341502', '', '金安区', '0564', 24)",
			     2, sv);

	for (int i = 0; i < NBOOKINGS; i++) {
		snprintf(w.booking_no[i], sizeof(w.booking_no[i]), "YY%d%04d", (int)getpid(),
			 ++seq);
		stamp(t, bookings[i].created);
		if (bookings[i].closed)
			stamp(t2, bookings[i].closed);
		const char *p[] = {
			service, w.person[bookings[i].person], w.booking_no[i],
			t,	 bookings[i].status,	       bookings[i].closed ? t2 : NULL
		};
		w.booking[i] = dbtest_value(
			w.admin,
			"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, "
			"capacity, taken)"
			" VALUES ($1, $4::timestamptz + interval '1 day', $4::timestamptz"
			" + interval '25 hours', 1, 1) RETURNING id)"
			" INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, "
			"price_fen,"
			" created_at, closed_at) SELECT $3, $2, sl.id, $1, $5, 0, $4::timestamptz,"
			" $6::timestamptz FROM sl RETURNING id",
			6, p);
	}

	char *voucher[NVOUCHERS];
	for (int i = 0; i < NVOUCHERS; i++) {
		char vno[32], face[24];
		snprintf(vno, sizeof(vno), "QV%d%04d", (int)getpid(), ++seq);
		snprintf(face, sizeof(face), "%ld", vouchers[i].face);
		stamp(t, vouchers[i].issued);
		const char *p[] = { code, vno, w.person[vouchers[i].person], face, t };
		voucher[i] = dbtest_value(w.admin,
					  "WITH g AS (INSERT INTO wc.voucher_programme (code, "
					  "name, face_fen, valid_months,"
					  " categories) VALUES ($1 || '-' || $2, '统计测试', "
					  "$4::bigint, 12, '{guidance}')"
					  " RETURNING id)"
					  " INSERT INTO wc.voucher (no, programme_id, person_id, "
					  "county_code, face_fen,"
					  " categories, issued_at, valid_until, balance_fen)"
					  " SELECT $2, g.id, p.id, p.county_code, $4::bigint, "
					  "'{guidance}', $5::timestamptz,"
					  " $5::date + 365, 0 FROM g, wc.person p WHERE p.id = "
					  "$3::bigint RETURNING id",
					  5, p);
	}
	for (int i = 0; i < NENTRIES; i++) {
		char a[24], h[24];
		snprintf(a, sizeof(a), "%ld", entries[i].available);
		snprintf(h, sizeof(h), "%ld", entries[i].held);
		stamp(t, entries[i].at);
		const char *p[] = { voucher[entries[i].voucher], t, entries[i].kind, a, h };
		dbtest_sql(w.admin,
			   "INSERT INTO wc.voucher_entry (voucher_id, at, kind, available_delta,"
			   " held_delta) VALUES ($1, $2::timestamptz, $3, $4::bigint, $5::bigint)",
			   5, p);
	}
	/* the balances the ledger gives, as the voucher functions keep them:
	 * other tests check every voucher in the database against its ledger */
	for (int i = 0; i < NVOUCHERS; i++) {
		const char *p[] = { voucher[i] };
		dbtest_sql(w.admin,
			   "UPDATE wc.voucher v SET balance_fen = s.a, held_fen = s.h"
			   "  FROM (SELECT sum(available_delta) AS a, sum(held_delta) AS h"
			   "          FROM wc.voucher_entry WHERE voucher_id = $1::bigint) s"
			   " WHERE v.id = $1::bigint",
			   1, p);
		free(voucher[i]);
	}

	for (int i = 0; i < NREVIEWS; i++) {
		char stars[8];
		snprintf(stars, sizeof(stars), "%d", reviews[i].stars);
		stamp(t, reviews[i].published);
		const char *p[] = { w.booking[reviews[i].booking], stars, reviews[i].status, t };
		dbtest_sql(
			w.admin,
			"INSERT INTO wc.review (booking_id, person_id, service_id, provider_id, "
			"stars,"
			" status, created_at, published_at, request_key)"
			" SELECT b.id, b.person_id, b.service_id, s.provider_id, $2::smallint, $3,"
			" $4::timestamptz, $4::timestamptz, gen_random_uuid()"
			" FROM wc.booking b JOIN wc.service s ON s.id = b.service_id"
			" WHERE b.id = $1::bigint",
			4, p);
		/* the sums the review functions keep: other tests check them */
		dbtest_sql(w.admin,
			   "WITH b AS (SELECT b.service_id, s.provider_id FROM wc.booking b"
			   "           JOIN wc.service s ON s.id = b.service_id WHERE b.id = $1::bigint),"
			   " sv AS (UPDATE wc.service s SET (rating_sum, rating_count) ="
			   "   (SELECT coalesce(sum(r.stars), 0), count(*) FROM wc.review r"
			   "     WHERE r.service_id = s.id AND r.status = 'published')"
			   "   FROM b WHERE s.id = b.service_id)"
			   " UPDATE wc.provider p SET (rating_sum, rating_count) ="
			   "   (SELECT coalesce(sum(r.stars), 0), count(*) FROM wc.review r"
			   "     WHERE r.provider_id = p.id AND r.status = 'published')"
			   "   FROM b WHERE p.id = b.provider_id",
			   1, p);
	}

	for (int i = 0; i < NCOMPLAINTS; i++) {
		char *events = xstrdup(complaints[i].events), *save = NULL;
		char status[16] = "submitted", satisfaction[16] = "", first[16] = "";
		snprintf(w.complaint_no[i], sizeof(w.complaint_no[i]), "TS%d%04d", (int)getpid(),
			 ++seq);
		const char *pc[] = { w.complaint_no[i], w.person[complaints[i].person] };
		char *id = dbtest_value(
			w.admin,
			"INSERT INTO wc.complaint (no, person_id, against, category, body, "
			"county_code,"
			" city_code, request_key) SELECT $1, p.id, 'platform', 'other', '统计测试',"
			" p.county_code, r.parent, gen_random_uuid() FROM wc.person p"
			" JOIN wc.region r ON r.code = p.county_code WHERE p.id = $2::bigint "
			"RETURNING id",
			2, pc);
		for (char *e = strtok_r(events, ";", &save); e; e = strtok_r(NULL, ";", &save)) {
			char action[16], rating[16] = "", day[16];
			int d;
			ck_assert(sscanf(e, "%15s %d %15s", action, &d, rating) >= 2);
			event_day(day, d);
			if (!*first)
				snprintf(first, sizeof(first), "%s", day);
			if (strcmp(action, "accept") == 0)
				strcpy(status, "accepted");
			else if (strcmp(action, "reply") == 0)
				strcpy(status, "replied");
			else if (strcmp(action, "close") == 0)
				strcpy(status, "closed");
			else if (strcmp(action, "rate") == 0) {
				strcpy(satisfaction, rating);
				if (strcmp(rating, "unsatisfied") == 0)
					strcpy(status, "redo");
			}
			const char *pe[] = { id, action, day, rating, status };
			dbtest_sql(w.admin,
				   "INSERT INTO wc.complaint_event (complaint_id, at, day, action,"
				   " status_after, visible, rating) VALUES ($1, ($3::date + time "
				   "'10:00')"
				   " AT TIME ZONE 'Asia/Shanghai', $3::date, $2, $5, true, "
				   "nullif($4, ''))",
				   5, pe);
		}
		const char *pu[] = { id, status, satisfaction, first };
		dbtest_sql(w.admin,
			   "UPDATE wc.complaint SET status = $2, satisfaction = nullif($3, ''),"
			   " created_at = ($4::date + time '10:00') AT TIME ZONE 'Asia/Shanghai'"
			   " WHERE id = $1::bigint",
			   4, pu);
		free(id);
		free(events);
	}

	for (int i = 0; i < NUSES; i++) {
		char n[16];
		snprintf(n, sizeof(n), "%d", uses[i].results);
		stamp(t, uses[i].at);
		const char *p[] = { t, uses[i].kind, uses[i].county, n };
		dbtest_sql(w.admin,
			   "INSERT INTO wc.policy_use (at, kind, county_code, results)"
			   " VALUES ($1::timestamptz, $2, $3, $4::int)",
			   4, p);
	}
	for (int i = 0; i < NTAKEDOWNS; i++) {
		stamp(t, takedowns[i].at);
		const char *p[] = { t, takedowns[i].what, strcmp(takedowns[i].county, "341502") == 0 ? cc : cc2,
				    service };
		if (strcmp(takedowns[i].what, "review") == 0) {
			/* approved first: only the take-down counts */
			dbtest_sql(w.admin,
				   "INSERT INTO wc.review_event (review_id, at, staff_id, action,"
				   " status_before, request_key)"
				   " SELECT r.id, $1::timestamptz - k * interval '1 hour',"
				   " (SELECT min(id) FROM wc.staff), a, 'published', gen_random_uuid()"
				   " FROM wc.review r, (VALUES (0, 'take_down'), (1, 'approve')) x (k, a)"
				   " WHERE r.status = 'taken_down' AND r.service_id = $4::bigint"
				   " AND $2 <> $3",
				   4, p);
			continue;
		}
		dbtest_sql(w.admin,
			   "INSERT INTO wc.content_takedown (at, staff_id, provider_id, service_id,"
			   " field, original, hits, reason, request_key)"
			   " SELECT $1::timestamptz, (SELECT min(id) FROM wc.staff), p.id,"
			   " CASE WHEN $2 = 'title' THEN $4::bigint END, $2, '统计测试', '{}',"
			   " '统计测试', gen_random_uuid() FROM wc.provider p WHERE p.credit_code = $3",
			   4, p);
	}
	free(service);
}

static void world_open(void)
{
	memset(&w, 0, sizeof(w));
	w.admin = dbtest_admin();
	w.desk = dbtest_terminal(w.admin, "staff", NULL);
	/* two years before any fact of the database: no other row counts, not
	 * even in the money still held at a period's end, which adds up every
	 * voucher entry before it */
	char *y = dbtest_value(
		w.admin,
		"SELECT least(2000, min(y)) - 2 FROM (SELECT extract(year FROM min(t))::int AS y"
		" FROM (SELECT min(registered_at) AS t FROM wc.person"
		" UNION ALL SELECT min(created_at) FROM wc.booking"
		" UNION ALL SELECT min(closed_at) FROM wc.booking"
		" UNION ALL SELECT min(issued_at) FROM wc.voucher"
		" UNION ALL SELECT min(at) FROM wc.voucher_entry"
		" UNION ALL SELECT min(created_at) FROM wc.complaint"
		" UNION ALL SELECT min(published_at) FROM wc.review"
		" UNION ALL SELECT min(at) FROM wc.provider_sanction"
		" UNION ALL SELECT min(created_at) FROM wc.provider"
		" UNION ALL SELECT min(at) FROM wc.policy_use"
		" UNION ALL SELECT min(at) FROM wc.review_event"
		" UNION ALL SELECT min(at) FROM wc.content_takedown) f) m",
		0, NULL);
	ck_assert_ptr_nonnull(y);
	w.year = atoi(y);
	free(y);
	struct tm t = { .tm_year = w.year - 1900, .tm_mon = 2, .tm_mday = 1, .tm_hour = 12 };
	timegm(&t);
	w.monday = 1 + (8 - t.tm_wday) % 7;
	/* numbers and names unique in the database: each test is a child
	 * process of its own, starting from the same seq */
	seq = (w.year % 1000) * 1000;
	w.bureau = dbtest_sign_in(w.admin, w.desk, "bureau", "340000", NULL);
	world_facts();
}

static void world_close(void)
{
	for (int i = 0; i < NPERSONS; i++)
		free(w.person[i]);
	for (int i = 0; i < NBOOKINGS; i++)
		free(w.booking[i]);
	free(w.bureau);
	db_conn_free(&w.admin);
	db_conn_free(&w.desk);
}

/* --- the count made here ----------------------------------------------------- */

struct expect {
	double registrations, made, completed, cancelled, no_show;
	double issued, issued_fen, redeemed, redeemed_fen, expired, expired_fen, held_fen;
	double received, accepted_on_time, closed, closed_on_time, satisfied, redone, workdays;
	double reviews, stars, admitted, suspended, removed;
	double searches, matches, matches_found, takedowns;
};

/* Working days in (from, to], days counted from the first Monday. */
static int workdays(int from, int to)
{
	int n = 0;
	for (int d = from + 1; d <= to; d++)
		n += is_workday(d);
	return n;
}

static int event_at(const char *events, const char *action, bool last)
{
	int found = -1;
	for (const char *p = events; (p = strstr(p, action)); p++) {
		if (p != events && p[-1] != ';')
			continue;
		found = atoi(p + strlen(action));
		if (!last)
			break;
	}
	return found;
}

/* The month m (1-12) of the test's year, in the area. */
static struct expect expect_month(int m, const char *area)
{
	struct expect e = { 0 };
	for (int i = 0; i < NPERSONS; i++)
		e.registrations +=
			month_of(persons[i].registered) == m && in_area(persons[i].county, area);
	for (int i = 0; i < NBOOKINGS; i++) {
		if (!in_area(persons[bookings[i].person].county, area))
			continue;
		e.made += month_of(bookings[i].created) == m;
		if (bookings[i].closed && month_of(bookings[i].closed) == m) {
			e.completed += strcmp(bookings[i].status, "completed") == 0;
			e.cancelled += strcmp(bookings[i].status, "cancelled") == 0;
			e.no_show += strcmp(bookings[i].status, "no_show") == 0;
		}
	}
	for (int i = 0; i < NVOUCHERS; i++)
		if (month_of(vouchers[i].issued) == m &&
		    in_area(persons[vouchers[i].person].county, area)) {
			e.issued++;
			e.issued_fen += vouchers[i].face;
		}
	for (int i = 0; i < NENTRIES; i++) {
		if (!in_area(persons[vouchers[entries[i].voucher].person].county, area))
			continue;
		int em = month_of(entries[i].at);
		if (em <= m)
			e.held_fen += entries[i].held;
		if (em != m)
			continue;
		if (strcmp(entries[i].kind, "redeem") == 0) {
			e.redeemed++;
			e.redeemed_fen -= entries[i].held;
		} else if (strcmp(entries[i].kind, "expire") == 0) {
			e.expired++;
			e.expired_fen -= entries[i].available;
		}
	}
	/* every complaint event falls in March (the first Monday + at most 14 days) */
	double decided_or_due = 0, on_time = 0, closed_in_time = 0, rated = 0, satisfied = 0,
	       redone = 0, days = 0;
	for (int i = 0; m == 3 && i < NCOMPLAINTS; i++) {
		if (!in_area(persons[complaints[i].person].county, area))
			continue;
		const char *ev = complaints[i].events;
		e.received++;
		decided_or_due++; /* decided, or its two days long past */
		on_time += !complaints[i].late_accept;
		int closed = event_at(ev, "close", true);
		if (closed < 0)
			continue;
		e.closed++;
		closed_in_time += !complaints[i].late;
		days += workdays(event_at(ev, "file", false), closed);
		redone += strstr(ev, "unsatisfied") != NULL;
		/* the last rating stands; none: not rated, left out */
		const char *rate = NULL;
		for (const char *r = ev; (r = strstr(r, "rate ")); r++)
			rate = r;
		if (rate) {
			rated++;
			satisfied += strncmp(strchr(rate + 5, ' ') + 1, "unsatisfied", 11) != 0;
		}
	}
	e.accepted_on_time = decided_or_due ? 100.0 * on_time / decided_or_due : -1;
	e.closed_on_time = e.closed ? 100.0 * closed_in_time / e.closed : -1;
	e.satisfied = rated ? 100.0 * satisfied / rated : -1;
	e.redone = e.closed ? 100.0 * redone / e.closed : -1;
	e.workdays = e.closed ? days / e.closed : -1;
	double stars = 0;
	for (int i = 0; i < NREVIEWS; i++)
		if (strcmp(reviews[i].status, "published") == 0 &&
		    month_of(reviews[i].published) == m &&
		    in_area(persons[bookings[reviews[i].booking].person].county, area)) {
			e.reviews++;
			stars += reviews[i].stars;
		}
	e.stars = e.reviews ? stars / e.reviews : -1;
	e.admitted = m == 3 && in_area("341502", area); /* and one of 340104 */
	e.admitted += m == 3 && in_area("340104", area);
	e.suspended = m == 3 && in_area("341502", area);
	e.removed = 0;
	for (int i = 0; i < NUSES; i++) {
		if (month_of(uses[i].at) != m ||
		    !(uses[i].county ? in_area(uses[i].county, area) : strcmp(area, "340000") == 0))
			continue;
		if (strcmp(uses[i].kind, "search") == 0) {
			e.searches++;
		} else {
			e.matches++;
			e.matches_found += uses[i].results > 0;
		}
	}
	for (int i = 0; i < NTAKEDOWNS; i++)
		e.takedowns += month_of(takedowns[i].at) == m && in_area(takedowns[i].county, area);
	return e;
}

/* --- reading api.figures ------------------------------------------------------ */

static struct db_result *figures(const char *token, const char *kind, const char *start,
				 const char *area, struct db_error *err)
{
	struct db_result *r = NULL;
	const char *p[] = { token, kind, start, area };
	if (db_exec(w.desk, "SELECT code, value, previous FROM api.figures($1, $2, $3::date, $4)",
		    4, p, &r, err) != DB_OK)
		return NULL;
	return r;
}

static void check_value(const struct db_result *r, int col, const char *code, double want)
{
	for (int i = 0; i < db_result_rows(r); i++) {
		if (strcmp(db_result_get(r, i, 0), code) != 0)
			continue;
		const char *v = db_result_get(r, i, col);
		if (want < 0) {
			ck_assert_msg(v == NULL, "%s: %s where nothing to count", code, v);
		} else {
			ck_assert_msg(v != NULL, "%s: NULL, want %.2f", code, want);
			double got = atof(v);
			/* rates are rounded to 0.1, stars to 0.01 */
			ck_assert_msg(got > want - 0.051 && got < want + 0.051, "%s: %s, want %.2f",
				      code, v, want);
		}
		return;
	}
	ck_abort_msg("%s: not among the figures", code);
}

static void check_month(int m, const char *area)
{
	struct db_error err = DB_ERROR_INIT;
	char start[16];
	snprintf(start, sizeof(start), "%04d-%02d-01", w.year, m);
	struct db_result *r = figures(w.bureau, "month", start, area, &err);
	ck_assert_msg(r != NULL, "api.figures: %s", err.primary ? err.primary : "");
	struct expect e = expect_month(m, area), p = expect_month(m - 1, area);
	const struct {
		const char *code;
		double now, before;
	} want[] = {
		{ "registrations", e.registrations, p.registrations },
		{ "bookings_made", e.made, p.made },
		{ "bookings_completed", e.completed, p.completed },
		{ "bookings_cancelled", e.cancelled, p.cancelled },
		{ "bookings_no_show", e.no_show, p.no_show },
		{ "vouchers_issued", e.issued, p.issued },
		{ "vouchers_issued_fen", e.issued_fen, p.issued_fen },
		{ "vouchers_redeemed", e.redeemed, p.redeemed },
		{ "vouchers_redeemed_fen", e.redeemed_fen, p.redeemed_fen },
		{ "vouchers_expired", e.expired, p.expired },
		{ "vouchers_expired_fen", e.expired_fen, p.expired_fen },
		{ "vouchers_held_fen", e.held_fen, p.held_fen },
		{ "complaints_received", e.received, p.received },
		{ "complaints_accepted_on_time", e.accepted_on_time, p.accepted_on_time },
		{ "complaints_closed", e.closed, p.closed },
		{ "complaints_closed_on_time", e.closed_on_time, p.closed_on_time },
		{ "complaints_satisfied", e.satisfied, p.satisfied },
		{ "complaints_redone", e.redone, p.redone },
		{ "complaints_workdays", e.workdays, p.workdays },
		{ "reviews", e.reviews, p.reviews },
		{ "reviews_stars", e.stars, p.stars },
		{ "providers_admitted", e.admitted, p.admitted },
		{ "providers_suspended", e.suspended, p.suspended },
		{ "providers_removed", e.removed, p.removed },
		{ "policy_searches", e.searches, p.searches },
		{ "policy_matches", e.matches, p.matches },
		{ "policy_matches_found", e.matches_found, p.matches_found },
		{ "takedowns", e.takedowns, p.takedowns },
	};
	ck_assert_int_eq((int)(sizeof(want) / sizeof(want[0])), NFIGURES);
	ck_assert_int_eq(db_result_rows(r), NFIGURES);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		check_value(r, 1, want[i].code, want[i].now);
		check_value(r, 2, want[i].code, want[i].before);
	}
	db_result_free(&r);
	db_error_release(&err);
}

START_TEST(figures_equal_a_count_of_the_facts)
{
	world_open();
	check_month(3, "341500"); /* the city: its counties */
	check_month(3, "341502"); /* one county */
	check_month(3, "340000"); /* the province: every fact of the test's */
	check_month(4, "341500"); /* April, March beside it */
	world_close();
}
END_TEST

START_TEST(a_year_and_a_quarter_add_up_the_months)
{
	world_open();
	struct db_error err = DB_ERROR_INIT;
	char start[16];
	snprintf(start, sizeof(start), "%04d-01-01", w.year);
	struct db_result *q = figures(w.bureau, "quarter", start, "341502", &err);
	struct db_result *y = figures(w.bureau, "year", start, "341502", &err);
	ck_assert(q && y);
	struct expect f = expect_month(2, "341502"), m = expect_month(3, "341502");
	check_value(q, 1, "bookings_made", f.made + m.made);
	check_value(y, 1, "bookings_made", f.made + m.made + expect_month(4, "341502").made);
	check_value(q, 1, "vouchers_issued_fen", f.issued_fen + m.issued_fen);
	check_value(y, 2, "bookings_made", 0);
	db_result_free(&q);
	db_result_free(&y);
	db_error_release(&err);
	world_close();
}
END_TEST

static const char *refusal(const char *token, const char *kind, const char *start, const char *area,
			   char state[6])
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = figures(token, kind, start, area, &err);
	snprintf(state, 6, "%s", r ? "" : err.sqlstate);
	db_result_free(&r);
	db_error_release(&err);
	return state;
}

START_TEST(each_sees_only_its_area)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char s[6];
	memset(&w, 0, sizeof(w));
	w.desk = desk;
	char *county = dbtest_sign_in(admin, desk, "counter", "341502", NULL);
	char *city = dbtest_sign_in(admin, desk, "counter", "341500", NULL);
	char *supervisor = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);
	char *operator= dbtest_sign_in(admin, desk, "operator", "340000", NULL);
	char cc[19];
	dbtest_credit_code(cc);
	char name[64];
	snprintf(name, sizeof(name), "统计范围服务商%d", (int)getpid());
	const char *pp[] = { cc, name };
	dbtest_sql(admin, "SELECT wc_admin.provider_add($1, $2, '340104', '', '王', '0551')", 2,
		   pp);
	char *provider = dbtest_sign_in(admin, desk, "provider", "340104", cc);

	ck_assert_str_eq(refusal(county, "month", "2026-03-01", "341502", s), "");
	ck_assert_str_eq(refusal(county, "month", "2026-03-01", "341503", s), "WC002");
	ck_assert_str_eq(refusal(county, "month", "2026-03-01", "341500", s), "WC002");
	ck_assert_str_eq(refusal(county, "year", "2026-01-01", "340000", s), "WC002");
	ck_assert_str_eq(refusal(city, "quarter", "2026-01-01", "341500", s), "");
	ck_assert_str_eq(refusal(city, "month", "2026-03-01", "341503", s), "");
	ck_assert_str_eq(refusal(city, "month", "2026-03-01", "340104", s), "WC002");
	ck_assert_str_eq(refusal(city, "month", "2026-03-01", "340000", s), "WC002");
	ck_assert_str_eq(refusal(supervisor, "year", "2026-01-01", "340000", s), "");
	ck_assert_str_eq(refusal(operator, "month", "2026-03-01", "340104", s), "");
	ck_assert_str_eq(refusal(provider, "month", "2026-03-01", "340104", s), "WC002");
	/* a period must start where periods start */
	ck_assert_str_eq(refusal(supervisor, "month", "2026-03-02", "340000", s), "WC070");
	ck_assert_str_eq(refusal(supervisor, "quarter", "2026-02-01", "340000", s), "WC070");
	ck_assert_str_eq(refusal(supervisor, "year", "2026-03-01", "340000", s), "WC070");
	ck_assert_str_eq(refusal(supervisor, "week", "2026-03-02", "340000", s), "WC070");
	ck_assert_str_eq(refusal(supervisor, "month", "2026-03-01", "349999", s), "WC070");
	free(county);
	free(city);
	free(supervisor);
	free(operator);
	free(provider);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

/* The numbers of the rows behind a figure, in order, joined by blanks. */
static char *rows_behind(const char *token, const char *code, const char *area, char **persons_seen)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char start[16];
	snprintf(start, sizeof(start), "%04d-03-01", w.year);
	const char *p[] = { token, code, start, area };
	ck_assert_msg(
		db_exec(w.desk,
			"SELECT no, person FROM api.figure_rows($1, $2, 'month', $3::date, $4)"
			" ORDER BY no",
			4, p, &r, &err) == DB_OK,
		"api.figure_rows: %s", err.primary ? err.primary : "");
	struct sbuf nos = SBUF_INIT, who = SBUF_INIT;
	for (int i = 0; i < db_result_rows(r); i++) {
		sbuf_addf(&nos, "%s%s", i ? " " : "", db_result_get(r, i, 0));
		sbuf_addf(&who, "%s%s", i ? " " : "", db_result_get(r, i, 1));
	}
	db_result_free(&r);
	db_error_release(&err);
	*persons_seen = sbuf_detach(&who);
	return sbuf_detach(&nos);
}

START_TEST(the_rows_behind_a_figure)
{
	world_open();
	char *who = NULL;
	/* 按期办结率: the complaints closed late, in the area */
	struct sbuf want = SBUF_INIT;
	for (int i = 0; i < NCOMPLAINTS; i++)
		if (complaints[i].late && in_area(persons[complaints[i].person].county, "341500") &&
		    strstr(complaints[i].events, "close"))
			sbuf_addf(&want, "%s%s", want.len ? " " : "", w.complaint_no[i]);
	char *got = rows_behind(w.bureau, "complaints_closed_on_time", "341500", &who);
	ck_assert_str_eq(got, want.buf);
	/* names masked: the first character and stars */
	ck_assert_ptr_nonnull(strstr(who, "*"));
	char *name = dbtest_value(w.admin, "SELECT name FROM wc.person WHERE id = $1::bigint", 1,
				  (const char *const[]){ w.person[0] });
	ck_assert_ptr_null(strstr(who, name));
	free(name);
	free(got);
	free(who);
	sbuf_release(&want);

	/* the bookings cancelled in March, in the city */
	for (int i = 0; i < NBOOKINGS; i++)
		if (strcmp(bookings[i].status, "cancelled") == 0 && bookings[i].closed &&
		    month_of(bookings[i].closed) == 3 &&
		    in_area(persons[bookings[i].person].county, "341500"))
			sbuf_addf(&want, "%s%s", want.len ? " " : "", w.booking_no[i]);
	got = rows_behind(w.bureau, "bookings_cancelled", "341500", &who);
	ck_assert_str_eq(got, want.buf);
	free(got);
	free(who);
	sbuf_release(&want);

	/* within the viewer's area only, and only where there are rows to show */
	char *far = dbtest_sign_in(w.admin, w.desk, "counter", "341503", NULL);
	struct db_error err = DB_ERROR_INIT;
	char start[16];
	snprintf(start, sizeof(start), "%04d-03-01", w.year);
	const char *q1[] = { far, "complaints_closed_on_time", start, "341500" };
	const char *sql = "SELECT count(*) FROM api.figure_rows($1, $2, 'month', $3::date, $4)";
	ck_assert_int_eq(db_exec(w.desk, sql, 4, q1, NULL, &err), DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	const char *q2[] = { w.bureau, "registrations", start, "341500" };
	ck_assert_int_eq(db_exec(w.desk, sql, 4, q2, NULL, &err), DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC070");
	db_error_release(&err);
	free(far);

	/* the look is audited */
	char *n = dbtest_value(w.admin,
			       "SELECT count(*) FROM wc.audit WHERE action = 'figure_rows'"
			       " AND detail->>'indicator' = '取消预约件数'"
			       " AND at > now() - interval '1 minute'",
			       0, NULL);
	ck_assert_int_ge(atoi(n), 1);
	free(n);
	world_close();
}
END_TEST

START_TEST(an_export_is_audited)
{
	world_open();
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char start[16];
	snprintf(start, sizeof(start), "%04d-03-01", w.year);
	const char *p[] = { w.bureau, start };
	ck_assert_int_eq(
		db_exec(w.desk, "SELECT * FROM api.figures_export($1, 'month', $2::date, '341500')",
			2, p, &r, &err),
		DB_OK);
	char rows[16];
	snprintf(rows, sizeof(rows), "%d", db_result_rows(r));
	db_result_free(&r);
	const char *q[] = { start, rows };
	char *n =
		dbtest_value(w.admin,
			     "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id"
			     " WHERE a.action = 'figures_export' AND a.object = '341500'"
			     " AND s.role = 'bureau' AND a.detail->>'period_start' = $1"
			     " AND a.detail->>'rows' = $2",
			     2, q);
	ck_assert_str_eq(n, "1");
	free(n);
	db_error_release(&err);
	world_close();
}
END_TEST

/* The twelve months of each figure up to May, as a city's counter asks
 * for its city: each month's value is that month's count, the months
 * before the facts count nothing; another city is refused. */
START_TEST(twelve_months_of_each_figure)
{
	world_open();
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char last[16], state[6];
	snprintf(last, sizeof(last), "%04d-05-01", w.year);
	char *city = dbtest_sign_in(w.admin, w.desk, "counter", "341500", NULL);
	const char *p[] = { city, last, "341500" };
	ck_assert_msg(db_exec(w.desk,
			      "SELECT code, to_char(month, 'YYYY-MM'), value"
			      " FROM api.figure_months($1, $2::date, $3)",
			      3, p, &r, &err) == DB_OK,
		      "api.figure_months: %s", err.primary ? err.primary : "");
	ck_assert_int_eq(db_result_rows(r), NFIGURES * 12);
	const struct {
		const char *code;
		int field; /* of struct expect, in doubles */
	} watch[] = { { "registrations", 0 },
		      { "bookings_made", 1 },
		      { "vouchers_issued_fen", 6 } };
	for (size_t k = 0; k < sizeof(watch) / sizeof(watch[0]); k++) {
		int seen = 0;
		for (int i = 0; i < db_result_rows(r); i++) {
			if (strcmp(db_result_get(r, i, 0), watch[k].code) != 0)
				continue;
			/* June of the year before to May, in order */
			int m = (seen + 5) % 12 + 1;
			char want_month[16];
			snprintf(want_month, sizeof(want_month), "%04d-%02d",
				 m >= 6 && seen < 7 ? w.year - 1 : w.year, m);
			ck_assert_str_eq(db_result_get(r, i, 1), want_month);
			struct expect e = expect_month(seen >= 7 ? m : 0, "341500");
			double want = seen >= 7 ? ((const double *)&e)[watch[k].field] : 0;
			const char *v = db_result_get(r, i, 2);
			ck_assert_msg(v && atof(v) == want, "%s in %s: %s, want %.0f",
				      watch[k].code, want_month, v ? v : "NULL", want);
			seen++;
		}
		ck_assert_int_eq(seen, 12);
	}
	db_result_free(&r);
	const char *q[] = { city, last, "340104" };
	ck_assert(db_exec(w.desk, "SELECT * FROM api.figure_months($1, $2::date, $3)", 3, q, &r,
			  &err) != DB_OK);
	snprintf(state, sizeof(state), "%s", err.sqlstate);
	ck_assert_str_eq(state, "WC002");
	free(city);
	db_error_release(&err);
	world_close();
}
END_TEST

/* The facts of wc.policy_use of a kind written since mark (a clock reading). */
static char *uses_since(struct db_conn *admin, const char *mark, const char *kind)
{
	const char *p[] = { mark, kind };
	return dbtest_value(admin,
			    "SELECT coalesce(string_agg(coalesce(county_code, '-') || ':' || results,"
			    " ' ' ORDER BY at), '') FROM wc.policy_use"
			    " WHERE kind = $2 AND at >= $1::timestamptz",
			    2, p);
}

static char *uses_mark(struct db_conn *admin)
{
	return dbtest_value(admin, "SELECT clock_timestamp()", 0, NULL);
}

/* A search's first page and a match leave one row each: the area (the
 * terminal's; else the search's or the person's), the results, nothing
 * of the words or the person. Later pages add none. */
START_TEST(a_search_and_a_match_leave_their_fact)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "341502");
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char *mark = uses_mark(admin), *got, want[64];

	/* no column could hold a word searched or a person */
	char *cols = dbtest_value(admin,
				  "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
				  " WHERE attrelid = 'wc.policy_use'::regclass AND attnum > 0",
				  0, NULL);
	ck_assert_str_eq(cols, "at,kind,county_code,results");
	free(cols);

	const char *q[] = { "", NULL };
	ck_assert_int_eq(db_exec(kiosk,
				 "SELECT cursor FROM api.policy_search($1, NULL, NULL, NULL, true,"
				 " $2, 3)",
				 2, q, &r, &err),
			 DB_OK);
	int rows = db_result_rows(r);
	db_result_free(&r);
	/* a later page (any cursor): no new search */
	const char *q2[] = { "", "0/0/9999/1" };
	ck_assert_int_eq(db_exec(kiosk,
				 "SELECT count(*) FROM api.policy_search($1, NULL, NULL, NULL, true,"
				 " $2, 3)",
				 2, q2, NULL, &err),
			 DB_OK);
	/* a desk with no area: the area the search chose */
	const char *q3[] = { "创业" };
	ck_assert_int_eq(db_exec(desk,
				 "SELECT count(*) FROM api.policy_search($1, '341503', NULL, NULL,"
				 " false, NULL, 20)",
				 1, q3, &r, &err),
			 DB_OK);
	int found = atoi(db_result_get(r, 0, 0));
	db_result_free(&r);
	got = uses_since(admin, mark, "search");
	snprintf(want, sizeof(want), "341502:%d 341503:%d", rows, found);
	ck_assert_str_eq(got, want);
	free(got);
	free(mark);

	mark = uses_mark(admin);
	const char *m1[] = { "341503", "2" }, *m2[] = { NULL, "0" }, *m3[] = { "349999", "1" };
	const char *sql = "SELECT api.policy_match_record($1, $2::int)";
	ck_assert_int_eq(db_exec(kiosk, sql, 2, m1, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(kiosk, sql, 2, m2, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(kiosk, sql, 2, m3, NULL, &err), DB_OK); /* no region: the kiosk's */
	ck_assert_int_eq(db_exec(desk, sql, 2, m2, NULL, &err), DB_OK); /* nothing known */
	got = uses_since(admin, mark, "match");
	ck_assert_str_eq(got, "341503:2 341502:0 341502:1 -:0");
	free(got);
	free(mark);

	/* a count alone in its transaction does not wait for the disk; one
	 * after another write leaves that write's wait as it was (each
	 * transaction first waits, whatever the server's setting) */
	const char *wait = "SET LOCAL synchronous_commit = on";
	ck_assert_int_eq(db_exec(kiosk, "BEGIN", 0, NULL, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(kiosk, wait, 0, NULL, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(kiosk, sql, 2, m1, NULL, &err), DB_OK);
	got = dbtest_value(kiosk, "SELECT current_setting('synchronous_commit')", 0, NULL);
	ck_assert_str_eq(got, "off");
	free(got);
	ck_assert_int_eq(db_exec(kiosk, "ROLLBACK", 0, NULL, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(admin, "BEGIN", 0, NULL, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(admin, wait, 0, NULL, NULL, &err), DB_OK);
	ck_assert_int_eq(db_exec(admin,
				 "INSERT INTO wc.policy_use (kind, results) VALUES ('search', 0)",
				 0, NULL, NULL, &err),
			 DB_OK);
	ck_assert_int_eq(db_exec(admin, sql, 2, m1, NULL, &err), DB_OK);
	got = dbtest_value(admin, "SELECT current_setting('synchronous_commit')", 0, NULL);
	ck_assert_str_eq(got, "on");
	free(got);
	ck_assert_int_eq(db_exec(admin, "ROLLBACK", 0, NULL, NULL, &err), DB_OK);
	db_error_release(&err);
	db_conn_free(&kiosk);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

Suite *figures_suite(void)
{
	Suite *s = suite_create("figures");
	TCase *counts = tcase_create("counts");
	TCase *rights = tcase_create("rights");

	tcase_set_timeout(counts, 120);
	tcase_set_timeout(rights, 60);
	tcase_add_test(counts, figures_equal_a_count_of_the_facts);
	tcase_add_test(counts, a_year_and_a_quarter_add_up_the_months);
	tcase_add_test(counts, twelve_months_of_each_figure);
	tcase_add_test(rights, each_sees_only_its_area);
	tcase_add_test(rights, the_rows_behind_a_figure);
	tcase_add_test(rights, an_export_is_audited);
	tcase_add_test(rights, a_search_and_a_match_leave_their_fact);
	suite_add_tcase(s, counts);
	suite_add_tcase(s, rights);
	return s;
}
