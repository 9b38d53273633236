/* db_private: what the files of src/db share; never included elsewhere. */
#ifndef WC_DB_PRIVATE_H
#define WC_DB_PRIVATE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <time.h>

/* A statement prepared on a connection: its text, a hash of it, its name. */
struct db_prepared {
	char *sql;
	unsigned long hash;
	unsigned id; /* named wc<id> on the server */
};

/* Statements prepared on one connection at most; further ones run unprepared. */
#define DB_PREPARED_MAX 256

struct db_conn {
	PGconn *pg; /* NULL before db_conn_start */
	char *conninfo;
	char *application;
	char *message; /* last connection error, one sanitized line */
	bool bad_conninfo;
	bool listening; /* LISTEN wc_complaint was done on this connection */
	bool pooled; /* through a pooler in transaction mode: see db_conn_set_pooled */
	char *terminal_key; /* or NULL: see db_conn_set_terminal_key; a secret */
	struct db_conn *listener; /* or NULL: LISTEN goes on this connection itself */
	long down_since_ms; /* db_now_ms of the first failed try since it was open, or 0 */
	long tried_at_ms; /* db_now_ms of the last failed try, or 0 */
	struct db_prepared prepared[DB_PREPARED_MAX]; /* on pg; emptied with it */
	size_t nprepared;
	unsigned prepared_next; /* the next name's number */
	db_wait_fn wait_fn; /* or NULL; see db_conn_set_wait */
	void *wait_arg;
	bool cancel_asked; /* the person gave up on the call under way */
};

/* retry.c: a try to connect ended (ok: connected), for db_conn_retry_due;
 * and the wait before the next try when the server has been away
 * away_ms at the last one. */
void db_conn_tried(struct db_conn *c, bool ok);
long db_retry_wait_ms(long away_ms);

/* Close the connection (if any) and forget what was prepared on it. */
void db_conn_drop(struct db_conn *c);

/* Wait until the socket is readable (or writable); false on timeout. */
/* Fill err (when not NULL) with st and the given texts; returns st. */
enum db_status db_error_fill(struct db_error *err, enum db_status st, const char *sqlstate,
			     const char *primary, const char *detail, const char *hint);
bool db_wait_socket(struct db_conn *c, bool for_read, int timeout_ms);
/* A monotonic clock in milliseconds. */
long db_now_ms(void);
/* wait.c: wait until the socket is readable for the answer of a call sent
 * at started_ms, showing the wait and cancelling on the person's word
 * (db_conn_set_wait; c->cancel_asked says so); false when deadline_ms
 * passed (a few seconds after a cancel at most). */
bool db_wait_answer(struct db_conn *c, long started_ms, long deadline_ms);

/* Run a query and expect exactly one row; DB_ERR_SERVER if none. */
enum db_status db_exec_row(struct db_conn *c, const char *sql, int nparams,
			   const char *const *params, struct db_result **res, struct db_error *err);

/* A parameter that is SQL NULL when the text is NULL or "". */
const char *db_null_if_empty(const char *s);

/* normalize_name as a parameter: NULL stays NULL. Caller frees. */
char *db_name_param(const char *name);

/* The sign-in functions' status column as an outcome. */
enum db_login db_login_status(const char *status);

/*
 * db_exec for a call that carries an idempotency key: when the connection
 * breaks (or the server does not answer) after the call was sent, connect
 * again and send the same call, so the one outcome comes back; a deadlock
 * or serialization failure is also tried again. Gives up after a few tries
 * with the last status.
 */
enum db_status db_exec_idempotent(struct db_conn *c, const char *sql, int nparams,
				  const char *const *params, struct db_result **res,
				  struct db_error *err);

/*
 * Run a query and turn each row into one element of an array: read fills
 * the element at dst from row. *out (elem bytes each, one zeroed element
 * past the end) and *n are set even when the query fails (NULL, 0).
 */
enum db_status db_rows_read(struct db_conn *c, const char *sql, int nparams,
			    const char *const *params, size_t elem,
			    void (*read)(const struct db_result *r, int row, void *dst), void **out,
			    int *n, struct db_error *err);

/* db_exec_idempotent for a call that answers exactly one row (an
 * outcome type); DB_ERR_SERVER, nothing in *res, if it answers another
 * number. */
enum db_status db_exec_idempotent_row(struct db_conn *c, const char *sql, int nparams,
				      const char *const *params, struct db_result **res,
				      struct db_error *err);
