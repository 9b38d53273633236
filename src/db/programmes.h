/*
 * db/programmes: voucher programmes (创业券项目) as the bureau sets them,
 * and the counties' budgets (预算额度) as the bureau or a city sets them
 * (data/sql/functions/budgets.sql).
 */
#ifndef WC_DB_PROGRAMMES_H
#define WC_DB_PROGRAMMES_H

#include <stdbool.h>

#include "db/conn.h"

/* Every programme, open ones first (the bureau; WC002 for others). */
struct programme_setting {
	long long id, face_fen, issued, total_fen, used_fen;
	int valid_months;
	char *code, *name, *category_names;
	char **categories; /* service category codes, NULL-terminated */
	size_t ncategories;
	/* who may be issued one: person categories (none: everyone), their
	 * names ("" for none), the business stage ("" for either) */
	char **groups, *group_names, *stage;
	size_t ngroups;
	bool active;
};
void programme_setting_rows_free(struct programme_setting **v, int n);
enum db_status db_programme_list(struct db_conn *c, const char *token,
				 struct programme_setting **out, int *n, struct db_error *err);

/* Add a programme (a code not used yet) or change one; *outcome "ok" or
 * the refusal (db_programme_outcome_msgid). categories and groups: a
 * PostgreSQL array, "{training,guidance}" ("{}" groups: everyone); stage
 * "intending", "started", or "" for either. */
struct programme_input {
	const char *code, *name, *categories, *groups, *stage;
	long long face_fen;
	int valid_months;
	bool active;
};
enum db_status db_programme_save(struct db_conn *c, const char *token, const char *key,
				 const struct programme_input *in, char **outcome,
				 struct db_error *err);

/* The budgets within the caller's reach: every programme for each county
 * the caller sets budgets of, set or not yet. */
struct budget_row {
	long long programme_id, total_fen, used_fen, available_fen;
	char *programme_name, *county_code, *county_name;
	bool active;
};
void budget_rows_free(struct budget_row **v, int n);
enum db_status db_budget_list(struct db_conn *c, const char *token, struct budget_row **out, int *n,
			      struct db_error *err);
enum db_status db_budget_set(struct db_conn *c, const char *token, const char *key,
			     long long programme, const char *county, long long total_fen,
			     char **outcome, struct db_error *err);

/* The msgid explaining a refusal of these calls. */
const char *db_programme_outcome_msgid(const char *outcome);

#endif
