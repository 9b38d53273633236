/*
 * figures: api.figures, api.figures_export, wc_admin.figures_export and
 * api.figure_rows, turned into core's struct figure and figure_row.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>

#include "db_private.h"

#define FIGURE_COLUMNS "code, name, formula, unit, better, drill, value, previous"

static void figure_read(const struct db_result *r, int i, void *dst)
{
	struct figure *f = dst;

	f->code = db_result_dup(r, i, 0);
	f->name = db_result_dup(r, i, 1);
	f->formula = db_result_dup(r, i, 2);
	if (!figure_unit_parse(db_result_get(r, i, 3), &f->unit))
		f->unit = FIGURE_COUNT;
	if (!figure_better_parse(db_result_get(r, i, 4), &f->better))
		f->better = FIGURE_NEITHER;
	const char *drill = db_result_get(r, i, 5);
	f->drill = drill && drill[0] == 't';
	f->value = db_result_get(r, i, 6) ? db_result_dup(r, i, 6) : NULL;
	f->previous = db_result_get(r, i, 7) ? db_result_dup(r, i, 7) : NULL;
}

enum db_status db_figures(struct db_conn *c, const char *token, enum figure_period k,
			  const char *first_day, const char *area, bool export, struct figure **v,
			  int *n, struct db_error *err)
{
	const char *p[] = { token, figure_period_word(k), first_day, area };

	return db_rows_read(
		c,
		export ? "SELECT " FIGURE_COLUMNS " FROM api.figures_export($1, $2, $3::date, $4)"
		       : "SELECT " FIGURE_COLUMNS " FROM api.figures($1, $2, $3::date, $4)",
		4, p, sizeof(**v), figure_read, (void **)v, n, err);
}

enum db_status db_figures_admin(struct db_conn *c, enum figure_period k, const char *first_day,
				const char *area, struct figure **v, int *n, struct db_error *err)
{
	const char *p[] = { figure_period_word(k), first_day, area };

	return db_rows_read(
		c, "SELECT " FIGURE_COLUMNS " FROM wc_admin.figures_export($1, $2::date, $3)", 3, p,
		sizeof(**v), figure_read, (void **)v, n, err);
}

static void row_read(const struct db_result *r, int i, void *dst)
{
	struct figure_row *w = dst;

	w->no = db_result_dup(r, i, 0);
	w->day = db_result_dup(r, i, 1);
	w->county = db_result_dup(r, i, 2);
	w->what = db_result_dup(r, i, 3);
	w->detail = db_result_dup(r, i, 4);
	w->person = db_result_dup(r, i, 5);
}

void figure_rows_free(struct figure_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++) {
		free((*rows)[i].no);
		free((*rows)[i].day);
		free((*rows)[i].county);
		free((*rows)[i].what);
		free((*rows)[i].detail);
		free((*rows)[i].person);
	}
	XFREE(*rows);
}

enum db_status db_figure_rows(struct db_conn *c, const char *token, const char *code,
			      enum figure_period k, const char *first_day, const char *area,
			      struct figure_row **rows, int *n, struct db_error *err)
{
	const char *p[] = { token, code, figure_period_word(k), first_day, area };

	return db_rows_read(c,
			    "SELECT no, day, county, what, detail, person"
			    " FROM api.figure_rows($1, $2, $3, $4::date, $5)",
			    5, p, sizeof(**rows), row_read, (void **)rows, n, err);
}
