/*
 * race: many kiosk clients at once on the money path, then the
 * invariants. scripts/check runs it after make check:
 *
 *   tests/load/race [CONNINFO [STEPS]]
 *
 * CONNINFO is an administrator's (default $WANCHUANG_TEST_DB); STEPS the
 * random steps of each client (default 150; more for a longer soak).
 *
 * It prints one summary line and exits 0, or names every violation and
 * exits 1. The scenario, as isolation specs have it:
 *
 * setup (the administrator; names carry the process id): a provider;
 *   HOT slots of few seats (5, 2, 1) of a 300-yuan service; Q_SLOTS
 *   services of 600 or 200 yuan with one slot each; a programme of
 *   1000-yuan vouchers; RACERS people per client, each with a voucher;
 *   person Q with ONE voucher.
 * sessions: CLIENTS processes, each with its own kiosk terminal login and
 *   connection, signing in its own racers; the first Q_CLIENTS also sign
 *   Q in: one person at several kiosks at once.
 * steps, all clients released together:
 *   1. every client's first racer books the 5-seat slot;
 *   2. Q's clients book each of Q's slots with a key they share: the
 *      same request arriving from several kiosks;
 *   3. STEPS random steps: a racer books a hot slot it holds no seat of
 *      (and, told it is full, may join its waiting list), or cancels one
 *      of its bookings (the seat goes to the first one waiting, whose
 *      person and voucher the cancel locks too: two racers cancelling
 *      where the other waits can deadlock, and the client repeats the
 *      call with the same key); Q books one of its slots (the
 *      holds compete for one balance; booking_open_max, 3, refuses a
 *      fourth) or cancels one of its open bookings (several clients
 *      cancel the same one at once); any call may be sent again at once
 *      with the same key, or steps later.
 * expected: each outcome one that its step allows (below); every call
 *   with one key answers the same; the database's bookings are exactly
 *   those the clients were told of; the invariants of invariants.h over
 *   this run's provider and programme.
 *
 * Legal outcomes: a racer's booking ok or slot_full (it never books a
 * slot it holds, and three hot slots are within booking_open_max), or
 * already_booked when it waits for that slot and got a seat meanwhile;
 * its joining a waiting list waiting, already_waiting, not_full (a seat
 * came free) or already_booked; its cancel ok (only its own client acts
 * for it). Q's booking ok, already_booked, too_many_open or
 * balance_short; Q's cancel ok or not_open (another kiosk was first).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "invariants.h"

enum { CLIENTS = 16, RACERS = 3, Q_CLIENTS = 8, Q_SLOTS = 12 };
static const int hot_seats[] = { 5, 2, 1 };
enum { HOT = sizeof(hot_seats) / sizeof(hot_seats[0]) };
enum { FACE_FEN = 100000, HOT_PRICE = 30000 };
/* Q's services: two 600-yuan holds use up a voucher (the second only in
 * part, the rest paid offline), three 200-yuan ones reach booking_open_max. */
static const long long q_price[] = { 60000, 20000 };

#define APP "wanchuang-race"

struct person {
	char *id; /* wc.person.id */
	char id_number[19];
	long long voucher;
};

struct world {
	struct db_conn *admin;
	long long provider, programme;
	long long hot[HOT], qslot[Q_SLOTS];
	char hot_at[HOT][32]; /* when each hot slot starts, as the kiosk lists it */
	char qkey[Q_SLOTS][37];
	char *kiosk[CLIENTS]; /* each client's terminal login (conninfo) */
	struct person racer[CLIENTS * RACERS], q;
};

/* One call as sent, to send again with the same key. */
struct call {
	char op; /* 'b' book, 'c' cancel, 'w' wait for a seat */
	const char *person;
	const char *token;
	char key[37];
	long long arg; /* the slot or the booking */
	long long voucher;
};

struct client {
	int no;
	const struct world *w;
	struct db_conn *kiosk;
	char *token[RACERS], *qtoken;
	long long seat[RACERS][HOT]; /* the racer's open booking of each hot slot, 0 none */
	bool waiting[RACERS][HOT]; /* joined that slot's waiting list */
	unsigned long long rng;
	int out; /* results pipe: one line per call, "X …" for a violation */
	struct call earlier; /* a call to send again later */
	bool has_earlier, failed;
};

/* --- a client ---------------------------------------------------------- */

static unsigned rnd(struct client *c, unsigned n)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return (unsigned)(c->rng % n);
}

