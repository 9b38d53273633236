/*
 * figure: values in their units, the change and its direction, periods
 * typed and named, and the office sheet read back from GB18030.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "suites.h"

static char *shown(enum figure_unit u, const char *value)
{
	struct sbuf s = SBUF_INIT;
	figure_format(&s, u, value);
	return sbuf_detach(&s);
}

START_TEST(values_in_their_units)
{
	int64_t h = 0;
	ck_assert(figure_hundredths("12", &h) && h == 1200);
	ck_assert(figure_hundredths("-3.5", &h) && h == -350);
	ck_assert(figure_hundredths("0.25", &h) && h == 25);
	ck_assert(!figure_hundredths("0.125", &h));
	ck_assert(!figure_hundredths("", &h));
	ck_assert(!figure_hundredths("1e3", &h));
	ck_assert(!figure_hundredths(NULL, &h));

	const struct {
		enum figure_unit u;
		const char *value, *want;
	} cases[] = {
		{ FIGURE_COUNT, "42", "42" },	       { FIGURE_FEN, "123456", "1234.56yuan" },
		{ FIGURE_FEN, "200000", "2000yuan" },  { FIGURE_PERCENT, "33.3", "33.3%" },
		{ FIGURE_PERCENT, "100.0", "100.0%" }, { FIGURE_WORKDAYS, "7.3", "7.3" },
		{ FIGURE_STARS, "3.50", "3.50" },      { FIGURE_PERCENT, NULL, "—" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = shown(cases[i].u, cases[i].value);
		ck_assert_str_eq(got, cases[i].want);
		free(got);
	}
}
END_TEST

START_TEST(change_and_its_direction)
{
	struct figure f = { .unit = FIGURE_PERCENT, .better = FIGURE_UP };
	struct sbuf s = SBUF_INIT;

	f.value = "50.0";
	f.previous = "33.3";
	ck_assert_int_eq(figure_change(&s, &f), 1);
	ck_assert_str_eq(s.buf, "+16.7");
	sbuf_release(&s);
	f.better = FIGURE_DOWN;
	ck_assert_int_eq(figure_change(&s, &f), -1);
	sbuf_release(&s);
	f.better = FIGURE_NEITHER;
	ck_assert_int_eq(figure_change(&s, &f), 0);
	sbuf_release(&s);
	f.unit = FIGURE_FEN;
	f.value = "10000";
	f.previous = "25050";
	f.better = FIGURE_UP;
	ck_assert_int_eq(figure_change(&s, &f), -1);
	ck_assert_str_eq(s.buf, "-150.50yuan");
	sbuf_release(&s);
	f.previous = NULL;
	ck_assert_int_eq(figure_change(&s, &f), 0);
	ck_assert_str_eq(s.buf, "—");
	sbuf_release(&s);
	f.unit = FIGURE_COUNT;
	f.value = f.previous = "3";
	ck_assert_int_eq(figure_change(&s, &f), 0);
	ck_assert_str_eq(s.buf, "+0");
	sbuf_release(&s);
}
END_TEST

START_TEST(periods_typed_stepped_and_named)
{
	enum figure_period k;
	char day[11];
	struct sbuf s = SBUF_INIT;

	ck_assert(figure_period_parse("2026-03", &k, day) && k == FIGURE_MONTH);
	ck_assert_str_eq(day, "2026-03-01");
	ck_assert(figure_period_parse("2026-Q2", &k, day) && k == FIGURE_QUARTER);
	ck_assert_str_eq(day, "2026-04-01");
	ck_assert(figure_period_parse("2026-q4", &k, day) && k == FIGURE_QUARTER);
	ck_assert_str_eq(day, "2026-10-01");
	ck_assert(figure_period_parse("2026", &k, day) && k == FIGURE_YEAR);
	ck_assert_str_eq(day, "2026-01-01");
	const char *bad[] = { "",	    "26",   "2026-13", "2026-00", "2026-Q5", "2026-3",
			      "2026-03-01", "x026", "2026 ",   "2026-Q",  NULL };
	for (int i = 0; bad[i]; i++)
		ck_assert_msg(!figure_period_parse(bad[i], &k, day), "%s taken", bad[i]);

	strcpy(day, "2026-01-01");
	figure_period_step(FIGURE_MONTH, day, -1);
	ck_assert_str_eq(day, "2025-12-01");
	figure_period_step(FIGURE_QUARTER, day, 1);
	ck_assert_str_eq(day, "2026-03-01");
	figure_period_step(FIGURE_YEAR, day, -2);
	ck_assert_str_eq(day, "2024-03-01");
	ck_assert_str_eq(figure_period_word(FIGURE_QUARTER), "quarter");
	strcpy(day, "2026-11-01");
	figure_period_align(FIGURE_QUARTER, day);
	ck_assert_str_eq(day, "2026-10-01");
	figure_period_align(FIGURE_YEAR, day);
	ck_assert_str_eq(day, "2026-01-01");

	figure_period_name(&s, FIGURE_QUARTER, "2026-07-01");
	ck_assert_str_eq(s.buf, "2026 Q3");
	sbuf_release(&s);
}
END_TEST

START_TEST(sheet_reads_back_from_gb18030)
{
	struct figure v[] = {
		{ .name = "按期办结率",
		  .formula = "按期办结件数 ÷ 办结件数 × 100%",
		  .unit = FIGURE_PERCENT,
		  .value = "33.3",
		  .previous = "50.0" },
		{ .name = "创业券核销金额",
		  .formula = "=SUM(A1)",
		  .unit = FIGURE_FEN,
		  .value = "3700000",
		  .previous = NULL },
	};
	char path[] = "/tmp/figure-sheet-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *fp = fdopen(fd, "w");
	struct csv_errors errs = CSV_ERRORS_INIT;
	ck_assert(figure_sheet_write(fp, v, 2, "六安市", "2026年3月", ENCODING_GB18030, &errs));
	fclose(fp);

	struct csv_table *t = NULL;
	ck_assert(csv_read_file(path, ENCODING_GB18030, CSV_READ_SAME_WIDTH, &t));
	ck_assert_int_eq(t->nrows, 3);
	ck_assert_str_eq(t->rows[1].fields[0], "六安市");
	ck_assert_str_eq(t->rows[1].fields[2], "按期办结率");
	ck_assert_str_eq(t->rows[1].fields[3], "33.3");
	ck_assert_str_eq(t->rows[1].fields[5], "-16.7");
	ck_assert_str_eq(t->rows[2].fields[3], "37000.00");
	ck_assert_str_eq(t->rows[2].fields[4], "");
	/* a text a spreadsheet would run as a formula is quoted */
	ck_assert_str_eq(t->rows[2].fields[7], "'=SUM(A1)");
	csv_table_free(&t);
	csv_errors_release(&errs);
	unlink(path);
}
END_TEST

