/*
 * bench/queue: the supervisor's complaint queue (api.complaint_queue),
 * first page, one filter at a time.
 *
 *   bench/queue CONNINFO --password PW [--rounds R] [--function NAME]
 *
 * CONNINFO is an administrator's connection to a database that
 * bench/queue.sql has filled (bench/queue.sh makes a throwaway one); PW
 * is the password it gave the staff accounts qb_super (a supervisor),
 * qb_light and qb_new (supervisors with few complaints assigned and with
 * none) and qb_counter (the 金寨县 counter). A staff terminal login is added, and they sign in at it
 * with api.staff_login, as at a desk. Then, round by
 * round on that one connection (every filter once a round, after a round
 * that is not counted), the server's execution time of
 *
 *   EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM api.complaint_queue(token,
 *           status, due, region, category, against, mine, 0, 20)
 *
 * which is the whole call inside the server (the session check and its
 * last_seen update, the statement put together and planned for its
 * filters, the page, the names joined to it) but not the network, the
 * parse of the outer SELECT or the commit; and, interleaved with it, the
 * same call timed by the client (what the desk waits for: with the
 * round trip over the local socket and the commit's WAL flush). It
 * prints, for each filter, how many complaints match, the median and
 * p95 of both, and whether the p95 of the server's time is under 20 ms.
 * --function times another function of the same arguments instead (a
 * candidate version, or the one before a change, made in that database).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/load/fixture.h"

enum { TARGET_MS = 20 };

/* Who asks: the supervisor, one with few complaints, one with none yet,
 * the counter. */
enum who { SUPER, LIGHT, NEW, COUNTER, NWHO };
static const char *const usernames[NWHO] = { "qb_super", "qb_light", "qb_new", "qb_counter" };
static char *token[NWHO], *staff_id[NWHO];

struct filter {
	const char *label;
	enum who who;
	const char *status, *due, *region, *category, *against;
	bool mine;
};

static const struct filter filters[] = {
	{ "all open (no filter)", SUPER, NULL, NULL, NULL, NULL, NULL, false },
	{ "status submitted 待受理", SUPER, "submitted", NULL, NULL, NULL, NULL, false },
	{ "status accepted 已受理", SUPER, "accepted", NULL, NULL, NULL, NULL, false },
	{ "status handling 办理中", SUPER, "handling", NULL, NULL, NULL, NULL, false },
	{ "status waiting 待补充材料", SUPER, "waiting", NULL, NULL, NULL, NULL, false },
	{ "status replied 已答复", SUPER, "replied", NULL, NULL, NULL, NULL, false },
	{ "status follow_up 回访", SUPER, "follow_up", NULL, NULL, NULL, NULL, false },
	{ "status redo 重办", SUPER, "redo", NULL, NULL, NULL, NULL, false },
	{ "status closed 已办结", SUPER, "closed", NULL, NULL, NULL, NULL, false },
	{ "status rejected 不予受理", SUPER, "rejected", NULL, NULL, NULL, NULL, false },
	{ "status all (finished too)", SUPER, "all", NULL, NULL, NULL, NULL, false },
	{ "overdue 已超期", SUPER, NULL, "overdue", NULL, NULL, NULL, false },
	{ "soon 即将超期", SUPER, NULL, "soon", NULL, NULL, NULL, false },
	{ "reported 已上报 (the bureau's view)", SUPER, NULL, "escalated", NULL, NULL, NULL,
	  false },
	{ "county 黄山区 (fewest)", SUPER, NULL, NULL, "341003", NULL, NULL, false },
	{ "city 合肥市 (most)", SUPER, NULL, NULL, "340100", NULL, NULL, false },
	{ "category 场外交易", SUPER, NULL, NULL, NULL, "offline_trade", NULL, false },
	{ "against operator 运营商", SUPER, NULL, NULL, NULL, NULL, "operator", false },
	{ "mine (assigned to me)", SUPER, NULL, NULL, NULL, NULL, NULL, true },
	{ "mine, a handler with few", LIGHT, NULL, NULL, NULL, NULL, NULL, true },
	{ "mine, a handler with none yet", NEW, NULL, NULL, NULL, NULL, NULL, true },
	{ "counter 金寨县, own county", COUNTER, NULL, NULL, NULL, NULL, NULL, false },
	/* filters combined, as a supervisor narrows a list */
	{ "city 合肥市 + overdue", SUPER, NULL, "overdue", "340100", NULL, NULL, false },
	{ "mine + overdue", SUPER, NULL, "overdue", NULL, NULL, NULL, true },
	{ "counter 金寨县 + soon", COUNTER, NULL, "soon", NULL, NULL, NULL, false },
	{ "category 收费问题 + against service", SUPER, NULL, NULL, NULL, "charges", "service",
	  false },
	{ "status rejected + county 黄山区", SUPER, "rejected", NULL, "341003", NULL, NULL, false },
	{ "status all + county 黄山区", SUPER, "all", NULL, "341003", NULL, NULL, false },
	{ "status all + category 场外交易", SUPER, "all", NULL, NULL, "offline_trade", NULL,
	  false },
	{ "status all + mine", SUPER, "all", NULL, NULL, NULL, NULL, true },
	{ "status all + mine, a handler with few", LIGHT, "all", NULL, NULL, NULL, NULL, true },
	{ "status all + mine, none yet", NEW, "all", NULL, NULL, NULL, NULL, true },
	{ "status all + reported 已上报", SUPER, "all", "escalated", NULL, NULL, NULL, false },
	{ "counter 金寨县, status all", COUNTER, "all", NULL, NULL, NULL, NULL, false },
};
enum { NF = sizeof(filters) / sizeof(filters[0]) };

