/*
 * reviews: 评价 and what is done with them (data/sql/functions/reviews.sql) —
 * rating a completed booking at the kiosk or at the counter, the
 * reviews everyone sees, the moderation queue and its steps, the
 * take-down report, the dynamic-management flags, and loading the
 * moderation word list.
 *
 * Calls that change something carry the caller's request key and go
 * through db_exec_idempotent: sent again after a lost answer, they
 * return the first answer instead of acting twice.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

void db_review_outcome_release(struct db_review_outcome *o)
{
	free(o->outcome);
	free(o->status);
	memset(o, 0, sizeof(*o));
}

/* A bigint parameter: NULL for 0 (none). */
#define REVIEW_OUTCOME_COLS "outcome, review_id, status, replayed"

/* Run a call returning one wc.review_outcome row into *o. */
static enum db_status review_outcome_call(struct db_conn *c, const char *sql, int n,
					  const char *const *params, struct db_review_outcome *o,
					  struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	memset(o, 0, sizeof(*o));
	st = db_exec_idempotent_row(c, sql, n, params, &r, err);
	if (st != DB_OK)
		return st;
	o->outcome = db_result_dup(r, 0, 0);
	o->review_id = db_ll_or(r, 0, 1, 0);
	o->status = db_result_dup(r, 0, 2);
	o->replayed = db_bool(r, 0, 3);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_citizen_review_add(struct db_conn *c, const char *token, const char *key,
				     const struct review_input *in, struct db_review_outcome *o,
				     struct db_error *err)
{
	char b[24], stars[16];
	const char *params[] = { token, key, db_id_param(b, in->booking), stars,
				 in->comment ? in->comment : "" };

	snprintf(stars, sizeof(stars), "%d", in->stars);
	return review_outcome_call(c,
				   "SELECT " REVIEW_OUTCOME_COLS
				   " FROM api.citizen_review_add($1, $2, $3, $4::int, $5)",
				   5, params, o, err);
}

enum db_status db_counter_review_add(struct db_conn *c, const char *token, const char *key,
				     const char *person, const struct review_input *in,
				     const char *consent, struct db_review_outcome *o,
				     struct db_error *err)
{
	char b[24], stars[16];
	const char *params[] = { token,	 key,
				 person, db_id_param(b, in->booking),
				 stars,	 in->comment ? in->comment : "",
				 consent };

	snprintf(stars, sizeof(stars), "%d", in->stars);
	return review_outcome_call(c,
				   "SELECT " REVIEW_OUTCOME_COLS
				   " FROM api.counter_review_add($1, $2, $3, $4, $5::int, $6, $7)",
				   7, params, o, err);
}

/* --- a person's own ----------------------------------------------------- */

void my_reviews_free(struct my_review **vp, int n)
{
	struct my_review *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].comment);
		free(v[i].status);
		free(v[i].created_at);
		free(v[i].reply);
		free(v[i].revoked_reason);
	}
	XFREE(*vp);
}

#define MY_REVIEW_COLS                                                                             \
	"booking_id, id, stars, comment, status,"                                                  \
	" to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),"                         \
	" coalesce(reply, ''), coalesce(revoked_reason, '')"

static void my_review_read(const struct db_result *r, int i, void *dst)
{
	struct my_review *m = dst;

	m->booking_id = db_ll_or(r, i, 0, 0);
	m->id = db_ll_or(r, i, 1, 0);
	m->stars = (int)db_ll_or(r, i, 2, 0);
	m->comment = db_result_dup(r, i, 3);
	m->status = db_result_dup(r, i, 4);
	m->created_at = db_result_dup(r, i, 5);
	m->reply = db_result_dup(r, i, 6);
	m->revoked_reason = db_result_dup(r, i, 7);
}

enum db_status db_citizen_reviews(struct db_conn *c, const char *token, struct my_review **out,
				  int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c, "SELECT " MY_REVIEW_COLS " FROM api.citizen_reviews($1)", 1, params,
			    sizeof(**out), my_review_read, (void **)out, n, err);
}

enum db_status db_person_reviews(struct db_conn *c, const char *token, const char *person,
				 struct my_review **out, int *n, struct db_error *err)
{
	const char *params[] = { token, person };

	return db_rows_read(c, "SELECT " MY_REVIEW_COLS " FROM api.person_reviews($1, $2)", 2,
			    params, sizeof(**out), my_review_read, (void **)out, n, err);
}

const struct my_review *my_review_of(const struct my_review *v, int n, long long booking)
{
	for (int i = 0; i < n; i++)
		if (v[i].booking_id == booking)
			return &v[i];
	return NULL;
}

/* --- everyone ------------------------------------------------------------ */

void service_reviews_free(struct service_review **vp, int n)
{
	struct service_review *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].day);
		free(v[i].comment);
		free(v[i].reply);
		free(v[i].reply_day);
	}
	XFREE(*vp);
}

