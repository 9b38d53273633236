/*
 * purchases: the bureau's consent to a department's purchase and the
 * usage report (api.purchases_proposed, api.purchase_decide,
 * api.purchase_usage in data/sql/functions/purchases.sql).
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

void purchase_proposed_free(struct purchase_proposed **vp, int n)
{
	struct purchase_proposed *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].buyer);
		free(v[i].proposed_by);
		free(v[i].proposed_at);
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].region_name);
		free(v[i].group_name);
		free(v[i].ends_on);
	}
	XFREE(*vp);
}

static void proposed_read(const struct db_result *r, int i, void *dst)
{
	struct purchase_proposed *p = dst;

	p->id = db_ll_or(r, i, 0, 0);
	p->buyer = db_result_dup(r, i, 1);
	p->proposed_by = db_result_dup(r, i, 2);
	p->proposed_at = db_result_dup(r, i, 3);
	p->service_title = db_result_dup(r, i, 4);
	p->provider_name = db_result_dup(r, i, 5);
	p->region_name = db_result_dup(r, i, 6);
	p->group_name = db_result_dup(r, i, 7);
	p->units = (int)db_ll_or(r, i, 8, 0);
	p->price_fen = db_ll_or(r, i, 9, 0);
	p->total_fen = db_ll_or(r, i, 10, 0);
	p->ends_on = db_result_dup(r, i, 11);
}

enum db_status db_purchases_proposed(struct db_conn *c, const char *token,
				     struct purchase_proposed **out, int *n, struct db_error *err)
{
	const char *params[] = { token };

	return db_rows_read(c,
			    "SELECT id, buyer, proposed_by, proposed_at, service_title,"
			    " provider_name, region_name, group_name, units, price_fen, total_fen,"
			    " ends_on FROM api.purchases_proposed($1)",
			    1, params, sizeof(**out), proposed_read, (void **)out, n, err);
}

enum db_status db_purchase_decide(struct db_conn *c, const char *token, const char *key,
				  long long purchase, bool approve, const char *reason,
				  char **outcome, struct db_error *err)
{
	char id[24];
	const char *params[] = { token, key, db_id_param(id, purchase), approve ? "t" : "f",
				 reason ? reason : "" };

	return db_outcome_call(
		c, "SELECT outcome FROM api.purchase_decide($1, $2, $3, $4::boolean, $5)", 5,
		params, outcome, err);
}

const char *db_purchase_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "not_found", N_("No such purchase.") },
		{ "wrong_state", N_("This purchase has already been approved or refused: the list "
				    "is shown again.") },
		{ "reason_needed", N_("Write why it is not approved (at most 500 characters): the "
				      "department sees it.") },
		{ "bad_date", N_("The last day of this purchase has passed: it can only be "
				 "refused.") },
	};
	const char *m = refusal_find(refusals, (int)(sizeof(refusals) / sizeof(refusals[0])),
				     outcome, NULL);

	return m ? m : db_outcome_msgid(outcome);
}

void purchase_usage_free(struct purchase_usage **vp, int n)
{
	struct purchase_usage *v = *vp;

	for (int i = 0; v && i < n; i++) {
		free(v[i].region);
		free(v[i].region_name);
		free(v[i].buyer);
		free(v[i].service_title);
		free(v[i].provider_name);
		free(v[i].group_name);
		free(v[i].ends_on);
	}
	XFREE(*vp);
}

static void usage_read(const struct db_result *r, int i, void *dst)
{
	struct purchase_usage *u = dst;

	u->id = db_ll_or(r, i, 0, 0);
	u->region = db_result_dup(r, i, 1);
	u->region_name = db_result_dup(r, i, 2);
	u->buyer = db_result_dup(r, i, 3);
	u->service_title = db_result_dup(r, i, 4);
	u->provider_name = db_result_dup(r, i, 5);
	u->group_name = db_result_dup(r, i, 6);
	u->units = (int)db_ll_or(r, i, 7, 0);
	u->booked = (int)db_ll_or(r, i, 8, 0);
	u->completed = (int)db_ll_or(r, i, 9, 0);
	u->left = (int)db_ll_or(r, i, 10, 0);
	u->price_fen = db_ll_or(r, i, 11, 0);
	u->total_fen = db_ll_or(r, i, 12, 0);
	u->used_fen = db_ll_or(r, i, 13, 0);
	u->ends_on = db_result_dup(r, i, 14);
}

enum db_status db_purchase_usage(struct db_conn *c, const char *token, bool export,
				 struct purchase_usage **out, int *n, struct db_error *err)
{
	const char *params[] = { token, export ? "t" : "f" };

	return db_rows_read(
		c,
		"SELECT id, region, region_name, buyer, service_title, provider_name,"
		" group_name, units, booked, completed, units_left, price_fen, total_fen,"
		" used_fen, ends_on FROM api.purchase_usage($1, $2::boolean)",
		2, params, sizeof(**out), usage_read, (void **)out, n, err);
}
