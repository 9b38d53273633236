/* check_db: the database tests; skipped (77) when no server is named.
 *
 * WANCHUANG_SUITE_DB, when set, names a database of the suite's own
 * (scripts/check starts a server for it): the suite plants rows the
 * end-to-end tests' lists would show (programmes, reviews dated 1998) and
 * checks invariants over every voucher, so beside those tests, four at a
 * time, the two would read each other's rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dbtest.h"

int main(void)
{
	SRunner *sr;
	int failed;

	const char *own = getenv("WANCHUANG_SUITE_DB");

	if (own && *own)
		setenv("WANCHUANG_TEST_DB", own, 1);
	if (!getenv("WANCHUANG_TEST_DB") || !*getenv("WANCHUANG_TEST_DB")) {
		fputs("WANCHUANG_TEST_DB is not set: run scripts/check, which starts a server\n",
		      stderr);
		return 77;
	}
	sr = srunner_create(privileges_suite());
	srunner_add_suite(sr, auth_suite());
	srunner_add_suite(sr, migrate_suite());
	srunner_add_suite(sr, people_suite());
	srunner_add_suite(sr, matrix_suite());
	srunner_add_suite(sr, policies_suite());
	srunner_add_suite(sr, policy_cache_suite());
	srunner_add_suite(sr, bookings_suite());
	srunner_add_suite(sr, complaints_suite());
	srunner_add_suite(sr, forward_suite());
	srunner_add_suite(sr, reviews_suite());
	srunner_add_suite(sr, applications_suite());
	srunner_add_suite(sr, manage_suite());
	srunner_add_suite(sr, prices_suite());
	srunner_add_suite(sr, limits_suite());
	srunner_add_suite(sr, masking_suite());
	srunner_add_suite(sr, wait_suite());
	srunner_add_suite(sr, pooled_suite());
	srunner_add_suite(sr, retry_suite());
	srunner_add_suite(sr, pin_lock_suite());
	srunner_add_suite(sr, audit_view_suite());
	srunner_add_suite(sr, terminal_key_suite());
	srunner_add_suite(sr, pool_trace_suite());
	srunner_add_suite(sr, figures_suite());
	srunner_add_suite(sr, evaluation_suite());
	srunner_add_suite(sr, assessment_suite());
	srunner_add_suite(sr, assessment_issue_suite());
	srunner_add_suite(sr, settlement_suite());
	srunner_add_suite(sr, notices_suite());
	srunner_add_suite(sr, budgets_suite());
	srunner_add_suite(sr, guests_suite());
	srunner_add_suite(sr, sanctions_suite());
	srunner_add_suite(sr, worklist_suite());
	srunner_add_suite(sr, provider_complaints_suite());
	srunner_add_suite(sr, appeals_suite());
	srunner_add_suite(sr, purchases_suite());
	srunner_add_suite(sr, application_kiosk_suite());
	srunner_add_suite(sr, notice_kinds_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
