/*
 * sheet: what every spreadsheet import of wanchuang-admin shares.
 *
 * The file is read as CSV (UTF-8, GB18030 or GBK, detected or named) or,
 * when it is a zip, as an Excel workbook (.xlsx: its first sheet).
 * The header is the first row, among the first ten, that names every
 * required column (by its name or an alias; blanks, * and （必填） are
 * ignored), in any order: the title rows offices put above it are passed
 * over. Blank rows, rows with nothing in the required columns, the
 * header repeated (sheets pasted one under the other) and the total and
 * signature rows under the table (合计, 制表人：…) are not data and are
 * passed over too, each said.
 * Every row is tried, by the program's checks and then by the database
 * (each row under its own savepoint), and every rejected row is printed
 * at the end with its line in the file and the reason in the user's
 * language, in the order of the file (sheet_report). Unless partial is
 * asked for, one rejected row leaves the database as it was; else the
 * good rows go in. A progress bar shows on a terminal.
 */
#ifndef WC_SHEET_H
#define WC_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

struct sheet_column {
	const char *name; /* as the header writes it */
	bool required;
	/* other names offices give it, separated by |, tried after name in
	 * this order; NULL: none */
	const char *aliases;
};

struct sheet_reason;

/* What makes two rows the same record (sheet_keys.c). */
struct sheet_key {
	/* row i's key (an ID number, a credit code), or NULL */
	const char *(*of)(size_t i, void *ctx);
	/* whether the database refused a row for holding its key already */
	bool (*held)(const struct db_error *err);
	/* to out: that the row names what line does ("the same ID number as line N") */
	void (*clash)(struct sbuf *out, size_t line);
};

struct sheet {
	struct csv_table *tab;
	const struct sheet_column *cols;
	int ncols;
	int *col; /* index of each column in a row, -1 if absent */
	size_t nrows; /* data rows: tab->rows[row[0 .. nrows-1]] */
	size_t *row;
	size_t rejected;
	struct date today;
	const struct sheet_key *key; /* NULL: rows are not compared */
	struct sheet_reason *reasons; /* said, not printed yet */
	size_t nreasons, reasons_cap;
};

/*
 * Open path and map its header. Prints the problems. Returns 0 when rows
 * can be checked, else the exit status (2 for a bad encoding name, 1 when
 * the file cannot be read, has no rows or lacks a required column).
 */
int sheet_open(struct sheet *s, const char *path, const char *encoding,
	       const struct sheet_column *cols, int ncols);
/* Read path into a new *tab, as a workbook or as CSV in enc by what it
 * holds (sheet_file.c); enc_named: --encoding was given. 0 when *tab is
 * there to look at (the CSV's own errors in it), else 1 with the reason
 * printed. */
int sheet_file_read(const char *path, enum encoding enc, bool enc_named, struct csv_table **tab);
void sheet_close(struct sheet *s);

/* Data row i (0-based, the header and the rows passed over not counted). */
const struct csv_row *sheet_row(const struct sheet *s, size_t i);
/* Data row i's cell in column col as the file has it; "" when the column
 * is absent or the row stops before it. */
const char *sheet_raw(const struct sheet *s, size_t i, int col);
/* A short cell, NFKC-normalised and trimmed; "" when the column is absent. Caller frees. */
char *sheet_cell(const struct sheet *s, size_t i, int col);
/* A date as spreadsheets save it when the column was not text: Excel's
 * day number (45292 for 2024-01-01; days of 1970 to 2099 only) or a date
 * with midnight after it (2024/1/1 0:00, 2024-01-01 00:00:00). True, and
 * out set to YYYY-MM-DD, when cell is one; false for anything else (left
 * to the date checks). */
bool sheet_date_text(const char *cell, char out[11]);
/* Give each item of a cell that may hold several, separated by / , ; or
 * 、 (blanks inside one item are its own: 0551 6512 3456), to take until
 * it returns true; true if one did. */
bool sheet_each(const char *cell, bool (*take)(char *item, void *ctx), void *ctx);
/* A person's name in *cell (from sheet_cell) made as NORMALIZE_NAME says:
 * the roster's padding of 王　五 gone. */
void sheet_name(char **cell);

/* Why a long number (an ID number, a credit code) was refused: why, the
 * program's check, unless the cell shows the spreadsheet stored it as a
 * number and lost digits (3.40123E+17, or 340123199001011000 for
 * …1234): then a msgid that says so and what to do. */
const char *sheet_number_why(const char *cell, const char *why);

/* Count a rejected row and keep its reason ("why (what)") for sheet_report. */
void sheet_reject(struct sheet *s, size_t line, const char *why, const char *what);
/* How many rejected rows sheet_report names; the rest it counts. */
enum { SHEET_REPORT_ROWS = 100 };
/* Print the reasons kept, by line ("line N: why"), the first
 * SHEET_REPORT_ROWS rows and then how many more; forget them. */
void sheet_report(struct sheet *s);
void sheet_reasons_release(struct sheet *s);

/* The rows of a file grouped by key (sheet_keys.c). */
struct sheet_keys {
	size_t *group; /* the first row with the same key */
	size_t *stored; /* by group: the row the database took, or SIZE_MAX */
	bool *told; /* by group: its stored row was named as a clash */
};
void sheet_keys_build(struct sheet_keys *k, size_t n, const char *(*of)(size_t i, void *ctx),
		      void *ctx);
/* Row i went into the database. */
void sheet_keys_stored(struct sheet_keys *k, size_t i);
/* The row stored earlier with row i's key, or SIZE_MAX; *first_told:
 * whether that row was named as a clash before. */
size_t sheet_keys_clash(struct sheet_keys *k, size_t i, bool *first_told);
void sheet_keys_release(struct sheet_keys *k);

/* What sheet_run does with one good row. */
typedef enum db_status (*sheet_row_fn)(struct db_conn *c, size_t i, void *ctx,
				       struct db_error *err);
/* Check every row with check (which reports a rejection itself), then
 * try the good ones through fn in one transaction, each under its own
 * savepoint; print every rejection (sheet_report); unless partial, any
 * rejection changes nothing. Returns how many were applied (0 when
 * nothing was committed). */
size_t sheet_run(struct sheet *s, struct db_conn *c, bool partial,
		 bool (*check)(size_t i, void *ctx), sheet_row_fn fn, void *ctx);

/*
 * An import whose rows name regions and one list of codes (people's
 * categories, service categories): open the file, load the lists, check
 * every row into its cell, apply the good ones, print the summary
 * ("imported N, rejected M"), release. Returns the exit status as
 * sheet_open and import_people say.
 */
struct sheet_import {
	struct sheet sheet;
	struct region_list regions;
	struct code_list codes;
};
struct sheet_import_ops {
	const struct sheet_column *columns;
	int ncols;
	size_t cell_size;
	enum db_status (*load_codes)(struct db_conn *c, struct code_list *out,
				     struct db_error *err);
	/* Fill cell from row i; false (reported with sheet_reject) if it cannot go in. */
	bool (*check)(struct sheet_import *im, size_t i, void *cell);
	enum db_status (*insert)(struct db_conn *c, const void *cell, struct db_error *err);
	void (*release)(void *cell);
	/* the key of a checked row, when rows of one file may clash: NULL
	 * for none */
	const char *(*key)(const void *cell);
	bool (*held)(const struct db_error *err);
	void (*clash)(struct sbuf *out, size_t line);
};
int sheet_import_run(const struct sheet_import_ops *ops, struct db_conn *c, const char *path,
		     const char *encoding, bool partial);

#endif
