/*
 * db/migrate: the schema — the numbered migrations, then the function
 * files, applied in one transaction; and what differs from them.
 */
#ifndef WC_DB_MIGRATE_H
#define WC_DB_MIGRATE_H

#include "db/conn.h"

/*
 * Bring the database to what dir says, in one transaction: the numbered
 * migrations NNNN_name.sql not applied yet, in order, each recorded in
 * wc_meta.migration with its checksum, and the function files of
 * dir/functions, every time (migrate.c says in which order and why).
 * Refuses (DB_ERR_SERVER, err->primary says why) when what was applied
 * differs from the files; then nothing changes. Progress lines go to log
 * (may be NULL). *applied is set to the number of migrations applied now.
 */
enum db_status db_migrate(struct db_conn *c, const char *dir, FILE *log, int *applied,
			  struct db_error *err);
/*
 * db_migrate that also records, in the same transaction, that the
 * database serves this program's version (db/version.h) and, when
 * min_terminal is not NULL, that terminals older than it may no longer
 * use it. Refuses (nothing changes) when a newer program migrated it.
 */
enum db_status db_migrate_serving(struct db_conn *c, const char *dir, const char *min_terminal,
				  FILE *log, int *applied, struct db_error *err);

/* The advisory lock migrate holds (migrate_lock.c): class 20, key 0. */
#define DB_MIGRATE_LOCK_SQL "20, 0"
/* Take the lock for this session if no one holds it (*got); else *holder
 * is the server process of the session that does (0 if not known). */
enum db_status db_migrate_lock_try(struct db_conn *c, bool *got, int *holder,
				   struct db_error *err);
enum db_status db_migrate_unlock(struct db_conn *c, struct db_error *err);

/* functions.c: how the database differs from dir (db_migrate_check). */
enum db_drift_kind {
	DRIFT_PENDING, /* a migration not applied yet; nothing else is compared then */
	DRIFT_MISSING, /* in a function file, not in the database */
	DRIFT_EXTRA, /* in the database, in no function file */
	DRIFT_CHANGED, /* defined otherwise in the database than in its file */
	DRIFT_GRANTS, /* granted otherwise in the database than in its file */
	DRIFT_OWNER, /* not owned by wc_owner */
};
struct db_drift {
	enum db_drift_kind kind;
	char *object; /* a migration's file name, or the server's name of the
			 object: "function api.regions()" */
};

/*
 * What db_migrate would change, changing nothing: the pending migrations,
 * or else each function, trigger and view of schemas wc, api and wc_admin
 * that differs from the function files (applied in a transaction that is
 * rolled back). *out has *count elements; free with db_drift_free. Fails
 * as db_migrate does when history was edited.
 */
enum db_status db_migrate_check(struct db_conn *c, const char *dir, struct db_drift **out,
				int *count, struct db_error *err);
void db_drift_free(struct db_drift **d, int n);

#endif
