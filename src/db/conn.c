/*
 * conn: one libpq connection, opened without blocking the terminal.
 *
 * Our defaults (connect timeout, statement timeout, time zone, encoding)
 * come first in the keyword list and the caller's conninfo after, so a
 * deployment can override any of them. libpq's notices would write to
 * stderr and garble the screen: they are dropped here.
 */
#include "config.h"
#include "db.h"

#include <libpq-fe.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

/*
 * libpq translates its messages into the user's language, but we read
 * them to tell a missing server from a refused login, and never show them
 * raw on screen: so libpq speaks English while it connects. The program
 * is single-threaded and nothing else runs in between.
 */
struct conn_c_messages {
	char *saved;
};

static void conn_messages_c(struct conn_c_messages *m)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);

	m->saved = xstrdup(cur ? cur : "C");
	setlocale(LC_MESSAGES, "C");
}

static void conn_messages_restore(struct conn_c_messages *m)
{
	setlocale(LC_MESSAGES, m->saved);
	XFREE(m->saved);
}

static void conn_notice_drop(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

struct db_conn *db_conn_new(const char *conninfo, const char *application)
{
	struct db_conn *c = xcalloc(1, sizeof(*c));

	c->conninfo = xstrdup(conninfo ? conninfo : "");
	c->application = xstrdup(application ? application : "wanchuang");
	return c;
}

void db_conn_free(struct db_conn **cp)
{
	struct db_conn *c = cp ? *cp : NULL;

	if (!c)
		return;
	db_conn_drop(c);
	db_conn_free(&c->listener);
	free(c->conninfo);
	free(c->application);
	free(c->message);
	XFREE_SECRET(c->terminal_key);
	free(c);
	*cp = NULL;
}

void db_conn_drop(struct db_conn *c)
{
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
	/* a statement prepared lives as long as its connection */
	for (size_t i = 0; i < c->nprepared; i++)
		free(c->prepared[i].sql);
	c->nprepared = 0;
}

static void conn_set_message(struct db_conn *c, const char *m)
{
	struct sbuf sb = SBUF_INIT;

	free(c->message);
	/* libpq's messages carry newlines and tabs: keep the first line. */
	size_t n = strcspn(m ? m : "", "\n");
	text_sanitize(&sb, m ? m : "", n, 0);
	c->message = sbuf_detach(&sb);
}

static enum db_wait conn_result(struct db_conn *c, PostgresPollingStatusType st)
{
	switch (st) {
	case PGRES_POLLING_READING:
		return DB_WAIT_READ;
	case PGRES_POLLING_WRITING:
		return DB_WAIT_WRITE;
	case PGRES_POLLING_OK:
		PQsetNoticeReceiver(c->pg, conn_notice_drop, NULL);
		conn_set_message(c, "");
		db_conn_tried(c, true);
		return DB_WAIT_DONE;
	case PGRES_POLLING_FAILED:
	case PGRES_POLLING_ACTIVE:
		break;
	}
	conn_set_message(c, PQerrorMessage(c->pg));
	db_conn_tried(c, false);
	return DB_WAIT_FAILED;
}

void db_conn_set_pooled(struct db_conn *c, bool pooled)
{
	c->pooled = pooled;
}

void db_conn_set_terminal_key(struct db_conn *c, const char *key)
{
	XFREE_SECRET(c->terminal_key);
	c->terminal_key = key ? xstrdup(key) : NULL;
}

enum db_wait db_conn_start(struct db_conn *c)
{
	const char *keys[] = { "connect_timeout", "application_name", "client_encoding",
			       "options",	  "dbname",	      NULL };
	const char *vals[] = { "5",	    c->application,
			       "UTF8",	    "-c statement_timeout=15s -c TimeZone=Asia/Shanghai",
			       c->conninfo, NULL };
	char *errmsg = NULL;

	/* PgBouncer refuses a connection that sends options: what they set
	 * comes from the server there (migration 0001, terminal_add) */
	if (c->pooled) {
		keys[3] = "dbname";
		vals[3] = c->conninfo;
		keys[4] = NULL;
	}
	db_conn_drop(c);
	c->listening = false;
	/* Check the string first: PQconnectStartParams says only "out of
	 * memory" style failures otherwise. */
	if (c->conninfo[0] && (strchr(c->conninfo, '=') || strstr(c->conninfo, "://"))) {
		struct conn_c_messages m;
		conn_messages_c(&m);
		PQconninfoOption *opts = PQconninfoParse(c->conninfo, &errmsg);
		conn_messages_restore(&m);
		if (!opts) {
			conn_set_message(c, errmsg ? errmsg : "invalid connection string");
			PQfreemem(errmsg);
			c->bad_conninfo = true;
			db_conn_tried(c, false);
			return DB_WAIT_FAILED;
		}
		PQconninfoFree(opts);
	}
	c->bad_conninfo = false;
	struct conn_c_messages m;
	conn_messages_c(&m);
	c->pg = PQconnectStartParams(keys, vals, 1);
	bool bad = !c->pg || PQstatus(c->pg) == CONNECTION_BAD;
	if (bad) {
		conn_set_message(c, c->pg ? PQerrorMessage(c->pg) : "out of memory");
		db_conn_tried(c, false);
	}
	conn_messages_restore(&m);
	return bad ? DB_WAIT_FAILED : DB_WAIT_WRITE;
}

enum db_wait db_conn_poll(struct db_conn *c)
{
	struct conn_c_messages m;
	enum db_wait w;

	if (!c->pg)
		return DB_WAIT_FAILED;
	conn_messages_c(&m);
	w = conn_result(c, PQconnectPoll(c->pg));
	conn_messages_restore(&m);
	return w;
}

bool db_conn_open(struct db_conn *c)
{
	enum db_wait w = db_conn_start(c);

	while (w == DB_WAIT_READ || w == DB_WAIT_WRITE) {
		if (!db_wait_socket(c, w == DB_WAIT_READ, 10000)) {
			conn_set_message(c, "timeout expired");
			db_conn_tried(c, false);
			return false;
		}
		w = db_conn_poll(c);
	}
	return w == DB_WAIT_DONE;
}

int db_conn_socket(const struct db_conn *c)
{
	return c->pg ? PQsocket(c->pg) : -1;
}

bool db_conn_ok(const struct db_conn *c)
{
	return c->pg && PQstatus(c->pg) == CONNECTION_OK;
}

const char *db_conn_message(const struct db_conn *c)
{
	return c->message ? c->message : "";
}

enum db_problem db_conn_problem(const struct db_conn *c)
{
	const char *m = db_conn_message(c);

	if (c->bad_conninfo)
		return DB_PROBLEM_CONNINFO;
	if (db_conn_ok(c))
		return DB_PROBLEM_NONE;
	if (strstr(m, "No such file or directory") || strstr(m, "Connection refused"))
		return DB_PROBLEM_NO_SERVER;
	if (strstr(m, "password") || strstr(m, "authentication") ||
	    strstr(m, "permission denied") || strstr(m, "not permitted to log in") ||
	    (strstr(m, "role") && strstr(m, "does not exist")))
		return DB_PROBLEM_AUTH;
	if (strstr(m, "database") && strstr(m, "does not exist"))
		return DB_PROBLEM_NO_DATABASE;
	if (strstr(m, "translate host name") || strstr(m, "No route to host") ||
	    strstr(m, "Network is unreachable"))
		return DB_PROBLEM_HOST;
	if (strstr(m, "timeout"))
		return DB_PROBLEM_TIMEOUT;
	if (strstr(m, "invalid") || strstr(m, "missing"))
		return DB_PROBLEM_CONNINFO;
	return DB_PROBLEM_OTHER;
}

const char *db_conn_host(const struct db_conn *c)
{
	return c->pg ? PQhost(c->pg) : NULL;
}

const char *db_conn_port(const struct db_conn *c)
{
	return c->pg ? PQport(c->pg) : NULL;
}

const char *db_conn_dbname(const struct db_conn *c)
{
	return c->pg ? PQdb(c->pg) : NULL;
}

bool db_conninfo_has_password(const char *conninfo)
{
	PQconninfoOption *opts;
	bool found = false;

	/* a string libpq cannot read (or a bare database name) holds no
	 * password it would use; connecting says what is wrong with it */
	if (!conninfo || !(strchr(conninfo, '=') || strstr(conninfo, "://")))
		return false;
	opts = PQconninfoParse(conninfo, NULL);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val && *o->val)
			found = true;
	PQconninfoFree(opts);
	return found;
}
