/*
 * applications: provider onboarding — entering and correcting an
 * application, the review steps, the public notice and objections
 * (data/sql/functions/applications.sql). Calls that change something
 * carry the caller's request key and go through db_exec_idempotent, so a
 * call whose answer was lost is sent again and acts once.
 *
 * Lists that may hold any text (material numbers) travel as one
 * parameter with a line between items, split by the server: the fields
 * they come from are single lines and the database refuses control
 * characters in them.
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

enum db_status db_provider_kinds(struct db_conn *c, struct code_list *out, struct db_error *err)
{
	return db_code_list(c, "SELECT code, name FROM api.provider_kinds()", out, err);
}

enum db_status db_material_kinds(struct db_conn *c, struct code_list *out, struct db_error *err)
{
	return db_code_list(c, "SELECT code, name FROM api.material_kinds()", out, err);
}

void application_filed_release(struct application_filed *f)
{
	free(f->outcome);
	free(f->no);
	free(f->query_code);
	memset(f, 0, sizeof(*f));
}

static char *lines_of(const char *const *items, int n)
{
	struct sbuf b = SBUF_INIT;

	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_addch(&b, '\n');
		sbuf_adds(&b, items[i]);
	}
	return sbuf_detach(&b);
}

/* The call of an application entered: by a clerk (with its id, 0 for a
 * new one, and the note) or at a kiosk (neither); the parameters after
 * the caller's and the key are the same in both. */
static enum db_status submit_call(struct db_conn *c, const char *sql, const char *caller,
				  const char *key, bool clerk, const struct application_input *in,
				  struct db_result **r, struct db_error *err)
{
	char id[24], conds[16];
	char *kinds = lines_of(in->material_kinds, in->nmaterials);
	char *refs = lines_of(in->material_refs, in->nmaterials);
	char *legal_rep = db_name_param(in->legal_rep);
	char *contact = db_name_param(in->contact_name);
	const char *params[17] = { caller, key };
	int n = 2;
	enum db_status st;

	if (clerk)
		params[n++] = db_id_param(id, in->id);
	params[n++] = in->credit_code;
	params[n++] = in->name;
	params[n++] = in->kind;
	params[n++] = in->region;
	params[n++] = in->address;
	params[n++] = legal_rep;
	params[n++] = contact;
	params[n++] = in->contact_id;
	params[n++] = in->phone;
	params[n++] = in->categories;
	params[n++] = conds;
	params[n++] = kinds;
	params[n++] = refs;
	if (clerk)
		params[n++] = in->note ? in->note : "";
	snprintf(conds, sizeof(conds), "{%c,%c,%c,%c}", in->conditions[0] ? 't' : 'f',
		 in->conditions[1] ? 't' : 'f', in->conditions[2] ? 't' : 'f',
		 in->conditions[3] ? 't' : 'f');
	st = db_exec_idempotent(c, sql, n, params, r, err);
	free(kinds);
	free(refs);
	free(legal_rep);
	free(contact);
	return st;
}

