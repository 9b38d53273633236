/* csv: reading, encodings, errors and writing, as csv.h promises. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "rows_check.h"
#include "suites.h"

#define BOM "\xEF\xBB\xBF"
#define JI "\xF0\xA0\xAE\xB7" /* 𠮷 U+20BB7 in UTF-8 */
#define JI_GB "\x95\x34\xB2\x35" /* 𠮷 in GB18030 (95 32 82 36 is U+20000 𠀀) */
#define ZHANGSAN_GBK "\xD5\xC5\xC8\xFD" /* 张三 in GBK */

static void check_error(const struct csv_table *t, size_t i, enum csv_reason reason, size_t line)
{
	ck_assert_uint_lt(i, t->errors.n);
	ck_assert_int_eq(t->errors.v[i].reason, reason);
	ck_assert_uint_eq(t->errors.v[i].line, line);
}

/* Read a string that must read without any error. */
static struct csv_table *read_ok(const char *data, size_t len, enum encoding enc, int flags)
{
	struct csv_table *t = NULL;

	ck_assert(csv_read(data, len, enc, flags, &t));
	ck_assert_ptr_nonnull(t);
	ck_assert(t->complete);
	ck_assert_uint_eq(t->errors.n, 0);
	return t;
}

static struct csv_table *read_s(const char *s)
{
	return read_ok(s, strlen(s), ENCODING_AUTO, 0);
}

/* Read a string that must give errors; the caller checks them. */
static struct csv_table *read_bad(const char *data, size_t len, enum encoding enc, int flags)
{
	struct csv_table *t = NULL;

	ck_assert(!csv_read(data, len, enc, flags, &t));
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_gt(t->errors.n, 0);
	return t;
}

/* utf8 in GB18030, made by iconv itself. Caller frees. */
static char *to_gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t inleft = strlen(utf8), outleft = inleft * 2 + 1;
	char *in = (char *)utf8, *buf = malloc(outleft), *out = buf;

	ck_assert(cd != (iconv_t)-1);
	ck_assert_uint_ne(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(out - buf);
	return buf;
}

static bool contains(const char *hay, size_t len, const char *needle)
{
	return memmem(hay, len, needle, strlen(needle)) != NULL;
}

/* Two tables hold the same rows, field by field. */
static void check_same_rows(const struct csv_table *t, const struct csv_row *rows, size_t n)
{
	ck_assert_uint_eq(t->nrows, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(t->rows[i].nfields, rows[i].nfields);
		for (size_t j = 0; j < rows[i].nfields; j++)
			ck_assert_str_eq(t->rows[i].fields[j], rows[i].fields[j]);
	}
}

/* --- rows ------------------------------------------------------------ */

START_TEST(simple_rows)
{
	struct csv_table *t = read_s("id,name,county\n1,li,jinzhai\n2,wang,nanling\n");

	ck_assert_uint_eq(t->nrows, 3);
	check_row(t, 0, 1, FIELDS("id", "name", "county"));
	check_row(t, 1, 2, FIELDS("1", "li", "jinzhai"));
	check_row(t, 2, 3, FIELDS("2", "wang", "nanling"));
	ck_assert_int_eq(t->encoding, ENCODING_UTF8);
	csv_table_free(&t);
	ck_assert_ptr_null(t);
	csv_table_free(&t);
	csv_table_free(NULL);
}
END_TEST

START_TEST(last_row_without_newline)
{
	struct csv_table *t = read_s("a,b\r\n1,2");

	ck_assert_uint_eq(t->nrows, 2);
	check_row(t, 1, 2, FIELDS("1", "2"));
	csv_table_free(&t);
	t = read_s("x");
	ck_assert_uint_eq(t->nrows, 1);
	check_row(t, 0, 1, FIELDS("x"));
	csv_table_free(&t);
	t = read_s("\"q\"");
	check_row(t, 0, 1, FIELDS("q"));
	csv_table_free(&t);
}
END_TEST

START_TEST(empty_fields)
{
	struct csv_table *t = read_s(",a,,\n\"\"\n,\r\na,\"\"");

	ck_assert_uint_eq(t->nrows, 4);
	check_row(t, 0, 1, FIELDS("", "a", "", ""));
	check_row(t, 1, 2, FIELDS(""));
	check_row(t, 2, 3, FIELDS("", ""));
	check_row(t, 3, 4, FIELDS("a", ""));
	csv_table_free(&t);
}
END_TEST

