/*
 * Voucher programmes and county budgets set from a desk: who may set
 * which, the refusals, the audit, and a budget never below its used part,
 * also while a voucher is being issued from it at the same moment.
 */
#include "config.h"
#include "dbtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core.h"
#include "tests/load/invariants.h"

static int seq;

struct desk {
	struct db_conn *c;
	char *info, *token;
};

static void desk_open(struct db_conn *admin, struct desk *d, const char *role, const char *region)
{
	char name[64];

	d->info = dbtest_terminal_add(admin, "staff", NULL, name);
	d->c = db_conn_new(d->info, "wanchuang-tests");
	ck_assert_msg(db_conn_open(d->c), "desk: %s", db_conn_message(d->c));
	d->token = dbtest_sign_in(admin, d->c, role, region, NULL);
}

static void desk_close(struct desk *d)
{
	db_conn_free(&d->c);
	free(d->info);
	free(d->token);
}

/* A programme of face fen with a budget of budget fen in 蜀山区. */
static char *programme_new(struct db_conn *admin, long long face, long long budget)
{
	char code[48], f[24], b[24];

	snprintf(code, sizeof(code), "B%d-%d", (int)getpid(), ++seq);
	snprintf(f, sizeof(f), "%lld", face);
	snprintf(b, sizeof(b), "%lld", budget);
	const char *p[] = { code, f };
	char *id =
		dbtest_value(admin,
			     "SELECT wc_admin.programme_add($1, '预算测试创业券', $2::bigint, 12,"
			     " '{training}', '{}', NULL, '')",
			     2, p);
	const char *q[] = { code, b };
	dbtest_sql(admin, "SELECT wc_admin.budget_set($1, '340104', $2::bigint)", 2, q);
	return id;
}

static char *budget_set(struct db_conn *c, const char *token, const char *programme,
			const char *county, const char *total)
{
	char key[37];

	db_request_key(key);
	const char *p[] = { token, key, programme, county, total };
	return dbtest_value(
		c,
		"SELECT outcome FROM api.voucher_budget_set($1, $2::uuid, $3::bigint, $4,"
		" $5::bigint)",
		5, p);
}

static void expect_set(struct db_conn *c, const char *token, const char *programme,
		       const char *county, const char *total, const char *want)
{
	char *o = budget_set(c, token, programme, county, total);

	ck_assert_str_eq(o, want);
	free(o);
}

/* Issue a voucher of programme to person; the outcome must be want. */
static void issue_as(struct db_conn *c, const char *token, const char *person,
		     const char *programme, const char *want)
{
	char key[37];

	db_request_key(key);
	const char *p[] = { token, key, person, programme };
	char *o = dbtest_value(c,
			       "SELECT outcome FROM api.voucher_issue($1, $2::uuid, $3::bigint,"
			       " $4::bigint)",
			       4, p);
	ck_assert_msg(strcmp(o, want) == 0, "issue: %s, not %s", o, want);
	free(o);
}

static void issue(struct db_conn *c, const char *token, const char *person, const char *programme)
{
	issue_as(c, token, person, programme, "ok");
}

