/*
 * withdrawals: the operator withdraws one service from the catalogue
 * (下架) or restores it (恢复上架), with the reason, and lists one
 * provider's services with where each stands: the calls of
 * data/sql/functions/withdrawals.sql. A withdrawal carries the caller's
 * request key, so an answer lost on the way is asked again and changes
 * nothing twice.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>

#include "db_private.h"

static void state_read(const struct db_result *r, int i, void *dst)
{
	struct service_state_row *s = dst;

	s->id = db_ll_or(r, i, 0, 0);
	s->code = db_result_dup(r, i, 1);
	s->title = db_result_dup(r, i, 2);
	s->category_name = db_result_dup(r, i, 3);
	s->status = db_result_dup(r, i, 4);
	s->slots_coming = db_ll_or(r, i, 5, 0);
	s->open_bookings = db_ll_or(r, i, 6, 0);
	s->withdrawn_at = db_result_dup(r, i, 7);
	s->withdrawn_reason = db_result_dup(r, i, 8);
}

/* --- public functions ------------------------------------------------------ */

void service_state_rows_free(struct service_state_row **vp, int n)
{
	struct service_state_row *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].code);
		free(v[i].title);
		free(v[i].category_name);
		free(v[i].status);
		free(v[i].withdrawn_at);
		free(v[i].withdrawn_reason);
	}
	XFREE(*vp);
}

enum db_status db_provider_service_states(struct db_conn *c, const char *token, long long provider,
					  struct service_state_row **out, int *n,
					  struct db_error *err)
{
	char p[24];
	const char *params[] = { token, db_id_param(p, provider) };

	return db_rows_read(c,
			    "SELECT id, code, title, category_name, status, slots_coming,"
			    " open_bookings,"
			    " coalesce(to_char(withdrawn_at AT TIME ZONE 'Asia/Shanghai',"
			    " 'YYYY-MM-DD HH24:MI'), ''), coalesce(withdrawn_reason, '')"
			    " FROM api.provider_service_states($1, $2::bigint)",
			    2, params, sizeof(**out), state_read, (void **)out, n, err);
}

enum db_status db_service_withdraw(struct db_conn *c, const char *token, const char *key,
				   long long service, bool restore, const char *reason,
				   struct db_manage_outcome *o, struct db_error *err)
{
	char s[24];
	const char *params[] = { token, key, db_id_param(s, service),
				 restore ? "restore" : "withdraw", reason ? reason : "" };

	return db_manage_call(
		c, "SELECT * FROM api.service_withdraw($1, $2::uuid, $3::bigint, $4, $5)", 5,
		params, o, err);
}
