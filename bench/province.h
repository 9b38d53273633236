/*
 * bench/province: many terminals, each on a connection of its own, each
 * running the mix of calls a province's kiosks and counters make, with
 * think time between them (bench/province.c says how to run it).
 *
 * The src/db calls block, so a thread serves several terminals in turn:
 * it sleeps until the terminal whose pause ends first is due, makes its
 * call, and picks the next. A call that is due while the thread is busy
 * starts late; that lag is measured apart from the call's own time.
 */
#ifndef WC_BENCH_PROVINCE_H
#define WC_BENCH_PROVINCE_H

#include <stdbool.h>

#include "db/db.h"

/* The calls timed, each as the screens make it. */
enum province_call {
	PC_POLICY_SEARCH, /* db_policy_search */
	PC_POLICY_DETAIL, /* db_policy_get */
	PC_SERVICE_SEARCH, /* db_service_search */
	PC_SERVICE_DETAIL, /* db_service_get */
	PC_CITIZEN_SIGN_IN, /* db_citizen_login */
	PC_STAFF_SIGN_IN, /* db_staff_login */
	PC_SIGN_OUT, /* db_citizen_logout, db_staff_logout */
	PC_BOOK, /* db_citizen_book */
	PC_CANCEL, /* db_citizen_cancel */
	PC_COMPLAINT, /* db_citizen_complaint_file */
	PC_NCALLS
};
extern const char *const province_call_name[PC_NCALLS];

/* What the terminals share, read only once they run. */
struct province_world {
	const long long *slots; /* bookable, with room for the whole run */
	int nslots;
	long long service; /* the one complaints are filed about */
	const char *staff_password; /* of every staff account below */
	double think_ms; /* the mean pause between two actions */
};

enum province_kind { PK_KIOSK, PK_COUNTER, PK_SUPERVISOR };

struct province_terminal {
	enum province_kind kind;
	char *conninfo, *county;
	char *id_number; /* kiosk: its person's; staff: the account's user name */
	char *key; /* sent as the program sends its key file's; NULL: none sent */
	struct db_conn *conn; /* NULL: not connected */
	char *token; /* the person or clerk signed in; NULL when none */
	long long booked; /* a booking to cancel next; 0 when none */
	double due_ms; /* when the next action starts */
	unsigned int seed;
};

/* What a thread saw: every call's time by kind, and the failures. */
struct province_tally {
	double *ms[PC_NCALLS];
	int n[PC_NCALLS], alloc[PC_NCALLS];
	int errors[PC_NCALLS]; /* the call failed (any db_status but DB_OK) */
	int refused[PC_NCALLS]; /* answered, with an outcome other than ok */
	double *lag_ms; /* how late actions started */
	int nlag, alloclag;
	int reconnects, reconnect_failures;
};
void province_tally_release(struct province_tally *t);
/* Add from into into; from is emptied. */
void province_tally_merge(struct province_tally *into, struct province_tally *from);

double province_now_ms(void);

/* Connect t (pooled: through PgBouncer in transaction mode), with its
 * key when it has one; false when the server or the pooler refused. */
bool province_terminal_connect(struct province_terminal *t, bool pooled);
/* Sign t's person or clerk in, untimed (before a run). */
bool province_terminal_sign_in(struct province_terminal *t, const struct province_world *w);
/* One action of the mix, its calls added to tally. */
void province_terminal_act(struct province_terminal *t, const struct province_world *w, bool pooled,
			   struct province_tally *tally);

#endif
