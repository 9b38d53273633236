-- contrib/pgbouncer-auth.sql: the logins PgBouncer looks terminals up
-- with (auth_user, auth_query in contrib/pgbouncer.ini.wanchuang).
--
-- Run it as a superuser in the wanchuang database, after migrate; running
-- it again changes nothing. Then give each lookup login a password
-- (ALTER ROLE … PASSWORD, or \password in psql) and put it in
-- PgBouncer's auth_file.
--
-- A terminal signs in to PgBouncer with its own login and password: the
-- pooler reads that login's SCRAM verifier through this function, checks
-- the password against it, and signs in to the server (as that login on
-- a per-login entry, as the pool's login on a shared entry). The function
-- answers for terminal logins only (wc.terminal): the pooler cannot be
-- used to try the password of the administrator or of any other role of
-- the server. Which terminals, the lookup login decides:
--   wc_pooler        any terminal (the entry with a pool per login)
--   wc_pooler_kiosk  kiosks only (the shared entry wanchuang_kiosk)
--   wc_pooler_staff  staff terminals only (the shared entry wanchuang_staff)
-- so a kiosk's password opens no staff entry. The lookup logins can do
-- nothing else: no table, no api function.

SET client_min_messages = warning;

DO $$
DECLARE
	v_login text;
BEGIN
	FOREACH v_login IN ARRAY ARRAY['wc_pooler', 'wc_pooler_kiosk', 'wc_pooler_staff'] LOOP
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = v_login) THEN
			EXECUTE format('CREATE ROLE %I LOGIN CONNECTION LIMIT 4', v_login);
		END IF;
		EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', v_login, '5s');
		EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), v_login);
	END LOOP;
END
$$;

CREATE SCHEMA IF NOT EXISTS pooler;
REVOKE ALL ON SCHEMA pooler FROM PUBLIC;
GRANT USAGE ON SCHEMA pooler TO wc_pooler, wc_pooler_kiosk, wc_pooler_staff;

-- no row for any other name (a row of NULLs would be read as a user)
DROP FUNCTION IF EXISTS pooler.terminal_verifier(text);
CREATE FUNCTION pooler.terminal_verifier(p_name text)
RETURNS TABLE (usename name, passwd text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.usename, s.passwd
	  FROM pg_catalog.pg_shadow s
	  JOIN wc.terminal t ON t.role_name = s.usename
	 WHERE s.usename = p_name
	   -- a revoked login (terminal revoke) is refused by the pooler itself,
	   -- even where the server sees a pool's login rather than the terminal's
	   AND (SELECT r.rolcanlogin FROM pg_catalog.pg_roles r WHERE r.rolname = s.usename)
	   -- the lookup of a shared entry answers for its kind of terminal only
	   AND CASE session_user
	       WHEN 'wc_pooler' THEN true
	       WHEN 'wc_pooler_kiosk' THEN t.kind = 'kiosk'
	       WHEN 'wc_pooler_staff' THEN t.kind = 'staff'
	       ELSE false
	       END
$$;
REVOKE ALL ON FUNCTION pooler.terminal_verifier(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pooler.terminal_verifier(text) TO wc_pooler, wc_pooler_kiosk,
	wc_pooler_staff;
