/*
 * db: the only way to the database, and the only code that includes
 * libpq-fe.h. Front door of src/db.
 *
 * Every query travels with its parameters apart (PQexecParams, no named
 * prepared statements, no session state: the program also works behind
 * PgBouncer in transaction mode). Results are copied out of libpq at once,
 * so no libpq memory leaves this layer. Errors come back as a status and a
 * struct db_error the caller reports once.
 */
#ifndef WC_DB_DB_H
#define WC_DB_DB_H

#include <stdbool.h>
#include <stdio.h>

#include "core/core.h"

struct db_conn; /* opaque */
struct db_result; /* opaque: rows of text values */

enum db_status {
	DB_OK = 0,
	DB_ERR_CONNECT, /* could not connect; see db_conn_problem */
	DB_ERR_LOST, /* the connection broke during the call */
	DB_ERR_TIMEOUT, /* the server did not answer in time */
	DB_ERR_SESSION, /* sign-in expired or ended (SQLSTATE WC001) */
	DB_ERR_DENIED, /* the database refused (SQLSTATE 42501) */
	DB_ERR_SERVER, /* any other error the server reported */
};

struct db_error {
	enum db_status status;
	char sqlstate[6];
	char *primary; /* server's message, or NULL; never shown raw on screen */
	char *detail; /* or NULL */
	char *hint; /* or NULL */
};

#define DB_ERROR_INIT                                                                              \
	{                                                                                          \
		DB_OK, "", NULL, NULL, NULL                                                        \
	}
void db_error_release(struct db_error *err);

/* Why a connection failed, for a message that says what to check. */
enum db_problem {
	DB_PROBLEM_NONE,
	DB_PROBLEM_NO_SERVER, /* nothing listens where we looked */
	DB_PROBLEM_AUTH, /* the terminal's login or password is wrong */
	DB_PROBLEM_NO_DATABASE,
	DB_PROBLEM_HOST, /* host name not found or unreachable */
	DB_PROBLEM_TIMEOUT,
	DB_PROBLEM_CONNINFO, /* the connection string itself is malformed */
	DB_PROBLEM_OTHER,
};

/* --- conn.c --- */

/*
 * A connection to conninfo (a libpq connection string or URI; "" means
 * libpq's own environment: PGHOST, PGSERVICE, …). Nothing happens until
 * db_conn_start.
 */
struct db_conn *db_conn_new(const char *conninfo, const char *application);
void db_conn_free(struct db_conn **c);

enum db_wait { DB_WAIT_READ, DB_WAIT_WRITE, DB_WAIT_DONE, DB_WAIT_FAILED };
/* Start connecting without blocking (except a host name look-up). */
enum db_wait db_conn_start(struct db_conn *c);
/* Advance after the socket is ready as asked. */
enum db_wait db_conn_poll(struct db_conn *c);
/* Connect, blocking; for the admin tool and tests. */
bool db_conn_open(struct db_conn *c);
int db_conn_socket(const struct db_conn *c);
bool db_conn_ok(const struct db_conn *c);
/* Live complaint queues: LISTEN on the complaint channel (once per
 * connection; a new connection needs it again); whether this connection
 * listens; and, when its socket is readable, how many notifications came
 * (-1: the connection is lost). A notification is only a hint to fetch
 * again: it carries an id, never content. */
enum db_status db_complaints_listen(struct db_conn *c, struct db_error *err);
bool db_conn_listening(const struct db_conn *c);
int db_conn_notified(struct db_conn *c);
enum db_problem db_conn_problem(const struct db_conn *c);
/* libpq's message, one line, for logs and the admin tool. */
const char *db_conn_message(const struct db_conn *c);
/* Where we are connected: "dbname on host:port" parts; NULL if unknown. */
const char *db_conn_host(const struct db_conn *c);
const char *db_conn_port(const struct db_conn *c);
const char *db_conn_dbname(const struct db_conn *c);

/* --- exec.c --- */

/* Run one statement with parameters ($1…). res may be NULL. */
enum db_status db_exec(struct db_conn *c, const char *sql, int nparams, const char *const *params,
		       struct db_result **res, struct db_error *err);
/* Run a script of our own (a migration): several statements, no parameters. */
enum db_status db_exec_script(struct db_conn *c, const char *sql, struct db_error *err);

int db_result_rows(const struct db_result *r);
int db_result_cols(const struct db_result *r);
/* The value, or NULL for SQL NULL. Valid until db_result_free. */
const char *db_result_get(const struct db_result *r, int row, int col);
/* Copy of the value ("" for NULL). Caller frees. */
char *db_result_dup(const struct db_result *r, int row, int col);
void db_result_free(struct db_result **r);

/* Rows of (code, name) from a query of our own, such as api.person_categories(). */
enum db_status db_code_list(struct db_conn *c, const char *query, struct code_list *out,
			    struct db_error *err);
/* The same with parameters (a token, say). */
enum db_status db_code_list_params(struct db_conn *c, const char *query, int nparams,
				   const char *const *params, struct code_list *out,
				   struct db_error *err);

/* --- auth.c --- */

struct staff_session {
	char *token; /* secret: the first argument of every call */
	char *username;
	char *display_name;
	enum role role;
	char *region_code;
	char *region_name;
	bool must_change; /* an administrator's password: change it first */
};
void staff_session_release(struct staff_session *s);

enum db_login {
	DB_LOGIN_OK,
	DB_LOGIN_INVALID, /* wrong user name or password */
	DB_LOGIN_LOCKED, /* locked; *locked_until says until when */
	DB_LOGIN_THROTTLED, /* this terminal tried too often */
	DB_LOGIN_ERROR, /* see err */
};
enum db_login db_staff_login(struct db_conn *c, const char *username, const char *password,
			     struct staff_session *out, char **locked_until, struct db_error *err);
enum db_status db_staff_logout(struct db_conn *c, const char *token, struct db_error *err);
/* Refusals: WC032 wrong current password, WC030 (detail: length, classes,
 * username, common, same) a new password not allowed. */
enum db_status db_staff_change_password(struct db_conn *c, const char *token, const char *old_pw,
					const char *new_pw, struct db_error *err);

struct staff_account {
	char *username, *display_name, *role, *region_code, *region_name;
	char *last_login_at; /* "" if this is the first sign-in */
	char *expires_at;
	char *failed_since_last;
};
void staff_account_release(struct staff_account *a);
enum db_status db_staff_whoami(struct db_conn *c, const char *token, struct staff_account *out,
			       struct db_error *err);

struct terminal_info {
	char *kind; /* "kiosk", "staff", or "" if not registered */
	char *region_code; /* "" if none */
	char *region_name;
	char *city_name;
};
void terminal_info_release(struct terminal_info *t);
enum db_status db_terminal_info(struct db_conn *c, struct terminal_info *out, struct db_error *err);

/* --- people.c --- */

enum db_status db_regions_load(struct db_conn *c, struct region_list *out, struct db_error *err);

enum db_status db_person_categories(struct db_conn *c, struct code_list *out, struct db_error *err);

/* What the counter types to register a person; "" or NULL for the
 * optional ones. categories is a PostgreSQL array literal: {veteran,graduate}. */
struct person_input {
	const char *id_number, *name, *mobile, *household, *residence;
	const char *categories, *evidence, *stage; /* stage: intending | started */
	const char *credit_code, *org_name, *org_kind, *org_registered_on;
	const char *override_reason;
};
/* Refusals come back as DB_ERR_SERVER with SQLSTATE WC0xx: see
 * db_refusal_msgid. *person_id: caller frees. */