START_TEST(blank_lines_are_skipped_and_counted)
{
	struct csv_table *t = read_s("\n\r\na,b\n\n\r\nc,d\n \n\n");

	ck_assert_uint_eq(t->nrows, 3);
	check_row(t, 0, 3, FIELDS("a", "b"));
	check_row(t, 1, 6, FIELDS("c", "d"));
	check_row(t, 2, 7, FIELDS(" ")); /* a space is not an empty line */
	csv_table_free(&t);
	t = read_ok(NULL, 0, ENCODING_AUTO, 0);
	ck_assert_uint_eq(t->nrows, 0);
	ck_assert_ptr_null(t->rows);
	csv_table_free(&t);
	t = read_s(BOM);
	ck_assert_uint_eq(t->nrows, 0);
	csv_table_free(&t);
}
END_TEST

/* --- quotes ---------------------------------------------------------- */

START_TEST(quoted_commas_and_doubled_quotes)
{
	struct csv_table *t =
		read_s("\"a,b\",\"say \"\"hi\"\"\",\"\",x\n\"\"\"\"\n\"合肥,安徽\"\n");

	ck_assert_uint_eq(t->nrows, 3);
	check_row(t, 0, 1, FIELDS("a,b", "say \"hi\"", "", "x"));
	check_row(t, 1, 2, FIELDS("\""));
	check_row(t, 2, 3, FIELDS("合肥,安徽"));
	csv_table_free(&t);
}
END_TEST

START_TEST(newlines_inside_quotes_count_lines)
{
	struct csv_table *t = read_s("\"x\ny\",1\r\n"
				     "\"p\r\nq\",2\r\n"
				     "last,3\r\n"
				     "\"\n\n\",4\n"
				     "z,5");

	ck_assert_uint_eq(t->nrows, 5);
	check_row(t, 0, 1, FIELDS("x\ny", "1"));
	check_row(t, 1, 3, FIELDS("p\r\nq", "2"));
	check_row(t, 2, 5, FIELDS("last", "3"));
	check_row(t, 3, 6, FIELDS("\n\n", "4"));
	check_row(t, 4, 9, FIELDS("z", "5"));
	csv_table_free(&t);
}
END_TEST

/* --- encodings ------------------------------------------------------- */

START_TEST(utf8_with_bom)
{
	static const char data[] = BOM "姓名,年龄\r\n张三,30\r\n";
	struct csv_table *t = read_ok(data, sizeof(data) - 1, ENCODING_AUTO, 0);

	ck_assert_int_eq(t->encoding, ENCODING_UTF8);
	ck_assert_uint_eq(t->nrows, 2);
	check_row(t, 0, 1, FIELDS("姓名", "年龄")); /* no BOM in the first field */
	check_row(t, 1, 2, FIELDS("张三", "30"));
	csv_table_free(&t);
	t = read_ok(data, sizeof(data) - 1, ENCODING_UTF8, 0);
	check_row(t, 0, 1, FIELDS("姓名", "年龄"));
	csv_table_free(&t);
}
END_TEST

START_TEST(utf8_without_bom)
{
	struct csv_table *t = read_s("姓名,地址\n吉" JI ",安徽省合肥市\n");

	ck_assert_int_eq(t->encoding, ENCODING_UTF8);
	check_row(t, 1, 2, FIELDS("吉" JI, "安徽省合肥市"));
	csv_table_free(&t);
}
END_TEST

START_TEST(gb18030_from_iconv)
{
	static const char utf8[] = "姓名,备注\r\n"
				   "吉" JI ",\"安徽,合肥\"\r\n"
				   "张三,\"第一行\n第二行\"\r\n"
				   "李四,\r\n";
	const enum encoding named[] = { ENCODING_AUTO, ENCODING_GB18030, ENCODING_GBK };
	size_t len;
	char *gb = to_gb18030(utf8, &len);

	ck_assert(contains(gb, len, JI_GB));
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		struct csv_table *t = read_ok(gb, len, named[i], 0);

		ck_assert_int_eq(t->encoding, i == 0 ? ENCODING_GB18030 : named[i]);
		ck_assert_uint_eq(t->nrows, 4);
		check_row(t, 0, 1, FIELDS("姓名", "备注"));
		check_row(t, 1, 2, FIELDS("吉" JI, "安徽,合肥"));
		check_row(t, 2, 3, FIELDS("张三", "第一行\n第二行"));
		check_row(t, 3, 5, FIELDS("李四", ""));
		csv_table_free(&t);
	}
	free(gb);
}
END_TEST

