-- The regions: province, cities and counties, and which covers
-- which.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0002
SET LOCAL ROLE wc_owner;

-- Anhui's divisions, for pickers and for turning a typed name into a code.
CREATE OR REPLACE FUNCTION api.regions(OUT code text, OUT name text, OUT parent_name text, OUT level smallint)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT r.code, r.name, p.name, r.level
	  FROM wc.region r LEFT JOIN wc.region p ON p.code = r.parent
	 ORDER BY r.code
$$;
GRANT EXECUTE ON FUNCTION api.regions() TO wc_staff, wc_kiosk;

-- Whether a policy of area p_area concerns someone looking from p_where:
-- a county sees its own, its city's and the province's policies; a city
-- also those of its counties; the province (or nothing chosen) all.
CREATE OR REPLACE FUNCTION wc.region_concerns(p_area text, p_where text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN p_where IS NULL OR p_where = '' OR p_where = '340000' THEN true
		WHEN right(p_where, 2) = '00' THEN p_area = '340000' OR left(p_area, 4) = left(p_where, 4)
		ELSE p_area IN ('340000', left(p_where, 4) || '00', p_where)
	END
$$;

-- Whether staff of region p_staff_region deal with an organisation of
-- p_region: the province everywhere, a city in its counties, a county
-- in itself.
CREATE OR REPLACE FUNCTION wc.region_covers(p_staff_region text, p_region text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT p_staff_region = '340000'
	    OR (right(p_staff_region, 2) = '00' AND left(p_region, 4) = left(p_staff_region, 4))
	    OR p_region = p_staff_region
$$;

-- The areas whose policies concern p_where (wc.region_concerns): a
-- county's own, its city's and the province's; a city's, the province's
-- and its counties'; every area for the province (or nothing chosen). One
-- list, so that one "region = ANY" serves every case from an index, on a
-- generic plan too. No SET clause: it is inlined (schema-qualified names).
CREATE OR REPLACE FUNCTION wc.region_areas(p_where text) RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT CASE
		WHEN p_where IS NULL OR p_where = '' OR p_where = '340000' THEN
			ARRAY(SELECT r.code FROM wc.region r)
		WHEN pg_catalog.right(p_where, 2) = '00' THEN
			ARRAY(SELECT r.code FROM wc.region r WHERE r.code = '340000'
			       OR pg_catalog.left(r.code, 4) = pg_catalog.left(p_where, 4))
		ELSE ARRAY['340000', pg_catalog.left(p_where, 4) || '00', p_where]
	END
$$;
