/*
 * db/conn: the connection, and running a statement: the status and error
 * every call of src/db returns, and the rows it reads.
 *
 * Every query travels with its parameters apart (PQexecParams, no named
 * prepared statements, no session state: the program also works behind
 * PgBouncer in transaction mode). Results are copied out of libpq at once,
 * so no libpq memory leaves this layer. Errors come back as a status and a
 * struct db_error the caller reports once.
 */
#ifndef WC_DB_CONN_H
#define WC_DB_CONN_H

#include <stdbool.h>
#include <stdio.h>

#include "core/core.h"

struct db_conn; /* opaque */
struct db_result; /* opaque: rows of text values */

enum db_status {
	DB_OK = 0,
	DB_ERR_CONNECT, /* could not connect; see db_conn_problem */
	DB_ERR_LOST, /* the connection broke, or the server stopped answering */
	DB_ERR_TIMEOUT, /* the server stopped the call: statement_timeout (57014) */
	DB_ERR_BUSY, /* a lock held by another call: lock_timeout (55P03), deadlock
			(40P01), serialization failure (40001) */
	DB_ERR_CANCELLED, /* the person gave up waiting (db_conn_set_wait) */
	DB_ERR_SESSION, /* sign-in expired or ended (SQLSTATE WC001) */
	DB_ERR_DENIED, /* the database refused (SQLSTATE 42501; WC003: no key of this terminal) */
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

/* conn.c */

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
/* Whether to try a connection that is not open again now (retry.c): at
 * once after it was open, then a second after a failed try, further
 * apart the longer the server stays away (at most 10 s). */
bool db_conn_retry_due(const struct db_conn *c);
/*
 * The connection goes through a pooler in transaction mode (PgBouncer):
 * each transaction may run in another server session, and one session
 * serves other terminals in between. So nothing is kept in a session: no
 * named prepared statement (every call is parsed afresh), no settings sent
 * at start-up (the pooler refuses them; the server gives the database its
 * time zone and each terminal login its time limits). Set before
 * db_conn_start.
 */
void db_conn_set_pooled(struct db_conn *c, bool pooled);
/*
 * The terminal's key (or NULL for none): behind a pool shared by the
 * terminals of a kind, the login is the pool's, and the sign-ins and
 * db_terminal_info send the key so that the server knows the terminal.
 * Copied; wiped when c is freed.
 */
void db_conn_set_terminal_key(struct db_conn *c, const char *key);
/*
 * Where the live queue listens: LISTEN needs a session of its own, which
 * a transaction pool does not give. conninfo NULL or "": on c itself (a
 * direct connection); else a second connection, opened when the queue
 * first listens (directly to the server, or through a session-mode pool)
 * and again after it is lost. Set before the first db_complaints_listen.
 */
void db_conn_set_listen(struct db_conn *c, const char *conninfo);
/* Live complaint queues: LISTEN on the complaint channel (once per
 * connection; a new connection needs it again); whether this connection
 * listens; and, when its socket is readable, how many notifications came
 * (-1: the connection is lost). A notification is only a hint to fetch
 * again: it carries an id, never content. */
enum db_status db_complaints_listen(struct db_conn *c, struct db_error *err);
bool db_conn_listening(const struct db_conn *c);
int db_conn_notified(struct db_conn *c);
/* The socket to watch for notifications while db_conn_listening: the
 * listening connection's (-1 when none). */
int db_conn_listen_socket(const struct db_conn *c);
enum db_problem db_conn_problem(const struct db_conn *c);
/* libpq's message, one line, for logs and the admin tool. */
const char *db_conn_message(const struct db_conn *c);
/* Whether conninfo (key=value or a URI) carries a password: one given
 * on a command line can be read by every user of the machine (ps). */
bool db_conninfo_has_password(const char *conninfo);
/* Where we are connected: "dbname on host:port" parts; NULL if unknown. */
const char *db_conn_host(const struct db_conn *c);
const char *db_conn_port(const struct db_conn *c);
const char *db_conn_dbname(const struct db_conn *c);

/* wait.c */

/*
 * What a call does while it waits for the server: a call not answered
 * within DB_WAIT_SHOW_MS calls fn(arg, waited_ms), and again about every
 * DB_WAIT_POLL_MS until the answer comes. fn returns false when the person
 * gives up: the server is asked to cancel the statement and the call ends
 * with DB_ERR_CANCELLED (or with its answer, if that came first). fn must
 * not call the database. fn NULL: calls wait without a word (the admin
 * tool). Kept across reconnects.
 */
typedef bool (*db_wait_fn)(void *arg, long waited_ms);
#define DB_WAIT_SHOW_MS 300
#define DB_WAIT_POLL_MS 50
void db_conn_set_wait(struct db_conn *c, db_wait_fn fn, void *arg);

/* exec.c */

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

#endif
