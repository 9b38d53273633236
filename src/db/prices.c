/*
 * prices: 收费标准 and 收入分配方案 (Art. 16: proposed by the provider or
 * the operator, reviewed by the supervisor, approved by the project
 * group) and the provider's own services, slots, ratings and complaints
 * (data/sql/functions/prices.sql).
 *
 * Calls that change something carry the caller's request key and go
 * through db_exec_idempotent: sent again after a lost answer, they return
 * the first answer instead of acting twice.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

void db_act_outcome_release(struct db_act_outcome *o)
{
	free(o->outcome);
	free(o->status);
	db_items_free(o->hits, o->nhits);
	memset(o, 0, sizeof(*o));
}

/* Both outcome types read alike: outcome, id, status, hits, taken, replayed. */
#define PRICE_OUTCOME_COLS "outcome, proposal_id, status, '{}'::text[], NULL::int, replayed"
#define PROVIDER_OUTCOME_COLS "outcome, id, '', hits, taken, replayed"

static enum db_status act_outcome_call(struct db_conn *c, const char *sql, int n,
				       const char *const *params, struct db_act_outcome *o,
				       struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	memset(o, 0, sizeof(*o));
	o->taken = -1;
	st = db_exec_idempotent_row(c, sql, n, params, &r, err);
	if (st != DB_OK)
		return st;
	o->outcome = db_result_dup(r, 0, 0);
	o->id = db_ll_or(r, 0, 1, 0);
	o->status = db_result_dup(r, 0, 2);
	o->nhits = db_array_items(db_result_get(r, 0, 3), &o->hits);
	o->taken = (int)db_ll_or(r, 0, 4, -1);
	o->replayed = db_bool(r, 0, 5);
	db_result_free(&r);
	return DB_OK;
}

/* --- the steps of a price --------------------------------------------------- */

enum db_status db_price_propose(struct db_conn *c, const char *token, const char *key,
				const struct price_input *in, struct db_act_outcome *o,
				struct db_error *err)
{
	char s[24], price[24], share[16];
	const char *params[] = { token, key,   db_id_param(s, in->service),
				 price, share, in->reason ? in->reason : "" };

	snprintf(price, sizeof(price), "%lld", in->price_fen);
	snprintf(share, sizeof(share), "%d", in->provider_permille);
	return act_outcome_call(c,
				"SELECT " PRICE_OUTCOME_COLS
				" FROM api.price_propose($1, $2, $3, $4::bigint, $5::int, $6)",
				6, params, o, err);
}

enum db_status db_price_step(struct db_conn *c, const char *token, const char *key,
			     long long proposal, enum price_step step, const char *note,
			     struct db_act_outcome *o, struct db_error *err)
{
	const char *action = "pass";
	const char *sql = "SELECT " PRICE_OUTCOME_COLS " FROM api.price_review($1, $2, $3, $4, $5)";
	char p[24];

	switch (step) {
	case PRICE_PASS:
		action = "pass";
		break;
	case PRICE_RETURN:
		action = "return";
		break;
	case PRICE_APPROVE:
		action = "approve";
		break;
	case PRICE_REJECT:
		action = "reject";
		break;
	}
	if (step == PRICE_APPROVE || step == PRICE_REJECT)
		sql = "SELECT " PRICE_OUTCOME_COLS " FROM api.price_approve($1, $2, $3, $4, $5)";
	const char *params[] = { token, key, db_id_param(p, proposal), action, note ? note : "" };
	return act_outcome_call(c, sql, 5, params, o, err);
}

void price_proposal_rows_free(struct price_proposal_row **vp, int n)
{
	struct price_proposal_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].status);
		free(v[i].reason);
		free(v[i].proposed_by);
		free(v[i].proposer_role);
		free(v[i].proposed_at);
		free(v[i].last_note);
	}
	XFREE(*vp);
}

