/*
 * bookings: vouchers and bookings, the money path (api.citizen_book and
 * the rest of data/sql/functions/bookings.sql and vouchers.sql).
 *
 * Every call that changes something sends the caller's idempotency key
 * and goes through db_exec_idempotent: a call whose answer was lost is
 * sent again with the same key, and the server answers with the first
 * outcome instead of acting twice.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

void db_outcome_release(struct db_outcome *o)
{
	free(o->outcome);
	free(o->booking_no);
	memset(o, 0, sizeof(*o));
}

/* Run a mutating call returning one wc.outcome row into *o. */
static enum db_status outcome_call(struct db_conn *c, const char *sql, int n,
				   const char *const *params, struct db_outcome *o,
				   struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	memset(o, 0, sizeof(*o));
	st = db_exec_idempotent_row(c, sql, n, params, &r, err);
	if (st != DB_OK)
		return st;
	o->outcome = db_result_dup(r, 0, 0);
	o->booking_id = db_ll_or(r, 0, 1, 0);
	o->booking_no = db_result_dup(r, 0, 2);
	o->voucher_id = db_ll_or(r, 0, 3, 0);
	o->voucher_fen = db_ll_or(r, 0, 4, 0);
	o->offline_fen = db_ll_or(r, 0, 5, 0);
	o->balance_fen = db_ll_or(r, 0, 6, 0);
	o->replayed = db_bool(r, 0, 7);
	db_result_free(&r);
	return DB_OK;
}

#define OUTCOME_COLS                                                                               \
	"outcome, booking_id, booking_no, voucher_id, voucher_fen, offline_fen, balance_fen, "     \
	"replayed"

/* A bigint parameter: NULL for 0 (none). */
enum db_status db_citizen_book(struct db_conn *c, const char *token, const char *key,
			       long long slot, struct booking_pay pay, struct db_outcome *o,
			       struct db_error *err)
{
	char s[24], v[24], p[24];
	const char *params[] = { token, key, db_id_param(s, slot), db_id_param(v, pay.voucher),
				 db_id_param(p, pay.purchase) };

	return outcome_call(c, "SELECT " OUTCOME_COLS " FROM api.citizen_book($1, $2, $3, $4, $5)",
			    5, params, o, err);
}

enum db_status db_citizen_cancel(struct db_conn *c, const char *token, const char *key,
				 long long booking, struct db_outcome *o, struct db_error *err)
{
	char b[24];
	const char *params[] = { token, key, db_id_param(b, booking) };

	return outcome_call(c, "SELECT " OUTCOME_COLS " FROM api.citizen_cancel($1, $2, $3)", 3,
			    params, o, err);
}

enum db_status db_citizen_waitlist_join(struct db_conn *c, const char *token, const char *key,
					long long slot, struct booking_pay pay,
					struct db_outcome *o, struct db_error *err)
{
	char s[24], v[24], p[24];
	const char *params[] = { token, key, db_id_param(s, slot), db_id_param(v, pay.voucher),
				 db_id_param(p, pay.purchase) };

	return outcome_call(
		c, "SELECT " OUTCOME_COLS " FROM api.citizen_waitlist_join($1, $2, $3, $4, $5)", 5,
		params, o, err);
}

enum db_status db_counter_book(struct db_conn *c, const char *token, const char *key,
			       const char *person, long long slot, struct booking_pay pay,
			       const char *consent, struct db_outcome *o, struct db_error *err)
{
	char s[24], v[24], p[24];
	const char *params[] = { token,
				 key,
				 person,
				 db_id_param(s, slot),
				 db_id_param(v, pay.voucher),
				 db_id_param(p, pay.purchase),
				 consent };

	return outcome_call(
		c, "SELECT " OUTCOME_COLS " FROM api.counter_book($1, $2, $3, $4, $5, $6, $7)", 7,
		params, o, err);
}

enum db_status db_counter_cancel(struct db_conn *c, const char *token, const char *key,
				 const char *person, long long booking, const char *consent,
				 struct db_outcome *o, struct db_error *err)
{
	char b[24];
	const char *params[] = { token, key, person, db_id_param(b, booking), consent };

	return outcome_call(c,
			    "SELECT " OUTCOME_COLS " FROM api.counter_cancel($1, $2, $3, $4, $5)",
			    5, params, o, err);
}

enum db_status db_voucher_issue(struct db_conn *c, const char *token, const char *key,
				const char *person, long long programme, struct db_outcome *o,
				struct db_error *err)
{
	char g[24];
	const char *params[] = { token, key, person, db_id_param(g, programme) };

