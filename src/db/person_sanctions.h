/*
 * db/person_sanctions: records of misuse against a registered person
 * (违规记录, Art. 25) — proposed by the operator, confirmed or rejected by
 * the supervisor, appealed once by the person (at a kiosk, or through the
 * counter), the appeal decided by the supervisor
 * (data/sql/functions/person_sanctions.sql). While one is in force the
 * person's vouchers are frozen: bookings with a voucher and issuing are
 * refused with "vouchers_frozen".
 */
#ifndef WC_DB_PERSON_SANCTIONS_H
#define WC_DB_PERSON_SANCTIONS_H

#include "db/manage.h"

/* One record. Dates "YYYY-MM-DD", "" when not set. */
struct person_sanction {
	long long id, person_id; /* person_id: the queue's only (0 otherwise) */
	int days; /* the period proposed in days, or 0 when given as a last day */
	char *kind; /* false_claim, no_show, other */
	char *reason, *until, *status; /* status: proposed, rejected, in_force, appealed, lifted */
	char *starts_on, *ends_on; /* set once confirmed */
	char *appeal, *decision; /* the appeal's text, the latest decision's reason; "" none */
	char *proposed_at; /* "YYYY-MM-DD HH:MM" */
	char *person_name, *id_masked; /* the queue's only ("" otherwise) */
	bool frozen; /* in force today */
	bool over; /* was in force, past its last day */
};
void person_sanctions_free(struct person_sanction **v, int n);

/* A person's records, newest first: staff (person_id as the database
 * gives it), or the signed-in person at a kiosk (person_id NULL,
 * token the citizen's). */
enum db_status db_person_sanctions(struct db_conn *c, const char *token, const char *person_id,
				   struct person_sanction **out, int *n, struct db_error *err);
/* The supervisor's queue: records to confirm, appeals to decide, oldest first. */
enum db_status db_sanction_queue(struct db_conn *c, const char *token, struct person_sanction **out,
				 int *n, struct db_error *err);

/* The operator proposes: kind as above, the reason (5 to 500 characters),
 * a period of days (until NULL) or a last day "YYYY-MM-DD" (days 0). */
enum db_status db_sanction_propose(struct db_conn *c, const char *token, const char *key,
				   const char *person_id, const char *kind, const char *reason,
				   int days, const char *until, struct db_manage_outcome *o,
				   struct db_error *err);
/* The supervisor: action "confirm", "reject", "uphold" (the appeal: the
 * record lifted) or "dismiss" (the appeal: it stays), with the reason. */
enum db_status db_sanction_decide(struct db_conn *c, const char *token, const char *key,
				  long long sanction, const char *action, const char *reason,
				  struct db_manage_outcome *o, struct db_error *err);
/* The appeal (5 to 500 characters), once: the counter for a person
 * (person_id), or the person at a kiosk (person_id NULL, the citizen's
 * token). */
enum db_status db_sanction_appeal(struct db_conn *c, const char *token, const char *key,
				  const char *person_id, long long sanction, const char *text,
				  struct db_manage_outcome *o, struct db_error *err);

/* One step of a record's history, oldest first: action propose, confirm,
 * reject, appeal, uphold, dismiss, or end (past its last day, not a row
 * of its own); who the staff member's name, "" for the person at a kiosk
 * or for the end; at "YYYY-MM-DD HH:MM" (the end: its first day free). */
struct sanction_step {
	char *at, *action, *who, *body;
};
void sanction_steps_free(struct sanction_step **v, int n);
/* Every step of record sanction, to the staff who may see the person's
 * records. */
enum db_status db_sanction_history(struct db_conn *c, const char *token, long long sanction,
				   struct sanction_step **out, int *n, struct db_error *err);

#endif