static struct db_conn *desk;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The p-quantile of n sorted values (nearest rank). */
static double pct(const double *v, int n, double p)
{
	int i = (int)(p * n + 0.999999) - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static char queue_sql[200]; /* the call, with the function timed */

static void params(const struct filter *f, const char *p[7])
{
	p[0] = token[f->who];
	p[1] = f->status;
	p[2] = f->due;
	p[3] = f->region;
	p[4] = f->category;
	p[5] = f->against;
	p[6] = f->mine ? "t" : "f";
}

/* The server's execution time of one call, in ms; its rows in *rows. */
static double server_ms(const struct filter *f, int *rows)
{
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf s = SBUF_INIT;
	const char *p[7];
	double ms = -1;

	params(f, p);
	sbuf_addf(&s, "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) %s", queue_sql);
	if (db_exec(desk, s.buf, 7, p, &r, &err) != DB_OK)
		fixture_die(f->label, &err);
	const char *json = db_result_get(r, 0, 0);
	const char *at = strstr(json, "\"Execution Time\": ");
	const char *n = strstr(json, "\"Actual Rows\": ");
	if (!at || !n)
		fixture_die(f->label,
			    &(struct db_error){ .primary = "no execution time in EXPLAIN" });
	ms = atof(at + strlen("\"Execution Time\": "));
	*rows = atoi(n + strlen("\"Actual Rows\": "));
	db_result_free(&r);
	sbuf_release(&s);
	return ms;
}

/* The same call as the desk makes it, timed by the client, in ms. */
static double client_ms(const struct filter *f)
{
	struct db_error err = DB_ERROR_INIT;
	const char *p[7];

	params(f, p);
	double t0 = now_ms();
	if (db_exec(desk, queue_sql, 7, p, NULL, &err) != DB_OK)
		fixture_die(f->label, &err);
	return now_ms() - t0;
}

/* " AND c.column = $n", the value as the next parameter. */
static void cond(struct sbuf *q, const char **p, int *n, const char *column, const char *value)
{
	p[(*n)++] = value;
	sbuf_addf(q, " AND c.%s = $%d", column, *n);
}

/* How many complaints the filter matches, counted by the administrator
 * with the conditions api.complaint_queue puts together. */
static long long matching(struct db_conn *admin, const struct filter *f)
{
	struct sbuf q = SBUF_INIT;
	const char *p[5];
	int n = 0;

	sbuf_adds(&q, "SELECT count(*) FROM wc.complaint c WHERE true");
	if (!f->status)
		sbuf_adds(&q, " AND c.status NOT IN ('closed', 'rejected')");
	else if (strcmp(f->status, "all") != 0)
		cond(&q, p, &n, "status", f->status);
	if (f->due && strcmp(f->due, "escalated") == 0)
		sbuf_adds(&q, " AND c.escalated_at IS NOT NULL");
	else if (f->due && strcmp(f->due, "overdue") == 0)
		sbuf_adds(&q,
			  " AND c.status NOT IN ('closed', 'rejected') AND c.due_on < wc.today()");
	else if (f->due)
		sbuf_adds(&q,
			  " AND c.status NOT IN ('closed', 'rejected') AND c.due_on >= wc.today()"
			  " AND c.due_on <= wc.workdays_after(wc.today(),"
			  " wc.setting_int('complaint_soon_days'))");
	if (f->region) {
		p[n++] = f->region;
		sbuf_addf(&q, " AND (c.county_code = $%d OR c.city_code = $%d)", n, n);
	}
	if (f->who == COUNTER)
		sbuf_adds(&q, " AND (c.county_code = '341524' OR c.city_code = '341524')");
	if (f->category)
		cond(&q, p, &n, "category", f->category);
	if (f->against)
		cond(&q, p, &n, "against", f->against);
	if (f->mine)
		cond(&q, p, &n, "handler_id", staff_id[f->who]);
	long long count = fixture_ll(admin, q.buf, n, p);
	sbuf_release(&q);
	return count;
}

static char *sign_in(const char *user, const char *password)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;

	if (db_staff_login(desk, user, password, &s, &until, &err) != DB_LOGIN_OK)
		fixture_die("staff sign-in", &err);
	if (s.must_change)
		fixture_die("staff sign-in",
			    &(struct db_error){ .primary = "must change password" });
	char *t = xstrdup(s.token);
	staff_session_release(&s);
	free(until);
	return t;
}