START_TEST(gbk_bytes_detected_as_gb18030)
{
	static const char gbk[] = ZHANGSAN_GBK ",30\n" JI_GB ",1\n";
	static const char gb_bom[] = "\x84\x31\x95\x33" ZHANGSAN_GBK "\n";
	struct csv_table *t = read_ok(gbk, sizeof(gbk) - 1, ENCODING_AUTO, 0);

	ck_assert_int_eq(t->encoding, ENCODING_GB18030);
	check_row(t, 0, 1, FIELDS("张三", "30"));
	check_row(t, 1, 2, FIELDS(JI, "1"));
	csv_table_free(&t);
	/* A GB18030 byte order mark is dropped like the UTF-8 one. */
	t = read_ok(gb_bom, sizeof(gb_bom) - 1, ENCODING_GB18030, 0);
	check_row(t, 0, 1, FIELDS("张三"));
	csv_table_free(&t);
}
END_TEST

/* --- errors ---------------------------------------------------------- */

START_TEST(invalid_gb18030_names_its_line)
{
	static const char data[] = "id,name\r\n1," ZHANGSAN_GBK "\r\n2,bad\x81\r\n3,ok\r\n";
	static const char cut[] = "a\nb\nc\x81";
	const enum encoding named[] = { ENCODING_AUTO, ENCODING_GB18030, ENCODING_GBK };

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		struct csv_table *t = read_bad(data, sizeof(data) - 1, named[i], 0);

		ck_assert(!t->complete);
		ck_assert_uint_eq(t->nrows, 0);
		ck_assert_uint_eq(t->errors.n, 1);
		check_error(t, 0, CSV_ERR_ENCODING, 3);
		csv_table_free(&t);
	}
	struct csv_table *t = read_bad(cut, sizeof(cut) - 1, ENCODING_GB18030, 0);
	check_error(t, 0, CSV_ERR_ENCODING, 3);
	csv_table_free(&t);
}
END_TEST

START_TEST(invalid_utf8_names_its_line)
{
	static const char data[] = "ok\n张三\n\xFF\xFE\n";
	static const char bom[] = BOM "a\nb\xC3\n";
	struct csv_table *t = read_bad(data, sizeof(data) - 1, ENCODING_UTF8, 0);

	ck_assert(!t->complete);
	ck_assert_uint_eq(t->nrows, 0);
	check_error(t, 0, CSV_ERR_ENCODING, 3);
	csv_table_free(&t);
	/* GBK bytes read as UTF-8 because the caller said so. */
	t = read_bad("x\n" ZHANGSAN_GBK "\n", 7, ENCODING_UTF8, 0);
	check_error(t, 0, CSV_ERR_ENCODING, 2);
	csv_table_free(&t);
	/* A BOM says UTF-8, so bad UTF-8 after it is an error, not GB18030. */
	t = read_bad(bom, sizeof(bom) - 1, ENCODING_AUTO, 0);
	ck_assert_int_eq(t->encoding, ENCODING_UTF8);
	check_error(t, 0, CSV_ERR_ENCODING, 2);
	csv_table_free(&t);
}
END_TEST

START_TEST(unclosed_quote_stops_at_its_line)
{
	static const char data[] = "a,b\nx\"y,1\n\"never\nclosed,2\n3,4\n";
	struct csv_table *t = read_bad(data, sizeof(data) - 1, ENCODING_AUTO, 0);

	ck_assert(!t->complete);
	ck_assert_uint_eq(t->nrows, 0);
	ck_assert_ptr_null(t->rows);
	ck_assert_uint_eq(t->errors.n, 2);
	check_error(t, 0, CSV_ERR_STRAY_QUOTE, 2); /* found before, still reported */
	check_error(t, 1, CSV_ERR_UNCLOSED_QUOTE, 3);
	csv_table_free(&t);
	t = read_bad("\"", 1, ENCODING_AUTO, 0);
	check_error(t, 0, CSV_ERR_UNCLOSED_QUOTE, 1);
	csv_table_free(&t);
}
END_TEST

