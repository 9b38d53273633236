/*
 * purchases: Art. 19's consent. A purchase a city's or county's
 * department records waits for the provincial department; until the
 * bureau approves it none of its places is offered or bookable, a
 * refusal (with its reason) keeps it so for good, and the bureau's own
 * purchase is approved at once. Each decision is taken once (request
 * keys, one state move) and audited; the usage report counts the places
 * used against each purchase, by region, within the caller's area.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

#define PW "Purchase-test-2026"

struct desks {
	struct db_conn *admin, *kiosk, *desk;
	char *county, *bureau, *other; /* tokens: 蜀山区's counter, the bureau, 瑶海区's counter */
	char provider_cc[19];
	long long provider;
};

static int seq;

static void desks_open(struct desks *d)
{
	char name[64];

	memset(d, 0, sizeof(*d));
	d->admin = dbtest_admin();
	d->kiosk = dbtest_terminal(d->admin, "kiosk", "340104");
	d->desk = dbtest_terminal(d->admin, "staff", NULL);
	d->county = dbtest_sign_in(d->admin, d->desk, "counter", "340104", NULL);
	d->bureau = dbtest_sign_in(d->admin, d->desk, "bureau", "340000", NULL);
	d->other = dbtest_sign_in(d->admin, d->desk, "counter", "340102", NULL);
	dbtest_credit_code(d->provider_cc);
	snprintf(name, sizeof(name), "购买测试服务商%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { d->provider_cc, name };
	char *id = dbtest_value(
		d->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')", 2,
		p);
	d->provider = atoll(id);
	free(id);
}

static void desks_close(struct desks *d)
{
	free(d->county);
	free(d->bureau);
	free(d->other);
	db_conn_free(&d->admin);
	db_conn_free(&d->kiosk);
	db_conn_free(&d->desk);
}

/* A paid service of 600 yuan in 蜀山区, with a slot of 5 seats in 3 days:
 * its id, and the slot's in *slot. */
static long long service_new(struct desks *d, long long *slot)
{
	char code[48];
	snprintf(code, sizeof(code), "PU%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { code, d->provider_cc };
	char *id =
		dbtest_value(d->admin,
			     "SELECT wc_admin.service_add($1, $2, '购买测试服务', 'training', true,"
			     " false, 60000, false, '340104', '', '蜀山区', '0551', 24)",
			     2, p);
	const char *q[] = { id };
	char *s = dbtest_value(d->admin,
			       "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
			       " VALUES ($1, now() + interval '3 days',"
			       " now() + interval '3 days 1 hour', 5) RETURNING id",
			       1, q);
	long long v = atoll(id);
	*slot = atoll(s);
	free(id);
	free(s);
	return v;
}

/* Units of service for 蜀山区's veterans, recorded by token; the outcome. */
static char *purchase_add(struct desks *d, const char *token, long long service, int units)
{
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct purchase_input in = { .service = service,
				     .region = "340104",
				     .group = "veteran",
				     .buyer = "蜀山区退役军人事务局",
				     .units = units };

	db_request_key(key);
	ck_assert_msg(db_purchase_add(d->desk, token, key, &in, &o, &err) == DB_OK, "%s",
		      err.primary);
	char *out = xstrdup(o.outcome);
	db_outcome_release(&o);
	return out;
}

/* The newest purchase of service, with its state and reason. */
static long long newest(struct desks *d, long long service, char *status, size_t n, char *reason,
			size_t nr)
{
	struct service_purchase *ps;
	int np;
	struct db_error err = DB_ERROR_INIT;

	ck_assert(db_service_purchases(d->desk, d->county, service, &ps, &np, &err) == DB_OK);
	ck_assert_int_ge(np, 1);
	long long id = ps[0].id;
	snprintf(status, n, "%s", ps[0].status);
	snprintf(reason, nr, "%s", ps[0].refuse_reason);
	service_purchases_free(&ps, np);
	return id;
}

static char *decide(struct desks *d, const char *token, const char *key, long long purchase,
		    bool approve, const char *reason)
{
	char *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_purchase_decide(d->desk, token, key, purchase, approve, reason, &outcome,
					 &err) == DB_OK,
		      "%s", err.primary);
	return outcome;
}

/* A decision under key (NULL: a new one) answered with want. */
static void decided(struct desks *d, const char *token, const char *key, long long purchase,
		    bool approve, const char *reason, const char *want)
{
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	char *o = decide(d, token, key, purchase, approve, reason);
	ck_assert_str_eq(o, want);
	free(o);
}

/* How many purchases of service the person (a kiosk token) is offered. */
static int offered(struct desks *d, const char *citizen, long long service)
{
	struct purchase_row *ps;
	int n;
	struct db_error err = DB_ERROR_INIT;

	ck_assert(db_citizen_purchases(d->kiosk, citizen, service, &ps, &n, &err) == DB_OK);
	purchase_rows_free(&ps, n);
	return n;
}

static char *book(struct desks *d, const char *citizen, long long slot, long long purchase)
{
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct booking_pay pay = { 0, purchase };

	db_request_key(key);
	ck_assert(db_citizen_book(d->kiosk, citizen, key, slot, pay, &o, &err) == DB_OK);
	char *out = xstrdup(o.outcome);
	db_outcome_release(&o);
	return out;
}

static int audits(struct desks *d, const char *action, long long purchase)
{
	char id[24];
	snprintf(id, sizeof(id), "%lld", purchase);
	const char *p[] = { action, id };
	char *n = dbtest_value(d->admin,
			       "SELECT count(*) FROM wc.audit WHERE action = $1"
			       " AND detail->>'purchase' = $2",
			       2, p);
	int v = atoi(n);
	free(n);
	return v;
}

START_TEST(proposed_waits_then_approved_is_bookable)
{
	struct desks d;
	char id[19], status[16], reason[64], key[37];
	long long slot;

	desks_open(&d);
	long long svc = service_new(&d, &slot);
	char *vet = dbtest_person(d.admin, "{veteran}", "intending", id);
	char *citizen = dbtest_citizen(d.kiosk, id);
	char *o = purchase_add(&d, d.county, svc, 2);
	ck_assert_str_eq(o, "ok");
	free(o);
	/* not offered, and not bookable by naming it */
	ck_assert_int_eq(offered(&d, citizen, svc), 0);
	long long pu = newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	ck_assert_str_eq(status, "proposed");
	o = book(&d, citizen, slot, pu);
	ck_assert_str_eq(o, "not_eligible");
	free(o);
	/* the bureau sees it waiting, with the money in all */
	struct purchase_proposed *pp;
	int n, found = -1;
	struct db_error err = DB_ERROR_INIT;
	ck_assert(db_purchases_proposed(d.desk, d.bureau, &pp, &n, &err) == DB_OK);
	for (int i = 0; i < n; i++)
		if (pp[i].id == pu)
			found = i;
	ck_assert_int_ge(found, 0);
	ck_assert_int_eq(pp[found].units, 2);
	ck_assert_int_eq(pp[found].total_fen, 120000);
	ck_assert_str_eq(pp[found].region_name, "蜀山区");
	purchase_proposed_free(&pp, n);
	/* the bureau approves; the same key again changes nothing */
	db_request_key(key);
	decided(&d, d.bureau, key, pu, true, "", "ok");
	decided(&d, d.bureau, key, pu, true, "", "ok");
	ck_assert_int_eq(audits(&d, "purchase_approve", pu), 1);
	newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	ck_assert_str_eq(status, "approved");
	/* a second decision is refused */
	decided(&d, d.bureau, NULL, pu, false, "重复", "wrong_state");
	ck_assert_int_eq(offered(&d, citizen, svc), 1);
	o = book(&d, citizen, slot, pu);
	ck_assert_str_eq(o, "ok");
	free(o);
	dbtest_invariants(d.admin, d.provider);
	free(vet);
	free(citizen);
	desks_close(&d);
}
END_TEST

START_TEST(refused_stays_unbookable)
{
	struct desks d;
	char id[19], status[16], reason[64], key[37];
	long long slot;

	desks_open(&d);
	long long svc = service_new(&d, &slot);
	char *vet = dbtest_person(d.admin, "{veteran}", "intending", id);
	char *citizen = dbtest_citizen(d.kiosk, id);
	free(purchase_add(&d, d.county, svc, 3));
	long long pu = newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	/* a county's counter decides nothing */
	char *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	db_request_key(key);
	ck_assert(db_purchase_decide(d.desk, d.county, key, pu, true, "", &outcome, &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	/* a refusal needs its reason */
	decided(&d, d.bureau, NULL, pu, false, "  ", "reason_needed");
	decided(&d, d.bureau, NULL, pu, false, "预算未列入本年度计划", "ok");
	ck_assert_int_eq(audits(&d, "purchase_refuse", pu), 1);
	newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	ck_assert_str_eq(status, "refused");
	ck_assert_str_eq(reason, "预算未列入本年度计划");
	/* and it stays so */
	decided(&d, d.bureau, NULL, pu, true, "", "wrong_state");
	ck_assert_int_eq(offered(&d, citizen, svc), 0);
	char *o = book(&d, citizen, slot, pu);
	ck_assert_str_eq(o, "not_eligible");
	free(o);
	free(vet);
	free(citizen);
	desks_close(&d);
}
END_TEST

START_TEST(bureau_purchase_is_approved_at_once)
{
	struct desks d;
	char id[19], status[16], reason[64];
	long long slot;

	desks_open(&d);
	long long svc = service_new(&d, &slot);
	char *vet = dbtest_person(d.admin, "{veteran}", "intending", id);
	char *citizen = dbtest_citizen(d.kiosk, id);
	char *o = purchase_add(&d, d.bureau, svc, 1);
	ck_assert_str_eq(o, "ok");
	free(o);
	newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	ck_assert_str_eq(status, "approved");
	ck_assert_int_eq(offered(&d, citizen, svc), 1);
	free(vet);
	free(citizen);
	desks_close(&d);
}
END_TEST

/* The line of purchase in the caller's report, or -1. */
static int usage_line(struct purchase_usage *v, int n, long long purchase)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == purchase)
			return i;
	return -1;
}

START_TEST(usage_counts_places_used_within_the_area)
{
	struct desks d;
	char id[19], status[16], reason[64];
	long long slot;
	struct purchase_usage *v;
	int n, i;
	struct db_error err = DB_ERROR_INIT;

	desks_open(&d);
	long long svc = service_new(&d, &slot);
	char *vet = dbtest_person(d.admin, "{veteran}", "intending", id);
	char *citizen = dbtest_citizen(d.kiosk, id);
	free(purchase_add(&d, d.bureau, svc, 4));
	long long pu = newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	free(purchase_add(&d, d.county, svc, 9)); /* proposed: not in the report */
	long long proposed = newest(&d, svc, status, sizeof(status), reason, sizeof(reason));
	char *o = book(&d, citizen, slot, pu);
	ck_assert_str_eq(o, "ok");
	free(o);

	ck_assert(db_purchase_usage(d.desk, d.county, false, &v, &n, &err) == DB_OK);
	i = usage_line(v, n, pu);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(v[i].units, 4);
	ck_assert_int_eq(v[i].booked, 1);
	ck_assert_int_eq(v[i].completed, 0);
	ck_assert_int_eq(v[i].left, 3);
	ck_assert_int_eq(v[i].total_fen, 240000);
	ck_assert_int_eq(v[i].used_fen, 60000);
	ck_assert_int_eq(usage_line(v, n, proposed), -1);
	/* the region's sums follow its purchases */
	int sums = -1;
	for (int k = i + 1; k < n && sums < 0; k++)
		if (v[k].id == 0)
			sums = k;
	ck_assert_int_ge(sums, 0);
	ck_assert_str_eq(v[sums].region, "340104");
	ck_assert_int_ge(v[sums].units, 4);
	purchase_usage_free(&v, n);
	/* another county's counter does not see it; the bureau does */
	ck_assert(db_purchase_usage(d.desk, d.other, false, &v, &n, &err) == DB_OK);
	ck_assert_int_eq(usage_line(v, n, pu), -1);
	purchase_usage_free(&v, n);
	char *before = dbtest_value(
		d.admin, "SELECT count(*) FROM wc.audit WHERE action = 'purchase_usage_export'", 0,
		NULL);
	ck_assert(db_purchase_usage(d.desk, d.bureau, true, &v, &n, &err) == DB_OK);
	ck_assert_int_ge(usage_line(v, n, pu), 0);
	purchase_usage_free(&v, n);
	char *after = dbtest_value(
		d.admin, "SELECT count(*) FROM wc.audit WHERE action = 'purchase_usage_export'", 0,
		NULL);
	ck_assert_int_eq(atoi(after), atoi(before) + 1);
	free(before);
	free(after);
	free(vet);
	free(citizen);
	desks_close(&d);
}
END_TEST

Suite *purchases_suite(void)
{
	Suite *s = suite_create("purchases");
	TCase *t = tcase_create("consent");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, proposed_waits_then_approved_is_bookable);
	tcase_add_test(t, refused_stays_unbookable);
	tcase_add_test(t, bureau_purchase_is_approved_at_once);
	tcase_add_test(t, usage_counts_places_used_within_the_area);
	suite_add_tcase(s, t);
	return s;
}
