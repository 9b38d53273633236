/*
 * db/audit: the audit log (审计日志).
 */
#ifndef WC_DB_AUDIT_H
#define WC_DB_AUDIT_H

#include "db/conn.h"

struct audit_row {
	char *id, *at, *terminal, *username, *staff_name, *action, *object;
	char *detail; /* "key\tvalue" lines (jsonb_each_text), "" if none */
};
void audit_rows_free(struct audit_row **rows, int n);
/* Newest first; action and day ("YYYY-MM-DD") may be NULL or ""; before:
 * the id to page back from, or NULL. Supervisor, bureau and admin only
 * (WC002); each look is itself audited. */
enum db_status db_audit_list(struct db_conn *c, const char *token, const char *action,
			     const char *day, const char *before, int limit,
			     struct audit_row **rows, int *n, struct db_error *err);

#endif