static void price_proposal_read(const struct db_result *r, int i, void *dst)
{
	struct price_proposal_row *p = dst;

	p->id = db_ll_or(r, i, 0, 0);
	p->service_id = db_ll_or(r, i, 1, 0);
	p->service_title = db_result_dup(r, i, 2);
	p->provider_name = db_result_dup(r, i, 3);
	p->status = db_result_dup(r, i, 4);
	p->price_fen = db_ll_or(r, i, 5, 0);
	p->provider_permille = (int)db_ll_or(r, i, 6, 0);
	p->old_price_fen = db_ll_or(r, i, 7, 0);
	p->old_permille = (int)db_ll_or(r, i, 8, 0);
	p->reason = db_result_dup(r, i, 9);
	p->proposed_by = db_result_dup(r, i, 10);
	p->proposer_role = db_result_dup(r, i, 11);
	p->proposed_at = db_result_dup(r, i, 12);
	p->my_turn = db_bool(r, i, 13);
	p->last_note = db_result_dup(r, i, 14);
}

enum db_status db_price_queue(struct db_conn *c, const char *token, struct price_proposal_row **out,
			      int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(
		c,
		"SELECT id, service_id, service_title, provider_name, status, price_fen,"
		" provider_permille, old_price_fen, old_permille, reason, proposed_by, "
		"proposer_role,"
		" to_char(proposed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), my_turn,"
		" coalesce(last_note, '') FROM api.price_queue($1)",
		1, params, sizeof(**out), price_proposal_read, (void **)out, n, err);
}

void price_event_rows_free(struct price_event_row **vp, int n)
{
	struct price_event_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].at);
		free(v[i].action);
		free(v[i].staff_name);
		free(v[i].staff_role);
		free(v[i].note);
		free(v[i].status_after);
	}
	XFREE(*vp);
}

static void price_event_read(const struct db_result *r, int i, void *dst)
{
	struct price_event_row *e = dst;

	e->proposal_id = db_ll_or(r, i, 0, 0);
	e->at = db_result_dup(r, i, 1);
	e->action = db_result_dup(r, i, 2);
	e->staff_name = db_result_dup(r, i, 3);
	e->staff_role = db_result_dup(r, i, 4);
	e->price_fen = db_ll_or(r, i, 5, 0);
	e->provider_permille = (int)db_ll_or(r, i, 6, 0);
	e->note = db_result_dup(r, i, 7);
	e->status_after = db_result_dup(r, i, 8);
}

enum db_status db_price_history(struct db_conn *c, const char *token, long long service,
				struct price_event_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, service) };

	return db_rows_read(
		c,
		"SELECT proposal_id, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD "
		"HH24:MI'),"
		" action, staff_name, staff_role, price_fen, provider_permille, note, status_after"
		" FROM api.price_history($1, $2)",
		2, params, sizeof(**out), price_event_read, (void **)out, n, err);
}

/* --- the provider's services and slots -------------------------------------- */

void provider_services_free(struct provider_service **vp, int n)
{
	struct provider_service *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].code);
		free(v[i].title);
		free(v[i].category);
		free(v[i].category_name);
		free(v[i].description);
		free(v[i].place);
		free(v[i].contact);
		free(v[i].status);
		free(v[i].open_status);
		free(v[i].rating);
		free(v[i].withdrawn_reason);
	}
	XFREE(*vp);
}

static void provider_service_read(const struct db_result *r, int i, void *dst)
{
	struct provider_service *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->code = db_result_dup(r, i, 1);
	s->title = db_result_dup(r, i, 2);
	s->category = db_result_dup(r, i, 3);
	s->category_name = db_result_dup(r, i, 4);
	s->paid = db_bool(r, i, 5);
	s->online = db_bool(r, i, 6);
	s->price_fen = db_ll_or(r, i, 7, 0);
	s->provider_permille = (int)db_ll_or(r, i, 8, 0);
	s->price_pending = db_bool(r, i, 9);
	s->open_status = db_result_dup(r, i, 10);
	s->voucher_ok = db_bool(r, i, 11);
	s->description = db_result_dup(r, i, 12);
	s->place = db_result_dup(r, i, 13);
	s->contact = db_result_dup(r, i, 14);
	s->cancel_hours = (int)db_ll_or(r, i, 15, 0);
	s->status = db_result_dup(r, i, 16);
	s->rating = db_result_dup(r, i, 17);
	s->rating_count = db_ll_or(r, i, 18, 0);
	s->slots_coming = db_ll_or(r, i, 19, 0);
	s->withdrawn_reason = db_result_dup(r, i, 20);
}

