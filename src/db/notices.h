/*
 * db/notices: the outbox as wanchuang-notify sees it (functions/notices.sql):
 * listen for new notices, claim due ones, record how each went; and the
 * person's choice to receive none, set at the counter.
 */
#ifndef WC_DB_NOTICES_H
#define WC_DB_NOTICES_H

#include <stdbool.h>
#include <stddef.h>

#include "db/conn.h"

struct db_notice {
	long long id; /* the key the gateway de-duplicates on */
	char *kind; /* booking_confirmed, booking_reminder, … */
	char *params; /* the template's variables: a JSON object's text */
	char *mobile; /* 11 digits; wiped when released */
	int attempts; /* this one included */
};

/* LISTEN on the notice channel (again on a new connection). */
enum db_status db_notices_listen(struct db_conn *c, struct db_error *err);

/* Claim up to batch due notices of kinds (an array's text,
 * "{booking_confirmed,…}": the others stay pending), marked sending and
 * committed; one left in sending longer than lease_s seconds is claimed
 * again. *out and *n are set even on failure (NULL, 0); release with
 * db_notices_free. */
enum db_status db_notices_claim(struct db_conn *c, int batch, int lease_s, const char *kinds,
				struct db_notice **out, size_t *n, struct db_error *err);
void db_notices_free(struct db_notice **list, size_t n);

/* How a sending went: outcome "sent", "retry" or "refused"; answer the
 * gateway's (or why there was none). state (16 bytes) gets the state
 * after: sent, pending (again after retry_s doubled per attempt), failed. */
enum db_status db_notice_record(struct db_conn *c, long long id, const char *outcome,
				const char *answer, int retry_s, char state[16],
				struct db_error *err);

/* Seconds until the next notice of kinds (as for the claim) falls due,
 * or a policy's notices are to be written (0 if now); -1 if none waits. */
enum db_status db_notice_next_due(struct db_conn *c, const char *kinds, long *seconds,
				  struct db_error *err);

/* The person's choice, at the counter (a person of its area): whether
 * they receive no notices. */
enum db_status db_person_notices_off(struct db_conn *c, const char *token, const char *person,
				     bool *off, struct db_error *err);
enum db_status db_person_notices_set(struct db_conn *c, const char *token, const char *person,
				     bool off, struct db_error *err);
/* The same, by the signed-in person at a kiosk. */
enum db_status db_citizen_notices_off(struct db_conn *c, const char *token, bool *off,
				      struct db_error *err);
enum db_status db_citizen_notices_set(struct db_conn *c, const char *token, bool off,
				      struct db_error *err);

#endif
