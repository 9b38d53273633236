/* policies: search, read and match support policies (api.policy_*). */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_policy_kinds(struct db_conn *c, struct code_list *out, struct db_error *err)
{
	return db_code_list(c, "SELECT code, name FROM api.policy_kinds()", out, err);
}

static long long ll_or_none(const struct db_result *r, int row, int col)
{
	return db_ll_or(r, row, col, -1);
}

static int int_or_none(const struct db_result *r, int row, int col)
{
	return (int)db_ll_or(r, row, col, -1);
}

void policy_page_release(struct policy_page *p)
{
	for (int i = 0; i < p->count; i++) {
		struct policy_hit *h = &p->v[i];
		free(h->code);
		free(h->title);
		free(h->issuer);
		free(h->doc_no);
		free(h->kind_name);
		free(h->region_name);
		free(h->status);
		free(h->cursor);
	}
	XFREE(p->v);
	p->count = 0;
	p->total = 0;
}

enum db_status db_policy_search(struct db_conn *c, const struct policy_query *q,
				struct policy_page *out, struct db_error *err)
{
	struct db_result *r = NULL;
	char limit[16];
	const char *params[7];
	enum db_status st;

	snprintf(limit, sizeof(limit), "%d", q->limit > 0 ? q->limit : 20);
	params[0] = q->text ? q->text : "";
	params[1] = q->region;
	params[2] = q->kind;
	params[3] = q->group;
	params[4] = q->include_expired ? "true" : "false";
	params[5] = q->after;
	params[6] = limit;
	memset(out, 0, sizeof(*out));
	st = db_exec(c,
		     "SELECT id, code, title, issuer, doc_no, max_yuan, kind_name, region_name,"
		     " status, cursor, total"
		     " FROM api.policy_search($1, $2, $3, $4, $5::boolean, $6, $7::int)",
		     7, params, &r, err);
	if (st != DB_OK)
		return st;
	out->count = db_result_rows(r);
	out->v = xcalloc((size_t)out->count + 1, sizeof(*out->v));
	for (int i = 0; i < out->count; i++) {
		struct policy_hit *h = &out->v[i];
		h->id = atoll(db_result_get(r, i, 0));
		h->code = db_result_dup(r, i, 1);
		h->title = db_result_dup(r, i, 2);
		h->issuer = db_result_dup(r, i, 3);
		h->doc_no = db_result_dup(r, i, 4);
		h->max_yuan = ll_or_none(r, i, 5);
		h->kind_name = db_result_dup(r, i, 6);
		h->region_name = db_result_dup(r, i, 7);
		h->status = db_result_dup(r, i, 8);
		h->cursor = db_result_dup(r, i, 9);
		out->total = atoll(db_result_get(r, i, 10));
	}
	db_result_free(&r);
	return DB_OK;
}

/* The rule columns of a policy row, starting at column col: region, groups,
 * entities, age_min, age_max, reg_min, reg_max, conditions, to_verify,
 * open_to_all. */
static void rules_read(const struct db_result *r, int row, int col, struct policy_rule_cols *p)
{
	p->region = db_result_dup(r, row, col);
	p->ngroups = db_array_items(db_result_get(r, row, col + 1), &p->groups);
	p->nentities = db_array_items(db_result_get(r, row, col + 2), &p->entities);
	p->age_min = int_or_none(r, row, col + 3);
	p->age_max = int_or_none(r, row, col + 4);
	p->reg_min = int_or_none(r, row, col + 5);
	p->reg_max = int_or_none(r, row, col + 6);
	p->conditions = db_result_dup(r, row, col + 7);
	p->to_verify = db_result_dup(r, row, col + 8);
	p->open_to_all = db_bool(r, row, col + 9);
}

static void rules_release(struct policy_rule_cols *p)
{
	free(p->region);
	db_items_free(p->groups, p->ngroups);
	db_items_free(p->entities, p->nentities);
	free(p->conditions);
	free(p->to_verify);
}

void policy_detail_release(struct policy_detail *d)
{
	free(d->code);
	free(d->title);
	free(d->doc_no);
	free(d->issuer);
	free(d->region_name);
	free(d->effective_on);
	free(d->expires_on);
	free(d->kind_name);
	free(d->interpretation);
	free(d->body);
	free(d->status);
	rules_release(&d->rules);
	memset(d, 0, sizeof(*d));
}

