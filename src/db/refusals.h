/*
 * db/refusals: what a refusal of the database means (an msgid the
 * screens translate), and the request key that makes a resent call
 * happen once.
 */
#ifndef WC_DB_REFUSALS_H
#define WC_DB_REFUSALS_H

#include <stdbool.h>

#include "core/sbuf.h"
#include "db/conn.h"

/* refusals.c: the msgid that explains a refusal, or NULL when there is
 * none ("ok", or no outcome). An outcome word this program does not know
 * gets its domain's general refusal, never the raw word. */
/* Our SQLSTATE WC0xx errors (bad input to registration, sign-in, a
 * password, onboarding), by the state and, where it tells more, the
 * DETAIL word. */
const char *db_refusal_msgid(const struct db_error *err);
/* admin_refusals.c: an administrator's command refused by wc_admin.*, in
 * words: false if the message is not one of them; else its primary
 * message and its hint (or the server's) appended, translated. */
bool db_admin_refusal_words(const struct db_error *err, struct sbuf *primary, struct sbuf *hint);
/* Vouchers and bookings (wc.outcome); "waiting" is no refusal either. */
const char *db_outcome_msgid(const char *outcome);
const char *db_complaint_outcome_msgid(const char *outcome);
const char *db_review_outcome_msgid(const char *outcome);
const char *db_application_outcome_msgid(const char *outcome);
/* Provider management, slots closed, texts taken down. */
const char *db_manage_outcome_msgid(const char *outcome);
/* Prices and the provider's own services and slots. */
const char *db_act_outcome_msgid(const char *outcome);

/* request_key.c */
/*
 * A new idempotency key (a random UUID): one per action the person
 * means to take once. Keep it until the outcome is shown; a retry of the
 * same action sends the same key.
 */
void db_request_key(char out[37]);

#endif
