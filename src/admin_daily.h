/*
 * admin_daily: wanchuang-admin daily — the jobs to run once a day on one
 * machine of the province (wanchuang-providers-activate.timer runs it):
 * providers whose public notice has ended become active even when nobody
 * reads the list that day, and expired vouchers' free balance goes back
 * to the county's budget.
 */
#ifndef WC_ADMIN_DAILY_H
#define WC_ADMIN_DAILY_H

#include "db/db.h"

/* The command's lines of wanchuang-admin --help, translated. */
const char *admin_daily_usage(void);
/* argv starts after "daily". The exit status: 0 both jobs done, 1 one
 * was refused (the other is still done), 2 the arguments are wrong. */
int admin_daily(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
