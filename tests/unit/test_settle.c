/*
 * settle: the money reconciled as the office's sheet, read back (each
 * part under its heading, fen as plain yuan with their sign, a text a
 * spreadsheet would take for a formula quoted, a part without lines left
 * out), and which lines have bookings behind them.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "suites.h"

static struct settle_line line(enum settle_section s, const char *code, const char *provider,
			       const char *person, const char *name, const char *subject,
			       const char *const v[SETTLE_VALUES], const char *note)
{
	struct settle_line l = { .section = s,
				 .code = xstrdup(code),
				 .provider_id = provider ? xstrdup(provider) : NULL,
				 .person_id = person ? xstrdup(person) : NULL,
				 .name = xstrdup(name),
				 .subject = xstrdup(subject),
				 .note = xstrdup(note) };
	for (int k = 0; k < SETTLE_VALUES; k++)
		l.v[k] = v[k] ? xstrdup(v[k]) : NULL;
	return l;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	static char buf[8192];
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return buf;
}

START_TEST(the_sheet_read_back)
{
	struct settle_line *v = xcalloc(3, sizeof(*v));
	const char *provider[SETTLE_VALUES] = { "3", "60000", "59950", "-50" };
	const char *flag[SETTLE_VALUES] = { "3", "5", "60" };
	const char *diff[SETTLE_VALUES] = { "10000", "10500", "500" };
	v[0] = line(SETTLE_PROVIDER, "provider", "7", NULL, "P1", "", provider,
		    "settled = redeemed");
	v[1] = line(SETTLE_DIFFERENCE, "settlement_amount", "7", NULL, "amount off", "=B1 · P1",
		    diff, "each settlement = its redemption");
	v[2] = line(SETTLE_FLAG, "near_expiry", "7", NULL, "near expiry", "P1", flag, "over 50%");
	char path[] = "/tmp/settle-sheet-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);

	ck_assert(settle_sheet_save(path, TABLE_CSV_UTF8, v, 3, "County", "March"));
	const char *got = slurp(path);
	ck_assert_mem_eq(got, "\xef\xbb\xbf", 3);
	ck_assert_str_eq(
		got + 3,
		"Money reconciled,County,March\r\n"
		"\"\"\r\n" /* a blank row: one empty cell */
		"Part,Provider,Redemptions,Redeemed,Settled,Difference,How it is counted\r\n"
		"Settlements by provider,P1,3,600.00,599.50,-0.50,settled = redeemed\r\n"
		"\"\"\r\n"
		"Part,Check,What,Expected,Found,Difference,How it is counted\r\n"
		"Differences,amount off,'=B1 · P1,100.00,105.00,5.00,"
		"each settlement = its redemption\r\n"
		"\"\"\r\n"
		"Part,Rule,Provider / person,Rows,Of,Share,How it is counted\r\n"
		"Unusual patterns,near expiry,P1,3,5,60,over 50%\r\n");
	unlink(path);
	settle_lines_free(&v, 3);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(the_lines_with_bookings_behind)
{
	const char *none[SETTLE_VALUES] = { 0 };
	struct settle_line l[] = {
		line(SETTLE_PROVIDER, "provider", "7", NULL, "P1", "", none, ""),
		line(SETTLE_FLAG, "repeat_person", "7", "9", "again", "P1", none, ""),
		line(SETTLE_FLAG, "repeat_person", "7", NULL, "again", "P1", none, ""),
		line(SETTLE_FLAG, "near_expiry", "7", NULL, "late", "P1", none, ""),
		line(SETTLE_DIFFERENCE, "voucher_balance", NULL, NULL, "balance", "V1", none, ""),
		line(SETTLE_BUDGET, "budget", NULL, NULL, "G", "C", none, ""),
	};
	const char *want[] = { "provider", "repeat_person", NULL, "near_expiry", NULL, NULL };
	for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
		const char *got = settle_rows_what(&l[i]);
		if (want[i])
			ck_assert_str_eq(got, want[i]);
		else
			ck_assert_ptr_null(got);
	}
	struct settle_line *v = xcalloc(sizeof(l) / sizeof(l[0]), sizeof(*v));
	memcpy(v, l, sizeof(l));
	settle_lines_free(&v, (int)(sizeof(l) / sizeof(l[0])));
}
END_TEST

Suite *settle_suite(void)
{
	Suite *s = suite_create("settle");
	TCase *sheet = tcase_create("sheet");
	TCase *rows = tcase_create("rows");

	tcase_add_test(sheet, the_sheet_read_back);
	tcase_add_test(rows, the_lines_with_bookings_behind);
	suite_add_tcase(s, sheet);
	suite_add_tcase(s, rows);
	return s;
}
