/*
 * db/bookings: vouchers and bookings, the money path.
 */
#ifndef WC_DB_BOOKINGS_H
#define WC_DB_BOOKINGS_H

#include "db/conn.h"

/* What a mutating call did (wc.outcome). outcome is "ok", "waiting", or
 * the refusal (see db_outcome_msgid); replayed when the key had been
 * seen: the first call's outcome, nothing changed now. */
struct db_outcome {
	char *outcome;
	long long booking_id, voucher_id; /* 0 when none */
	char *booking_no; /* "" when none */
	long long voucher_fen, offline_fen, balance_fen;
	bool replayed;
};
void db_outcome_release(struct db_outcome *o);

struct voucher_row {
	long long id, face_fen, balance_fen, held_fen;
	char *no, *programme_name, *valid_until, *status, *category_names;
	char **categories; /* codes, NULL-terminated */
	size_t ncategories;
};
void voucher_rows_free(struct voucher_row **v, int n);
/* The signed-in person's vouchers (token of a kiosk session), or a
 * registered person's at the counter (staff token and person id). Vouchers
 * past their day are expired first. */
enum db_status db_citizen_vouchers(struct db_conn *c, const char *token, struct voucher_row **out,
				   int *n, struct db_error *err);
enum db_status db_person_vouchers(struct db_conn *c, const char *token, const char *person,
				  struct voucher_row **out, int *n, struct db_error *err);

struct booking_row {
	long long id;
	char *no; /* "" for a waiting place */
	char *kind; /* booking | waitlist */
	char *status; /* booked cancelled completed no_show | waiting lapsed */
	char *service_title, *provider_name, *starts_at, *ends_at, *place, *created_at;
	char *cancel_reason; /* why the provider's side cancelled it, or "" */
	long long price_fen, voucher_fen, offline_fen;
	bool purchased, from_waitlist, can_cancel;
	bool confirmed; /* the provider has confirmed it (接单确认) */
};
void booking_rows_free(struct booking_row **v, int n);
enum db_status db_citizen_bookings(struct db_conn *c, const char *token, struct booking_row **out,
				   int *n, struct db_error *err);
enum db_status db_person_bookings(struct db_conn *c, const char *token, const char *person,
				  struct booking_row **out, int *n, struct db_error *err);

/* Department purchases (Art. 19) a person may book a service with. */
struct purchase_row {
	long long id;
	char *buyer, *group_name, *ends_on; /* "" when none */
	int units_left;
};
void purchase_rows_free(struct purchase_row **v, int n);
enum db_status db_citizen_purchases(struct db_conn *c, const char *token, long long service,
				    struct purchase_row **out, int *n, struct db_error *err);
enum db_status db_person_purchases(struct db_conn *c, const char *token, const char *person,
				   long long service, struct purchase_row **out, int *n,
				   struct db_error *err);

/* How a booking is paid: with a voucher (up to its balance), with a
 * department's purchase, or neither (0, 0). */
struct booking_pay {
	long long voucher, purchase;
};

/* The kiosk: the signed-in person books, cancels, waits for a seat. */
enum db_status db_citizen_book(struct db_conn *c, const char *token, const char *key,
			       long long slot, struct booking_pay pay, struct db_outcome *o,
			       struct db_error *err);
enum db_status db_citizen_cancel(struct db_conn *c, const char *token, const char *key,
				 long long booking, struct db_outcome *o, struct db_error *err);
enum db_status db_citizen_waitlist_join(struct db_conn *c, const char *token, const char *key,
					long long slot, struct booking_pay pay,
					struct db_outcome *o, struct db_error *err);

/* The counter acts for a person, with how the person consented. */
enum db_status db_counter_book(struct db_conn *c, const char *token, const char *key,
			       const char *person, long long slot, struct booking_pay pay,
			       const char *consent, struct db_outcome *o, struct db_error *err);
enum db_status db_counter_cancel(struct db_conn *c, const char *token, const char *key,
				 const char *person, long long booking, const char *consent,
				 struct db_outcome *o, struct db_error *err);

struct programme_row {
	long long id, face_fen, budget_left;
	char *code, *name, *category_names, *stage, *conditions; /* stage "" for either */
	char **groups;
	size_t ngroups;
	int valid_months;
	bool already_issued;
};
void programme_rows_free(struct programme_row **v, int n);
/* The programmes a clerk may issue from to the person, with the budget
 * left in the person's county. */
enum db_status db_voucher_programmes(struct db_conn *c, const char *token, const char *person,
				     struct programme_row **out, int *n, struct db_error *err);
enum db_status db_voucher_issue(struct db_conn *c, const char *token, const char *key,
				const char *person, long long programme, struct db_outcome *o,
				struct db_error *err);

/* Close a booking whose time has come: completed (redeem to the
 * provider) or no_show (release). Counter or the provider's staff. */
enum db_status db_booking_close(struct db_conn *c, const char *token, const char *key,
				long long booking, bool completed, struct db_outcome *o,
				struct db_error *err);

/* A department's purchase of units of a service for a group (Art. 19),
 * recorded by a county's counter (for that county) or the bureau. A
 * counter's is proposed and waits for the bureau (db/purchases.h); the
 * bureau's is approved at once. group
 * NULL or "": everyone there; ends_on NULL or "": until used up. */
struct purchase_input {
	long long service;
	const char *region, *group, *buyer, *ends_on;
	int units;
};
enum db_status db_purchase_add(struct db_conn *c, const char *token, const char *key,
			       const struct purchase_input *in, struct db_outcome *o,
			       struct db_error *err);
/* The purchases of a service, newest first; units_left is units - used.
 * status: proposed, approved or refused (with refuse_reason). */
struct service_purchase {
	long long id;
	char *buyer, *region_name, *group_name, *ends_on; /* "" when none */
	char *status, *refuse_reason;
	int units, used;
};
void service_purchases_free(struct service_purchase **v, int n);
enum db_status db_service_purchases(struct db_conn *c, const char *token, long long service,
				    struct service_purchase **out, int *n, struct db_error *err);

struct booking_found {
	long long id, person_id, voucher_fen, offline_fen;
	char *no, *name_masked, *status, *service_title, *provider_name, *starts_at;
	bool purchased;
};
void booking_found_release(struct booking_found *b);
/* DB_ERR_SERVER (P0002) when no booking of that number is in reach. */
enum db_status db_booking_find(struct db_conn *c, const char *token, const char *no,
			       struct booking_found *out, struct db_error *err);

/* A booking of a provider's day, as its own staff see it. */
struct provider_booking_row {
	long long id, voucher_fen, offline_fen;
	char *no, *status; /* status: booked cancelled completed no_show */
	char *service_title, *place, *name_masked; /* name_masked: 张** */
	char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	bool purchased; /* a department's purchase pays (Art. 19) */
	bool can_close; /* booked and its time has come: db_booking_close takes it */
	bool confirmed; /* confirmed by the provider's staff */
};
void provider_booking_rows_free(struct provider_booking_row **v, int n);
/* The bookings of that day (Asia/Shanghai) of the services of the
 * provider the signed-in account acts for, by start time; none for an
 * account linked to no provider. Provider staff only (WC002). */
enum db_status db_provider_bookings(struct db_conn *c, const char *token, struct date day,
				    struct provider_booking_row **out, int *n,
				    struct db_error *err);
/* The provider's staff confirm an open booking of theirs (接单确认);
 * *outcome ok, not_found or not_open. */
enum db_status db_booking_confirm(struct db_conn *c, const char *token, long long booking,
				  char **outcome, struct db_error *err);

#endif
