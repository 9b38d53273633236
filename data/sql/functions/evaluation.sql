-- The yearly evaluation of the operator (年度运营绩效评价, Art. 7(2)):
-- the bureau's targets for a year's indicators, the supervisor's
-- evaluation of a year and an area against them (the values of
-- wc.figures_table for the year, a mark each, remarks), its issue
-- (签发), after which nothing of it changes, and its export.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations.
--
-- Refusals: WC071 with detail 'issued' (the year's or the area's
-- evaluation is issued: nothing of it, nor the year's targets, changes),
-- 'not_issued' (the bureau reads issued evaluations only), 'direction'
-- (an indicator with no better direction takes no target), 'year' (a
-- year not begun), 'year_open' (issuing a year not yet ended),
-- 'conclusion' (issuing without an overall conclusion).
--
-- needs: 0053
SET LOCAL ROLE wc_owner;

-- Whether the value meets the target: met, missed; no_target when none
-- is set, no_value when the value is not defined (a rate of nothing).
CREATE OR REPLACE FUNCTION wc.evaluation_mark(p_value numeric, p_target numeric, p_at_most boolean)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN p_target IS NULL THEN 'no_target'
	            WHEN p_value IS NULL THEN 'no_value'
	            WHEN (p_at_most AND p_value <= p_target)
	              OR (NOT p_at_most AND p_value >= p_target) THEN 'met'
	            ELSE 'missed' END
$$;

-- Whether an evaluation of the year is issued, in any area: the year's
-- targets are then those it was measured against.
CREATE OR REPLACE FUNCTION wc.evaluation_year_issued(p_year int) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (SELECT 1 FROM wc.evaluation e
	                WHERE e.year = p_year AND e.issued_at IS NOT NULL)
$$;

-- The freeze, held by the tables themselves, so that no function written
-- later can change an issued evaluation or the targets it was measured
-- against.
CREATE OR REPLACE FUNCTION wc.evaluation_frozen() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	issued boolean;
BEGIN
	IF TG_TABLE_NAME = 'evaluation' THEN
		issued := OLD.issued_at IS NOT NULL;
	ELSIF TG_TABLE_NAME = 'evaluation_line' THEN
		SELECT e.issued_at IS NOT NULL INTO issued FROM wc.evaluation e
		 WHERE e.id = CASE TG_OP WHEN 'INSERT' THEN NEW.evaluation_id ELSE OLD.evaluation_id END;
	ELSE
		issued := wc.evaluation_year_issued(CASE TG_OP WHEN 'INSERT' THEN NEW.year ELSE OLD.year END)
		       OR (TG_OP = 'UPDATE' AND wc.evaluation_year_issued(NEW.year));
	END IF;
	IF issued THEN
		RAISE EXCEPTION 'the evaluation is issued' USING ERRCODE = 'WC071', DETAIL = 'issued';
	END IF;
	RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE TRIGGER evaluation_frozen BEFORE UPDATE OR DELETE ON wc.evaluation
	FOR EACH ROW EXECUTE FUNCTION wc.evaluation_frozen();
CREATE OR REPLACE TRIGGER evaluation_line_frozen BEFORE INSERT OR UPDATE OR DELETE
	ON wc.evaluation_line FOR EACH ROW EXECUTE FUNCTION wc.evaluation_frozen();
CREATE OR REPLACE TRIGGER evaluation_target_frozen BEFORE INSERT OR UPDATE OR DELETE
	ON wc.evaluation_target FOR EACH ROW EXECUTE FUNCTION wc.evaluation_frozen();

-- WC071 'year' for a year not begun (nothing to measure yet).
CREATE OR REPLACE FUNCTION wc.evaluation_year_check(p_year int) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_year IS NULL OR p_year < 2000 OR p_year > extract(year FROM wc.today()) THEN
		RAISE EXCEPTION 'no evaluation of year %', p_year USING ERRCODE = 'WC071', DETAIL = 'year';
	END IF;
END
$$;

-- WC071 'year_open' for a year not yet ended: the evaluation issued is
-- of a whole year, so this year's stays a draft, counted as it goes.
CREATE OR REPLACE FUNCTION wc.evaluation_year_ended(p_year int) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.evaluation_year_check(p_year);
	IF p_year >= extract(year FROM wc.today()) THEN
		RAISE EXCEPTION 'year % has not ended', p_year USING ERRCODE = 'WC071', DETAIL = 'year_open';
	END IF;
END
$$;

-- The year's indicators that take a target (those with a better
-- direction), with the target set and whether the year is issued.
CREATE OR REPLACE FUNCTION api.evaluation_targets(p_token text, p_year int)
RETURNS TABLE (code text, name text, unit text, better text, formula text, target numeric,
	at_most boolean, issued boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.require_role(wc.session_staff(p_token), ARRAY['bureau', 'supervisor']);
	PERFORM wc.evaluation_year_check(p_year);
	RETURN QUERY
	SELECT i.code, i.name, i.unit, i.better, i.formula, t.value, i.better = 'down',
	       wc.evaluation_year_issued(p_year)
	  FROM wc.indicator i
	  LEFT JOIN wc.evaluation_target t ON t.year = p_year AND t.code = i.code
	 WHERE i.better <> 'none'
	 ORDER BY i.ord;
END
$$;
REVOKE ALL ON FUNCTION api.evaluation_targets(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.evaluation_targets(text, int) TO wc_staff;

-- The bureau sets (p_value NULL: removes) the year's target of an
-- indicator; which way it is measured follows the indicator's better
-- direction. Audited with the target before and after.
CREATE OR REPLACE FUNCTION api.evaluation_target_set(p_token text, p_year int, p_code text,
	p_value numeric) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	i wc.indicator;
	before numeric;
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau']);
	PERFORM wc.evaluation_year_check(p_year);
	SELECT * INTO i FROM wc.indicator WHERE code = p_code;
	IF NOT FOUND OR i.better = 'none' THEN
		RAISE EXCEPTION 'indicator % takes no target', p_code
		      USING ERRCODE = 'WC071', DETAIL = 'direction';
	END IF;
	IF wc.evaluation_year_issued(p_year) THEN
		RAISE EXCEPTION 'the year''s evaluation is issued' USING ERRCODE = 'WC071', DETAIL = 'issued';
	END IF;
	SELECT t.value INTO before FROM wc.evaluation_target t WHERE t.year = p_year AND t.code = p_code;
	IF p_value IS NULL THEN
		DELETE FROM wc.evaluation_target t WHERE t.year = p_year AND t.code = p_code;
	ELSE
		INSERT INTO wc.evaluation_target (year, code, value, at_most, set_by)
		VALUES (p_year, p_code, p_value, i.better = 'down', st.id)
		ON CONFLICT (year, code) DO UPDATE
		   SET value = EXCLUDED.value, at_most = EXCLUDED.at_most, set_by = EXCLUDED.set_by,
		       set_at = now();
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'evaluation_target', p_year::text,
	        jsonb_build_object('indicator', i.name, 'before', before, 'after', p_value));
END
$$;
REVOKE ALL ON FUNCTION api.evaluation_target_set(text, int, text, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.evaluation_target_set(text, int, text, numeric) TO wc_staff;

-- The evaluation of the year in the area, one row per indicator: once
-- issued, the lines as they were kept at issue; before, the year's
-- values counted now against the targets set now.
CREATE OR REPLACE FUNCTION wc.evaluation_table(p_year int, p_area text)
RETURNS SETOF wc.evaluation_row
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH e AS (SELECT e.*, s.display_name AS issuer FROM wc.evaluation e
	             LEFT JOIN wc.staff s ON s.id = e.issued_by
	            WHERE e.year = p_year AND e.area = p_area),
	live AS (SELECT f.code, f.value
	           FROM wc.figure_values(make_date(p_year, 1, 1), make_date(p_year + 1, 1, 1), p_area) f
	          WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.issued_at IS NOT NULL))
	SELECT i.code, i.name, i.unit, i.better, i.formula, i.drill,
	       CASE WHEN e.issued_at IS NULL THEN live.value ELSE l.value END,
	       CASE WHEN e.issued_at IS NULL THEN t.value ELSE l.target END,
	       CASE WHEN e.issued_at IS NULL THEN coalesce(t.at_most, i.better = 'down') ELSE l.at_most END,
	       CASE WHEN e.issued_at IS NULL THEN wc.evaluation_mark(live.value, t.value, t.at_most)
	            ELSE l.mark END,
	       coalesce(l.remark, ''), coalesce(e.conclusion, ''), e.issued_at, e.issuer
	  FROM wc.indicator i
	  LEFT JOIN e ON true
	  LEFT JOIN wc.evaluation_line l ON l.evaluation_id = e.id AND l.code = i.code
	  LEFT JOIN live ON live.code = i.code
	  LEFT JOIN wc.evaluation_target t ON t.year = p_year AND t.code = i.code
	 -- an issued evaluation is the lines it was issued with, and no
	 -- indicator defined after it
	 WHERE e.issued_at IS NULL OR l.code IS NOT NULL
	 ORDER BY i.ord
$$;

-- The supervisor any year begun and area; the bureau the issued ones.
CREATE OR REPLACE FUNCTION wc.evaluation_reader(p_token text, p_year int, p_area text)
RETURNS wc.staff
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.area_viewer(p_token, p_area, ARRAY['supervisor', 'bureau']);
BEGIN
	PERFORM wc.evaluation_year_check(p_year);
	IF st.role = 'bureau' AND NOT EXISTS (SELECT 1 FROM wc.evaluation e
	     WHERE e.year = p_year AND e.area = p_area AND e.issued_at IS NOT NULL) THEN
		RAISE EXCEPTION 'the evaluation is not issued' USING ERRCODE = 'WC071', DETAIL = 'not_issued';
	END IF;
	RETURN st;
END
$$;

CREATE OR REPLACE FUNCTION api.evaluation(p_token text, p_year int, p_area text)
RETURNS SETOF wc.evaluation_row
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.evaluation_reader(p_token, p_year, p_area);
	RETURN QUERY SELECT * FROM wc.evaluation_table(p_year, p_area);
END
$$;
REVOKE ALL ON FUNCTION api.evaluation(text, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.evaluation(text, int, text) TO wc_staff;

-- The supervisor's draft of the year and area, made on its first remark;
-- WC071 'issued' once issued.
CREATE OR REPLACE FUNCTION wc.evaluation_draft(p_token text, p_year int, p_area text)
RETURNS wc.evaluation
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	e wc.evaluation;
BEGIN
	PERFORM wc.area_viewer(p_token, p_area, ARRAY['supervisor']);
	PERFORM wc.evaluation_year_check(p_year);
	INSERT INTO wc.evaluation (year, area) VALUES (p_year, p_area)
	ON CONFLICT (year, area) DO NOTHING;
	SELECT * INTO e FROM wc.evaluation WHERE year = p_year AND area = p_area FOR UPDATE;
	IF e.issued_at IS NOT NULL THEN
		RAISE EXCEPTION 'the evaluation is issued' USING ERRCODE = 'WC071', DETAIL = 'issued';
	END IF;
	RETURN e;
END
$$;

-- The supervisor's remark on an indicator (p_code NULL: the overall
-- conclusion), while the evaluation is a draft. Audited, with the text
-- before and after, when it changes: what an issued evaluation says was
-- written by someone, when.
CREATE OR REPLACE FUNCTION api.evaluation_remark(p_token text, p_year int, p_area text,
	p_code text, p_remark text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	e wc.evaluation := wc.evaluation_draft(p_token, p_year, p_area);
	st wc.staff := wc.session_staff(p_token);
	after text := btrim(coalesce(p_remark, ''));
	before text;
	what text;
BEGIN
	IF p_code IS NULL THEN
		before := e.conclusion;
		UPDATE wc.evaluation SET conclusion = after WHERE id = e.id;
	ELSE
		SELECT l.remark INTO before FROM wc.evaluation_line l
		 WHERE l.evaluation_id = e.id AND l.code = p_code;
		INSERT INTO wc.evaluation_line (evaluation_id, code, remark)
		VALUES (e.id, p_code, after)
		ON CONFLICT (evaluation_id, code) DO UPDATE SET remark = EXCLUDED.remark;
		SELECT i.name INTO what FROM wc.indicator i WHERE i.code = p_code;
	END IF;
	IF coalesce(before, '') <> after THEN
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, CASE WHEN p_code IS NULL THEN 'evaluation_conclusion'
		                    ELSE 'evaluation_remark' END, p_area,
		        jsonb_strip_nulls(jsonb_build_object('year', p_year, 'indicator', what))
		        || jsonb_build_object('before', coalesce(before, ''), 'after', after));
	END IF;
END
$$;
REVOKE ALL ON FUNCTION api.evaluation_remark(text, int, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.evaluation_remark(text, int, text, text, text) TO wc_staff;

-- 签发: the year's values, targets and marks kept as they are now, the
-- day and the issuer recorded, audited; from then on nothing of the
-- evaluation changes (wc.evaluation_frozen). With the supervisor's
-- request key (wc.step_replay): the same call sent again after its
-- answer was lost is answered ok, nothing done twice; another call on
-- an issued evaluation is answered already_issued, the key sent for
-- another evaluation key_mismatch. status: 'issued'. Refused (WC071)
-- for a year not ended and without an overall conclusion.
CREATE OR REPLACE FUNCTION api.evaluation_issue(p_token text, p_key uuid, p_year int,
	p_area text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.area_viewer(p_token, p_area, ARRAY['supervisor']);
	e wc.evaluation;
	o wc.manage_outcome;
	n int;
	met int;
BEGIN
	-- the row locked first, so that a call sent again while the first
	-- still runs waits for it and then finds its key
	SELECT * INTO e FROM wc.evaluation x WHERE x.year = p_year AND x.area = p_area FOR UPDATE;
	o := wc.step_replay(st, ARRAY['supervisor'], p_key, 'wc.evaluation_issue_key',
	                    jsonb_build_object('evaluation_id', e.id), 'issued');
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	IF e.issued_at IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal('already_issued');
		RETURN;
	END IF;
	PERFORM wc.evaluation_year_ended(p_year);
	e := wc.evaluation_draft(p_token, p_year, p_area);
	IF e.conclusion = '' THEN
		RAISE EXCEPTION 'no overall conclusion' USING ERRCODE = 'WC071', DETAIL = 'conclusion';
	END IF;
	INSERT INTO wc.evaluation_line AS l (evaluation_id, code, value, target, at_most, mark)
	SELECT e.id, t.code, t.value, t.target, t.at_most, t.mark
	  FROM wc.evaluation_table(p_year, p_area) t
	ON CONFLICT (evaluation_id, code) DO UPDATE
	   SET value = EXCLUDED.value, target = EXCLUDED.target, at_most = EXCLUDED.at_most,
	       mark = EXCLUDED.mark;
	GET DIAGNOSTICS n = ROW_COUNT;
	SELECT count(*) INTO met FROM wc.evaluation_line WHERE evaluation_id = e.id AND mark = 'met';
	UPDATE wc.evaluation SET issued_at = now(), issued_by = st.id WHERE id = e.id;
	INSERT INTO wc.evaluation_issue_key (staff_id, request_key, evaluation_id)
	VALUES (st.id, p_key, e.id);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'evaluation_issue', p_area,
	        jsonb_build_object('year', p_year, 'indicators', n, 'met', met));
	RETURN NEXT ROW('ok', 'issued', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
REVOKE ALL ON FUNCTION api.evaluation_issue(text, uuid, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.evaluation_issue(text, uuid, int, text) TO wc_staff;

-- An export of the evaluation for a file, audited like the figures'.
CREATE OR REPLACE FUNCTION wc.evaluation_export_audit(p_staff bigint, p_year int, p_area text,
	p_rows int) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.period_export_audit(p_staff, 'evaluation_export', 'year', make_date(p_year, 1, 1),
	                              p_area, p_rows)
$$;

CREATE OR REPLACE FUNCTION api.evaluation_export(p_token text, p_year int, p_area text)
RETURNS SETOF wc.evaluation_row
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.evaluation_reader(p_token, p_year, p_area);
	n int;
BEGIN
	RETURN QUERY SELECT * FROM wc.evaluation_table(p_year, p_area);
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM wc.evaluation_export_audit(st.id, p_year, p_area, n);
END
$$;
REVOKE ALL ON FUNCTION api.evaluation_export(text, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.evaluation_export(text, int, text) TO wc_staff;

-- wanchuang-admin report evaluation: the administrator's export, issued
-- or not, audited the same way.
CREATE OR REPLACE FUNCTION wc_admin.evaluation_export(p_year int, p_area text)
RETURNS SETOF wc.evaluation_row
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n int;
BEGIN
	PERFORM wc.area_known(p_area);
	PERFORM wc.evaluation_year_check(p_year);
	RETURN QUERY SELECT * FROM wc.evaluation_table(p_year, p_area);
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM wc.evaluation_export_audit(NULL, p_year, p_area, n);
END
$$;
REVOKE ALL ON FUNCTION wc_admin.evaluation_export(int, text) FROM PUBLIC;
