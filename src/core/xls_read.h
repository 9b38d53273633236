/*
 * xls_read: the first worksheet of an old binary Excel workbook (.xls,
 * Excel 97–2003, as many offices still save rosters) read into the table
 * the CSV reader makes, in the same shape as xlsx_read's (sheet_table.h):
 * everything after it (the header search, footers, numbers where an ID
 * number belongs) works the same on all three.
 *
 * A cell's field is its text: a string as the workbook holds it (the
 * library turns the workbook's code page or UTF-16 into UTF-8); a whole
 * number below 10^15 as its digits (13300001212); any other number with
 * 15 significant digits as a spreadsheet shows it (2.5, 3.40123199001011E+17,
 * which the import explains as an ID number stored as a number); a date
 * as YYYY-MM-DD, a date with a time as the library writes it, with a
 * midnight time left out.
 *
 * Limits: a file over max_bytes, or a first sheet of more than max_cells
 * cells (rows × columns), is refused before its cells are read. A
 * password-protected workbook is refused as such. The only file that
 * includes FreeXL. Low-level primitive: libc, FreeXL and libunistring.
 */
#ifndef WC_CORE_XLS_READ_H
#define WC_CORE_XLS_READ_H

#include "csv.h"
#include "xlsx_read.h"

enum xls_read_reason {
	XLS_READ_OK = 0,
	XLS_READ_OPEN, /* the file could not be opened or read (errnum) */
	XLS_READ_DAMAGED, /* not a workbook the library can read */
	XLS_READ_PROTECTED, /* encrypted or password-protected */
	XLS_READ_TOO_BIG, /* a file over max_bytes */
	XLS_READ_TOO_MANY_CELLS, /* a first sheet over max_cells */
	XLS_READ_BAD_TEXT, /* a cell's text is not valid UTF-8 */
};

/*
 * Read the first sheet of the workbook at path into a new *tab (complete,
 * encoding ENCODING_UTF8, no errors) and return XLS_READ_OK; else *tab is
 * NULL and the reason is returned, with *errnum set for XLS_READ_OPEN
 * (else 0). limits NULL: XLSX_READ_LIMITS_DEFAULT.
 */
enum xls_read_reason xls_read_file(const char *path, const struct xlsx_read_limits *limits,
				   struct csv_table **tab, int *errnum);

/* The untranslated message (gettext msgid, lower case, no full stop)
 * for reason; "" for XLS_READ_OK. */
const char *xls_read_msgid(enum xls_read_reason reason);

#endif
