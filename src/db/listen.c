/*
 * listen: the live complaint queue's LISTEN, and where it is done.
 *
 * A notification reaches only the server session that listens, and only
 * while it lives: through a transaction pool the session changes under
 * the terminal and notifications are lost. So a terminal behind such a
 * pool listens on a second, session connection of its own
 * (db_conn_set_listen); without one, on its connection itself.
 */
#include "config.h"
#include "db.h"

#include <libpq-fe.h>

#include "db_private.h"

static struct db_conn *listen_conn(struct db_conn *c)
{
	return c->listener ? c->listener : c;
}

void db_conn_set_listen(struct db_conn *c, const char *conninfo)
{
	db_conn_free(&c->listener);
	if (conninfo && *conninfo)
		c->listener = db_conn_new(conninfo, c->application);
}

/* Open the second connection if it is not open; err says why not. */
static enum db_status listen_open(struct db_conn *l, struct db_error *err)
{
	if (db_conn_ok(l))
		return DB_OK;
	/* each try may block up to the connect timeout: not on every tick */
	if (!db_conn_retry_due(l) || !db_conn_open(l))
		return db_error_fill(err, DB_ERR_LOST, "08006", db_conn_message(l), NULL, NULL);
	return DB_OK;
}

enum db_status db_complaints_listen(struct db_conn *c, struct db_error *err)
{
	struct db_conn *l = listen_conn(c);
	struct db_result *r = NULL;
	enum db_status st;

	if (l->listening && db_conn_ok(l))
		return DB_OK;
	if (l != c && (st = listen_open(l, err)) != DB_OK)
		return st;
	/* a fixed channel name: nothing typed reaches this statement */
	st = db_exec(l, "LISTEN wc_complaint", 0, NULL, &r, err);
	db_result_free(&r);
	l->listening = st == DB_OK;
	return st;
}

bool db_conn_listening(const struct db_conn *c)
{
	const struct db_conn *l = c->listener ? c->listener : c;

	return l->listening && db_conn_ok(l);
}

int db_conn_listen_socket(const struct db_conn *c)
{
	return db_conn_listening(c) ? db_conn_socket(c->listener ? c->listener : c) : -1;
}

int db_conn_notified(struct db_conn *c)
{
	struct db_conn *l = listen_conn(c);
	PGnotify *n;
	int count = 0;

	if (!l->pg || !PQconsumeInput(l->pg))
		return -1;
	while ((n = PQnotifies(l->pg)) != NULL) {
		count++;
		PQfreemem(n);
	}
	return count;
}
