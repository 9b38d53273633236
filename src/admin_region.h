/*
 * admin_region: wanchuang-admin region phone CODE NUMBER|--none — the
 * telephone of a county's service counter (服务窗口), which the county's
 * kiosks show on the welcome screen, in 平台简介 and on a complaint's
 * receipt.
 */
#ifndef WC_ADMIN_REGION_H
#define WC_ADMIN_REGION_H

#include "db/db.h"

/* The command's lines of wanchuang-admin --help, translated. */
const char *admin_region_usage(void);
/* argv starts after "region". The exit status: 0 set, 1 refused, 2 the
 * arguments are wrong. */
int admin_region(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
