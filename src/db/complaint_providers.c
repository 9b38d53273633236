/*
 * complaint_providers: a provider's complaints against the operator or
 * the platform (complaint_providers.h). The filing carries a request key
 * and goes through db_exec_idempotent_row, so a call whose answer was
 * lost is sent again and files once.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"

void provider_filed_release(struct provider_filed *p)
{
	complaint_filed_release(&p->filed);
	free(p->due_on);
	memset(p, 0, sizeof(*p));
}

enum db_status db_provider_complaint_file(struct db_conn *c, const char *token, const char *key,
					  const struct complaint_filing *f,
					  struct provider_filed *out, struct db_error *err)
{
	const char *params[] = { token, key, f->against, f->category, f->body };
	struct db_result *r = NULL;
	enum db_status st =
		db_exec_idempotent_row(c,
				       "SELECT outcome, complaint_id, complaint_no,"
				       " coalesce(to_char(due_on, 'YYYY-MM-DD'), '')"
				       " FROM api.provider_complaint_file($1, $2, $3, $4, $5)",
				       5, params, &r, err);

	memset(out, 0, sizeof(*out));
	if (st != DB_OK)
		return st;
	complaint_filed_read(r, &out->filed);
	out->due_on = db_result_dup(r, 0, 3);
	db_result_free(&r);
	return DB_OK;
}

static void mark_read_row(const struct db_result *r, int i, void *dst)
{
	struct provider_mark *m = dst;

	m->id = db_ll_or(r, i, 0, 0);
	m->provider = db_result_dup(r, i, 1);
}

enum db_status db_complaint_provider_marks(struct db_conn *c, const char *token,
					   const long long *ids, int n, struct provider_mark **out,
					   int *nout, struct db_error *err)
{
	struct sbuf arr = SBUF_INIT;
	const char *params[] = { token, db_id_array(&arr, ids, n) };
	enum db_status st =
		db_rows_read(c,
			     "SELECT complaint_id, provider_name"
			     " FROM api.complaint_provider_marks($1, $2::bigint[])",
			     2, params, sizeof(**out), mark_read_row, (void **)out, nout, err);

	sbuf_release(&arr);
	return st;
}

void provider_marks_free(struct provider_mark **marks, int n)
{
	if (!*marks)
		return;
	for (int i = 0; i < n; i++)
		free((*marks)[i].provider);
	free(*marks);
	*marks = NULL;
}
