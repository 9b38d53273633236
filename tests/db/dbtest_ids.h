/*
 * dbtest_ids: valid identifiers for tests and load programs — resident ID
 * numbers (GB 11643) and unified social credit codes (GB 32100) of 蜀山区,
 * with their check characters computed here, independently of the code
 * under test. No Check and no libpq: tests/load links this too.
 */
#ifndef WC_TESTS_DBTEST_IDS_H
#define WC_TESTS_DBTEST_IDS_H

/* A valid ID number, new on every call and every run (random). */
void dbtest_id_number(char out[19]);
/* The n-th of 10,080,000 distinct valid ID numbers (n is taken modulo
 * that): for programs that make many people and must not repeat one. */
void dbtest_id_number_at(unsigned long n, char out[19]);
/* A valid credit code of a 蜀山区 company, new on every call. */
void dbtest_credit_code(char out[19]);

#endif
