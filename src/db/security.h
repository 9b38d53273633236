/*
 * db/security: the security self-check of Art. 30 (安全自查报告): its
 * sections, and the reports kept, for the administrator's command and
 * the supervisor's and the bureau's console alike.
 */
#ifndef WC_DB_SECURITY_H
#define WC_DB_SECURITY_H

#include <stdbool.h>
#include <stddef.h>

#include "db/conn.h"

/* One section of the report, in the order shown. Adding a section to
 * wc_admin.security_report is one line more in security_sections. */
struct security_section {
	const char *key; /* the SQL function's section */
	const char *heading; /* msgid */
	const char *none; /* msgid: what an empty section says */
	bool problem; /* any row here is something to fix */
};
extern const struct security_section security_sections[];
extern const size_t security_sections_count;
/* The section of key, or NULL for one this program does not know. */
const struct security_section *security_section_find(const char *key);

struct security_row {
	char change; /* '+' added since the report before, '-' gone, 0 in a plain report */
	char *section, *item, *detail;
};
void security_rows_free(struct security_row **rows, int n);
/* Rows of the sections that are problems. */
int security_rows_problems(const struct security_row *rows, int n);

struct security_report {
	char *id, *made_at; /* "YYYY-MM-DD HH:MM" */
	char *made_by; /* the staff member, or the administrator's login */
	int rows, problems;
};
void security_reports_free(struct security_report **reports, int n);

/* wanchuang-admin: make a report, keep it, and read its rows into *rows. */
enum db_status db_security_keep(struct db_conn *c, char **id, struct security_row **rows, int *n,
				struct db_error *err);
/* Supervisor and bureau only (WC002); audited. A new report kept: *id. */
enum db_status db_security_make(struct db_conn *c, const char *token, char **id,
				struct db_error *err);
/* The kept reports, newest first (the last 200). */
enum db_status db_security_list(struct db_conn *c, const char *token,
				struct security_report **reports, int *n, struct db_error *err);
/* One report's rows; compare: what differs from the report before it
 * ('+'/'-' rows). Each look is audited. */
enum db_status db_security_rows(struct db_conn *c, const char *token, const char *id, bool compare,
				struct security_row **rows, int *n, struct db_error *err);

#endif