enum db_status db_provider_services(struct db_conn *c, const char *token,
				    struct provider_service **out, int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(
		c,
		"SELECT id, code, title, category, category_name, paid, online,"
		" price_fen, provider_permille, price_pending, coalesce(open_status, ''),"
		" voucher_ok, description, place, contact, cancel_hours, status,"
		" coalesce(rating::text, ''), rating_count, slots_coming,"
		" coalesce(withdrawn_reason, '')"
		" FROM api.provider_services($1)",
		1, params, sizeof(**out), provider_service_read, (void **)out, n, err);
}

enum db_status db_provider_service_save(struct db_conn *c, const char *token, const char *key,
					const struct provider_service_input *in,
					struct db_act_outcome *o, struct db_error *err)
{
	char s[24], hours[16];
	const char *params[] = { token,
				 key,
				 db_id_param(s, in->id),
				 in->title ? in->title : "",
				 in->description ? in->description : "",
				 in->category ? in->category : "",
				 in->place ? in->place : "",
				 in->contact ? in->contact : "",
				 in->online ? "t" : "f",
				 in->paid ? "t" : "f",
				 hours };

	snprintf(hours, sizeof(hours), "%d", in->cancel_hours);
	return act_outcome_call(c,
				"SELECT " PROVIDER_OUTCOME_COLS
				" FROM api.provider_service_save($1, $2, $3, $4, $5, $6, $7, $8,"
				" $9::boolean, $10::boolean, $11::int)",
				11, params, o, err);
}

void provider_slots_free(struct provider_slot **vp, int n)
{
	struct provider_slot *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].starts_at);
		free(v[i].ends_at);
		free(v[i].place);
	}
	XFREE(*vp);
}

static void provider_slot_read(const struct db_result *r, int i, void *dst)
{
	struct provider_slot *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->starts_at = db_result_dup(r, i, 1);
	s->ends_at = db_result_dup(r, i, 2);
	s->place = db_result_dup(r, i, 3);
	s->capacity = (int)db_ll_or(r, i, 4, 0);
	s->taken = (int)db_ll_or(r, i, 5, 0);
	s->seats_left = (int)db_ll_or(r, i, 6, 0);
	s->waiting = db_ll_or(r, i, 7, 0);
	s->cancelled = db_bool(r, i, 8);
	s->started = db_bool(r, i, 9);
}

enum db_status db_provider_slots(struct db_conn *c, const char *token, long long service,
				 struct provider_slot **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, service) };

	return db_rows_read(
		c,
		"SELECT id, to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), place,"
		" capacity, taken, seats_left, waiting, cancelled, started"
		" FROM api.provider_slots($1, $2)",
		2, params, sizeof(**out), provider_slot_read, (void **)out, n, err);
}

enum db_status db_provider_slot_add(struct db_conn *c, const char *token, const char *key,
				    const struct provider_slot_input *in, struct db_act_outcome *o,
				    struct db_error *err)
{
	char s[24], minutes[16], capacity[16];
	const char *params[] = { token,	  key,	    db_id_param(s, in->service), in->starts,
				 minutes, capacity, in->place ? in->place : "" };

	snprintf(minutes, sizeof(minutes), "%d", in->minutes);
	snprintf(capacity, sizeof(capacity), "%d", in->capacity);
	return act_outcome_call(c,
				"SELECT " PROVIDER_OUTCOME_COLS
				" FROM api.provider_slot_add($1, $2, $3, $4::timestamp, $5::int,"
				" $6::int, $7)",
				7, params, o, err);
}

enum db_status db_provider_slot_capacity(struct db_conn *c, const char *token, const char *key,
					 long long slot, int capacity, struct db_act_outcome *o,
					 struct db_error *err)
{
	char s[24], cap[16];
	const char *params[] = { token, key, db_id_param(s, slot), cap };

