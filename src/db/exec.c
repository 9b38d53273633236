/*
 * exec: the one place that reads libpq results.
 *
 * A query is sent, then awaited with poll() under a deadline, so a
 * vanished server ends in a status, never a hang; a long wait is shown
 * and may be given up (wait.c). The status says why a call ended: the
 * SQLSTATE tells a lock held elsewhere (busy) from the server's timeout
 * and from the person's cancel, and only a broken connection is "lost".
 * Rows are copied out into a db_result and the PGresult is cleared here.
 */
#include "config.h"
#include "db.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

/* The server gives up first (statement_timeout 15 s); this catches a
 * server or network that stopped answering altogether. */
#define EXEC_DEADLINE_MS 20000

struct db_result {
	int rows, cols;
	char **cells; /* rows * cols, NULL for SQL NULL */
};

void db_error_release(struct db_error *err)
{
	if (!err)
		return;
	XFREE(err->primary);
	XFREE(err->detail);
	XFREE(err->hint);
	err->status = DB_OK;
	err->sqlstate[0] = '\0';
}

enum db_status db_error_fill(struct db_error *err, enum db_status st, const char *sqlstate,
				const char *primary, const char *detail, const char *hint)
{
	if (!err)
		return st;
	db_error_release(err);
	err->status = st;
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", sqlstate ? sqlstate : "");
	err->primary = primary ? xstrdup(primary) : NULL;
	err->detail = detail ? xstrdup(detail) : NULL;
	err->hint = hint ? xstrdup(hint) : NULL;
	/* The first line only: libpq ends messages with a newline. */
	if (err->primary)
		err->primary[strcspn(err->primary, "\n")] = '\0';
	return st;
}

bool db_wait_socket(struct db_conn *c, bool for_read, int timeout_ms)
{
	struct pollfd p = { .fd = PQsocket(c->pg), .events = for_read ? POLLIN : POLLOUT };
	long end = db_now_ms() + timeout_ms;

	for (;;) {
		long left = end - db_now_ms();
		if (left <= 0)
			return false;
		int n = poll(&p, 1, (int)left);
		if (n > 0)
			return true;
		if (n < 0 && errno != EINTR)
			return true; /* let libpq find the error */
	}
}

static struct db_result *exec_copy(const PGresult *pr)
{
	struct db_result *r = xcalloc(1, sizeof(*r));

	r->rows = PQntuples(pr);
	r->cols = PQnfields(pr);
	r->cells = xcalloc((size_t)r->rows * (size_t)r->cols + 1, sizeof(char *));
	for (int i = 0; i < r->rows; i++)
		for (int j = 0; j < r->cols; j++)
			if (!PQgetisnull(pr, i, j))
				r->cells[i * r->cols + j] = xstrdup(PQgetvalue(pr, i, j));
	return r;
}

static enum db_status exec_lost(struct db_conn *c, struct db_error *err)
{
	return db_error_fill(err, DB_ERR_LOST, "08006", PQerrorMessage(c->pg), NULL, NULL);
}

/* One result pr of a pipeline (exec_keyed) into *last: the first error
 * stays, as the queries after it only say they were skipped; else the
 * last answer. True once the pipeline's end (its Sync) is read. */
static bool exec_piped_keep(PGresult **last, PGresult *pr)
{
	ExecStatusType st = PQresultStatus(pr);

	if (st == PGRES_PIPELINE_SYNC || st == PGRES_PIPELINE_ABORTED ||
	    (*last && PQresultStatus(*last) == PGRES_FATAL_ERROR)) {
		PQclear(pr);
		return st == PGRES_PIPELINE_SYNC;
	}
	PQclear(*last);
	*last = pr;
	return false;
}

/* Wait for and collect every result of the query sent (of each query of
 * a pipeline, to its end); keep the last, or a pipeline's first error. */
static enum db_status exec_collect(struct db_conn *c, PGresult **last, struct db_error *err)
{
	long started = db_now_ms(), deadline = started + EXEC_DEADLINE_MS;
	bool piped = PQpipelineStatus(c->pg) != PQ_PIPELINE_OFF;
	int flushed, ends = 0;

