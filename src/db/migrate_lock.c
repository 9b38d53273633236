/*
 * migrate_lock: one migrate at a time on a database, whatever else runs.
 *
 * A session-level advisory lock of class 20, key 0 (pg_locks shows
 * classid 20, objid 0), held from before the first step of a migrate to
 * after its last, so two administrators' migrates never interleave even
 * when a migrate is made of several transactions. The transactions of
 * db_migrate also take it at transaction level: a caller that did not
 * take it here still waits for one that did. Nothing else in the program
 * holds a lock across transactions; migrate connects directly, never
 * through a pooler, so the session is its own.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_migrate_lock_try(struct db_conn *c, bool *got, int *holder,
				   struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(
		c,
		"SELECT pg_try_advisory_lock(" DB_MIGRATE_LOCK_SQL "),"
		" (SELECT min(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
		"     AND classid = 20 AND objid = 0 AND objsubid = 2 AND pid <> pg_backend_pid()"
		"     AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
		0, NULL, &r, err);

	*got = st == DB_OK && strcmp(db_result_get(r, 0, 0), "t") == 0;
	*holder = st == DB_OK && db_result_get(r, 0, 1) ? atoi(db_result_get(r, 0, 1)) : 0;
	db_result_free(&r);
	return st;
}

enum db_status db_migrate_unlock(struct db_conn *c, struct db_error *err)
{
	return db_exec(c, "SELECT pg_advisory_unlock(" DB_MIGRATE_LOCK_SQL ")", 0, NULL, NULL, err);
}
