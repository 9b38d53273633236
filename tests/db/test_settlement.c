/*
 * settlement: the money reconciled (资金对账) adds up on clean data, with
 * no difference; a settlement planted out of line with the ledger is the
 * one difference listed; the rules of 异常提示 fire on the patterns
 * planted (one person completing many bookings with one provider,
 * redemptions just before the vouchers' expiry) and on nothing else.
 * The facts are written in a month of a year no other row of the
 * database falls in, so other tests' rows never count. Who may see which
 * area; the rows behind a flag, names masked; exports audited.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

/* --- the facts, as data ---------------------------------------------------- */

enum { PROVIDER_CLEAN, PROVIDER_ODD, NPROVIDERS };

/* One voucher of 1000 yuan each; its last day ("MM-DD" of March or December). */
static const struct {
	const char *valid_until;
} people[] = {
	{ "12-31" }, /* 0: the clean provider's, twice */
	{ "12-31" }, /* 1: the clean provider's, twice */
	{ "03-05" }, /* 2: the clean provider's once, just before expiry; expires 03-06 */
	{ "03-20" }, /* 3: the odd provider's three times, each within 7 days of expiry */
	{ "12-31" }, /* 4: the odd provider's, twice, far from expiry */
};
enum { NPEOPLE = sizeof(people) / sizeof(people[0]), FACE = 100000 };

static const struct {
	int provider, person;
	const char *closed; /* "MM-DD", completed and redeemed then */
	long fen;
} bookings[] = {
	{ PROVIDER_CLEAN, 0, "03-02", 10000 }, { PROVIDER_CLEAN, 0, "03-09", 10000 },
	{ PROVIDER_CLEAN, 1, "03-03", 20000 }, { PROVIDER_CLEAN, 1, "03-10", 20000 },
	{ PROVIDER_CLEAN, 2, "03-03", 30000 }, { PROVIDER_ODD, 3, "03-15", 10000 },
	{ PROVIDER_ODD, 3, "03-16", 10000 },   { PROVIDER_ODD, 3, "03-17", 10000 },
	{ PROVIDER_ODD, 4, "03-02", 5000 },    { PROVIDER_ODD, 4, "03-03", 5000 },
};
enum { NBOOKINGS = sizeof(bookings) / sizeof(bookings[0]) };

#define COUNTY "341502"
enum { BUDGET = 1000000 };

/* --- the world -------------------------------------------------------------- */

static struct {
	struct db_conn *admin, *desk;
	int year;
	char month[11]; /* "YYYY-03-01" */
	char provider_name[NPROVIDERS][64];
	char provider_cc[NPROVIDERS][19];
	char programme[64];
	char *booking[NBOOKINGS];
	char *bureau;
} w;

static void stamp(char out[32], const char *day)
{
	snprintf(out, 32, "%04d-%.5s 10:00:00+08", w.year, day);
}

