/*
 * security: the sections of the Art. 30 self-check and the reports kept.
 * The sections' order and wording are here once, for the command line
 * and the console; the rows come from wc_admin.security_report().
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

static void row_read(const struct db_result *r, int i, void *dst)
{
	struct security_row *w = dst;
	const char *change = db_result_get(r, i, 0);

	w->change = change ? change[0] : 0;
	w->section = db_result_dup(r, i, 1);
	w->item = db_result_dup(r, i, 2);
	w->detail = db_result_dup(r, i, 3);
}

static enum db_status rows_of(struct db_conn *c, const char *sql, int np, const char *const *p,
			      struct security_row **rows, int *n, struct db_error *err)
{
	return db_rows_read(c, sql, np, p, sizeof(**rows), row_read, (void **)rows, n, err);
}

const struct security_section *security_section_find(const char *key)
{
	for (size_t i = 0; i < security_sections_count; i++)
		if (strcmp(security_sections[i].key, key) == 0)
			return &security_sections[i];
	return NULL;
}

void security_rows_free(struct security_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++) {
		free((*rows)[i].section);
		free((*rows)[i].item);
		free((*rows)[i].detail);
	}
	XFREE(*rows);
}

int security_rows_problems(const struct security_row *rows, int n)
{
	int problems = 0;

	for (int i = 0; i < n; i++) {
		const struct security_section *s = security_section_find(rows[i].section);
		problems += s && s->problem;
	}
	return problems;
}

void security_reports_free(struct security_report **reports, int n)
{
	for (int i = 0; *reports && i < n; i++) {
		free((*reports)[i].id);
		free((*reports)[i].made_at);
		free((*reports)[i].made_by);
	}
	XFREE(*reports);
}

enum db_status db_security_keep(struct db_conn *c, char **id, struct security_row **rows, int *n,
				struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	*id = NULL;
	*rows = NULL;
	*n = 0;
	st = db_exec_row(c, "SELECT wc_admin.security_report_keep()", 0, NULL, &r, err);
	if (st != DB_OK)
		return st;
	*id = db_result_dup(r, 0, 0);
	db_result_free(&r);
	const char *p[] = { *id };
	return rows_of(c,
		       "SELECT NULL, section, item, detail FROM wc.security_report_row"
		       " WHERE report_id = $1::bigint ORDER BY section, item, detail",
		       1, p, rows, n, err);
}

enum db_status db_security_make(struct db_conn *c, const char *token, char **id,
				struct db_error *err)
{
	const char *p[] = { token };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(c, "SELECT api.security_report_make($1)", 1, p, &r, err);

	*id = st == DB_OK ? db_result_dup(r, 0, 0) : NULL;
	db_result_free(&r);
	return st;
}

enum db_status db_security_list(struct db_conn *c, const char *token,
				struct security_report **reports, int *n, struct db_error *err)
{
	const char *p[] = { token };
	struct db_result *r = NULL;
	enum db_status st;

	*reports = NULL;
	*n = 0;
	st = db_exec(c,
		     "SELECT id, to_char(made_at, 'YYYY-MM-DD HH24:MI'), made_by, section, n"
		     " FROM api.security_report_list($1)",
		     1, p, &r, err);
	if (st != DB_OK)
		return st;
	/* one row per report and section: a report is its run of rows */
	*reports = xcalloc((size_t)db_result_rows(r) + 1, sizeof(**reports));
	for (int i = 0; i < db_result_rows(r); i++) {
		if (*n == 0 || strcmp((*reports)[*n - 1].id, db_result_get(r, i, 0)) != 0) {
			struct security_report *k = &(*reports)[(*n)++];
			k->id = db_result_dup(r, i, 0);
			k->made_at = db_result_dup(r, i, 1);
			k->made_by = db_result_dup(r, i, 2);
		}
		const char *key = db_result_get(r, i, 3);
		const struct security_section *s = key ? security_section_find(key) : NULL;
		int count = key ? atoi(db_result_get(r, i, 4)) : 0;
		(*reports)[*n - 1].rows += count;
		if (s && s->problem)
			(*reports)[*n - 1].problems += count;
	}
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_security_rows(struct db_conn *c, const char *token, const char *id, bool compare,
				struct security_row **rows, int *n, struct db_error *err)
{
	const char *p[] = { token, id, compare ? "true" : "false" };

	return rows_of(c,
		       "SELECT change, section, item, detail"
		       " FROM api.security_report_rows($1, $2::bigint, $3::boolean)",
		       3, p, rows, n, err);
}

const struct security_section security_sections[] = {
	{ "unused_accounts", N_("Staff accounts never used or unused for 90 days"), N_("none"),
	  false },
	{ "failed_sign_ins", N_("User names with 5 or more failed sign-ins in 30 days"), N_("none"),
	  false },
	{ "account_state", N_("Accounts disabled or waiting for their own password"), N_("none"),
	  false },
	{ "terminals", N_("Terminals' database logins"), N_("none registered"), false },
	{ "terminals_without_key",
	  N_("Terminals without a key, which cannot use the pools shared by their kind"),
	  N_("none"), false },
	{ "pool_login_groups",
	  N_("Roles a pool's login is a member of beyond its group (must be none)"),
	  N_("none: as it must be"), true },
	{ "terminal_limits", N_("Terminal logins without limits (must be none)"),
	  N_("none: as it must be"), true },
	{ "terminal_databases",
	  N_("Other databases a terminal's login can connect to (must be none)"),
	  N_("none: as it must be"), true },
	{ "client_table_access", N_("Tables a terminal's login can reach (must be none)"),
	  N_("none: as it must be"), true },
	{ "client_function_access",
	  N_("Functions outside the API a terminal's login can call (must be none)"),
	  N_("none: as it must be"), true },
	{ "unpinned_functions",
	  N_("SECURITY DEFINER functions without a pinned search_path (must be none)"),
	  N_("none: as it must be"), true },
	{ "audit_chain_head",
	  N_("Head of the audit chain (file it; check later with audit verify --head)"),
	  N_("the audit log is empty"), false },
};
const size_t security_sections_count = sizeof(security_sections) / sizeof(security_sections[0]);
