/*
 * admin_report: the figures' sheet and the money reconciled (资金对账)
 * from the command line. The period is
 * typed as people write it on a schedule (2026, 2026-Q1, 2026-03); the
 * area by code or name (六安市, 341500). The file is written whole or not
 * at all: an Excel workbook when asked (--format xlsx, or a name ending
 * in .xlsx), else CSV in GB18030 (what Excel and WPS in Chinese open by
 * default) or UTF-8 with a BOM.
 */
#include "config.h"
#include "admin_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin_out.h"
#include "i18n.h"

const char *admin_report_usage(void)
{
	return _("\nReports:\n"
		 "  report figures --period YYYY|YYYY-Qn|YYYY-MM --area CODE --out FILE\n"
		 "         [--format xlsx|csv] [--encoding gb18030|utf-8]\n"
		 "                               the figures for oversight of a period (a\n"
		 "                               year, a quarter, a month) and an area (code\n"
		 "                               or name) with the period before, as a sheet\n"
		 "                               for the office: an Excel workbook (xlsx, also\n"
		 "                               when FILE ends in .xlsx) or CSV (GB18030\n"
		 "                               unless utf-8 is asked); audited\n");
}

const char *admin_report_settlement_usage(void)
{
	return _("  report settlement --period YYYY|YYYY-Qn|YYYY-MM --area CODE --out FILE\n"
		 "         [--format xlsx|csv] [--encoding gb18030|utf-8]\n"
		 "                               the money reconciled for the period and the\n"
		 "                               area: settlements by provider against the\n"
		 "                               voucher ledger, the budgets, every difference\n"
		 "                               and the unusual patterns flagged, as the same\n"
		 "                               kinds of sheet; audited\n");
}

static int usage_error(const char *prog)
{
	out_printf(stderr,
		   _("%s: usage: report figures --period YYYY|YYYY-Qn|YYYY-MM --area CODE "
		     "--out FILE [--format xlsx|csv] [--encoding gb18030|utf-8]\n"),
		   prog);
	out_printf(stderr,
		   _("%s: usage: report settlement --period YYYY|YYYY-Qn|YYYY-MM --area CODE "
		     "--out FILE [--format xlsx|csv] [--encoding gb18030|utf-8]\n"),
		   prog);
	return 2;
}

bool admin_report_args_read(int argc, char **argv, const char *when_flag,
			    struct admin_report_args *a)
{
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return false;
		if (strcmp(argv[i], when_flag) == 0)
			a->when = argv[i + 1];
		else if (strcmp(argv[i], "--area") == 0)
			a->area = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			a->out = argv[i + 1];
		else if (strcmp(argv[i], "--encoding") == 0)
			a->encoding = argv[i + 1];
		else if (strcmp(argv[i], "--format") == 0)
			a->format = argv[i + 1];
		else
			return false;
	}
	return true;
}

/* xlsx when asked, or when the file's name ends in .xlsx; else csv */
static bool format_chosen(const char *format, const char *encoding, const char *out,
			  enum table_format *f)
{
	size_t len = strlen(out);
	bool xlsx = format ? strcmp(format, "xlsx") == 0
			   : len > 5 && strcasecmp(out + len - 5, ".xlsx") == 0;

	if (format && !xlsx && strcmp(format, "csv") != 0)
		return false;
	if (xlsx) {
		*f = TABLE_XLSX;
		return !encoding; /* a workbook has no encoding to choose */
	}
	enum encoding enc = ENCODING_GB18030;
	if (encoding && (!encoding_from_name(encoding, &enc) ||
			 (enc != ENCODING_GB18030 && enc != ENCODING_UTF8)))
		return false;
	*f = enc == ENCODING_UTF8 ? TABLE_CSV_UTF8 : TABLE_CSV;
	return true;
}

bool admin_report_format(const char *prog, const struct admin_report_args *a,
			 enum table_format *f)
{
	if (format_chosen(a->format, a->encoding, a->out, f))
		return true;
	out_printf(stderr,
		   _("%s: the sheet is an Excel workbook (--format xlsx) or CSV in gb18030 "
		     "or utf-8 (--format csv --encoding ...)\n"),
		   prog);
	return false;
}