START_TEST(stray_quote_rejects_the_row)
{
	static const char data[] = "h1,h2\n"
				   "ab\"c,1\n"
				   "\"ab\"c,2\n"
				   "\"ok\",3\n"
				   "\"x\" ,4\n"
				   "\"a\nb\"x,5\n"
				   "last,6";
	struct csv_table *t = read_bad(data, sizeof(data) - 1, ENCODING_AUTO, 0);

	ck_assert(t->complete);
	ck_assert_uint_eq(t->errors.n, 4);
	check_error(t, 0, CSV_ERR_STRAY_QUOTE, 2);
	check_error(t, 1, CSV_ERR_STRAY_QUOTE, 3);
	check_error(t, 2, CSV_ERR_STRAY_QUOTE, 5);
	check_error(t, 3, CSV_ERR_STRAY_QUOTE, 7); /* where the quote is */
	ck_assert_uint_eq(t->nrows, 3);
	check_row(t, 0, 1, FIELDS("h1", "h2"));
	check_row(t, 1, 4, FIELDS("ok", "3"));
	check_row(t, 2, 8, FIELDS("last", "6"));
	csv_table_free(&t);
}
END_TEST

START_TEST(ragged_rows_when_asked)
{
	static const char data[] = "a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3,4\n5,6,7\n";
	struct csv_table *t = read_bad(data, sizeof(data) - 1, ENCODING_AUTO, CSV_READ_SAME_WIDTH);

	ck_assert(t->complete);
	ck_assert_uint_eq(t->errors.n, 2);
	check_error(t, 0, CSV_ERR_RAGGED, 3);
	ck_assert_uint_eq(t->errors.v[0].nfields, 2);
	ck_assert_uint_eq(t->errors.v[0].nheader, 3);
	check_error(t, 1, CSV_ERR_RAGGED, 4);
	ck_assert_uint_eq(t->errors.v[1].nfields, 4);
	ck_assert_uint_eq(t->errors.v[1].nheader, 3);
	ck_assert_uint_eq(t->nrows, 3);
	check_row(t, 0, 1, FIELDS("a", "b", "c"));
	check_row(t, 1, 2, FIELDS("1", "2", "3"));
	check_row(t, 2, 6, FIELDS("5", "6", "7"));
	csv_table_free(&t);
	t = read_ok(data, sizeof(data) - 1, ENCODING_AUTO, 0);
	ck_assert_uint_eq(t->nrows, 5);
	csv_table_free(&t);
}
END_TEST

START_TEST(nul_byte_rejects_the_row)
{
	static const char data[] = "a,b\nc\0d,e\n\"f\0\",g\nh,i\n";
	struct csv_table *t = read_bad(data, sizeof(data) - 1, ENCODING_AUTO, 0);

	ck_assert(t->complete);
	ck_assert_uint_eq(t->errors.n, 2);
	check_error(t, 0, CSV_ERR_NUL, 2);
	check_error(t, 1, CSV_ERR_NUL, 3);
	ck_assert_uint_eq(t->nrows, 2);
	check_row(t, 0, 1, FIELDS("a", "b"));
	check_row(t, 1, 4, FIELDS("h", "i"));
	csv_table_free(&t);
}
END_TEST

START_TEST(every_reason_has_a_message)
{
	ck_assert_str_eq(csv_reason_msgid(CSV_OK), "");
	for (int r = CSV_ERR_READ; r <= CSV_ERR_BAD_TEXT; r++) {
		const char *m = csv_reason_msgid((enum csv_reason)r);

		ck_assert_uint_gt(strlen(m), 0);
		ck_assert_int_ne(m[strlen(m) - 1], '.');
		for (int o = CSV_ERR_READ; o < r; o++)
			ck_assert_str_ne(m, csv_reason_msgid((enum csv_reason)o));
	}
	const char *ragged = csv_reason_msgid(CSV_ERR_RAGGED);
	const char *first = strstr(ragged, "%zu");
	ck_assert_ptr_nonnull(first);
	ck_assert_ptr_nonnull(strstr(first + 3, "%zu"));
	csv_errors_release(NULL);
}
END_TEST

/* --- writer ---------------------------------------------------------- */