/* One line to the parent; lines are shorter than PIPE_BUF, so writes of
 * several clients never interleave. */
static void client_say(struct client *c, const char *fmt, ...) WC_PRINTF(2, 3);
static void client_say(struct client *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(c->out, line, (size_t)n) != n)
		_exit(3);
	if (line[0] == 'X')
		c->failed = true;
}

/* Send the call; false (and a violation) when the database failed. */
static bool client_send(struct client *c, const struct call *k, struct db_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	if (k->op == 'b')
		st = db_citizen_book(c->kiosk, k->token, k->key, k->arg,
				     (struct booking_pay){ k->voucher, 0 }, o, &err);
	else if (k->op == 'w')
		st = db_citizen_waitlist_join(c->kiosk, k->token, k->key, k->arg,
					      (struct booking_pay){ k->voucher, 0 }, o, &err);
	else
		st = db_citizen_cancel(c->kiosk, k->token, k->key, k->arg, o, &err);
	if (st != DB_OK) {
		client_say(c, "X client %d: %s %lld by person %s failed: %s %s", c->no,
			   k->op == 'b'	  ? "booking slot"
			   : k->op == 'w' ? "waiting for slot"
					  : "cancelling booking",
			   k->arg, k->person, err.sqlstate, err.primary ? err.primary : "");
		db_error_release(&err);
		return false;
	}
	client_say(c, "%c %s %s %s %lld %d", k->op, k->person, k->key, o->outcome, o->booking_id,
		   o->replayed);
	return true;
}

/* Send the same call again: it must answer what it answered. */
static void client_resend(struct client *c, const struct call *k, const struct db_outcome *first)
{
	struct db_outcome again;

	if (!client_send(c, k, &again))
		return;
	if (!again.replayed || strcmp(again.outcome, first->outcome) != 0 ||
	    again.booking_id != first->booking_id)
		client_say(c,
			   "X client %d: key %s sent again answered %s (booking %lld, replayed %d),"
			   " first %s (booking %lld)",
			   c->no, k->key, again.outcome, again.booking_id, again.replayed,
			   first->outcome, first->booking_id);
	db_outcome_release(&again);
}

/* Send a call with a new key, maybe again at once, maybe keep it for later. */
static bool client_call(struct client *c, struct call *k, struct db_outcome *o, bool new_key)
{
	if (new_key)
		db_request_key(k->key);
	if (!client_send(c, k, o))
		return false;
	if (rnd(c, 5) == 0)
		client_resend(c, k, o);
	if (rnd(c, 3) == 0) {
		c->earlier = *k;
		c->has_earlier = true;
	}
	return true;
}

static bool outcome_in(const char *outcome, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(outcome, *allowed) == 0)
			return true;
	return false;
}

static void racer_wait(struct client *c, int r, int h)
{
	static const char *const allowed[] = { "waiting", "already_waiting", "not_full",
					       "already_booked", NULL };
	const struct person *p = &c->w->racer[c->no * RACERS + r];
	struct call k = { 'w', p->id, c->token[r], "", c->w->hot[h], p->voucher };
	struct db_outcome o;

	if (!client_call(c, &k, &o, true))
		return;
	if (!outcome_in(o.outcome, allowed))
		client_say(c, "X client %d: racer %s waiting for hot slot %d: %s", c->no, p->id, h,
			   o.outcome);
	else if (strcmp(o.outcome, "waiting") == 0 || strcmp(o.outcome, "already_waiting") == 0)
		c->waiting[r][h] = true;
	db_outcome_release(&o);
}

/* A racer who waits for seats may have been given one: look. */
static void racer_sync(struct client *c, int r)
{
	struct booking_row *b;
	struct db_error err = DB_ERROR_INIT;
	int n;

	if (db_citizen_bookings(c->kiosk, c->token[r], &b, &n, &err) != DB_OK) {
		client_say(c, "X client %d: racer's bookings: %s", c->no, err.primary);
		db_error_release(&err);
		return;
	}
	for (int h = 0; h < HOT; h++) {
		c->seat[r][h] = 0;
		for (int i = 0; i < n; i++)
			if (strcmp(b[i].kind, "booking") == 0 &&
			    strcmp(b[i].status, "booked") == 0 &&
			    strcmp(b[i].starts_at, c->w->hot_at[h]) == 0)
				c->seat[r][h] = b[i].id;
		if (c->seat[r][h])
			c->waiting[r][h] = false;
	}
	booking_rows_free(&b, n);
}