enum db_status db_person_register(struct db_conn *c, const char *token,
				  const struct person_input *in, char **person_id,
				  struct db_error *err);
enum db_status db_person_set_pin(struct db_conn *c, const char *token, const char *person_id,
				 const char *pin, struct db_error *err);

struct person_row {
	char *person_id, *name, *id_masked, *mobile_masked, *county_name;
};
void person_rows_free(struct person_row **rows, int n);
/* By exact ID number, or by name and the mobile's last 4 digits. */
enum db_status db_person_find(struct db_conn *c, const char *token, const char *id_number,
			      const char *name, const char *mobile_last4, struct person_row **rows,
			      int *n, struct db_error *err);

/* Masked, as every screen but registration shows a person. Booleans are
 * "t"/"f"; absent values "". */
struct person_detail {
	char *name, *id_masked, *mobile_masked, *sex, *birth_date, *household_name;
	char *residence_name, *categories, *evidence, *stage, *has_pin, *pin_locked;
	char *org_name, *credit_code, *org_kind, *org_registered_on;
	char *household_code, *residence_code;
};
void person_detail_release(struct person_detail *d);
enum db_status db_person_get(struct db_conn *c, const char *token, const char *person_id,
			     struct person_detail *d, struct db_error *err);
/* Change the registration; mobile NULL or "" keeps it. Each changed field
 * is audited with its old value. */
struct person_change {
	const char *name, *mobile, *household, *residence, *evidence, *stage;
};
enum db_status db_person_update(struct db_conn *c, const char *token, const char *person_id,
				const struct person_change *ch, struct db_error *err);
/* Set the person's categories (a PostgreSQL array of codes, {veteran});
 * audited with the old list when it changes. WC019: unknown category. */
enum db_status db_person_set_categories(struct db_conn *c, const char *token, const char *person_id,
					const char *categories, struct db_error *err);
/* Set, change or (credit_code NULL or "") remove the person's
 * organisation, with the checks of registration (WC013, WC014, WC015,
 * WC023, WC024); audited with the old and new values. */
struct org_input {
	const char *credit_code, *name, *kind, *registered_on, *override_reason;
};
enum db_status db_person_set_organisation(struct db_conn *c, const char *token,
					  const char *person_id, const struct org_input *in,
					  struct db_error *err);
/* The full numbers; audited. Caller frees both. */
enum db_status db_person_reveal(struct db_conn *c, const char *token, const char *person_id,
				char **id_number, char **mobile, struct db_error *err);

struct citizen_session {
	char *token; /* secret */
	char *name_masked; /* 王* */
	char *county_name;
};
void citizen_session_release(struct citizen_session *s);
/* Kiosk sign-in: OK, INVALID (unknown, no PIN yet, or wrong), LOCKED
 * (until the counter sets a new PIN), THROTTLED, ERROR. */
enum db_login db_citizen_login(struct db_conn *c, const char *id_number, const char *pin,
			       struct citizen_session *out, struct db_error *err);
enum db_status db_citizen_logout(struct db_conn *c, const char *token, struct db_error *err);

/* The msgid that explains one of our refusals (SQLSTATE WC0xx), or NULL. */
const char *db_refusal_msgid(const struct db_error *err);

/* --- audit.c --- */

struct audit_row {
	char *id, *at, *terminal, *username, *staff_name, *action, *object, *detail;
};
void audit_rows_free(struct audit_row **rows, int n);
/* Newest first; action and day ("YYYY-MM-DD") may be NULL or ""; before:
 * the id to page back from, or NULL. Supervisor, bureau and admin only
 * (WC002); each look is itself audited. */
enum db_status db_audit_list(struct db_conn *c, const char *token, const char *action,
			     const char *day, const char *before, int limit,
			     struct audit_row **rows, int *n, struct db_error *err);

/* --- admin.c (wanchuang-admin only) --- */

/* provider: for role provider, the credit code of the active provider the
 * account acts for (created and linked at once); NULL otherwise. */
enum db_status db_staff_add(struct db_conn *c, const char *username, const char *role,
			    const char *region, const char *name, const char *password,
			    const char *provider, struct db_error *err);
enum db_status db_terminal_add(struct db_conn *c, const char *name, const char *kind,
			       const char *region, const char *password, struct db_error *err);
enum db_status db_terminal_revoke(struct db_conn *c, const char *name, struct db_error *err);
enum db_status db_staff_set_disabled(struct db_conn *c, const char *username, bool disabled,
				     struct db_error *err);
enum db_status db_staff_reset_password(struct db_conn *c, const char *username,
				       const char *password, struct db_error *err);

/* --- migrate.c, functions.c --- */

/*
 * Bring the database to what dir says, in one transaction: the numbered
 * migrations NNNN_name.sql not applied yet, in order, each recorded in
 * wc_meta.migration with its checksum, and the function files of
 * dir/functions, every time (migrate.c says in which order and why).
 * Refuses (DB_ERR_SERVER, err->primary says why) when what was applied
 * differs from the files; then nothing changes. Progress lines go to log
 * (may be NULL). *applied is set to the number of migrations applied now.
 */
enum db_status db_migrate(struct db_conn *c, const char *dir, FILE *log, int *applied,
			  struct db_error *err);

/* How the database differs from dir (db_migrate_check). */
enum db_drift_kind {
	DRIFT_PENDING, /* a migration not applied yet; nothing else is compared then */
	DRIFT_MISSING, /* in a function file, not in the database */
	DRIFT_EXTRA, /* in the database, in no function file */
	DRIFT_CHANGED, /* defined otherwise in the database than in its file */
	DRIFT_GRANTS, /* granted otherwise in the database than in its file */
	DRIFT_OWNER, /* not owned by wc_owner */
};
struct db_drift {
	enum db_drift_kind kind;
	char *object; /* a migration's file name, or the server's name of the
			 object: "function api.regions()" */
};

/*
 * What db_migrate would change, changing nothing: the pending migrations,
 * or else each function, trigger and view of schemas wc, api and wc_admin
 * that differs from the function files (applied in a transaction that is
 * rolled back). *out has *count elements; free with db_drift_free. Fails
 * as db_migrate does when history was edited.
 */
enum db_status db_migrate_check(struct db_conn *c, const char *dir, struct db_drift **out,
				int *count, struct db_error *err);
void db_drift_free(struct db_drift **d, int n);

/* --- policies.c --- */

enum db_status db_policy_kinds(struct db_conn *c, struct code_list *out, struct db_error *err);

enum policy_write_result { POLICY_INSERTED, POLICY_UPDATED, POLICY_UNCHANGED };
/*
 * Write a checked policy, new or changed by its code: as the administrator
 * (token NULL: wc_admin.policy_import) or as bureau or operator staff
 * (api.policy_save, which checks the role).
 */
enum db_status db_policy_write(struct db_conn *c, const char *token, const struct policy_row *r,
			       enum policy_write_result *what, struct db_error *err);

