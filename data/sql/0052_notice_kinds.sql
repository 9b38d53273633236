-- The daemon's claim and its wake-up take the kinds of notice it may
-- send (those its configuration has a template for): a kind added by an
-- upgrade, before the administrator adds its template, waits pending
-- instead of stopping the daemon. A function's arguments cannot change
-- in place (functions/README): the old forms go here, the new ones are
-- in functions/notices.sql.
SET LOCAL ROLE wc_owner;

DROP FUNCTION IF EXISTS api.notice_claim(int, int);
DROP FUNCTION IF EXISTS api.notice_next_due();
