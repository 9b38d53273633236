/*
 * db/purchases: a department's purchase of places (Art. 19) after it is
 * recorded: the bureau's consent (同意 / 不同意) to a city's or county's
 * proposal, and the usage report (data/sql/functions/purchases.sql).
 * Recording one and the purchases of a service: db/bookings.h.
 */
#ifndef WC_DB_PURCHASES_H
#define WC_DB_PURCHASES_H

#include "db/conn.h"

/* A purchase waiting for the bureau, oldest first. Money in fen. */
struct purchase_proposed {
	long long id, price_fen, total_fen;
	int units;
	char *buyer, *proposed_by, *proposed_at, *service_title, *provider_name, *region_name;
	char *group_name, *ends_on; /* "" when everyone, or no last day */
};
void purchase_proposed_free(struct purchase_proposed **v, int n);
enum db_status db_purchases_proposed(struct db_conn *c, const char *token,
				     struct purchase_proposed **out, int *n, struct db_error *err);

/* The bureau approves (its places can be booked at once) or refuses with
 * reason. *outcome "ok" or the refusal (db_purchase_outcome_msgid);
 * caller frees. */
enum db_status db_purchase_decide(struct db_conn *c, const char *token, const char *key,
				  long long purchase, bool approve, const char *reason,
				  char **outcome, struct db_error *err);
const char *db_purchase_outcome_msgid(const char *outcome);

/* One line of the usage report: a purchase, or (id 0) the sums of its
 * region's purchases, which follow them. Money in fen. */
struct purchase_usage {
	long long id, price_fen, total_fen, used_fen;
	int units, booked, completed, left;
	char *region, *region_name, *buyer, *service_title, *provider_name, *group_name, *ends_on;
};
void purchase_usage_free(struct purchase_usage **v, int n);
/* export: for a file, audited with the number of lines. */
enum db_status db_purchase_usage(struct db_conn *c, const char *token, bool export,
				 struct purchase_usage **out, int *n, struct db_error *err);

#endif
