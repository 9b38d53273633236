/* db/budget_export: the administrator's export of the voucher budgets. */
#include "config.h"
#include "db.h"
#include "db_private.h"

#include <stdlib.h>

void budget_export_rows_free(struct budget_export_row **vp, int n)
{
	struct budget_export_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].programme_code);
		free(v[i].programme_name);
		free(v[i].county_code);
		free(v[i].county_name);
	}
	XFREE(*vp);
}

static void budget_export_read_row(const struct db_result *r, int i, void *dst)
{
	struct budget_export_row *b = dst;

	b->programme_code = db_result_dup(r, i, 0);
	b->programme_name = db_result_dup(r, i, 1);
	b->county_code = db_result_dup(r, i, 2);
	b->county_name = db_result_dup(r, i, 3);
	b->total_fen = db_ll_or(r, i, 4, 0);
	b->issued_fen = db_ll_or(r, i, 5, 0);
	b->held_fen = db_ll_or(r, i, 6, 0);
	b->redeemed_fen = db_ll_or(r, i, 7, 0);
	b->left_fen = db_ll_or(r, i, 8, 0);
}

enum db_status db_budget_admin(struct db_conn *c, const char *area, const char *programme,
			       struct budget_export_row **out, int *n, struct db_error *err)
{
	const char *params[] = { area, programme };

	return db_rows_read(c,
			    "SELECT programme_code, programme_name, county_code, county_name,"
			    " total_fen, issued_fen, held_fen, redeemed_fen, left_fen"
			    " FROM wc_admin.budget_export($1, $2)",
			    2, params, sizeof(**out), budget_export_read_row, (void **)out, n, err);
}
