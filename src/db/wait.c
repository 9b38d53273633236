/*
 * wait: a call that takes more than a moment, seen and given up.
 *
 * The screen registers what to do while a call waits (db_conn_set_wait);
 * this layer never draws. Giving up asks the server to cancel the
 * statement (PQcancel on a connection of its own), then still reads the
 * answer: it is either the cancellation (57014 with cancel_asked set, so
 * exec.c tells it from the server's own statement_timeout) or the result,
 * if the statement finished first.
 */
#include "config.h"
#include "db.h"

#include <time.h>

#include "db_private.h"

/* After a cancel, how long the server has to say so. */
#define DB_CANCEL_GRACE_MS 5000

void db_conn_set_wait(struct db_conn *c, db_wait_fn fn, void *arg)
{
	c->wait_fn = fn;
	c->wait_arg = arg;
}

long db_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Ask the server to stop the statement under way. PQcancel opens a
 * connection of its own and returns once the request is delivered; the
 * statement's answer still comes on ours. */
static void wait_cancel(struct db_conn *c)
{
	PGcancel *cancel = PQgetCancel(c->pg);
	char why[256];

	c->cancel_asked = true;
	if (!cancel)
		return;
	/* when it fails, the answer (or the deadline) still ends the call */
	(void)PQcancel(cancel, why, sizeof(why));
	PQfreeCancel(cancel);
}

bool db_wait_answer(struct db_conn *c, long started_ms, long deadline_ms)
{
	for (;;) {
		long now = db_now_ms(), left = deadline_ms - now;
		long waited = now - started_ms;
		int slice;

		if (left <= 0)
			return false;
		if (!c->wait_fn || c->cancel_asked)
			slice = (int)left;
		else if (waited < DB_WAIT_SHOW_MS)
			slice = (int)(DB_WAIT_SHOW_MS - waited);
		else
			slice = DB_WAIT_POLL_MS;
		if (slice > left)
			slice = (int)left;
		if (db_wait_socket(c, true, slice))
			return true;
		now = db_now_ms();
		if (!c->wait_fn || c->cancel_asked || now - started_ms < DB_WAIT_SHOW_MS)
			continue;
		if (!c->wait_fn(c->wait_arg, now - started_ms)) {
			wait_cancel(c);
			/* the server answers a cancel at once; one that does not
			 * is as good as gone */
			if (deadline_ms > db_now_ms() + DB_CANCEL_GRACE_MS)
				deadline_ms = db_now_ms() + DB_CANCEL_GRACE_MS;
		}
	}
}
