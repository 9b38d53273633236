/*
 * db/withdrawals: one service withdrawn (下架) by the operator and
 * restored (恢复上架), with the reason; one provider's services with
 * where each stands (data/sql/functions/withdrawals.sql).
 */
#ifndef WC_DB_WITHDRAWALS_H
#define WC_DB_WITHDRAWALS_H

#include "db/manage.h"

/* A service of one provider as the operator sees it (every status). */
struct service_state_row {
	long long id, slots_coming, open_bookings;
	char *code, *title, *category_name, *status; /* status: active, withdrawn */
	char *withdrawn_at, *withdrawn_reason; /* "YYYY-MM-DD HH:MM", ""; "" unless withdrawn */
};
void service_state_rows_free(struct service_state_row **v, int n);
/* The operator's list (the supervisor reads it), by title. */
enum db_status db_provider_service_states(struct db_conn *c, const char *token, long long provider,
					  struct service_state_row **out, int *n,
					  struct db_error *err);

/* Withdraw (restore false: from active; its open bookings are cancelled
 * as in a provider's suspension) or restore (from withdrawn) one service
 * with the reason (5 to 500 characters). The outcome's status is the
 * service's now: "withdrawn" or "active". */
enum db_status db_service_withdraw(struct db_conn *c, const char *token, const char *key,
				   long long service, bool restore, const char *reason,
				   struct db_manage_outcome *o, struct db_error *err);

#endif