enum db_status db_application_submit(struct db_conn *c, const char *token, const char *key,
				     const struct application_input *in,
				     struct application_filed *out, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = submit_call(
		c,
		"SELECT outcome, application_id, application_no"
		" FROM api.application_submit($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		" $10, $11, $12, $13, $14, string_to_array($15, E'\\n'),"
		" string_to_array($16, E'\\n'), $17)",
		token, key, true, in, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	out->outcome = db_result_dup(r, 0, 0);
	out->id = db_ll_or(r, 0, 1, 0);
	out->no = db_result_dup(r, 0, 2);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_kiosk_application_submit(struct db_conn *c, const char *key,
					   const struct application_input *in,
					   struct application_filed *out, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = submit_call(
		c,
		"SELECT outcome, application_no, query_code"
		" FROM api.kiosk_application_submit($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		" $10, $11, $12, $13, string_to_array($14, E'\\n'),"
		" string_to_array($15, E'\\n'))",
		c->terminal_key, key, false, in, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	out->outcome = db_result_dup(r, 0, 0);
	out->no = db_result_dup(r, 0, 1);
	out->query_code = db_result_dup(r, 0, 2);
	db_result_free(&r);
	return DB_OK;
}

void application_track_release(struct application_track *t)
{
	free(t->outcome);
	free(t->no);
	free(t->name);
	free(t->status);
	free(t->notice_from);
	free(t->notice_until);
	free(t->active_from);
	for (int i = 0; i < t->nsteps; i++) {
		free(t->steps[i].at);
		free(t->steps[i].action);
		free(t->steps[i].status);
		free(t->steps[i].reason);
	}
	free(t->steps);
	memset(t, 0, sizeof(*t));
}

enum db_status db_kiosk_application_lookup(struct db_conn *c, const char *no, const char *code,
					   struct application_track *out, struct db_error *err)
{
	const char *params[] = { c->terminal_key, no, code };
	struct db_result *r = NULL;
	enum db_status st = db_exec(
		c,
		"SELECT outcome, coalesce(application_no, ''), coalesce(name, ''),"
		" coalesce(status, ''), " DAY("notice_from") ", " DAY("notice_until") ", "
		DAY("active_from") ", coalesce(" MINUTE("step_at") ", ''),"
		" coalesce(step_action, ''), coalesce(step_status, ''), coalesce(step_reason, '')"
		" FROM api.kiosk_application_lookup($1, $2, $3)",
		3, params, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	int n = db_result_rows(r);
	out->outcome = n > 0 ? db_result_dup(r, 0, 0) : xstrdup("not_found");
	for (int col = 1; col <= 6; col++) {
		char **dst[] = { &out->no, &out->name, &out->status, &out->notice_from,
				 &out->notice_until, &out->active_from };
		*dst[col - 1] = n > 0 ? db_result_dup(r, 0, col) : xstrdup("");
	}
	if (n > 0 && strcmp(out->outcome, "ok") == 0) {
		out->steps = xcalloc((size_t)n, sizeof(*out->steps));
		for (int i = 0; i < n; i++) {
			out->steps[i].at = db_result_dup(r, i, 7);
			out->steps[i].action = db_result_dup(r, i, 8);
			out->steps[i].status = db_result_dup(r, i, 9);
			out->steps[i].reason = db_result_dup(r, i, 10);
		}
		out->nsteps = n;
	}
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_application_query_reset(struct db_conn *c, const char *token, const char *key,
					  long long id, const struct query_reset_input *in,
					  char **outcome, char **code, struct db_error *err)
{
	char s[24];
	const char *params[] = { token,
				 key,
				 db_id_param(s, id),
				 in->agent_name,
				 in->agent_id,
				 in->licence_checked ? "true" : "false",
				 in->agent_id_checked ? "true" : "false" };

	return db_outcome_call2(c,
				"SELECT outcome, coalesce(query_code, '')"
				" FROM api.application_query_reset($1, $2, $3, $4, $5, $6, $7)",
				7, params, outcome, code, err);
}

enum db_status db_application_act(struct db_conn *c, const char *token, const char *key,
				  long long id, const char *action, const char *body,
				  char **outcome, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, id), action, body ? body : "" };

	return db_outcome_call(c, "SELECT outcome FROM api.application_act($1, $2, $3, $4, $5)", 5,
			       params, outcome, err);
}

void application_rows_free(struct application_row **vp, int n)
{
	struct application_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].name);
		free(v[i].credit_code);
		free(v[i].kind_name);
		free(v[i].region_name);
		free(v[i].status);
		free(v[i].updated);
		free(v[i].notice_until);
		free(v[i].active_from);
	}
	XFREE(*vp);
}

static void application_read_row(const struct db_result *r, int i, void *dst)
{
	struct application_row *a = dst;

	a->id = db_ll_or(r, i, 0, 0);
	a->no = db_result_dup(r, i, 1);
	a->name = db_result_dup(r, i, 2);
	a->credit_code = db_result_dup(r, i, 3);
	a->kind_name = db_result_dup(r, i, 4);
	a->region_name = db_result_dup(r, i, 5);
	a->status = db_result_dup(r, i, 6);
	a->updated = db_result_dup(r, i, 7);
	a->notice_until = db_result_dup(r, i, 8);
	a->active_from = db_result_dup(r, i, 9);
	a->open_objections = db_ll_or(r, i, 10, 0);
	a->mine = db_bool(r, i, 11);
}

enum db_status db_application_queue(struct db_conn *c, const char *token, const char *list,
				    const char *query, int offset, int limit,
				    struct application_row **out, int *n, struct db_error *err)
{
	char o[16], l[16];
	const char *params[] = { token, list, query ? query : "", o, l };

	snprintf(o, sizeof(o), "%d", offset);
	snprintf(l, sizeof(l), "%d", limit);
	return db_rows_read(c,
			    "SELECT id, no, name, credit_code, kind_name, region_name, "
			    "status, " MINUTE("updated_at") ", " DAY("notice_until") ", " DAY(
				    "active_from") ","
						   " open_objections, mine"
						   " FROM api.application_queue("
						   "$1, $2, $3, $4, $5)",
			    5, params, sizeof(**out), application_read_row, (void **)out, n, err);
}

