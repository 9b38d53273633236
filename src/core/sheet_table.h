/*
 * sheet_table: the CSV reader's table made from a workbook's cells, for
 * the workbook readers (xlsx_read, xls_read), so that both hand on the
 * same shape: a row's line is the sheet's row number, rows with no text
 * are left out, and a cell a row skips is an empty field.
 *
 * A reader adds each row's cells (column and text, in any order; a later
 * cell of the same column wins, as a spreadsheet shows it), closes the
 * row, and at the end makes the table, which then owns the text.
 * Low-level primitive: libc only.
 */
#ifndef WC_CORE_SHEET_TABLE_H
#define WC_CORE_SHEET_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"
#include "sbuf.h"

/* A growable array of offsets into a text block. */
struct offs {
	size_t *v;
	size_t n, alloc;
};

void offs_push(struct offs *o, size_t v);
void offs_release(struct offs *o);

struct sheet_table {
	struct sbuf text; /* the table's text; offset 0 is "" */
	struct offs row_cols; /* columns of the current row's cells */
	struct offs row_vals; /* offsets in text of their values */
	struct offs fields; /* every field's offset */
	struct offs rows; /* per row: line, first field, nfields (three entries) */
};

/* An empty table under construction, its text starting with "". */
void sheet_table_init(struct sheet_table *s);
/* Add the cell of column col (0-based) holding val (len bytes, not empty). */
void sheet_table_cell(struct sheet_table *s, size_t col, const char *val, size_t len);
/* The empty fields the current row would add when closed: the columns
 * it skips up to its last cell. */
size_t sheet_table_row_gaps(const struct sheet_table *s);
/* Close the current row as line (1-based); a row without cells is left out. */
void sheet_table_row(struct sheet_table *s, size_t line);
/* The table (complete, UTF-8); s is then empty and must still be released. */
struct csv_table *sheet_table_make(struct sheet_table *s);
void sheet_table_release(struct sheet_table *s);

#endif
