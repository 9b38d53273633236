/*
 * db/worklist: the counter's 待办事项 (data/sql/functions/worklist.sql) —
 * the counts of what waits for the counter's area, and the lists behind
 * the two that have no screen of their own elsewhere. The returned
 * applications are listed by db_application_queue with the list
 * "returned".
 */
#ifndef WC_DB_WORKLIST_H
#define WC_DB_WORKLIST_H

#include "db/bookings.h"
#include "db/conn.h"

struct worklist_counts {
	long long returned_applications; /* returned to the applicant for more material */
	long long bookings_to_close; /* offline services whose time has come */
	long long vouchers_expiring; /* money left, last day near */
	long long objections_open; /* provider applications with an objection undecided */
	long long waitlist_untold; /* seats from the waiting list whose SMS did not go */
	long long policy_untold; /* people a new policy's SMS did not reach */
};
enum db_status db_counter_worklist(struct db_conn *c, const char *token,
				   struct worklist_counts *out, struct db_error *err);

/* The open bookings of offline services of the area's people whose slot
 * has begun, earliest first (status "booked"); *out has *n (caller frees
 * with booking_founds_free). */
enum db_status db_counter_bookings_to_close(struct db_conn *c, const char *token,
					    struct booking_found **out, int *n,
					    struct db_error *err);
/* Seats given from the waiting list to the area's people, still to
 * come, whose SMS did not go and is not on its way; earliest first, as
 * db_counter_bookings_to_close gives its rows. */
enum db_status db_counter_waitlist_untold(struct db_conn *c, const char *token,
					  struct booking_found **out, int *n,
					  struct db_error *err);
void booking_founds_free(struct booking_found **v, int n);

/* A person of the area a new policy's SMS did not reach, not yet told. */
struct worklist_person {
	long long person_id;
	char *name_masked, *mobile_masked;
	char *titles; /* the policies' titles, one a line, newest first */
};
/* Newest registrations first; *out has *n (caller frees with
 * worklist_people_free). */
enum db_status db_counter_policy_untold(struct db_conn *c, const char *token,
					struct worklist_person **out, int *n,
					struct db_error *err);
void worklist_people_free(struct worklist_person **v, int n);

/* A voucher of the area's people with money left and its last day near. */
struct worklist_voucher {
	long long id, person_id, balance_fen, held_fen;
	char *no, *name_masked, *programme, *valid_until; /* "YYYY-MM-DD" */
};
/* Nearest last day first; *out has *n (caller frees with
 * worklist_vouchers_free). */
enum db_status db_counter_vouchers_expiring(struct db_conn *c, const char *token,
					    struct worklist_voucher **out, int *n,
					    struct db_error *err);
void worklist_vouchers_free(struct worklist_voucher **v, int n);

#endif