/* A list the server joined with lines, as items. */
static size_t lines_split(const char *text, char ***items)
{
	size_t n = 0;
	const char *p = text ? text : "";

	*items = xcalloc(strlen(p) + 2, sizeof(char *));
	while (*p) {
		size_t len = strcspn(p, "\n");
		(*items)[n++] = xstrndup(p, len);
		p += len;
		if (*p == '\n')
			p++;
	}
	return n;
}

void application_detail_release(struct application_detail *d)
{
	char **fields[] = { &d->no,	 &d->status,	  &d->credit_code,    &d->name,
			    &d->kind,	 &d->kind_name,	  &d->region,	      &d->region_name,
			    &d->address, &d->legal_rep,	  &d->contact_name,   &d->contact_id_masked,
			    &d->phone,	 &d->categories,  &d->category_names, &d->entered_by,
			    &d->created, &d->notice_from, &d->notice_until,   &d->active_from };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		free(*fields[i]);
	db_items_free(d->material_kinds, d->nmaterials);
	db_items_free(d->material_names, d->nmaterials);
	db_items_free(d->material_refs, d->nmaterials);
	db_items_free(d->steps, d->nsteps);
	memset(d, 0, sizeof(*d));
}

/* clang-format off */
static const char application_get_sql[] =
	"SELECT id, no, status, credit_code, name, kind, kind_name, region, region_name,"
	" address, legal_rep, contact_name, contact_id_masked, phone,"
	" array_to_string(categories, ','), array_to_string(category_names, '、'),"
	" array_to_string(material_kinds, E'\\n'), array_to_string(material_names, E'\\n'),"
	" array_to_string(material_refs, E'\\n'), coalesce(entered_by, ''),"
	" " MINUTE("created_at") ", " DAY("notice_from") ", " DAY("notice_until") ","
	" " DAY("active_from") ", open_objections, steps"
	" FROM api.application_get($1, $2) WHERE id IS NOT NULL";
/* clang-format on */

enum db_status db_application_get(struct db_conn *c, const char *token, long long id,
				  struct application_detail *out, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(c, application_get_sql, 2, params, &r, err);
	char **text[] = { &out->no,	   &out->status,       &out->credit_code,
			  &out->name,	   &out->kind,	       &out->kind_name,
			  &out->region,	   &out->region_name,  &out->address,
			  &out->legal_rep, &out->contact_name, &out->contact_id_masked,
			  &out->phone,	   &out->categories,   &out->category_names };

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	out->id = db_ll_or(r, 0, 0, 0);
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		*text[i] = db_result_dup(r, 0, (int)i + 1);
	out->nmaterials = lines_split(db_result_get(r, 0, 16), &out->material_kinds);
	lines_split(db_result_get(r, 0, 17), &out->material_names);
	lines_split(db_result_get(r, 0, 18), &out->material_refs);
	out->entered_by = db_result_dup(r, 0, 19);
	out->created = db_result_dup(r, 0, 20);
	out->notice_from = db_result_dup(r, 0, 21);
	out->notice_until = db_result_dup(r, 0, 22);
	out->active_from = db_result_dup(r, 0, 23);
	out->open_objections = db_ll_or(r, 0, 24, 0);
	out->nsteps = db_array_items(db_result_get(r, 0, 25), &out->steps);
	db_result_free(&r);
	return DB_OK;
}

void application_event_rows_free(struct application_event_row **vp, int n)
{
	struct application_event_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].at);
		free(v[i].actor);
		free(v[i].actor_role);
		free(v[i].action);
		free(v[i].status_after);
		free(v[i].body);
		free(v[i].detail);
	}
	XFREE(*vp);
}

static void application_event_read_row(const struct db_result *r, int i, void *dst)
{
	struct application_event_row *e = dst;

	e->at = db_result_dup(r, i, 0);
	e->actor = db_result_dup(r, i, 1);
	e->actor_role = db_result_dup(r, i, 2);
	e->action = db_result_dup(r, i, 3);
	e->status_after = db_result_dup(r, i, 4);
	e->body = db_result_dup(r, i, 5);
	e->detail = db_result_dup(r, i, 6);
}

enum db_status db_application_events(struct db_conn *c, const char *token, long long id,
				     struct application_event_row **out, int *n,
				     struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	/* the materials as listed at each submission, or the objection's number */
	return db_rows_read(
		c,
		"SELECT " MINUTE("at") ", actor, actor_role, action, status_after, body,"
				       " coalesce((SELECT string_agg(m, '；') FROM"
				       " jsonb_array_elements_text(detail->'materials') m),"
				       " detail->>'objection', '')"
				       " FROM api.application_events($1, $2)",
		2, params, sizeof(**out), application_event_read_row, (void **)out, n, err);
}