START_TEST(workbook_number_cells_only_for_plain_decimals)
{
	ck_assert_int_eq(xlsx_decimals("12"), 0);
	ck_assert_int_eq(xlsx_decimals("-16.7"), 1);
	ck_assert_int_eq(xlsx_decimals("+0.25"), 2);
	/* texts that only look like numbers stay text */
	ck_assert_int_eq(xlsx_decimals(""), -1);
	ck_assert_int_eq(xlsx_decimals("-"), -1);
	ck_assert_int_eq(xlsx_decimals("12."), -1);
	ck_assert_int_eq(xlsx_decimals(".5"), -1);
	ck_assert_int_eq(xlsx_decimals("1e5"), -1);
	ck_assert_int_eq(xlsx_decimals("33.3%"), -1);
	ck_assert_int_eq(xlsx_decimals("=1+2"), -1);
	/* an ID number would lose its last digits as a number */
	ck_assert_int_eq(xlsx_decimals("340104199003071234"), -1);
}
END_TEST

/* whole or not at all: a workbook is renamed into place, a failed one
 * leaves nothing behind */
START_TEST(sheet_saved_whole_or_not_at_all)
{
	struct figure v[] = {
		{ .name = "新登记人数", .formula = "登记人数", .unit = FIGURE_COUNT, .value = "3" },
	};
	char dir[] = "/tmp/figure-book-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256], part[300];
	snprintf(path, sizeof(path), "%s/统计指标.xlsx", dir);
	snprintf(part, sizeof(part), "%s.part", path);
	ck_assert(figure_sheet_save(path, TABLE_XLSX, v, 1, "全省", "2026年3月"));
	ck_assert_int_eq(access(part, F_OK), -1);
	FILE *fp = fopen(path, "rb");
	char magic[2] = { 0 };
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fread(magic, 1, 2, fp), 2);
	fclose(fp);
	ck_assert(magic[0] == 'P' && magic[1] == 'K'); /* a zip, as a workbook is */
	unlink(path);

	snprintf(path, sizeof(path), "%s/none/统计指标.xlsx", dir);
	errno = 0;
	ck_assert(!figure_sheet_save(path, TABLE_XLSX, v, 1, "全省", "2026年3月"));
	ck_assert_int_ne(errno, 0);
	snprintf(path, sizeof(path), "%s/none/统计指标.csv", dir);
	ck_assert(!figure_sheet_save(path, TABLE_CSV, v, 1, "全省", "2026年3月"));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(rmdir(dir), 0); /* nothing was left in it */
}
END_TEST

START_TEST(bars_in_eighths_or_ascii)
{
	struct sbuf s = SBUF_INIT;

	figure_bar(&s, 1, 2, 4, false);
	ck_assert_str_eq(s.buf, "██");
	sbuf_release(&s);
	figure_bar(&s, 3, 16, 4, false); /* 6 eighths of 32 */
	ck_assert_str_eq(s.buf, "▊");
	sbuf_release(&s);
	figure_bar(&s, 13, 16, 2, false); /* 13 eighths: one cell and 5 eighths */
	ck_assert_str_eq(s.buf, "█▋");
	sbuf_release(&s);
	figure_bar(&s, 5, 5, 3, false);
	ck_assert_str_eq(s.buf, "███");
	sbuf_release(&s);
	figure_bar(&s, 3, 4, 4, true);
	ck_assert_str_eq(s.buf, "###");
	sbuf_release(&s);
	/* nothing to scale by, or nothing to show: no bar; never past cols */
	figure_bar(&s, 0, 0, 4, false);
	ck_assert_str_eq(s.buf, "");
	figure_bar(&s, -3, 4, 4, false);
	ck_assert_str_eq(s.buf, "");
	figure_bar(&s, 9, 4, 4, true);
	ck_assert_str_eq(s.buf, "####");
	sbuf_release(&s);
}
END_TEST

Suite *figure_suite(void)
{
	Suite *s = suite_create("figure");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, values_in_their_units);
	tcase_add_test(tc, change_and_its_direction);
	tcase_add_test(tc, periods_typed_stepped_and_named);
	tcase_add_test(tc, sheet_reads_back_from_gb18030);
	tcase_add_test(tc, bars_in_eighths_or_ascii);
	tcase_add_test(tc, workbook_number_cells_only_for_plain_decimals);
	tcase_add_test(tc, sheet_saved_whole_or_not_at_all);
	suite_add_tcase(s, tc);
	return s;
}
