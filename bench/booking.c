/*
 * bench/booking: booking throughput through the real API, then the
 * invariants.
 *
 *   bench/booking CONNINFO --clients N [--seconds T] [--per-person K]
 *                 [--max-rate R]
 *
 * CONNINFO is an administrator's connection to a migrated database the
 * benchmark may fill (bench/booking.sh makes a throwaway one). N client
 * processes, each its own kiosk terminal login and connection, call
 * db_citizen_book — one api.citizen_book per transaction: the session
 * token checked, the idempotency key claimed, the person, voucher and
 * slot locked, the seat taken, the hold written to the ledger, the audit
 * row — as fast as they can for T seconds (default 10), and it prints
 * bookings a second, latency, and the invariants (tests/load/invariants.c)
 * over the whole database afterwards.
 *
 * What is booked: each client has its own K slots (a 50-yuan service,
 * seats for all its people) and its own people, each signed in at the
 * client's kiosk with a voucher of 1000 yuan; each person books the K
 * slots in turn, then the next person. So clients never wait for each
 * other's rows, no call is refused, and no person holds more than K open
 * bookings (booking_open_max is raised to K in this database when K is
 * above it; the shipped 3 is the default). Enough people are made for R
 * bookings a second (default 2500); a client that runs out ends the run,
 * which is then made again with twice as many.
 *
 * Setup is not timed: people are imported with wc_admin.person_import,
 * vouchers written with their issue entries in the ledger and taken from
 * the county's budget, sessions inserted as a kiosk sign-in leaves them
 * (api.citizen_login would spend a bcrypt hash on each of tens of
 * thousands of people), then ANALYZE and a CHECKPOINT.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/db/dbtest_ids.h"
#include "tests/load/fixture.h"
#include "tests/load/invariants.h"

enum { MAX_CLIENTS = 64, PRICE_FEN = 5000, FACE_FEN = 100000 };
/* Latency histogram: 50 µs buckets up to 2 s, then one for the rest. */
enum { BUCKETS = 40001, BUCKET_US = 50 };

struct run {
	int clients, per_person, seconds;
	long people; /* per client */
	char secret[37]; /* tokens are secret-person_id */
	char *kiosk[MAX_CLIENTS]; /* conninfo of each client's terminal */
	long long *slot; /* clients * per_person: client c's are c*K … c*K+K-1 */
	long long *person, *voucher; /* clients * people: client c's from c*people */
};

