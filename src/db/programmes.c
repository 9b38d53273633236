/* db/programmes: voucher programmes and their county budgets. */
#include "config.h"
#include "db.h"
#include "db_private.h"

#include <stdio.h>
#include <stdlib.h>

void programme_setting_rows_free(struct programme_setting **vp, int n)
{
	struct programme_setting *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].code);
		free(v[i].name);
		free(v[i].category_names);
		db_items_free(v[i].categories, v[i].ncategories);
		db_items_free(v[i].groups, v[i].ngroups);
		free(v[i].group_names);
		free(v[i].stage);
	}
	XFREE(*vp);
}

static void programme_setting_read_row(const struct db_result *r, int i, void *dst)
{
	struct programme_setting *g = dst;

	g->id = db_ll_or(r, i, 0, 0);
	g->code = db_result_dup(r, i, 1);
	g->name = db_result_dup(r, i, 2);
	g->face_fen = db_ll_or(r, i, 3, 0);
	g->valid_months = (int)db_ll_or(r, i, 4, 0);
	g->ncategories = db_array_items(db_result_get(r, i, 5), &g->categories);
	g->category_names = db_result_dup(r, i, 6);
	g->active = db_bool(r, i, 7);
	g->issued = db_ll_or(r, i, 8, 0);
	g->total_fen = db_ll_or(r, i, 9, 0);
	g->used_fen = db_ll_or(r, i, 10, 0);
	g->ngroups = db_array_items(db_result_get(r, i, 11), &g->groups);
	g->group_names = db_result_dup(r, i, 12);
	g->stage = db_result_dup(r, i, 13);
}

enum db_status db_programme_list(struct db_conn *c, const char *token,
				 struct programme_setting **out, int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT id, code, name, face_fen, valid_months, categories,"
			    " coalesce(category_names, ''), active, issued, total_fen, used_fen, groups,"
			    " coalesce(group_names, ''), coalesce(stage, '')"
			    " FROM api.voucher_programme_list($1)",
			    1, params, sizeof(**out), programme_setting_read_row, (void **)out, n,
			    err);
}

enum db_status db_programme_save(struct db_conn *c, const char *token, const char *key,
				 const struct programme_input *in, char **outcome,
				 struct db_error *err)
{
	char face[24], months[16];

	snprintf(face, sizeof(face), "%lld", in->face_fen);
	snprintf(months, sizeof(months), "%d", in->valid_months);
	const char *params[] = { token,		 key,
				 in->code,	 in->name,
				 face,		 months,
				 in->categories, in->active ? "t" : "f",
				 in->groups,	 in->stage && *in->stage ? in->stage : NULL };
	return db_outcome_call(c,
			       "SELECT outcome FROM api.voucher_programme_save($1, $2, $3, $4,"
			       " $5::bigint, $6::int, $7::text[], $8::boolean, $9::text[], $10)",
			       10, params, outcome, err);
}

void budget_rows_free(struct budget_row **vp, int n)
{
	struct budget_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].programme_name);
		free(v[i].county_code);
		free(v[i].county_name);
	}
	XFREE(*vp);
}

static void budget_read_row(const struct db_result *r, int i, void *dst)
{
	struct budget_row *b = dst;

	b->programme_id = db_ll_or(r, i, 0, 0);
	b->programme_name = db_result_dup(r, i, 1);
	b->active = db_bool(r, i, 2);
	b->county_code = db_result_dup(r, i, 3);
	b->county_name = db_result_dup(r, i, 4);
	b->total_fen = db_ll_or(r, i, 5, 0);
	b->used_fen = db_ll_or(r, i, 6, 0);
	b->available_fen = db_ll_or(r, i, 7, 0);
}

enum db_status db_budget_list(struct db_conn *c, const char *token, struct budget_row **out, int *n,
			      struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT programme_id, programme_name, active, county_code, county_name,"
			    " total_fen, used_fen, available_fen FROM api.voucher_budgets($1)",
			    1, params, sizeof(**out), budget_read_row, (void **)out, n, err);
}

enum db_status db_budget_set(struct db_conn *c, const char *token, const char *key,
			     long long programme, const char *county, long long total_fen,
			     char **outcome, struct db_error *err)
{
	char g[24], total[24];

	snprintf(total, sizeof(total), "%lld", total_fen);
	const char *params[] = { token, key, db_id_param(g, programme), county, total };
	return db_outcome_call(c,
			       "SELECT outcome FROM api.voucher_budget_set($1, $2, $3, $4,"
			       " $5::bigint)",
			       5, params, outcome, err);
}