	return outcome_call(c, "SELECT " OUTCOME_COLS " FROM api.voucher_issue($1, $2, $3, $4)", 4,
			    params, o, err);
}

enum db_status db_booking_close(struct db_conn *c, const char *token, const char *key,
				long long booking, bool completed, struct db_outcome *o,
				struct db_error *err)
{
	char b[24];
	const char *params[] = { token, key, db_id_param(b, booking),
				 completed ? "completed" : "no_show" };

	return outcome_call(c, "SELECT " OUTCOME_COLS " FROM api.booking_close($1, $2, $3, $4)", 4,
			    params, o, err);
}

enum db_status db_purchase_add(struct db_conn *c, const char *token, const char *key,
			       const struct purchase_input *in, struct db_outcome *o,
			       struct db_error *err)
{
	char sv[24], units[16];
	const char *params[8];

	snprintf(units, sizeof(units), "%d", in->units);
	params[0] = token;
	params[1] = key;
	params[2] = db_id_param(sv, in->service);
	params[3] = in->region;
	params[4] = db_null_if_empty(in->group);
	params[5] = in->buyer;
	params[6] = units;
	params[7] = db_null_if_empty(in->ends_on);
	return outcome_call(c,
			    "SELECT " OUTCOME_COLS
			    " FROM api.purchase_add($1, $2, $3, $4, $5, $6, $7::int, $8::date)",
			    8, params, o, err);
}

/* --- lists --------------------------------------------------------------- */

void voucher_rows_free(struct voucher_row **vp, int n)
{
	struct voucher_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].programme_name);
		free(v[i].valid_until);
		free(v[i].status);
		free(v[i].category_names);
		db_items_free(v[i].categories, v[i].ncategories);
	}
	XFREE(*vp);
}

#define VOUCHER_COLS                                                                               \
	"id, no, programme_name, face_fen, balance_fen, held_fen, valid_until, status, "           \
	"categories, category_names"

static void vouchers_read_row(const struct db_result *r, int i, void *dst)
{
	struct voucher_row *v = dst;

	v->id = db_ll_or(r, i, 0, 0);
	v->no = db_result_dup(r, i, 1);
	v->programme_name = db_result_dup(r, i, 2);
	v->face_fen = db_ll_or(r, i, 3, 0);
	v->balance_fen = db_ll_or(r, i, 4, 0);
	v->held_fen = db_ll_or(r, i, 5, 0);
	v->valid_until = db_result_dup(r, i, 6);
	v->status = db_result_dup(r, i, 7);
	v->ncategories = db_array_items(db_result_get(r, i, 8), &v->categories);
	v->category_names = db_result_dup(r, i, 9);
}

enum db_status db_citizen_vouchers(struct db_conn *c, const char *token, struct voucher_row **out,
				   int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, "SELECT " VOUCHER_COLS " FROM api.citizen_vouchers($1)", 1, params,
			    sizeof(**out), vouchers_read_row, (void **)out, n, err);
}

enum db_status db_person_vouchers(struct db_conn *c, const char *token, const char *person,
				  struct voucher_row **out, int *n, struct db_error *err)
{
	const char *params[] = { token, person };

	return db_rows_read(c, "SELECT " VOUCHER_COLS " FROM api.person_vouchers($1, $2)", 2,
			    params, sizeof(**out), vouchers_read_row, (void **)out, n, err);
}

void booking_rows_free(struct booking_row **vp, int n)
{
	struct booking_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].kind);
		free(v[i].status);
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].starts_at);
		free(v[i].ends_at);
		free(v[i].place);
		free(v[i].created_at);
		free(v[i].cancel_reason);
	}
	XFREE(*vp);
}

#define BOOKING_COLS                                                                               \
	"id, no, kind, status, service_title, provider_name,"                                      \
	" to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"                  \
	" to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), place,"             \
	" price_fen, voucher_fen, offline_fen, purchased, from_waitlist, can_cancel,"              \
	" to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), cancel_reason,"  \
	" confirmed"

static void bookings_read_row(const struct db_result *r, int i, void *dst)
{
	struct booking_row *b = dst;

	b->id = db_ll_or(r, i, 0, 0);
	b->no = db_result_dup(r, i, 1);
	b->kind = db_result_dup(r, i, 2);
	b->status = db_result_dup(r, i, 3);
	b->service_title = db_result_dup(r, i, 4);
	b->provider_name = db_result_dup(r, i, 5);
	b->starts_at = db_result_dup(r, i, 6);
	b->ends_at = db_result_dup(r, i, 7);
	b->place = db_result_dup(r, i, 8);
	b->price_fen = db_ll_or(r, i, 9, 0);
	b->voucher_fen = db_ll_or(r, i, 10, 0);
	b->offline_fen = db_ll_or(r, i, 11, 0);
	b->purchased = db_bool(r, i, 12);
	b->from_waitlist = db_bool(r, i, 13);
	b->can_cancel = db_bool(r, i, 14);
	b->created_at = db_result_dup(r, i, 15);
	b->cancel_reason = db_result_dup(r, i, 16);
	b->confirmed = db_bool(r, i, 17);
}

