/*
 * db/version: which program versions the database serves, asked when a
 * terminal or the admin tool connects (api.version_check), and the
 * oldest terminal version set by migrate.
 */
#ifndef WC_DB_VERSION_H
#define WC_DB_VERSION_H

#include <stdbool.h>

#include "db/conn.h"

struct db_version {
	bool ok; /* a program of the version asked may use this database */
	char *served; /* the version of the admin tool that last migrated it */
	char *min_terminal; /* the oldest program version it serves */
};
void db_version_release(struct db_version *v);

/*
 * Whether a program of version may use the database behind c. A database
 * migrated before versions were recorded answers ok with both versions
 * NULL: it serves every program that serves it today.
 */
enum db_status db_version_check(struct db_conn *c, const char *version, struct db_version *v,
				struct db_error *err);

/*
 * In the migrate transaction: record that the database now serves
 * version, and, when min_terminal is not NULL, that terminals older
 * than it may no longer use it.
 */
enum db_status db_version_record(struct db_conn *c, const char *version, const char *min_terminal,
				 struct db_error *err);

#endif
