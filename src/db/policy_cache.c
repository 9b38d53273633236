/*
 * policy_cache: a terminal's copy of the policies concerning a county,
 * kept up to date by difference (api.policy_changes), each policy's
 * matcher tree built once when its row arrives.
 *
 * The set is ordered as api.policies_in_force orders it (newest first),
 * so the screens list matches in the same order as before. A refresh that
 * brings nothing changes nothing; one that brings rows merges them by id
 * and sorts again.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum {
	COL_EFFECTIVE = 18, /* after DB_POLICY_BRIEF_COLS */
	COL_EXPIRES,
	COL_LIVE,
	COL_AS_OF,
};

static struct date date_or_none(const struct db_result *r, int row, int col)
{
	const char *s = db_result_get(r, row, col);
	struct date d = { 0, 0, 0 };

	if (s && date_parse(s, &d) != DATE_OK)
		d = (struct date){ 0, 0, 0 };
	return d;
}

/* Newest first: effective_on, then id, both descending. */
static int brief_cmp_newest(const void *a, const void *b)
{
	const struct policy_brief *x = a, *y = b;
	int c = date_compare(y->effective_on, x->effective_on);

	if (c)
		return c;
	return (y->id > x->id) - (y->id < x->id);
}

struct id_pos {
	long long id;
	int pos;
};

static int id_pos_cmp(const void *a, const void *b)
{
	long long x = ((const struct id_pos *)a)->id, y = ((const struct id_pos *)b)->id;

	return (x > y) - (x < y);
}

/* The position of id through idx (sorted by id); -1 if absent. */
static int find_id(const struct id_pos *idx, int n, long long id)
{
	struct id_pos key = { id, -1 };
	const struct id_pos *hit = bsearch(&key, idx, (size_t)n, sizeof(*idx), id_pos_cmp);

	return hit ? hit->pos : -1;
}

static void cache_push(struct policy_cache *pc, const struct policy_brief *b)
{
	if ((size_t)pc->set.count + 1 >= pc->alloc) {
		pc->alloc = pc->alloc ? pc->alloc * 2 : 64;
		pc->set.v = xrealloc(pc->set.v, pc->alloc * sizeof(*pc->set.v));
	}
	pc->set.v[pc->set.count++] = *b;
}

static void row_read(const struct db_result *r, int row, struct policy_brief *b)
{
	db_policy_brief_read(r, row, b);
	b->effective_on = date_or_none(r, row, COL_EFFECTIVE);
	b->expires_on = date_or_none(r, row, COL_EXPIRES);
}

/* Merge the policy rows of r (from row 1) into pc by id. */
static void cache_merge(struct policy_cache *pc, const struct db_result *r)
{
	int n = pc->set.count, rows = db_result_rows(r);
	struct id_pos *idx = xcalloc((size_t)n + 1, sizeof(*idx));
	bool *gone = xcalloc((size_t)n + 1, sizeof(bool));
	int kept = 0;

	for (int i = 0; i < n; i++)
		idx[i] = (struct id_pos){ pc->set.v[i].id, i };
	qsort(idx, (size_t)n, sizeof(*idx), id_pos_cmp);
	for (int row = 1; row < rows; row++) {
		long long id = atoll(db_result_get(r, row, 0));
		int at = find_id(idx, n, id);
		if (at >= 0 && !gone[at]) {
			db_policy_brief_release(&pc->set.v[at]);
			gone[at] = true;
		}
		if (db_bool(r, row, COL_LIVE)) {
			struct policy_brief b;
			row_read(r, row, &b);
			if (at >= 0) {
				pc->set.v[at] = b;
				gone[at] = false;
			} else {
				cache_push(pc, &b);
			}
		}
	}
	for (int i = 0; i < pc->set.count; i++)
		if (i >= n || !gone[i])
			pc->set.v[kept++] = pc->set.v[i];
	pc->set.count = kept;
	free(idx);
	free(gone);
}

void policy_cache_init(struct policy_cache *pc, const char *county)
{
	memset(pc, 0, sizeof(*pc));
	pc->county = county && *county ? xstrdup(county) : NULL;
}

void policy_cache_release(struct policy_cache *pc)
{
	if (!pc)
		return;
	policy_set_release(&pc->set);
	free(pc->county);
	free(pc->as_of);
	memset(pc, 0, sizeof(*pc));
}

enum db_status db_policy_cache_refresh(struct db_conn *c, struct policy_cache *pc,
				       const struct cond_vocab *v, int *changed,
				       struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[2] = { pc->county, pc->as_of };
	enum db_status st;
	int rows;

	st = db_exec(c,
		     "SELECT " DB_POLICY_BRIEF_COLS ", effective_on, expires_on, live, as_of"
		     " FROM api.policy_changes($1, $2::timestamptz)",
		     2, params, &r, err);
	if (st != DB_OK)
		return st;
	rows = db_result_rows(r);
	if (!pc->as_of) {
		/* a full load: what is held is replaced */
		policy_set_release(&pc->set);
		pc->alloc = 0;
	}
	if (rows > 1) {
		cache_merge(pc, r);
		qsort(pc->set.v, (size_t)pc->set.count, sizeof(*pc->set.v), brief_cmp_newest);
		/* built in the order they are matched in, one after another:
		 * the trees lie in memory as the match walks them */
		for (int i = 0; i < pc->set.count; i++)
			if (!pc->set.v[i].compiled) {
				pc->set.v[i].cond = policy_rule_cols_cond(&pc->set.v[i].rules, v);
				pc->set.v[i].compiled = true;
			}
	}
	free(pc->as_of);
	pc->as_of =
		rows > 0 && db_result_get(r, 0, COL_AS_OF) ? db_result_dup(r, 0, COL_AS_OF) : NULL;
	if (changed)
		*changed = rows > 0 ? rows - 1 : 0;
	db_result_free(&r);
	return DB_OK;
}

bool policy_cache_in_force(const struct policy_brief *b, struct date day)
{
	return date_within(day, b->effective_on, b->expires_on);
}

int policy_set_match(const struct policy_set *set, const struct match_profile *p, struct date day,
		     struct match_result *res)
{
	int in_force = 0;

	for (int i = 0; i < set->count; i++) {
		if (policy_cache_in_force(&set->v[i], day)) {
			policy_match(set->v[i].cond, p, &res[i]);
			in_force++;
		} else {
			res[i] = (struct match_result){ .verdict = VERDICT_NO };
		}
	}
	return in_force;
}
