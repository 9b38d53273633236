/*
 * routine: the daily jobs (routine.h). Each is its own call and its own
 * transaction, so a failure of one leaves what the other did.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>

#include "db_private.h"

static enum db_status count_of(struct db_conn *c, const char *sql, long *n, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec(c, sql, 0, NULL, &r, err);

	*n = 0;
	if (st != DB_OK)
		return st;
	if (db_result_rows(r) > 0)
		*n = strtol(db_result_get(r, 0, 0), NULL, 10);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_providers_activate(struct db_conn *c, long *activated, struct db_error *err)
{
	return count_of(c, "SELECT wc_admin.providers_activate()", activated, err);
}

enum db_status db_vouchers_expire(struct db_conn *c, long *expired, struct db_error *err)
{
	return count_of(c, "SELECT wc_admin.vouchers_expire()", expired, err);
}