enum db_status db_policy_get(struct db_conn *c, long long id, struct policy_detail *out,
			     struct db_error *err)
{
	struct db_result *r = NULL;
	char idbuf[24];
	const char *params[1] = { idbuf };
	enum db_status st;

	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	memset(out, 0, sizeof(*out));
	st = db_exec_row(
		c,
		"SELECT id, code, title, doc_no, issuer, region_name, effective_on,"
		" expires_on, kind_name, max_yuan, interpretation, body, status,"
		" region, groups, entities, age_min, age_max, reg_min, reg_max, conditions,"
		" to_verify, open_to_all FROM api.policy_get($1::bigint)",
		1, params, &r, err);
	if (st != DB_OK)
		return st;
	out->id = atoll(db_result_get(r, 0, 0));
	out->code = db_result_dup(r, 0, 1);
	out->title = db_result_dup(r, 0, 2);
	out->doc_no = db_result_dup(r, 0, 3);
	out->issuer = db_result_dup(r, 0, 4);
	out->region_name = db_result_dup(r, 0, 5);
	out->effective_on = db_result_dup(r, 0, 6);
	out->expires_on = db_result_dup(r, 0, 7);
	out->kind_name = db_result_dup(r, 0, 8);
	out->max_yuan = ll_or_none(r, 0, 9);
	out->interpretation = db_result_dup(r, 0, 10);
	out->body = db_result_dup(r, 0, 11);
	out->status = db_result_dup(r, 0, 12);
	rules_read(r, 0, 13, &out->rules);
	db_result_free(&r);
	return DB_OK;
}

void db_policy_brief_release(struct policy_brief *b)
{
	free(b->code);
	free(b->title);
	free(b->issuer);
	free(b->doc_no);
	free(b->kind_name);
	free(b->updated_at);
	rules_release(&b->rules);
	cond_free(b->cond);
	memset(b, 0, sizeof(*b));
}

void policy_set_release(struct policy_set *s)
{
	for (int i = 0; i < s->count; i++)
		db_policy_brief_release(&s->v[i]);
	XFREE(s->v);
	s->count = 0;
}

void db_policy_brief_read(const struct db_result *r, int row, struct policy_brief *b)
{
	memset(b, 0, sizeof(*b));
	b->id = atoll(db_result_get(r, row, 0));
	b->code = db_result_dup(r, row, 1);
	b->title = db_result_dup(r, row, 2);
	b->issuer = db_result_dup(r, row, 3);
	b->doc_no = db_result_dup(r, row, 4);
	b->max_yuan = ll_or_none(r, row, 5);
	b->kind_name = db_result_dup(r, row, 6);
	b->updated_at = db_result_dup(r, row, 7);
	rules_read(r, row, 8, &b->rules);
}

enum db_status db_policies_in_force(struct db_conn *c, const char *county, struct policy_set *out,
				    struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[1] = { county && *county ? county : NULL };
	enum db_status st;

	memset(out, 0, sizeof(*out));
	st = db_exec(c, "SELECT " DB_POLICY_BRIEF_COLS " FROM api.policies_in_force($1)", 1, params,
		     &r, err);
	if (st != DB_OK)
		return st;
	out->count = db_result_rows(r);
	out->v = xcalloc((size_t)out->count + 1, sizeof(*out->v));
	for (int i = 0; i < out->count; i++)
		db_policy_brief_read(r, i, &out->v[i]);
	db_result_free(&r);
	return DB_OK;
}

struct cond *policy_rule_cols_cond(const struct policy_rule_cols *p, const struct cond_vocab *v)
{
	struct policy_rules rules = POLICY_RULES_INIT;
	struct cond *extra = NULL, *all;

	/* stored conditions were parsed on the way in; one that no longer
	 * parses (a group renamed) counts as none rather than hiding the policy */
	if (cond_parse(p->conditions, v, &extra, NULL, NULL) != COND_OK)
		extra = NULL;
	rules.region = p->region;
	rules.groups = p->groups;
	rules.ngroups = p->ngroups;
	rules.entities = p->entities;
	rules.nentities = p->nentities;
	rules.age_min = p->age_min;
	rules.age_max = p->age_max;
	rules.reg_min = p->reg_min;
	rules.reg_max = p->reg_max;
	rules.extra = extra;
	rules.to_verify = p->to_verify;
	rules.open_to_all = p->open_to_all;
	all = policy_rules_cond(&rules);
	cond_free(extra);
	return all;
}

