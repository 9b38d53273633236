/*
 * One simulated terminal's actions, in the mix bench/province runs
 * (doc/performance.md, "A province-sized load"). Out of 100 actions:
 *
 *   60  policy lookup: a search (a term or none, the terminal's county),
 *       then, one time in two, the first hit's detail;
 *   20  catalogue: a search of the county's services, then, one time in
 *       two, the first hit's detail;
 *   10  sign-in: the person (kiosk) or the clerk (counter, supervisor)
 *       signs out and in again;
 *    7  booking: a kiosk books a seat, or cancels the one it booked;
 *    3  complaint: a kiosk files a complaint about a service.
 *
 * Counters and supervisors do not book or file here (at a desk that
 * is done for a person, with consent): their 10 of those 100 are policy
 * lookups.
 */
#include "config.h"

#include "bench/province.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const province_call_name[PC_NCALLS] = {
	"policy search", "policy detail", "catalogue search", "service detail", "citizen sign-in",
	"staff sign-in", "sign-out",	  "booking",	      "cancellation",	"complaint",
};

/* Terms people type at the policy screen; NULL browses all. */
static const char *const terms[] = { NULL,   "创业",	   "贷款", "补贴",
				     "培训", "高校毕业生", "返乡", "担保" };
enum { NTERMS = sizeof(terms) / sizeof(terms[0]) };

double province_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void add_ms(double **v, int *n, int *alloc, double ms)
{
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 256;
		*v = xrealloc(*v, (size_t)*alloc * sizeof(double));
	}
	(*v)[(*n)++] = ms;
}

void province_tally_release(struct province_tally *t)
{
	for (int k = 0; k < PC_NCALLS; k++)
		free(t->ms[k]);
	free(t->lag_ms);
	memset(t, 0, sizeof(*t));
}

void province_tally_merge(struct province_tally *into, struct province_tally *from)
{
	for (int k = 0; k < PC_NCALLS; k++) {
		for (int i = 0; i < from->n[k]; i++)
			add_ms(&into->ms[k], &into->n[k], &into->alloc[k], from->ms[k][i]);
		into->errors[k] += from->errors[k];
		into->refused[k] += from->refused[k];
	}
	for (int i = 0; i < from->nlag; i++)
		add_ms(&into->lag_ms, &into->nlag, &into->alloclag, from->lag_ms[i]);
	into->reconnects += from->reconnects;
	into->reconnect_failures += from->reconnect_failures;
	province_tally_release(from);
}

bool province_terminal_connect(struct province_terminal *t, bool pooled)
{
	static atomic_flag told = ATOMIC_FLAG_INIT;

	t->conn = db_conn_new(t->conninfo, "wanchuang-bench-province");
	db_conn_set_pooled(t->conn, pooled);
	db_conn_set_terminal_key(t->conn, t->key);
	if (db_conn_open(t->conn))
		return true;
	/* why the first terminal could not connect; the rest say the same */
	if (!atomic_flag_test_and_set(&told))
		fprintf(stderr, "bench/province: a terminal could not connect: %s\n",
			db_conn_message(t->conn));
	db_conn_free(&t->conn);
	return false;
}

/* rand_r's draw in [0, n). */
static int draw(struct province_terminal *t, int n)
{
	return (int)((unsigned long long)rand_r(&t->seed) * (unsigned long long)n /
		     ((unsigned long long)RAND_MAX + 1));
}

/* Time one call: record it, or count its failure. */
static void timed(struct province_tally *tally, enum province_call k, double t0, enum db_status st,
		  struct db_error *err)
{
	if (st == DB_OK) {
		add_ms(&tally->ms[k], &tally->n[k], &tally->alloc[k], province_now_ms() - t0);
	} else {
		tally->errors[k]++;
		/* one line a failure, so a run can say which errors they were */
		fprintf(stderr, "bench/province: %s failed: %s %s\n", province_call_name[k],
			err->sqlstate[0] ? err->sqlstate : "-", err->primary ? err->primary : "");
	}
	db_error_release(err);
}

static void policy_lookup(struct province_terminal *t, struct province_tally *tally)
{
	struct policy_query q = { .text = terms[draw(t, NTERMS)],
				  .region = t->county,
				  .limit = 20 };
	struct policy_page page = { 0 };
	struct db_error err = DB_ERROR_INIT;
	double t0 = province_now_ms();
	enum db_status st = db_policy_search(t->conn, &q, &page, &err);

	timed(tally, PC_POLICY_SEARCH, t0, st, &err);
	if (st == DB_OK && page.count > 0 && draw(t, 2) == 0) {
		struct policy_detail d = { 0 };
		t0 = province_now_ms();
		st = db_policy_get(t->conn, page.v[draw(t, page.count)].id, &d, &err);
		timed(tally, PC_POLICY_DETAIL, t0, st, &err);
		if (st == DB_OK)
			policy_detail_release(&d);
	}
	policy_page_release(&page);
}

