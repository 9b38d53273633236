-- The settings table read by the other functions, and the
-- trigger function that keeps append-only tables so (the triggers are in
-- the files of their tables).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0003
SET LOCAL ROLE wc_owner;

-- Append-only tables refuse changes even from the owner.
CREATE OR REPLACE FUNCTION wc.refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;

CREATE OR REPLACE FUNCTION wc.setting_num(p_name text) RETURNS numeric
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT value::numeric FROM wc.setting WHERE name = p_name
$$;

-- PL/pgSQL, not SQL: a scalar SQL function with a FROM clause is never
-- inlined, and PL/pgSQL keeps its plan.
CREATE OR REPLACE FUNCTION wc.setting_int(p_name text) RETURNS int
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT s.value::int FROM wc.setting s WHERE s.name = p_name);
END
$$;
