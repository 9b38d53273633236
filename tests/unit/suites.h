/* suites: one Check suite per core module, collected by check_core.c. */
#ifndef WC_TESTS_UNIT_SUITES_H
#define WC_TESTS_UNIT_SUITES_H

#include <check.h>

Suite *assessment_suite(void);
Suite *audit_chain_suite(void);
Suite *audit_words_suite(void);
Suite *cluster_suite(void);
Suite *csv_suite(void);
Suite *date_suite(void);
Suite *editline_suite(void);
Suite *eligibility_suite(void);
Suite *verify_suite(void);
Suite *encoding_suite(void);
Suite *fold_suite(void);
Suite *idcard_suite(void);
Suite *mobile_suite(void);
Suite *notice_kinds_suite(void);
Suite *quiet_suite(void);
Suite *sms_suite(void);
Suite *money_suite(void);
Suite *figure_suite(void);
Suite *evaluation_suite(void);
Suite *sparkline_suite(void);
Suite *settle_suite(void);
Suite *normalize_suite(void);
Suite *region_suite(void);
Suite *role_suite(void);
Suite *sbuf_suite(void);
Suite *security_words_suite(void);
Suite *text_suite(void);
Suite *uscc_suite(void);
Suite *xlsx_read_suite(void);
Suite *xls_read_suite(void);

#endif