/* A search (api.policy_search). NULL or "" for a filter not set. */
struct policy_query {
	const char *text; /* terms separated by blanks, all must occur */
	const char *region; /* a county sees its city's and the province's too */
	const char *kind; /* support_kind code */
	const char *group; /* person category code */
	bool include_expired;
	const char *after; /* the cursor of the previous page's last hit */
	int limit;
};
struct policy_hit {
	long long id;
	char *code, *title, *issuer, *doc_no, *kind_name, *region_name;
	char *status; /* in_force | upcoming | expired */
	char *cursor; /* pass as after for the page that follows this hit */
	long long max_yuan; /* -1: no amount */
};
struct policy_page {
	struct policy_hit *v;
	int count;
	long long total; /* hits of the whole search; -1: more than a search counts */
};
void policy_page_release(struct policy_page *p);
enum db_status db_policy_search(struct db_conn *c, const struct policy_query *q,
				struct policy_page *out, struct db_error *err);

/* The eligibility columns of a policy, as stored. */
struct policy_rule_cols {
	char *region;
	char **groups, **entities;
	size_t ngroups, nentities;
	int age_min, age_max, reg_min, reg_max; /* -1: none */
	char *conditions; /* 条件 in canonical form */
};
/* The matcher's tree for them (NULL: everyone). */
struct cond *policy_rule_cols_cond(const struct policy_rule_cols *p, const struct cond_vocab *v);

struct policy_detail {
	long long id;
	char *code, *title, *doc_no, *issuer, *region_name, *kind_name;
	char *effective_on, *expires_on; /* YYYY-MM-DD; expires_on "" when open-ended */
	long long max_yuan;
	char *interpretation, *body, *status;
	struct policy_rule_cols rules;
};
void policy_detail_release(struct policy_detail *d);
/* DB_ERR_SERVER when there is no such policy. */
enum db_status db_policy_get(struct db_conn *c, long long id, struct policy_detail *out,
			     struct db_error *err);

/* What matching needs of a policy in force. */
struct policy_brief {
	long long id;
	char *code, *title, *issuer, *doc_no, *kind_name, *updated_at;
	long long max_yuan;
	struct policy_rule_cols rules;
	/* a policy_cache's only (zero elsewhere): */
	struct date effective_on, expires_on; /* expires_on.year 0: open-ended */
	struct cond *cond; /* policy_rule_cols_cond of rules, built once; NULL: everyone */
	bool compiled; /* private: cond is built */
};
struct policy_set {
	struct policy_brief *v;
	int count;
};
void policy_set_release(struct policy_set *s);
/* Every policy in force that concerns county (all when NULL). */
enum db_status db_policies_in_force(struct db_conn *c, const char *county, struct policy_set *out,
				    struct db_error *err);

/*
 * A terminal's copy of the policies concerning one county that are in
 * force or not yet (api.policy_changes), each with its matcher tree built
 * once. The first refresh loads them all; later ones fetch only the
 * policies written since (usually none: one short round trip). A policy
 * comes into force or expires without a write, so the copy keeps the
 * upcoming ones and a match checks the day: policy_cache_in_force.
 */
struct policy_cache {
	char *county; /* NULL: every county */
	struct policy_set set; /* newest first, by effective_on then id */
	/* private */
	char *as_of; /* the server's cursor; NULL: the next refresh loads in full */
	size_t alloc;
};
/* An empty cache of county's policies (NULL or "": all); nothing is read yet. */
void policy_cache_init(struct policy_cache *pc, const char *county);
void policy_cache_release(struct policy_cache *pc);
/* Bring the copy up to date; *changed (may be NULL) is how many policies
 * arrived, changed or left. On failure the copy is as it was. */
enum db_status db_policy_cache_refresh(struct db_conn *c, struct policy_cache *pc,
				       const struct cond_vocab *v, int *changed,
				       struct db_error *err);
/* Whether the cached policy b is in force on day. */
bool policy_cache_in_force(const struct policy_brief *b, struct date day);
/* Match profile p against every policy of set in force on day: res[i]
 * (set->count of them) is set->v[i]'s result, VERDICT_NO with no
 * condition named for one not in force. Returns how many are in force. */
int policy_set_match(const struct policy_set *set, const struct match_profile *p, struct date day,
		     struct match_result *res);

/* What the matcher needs of a registered person (api.citizen_match_facts,
 * api.policy_outreach); the masked fields only in the outreach list. */
struct person_facts {
	long long person_id;
	char *name_masked, *id_masked, *mobile_masked;
	char *birth_date, *sex, *county, *stage, *entity, *registered_on; /* "" when none */
	char **categories;
	size_t ncategories;
};
void person_facts_release(struct person_facts *f);
void person_facts_list_free(struct person_facts *v, int n);
/* The matcher's profile for f on today; its strings point into f. */
void person_facts_profile(const struct person_facts *f, struct date today,
			  struct match_profile *out);
enum db_status db_citizen_match_facts(struct db_conn *c, const char *token,
				      struct person_facts *out, struct db_error *err);
/* The ids of the policies the person has seen matched in their current
 * version: those not among them are new (新匹配政策). */
enum db_status db_citizen_policies_seen(struct db_conn *c, const char *token,
					const struct policy_set *in_force, bool *seen,
					struct db_error *err);
enum db_status db_citizen_policies_mark_seen(struct db_conn *c, const char *token,
					     const long long *ids, int n, struct db_error *err);
/* The people of the clerk's area not yet told of the policy. */
enum db_status db_policy_outreach(struct db_conn *c, const char *token, long long policy,
				  struct person_facts **out, int *n, struct db_error *err);
enum db_status db_policy_mark_told(struct db_conn *c, const char *token, long long policy,
				   long long person, struct db_error *err);

/* --- services.c --- */

/* The categories of Art. 12 (api.service_categories), in their order. */
enum db_status db_service_categories(struct db_conn *c, struct code_list *out,
				     struct db_error *err);

/* A catalogue search (api.service_search); NULL or "" for a filter not set. */
struct service_query {
	const char *text; /* terms separated by blanks, all must occur */
	const char *category; /* service_category code */
	const char *county; /* services serving this county (the province's too) */
	const char *after; /* the cursor of the previous page's last hit */
	int limit;
};
struct service_hit {
	long long id;
	char *title, *category, *category_name, *provider_name, *region_name;
	bool paid, online, voucher_ok;
	long long price_fen;
	char *rating; /* "4.5", or "" when nobody has rated */
	long long rating_count;
	char *next_slot; /* "YYYY-MM-DD HH:MM", or "" when none is coming */
	long long seats_left; /* over the coming slots */
	char *cursor;
	bool title_down; /* the title is taken down (Art. 28): "" and the notice instead */
};
struct service_page {
	struct service_hit *v;
	int count;
};
void service_page_release(struct service_page *p);
enum db_status db_service_search(struct db_conn *c, const struct service_query *q,
				 struct service_page *out, struct db_error *err);

struct service_detail {
	long long id, provider_id, price_fen;
	char *code, *title, *category, *category_name, *region_name, *description, *place;
	char *contact, *provider_name, *provider_address, *provider_phone;
	/* the averages of published reviews, one decimal ("4.5"), "" when none;
	 * rating and rating_count are the provider's, over all its services */
	char *rating, *service_rating;
	long long rating_count, service_rating_count;
	bool paid, online, voucher_ok, has_slots;
	int cancel_hours;
	/* taken down (Art. 28): the text is "" and the notice is shown instead */
	bool title_down, description_down, address_down, phone_down;
};
void service_detail_release(struct service_detail *d);
/* DB_ERR_SERVER (P0002) when there is no such active service. */
enum db_status db_service_get(struct db_conn *c, long long id, struct service_detail *out,
			      struct db_error *err);

