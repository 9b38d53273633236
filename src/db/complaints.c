/*
 * complaints: filing, following and handling complaints
 * (data/sql/functions/complaints.sql). Calls that change something carry the
 * caller's request key and go through db_exec_idempotent, so a call whose
 * answer was lost is sent again and acts once.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

#define DAY(col) "coalesce(to_char(" col ", 'YYYY-MM-DD'), '')"
#define MINUTE(col) "to_char(" col " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')"

enum db_status db_complaint_categories(struct db_conn *c, struct code_list *out,
				       struct db_error *err)
{
	return db_code_list(c, "SELECT code, name FROM api.complaint_categories()", out, err);
}

void complaint_filed_release(struct complaint_filed *f)
{
	free(f->outcome);
	free(f->no);
	memset(f, 0, sizeof(*f));
}

void complaint_filed_read(const struct db_result *r, struct complaint_filed *out)
{
	out->outcome = db_result_dup(r, 0, 0);
	out->id = db_ll_or(r, 0, 1, 0);
	out->no = db_result_dup(r, 0, 2);
}

static enum db_status complaint_file_call(struct db_conn *c, const char *sql, int nparams,
					  const char *const *params, struct complaint_filed *out,
					  struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec_idempotent(c, sql, nparams, params, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	complaint_filed_read(r, out);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_citizen_complaint_file(struct db_conn *c, const char *token, const char *key,
					 const struct complaint_filing *f,
					 struct complaint_filed *out, struct db_error *err)
{
	char t[24];
	const char *params[] = { token,	      key,    f->against, db_id_param(t, f->target),
				 f->category, f->body };

	return complaint_file_call(c,
				   "SELECT outcome, complaint_id, complaint_no"
				   " FROM api.citizen_complaint_file($1, $2, $3, $4, $5, $6)",
				   6, params, out, err);
}

enum db_status db_counter_complaint_file(struct db_conn *c, const char *token, const char *key,
					 const char *person, const char *consent,
					 const struct complaint_filing *f,
					 struct complaint_filed *out, struct db_error *err)
{
	char t[24];
	const char *params[] = { token,	      key,	  person,
				 consent,     f->against, db_id_param(t, f->target),
				 f->category, f->body };

	return complaint_file_call(
		c,
		"SELECT outcome, complaint_id, complaint_no"
		" FROM api.counter_complaint_file($1, $2, $3, $4, $5, $6, $7, $8)",
		8, params, out, err);
}

void complaint_rows_free(struct complaint_row **vp, int n)
{
	struct complaint_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].status);
		free(v[i].category);
		free(v[i].against);
		free(v[i].target);
		free(v[i].county);
		free(v[i].body);
		free(v[i].created);
		free(v[i].due_on);
		free(v[i].satisfaction);
		free(v[i].handler);
	}
	XFREE(*vp);
}

/* The fields a list does not carry are "", never NULL. */
static void complaint_row_blank(struct complaint_row *k)
{
	char **fields[] = { &k->no,	&k->status,	  &k->category, &k->against,
			    &k->target, &k->county,	  &k->body,	&k->created,
			    &k->due_on, &k->satisfaction, &k->handler };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!*fields[i])
			*fields[i] = xstrdup("");
}

#define PERSON_COLS                                                                                \
	"id, no, status, category, target, body, " MINUTE("created_at") ", " DAY(                  \
		"due_on") ", coalesce(satisfaction, ''), can_rate, can_supply, overdue, soon,"     \
			  " calendar_known"

static void person_complaints_read_row(const struct db_result *r, int i, void *dst)
{
	struct complaint_row *k = dst;

	k->id = db_ll_or(r, i, 0, 0);
	k->no = db_result_dup(r, i, 1);
	k->status = db_result_dup(r, i, 2);
	k->category = db_result_dup(r, i, 3);
	k->target = db_result_dup(r, i, 4);
	k->body = db_result_dup(r, i, 5);
	k->created = db_result_dup(r, i, 6);
	k->due_on = db_result_dup(r, i, 7);
	k->satisfaction = db_result_dup(r, i, 8);
	k->can_rate = db_bool(r, i, 9);
	k->can_supply = db_bool(r, i, 10);
	k->overdue = db_bool(r, i, 11);
	k->soon = db_bool(r, i, 12);
	k->calendar_known = db_bool(r, i, 13);
	complaint_row_blank(k);
}

