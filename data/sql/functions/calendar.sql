-- Today (in Asia/Shanghai), working days and the holiday
-- calendar, for deadlines counted in working days.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0016
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION wc.day_no(p_prefix text, p_id bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN p_prefix || to_char(wc.today(), 'YYYYMMDD') || lpad((p_id % 1000000)::text, 6, '0');
END
$$;

CREATE OR REPLACE FUNCTION wc.is_workday(p_day date) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce((SELECT workday FROM wc.calendar_day WHERE day = p_day),
	                extract(isodow FROM p_day) < 6)
$$;

-- The n-th working day after p_from (p_from itself never counts, as a
-- time limit runs from the day after the event); p_from for n <= 0.
CREATE OR REPLACE FUNCTION wc.workdays_after(p_from date, p_n int) RETURNS date
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	d date := p_from;
	left_ int := p_n;
BEGIN
	WHILE left_ > 0 LOOP
		d := d + 1;
		IF wc.is_workday(d) THEN
			left_ := left_ - 1;
		END IF;
	END LOOP;
	RETURN d;
END
$$;

-- Working days in (p_from, p_to]: how much of a time limit the days from
-- the day after p_from up to p_to used.
CREATE OR REPLACE FUNCTION wc.workdays_between(p_from date, p_to date) RETURNS int
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT count(*)::int
	  FROM generate_series(p_from + 1, p_to, interval '1 day') AS d
	 WHERE wc.is_workday(d::date)
$$;

-- Whether the holidays of every year from p_from to p_to are loaded.
CREATE OR REPLACE FUNCTION wc.calendar_known(p_from date, p_to date) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NOT EXISTS (
		SELECT FROM generate_series(extract(year FROM p_from)::int,
		                            extract(year FROM p_to)::int) AS y
		 WHERE y NOT IN (SELECT year FROM wc.calendar_notice))
$$;

-- A correction of the calendar by the administrator (a day the notice
-- changed, a local arrangement): set or clear one date, audited; the open
-- complaints' deadlines move with it.
CREATE OR REPLACE FUNCTION wc_admin.calendar_set(p_day date, p_workday boolean, p_name text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_workday = (extract(isodow FROM p_day) < 6) THEN
		DELETE FROM wc.calendar_day WHERE day = p_day;
	ELSE
		INSERT INTO wc.calendar_day (day, workday, name) VALUES (p_day, p_workday, p_name)
		ON CONFLICT (day) DO UPDATE SET workday = EXCLUDED.workday, name = EXCLUDED.name;
	END IF;
	INSERT INTO wc.audit (action, object, detail)
	VALUES ('calendar_set', p_day::text,
	        jsonb_build_object('workday', p_workday, 'name', p_name,
	                           'deadlines_moved', wc.complaint_deadlines_refresh()));
END
$$;

CREATE OR REPLACE FUNCTION wc.today() RETURNS date
LANGUAGE sql STABLE AS $$
	SELECT (pg_catalog.now() AT TIME ZONE 'Asia/Shanghai')::pg_catalog.date
$$;
