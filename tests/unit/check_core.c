/* check_core: runs every unit suite of src/core (no server, no terminal). */
#include "config.h"

#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(sbuf_suite());
	int failed;

	srunner_add_suite(sr, cluster_suite());
	srunner_add_suite(sr, audit_words_suite());
	srunner_add_suite(sr, security_words_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, editline_suite());
	srunner_add_suite(sr, eligibility_suite());
	srunner_add_suite(sr, verify_suite());
	srunner_add_suite(sr, assessment_suite());
	srunner_add_suite(sr, audit_chain_suite());
	srunner_add_suite(sr, role_suite());
	srunner_add_suite(sr, encoding_suite());
	srunner_add_suite(sr, csv_suite());
	srunner_add_suite(sr, normalize_suite());
	srunner_add_suite(sr, fold_suite());
	srunner_add_suite(sr, date_suite());
	srunner_add_suite(sr, idcard_suite());
	srunner_add_suite(sr, uscc_suite());
	srunner_add_suite(sr, xlsx_read_suite());
	srunner_add_suite(sr, xls_read_suite());
	srunner_add_suite(sr, mobile_suite());
	srunner_add_suite(sr, quiet_suite());
	srunner_add_suite(sr, sms_suite());
	srunner_add_suite(sr, notice_kinds_suite());
	srunner_add_suite(sr, money_suite());
	srunner_add_suite(sr, figure_suite());
	srunner_add_suite(sr, evaluation_suite());
	srunner_add_suite(sr, sparkline_suite());
	srunner_add_suite(sr, settle_suite());
	srunner_add_suite(sr, region_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
