/*
 * guests: complaints of people who are not registered and the county
 * counter's telephone (guests.h). The filing carries a request key and
 * goes through db_exec_idempotent, so a call whose answer was lost is
 * sent again and files once.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_counter_phone(struct db_conn *c, char **phone, struct db_error *err)
{
	const char *params[] = { c->terminal_key };
	struct db_result *r = NULL;
	enum db_status st = db_exec(c, "SELECT api.counter_phone($1)", 1, params, &r, err);

	*phone = NULL;
	if (st != DB_OK)
		return st;
	*phone = db_result_rows(r) > 0 ? db_result_dup(r, 0, 0) : xstrdup("");
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_counter_phone_set(struct db_conn *c, const char *county, const char *phone,
				    struct db_error *err)
{
	const char *params[] = { county, phone };

	return db_exec(c, "SELECT wc_admin.counter_phone_set($1, $2)", 2, params, NULL, err);
}

void guest_filed_release(struct guest_filed *g)
{
	complaint_filed_release(&g->filed);
	free(g->due_on);
	free(g->counter_phone);
	memset(g, 0, sizeof(*g));
}

enum db_status db_guest_complaint_file(struct db_conn *c, const char *key,
				       const struct complaint_filing *f, const struct guest *who,
				       struct guest_filed *out, struct db_error *err)
{
	char t[24];
	const char *params[] = { c->terminal_key,
				 key,
				 f->against,
				 db_id_param(t, f->target),
				 f->category,
				 f->body,
				 who->name,
				 who->mobile,
				 who->consent ? "true" : "false" };
	struct db_result *r = NULL;
	enum db_status st = db_exec_idempotent_row(
		c,
		"SELECT outcome, complaint_id, complaint_no,"
		" coalesce(to_char(due_on, 'YYYY-MM-DD'), ''), counter_phone"
		" FROM api.guest_complaint_file($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		9, params, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	complaint_filed_read(r, &out->filed);
	out->due_on = db_result_dup(r, 0, 3);
	out->counter_phone = db_result_dup(r, 0, 4);
	db_result_free(&r);
	return DB_OK;
}

static void mark_read_row(const struct db_result *r, int i, void *dst)
{
	struct guest_mark *m = dst;

	m->id = db_ll_or(r, i, 0, 0);
	m->name = db_result_dup(r, i, 1);
	m->mobile = db_result_dup(r, i, 2);
}

enum db_status db_complaint_guest_marks(struct db_conn *c, const char *token, const long long *ids,
					int n, struct guest_mark **out, int *nout,
					struct db_error *err)
{
	struct sbuf arr = SBUF_INIT;
	enum db_status st;

	const char *params[] = { token, db_id_array(&arr, ids, n) };
	st = db_rows_read(c,
			  "SELECT complaint_id, name_masked, mobile_masked"
			  " FROM api.complaint_guest_marks($1, $2::bigint[])",
			  2, params, sizeof(**out), mark_read_row, (void **)out, nout, err);
	sbuf_release(&arr);
	return st;
}

void guest_marks_free(struct guest_mark **marks, int n)
{
	if (!*marks)
		return;
	for (int i = 0; i < n; i++) {
		free((*marks)[i].name);
		free((*marks)[i].mobile);
	}
	free(*marks);
	*marks = NULL;
}

enum db_status db_complaint_guest_reveal(struct db_conn *c, const char *token, long long id,
					 char **name, char **mobile, struct db_error *err)
{
	char t[24];
	const char *params[] = { token, db_id_param(t, id) };
	struct db_result *r = NULL;
	enum db_status st =
		db_exec_row(c, "SELECT name, mobile FROM api.complaint_guest_reveal($1, $2)", 2,
			    params, &r, err);

	*name = *mobile = NULL;
	if (st != DB_OK)
		return st;
	*name = db_result_dup(r, 0, 0);
	*mobile = db_result_dup(r, 0, 1);
	db_result_free(&r);
	return DB_OK;
}
