/* xls_read: the first sheet of an old workbook as the CSV reader's table, as xls_read.h promises. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "rows_check.h"
#include "suites.h"

/* tests/unit/data/make_roster_xls.py writes it */
#define ROSTER TOP_SRCDIR "/tests/unit/data/roster.xls"
#define ID "340123199001011234"

START_TEST(test_first_sheet)
{
	struct csv_table *t;
	int errnum;

	ck_assert_int_eq(xls_read_file(ROSTER, NULL, &t, &errnum), XLS_READ_OK);
	ck_assert(t->complete);
	ck_assert_uint_eq(t->errors.n, 0);
	ck_assert_int_eq(t->encoding, ENCODING_UTF8);
	ck_assert_uint_eq(t->nrows, 5);
	check_row(t, 0, 1, FIELDS("2024年创业人员花名册"));
	check_row(t, 1, 2, FIELDS("姓名", "身份证号码", "出生日期", "人数"));
	check_row(t, 2, 3, FIELDS("张三", ID, "2024-01-01", "3"));
	/* the ID number stored as a number: as a spreadsheet shows it, which sheet.c explains */
	check_row(t, 3, 5, FIELDS("李四", "3.40123199001011E+17", "", "2.5"));
	/* a mobile number stored as a number keeps its digits */
	check_row(t, 4, 6, FIELDS("13300001212", "13300001212"));
	csv_table_free(&t);
}
END_TEST

static char *temp_with(const void *data, size_t len)
{
	char *path = strdup("/tmp/wc-xls-read-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static enum xls_read_reason read_fails(const char *path, const struct xlsx_read_limits *lim)
{
	struct csv_table *t = (struct csv_table *)1;
	int errnum;
	enum xls_read_reason rc = xls_read_file(path, lim, &t, &errnum);
	ck_assert_ptr_null(t);
	ck_assert_str_ne(xls_read_msgid(rc), "");
	return rc;
}

START_TEST(test_not_a_workbook)
{
	/* an OLE2 header and nothing a workbook needs after it */
	static const unsigned char ole2[512] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	char *path = temp_with(ole2, sizeof(ole2));
	struct csv_table *t;
	int errnum;

	ck_assert_int_eq(read_fails(path, NULL), XLS_READ_DAMAGED);
	ck_assert_int_eq(xls_read_file("/nonexistent/roster.xls", NULL, &t, &errnum),
			 XLS_READ_OPEN);
	ck_assert_int_eq(errnum, ENOENT);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_cut_short)
{
	FILE *f = fopen(ROSTER, "rb");
	char buf[8192];
	size_t n;
	char *path;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	/* the second half, where the sheet's records are, is gone */
	path = temp_with(buf, n / 2);
	ck_assert_int_eq(read_fails(path, NULL), XLS_READ_DAMAGED);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_limits)
{
	struct xlsx_read_limits cells = { 200u * 1024 * 1024, 10 }, bytes = { 1024, 1000000 };

	/* 6 rows × 4 columns */
	ck_assert_int_eq(read_fails(ROSTER, &cells), XLS_READ_TOO_MANY_CELLS);
	ck_assert_int_eq(read_fails(ROSTER, &bytes), XLS_READ_TOO_BIG);
}
END_TEST

Suite *xls_read_suite(void)
{
	Suite *s = suite_create("xls_read");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_first_sheet);
	tcase_add_test(tc, test_not_a_workbook);
	tcase_add_test(tc, test_cut_short);
	tcase_add_test(tc, test_limits);
	suite_add_tcase(s, tc);
	return s;
}
