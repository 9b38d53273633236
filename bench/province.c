/*
 * bench/province: a province-sized load on one database service.
 *
 *   bench/province ADMIN --via CONNINFO [--pooled | --shared] [--terminals N]
 *                  [--seconds S] [--think S] [--per-thread K] [--knee]
 *                  [--server-pid PID]
 *
 * ADMIN is an administrator's connection to a migrated database with the
 * policies imported (bench/province.sh makes a throwaway one). N terminal
 * logins are added (default 2000: 5 supervisors, one counter for every 20
 * terminals, the rest kiosks, spread over the 104 counties), each with a
 * person (kiosk) or a clerk (counter, supervisor) to sign in, and a
 * provider with a service and slots to book and a dozen services open to
 * the whole province, for the catalogue to list. CONNINFO says where the
 * terminals connect (host, port, dbname; each adds its own user and
 * password); --pooled when that is PgBouncer in transaction mode, with an
 * entry whose pools are per login. --shared when it is PgBouncer with the
 * shared entries (contrib/pgbouncer.ini.wanchuang): CONNINFO names no
 * database, a kiosk connects to wanchuang_kiosk and a counter or
 * supervisor to wanchuang_staff, each with its login and password, and
 * sends the key wanchuang-admin made for it (db_terminal_new_key, as
 * `terminal add` does) as the program sends its key file's. Each
 * terminal holds one connection for the whole run and repeats an action
 * of the mix (bench/province_terminal.c) after a pause drawn from an
 * exponential distribution of mean --think seconds (default 10), for S
 * seconds (default 600); K terminals share a thread (default 10).
 *
 * It prints per call type the calls, p50, p95, p99, the errors and the
 * refusals; how many terminals could not connect; how late actions
 * started (the threads' own lag); the server's CPU (PID: the postmaster,
 * its children's time from /proc) and its client connections at the end;
 * and after the run the seat and money invariants
 * (tests/load/invariants.c). The target: p95 under 50 ms for every call
 * type, every terminal connected, no call failing.
 *
 * --knee runs 250, 500, 1000, 2000, … terminals (up to N), S seconds
 * each, and stops at the first count that misses the target, saying what
 * gave out first.
 */
#include "config.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/province.h"
#include "tests/load/fixture.h"
#include "tests/load/invariants.h"

enum { TARGET_MS = 50, NSLOTS = 40, NSERVICES = 12 };

static struct province_world world;
static struct province_terminal *terms;
static bool pooled, shared;