struct slot_row {
	long long id;
	char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	char *place;
	int capacity, seats_left;
	long long waiting;
};
void slot_rows_free(struct slot_row **v, int n);
/* The slots of a service not yet started, soonest first. */
enum db_status db_service_slots(struct db_conn *c, long long service, struct slot_row **out, int *n,
				struct db_error *err);

/* --- bookings.c: vouchers and bookings, the money path --- */

/*
 * A new idempotency key (a random UUID): one per action the person
 * means to take once. Keep it until the outcome is shown; a retry of the
 * same action sends the same key.
 */
void db_request_key(char out[37]);

/* What a mutating call did (wc.outcome). outcome is "ok", "waiting", or
 * the refusal (see db_outcome_msgid); replayed when the key had been
 * seen: the first call's outcome, nothing changed now. */
struct db_outcome {
	char *outcome;
	long long booking_id, voucher_id; /* 0 when none */
	char *booking_no; /* "" when none */
	long long voucher_fen, offline_fen, balance_fen;
	bool replayed;
};
void db_outcome_release(struct db_outcome *o);
/* The msgid explaining a refusal outcome, or NULL for "ok". */
const char *db_outcome_msgid(const char *outcome);

struct voucher_row {
	long long id, face_fen, balance_fen, held_fen;
	char *no, *programme_name, *valid_until, *status, *category_names;
	char **categories; /* codes, NULL-terminated */
	size_t ncategories;
};
void voucher_rows_free(struct voucher_row **v, int n);
/* The signed-in person's vouchers (token of a kiosk session), or a
 * registered person's at the counter (staff token and person id). Vouchers
 * past their day are expired first. */
enum db_status db_citizen_vouchers(struct db_conn *c, const char *token, struct voucher_row **out,
				   int *n, struct db_error *err);
enum db_status db_person_vouchers(struct db_conn *c, const char *token, const char *person,
				  struct voucher_row **out, int *n, struct db_error *err);

struct booking_row {
	long long id;
	char *no; /* "" for a waiting place */
	char *kind; /* booking | waitlist */
	char *status; /* booked cancelled completed no_show | waiting lapsed */
	char *service_title, *provider_name, *starts_at, *ends_at, *place, *created_at;
	char *cancel_reason; /* why the provider's side cancelled it, or "" */
	long long price_fen, voucher_fen, offline_fen;
	bool purchased, from_waitlist, can_cancel;
	bool confirmed; /* the provider has confirmed it (接单确认) */
};
void booking_rows_free(struct booking_row **v, int n);
enum db_status db_citizen_bookings(struct db_conn *c, const char *token, struct booking_row **out,
				   int *n, struct db_error *err);
enum db_status db_person_bookings(struct db_conn *c, const char *token, const char *person,
				  struct booking_row **out, int *n, struct db_error *err);

/* Department purchases (Art. 19) a person may book a service with. */
struct purchase_row {
	long long id;
	char *buyer, *group_name, *ends_on; /* "" when none */
	int units_left;
};
void purchase_rows_free(struct purchase_row **v, int n);
enum db_status db_citizen_purchases(struct db_conn *c, const char *token, long long service,
				    struct purchase_row **out, int *n, struct db_error *err);
enum db_status db_person_purchases(struct db_conn *c, const char *token, const char *person,
				   long long service, struct purchase_row **out, int *n,
				   struct db_error *err);

/* How a booking is paid: with a voucher (up to its balance), with a
 * department's purchase, or neither (0, 0). */
struct booking_pay {
	long long voucher, purchase;
};

/* The kiosk: the signed-in person books, cancels, waits for a seat. */
enum db_status db_citizen_book(struct db_conn *c, const char *token, const char *key,
			       long long slot, struct booking_pay pay, struct db_outcome *o,
			       struct db_error *err);
enum db_status db_citizen_cancel(struct db_conn *c, const char *token, const char *key,
				 long long booking, struct db_outcome *o, struct db_error *err);
enum db_status db_citizen_waitlist_join(struct db_conn *c, const char *token, const char *key,
					long long slot, struct booking_pay pay,
					struct db_outcome *o, struct db_error *err);

/* The counter acts for a person, with how the person consented. */
enum db_status db_counter_book(struct db_conn *c, const char *token, const char *key,
			       const char *person, long long slot, struct booking_pay pay,
			       const char *consent, struct db_outcome *o, struct db_error *err);
enum db_status db_counter_cancel(struct db_conn *c, const char *token, const char *key,
				 const char *person, long long booking, const char *consent,
				 struct db_outcome *o, struct db_error *err);

struct programme_row {
	long long id, face_fen, budget_left;
	char *code, *name, *category_names, *stage, *conditions; /* stage "" for either */
	char **groups;
	size_t ngroups;
	int valid_months;
	bool already_issued;
};
void programme_rows_free(struct programme_row **v, int n);
/* The programmes a clerk may issue from to the person, with the budget
 * left in the person's county. */
enum db_status db_voucher_programmes(struct db_conn *c, const char *token, const char *person,
				     struct programme_row **out, int *n, struct db_error *err);
enum db_status db_voucher_issue(struct db_conn *c, const char *token, const char *key,
				const char *person, long long programme, struct db_outcome *o,
				struct db_error *err);

/* Close a booking whose time has come: completed (redeem to the
 * provider) or no_show (release). Counter or the provider's staff. */
enum db_status db_booking_close(struct db_conn *c, const char *token, const char *key,
				long long booking, bool completed, struct db_outcome *o,
				struct db_error *err);

/* A department's purchase of units of a service for a group (Art. 19),
 * recorded by a county's counter (for that county) or the bureau. group
 * NULL or "": everyone there; ends_on NULL or "": until used up. */
struct purchase_input {
	long long service;
	const char *region, *group, *buyer, *ends_on;
	int units;
};
enum db_status db_purchase_add(struct db_conn *c, const char *token, const char *key,
			       const struct purchase_input *in, struct db_outcome *o,
			       struct db_error *err);
/* The purchases of a service, newest first; units_left is units - used. */
struct service_purchase {
	long long id;
	char *buyer, *region_name, *group_name, *ends_on; /* "" when none */
	int units, used;
};
void service_purchases_free(struct service_purchase **v, int n);
enum db_status db_service_purchases(struct db_conn *c, const char *token, long long service,
				    struct service_purchase **out, int *n, struct db_error *err);

struct booking_found {
	long long id, person_id, voucher_fen, offline_fen;
	char *no, *name_masked, *status, *service_title, *provider_name, *starts_at;
	bool purchased;
};
void booking_found_release(struct booking_found *b);
/* DB_ERR_SERVER (P0002) when no booking of that number is in reach. */
enum db_status db_booking_find(struct db_conn *c, const char *token, const char *no,
			       struct booking_found *out, struct db_error *err);

/* A booking of a provider's day, as its own staff see it. */
struct provider_booking_row {
	long long id, voucher_fen, offline_fen;
	char *no, *status; /* status: booked cancelled completed no_show */
	char *service_title, *place, *name_masked; /* name_masked: 张** */
	char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	bool purchased; /* a department's purchase pays (Art. 19) */
	bool can_close; /* booked and its time has come: db_booking_close takes it */
	bool confirmed; /* confirmed by the provider's staff */
};
void provider_booking_rows_free(struct provider_booking_row **v, int n);
/* The bookings of that day (Asia/Shanghai) of the services of the
 * provider the signed-in account acts for, by start time; none for an
 * account linked to no provider. Provider staff only (WC002). */
