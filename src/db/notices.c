/*
 * notices: the outbox's calls (functions/notices.sql). The daemon's claim
 * commits the notices as sending before any is sent: a crash then leaves
 * them in sending, to be sent again with the same key after the lease,
 * never silently forgotten.
 */
#include "config.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_notices_listen(struct db_conn *c, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	if (c->listening && db_conn_ok(c))
		return DB_OK;
	/* a fixed channel name: nothing typed reaches this statement */
	st = db_exec(c, "LISTEN wc_notice", 0, NULL, &r, err);
	db_result_free(&r);
	c->listening = st == DB_OK;
	return st;
}

static void notice_read(const struct db_result *r, int row, void *dst)
{
	struct db_notice *n = dst;

	n->id = db_ll_or(r, row, 0, 0);
	n->kind = db_result_dup(r, row, 1);
	n->params = db_result_dup(r, row, 2);
	n->mobile = db_result_dup(r, row, 3);
	n->attempts = (int)db_ll_or(r, row, 4, 0);
}

enum db_status db_notices_claim(struct db_conn *c, int batch, int lease_s, const char *kinds,
				struct db_notice **out, size_t *n, struct db_error *err)
{
	char b[16], l[16];
	int count = 0;
	enum db_status st;

	snprintf(b, sizeof(b), "%d", batch);
	snprintf(l, sizeof(l), "%d", lease_s);
	const char *p[] = { b, l, kinds };
	st = db_rows_read(c,
			  "SELECT id, kind, params::text, mobile, attempts"
			  " FROM api.notice_claim($1::int, $2::int, $3::text[])",
			  3, p, sizeof(**out), notice_read, (void **)out, &count, err);
	*n = (size_t)count;
	return st;
}

void db_notices_free(struct db_notice **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++) {
		struct db_notice *x = &(*list)[i];
		free(x->kind);
		free(x->params);
		if (x->mobile)
			memset(x->mobile, 0, strlen(x->mobile));
		free(x->mobile);
	}
	free(*list);
	*list = NULL;
}

enum db_status db_notice_record(struct db_conn *c, long long id, const char *outcome,
				const char *answer, int retry_s, char state[16],
				struct db_error *err)
{
	struct db_result *r = NULL;
	char i[24], s[16];
	enum db_status st;

	snprintf(i, sizeof(i), "%lld", id);
	snprintf(s, sizeof(s), "%d", retry_s);
	const char *p[] = { i, outcome, answer, s };
	st = db_exec_row(c, "SELECT api.notice_record($1::bigint, $2, $3, $4::int)", 4, p, &r,
			 err);
	snprintf(state, 16, "%s", st == DB_OK ? db_result_get(r, 0, 0) : "");
	db_result_free(&r);
	return st;
}

enum db_status db_notice_next_due(struct db_conn *c, const char *kinds, long *seconds,
				  struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;
	const char *p[] = { kinds };

	st = db_exec_row(c,
			 "SELECT greatest(0, ceil(extract(epoch FROM"
			 " api.notice_next_due($1::text[]) - now())))::bigint",
			 1, p, &r, err);
	*seconds = st == DB_OK ? (long)db_ll_or(r, 0, 0, -1) : -1;
	db_result_free(&r);
	return st;
}

/* One boolean from a call. */
static enum db_status bool_call(struct db_conn *c, const char *sql, int np,
				const char *const *p, bool *out, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(c, sql, np, p, &r, err);

	*out = st == DB_OK && db_result_get(r, 0, 0) && strcmp(db_result_get(r, 0, 0), "t") == 0;
	db_result_free(&r);
	return st;
}

enum db_status db_person_notices_off(struct db_conn *c, const char *token, const char *person,
				     bool *off, struct db_error *err)
{
	const char *p[] = { token, person };
	return bool_call(c, "SELECT api.person_notices_off($1, $2::bigint)", 2, p, off, err);
}

enum db_status db_citizen_notices_off(struct db_conn *c, const char *token, bool *off,
				      struct db_error *err)
{
	const char *p[] = { token };
	return bool_call(c, "SELECT api.citizen_notices_off($1)", 1, p, off, err);
}

enum db_status db_citizen_notices_set(struct db_conn *c, const char *token, bool off,
				      struct db_error *err)
{
	const char *p[] = { token, off ? "t" : "f" };
	return db_exec(c, "SELECT api.citizen_notices_set($1, $2::boolean)", 2, p, NULL, err);
}

enum db_status db_person_notices_set(struct db_conn *c, const char *token, const char *person,
				     bool off, struct db_error *err)
{
	const char *p[] = { token, person, off ? "t" : "f" };
	return db_exec(c, "SELECT api.person_notices_set($1, $2::bigint, $3::boolean)", 3, p, NULL,
		       err);
}
