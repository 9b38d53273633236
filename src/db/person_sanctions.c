/*
 * person_sanctions: the calls of data/sql/functions/person_sanctions.sql.
 * Every step carries the caller's request key, so an answer lost on the
 * way is asked again and changes nothing twice.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_private.h"

/* The columns both lists read, in this order. */
#define SANCTION_COLUMNS                                                                           \
	"id, kind, reason, coalesce(days, 0), coalesce(until::text, ''), status,"                  \
	" coalesce(starts_on::text, ''), coalesce(ends_on::text, ''), coalesce(appeal, ''),"       \
	" to_char(proposed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')"

static void sanction_read(const struct db_result *r, int i, void *dst)
{
	struct person_sanction *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->kind = db_result_dup(r, i, 1);
	s->reason = db_result_dup(r, i, 2);
	s->days = (int)db_ll_or(r, i, 3, 0);
	s->until = db_result_dup(r, i, 4);
	s->status = db_result_dup(r, i, 5);
	s->starts_on = db_result_dup(r, i, 6);
	s->ends_on = db_result_dup(r, i, 7);
	s->appeal = db_result_dup(r, i, 8);
	s->proposed_at = db_result_dup(r, i, 9);
}

static void own_read(const struct db_result *r, int i, void *dst)
{
	struct person_sanction *s = dst;

	sanction_read(r, i, dst);
	s->decision = db_result_dup(r, i, 10);
	s->frozen = db_bool(r, i, 11);
	s->over = db_bool(r, i, 12);
	s->person_name = db_result_dup(r, i, 13);
	s->id_masked = db_result_dup(r, i, 13);
}

static void queue_read(const struct db_result *r, int i, void *dst)
{
	struct person_sanction *s = dst;

	sanction_read(r, i, dst);
	s->decision = db_result_dup(r, i, 10);
	s->person_id = db_ll_or(r, i, 11, 0);
	s->person_name = db_result_dup(r, i, 12);
	s->id_masked = db_result_dup(r, i, 13);
}

/* --- public functions ------------------------------------------------------ */

void person_sanctions_free(struct person_sanction **vp, int n)
{
	struct person_sanction *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].kind);
		free(v[i].reason);
		free(v[i].until);
		free(v[i].status);
		free(v[i].starts_on);
		free(v[i].ends_on);
		free(v[i].appeal);
		free(v[i].decision);
		free(v[i].proposed_at);
		free(v[i].person_name);
		free(v[i].id_masked);
	}
	XFREE(*vp);
}

enum db_status db_person_sanctions(struct db_conn *c, const char *token, const char *person_id,
				   struct person_sanction **out, int *n, struct db_error *err)
{
	const char *params[] = { token, person_id };

	if (!person_id)
		return db_rows_read(c,
				    "SELECT " SANCTION_COLUMNS ", coalesce(decision, ''), frozen,"
				    " over, '' FROM api.citizen_sanctions($1)",
				    1, params, sizeof(**out), own_read, (void **)out, n, err);
	return db_rows_read(c,
			    "SELECT " SANCTION_COLUMNS ", coalesce(decision, ''), frozen, over, ''"
			    " FROM api.person_sanctions($1, $2::bigint)",
			    2, params, sizeof(**out), own_read, (void **)out, n, err);
}

enum db_status db_sanction_queue(struct db_conn *c, const char *token, struct person_sanction **out,
				 int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT " SANCTION_COLUMNS ", '', person_id, person_name, id_masked"
			    " FROM api.sanction_queue($1)",
			    1, params, sizeof(**out), queue_read, (void **)out, n, err);
}

enum db_status db_sanction_propose(struct db_conn *c, const char *token, const char *key,
				   const char *person_id, const char *kind, const char *reason,
				   int days, const char *until, struct db_manage_outcome *o,
				   struct db_error *err)
{
	char d[16];
	const char *params[] = {
		token, key, person_id, kind, reason ? reason : "", days > 0 ? d : NULL, until
	};

	snprintf(d, sizeof(d), "%d", days);
	return db_manage_call(c,
			      "SELECT * FROM api.sanction_propose($1, $2::uuid, $3::bigint, $4, $5,"
			      " $6::int, $7::date)",
			      7, params, o, err);
}

enum db_status db_sanction_decide(struct db_conn *c, const char *token, const char *key,
				  long long sanction, const char *action, const char *reason,
				  struct db_manage_outcome *o, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, sanction), action,
				 reason ? reason : "" };

	return db_manage_call(c,
			      "SELECT * FROM api.sanction_decide($1, $2::uuid, $3::bigint, $4, $5)",
			      5, params, o, err);
}

enum db_status db_sanction_appeal(struct db_conn *c, const char *token, const char *key,
				  const char *person_id, long long sanction, const char *text,
				  struct db_manage_outcome *o, struct db_error *err)
{
	char s[24];
	const char *id = db_id_param(s, sanction);

	if (!person_id) {
		const char *params[] = { token, key, id, text ? text : "" };
		return db_manage_call(c,
				      "SELECT * FROM api.citizen_sanction_appeal($1, $2::uuid,"
				      " $3::bigint, $4)",
				      4, params, o, err);
	}
	const char *params[] = { token, key, person_id, id, text ? text : "" };
	return db_manage_call(c,
			      "SELECT * FROM api.sanction_appeal($1, $2::uuid, $3::bigint,"
			      " $4::bigint, $5)",
			      5, params, o, err);
}

void sanction_steps_free(struct sanction_step **vp, int n)
{
	struct sanction_step *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].at);
		free(v[i].action);
		free(v[i].who);
		free(v[i].body);
	}
	XFREE(*vp);
}

static void step_read(const struct db_result *r, int i, void *dst)
{
	struct sanction_step *s = dst;

	s->at = db_result_dup(r, i, 0);
	s->action = db_result_dup(r, i, 1);
	s->who = db_result_dup(r, i, 2);
	s->body = db_result_dup(r, i, 3);
}

enum db_status db_sanction_history(struct db_conn *c, const char *token, long long sanction,
				   struct sanction_step **out, int *n, struct db_error *err)
{
	char id[24];
	const char *params[] = { token, db_id_param(id, sanction) };

	return db_rows_read(c,
			    "SELECT to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"
			    " action, coalesce(who, ''), body"
			    " FROM api.sanction_history($1, $2::bigint)",
			    2, params, sizeof(**out), step_read, (void **)out, n, err);
}
