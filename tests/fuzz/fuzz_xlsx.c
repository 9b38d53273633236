/*
 * fuzz_xlsx: libFuzzer target for the workbook reader (xlsx_read).
 *
 * Mutated zip bytes seldom unpack, so the input is the XML instead: the
 * shared strings, a NUL, then the first sheet (no NUL: the sheet alone).
 * They are packed, stored, into a workbook with a fixed workbook.xml and
 * its relationships, written to a file and read. Every eighth input is
 * also read as the file itself, for the zip side. Whatever the bytes,
 * reading must not crash and what it returns must keep xlsx_read.h's
 * promises: a table or a reason, never both; rows numbered from 1, each
 * with at least one field, one of them not empty, every field valid
 * UTF-8; never more cells than the limit. Any broken promise aborts,
 * which the fuzzer reports.
 *
 * By hand: scripts/fuzz (all targets).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_CELLS = 20000 };

static const char workbook[] =
	"<workbook xmlns:r=\"r\"><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/>"
	"</sheets></workbook>";
static const char rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/a.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"/xl/s.xml\"/></Relationships>";

static void fuzz_check(bool ok)
{
	if (!ok)
		abort();
}

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void put16(struct sbuf *b, unsigned v)
{
	sbuf_addch(b, (char)(v & 0xFF));
	sbuf_addch(b, (char)((v >> 8) & 0xFF));
}

static void put32(struct sbuf *b, uint32_t v)
{
	put16(b, v & 0xFFFF);
	put16(b, v >> 16);
}

/* One stored entry: its local header and data to zip, its directory record to dir. */
static void zip_add(struct sbuf *zip, struct sbuf *dir, const char *name, const void *data,
		    size_t len)
{
	uint32_t crc = crc32_of(data, len), at = (uint32_t)zip->len;
	size_t nlen = strlen(name);

	put32(zip, 0x04034b50);
	put16(zip, 20), put16(zip, 0), put16(zip, 0), put16(zip, 0), put16(zip, 0x21);
	put32(zip, crc), put32(zip, (uint32_t)len), put32(zip, (uint32_t)len);
	put16(zip, (unsigned)nlen), put16(zip, 0);
	sbuf_add(zip, name, nlen);
	sbuf_add(zip, data, len);
	put32(dir, 0x02014b50);
	put16(dir, 20), put16(dir, 20), put16(dir, 0), put16(dir, 0), put16(dir, 0);
	put16(dir, 0x21);
	put32(dir, crc), put32(dir, (uint32_t)len), put32(dir, (uint32_t)len);
	put16(dir, (unsigned)nlen), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0);
	put32(dir, 0), put32(dir, at);
	sbuf_add(dir, name, nlen);
}

static void file_put(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	fuzz_check(f != NULL);
	fuzz_check(fwrite(data, 1, len, f) == len || len == 0);
	fuzz_check(fclose(f) == 0);
}

static void read_check(const char *path)
{
	const struct xlsx_read_limits lim = { 4u * 1024 * 1024, MAX_CELLS };
	struct csv_table *t = NULL;
	int errnum;
	size_t cells = 0;
	enum xlsx_read_reason rc = xlsx_read_file(path, &lim, &t, &errnum);

	fuzz_check((rc == XLSX_READ_OK) == (t != NULL));
	fuzz_check(rc == XLSX_READ_OK || xlsx_read_msgid(rc)[0] != '\0');
	if (!t)
		return;
	fuzz_check(t->complete && t->errors.n == 0);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct csv_row *r = &t->rows[i];
		bool any = false;
		fuzz_check(r->line >= 1 && r->nfields >= 1);
		cells += r->nfields;
		for (size_t j = 0; j < r->nfields; j++) {
			size_t n = strlen(r->fields[j]);
			fuzz_check(u8_check((const uint8_t *)r->fields[j], n) == NULL);
			any = any || n > 0;
		}
		fuzz_check(any);
	}
	fuzz_check(cells <= MAX_CELLS);
	csv_table_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static unsigned count;
	struct sbuf zip = SBUF_INIT, dir = SBUF_INIT;
	const uint8_t *nul = memchr(data, '\0', size);
	size_t slen = nul ? (size_t)(nul - data) : 0;
	const uint8_t *sheet = nul ? nul + 1 : data;
	size_t dirlen;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fuzz_xlsx.%ld", (long)getpid());
	zip_add(&zip, &dir, "xl/workbook.xml", workbook, sizeof(workbook) - 1);
	zip_add(&zip, &dir, "xl/_rels/workbook.xml.rels", rels, sizeof(rels) - 1);
	zip_add(&zip, &dir, "xl/s.xml", data, slen);
	zip_add(&zip, &dir, "xl/worksheets/a.xml", sheet, size - (size_t)(sheet - data));
	dirlen = dir.len;
	{
		uint32_t at = (uint32_t)zip.len;
		sbuf_add(&zip, dir.buf, dir.len);
		put32(&zip, 0x06054b50);
		put16(&zip, 0), put16(&zip, 0), put16(&zip, 4), put16(&zip, 4);
		put32(&zip, (uint32_t)dirlen), put32(&zip, at), put16(&zip, 0);
	}
	file_put(path, zip.buf, zip.len);
	read_check(path);
	if (++count % 8 == 0) {
		file_put(path, data, size);
		read_check(path);
	}
	unlink(path);
	sbuf_release(&zip);
	sbuf_release(&dir);
	return 0;
}