	snprintf(cap, sizeof(cap), "%d", capacity);
	return act_outcome_call(c,
				"SELECT " PROVIDER_OUTCOME_COLS
				" FROM api.provider_slot_capacity($1, $2, $3, $4::int)",
				4, params, o, err);
}

/* --- its ratings and the complaints against it -------------------------------- */

void provider_self_release(struct provider_self *p)
{
	free(p->name);
	free(p->rating);
	memset(p, 0, sizeof(*p));
}

enum db_status db_provider_self(struct db_conn *c, const char *token, struct provider_self *out,
				struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[] = { token };
	enum db_status st;

	memset(out, 0, sizeof(*out));
	st = db_exec(c,
		     "SELECT id, name, coalesce(rating::text, ''), rating_count"
		     " FROM api.provider_self($1)",
		     1, params, &r, err);
	if (st != DB_OK)
		return st;
	if (db_result_rows(r) == 1) {
		out->found = true;
		out->id = db_ll_or(r, 0, 0, 0);
		out->name = db_result_dup(r, 0, 1);
		out->rating = db_result_dup(r, 0, 2);
		out->rating_count = db_ll_or(r, 0, 3, 0);
	}
	db_result_free(&r);
	return DB_OK;
}

void provider_reviews_free(struct provider_review **vp, int n)
{
	struct provider_review *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].day);
		free(v[i].service_title);
		free(v[i].comment);
		free(v[i].reply);
		free(v[i].reply_day);
	}
	XFREE(*vp);
}

static void provider_review_read(const struct db_result *r, int i, void *dst)
{
	struct provider_review *p = dst;

	p->id = db_ll_or(r, i, 0, 0);
	p->day = db_result_dup(r, i, 1);
	p->service_title = db_result_dup(r, i, 2);
	p->stars = (int)db_ll_or(r, i, 3, 0);
	p->comment = db_result_dup(r, i, 4);
	p->reply = db_result_dup(r, i, 5);
	p->reply_day = db_result_dup(r, i, 6);
}

enum db_status db_provider_reviews(struct db_conn *c, const char *token, long long before,
				   int limit, struct provider_review **out, int *n,
				   struct db_error *err)
{
	char b[24], l[16];
	const char *params[] = { token, db_id_param(b, before), l };

	snprintf(l, sizeof(l), "%d", limit);
	return db_rows_read(
		c,
		"SELECT id, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),"
		" service_title, stars, comment, coalesce(reply, ''),"
		" coalesce(to_char(reply_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), '')"
		" FROM api.provider_reviews($1, $2, $3::int)",
		3, params, sizeof(**out), provider_review_read, (void **)out, n, err);
}

void provider_complaints_free(struct provider_complaint **vp, int n)
{
	struct provider_complaint *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].status);
		free(v[i].category_name);
		free(v[i].against);
		free(v[i].service_title);
		free(v[i].name_masked);
		free(v[i].created_at);
		free(v[i].due_on);
	}
	XFREE(*vp);
}

static void provider_complaint_read(const struct db_result *r, int i, void *dst)
{
	struct provider_complaint *p = dst;

	p->no = db_result_dup(r, i, 0);
	p->status = db_result_dup(r, i, 1);
	p->category_name = db_result_dup(r, i, 2);
	p->against = db_result_dup(r, i, 3);
	p->service_title = db_result_dup(r, i, 4);
	p->created_at = db_result_dup(r, i, 5);
	p->due_on = db_result_dup(r, i, 6);
	p->overdue = db_bool(r, i, 7);
	p->name_masked = db_result_dup(r, i, 8);
}

enum db_status db_provider_complaints(struct db_conn *c, const char *token,
				      struct provider_complaint **out, int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(
		c,
		"SELECT no, status, category_name, against, coalesce(service_title, ''),"
		" to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),"
		" coalesce(to_char(due_on, 'YYYY-MM-DD'), ''), overdue, name_masked"
		" FROM api.provider_complaints($1)",
		1, params, sizeof(**out), provider_complaint_read, (void **)out, n, err);
}
