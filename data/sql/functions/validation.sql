-- The checks of a typed value: staff passwords, ID numbers
-- (GB 11643), unified social credit codes (GB 32100), codes and mobile
-- numbers as typed, written reasons. wc.credit_code_problem is a CHECK of
-- the provider tables: on a fresh database it is in before them.
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

-- What is wrong with a staff password, or NULL: at least 10 characters,
-- letters and digits both, not containing the user name, not a common one.
CREATE OR REPLACE FUNCTION wc.password_problem(p_username text, p_password text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN length(coalesce(p_password, '')) < 10 THEN 'length'
		WHEN p_password !~ '[A-Za-z]' OR p_password !~ '[0-9]' THEN 'classes'
		WHEN position(lower(p_username) IN lower(p_password)) > 0 THEN 'username'
		WHEN EXISTS (SELECT 1 FROM wc.common_password c WHERE lower(c.password) = lower(p_password))
			THEN 'common'
	END
$$;

-- What is wrong with a resident ID number (GB 11643-1999), or NULL. The
-- same rules as src/core/idcard.c: the database does not trust the client.
CREATE OR REPLACE FUNCTION wc.id_number_problem(p_id text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	w int[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	s int := 0;
	d date;
BEGIN
	IF p_id IS NULL OR p_id !~ '^[0-9]{17}[0-9X]$' THEN
		RETURN 'format';
	END IF;
	IF substr(p_id, 1, 2)::int NOT IN (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36,
	                                    37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
	                                    62, 63, 64, 65, 71, 81, 82, 83) THEN
		RETURN 'province';
	END IF;
	BEGIN
		d := make_date(substr(p_id, 7, 4)::int, substr(p_id, 11, 2)::int,
		               substr(p_id, 13, 2)::int);
	EXCEPTION WHEN OTHERS THEN
		RETURN 'birth_date';
	END;
	FOR i IN 1..17 LOOP
		s := s + substr(p_id, i, 1)::int * w[i];
	END LOOP;
	IF substr('10X98765432', s % 11 + 1, 1) <> substr(p_id, 18, 1) THEN
		RETURN 'check';
	END IF;
	IF d > current_date OR d < date '1900-01-01' THEN
		RETURN 'birth_date';
	END IF;
	RETURN NULL;
END
$$;

-- What is wrong with a unified social credit code (GB 32100-2015), or NULL.
CREATE OR REPLACE FUNCTION wc.credit_code_problem(p_code text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	alphabet text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
	w int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
	ow int[] := ARRAY[3, 7, 9, 10, 5, 8, 4, 2];
	s int := 0;
	c int;
	v int;
BEGIN
	IF p_code IS NULL OR p_code !~ '^[0-9A-HJ-NP-RTUWXY]{18}$' THEN
		RETURN 'format';
	END IF;
	-- the organisation code's check (GB 11714), letters A=10 .. Z=35
	FOR i IN 1..8 LOOP
		v := position(substr(p_code, 8 + i, 1) IN '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') - 1;
		s := s + v * ow[i];
	END LOOP;
	c := 11 - s % 11;
	IF substr(p_code, 17, 1) <> (CASE c WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE c::text END) THEN
		RETURN 'check';
	END IF;
	s := 0;
	FOR i IN 1..17 LOOP
		s := s + (position(substr(p_code, i, 1) IN alphabet) - 1) * w[i];
	END LOOP;
	c := (31 - s % 31) % 31;
	IF substr(alphabet, c + 1, 1) <> substr(p_code, 18, 1) THEN
		RETURN 'check';
	END IF;
	RETURN NULL;
END
$$;

-- What people type: NFKC (full-width digits), no blanks, upper case.
CREATE OR REPLACE FUNCTION wc.normalise_code(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT upper(regexp_replace(normalize(p, NFKC), '[[:space:]-]', '', 'g'))
$$;

CREATE OR REPLACE FUNCTION wc.normalise_mobile(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT regexp_replace(regexp_replace(wc.normalise_code(p), '^(\+86|0086)', ''), '^86(1[0-9]{10})$', '\1')
$$;

-- The reason every action requires: NULL if fine, else the refusal.
CREATE OR REPLACE FUNCTION wc.reason_problem(p_reason text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN btrim(coalesce(p_reason, '')) = '' THEN 'text_needed'
	            WHEN length(btrim(p_reason)) > 500 THEN 'text_too_long' END
$$;
