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
};
enum db_status db_counter_worklist(struct db_conn *c, const char *token,
				   struct worklist_counts *out, struct db_error *err);

/* The open bookings of offline services of the area's people whose slot
 * has begun, earliest first (status "booked"); *out has *n (caller frees
 * with booking_founds_free). */
enum db_status db_counter_bookings_to_close(struct db_conn *c, const char *token,
					    struct booking_found **out, int *n,
					    struct db_error *err);
void booking_founds_free(struct booking_found **v, int n);

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
