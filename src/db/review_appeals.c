/*
 * review_appeals: the calls of a review's appeal and of a rectification;
 * each step travels with the caller's request key, so an answer lost on
 * the way is asked again and the step is done once.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_private.h"

/* One step on id with its text, after choice when there is one (a
 * decision, or the reason that comes before the text): the SQL names the
 * function. */
static enum db_status step_call(struct db_conn *c, const char *sql, const char *token,
				const char *key, long long id, const char *choice, const char *text,
				struct db_manage_outcome *o, struct db_error *err)
{
	char r[24];
	const char *with_choice[] = { token, key, db_id_param(r, id), choice, text ? text : "" };
	const char *plain[] = { token, key, db_id_param(r, id), text ? text : "" };

	return choice ? db_manage_call(c, sql, 5, with_choice, o, err)
		      : db_manage_call(c, sql, 4, plain, o, err);
}

enum db_status db_review_appeal(struct db_conn *c, const char *token, const char *key,
				long long review, const char *reason, struct db_manage_outcome *o,
				struct db_error *err)
{
	return step_call(c, "SELECT * FROM api.review_appeal($1, $2::uuid, $3::bigint, $4)", token,
			 key, review, NULL, reason, o, err);
}

enum db_status db_review_appeal_decide(struct db_conn *c, const char *token, const char *key,
				       long long review, enum appeal_decision d, const char *reason,
				       struct db_manage_outcome *o, struct db_error *err)
{
	return step_call(c,
			 "SELECT * FROM api.review_appeal_decide($1, $2::uuid, $3::bigint, $4, $5)",
			 token, key, review, d == APPEAL_KEEP ? "keep" : "revoke", reason, o, err);
}

enum db_status db_review_appeal_keep_rectify(struct db_conn *c, const char *token, const char *key,
					     long long review, const char *reason, const char *what,
					     struct db_manage_outcome *o, struct db_error *err)
{
	return step_call(
		c, "SELECT * FROM api.review_appeal_keep_rectify($1, $2::uuid, $3::bigint, $4, $5)",
		token, key, review, reason ? reason : "", what, o, err);
}

enum db_status db_rectification_require(struct db_conn *c, const char *token, const char *key,
					long long review, const char *what,
					struct db_manage_outcome *o, struct db_error *err)
{
	return step_call(c, "SELECT * FROM api.rectification_require($1, $2::uuid, $3::bigint, $4)",
			 token, key, review, NULL, what, o, err);
}

enum db_status db_rectification_report(struct db_conn *c, const char *token, const char *key,
				       long long rectification, const char *body,
				       struct db_manage_outcome *o, struct db_error *err)
{
	return step_call(c, "SELECT * FROM api.rectification_report($1, $2::uuid, $3::bigint, $4)",
			 token, key, rectification, NULL, body, o, err);
}

enum db_status db_rectification_decide(struct db_conn *c, const char *token, const char *key,
				       long long rectification, enum rectification_decision d,
				       const char *note, struct db_manage_outcome *o,
				       struct db_error *err)
{
	return step_call(
		c, "SELECT * FROM api.rectification_decide($1, $2::uuid, $3::bigint, $4, $5)",
		token, key, rectification, d == RECTIFY_ACCEPT ? "accept" : "return", note, o, err);
}

void review_cases_free(struct review_case **vp, int n)
{
	struct review_case *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].day);
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].comment);
		free(v[i].state);
		free(v[i].text);
		free(v[i].answer);
		free(v[i].note);
		free(v[i].due_on);
	}
	XFREE(*vp);
}

static void review_case_read(const struct db_result *r, int i, void *dst)
{
	struct review_case *k = dst;
	char *kind = db_result_dup(r, i, 0);

	k->rectification = kind[0] == 'r';
	free(kind);
	k->id = db_ll_or(r, i, 1, 0);
	k->review_id = db_ll_or(r, i, 2, 0);
	k->stars = (int)db_ll_or(r, i, 3, 0);
	k->day = db_result_dup(r, i, 4);
	k->comment = db_result_dup(r, i, 5);
	k->service_title = db_result_dup(r, i, 6);
	k->provider_name = db_result_dup(r, i, 7);
	k->state = db_result_dup(r, i, 8);
	k->text = db_result_dup(r, i, 9);
	k->answer = db_result_dup(r, i, 10);
	k->note = db_result_dup(r, i, 11);
	k->round = (int)db_ll_or(r, i, 12, 0);
	k->due_on = db_result_dup(r, i, 13);
	k->overdue = db_bool(r, i, 14);
	k->late = db_bool(r, i, 15);
}

enum db_status db_review_cases(struct db_conn *c, const char *token, struct review_case **out,
			       int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(
		c,
		"SELECT kind, id, review_id, stars,"
		" to_char(review_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), comment,"
		" service_title, provider_name, state, body, coalesce(answer, ''),"
		" coalesce(note, ''), coalesce(round, 0), coalesce(to_char(due_on, 'YYYY-MM-DD'), "
		"''),"
		" overdue, late"
		" FROM api.review_cases($1)",
		1, params, sizeof(**out), review_case_read, (void **)out, n, err);
}
