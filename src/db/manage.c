/*
 * manage: provider management (Art. 24-25: 暂停服务, 恢复服务, 清退 and the
 * lesser sanctions), slots closed by their provider, and public texts
 * taken down (Art. 27-28): the calls of data/sql/functions/providers.sql.
 *
 * Every call that changes something carries the caller's request key and
 * goes through db_exec_idempotent, so a call whose answer was lost is sent
 * again and the server answers with the first outcome.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

static const char *const action_names[] = {
	[PROVIDER_INTERVIEW] = "interview", [PROVIDER_WARNING] = "warning",
	[PROVIDER_SUSPEND] = "suspend",	    [PROVIDER_REINSTATE] = "reinstate",
	[PROVIDER_REMOVE] = "remove",
};

enum db_status db_manage_call(struct db_conn *c, const char *sql, int n, const char *const *params,
			      struct db_manage_outcome *o, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	memset(o, 0, sizeof(*o));
	st = db_exec_idempotent_row(c, sql, n, params, &r, err);
	if (st != DB_OK)
		return st;
	o->outcome = db_result_dup(r, 0, 0);
	o->status = db_result_dup(r, 0, 1);
	o->cancelled = (int)db_ll_or(r, 0, 2, 0);
	o->released_fen = db_ll_or(r, 0, 3, 0);
	o->lapsed = (int)db_ll_or(r, 0, 4, 0);
	o->replayed = db_bool(r, 0, 5);
	db_result_free(&r);
	return DB_OK;
}

/* --- public functions ------------------------------------------------------ */

void db_manage_outcome_release(struct db_manage_outcome *o)
{
	free(o->outcome);
	free(o->status);
	memset(o, 0, sizeof(*o));
}

const char *provider_action_name(enum provider_action a)
{
	return action_names[a];
}

int provider_action_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(action_names) / sizeof(action_names[0]); i++)
		if (name && strcmp(name, action_names[i]) == 0)
			return (int)i;
	return -1;
}

enum db_status db_provider_act(struct db_conn *c, const char *token, const char *key,
			       long long provider, enum provider_action action, const char *reason,
			       struct db_manage_outcome *o, struct db_error *err)
{
	char p[24];
	const char *params[] = { token, key, db_id_param(p, provider), action_names[action],
				 reason ? reason : "" };

	return db_manage_call(c, "SELECT * FROM api.provider_act($1, $2::uuid, $3::bigint, $4, $5)",
			      5, params, o, err);
}

void provider_rows_free(struct provider_row **vp, int n)
{
	struct provider_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].name);
		free(v[i].credit_code);
		free(v[i].region_name);
		free(v[i].status);
		free(v[i].rating);
	}
	XFREE(*vp);
}

static void provider_read(const struct db_result *r, int i, void *dst)
{
	struct provider_row *p = dst;

	p->id = db_ll_or(r, i, 0, 0);
	p->name = db_result_dup(r, i, 1);
	p->credit_code = db_result_dup(r, i, 2);
	p->region_name = db_result_dup(r, i, 3);
	p->status = db_result_dup(r, i, 4);
	p->rating = db_result_dup(r, i, 5);
	p->rating_count = db_ll_or(r, i, 6, 0);
	p->complaints = db_ll_or(r, i, 7, 0);
	p->low_rating = db_bool(r, i, 8);
	p->many_complaints = db_bool(r, i, 9);
}

enum db_status db_provider_list(struct db_conn *c, const char *token, const char *query,
				struct provider_row **out, int *n, struct db_error *err)
{
	const char *params[] = { token, query ? query : "" };

	return db_rows_read(c,
			    "SELECT id, name, credit_code, region_name, status, rating,"
			    " rating_count, complaints, low_rating, many_complaints"
			    " FROM api.provider_list($1, $2)",
			    2, params, sizeof(**out), provider_read, (void **)out, n, err);
}

void provider_facts_release(struct provider_facts *f)
{
	free(f->name);
	free(f->credit_code);
	free(f->region_name);
	free(f->address);
	free(f->contact_name);
	free(f->phone);
	free(f->status);
	free(f->rating);
	free(f->created_at);
	free(f->kind_name);
	free(f->legal_rep);
	free(f->contact_id_masked);
	free(f->categories);
	free(f->application_no);
	free(f->active_from);
	db_items_free(f->steps, f->nsteps);
	memset(f, 0, sizeof(*f));
}