void person_facts_release(struct person_facts *f)
{
	free(f->name_masked);
	free(f->id_masked);
	free(f->mobile_masked);
	free(f->age);
	free(f->sex);
	free(f->county);
	free(f->stage);
	free(f->entity);
	free(f->registered_on);
	db_items_free(f->categories, f->ncategories);
	memset(f, 0, sizeof(*f));
}

/* Columns from col: age, sex, categories, county_code, stage, entity, registered_on. */
static void facts_read(const struct db_result *r, int row, int col, struct person_facts *f)
{
	f->age = db_result_dup(r, row, col);
	f->sex = db_result_dup(r, row, col + 1);
	f->ncategories = db_array_items(db_result_get(r, row, col + 2), &f->categories);
	f->county = db_result_dup(r, row, col + 3);
	f->stage = db_result_dup(r, row, col + 4);
	f->entity = db_result_dup(r, row, col + 5);
	f->registered_on = db_result_dup(r, row, col + 6);
}

void person_facts_profile(const struct person_facts *f, struct date today,
			  struct match_profile *out)
{
	struct date d;

	*out = (struct match_profile)MATCH_PROFILE_INIT;
	if (*f->age)
		match_profile_age(out, atoi(f->age));
	/* the counter recorded every group the person belongs to */
	out->groups_known = true;
	out->groups = (const char *const *)f->categories;
	out->ngroups = f->ncategories;
	out->entity = *f->entity ? f->entity : NULL;
	out->county = *f->county ? f->county : NULL;
	out->stage = *f->stage ? f->stage : NULL;
	out->sex = *f->sex ? f->sex : NULL;
	if (*f->registered_on && date_parse(f->registered_on, &d) == DATE_OK)
		out->reg_months = date_months_between(d, today);
}

enum db_status db_citizen_match_facts(struct db_conn *c, const char *token,
				      struct person_facts *out, struct db_error *err)
{
	struct db_result *r = NULL;
	const char *p[] = { token };
	enum db_status st;

	memset(out, 0, sizeof(*out));
	st = db_exec_row(c,
			 "SELECT person_id, age, sex, categories, county_code, stage, entity,"
			 " registered_on FROM api.citizen_match_facts($1)",
			 1, p, &r, err);
	if (st != DB_OK)
		return st;
	out->person_id = atoll(db_result_get(r, 0, 0));
	out->name_masked = xstrdup("");
	out->id_masked = xstrdup("");
	out->mobile_masked = xstrdup("");
	facts_read(r, 0, 1, out);
	db_result_free(&r);
	return DB_OK;
}

struct seen_row {
	long long id;
	const char *version;
};

static int seen_row_cmp(const void *a, const void *b)
{
	long long x = ((const struct seen_row *)a)->id, y = ((const struct seen_row *)b)->id;

	return (x > y) - (x < y);
}

enum db_status db_citizen_policies_seen(struct db_conn *c, const char *token,
					const struct policy_set *in_force, bool *seen,
					struct db_error *err)
{
	struct db_result *r = NULL;
	const char *p[] = { token };
	/* both timestamps print the same way from one session: text compares */
	enum db_status st =
		db_exec(c, "SELECT policy_id, version_at FROM api.citizen_policies_seen($1)", 1, p,
			&r, err);

	if (st != DB_OK)
		return st;
	/* by id, looked up per policy: a person may have seen thousands */
	int n = db_result_rows(r);
	struct seen_row *rows = xcalloc((size_t)n + 1, sizeof(*rows));
	for (int k = 0; k < n; k++)
		rows[k] =
			(struct seen_row){ atoll(db_result_get(r, k, 0)), db_result_get(r, k, 1) };
	qsort(rows, (size_t)n, sizeof(*rows), seen_row_cmp);
	for (int i = 0; i < in_force->count; i++) {
		struct seen_row key = { in_force->v[i].id, NULL };
		const struct seen_row *hit =
			bsearch(&key, rows, (size_t)n, sizeof(*rows), seen_row_cmp);
		seen[i] = hit && strcmp(hit->version, in_force->v[i].updated_at) == 0;
	}
	free(rows);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_citizen_policies_mark_seen(struct db_conn *c, const char *token,
					     const long long *ids, int n, struct db_error *err)
{
	struct sbuf arr = SBUF_INIT;
	enum db_status st;

	const char *p[] = { token, db_id_array(&arr, ids, n) };
	st = db_exec(c, "SELECT api.citizen_policies_mark_seen($1, $2::bigint[])", 2, p, NULL, err);
	sbuf_release(&arr);
	return st;
}

enum db_status db_policy_match_record(struct db_conn *c, const char *county, int found,
				      struct db_error *err)
{
	char n[16];