static void world_facts(void)
{
	char id_number[19], t[32], t2[32], code[48];
	char *service[NPROVIDERS], *person[NPEOPLE], *voucher[NPEOPLE];
	int seq = 0;

	for (int i = 0; i < NPROVIDERS; i++) {
		dbtest_credit_code(w.provider_cc[i]);
		snprintf(w.provider_name[i], sizeof(w.provider_name[i]), "对账测试服务商%d-%d-%d",
			 (int)getpid(), w.year, i);
		snprintf(code, sizeof(code), "ST%d-%d-%d", (int)getpid(), w.year, i);
		const char *p[] = { w.provider_cc[i], w.provider_name[i], code };
		dbtest_sql(w.admin,
			   "SELECT wc_admin.provider_add($1, $2, '" COUNTY "', '', '王', '0564')",
			   2, p);
		service[i] = dbtest_value(w.admin,
					  "SELECT wc_admin.service_add($3, $1, '创业指导', "
					  "'guidance', false, false, 0, false, '" COUNTY
					  "', '', '金安区', '0564', 24) WHERE $2 <> ''",
					  3, p);
	}
	snprintf(w.programme, sizeof(w.programme), "对账测试%d-%d", (int)getpid(), w.year);
	snprintf(code, sizeof(code), "SP%d-%d", (int)getpid(), w.year);
	const char *pg[] = { code, w.programme };
	char *programme = dbtest_value(w.admin,
				       "INSERT INTO wc.voucher_programme (code, name, face_fen,"
				       " valid_months, categories) VALUES ($1, $2, 100000, 12,"
				       " '{guidance}') RETURNING id",
				       2, pg);

	for (int i = 0; i < NPEOPLE; i++) {
		char vno[48], issued[32], until[16];
		person[i] = dbtest_person(w.admin, "{}", "intending", id_number);
		snprintf(vno, sizeof(vno), "SV%d-%d-%d", (int)getpid(), w.year, i);
		stamp(issued, "03-01");
		snprintf(until, sizeof(until), "%04d-%s", w.year, people[i].valid_until);
		const char *p[] = { person[i], vno, programme, issued, until };
		dbtest_sql(w.admin, "UPDATE wc.person SET county_code = '" COUNTY "' WHERE id = $1",
			   1, p);
		voucher[i] = dbtest_value(
			w.admin,
			"INSERT INTO wc.voucher (no, programme_id, person_id, county_code, "
			"face_fen,"
			" categories, issued_at, valid_until, balance_fen) VALUES ($2, $3, $1, "
			"'" COUNTY
			"', 100000, '{guidance}', $4::timestamptz, $5::date, 0) RETURNING id",
			5, p);
		const char *e[] = { voucher[i], issued };
		dbtest_sql(w.admin,
			   "INSERT INTO wc.voucher_entry (voucher_id, at, kind, available_delta,"
			   " held_delta) VALUES ($1, $2::timestamptz, 'issue', 100000, 0)",
			   2, e);
	}

	for (int i = 0; i < NBOOKINGS; i++) {
		char no[48], fen[24];
		snprintf(no, sizeof(no), "SB%d-%d-%d", (int)getpid(), w.year, ++seq);
		snprintf(fen, sizeof(fen), "%ld", bookings[i].fen);
		stamp(t, "03-01");
		/* minutes apart: one service's slots start at different times */
		snprintf(t2, sizeof(t2), "%04d-%.5s 10:%02d:00+08", w.year, bookings[i].closed, i);
		const char *p[] = { service[bookings[i].provider],
				    person[bookings[i].person],
				    no,
				    t,
				    t2,
				    voucher[bookings[i].person],
				    fen };
		w.booking[i] = dbtest_value(
			w.admin,
			"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity,"
			" taken) VALUES ($1, $5::timestamptz - interval '1 hour', $5::timestamptz, "
			"1,"
			" 1) RETURNING id)"
			" INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, "
			"price_fen,"
			" voucher_id, voucher_fen, created_at, closed_at)"
			" SELECT $3, $2, sl.id, $1, 'completed', $7::bigint, $6, $7::bigint,"
			" $4::timestamptz, $5::timestamptz FROM sl RETURNING id",
			7, p);
		const char *q[] = { voucher[bookings[i].person],  w.booking[i], t, t2, fen,
				    service[bookings[i].provider] };
		/* held when booked, redeemed and settled together when completed,
		 * as wc.booking_close writes them */
		dbtest_sql(w.admin,
			   "WITH h AS (INSERT INTO wc.voucher_entry (voucher_id, at, kind,"
			   " available_delta, held_delta, booking_id) VALUES ($1, $3::timestamptz,"
			   " 'hold', -$5::bigint, $5::bigint, $2), ($1, $4::timestamptz,"
			   " 'redeem', 0, -$5::bigint, $2) RETURNING 1)"
			   " INSERT INTO wc.settlement (booking_id, provider_id, voucher_id, "
			   "amount_fen,"
			   " at) SELECT $2, s.provider_id, $1, $5::bigint, $4::timestamptz"
			   " FROM wc.service s WHERE s.id = $6::bigint",
			   6, q);
	}
	/* person 2's voucher expires: its unspent 700 yuan go back to the budget */
	stamp(t, "03-06");
	const char *x[] = { voucher[2], t };
	dbtest_sql(
		w.admin,
		"INSERT INTO wc.voucher_entry (voucher_id, at, kind, available_delta, held_delta)"
		" VALUES ($1, $2::timestamptz, 'expire', -70000, 0)",
		2, x);
	dbtest_sql(w.admin, "UPDATE wc.voucher SET status = 'expired' WHERE id = $1", 1, x);
	for (int i = 0; i < NPEOPLE; i++) {
		const char *p[] = { voucher[i] };
		dbtest_sql(w.admin,
			   "UPDATE wc.voucher v SET balance_fen = s.a, held_fen = s.h"
			   "  FROM (SELECT sum(available_delta) AS a, sum(held_delta) AS h"
			   "          FROM wc.voucher_entry WHERE voucher_id = $1::bigint) s"
			   " WHERE v.id = $1::bigint",
			   1, p);
	}
	/* the budget's used part: five vouchers issued, 700 yuan came back */
	const char *pb[] = { programme };
	dbtest_sql(w.admin,
		   "INSERT INTO wc.voucher_budget (programme_id, county_code, total_fen,"
		   " available_fen) VALUES ($1, '" COUNTY "', 1000000, 1000000 - 500000 + 70000)",
		   1, pb);
	for (int i = 0; i < NPEOPLE; i++) {
		free(person[i]);
		free(voucher[i]);
	}
	for (int i = 0; i < NPROVIDERS; i++)
		free(service[i]);
	free(programme);
}

