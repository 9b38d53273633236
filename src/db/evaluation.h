/*
 * db/evaluation: the yearly evaluation of the operator (年度运营绩效评价)
 * — the bureau's targets, the supervisor's evaluation of a year and an
 * area, its remarks and issue (签发), its export — for the console (with
 * a staff token: the database decides who may do what, and refuses every
 * change once issued) and for wanchuang-admin report evaluation.
 *
 * Refusals: WC002 (a role without this), WC071 with detail issued,
 * not_issued, direction, year, year_open or conclusion (db_refusal_msgid
 * words each).
 */
#ifndef WC_DB_EVALUATION_H
#define WC_DB_EVALUATION_H

#include <stdbool.h>

#include "core/evaluation.h"
#include "db/conn.h"
#include "db/manage.h"

/* The evaluation of the year in the area (a region code): issued, as
 * kept at issue; a draft, counted now. export: for a file, audited. */
enum db_status db_evaluation(struct db_conn *c, const char *token, int year, const char *area,
			     bool export, struct evaluation *e, struct db_error *err);
/* The same for the administrator's export, audited as the administrator's. */
enum db_status db_evaluation_admin(struct db_conn *c, int year, const char *area,
				   struct evaluation *e, struct db_error *err);
/* The remark on the indicator code (NULL: the overall conclusion). */
enum db_status db_evaluation_remark(struct db_conn *c, const char *token, int year,
				    const char *area, const char *code, const char *text,
				    struct db_error *err);
/* 签发: the evaluation kept as it is now, and frozen, with the request
 * key: the same key sent again is answered "ok" (o->replayed), another
 * call on an issued evaluation "already_issued" (db_manage_outcome_msgid). */
enum db_status db_evaluation_issue(struct db_conn *c, const char *token, const char *key,
				   int year, const char *area, struct db_manage_outcome *o,
				   struct db_error *err);

/* The indicators that take a target, with the year's targets (the
 * lines' f, target and at_most), and whether the year is issued. */
enum db_status db_evaluation_targets(struct db_conn *c, const char *token, int year,
				     struct evaluation *e, bool *issued, struct db_error *err);
/* The year's target of the indicator code in its unit's decimal text
 * (NULL: none any more); audited. */
enum db_status db_evaluation_target_set(struct db_conn *c, const char *token, int year,
					const char *code, const char *value,
					struct db_error *err);

#endif