enum db_status db_provider_get(struct db_conn *c, const char *token, long long id,
			       struct provider_facts *out, struct db_error *err)
{
	struct db_result *r = NULL;
	char p[24];
	const char *params[] = { token, db_id_param(p, id) };
	enum db_status st;
	char **hidden = NULL;
	size_t nhidden;

	memset(out, 0, sizeof(*out));
	st = db_exec_row(c,
			 "SELECT id, name, credit_code, region_name, address, contact_name, phone,"
			 " status, rating, rating_count,"
			 " to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),"
			 " services, open_bookings, complaints, hidden, steps,"
			 " kind_name, legal_rep, contact_id_masked,"
			 " array_to_string(category_names, '、'), application_no,"
			 " to_char(active_from, 'YYYY-MM-DD')"
			 " FROM api.provider_get($1, $2)",
			 2, params, &r, err);
	if (st != DB_OK)
		return st;
	out->id = db_ll_or(r, 0, 0, 0);
	out->name = db_result_dup(r, 0, 1);
	out->credit_code = db_result_dup(r, 0, 2);
	out->region_name = db_result_dup(r, 0, 3);
	out->address = db_result_dup(r, 0, 4);
	out->contact_name = db_result_dup(r, 0, 5);
	out->phone = db_result_dup(r, 0, 6);
	out->status = db_result_dup(r, 0, 7);
	out->rating = db_result_dup(r, 0, 8);
	out->rating_count = db_ll_or(r, 0, 9, 0);
	out->created_at = db_result_dup(r, 0, 10);
	out->services = db_ll_or(r, 0, 11, 0);
	out->open_bookings = db_ll_or(r, 0, 12, 0);
	out->complaints = db_ll_or(r, 0, 13, 0);
	nhidden = db_array_items(db_result_get(r, 0, 14), &hidden);
	for (size_t i = 0; i < nhidden; i++) {
		out->address_down |= strcmp(hidden[i], "address") == 0;
		out->phone_down |= strcmp(hidden[i], "phone") == 0;
	}
	db_items_free(hidden, nhidden);
	out->nsteps = db_array_items(db_result_get(r, 0, 15), &out->steps);
	out->kind_name = db_result_dup(r, 0, 16);
	out->legal_rep = db_result_dup(r, 0, 17);
	out->contact_id_masked = db_result_dup(r, 0, 18);
	out->categories = db_result_dup(r, 0, 19);
	out->application_no = db_result_dup(r, 0, 20);
	out->active_from = db_result_dup(r, 0, 21);
	db_result_free(&r);
	return DB_OK;
}

void sanction_rows_free(struct sanction_row **vp, int n)
{
	struct sanction_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].at);
		free(v[i].kind);
		free(v[i].reason);
		free(v[i].staff_name);
		free(v[i].staff_role);
		free(v[i].status_before);
		free(v[i].status_after);
	}
	XFREE(*vp);
}

static void sanction_read(const struct db_result *r, int i, void *dst)
{
	struct sanction_row *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->at = db_result_dup(r, i, 1);
	s->kind = db_result_dup(r, i, 2);
	s->reason = db_result_dup(r, i, 3);
	s->staff_name = db_result_dup(r, i, 4);
	s->staff_role = db_result_dup(r, i, 5);
	s->status_before = db_result_dup(r, i, 6);
	s->status_after = db_result_dup(r, i, 7);
	s->cancelled = (int)db_ll_or(r, i, 8, 0);
	s->released_fen = db_ll_or(r, i, 9, 0);
	s->lapsed = (int)db_ll_or(r, i, 10, 0);
}

enum db_status db_provider_sanctions(struct db_conn *c, const char *token, long long provider,
				     struct sanction_row **out, int *n, struct db_error *err)
{
	char p[24];
	const char *params[] = { token, db_id_param(p, provider) };