START_TEST(writer_quotes_what_needs_it)
{
	const char *f[] = { "plain", "a,b",   "say \"hi\"", " lead", "trail ",
			    "x\ny",  "cr\rz", "",	    "张三",  NULL };
	const char *empty[] = { "" };
	const struct csv_row rows[] = { { 0, 10, f }, { 0, 1, empty }, { 0, 0, NULL } };
	static const char want[] = BOM "plain,\"a,b\",\"say \"\"hi\"\"\",\" lead\",\"trail \","
				       "\"x\ny\",\"cr\rz\",,张三,\r\n"
				       "\"\"\r\n"
				       "\r\n";
	struct sbuf out = SBUF_INIT;
	struct csv_errors errs = CSV_ERRORS_INIT;

	ck_assert(csv_write(&out, rows, 3, ENCODING_UTF8, &errs));
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(out.len, sizeof(want) - 1);
	ck_assert_str_eq(out.buf, want);
	sbuf_reset(&out);
	ck_assert(csv_write(&out, rows, 3, ENCODING_AUTO, NULL));
	ck_assert_str_eq(out.buf, want);
	sbuf_release(&out);
}
END_TEST

static const char *rt_head[] = { "姓名", "身份证号码", "备注" };
static const char *rt_a[] = { "吉" JI, "34152419900101001X", "说 \"你好\", 再见" };
static const char *rt_b[] = { "张三", "", "第一行\r\n第二行\n第三行" };
static const char *rt_c[] = { " 前后空格 ", ",", "\"" };
static const char *rt_d[] = { "", "", "" };
static const struct csv_row roundtrip_rows[] = {
	{ 0, 3, rt_head }, { 0, 3, rt_a }, { 0, 3, rt_b }, { 0, 3, rt_c }, { 0, 3, rt_d },
};
#define NROUNDTRIP (sizeof(roundtrip_rows) / sizeof(roundtrip_rows[0]))

START_TEST(roundtrip_utf8_bom)
{
	struct sbuf out = SBUF_INIT;
	struct csv_table *t;

	ck_assert(csv_write(&out, roundtrip_rows, NROUNDTRIP, ENCODING_UTF8, NULL));
	ck_assert_int_eq(memcmp(out.buf, BOM, 3), 0);
	t = read_ok(out.buf, out.len, ENCODING_AUTO, CSV_READ_SAME_WIDTH);
	ck_assert_int_eq(t->encoding, ENCODING_UTF8);
	check_same_rows(t, roundtrip_rows, NROUNDTRIP);
	ck_assert_uint_eq(t->rows[3].line, 6); /* after the two newlines of row 3 */
	csv_table_free(&t);
	sbuf_release(&out);
}
END_TEST

START_TEST(roundtrip_gb18030)
{
	struct sbuf out = SBUF_INIT;
	struct csv_table *t;

	ck_assert(csv_write(&out, roundtrip_rows, NROUNDTRIP, ENCODING_GB18030, NULL));
	ck_assert_int_ne(memcmp(out.buf, BOM, 3), 0);
	ck_assert(contains(out.buf, out.len, JI_GB));
	ck_assert(!contains(out.buf, out.len, JI));
	t = read_ok(out.buf, out.len, ENCODING_AUTO, CSV_READ_SAME_WIDTH);
	ck_assert_int_eq(t->encoding, ENCODING_GB18030);
	check_same_rows(t, roundtrip_rows, NROUNDTRIP);
	csv_table_free(&t);
	sbuf_release(&out);
}
END_TEST

START_TEST(gbk_writer_names_rows_it_cannot_hold)
{
	const char *h[] = { "姓名", "备注" }, *a[] = { "张三", "ok" }, *b[] = { "吉" JI, "x" },
		   *c[] = { "李四", "y" }, *d[] = { "王五", "生僻字" JI };
	const struct csv_row rows[] = {
		{ 0, 2, h }, { 0, 2, a }, { 0, 2, b }, { 0, 2, c }, { 0, 2, d }
	};
	const struct csv_row ok_rows[] = { { 0, 2, h }, { 0, 2, a }, { 0, 2, c } };
	struct sbuf out = SBUF_INIT;
	struct csv_errors errs = CSV_ERRORS_INIT;
	struct csv_table *t;

	sbuf_adds(&out, "kept");
	ck_assert(!csv_write(&out, rows, 5, ENCODING_GBK, &errs));
	ck_assert_str_eq(out.buf, "kept"); /* no partial output */
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_int_eq(errs.v[0].reason, CSV_ERR_UNREPRESENTABLE);
	ck_assert_uint_eq(errs.v[0].line, 3);
	ck_assert_int_eq(errs.v[1].reason, CSV_ERR_UNREPRESENTABLE);
	ck_assert_uint_eq(errs.v[1].line, 5);
	csv_errors_release(&errs);
	ck_assert_ptr_null(errs.v);
	ck_assert_uint_eq(errs.n, 0);

	sbuf_reset(&out);
	ck_assert(csv_write(&out, ok_rows, 3, ENCODING_GBK, &errs));
	ck_assert_uint_eq(errs.n, 0);
	ck_assert(contains(out.buf, out.len, ZHANGSAN_GBK ",ok\r\n"));
	t = read_ok(out.buf, out.len, ENCODING_GBK, 0);
	check_same_rows(t, ok_rows, 3);
	csv_table_free(&t);
	/* GB18030 holds the same rows GBK cannot. */
	sbuf_reset(&out);
	ck_assert(csv_write(&out, rows, 5, ENCODING_GB18030, &errs));
	ck_assert_uint_eq(errs.n, 0);
	sbuf_release(&out);
}
END_TEST

