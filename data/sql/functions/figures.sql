-- Figures for oversight (统计指标): the indicators of wc.indicator counted
-- for a period and an area from the facts in the tables, the period before
-- beside each, and the rows behind a figure.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- Days are cut in Asia/Shanghai, periods are half-open [first day, next
-- period's first day). An area is the province (340000), a city (its own
-- code and its counties') or a county. Who may ask for which area is
-- wc.staff_covers': the province-wide roles any, a county's counter its
-- county, a city's counter its city or one of its counties.
--
-- needs: 0054
SET LOCAL ROLE wc_owner;

-- Whether the region code lies in the area.
CREATE OR REPLACE FUNCTION wc.area_holds(p_area text, p_code text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT p_area = '340000' OR p_code = p_area
	    OR EXISTS (SELECT 1 FROM wc.region r WHERE r.code = p_code AND r.parent = p_area)
$$;

-- The period of p_kind (year, quarter, month) starting on p_start, as
-- the first day of it, of the next one and of the one before; WC070
-- (detail 'period') for a start that does not begin such a period.
CREATE OR REPLACE FUNCTION wc.period_days(p_kind text, p_start date,
	OUT first_day date, OUT next_day date, OUT prev_day date)
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	step interval;
BEGIN
	step := CASE p_kind WHEN 'year' THEN interval '1 year'
	                    WHEN 'quarter' THEN interval '3 months'
	                    WHEN 'month' THEN interval '1 month' END;
	IF step IS NULL OR p_start IS NULL OR extract(day FROM p_start) <> 1
	   OR (p_kind = 'year' AND extract(month FROM p_start) <> 1)
	   OR (p_kind = 'quarter' AND extract(month FROM p_start)::int % 3 <> 1) THEN
		RAISE EXCEPTION 'not the start of a period' USING ERRCODE = 'WC070', DETAIL = 'period';
	END IF;
	first_day := p_start;
	next_day := (p_start + step)::date;
	prev_day := (p_start - step)::date;
END
$$;

-- The moment a Shanghai day begins.
CREATE OR REPLACE FUNCTION wc.day_start(p_day date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT p_day::timestamp AT TIME ZONE 'Asia/Shanghai'
$$;

-- The steps of a complaint taken after the deadline then in force (its
-- clock, wc.complaint_clock): deciding on it, replying (the redo too),
-- following up, closing. A paused clock has no deadline, so the answer
-- to a question is never late.
CREATE OR REPLACE FUNCTION wc.complaint_late_steps(p_complaint bigint)
RETURNS TABLE (action text, day date, due_on date)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT k.action, k.day, k.due_before
	  FROM (SELECT c.event_id, c.action, c.day,
	               lag(c.due_on) OVER (ORDER BY c.event_id) AS due_before
	          FROM wc.complaint_clock(p_complaint) c) k
	 WHERE k.action IN ('accept', 'reject', 'reply', 'follow_up', 'close')
	   AND k.day > k.due_before
	 ORDER BY k.event_id
$$;

-- The complaints closed in [p_from, p_to) in the area, once each, with
-- the days they were filed and closed and their first late step (NULL:
-- every step in time). Closing is final, so a complaint is closed in one
-- period only.
CREATE OR REPLACE FUNCTION wc.complaints_closed_in(p_from date, p_to date, p_area text)
RETURNS TABLE (id bigint, filed_on date, closed_on date, late_step text, late_due date,
	redone boolean, satisfaction text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT c.id, f.day, e.day, l.action, l.due_on,
	       EXISTS (SELECT 1 FROM wc.complaint_event r
	                WHERE r.complaint_id = c.id AND r.status_after = 'redo'),
	       c.satisfaction
	  FROM wc.complaint c
	  JOIN wc.complaint_event e ON e.complaint_id = c.id AND e.action = 'close'
	  JOIN wc.complaint_event f ON f.complaint_id = c.id AND f.action = 'file'
	  LEFT JOIN LATERAL (SELECT * FROM wc.complaint_late_steps(c.id) LIMIT 1) l ON true
	 WHERE c.status = 'closed' AND e.day >= p_from AND e.day < p_to
	   AND wc.area_holds(p_area, c.county_code)
$$;

-- Every indicator's value for the days [p_from, p_to) in the area: the
-- one place the facts are counted. A summary table kept as facts are
-- written may later answer here instead, with nothing above changing.
CREATE OR REPLACE FUNCTION wc.figure_values(p_from date, p_to date, p_area text)
RETURNS TABLE (code text, value numeric)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t0 constant timestamptz := wc.day_start(p_from);
	t1 constant timestamptz := wc.day_start(p_to);
	accept_days constant int := wc.setting_int('complaint_accept_days');
BEGIN
	RETURN QUERY
	SELECT 'registrations', count(*)::numeric FROM wc.person p
	 WHERE p.registered_at >= t0 AND p.registered_at < t1
	   AND wc.area_holds(p_area, p.county_code);

	RETURN QUERY
	WITH b AS (SELECT b.* FROM wc.booking b JOIN wc.person p ON p.id = b.person_id
	            WHERE wc.area_holds(p_area, p.county_code)
	              AND ((b.created_at >= t0 AND b.created_at < t1)
	                   OR (b.closed_at >= t0 AND b.closed_at < t1)))
	SELECT x.code, x.n FROM (
		SELECT 'bookings_made' AS code,
		       count(*) FILTER (WHERE b.created_at >= t0 AND b.created_at < t1)::numeric AS n
		  FROM b
		UNION ALL
		SELECT 'bookings_' || s.status, count(b.id)::numeric
		  FROM (VALUES ('completed'), ('cancelled'), ('no_show')) s (status)
		  LEFT JOIN b ON b.status = s.status AND b.closed_at >= t0 AND b.closed_at < t1
		 GROUP BY s.status) x;

	RETURN QUERY
	SELECT 'vouchers_issued', count(*)::numeric FROM wc.voucher v
	 WHERE v.issued_at >= t0 AND v.issued_at < t1 AND wc.area_holds(p_area, v.county_code);
	RETURN QUERY
	SELECT 'vouchers_issued_fen', coalesce(sum(v.face_fen), 0)::numeric FROM wc.voucher v
	 WHERE v.issued_at >= t0 AND v.issued_at < t1 AND wc.area_holds(p_area, v.county_code);

	RETURN QUERY
	WITH e AS (SELECT e.* FROM wc.voucher_entry e JOIN wc.voucher v ON v.id = e.voucher_id
	            WHERE e.at < t1 AND wc.area_holds(p_area, v.county_code))
	SELECT x.code, x.n FROM (
		SELECT count(*) FILTER (WHERE e.kind = 'redeem' AND e.at >= t0)::numeric AS redeemed,
		       coalesce(sum(-e.held_delta) FILTER (WHERE e.kind = 'redeem' AND e.at >= t0), 0)::numeric AS redeemed_fen,
		       count(*) FILTER (WHERE e.kind = 'expire' AND e.at >= t0)::numeric AS expired,
		       coalesce(sum(-e.available_delta) FILTER (WHERE e.kind = 'expire' AND e.at >= t0), 0)::numeric AS expired_fen,
		       coalesce(sum(e.held_delta), 0)::numeric AS held_fen
		  FROM e) s,
	LATERAL (VALUES ('vouchers_redeemed', s.redeemed), ('vouchers_redeemed_fen', s.redeemed_fen),
	                ('vouchers_expired', s.expired), ('vouchers_expired_fen', s.expired_fen),
	                ('vouchers_held_fen', s.held_fen)) x (code, n);

	RETURN QUERY
	WITH r AS (
		SELECT c.id, c.status, f.day AS filed_on,
		       (SELECT min(d.day) FROM wc.complaint_event d
		         WHERE d.complaint_id = c.id AND d.action IN ('accept', 'reject')) AS decided_on
		  FROM wc.complaint c
		  JOIN wc.complaint_event f ON f.complaint_id = c.id AND f.action = 'file'
		 WHERE c.created_at >= t0 AND c.created_at < t1 AND wc.area_holds(p_area, c.county_code))
	SELECT x.code, x.n FROM (
		SELECT count(*)::numeric AS received,
		       round(100.0 * count(*) FILTER (WHERE r.decided_on
		                                        <= wc.workdays_after(r.filed_on, accept_days))
		             / nullif(count(*) FILTER (WHERE r.decided_on IS NOT NULL
		                                         OR wc.workdays_after(r.filed_on, accept_days)
		                                            < wc.today()), 0), 1) AS on_time
		  FROM r) s,
	LATERAL (VALUES ('complaints_received', s.received),
	                ('complaints_accepted_on_time', s.on_time)) x (code, n);

	RETURN QUERY
	WITH c AS (SELECT * FROM wc.complaints_closed_in(p_from, p_to, p_area))
	SELECT x.code, x.n FROM (
		SELECT count(*)::numeric AS closed,
		       round(100.0 * count(*) FILTER (WHERE c.late_step IS NULL)
		             / nullif(count(*), 0), 1) AS on_time,
		       round(100.0 * count(*) FILTER (WHERE c.satisfaction IN ('satisfied', 'basically'))
		             / nullif(count(c.satisfaction), 0), 1) AS satisfied,
		       round(100.0 * count(*) FILTER (WHERE c.redone) / nullif(count(*), 0), 1) AS redone,
		       round(avg(wc.workdays_between(c.filed_on, c.closed_on)), 1) AS workdays
		  FROM c) s,
	LATERAL (VALUES ('complaints_closed', s.closed), ('complaints_closed_on_time', s.on_time),
	                ('complaints_satisfied', s.satisfied), ('complaints_redone', s.redone),
	                ('complaints_workdays', s.workdays)) x (code, n);

	RETURN QUERY
	SELECT x.code, x.n FROM (
		SELECT count(*)::numeric AS n, round(avg(v.stars), 2) AS stars
		  FROM wc.review v JOIN wc.person p ON p.id = v.person_id
		 WHERE v.status = 'published' AND v.published_at >= t0 AND v.published_at < t1
		   AND wc.area_holds(p_area, p.county_code)) s,
	LATERAL (VALUES ('reviews', s.n), ('reviews_stars', s.stars)) x (code, n);

	-- a use with no area known counts for the province only
	RETURN QUERY
	SELECT x.code, x.n FROM (
		SELECT count(*) FILTER (WHERE u.kind = 'search')::numeric AS searches,
		       count(*) FILTER (WHERE u.kind = 'match')::numeric AS matches,
		       count(*) FILTER (WHERE u.kind = 'match' AND u.results > 0)::numeric AS found
		  FROM wc.policy_use u
		 WHERE u.at >= t0 AND u.at < t1
		   AND (p_area = '340000' OR wc.area_holds(p_area, u.county_code))) s,
	LATERAL (VALUES ('policy_searches', s.searches), ('policy_matches', s.matches),
	                ('policy_matches_found', s.found)) x (code, n);

	RETURN QUERY
	SELECT 'takedowns', count(*)::numeric
	  FROM (SELECT e.at, r.provider_id FROM wc.review_event e JOIN wc.review r ON r.id = e.review_id
	         WHERE e.action = 'take_down' AND e.at >= t0 AND e.at < t1
	         UNION ALL
	        SELECT c.at, c.provider_id FROM wc.content_takedown c
	         WHERE c.at >= t0 AND c.at < t1) k
	  JOIN wc.provider pr ON pr.id = k.provider_id
	 WHERE wc.area_holds(p_area, pr.region);

	RETURN QUERY
	SELECT 'providers_admitted', count(*)::numeric FROM wc.provider pr
	 WHERE pr.created_at >= t0 AND pr.created_at < t1 AND wc.area_holds(p_area, pr.region);
	RETURN QUERY
	SELECT 'providers_' || CASE k.kind WHEN 'suspend' THEN 'suspended' ELSE 'removed' END,
	       count(DISTINCT s.provider_id)::numeric
	  FROM (VALUES ('suspend'), ('remove')) k (kind)
	  LEFT JOIN (wc.provider_sanction s JOIN wc.provider pr ON pr.id = s.provider_id)
	    ON s.kind = k.kind AND s.at >= t0 AND s.at < t1 AND wc.area_holds(p_area, pr.region)
	 GROUP BY k.kind;
END
$$;

-- WC070 (detail 'area') for a code that is no region: the area of a
-- figure, a settlement or an evaluation asked for.
CREATE OR REPLACE FUNCTION wc.area_known(p_area text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM wc.region WHERE code = p_area) THEN
		RAISE EXCEPTION 'unknown region code "%"', p_area USING ERRCODE = 'WC070', DETAIL = 'area';
	END IF;
END
$$;

-- The staff member behind the token, if one of p_roles and the area is
-- theirs; WC002 otherwise (another role, an area outside theirs), WC070
-- (detail 'area') for a code that is no region.
CREATE OR REPLACE FUNCTION wc.area_viewer(p_token text, p_area text, p_roles text[])
RETURNS wc.staff
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, p_roles);
	PERFORM wc.area_known(p_area);
	IF NOT wc.staff_covers(st, p_area) THEN
		RAISE EXCEPTION 'area outside the staff member''s' USING ERRCODE = 'WC002';
	END IF;
	RETURN st;
END
$$;

-- Who may see the area's figures (wc.area_viewer).
CREATE OR REPLACE FUNCTION wc.figures_viewer(p_token text, p_area text) RETURNS wc.staff
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.area_viewer(p_token, p_area, ARRAY['operator', 'supervisor', 'bureau', 'counter'])
$$;

-- Every indicator for the period and the one before, in order.
CREATE OR REPLACE FUNCTION wc.figures_table(p_kind text, p_start date, p_area text)
RETURNS SETOF wc.figure
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT i.ord, i.code, i.name, i.unit, i.better, i.formula, cur.value, prev.value, i.drill
	  FROM wc.period_days(p_kind, p_start) d
	 CROSS JOIN wc.indicator i
	  LEFT JOIN wc.figure_values(d.first_day, d.next_day, p_area) cur ON cur.code = i.code
	  LEFT JOIN wc.figure_values(d.prev_day, d.first_day, p_area) prev ON prev.code = i.code
	 ORDER BY i.ord
$$;

CREATE OR REPLACE FUNCTION api.figures(p_token text, p_kind text, p_start date, p_area text)
RETURNS SETOF wc.figure
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.figures_viewer(p_token, p_area);
	RETURN QUERY SELECT * FROM wc.figures_table(p_kind, p_start, p_area);
END
$$;
REVOKE ALL ON FUNCTION api.figures(text, text, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.figures(text, text, date, text) TO wc_staff;

-- Each indicator's value in each of the twelve months up to and including
-- the month of p_last, in the indicators' order and then the months': the
-- line of 近12个月 drawn on 统计指标. One call counts each month once;
-- twelve calls of api.figures would count each month twice (as itself and
-- as the month before the next) and cross the network twelve times
-- (bench/figure_months.sh compares the two).
--
-- The planner takes each set-returning call for a thousand rows, so it
-- would price this at a million and compile it (JIT) for a second or more
-- on every call, for 288 rows: jit is off here.
CREATE OR REPLACE FUNCTION wc.figure_months(p_last date, p_area text)
RETURNS TABLE (code text, month date, value numeric)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp SET jit = off AS $$
	WITH m AS MATERIALIZED (
		SELECT (date_trunc('month', p_last) - k * interval '1 month')::date AS first_day
		  FROM generate_series(0, 11) k
	), v AS MATERIALIZED (
		SELECT m.first_day, f.code, f.value
		  FROM m CROSS JOIN LATERAL
		       wc.figure_values(m.first_day, (m.first_day + interval '1 month')::date, p_area) f
	)
	SELECT i.code, m.first_day, v.value
	  FROM wc.indicator i
	 CROSS JOIN m
	  LEFT JOIN v ON v.first_day = m.first_day AND v.code = i.code
	 ORDER BY i.ord, m.first_day
$$;

CREATE OR REPLACE FUNCTION api.figure_months(p_token text, p_last date, p_area text)
RETURNS TABLE (code text, month date, value numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.figures_viewer(p_token, p_area);
	RETURN QUERY SELECT * FROM wc.figure_months(p_last, p_area);
END
$$;
REVOKE ALL ON FUNCTION api.figure_months(text, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.figure_months(text, date, text) TO wc_staff;

-- An export of the rows of a period for a file, audited (Art. 29): who
-- (NULL: the administrator's command), which (action), how many rows.
CREATE OR REPLACE FUNCTION wc.period_export_audit(p_staff bigint, p_action text, p_kind text,
	p_start date, p_area text, p_rows int) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.audit (staff_id, action, object, detail)
	SELECT p_staff, p_action, p_area,
	       jsonb_build_object('period_start', d.first_day, 'period_end', d.next_day - 1,
	                          'rows', p_rows)
	  FROM wc.period_days(p_kind, p_start) d
$$;

CREATE OR REPLACE FUNCTION wc.figures_export_audit(p_staff bigint, p_kind text, p_start date,
	p_area text, p_rows int) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.period_export_audit(p_staff, 'figures_export', p_kind, p_start, p_area, p_rows)
$$;

CREATE OR REPLACE FUNCTION api.figures_export(p_token text, p_kind text, p_start date,
	p_area text) RETURNS SETOF wc.figure
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.figures_viewer(p_token, p_area);
	n int;
BEGIN
	RETURN QUERY SELECT * FROM wc.figures_table(p_kind, p_start, p_area);
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM wc.figures_export_audit(st.id, p_kind, p_start, p_area, n);
END
$$;
REVOKE ALL ON FUNCTION api.figures_export(text, text, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.figures_export(text, text, date, text) TO wc_staff;

-- wanchuang-admin report figures: the administrator's export, audited
-- the same way (no staff member: the terminal is the administrator's login).
CREATE OR REPLACE FUNCTION wc_admin.figures_export(p_kind text, p_start date, p_area text)
RETURNS SETOF wc.figure
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n int;
BEGIN
	PERFORM wc.area_known(p_area);
	RETURN QUERY SELECT * FROM wc.figures_table(p_kind, p_start, p_area);
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM wc.figures_export_audit(NULL, p_kind, p_start, p_area, n);
END
$$;
REVOKE ALL ON FUNCTION wc_admin.figures_export(text, date, text) FROM PUBLIC;

-- The rows behind a figure (its drill-down), within the viewer's area:
-- for the bookings, each booking with its service and the person's name
-- masked; for 按期办结率, the complaints closed late, with the step that
-- ran over and its deadline. No ID or mobile number is returned. Each
-- look is audited, as it shows people's bookings and complaints.
CREATE OR REPLACE FUNCTION api.figure_rows(p_token text, p_code text, p_kind text,
	p_start date, p_area text)
RETURNS TABLE (no text, day date, county text, what text, detail text, person text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.figures_viewer(p_token, p_area);
	d record;
	t0 timestamptz;
	t1 timestamptz;
	n int;
BEGIN
	SELECT * INTO d FROM wc.period_days(p_kind, p_start);
	t0 := wc.day_start(d.first_day);
	t1 := wc.day_start(d.next_day);
	IF p_code IN ('bookings_made', 'bookings_completed', 'bookings_cancelled',
	              'bookings_no_show') THEN
		RETURN QUERY
		SELECT b.no, (CASE WHEN p_code = 'bookings_made' THEN b.created_at ELSE b.closed_at END
		              AT TIME ZONE 'Asia/Shanghai')::date,
		       r.name, b.status, s.title, wc.mask_name(p.name)
		  FROM wc.booking b
		  JOIN wc.person p ON p.id = b.person_id
		  JOIN wc.region r ON r.code = p.county_code
		  JOIN wc.service s ON s.id = b.service_id
		 WHERE wc.area_holds(p_area, p.county_code)
		   AND CASE WHEN p_code = 'bookings_made' THEN b.created_at >= t0 AND b.created_at < t1
		            ELSE b.status = substr(p_code, 10) AND b.closed_at >= t0 AND b.closed_at < t1
		       END
		 ORDER BY 2, b.no;
	ELSIF p_code = 'complaints_closed_on_time' THEN
		RETURN QUERY
		SELECT c.no, k.closed_on, r.name, k.late_step,
		       k.filed_on::text || '/' || k.late_due::text,
		       wc.mask_name(coalesce(p.name, g.name))
		  FROM wc.complaints_closed_in(d.first_day, d.next_day, p_area) k
		  JOIN wc.complaint c ON c.id = k.id
		  LEFT JOIN wc.person p ON p.id = c.person_id
		  LEFT JOIN wc.complaint_guest g ON g.complaint_id = c.id
		  JOIN wc.region r ON r.code = c.county_code
		 WHERE k.late_step IS NOT NULL
		 ORDER BY k.closed_on, c.no;
	ELSE
		RAISE EXCEPTION 'no rows behind this figure' USING ERRCODE = 'WC070', DETAIL = 'drill';
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	SELECT st.id, 'figure_rows', p_area,
	       jsonb_build_object('indicator', i.name, 'period_start', d.first_day,
	                          'period_end', d.next_day - 1, 'rows', n)
	  FROM wc.indicator i WHERE i.code = p_code;
END
$$;
REVOKE ALL ON FUNCTION api.figure_rows(text, text, text, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.figure_rows(text, text, text, date, text) TO wc_staff;
