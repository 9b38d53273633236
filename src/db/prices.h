/*
 * db/prices: 收费标准 (Art. 16) and the provider's own services, slots,
 * ratings and complaints (data/sql/functions/prices.sql).
 */
#ifndef WC_DB_PRICES_H
#define WC_DB_PRICES_H

#include "db/conn.h"

/* What a price or provider call did (wc.price_outcome, wc.own_outcome).
 * outcome is "ok" or the refusal (see db_act_outcome_msgid); id the
 * proposal, service or slot (0 when none); status the proposal's now
 * ("" for provider calls and refusals); hits what the word list found in
 * a text ("moderation": the words, "#mobile" for a mobile number); taken
 * a slot's seats taken (-1 when not told); replayed when the request key
 * had been seen: the first call's answer, nothing changed. */
struct db_act_outcome {
	char *outcome, *status;
	long long id;
	char **hits;
	size_t nhits;
	int taken;
	bool replayed;
};
void db_act_outcome_release(struct db_act_outcome *o);

/* A price and revenue split proposed for a paid service: by a provider's
 * staff for its own services or by the operator (WC002 for others). The
 * provider's share is in per mille (0-1000); the operator's is the rest. */
struct price_input {
	long long service, price_fen;
	int provider_permille;
	const char *reason;
};
enum db_status db_price_propose(struct db_conn *c, const char *token, const char *key,
				const struct price_input *in, struct db_act_outcome *o,
				struct db_error *err);

enum price_step {
	PRICE_PASS, /* the supervisor: 审核通过, on to the project group; note optional */
	PRICE_RETURN, /* the supervisor: 退回; the reason is required */
	PRICE_APPROVE, /* the bureau (云平台项目组): 同意, the price applies to new bookings */
	PRICE_REJECT, /* the bureau: 不同意; the reason is required */
};
enum db_status db_price_step(struct db_conn *c, const char *token, const char *key,
			     long long proposal, enum price_step step, const char *note,
			     struct db_act_outcome *o, struct db_error *err);

/* The open proposals the caller may see, those for the caller's step
 * first (my_turn), then oldest first. */
struct price_proposal_row {
	long long id, service_id, price_fen, old_price_fen;
	int provider_permille, old_permille;
	char *service_title, *provider_name, *status, *reason, *proposed_by, *proposer_role;
	char *proposed_at; /* "YYYY-MM-DD HH:MM" */
	char *last_note; /* the latest decision's note, "" when none */
	bool my_turn;
};
void price_proposal_rows_free(struct price_proposal_row **v, int n);
enum db_status db_price_queue(struct db_conn *c, const char *token, struct price_proposal_row **out,
			      int *n, struct db_error *err);

/* A service's price history, newest first: every step of every proposal. */
struct price_event_row {
	long long proposal_id, price_fen;
	int provider_permille;
	char *at; /* "YYYY-MM-DD HH:MM" */
	char *action; /* propose, pass, return, approve, reject */
	char *staff_name, *staff_role, *note, *status_after;
};
void price_event_rows_free(struct price_event_row **v, int n);
enum db_status db_price_history(struct db_conn *c, const char *token, long long service,
				struct price_event_row **out, int *n, struct db_error *err);

/* The services of the provider the account acts for. */
struct provider_service {
	long long id, price_fen, rating_count, slots_coming;
	int provider_permille, cancel_hours;
	char *code, *title, *category, *category_name, *description, *place, *contact, *status;
	char *open_status; /* the open proposal's status, "" when none */
	char *rating; /* "4.5", "" when none */
	char *withdrawn_reason; /* why the operator withdrew it; "" unless withdrawn */
	bool paid, online, voucher_ok, price_pending;
};
void provider_services_free(struct provider_service **v, int n);
enum db_status db_provider_services(struct db_conn *c, const char *token,
				    struct provider_service **out, int *n, struct db_error *err);

/* A new service (id 0) or a change of one: its texts and kinds. */
struct provider_service_input {
	long long id;
	const char *title, *description, *category, *place, *contact;
	bool online, paid;
	int cancel_hours;
};
enum db_status db_provider_service_save(struct db_conn *c, const char *token, const char *key,
					const struct provider_service_input *in,
					struct db_act_outcome *o, struct db_error *err);

/* The slots of one of its services (ending within the last 30 days or
 * later), by start. */
struct provider_slot {
	long long id, waiting;
	char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	char *place;
	int capacity, taken, seats_left;
	bool cancelled, started;
};
void provider_slots_free(struct provider_slot **v, int n);
enum db_status db_provider_slots(struct db_conn *c, const char *token, long long service,
				 struct provider_slot **out, int *n, struct db_error *err);

struct provider_slot_input {
	long long service;
	const char *starts; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	int minutes, capacity;
	const char *place; /* "": the service's */
};
enum db_status db_provider_slot_add(struct db_conn *c, const char *token, const char *key,
				    const struct provider_slot_input *in, struct db_act_outcome *o,
				    struct db_error *err);
/* Never below the seats taken ("below_taken", o->taken says how many). */
enum db_status db_provider_slot_capacity(struct db_conn *c, const char *token, const char *key,
					 long long slot, int capacity, struct db_act_outcome *o,
					 struct db_error *err);

/* The provider itself and its rating; found false for an account linked
 * to no provider. */
struct provider_self {
	bool found;
	long long id, rating_count;
	char *name, *rating; /* rating "4.5", "" when none */
};
void provider_self_release(struct provider_self *p);
enum db_status db_provider_self(struct db_conn *c, const char *token, struct provider_self *out,
				struct db_error *err);

/* The published reviews of its services, newest first (before: the last
 * id of the page before, or 0). */
struct provider_review {
	long long id;
	int stars;
	char *day, *service_title, *comment; /* day "YYYY-MM-DD" */
	char *reply, *reply_day; /* its public reply; "" when none yet */
};
void provider_reviews_free(struct provider_review **v, int n);
enum db_status db_provider_reviews(struct db_conn *c, const char *token, long long before,
				   int limit, struct provider_review **out, int *n,
				   struct db_error *err);

/* The complaints against it, newest first: never the text; the name masked. */
struct provider_complaint {
	char *no, *status, *category_name, *against, *service_title, *name_masked;
	char *created_at; /* "YYYY-MM-DD" */
	char *due_on; /* "YYYY-MM-DD", "" when the clock is stopped or done */
	bool overdue;
};
void provider_complaints_free(struct provider_complaint **v, int n);
enum db_status db_provider_complaints(struct db_conn *c, const char *token,
				      struct provider_complaint **out, int *n,
				      struct db_error *err);

#endif