static void racer_book(struct client *c, int r, int h)
{
	static const char *const allowed[] = { "ok", "slot_full", NULL };
	static const char *const allowed_waiting[] = { "ok", "slot_full", "already_booked", NULL };
	const struct person *p = &c->w->racer[c->no * RACERS + r];
	struct call k = { 'b', p->id, c->token[r], "", c->w->hot[h], p->voucher };
	struct db_outcome o;

	if (!client_call(c, &k, &o, true))
		return;
	if (!outcome_in(o.outcome, c->waiting[r][h] ? allowed_waiting : allowed))
		client_say(c, "X client %d: racer %s booking hot slot %d: %s", c->no, p->id, h,
			   o.outcome);
	else if (strcmp(o.outcome, "slot_full") == 0 && !c->waiting[r][h] && rnd(c, 2) == 0)
		racer_wait(c, r, h);
	else if (strcmp(o.outcome, "ok") == 0) {
		if (o.voucher_fen != HOT_PRICE || o.offline_fen != 0)
			client_say(c, "X client %d: racer %s: %lld held and %lld offline for %d",
				   c->no, p->id, o.voucher_fen, o.offline_fen, HOT_PRICE);
		c->seat[r][h] = o.booking_id;
	}
	db_outcome_release(&o);
}

static void racer_cancel(struct client *c, int r, int h)
{
	const struct person *p = &c->w->racer[c->no * RACERS + r];
	struct call k = { 'c', p->id, c->token[r], "", c->seat[r][h], 0 };
	struct db_outcome o;

	if (!client_call(c, &k, &o, true))
		return;
	if (strcmp(o.outcome, "ok") != 0)
		client_say(c, "X client %d: racer %s cancelling booking %lld: %s", c->no, p->id,
			   k.arg, o.outcome);
	c->seat[r][h] = 0;
	db_outcome_release(&o);
}

/* A racer books a hot slot it holds no seat of, or cancels a seat. */
static void racer_step(struct client *c)
{
	int r = (int)rnd(c, RACERS), h = (int)rnd(c, HOT);

	for (int i = 0; i < HOT; i++)
		if (c->waiting[r][i]) {
			racer_sync(c, r);
			break;
		}
	if (c->seat[r][h] && rnd(c, 3) == 0)
		racer_cancel(c, r, h);
	else if (!c->seat[r][h])
		racer_book(c, r, h);
}

static void q_book(struct client *c, int j, const char *shared_key)
{
	static const char *const allowed[] = { "ok", "already_booked", "too_many_open",
					       "balance_short", NULL };
	const struct person *q = &c->w->q;
	struct call k = { 'b', q->id, c->qtoken, "", c->w->qslot[j], q->voucher };
	struct db_outcome o;

	if (shared_key)
		memcpy(k.key, shared_key, sizeof(k.key));
	if (!client_call(c, &k, &o, !shared_key))
		return;
	if (!outcome_in(o.outcome, allowed))
		client_say(c, "X client %d: Q booking slot %lld: %s", c->no, k.arg, o.outcome);
	else if (strcmp(o.outcome, "ok") == 0 &&
		 (o.voucher_fen <= 0 || o.voucher_fen + o.offline_fen != q_price[j % 2]))
		client_say(c, "X client %d: Q: %lld held and %lld offline for %lld", c->no,
			   o.voucher_fen, o.offline_fen, q_price[j % 2]);
	db_outcome_release(&o);
}

/* Q cancels one of its open bookings, as the kiosk lists them. */
static void q_cancel(struct client *c)
{
	static const char *const allowed[] = { "ok", "not_open", NULL };
	struct booking_row *b;
	struct db_error err = DB_ERROR_INIT;
	long long open[Q_SLOTS];
	int n, nopen = 0;

	if (db_citizen_bookings(c->kiosk, c->qtoken, &b, &n, &err) != DB_OK) {
		client_say(c, "X client %d: Q's bookings: %s", c->no, err.primary);
		db_error_release(&err);
		return;
	}
	for (int i = 0; i < n && nopen < Q_SLOTS; i++)
		if (strcmp(b[i].kind, "booking") == 0 && strcmp(b[i].status, "booked") == 0)
			open[nopen++] = b[i].id;
	booking_rows_free(&b, n);
	if (nopen == 0)
		return;
	struct call k = { 'c', c->w->q.id, c->qtoken, "", open[rnd(c, (unsigned)nopen)], 0 };
	struct db_outcome o;
	if (!client_call(c, &k, &o, true))
		return;
	if (!outcome_in(o.outcome, allowed))
		client_say(c, "X client %d: Q cancelling booking %lld: %s", c->no, k.arg,
			   o.outcome);
	db_outcome_release(&o);
}

