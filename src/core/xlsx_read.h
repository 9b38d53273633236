/*
 * xlsx_read: the first worksheet of an Excel workbook (.xlsx, as Excel
 * and WPS save it) read into the table the CSV reader makes, so that
 * everything after it (the header search, footers, numbers where an ID
 * number belongs, day numbers as dates) works the same on both.
 *
 * The first sheet is the first one the workbook lists
 * (xl/workbook.xml through xl/_rels/workbook.xml.rels), whatever its
 * part is called. A row's line is the sheet's row number: rows the sheet
 * leaves out are absent, rows with no text are left out (as the CSV
 * reader skips empty lines), and a cell the row skips (C7 after A7) is an
 * empty field. A cell's field is its text: shared strings (rich-text
 * runs joined, phonetic guides left out), inline strings, a number as
 * the sheet writes it (45292, 3.40123E+17: judging it is the caller's),
 * TRUE or FALSE, a formula's value as last computed. Excel's _x000D_
 * escapes are decoded. Whitespace is kept as written.
 *
 * Limits: parts are unpacked and parsed in pieces, never whole, and
 * reading stops with a reason past max_bytes unpacked (all parts
 * together, and again for the table's text) or max_cells cells (the
 * empty fields between cells count): a zip bomb or a sheet too large for
 * the machine is refused, not read. A file that is no zip, a zip that is
 * no workbook, a damaged part and text that is not UTF-8 are refused with
 * their reason; the table is then not made.
 *
 * Memory: the table owns its text in one block, as csv.h says; free it
 * with csv_table_free. The only file that includes minizip and expat.
 * Low-level primitive: libc, minizip, expat and libunistring only.
 */
#ifndef WC_CORE_XLSX_READ_H
#define WC_CORE_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"

enum xlsx_read_reason {
	XLSX_READ_OK = 0,
	XLSX_READ_OPEN, /* the file could not be opened or read (errnum) */
	XLSX_READ_NOT_ZIP, /* not a zip archive, or one damaged beyond reading */
	XLSX_READ_NOT_WORKBOOK, /* a zip without a workbook and its first sheet */
	XLSX_READ_DAMAGED, /* a part does not unpack or is not well-formed XML */
	XLSX_READ_TOO_BIG, /* more than max_bytes unpacked */
	XLSX_READ_TOO_MANY_CELLS, /* more than max_cells cells */
	XLSX_READ_BAD_TEXT, /* a cell's text is not valid UTF-8 */
};

struct xlsx_read_limits {
	size_t max_bytes;
	size_t max_cells;
};
/* 200 MB and a million cells: ten times the largest roster of a province. */
#define XLSX_READ_LIMITS_DEFAULT                                                                   \
	{                                                                                          \
		200u * 1024 * 1024, 1000000u                                                       \
	}

/* Whether data (len bytes, the start of a file) starts as a zip archive does. */
bool xlsx_read_is_zip(const unsigned char *data, size_t len);
/* Whether it starts as an old binary workbook (.xls, OLE2) does. */
bool xlsx_read_is_ole2(const unsigned char *data, size_t len);

/*
 * Read the first sheet of the workbook at path into a new *tab (complete,
 * encoding ENCODING_UTF8, no errors) and return XLSX_READ_OK; else *tab
 * is NULL and the reason is returned, with *errnum set for
 * XLSX_READ_OPEN (else 0). limits NULL: XLSX_READ_LIMITS_DEFAULT.
 */
enum xlsx_read_reason xlsx_read_file(const char *path, const struct xlsx_read_limits *limits,
				     struct csv_table **tab, int *errnum);

/* The untranslated message (gettext msgid, lower case, no full stop)
 * for reason; "" for XLSX_READ_OK. */
const char *xlsx_read_msgid(enum xlsx_read_reason reason);

#endif
