/*
 * provider_assessment: 服务商考核 (Art. 24) as the database gives it — each
 * provider's figures of a year (bookings completed of those made,
 * reviews and their average stars, complaints against it, forwarded
 * complaints answered by their due day and in how many working days),
 * the mark against the thresholds — and the sheet written of it for the
 * office.
 *
 * Low-level primitive: libc, libunistring, iconv (through csv) and
 * libxlsxwriter (through xlsx) only.
 */
#ifndef WC_CORE_PROVIDER_ASSESSMENT_H
#define WC_CORE_PROVIDER_ASSESSMENT_H

#include <stdbool.h>

#include "sbuf.h"
#include "table_file.h"

/* The database's marks: no_data, pass, fail. */
enum provider_grade { GRADE_NO_DATA, GRADE_PASS, GRADE_FAIL };

/* Counts as decimal text; rates and averages as decimal text or NULL
 * (a rate of nothing). */
struct provider_assessment_row {
	char *provider;
	char *made, *completed, *completion; /* completion: percent */
	char *reviews, *stars;
	char *complaints;
	char *forwarded, *on_time, *counted, *answered_rate; /* answered_rate: percent */
	char *response_days; /* working days, or NULL: none answered */
	char *remark; /* the operator's, "" for none */
	char *provider_id; /* decimal text */
	enum provider_grade mark; /* the database's mark */
};

struct provider_assessment {
	struct provider_assessment_row *rows;
	int n;
	/* the thresholds the marks were given against (once issued, those of
	 * the issue), decimal text or NULL: not set */
	char *completion_min, *stars_min, *answered_min;
	/* the issue (签发): local time "YYYY-MM-DD HH:MM" and the issuer's
	 * name; NULL: not issued, a draft counted now */
	char *issued_at, *issued_by;
};

void provider_assessment_release(struct provider_assessment *a);
/* The database's word for a mark; false for another. */
bool provider_grade_parse(const char *s, enum provider_grade *m);
/* 合格, 不合格, 无数据: translated. */
const char *provider_grade_name(enum provider_grade m);
/* "完成率 ≥ 80.0% · 平均星级 ≥ 4.00 · 按期说明率 ≥ 90.0%" */
void provider_assessment_thresholds_format(struct sbuf *out, const struct provider_assessment *a);

/*
 * The assessment as a sheet for the office, to path in format f, whole
 * or not at all (table_save): a header row, then a row per provider with
 * the area, the year, each figure, the mark and the remark; a last row
 * with the thresholds and, once issued, the issuer and the time. False
 * with errno set.
 */
bool provider_assessment_sheet_save(const char *path, enum table_format f, const struct provider_assessment *a,
			   const char *area_name, const char *year_name);

#endif