enum db_status db_citizen_complaints(struct db_conn *c, const char *token,
				     struct complaint_row **out, int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, "SELECT " PERSON_COLS " FROM api.citizen_complaints($1)", 1, params,
			    sizeof(**out), person_complaints_read_row, (void **)out, n, err);
}

enum db_status db_provider_filed_complaints(struct db_conn *c, const char *token,
					    struct complaint_row **out, int *n,
					    struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, "SELECT " PERSON_COLS " FROM api.provider_filed_complaints($1)", 1,
			    params, sizeof(**out), person_complaints_read_row, (void **)out, n,
			    err);
}

enum db_status db_person_complaints(struct db_conn *c, const char *token, const char *person,
				    struct complaint_row **out, int *n, struct db_error *err)
{
	const char *params[] = { token, person };

	return db_rows_read(c, "SELECT " PERSON_COLS " FROM api.person_complaints($1, $2)", 2,
			    params, sizeof(**out), person_complaints_read_row, (void **)out, n,
			    err);
}

static void queue_read_row(const struct db_result *r, int i, void *dst)
{
	struct complaint_row *k = dst;

	k->id = db_ll_or(r, i, 0, 0);
	k->no = db_result_dup(r, i, 1);
	k->status = db_result_dup(r, i, 2);
	k->category = db_result_dup(r, i, 3);
	k->against = db_result_dup(r, i, 4);
	k->target = db_result_dup(r, i, 5);
	k->county = db_result_dup(r, i, 6);
	k->created = db_result_dup(r, i, 7);
	k->due_on = db_result_dup(r, i, 8);
	k->overdue = db_bool(r, i, 9);
	k->soon = db_bool(r, i, 10);
	k->urged = (int)db_ll_or(r, i, 11, 0);
	k->escalated = db_bool(r, i, 12);
	k->handler = db_result_dup(r, i, 13);
	k->body = db_result_dup(r, i, 14);
	complaint_row_blank(k);
}

enum db_status db_complaint_queue(struct db_conn *c, const char *token,
				  const struct complaint_filter *f, int offset, int limit,
				  struct complaint_row **out, int *n, struct db_error *err)
{
	char o[16], l[16];
	const char *params[] = { token,
				 db_null_if_empty(f->status),
				 db_null_if_empty(f->due),
				 db_null_if_empty(f->region),
				 db_null_if_empty(f->category),
				 db_null_if_empty(f->against),
				 f->mine ? "t" : "f",
				 o,
				 l };

	snprintf(o, sizeof(o), "%d", offset);
	snprintf(l, sizeof(l), "%d", limit);
	return db_rows_read(
		c,
		"SELECT id, no, status, category, against, target, county, " MINUTE(
			"created_at") ", " DAY("due_on") ", coalesce(overdue, false),"
							 " coalesce(soon, false), urged, "
							 "escalated, handler, body"
							 " FROM api.complaint_queue($1, $2, $3, "
							 "$4, $5, $6, $7, $8, $9)",
		9, params, sizeof(**out), queue_read_row, (void **)out, n, err);
}

enum db_status db_complaint_find(struct db_conn *c, const char *token, const char *no,
				 long long *id, long long *person, struct db_error *err)
{
	const char *params[] = { token, no };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(c, "SELECT id, person_id FROM api.complaint_find($1, $2)",
					2, params, &r, err);

	*id = *person = 0;
	if (st != DB_OK)
		return st;
	*id = db_ll_or(r, 0, 0, 0);
	*person = db_ll_or(r, 0, 1, 0);
	db_result_free(&r);
	return DB_OK;
}

void complaint_detail_release(struct complaint_detail *d)
{
	char **fields[] = { &d->no,
			    &d->status,
			    &d->category,
			    &d->against,
			    &d->target,
			    &d->body,
			    &d->person_name,
			    &d->county,
			    &d->created,
			    &d->due_on,
			    &d->handler,
			    &d->escalated_at,
			    &d->satisfaction,
			    &d->filed_by,
			    &d->consent,
			    &d->booking_no,
			    &d->booking_status,
			    &d->slot_starts,
			    &d->service_title,
			    &d->provider_name,
			    &d->provider_rating };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		free(*fields[i]);
	db_items_free(d->steps, d->nsteps);
	memset(d, 0, sizeof(*d));
}

