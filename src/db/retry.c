/*
 * retry: when a connection that is not open is tried again. A failover
 * takes a few seconds, so the first tries come a second after the loss;
 * the longer the server stays away, the further apart they come (half
 * the time it has been away, at most RETRY_MAX_MS), so a province of
 * terminals does not keep knocking on a standby being promoted or on a
 * network that is down, and each comes back soon after the new primary.
 */
#include "config.h"
#include "db.h"

#include "db_private.h"

#define RETRY_MIN_MS 1000
#define RETRY_MAX_MS 10000

long db_retry_wait_ms(long away_ms)
{
	long wait = away_ms / 2;

	if (wait < RETRY_MIN_MS)
		return RETRY_MIN_MS;
	return wait > RETRY_MAX_MS ? RETRY_MAX_MS : wait;
}

void db_conn_tried(struct db_conn *c, bool ok)
{
	long now = db_now_ms();

	if (ok) {
		c->down_since_ms = 0;
		c->tried_at_ms = 0;
		return;
	}
	if (!c->down_since_ms)
		c->down_since_ms = now;
	c->tried_at_ms = now;
}

bool db_conn_retry_due(const struct db_conn *c)
{
	if (!c->tried_at_ms)
		return true;
	return db_now_ms() - c->tried_at_ms >= db_retry_wait_ms(c->tried_at_ms - c->down_since_ms);
}
