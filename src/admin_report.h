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
/* argv starts after "report". The exit status: 0 written, 1 a failure,
 * 2 the arguments are wrong. */
int admin_report(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