static int steps = 150;

static _Noreturn void client_run(struct client *c, int ready, int go)
{
	char byte = 1;

	c->kiosk = fixture_connect(c->w->kiosk[c->no], APP);
	for (int r = 0; r < RACERS; r++)
		c->token[r] = fixture_sign_in(c->kiosk, c->w->racer[c->no * RACERS + r].id_number);
	if (c->no < Q_CLIENTS)
		c->qtoken = fixture_sign_in(c->kiosk, c->w->q.id_number);
	if (write(ready, &byte, 1) != 1)
		_exit(3);
	close(ready); /* the parent stops waiting when every client is ready or gone */
	if (read(go, &byte, 1) != 0)
		_exit(3);

	racer_book(c, 0, 0);
	if (c->qtoken)
		for (int i = 0; i < Q_SLOTS; i++) {
			int j = (i + c->no * 3) % Q_SLOTS;
			q_book(c, j, c->w->qkey[j]);
		}
	for (int s = 0; s < steps; s++) {
		unsigned what = rnd(c, 20);
		if (c->has_earlier && what == 0) {
			struct db_outcome o;
			c->has_earlier = false;
			if (client_send(c, &c->earlier, &o)) {
				if (!o.replayed)
					client_say(c, "X client %d: key %s sent later acted again",
						   c->no, c->earlier.key);
				db_outcome_release(&o);
			}
		} else if (c->qtoken && what < 8) {
			if (rnd(c, 5) < 2)
				q_cancel(c);
			else
				q_book(c, (int)rnd(c, Q_SLOTS), NULL);
		} else
			racer_step(c);
	}
	_exit(c->failed ? 1 : 0);
}

/* --- the parent -------------------------------------------------------- */

static void world_build(struct world *w)
{
	char cc[19];
	struct fixture_desk desk;

	w->provider = fixture_provider(w->admin, cc);
	long long hot_service = fixture_service(w->admin, cc, "training", HOT_PRICE);
	for (int h = 0; h < HOT; h++) {
		w->hot[h] = fixture_slot(w->admin, hot_service, hot_seats[h], h * 60);
		char id[24];
		snprintf(id, sizeof(id), "%lld", w->hot[h]);
		const char *p[] = { id };
		char *at = fixture_value(w->admin,
					 "SELECT to_char(starts_at AT TIME ZONE 'Asia/Shanghai',"
					 " 'YYYY-MM-DD HH24:MI') FROM wc.slot WHERE id = $1",
					 1, p);
		snprintf(w->hot_at[h], sizeof(w->hot_at[h]), "%s", at);
		free(at);
	}
	for (int j = 0; j < Q_SLOTS; j++) {
		long long s = fixture_service(w->admin, cc, j % 3 ? "training" : "guidance",
					      q_price[j % 2]);
		w->qslot[j] = fixture_slot(w->admin, s, 50, j * 60);
		db_request_key(w->qkey[j]);
	}
	w->programme = fixture_programme(w->admin, "{training,guidance}", FACE_FEN,
					 (long long)FACE_FEN * (CLIENTS * RACERS + 1));
	fixture_desk_open(&desk, w->admin);
	for (int i = 0; i < CLIENTS * RACERS; i++) {
		w->racer[i].id = fixture_person(w->admin, w->racer[i].id_number);
		w->racer[i].voucher = fixture_issue(&desk, w->racer[i].id, w->programme);
	}
	w->q.id = fixture_person(w->admin, w->q.id_number);
	w->q.voucher = fixture_issue(&desk, w->q.id, w->programme);
	fixture_desk_close(&desk);
	for (int i = 0; i < CLIENTS; i++)
		w->kiosk[i] = fixture_terminal(w->admin, "kiosk", NULL);
}

static void world_free(struct world *w)
{
	for (int i = 0; i < CLIENTS * RACERS; i++)
		free(w->racer[i].id);
	free(w->q.id);
	for (int i = 0; i < CLIENTS; i++)
		free(w->kiosk[i]);
}