	*last = NULL;
	c->cancel_asked = false;
	while ((flushed = PQflush(c->pg)) == 1)
		if (!db_wait_socket(c, false, (int)(deadline - db_now_ms())))
			goto timeout;
	if (flushed < 0)
		return exec_lost(c, err);
	for (;;) {
		while (!PQisBusy(c->pg)) {
			PGresult *pr = PQgetResult(c->pg);
			if (!pr && !piped)
				return DB_OK;
			/* in a pipeline, NULL ends one query's results; twice in
			 * a row, before its end, nothing more is coming */
			if (!pr && ++ends == 2) {
				PQclear(*last);
				*last = NULL;
				return exec_lost(c, err);
			}
			if (!pr)
				continue;
			ends = 0;
			if (!piped) {
				PQclear(*last);
				*last = pr;
			} else if (exec_piped_keep(last, pr)) {
				return DB_OK;
			}
		}
		if (!db_wait_answer(c, started, deadline))
			goto timeout;
		if (!PQconsumeInput(c->pg)) {
			PQclear(*last);
			*last = NULL;
			return exec_lost(c, err);
		}
	}
timeout:
	PQclear(*last);
	*last = NULL;
	/* The server is not answering, not even with its own statement
	 * timeout or to a cancel: drop the connection, so the next call
	 * reconnects instead of reading this query's late answer. A lost
	 * connection, then, whatever the person is told of. */
	db_conn_drop(c);
	return db_error_fill(err, DB_ERR_LOST, "08006", "server did not answer in time", NULL, NULL);
}

/* Held up by another session: a lock wait ended by lock_timeout, a
 * deadlock, a serialization failure. */
static bool exec_state_busy(const char *state)
{
	return strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0 ||
	       strcmp(state, "40001") == 0;
}

static enum db_status exec_status(const struct db_conn *c, const PGresult *pr, struct db_error *err)
{
	switch (PQresultStatus(pr)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		return DB_OK;
	default:
		break;
	}
	const char *state = PQresultErrorField(pr, PG_DIAG_SQLSTATE);
	enum db_status st = DB_ERR_SERVER;

	if (!state)
		st = DB_ERR_LOST;
	else if (strcmp(state, "WC001") == 0)
		st = DB_ERR_SESSION;
	else if (strcmp(state, "42501") == 0 || strcmp(state, "WC003") == 0)
		st = DB_ERR_DENIED; /* WC003: a pool's login without this terminal's key */
	else if (strcmp(state, "57014") == 0)
		/* query_canceled: by the person, or else by the server's own
		 * statement_timeout (wherever it was set) */
		st = c->cancel_asked ? DB_ERR_CANCELLED : DB_ERR_TIMEOUT;
	else if (exec_state_busy(state))
		st = DB_ERR_BUSY;
	else if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		st = DB_ERR_LOST;
	return db_error_fill(err, st, state,
			 PQresultErrorField(pr, PG_DIAG_MESSAGE_PRIMARY)
				 ? PQresultErrorField(pr, PG_DIAG_MESSAGE_PRIMARY)
				 : PQresultErrorMessage(pr),
			 PQresultErrorField(pr, PG_DIAG_MESSAGE_DETAIL),
			 PQresultErrorField(pr, PG_DIAG_MESSAGE_HINT));
}

/* The values libpq read, zeroed before PQclear frees them: its memory
 * is writable, and a copy is all the caller keeps. (libpq's own input
 * buffer still holds the bytes received until it is reused.) */
static void exec_wipe(PGresult *pr)
{
	for (int r = 0; r < PQntuples(pr); r++)
		for (int c = 0; c < PQnfields(pr); c++)
			explicit_bzero(PQgetvalue(pr, r, c), (size_t)PQgetlength(pr, r, c));
}

static enum db_status exec_finish(struct db_conn *c, int sent, struct db_result **res,
				  struct db_error *err)
{
	PGresult *pr = NULL;
	enum db_status st;

	if (res)
		*res = NULL;
	if (!sent)
		return exec_lost(c, err);
	st = exec_collect(c, &pr, err);
	if (st != DB_OK)
		return st;
	if (!pr)
		return exec_lost(c, err);
	st = exec_status(c, pr, err);
	if (st == DB_OK && res)
		*res = exec_copy(pr);
	exec_wipe(pr);
	PQclear(pr);
	return st;
}

/*
 * Prepared statements. Every query of the program is one of a fixed set of
 * texts, most of them a call of one api function, and a kiosk keeps its
 * connection for days: each text is parsed and planned once per
 * connection (the first time it runs) instead of on every call, as
 * pgbench -M prepared does. Only SELECTs are prepared; the table is
 * emptied whenever the connection goes (db_conn_drop). Not through a
 * transaction pool: the next call may run in another server session,
 * where the name is unknown or is another terminal's statement.
 */
/* The server's name of the statement prepared as number id. */
static void exec_name(char name[24], unsigned id)
{
	snprintf(name, 24, "wc%u", id);
}