START_TEST(writer_rejects_bad_utf8)
{
	const char *a[] = { "ok" }, *b[] = { "bad\xFF" };
	const struct csv_row rows[] = { { 0, 1, a }, { 0, 1, b } };
	const enum encoding encs[] = { ENCODING_UTF8, ENCODING_GB18030, ENCODING_GBK };

	for (size_t i = 0; i < 3; i++) {
		struct sbuf out = SBUF_INIT;
		struct csv_errors errs = CSV_ERRORS_INIT;

		ck_assert(!csv_write(&out, rows, 2, encs[i], &errs));
		ck_assert_uint_eq(out.len, 0);
		ck_assert_uint_eq(errs.n, 1);
		ck_assert_int_eq(errs.v[0].reason, CSV_ERR_BAD_TEXT);
		ck_assert_uint_eq(errs.v[0].line, 2);
		csv_errors_release(&errs);
		sbuf_release(&out);
	}
}
END_TEST

START_TEST(file_write_then_read)
{
	char path[] = "/tmp/wanchuang-csv-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;
	struct csv_errors errs = CSV_ERRORS_INIT;
	struct csv_table *t = NULL;

	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert(csv_write_file(fp, roundtrip_rows, NROUNDTRIP, ENCODING_GB18030, &errs));
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert(csv_read_file(path, ENCODING_AUTO, CSV_READ_SAME_WIDTH, &t));
	ck_assert_int_eq(t->encoding, ENCODING_GB18030);
	check_same_rows(t, roundtrip_rows, NROUNDTRIP);
	csv_table_free(&t);
	unlink(path);

	ck_assert(!csv_read_file(path, ENCODING_AUTO, 0, &t));
	ck_assert_uint_eq(t->nrows, 0);
	ck_assert(!t->complete);
	ck_assert_uint_eq(t->errors.n, 1);
	ck_assert_int_eq(t->errors.v[0].reason, CSV_ERR_READ);
	ck_assert_int_eq(t->errors.v[0].errnum, ENOENT);
	csv_table_free(&t);
	/* Opens, but reading fails. */
	ck_assert(!csv_read_file("/", ENCODING_AUTO, 0, &t));
	ck_assert_int_eq(t->errors.v[0].reason, CSV_ERR_READ);
	ck_assert_int_eq(t->errors.v[0].errnum, EISDIR);
	csv_table_free(&t);

	fp = fopen("/dev/full", "wb");
	if (fp) {
		ck_assert(!csv_write_file(fp, roundtrip_rows, NROUNDTRIP, ENCODING_UTF8, &errs));
		ck_assert_uint_eq(errs.n, 1);
		ck_assert_int_eq(errs.v[0].reason, CSV_ERR_WRITE);
		ck_assert_int_eq(errs.v[0].errnum, ENOSPC);
		fclose(fp);
	}
	csv_errors_release(&errs);
}
END_TEST

/* --- large ----------------------------------------------------------- */