/* A city's staff sets budgets, not programmes: the save refused (WC002). */
static void city_refused(struct desk *city, const char *code)
{
	char key[37];
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	const char *q[] = { city->token, key, code };
	ck_assert(db_exec(city->c,
			  "SELECT api.voucher_programme_save($1, $2::uuid, $3, 'x', 1, 1,"
			  " '{training}', true, '{veteran}', NULL)",
			  3, q, NULL, &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
}

/* total_fen and available_fen of the budget in 蜀山区, "total/available". */
static char *budget_of(struct db_conn *admin, const char *programme)
{
	const char *p[] = { programme };

	return dbtest_value(admin,
			    "SELECT total_fen || '/' || available_fen FROM wc.voucher_budget"
			    " WHERE programme_id = $1 AND county_code = '340104'",
			    1, p);
}

/* The face values issued from the budget in 蜀山区, summed. */
static long long issued_fen(struct db_conn *admin, const char *programme)
{
	const char *p[] = { programme };
	char *v = dbtest_value(admin,
			       "SELECT coalesce(sum(face_fen), 0) FROM wc.voucher"
			       " WHERE programme_id = $1 AND county_code = '340104'",
			       1, p);
	long long n = atoll(v);

	free(v);
	return n;
}

START_TEST(who_sets_budgets)
{
	struct db_conn *admin = dbtest_admin();
	struct desk bureau, city, county, other_city, operator;
	char *g = programme_new(admin, 1000, 5000);

	desk_open(admin, &bureau, "bureau", "340000");
	desk_open(admin, &city, "counter", "340100"); /* 合肥市 */
	desk_open(admin, &county, "counter", "340104");
	desk_open(admin, &other_city, "counter", "340200"); /* 芜湖市 */
	desk_open(admin, &operator, "operator", "340000");

	expect_set(bureau.c, bureau.token, g, "340104", "6000", "ok");
	expect_set(city.c, city.token, g, "340104", "7000", "ok");
	/* a county's own counter, another city, a city itself: not within reach */
	expect_set(county.c, county.token, g, "340104", "8000", "bad_region");
	expect_set(other_city.c, other_city.token, g, "340104", "8000", "bad_region");
	expect_set(bureau.c, bureau.token, g, "340100", "8000", "bad_region");
	expect_set(bureau.c, bureau.token, g, "340104", "-1", "bad_amount");
	expect_set(bureau.c, bureau.token, "0", "340104", "8000", "no_programme");
	{
		char key[37];
		struct db_error err = DB_ERROR_INIT;

		db_request_key(key);
		const char *p[] = { operator.token, key, g };
		ck_assert(
			db_exec(operator.c,
				"SELECT api.voucher_budget_set($1, $2::uuid, $3::bigint, '340104',"
				" 1)",
				3, p, NULL, &err) != DB_OK);
		ck_assert_str_eq(err.sqlstate, "WC002");
		db_error_release(&err);
	}
	char *b = budget_of(admin, g);
	ck_assert_str_eq(b, "7000/7000");
	free(b);

	/* every change in the audit log, with who made it and what it was */
	const char *p[] = { g };
	char *audit =
		dbtest_value(admin,
			     "SELECT count(*) || ':' || string_agg(a.detail->>'was_fen', ','"
			     " ORDER BY a.id) FROM wc.audit a JOIN wc.voucher_programme g"
			     " ON g.code = a.object WHERE g.id = $1"
			     " AND a.action = 'voucher_budget_set' AND a.staff_id IS NOT NULL",
			     1, p);
	ck_assert_str_eq(audit, "2:5000,6000");
	free(audit);

	/* the budgets a city sees are its counties' */
	const char *q[] = { city.token, g };
	char *seen = dbtest_value(city.c,
				  "SELECT count(*) FILTER (WHERE county_code NOT LIKE '3401%')"
				  " || '/' || count(*) FILTER (WHERE county_code = '340104')"
				  " FROM api.voucher_budgets($1) WHERE programme_id = $2::bigint",
				  2, q);
	ck_assert_str_eq(seen, "0/1");
	free(seen);

	desk_close(&bureau);
	desk_close(&city);
	desk_close(&county);
	desk_close(&other_city);
	desk_close(&operator);
	free(g);
	db_conn_free(&admin);
}
END_TEST

START_TEST(budget_never_below_used)
{
	struct db_conn *admin = dbtest_admin();
	struct desk bureau, counter;
	char id[19];
	char *g = programme_new(admin, 1000, 3000);
	char *p1 = dbtest_person(admin, "{}", "intending", id);
	char *p2 = dbtest_person(admin, "{}", "intending", id);
	char *b;

	desk_open(admin, &bureau, "bureau", "340000");
	desk_open(admin, &counter, "counter", "340104");
	issue(counter.c, counter.token, p1, g); /* 1000 used */
	expect_set(bureau.c, bureau.token, g, "340104", "999", "budget_below_used");

	/* A second voucher is being issued (the transaction is open) while
	 * the bureau lowers the budget to 1500: the lowering waits, then sees
	 * 2000 used and is refused. Read before the issue's commit, the used
	 * part would be 1000 and the budget would lose the second voucher. */
	int out[2];
	ck_assert(pipe(out) == 0);
	dbtest_sql(counter.c, "BEGIN", 0, NULL);
	issue(counter.c, counter.token, p2, g);
	pid_t pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		struct db_conn *c = db_conn_new(bureau.info, "wanchuang-tests");
		char key[37];
		struct db_error err = DB_ERROR_INIT;
		struct db_result *r = NULL;
		const char *o = "error";

		close(out[0]);
		db_request_key(key);
		const char *p[] = { bureau.token, key, g };
		if (db_conn_open(c) &&
		    db_exec(c,
			    "SELECT outcome FROM api.voucher_budget_set($1, $2::uuid, $3::bigint,"
			    " '340104', 1500)",
			    3, p, &r, &err) == DB_OK)
			o = db_result_get(r, 0, 0);
		(void)!write(out[1], o, strlen(o));
		_exit(0);
	}
	close(out[1]);
	usleep(300 * 1000); /* the lowering is waiting on the budget's row by now */
	dbtest_sql(counter.c, "COMMIT", 0, NULL);
	char got[64] = "";
	ssize_t n = read(out[0], got, sizeof(got) - 1);
	close(out[0]);
	ck_assert(waitpid(pid, NULL, 0) == pid);
	got[n > 0 ? n : 0] = '\0';
	ck_assert_str_eq(got, "budget_below_used");
	b = budget_of(admin, g);
	ck_assert_str_eq(b, "3000/1000");
	free(b);
	ck_assert_int_eq(issued_fen(admin, g), 2000);

	/* down to exactly the used part: nothing left to issue */
	expect_set(bureau.c, bureau.token, g, "340104", "2000", "ok");
	b = budget_of(admin, g);
	ck_assert_str_eq(b, "2000/0");
	free(b);

	desk_close(&bureau);
	desk_close(&counter);
	free(p1);
	free(p2);
	free(g);
	db_conn_free(&admin);
}
END_TEST

/* Issuers and setters of one budget released together: each answer one its
 * call allows, and afterwards the budget's used part is exactly the face
 * values issued, never more than its total. */
enum { RACE_N = 16 };

struct race {
	char *token[RACE_N], *person[RACE_N], *programme;
};

static bool race_act(int i, struct db_conn *c, void *arg)
{
	struct race *r = arg;
	struct db_result *res = NULL;
	struct db_error err = DB_ERROR_INIT;
	char key[37], total[24];
	const char *o;
	bool ok;

	db_request_key(key);
	snprintf(total, sizeof(total), "%d", 4000 + 1000 * i);
	const char *issue_p[] = { r->token[i], key, r->person[i], r->programme };
	const char *set_p[] = { r->token[i], key, r->programme, total };
	if (i % 2 == 0)
		ok = db_exec(c,
			     "SELECT outcome FROM api.voucher_issue($1, $2::uuid, $3::bigint,"
			     " $4::bigint)",
			     4, issue_p, &res, &err) == DB_OK;
	else
		ok = db_exec(c,
			     "SELECT outcome FROM api.voucher_budget_set($1, $2::uuid, $3::bigint,"
			     " '340104', $4::bigint)",
			     4, set_p, &res, &err) == DB_OK;
	if (!ok) {
		fprintf(stderr, "race caller %d: %s\n", i, err.primary);
		return false;
	}
	o = db_result_get(res, 0, 0);
	ok = i % 2 == 0 ? !strcmp(o, "ok") || !strcmp(o, "budget_short")
			: !strcmp(o, "ok") || !strcmp(o, "budget_below_used");
	if (!ok)
		fprintf(stderr, "race caller %d: %s\n", i, o);
	db_result_free(&res);
	return ok;
}

/* A provider with no services: the invariants of vouchers alone, not of
 * the slots other tests are booking meanwhile. */
static long long no_slots_provider(struct db_conn *admin)
{
	char cc[19], name[64];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "预算测试服务商%d-%d", (int)getpid(), ++seq);
	const char *p[] = { cc, name };
	char *id = dbtest_value(
		admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')", 2,
		p);
	long long v = atoll(id);

	free(id);
	return v;
}

