/*
 * admin_budget: wanchuang-admin budget [--area CODE] [--programme CODE]
 * [--out FILE] — each county's budget of each voucher programme with what
 * was issued, held and redeemed and what is left.
 */
#ifndef WC_ADMIN_BUDGET_H
#define WC_ADMIN_BUDGET_H

#include "db/db.h"

const char *admin_budget_usage(void);
/* argv from "budget" on. The exit status: 0 listed or written, 1 a
 * failure, 2 the arguments are wrong. */
int admin_budget(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