/* One call as a client reported it. */
struct record {
	char op;
	char person[24], key[37], outcome[32];
	long long booking;
	int replayed;
};

static int record_cmp(const void *a, const void *b)
{
	const struct record *x = a, *y = b;
	int d = strcmp(x->person, y->person);
	return d ? d : strcmp(x->key, y->key);
}

struct counts {
	long long calls, booked, cancelled, replays;
	long long keys_repeated; /* keys sent more than once */
	long long slot_full, already_booked, too_many_open, balance_short, not_open;
	long long waiting; /* joined a waiting list */
	long long keys_booked; /* distinct keys that made a booking */
};

static void count_outcome(struct counts *n, const struct record *r)
{
	n->calls++;
	if (r->replayed) {
		n->replays++;
		return;
	}
	if (strcmp(r->outcome, "ok") == 0)
		*(r->op == 'b' ? &n->booked : &n->cancelled) += 1;
	else if (strcmp(r->outcome, "waiting") == 0)
		n->waiting++;
	else if (strcmp(r->outcome, "slot_full") == 0)
		n->slot_full++;
	else if (strcmp(r->outcome, "already_booked") == 0)
		n->already_booked++;
	else if (strcmp(r->outcome, "too_many_open") == 0)
		n->too_many_open++;
	else if (strcmp(r->outcome, "balance_short") == 0)
		n->balance_short++;
	else if (strcmp(r->outcome, "not_open") == 0)
		n->not_open++;
}

/*
 * Read the clients' lines: pass on their violations, and check that all
 * calls with one person's key answered alike, at most one of them not a
 * replay. Returns the number of violations.
 */
static int records_check(char *text, struct counts *n, struct sbuf *report)
{
	struct record *v = xcalloc(1, sizeof(*v));
	size_t nv = 0, cap = 1;
	int bad = 0;

	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		struct record r = { 0 };
		if (line[0] == 'X') {
			sbuf_addf(report, "%s\n", line + 2);
			bad++;
			continue;
		}
		if (sscanf(line, "%c %23s %36s %31s %lld %d", &r.op, r.person, r.key, r.outcome,
			   &r.booking, &r.replayed) != 6) {
			sbuf_addf(report, "unreadable line from a client: %s\n", line);
			bad++;
			continue;
		}
		if (nv == cap)
			v = xrealloc(v, (cap *= 2) * sizeof(*v));
		v[nv++] = r;
	}
	qsort(v, nv, sizeof(*v), record_cmp);
	for (size_t i = 0; i < nv;) {
		size_t j = i;
		int first = 0;
		for (; j < nv && record_cmp(&v[i], &v[j]) == 0; j++) {
			count_outcome(n, &v[j]);
			first += !v[j].replayed;
			if (v[j].op != v[i].op || strcmp(v[j].outcome, v[i].outcome) != 0 ||
			    v[j].booking != v[i].booking) {
				sbuf_addf(report,
					  "person %s, key %s: answered %s (booking %lld) and %s"
					  " (booking %lld)\n",
					  v[i].person, v[i].key, v[i].outcome, v[i].booking,
					  v[j].outcome, v[j].booking);
				bad++;
			}
		}
		if (first > 1) {
			sbuf_addf(report, "person %s, key %s: acted on %d times\n", v[i].person,
				  v[i].key, first);
			bad++;
		}
		if (v[i].op == 'b' && strcmp(v[i].outcome, "ok") == 0)
			n->keys_booked++;
		n->keys_repeated += j - i > 1;
		i = j;
	}
	free(v);
	return bad;
}

static long long deadlocks(struct db_conn *admin)
{
	return fixture_ll(
		admin, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
		0, NULL);
}

/* Wait until the clients' server processes have gone (and so reported
 * their statistics), at most 5 s. */
