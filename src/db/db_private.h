/* db_private: what the files of src/db share; never included elsewhere. */
#ifndef WC_DB_PRIVATE_H
#define WC_DB_PRIVATE_H

#include <libpq-fe.h>
#include <stdbool.h>

struct db_conn {
	PGconn *pg; /* NULL before db_conn_start */
	char *conninfo;
	char *application;
	char *message; /* last connection error, one sanitized line */
	bool bad_conninfo;
};

/* Wait until the socket is readable (or writable); false on timeout. */
bool db_wait_socket(struct db_conn *c, bool for_read, int timeout_ms);

/* Run a query and expect exactly one row; DB_ERR_SERVER if none. */
enum db_status db_exec_row(struct db_conn *c, const char *sql, int nparams,
			   const char *const *params, struct db_result **res, struct db_error *err);

/* A parameter that is SQL NULL when the text is NULL or "". */
const char *db_null_if_empty(const char *s);

/* The sign-in functions' status column as an outcome. */
enum db_login db_login_status(const char *status);

#endif
