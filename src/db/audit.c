/* audit: reading the audit log, for the supervisor and the bureau. */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

void audit_rows_free(struct audit_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++) {
		struct audit_row *r = &(*rows)[i];
		free(r->id);
		free(r->at);
		free(r->terminal);
		free(r->username);
		free(r->staff_name);
		free(r->action);
		free(r->object);
		free(r->detail);
	}
	XFREE(*rows);
}

enum db_status db_audit_list(struct db_conn *c, const char *token, const char *action,
			     const char *day, const char *before, int limit,
			     struct audit_row **rows, int *n, struct db_error *err)
{
	char lim[16];
	const char *p[] = { token, action && *action ? action : NULL, day && *day ? day : NULL,
			    before && *before ? before : NULL, lim };
	struct db_result *r = NULL;
	enum db_status st;

	snprintf(lim, sizeof(lim), "%d", limit);
	*rows = NULL;
	*n = 0;
	st = db_exec(
		c,
		"SELECT id, to_char(at, 'YYYY-MM-DD HH24:MI:SS'), terminal, username, staff_name,"
		" action, object,"
		/* the detail as key-value lines, for the client to put in words */
		" (SELECT string_agg(e.key || E'\\t' || translate(coalesce(e.value, ''), E'\\t\\n', '  '),"
		"   E'\\n' ORDER BY e.key)"
		"    FROM jsonb_each_text(CASE WHEN jsonb_typeof(detail::jsonb) = 'object'"
		"                         THEN detail::jsonb END) AS e)"
		" FROM api.audit_list($1, $2, $3::date, $4::bigint, $5::int)",
		5, p, &r, err);
	if (st != DB_OK)
		return st;
	*n = db_result_rows(r);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		struct audit_row *a = &(*rows)[i];
		a->id = db_result_dup(r, i, 0);
		a->at = db_result_dup(r, i, 1);
		a->terminal = db_result_dup(r, i, 2);
		a->username = db_result_dup(r, i, 3);
		a->staff_name = db_result_dup(r, i, 4);
		a->action = db_result_dup(r, i, 5);
		a->object = db_result_dup(r, i, 6);
		const char *detail = db_result_get(r, i, 7);
		a->detail = xstrdup(detail ? detail : "");
	}
	db_result_free(&r);
	return DB_OK;
}
