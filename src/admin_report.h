/*
 * admin_report: wanchuang-admin report figures|settlement --period P
 * --area A --out FILE [--encoding gb18030|utf-8] — the figures for
 * oversight, or the money reconciled (资金对账), of a period and an area
 * as a sheet for the office, for scheduled runs; the database audits the
 * export.
 */
#ifndef WC_ADMIN_REPORT_H
#define WC_ADMIN_REPORT_H

#include "db/db.h"

/* The command's lines of wanchuang-admin --help, translated. */
const char *admin_report_usage(void);
/* The lines of report settlement, printed after admin_report_usage's. */
const char *admin_report_settlement_usage(void);
/* The lines of report evaluation (admin_evaluation.c). */
const char *admin_report_evaluation_usage(void);
/* The options of a report: when (--period or --year), --area, --out,
 * --encoding, --format; NULL for those not given. */
struct admin_report_args {
	const char *when, *area, *out, *encoding, *format;
};
/* argv from the report's name on; false for an option there is none of
 * or one without its value. */
bool admin_report_args_read(int argc, char **argv, const char *when_flag,
			    struct admin_report_args *a);
/* The sheet's format: xlsx when asked, or when out ends in .xlsx; else
 * CSV in the encoding asked (gb18030 unless utf-8). False, said on
 * stderr, for a format or an encoding there is none of, or an encoding
 * for a workbook. */
bool admin_report_format(const char *prog, const struct admin_report_args *a,
			 enum table_format *f);
/* The area typed (a code or a name as offices write it) among the regions
 * read into *regions (released by the caller); NULL, said on stderr, with
 * *rc 1 when they cannot be read and 2 for an area there is none of. */
const struct region *admin_area_find(struct db_conn *c, const char *prog, const char *typed,
				     struct region_list *regions, int *rc);
/* report evaluation, argv from "evaluation" on: as admin_report. */
int admin_report_evaluation(struct db_conn *c, const char *prog, int argc, char **argv);
/* argv starts after "report". The exit status: 0 written, 1 a failure,
 * 2 the arguments are wrong. */
int admin_report(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
