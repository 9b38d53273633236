/*
 * db/budget_export: each county's budget of each voucher programme as the
 * administrator exports it (wanchuang-admin budget; wc_admin.budget_export
 * in data/sql/functions/budgets.sql).
 */
#ifndef WC_DB_BUDGET_EXPORT_H
#define WC_DB_BUDGET_EXPORT_H

#include "db/conn.h"

/* One budget: what was issued from it, what open bookings hold on its
 * vouchers, what was redeemed, what is left to issue; all in fen. */
struct budget_export_row {
	char *programme_code, *programme_name, *county_code, *county_name;
	long long total_fen, issued_fen, held_fen, redeemed_fen, left_fen;
};
void budget_export_rows_free(struct budget_export_row **v, int n);
/* The budgets within area (a region code), of programme (a code) or all
 * (NULL); audited. WC070 for an unknown area or programme. */
enum db_status db_budget_admin(struct db_conn *c, const char *area, const char *programme,
			       struct budget_export_row **out, int *n, struct db_error *err);

#endif
