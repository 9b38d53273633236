/*
 * db/settlement: the money reconciled (资金对账) and the redemption
 * patterns flagged (异常提示) of a period and an area, for the console
 * (with a staff token: the database decides who may see which area) and
 * for wanchuang-admin report settlement; the rows behind a line.
 */
#ifndef WC_DB_SETTLEMENT_H
#define WC_DB_SETTLEMENT_H

#include <stdbool.h>

#include "core/figure.h"
#include "core/settle.h"
#include "db/conn.h"

/*
 * Every line of the period of kind k starting on first_day in the area,
 * section by section. export: for a file, which the database audits.
 * Refusals: WC002 (a role without it, an area outside the person's),
 * WC070 (not a period's start, no such area).
 */
enum db_status db_settlement(struct db_conn *c, const char *token, enum figure_period k,
			     const char *first_day, const char *area, bool export,
			     struct settle_line **v, int *n, struct db_error *err);
/* The same for the administrator's export, audited as the administrator's. */
enum db_status db_settlement_admin(struct db_conn *c, enum figure_period k, const char *first_day,
				   const char *area, struct settle_line **v, int *n,
				   struct db_error *err);

/* One booking behind a line. */
struct settle_row {
	char *no; /* 预约编号 */
	char *day; /* "YYYY-MM-DD": redeemed, or completed */
	char *person; /* the name, masked (王*) */
	char *service;
	char *amount_fen; /* decimal text */
	char *valid_until; /* the voucher's last day, or NULL */
};
void settle_rows_free(struct settle_row **rows, int n);
/* The rows behind line l (settle_rows_what); each look is audited. */
enum db_status db_settle_rows(struct db_conn *c, const char *token, const struct settle_line *l,
			      enum figure_period k, const char *first_day, const char *area,
			      struct settle_row **rows, int *n, struct db_error *err);

#endif
