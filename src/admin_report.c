/*
 * admin_report: the figures' sheet from the command line. The period is
 * typed as people write it on a schedule (2026, 2026-Q1, 2026-03); the
 * area by code or name (六安市, 341500). The file is written whole or not
 * at all, GB18030 unless asked otherwise (what Excel and WPS in Chinese
 * open by default).
 */
#include "config.h"
#include "admin_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_out.h"
#include "i18n.h"

const char *admin_report_usage(void)
{
	return _("\nReports:\n"
		 "  report figures --period YYYY|YYYY-Qn|YYYY-MM --area CODE --out FILE\n"
		 "         [--encoding gb18030|utf-8]\n"
		 "                               the figures for oversight of a period (a\n"
		 "                               year, a quarter, a month) and an area (code\n"
		 "                               or name) with the period before, as a sheet\n"
		 "                               for the office (GB18030 unless utf-8 is\n"
		 "                               asked); audited\n");
}

static int usage_error(const char *prog)
{
	out_printf(stderr,
		   _("%s: usage: report figures --period YYYY|YYYY-Qn|YYYY-MM --area CODE "
		     "--out FILE [--encoding gb18030|utf-8]\n"),
		   prog);
	return 2;
}

/* Writes the sheet to path: a temporary file renamed into place, so a
 * scheduled run never leaves half a file where the office looks. */
static bool sheet_to_file(const char *path, const struct figure *v, int n, const char *area,
			  const char *period, enum encoding enc)
{
	struct csv_errors errs = CSV_ERRORS_INIT;
	struct sbuf tmp = SBUF_INIT;
	bool ok;

	sbuf_addf(&tmp, "%s.part", path);
	FILE *fp = fopen(tmp.buf, "wb");
	ok = fp && figure_sheet_write(fp, v, n, area, period, enc, &errs);
	if (fp && fclose(fp) != 0)
		ok = false;
	if (ok && rename(tmp.buf, path) != 0)
		ok = false;
	if (!ok && fp) {
		int keep = errno;
		remove(tmp.buf);
		errno = keep;
	}
	csv_errors_release(&errs);
	sbuf_release(&tmp);
	return ok;
}

int admin_report(struct db_conn *c, const char *prog, int argc, char **argv)
{
	const char *period = NULL, *area_typed = NULL, *out = NULL, *encoding = "gb18030";
	enum figure_period kind;
	enum encoding enc;
	char first_day[11];
	int rc = 1;

	if (argc < 1 || strcmp(argv[0], "figures") != 0)
		return usage_error(prog);
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error(prog);
		if (strcmp(argv[i], "--period") == 0)
			period = argv[i + 1];
		else if (strcmp(argv[i], "--area") == 0)
			area_typed = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[i + 1];
		else if (strcmp(argv[i], "--encoding") == 0)
			encoding = argv[i + 1];
		else
			return usage_error(prog);
	}
	if (!period || !area_typed || !out)
		return usage_error(prog);
	if (!figure_period_parse(period, &kind, first_day)) {
		out_printf(stderr, _("%s: \"%s\" is no period: write 2026, 2026-Q1 or 2026-03\n"),
			   prog, period);
		return 2;
	}
	if (!encoding_from_name(encoding, &enc) ||
	    (enc != ENCODING_GB18030 && enc != ENCODING_UTF8)) {
		out_printf(stderr, _("%s: the sheet is written in gb18030 or utf-8\n"), prog);
		return 2;
	}

	struct db_error err = DB_ERROR_INIT;
	struct region_list regions = { 0 };
	struct figure *v = NULL;
	int n = 0;
	struct sbuf name = SBUF_INIT;
	const struct region *area = NULL;

	if (db_regions_load(c, &regions, &err) != DB_OK) {
		out_refused(prog, _("could not read the regions"), &err);
		goto done;
	}
	area = region_find(&regions, area_typed);
	if (!area) {
		out_printf(stderr, _("%s: unknown region code \"%s\"\n"), prog, area_typed);
		rc = 2;
		goto done;
	}
	if (db_figures_admin(c, kind, first_day, area->code, &v, &n, &err) != DB_OK) {
		out_refused(prog, _("could not count the figures"), &err);
		goto done;
	}
	figure_period_name(&name, kind, first_day);
	if (!sheet_to_file(out, v, n, area->name, name.buf, enc)) {
		out_printf(stderr, _("%s: could not write %s: %s\n"), prog, out, strerror(errno));
		goto done;
	}
	out_printf(stdout, _("%d figures of %s, %s, written to %s\n"), n, area->name, name.buf,
		   out);
	rc = 0;
done:
	figures_free(&v, n);
	sbuf_release(&name);
	region_list_release(&regions);
	db_error_release(&err);
	return rc;
}
