/*
 * dbtest: helpers for tests against the real server named by
 * WANCHUANG_TEST_DB (a superuser's conninfo; scripts/check starts a
 * throwaway server and migrates its database). Names made here carry the
 * process id, so runs against one database never collide.
 */
#ifndef WC_TESTS_DBTEST_H
#define WC_TESTS_DBTEST_H

#include <check.h>

#include "db/db.h"
#include "dbtest_ids.h"

/* A number drawn once per process, for names that must differ from those
 * of earlier runs against the same database (process ids repeat). */
unsigned dbtest_salt(void);
/* The administrator's connection; the test fails if it cannot connect. */
struct db_conn *dbtest_admin(void);
/* A new terminal login of kind "kiosk" or "staff"; returns a connection. */
struct db_conn *dbtest_terminal(struct db_conn *admin, const char *kind, const char *region);
/* The same, not connected: its role's name in name, and its connection
 * string (caller frees). */
char *dbtest_terminal_add(struct db_conn *admin, const char *kind, const char *region,
			  char name[64]);
/* A new staff account with the given role, region and password, its
 * first-sign-in change already done; returns its user name (static
 * storage, valid until the next call). */
const char *dbtest_staff(struct db_conn *admin, const char *role, const char *region,
			 const char *password);
/* A new staff account (dbtest_staff) signed in at desk: its token (caller
 * frees). provider_cc: for role "provider", the provider it acts for. */
char *dbtest_sign_in(struct db_conn *admin, struct db_conn *desk, const char *role,
		     const char *region, const char *provider_cc);
/* Run SQL as the administrator and fail the test on error. */
void dbtest_sql(struct db_conn *admin, const char *sql, int n, const char *const *params);
/* The first value of the first row, copied (caller frees). */
char *dbtest_value(struct db_conn *c, const char *sql, int n, const char *const *params);
/* The security report's rows of one section for one item, their details
 * joined by spaces ("" for none; caller frees). */
char *dbtest_report_detail(struct db_conn *admin, const char *section, const char *item);

/*
 * n callers, each in a process of its own with a connection of its own to
 * terminal i % nterm (names and connection strings from
 * dbtest_terminal_add): ready(i, c, arg) first, a sign-in say (NULL for
 * none), then, once every caller is ready, act(i, c, arg), so that the
 * acts arrive together. The terminals' connection limits are raised to
 * let them all in. Returns how many callers failed (a step false, a crash).
 */
typedef bool (*dbtest_step)(int i, struct db_conn *c, void *arg);
int dbtest_race(struct db_conn *admin, int n, int nterm, char names[][64], char *const *infos,
		dbtest_step ready, dbtest_step act, void *arg);

/* A person registered in 蜀山区 (340104) with the kiosk PIN 583920;
 * fills id_number; returns the person's id (caller frees). */
char *dbtest_person(struct db_conn *admin, const char *categories, const char *stage,
		    char id_number[19]);
/* A kiosk session of that person; returns the token (caller frees). */
char *dbtest_citizen(struct db_conn *kiosk, const char *id_number);
/* A booking of the person's (id as text) of service, served yesterday
 * and closed as completed, for a review; returns its id. */
long long dbtest_completed_booking(struct db_conn *admin, const char *person, long long service);

/* The invariants of tests/load/invariants.h (seats, ledger sums, holds,
 * face values, one key a booking, budgets, purchased units) over
 * provider and every voucher; the test fails with the report if one
 * does not hold. */
void dbtest_invariants(struct db_conn *admin, long long provider);
/* A complete application of a new 蜀山区 company named after its
 * credit code (name: prefix and the code's tail), with two materials
 * listed; code and contact filled. */
void dbtest_application_sample(struct application_input *in, char code[19], char contact[19],
			       char name[64], const char *prefix);
/* A voucher of 1000 yuan, all of it left, of programme code for person
 * (id as text), from county's budget, its last day days from today, with
 * the number no, as issuing leaves it: its ledger entry, the budget
 * debited (other tests check every voucher against its ledger). Returns
 * its id (caller frees). */
char *dbtest_voucher_issued(struct db_conn *admin, const char *code, const char *person,
			    const char *county, int days, const char *no);

/* The administrator's connection turned into kind's pool login (kiosk,
 * staff: session_user is then wc_pool_kind, as behind PgBouncer's
 * shared entry), marked pooled as the program marks a connection
 * through PgBouncer, sending key (or none). */
struct db_conn *dbtest_pool(const char *kind, const char *key);

Suite *auth_suite(void);
Suite *migrate_suite(void);
Suite *people_suite(void);
Suite *matrix_suite(void);
Suite *privileges_suite(void);
Suite *policies_suite(void);
Suite *policy_cache_suite(void);
Suite *bookings_suite(void);
Suite *complaints_suite(void);
Suite *forward_suite(void);
Suite *reviews_suite(void);
Suite *applications_suite(void);
Suite *manage_suite(void);
Suite *prices_suite(void);
Suite *limits_suite(void);
Suite *masking_suite(void);
Suite *wait_suite(void);
Suite *pooled_suite(void);
Suite *retry_suite(void);
Suite *pin_lock_suite(void);
Suite *audit_view_suite(void);
Suite *terminal_key_suite(void);
Suite *pool_trace_suite(void);
Suite *figures_suite(void);
Suite *evaluation_suite(void);
Suite *assessment_suite(void);
Suite *assessment_issue_suite(void);
Suite *settlement_suite(void);
Suite *notices_suite(void);
Suite *budgets_suite(void);
Suite *guests_suite(void);
Suite *sanctions_suite(void);
Suite *worklist_suite(void);
Suite *notice_kinds_suite(void);
Suite *provider_complaints_suite(void);
Suite *appeals_suite(void);
Suite *purchases_suite(void);
Suite *application_kiosk_suite(void);

#endif