/* The columns of api.complaint_get as db_complaint_get reads them. */
/* clang-format off */
static const char complaint_get_sql[] =
	"SELECT id, no, status, category, against, target, body, person_id, person_name,"
	" county, " MINUTE("created_at") ", " DAY("due_on") ", coalesce(overdue, false),"
	" coalesce(handler, ''), urged, coalesce(" MINUTE("escalated_at") ", ''),"
	" coalesce(satisfaction, ''), coalesce(filed_by, ''), coalesce(consent, ''),"
	" coalesce(booking_no, ''), coalesce(booking_status, ''),"
	" coalesce(" MINUTE("slot_starts") ", ''), coalesce(service_title, ''),"
	" coalesce(provider_id, 0), coalesce(provider_name, ''),"
	" coalesce(provider_rating::text, ''), coalesce(provider_ratings, 0),"
	" coalesce(provider_complaints, 0), steps"
	" FROM api.complaint_get($1, $2) WHERE id IS NOT NULL";
/* clang-format on */

enum db_status db_complaint_get(struct db_conn *c, const char *token, long long id,
				struct complaint_detail *out, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(c, complaint_get_sql, 2, params, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	out->id = db_ll_or(r, 0, 0, 0);
	out->no = db_result_dup(r, 0, 1);
	out->status = db_result_dup(r, 0, 2);
	out->category = db_result_dup(r, 0, 3);
	out->against = db_result_dup(r, 0, 4);
	out->target = db_result_dup(r, 0, 5);
	out->body = db_result_dup(r, 0, 6);
	out->person_id = db_ll_or(r, 0, 7, 0);
	out->person_name = db_result_dup(r, 0, 8);
	out->county = db_result_dup(r, 0, 9);
	out->created = db_result_dup(r, 0, 10);
	out->due_on = db_result_dup(r, 0, 11);
	out->overdue = db_bool(r, 0, 12);
	out->handler = db_result_dup(r, 0, 13);
	out->urged = (int)db_ll_or(r, 0, 14, 0);
	out->escalated_at = db_result_dup(r, 0, 15);
	out->satisfaction = db_result_dup(r, 0, 16);
	out->filed_by = db_result_dup(r, 0, 17);
	out->consent = db_result_dup(r, 0, 18);
	out->booking_no = db_result_dup(r, 0, 19);
	out->booking_status = db_result_dup(r, 0, 20);
	out->slot_starts = db_result_dup(r, 0, 21);
	out->service_title = db_result_dup(r, 0, 22);
	out->provider_id = db_ll_or(r, 0, 23, 0);
	out->provider_name = db_result_dup(r, 0, 24);
	out->provider_rating = db_result_dup(r, 0, 25);
	out->provider_ratings = db_ll_or(r, 0, 26, 0);
	out->provider_complaints = db_ll_or(r, 0, 27, 0);
	out->nsteps = db_array_items(db_result_get(r, 0, 28), &out->steps);
	db_result_free(&r);
	return DB_OK;
}

static void history_read_row(const struct db_result *r, int i, void *dst)
{
	struct complaint_row *k = dst;

	k->no = db_result_dup(r, i, 0);
	k->status = db_result_dup(r, i, 1);
	k->category = db_result_dup(r, i, 2);
	k->created = db_result_dup(r, i, 3);
	k->satisfaction = db_result_dup(r, i, 4);
	complaint_row_blank(k);
}

enum db_status db_complaint_history(struct db_conn *c, const char *token, long long id,
				    struct complaint_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	return db_rows_read(c,
			    "SELECT no, status, category, " MINUTE(
				    "created_at") ","
						  " coalesce(satisfaction, '') FROM "
						  "api.complaint_history($1, $2)",
			    2, params, sizeof(**out), history_read_row, (void **)out, n, err);
}

void complaint_event_rows_free(struct complaint_event_row **vp, int n)
{
	struct complaint_event_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].at);
		free(v[i].action);
		free(v[i].status_after);
		free(v[i].actor);
		free(v[i].body);
		free(v[i].rating);
		free(v[i].handler);
	}
	XFREE(*vp);
}

/* Columns: at, action, status_after, visible, by_person, actor, body,
 * rating, handler. */
static void events_read_row(const struct db_result *r, int i, void *dst)
{
	struct complaint_event_row *e = dst;

	e->at = db_result_dup(r, i, 0);
	e->action = db_result_dup(r, i, 1);
	e->status_after = db_result_dup(r, i, 2);
	e->visible = db_bool(r, i, 3);
	e->by_person = db_bool(r, i, 4);
	e->actor = db_result_dup(r, i, 5);
	e->body = db_result_dup(r, i, 6);
	e->rating = db_result_dup(r, i, 7);
	e->handler = db_result_dup(r, i, 8);
}

