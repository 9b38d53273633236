-- 服务商考核 (Art. 24): each provider of an area, for one year, with the
-- figures counted from the facts (bookings completed of those made,
-- reviews and their stars, complaints against it, forwarded complaints
-- answered by their due day and in how many working days), marked
-- against the thresholds of wc.setting (assessment_*): 合格 when every
-- figure it has meets its threshold, 不合格 when one misses it, 无数据
-- when it has none of the three. Read by the operator, the supervisor and
-- the bureau; an export is audited. The operator writes a remark on a
-- provider's year (考核意见), audited, and issues (签发) a year of an
-- area once it has ended: from then on that year and area show the rows
-- kept at issue, marked against the thresholds of then, and the remarks
-- of its providers for the year no longer change. The bureau sets the
-- thresholds, audited; a year issued keeps those it was issued with.
--
-- Refusals: WC071 with detail 'year' (a year not begun), 'year_open'
-- (issuing a year not ended), 'assessment_issued' (a remark on a
-- provider's year already issued); WC072 'threshold' (a threshold out of
-- its range: a percent from 0 to 100 to one decimal, stars from 1 to 5
-- to two).
--
-- Functions as code (README in this folder).
--
-- needs: 0057
SET LOCAL ROLE wc_owner;

-- The figures of [p_year-01-01, p_year+1-01-01) for each provider
-- registered in the area before the year ended. A year is counted by
-- the Asia/Shanghai day: a booking by the day it was made, a review by
-- the day it was published, a complaint by the day it was filed, a
-- forwarding by its day. A forwarding counts towards the on-time rate
-- once answered, or once its due day has passed unanswered (late).
-- Marked against the thresholds given (NULL: not set).
CREATE OR REPLACE FUNCTION wc.provider_assessment_count(p_year int, p_area text,
	p_completion numeric, p_stars numeric, p_answered numeric)
RETURNS SETOF wc.provider_assessment_row
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH y AS (SELECT make_date(p_year, 1, 1) AS d0, make_date(p_year + 1, 1, 1) AS d1,
	                  wc.day_start(make_date(p_year, 1, 1)) AS t0,
	                  wc.day_start(make_date(p_year + 1, 1, 1)) AS t1, wc.today() AS today),
	pr AS (SELECT p.id, p.name, p.region FROM wc.provider p, y
	        WHERE p.created_at < y.t1 AND wc.area_holds(p_area, p.region)),
	b AS (SELECT s.provider_id, count(*)::int AS made,
	             count(*) FILTER (WHERE bk.status = 'completed')::int AS completed
	        FROM y, wc.booking bk JOIN wc.service s ON s.id = bk.service_id
	       WHERE bk.created_at >= y.t0 AND bk.created_at < y.t1
	       GROUP BY s.provider_id),
	r AS (SELECT v.provider_id, count(*)::int AS n, round(avg(v.stars), 2) AS stars
	        FROM y, wc.review v
	       WHERE v.status = 'published' AND v.published_at >= y.t0 AND v.published_at < y.t1
	       GROUP BY v.provider_id),
	c AS (SELECT cp.provider_id, count(*)::int AS n
	        FROM y, wc.complaint cp
	       WHERE cp.created_at >= y.t0 AND cp.created_at < y.t1 AND cp.provider_id IS NOT NULL
	       GROUP BY cp.provider_id),
	f AS (SELECT f.provider_id, f.day, a.day AS answered_on,
	             wc.workdays_after(f.day, f.limit_days) AS due_on
	        FROM y, wc.complaint_forward f
	        LEFT JOIN wc.complaint_event a ON a.id = f.answer_event
	       WHERE f.to_kind = 'provider' AND f.day >= y.d0 AND f.day < y.d1),
	fa AS (SELECT f.provider_id, count(*)::int AS n,
	              count(*) FILTER (WHERE f.answered_on <= f.due_on)::int AS on_time,
	              count(*) FILTER (WHERE f.answered_on IS NOT NULL OR f.due_on < y.today)::int
	                AS counted,
	              round(avg(wc.workdays_between(f.day, f.answered_on))
	                      FILTER (WHERE f.answered_on IS NOT NULL), 1) AS days
	         FROM f, y GROUP BY f.provider_id),
	v AS (SELECT pr.id, pr.name, pr.region, coalesce(b.made, 0) AS made,
	             coalesce(b.completed, 0) AS completed,
	             round(100.0 * b.completed / nullif(b.made, 0), 1) AS completion,
	             coalesce(r.n, 0) AS reviews, r.stars, coalesce(c.n, 0) AS complaints,
	             coalesce(fa.n, 0) AS forwarded, coalesce(fa.on_time, 0) AS on_time,
	             coalesce(fa.counted, 0) AS counted,
	             round(100.0 * fa.on_time / nullif(fa.counted, 0), 1) AS answered_rate,
	             fa.days, coalesce(rm.remark, '') AS remark
	        FROM pr
	        LEFT JOIN b ON b.provider_id = pr.id
	        LEFT JOIN r ON r.provider_id = pr.id
	        LEFT JOIN c ON c.provider_id = pr.id
	        LEFT JOIN fa ON fa.provider_id = pr.id
	        LEFT JOIN wc.provider_assessment_remark rm
	          ON rm.year = p_year AND rm.provider_id = pr.id)
	SELECT v.id, v.name, v.region, v.made, v.completed, v.completion, v.reviews, v.stars,
	       v.complaints, v.forwarded, v.on_time, v.counted, v.answered_rate, v.days,
	       CASE WHEN 'missed' = ANY (m.marks) THEN 'fail'
	            WHEN 'met' = ANY (m.marks) THEN 'pass'
	            ELSE 'no_data' END,
	       v.remark
	  FROM v
	 CROSS JOIN LATERAL (SELECT ARRAY[
	         wc.evaluation_mark(v.completion, p_completion, false),
	         wc.evaluation_mark(v.stars, p_stars, false),
	         wc.evaluation_mark(v.answered_rate, p_answered, false)]
	         AS marks) m
	 ORDER BY CASE WHEN 'missed' = ANY (m.marks) THEN 0 ELSE 1 END, v.name