/* The CPU time (clock ticks) of pid and its children, dead and alive. */
static long long tree_ticks(long pid)
{
	long long total = 0;
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[64], buf[1024];

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		long p = atol(e->d_name);
		if (p <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/stat", p);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		size_t n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[n] = '\0';
		/* after the command's closing parenthesis: state ppid … */
		char *at = strrchr(buf, ')');
		long ppid;
		long long ut, st, cut, cst;
		if (!at || sscanf(at + 2,
				  "%*c %ld %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld %lld %lld",
				  &ppid, &ut, &st, &cut, &cst) != 5)
			continue;
		if (p == pid)
			total += ut + st + cut + cst;
		else if (ppid == pid)
			total += ut + st;
	}
	closedir(d);
	return total;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(const double *v, int n, double p)
{
	int i = (int)(p * n + 0.999999) - 1;
	return n == 0 ? 0 : v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* An exponential pause of the world's mean, in ms. */
static double pause_ms(struct province_terminal *t)
{
	double u = ((double)rand_r(&t->seed) + 1.0) / ((double)RAND_MAX + 2.0);
	return -world.think_ms * log(u);
}

struct worker {
	pthread_t id;
	int first, stride, end; /* terminals first, first + stride, … < end */
	double until_ms;
	struct province_tally tally;
};

static void *work(void *arg)
{
	struct worker *w = arg;

	for (;;) {
		struct province_terminal *next = NULL;
		for (int i = w->first; i < w->end; i += w->stride)
			if (!next || terms[i].due_ms < next->due_ms)
				next = &terms[i];
		if (!next || next->due_ms >= w->until_ms)
			break;
		double now = province_now_ms();
		if (next->due_ms > now) {
			double ms = next->due_ms - now;
			struct timespec ts = { (time_t)(ms / 1e3), (long)(fmod(ms, 1e3) * 1e6) };
			nanosleep(&ts, NULL);
		} else {
			double lag = now - next->due_ms;
			struct province_tally *t = &w->tally;
			if (t->nlag == t->alloclag) {
				t->alloclag = t->alloclag ? t->alloclag * 2 : 256;
				t->lag_ms =
					xrealloc(t->lag_ms, (size_t)t->alloclag * sizeof(double));
			}
			t->lag_ms[t->nlag++] = lag;
		}
		province_terminal_act(next, &world, pooled, &w->tally);
		next->due_ms = province_now_ms() + pause_ms(next);
	}
	return NULL;
}

/* Connect and sign in a worker's terminals not connected yet (in
 * parallel: each costs a SCRAM exchange or two, on both sides). */
static void *connect_some(void *arg)
{
	struct worker *w = arg;

	for (int i = w->first; i < w->end; i += w->stride) {
		struct province_terminal *t = &terms[i];
		if (t->conn || !province_terminal_connect(t, pooled))
			continue;
		if (!t->token && !province_terminal_sign_in(t, &world))
			fprintf(stderr, "bench/province: terminal %d could not sign in\n", i);
	}
	return NULL;
}

/* Start fn on each of the n workers, and wait for them all. */
static void run_workers(struct worker *w, int n, void *(*fn)(void *))
{
	for (int k = 0; k < n; k++)
		if (pthread_create(&w[k].id, NULL, fn, &w[k]) != 0) {
			fprintf(stderr, "bench/province: no thread %d\n", k);
			exit(1);
		}
	for (int k = 0; k < n; k++)
		pthread_join(w[k].id, NULL);
}

/* Run n terminals for seconds; print the step's table. Returns whether
 * it met the target; *why says what gave out first when it did not. */
static bool step(struct db_conn *admin, int n, int seconds, int per_thread, long server_pid,
		 char *why, size_t whylen)
{
	int nthreads = (n + per_thread - 1) / per_thread;
	struct worker *w = xcalloc((size_t)nthreads, sizeof(*w));
	double t0 = province_now_ms();
	for (int k = 0; k < nthreads; k++)
		w[k] = (struct worker){ .first = k, .stride = nthreads, .end = n };
	run_workers(w, nthreads, connect_some);
	double connect_s = (province_now_ms() - t0) / 1e3;
	int unconnected = 0;
	for (int i = 0; i < n; i++)
		unconnected += !terms[i].conn;
	double start = province_now_ms(), until = start + seconds * 1e3;
	long long ticks0 = server_pid ? tree_ticks(server_pid) : 0;

	for (int i = 0; i < n; i++)
		terms[i].due_ms =
			start + (double)rand_r(&terms[i].seed) / RAND_MAX * world.think_ms;
	for (int k = 0; k < nthreads; k++)
		w[k].until_ms = until;
	run_workers(w, nthreads, work);
	struct province_tally all = { 0 };
	for (int k = 0; k < nthreads; k++)
		province_tally_merge(&all, &w[k].tally);
	double wall = (province_now_ms() - start) / 1e3;
	double cores = server_pid ? (double)(tree_ticks(server_pid) - ticks0) /
					    (double)sysconf(_SC_CLK_TCK) / wall
				  : -1;
	long long backends = fixture_ll(admin,
					"SELECT count(*) FROM pg_stat_activity"
					" WHERE backend_type = 'client backend'",
					0, NULL);

	printf("\n%d terminals (%s), %d threads, %.0f s; connecting and signing in took %.1f s;"
	       " %d could not connect\n\n",
	       n,
	       shared	? "through PgBouncer's shared entries, a pool per kind"
	       : pooled ? "through PgBouncer, a pool per login"
			: "direct",
	       nthreads, wall, connect_s, unconnected);
	printf("| call | calls | per s | p50 ms | p95 ms | p99 ms | errors | refused |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
	bool ok = true;
	*why = '\0';
	if (unconnected) {
		ok = false;
		snprintf(why, whylen, "%d terminals could not connect", unconnected);
	}
	long long calls = 0;
	for (int k = 0; k < PC_NCALLS; k++) {
		qsort(all.ms[k], (size_t)all.n[k], sizeof(double), cmp_double);
		double p95 = pct(all.ms[k], all.n[k], 0.95);
		calls += all.n[k];
		printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %d | %d |\n", province_call_name[k],
		       all.n[k], all.n[k] / wall, pct(all.ms[k], all.n[k], 0.5), p95,
		       pct(all.ms[k], all.n[k], 0.99), all.errors[k], all.refused[k]);
		if (ok && (p95 >= TARGET_MS || all.errors[k])) {
			ok = false;
			snprintf(why, whylen, "%s: p95 %.1f ms, %d errors", province_call_name[k],
				 p95, all.errors[k]);
		}
	}
	qsort(all.lag_ms, (size_t)all.nlag, sizeof(double), cmp_double);
	printf("\n%lld calls, %.1f a second; actions started late: p50 %.1f ms, p95 %.1f ms"
	       " (the bench's own threads); reconnects %d, failed %d\n",
	       calls, calls / wall, pct(all.lag_ms, all.nlag, 0.5), pct(all.lag_ms, all.nlag, 0.95),
	       all.reconnects, all.reconnect_failures);
	if (cores >= 0)
		printf("server CPU: %.2f cores of %ld; client connections on the server at the "
		       "end: %lld\n",
		       cores, sysconf(_SC_NPROCESSORS_ONLN), backends);
	printf("%s\n", ok ? "within the target (p95 < 50 ms, no errors, all connected)" : why);
	province_tally_release(&all);
	free(w);
	return ok;
}

/* The terminals, their logins, people and clerks; the provider's slots. */
static long long set_up(struct db_conn *admin, int n, const char *via)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	static char password[40];
	char cc[19];
	int pid = (int)getpid();

	snprintf(password, sizeof(password), "Prov-%d-Bench-2026", pid);
	world.staff_password = password;
	if (db_exec(admin, "SELECT code FROM wc.region WHERE level = 3 ORDER BY code", 0, NULL, &r,
		    &err) != DB_OK)
		fixture_die("counties", &err);
	int ncounties = db_result_rows(r);
	long long provider = fixture_provider(admin, cc);
	world.service = fixture_service(admin, cc, "guidance", 0);
	for (int i = 0; i < NSERVICES; i++) {
		char code[48];
		snprintf(code, sizeof(code), "PV%d-%d", pid, i);
		const char *p[] = { code, cc };
		fixture_sql(
			admin,
			"SELECT wc_admin.service_add($1, $2, '创业指导（全省）', 'guidance', false,"
			" true, 0, false, '340000', '线上一对一创业指导。', '线上', '0551', 24)",
			2, p);
	}
	long long *slots = xcalloc(NSLOTS, sizeof(long long));
	for (int i = 0; i < NSLOTS; i++)
		slots[i] = fixture_slot(admin, world.service, 10000, i * 61);
	world.slots = slots;
	world.nslots = NSLOTS;

	terms = xcalloc((size_t)n, sizeof(*terms));
	int counters = n >= 20, supervisors = n > 5 ? 5 : 0;
	for (int i = 0; i < n; i++) {
		struct province_terminal *t = &terms[i];
		char name[64], pw[40], info[512], id[19];
		/* kinds interleaved: the first connected are a sample of all */
		t->kind = supervisors && i % (n / supervisors) == 0 && i / (n / supervisors) < 5
				  ? PK_SUPERVISOR
			  : counters && i % 20 == 10 ? PK_COUNTER
						     : PK_KIOSK;
		t->county = xstrdup(db_result_get(r, i % ncounties, 0));
		t->seed = (unsigned int)(pid * 7919 + i);
		snprintf(name, sizeof(name), "pv_%d_%d", pid, i);
		snprintf(pw, sizeof(pw), "pv%d-%d-%x", pid, i, rand_r(&t->seed));
		if (db_terminal_add(admin, name, t->kind == PK_KIOSK ? "kiosk" : "staff",
				    t->kind == PK_KIOSK ? t->county : NULL, pw, &err) != DB_OK)
			fixture_die("terminal_add", &err);
		if (db_terminal_new_key(admin, name, &t->key, &err) != DB_OK)
			fixture_die("terminal_new_key", &err);
		/* the key travels only where the server cannot tell the terminal
		 * by its login: on the shared entries */
		if (!shared)
			XFREE_SECRET(t->key);
		snprintf(info, sizeof(info), "%s%s user=%s password=%s", via,
			 !shared	       ? ""
			 : t->kind == PK_KIOSK ? " dbname=wanchuang_kiosk"
					       : " dbname=wanchuang_staff",
			 name, pw);
		t->conninfo = xstrdup(info);
		if (t->kind == PK_KIOSK) {
			free(fixture_person(admin, id));
			t->id_number = xstrdup(id);
			continue;
		}
		snprintf(name, sizeof(name), "pv%d.%d", pid, i);
		if (db_staff_add(admin, name, t->kind == PK_COUNTER ? "counter" : "supervisor",
				 t->kind == PK_COUNTER ? t->county : "340000", "负载测试", password,
				 NULL, &err) != DB_OK)
			fixture_die("staff_add", &err);
		const char *p[] = { name };
		fixture_sql(admin, "UPDATE wc.staff SET must_change = false WHERE username = $1", 1,
			    p);
		t->id_number = xstrdup(name);
	}
	db_result_free(&r);
	return provider;
}

int main(int argc, char **argv)
{
	const char *via = NULL;

	setvbuf(stdout, NULL, _IOLBF, 0); /* each step as it ends, into a log too */
	int n = 2000, seconds = 600, per_thread = 10;
	long server_pid = 0;
	bool knee = false;

	world.think_ms = 10000;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--pooled") == 0)
			pooled = true;
		else if (strcmp(a, "--shared") == 0)
			pooled = shared = true;
		else if (strcmp(a, "--knee") == 0)
			knee = true;
		else if (!v)
			via = NULL, i = argc; /* a flag without its value: usage */
		else if (strcmp(a, "--via") == 0)
			via = v, i++;
		else if (strcmp(a, "--terminals") == 0)
			n = atoi(v), i++;
		else if (strcmp(a, "--seconds") == 0)
			seconds = atoi(v), i++;
		else if (strcmp(a, "--think") == 0)
			world.think_ms = atof(v) * 1e3, i++;
		else if (strcmp(a, "--per-thread") == 0)
			per_thread = atoi(v), i++;
		else if (strcmp(a, "--server-pid") == 0)
			server_pid = atol(v), i++;
	}
	if (argc < 2 || !via || n < 1 || seconds < 1 || per_thread < 1 || world.think_ms <= 0) {
		fprintf(stderr, "usage: bench/province ADMIN --via CONNINFO [--pooled | --shared]"
				" [--terminals N]"
				" [--seconds S] [--think S] [--per-thread K] [--knee]"
				" [--server-pid PID]\n");
		return 2;
	}
	struct db_conn *admin = fixture_connect(argv[1], "wanchuang-bench-admin");
	double t0 = province_now_ms();
	long long provider = set_up(admin, n, via);
	printf("set up %d terminals (logins, people, clerks) in %.0f s; think time %.1f s on "
	       "average\n",
	       n, (province_now_ms() - t0) / 1e3, world.think_ms / 1e3);

	char why[200];
	int most = 0;
	if (!knee) {
		step(admin, n, seconds, per_thread, server_pid, why, sizeof(why));
	} else {
		for (int k = 250;; k *= 2) {
			int m = k < n ? k : n;
			if (!step(admin, m, seconds, per_thread, server_pid, why, sizeof(why))) {
				printf("\nknee: %d terminals within the target; at %d, first to "
				       "give"
				       " out: %s\n",
				       most, m, why);
				break;
			}
			most = m;
			if (m == n) {
				printf("\nknee: all %d terminals within the target\n", n);
				break;
			}
		}
	}

	struct sbuf report = SBUF_INIT;
	struct invariants_tally tally = { 0 };
	struct db_error err = DB_ERROR_INIT;
	int bad = invariants_check(admin, provider, 0, &report, &tally, &err);
	if (bad < 0)
		fixture_die("invariants", &err);
	printf("invariants: %d violations over %lld slots, %lld bookings\n%s", bad, tally.slots,
	       tally.bookings, report.buf ? report.buf : "");
	sbuf_release(&report);
	for (int i = 0; i < n; i++) {
		db_conn_free(&terms[i].conn);
		free(terms[i].conninfo);
		free(terms[i].county);
		free(terms[i].id_number);
		free(terms[i].token);
		XFREE_SECRET(terms[i].key);
	}
	free(terms);
	free((void *)world.slots);
	db_conn_free(&admin);
	return bad ? 1 : 0;
}
