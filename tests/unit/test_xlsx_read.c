/* xlsx_read: the first sheet of a workbook as the CSV reader's table, as xlsx_read.h promises. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/core.h"
#include "rows_check.h"
#include "suites.h"

#define DATA TOP_SRCDIR "/tests/unit/data/"
#define ID "340123199001011234"

static char *temp_path(void)
{
	char *path = strdup("/tmp/wc-xlsx-read-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	return path;
}

/* A roster as an office saves it: a title above the header, an ID number
 * as text and one as a number, a date, a skipped cell and a skipped row,
 * and a second sheet that is not the roster. */
static char *roster_write(void)
{
	char *path = temp_path();
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "花名册");
	lxw_worksheet *notes = workbook_add_worksheet(wb, "填表说明");
	lxw_format *day = workbook_add_format(wb);
	lxw_datetime d = { 2024, 1, 1, 0, 0, 0 };

	format_set_num_format(day, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "2024年创业人员花名册", NULL);
	worksheet_write_string(ws, 1, 0, "姓名", NULL);
	worksheet_write_string(ws, 1, 1, "身份证号码", NULL);
	worksheet_write_string(ws, 1, 2, "出生日期", NULL);
	worksheet_write_string(ws, 1, 3, "人数", NULL);
	worksheet_write_string(ws, 2, 0, "张三", NULL);
	worksheet_write_string(ws, 2, 1, ID, NULL);
	worksheet_write_datetime(ws, 2, 2, &d, day);
	worksheet_write_number(ws, 2, 3, 3, NULL);
	worksheet_write_string(ws, 4, 0, "李四", NULL);
	worksheet_write_number(ws, 4, 1, 340123199001011234.0, NULL);
	worksheet_write_number(ws, 4, 3, 2.5, NULL);
	worksheet_write_string(notes, 0, 0, "请勿读取", NULL);
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

static struct csv_table *read_ok(const char *path)
{
	struct csv_table *t;
	int errnum;
	ck_assert_int_eq(xlsx_read_file(path, NULL, &t, &errnum), XLSX_READ_OK);
	ck_assert_ptr_nonnull(t);
	ck_assert(t->complete);
	ck_assert_uint_eq(t->errors.n, 0);
	return t;
}

START_TEST(test_first_sheet)
{
	char *path = roster_write();
	struct csv_table *t = read_ok(path);

	ck_assert_uint_eq(t->nrows, 4);
	check_row(t, 0, 1, FIELDS("2024年创业人员花名册"));
	check_row(t, 1, 2, FIELDS("姓名", "身份证号码", "出生日期", "人数"));
	check_row(t, 2, 3, FIELDS("张三", ID, "45292", "3"));
	/* the number as the sheet keeps it: digits lost, which sheet.c explains */
	ck_assert_uint_eq(t->rows[3].line, 5);
	ck_assert_uint_eq(t->rows[3].nfields, 4);
	ck_assert_str_eq(t->rows[3].fields[0], "李四");
	ck_assert_ptr_nonnull(strstr(t->rows[3].fields[1], "E+17"));
	ck_assert_str_eq(t->rows[3].fields[2], "");
	ck_assert_str_eq(t->rows[3].fields[3], "2.5");
	csv_table_free(&t);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_rich_text)
{
	struct csv_table *t = read_ok(DATA "rich.xlsx");

	ck_assert_uint_eq(t->nrows, 3);
	check_row(t, 0, 2, FIELDS("姓名", "", "身份证号码"));
	check_row(t, 1, 5, FIELDS("张三 ", "TRUE", ID, "2", "A&B<C>\r行"));
	check_row(t, 2, 6, FIELDS("xy", "", "45292"));
	csv_table_free(&t);
}
END_TEST

static enum xlsx_read_reason read_fails(const char *path, const struct xlsx_read_limits *lim)
{
	struct csv_table *t = (struct csv_table *)1;
	int errnum;
	enum xlsx_read_reason rc = xlsx_read_file(path, lim, &t, &errnum);
	ck_assert_ptr_null(t);
	ck_assert_str_ne(xlsx_read_msgid(rc), "");
	return rc;
}

static void file_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static char *file_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	ck_assert_ptr_nonnull(f);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

START_TEST(test_not_a_workbook)
{
	char *path = temp_path();
	static const unsigned char xls[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	static const char csv[] = "姓名,身份证号码\n张三," ID "\n";
	int errnum;
	struct csv_table *t;

	ck_assert(xlsx_read_is_ole2(xls, sizeof(xls)));
	ck_assert(!xlsx_read_is_zip(xls, sizeof(xls)));
	file_write(path, xls, sizeof(xls));
	ck_assert_int_eq(read_fails(path, NULL), XLSX_READ_NOT_ZIP);
	file_write(path, csv, strlen(csv));
	ck_assert_int_eq(read_fails(path, NULL), XLSX_READ_NOT_ZIP);
	ck_assert_int_eq(read_fails(DATA "notbook.xlsx", NULL), XLSX_READ_NOT_WORKBOOK);
	ck_assert_int_eq(xlsx_read_file("/nonexistent/roster.xlsx", NULL, &t, &errnum),
			 XLSX_READ_OPEN);
	ck_assert_int_eq(errnum, ENOENT);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_corrupt)
{
	char *path = roster_write();
	size_t len;
	char *data = file_slurp(path, &len);

	ck_assert(xlsx_read_is_zip((unsigned char *)data, len));
	/* cut short: the directory at the end is gone */
	file_write(path, data, len / 2);
	ck_assert_int_eq(read_fails(path, NULL), XLSX_READ_NOT_ZIP);
	/* the parts' packed bytes overwritten: the directory is whole, the parts are not */
	for (size_t i = 100; i < len / 2; i++)
		data[i] = (char)(data[i] ^ 0x5A);
	file_write(path, data, len);
	ck_assert_int_ne(read_fails(path, NULL), XLSX_READ_OK);
	free(data);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_limits)
{
	char *path = roster_write();
	const struct xlsx_read_limits few_cells = { 200u * 1024 * 1024, 10 };
	const struct xlsx_read_limits few_bytes = { 2000, 1000000 };

	ck_assert_int_eq(read_fails(path, &few_cells), XLSX_READ_TOO_MANY_CELLS);
	ck_assert_int_eq(read_fails(path, &few_bytes), XLSX_READ_TOO_BIG);
	unlink(path);
	free(path);
}
END_TEST

Suite *xlsx_read_suite(void)
{
	Suite *s = suite_create("xlsx_read");
	TCase *tc;

	tc = tcase_create("first_sheet");
	tcase_add_test(tc, test_first_sheet);
	suite_add_tcase(s, tc);
	tc = tcase_create("rich_text");
	tcase_add_test(tc, test_rich_text);
	suite_add_tcase(s, tc);
	tc = tcase_create("refused");
	tcase_add_test(tc, test_not_a_workbook);
	tcase_add_test(tc, test_corrupt);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_test(tc, test_limits);
	suite_add_tcase(s, tc);
	return s;
}
