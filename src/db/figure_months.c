/*
 * figure_months: api.figure_months, each indicator's value in each of the
 * twelve months up to a month, for the line drawn beside a figure.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>

#include "db_private.h"

static void month_read(const struct db_result *r, int i, void *dst)
{
	struct figure_month *m = dst;

	m->code = db_result_dup(r, i, 0);
	m->month = db_result_dup(r, i, 1);
	m->value = db_result_get(r, i, 2) ? db_result_dup(r, i, 2) : NULL;
}

void figure_months_free(struct figure_month **v, int n)
{
	for (int i = 0; *v && i < n; i++) {
		free((*v)[i].code);
		free((*v)[i].month);
		free((*v)[i].value);
	}
	XFREE(*v);
}

enum db_status db_figure_months(struct db_conn *c, const char *token, const char *last_month,
				const char *area, struct figure_month **v, int *n,
				struct db_error *err)
{
	const char *p[] = { token, last_month, area };

	return db_rows_read(c, "SELECT code, month, value FROM api.figure_months($1, $2::date, $3)",
			    3, p, sizeof(**v), month_read, (void **)v, n, err);
}
