-- Terminals behind shared pools. PgBouncer keeps one pool per login, so
-- a login per terminal is a pool per terminal; two logins, one per kind
-- of terminal, let a province's terminals share a bounded number of
-- server connections. The database then no longer knows the terminal
-- from session_user: the terminal proves itself with a key of its own,
-- sent with the sign-in calls and api.terminal_info
-- (doc/architecture.md, "Pooling and terminal identity").
--
--   wc_pool_kiosk  LOGIN  the kiosks' shared pool; member of wc_kiosk only
--   wc_pool_staff  LOGIN  the staff terminals' shared pool; of wc_staff only
--
-- No password here: wanchuang-admin's deployment gives them one
-- (ALTER ROLE … PASSWORD, doc/deployment.md), PgBouncer signs in with it.
--
-- Runs as the administrator who migrates first: roles are not wc_owner's.
DO $$
DECLARE
	v_pool text;
BEGIN
	FOREACH v_pool IN ARRAY ARRAY['kiosk', 'staff'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wc_pool_' || v_pool) THEN
			EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', 'wc_pool_' || v_pool, 'wc_' || v_pool);
		END IF;
		-- the time limits of a terminal's login (wc_admin.terminal_limit):
		-- the program sends no options through a pooler
		EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', 'wc_pool_' || v_pool, '5s');
		EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L',
		               'wc_pool_' || v_pool, '30s');
	END LOOP;
END
$$;

SET LOCAL ROLE wc_owner;

-- SHA-256 of the terminal's key: a random 256-bit key needs no slow
-- hash, and one index lookup finds the terminal at each sign-in.
ALTER TABLE wc.terminal ADD COLUMN key_hash bytea UNIQUE;

-- they take the key as their last argument (functions/auth.sql)
DROP FUNCTION IF EXISTS api.staff_login(text, text);
DROP FUNCTION IF EXISTS api.citizen_login(text, text);
DROP FUNCTION IF EXISTS api.terminal_info();
-- the sign-in throttle and lock take the terminal the key names, no
-- longer session_user
DROP FUNCTION IF EXISTS wc.terminal_throttled();
DROP FUNCTION IF EXISTS wc.terminal_sign_in_lock();