/* What a client reports, in memory shared with the parent. */
struct tally {
	long long ok, refused, errors;
	bool ran_out;
	char first_problem[200];
	long long hist[BUCKETS];
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- setup ---------------------------------------------------------------- */

/* A PostgreSQL array literal of n numbers. */
static char *ll_array(const long long *v, long n)
{
	struct sbuf s = SBUF_INIT;

	sbuf_addch(&s, '{');
	for (long i = 0; i < n; i++)
		sbuf_addf(&s, "%s%lld", i ? "," : "", v[i]);
	sbuf_addch(&s, '}');
	return sbuf_detach(&s);
}

/* n ids from a query returning one column, in its order. */
static void ids_read(struct db_conn *admin, const char *sql, int np, const char *const *p,
		     long long *out, long n)
{
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;

	if (db_exec(admin, sql, np, p, &r, &err) != DB_OK)
		fixture_die(sql, &err);
	if (db_result_rows(r) != n)
		fixture_die(sql, &(struct db_error){ .primary = "wrong number of rows" });
	for (long i = 0; i < n; i++)
		out[i] = atoll(db_result_get(r, (int)i, 0));
	db_result_free(&r);
}

/* n new people; their ids in out, in order. Their ID numbers are the
 * generator's numbers from the count of people already there; a chunk
 * that meets someone's number (WC011: a test's random person) moves on. */
static void people_import(struct db_conn *admin, long long *out, long n)
{
	unsigned long next =
		(unsigned long)fixture_ll(admin, "SELECT count(*) FROM wc.person", 0, NULL);
	enum { CHUNK = 2000 };

	for (long at = 0; at < n;) {
		struct sbuf ids = SBUF_INIT;
		struct db_result *r = NULL;
		struct db_error err = DB_ERROR_INIT;
		long k = n - at < CHUNK ? n - at : CHUNK;
		char no[19];

		sbuf_addch(&ids, '{');
		for (long i = 0; i < k; i++) {
			dbtest_id_number_at(next + (unsigned long)i, no);
			sbuf_addf(&ids, "%s%s", i ? "," : "", no);
		}
		sbuf_addch(&ids, '}');
		next += (unsigned long)k;
		const char *p[] = { ids.buf };
		enum db_status st = db_exec(
			admin,
			"SELECT wc_admin.person_import(x, '张晓明', '13912345678', '340104',"
			" '340104', '{}', 'intending', NULL, NULL, NULL, NULL)"
			" FROM unnest($1::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i",
			1, p, &r, &err);
		sbuf_release(&ids);
		if (st != DB_OK && strcmp(err.sqlstate, "WC011") == 0) {
			db_error_release(&err);
			continue;
		}
		if (st != DB_OK || db_result_rows(r) != k)
			fixture_die("importing people", &err);
		for (long i = 0; i < k; i++)
			out[at + i] = atoll(db_result_get(r, (int)i, 0));
		db_result_free(&r);
		at += k;
	}
}

/* A voucher for each person, as api.voucher_issue leaves it: the issue
 * entry in the ledger, the face value taken from the county's budget. */
static void vouchers_issue(struct db_conn *admin, long long programme, const long long *people,
			   long long *out, long n)
{
	char g[24];
	char *arr = ll_array(people, n);
	const char *p[] = { arr, g };

	snprintf(g, sizeof(g), "%lld", programme);
	fixture_sql(admin,
		    "INSERT INTO wc.voucher (no, programme_id, person_id, county_code, face_fen,"
		    " categories, valid_until, balance_fen)"
		    " SELECT 'QB' || x, $2::bigint, x, '340104', pg.face_fen, pg.categories,"
		    " wc.today() + 365, 0"
		    " FROM unnest($1::bigint[]) WITH ORDINALITY AS u(x, i),"
		    " wc.voucher_programme pg WHERE pg.id = $2::bigint ORDER BY i",
		    2, p);
	ids_read(admin,
		 "SELECT v.id FROM unnest($1::bigint[]) WITH ORDINALITY AS u(x, i)"
		 " JOIN wc.voucher v ON v.person_id = u.x AND v.programme_id = $2::bigint"
		 " ORDER BY u.i",
		 2, p, out, n);
	free(arr);
	arr = ll_array(out, n);
	const char *q[] = { arr, g };
	fixture_sql(admin,
		    "SELECT count(wc.voucher_move(v.id, 'issue', v.face_fen, 0, NULL, NULL))"
		    " FROM wc.voucher v WHERE v.id = ANY ($1::bigint[])",
		    1, q);
	fixture_sql(admin,
		    "UPDATE wc.voucher_budget bu SET available_fen = available_fen"
		    " - (SELECT sum(face_fen) FROM wc.voucher v WHERE v.id = ANY ($1::bigint[]))"
		    " WHERE bu.programme_id = $2::bigint AND bu.county_code = '340104'",
		    2, q);
	free(arr);
}

/* Sessions of a client's people at its terminal, as a sign-in leaves them. */
static void sessions_open(struct db_conn *admin, const char *secret, const char *terminal,
			  const long long *people, long n)
{
	char *arr = ll_array(people, n);
	const char *p[] = { arr, secret, terminal };

	fixture_sql(admin,
		    "INSERT INTO wc.citizen_session (token_hash, person_id, terminal)"
		    " SELECT wc.token_hash($2 || '-' || x), x, $3 FROM unnest($1::bigint[]) x",
		    3, p);
	free(arr);
}

static void run_setup(struct db_conn *admin, struct run *r)
{
	char cc[19], terminal[64], s[24], k[16], cap[16];
	long total = r->clients * r->people;
	double t0 = now_s();

	fixture_provider(admin, cc);
	long long service = fixture_service(admin, cc, "training", PRICE_FEN);
	long long programme =
		fixture_programme(admin, "{training}", FACE_FEN, (long long)FACE_FEN * total);
	snprintf(s, sizeof(s), "%lld", service);
	snprintf(k, sizeof(k), "%d", r->clients * r->per_person);
	snprintf(cap, sizeof(cap), "%ld", r->people);
	const char *p[] = { s, k, cap };
	r->slot = xcalloc((size_t)(r->clients * r->per_person), sizeof(long long));
	ids_read(admin,
		 "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
		 " SELECT $1::bigint, t, t + interval '1 hour', $3::int"
		 " FROM generate_series(0, $2::int - 1) g,"
		 " LATERAL (SELECT date_trunc('minute', now()) + make_interval(days => 3,"
		 " mins => g) AS t) x ORDER BY g RETURNING id",
		 3, p, r->slot, r->clients * r->per_person);
	r->person = xcalloc((size_t)total, sizeof(long long));
	r->voucher = xcalloc((size_t)total, sizeof(long long));
	people_import(admin, r->person, total);
	vouchers_issue(admin, programme, r->person, r->voucher, total);
	db_request_key(r->secret);
	for (int c = 0; c < r->clients; c++) {
		r->kiosk[c] = fixture_terminal(admin, "kiosk", terminal);
		sessions_open(admin, r->secret, terminal, r->person + c * r->people, r->people);
	}
	fixture_sql(admin, "ANALYZE", 0, NULL);
	fixture_sql(admin, "CHECKPOINT", 0, NULL);
	fprintf(stderr, "booking: %d clients: %ld people with vouchers, %d slots made in %.1f s\n",
		r->clients, total, r->clients * r->per_person, now_s() - t0);
}

static void run_free(struct run *r)
{
	for (int c = 0; c < r->clients; c++)
		XFREE(r->kiosk[c]);
	XFREE(r->slot);
	XFREE(r->person);
	XFREE(r->voucher);
}

/* --- a client ------------------------------------------------------------- */

static _Noreturn void client_run(const struct run *r, int c, struct tally *t, double start)
{
	struct db_conn *kiosk = fixture_connect(r->kiosk[c], "wanchuang-bench");
	const long long *people = r->person + c * r->people;
	const long long *vouchers = r->voucher + c * r->people;
	const long long *slots = r->slot + c * r->per_person;
	double end;
	long i = 0;
	int k = 0;
	char token[80], key[37];

	/* everyone connected, then everyone starts at once */
	while (now_s() < start)
		usleep(1000);
	end = start + r->seconds;
	snprintf(token, sizeof(token), "%s-%lld", r->secret, people[0]);
	for (;;) {
		struct db_outcome o;
		struct db_error err = DB_ERROR_INIT;
		double t0 = now_s();

		if (t0 >= end)
			break;
		db_request_key(key);
		enum db_status st =
			db_citizen_book(kiosk, token, key, slots[k],
					(struct booking_pay){ vouchers[i], 0 }, &o, &err);
		double t1 = now_s();
		if (t1 > end) {
			if (st == DB_OK)
				db_outcome_release(&o);
			db_error_release(&err);
			break;
		}
		long b = (long)((t1 - t0) * 1e6 / BUCKET_US);
		t->hist[b < BUCKETS - 1 ? b : BUCKETS - 1]++;
		if (st != DB_OK) {
			if (t->errors++ == 0)
				snprintf(t->first_problem, sizeof(t->first_problem), "%s %s",
					 err.sqlstate, err.primary ? err.primary : "");
			db_error_release(&err);
			continue;
		}
		if (strcmp(o.outcome, "ok") == 0)
			t->ok++;
		else if (t->refused++ == 0)
			snprintf(t->first_problem, sizeof(t->first_problem), "%s", o.outcome);
		db_outcome_release(&o);
		if (++k == r->per_person) {
			k = 0;
			if (++i == r->people) {
				t->ran_out = true;
				break;
			}
			snprintf(token, sizeof(token), "%s-%lld", r->secret, people[i]);
		}
	}
	_exit(0);
}

/* --- the parent ----------------------------------------------------------- */

/* The p-quantile of n latencies as "12.34 ms" (the middle of its bucket). */
static const char *hist_pct(const long long *h, long long n, double p, char out[32])
{
	long long want = (long long)(p * (double)n), seen = 0;
	int b = 0;

	for (; b < BUCKETS - 1; b++) {
		seen += h[b];
		if (seen > want)
			break;
	}
	if (b == BUCKETS - 1)
		snprintf(out, 32, "over %d ms", (BUCKETS - 1) * BUCKET_US / 1000);
	else
		snprintf(out, 32, "%.2f ms", (b + 0.5) * BUCKET_US / 1000.0);
	return out;
}

/* Time one run; false when a client ran out of people. */
static bool run_time(struct db_conn *admin, const struct run *r)
{
	size_t size = sizeof(struct tally) * (size_t)r->clients;
	struct tally *t =
		mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid[MAX_CLIENTS];
	/* time for every client to connect before the start */
	double start = now_s() + 0.5 + 0.02 * r->clients;

	if (t == MAP_FAILED)
		fixture_die("mmap", NULL);
	memset(t, 0, size);
	fflush(NULL);
	for (int c = 0; c < r->clients; c++) {
		pid[c] = fork();
		if (pid[c] < 0)
			fixture_die("fork", NULL);
		if (pid[c] == 0)
			client_run(r, c, &t[c], start);
	}
	bool failed = false, ran_out = false;
	for (int c = 0; c < r->clients; c++) {
		int status;
		if (waitpid(pid[c], &status, 0) != pid[c] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed = true;
	}
	struct tally all = { 0 };
	for (int c = 0; c < r->clients; c++) {
		all.ok += t[c].ok;
		all.refused += t[c].refused;
		all.errors += t[c].errors;
		ran_out |= t[c].ran_out;
		if (!all.first_problem[0] && t[c].first_problem[0])
			memcpy(all.first_problem, t[c].first_problem, sizeof(all.first_problem));
		for (int b = 0; b < BUCKETS; b++)
			all.hist[b] += t[c].hist[b];
	}
	munmap(t, size);
	if (failed)
		fixture_die("a client failed", NULL);
	if (ran_out)
		return false;

	struct sbuf report = SBUF_INIT;
	struct invariants_tally seen = { 0 };
	struct db_error err = DB_ERROR_INIT;
	int bad = invariants_check(admin, 0, 0, &report, &seen, &err);
	if (bad < 0)
		fixture_die("checking the invariants", &err);
	long long calls = all.ok + all.refused + all.errors;
	char p50[32], p95[32], p99[32];
	printf("booking, %d clients: %.1f bookings/s (%lld in %d s; p50 %s, p95 %s,"
	       " p99 %s; %lld refused, %lld failed%s%s); invariants %s (%lld slots, %lld"
	       " seats taken, %lld bookings, %lld vouchers, %lld ledger entries)\n",
	       r->clients, (double)all.ok / r->seconds, all.ok, r->seconds,
	       hist_pct(all.hist, calls, 0.5, p50), hist_pct(all.hist, calls, 0.95, p95),
	       hist_pct(all.hist, calls, 0.99, p99), all.refused, all.errors,
	       all.first_problem[0] ? ": " : "", all.first_problem, bad ? "VIOLATED" : "hold",
	       seen.slots, seen.seats_taken, seen.bookings, seen.vouchers, seen.ledger_entries);
	if (bad)
		fprintf(stderr, "%s", report.buf);
	sbuf_release(&report);
	if (bad || all.errors || all.refused)
		exit(1);
	return true;
}

int main(int argc, char **argv)
{
	struct run r = { .clients = 0, .per_person = 3, .seconds = 10 };
	double max_rate = 2500;

	for (int i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--clients") == 0)
			r.clients = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--seconds") == 0)
			r.seconds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--per-person") == 0)
			r.per_person = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--max-rate") == 0)
			max_rate = atof(argv[i + 1]);
	}
	if (argc < 2 || r.clients < 1 || r.clients > MAX_CLIENTS || r.seconds < 1 ||
	    r.per_person < 1 || r.per_person > 1000 || max_rate < 1) {
		fprintf(stderr,
			"usage: bench/booking CONNINFO --clients N (1-%d) [--seconds T]"
			" [--per-person K] [--max-rate R]\n",
			MAX_CLIENTS);
		return 2;
	}
	struct db_conn *admin = fixture_connect(argv[1], "wanchuang-bench-admin");
	char k[16];
	snprintf(k, sizeof(k), "%d", r.per_person);
	const char *p[] = { k };
	fixture_sql(admin,
		    "UPDATE wc.setting SET value = $1 WHERE name = 'booking_open_max'"
		    " AND value::int < $1::int",
		    1, p);
	for (;;) {
		r.people = (long)(max_rate * r.seconds / r.clients / r.per_person) + 10;
		if (r.people > 10000)
			r.people = 10000; /* a slot's capacity */
		run_setup(admin, &r);
		bool done = run_time(admin, &r);
		run_free(&r);
		if (done)
			break;
		if (r.people == 10000)
			fixture_die("the clients ran out of people at 10,000 each", NULL);
		max_rate *= 2;
		fprintf(stderr, "booking: a client ran out of people; again with more\n");
	}
	db_conn_free(&admin);
	return 0;
}