enum db_status db_provider_bookings(struct db_conn *c, const char *token, struct date day,
				    struct provider_booking_row **out, int *n,
				    struct db_error *err);
/* The provider's staff confirm an open booking of theirs (接单确认);
 * *outcome ok, not_found or not_open. */
enum db_status db_booking_confirm(struct db_conn *c, const char *token, long long booking,
				  char **outcome, struct db_error *err);

/* --- complaints.c: complaints and their handling (0017_complaints.sql) --- */

/* The complaint categories (服务质量, 收费问题, …), code and name. */
enum db_status db_complaint_categories(struct db_conn *c, struct code_list *out,
				       struct db_error *err);

/* What a complaint is against: against is provider, service, booking,
 * operator or platform; target the id of the first three (0 otherwise). */
struct complaint_filing {
	const char *against;
	long long target;
	const char *category; /* a code of db_complaint_categories */
	const char *body;
};

/* Filing: outcome "ok" with the id and 投诉编号, or the refusal (see
 * db_complaint_outcome_msgid). The key makes a resent call file once. */
struct complaint_filed {
	char *outcome, *no;
	long long id;
};
void complaint_filed_release(struct complaint_filed *f);
enum db_status db_citizen_complaint_file(struct db_conn *c, const char *token, const char *key,
					 const struct complaint_filing *f,
					 struct complaint_filed *out, struct db_error *err);
enum db_status db_counter_complaint_file(struct db_conn *c, const char *token, const char *key,
					 const char *person, const char *consent,
					 const struct complaint_filing *f,
					 struct complaint_filed *out, struct db_error *err);

/* A complaint in a list: a person's own (can_rate, can_supply, overdue,
 * soon set) or the supervisor's queue (against, county, handler, overdue,
 * soon, urged, escalated set); soon: due within the working days of
 * complaint_soon_days. Dates "YYYY-MM-DD"; "" when none. */
struct complaint_row {
	long long id;
	char *no, *status, *category, *against, *target, *county, *body, *created, *due_on;
	char *satisfaction, *handler;
	bool overdue, soon, escalated, can_rate, can_supply;
	bool calendar_known; /* a person's: false when the due date lies in a year
				whose holidays are not announced yet */
	int urged;
};
void complaint_rows_free(struct complaint_row **v, int n);
enum db_status db_citizen_complaints(struct db_conn *c, const char *token,
				     struct complaint_row **out, int *n, struct db_error *err);
enum db_status db_person_complaints(struct db_conn *c, const char *token, const char *person,
				    struct complaint_row **out, int *n, struct db_error *err);

/* The queue's filters; NULL or "" for none. status: a status, NULL for
 * every open one, "all" for finished ones too; due: overdue, soon or
 * escalated (reported to the bureau);
 * region: a county or city code. */
struct complaint_filter {
	const char *status, *due, *region, *category, *against;
	bool mine;
};
enum db_status db_complaint_queue(struct db_conn *c, const char *token,
				  const struct complaint_filter *f, int offset, int limit,
				  struct complaint_row **out, int *n, struct db_error *err);
/* A complaint by its number: id and person, or 0 when none in reach. */
enum db_status db_complaint_find(struct db_conn *c, const char *token, const char *no,
				 long long *id, long long *person, struct db_error *err);

struct complaint_detail {
	long long id, person_id, provider_id, provider_ratings, provider_complaints;
	char *no, *status, *category, *against, *target, *body, *person_name, *county, *created;
	char *due_on, *handler, *escalated_at, *satisfaction, *filed_by, *consent;
	char *booking_no, *booking_status, *slot_starts, *service_title, *provider_name;
	char *provider_rating; /* "4.5", "" when unrated */
	bool overdue;
	int urged;
	/* the steps open to the caller now (accept, reply, …), as the
	 * database's rules say; NULL-terminated */
	char **steps;
	size_t nsteps;
};
void complaint_detail_release(struct complaint_detail *d);
/* DB_ERR_SERVER (P0002) when the complaint is not in reach. */
enum db_status db_complaint_get(struct db_conn *c, const char *token, long long id,
				struct complaint_detail *out, struct db_error *err);
/* Other complaints against the same provider (no, status, category,
 * created, satisfaction set). */
enum db_status db_complaint_history(struct db_conn *c, const char *token, long long id,
				    struct complaint_row **out, int *n, struct db_error *err);

/* A timeline entry. by_person: the complainant's own; visible: the
 * complainant sees it (staff-only entries are internal). */
struct complaint_event_row {
	char *at, *action, *status_after, *actor, *body, *rating, *handler;
	bool visible, by_person;
};
void complaint_event_rows_free(struct complaint_event_row **v, int n);
enum db_status db_complaint_events(struct db_conn *c, const char *token, long long id,
				   struct complaint_event_row **out, int *n, struct db_error *err);
enum db_status db_citizen_complaint_events(struct db_conn *c, const char *token, long long id,
					   struct complaint_event_row **out, int *n,
					   struct db_error *err);

/* How the deadline stood after each event: limit_days -1 when no clock
 * runs (finished); due_on "" while paused or finished; known false when
 * the holidays of a year counted are not yet announced. */
struct complaint_clock_row {
	char *day, *action, *starts_on, *due_on;
	int limit_days, used_days;
	bool paused, known;
};
void complaint_clock_rows_free(struct complaint_clock_row **v, int n);
enum db_status db_complaint_clock(struct db_conn *c, const char *token, long long id,
				  struct complaint_clock_row **out, int *n, struct db_error *err);

/* The supervisors a complaint may be assigned to (code: the staff id). */
enum db_status db_complaint_handlers(struct db_conn *c, const char *token, struct code_list *out,
				     struct db_error *err);
/* A supervisor's step: accept reject assign request_info reply note
 * follow_up close urge escalate. *outcome "ok" or the refusal. */
enum db_status db_complaint_act(struct db_conn *c, const char *token, const char *key, long long id,
				const char *action, const char *body, long long handler,
				char **outcome, struct db_error *err);
/* The complainant adds a message (the answer to a question restarts the
 * clock) or rates the latest reply (satisfied, basically, unsatisfied). */
enum db_status db_citizen_complaint_supply(struct db_conn *c, const char *token, const char *key,
					   long long id, const char *body, char **outcome,
					   struct db_error *err);
enum db_status db_citizen_complaint_rate(struct db_conn *c, const char *token, const char *key,
					 long long id, const char *rating, const char *body,
					 char **outcome, struct db_error *err);
/* The msgid explaining a refusal outcome of the calls above, or NULL for "ok". */
const char *db_complaint_outcome_msgid(const char *outcome);
/* --- reviews.c: 评价 (Art. 14), moderation (Art. 27-28), dynamic management --- */

/* What a rating or moderation call did (wc.review_outcome). outcome is
 * "ok" or the refusal (see db_review_outcome_msgid); status the review's
 * now (published, held, taken_down; "" on a refusal); replayed when the
 * request key had been seen: the first call's answer, nothing changed. */
struct db_review_outcome {
	char *outcome, *status;
	long long review_id; /* 0 when none */
	bool replayed;
};
void db_review_outcome_release(struct db_review_outcome *o);
/* The msgid explaining a refusal, or NULL for "ok". */
const char *db_review_outcome_msgid(const char *outcome);

