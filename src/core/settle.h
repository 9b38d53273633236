/*
 * settle: the lines of the money reconciled (资金对账) as the database
 * gives them (functions/settlement.sql, wc.settlement_lines), one shape
 * for every section, and what the screen and the files make of them:
 * which columns each section has, their headings and units, and the sheet
 * written for the office.
 *
 * Amounts travel as the database's integer fen in decimal text, never
 * through floating point. NULL is a column the section does not have.
 *
 * Low-level primitive: libc, iconv (through csv) and libxlsxwriter
 * (through table_file) only.
 */
#ifndef WC_CORE_SETTLE_H
#define WC_CORE_SETTLE_H

#include <stdbool.h>

#include "sbuf.h"
#include "table_file.h"

enum settle_section { SETTLE_PROVIDER, SETTLE_BUDGET, SETTLE_DIFFERENCE, SETTLE_FLAG };
enum { SETTLE_SECTIONS = SETTLE_FLAG + 1, SETTLE_VALUES = 8 };

struct settle_line {
	enum settle_section section;
	char *code; /* the check's or rule's code; "provider", "budget" */
	char *provider_id, *person_id; /* for the rows behind; NULL: none */
	char *name, *subject; /* Chinese, from the database; subject may be "" */
	char *v[SETTLE_VALUES]; /* a .. h: decimal text, NULL where the section has none */
	char *note; /* the formula, or the rule with its thresholds */
};

/* Frees the n lines and the array; *v is then NULL. Accepts NULL. */
void settle_lines_free(struct settle_line **v, int n);
/* The section of the database's word ("provider", "budget", "difference", "flag"). */
bool settle_section_parse(const char *s, enum settle_section *out);
/* The section's name, translated (服务商结算, 项目预算, 差异, 异常提示). */
const char *settle_section_name(enum settle_section s);

enum settle_kind { SETTLE_TEXT, SETTLE_FEN, SETTLE_COUNT, SETTLE_PERCENT };
/* Which field of a line a column shows. */
enum { SETTLE_F_NAME = -2, SETTLE_F_SUBJECT = -1 }; /* else an index into v */
struct settle_column {
	const char *head; /* msgid */
	int field;
	enum settle_kind kind;
	int width; /* display columns on the screen; 0: below the table only */
};
/* The columns of section s, in order; their number in *n. */
const struct settle_column *settle_columns(enum settle_section s, int *n);
/* A line's column as people read it: money in yuan with 元, a count as
 * it is, a rate with %, a text as it is; "—" for NULL. */
void settle_cell(struct sbuf *out, const struct settle_line *l, const struct settle_column *c);

/* Whether a line has rows behind it, and the database's word for them
 * ("provider", "repeat_person", "near_expiry"); NULL for none. */
const char *settle_rows_what(const struct settle_line *l);

/*
 * The lines as a sheet for the office, written to path in format f whole
 * or not at all (table_save): a title row (area, period), then each
 * section that has lines: its heading row (section, columns, how it is
 * counted) and its lines, money in yuan as plain numbers.
 */
bool settle_sheet_save(const char *path, enum table_format f, const struct settle_line *v, int n,
		       const char *area_name, const char *period_name);

#endif
