/*
 * figure: one indicator's line of the figures for oversight (统计指标) —
 * its name and formula as the database defines them (wc.indicator), its
 * value for a period and the period before — and what every screen and
 * file makes of it: the value in its unit, the change, the period's name,
 * the sheet written for the office.
 *
 * Values travel as the database's decimal text (counts, fen, rates to
 * 0.1, stars to 0.01), never through floating point: a change is worked
 * out in hundredths. NULL is a figure not defined (a rate of nothing),
 * shown as a dash.
 *
 * Low-level primitive: libc, libunistring, iconv (through csv) and
 * libxlsxwriter (through xlsx) only.
 */
#ifndef WC_CORE_FIGURE_H
#define WC_CORE_FIGURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "csv.h"
#include "sbuf.h"
#include "table_file.h"

enum figure_unit { FIGURE_COUNT, FIGURE_FEN, FIGURE_PERCENT, FIGURE_WORKDAYS, FIGURE_STARS };
/* Which way the figure should go: a rise is good, bad, or neither. */
enum figure_better { FIGURE_NEITHER, FIGURE_UP, FIGURE_DOWN };

struct figure {
	char *code; /* wc.indicator.code */
	char *name, *formula; /* Chinese, from the database */
	enum figure_unit unit;
	enum figure_better better;
	bool drill; /* the rows behind it can be listed */
	char *value, *previous; /* decimal text, or NULL: not defined */
};

/* Frees the n figures and the array; *v is then NULL. Accepts NULL. */
void figures_free(struct figure **v, int n);

/* The unit and direction of the database's words ("count", "fen",
 * "percent", "workdays", "stars"; "up", "down", "none"); false for others. */
bool figure_unit_parse(const char *s, enum figure_unit *u);
bool figure_better_parse(const char *s, enum figure_better *b);

/* The value as people read it: a count as it is, money in yuan, a rate
 * with "%", working days and stars as given; "—" for NULL. */
void figure_format(struct sbuf *out, enum figure_unit u, const char *value);
/* The value as a sheet keeps it: the number alone (money in yuan, to the
 * fen), nothing for NULL. */
void figure_plain(struct sbuf *out, enum figure_unit u, const char *value);
/* The unit's name as a sheet's unit column says it, translated. */
const char *figure_unit_name(enum figure_unit u);
/*
 * The change from previous to value in the value's unit, signed ("+2",
 * "-1.5", "+0"; money in yuan; a rate in percentage points); "—" when
 * either is not defined. Returns the direction: 1 better, -1 worse, 0
 * neither (no change, no preference, or not defined).
 */
int figure_change(struct sbuf *out, const struct figure *f);

/* The hundredths in a decimal text ("12", "-3.5", "0.25"); false if it
 * is none or has more than 2 decimals. */
bool figure_hundredths(const char *s, int64_t *out);

/*
 * A bar of part out of whole across cols columns: Unicode blocks in
 * eighths of a column (█▉▊▋▌▍▎▏), or '#' per whole column when ascii (for
 * terminals that draw the blocks wrong). Nothing when part or whole is not
 * positive; never longer than cols.
 */
void figure_bar(struct sbuf *out, int64_t part, int64_t whole, int cols, bool ascii);

enum figure_period { FIGURE_MONTH, FIGURE_QUARTER, FIGURE_YEAR };
/* The database's word for a kind of period: "month", "quarter", "year". */
const char *figure_period_word(enum figure_period k);
/*
 * A period as typed on the command line: "2026" (the year), "2026-Q1"
 * (a quarter, q in either case), "2026-03" (a month). Fills the kind and
 * its first day as "YYYY-MM-DD". False for anything else.
 */
bool figure_period_parse(const char *s, enum figure_period *k, char first_day[11]);
/* The period of kind k holding first_day moved by steps periods (-1 the
 * one before); first_day is rewritten. */
void figure_period_step(enum figure_period k, char first_day[11], int steps);
/* The first day of the period of kind k that holds first_day; rewritten. */
void figure_period_align(enum figure_period k, char first_day[11]);
/* The period's name as people write it (2026年3月, 2026年第1季度, 2026年). */
void figure_period_name(struct sbuf *out, enum figure_period k, const char *first_day);

/*
 * The figures as a sheet for the office: a header row, then one row per
 * figure with the area, the period, the indicator, this period, the one
 * before, the change, the unit and the formula. Written to fp in enc
 * (GB18030 for the office's spreadsheets), whole or not at all
 * (csv_write_file). A cell that a spreadsheet would take for a formula
 * (a change starting with "-" or "+") gets a leading quote.
 */
bool figure_sheet_write(FILE *fp, const struct figure *v, int n, const char *area_name,
			const char *period_name, enum encoding enc, struct csv_errors *errs);
/* The same sheet as an Excel workbook at path (xlsx_write_file): the
 * numbers as number cells, every text as text. */
bool figure_sheet_write_xlsx(const char *path, const char *tmpdir, const struct figure *v,
			     int n, const char *area_name, const char *period_name);

/*
 * The sheet written to path in format f, whole or not at all: into
 * path.part, renamed into place when complete, so that a scheduled run
 * never leaves half a file where the office looks. False with errno set
 * (EILSEQ: a text the encoding cannot hold).
 */
bool figure_sheet_save(const char *path, enum table_format f, const struct figure *v,
		       int n, const char *area_name, const char *period_name);

#endif
