-- The terminal a row records. wc.audit, wc.voucher_entry, wc.booking and
-- wc.review took session_user as their terminal: behind a pool shared by
-- the terminals of a kind (0036) that is the pool's login, not the kiosk
-- or counter. They now take wc.row_terminal() (functions/auth.sql): the
-- terminal's own login on a direct connection, as before; through a
-- pool, the terminal its key or its session proved in this transaction.
--
-- What wc.caller_terminal found is kept for the transaction in the
-- setting wc.terminal, sealed with an HMAC under the key made here
-- (wc.terminal_seal): any caller may SET a setting, none can seal one.
SET LOCAL ROLE wc_owner;

INSERT INTO wc.secret (name, value) VALUES ('terminal_seal', ext.gen_random_bytes(32))
	ON CONFLICT (name) DO NOTHING;

ALTER TABLE wc.audit ALTER COLUMN terminal SET DEFAULT wc.row_terminal();
ALTER TABLE wc.voucher_entry ALTER COLUMN terminal SET DEFAULT wc.row_terminal();
ALTER TABLE wc.booking ALTER COLUMN terminal SET DEFAULT wc.row_terminal();
ALTER TABLE wc.review ALTER COLUMN terminal SET DEFAULT wc.row_terminal();
