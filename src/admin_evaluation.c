/*
 * admin_evaluation: wanchuang-admin report evaluation --year YYYY
 * [--area CODE] --out FILE — the yearly evaluation of the operator
 * (年度运营绩效评价) of a year and an area (the province when none is
 * given) as the sheet the screens export: as issued, or the draft
 * counted now when not yet issued; the database audits the export.
 */
#include "config.h"
#include "admin_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_out.h"
#include "i18n.h"

const char *admin_report_evaluation_usage(void)
{
	return _("  report evaluation --year YYYY [--area CODE] --out FILE\n"
		 "         [--format xlsx|csv] [--encoding gb18030|utf-8]\n"
		 "                               the yearly evaluation of the operator of the\n"
		 "                               year and the area (the province unless one is\n"
		 "                               given): each indicator's value, target and\n"
		 "                               mark, the remarks and the conclusion, as\n"
		 "                               issued (or the draft counted now), as the\n"
		 "                               same kinds of sheet; audited\n");
}

static int usage_error(const char *prog)
{
	out_printf(stderr,
		   _("%s: usage: report evaluation --year YYYY [--area CODE] --out FILE "
		     "[--format xlsx|csv] [--encoding gb18030|utf-8]\n"),
		   prog);
	return 2;
}

/* A year as typed: four digits. */
static bool year_parse(const char *s, int *year)
{
	char *end;
	long y = strtol(s, &end, 10);

	if (end - s != 4 || *end || y < 2000 || y > 2999)
		return false;
	*year = (int)y;
	return true;
}

int admin_report_evaluation(struct db_conn *c, const char *prog, int argc, char **argv)
{
	struct admin_report_args a = { .area = "340000" }; /* the province unless asked */
	enum table_format f;
	int year, rc = 1;

	if (!admin_report_args_read(argc, argv, "--year", &a) || !a.when || !a.out)
		return usage_error(prog);
	if (!year_parse(a.when, &year)) {
		out_printf(stderr, _("%s: \"%s\" is no year: write it as 2026\n"), prog, a.when);
		return 2;
	}
	if (!admin_report_format(prog, &a, &f))
		return 2;

	struct db_error err = DB_ERROR_INIT;
	struct region_list regions = { 0 };
	struct evaluation e = { 0 };
	struct sbuf name = SBUF_INIT;
	const struct region *area = NULL;

	area = admin_area_find(c, prog, a.area, &regions, &rc);
	if (!area)
		goto done;
	rc = 1;
	evaluation_year_name(&name, year);
	if (db_evaluation_admin(c, year, area->code, &e, &err) != DB_OK) {
		out_refused(prog, _("could not read the evaluation"), &err);
		goto done;
	}
	if (!evaluation_sheet_save(a.out, f, &e, area->name, name.buf)) {
		out_printf(stderr, _("%s: could not write %s: %s\n"), prog, a.out, strerror(errno));
		goto done;
	}
	out_printf(stdout,
		   e.issued_at ? _("evaluation of %s, %s (issued), %d indicators, written to %s\n")
			       : _("evaluation of %s, %s (not issued), %d indicators, written to %s\n"),
		   area->name, name.buf, e.n, a.out);
	rc = 0;
done:
	evaluation_release(&e);
	sbuf_release(&name);
	region_list_release(&regions);
	db_error_release(&err);
	return rc;
}
