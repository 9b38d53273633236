/*
 * evaluation: the yearly evaluation of the operator (年度运营绩效评价,
 * Art. 7(2)) as the database gives it — each indicator's value for the
 * year against the target the bureau set, the mark, the supervisor's
 * remark, and the overall conclusion and issue (签发) — and the sheet
 * written of it for the office.
 *
 * Low-level primitive: libc, libunistring, iconv (through csv) and
 * libxlsxwriter (through xlsx) only.
 */
#ifndef WC_CORE_EVALUATION_H
#define WC_CORE_EVALUATION_H

#include <stdbool.h>

#include "figure.h"
#include "sbuf.h"
#include "table_file.h"

/* The database's marks: met, missed, no_target, no_value. */
enum evaluation_mark { EVAL_NO_TARGET, EVAL_MET, EVAL_MISSED, EVAL_NO_VALUE };

struct evaluation_line {
	struct figure f; /* the indicator and the year's value; previous unused */
	char *target; /* decimal text, or NULL: none set */
	bool at_most; /* the value must not exceed the target */
	enum evaluation_mark mark;
	char *remark; /* "" for none */
};

struct evaluation {
	struct evaluation_line *lines;
	int n;
	char *conclusion; /* "" for none yet */
	char *issued_at; /* "YYYY-MM-DD HH:MM", or NULL: a draft */
	char *issued_by; /* the issuer's name, or NULL */
};

void evaluation_release(struct evaluation *e);
/* The database's word for a mark; false for another. */
bool evaluation_mark_parse(const char *s, enum evaluation_mark *m);
/* 达标, 未达标, 未设目标, 无数据: translated. */
const char *evaluation_mark_name(enum evaluation_mark m);
/* The target as people read it: "≥ 90.0%", "≤ 3", or "—" for none. */
void evaluation_target_format(struct sbuf *out, const struct evaluation_line *l);
/* The year's name (2026年). */
void evaluation_year_name(struct sbuf *out, int year);

/*
 * The evaluation as a sheet for the office, to path in format f, whole
 * or not at all (table_save): a header row; a row per indicator with
 * the area, the year, the indicator, the value, the target, the
 * comparison, the mark, the unit, the remark and the formula; a last row
 * with the overall conclusion and whether and by whom it was issued.
 * False with errno set.
 */
bool evaluation_sheet_save(const char *path, enum table_format f, const struct evaluation *e,
			   const char *area_name, const char *year_name);

#endif
