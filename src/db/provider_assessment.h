/*
 * db/provider_assessment: 服务商考核 (Art. 24), api.provider_assessment, its
 * export and the thresholds in force, turned into core's struct
 * assessment. The database decides who reads (the operator, the
 * supervisor, the bureau, for an area they cover).
 *
 * Refusals: WC002 (a role without this or an area outside its own),
 * WC071 with detail year (a year not begun), P0002 (no such provider).
 */
#ifndef WC_DB_PROVIDER_ASSESSMENT_H
#define WC_DB_PROVIDER_ASSESSMENT_H

#include <stdbool.h>

#include "core/provider_assessment.h"
#include "db/conn.h"

/* Each provider of the area (a region code) with its figures of the year
 * and its mark, and the thresholds. export: for a file, audited. */
enum db_status db_provider_assessment(struct db_conn *c, const char *token, int year, const char *area,
			     bool export, struct provider_assessment *a, struct db_error *err);

/* The operator's remark on the provider's (its id) year; "" removes it.
 * Audited. */
enum db_status db_provider_assessment_remark(struct db_conn *c, const char *token, int year,
					    const char *provider, const char *text,
					    struct db_error *err);

#endif