/* A completed booking rated: 1 to 5 stars, comment "" or at most
 * REVIEW_COMMENT_MAX characters. A comment the database's word list
 * flags is held for the supervisor (status "held") instead of published. */
#define REVIEW_COMMENT_MAX 300
struct review_input {
	long long booking;
	int stars;
	const char *comment;
};
/* The kiosk: the signed-in person rates one of their bookings. */
enum db_status db_citizen_review_add(struct db_conn *c, const char *token, const char *key,
				     const struct review_input *in, struct db_review_outcome *o,
				     struct db_error *err);
/* The counter: a clerk records the review of the person at the desk, with
 * how the person consented (WC041 when empty; WC020 outside the area). */
enum db_status db_counter_review_add(struct db_conn *c, const char *token, const char *key,
				     const char *person, const struct review_input *in,
				     const char *consent, struct db_review_outcome *o,
				     struct db_error *err);

/* A person's own reviews, newest first: which booking, what they wrote,
 * where it stands (published, held, taken_down). */
struct my_review {
	long long booking_id, id;
	int stars;
	char *comment, *status, *created_at; /* created_at "YYYY-MM-DD" */
};
void my_reviews_free(struct my_review **v, int n);
enum db_status db_citizen_reviews(struct db_conn *c, const char *token, struct my_review **out,
				  int *n, struct db_error *err);
enum db_status db_person_reviews(struct db_conn *c, const char *token, const char *person,
				 struct my_review **out, int *n, struct db_error *err);
/* The review of a booking among v, or NULL. */
const struct my_review *my_review_of(const struct my_review *v, int n, long long booking);

/* The published reviews of a service, newest first, as everyone sees
 * them: never who wrote them. before: the last id of the page before, or 0. */
struct service_review {
	long long id;
	int stars;
	char *day, *comment; /* day "YYYY-MM-DD" */
};
void service_reviews_free(struct service_review **v, int n);
enum db_status db_service_reviews(struct db_conn *c, long long service, long long before, int limit,
				  struct service_review **out, int *n, struct db_error *err);

/* The moderation queue of the supervisor and the operator. */
enum review_list {
	REVIEW_LIST_HELD, /* held by the word list, oldest first */
	REVIEW_LIST_UNCHECKED, /* published bad reviews (1-2 stars) to verify, oldest first */
	REVIEW_LIST_PUBLISHED, /* every published review, newest first */
};
struct review_queue_row {
	long long id, service_id;
	int stars;
	char *created_at; /* "YYYY-MM-DD HH:MM" */
	char *comment, *status, *service_title, *provider_name, *booking_no;
	char *name_masked, *county_name;
	char *recorded_by, *check_note; /* "" when none */
	char **hits; /* what the word list found; "#mobile" for a mobile number */
	size_t nhits;
};
void review_queue_rows_free(struct review_queue_row **v, int n);
/* after: the last id of the page before, or 0. Supervisor, operator (WC002). */
enum db_status db_review_queue(struct db_conn *c, const char *token, enum review_list list,
			       long long after, int limit, struct review_queue_row **out, int *n,
			       struct db_error *err);

enum review_action {
	REVIEW_APPROVE, /* a held review published; note optional */
	REVIEW_TAKE_DOWN, /* 下架, for good; the reason is required */
	REVIEW_CHECK, /* a published bad review verified (核实); the finding is required */
};
enum db_status db_review_moderate(struct db_conn *c, const char *token, const char *key,
				  long long review, enum review_action action, const char *note,
				  struct db_review_outcome *o, struct db_error *err);

/* The take-down report (Art. 28), newest first: bureau and supervisor;
 * each look is audited. before: the last id of the page before, or 0. */
struct takedown_row {
	long long id;
	int stars;
	char *at, *review_at; /* "YYYY-MM-DD HH:MM" */
	char *service_title, *provider_name, *booking_no, *comment, *status_before;
	char *staff_name, *staff_role, *reason;
	char **hits;
	size_t nhits;
	/* "review", or a text taken down: "service" (field "title" or
	 * "description") or "provider" ("address" or "phone"); for a text,
	 * comment is the original and the review's fields are "" (stars 0) */
	char *kind, *field;
};
void takedown_rows_free(struct takedown_row **v, int n);
enum db_status db_review_takedowns(struct db_conn *c, const char *token, long long before,
				   int limit, struct takedown_row **out, int *n,
				   struct db_error *err);

/* Dynamic management (Art. 14): what raises a flag, and what has. */
struct quality_thresholds {
	char *rating_below; /* "3.0" */
	int rating_min, rating_days, complaints_min, complaints_days;
};
void quality_thresholds_release(struct quality_thresholds *t);
enum db_status db_quality_thresholds(struct db_conn *c, const char *token,
				     struct quality_thresholds *out, struct db_error *err);
struct quality_flag {
	long long id, ratings, complaints;
	bool provider; /* a provider; else a service of provider_name */
	char *title, *provider_name, *rating; /* rating "2.67", "" without reviews */
	bool low_rating, many_complaints;
};
void quality_flags_free(struct quality_flag **v, int n);
/* Operator and supervisor (WC002). */
enum db_status db_quality_flags(struct db_conn *c, const char *token, struct quality_flag **out,
				int *n, struct db_error *err);

/* Replace the stored moderation word list with the words of text (a
 * words.txt: one a line, # comments) when they differ (wanchuang-admin). */
struct moderation_load {
	bool changed;
	int words, added, removed;
};
enum db_status db_moderation_words_load(struct db_conn *c, const char *text,
					struct moderation_load *out, struct db_error *err);

/* --- applications.c: provider onboarding (0019_provider_applications.sql) --- */

/* The kinds of organisation (企业, 事业单位, …) and of material (营业执照, …). */
enum db_status db_provider_kinds(struct db_conn *c, struct code_list *out, struct db_error *err);
enum db_status db_material_kinds(struct db_conn *c, struct code_list *out, struct db_error *err);

#define APPLICATION_MATERIALS_MAX 8
/* An application as entered; id 0 for a new one, else the returned
 * application corrected (its credit code stays). categories is an array
 * literal of service category codes ({tax,agency}); conditions are the
 * four of Art. 22, each affirmed or not. */
struct application_input {
	long long id;
	const char *credit_code, *name, *kind, *region, *address, *legal_rep;
	const char *contact_name, *contact_id, *phone;
	const char *categories;
	bool conditions[4];
	int nmaterials;
	const char *material_kinds[APPLICATION_MATERIALS_MAX];
	const char *material_refs[APPLICATION_MATERIALS_MAX];
	const char *note; /* what was corrected, for a resubmission */
};
/* outcome "ok" or a refusal (see db_application_outcome_msgid). */
struct application_filed {
	char *outcome;
	long long id;
	char *no;
};
void application_filed_release(struct application_filed *f);
enum db_status db_application_submit(struct db_conn *c, const char *token, const char *key,
				     const struct application_input *in,
				     struct application_filed *out, struct db_error *err);
/* A review step (approve_first, return, …, file, withdraw) with its
 * opinion; *outcome "ok" or a refusal. */
enum db_status db_application_act(struct db_conn *c, const char *token, const char *key,
				  long long id, const char *action, const char *body,
				  char **outcome, struct db_error *err);

/* An application in a list; dates "YYYY-MM-DD", "" when none. mine:
 * waiting for a step of the caller's role. */