static void world_open(void)
{
	memset(&w, 0, sizeof(w));
	w.admin = dbtest_admin();
	w.desk = dbtest_terminal(w.admin, "staff", NULL);
	/* two years before any money of the database: no other row counts */
	char *y = dbtest_value(
		w.admin,
		"SELECT least(2000, min(y)) - 2 FROM (SELECT extract(year FROM min(t))::int AS y"
		" FROM (SELECT min(created_at) AS t FROM wc.booking"
		" UNION ALL SELECT min(closed_at) FROM wc.booking"
		" UNION ALL SELECT min(issued_at) FROM wc.voucher"
		" UNION ALL SELECT min(at) FROM wc.voucher_entry"
		" UNION ALL SELECT min(at) FROM wc.settlement) f) m",
		0, NULL);
	ck_assert_ptr_nonnull(y);
	w.year = atoi(y);
	free(y);
	snprintf(w.month, sizeof(w.month), "%04d-03-01", w.year);
	w.bureau = dbtest_sign_in(w.admin, w.desk, "bureau", "340000", NULL);
	world_facts();
}

static void world_close(void)
{
	for (int i = 0; i < NBOOKINGS; i++)
		free(w.booking[i]);
	free(w.bureau);
	db_conn_free(&w.admin);
	db_conn_free(&w.desk);
}

/* The lines of March in the area as token sees them. */
static void lines_of(const char *token, const char *area, struct settle_line **v, int *n)
{
	struct db_error err = DB_ERROR_INIT;

	*v = NULL;
	*n = 0;
	enum db_status st =
		db_settlement(w.desk, token, FIGURE_MONTH, w.month, area, false, v, n, &err);
	ck_assert_msg(st == DB_OK, "settlement: %s", err.primary ? err.primary : "?");
	db_error_release(&err);
}

static int count_section(const struct settle_line *v, int n, enum settle_section s)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += v[i].section == s;
	return k;
}

static const struct settle_line *line_named(const struct settle_line *v, int n,
					    enum settle_section s, const char *code,
					    const char *subject_part)
{
	for (int i = 0; i < n; i++)
		if (v[i].section == s && strcmp(v[i].code, code) == 0 &&
		    (strstr(v[i].name, subject_part) || strstr(v[i].subject, subject_part)))
			return &v[i];
	return NULL;
}

static void values_are(const struct settle_line *l, const long *want, int nwant)
{
	ck_assert_ptr_nonnull(l);
	for (int k = 0; k < nwant; k++) {
		ck_assert_msg(l->v[k], "%s %s: column %d missing", l->name, l->subject, k);
		ck_assert_msg(atol(l->v[k]) == want[k], "%s %s: column %d is %s, not %ld", l->name,
			      l->subject, k, l->v[k], want[k]);
	}
}

/* --- the tests ---------------------------------------------------------------- */

/* Every yuan accounted for: each provider's settlements equal its
 * redemptions in the ledger, the budget's identity holds, and nothing is
 * listed as a difference. */
START_TEST(clean_money_reconciles)
{
	struct settle_line *v;
	int n;

	world_open();
	lines_of(w.bureau, COUNTY, &v, &n);
	ck_assert_int_eq(count_section(v, n, SETTLE_DIFFERENCE), 0);
	long clean[] = { 5, 90000, 90000, 0 }, odd[] = { 5, 40000, 40000, 0 };
	values_are(line_named(v, n, SETTLE_PROVIDER, "provider", w.provider_name[PROVIDER_CLEAN]),
		   clean, 4);
	values_are(line_named(v, n, SETTLE_PROVIDER, "provider", w.provider_name[PROVIDER_ODD]),
		   odd, 4);
	/* budget, still to issue, issued, held, paid, expired, unused, difference */
	long budget[] = { BUDGET, BUDGET - 5 * FACE + 70000, 5 * FACE, 0, 130000,
			  70000,  5 * FACE - 130000 - 70000, 0 };
	values_are(line_named(v, n, SETTLE_BUDGET, "budget", w.programme), budget, 8);
	settle_lines_free(&v, n);
	world_close();
}
END_TEST