/* refusals.c: a refusal's outcome code and the msgid that explains it;
 * refusal_find gives NULL for "ok" (or no outcome), the msgid of outcome
 * in t, or fallback. */
struct refusal {
	const char *outcome, *msgid;
};
const char *refusal_find(const struct refusal *t, int n, const char *outcome, const char *fallback);
/* An idempotent call (db_exec_idempotent) answering one outcome text
 * in its first column; *outcome NULL on failure. */
enum db_status db_outcome_call(struct db_conn *c, const char *sql, int nparams,
			       const char *const *params, char **outcome, struct db_error *err);
/* The same, with the second column in *second too (when second is not NULL). */
enum db_status db_outcome_call2(struct db_conn *c, const char *sql, int nparams,
				const char *const *params, char **outcome, char **second,
				struct db_error *err);
/* manage.c: an idempotent call answering one wc.manage_outcome row, into *o. */
enum db_status db_manage_call(struct db_conn *c, const char *sql, int n, const char *const *params,
			      struct db_manage_outcome *o, struct db_error *err);
/* A bigint column, or -1 (or 0) for NULL. */
long long db_ll_or(const struct db_result *r, int row, int col, long long none);
/* An id as a parameter: NULL (SQL NULL) for 0 or less. */
const char *db_id_param(char buf[24], long long id);
/* ids as a bigint[] parameter ({1,2,3}), appended to out; returns out's text. */
const char *db_id_array(struct sbuf *out, const long long *ids, int n);
/* complaints.c: a filing's outcome, id and 投诉编号 from the first three
 * columns of row 0. */
void complaint_filed_read(const struct db_result *r, struct complaint_filed *out);
/* A boolean column ("t"). */
bool db_bool(const struct db_result *r, int row, int col);

/* The elements of a one-dimensional array of simple codes as PostgreSQL
 * prints it ({graduate,veteran}); *items is NULL-terminated. */
size_t db_array_items(const char *text, char ***items);
void db_items_free(char **items, size_t n);

/* policies.c: the columns of a policy_brief in a select list, and reading
 * them from a row (the fields not among them zero). */
#define DB_POLICY_BRIEF_COLS                                                                       \
	"id, code, title, issuer, doc_no, max_yuan, kind_name, updated_at, region, groups,"        \
	" entities, age_min, age_max, reg_min, reg_max, conditions, to_verify, open_to_all"
void db_policy_brief_read(const struct db_result *r, int row, struct policy_brief *b);
void db_policy_brief_release(struct policy_brief *b);

/* migrate.c and functions.c: a file of data/sql. key: a migration's
 * number, or the number of the migration a function file needs. */
struct sql_file {
	char key[5];
	char *name; /* the file's name, without its folder */
	char *sql;
	bool applied; /* a function file: applied in this transaction */
};
/* A whole file; NULL if it cannot be read. Caller frees. */
char *sql_file_read(const char *path);
void sql_files_free(struct sql_file *f, size_t n);
/* DB_ERR_SERVER with a message of our own in err->primary. */
enum db_status db_fail(struct db_error *err, const char *fmt, ...) WC_PRINTF(2, 3);
/* err as it is, but its message prefixed: what "name" failed: … */
enum db_status db_fail_in(struct db_error *err, enum db_status st, const char *what,
			  const char *name);
/* The function files of dir/functions in the order they are applied:
 * needs, then name. Each must need one of the n migrations m. */
enum db_status functions_list(const char *dir, const struct sql_file *m, size_t nm,
			      struct sql_file **out, size_t *count, struct db_error *err);
/* Apply those not applied yet that need a migration before migration
 * number before. */
enum db_status functions_apply_due(struct db_conn *c, struct sql_file *f, size_t n,
				   const char *before, FILE *log, struct db_error *err);
/* Take away the grants, apply every file, check every function's body. */
enum db_status functions_apply_all(struct db_conn *c, struct sql_file *f, size_t n,
				   struct db_error *err);
/* Record each file's checksum in wc_meta.function_file. */
enum db_status functions_record(struct db_conn *c, const struct sql_file *f, size_t n,
				struct db_error *err);
/* Where the database differs from the files: apply them and compare; the
 * caller rolls back. */
enum db_status functions_compare(struct db_conn *c, struct sql_file *f, size_t n,
				 struct db_drift **out, int *count, struct db_error *err);

#endif
