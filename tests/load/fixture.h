/*
 * fixture: the rows the load programs (tests/load/race, bench/booking)
 * build as the administrator — kiosk and staff terminals, a provider, its
 * services and slots, a voucher programme with a budget, people with a
 * kiosk PIN, vouchers issued at a counter — the way tests/db/dbtest.c
 * and tests/db/test_bookings.c build them, with names that carry the
 * process id so that runs against one database never collide.
 *
 * These are programs, not Check suites: every failure prints one line
 * saying what failed and ends the process with status 1.
 */
#ifndef WC_TESTS_LOAD_FIXTURE_H
#define WC_TESTS_LOAD_FIXTURE_H

#include "db/db.h"

/* Print "prog: what: the server's message" and exit(1). */
_Noreturn void fixture_die(const char *what, const struct db_error *err);

/* Connect (blocking) or die. */
struct db_conn *fixture_connect(const char *conninfo, const char *application);
/* Run SQL or die. */
void fixture_sql(struct db_conn *c, const char *sql, int n, const char *const *params);
/* The first value of the first row, copied (caller frees); dies without one. */
char *fixture_value(struct db_conn *c, const char *sql, int n, const char *const *params);
/* The same, as a number. */
long long fixture_ll(struct db_conn *c, const char *sql, int n, const char *const *params);

/*
 * A new terminal login of kind "kiosk" (in 蜀山区) or "staff"; fills role
 * with its name (NULL: not wanted); returns the conninfo to reach admin's
 * database as it (caller frees). Connect in the process that uses it: a
 * libpq connection must not cross fork().
 */
char *fixture_terminal(struct db_conn *admin, const char *kind, char role[64]);

/* A provider in 蜀山区; fills its credit code; returns its id. */
long long fixture_provider(struct db_conn *admin, char credit_code[19]);
/* A service of that provider: paid (and payable by vouchers) when price_fen
 * > 0, free otherwise; cancellable until 24 hours before. Returns its id. */
long long fixture_service(struct db_conn *admin, const char *credit_code, const char *category,
			  long long price_fen);
/* A slot of the service starting in three days and minute minutes. */
long long fixture_slot(struct db_conn *admin, long long service, int capacity, int minute);
/* A programme paying for categories (a PostgreSQL array literal such as
 * {training,guidance}) with a budget in 蜀山区; returns its id. */
long long fixture_programme(struct db_conn *admin, const char *categories, long long face_fen,
			    long long budget_fen);

/* A person of 蜀山区 with the kiosk PIN 583920; fills id_number; returns
 * the person's id (caller frees). */
char *fixture_person(struct db_conn *admin, char id_number[19]);
/* Sign that person in at a kiosk; returns the session token (caller frees). */
char *fixture_sign_in(struct db_conn *kiosk, const char *id_number);

/* A counter clerk of 蜀山区 signed in at a staff terminal. */
struct fixture_desk {
	struct db_conn *conn;
	char *token;
};
void fixture_desk_open(struct fixture_desk *d, struct db_conn *admin);
void fixture_desk_close(struct fixture_desk *d);
/* Issue the person a voucher of the programme (api.voucher_issue);
 * returns its id. */
long long fixture_issue(struct fixture_desk *d, const char *person, long long programme);

#endif
