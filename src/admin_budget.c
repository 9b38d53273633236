/*
 * admin_budget: the voucher budgets (创业券预算额度) from the command line,
 * for the office that plans next year's money: each county's budget of
 * each programme, the face value issued from it, what open bookings hold
 * (已冻结), what was redeemed for services done, and what is left to
 * issue. Listed on the terminal, or written whole as a sheet (--out) in
 * the formats of the reports; the database audits each export.
 */
#include "config.h"
#include "admin_budget.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_out.h"
#include "admin_report.h"
#include "i18n.h"

enum { COLS = 9, MONEY = 5 }; /* cells per row; money cells made per row */

/* the columns of numbers: the five amounts */
#define SHEET_NUMBER_COLS (0x1fu << 4)

const char *admin_budget_usage(void)
{
	return _("  budget [--area CODE] [--programme CODE] [--out FILE]\n"
		 "         [--format xlsx|csv] [--encoding gb18030|utf-8]\n"
		 "                               each county's budget of each voucher\n"
		 "                               programme in the area (the province unless\n"
		 "                               one is given): the budget, issued, held by\n"
		 "                               open bookings, redeemed and left, in yuan;\n"
		 "                               listed, or written as the reports' sheets;\n"
		 "                               audited\n");
}

static int usage_error(const char *prog)
{
	out_printf(stderr,
		   _("%s: usage: budget [--area CODE] [--programme CODE] [--out FILE] "
		     "[--format xlsx|csv] [--encoding gb18030|utf-8]\n"),
		   prog);
	return 2;
}

static char *yuan(long long fen)
{
	struct sbuf s = SBUF_INIT;

	money_format_yuan(&s, fen);
	return sbuf_detach(&s);
}

static bool sheet_save(const char *path, enum table_format f,
		       const struct budget_export_row *v, int n)
{
	static const char *const head[COLS] = {
		N_("Programme code"), N_("Programme"), N_("County code"),
		N_("County"),	      N_("Budget"),    N_("Issued"),
		N_("Held"),	      N_("Redeemed"),  N_("Left to issue"),
	};
	bool quote = f != TABLE_XLSX;
	size_t nrows = (size_t)n + 1, nown = (size_t)n * (MONEY + 2);
	const char **cells = xcalloc(nrows * COLS, sizeof(*cells));
	char **own = xcalloc(nown ? nown : 1, sizeof(*own));

	for (int c = 0; c < COLS; c++)
		cells[c] = _(head[c]);
	for (int i = 0; i < n; i++) {
		const struct budget_export_row *b = &v[i];
		const char **c = cells + (size_t)(i + 1) * COLS;
		char **o = own + (size_t)i * (MONEY + 2);
		long long money[MONEY] = { b->total_fen, b->issued_fen, b->held_fen,
					   b->redeemed_fen, b->left_fen };

		o[0] = quote ? table_text_cell(b->programme_name) : xstrdup(b->programme_name);
		o[1] = quote ? table_text_cell(b->programme_code) : xstrdup(b->programme_code);
		c[0] = o[1];
		c[1] = o[0];
		c[2] = b->county_code;
		c[3] = b->county_name;
		for (int m = 0; m < MONEY; m++)
			c[4 + m] = o[2 + m] = yuan(money[m]);
	}
	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = table_save_grid(path, f, _("Voucher budgets"), cells, nrows, COLS,
				  SHEET_NUMBER_COLS);
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(cells);
	return ok;
}

static void list_print(const struct budget_export_row *v, int n)
{
	for (int i = 0; i < n; i++) {
		const struct budget_export_row *b = &v[i];
		char *m[MONEY] = { yuan(b->total_fen), yuan(b->issued_fen), yuan(b->held_fen),
				   yuan(b->redeemed_fen), yuan(b->left_fen) };

		out_printf(stdout,
			   _("%s %s, %s %s: budget %s, issued %s, held %s, redeemed %s, left "
			     "%s yuan\n"),
			   b->programme_code, b->programme_name, b->county_code, b->county_name,
			   m[0], m[1], m[2], m[3], m[4]);
		for (int k = 0; k < MONEY; k++)
			free(m[k]);
	}
}

int admin_budget(struct db_conn *c, const char *prog, int argc, char **argv)
{
	/* the programme's flag in the place of a report's period */
	struct admin_report_args a = { .area = "340000" };
	enum table_format f = TABLE_CSV;

	if (!admin_report_args_read(argc, argv, "--programme", &a))
		return usage_error(prog);
	if (a.out && !admin_report_format(prog, &a, &f))
		return 2;
	if (!a.out && (a.format || a.encoding))
		return usage_error(prog);

	struct db_error err = DB_ERROR_INIT;
	struct region_list regions = { 0 };
	struct budget_export_row *v = NULL;
	const struct region *area = NULL;
	int n = 0, rc = 1;

	area = admin_area_find(c, prog, a.area, &regions, &rc);
	if (!area)
		goto done;
	rc = 1;
	if (db_budget_admin(c, area->code, a.when, &v, &n, &err) != DB_OK) {
		out_refused(prog, _("could not read the budgets"), &err);
		rc = strcmp(err.sqlstate, "WC070") == 0 ? 2 : 1;
		goto done;
	}
	if (!a.out) {
		list_print(v, n);
		rc = 0;
		goto done;
	}
	if (!sheet_save(a.out, f, v, n)) {
		out_printf(stderr, _("%s: could not write %s: %s\n"), prog, a.out, strerror(errno));
		goto done;
	}
	out_printf(stdout, _("%d budgets written to %s\n"), n, a.out);
	rc = 0;
done:
	budget_export_rows_free(&v, n);
	region_list_release(&regions);
	db_error_release(&err);
	return rc;
}