enum db_status db_citizen_bookings(struct db_conn *c, const char *token, struct booking_row **out,
				   int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, "SELECT " BOOKING_COLS " FROM api.citizen_bookings($1)", 1, params,
			    sizeof(**out), bookings_read_row, (void **)out, n, err);
}

enum db_status db_person_bookings(struct db_conn *c, const char *token, const char *person,
				  struct booking_row **out, int *n, struct db_error *err)
{
	const char *params[] = { token, person };

	return db_rows_read(c, "SELECT " BOOKING_COLS " FROM api.person_bookings($1, $2)", 2,
			    params, sizeof(**out), bookings_read_row, (void **)out, n, err);
}

void purchase_rows_free(struct purchase_row **vp, int n)
{
	struct purchase_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].buyer);
		free(v[i].group_name);
		free(v[i].ends_on);
	}
	XFREE(*vp);
}

static void purchases_read_row(const struct db_result *r, int i, void *dst)
{
	struct purchase_row *p = dst;

	p->id = db_ll_or(r, i, 0, 0);
	p->buyer = db_result_dup(r, i, 1);
	p->group_name = db_result_dup(r, i, 2);
	p->units_left = (int)db_ll_or(r, i, 3, 0);
	p->ends_on = db_result_dup(r, i, 4);
}

enum db_status db_citizen_purchases(struct db_conn *c, const char *token, long long service,
				    struct purchase_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, service) };

	return db_rows_read(c,
			    "SELECT id, buyer, group_name, units_left, ends_on"
			    " FROM api.citizen_purchases($1, $2)",
			    2, params, sizeof(**out), purchases_read_row, (void **)out, n, err);
}

enum db_status db_person_purchases(struct db_conn *c, const char *token, const char *person,
				   long long service, struct purchase_row **out, int *n,
				   struct db_error *err)
{
	char s[24];
	const char *params[] = { token, person, db_id_param(s, service) };

	return db_rows_read(c,
			    "SELECT id, buyer, group_name, units_left, ends_on"
			    " FROM api.person_purchases($1, $2, $3)",
			    3, params, sizeof(**out), purchases_read_row, (void **)out, n, err);
}

void programme_rows_free(struct programme_row **vp, int n)
{
	struct programme_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].code);
		free(v[i].name);
		free(v[i].category_names);
		free(v[i].stage);
		free(v[i].conditions);
		db_items_free(v[i].groups, v[i].ngroups);
	}
	XFREE(*vp);
}

static void programme_row_read(const struct db_result *r, int i, void *dst)
{
	struct programme_row *g = dst;

	g->id = db_ll_or(r, i, 0, 0);
	g->code = db_result_dup(r, i, 1);
	g->name = db_result_dup(r, i, 2);
	g->face_fen = db_ll_or(r, i, 3, 0);
	g->valid_months = (int)db_ll_or(r, i, 4, 0);
	g->category_names = db_result_dup(r, i, 5);
	g->ngroups = db_array_items(db_result_get(r, i, 6), &g->groups);
	g->stage = db_result_dup(r, i, 7);
	g->conditions = db_result_dup(r, i, 8);
	g->budget_left = db_ll_or(r, i, 9, 0);
	g->already_issued = db_bool(r, i, 10);
}

enum db_status db_voucher_programmes(struct db_conn *c, const char *token, const char *person,
				     struct programme_row **out, int *n, struct db_error *err)
{
	const char *params[] = { token, person };

	return db_rows_read(c,
			    "SELECT id, code, name, face_fen, valid_months, category_names,"
			    " groups, stage, conditions, budget_left, already_issued"
			    " FROM api.voucher_programmes($1, $2)",
			    2, params, sizeof(**out), programme_row_read, (void **)out, n, err);
}

void booking_found_release(struct booking_found *b)
{
	free(b->no);
	free(b->name_masked);
	free(b->status);
	free(b->service_title);
	free(b->provider_name);
	free(b->starts_at);
	memset(b, 0, sizeof(*b));
}

