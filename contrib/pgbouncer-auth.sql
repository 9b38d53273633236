-- contrib/pgbouncer-auth.sql: the login PgBouncer looks terminals up with
-- (auth_user wc_pooler, auth_query in contrib/pgbouncer.ini.wanchuang).
--
-- Run it as a superuser in the wanchuang database, after migrate; running
-- it again changes nothing. Then give wc_pooler a password
-- (ALTER ROLE wc_pooler PASSWORD …, or \password in psql) and put it in
-- PgBouncer's auth_file.
--
-- A terminal signs in to PgBouncer with its own login and password: the
-- pooler reads that login's SCRAM verifier through this function, checks
-- the password against it, and signs in to the server with the keys of
-- that exchange. The function answers for terminal logins only
-- (wc.terminal): the pooler cannot be used to try the password of the
-- administrator or of any other role of the server. wc_pooler can do
-- nothing else: no table, no api function.

SET client_min_messages = warning;

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'wc_pooler') THEN
		CREATE ROLE wc_pooler LOGIN CONNECTION LIMIT 4;
	END IF;
END
$$;
ALTER ROLE wc_pooler SET statement_timeout = '5s';
DO $$
BEGIN
	EXECUTE format('GRANT CONNECT ON DATABASE %I TO wc_pooler', current_database());
END
$$;

CREATE SCHEMA IF NOT EXISTS pooler;
REVOKE ALL ON SCHEMA pooler FROM PUBLIC;
GRANT USAGE ON SCHEMA pooler TO wc_pooler;

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
$$;
REVOKE ALL ON FUNCTION pooler.terminal_verifier(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pooler.terminal_verifier(text) TO wc_pooler;
