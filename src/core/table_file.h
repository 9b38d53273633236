/*
 * table_file: a table of text cells written for an office's spreadsheet,
 * the same way by every export: an Excel workbook of one sheet, or CSV in
 * GB18030 (what Excel and WPS in Chinese open by default) or UTF-8 with a
 * BOM; whole or not at all, so that a scheduled run never leaves half a
 * file where the office looks.
 *
 * Low-level primitive: libc, iconv (through csv) and libxlsxwriter
 * (through xlsx) only.
 */
#ifndef WC_CORE_TABLE_FILE_H
#define WC_CORE_TABLE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csv.h"

/* What an office asks for: an Excel workbook (what its spreadsheets open
 * without a question), or CSV in GB18030 (old tools) or UTF-8 with a BOM. */
enum table_format { TABLE_XLSX, TABLE_CSV, TABLE_CSV_UTF8 };
/* ".xlsx" or ".csv" */
const char *table_suffix(enum table_format f);

/*
 * A copy of a text for a CSV cell: spreadsheets take a cell starting with
 * = + - @, a tab or a CR for a formula, so such a text gets a leading
 * quote. Caller frees.
 */
char *table_text_cell(const char *s);

/*
 * rows written to path in format f: into path.part, renamed into place
 * when complete. sheet_name and number_cols as xlsx_write_file (the
 * workbook only). False with errno set (EILSEQ: a text the encoding
 * cannot hold).
 */
bool table_save(const char *path, enum table_format f, const char *sheet_name,
		const struct csv_row *rows, size_t nrows, uint32_t number_cols);
/* The same, of a grid: nrows rows of ncols cells, row after row in cells
 * (a NULL cell is empty). */
bool table_save_grid(const char *path, enum table_format f, const char *sheet_name,
		     const char **cells, size_t nrows, size_t ncols, uint32_t number_cols);

#endif
