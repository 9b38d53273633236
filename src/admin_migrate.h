/*
 * admin_migrate: wanchuang-admin migrate — the numbered migrations of
 * data/sql, the function files, and the moderation word list, each
 * applied when the database does not hold it yet; with --check, what it
 * would change, changing nothing.
 */
#ifndef WC_ADMIN_MIGRATE_H
#define WC_ADMIN_MIGRATE_H

#include "db/db.h"

/* argv starts after "migrate". The exit status: 0 up to date, 1 a
 * failure (or, with --check, a difference), 2 the arguments are wrong. */
int admin_migrate(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