static void service_review_read(const struct db_result *r, int i, void *dst)
{
	struct service_review *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->day = db_result_dup(r, i, 1);
	s->stars = (int)db_ll_or(r, i, 2, 0);
	s->comment = db_result_dup(r, i, 3);
	s->reply = db_result_dup(r, i, 4);
	s->reply_day = db_result_dup(r, i, 5);
}

enum db_status db_service_reviews(struct db_conn *c, long long service, long long before, int limit,
				  struct service_review **out, int *n, struct db_error *err)
{
	char s[24], b[24], l[16];
	const char *params[] = { db_id_param(s, service), db_id_param(b, before), l };

	snprintf(l, sizeof(l), "%d", limit);
	return db_rows_read(
		c,
		"SELECT id, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),"
		" stars, comment, coalesce(reply, ''),"
		" coalesce(to_char(reply_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), '')"
		" FROM api.service_reviews($1, $2, $3::int)",
		3, params, sizeof(**out), service_review_read, (void **)out, n, err);
}

/* --- moderation ---------------------------------------------------------- */

void review_queue_rows_free(struct review_queue_row **vp, int n)
{
	struct review_queue_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].created_at);
		free(v[i].comment);
		free(v[i].status);
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].booking_no);
		free(v[i].name_masked);
		free(v[i].county_name);
		free(v[i].recorded_by);
		free(v[i].check_note);
		free(v[i].reply);
		free(v[i].reply_day);
		db_items_free(v[i].hits, v[i].nhits);
	}
	XFREE(*vp);
}

static void review_queue_read(const struct db_result *r, int i, void *dst)
{
	struct review_queue_row *q = dst;

	q->id = db_ll_or(r, i, 0, 0);
	q->created_at = db_result_dup(r, i, 1);
	q->stars = (int)db_ll_or(r, i, 2, 0);
	q->comment = db_result_dup(r, i, 3);
	q->status = db_result_dup(r, i, 4);
	q->nhits = db_array_items(db_result_get(r, i, 5), &q->hits);
	q->service_id = db_ll_or(r, i, 6, 0);
	q->service_title = db_result_dup(r, i, 7);
	q->provider_name = db_result_dup(r, i, 8);
	q->booking_no = db_result_dup(r, i, 9);
	q->name_masked = db_result_dup(r, i, 10);
	q->county_name = db_result_dup(r, i, 11);
	q->recorded_by = db_result_dup(r, i, 12);
	q->check_note = db_result_dup(r, i, 13);
	q->reply = db_result_dup(r, i, 14);
	q->reply_day = db_result_dup(r, i, 15);
}

enum db_status db_review_queue(struct db_conn *c, const char *token, enum review_list list,
			       long long after, int limit, struct review_queue_row **out, int *n,
			       struct db_error *err)
{
	const char *name = "held";
	char a[24], l[16];
	const char *params[4];

	switch (list) {
	case REVIEW_LIST_HELD:
		name = "held";
		break;
	case REVIEW_LIST_UNCHECKED:
		name = "unchecked";
		break;
	case REVIEW_LIST_PUBLISHED:
		name = "published";
		break;
	}
	snprintf(l, sizeof(l), "%d", limit);
	params[0] = token;
	params[1] = name;
	params[2] = db_id_param(a, after);
	params[3] = l;
	return db_rows_read(
		c,
		"SELECT id, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" stars, comment, status, hits, service_id, service_title, provider_name, "
		"booking_no,"
		" name_masked, county_name, recorded_by, check_note, coalesce(reply, ''),"
		" coalesce(to_char(reply_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), '')"
		" FROM api.review_queue($1, $2, $3, $4::int)",
		4, params, sizeof(**out), review_queue_read, (void **)out, n, err);
}

enum db_status db_review_moderate(struct db_conn *c, const char *token, const char *key,
				  long long review, enum review_action action, const char *note,
				  struct db_review_outcome *o, struct db_error *err)
{
	const char *name = "approve";
	char rv[24];
	const char *params[5];

	switch (action) {
	case REVIEW_APPROVE:
		name = "approve";
		break;
	case REVIEW_TAKE_DOWN:
		name = "take_down";
		break;
	case REVIEW_CHECK:
		name = "check";
		break;
	}
	params[0] = token;
	params[1] = key;
	params[2] = db_id_param(rv, review);
	params[3] = name;
	params[4] = note ? note : "";
	return review_outcome_call(
		c, "SELECT " REVIEW_OUTCOME_COLS " FROM api.review_moderate($1, $2, $3, $4, $5)", 5,
		params, o, err);
}

void takedown_rows_free(struct takedown_row **vp, int n)
{
	struct takedown_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].at);
		free(v[i].review_at);
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].booking_no);
		free(v[i].comment);
		free(v[i].status_before);
		free(v[i].staff_name);
		free(v[i].staff_role);
		free(v[i].reason);
		db_items_free(v[i].hits, v[i].nhits);
		free(v[i].kind);
		free(v[i].field);
	}
	XFREE(*vp);
}

