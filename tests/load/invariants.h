/*
 * invariants: what must hold of seats and money whatever the concurrency
 * (data/sql/0013_vouchers.sql, top), checked from the rows alone. The one
 * copy of these checks: tests/load/race runs them after its race,
 * bench/booking after each timed run, tests/db/test_bookings.c after each
 * test.
 *
 *   - each slot: seats taken == its bookings not cancelled, <= capacity;
 *   - each voucher: balance and held == the sums of its ledger, neither
 *     negative; holds - releases - redeemed == held == what its open
 *     bookings hold; face value == issued == balance + held + redeemed +
 *     expired;
 *   - each voucher-paid booking holds what its ledger hold says;
 *   - each booking not from a waiting list was made by exactly one
 *     request (one idempotency key) of its person or clerk: the same key
 *     never booked twice;
 *   - each county budget: total - left == face values issued - expired;
 *   - each department purchase: units used == its bookings booked or
 *     completed (a cancel or a no-show gives the unit back).
 */
#ifndef WC_TESTS_LOAD_INVARIANTS_H
#define WC_TESTS_LOAD_INVARIANTS_H

#include "db/db.h"

/* What was looked at. */
struct invariants_tally {
	long long slots, seats_taken, bookings, vouchers, ledger_entries;
	long long from_waitlist; /* of the bookings, those a waiting list made */
};

/*
 * Check the slots of provider's services and the vouchers of programme
 * (0 for either: every one in the database), in one snapshot, as the
 * administrator. Each violation adds a line to report. Returns the number
 * of violations, or -1 when the check could not run (err says why).
 */
int invariants_check(struct db_conn *admin, long long provider, long long programme,
		     struct sbuf *report, struct invariants_tally *tally, struct db_error *err);

#endif