enum db_status db_complaint_events(struct db_conn *c, const char *token, long long id,
				   struct complaint_event_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	return db_rows_read(c,
			    "SELECT " MINUTE("at") ", action, status_after, visible, actor IS NULL,"
						   " coalesce(actor, ''), body, coalesce(rating, "
						   "''), coalesce(handler, '')"
						   " FROM api.complaint_events($1, $2)",
			    2, params, sizeof(**out), events_read_row, (void **)out, n, err);
}

/* The complainant's timeline from fn (api.citizen_complaint_events or
 * api.provider_filed_complaint_events: the same columns). */
static enum db_status public_events(struct db_conn *c, const char *sql, const char *token,
				    long long id, struct complaint_event_row **out, int *n,
				    struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	return db_rows_read(c, sql, 2, params, sizeof(**out), events_read_row, (void **)out, n,
			    err);
}

#define PUBLIC_EVENT_COLS                                                                          \
	"SELECT " MINUTE("at") ", action, status_after, true, by_person, '',"                      \
			       " body, coalesce(rating, ''), ''"

enum db_status db_citizen_complaint_events(struct db_conn *c, const char *token, long long id,
					   struct complaint_event_row **out, int *n,
					   struct db_error *err)
{
	return public_events(c, PUBLIC_EVENT_COLS " FROM api.citizen_complaint_events($1, $2)",
			     token, id, out, n, err);
}

enum db_status db_provider_filed_complaint_events(struct db_conn *c, const char *token,
						  long long id, struct complaint_event_row **out,
						  int *n, struct db_error *err)
{
	return public_events(c,
			     PUBLIC_EVENT_COLS " FROM api.provider_filed_complaint_events($1, $2)",
			     token, id, out, n, err);
}

void complaint_clock_rows_free(struct complaint_clock_row **vp, int n)
{
	struct complaint_clock_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].day);
		free(v[i].action);
		free(v[i].starts_on);
		free(v[i].due_on);
	}
	XFREE(*vp);
}

static void clock_read_row(const struct db_result *r, int i, void *dst)
{
	struct complaint_clock_row *k = dst;

	k->day = db_result_dup(r, i, 0);
	k->action = db_result_dup(r, i, 1);
	k->limit_days = (int)db_ll_or(r, i, 2, -1);
	k->used_days = (int)db_ll_or(r, i, 3, 0);
	k->paused = db_bool(r, i, 4);
	k->starts_on = db_result_dup(r, i, 5);
	k->due_on = db_result_dup(r, i, 6);
	k->known = db_bool(r, i, 7);
}

enum db_status db_complaint_clock(struct db_conn *c, const char *token, long long id,
				  struct complaint_clock_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	return db_rows_read(
		c,
		"SELECT " DAY("day") ", action, limit_days, used_days, paused, " DAY(
			"starts_on") ", " DAY("due_on") ", known"
							" FROM api.complaint_clock($1, $2)",
		2, params, sizeof(**out), clock_read_row, (void **)out, n, err);
}

enum db_status db_complaint_handlers(struct db_conn *c, const char *token, struct code_list *out,
				     struct db_error *err)
{
	const char *params[] = { token };

	return db_code_list_params(c, "SELECT id::text, name FROM api.complaint_handlers($1)", 1,
				   params, out, err);
}

enum db_status db_complaint_act(struct db_conn *c, const char *token, const char *key, long long id,
				const char *action, const char *body, long long handler,
				char **outcome, struct db_error *err)
{
	char s[24], h[24];
	const char *params[] = {
		token, key, db_id_param(s, id), action, body ? body : "", db_id_param(h, handler)
	};

	return db_outcome_call(c, "SELECT outcome FROM api.complaint_act($1, $2, $3, $4, $5, $6)",
			       6, params, outcome, err);
}

enum db_status db_citizen_complaint_supply(struct db_conn *c, const char *token, const char *key,
					   long long id, const char *body, char **outcome,
					   struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, id), body };

	return db_outcome_call(c, "SELECT api.citizen_complaint_supply($1, $2, $3, $4)", 4, params,
			       outcome, err);
}

enum db_status db_citizen_complaint_rate(struct db_conn *c, const char *token, const char *key,
					 long long id, const char *rating, const char *body,
					 char **outcome, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, id), rating, body ? body : "" };

	return db_outcome_call(c, "SELECT api.citizen_complaint_rate($1, $2, $3, $4, $5)", 5,
			       params, outcome, err);
}
