/*
 * db/complaint_forward: 转办, a complaint forwarded by the supervisor to
 * the provider it concerns or to the operator, and the answer (说明情况)
 * (data/sql/functions/complaint_forward.sql).
 */
#ifndef WC_DB_COMPLAINT_FORWARD_H
#define WC_DB_COMPLAINT_FORWARD_H

#include "db/conn.h"

/* The time limit a forwarding may have, in working days. */
enum { FORWARD_DAYS_MIN = 1, FORWARD_DAYS_MAX = 15 };

/*
 * A forwarding. Dates "YYYY-MM-DD", times "YYYY-MM-DD HH:MM", "" when
 * none (answered_at, answer and answered_by "" while the answer is
 * awaited). overdue: unanswered past due_on (已超期); soon: unanswered and
 * due within complaint_soon_days; late: answered after due_on; known:
 * false when the holidays of a year counted are not announced yet.
 * The supervisor's list fills to_kind … answered_by; the recipient's
 * (db_forward_inbox) complaint_no … body instead of to_kind, recipient
 * and the staff names.
 */
struct forward_row {
	long long id;
	char *to_kind, *recipient, *day, *due_on, *note, *forwarded_by, *forwarded_at;
	char *answered_at, *answer, *answered_by;
	char *complaint_no, *status, *category, *target, *person_masked, *body;
	int limit_days;
	bool overdue, soon, known, late;
};
void forward_rows_free(struct forward_row **v, int n);

/* The supervisor forwards complaint id to "provider" or "operator" with
 * days working days (0: the default setting) and the note saying what
 * to explain. *outcome "ok" (and *due_on the due day) or the refusal
 * (db_forward_outcome_msgid); both NULL on failure, caller frees. */
enum db_status db_complaint_forward(struct db_conn *c, const char *token, const char *key,
				    long long id, const char *to, int days, const char *note,
				    char **outcome, char **due_on, struct db_error *err);
/* A complaint's forwardings, oldest first (supervisor, bureau). */
enum db_status db_complaint_forwards(struct db_conn *c, const char *token, long long id,
				     struct forward_row **out, int *n, struct db_error *err);
/* 待说明的投诉 of the signed-in provider's staff or operator: awaited
 * first by due day, then the answered of the last 30 days. */
enum db_status db_forward_inbox(struct db_conn *c, const char *token, struct forward_row **out,
				int *n, struct db_error *err);
/* The answer to forwarding id, once. *outcome "ok" or the refusal. */
enum db_status db_forward_explain(struct db_conn *c, const char *token, const char *key,
				  long long id, const char *body, char **outcome,
				  struct db_error *err);

/* forward_refusals.c: the msgid that explains a refusal, NULL for "ok". */
const char *db_forward_outcome_msgid(const char *outcome);

#endif
