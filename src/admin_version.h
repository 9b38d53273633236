/*
 * admin_version: whether the database still serves this wanchuang-admin,
 * asked before a command other than migrate runs (migrate itself refuses
 * to go back to older function files: db/migrate.h).
 */
#ifndef WC_ADMIN_VERSION_H
#define WC_ADMIN_VERSION_H

#include "db/db.h"

/* 0 when it does (or the database is older than the check), 1 when this
 * program is too old for it, said on stderr. */
int admin_version_check(struct db_conn *c, const char *prog);

#endif