	return db_rows_read(c,
			    "SELECT id, to_char(at AT TIME ZONE 'Asia/Shanghai',"
			    " 'YYYY-MM-DD HH24:MI'), kind, reason, staff_name, staff_role,"
			    " status_before, status_after, cancelled, released_fen, lapsed"
			    " FROM api.provider_sanctions($1, $2)",
			    2, params, sizeof(**out), sanction_read, (void **)out, n, err);
}

enum db_status db_slot_close(struct db_conn *c, const char *token, const char *key, long long slot,
			     const char *reason, struct db_manage_outcome *o, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, slot), reason ? reason : "" };

	return db_manage_call(c, "SELECT * FROM api.slot_close($1, $2::uuid, $3::bigint, $4)", 4,
			      params, o, err);
}

void day_slot_rows_free(struct day_slot_row **vp, int n)
{
	struct day_slot_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].service_title);
		free(v[i].starts_at);
		free(v[i].ends_at);
		free(v[i].place);
	}
	XFREE(*vp);
}

static void day_slot_read(const struct db_result *r, int i, void *dst)
{
	struct day_slot_row *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->service_title = db_result_dup(r, i, 1);
	s->starts_at = db_result_dup(r, i, 2);
	s->ends_at = db_result_dup(r, i, 3);
	s->place = db_result_dup(r, i, 4);
	s->capacity = (int)db_ll_or(r, i, 5, 0);
	s->taken = (int)db_ll_or(r, i, 6, 0);
	s->waiting = db_ll_or(r, i, 7, 0);
	s->cancelled = db_bool(r, i, 8);
	s->can_close = db_bool(r, i, 9);
}

enum db_status db_provider_day_slots(struct db_conn *c, const char *token, struct date day,
				     struct day_slot_row **out, int *n, struct db_error *err)
{
	char d[11];
	const char *params[] = { token, d };

	date_format(day, d);
	return db_rows_read(
		c,
		"SELECT id, service_title,"
		" to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
		" to_char(ends_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), place,"
		" capacity, taken, waiting, cancelled, can_close"
		" FROM api.provider_day_slots($1, $2)",
		2, params, sizeof(**out), day_slot_read, (void **)out, n, err);
}

void content_texts_free(struct content_text **vp, int n)
{
	struct content_text *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].provider_name);
		free(v[i].service_title);
		free(v[i].field);
		free(v[i].body);
		db_items_free(v[i].hits, v[i].nhits);
	}
	XFREE(*vp);
}

static void content_read(const struct db_result *r, int i, void *dst)
{
	struct content_text *t = dst;

	t->provider_id = db_ll_or(r, i, 0, 0);
	t->provider_name = db_result_dup(r, i, 1);
	t->service_id = db_ll_or(r, i, 2, 0);
	t->service_title = db_result_dup(r, i, 3);
	t->field = db_result_dup(r, i, 4);
	t->body = db_result_dup(r, i, 5);
	t->nhits = db_array_items(db_result_get(r, i, 6), &t->hits);
	t->hidden = db_bool(r, i, 7);
}

enum db_status db_content_texts(struct db_conn *c, const char *token, long long provider,
				bool hits_only, struct content_text **out, int *n,
				struct db_error *err)
{
	char p[24];
	const char *params[] = { token, db_id_param(p, provider), hits_only ? "t" : "f" };

	return db_rows_read(c,
			    "SELECT provider_id, provider_name, service_id, service_title, field,"
			    " body, hits, hidden FROM api.content_texts($1, $2::bigint, $3)",
			    3, params, sizeof(**out), content_read, (void **)out, n, err);
}

enum db_status db_content_take_down(struct db_conn *c, const char *token, const char *key,
				    const struct content_text *t, const char *reason,
				    struct db_manage_outcome *o, struct db_error *err)
{
	char p[24], s[24];
	const char *params[] = { token,
				 key,
				 db_id_param(p, t->provider_id),
				 db_id_param(s, t->service_id),
				 t->field,
				 reason ? reason : "" };

	return db_manage_call(
		c,
		"SELECT * FROM api.content_take_down($1, $2::uuid, $3::bigint, $4::bigint, $5, $6)",
		6, params, o, err);
}