$$;

-- The year's assessment of the area: once issued, the rows kept at issue
-- in their order; before, counted now against the thresholds in force.
CREATE OR REPLACE FUNCTION wc.provider_assessment_table(p_year int, p_area text)
RETURNS SETOF wc.provider_assessment_row
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	i wc.provider_assessment_issue;
BEGIN
	SELECT * INTO i FROM wc.provider_assessment_issue x WHERE x.year = p_year AND x.area = p_area;
	IF FOUND THEN
		RETURN QUERY
		SELECT r.provider_id, r.provider, r.region, r.made, r.completed, r.completion, r.reviews,
		       r.stars, r.complaints, r.forwarded, r.answered_on_time, r.answered_counted,
		       r.answered_rate, r.response_days, r.mark, r.remark
		  FROM wc.provider_assessment_issued r WHERE r.issue_id = i.id ORDER BY r.ord;
	ELSE
		RETURN QUERY
		SELECT * FROM wc.provider_assessment_count(p_year, p_area,
		       wc.setting_num('assessment_completion_min'), wc.setting_num('assessment_stars_min'),
		       wc.setting_num('assessment_answered_min'));
	END IF;
END
$$;

-- The operator, the supervisor and the bureau, for an area they cover
-- and a year begun.
CREATE OR REPLACE FUNCTION wc.provider_assessment_viewer(p_token text, p_year int, p_area text)
RETURNS wc.staff
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.area_viewer(p_token, p_area, ARRAY['operator', 'supervisor', 'bureau']);
BEGIN
	PERFORM wc.evaluation_year_check(p_year);
	RETURN st;
END
$$;