/* One settlement raised by 5 yuan behind the ledger's back (as the
 * administrator, rolled back): exactly that one difference, and the
 * provider's line off by as much. */
START_TEST(a_planted_difference_is_the_one_listed)
{
	world_open();
	const char *p[] = { w.booking[0], w.month, w.provider_name[PROVIDER_CLEAN] };
	dbtest_sql(w.admin, "BEGIN", 0, NULL);
	dbtest_sql(w.admin,
		   "UPDATE wc.settlement SET amount_fen = amount_fen + 500"
		   " WHERE booking_id = $1::bigint",
		   1, p);
	char *got = dbtest_value(
		w.admin,
		"SELECT count(*) || ' ' || string_agg(code || ' ' || a || ' ' || b || ' ' || c"
		" || ' ' || (strpos(subject, $3) > 0)::text, ';')"
		" FROM wc.settlement_lines($2::date, ($2::date + interval '1 month')::date, "
		"'" COUNTY "') WHERE section = 'difference' AND $1 <> ''",
		3, p);
	char *provider = dbtest_value(
		w.admin,
		"SELECT d FROM wc.settlement_lines($2::date, ($2::date + interval '1 month')::date,"
		" '" COUNTY "') WHERE section = 'provider' AND name = $3 AND $1 <> ''",
		3, p);
	dbtest_sql(w.admin, "ROLLBACK", 0, NULL);
	ck_assert_str_eq(got, "1 settlement_amount 10000 10500 500 true");
	ck_assert_str_eq(provider, "500");
	free(got);
	free(provider);
	world_close();
}
END_TEST

/* Each check finds its own kind of difference: each planted alone (as
 * the administrator, rolled back) is the one difference listed, with
 * what was expected and what was found. $1 is the first booking, $2 the
 * month, $3 the programme's name. */
static const struct {
	const char *plant, *want;
} planted[] = {
	{ "DELETE FROM wc.settlement WHERE booking_id = $1::bigint", "1 redeem_unsettled 10000 0" },
	{ "UPDATE wc.voucher SET balance_fen = balance_fen + 100 WHERE id ="
	  " (SELECT voucher_id FROM wc.booking WHERE id = $1::bigint)",
	  "1 voucher_balance 80000 80100" },
	{ "UPDATE wc.voucher SET held_fen = held_fen + 100, balance_fen = balance_fen - 100"
	  " WHERE id = (SELECT voucher_id FROM wc.booking WHERE id = $1::bigint)",
	  "2 voucher_balance 80000 79900;voucher_held 0 100" },
	{ "UPDATE wc.voucher_budget SET available_fen = available_fen - 100 WHERE programme_id ="
	  " (SELECT v.programme_id FROM wc.voucher v JOIN wc.booking b ON b.voucher_id = v.id"
	  " WHERE b.id = $1::bigint)",
	  "1 budget_used 430000 430100" },
};

START_TEST(each_check_finds_its_difference)
{
	world_open();
	const char *p[] = { w.booking[0], w.month, w.programme };
	for (size_t i = 0; i < sizeof(planted) / sizeof(planted[0]); i++) {
		dbtest_sql(w.admin, "BEGIN", 0, NULL);
		dbtest_sql(w.admin, planted[i].plant, 1, p);
		char *got = dbtest_value(
			w.admin,
			"SELECT count(*) || ' ' || string_agg(code || ' ' || a || ' ' || b, ';'"
			" ORDER BY code) FROM wc.settlement_lines($2::date,"
			" ($2::date + interval '1 month')::date, '" COUNTY "')"
			" WHERE section = 'difference' AND $1 <> '' AND $3 <> ''",
			3, p);
		dbtest_sql(w.admin, "ROLLBACK", 0, NULL);
		ck_assert_msg(strcmp(got, planted[i].want) == 0, "%s: %s, not %s", planted[i].plant,
			      got, planted[i].want);
		free(got);
	}
	world_close();
}
END_TEST

/* The odd provider: one person completing three bookings (the threshold
 * is 3), and three of its five redemptions within 7 days of the
 * vouchers' last day (60%, over 50%). The clean provider: twice per
 * person, one of five near expiry (20%): nothing. */