void objection_rows_free(struct objection_row **vp, int n)
{
	struct objection_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].no);
		free(v[i].objector);
		free(v[i].phone);
		free(v[i].body);
		free(v[i].status);
		free(v[i].decision);
		free(v[i].created);
		free(v[i].decided);
		free(v[i].taken_by);
	}
	XFREE(*vp);
}

static void objection_read_row(const struct db_result *r, int i, void *dst)
{
	struct objection_row *o = dst;

	o->id = db_ll_or(r, i, 0, 0);
	o->no = db_result_dup(r, i, 1);
	o->objector = db_result_dup(r, i, 2);
	o->phone = db_result_dup(r, i, 3);
	o->body = db_result_dup(r, i, 4);
	o->status = db_result_dup(r, i, 5);
	o->decision = db_result_dup(r, i, 6);
	o->created = db_result_dup(r, i, 7);
	o->decided = db_result_dup(r, i, 8);
	o->taken_by = db_result_dup(r, i, 9);
}

enum db_status db_application_objections(struct db_conn *c, const char *token, long long id,
					 struct objection_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	return db_rows_read(
		c,
		"SELECT id, no, objector, phone, body, status, decision, " MINUTE(
			"created_at") ", coalesce(" MINUTE("decided_at") ", ''), taken_by"
									 " FROM "
									 "api.application_"
									 "objections($1, $2)",
		2, params, sizeof(**out), objection_read_row, (void **)out, n, err);
}

enum db_status db_objection_decide(struct db_conn *c, const char *token, const char *key,
				   long long objection, bool uphold, const char *body,
				   char **outcome, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, objection), uphold ? "t" : "f",
				 body ? body : "" };

	return db_outcome_call(c, "SELECT outcome FROM api.objection_decide($1, $2, $3, $4, $5)", 5,
			       params, outcome, err);
}

enum db_status db_citizen_objection_file(struct db_conn *c, const char *token, const char *key,
					 long long application, const char *body, char **outcome,
					 char **no, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, application), body };

	return db_outcome_call2(c,
				"SELECT outcome, coalesce(objection_no, '')"
				" FROM api.citizen_objection_file($1, $2, $3, $4)",
				4, params, outcome, no, err);
}

enum db_status db_counter_objection_file(struct db_conn *c, const char *token, const char *key,
					 long long application, const char *objector,
					 const char *phone, const char *body, char **outcome,
					 char **no, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, application), objector, phone, body };

	return db_outcome_call2(c,
				"SELECT outcome, coalesce(objection_no, '')"
				" FROM api.counter_objection_file($1, $2, $3, $4, $5, $6)",
				6, params, outcome, no, err);
}

void notice_rows_free_one(struct notice_row *r)
{
	free(r->no);
	free(r->name);
	free(r->credit_code);
	free(r->kind_name);
	free(r->region_name);
	free(r->legal_rep);
	free(r->categories);
	free(r->notice_from);
	free(r->notice_until);
	memset(r, 0, sizeof(*r));
}

void notice_rows_free(struct notice_row **vp, int n)
{
	struct notice_row *v = *vp;

	for (int i = 0; v && i < n; i++)
		notice_rows_free_one(&v[i]);
	XFREE(*vp);
}

static void notice_read_row(const struct db_result *r, int i, void *dst)
{
	struct notice_row *o = dst;

	o->id = db_ll_or(r, i, 0, 0);
	o->no = db_result_dup(r, i, 1);
	o->name = db_result_dup(r, i, 2);
	o->credit_code = db_result_dup(r, i, 3);
	o->kind_name = db_result_dup(r, i, 4);
	o->region_name = db_result_dup(r, i, 5);
	o->legal_rep = db_result_dup(r, i, 6);
	o->categories = db_result_dup(r, i, 7);
	o->notice_from = db_result_dup(r, i, 8);
	o->notice_until = db_result_dup(r, i, 9);
}

enum db_status db_provider_notices(struct db_conn *c, struct notice_row **out, int *n,
				   struct db_error *err)
{
	return db_rows_read(
		c,
		"SELECT id, no, name, credit_code, kind_name, region_name, legal_rep,"
		" coalesce(array_to_string(category_names, '、'), ''), " DAY(
			"notice_from") ", " DAY("notice_until") " FROM api.provider_notices()",
		0, NULL, sizeof(**out), notice_read_row, (void **)out, n, err);
}
