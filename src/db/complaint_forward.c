/*
 * complaint_forward: 转办 and its answer (data/sql/functions/
 * complaint_forward.sql). The two calls that change something carry the
 * caller's request key and go through the idempotent path, so a call
 * whose answer was lost is sent again and acts once.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

#define DAY(col) "coalesce(to_char(" col ", 'YYYY-MM-DD'), '')"
#define MINUTE(col)                                                                                \
	"coalesce(to_char(" col " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), '')"

void forward_rows_free(struct forward_row **vp, int n)
{
	struct forward_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		char *fields[] = { v[i].to_kind,      v[i].recipient,	 v[i].day,
				   v[i].due_on,	      v[i].note,	 v[i].forwarded_by,
				   v[i].forwarded_at, v[i].answered_at,	 v[i].answer,
				   v[i].answered_by,  v[i].complaint_no, v[i].status,
				   v[i].category,     v[i].target,	 v[i].person_masked,
				   v[i].body };
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			free(fields[k]);
	}
	XFREE(*vp);
}

/* The fields a list does not carry are "", never NULL. */
static void forward_row_blank(struct forward_row *f)
{
	char **fields[] = { &f->to_kind,  &f->recipient,    &f->day,	       &f->due_on,
			    &f->note,	  &f->forwarded_by, &f->forwarded_at,  &f->answered_at,
			    &f->answer,	  &f->answered_by,  &f->complaint_no,  &f->status,
			    &f->category, &f->target,	    &f->person_masked, &f->body };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!*fields[i])
			*fields[i] = xstrdup("");
}

enum db_status db_complaint_forward(struct db_conn *c, const char *token, const char *key,
				    long long id, const char *to, int days, const char *note,
				    char **outcome, char **due_on, struct db_error *err)
{
	char s[24], d[24];
	const char *params[] = { token,		  key, db_id_param(s, id), to, db_id_param(d, days),
				 note ? note : "" };

	return db_outcome_call2(
		c,
		"SELECT outcome, " DAY("due_on") " FROM api.complaint_forward($1, $2,"
						 " $3, $4, $5, $6)",
		6, params, outcome, due_on, err);
}

/* Columns: id, to_kind, recipient, day, limit_days, due_on, overdue,
 * soon, known, note, forwarded_by, forwarded_at, answered_at, answer,
 * answered_by, late. */
static void forwards_read_row(const struct db_result *r, int i, void *dst)
{
	struct forward_row *f = dst;

	f->id = db_ll_or(r, i, 0, 0);
	f->to_kind = db_result_dup(r, i, 1);
	f->recipient = db_result_dup(r, i, 2);
	f->day = db_result_dup(r, i, 3);
	f->limit_days = (int)db_ll_or(r, i, 4, 0);
	f->due_on = db_result_dup(r, i, 5);
	f->overdue = db_bool(r, i, 6);
	f->soon = db_bool(r, i, 7);
	f->known = db_bool(r, i, 8);
	f->note = db_result_dup(r, i, 9);
	f->forwarded_by = db_result_dup(r, i, 10);
	f->forwarded_at = db_result_dup(r, i, 11);
	f->answered_at = db_result_dup(r, i, 12);
	f->answer = db_result_dup(r, i, 13);
	f->answered_by = db_result_dup(r, i, 14);
	f->late = db_bool(r, i, 15);
	forward_row_blank(f);
}

enum db_status db_complaint_forwards(struct db_conn *c, const char *token, long long id,
				     struct forward_row **out, int *n, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, db_id_param(s, id) };

	return db_rows_read(
		c,
		"SELECT id, to_kind, coalesce(recipient, ''), " DAY("day") ", limit_days, " DAY(
			"due_on") ", overdue, soon,"
				  " known, note,"
				  " coalesce(forwarded_by, ''), " MINUTE(
					  "forwarded_at") ", " MINUTE("answered_at") ","
										     " coalesce("
										     "answer, ''), "
										     "coalesce("
										     "answered_by, "
										     "''), late"
										     " FROM "
										     "api."
										     "complaint_"
										     "forwards($1, "
										     "$2)",
		2, params, sizeof(**out), forwards_read_row, (void **)out, n, err);
}

/* Columns: id, complaint_no, status, category, target, person_masked,
 * body, note, day, limit_days, due_on, overdue, soon, answered_at,
 * answer, late. */
static void inbox_read_row(const struct db_result *r, int i, void *dst)
{
	struct forward_row *f = dst;

	f->id = db_ll_or(r, i, 0, 0);
	f->complaint_no = db_result_dup(r, i, 1);
	f->status = db_result_dup(r, i, 2);
	f->category = db_result_dup(r, i, 3);
	f->target = db_result_dup(r, i, 4);
	f->person_masked = db_result_dup(r, i, 5);
	f->body = db_result_dup(r, i, 6);
	f->note = db_result_dup(r, i, 7);
	f->day = db_result_dup(r, i, 8);
	f->limit_days = (int)db_ll_or(r, i, 9, 0);
	f->due_on = db_result_dup(r, i, 10);
	f->overdue = db_bool(r, i, 11);
	f->soon = db_bool(r, i, 12);
	f->answered_at = db_result_dup(r, i, 13);
	f->answer = db_result_dup(r, i, 14);
	f->late = db_bool(r, i, 15);
	f->known = true;
	forward_row_blank(f);
}

enum db_status db_forward_inbox(struct db_conn *c, const char *token, struct forward_row **out,
				int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(
		c,
		"SELECT id, complaint_no, status, category, coalesce(target, ''),"
		" coalesce(person_masked, ''), body, note, " DAY("day") ", limit_days, " DAY(
			"due_on") ", overdue, soon, " MINUTE("answered_at") ","
									    " coalesce(answer, "
									    "''), late"
									    " FROM "
									    "api.forward_inbox($1)",
		1, params, sizeof(**out), inbox_read_row, (void **)out, n, err);
}

enum db_status db_forward_explain(struct db_conn *c, const char *token, const char *key,
				  long long id, const char *body, char **outcome,
				  struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, id), body ? body : "" };

	return db_outcome_call(c, "SELECT api.forward_explain($1, $2, $3, $4)", 4, params, outcome,
			       err);
}
