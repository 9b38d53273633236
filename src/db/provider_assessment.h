/*
 * db/provider_assessment: 服务商考核 (Art. 24), api.provider_assessment, its
 * export and the thresholds in force, turned into core's struct
 * assessment. The database decides who reads (the operator, the
 * supervisor, the bureau, for an area they cover).
 *
 * Refusals: WC002 (a role without this or an area outside its own),
 * WC071 with detail year (a year not begun), year_open (issuing a year
 * not ended), assessment_issued (a remark on a provider's year issued),
 * WC072 threshold (a threshold out of range), P0002 (no such provider).
 */
#ifndef WC_DB_PROVIDER_ASSESSMENT_H
#define WC_DB_PROVIDER_ASSESSMENT_H

#include <stdbool.h>

#include "core/provider_assessment.h"
#include "db/conn.h"
#include "db/manage.h"

/* Each provider of the area (a region code) with its figures of the year
 * and its mark, the thresholds and the issue: once issued, as kept at
 * issue; before, counted now. export: for a file, audited. */
enum db_status db_provider_assessment(struct db_conn *c, const char *token, int year, const char *area,
			     bool export, struct provider_assessment *a, struct db_error *err);

/* The operator's remark on the provider's (its id) year; "" removes it.
 * Audited. */
enum db_status db_provider_assessment_remark(struct db_conn *c, const char *token, int year,
					    const char *provider, const char *text,
					    struct db_error *err);

/* 签发 (the operator's): the year's rows of the area kept as they are now,
 * with the thresholds in force, and frozen; with the request key: the
 * same key sent again is answered "ok" (o->replayed), another call on an
 * issued year and area "already_issued". Audited. */
enum db_status db_provider_assessment_issue(struct db_conn *c, const char *token, const char *key,
					    int year, const char *area, struct db_manage_outcome *o,
					    struct db_error *err);

/* The thresholds in force (a's thresholds only). */
enum db_status db_provider_assessment_thresholds(struct db_conn *c, const char *token,
						 struct provider_assessment *a,
						 struct db_error *err);
/* The bureau's: the three thresholds in decimal text (percent, stars,
 * percent); audited with them before and after. */
enum db_status db_provider_assessment_thresholds_set(struct db_conn *c, const char *token,
						     const char *completion, const char *stars,
						     const char *answered, struct db_error *err);

#endif
