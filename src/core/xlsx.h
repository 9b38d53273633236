/*
 * xlsx: a table written as an Excel workbook of one sheet, for offices
 * whose spreadsheets mangle CSV (Excel reads BOM-less UTF-8 as GBK, and a
 * CSV's leading quote does not survive a save). The only file that
 * includes libxlsxwriter.
 *
 * The first row is the header (bold, frozen). A cell of a column marked
 * in number_cols whose text is a plain decimal ("12", "-3.5", "+0.25")
 * becomes a number cell shown with as many decimals as the text has;
 * every other cell is text in the text format "@", so that neither an
 * 18-digit number nor a text starting with "=" is read as a number or a
 * formula, even after the cell is edited. An empty text is an empty cell.
 * Column widths follow the widest cell (a Chinese character counts two).
 */
#ifndef WC_CORE_XLSX_H
#define WC_CORE_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csv.h"

/* The most columns number_cols can mark. */
enum { XLSX_MAX_COLS = 32 };

/*
 * Writes rows to path as a workbook with one sheet named sheet_name (at
 * most 31 characters, none of []:*?/\). Temporary files go to tmpdir
 * (NULL: the system's). False on failure with errno set (EIO when the
 * library failed for a reason of its own, EFBIG for a text longer than a
 * cell holds); what was written at path is then unusable and the caller
 * removes it.
 */
bool xlsx_write_file(const char *path, const char *tmpdir, const char *sheet_name,
		     const struct csv_row *rows, size_t nrows, uint32_t number_cols);

/* The decimals of a plain decimal text, or -1 if s is none (the test for
 * a number cell). */
int xlsx_decimals(const char *s);

#endif
