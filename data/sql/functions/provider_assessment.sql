-- 服务商考核 (Art. 24): each provider of an area, for one year, with the
-- figures counted from the facts (bookings completed of those made,
-- reviews and their stars, complaints against it, forwarded complaints
-- answered by their due day and in how many working days), marked
-- against the thresholds of wc.setting (assessment_*): 合格 when every
-- figure it has meets its threshold, 不合格 when one misses it, 无数据
-- when it has none of the three. Read by the operator, the supervisor and
-- the bureau; an export is audited. The operator writes a remark on a
-- provider's year (考核意见), audited.
--
-- Functions as code (README in this folder).
--
-- needs: 0055
SET LOCAL ROLE wc_owner;

-- The figures of [p_year-01-01, p_year+1-01-01) for each provider
-- registered in the area before the year ended. A year is counted by
-- the Asia/Shanghai day: a booking by the day it was made, a review by
-- the day it was published, a complaint by the day it was filed, a
-- forwarding by its day. A forwarding counts towards the on-time rate
-- once answered, or once its due day has passed unanswered (late).
CREATE OR REPLACE FUNCTION wc.provider_assessment_table(p_year int, p_area text)
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
	         wc.evaluation_mark(v.completion, wc.setting_num('assessment_completion_min'), false),
	         wc.evaluation_mark(v.stars, wc.setting_num('assessment_stars_min'), false),
	         wc.evaluation_mark(v.answered_rate, wc.setting_num('assessment_answered_min'), false)]
	         AS marks) m
	 ORDER BY CASE WHEN 'missed' = ANY (m.marks) THEN 0 ELSE 1 END, v.name
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

-- The operator's remark on a provider's year ("" removes it), for a year
-- begun; audited with the remark before and after.
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