static void catalogue(struct province_terminal *t, struct province_tally *tally)
{
	struct service_query q = { .county = t->county, .limit = 20 };
	struct service_page page = { 0 };
	struct db_error err = DB_ERROR_INIT;
	double t0 = province_now_ms();
	enum db_status st = db_service_search(t->conn, &q, &page, &err);

	timed(tally, PC_SERVICE_SEARCH, t0, st, &err);
	if (st == DB_OK && page.count > 0 && draw(t, 2) == 0) {
		struct service_detail d = { 0 };
		t0 = province_now_ms();
		st = db_service_get(t->conn, page.v[draw(t, page.count)].id, &d, &err);
		timed(tally, PC_SERVICE_DETAIL, t0, st, &err);
		if (st == DB_OK)
			service_detail_release(&d);
	}
	service_page_release(&page);
}

/* Sign in, timed when tally is given; the token kept in t. */
static bool sign_in(struct province_terminal *t, const struct province_world *w,
		    struct province_tally *tally)
{
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	enum db_login got;
	enum province_call k;
	double t0 = province_now_ms();

	if (t->kind == PK_KIOSK) {
		struct citizen_session s = { 0 };
		k = PC_CITIZEN_SIGN_IN;
		got = db_citizen_login(t->conn, t->id_number, "583920", &s, &until, &err);
		if (got == DB_LOGIN_OK)
			t->token = xstrdup(s.token);
		citizen_session_release(&s);
	} else {
		struct staff_session s = { 0 };
		k = PC_STAFF_SIGN_IN;
		got = db_staff_login(t->conn, t->id_number, w->staff_password, &s, &until, &err);
		if (got == DB_LOGIN_OK)
			t->token = xstrdup(s.token);
		staff_session_release(&s);
	}
	free(until);
	if (tally) {
		if (got == DB_LOGIN_OK)
			add_ms(&tally->ms[k], &tally->n[k], &tally->alloc[k],
			       province_now_ms() - t0);
		else if (got == DB_LOGIN_ERROR) {
			tally->errors[k]++;
			fprintf(stderr, "bench/province: %s failed: %s %s\n",
				province_call_name[k], err.sqlstate[0] ? err.sqlstate : "-",
				err.primary ? err.primary : "");
		}
		else
			tally->refused[k]++;
	}
	db_error_release(&err);
	return got == DB_LOGIN_OK;
}

bool province_terminal_sign_in(struct province_terminal *t, const struct province_world *w)
{
	return sign_in(t, w, NULL);
}

static void sign_out_and_in(struct province_terminal *t, const struct province_world *w,
			    struct province_tally *tally)
{
	struct db_error err = DB_ERROR_INIT;

	if (t->token) {
		double t0 = province_now_ms();
		enum db_status st = t->kind == PK_KIOSK ? db_citizen_logout(t->conn, t->token, &err)
							: db_staff_logout(t->conn, t->token, &err);
		timed(tally, PC_SIGN_OUT, t0, st, &err);
		XFREE(t->token);
		t->booked = 0; /* the booking stays; the next person leaves it be */
	}
	sign_in(t, w, tally);
}

static void book_or_cancel(struct province_terminal *t, const struct province_world *w,
			   struct province_tally *tally)
{
	struct db_outcome o = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	enum province_call k = t->booked ? PC_CANCEL : PC_BOOK;
	double t0 = province_now_ms();
	enum db_status st;

	db_request_key(key);
	if (t->booked)
		st = db_citizen_cancel(t->conn, t->token, key, t->booked, &o, &err);
	else
		st = db_citizen_book(t->conn, t->token, key, w->slots[draw(t, w->nslots)],
				     (struct booking_pay){ 0, 0 }, &o, &err);
	timed(tally, k, t0, st, &err);
	if (st != DB_OK)
		return;
	if (strcmp(o.outcome, "ok") != 0)
		tally->refused[k]++;
	else
		t->booked = k == PC_BOOK ? o.booking_id : 0;
	db_outcome_release(&o);
}

static void complain(struct province_terminal *t, const struct province_world *w,
		     struct province_tally *tally)
{
	struct complaint_filing f = { "service", w->service, "quality",
				      "预约的创业指导未按时开始，工作人员未作说明。" };
	struct complaint_filed out = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char key[37];
	double t0 = province_now_ms();

	db_request_key(key);
	enum db_status st = db_citizen_complaint_file(t->conn, t->token, key, &f, &out, &err);
	timed(tally, PC_COMPLAINT, t0, st, &err);
	if (st != DB_OK)
		return;
	if (strcmp(out.outcome, "ok") != 0)
		tally->refused[PC_COMPLAINT]++;
	complaint_filed_release(&out);
}

void province_terminal_act(struct province_terminal *t, const struct province_world *w, bool pooled,
			   struct province_tally *tally)
{
	if (!t->conn || !db_conn_ok(t->conn)) {
		/* a terminal whose connection broke opens a new one, as the
		 * program does after DB_ERR_LOST */
		if (t->conn)
			db_conn_free(&t->conn);
		XFREE(t->token);
		tally->reconnects++;
		if (!province_terminal_connect(t, pooled)) {
			tally->reconnect_failures++;
			return;
		}
	}
	int r = draw(t, 100);
	bool desk = t->kind != PK_KIOSK;
	if (!t->token || (r >= 80 && r < 90))
		sign_out_and_in(t, w, tally);
	else if (r < 60 || (desk && r >= 90))
		policy_lookup(t, tally);
	else if (r < 80)
		catalogue(t, tally);
	else if (r < 97)
		book_or_cancel(t, w, tally);
	else
		complain(t, w, tally);
}