enum db_status db_booking_find(struct db_conn *c, const char *token, const char *no,
			       struct booking_found *out, struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[] = { token, no };
	enum db_status st;

	memset(out, 0, sizeof(*out));
	st = db_exec_row(
		c,
		"SELECT id, no, person_id, name_masked, status, service_title, provider_name,"
		" to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" voucher_fen, offline_fen, purchased FROM api.booking_find($1, $2)",
		2, params, &r, err);
	if (st != DB_OK)
		return st;
	out->id = db_ll_or(r, 0, 0, 0);
	out->no = db_result_dup(r, 0, 1);
	out->person_id = db_ll_or(r, 0, 2, 0);
	out->name_masked = db_result_dup(r, 0, 3);
	out->status = db_result_dup(r, 0, 4);
	out->service_title = db_result_dup(r, 0, 5);
	out->provider_name = db_result_dup(r, 0, 6);
	out->starts_at = db_result_dup(r, 0, 7);
	out->voucher_fen = db_ll_or(r, 0, 8, 0);
	out->offline_fen = db_ll_or(r, 0, 9, 0);
	out->purchased = db_bool(r, 0, 10);
	db_result_free(&r);
	return DB_OK;
}

void service_purchases_free(struct service_purchase **vp, int n)
{
	struct service_purchase *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].buyer);
		free(v[i].region_name);
		free(v[i].group_name);
		free(v[i].ends_on);
		free(v[i].status);
		free(v[i].refuse_reason);
	}
	XFREE(*vp);
}

static void service_purchase_read(const struct db_result *r, int i, void *dst)
{
	struct service_purchase *p = dst;

	p->id = db_ll_or(r, i, 0, 0);
	p->buyer = db_result_dup(r, i, 1);
	p->region_name = db_result_dup(r, i, 2);
	p->group_name = db_result_dup(r, i, 3);
	p->units = (int)db_ll_or(r, i, 4, 0);
	p->used = (int)db_ll_or(r, i, 5, 0);
	p->ends_on = db_result_dup(r, i, 6);
	p->status = db_result_dup(r, i, 7);
	p->refuse_reason = db_result_dup(r, i, 8);
}

enum db_status db_service_purchases(struct db_conn *c, const char *token, long long service,
				    struct service_purchase **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, service) };

	return db_rows_read(
		c,
		"SELECT id, buyer, region_name, group_name, units, used, ends_on, status,"
		" refuse_reason FROM api.service_purchases($1, $2)",
		2, params, sizeof(**out), service_purchase_read, (void **)out, n, err);
}

void provider_booking_rows_free(struct provider_booking_row **vp, int n)
{
	struct provider_booking_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].status);
		free(v[i].service_title);
		free(v[i].place);
		free(v[i].name_masked);
		free(v[i].starts_at);
		free(v[i].ends_at);
	}
	XFREE(*vp);
}

static void provider_booking_read_row(const struct db_result *r, int i, void *dst)
{
	struct provider_booking_row *b = dst;

	b->id = db_ll_or(r, i, 0, 0);
	b->no = db_result_dup(r, i, 1);
	b->status = db_result_dup(r, i, 2);
	b->service_title = db_result_dup(r, i, 3);
	b->starts_at = db_result_dup(r, i, 4);
	b->ends_at = db_result_dup(r, i, 5);
	b->place = db_result_dup(r, i, 6);
	b->name_masked = db_result_dup(r, i, 7);
	b->voucher_fen = db_ll_or(r, i, 8, 0);
	b->offline_fen = db_ll_or(r, i, 9, 0);
	b->purchased = db_bool(r, i, 10);
	b->can_close = db_bool(r, i, 11);
	b->confirmed = db_bool(r, i, 12);
}

enum db_status db_provider_bookings(struct db_conn *c, const char *token, struct date day,
				    struct provider_booking_row **out, int *n, struct db_error *err)
{
	char d[11];
	const char *params[] = { token, d };

	date_format(day, d);
	return db_rows_read(
		c,
		"SELECT id, no, status, service_title,"
		" to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), place,"
		" name_masked, voucher_fen, offline_fen, purchased, can_close, confirmed"
		" FROM api.provider_bookings($1, $2)",
		2, params, sizeof(**out), provider_booking_read_row, (void **)out, n, err);
}

enum db_status db_booking_confirm(struct db_conn *c, const char *token, long long booking,
				  char **outcome, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, booking) };

	/* confirming twice is confirming: a resend is harmless */
	return db_outcome_call(c, "SELECT outcome FROM api.booking_confirm($1, $2)", 2, params,
			       outcome, err);
}