START_TEST(issue_and_set_at_once)
{
	struct db_conn *admin = dbtest_admin();
	struct race r = { .programme = programme_new(admin, 1000, 6000) };
	char names[1][64], id[19];
	char *info = dbtest_terminal_add(admin, "staff", NULL, names[0]);
	struct db_conn *desk = db_conn_new(info, "wanchuang-tests");

	ck_assert(db_conn_open(desk));
	for (int i = 0; i < RACE_N; i++) {
		r.token[i] = dbtest_sign_in(admin, desk, i % 2 ? "bureau" : "counter",
					    i % 2 ? "340000" : "340104", NULL);
		r.person[i] = i % 2 ? NULL : dbtest_person(admin, "{}", "intending", id);
	}
	ck_assert_int_eq(dbtest_race(admin, RACE_N, 1, names, &info, NULL, race_act, &r), 0);
	char *b = budget_of(admin, r.programme);
	long long total = atoll(b), left = atoll(strchr(b, '/') + 1);
	long long issued = issued_fen(admin, r.programme);
	ck_assert_msg(total - left == issued, "budget %s, %lld issued", b, issued);
	ck_assert_int_le(issued, total);
	free(b);
	/* and the vouchers' own ledgers, as after every booking test */
	struct sbuf report = SBUF_INIT;
	struct db_error err = DB_ERROR_INIT;
	long long g = atoll(r.programme);
	int bad = invariants_check(admin, no_slots_provider(admin), g, &report, NULL, &err);
	ck_assert_msg(bad == 0, "invariants: %s%s", err.primary ? err.primary : "",
		      report.buf ? report.buf : "");
	sbuf_release(&report);
	for (int i = 0; i < RACE_N; i++) {
		free(r.token[i]);
		free(r.person[i]);
	}
	free(r.programme);
	free(info);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

/* The table itself refuses a budget with more available than its total. */
START_TEST(used_part_never_negative)
{
	struct db_conn *admin = dbtest_admin();
	char *g = programme_new(admin, 1000, 3000);
	struct db_error err = DB_ERROR_INIT;
	const char *p[] = { g };

	ck_assert(db_exec(admin,
			  "UPDATE wc.voucher_budget SET available_fen = total_fen + 1"
			  " WHERE programme_id = $1 AND county_code = '340104'",
			  1, p, NULL, &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "23514");
	db_error_release(&err);
	free(g);
	db_conn_free(&admin);
}
END_TEST

static char *programme_save(struct db_conn *c, const char *token, const char *code,
			    const char *face, const char *months, const char *categories)
{
	char key[37];

	db_request_key(key);
	const char *p[] = { token, key, code, face, months, categories };
	return dbtest_value(c,
			    "SELECT outcome FROM api.voucher_programme_save($1, $2::uuid, $3,"
			    " '新项目', $4::bigint, $5::int, $6::text[], true, '{}', NULL)",
			    6, p);
}

/* Save the programme code (5000 yuan, 12 months, training) for groups
 * and stage (NULL: either); the outcome. */
static char *eligibility_save(struct db_conn *c, const char *token, const char *code,
			      const char *groups, const char *stage)
{
	char key[37];

	db_request_key(key);
	const char *p[] = { token, key, code, groups, stage };
	return dbtest_value(c,
			    "SELECT outcome FROM api.voucher_programme_save($1, $2::uuid, $3,"
			    " '资格测试券', 500000, 12, '{training}', true, $4::text[], $5)",
			    5, p);
}

/* The bureau sets who may be issued a programme's voucher: known person
 * categories and stages only, the bureau only; the list shows them, the
 * audit keeps them before and after, and issuing refuses anyone outside
 * them with the reason. */
START_TEST(bureau_sets_eligibility)
{
	struct db_conn *admin = dbtest_admin();
	struct desk bureau, city, clerk;
	char code[48], id1[19], id2[19], id3[19];
	struct {
		const char *groups, *stage, *want;
	} cases[] = {
		{ "{nosuch}", NULL, "bad_groups" },
		{ "{veteran,nosuch}", NULL, "bad_groups" },
		{ "{veteran,NULL}", NULL, "bad_groups" },
		{ "{veteran}", "retired", "bad_stage" },
		{ "{veteran}", "", "bad_stage" },
		{ "{}", NULL, "ok" },
		{ "{veteran,graduate,veteran}", "intending", "ok" },
	};

	snprintf(code, sizeof(code), "E%d-%d", (int)getpid(), ++seq);
	desk_open(admin, &bureau, "bureau", "340000");
	desk_open(admin, &city, "counter", "340100");
	desk_open(admin, &clerk, "counter", "340104");
	for (int i = 0; i < COUNT(cases); i++) {
		char *o = eligibility_save(bureau.c, bureau.token, code, cases[i].groups,
					   cases[i].stage);
		ck_assert_msg(strcmp(o, cases[i].want) == 0, "case %d: %s", i, o);
		free(o);
	}
	const char *p[] = { code, bureau.token };
	/* kept once each, in the list's order; the bureau's list shows them */
	char *row = dbtest_value(admin,
				 "SELECT array_to_string(groups, ',') || '/' || stage"
				 " FROM wc.voucher_programme WHERE code = $1",
				 1, p);
	ck_assert_str_eq(row, "graduate,veteran/intending");
	free(row);
	row = dbtest_value(bureau.c,
			   "SELECT group_names || '/' || stage FROM api.voucher_programme_list($2)"
			   " WHERE code = $1",
			   2, p);
	ck_assert_str_eq(row, "高校毕业生、退役军人/intending");
	free(row);
	char *audit = dbtest_value(admin,
				   "SELECT (detail->'was'->'groups')::text || '/' ||"
				   " coalesce(detail->'was'->>'stage', 'NULL') || '>' ||"
				   " (detail->'groups')::text || '/' || (detail->>'stage')"
				   " FROM wc.audit WHERE action = 'voucher_programme_save'"
				   " AND object = $1 ORDER BY id DESC LIMIT 1",
				   1, p);
	ck_assert_str_eq(audit, "[]/NULL>[\"graduate\", \"veteran\"]/intending");
	free(audit);
	/* a city's staff sets budgets, not who may be issued a voucher */
	city_refused(&city, code);
	/* issuing: a veteran intending, yes; one who started, no; a person of
	 * another category, no */
	dbtest_sql(admin, "SELECT wc_admin.budget_set($1, '340104', 5000000)", 1, p);
	char *prog = dbtest_value(admin, "SELECT id FROM wc.voucher_programme WHERE code = $1", 1, p);
	char *vet = dbtest_person(admin, "{veteran}", "intending", id1);
	char *started = dbtest_person(admin, "{veteran}", "started", id2);
	char *other = dbtest_person(admin, "{disabled}", "intending", id3);
	issue_as(clerk.c, clerk.token, other, prog, "outside_groups");
	issue_as(clerk.c, clerk.token, started, prog, "outside_stage");
	issue_as(clerk.c, clerk.token, vet, prog, "ok");
	/* set back to everyone at either stage: the others may be issued one */
	char *o = eligibility_save(bureau.c, bureau.token, code, "{}", NULL);
	ck_assert_str_eq(o, "ok");
	free(o);
	issue_as(clerk.c, clerk.token, other, prog, "ok");
	issue_as(clerk.c, clerk.token, started, prog, "ok");
	free(vet);
	free(started);
	free(other);
	free(prog);
	desk_close(&bureau);
	desk_close(&city);
	desk_close(&clerk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(bureau_sets_programmes)
{
	struct db_conn *admin = dbtest_admin();
	struct desk bureau, city;
	char code[48];
	struct {
		const char *face, *months, *categories, *want;
	} cases[] = {
		{ "0", "12", "{training}", "bad_face" },
		{ "10000001", "12", "{training}", "bad_face" },
		{ "50000", "0", "{training}", "bad_months" },
		{ "50000", "61", "{training}", "bad_months" },
		{ "50000", "12", "{}", "bad_categories" },
		{ "50000", "12", "{nosuch}", "bad_categories" },
		{ "50000", "12", "{training}", "ok" },
		{ "80000", "6", "{training,guidance}", "ok" },
	};

	snprintf(code, sizeof(code), "N%d-%d", (int)getpid(), ++seq);
	desk_open(admin, &bureau, "bureau", "340000");
	desk_open(admin, &city, "counter", "340100");
	for (int i = 0; i < COUNT(cases); i++) {
		char *o = programme_save(bureau.c, bureau.token, code, cases[i].face,
					 cases[i].months, cases[i].categories);
		ck_assert_msg(strcmp(o, cases[i].want) == 0, "case %d: %s", i, o);
		free(o);
	}
	{
		char *o =
			programme_save(bureau.c, bureau.token, "bad code!", "1", "1", "{training}");
		ck_assert_str_eq(o, "bad_code");
		free(o);
	}
	const char *p[] = { code };
	char *row = dbtest_value(admin,
				 "SELECT face_fen || '/' || valid_months || '/' || array_length("
				 "categories, 1) FROM wc.voucher_programme WHERE code = $1",
				 1, p);
	ck_assert_str_eq(row, "80000/6/2");
	free(row);
	char *audit =
		dbtest_value(admin,
			     "SELECT count(*) || ':' || coalesce(max(detail->'was'->>'face_fen'),"
			     " '') FROM wc.audit WHERE action = 'voucher_programme_save'"
			     " AND object = $1",
			     1, p);
	ck_assert_str_eq(audit, "2:50000");
	free(audit);
	/* a city's staff sets budgets, not programmes */
	city_refused(&city, code);
	desk_close(&bureau);
	desk_close(&city);
	db_conn_free(&admin);
}
END_TEST

Suite *budgets_suite(void)
{
	Suite *s = suite_create("budgets");
	TCase *tc = tcase_create("budgets");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, who_sets_budgets);
	tcase_add_test(tc, budget_never_below_used);
	tcase_add_test(tc, bureau_sets_programmes);
	tcase_add_test(tc, bureau_sets_eligibility);
	tcase_add_test(tc, used_part_never_negative);
	tcase_add_test(tc, issue_and_set_at_once);
	suite_add_tcase(s, tc);
	return s;
}