const struct region *admin_area_find(struct db_conn *c, const char *prog, const char *typed,
				     struct region_list *regions, int *rc)
{
	struct db_error err = DB_ERROR_INIT;
	const struct region *area = NULL;

	*rc = 1;
	if (db_regions_load(c, regions, &err) != DB_OK)
		out_refused(prog, _("could not read the regions"), &err);
	else if (!(area = region_find(regions, typed))) {
		out_printf(stderr, _("%s: unknown region code \"%s\"\n"), prog, typed);
		*rc = 2;
	}
	db_error_release(&err);
	return area;
}

/* The money reconciled of the period in the area, to out; the exit status. */
static int report_settlement(struct db_conn *c, const char *prog, enum figure_period kind,
			     const char *first_day, const struct region *area,
			     const char *period_name, const char *out, enum table_format f,
			     struct settle_line **lines, int *n, struct db_error *err)
{
	if (db_settlement_admin(c, kind, first_day, area->code, lines, n, err) != DB_OK) {
		out_refused(prog, _("could not reconcile the money"), err);
		return 1;
	}
	if (!settle_sheet_save(out, f, *lines, *n, area->name, period_name)) {
		out_printf(stderr, _("%s: could not write %s: %s\n"), prog, out, strerror(errno));
		return 1;
	}
	int differences = 0;
	for (int i = 0; i < *n; i++)
		differences += (*lines)[i].section == SETTLE_DIFFERENCE;
	out_printf(stdout, _("money of %s, %s reconciled: %d lines, %d differences, written to %s\n"),
		   area->name, period_name, *n, differences, out);
	return 0;
}

int admin_report(struct db_conn *c, const char *prog, int argc, char **argv)
{
	enum figure_period kind;
	enum table_format f;
	char first_day[11];
	int rc = 1;

	if (argc >= 1 && strcmp(argv[0], "evaluation") == 0)
		return admin_report_evaluation(c, prog, argc, argv);
	if (argc < 1 || (strcmp(argv[0], "figures") != 0 && strcmp(argv[0], "settlement") != 0))
		return usage_error(prog);
	bool settlement = strcmp(argv[0], "settlement") == 0;
	struct admin_report_args a = { 0 };
	if (!admin_report_args_read(argc, argv, "--period", &a) || !a.when || !a.area || !a.out)
		return usage_error(prog);
	const char *period = a.when, *area_typed = a.area, *out = a.out;
	if (!figure_period_parse(period, &kind, first_day)) {
		out_printf(stderr, _("%s: \"%s\" is no period: write 2026, 2026-Q1 or 2026-03\n"),
			   prog, period);
		return 2;
	}
	if (!admin_report_format(prog, &a, &f))
		return 2;

	struct db_error err = DB_ERROR_INIT;
	struct region_list regions = { 0 };
	struct figure *v = NULL;
	struct settle_line *lines = NULL;
	int n = 0;
	struct sbuf name = SBUF_INIT;
	const struct region *area = NULL;

	area = admin_area_find(c, prog, area_typed, &regions, &rc);
	if (!area)
		goto done;
	rc = 1;
	figure_period_name(&name, kind, first_day);
	if (settlement) {
		rc = report_settlement(c, prog, kind, first_day, area, name.buf, out, f, &lines,
				       &n, &err);
		goto done;
	}
	if (db_figures_admin(c, kind, first_day, area->code, &v, &n, &err) != DB_OK) {
		out_refused(prog, _("could not count the figures"), &err);
		goto done;
	}
	if (!figure_sheet_save(out, f, v, n, area->name, name.buf)) {
		out_printf(stderr, _("%s: could not write %s: %s\n"), prog, out, strerror(errno));
		goto done;
	}
	out_printf(stdout, _("%d figures of %s, %s, written to %s\n"), n, area->name, name.buf,
		   out);
	rc = 0;
done:
	figures_free(&v, settlement ? 0 : n);
	settle_lines_free(&lines, n);
	sbuf_release(&name);
	region_list_release(&regions);
	db_error_release(&err);
	return rc;
}