static unsigned long exec_hash(const char *s)
{
	unsigned long h = 14695981039346656037UL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

static struct db_prepared *exec_prepared_find(struct db_conn *c, const char *sql,
					      unsigned long hash)
{
	for (size_t i = 0; i < c->nprepared; i++)
		if (c->prepared[i].hash == hash && strcmp(c->prepared[i].sql, sql) == 0)
			return &c->prepared[i];
	return NULL;
}

/* The statement prepared for sql, preparing it now if there is room;
 * NULL (and DB_OK in *st) to run it unprepared. */
static struct db_prepared *exec_prepare(struct db_conn *c, const char *sql, int nparams,
					struct db_error *err, enum db_status *st)
{
	unsigned long hash = exec_hash(sql);
	struct db_prepared *p = exec_prepared_find(c, sql, hash);
	char name[24];

	*st = DB_OK;
	if (p || c->pooled || strncmp(sql, "SELECT ", 7) != 0 || c->nprepared == DB_PREPARED_MAX)
		return p;
	exec_name(name, c->prepared_next);
	*st = exec_finish(c, PQsendPrepare(c->pg, name, sql, nparams, NULL), NULL, err);
	if (*st != DB_OK)
		return NULL;
	p = &c->prepared[c->nprepared++];
	p->sql = xstrdup(sql);
	p->hash = hash;
	p->id = c->prepared_next++;
	return p;
}

/* Forget a prepared statement (the server keeps it until the connection ends). */
static void exec_prepared_forget(struct db_conn *c, struct db_prepared *p)
{
	free(p->sql);
	*p = c->prepared[--c->nprepared];
}

/*
 * Through a pooler (db_conn_set_pooled) the server knows the terminal
 * only by its key, so the key goes with every call, public ones too
 * (wc.caller_terminal refuses a revoked terminal's key): a setting of
 * the transaction, wc.terminal_key, then the call, sent as one pipeline
 * that ends in one Sync, so both run in one transaction on one server
 * session, for one round trip. As a parameter, not in a statement's
 * text: the server may log a text.
 */
static enum db_status exec_keyed(struct db_conn *c, const char *sql, int nparams,
				 const char *const *params, struct db_result **res,
				 struct db_error *err)
{
	const char *key[] = { c->terminal_key };
	int sent = PQenterPipelineMode(c->pg) &&
		   PQsendQueryParams(c->pg, "SELECT set_config('wc.terminal_key', $1, true)", 1,
				     NULL, key, NULL, NULL, 0) &&
		   PQsendQueryParams(c->pg, sql, nparams, NULL, params, NULL, NULL, 0) &&
		   PQpipelineSync(c->pg);
	enum db_status st = exec_finish(c, sent, res, err);

	/* what was not read of a pipeline cut short goes with the connection */
	if (c->pg && PQpipelineStatus(c->pg) != PQ_PIPELINE_OFF && !PQexitPipelineMode(c->pg))
		db_conn_drop(c);
	return st;
}

static enum db_status exec_unprepared(struct db_conn *c, const char *sql, int nparams,
				      const char *const *params, struct db_result **res,
				      struct db_error *err)
{
	if (c->pooled && c->terminal_key)
		return exec_keyed(c, sql, nparams, params, res, err);
	return exec_finish(c, PQsendQueryParams(c->pg, sql, nparams, NULL, params, NULL, NULL, 0),
			   res, err);
}

enum db_status db_exec(struct db_conn *c, const char *sql, int nparams, const char *const *params,
		       struct db_result **res, struct db_error *err)
{
	struct db_error mine = DB_ERROR_INIT;
	struct db_prepared *p;
	enum db_status st;
	char name[24];

	if (res)
		*res = NULL;
	if (!db_conn_ok(c))
		return db_error_fill(err, DB_ERR_LOST, "08003", "no connection to the server", NULL,
				 NULL);
	p = exec_prepare(c, sql, nparams, err, &st);
	if (st != DB_OK)
		return st;
	if (!p)
		return exec_unprepared(c, sql, nparams, params, res, err);
	exec_name(name, p->id);
	st = exec_finish(c, PQsendQueryPrepared(c->pg, name, nparams, params, NULL, NULL, 0), res,
			 err ? err : &mine);
	/* 0A000 "cached plan must not change result type": a function's result
	 * changed under the statement (an upgrade while the program runs); it
	 * was refused before it ran, so run it again unprepared (the next call
	 * prepares it afresh). Once: the same code raised by anything else
	 * comes back as it is. */
	if (st == DB_ERR_SERVER && strcmp((err ? err : &mine)->sqlstate, "0A000") == 0) {
		exec_prepared_forget(c, p);
		db_error_release(&mine);
		/* the answer is the second run's: a success must not carry this error */
		db_error_release(err);
		if (!db_conn_ok(c))
			return st;
		return exec_unprepared(c, sql, nparams, params, res, err);
	}
	db_error_release(&mine);
	return st;
}

enum db_status db_exec_script(struct db_conn *c, const char *sql, struct db_error *err)
{
	if (!db_conn_ok(c))
		return db_error_fill(err, DB_ERR_LOST, "08003", "no connection to the server", NULL,
				 NULL);
	return exec_finish(c, PQsendQuery(c->pg, sql), NULL, err);
}

enum db_status db_exec_row(struct db_conn *c, const char *sql, int nparams,
			   const char *const *params, struct db_result **res, struct db_error *err)
{
	enum db_status st = db_exec(c, sql, nparams, params, res, err);

	if (st == DB_OK && db_result_rows(*res) != 1) {
		db_result_free(res);
		return db_error_fill(err, DB_ERR_SERVER, "P0002", "query returned no row", NULL, NULL);
	}
	return st;
}

int db_result_rows(const struct db_result *r)
{
	return r ? r->rows : 0;
}

int db_result_cols(const struct db_result *r)
{
	return r ? r->cols : 0;
}

const char *db_result_get(const struct db_result *r, int row, int col)
{
	if (!r || row < 0 || row >= r->rows || col < 0 || col >= r->cols)
		return NULL;
	return r->cells[row * r->cols + col];
}

char *db_result_dup(const struct db_result *r, int row, int col)
{
	const char *v = db_result_get(r, row, col);

	return xstrdup(v ? v : "");
}

void db_result_free(struct db_result **rp)
{
	struct db_result *r = rp ? *rp : NULL;

	if (!r)
		return;
	/* which values are secret (a token, a revealed number) only the
	 * caller knows: all are wiped, the cost is a memset of what was read */
	for (int i = 0; i < r->rows * r->cols; i++) {
		if (r->cells[i])
			explicit_bzero(r->cells[i], strlen(r->cells[i]));
		free(r->cells[i]);
	}
	free(r->cells);
	free(r);
	*rp = NULL;
}

long long db_ll_or(const struct db_result *r, int row, int col, long long none)
{
	const char *v = db_result_get(r, row, col);
	return v ? atoll(v) : none;
}

bool db_bool(const struct db_result *r, int row, int col)
{
	const char *v = db_result_get(r, row, col);
	return v && v[0] == 't';
}

/* Tries of one idempotent call; a reconnect takes up to connect_timeout. */
#define IDEMPOTENT_TRIES 4

enum db_status db_exec_idempotent(struct db_conn *c, const char *sql, int nparams,
				  const char *const *params, struct db_result **res,
				  struct db_error *err)
{
	enum db_status st = DB_ERR_LOST;

	for (int i = 0; i < IDEMPOTENT_TRIES; i++) {
		if (!db_conn_ok(c) && !db_conn_open(c))
			continue;
		st = db_exec(c, sql, nparams, params, res, err);
		if (st == DB_OK)
			db_error_release(err); /* what an earlier try left there */
		if (st == DB_ERR_LOST)
			continue;
		/* a deadlock or serialization failure passes on a second try;
		 * a lock still held after lock_timeout, a statement_timeout or
		 * a cancel would only make the person wait again */
		if (st == DB_ERR_BUSY && err && strcmp(err->sqlstate, "55P03") != 0)
			continue;
		return st;
	}
	if (st == DB_ERR_LOST && !db_conn_ok(c))
		return db_error_fill(err, DB_ERR_LOST, "08006", "no connection to the server", NULL,
				 NULL);
	return st;
}

enum db_status db_rows_read(struct db_conn *c, const char *sql, int nparams,
			    const char *const *params, size_t elem,
			    void (*read)(const struct db_result *r, int row, void *dst), void **out,
			    int *n, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec(c, sql, nparams, params, &r, err);

	*out = NULL;
	*n = 0;
	if (st != DB_OK)
		return st;
	*n = db_result_rows(r);
	*out = xcalloc((size_t)*n + 1, elem);
	for (int i = 0; i < *n; i++)
		read(r, i, (char *)*out + (size_t)i * elem);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_exec_idempotent_row(struct db_conn *c, const char *sql, int nparams,
				      const char *const *params, struct db_result **res,
				      struct db_error *err)
{
	enum db_status st = db_exec_idempotent(c, sql, nparams, params, res, err);

	if (st == DB_OK && db_result_rows(*res) != 1) {
		db_result_free(res);
		return DB_ERR_SERVER;
	}
	return st;
}

enum db_status db_outcome_call2(struct db_conn *c, const char *sql, int nparams,
				const char *const *params, char **outcome, char **second,
				struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec_idempotent_row(c, sql, nparams, params, &r, err);

	*outcome = NULL;
	if (second)
		*second = NULL;
	if (st != DB_OK)
		return st;
	*outcome = db_result_dup(r, 0, 0);
	if (second)
		*second = db_result_dup(r, 0, 1);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_outcome_call(struct db_conn *c, const char *sql, int nparams,
			       const char *const *params, char **outcome, struct db_error *err)
{
	return db_outcome_call2(c, sql, nparams, params, outcome, NULL, err);
}