	snprintf(n, sizeof(n), "%d", found);
	const char *p[] = { county, n };
	return db_exec(c, "SELECT api.policy_match_record($1, $2::int)", 2, p, NULL, err);
}

enum db_status db_policy_outreach(struct db_conn *c, const char *token, long long policy,
				  struct person_facts **out, int *n, struct db_error *err)
{
	struct db_result *r = NULL;
	char id[24];
	const char *p[] = { token, id };
	enum db_status st;

	snprintf(id, sizeof(id), "%lld", policy);
	*out = NULL;
	*n = 0;
	st = db_exec(c,
		     "SELECT person_id, name_masked, id_masked, mobile_masked, age, sex,"
		     " categories, county_code, stage, entity, registered_on"
		     " FROM api.policy_outreach($1, $2::bigint)",
		     2, p, &r, err);
	if (st != DB_OK)
		return st;
	*n = db_result_rows(r);
	*out = xcalloc((size_t)*n + 1, sizeof(**out));
	for (int i = 0; i < *n; i++) {
		struct person_facts *f = &(*out)[i];
		f->person_id = atoll(db_result_get(r, i, 0));
		f->name_masked = db_result_dup(r, i, 1);
		f->id_masked = db_result_dup(r, i, 2);
		f->mobile_masked = db_result_dup(r, i, 3);
		facts_read(r, i, 4, f);
	}
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_policy_mark_told(struct db_conn *c, const char *token, long long policy,
				   long long person, struct db_error *err)
{
	char a[24], b[24];
	const char *p[] = { token, a, b };

	snprintf(a, sizeof(a), "%lld", policy);
	snprintf(b, sizeof(b), "%lld", person);
	return db_exec(c, "SELECT api.policy_mark_told($1, $2::bigint, $3::bigint)", 3, p, NULL,
		       err);
}

enum db_status db_policy_write(struct db_conn *c, const char *token, const struct policy_row *r,
			       enum policy_write_result *what, struct db_error *err)
{
	struct db_result *res = NULL;
	const char *params[] = { token,
				 r->code,
				 r->title,
				 r->doc_no,
				 r->issuer,
				 r->region,
				 r->effective,
				 db_null_if_empty(r->expires),
				 r->kind,
				 db_null_if_empty(r->max),
				 r->groups.buf,
				 r->entities.buf,
				 db_null_if_empty(r->age_min),
				 db_null_if_empty(r->age_max),
				 db_null_if_empty(r->reg_min),
				 db_null_if_empty(r->reg_max),
				 r->conditions,
				 r->to_verify,
				 r->open_to_all ? "t" : "f",
				 r->interpretation,
				 r->body };
	enum db_status st;

	if (token)
		st = db_exec(
			c,
			"SELECT api.policy_save($1, $2, $3, $4, $5, $6, $7::date, $8::date, $9,"
			" $10::bigint, $11::text[], $12::text[], $13::int, $14::int, $15::int,"
			" $16::int, $17, $18, $19::boolean, $20, $21)",
			21, params, &res, err);
	else
		st = db_exec(
			c,
			"SELECT wc_admin.policy_import($1, $2, $3, $4, $5, $6::date, $7::date, $8,"
			" $9::bigint, $10::text[], $11::text[], $12::int, $13::int, $14::int,"
			" $15::int, $16, $17, $18::boolean, $19, $20)",
			20, params + 1, &res, err);
	if (st == DB_OK) {
		const char *v = db_result_get(res, 0, 0);
		*what = strcmp(v, "inserted") == 0  ? POLICY_INSERTED
			: strcmp(v, "updated") == 0 ? POLICY_UPDATED
						    : POLICY_UNCHANGED;
	}
	db_result_free(&res);
	return st;
}