static void takedown_read(const struct db_result *r, int i, void *dst)
{
	struct takedown_row *t = dst;

	t->id = db_ll_or(r, i, 0, 0);
	t->at = db_result_dup(r, i, 1);
	t->service_title = db_result_dup(r, i, 2);
	t->provider_name = db_result_dup(r, i, 3);
	t->booking_no = db_result_dup(r, i, 4);
	t->review_at = db_result_dup(r, i, 5);
	t->stars = (int)db_ll_or(r, i, 6, 0);
	t->comment = db_result_dup(r, i, 7);
	t->nhits = db_array_items(db_result_get(r, i, 8), &t->hits);
	t->status_before = db_result_dup(r, i, 9);
	t->staff_name = db_result_dup(r, i, 10);
	t->staff_role = db_result_dup(r, i, 11);
	t->reason = db_result_dup(r, i, 12);
	t->kind = db_result_dup(r, i, 13);
	t->field = db_result_dup(r, i, 14);
}

enum db_status db_review_takedowns(struct db_conn *c, const char *token, long long before,
				   int limit, struct takedown_row **out, int *n,
				   struct db_error *err)
{
	char b[24], l[16];
	const char *params[] = { token, db_id_param(b, before), l };

	snprintf(l, sizeof(l), "%d", limit);
	return db_rows_read(
		c,
		"SELECT id, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" service_title, provider_name, booking_no,"
		" to_char(review_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), stars,"
		" comment, hits, status_before, staff_name, staff_role, reason, kind, field"
		" FROM api.review_takedowns($1, $2, $3::int)",
		3, params, sizeof(**out), takedown_read, (void **)out, n, err);
}

/* --- dynamic management --------------------------------------------------- */

void quality_thresholds_release(struct quality_thresholds *t)
{
	free(t->rating_below);
	memset(t, 0, sizeof(*t));
}

enum db_status db_quality_thresholds(struct db_conn *c, const char *token,
				     struct quality_thresholds *out, struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[] = { token };
	enum db_status st;

	memset(out, 0, sizeof(*out));
	st = db_exec_row(c,
			 "SELECT rating_below, rating_min, rating_days, complaints_min,"
			 " complaints_days FROM api.quality_thresholds($1)",
			 1, params, &r, err);
	if (st != DB_OK)
		return st;
	out->rating_below = db_result_dup(r, 0, 0);
	out->rating_min = (int)db_ll_or(r, 0, 1, 0);
	out->rating_days = (int)db_ll_or(r, 0, 2, 0);
	out->complaints_min = (int)db_ll_or(r, 0, 3, 0);
	out->complaints_days = (int)db_ll_or(r, 0, 4, 0);
	db_result_free(&r);
	return DB_OK;
}

void quality_flags_free(struct quality_flag **vp, int n)
{
	struct quality_flag *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].title);
		free(v[i].provider_name);
		free(v[i].rating);
	}
	XFREE(*vp);
}

static void quality_flag_read(const struct db_result *r, int i, void *dst)
{
	struct quality_flag *f = dst;
	const char *kind = db_result_get(r, i, 0);

	f->provider = kind && strcmp(kind, "provider") == 0;
	f->id = db_ll_or(r, i, 1, 0);
	f->title = db_result_dup(r, i, 2);
	f->provider_name = db_result_dup(r, i, 3);
	f->rating = db_result_dup(r, i, 4);
	f->ratings = db_ll_or(r, i, 5, 0);
	f->complaints = db_ll_or(r, i, 6, 0);
	f->low_rating = db_bool(r, i, 7);
	f->many_complaints = db_bool(r, i, 8);
}

enum db_status db_quality_flags(struct db_conn *c, const char *token, struct quality_flag **out,
				int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT kind, id, title, provider_name, rating, ratings, complaints,"
			    " low_rating, many_complaints FROM api.quality_flags($1)",
			    1, params, sizeof(**out), quality_flag_read, (void **)out, n, err);
}

/* --- the word list ------------------------------------------------------- */

enum db_status db_moderation_words_load(struct db_conn *c, const char *text,
					struct moderation_load *out, struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[] = { text };
	enum db_status st;

	memset(out, 0, sizeof(*out));
	st = db_exec_row(c,
			 "SELECT changed, words, added, removed"
			 " FROM wc_admin.moderation_words_load($1)",
			 1, params, &r, err);
	if (st != DB_OK)
		return st;
	out->changed = db_bool(r, 0, 0);
	out->words = (int)db_ll_or(r, 0, 1, 0);
	out->added = (int)db_ll_or(r, 0, 2, 0);
	out->removed = (int)db_ll_or(r, 0, 3, 0);
	db_result_free(&r);
	return DB_OK;
}
