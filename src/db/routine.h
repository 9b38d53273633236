/*
 * db/routine: the daily jobs of wanchuang-admin daily (doc/deployment.md,
 * "Routine jobs"), for wanchuang-admin only.
 */
#ifndef WC_DB_ROUTINE_H
#define WC_DB_ROUTINE_H

#include "db/conn.h"

/* Providers whose public notice has ended become active; *activated is
 * how many did. */
enum db_status db_providers_activate(struct db_conn *c, long *activated, struct db_error *err);
/* Vouchers past their day expire, their free balance going back to the
 * county's budget; *expired is how many did. */
enum db_status db_vouchers_expire(struct db_conn *c, long *expired, struct db_error *err);

#endif