int main(int argc, char **argv)
{
	const char *password = NULL, *function = "api.complaint_queue";
	int rounds = 200;

	for (int i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--password") == 0)
			password = argv[i + 1];
		else if (strcmp(argv[i], "--rounds") == 0)
			rounds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--function") == 0)
			function = argv[i + 1];
	}
	if (argc < 2 || !password || rounds < 1 || strlen(function) > 100 ||
	    strspn(function, "abcdefghijklmnopqrstuvwxyz0123456789_.") != strlen(function)) {
		fprintf(stderr, "usage: bench/queue CONNINFO --password PW [--rounds R]"
				" [--function NAME]\n");
		return 2;
	}
	snprintf(queue_sql, sizeof(queue_sql),
		 "SELECT * FROM %s($1, $2, $3, $4, $5, $6, $7, 0, 20)", function);
	struct db_conn *admin = fixture_connect(argv[1], "wanchuang-bench-admin");
	char *info = fixture_terminal(admin, "staff", NULL);
	desk = fixture_connect(info, "wanchuang-bench");
	free(info);
	for (int w = 0; w < NWHO; w++) {
		const char *p[] = { usernames[w] };
		token[w] = sign_in(usernames[w], password);
		staff_id[w] =
			fixture_value(admin, "SELECT id FROM wc.staff WHERE username = $1", 1, p);
	}

	double *srv[NF], *cli[NF];
	int rows[NF];
	for (int f = 0; f < NF; f++) {
		srv[f] = xcalloc((size_t)rounds, sizeof(double));
		cli[f] = xcalloc((size_t)rounds, sizeof(double));
	}
	double t0 = now_ms();
	for (int f = 0; f < NF; f++) /* a round not counted: caches and catalogs */
		server_ms(&filters[f], &rows[f]), client_ms(&filters[f]);
	for (int r = 0; r < rounds; r++)
		for (int f = 0; f < NF; f++) {
			srv[f][r] = server_ms(&filters[f], &rows[f]);
			cli[f][r] = client_ms(&filters[f]);
		}
	double took = (now_ms() - t0) / 1e3;

	printf("%s, first page (offset 0, 20 rows), %d rounds in %.0f s;"
	       " server = EXPLAIN ANALYZE's execution time, client = the call's round trip\n\n",
	       function, rounds, took);
	printf("| filter | matching | rows | server p50 | server p95 | client p50 | client p95 |"
	       " under %d ms (server p95) |\n",
	       TARGET_MS);
	printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
	int missed = 0;
	for (int f = 0; f < NF; f++) {
		qsort(srv[f], (size_t)rounds, sizeof(double), cmp_double);
		qsort(cli[f], (size_t)rounds, sizeof(double), cmp_double);
		double s95 = pct(srv[f], rounds, 0.95);
		missed += s95 >= TARGET_MS;
		printf("| %s | %lld | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |\n",
		       filters[f].label, matching(admin, &filters[f]), rows[f],
		       pct(srv[f], rounds, 0.5), s95, pct(cli[f], rounds, 0.5),
		       pct(cli[f], rounds, 0.95), s95 < TARGET_MS ? "yes" : "**no**");
		free(srv[f]);
		free(cli[f]);
	}
	printf("\n%d of %d filters under %d ms at p95\n", NF - missed, NF, TARGET_MS);
	for (int w = 0; w < NWHO; w++) {
		free(token[w]);
		free(staff_id[w]);
	}
	db_conn_free(&desk);
	db_conn_free(&admin);
	return 0;
}