START_TEST(one_megabyte_field)
{
	struct sbuf big = SBUF_INIT, out = SBUF_INIT;
	size_t lines = 0;
	struct csv_table *t;

	/*
	 * 1 MB of Chinese with commas: long runs without a quote or line end,
	 * with quotes and line ends between them.
	 */
	for (int part = 0; part < 4; part++) {
		for (int i = 0; i < 8500; i++)
			sbuf_adds(&big, "安徽省创业服务云平台,");
		sbuf_adds(&big, "\"皖创\"\n");
		lines++;
	}
	const char *h[] = { "id", "text" }, *a[] = { "1", big.buf }, *b[] = { "2", "end" };
	const struct csv_row rows[] = { { 0, 2, h }, { 0, 2, a }, { 0, 2, b } };

	ck_assert_uint_ge(big.len, 1024 * 1024);
	ck_assert(csv_write(&out, rows, 3, ENCODING_GB18030, NULL));
	t = read_ok(out.buf, out.len, ENCODING_AUTO, CSV_READ_SAME_WIDTH);
	ck_assert_uint_eq(t->nrows, 3);
	ck_assert_uint_eq(strlen(t->rows[1].fields[1]), big.len);
	ck_assert_str_eq(t->rows[1].fields[1], big.buf);
	ck_assert_uint_eq(t->rows[2].line, 3 + lines);
	csv_table_free(&t);

	/* The same bytes unquoted, as one bare field. */
	for (size_t i = 0; i < big.len; i++)
		if (big.buf[i] == ',' || big.buf[i] == '"' || big.buf[i] == '\n')
			big.buf[i] = '-';
	t = read_ok(big.buf, big.len, ENCODING_UTF8, 0);
	ck_assert_uint_eq(t->nrows, 1);
	ck_assert_str_eq(t->rows[0].fields[0], big.buf);
	csv_table_free(&t);
	sbuf_release(&out);
	sbuf_release(&big);
}
END_TEST

/* found by fuzzing: a first field starting with U+FEFF was taken for a
 * byte order mark when read back, and lost */
START_TEST(leading_feff_is_data)
{
	const char *fields[] = { "\xEF\xBB\xBF"
				 "x" };
	struct csv_row row = { 1, 1, fields };
	enum encoding encs[] = { ENCODING_UTF8, ENCODING_GB18030 };

	for (size_t e = 0; e < 2; e++) {
		struct sbuf out = SBUF_INIT;
		struct csv_table *back = NULL;
		ck_assert(csv_write(&out, &row, 1, encs[e], NULL));
		ck_assert(csv_read(out.buf, out.len, encs[e], 0, &back));
		ck_assert_uint_eq(back->nrows, 1);
		ck_assert_str_eq(back->rows[0].fields[0], fields[0]);
		csv_table_free(&back);
		sbuf_release(&out);
	}
}
END_TEST

Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *rows = tcase_create("rows");
	TCase *quotes = tcase_create("quotes");
	TCase *enc = tcase_create("encoding");
	TCase *err = tcase_create("errors");
	TCase *wr = tcase_create("writer");
	TCase *large = tcase_create("large");

	tcase_add_test(rows, simple_rows);
	tcase_add_test(rows, leading_feff_is_data);
	tcase_add_test(rows, last_row_without_newline);
	tcase_add_test(rows, empty_fields);
	tcase_add_test(rows, blank_lines_are_skipped_and_counted);
	tcase_add_test(quotes, quoted_commas_and_doubled_quotes);
	tcase_add_test(quotes, newlines_inside_quotes_count_lines);
	tcase_add_test(enc, utf8_with_bom);
	tcase_add_test(enc, utf8_without_bom);
	tcase_add_test(enc, gb18030_from_iconv);
	tcase_add_test(enc, gbk_bytes_detected_as_gb18030);
	tcase_add_test(err, invalid_gb18030_names_its_line);
	tcase_add_test(err, invalid_utf8_names_its_line);
	tcase_add_test(err, unclosed_quote_stops_at_its_line);
	tcase_add_test(err, stray_quote_rejects_the_row);
	tcase_add_test(err, ragged_rows_when_asked);
	tcase_add_test(err, nul_byte_rejects_the_row);
	tcase_add_test(err, every_reason_has_a_message);
	tcase_add_test(wr, writer_quotes_what_needs_it);
	tcase_add_test(wr, roundtrip_utf8_bom);
	tcase_add_test(wr, roundtrip_gb18030);
	tcase_add_test(wr, gbk_writer_names_rows_it_cannot_hold);
	tcase_add_test(wr, writer_rejects_bad_utf8);
	tcase_add_test(wr, file_write_then_read);
	tcase_add_test(large, one_megabyte_field);
	suite_add_tcase(s, rows);
	suite_add_tcase(s, quotes);
	suite_add_tcase(s, enc);
	suite_add_tcase(s, err);
	suite_add_tcase(s, wr);
	suite_add_tcase(s, large);
	return s;
}