static void backends_gone(struct db_conn *admin)
{
	for (int i = 0; i < 100; i++) {
		if (fixture_ll(
			    admin,
			    "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" APP
			    "'",
			    0, NULL) == 0)
			return;
		usleep(50000);
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *info = argc > 1 ? argv[1] : getenv("WANCHUANG_TEST_DB");
	static struct world w;
	struct sbuf out = SBUF_INIT, report = SBUF_INIT;
	struct counts n = { 0 };
	struct invariants_tally t = { 0 };
	struct db_error err = DB_ERROR_INIT;
	int ready[2], go[2], res[2], bad = 0;
	pid_t pid[CLIENTS];

	if (!info || !*info || (argc > 2 && (steps = atoi(argv[2])) <= 0)) {
		fprintf(stderr,
			"usage: race [CONNINFO [STEPS]] (CONNINFO: or WANCHUANG_TEST_DB)\n");
		return 2;
	}
	w.admin = fixture_connect(info, "wanchuang-race-admin");
	world_build(&w);
	long long deadlocks0 = deadlocks(w.admin);

	if (pipe(ready) || pipe(go) || pipe(res))
		fixture_die("pipe", NULL);
	fflush(NULL);
	for (int i = 0; i < CLIENTS; i++) {
		pid[i] = fork();
		if (pid[i] < 0)
			fixture_die("fork", NULL);
		if (pid[i] == 0) {
			/* the parent's connection stays the parent's: never used
			 * here, and _exit leaves it alone */
			struct client c = { .no = i, .w = &w, .out = res[1] };
			c.rng = (unsigned long long)getpid() * 0x9E3779B97F4A7C15ull | 1;
			close(ready[0]);
			close(go[1]);
			close(res[0]);
			client_run(&c, ready[1], go[0]);
		}
	}
	close(ready[1]);
	close(go[0]);
	close(res[1]);
	char byte;
	for (int i = 0; i < CLIENTS; i++)
		if (read(ready[0], &byte, 1) != 1)
			break; /* a client died before it was ready: its status says */
	double t0 = now_s();
	close(go[1]);
	char buf[4096];
	ssize_t got;
	while ((got = read(res[0], buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			fixture_die("reading the clients' results", NULL);
		sbuf_add(&out, buf, (size_t)got);
	}
	for (int i = 0; i < CLIENTS; i++) {
		int status;
		if (waitpid(pid[i], &status, 0) != pid[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			sbuf_addf(&report, "client %d failed (wait status %d)\n", i, status);
			bad++;
		}
	}
	double secs = now_s() - t0;

	bad += records_check(out.buf, &n, &report);
	int broken = invariants_check(w.admin, w.provider, w.programme, &report, &t, &err);
	if (broken < 0)
		fixture_die("checking the invariants", &err);
	bad += broken;
	if (n.keys_booked != t.bookings - t.from_waitlist) {
		sbuf_addf(&report,
			  "the clients were told of %lld bookings, the database has %lld (and %lld"
			  " from waiting lists)\n",
			  n.keys_booked, t.bookings - t.from_waitlist, t.from_waitlist);
		bad++;
	}
	if (n.slot_full == 0 || n.too_many_open + n.balance_short == 0 || n.keys_repeated == 0) {
		sbuf_addf(&report,
			  "no race took place (slot_full %lld, too_many_open %lld, balance_short"
			  " %lld, keys sent again %lld)\n",
			  n.slot_full, n.too_many_open, n.balance_short, n.keys_repeated);
		bad++;
	}
	backends_gone(w.admin);
	long long dl = deadlocks(w.admin) - deadlocks0;

	printf("race: %d clients, %lld calls in %.1f s: %lld booked, %lld cancelled; refused"
	       " slot_full %lld, already_booked %lld, too_many_open %lld, balance_short %lld,"
	       " not_open %lld; %lld waited, %lld seated from a waiting list; %lld replays agreed; "
	       "%lld deadlocks (retried); %s (%lld slots,"
	       " %lld seats taken, %lld bookings, %lld vouchers, %lld ledger entries)\n",
	       CLIENTS, n.calls, secs, n.booked, n.cancelled, n.slot_full, n.already_booked,
	       n.too_many_open, n.balance_short, n.not_open, n.waiting, t.from_waitlist, n.replays,
	       dl, bad ? "VIOLATIONS" : "invariants hold", t.slots, t.seats_taken, t.bookings,
	       t.vouchers, t.ledger_entries);
	if (bad) {
		/* the first lines say enough; a broken lock breaks hundreds of calls */
		const char *end = report.buf;
		for (int i = 0; i < 40 && *end; i++)
			end += strcspn(end, "\n") + (end[strcspn(end, "\n")] != '\0');
		fprintf(stderr, "race: %d violations:\n%.*s%s", bad, (int)(end - report.buf),
			report.buf, *end ? "…\n" : "");
	}
	sbuf_release(&out);
	sbuf_release(&report);
	world_free(&w);
	db_conn_free(&w.admin);
	return bad ? 1 : 0;
}
