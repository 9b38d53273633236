/*
 * fuzz_csv: libFuzzer target for the csv reader and writer.
 *
 * Every input is read in auto mode and as each named encoding. Whatever
 * the bytes, reading must not crash, and what it returns must keep csv.h's
 * promises: rows in line order, at least one field each, fields valid
 * UTF-8. Rows read must also survive a round trip through the writer in
 * UTF-8 (which must accept them), GB18030 and GBK (which may only refuse
 * characters they cannot hold). Any broken promise aborts, which the
 * fuzzer reports.
 *
 * By hand, from the source tree with a configured build in var/build:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Isrc -Ivar/build \
 *     tests/fuzz/fuzz_csv.c src/core/[a-z]*.c -lunistring -o fuzz_csv
 *   ./fuzz_csv -max_total_time=30
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_check(bool ok)
{
	if (!ok)
		abort();
}

static void fuzz_check_table(const struct csv_table *t)
{
	size_t line = 0;

	fuzz_check(t->encoding != ENCODING_AUTO);
	fuzz_check(t->complete || t->nrows == 0);
	for (size_t i = 0; i < t->errors.n; i++)
		fuzz_check(t->errors.v[i].reason != CSV_OK);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct csv_row *r = &t->rows[i];

		fuzz_check(r->line > line);
		line = r->line;
		fuzz_check(r->nfields > 0);
		for (size_t j = 0; j < r->nfields; j++)
			fuzz_check(u8_check((const uint8_t *)r->fields[j], strlen(r->fields[j])) ==
				   NULL);
	}
}

static void fuzz_roundtrip(const struct csv_table *t, enum encoding enc)
{
	struct sbuf out = SBUF_INIT;
	struct csv_errors errs = CSV_ERRORS_INIT;
	struct csv_table *back = NULL;

	if (!csv_write(&out, t->rows, t->nrows, enc, &errs)) {
		fuzz_check(enc != ENCODING_UTF8 && errs.n > 0 && out.len == 0);
		for (size_t i = 0; i < errs.n; i++)
			fuzz_check(errs.v[i].reason == CSV_ERR_UNREPRESENTABLE);
		csv_errors_release(&errs);
		sbuf_release(&out);
		return;
	}
	fuzz_check(errs.n == 0);
	fuzz_check(csv_read(out.buf, out.len, enc, 0, &back));
	fuzz_check(back->nrows == t->nrows);
	for (size_t i = 0; i < t->nrows; i++) {
		fuzz_check(back->rows[i].nfields == t->rows[i].nfields);
		for (size_t j = 0; j < t->rows[i].nfields; j++)
			fuzz_check(strcmp(back->rows[i].fields[j], t->rows[i].fields[j]) == 0);
	}
	csv_table_free(&back);
	sbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum encoding encs[] = { ENCODING_AUTO, ENCODING_UTF8, ENCODING_GB18030,
					      ENCODING_GBK };

	for (size_t i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
		struct csv_table *t = NULL;

		csv_read((const char *)data, size, encs[i], i % 2 ? CSV_READ_SAME_WIDTH : 0, &t);
		fuzz_check_table(t);
		if (i == 0) {
			fuzz_roundtrip(t, ENCODING_UTF8);
			fuzz_roundtrip(t, ENCODING_GB18030);
			fuzz_roundtrip(t, ENCODING_GBK);
		}
		csv_table_free(&t);
	}
	return 0;
}