CREATE OR REPLACE FUNCTION api.provider_assessment(p_token text, p_year int, p_area text)
RETURNS SETOF wc.provider_assessment_row
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.provider_assessment_viewer(p_token, p_year, p_area);
	RETURN QUERY SELECT * FROM wc.provider_assessment_table(p_year, p_area);
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment(text, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment(text, int, text) TO wc_staff;

-- The same rows for a file, audited like the evaluation's export.
CREATE OR REPLACE FUNCTION api.provider_assessment_export(p_token text, p_year int, p_area text)
RETURNS SETOF wc.provider_assessment_row
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.provider_assessment_viewer(p_token, p_year, p_area);
	n int;
BEGIN
	RETURN QUERY SELECT * FROM wc.provider_assessment_table(p_year, p_area);
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM wc.period_export_audit(st.id, 'provider_assessment_export', 'year',
	                               make_date(p_year, 1, 1), p_area, n);
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment_export(text, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment_export(text, int, text) TO wc_staff;

-- The thresholds, for the screen's head: completion, stars, answered.
CREATE OR REPLACE FUNCTION api.provider_assessment_thresholds(p_token text)
RETURNS TABLE (completion numeric, stars numeric, answered numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.require_role(wc.session_staff(p_token), ARRAY['operator', 'supervisor', 'bureau']);
	RETURN QUERY SELECT wc.setting_num('assessment_completion_min'),
	                    wc.setting_num('assessment_stars_min'),
	                    wc.setting_num('assessment_answered_min');
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment_thresholds(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment_thresholds(text) TO wc_staff;

-- The head of the year's assessment of the area: the thresholds its
-- marks were given against (once issued, those of the issue; before,
-- those in force) and the issue (NULL: not issued), with the issuer's
-- name.
CREATE OR REPLACE FUNCTION api.provider_assessment_state(p_token text, p_year int, p_area text)
RETURNS TABLE (completion numeric, stars numeric, answered numeric, issued_at timestamptz,
	issued_by text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.provider_assessment_viewer(p_token, p_year, p_area);
	RETURN QUERY
	SELECT i.completion_min, i.stars_min, i.answered_min, i.issued_at, s.display_name
	  FROM wc.provider_assessment_issue i JOIN wc.staff s ON s.id = i.staff_id
	 WHERE i.year = p_year AND i.area = p_area;
	IF NOT FOUND THEN
		RETURN QUERY SELECT wc.setting_num('assessment_completion_min'),
		                    wc.setting_num('assessment_stars_min'),
		                    wc.setting_num('assessment_answered_min'), NULL::timestamptz, NULL::text;
	END IF;
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment_state(text, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment_state(text, int, text) TO wc_staff;

-- WC072 'threshold' unless the value lies in [p_min, p_max] with at
-- most p_scale decimals.
CREATE OR REPLACE FUNCTION wc.provider_assessment_threshold_check(p_value numeric,
	p_min numeric, p_max numeric, p_scale int) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_value IS NULL OR p_value < p_min OR p_value > p_max
	   OR p_value <> round(p_value, p_scale) THEN
		RAISE EXCEPTION 'threshold % out of range', p_value
		      USING ERRCODE = 'WC072', DETAIL = 'threshold';
	END IF;
END
$$;

-- The bureau sets the three thresholds: completion and answered on time
-- in percent (0 to 100, one decimal), stars (1 to 5, two decimals).
-- Audited with the three before and after. A year already issued keeps
-- the thresholds it was issued with (wc.provider_assessment_issue).
CREATE OR REPLACE FUNCTION api.provider_assessment_thresholds_set(p_token text,
	p_completion numeric, p_stars numeric, p_answered numeric) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	before jsonb;
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau']);
	PERFORM wc.provider_assessment_threshold_check(p_completion, 0, 100, 1);
	PERFORM wc.provider_assessment_threshold_check(p_stars, 1, 5, 2);
	PERFORM wc.provider_assessment_threshold_check(p_answered, 0, 100, 1);
	before := jsonb_build_object('completion', wc.setting_num('assessment_completion_min'),
	                             'stars', wc.setting_num('assessment_stars_min'),
	                             'answered', wc.setting_num('assessment_answered_min'));
	INSERT INTO wc.setting AS s (name, value) VALUES
		('assessment_completion_min', p_completion::text),
		('assessment_stars_min', p_stars::text),
		('assessment_answered_min', p_answered::text)
	ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'provider_assessment_thresholds', NULL,
	        jsonb_build_object('before', before,
	                           'after', jsonb_build_object('completion', p_completion,
	                                                       'stars', p_stars,
	                                                       'answered', p_answered)));
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment_thresholds_set(text, numeric, numeric, numeric)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment_thresholds_set(text, numeric, numeric, numeric)
	TO wc_staff;

-- 签发: the operator keeps the year's rows of the area as they are now,
-- with the thresholds in force, the day and the issuer; audited. With
-- the operator's request key (wc.step_replay): the same call sent again
-- after its answer was lost is answered ok, nothing done twice; another
-- call on an issued year and area already_issued; the key sent for
-- another year or area key_mismatch. status: 'issued'. Refused (WC071
-- 'year_open') for a year not ended.
CREATE OR REPLACE FUNCTION api.provider_assessment_issue(p_token text, p_key uuid, p_year int,
	p_area text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.area_viewer(p_token, p_area, ARRAY['operator']);
	i wc.provider_assessment_issue;
	o wc.manage_outcome;
	n int;
BEGIN
	PERFORM wc.evaluation_year_check(p_year);
	-- one issue of a year and area at a time: a call sent again while
	-- the first still runs waits for it, and then finds its key
	PERFORM pg_advisory_xact_lock(hashtext('provider_assessment_issue ' || p_area), p_year);
	o := wc.step_replay(st, ARRAY['operator'], p_key, 'wc.provider_assessment_issue',
	                    jsonb_build_object('year', p_year, 'area', p_area), 'issued');
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM wc.provider_assessment_issue x
	            WHERE x.year = p_year AND x.area = p_area) THEN
		RETURN NEXT wc.manage_refusal('already_issued');
		RETURN;
	END IF;
	PERFORM wc.evaluation_year_ended(p_year);
	INSERT INTO wc.provider_assessment_issue (year, area, completion_min, stars_min, answered_min,
	                                          staff_id, request_key)
	VALUES (p_year, p_area, wc.setting_num('assessment_completion_min'),
	        wc.setting_num('assessment_stars_min'), wc.setting_num('assessment_answered_min'),
	        st.id, p_key)
	RETURNING * INTO i;
	-- the columns of wc.provider_assessment_row in order, then the order
	-- shown (0057: a column added to the type needs one in the table)
	INSERT INTO wc.provider_assessment_issued
	SELECT i.id, t.*
	  FROM wc.provider_assessment_count(p_year, p_area, i.completion_min, i.stars_min,
	                                    i.answered_min) WITH ORDINALITY t;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	SELECT st.id, 'provider_assessment_issue', p_area,
	       jsonb_build_object('year', p_year, 'providers', n,
	                          'pass', count(*) FILTER (WHERE r.mark = 'pass'),
	                          'fail', count(*) FILTER (WHERE r.mark = 'fail'),
	                          'thresholds', jsonb_build_object('completion', i.completion_min,
	                                                           'stars', i.stars_min,
	                                                           'answered', i.answered_min))
	  FROM wc.provider_assessment_issued r WHERE r.issue_id = i.id;
	RETURN NEXT ROW('ok', 'issued', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment_issue(text, uuid, int, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment_issue(text, uuid, int, text) TO wc_staff;

-- An issue, once made, is kept as it was made.
CREATE OR REPLACE FUNCTION wc.provider_assessment_issue_kept() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'an issued provider assessment is kept as it was issued'
	      USING ERRCODE = 'WC071', DETAIL = 'assessment_issued';
END
$$;

CREATE OR REPLACE TRIGGER provider_assessment_issue_kept BEFORE UPDATE
	ON wc.provider_assessment_issue FOR EACH ROW
	EXECUTE FUNCTION wc.provider_assessment_issue_kept();

-- Whether an issue of the year holds the provider: its remark of the
-- year then no longer changes.
CREATE OR REPLACE FUNCTION wc.provider_assessment_held(p_year int, p_provider bigint)
RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (SELECT 1 FROM wc.provider_assessment_issued r
	                 JOIN wc.provider_assessment_issue i ON i.id = r.issue_id
	                WHERE r.provider_id = p_provider AND i.year = p_year)
$$;

-- WC071 'assessment_issued' when the provider's year is held by an issue.
CREATE OR REPLACE FUNCTION wc.provider_assessment_remark_open(p_year int, p_provider bigint)
RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF wc.provider_assessment_held(p_year, p_provider) THEN
		RAISE EXCEPTION 'the provider assessment is issued'
		      USING ERRCODE = 'WC071', DETAIL = 'assessment_issued';
	END IF;
END
$$;

-- The freeze of the remarks, held by the table, whichever function writes.
CREATE OR REPLACE FUNCTION wc.provider_assessment_remark_frozen() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		PERFORM wc.provider_assessment_remark_open(OLD.year, OLD.provider_id);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM wc.provider_assessment_remark_open(NEW.year, NEW.provider_id);
	END IF;
	RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE TRIGGER provider_assessment_remark_frozen
	BEFORE INSERT OR UPDATE OR DELETE ON wc.provider_assessment_remark
	FOR EACH ROW EXECUTE FUNCTION wc.provider_assessment_remark_frozen();

-- The operator's remark on a provider's year ("" removes it), for a year
-- begun and not yet issued for the provider; audited with the remark
-- before and after.
CREATE OR REPLACE FUNCTION api.provider_assessment_remark(p_token text, p_year int,
	p_provider bigint, p_remark text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	pr wc.provider;
	before text;
	after text := btrim(coalesce(p_remark, ''));
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator']);
	PERFORM wc.evaluation_year_check(p_year);
	SELECT * INTO pr FROM wc.provider WHERE id = p_provider;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such provider' USING ERRCODE = 'P0002';
	END IF;
	PERFORM wc.provider_assessment_remark_open(p_year, p_provider);
	SELECT r.remark INTO before FROM wc.provider_assessment_remark r
	 WHERE r.year = p_year AND r.provider_id = p_provider;
	IF after = '' THEN
		DELETE FROM wc.provider_assessment_remark r
		 WHERE r.year = p_year AND r.provider_id = p_provider;
	ELSE
		INSERT INTO wc.provider_assessment_remark (year, provider_id, remark, set_by)
		VALUES (p_year, p_provider, after, st.id)
		ON CONFLICT (year, provider_id) DO UPDATE
		   SET remark = EXCLUDED.remark, set_by = EXCLUDED.set_by, set_at = now();
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'provider_assessment_remark', pr.name,
	        jsonb_build_object('year', p_year, 'before', before, 'after', nullif(after, '')));
END
$$;
REVOKE ALL ON FUNCTION api.provider_assessment_remark(text, int, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.provider_assessment_remark(text, int, bigint, text) TO wc_staff;
