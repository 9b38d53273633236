/*
 * db/migrate: the schema: numbered migrations applied in order.
 */
#ifndef WC_DB_MIGRATE_H
#define WC_DB_MIGRATE_H

#include "db/conn.h"

/*
 * Apply the numbered migrations NNNN_name.sql of dir in order, each in its
 * own transaction, recorded in wc_meta.migration with its checksum.
 * Refuses (DB_ERR_SERVER, err->primary says why) when what was applied
 * differs from the files. Progress lines go to log (may be NULL).
 * *applied is set to the number applied now.
 */
enum db_status db_migrate(struct db_conn *c, const char *dir, FILE *log, int *applied,
			  struct db_error *err);

#endif
