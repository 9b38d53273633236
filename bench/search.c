/*
 * bench/search: the Chinese policy search and the matcher at scale.
 *
 *   bench/search CONNINFO [--size N] [--rounds R] [--keep 1]
 *
 * CONNINFO is an administrator's connection to a migrated database that
 * the benchmark may fill (bench/search.sh makes a throwaway one). It adds
 * N generated policies (default 100,000; text from the words real
 * policies use, with a fixed seed), then times, interleaved round by
 * round on one connection, the server's execution time (EXPLAIN ANALYZE)
 * of
 *   - api.policy_search's first page for 1-, 2- and 4-character queries,
 *   - a plain ILIKE '%q%' scan over the same rows for the same query,
 * and prints the median and p95 of each and the ratio. Then it matches
 * one profile against every policy in force that a county sees: the
 * old full fetch and the matching in src/core timed apart, then the
 * terminal's copy (src/db/policy_cache.c): its first load, a refresh when
 * nothing changed, and the match over the compiled trees; the target is
 * refresh + match under 5 ms. --keep 1 leaves the
 * generated policies in the database, and a later run with --keep 1 uses
 * them instead of generating again (for studying plans by hand).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"

static struct db_conn *conn;

static void die(const char *what, const struct db_error *err)
{
	fprintf(stderr, "bench/search: %s: %s\n", what, err && err->primary ? err->primary : "");
	exit(1);
}

static void run(const char *sql, int n, const char *const *p)
{
	struct db_error err = DB_ERROR_INIT;

	if (db_exec(conn, sql, n, p, NULL, &err) != DB_OK)
		die(sql, &err);
}

/* The server's execution time of one statement, in ms. */
static double server_ms(const char *sql, const char *q)
{
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf s = SBUF_INIT;
	const char *p[] = { q };
	double ms = -1;

	sbuf_addf(&s, "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) %s", sql);
	if (db_exec(conn, s.buf, 1, p, &r, &err) != DB_OK)
		die(sql, &err);
	const char *json = db_result_get(r, 0, 0);
	const char *at = strstr(json, "\"Execution Time\": ");
	if (at)
		ms = atof(at + strlen("\"Execution Time\": "));
	db_result_free(&r);
	sbuf_release(&s);
	return ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	int i = (int)(p * (n - 1) + 0.5);
	return v[i];
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Append s to a PostgreSQL array literal being built in out, quoted. */
static void array_add(struct sbuf *out, const char *s)
{
	sbuf_adds(out, out->len > 1 ? ",\"" : "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sbuf_addch(out, '\\');
		sbuf_addch(out, *s);
	}
	sbuf_addch(out, '"');
}

static unsigned long long rng = 20251;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* words tokens long, from tok (the pieces of real policies) */
static void words(struct sbuf *out, char **tok, unsigned ntok, int n)
{
	for (int i = 0; i < n; i++)
		sbuf_adds(out, tok[rnd(ntok)]);
}

/*
 * size policies whose text is made of the two-character pieces of the
 * shipped ones, so that words come about as often as in real policies
 * (融资 in about one in ten), plus a rare word in one in a hundred.
 */
/* How many generated policies the database holds. */
static long generated(void)
{
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	long n;

	if (db_exec(conn, "SELECT count(*) FROM wc.policy WHERE code LIKE 'B-%'", 0, NULL, &r,
		    &err) != DB_OK)
		die("count", &err);
	n = atol(db_result_get(r, 0, 0));
	db_result_free(&r);
	return n;
}

static void generate(long size)
{
	static const char *const rare[] = { "算力", "数据要素", "知识产权", "直播电商",
					    "低空经济" };
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	double t0 = now_ms();

	run("DELETE FROM wc.policy WHERE code LIKE 'B-%'", 0, NULL);
	if (db_exec(conn,
		    "SELECT substr(body, i, 2) FROM wc.policy, generate_series(1, length(body) - "
		    "1, 2) i"
		    " WHERE code NOT LIKE 'B-%'",
		    0, NULL, &r, &err) != DB_OK ||
	    db_result_rows(r) == 0)
		die("no shipped policies to take words from (import data/policies first)", &err);
	unsigned ntok = (unsigned)db_result_rows(r);
	char **tok = xcalloc(ntok, sizeof(char *));
	for (unsigned i = 0; i < ntok; i++)
		tok[i] = db_result_dup(r, (int)i, 0);
	db_result_free(&r);
	for (long at = 1; at <= size; at += 1000) {
		struct sbuf g = SBUF_INIT, t = SBUF_INIT, in = SBUF_INIT, b = SBUF_INIT,
			    one = SBUF_INIT;
		sbuf_adds(&g, "{");
		sbuf_adds(&t, "{");
		sbuf_adds(&in, "{");
		sbuf_adds(&b, "{");
		for (long k = at; k < at + 1000 && k <= size; k++) {
			sbuf_addf(&g, "%s%ld", g.len > 1 ? "," : "", k);
			sbuf_reset(&one);
			words(&one, tok, ntok, 4 + (int)(k % 4));
			array_add(&t, one.buf);
			sbuf_reset(&one);
			words(&one, tok, ntok, 40 + (int)(k % 20));
			array_add(&in, one.buf);
			sbuf_reset(&one);
			words(&one, tok, ntok, 150 + (int)(k % 100));
			if (k % 97 == 0)
				sbuf_adds(&one, rare[k % 5]);
			array_add(&b, one.buf);
		}
		sbuf_adds(&g, "}");
		sbuf_adds(&t, "}");
		sbuf_adds(&in, "}");
		sbuf_adds(&b, "}");
		const char *p[] = { g.buf, t.buf, in.buf, b.buf };
		run("INSERT INTO wc.policy (code, title, region, effective_on, expires_on, kind, "
		    "groups,"
		    " entities, age_min, age_max, reg_max, interpretation, body)"
		    " SELECT 'B-' || g, t,"
		    " CASE WHEN g % 3 = 0 THEN '340000' ELSE rg[1 + g % cardinality(rg)] END,"
		    " date '2015-01-01' + (g * 7) % 4000,"
		    " CASE WHEN g % 5 = 0 THEN date '2015-01-01' + (g * 7) % 4000 + 700 END,"
		    " (ARRAY['subsidy', 'loan', 'tax', 'premises', 'training', 'service', "
		    "'other'])[1 + g % 7],"
		    " (ARRAY['{}', '{graduate}', '{veteran,returnee}', '{poverty_relieved}', "
		    "'{}'])[1 + g % 5]::text[],"
		    " (ARRAY['{}', '{individual_business,small_enterprise}', '{person}'])[1 + g % "
		    "3]::text[],"
		    " CASE WHEN g % 2 = 0 THEN 16 END, CASE WHEN g % 3 = 0 THEN 45 END,"
		    " CASE WHEN g % 4 = 0 THEN 36 END, i, b"
		    " FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS u(g, t, i, b),"
		    " (SELECT array_agg(code ORDER BY code) AS rg FROM wc.region) AS r",
		    4, p);
		sbuf_release(&g);
		sbuf_release(&t);
		sbuf_release(&in);
		sbuf_release(&b);
		sbuf_release(&one);
	}
	for (unsigned i = 0; i < ntok; i++)
		free(tok[i]);
	free(tok);
	run("ANALYZE wc.policy", 0, NULL);
	printf("generated %ld policies in %.1f s (with the index)\n", size, (now_ms() - t0) / 1e3);
}

static void bench_queries(int rounds)
{
	static const char *const queries[] = { "贷",   "券",	   "融资",     "补贴",	  "孵化",
					       "算力", "创业担保", "知识产权", "数据要素" };
	enum { NQ = sizeof(queries) / sizeof(queries[0]) };
	double *idx[NQ], *scan[NQ];
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;

	for (int q = 0; q < NQ; q++) {
		idx[q] = calloc((size_t)rounds, sizeof(double));
		scan[q] = calloc((size_t)rounds, sizeof(double));
	}
	for (int i = 0; i < rounds; i++)
		for (int q = 0; q < NQ; q++) {
			idx[q][i] =
				server_ms("SELECT * FROM api.policy_search($1, NULL, NULL, NULL,"
					  " true, NULL, 20)",
					  queries[q]);
			scan[q][i] = server_ms("SELECT p.id FROM wc.policy p"
					       " WHERE (p.title || E'\\n' || p.interpretation || "
					       "E'\\n' || p.body) ILIKE '%' || $1 || '%'",
					       queries[q]);
		}
	printf("\n%-10s %8s | %10s %8s | %10s %8s | %7s\n", "query", "hits", "index p50", "p95",
	       "ILIKE p50", "p95", "ratio");
	for (int q = 0; q < NQ; q++) {
		const char *p[] = { queries[q] };
		if (db_exec(conn,
			    "SELECT count(*) FROM wc.policy p WHERE (p.title || E'\\n' || "
			    "p.interpretation || E'\\n' || p.body) ILIKE '%' || $1 || '%'",
			    1, p, &r, &err) != DB_OK)
			die("count", &err);
		double i50 = pct(idx[q], rounds, 0.5), i95 = pct(idx[q], rounds, 0.95);
		double s50 = pct(scan[q], rounds, 0.5), s95 = pct(scan[q], rounds, 0.95);
		int chars = (int)text_width(queries[q]) / 2;
		printf("%s%*s %8s | %7.2f ms %5.2f ms | %7.2f ms %5.2f ms | %6.1fx\n", queries[q],
		       10 - 2 * chars, "", db_result_get(r, 0, 0), i50, i95, s50, s95, s50 / i50);
		db_result_free(&r);
		free(idx[q]);
		free(scan[q]);
	}
}

static struct date local_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

static double min_d(double a, double b)
{
	return a < b ? a : b;
}

/* One profile against the county's policies: the old way (a full fetch,
 * each policy's tree built and freed per match), then the terminal's copy
 * (its first load, a refresh with nothing changed, the match over it). */
static void bench_match(const char *county, int rounds)
{
	struct code_list groups = { 0 };
	struct region_list regions = { 0 };
	struct db_error err = DB_ERROR_INIT;
	struct policy_set set;
	struct policy_cache pc;
	struct match_result *res = NULL;
	double fetch = 1e9, match = 1e9, load = 1e9, refresh = 1e9, cached = 1e9;
	int fits = 0, cfits = 0, in_force = 0, changed = 0;
	const char *vet[] = { "veteran" };
	struct match_profile p = MATCH_PROFILE_INIT;
	struct date today = local_today();

	if (db_person_categories(conn, &groups, &err) != DB_OK ||
	    db_regions_load(conn, &regions, &err) != DB_OK)
		die("lists", &err);
	struct cond_vocab v = { &groups, &regions };
	match_profile_birth_date(&p, (struct date){ 1988, 3, 1 }, (struct date){ 2026, 11, 27 });
	p.groups = vet, p.ngroups = 1, p.groups_known = true;
	p.entity = "individual_business", p.stage = "started", p.reg_months = 14;
	p.county = county;
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (db_policies_in_force(conn, county, &set, &err) != DB_OK)
			die("policies_in_force", &err);
		double t1 = now_ms();
		fits = 0;
		for (int k = 0; k < set.count; k++) {
			struct cond *c = policy_rule_cols_cond(&set.v[k].rules, &v);
			struct match_result m;
			policy_match(c, &p, &m);
			fits += m.verdict == VERDICT_YES;
			cond_free(c);
		}
		double t2 = now_ms();
		fetch = min_d(fetch, t1 - t0);
		match = min_d(match, t2 - t1);
		if (i + 1 < rounds)
			policy_set_release(&set);
	}
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		policy_cache_init(&pc, county);
		if (db_policy_cache_refresh(conn, &pc, &v, NULL, &err) != DB_OK)
			die("policy_changes", &err);
		load = min_d(load, now_ms() - t0);
		if (i + 1 < rounds)
			policy_cache_release(&pc);
	}
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (db_policy_cache_refresh(conn, &pc, &v, &changed, &err) != DB_OK)
			die("policy_changes", &err);
		double t1 = now_ms();
		res = xrealloc(res, ((size_t)pc.set.count + 1) * sizeof(*res));
		in_force = policy_set_match(&pc.set, &p, today, res);
		double t2 = now_ms();
		cfits = 0;
		for (int k = 0; k < pc.set.count; k++)
			cfits += res[k].verdict == VERDICT_YES;
		refresh = min_d(refresh, t1 - t0);
		cached = min_d(cached, t2 - t1);
	}
	printf("\nmatching one profile in %s: %d policies in force, %d fit; best of %d\n"
	       "  old: fetch (api.policies_in_force) %.2f ms, match building each tree %.2f ms"
	       " (%.3f us a policy)\n"
	       "  copy: first load (api.policy_changes, %d held) %.2f ms | refresh, nothing changed"
	       " (%d rows) %.2f ms | match %.2f ms (%.3f us a policy, %d in force, %d fit)\n"
	       "  target: refresh + match %.2f ms (under 5 ms: %s)\n",
	       county, set.count, fits, rounds, fetch, match,
	       set.count ? match * 1e3 / set.count : 0, pc.set.count, load, changed, refresh,
	       cached, in_force ? cached * 1e3 / in_force : 0, in_force, cfits, refresh + cached,
	       refresh + cached < 5 ? "yes" : "NO");
	if (cfits != fits || in_force != set.count)
		die("the copy's match differs from the full fetch's", NULL);
	free(res);
	policy_cache_release(&pc);
	policy_set_release(&set);
	code_list_release(&groups);
	region_list_release(&regions);
}

int main(int argc, char **argv)
{
	long size = 100000;
	int rounds = 30;
	bool keep = false;

	if (argc < 2) {
		fprintf(stderr, "usage: bench/search CONNINFO [--size N] [--rounds R]\n");
		return 2;
	}
	for (int i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--size") == 0)
			size = atol(argv[i + 1]);
		else if (strcmp(argv[i], "--rounds") == 0)
			rounds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--keep") == 0)
			keep = atoi(argv[i + 1]) != 0;
	}
	conn = db_conn_new(argv[1], "wanchuang-bench");
	if (!db_conn_open(conn)) {
		fprintf(stderr, "bench/search: %s\n", db_conn_message(conn));
		return 1;
	}
	/* the shipped policies first: what a real county sees */
	bench_match("341524", rounds);
	if (!keep || generated() != size)
		generate(size);
	bench_queries(rounds);
	bench_match("341524", rounds);
	if (!keep)
		run("DELETE FROM wc.policy WHERE code LIKE 'B-%'", 0, NULL);
	db_conn_free(&conn);
	return 0;
}