struct application_row {
	long long id, open_objections;
	char *no, *name, *credit_code, *kind_name, *region_name, *status, *updated;
	char *notice_until, *active_from;
	bool mine;
};
void application_rows_free(struct application_row **v, int n);
/* list: mine, open, notice, done, all, or a status; query: part of the
 * name, the credit code or the application number ("" for all). */
enum db_status db_application_queue(struct db_conn *c, const char *token, const char *list,
				    const char *query, int offset, int limit,
				    struct application_row **out, int *n, struct db_error *err);

struct application_detail {
	long long id, open_objections;
	char *no, *status, *credit_code, *name, *kind, *kind_name, *region, *region_name;
	char *address, *legal_rep, *contact_name, *contact_id_masked, *phone;
	char *categories; /* codes, comma-separated */
	char *category_names; /* 财税、业务代理 */
	char *entered_by, *created, *notice_from, *notice_until, *active_from;
	char **material_kinds, **material_names, **material_refs;
	size_t nmaterials;
	char **steps; /* the steps open to the caller now */
	size_t nsteps;
};
void application_detail_release(struct application_detail *d);
/* DB_ERR_SERVER (P0002) when the application is not in reach. */
enum db_status db_application_get(struct db_conn *c, const char *token, long long id,
				  struct application_detail *out, struct db_error *err);

/* The timeline; actor "" for the platform itself; detail: the materials
 * listed at a submission, or an objection's number. */
struct application_event_row {
	char *at, *actor, *actor_role, *action, *status_after, *body, *detail;
};
void application_event_rows_free(struct application_event_row **v, int n);
enum db_status db_application_events(struct db_conn *c, const char *token, long long id,
				     struct application_event_row **out, int *n,
				     struct db_error *err);

/* Objections to an organisation on public notice; the objector masked
 * except for the supervisor. status open, upheld or dismissed. */
struct objection_row {
	long long id;
	char *no, *objector, *phone, *body, *status, *decision, *created, *decided, *taken_by;
};
void objection_rows_free(struct objection_row **v, int n);
enum db_status db_application_objections(struct db_conn *c, const char *token, long long id,
					 struct objection_row **out, int *n, struct db_error *err);
enum db_status db_objection_decide(struct db_conn *c, const char *token, const char *key,
				   long long objection, bool uphold, const char *body,
				   char **outcome, struct db_error *err);
enum db_status db_citizen_objection_file(struct db_conn *c, const char *token, const char *key,
					 long long application, const char *body, char **outcome,
					 char **no, struct db_error *err);
enum db_status db_counter_objection_file(struct db_conn *c, const char *token, const char *key,
					 long long application, const char *objector,
					 const char *phone, const char *body, char **outcome,
					 char **no, struct db_error *err);

/* What is on public notice (公示) today. */
struct notice_row {
	long long id;
	char *no, *name, *credit_code, *kind_name, *region_name, *legal_rep, *categories;
	char *notice_from, *notice_until;
};
void notice_rows_free(struct notice_row **v, int n);
void notice_rows_free_one(struct notice_row *r);
enum db_status db_provider_notices(struct db_conn *c, struct notice_row **out, int *n,
				   struct db_error *err);
/* The msgid for a refusal of the calls above. */
const char *db_application_outcome_msgid(const char *outcome);
/* --- manage.c: provider management (Art. 24-25), slots closed, texts
 * taken down (Art. 27-28) (0020_provider_management.sql) --- */

/* What a management call did (wc.manage_outcome). outcome is "ok" or the
 * refusal (db_manage_outcome_msgid); status the provider's now (active,
 * suspended, removed), "closed" for a slot, "taken_down" for a text;
 * cancelled bookings, released voucher money, lapsed waiting places;
 * replayed: the request key was seen before, nothing changed now. */
struct db_manage_outcome {
	char *outcome, *status;
	int cancelled, lapsed;
	long long released_fen;
	bool replayed;
};
void db_manage_outcome_release(struct db_manage_outcome *o);
/* The msgid of a refusal, NULL for "ok". */
const char *db_manage_outcome_msgid(const char *outcome);

/* The operator's steps on a provider, each with its reason. */
enum provider_action {
	PROVIDER_INTERVIEW, /* 约谈提醒 */
	PROVIDER_WARNING, /* 警告 */
	PROVIDER_SUSPEND, /* 暂停服务: its open bookings are cancelled */
	PROVIDER_REINSTATE, /* 恢复服务 */
	PROVIDER_REMOVE, /* 清退, final: its open bookings are cancelled */
};
/* The kind as the database names it ("suspend"), and back (-1 unknown). */
const char *provider_action_name(enum provider_action a);
int provider_action_from_name(const char *name);
enum db_status db_provider_act(struct db_conn *c, const char *token, const char *key,
			       long long provider, enum provider_action action, const char *reason,
			       struct db_manage_outcome *o, struct db_error *err);

/* The providers for 服务商管理 (operator; supervisor reads): by a part of
 * the name or the credit code's beginning ("" all), flagged first. */
struct provider_row {
	long long id, rating_count, complaints; /* complaints: the flags' window */
	char *name, *credit_code, *region_name, *status, *rating; /* rating "" if none */
	bool low_rating, many_complaints; /* api.quality_flags */
};
void provider_rows_free(struct provider_row **v, int n);
enum db_status db_provider_list(struct db_conn *c, const char *token, const char *query,
				struct provider_row **out, int *n, struct db_error *err);

struct provider_facts {
	long long id, rating_count, services, open_bookings, complaints;
	char *name, *credit_code, *region_name, *address, *contact_name, *phone, *status;
	char *rating, *created_at; /* rating "" if none; "YYYY-MM-DD" */
	/* what onboarding admitted it with; "" for a provider loaded without
	 * an application (categories joined with 、, active_from YYYY-MM-DD) */
	char *kind_name, *legal_rep, *contact_id_masked, *categories, *application_no, *active_from;
	bool address_down, phone_down; /* taken down */
	char **steps; /* the steps open to the caller now ("suspend", …) */
	size_t nsteps;
};
void provider_facts_release(struct provider_facts *f);
/* DB_ERR_SERVER (P0002) when there is no such provider. */
enum db_status db_provider_get(struct db_conn *c, const char *token, long long id,
			       struct provider_facts *out, struct db_error *err);

/* A provider's sanction history, newest first. */
struct sanction_row {
	long long id, released_fen;
	int cancelled, lapsed;
	char *at, *kind, *reason, *staff_name, *staff_role, *status_before, *status_after;
};
void sanction_rows_free(struct sanction_row **v, int n);
enum db_status db_provider_sanctions(struct db_conn *c, const char *token, long long provider,
				     struct sanction_row **out, int *n, struct db_error *err);

/* A provider's staff (its own slots) or the operator closes a slot that
 * has not ended; its open bookings are cancelled with the reason. */
enum db_status db_slot_close(struct db_conn *c, const char *token, const char *key, long long slot,
			     const char *reason, struct db_manage_outcome *o, struct db_error *err);

/* The day's slots of the signed-in provider account's services. */
struct day_slot_row {
	long long id, waiting;
	int capacity, taken;
	char *service_title, *starts_at, *ends_at, *place; /* "YYYY-MM-DD HH:MM" */
	bool cancelled, can_close;
};
void day_slot_rows_free(struct day_slot_row **v, int n);
enum db_status db_provider_day_slots(struct db_conn *c, const char *token, struct date day,
				     struct day_slot_row **out, int *n, struct db_error *err);

