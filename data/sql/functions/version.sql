-- The versions the database serves, and the check a terminal and the
-- admin tool make when they connect (migration 0047).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0047
SET LOCAL ROLE wc_owner;

-- A dotted version as numbers, for comparing: '0.10.1' comes after
-- '0.9.3'. Anything after the leading digits and dots (a '~rc1') is left
-- out; NULL for a text that does not start with a digit.
CREATE OR REPLACE FUNCTION wc.version_numbers(p_version text) RETURNS integer[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT string_to_array(substring(p_version FROM '^[0-9]+(?:\.[0-9]+)*'), '.')::integer[]
$$;

-- Whether a program of version p_version may use this database: ok false
-- when it is older than the oldest one served (or its version is not a
-- version). Public: it says nothing but versions, and is called before
-- anyone signs in, so a terminal whose calls would fail can say why.
CREATE OR REPLACE FUNCTION api.version_check(p_version text,
	OUT ok boolean, OUT served text, OUT min_terminal text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(wc.version_numbers(p_version) >= wc.version_numbers(v.min_terminal), false),
	       v.served, v.min_terminal
	  FROM wc.api_version v
$$;
GRANT EXECUTE ON FUNCTION api.version_check(text) TO wc_staff, wc_kiosk;