START_TEST(rules_fire_on_the_patterns_planted)
{
	struct settle_line *v;
	int n;

	world_open();
	lines_of(w.bureau, COUNTY, &v, &n);
	ck_assert_int_eq(count_section(v, n, SETTLE_FLAG), 2);
	const struct settle_line *repeat =
		line_named(v, n, SETTLE_FLAG, "repeat_person", w.provider_name[PROVIDER_ODD]);
	long r[] = { 3, 5 };
	values_are(repeat, r, 2);
	ck_assert_ptr_nonnull(strstr(repeat->subject, "张**"));
	ck_assert_ptr_nonnull(strstr(repeat->note, "3 次及以上"));
	const struct settle_line *late =
		line_named(v, n, SETTLE_FLAG, "near_expiry", w.provider_name[PROVIDER_ODD]);
	long l[] = { 3, 5, 60 };
	values_are(late, l, 3);
	ck_assert_ptr_nonnull(strstr(late->note, "7 天"));
	ck_assert_ptr_nonnull(strstr(late->note, "50%"));

	/* the rows behind the repeated person: three bookings, the name masked */
	struct settle_row *rows = NULL;
	int nrows = 0;
	struct db_error err = DB_ERROR_INIT;
	ck_assert_int_eq(db_settle_rows(w.desk, w.bureau, repeat, FIGURE_MONTH, w.month, COUNTY,
					&rows, &nrows, &err),
			 DB_OK);
	ck_assert_int_eq(nrows, 3);
	for (int i = 0; i < nrows; i++)
		ck_assert_str_eq(rows[i].person, "张**");
	settle_rows_free(&rows, nrows);
	ck_assert_int_eq(db_settle_rows(w.desk, w.bureau, late, FIGURE_MONTH, w.month, COUNTY,
					&rows, &nrows, &err),
			 DB_OK);
	ck_assert_int_eq(nrows, 3);
	settle_rows_free(&rows, nrows);
	db_error_release(&err);
	settle_lines_free(&v, n);
	world_close();
}
END_TEST

static const char *refusal(const char *token, const char *area, char state[6])
{
	struct db_error err = DB_ERROR_INIT;
	struct settle_line *v = NULL;
	int n = 0;
	enum db_status r =
		db_settlement(w.desk, token, FIGURE_MONTH, w.month, area, false, &v, &n, &err);
	snprintf(state, 6, "%s", r == DB_OK ? "" : err.sqlstate);
	settle_lines_free(&v, n);
	db_error_release(&err);
	return state;
}

/* The supervisor and the bureau see any area, a county's department its
 * own; the operator has no money view. An export is audited. */
START_TEST(each_sees_only_its_area)
{
	char s[6];

	world_open();
	char *supervisor = dbtest_sign_in(w.admin, w.desk, "supervisor", "340000", NULL);
	char *county = dbtest_sign_in(w.admin, w.desk, "counter", COUNTY, NULL);
	char *other = dbtest_sign_in(w.admin, w.desk, "counter", "340104", NULL);
	char *operator= dbtest_sign_in(w.admin, w.desk, "operator", "340000", NULL);
	ck_assert_str_eq(refusal(supervisor, "340000", s), "");
	ck_assert_str_eq(refusal(county, COUNTY, s), "");
	ck_assert_str_eq(refusal(other, COUNTY, s), "WC002");
	ck_assert_str_eq(refusal(operator, COUNTY, s), "WC002");

	struct settle_line *v = NULL;
	int n = 0;
	struct db_error err = DB_ERROR_INIT;
	ck_assert_int_eq(
		db_settlement(w.desk, county, FIGURE_MONTH, w.month, COUNTY, true, &v, &n, &err),
		DB_OK);
	char rows[16];
	snprintf(rows, sizeof(rows), "%d", n);
	const char *p[] = { w.month, rows };
	char *audited =
		dbtest_value(w.admin,
			     "SELECT count(*) FROM wc.audit WHERE action = 'settlement_export'"
			     " AND object = '" COUNTY "' AND detail->>'period_start' = $1"
			     " AND detail->>'rows' = $2",
			     2, p);
	ck_assert_str_eq(audited, "1");
	free(audited);
	settle_lines_free(&v, n);
	db_error_release(&err);
	free(supervisor);
	free(county);
	free(other);
	free(operator);
	world_close();
}
END_TEST

Suite *settlement_suite(void)
{
	Suite *s = suite_create("settlement");
	TCase *money = tcase_create("money");
	TCase *rights = tcase_create("rights");

	tcase_set_timeout(money, 120);
	tcase_set_timeout(rights, 60);
	tcase_add_test(money, clean_money_reconciles);
	tcase_add_test(money, a_planted_difference_is_the_one_listed);
	tcase_add_test(money, each_check_finds_its_difference);
	tcase_add_test(money, rules_fire_on_the_patterns_planted);
	tcase_add_test(rights, each_sees_only_its_area);
	suite_add_tcase(s, money);
	suite_add_tcase(s, rights);
	return s;
}
