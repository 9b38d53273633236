/*
 * evaluation: the marks' words, a target as people read it, and the
 * evaluation's sheet read back from GB18030: a row per indicator with its
 * value and target plain (money in yuan), the measure and the mark, a
 * remark that a spreadsheet would run quoted, and the conclusion's row.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "suites.h"

START_TEST(marks_read_from_the_database)
{
	enum evaluation_mark m;
	ck_assert(evaluation_mark_parse("met", &m) && m == EVAL_MET);
	ck_assert(evaluation_mark_parse("missed", &m) && m == EVAL_MISSED);
	ck_assert(evaluation_mark_parse("no_target", &m) && m == EVAL_NO_TARGET);
	ck_assert(evaluation_mark_parse("no_value", &m) && m == EVAL_NO_VALUE);
	ck_assert(!evaluation_mark_parse("passed", &m));
	ck_assert(!evaluation_mark_parse(NULL, &m));
}
END_TEST

static char *target_shown(enum figure_unit u, const char *target, bool at_most)
{
	struct evaluation_line l = { .f = { .unit = u }, .target = (char *)target, .at_most = at_most };
	struct sbuf s = SBUF_INIT;
	evaluation_target_format(&s, &l);
	return sbuf_detach(&s);
}

START_TEST(targets_as_people_read_them)
{
	char *s = target_shown(FIGURE_PERCENT, "90", false);
	ck_assert_str_eq(s, "≥ 90.0%");
	free(s);
	s = target_shown(FIGURE_COUNT, "3", true);
	ck_assert_str_eq(s, "≤ 3");
	free(s);
	s = target_shown(FIGURE_COUNT, NULL, true);
	ck_assert_str_eq(s, "—");
	free(s);
}
END_TEST

START_TEST(sheet_reads_back_from_gb18030)
{
	struct evaluation_line lines[] = {
		{ .f = { .name = "按期办结率", .formula = "按期办结件数 ÷ 办结件数 × 100%",
			 .unit = FIGURE_PERCENT, .value = "85.5" },
		  .target = "90",
		  .mark = EVAL_MISSED,
		  .remark = "=HYPERLINK(1)" },
		{ .f = { .name = "创业券过期退回金额", .formula = "未使用余额之和",
			 .unit = FIGURE_FEN, .value = "123456" },
		  .target = "200000",
		  .at_most = true,
		  .mark = EVAL_MET,
		  .remark = "" },
		{ .f = { .name = "满意率", .formula = "满意件数 ÷ 已评价件数", .unit = FIGURE_PERCENT },
		  .mark = EVAL_NO_TARGET,
		  .remark = "" },
	};
	struct evaluation e = { .lines = lines, .n = 3, .conclusion = "总体达标" };
	char path[] = "/tmp/evaluation-sheet-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert(evaluation_sheet_save(path, TABLE_CSV, &e, "宁国市", "2026年"));

	struct csv_table *t = NULL;
	ck_assert(csv_read_file(path, ENCODING_GB18030, CSV_READ_SAME_WIDTH, &t));
	ck_assert_int_eq(t->nrows, 5);
	ck_assert_int_eq(t->rows[0].nfields, 10);
	const char *const *r = (const char *const *)t->rows[1].fields;
	ck_assert_str_eq(r[0], "宁国市");
	ck_assert_str_eq(r[1], "2026年");
	ck_assert_str_eq(r[2], "按期办结率");
	ck_assert_str_eq(r[3], "85.5");
	ck_assert_str_eq(r[4], "90.0");
	ck_assert_str_eq(r[5], "at least");
	ck_assert_str_eq(r[6], "missed");
	ck_assert_str_eq(r[8], "'=HYPERLINK(1)"); /* not run as a formula */
	r = (const char *const *)t->rows[2].fields;
	ck_assert_str_eq(r[3], "1234.56"); /* money in yuan */
	ck_assert_str_eq(r[4], "2000.00");
	ck_assert_str_eq(r[5], "at most");
	ck_assert_str_eq(r[6], "met");
	r = (const char *const *)t->rows[3].fields;
	ck_assert_str_eq(r[3], ""); /* a rate of nothing */
	ck_assert_str_eq(r[4], "");
	ck_assert_str_eq(r[5], "");
	ck_assert_str_eq(r[6], "no target");
	r = (const char *const *)t->rows[4].fields;
	ck_assert_str_eq(r[2], "Overall conclusion");
	ck_assert_str_eq(r[6], "not issued");
	ck_assert_str_eq(r[8], "总体达标");
	csv_table_free(&t);

	e.issued_at = "2026-12-31 10:00";
	e.issued_by = "许明";
	ck_assert(evaluation_sheet_save(path, TABLE_CSV, &e, "宁国市", "2026年"));
	ck_assert(csv_read_file(path, ENCODING_GB18030, CSV_READ_SAME_WIDTH, &t));
	ck_assert_str_eq(t->rows[4].fields[6], "issued by 许明 on 2026-12-31 10:00");
	csv_table_free(&t);
	unlink(path);
}
END_TEST

Suite *evaluation_suite(void)
{
	Suite *s = suite_create("evaluation");
	TCase *t = tcase_create("evaluation");

	tcase_add_test(t, marks_read_from_the_database);
	tcase_add_test(t, targets_as_people_read_them);
	tcase_add_test(t, sheet_reads_back_from_gb18030);
	suite_add_tcase(s, t);
	return s;
}
