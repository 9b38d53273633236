/*
 * worklist: the counter's 待办事项 (worklist.h). Only reads.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_counter_worklist(struct db_conn *c, const char *token,
				   struct worklist_counts *out, struct db_error *err)
{
	const char *params[] = { token };
	struct db_result *r = NULL;
	enum db_status st =
		db_exec(c, "SELECT item, n FROM api.counter_worklist($1)", 1, params, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	for (int i = 0; i < db_result_rows(r); i++) {
		const char *item = db_result_get(r, i, 0);
		long long n = db_ll_or(r, i, 1, 0);
		if (strcmp(item, "returned_applications") == 0)
			out->returned_applications = n;
		else if (strcmp(item, "bookings_to_close") == 0)
			out->bookings_to_close = n;
		else if (strcmp(item, "vouchers_expiring") == 0)
			out->vouchers_expiring = n;
		else if (strcmp(item, "objections_open") == 0)
			out->objections_open = n;
		else if (strcmp(item, "waitlist_untold") == 0)
			out->waitlist_untold = n;
		else if (strcmp(item, "policy_untold") == 0)
			out->policy_untold = n;
	}
	db_result_free(&r);
	return DB_OK;
}

static void booking_read_row(const struct db_result *r, int i, void *dst)
{
	struct booking_found *b = dst;

	b->id = db_ll_or(r, i, 0, 0);
	b->no = db_result_dup(r, i, 1);
	b->person_id = db_ll_or(r, i, 2, 0);
	b->name_masked = db_result_dup(r, i, 3);
	b->service_title = db_result_dup(r, i, 4);
	b->provider_name = db_result_dup(r, i, 5);
	b->starts_at = db_result_dup(r, i, 6);
	b->voucher_fen = db_ll_or(r, i, 7, 0);
	b->offline_fen = db_ll_or(r, i, 8, 0);
	b->purchased = db_bool(r, i, 9);
	b->status = xstrdup("booked");
}

/* What the booking lists select, before the api function they read. */
#define BOOKING_LIST                                                                       \
	"SELECT id, no, person_id, name_masked, service_title, provider_name,"             \
	" to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"          \
	" voucher_fen, offline_fen, purchased FROM "

enum db_status db_counter_bookings_to_close(struct db_conn *c, const char *token,
					    struct booking_found **out, int *n,
					    struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, BOOKING_LIST "api.counter_bookings_to_close($1)", 1, params,
			    sizeof(**out), booking_read_row, (void **)out, n, err);
}

enum db_status db_counter_waitlist_untold(struct db_conn *c, const char *token,
					  struct booking_found **out, int *n,
					  struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, BOOKING_LIST "api.counter_waitlist_untold($1)", 1, params,
			    sizeof(**out), booking_read_row, (void **)out, n, err);
}

void booking_founds_free(struct booking_found **v, int n)
{
	for (int i = 0; *v && i < n; i++)
		booking_found_release(&(*v)[i]);
	XFREE(*v);
}

static void voucher_read_row(const struct db_result *r, int i, void *dst)
{
	struct worklist_voucher *v = dst;

	v->id = db_ll_or(r, i, 0, 0);
	v->no = db_result_dup(r, i, 1);
	v->person_id = db_ll_or(r, i, 2, 0);
	v->name_masked = db_result_dup(r, i, 3);
	v->programme = db_result_dup(r, i, 4);
	v->balance_fen = db_ll_or(r, i, 5, 0);
	v->held_fen = db_ll_or(r, i, 6, 0);
	v->valid_until = db_result_dup(r, i, 7);
}

enum db_status db_counter_vouchers_expiring(struct db_conn *c, const char *token,
					    struct worklist_voucher **out, int *n,
					    struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT id, no, person_id, name_masked, programme_name, balance_fen,"
			    " held_fen, to_char(valid_until, 'YYYY-MM-DD')"
			    " FROM api.counter_vouchers_expiring($1)",
			    1, params, sizeof(**out), voucher_read_row, (void **)out, n, err);
}

void worklist_vouchers_free(struct worklist_voucher **v, int n)
{
	for (int i = 0; *v && i < n; i++) {
		free((*v)[i].no);
		free((*v)[i].name_masked);
		free((*v)[i].programme);
		free((*v)[i].valid_until);
	}
	XFREE(*v);
}

static void person_read_row(const struct db_result *r, int i, void *dst)
{
	struct worklist_person *p = dst;

	p->person_id = db_ll_or(r, i, 0, 0);
	p->name_masked = db_result_dup(r, i, 1);
	p->mobile_masked = db_result_dup(r, i, 2);
	p->titles = db_result_dup(r, i, 3);
}

enum db_status db_counter_policy_untold(struct db_conn *c, const char *token,
					struct worklist_person **out, int *n,
					struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT person_id, name_masked, mobile_masked,"
			    " array_to_string(titles, E'\\n') FROM api.counter_policy_untold($1)",
			    1, params, sizeof(**out), person_read_row, (void **)out, n, err);
}

void worklist_people_free(struct worklist_person **v, int n)
{
	for (int i = 0; *v && i < n; i++) {
		free((*v)[i].name_masked);
		free((*v)[i].mobile_masked);
		free((*v)[i].titles);
	}
	XFREE(*v);
}
