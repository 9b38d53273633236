-- Roles and schemas: the database is the security boundary (DESIGN.md §4).
--
-- Runs as the administrator who migrates (a superuser, or a role with
-- CREATEROLE that owns the database). Every later migration runs as
-- wc_owner, so every object has that owner.
--
--   wc_owner  NOLOGIN  owns schemas wc, api, wc_admin and everything in them
--   wc_kiosk  NOLOGIN  group of the kiosk terminals' login roles
--   wc_staff  NOLOGIN  group of the staff terminals' login roles
--
-- Client groups get EXECUTE on chosen api functions and nothing else.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wc_owner') THEN
		CREATE ROLE wc_owner NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wc_kiosk') THEN
		CREATE ROLE wc_kiosk NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wc_staff') THEN
		CREATE ROLE wc_staff NOLOGIN;
	END IF;
	-- Connecting needs CONNECT on this database only; nobody else gets it.
	EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
	EXECUTE format('GRANT CONNECT ON DATABASE %I TO wc_kiosk, wc_staff', current_database());
	EXECUTE format('GRANT CREATE ON DATABASE %I TO wc_owner', current_database());
	EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Asia/Shanghai');
END
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA wc AUTHORIZATION wc_owner;
CREATE SCHEMA api AUTHORIZATION wc_owner;
CREATE SCHEMA wc_admin AUTHORIZATION wc_owner;
CREATE SCHEMA ext AUTHORIZATION wc_owner;
REVOKE ALL ON SCHEMA wc, wc_admin, ext FROM PUBLIC;
REVOKE ALL ON SCHEMA api FROM PUBLIC;
GRANT USAGE ON SCHEMA api TO wc_kiosk, wc_staff;

-- pgcrypto: bcrypt for staff passwords, random bytes for session tokens.
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA ext;

-- A function wc_owner creates is never executable by PUBLIC: each grant
-- to a client group is written out next to its function.
ALTER DEFAULT PRIVILEGES FOR ROLE wc_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE wc_owner REVOKE ALL ON TABLES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE wc_owner REVOKE ALL ON SEQUENCES FROM PUBLIC;
