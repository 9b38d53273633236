/*
 * db/figures: the figures for oversight (统计指标) of a period and an
 * area, and the rows behind one of them, for the console (with a staff
 * token: the database decides which areas the person may see) and for
 * wanchuang-admin report figures.
 */
#ifndef WC_DB_FIGURES_H
#define WC_DB_FIGURES_H

#include <stdbool.h>

#include "core/figure.h"
#include "db/conn.h"

/*
 * The figures of the period of kind k starting on first_day
 * ("YYYY-MM-DD") in the area (a region code), in order, with the period
 * before. export: for a file, which the database audits (who, what, how
 * many rows). Refusals: WC002 (a role without figures, an area outside
 * the person's), WC070 (not a period's start, no such area).
 */
enum db_status db_figures(struct db_conn *c, const char *token, enum figure_period k,
			  const char *first_day, const char *area, bool export, struct figure **v,
			  int *n, struct db_error *err);
/* The same for the administrator's export, audited as the administrator's. */
enum db_status db_figures_admin(struct db_conn *c, enum figure_period k, const char *first_day,
				const char *area, struct figure **v, int *n, struct db_error *err);

/* One row behind a figure: a booking or a complaint. */
struct figure_row {
	char *no; /* 预约编号 or 投诉编号 */
	char *day; /* "YYYY-MM-DD": made, closed */
	char *county; /* the person's county, by name */
	char *what; /* a booking's status; for a late complaint, the step that ran over */
	char *detail; /* the service; for a late complaint "filed/due" days */
	char *person; /* the name, masked (王*) */
};
void figure_rows_free(struct figure_row **rows, int n);
/* The rows behind the figure code (only those with drill set); each look
 * is audited. WC070 for a figure without rows to show. */
enum db_status db_figure_rows(struct db_conn *c, const char *token, const char *code,
			      enum figure_period k, const char *first_day, const char *area,
			      struct figure_row **rows, int *n, struct db_error *err);

/* One indicator's value in one month (api.figure_months). */
struct figure_month {
	char *code; /* wc.indicator.code */
	char *month; /* "YYYY-MM-DD", the month's first day */
	char *value; /* decimal text, or NULL: not defined */
};
void figure_months_free(struct figure_month **v, int n);
/*
 * Each indicator's value in each of the twelve months up to and
 * including the month of last_month ("YYYY-MM-DD"), in the indicators'
 * order and then the months': twelve rows per indicator. Refusals as
 * db_figures'.
 */
enum db_status db_figure_months(struct db_conn *c, const char *token, const char *last_month,
				const char *area, struct figure_month **v, int *n,
				struct db_error *err);

#endif
