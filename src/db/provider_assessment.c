/*
 * provider_assessment: api.provider_assessment, its export and
 * api.provider_assessment_state, turned into core's struct
 * provider_assessment; api.provider_assessment_remark, _issue,
 * _thresholds and _thresholds_set.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_private.h"

#define ASSESSMENT_COLUMNS                                                                         \
	"provider, made, completed, completion, reviews, stars, complaints, forwarded,"            \
	" answered_on_time, answered_counted, answered_rate, response_days, mark, remark,"      \
	" provider_id"

static char *dup_or_null(const struct db_result *r, int i, int col)
{
	return db_result_get(r, i, col) ? db_result_dup(r, i, col) : NULL;
}

static void row_read(const struct db_result *r, int i, struct provider_assessment_row *a)
{
	char **fields[] = { &a->provider,   &a->made,	  &a->completed,     &a->completion,
			    &a->reviews,    &a->stars,	  &a->complaints,    &a->forwarded,
			    &a->on_time,    &a->counted,  &a->answered_rate, &a->response_days };

	for (int k = 0; k < (int)(sizeof(fields) / sizeof(fields[0])); k++)
		*fields[k] = dup_or_null(r, i, k);
	if (!provider_grade_parse(db_result_get(r, i, 12), &a->mark))
		a->mark = GRADE_NO_DATA;
	a->remark = db_result_dup(r, i, 13);
	a->provider_id = db_result_dup(r, i, 14);
}

/* The three thresholds from the first row's first three columns. */
static void thresholds_read(const struct db_result *r, struct provider_assessment *a)
{
	a->completion_min = dup_or_null(r, 0, 0);
	a->stars_min = dup_or_null(r, 0, 1);
	a->answered_min = dup_or_null(r, 0, 2);
}

/* The thresholds of the year and area (those of the issue once issued)
 * and the issue. */
static enum db_status state_read(struct db_conn *c, const char *const p[3],
				 struct provider_assessment *a, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec(
		c,
		"SELECT completion, stars, answered,"
		" to_char(issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), issued_by"
		" FROM api.provider_assessment_state($1, $2::int, $3)",
		3, p, &r, err);

	if (st != DB_OK)
		return st;
	if (db_result_rows(r) > 0) {
		thresholds_read(r, a);
		a->issued_at = dup_or_null(r, 0, 3);
		a->issued_by = dup_or_null(r, 0, 4);
	}
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_provider_assessment(struct db_conn *c, const char *token, int year, const char *area,
			     bool export, struct provider_assessment *a, struct db_error *err)
{
	struct db_result *r = NULL;
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, y, area };

	provider_assessment_release(a);
	enum db_status st = db_exec(
		c,
		export ? "SELECT " ASSESSMENT_COLUMNS
			 " FROM api.provider_assessment_export($1, $2::int, $3)"
		       : "SELECT " ASSESSMENT_COLUMNS " FROM api.provider_assessment($1, $2::int, $3)",
		3, p, &r, err);
	if (st != DB_OK)
		return st;
	int n = db_result_rows(r);
	a->rows = xcalloc((size_t)n + 1, sizeof(*a->rows));
	for (int i = 0; i < n; i++)
		row_read(r, i, &a->rows[i]);
	a->n = n;
	db_result_free(&r);
	return state_read(c, p, a, err);
}

enum db_status db_provider_assessment_remark(struct db_conn *c, const char *token, int year,
					    const char *provider, const char *text,
					    struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, y, provider, text };

	return db_exec(c, "SELECT api.provider_assessment_remark($1, $2::int, $3::bigint, $4)", 4,
		       p, NULL, err);
}

enum db_status db_provider_assessment_issue(struct db_conn *c, const char *token, const char *key,
					    int year, const char *area, struct db_manage_outcome *o,
					    struct db_error *err)
{
	char y[12];
	snprintf(y, sizeof(y), "%d", year);
	const char *p[] = { token, key, y, area };

	return db_manage_call(
		c, "SELECT * FROM api.provider_assessment_issue($1, $2::uuid, $3::int, $4)", 4, p, o,
		err);
}

enum db_status db_provider_assessment_thresholds(struct db_conn *c, const char *token,
						 struct provider_assessment *a,
						 struct db_error *err)
{
	struct db_result *r = NULL;
	const char *p[] = { token };

	provider_assessment_release(a);
	enum db_status st = db_exec(c,
				    "SELECT completion, stars, answered"
				    " FROM api.provider_assessment_thresholds($1)",
				    1, p, &r, err);
	if (st != DB_OK)
		return st;
	if (db_result_rows(r) > 0)
		thresholds_read(r, a);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_provider_assessment_thresholds_set(struct db_conn *c, const char *token,
						     const char *completion, const char *stars,
						     const char *answered, struct db_error *err)
{
	const char *p[] = { token, completion, stars, answered };

	return db_exec(c,
		       "SELECT api.provider_assessment_thresholds_set($1, $2::numeric, $3::numeric,"
		       " $4::numeric)",
		       4, p, NULL, err);
}