/* The public texts (a service's title and description, a provider's
 * address and phone) of one provider (0: all), with what the word list
 * finds in each; hits_only: those with a find, not yet hidden. */
struct content_text {
	long long provider_id, service_id; /* service_id 0: the provider's own */
	char *provider_name, *service_title, *field, *body;
	char **hits; /* "#mobile" for a mobile number */
	size_t nhits;
	bool hidden;
};
void content_texts_free(struct content_text **v, int n);
enum db_status db_content_texts(struct db_conn *c, const char *token, long long provider,
				bool hits_only, struct content_text **out, int *n,
				struct db_error *err);
/* Take one text down (下架) with the reason (operator, supervisor). */
enum db_status db_content_take_down(struct db_conn *c, const char *token, const char *key,
				    const struct content_text *t, const char *reason,
				    struct db_manage_outcome *o, struct db_error *err);
/* --- prices.c: 收费标准 (Art. 16) and the provider's own
 * services, slots, ratings and complaints (0021_prices.sql) --- */

/* What a price or provider call did (wc.price_outcome, wc.own_outcome).
 * outcome is "ok" or the refusal (see db_act_outcome_msgid); id the
 * proposal, service or slot (0 when none); status the proposal's now
 * ("" for provider calls and refusals); hits what the word list found in
 * a text ("moderation": the words, "#mobile" for a mobile number); taken
 * a slot's seats taken (-1 when not told); replayed when the request key
 * had been seen: the first call's answer, nothing changed. */
struct db_act_outcome {
	char *outcome, *status;
	long long id;
	char **hits;
	size_t nhits;
	int taken;
	bool replayed;
};
void db_act_outcome_release(struct db_act_outcome *o);
/* The msgid explaining a refusal, or NULL for "ok". */
const char *db_act_outcome_msgid(const char *outcome);

/* A price and revenue split proposed for a paid service: by a provider's
 * staff for its own services or by the operator (WC002 for others). The
 * provider's share is in per mille (0-1000); the operator's is the rest. */
struct price_input {
	long long service, price_fen;
	int provider_permille;
	const char *reason;
};
enum db_status db_price_propose(struct db_conn *c, const char *token, const char *key,
				const struct price_input *in, struct db_act_outcome *o,
				struct db_error *err);

enum price_step {
	PRICE_PASS, /* the supervisor: 审核通过, on to the project group; note optional */
	PRICE_RETURN, /* the supervisor: 退回; the reason is required */
	PRICE_APPROVE, /* the bureau (云平台项目组): 同意, the price applies to new bookings */
	PRICE_REJECT, /* the bureau: 不同意; the reason is required */
};
enum db_status db_price_step(struct db_conn *c, const char *token, const char *key,
			     long long proposal, enum price_step step, const char *note,
			     struct db_act_outcome *o, struct db_error *err);

/* The open proposals the caller may see, those for the caller's step
 * first (my_turn), then oldest first. */
struct price_proposal_row {
	long long id, service_id, price_fen, old_price_fen;
	int provider_permille, old_permille;
	char *service_title, *provider_name, *status, *reason, *proposed_by, *proposer_role;
	char *proposed_at; /* "YYYY-MM-DD HH:MM" */
	char *last_note; /* the latest decision's note, "" when none */
	bool my_turn;
};
void price_proposal_rows_free(struct price_proposal_row **v, int n);
enum db_status db_price_queue(struct db_conn *c, const char *token, struct price_proposal_row **out,
			      int *n, struct db_error *err);

/* A service's price history, newest first: every step of every proposal. */
struct price_event_row {
	long long proposal_id, price_fen;
	int provider_permille;
	char *at; /* "YYYY-MM-DD HH:MM" */
	char *action; /* propose, pass, return, approve, reject */
	char *staff_name, *staff_role, *note, *status_after;
};
void price_event_rows_free(struct price_event_row **v, int n);
enum db_status db_price_history(struct db_conn *c, const char *token, long long service,
				struct price_event_row **out, int *n, struct db_error *err);

/* The services of the provider the account acts for. */
struct provider_service {
	long long id, price_fen, rating_count, slots_coming;
	int provider_permille, cancel_hours;
	char *code, *title, *category, *category_name, *description, *place, *contact, *status;
	char *open_status; /* the open proposal's status, "" when none */
	char *rating; /* "4.5", "" when none */
	bool paid, online, voucher_ok, price_pending;
};
void provider_services_free(struct provider_service **v, int n);
enum db_status db_provider_services(struct db_conn *c, const char *token,
				    struct provider_service **out, int *n, struct db_error *err);

/* A new service (id 0) or a change of one: its texts and kinds. */
struct provider_service_input {
	long long id;
	const char *title, *description, *category, *place, *contact;
	bool online, paid;
	int cancel_hours;
};
enum db_status db_provider_service_save(struct db_conn *c, const char *token, const char *key,
					const struct provider_service_input *in,
					struct db_act_outcome *o, struct db_error *err);

/* The slots of one of its services (ending within the last 30 days or
 * later), by start. */
struct provider_slot {
	long long id, waiting;
	char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	char *place;
	int capacity, taken, seats_left;
	bool cancelled, started;
};
void provider_slots_free(struct provider_slot **v, int n);
enum db_status db_provider_slots(struct db_conn *c, const char *token, long long service,
				 struct provider_slot **out, int *n, struct db_error *err);

struct provider_slot_input {
	long long service;
	const char *starts; /* "YYYY-MM-DD HH:MM", Asia/Shanghai */
	int minutes, capacity;
	const char *place; /* "": the service's */
};
enum db_status db_provider_slot_add(struct db_conn *c, const char *token, const char *key,
				    const struct provider_slot_input *in, struct db_act_outcome *o,
				    struct db_error *err);
/* Never below the seats taken ("below_taken", o->taken says how many). */
enum db_status db_provider_slot_capacity(struct db_conn *c, const char *token, const char *key,
					 long long slot, int capacity, struct db_act_outcome *o,
					 struct db_error *err);

/* The provider itself and its rating; found false for an account linked
 * to no provider. */
struct provider_self {
	bool found;
	long long id, rating_count;
	char *name, *rating; /* rating "4.5", "" when none */
};
void provider_self_release(struct provider_self *p);
enum db_status db_provider_self(struct db_conn *c, const char *token, struct provider_self *out,
				struct db_error *err);

/* The published reviews of its services, newest first (before: the last
 * id of the page before, or 0). */
struct provider_review {
	long long id;
	int stars;
	char *day, *service_title, *comment; /* day "YYYY-MM-DD" */
};
void provider_reviews_free(struct provider_review **v, int n);
enum db_status db_provider_reviews(struct db_conn *c, const char *token, long long before,
				   int limit, struct provider_review **out, int *n,
				   struct db_error *err);

/* The complaints against it, newest first: never the text; the name masked. */
struct provider_complaint {
	char *no, *status, *category_name, *against, *service_title, *name_masked;
	char *created_at; /* "YYYY-MM-DD" */
	char *due_on; /* "YYYY-MM-DD", "" when the clock is stopped or done */
	bool overdue;
};
void provider_complaints_free(struct provider_complaint **v, int n);
enum db_status db_provider_complaints(struct db_conn *c, const char *token,
				      struct provider_complaint **out, int *n,
				      struct db_error *err);

#endif
