/*
 * version: the versions the database serves (migration 0047,
 * functions/version.sql). The comparison is the server's, so raising the
 * oldest terminal version served takes effect at the terminals' next
 * connect without a new program anywhere.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"

/* what a server says when a function or table of that name is not there */
#define SQLSTATE_UNDEFINED_FUNCTION "42883"

void db_version_release(struct db_version *v)
{
	XFREE(v->served);
	XFREE(v->min_terminal);
	v->ok = false;
}

enum db_status db_version_check(struct db_conn *c, const char *version, struct db_version *v,
				struct db_error *err)
{
	const char *params[] = { version };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(
		c, "SELECT ok, served, min_terminal FROM api.version_check($1)", 1, params, &r, err);

	memset(v, 0, sizeof(*v));
	if (st != DB_OK && strcmp(err->sqlstate, SQLSTATE_UNDEFINED_FUNCTION) == 0) {
		db_error_release(err);
		v->ok = true;
		return DB_OK;
	}
	if (st == DB_OK) {
		v->ok = strcmp(db_result_get(r, 0, 0), "t") == 0;
		v->served = db_result_dup(r, 0, 1);
		v->min_terminal = db_result_dup(r, 0, 2);
	}
	db_result_free(&r);
	return st;
}

enum db_status db_version_record(struct db_conn *c, const char *version, const char *min_terminal,
				 struct db_error *err)
{
	const char *params[] = { version, min_terminal };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(c,
					"SELECT served, wc.version_numbers(served) >"
					" wc.version_numbers($1) FROM wc.api_version",
					1, params, &r, err);

	/* older function files over newer ones would take away what the
	 * newer terminals call */
	if (st == DB_OK && strcmp(db_result_get(r, 0, 1), "t") == 0)
		st = db_fail(err,
			     "the database was migrated by version %s, newer than this "
			     "program's %s: migrate with that version",
			     db_result_get(r, 0, 0), version);
	db_result_free(&r);
	if (st != DB_OK)
		return st;
	return db_exec(c,
		       "UPDATE wc.api_version SET served = $1,"
		       " min_terminal = coalesce($2, min_terminal), changed_at = now()",
		       2, params, NULL, err);
}
