/*
 * evaluation: api.evaluation and its export, wc_admin.evaluation_export,
 * api.evaluation_remark, api.evaluation_issue, api.evaluation_targets and
 * api.evaluation_target_set, turned into core's struct evaluation.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_private.h"

#define EVALUATION_COLUMNS                                                                         \
	"code, name, unit, better, formula, drill, value, target, at_most, mark, remark,"          \
	" conclusion, to_char(issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),"     \
	" issued_by"

static bool is_true(const char *s)
{
	return s && s[0] == 't';
}

static char *dup_or_null(const struct db_result *r, int i, int col)
{
	return db_result_get(r, i, col) ? db_result_dup(r, i, col) : NULL;
}

/* The columns code, name, unit, better, formula, drill, value, target,
 * at_most every reading has, in that order. */
static void indicator_read(const struct db_result *r, int i, struct evaluation_line *l)
{
	l->f.code = db_result_dup(r, i, 0);
	l->f.name = db_result_dup(r, i, 1);
	if (!figure_unit_parse(db_result_get(r, i, 2), &l->f.unit))
		l->f.unit = FIGURE_COUNT;
	if (!figure_better_parse(db_result_get(r, i, 3), &l->f.better))
		l->f.better = FIGURE_NEITHER;
	l->f.formula = db_result_dup(r, i, 4);
	l->f.drill = is_true(db_result_get(r, i, 5));
	l->f.value = dup_or_null(r, i, 6);
	l->target = dup_or_null(r, i, 7);
	l->at_most = is_true(db_result_get(r, i, 8));
}

static void line_read(const struct db_result *r, int i, void *dst)
{
	struct evaluation_line *l = dst;

	indicator_read(r, i, l);
	if (!evaluation_mark_parse(db_result_get(r, i, 9), &l->mark))
		l->mark = EVAL_NO_TARGET;
	l->remark = db_result_dup(r, i, 10);
}

/* The lines, and the evaluation's head from the first row. */
static enum db_status evaluation_read(struct db_conn *c, const char *sql, int nparams,
				      const char *const *params, struct evaluation *e,
				      struct db_error *err)
{
	struct db_result *r = NULL;

	evaluation_release(e);
	enum db_status st = db_exec(c, sql, nparams, params, &r, err);
	if (st != DB_OK)
		return st;
	int n = db_result_rows(r);
	e->lines = xcalloc((size_t)n + 1, sizeof(*e->lines));
	for (int i = 0; i < n; i++)
		line_read(r, i, &e->lines[i]);
	e->n = n;
	e->conclusion = n > 0 ? db_result_dup(r, 0, 11) : xstrdup("");
	e->issued_at = n > 0 ? dup_or_null(r, 0, 12) : NULL;
	e->issued_by = n > 0 ? dup_or_null(r, 0, 13) : NULL;
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_evaluation(struct db_conn *c, const char *token, int year, const char *area,
			     bool export, struct evaluation *e, struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, y, area };

	return evaluation_read(
		c,
		export ? "SELECT " EVALUATION_COLUMNS " FROM api.evaluation_export($1, $2::int, $3)"
		       : "SELECT " EVALUATION_COLUMNS " FROM api.evaluation($1, $2::int, $3)",
		3, p, e, err);
}

enum db_status db_evaluation_admin(struct db_conn *c, int year, const char *area,
				   struct evaluation *e, struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { y, area };

	return evaluation_read(
		c, "SELECT " EVALUATION_COLUMNS " FROM wc_admin.evaluation_export($1::int, $2)", 2, p,
		e, err);
}

enum db_status db_evaluation_remark(struct db_conn *c, const char *token, int year,
				    const char *area, const char *code, const char *text,
				    struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, y, area, code, text };

	return db_exec(c, "SELECT api.evaluation_remark($1, $2::int, $3, $4, $5)", 5, p, NULL,
		       err);
}

enum db_status db_evaluation_issue(struct db_conn *c, const char *token, const char *key,
				   int year, const char *area, struct db_manage_outcome *o,
				   struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, key, y, area };

	return db_manage_call(c,
			      "SELECT * FROM api.evaluation_issue($1, $2::uuid, $3::int, $4)", 4,
			      p, o, err);
}

enum db_status db_evaluation_targets(struct db_conn *c, const char *token, int year,
				     struct evaluation *e, bool *issued, struct db_error *err)
{
	struct db_result *r = NULL;
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, y };

	evaluation_release(e);
	*issued = false;
	enum db_status st = db_exec(c,
				    "SELECT code, name, unit, better, formula, false, NULL, target,"
				    " at_most, issued FROM api.evaluation_targets($1, $2::int)",
				    2, p, &r, err);
	if (st != DB_OK)
		return st;
	int n = db_result_rows(r);
	e->lines = xcalloc((size_t)n + 1, sizeof(*e->lines));
	for (int i = 0; i < n; i++) {
		indicator_read(r, i, &e->lines[i]);
		e->lines[i].remark = xstrdup("");
	}
	e->n = n;
	*issued = n > 0 && is_true(db_result_get(r, 0, 9));
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_evaluation_target_set(struct db_conn *c, const char *token, int year,
					const char *code, const char *value,
					struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, y, code, db_null_if_empty(value) };

	return db_exec(c, "SELECT api.evaluation_target_set($1, $2::int, $3, $4::numeric)", 4, p,
		       NULL, err);
}
