-- The money reconciled (资金对账) and the redemption patterns flagged
-- (异常提示) for a period and an area, for the supervisor, the bureau and
-- a city's or county's department (its own area, as the figures).
--
-- Functions as code (README in this folder): each function and grant
-- below is written once, in the form in force. The checks and rules, with
-- their formulas and thresholds, are the rows of wc.settlement_check and
-- wc.anomaly_rule (migration 0046).
--
-- Money belongs to the area of the county whose budget paid for the
-- voucher (wc.voucher.county_code); a repeated person to the area of the
-- person's county. Periods are those of the figures (wc.period_days),
-- cut in Asia/Shanghai. Everything is read only, except the audit row of
-- a look at people's bookings and of an export.
--
-- One line per row of a section (code: the check or the rule; provider
-- and budget for theirs), the same columns for all, so that the
-- screen, the console's export and wanchuang-admin report settlement
-- read one shape (src/core/settle.c names the columns of each section):
--   provider    name provider; a redemptions in the ledger, b their fen,
--               c fen settled, d = c - b
--   budget      name programme, subject county; a budget total, b still
--               to issue (both as now), c issued, d held, e paid,
--               f expired, g unused balance (as at the period's end),
--               h = c - (d + e + f + g)
--   difference  name the check, subject what (a booking and its provider,
--               a voucher, a budget); a expected, b found, c = b - a
--   flag        name the rule, subject the provider (and the person,
--               masked); a the rows that fired, b of how many, c percent
-- note: the check's formula or the rule with its thresholds.
--
-- needs: 0046
SET LOCAL ROLE wc_owner;

-- The ledger's redemptions in [t0, t1) of vouchers of the area, each
-- with its booking and the provider it paid: the one reading of "what
-- was redeemed" that every section and rule below counts from.
CREATE OR REPLACE FUNCTION wc.redemptions_in(p_t0 timestamptz, p_t1 timestamptz, p_area text)
RETURNS TABLE (at timestamptz, day date, fen bigint, voucher_id bigint, valid_until date,
	booking_id bigint, booking_no text, person_id bigint, service_id bigint,
	provider_id bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT e.at, (e.at AT TIME ZONE 'Asia/Shanghai')::date, -e.held_delta, v.id,
	       v.valid_until, bk.id, bk.no, bk.person_id, s.id, s.provider_id
	  FROM wc.voucher_entry e
	  JOIN wc.voucher v ON v.id = e.voucher_id
	  JOIN wc.booking bk ON bk.id = e.booking_id
	  JOIN wc.service s ON s.id = bk.service_id
	 WHERE e.kind = 'redeem' AND e.at >= p_t0 AND e.at < p_t1
	   AND wc.area_holds(p_area, v.county_code)
$$;

CREATE OR REPLACE FUNCTION wc.settlement_lines(p_from date, p_to date, p_area text)
RETURNS SETOF wc.settlement_line
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t0 constant timestamptz := wc.day_start(p_from);
	t1 constant timestamptz := wc.day_start(p_to);
BEGIN
	-- the ledger's redemptions of the period and the settlements of it, by provider
	RETURN QUERY
	WITH r AS (SELECT rd.provider_id AS pid, count(*) AS n, sum(rd.fen) AS fen
	             FROM wc.redemptions_in(t0, t1, p_area) rd
	            GROUP BY rd.provider_id),
	     st AS (SELECT t.provider_id AS pid, sum(t.amount_fen) AS fen
	              FROM wc.settlement t JOIN wc.voucher v ON v.id = t.voucher_id
	             WHERE t.at >= t0 AND t.at < t1 AND wc.area_holds(p_area, v.county_code)
	             GROUP BY t.provider_id)
	SELECT 'provider', 'provider', p.id, NULL::bigint, p.name, ''::text,
	       coalesce(r.n, 0), coalesce(r.fen, 0)::bigint, coalesce(st.fen, 0)::bigint,
	       (coalesce(st.fen, 0) - coalesce(r.fen, 0))::bigint,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, k.formula
	  FROM r FULL JOIN st ON st.pid = r.pid
	  JOIN wc.provider p ON p.id = coalesce(r.pid, st.pid)
	  JOIN wc.settlement_check k ON k.code = 'provider'
	 ORDER BY p.name;

	-- each county budget of a programme, with the ledger at the period's end
	RETURN QUERY
	WITH v AS (SELECT v.programme_id, v.county_code, sum(v.face_fen) AS issued,
	                  sum(l.held) AS held, sum(l.paid) AS paid, sum(l.expired) AS expired,
	                  sum(l.balance) AS balance
	             FROM wc.voucher v
	             CROSS JOIN LATERAL (
	                SELECT coalesce(sum(e.held_delta), 0) AS held,
	                       coalesce(sum(-e.held_delta) FILTER (WHERE e.kind = 'redeem'), 0) AS paid,
	                       coalesce(sum(-e.available_delta) FILTER (WHERE e.kind = 'expire'), 0) AS expired,
	                       coalesce(sum(e.available_delta), 0) AS balance
	                  FROM wc.voucher_entry e WHERE e.voucher_id = v.id AND e.at < t1) l
	            WHERE v.issued_at < t1 AND wc.area_holds(p_area, v.county_code)
	            GROUP BY v.programme_id, v.county_code)
	SELECT 'budget', 'budget', NULL::bigint, NULL::bigint, g.name, rg.name,
	       bu.total_fen, bu.available_fen, coalesce(v.issued, 0)::bigint,
	       coalesce(v.held, 0)::bigint, coalesce(v.paid, 0)::bigint,
	       coalesce(v.expired, 0)::bigint, coalesce(v.balance, 0)::bigint,
	       (coalesce(v.issued, 0) - coalesce(v.held + v.paid + v.expired + v.balance, 0))::bigint,
	       k.formula
	  FROM wc.voucher_budget bu
	  JOIN wc.voucher_programme g ON g.id = bu.programme_id
	  JOIN wc.region rg ON rg.code = bu.county_code
	  LEFT JOIN v ON v.programme_id = bu.programme_id AND v.county_code = bu.county_code
	  JOIN wc.settlement_check k ON k.code = 'budget'
	 WHERE wc.area_holds(p_area, bu.county_code)
	 ORDER BY g.name, bu.county_code;

	-- each difference, one row each: the settlements and redemptions of
	-- the period, the vouchers they touched, the budgets those came from
	RETURN QUERY
	WITH x (code, provider_id, subject, expected, found) AS (
		SELECT 'settlement_amount', t.provider_id, bk.no || ' · ' || p.name,
		       coalesce(r.fen, 0), t.amount_fen
		  FROM wc.settlement t
		  JOIN wc.voucher v ON v.id = t.voucher_id
		  JOIN wc.booking bk ON bk.id = t.booking_id
		  JOIN wc.provider p ON p.id = t.provider_id
		  CROSS JOIN LATERAL (SELECT sum(-e.held_delta) AS fen FROM wc.voucher_entry e
		                       WHERE e.voucher_id = t.voucher_id AND e.booking_id = t.booking_id
		                         AND e.kind = 'redeem') r
		 WHERE t.at >= t0 AND t.at < t1 AND wc.area_holds(p_area, v.county_code)
		   AND r.fen IS DISTINCT FROM t.amount_fen
		UNION ALL
		SELECT 'redeem_unsettled', rd.provider_id, rd.booking_no || ' · ' || p.name,
		       rd.fen, 0::bigint
		  FROM wc.redemptions_in(t0, t1, p_area) rd
		  JOIN wc.provider p ON p.id = rd.provider_id
		 WHERE NOT EXISTS (SELECT FROM wc.settlement t WHERE t.booking_id = rd.booking_id)
		UNION ALL
		SELECT y.code, NULL::bigint, y.no, y.expected, y.found
		  FROM (SELECT v.id, v.no, v.face_fen, v.balance_fen, v.held_fen,
		               sum(e.available_delta) FILTER (WHERE e.kind = 'issue') AS issued,
		               sum(e.available_delta) AS balance, sum(e.held_delta) AS held
		          FROM wc.voucher v JOIN wc.voucher_entry e ON e.voucher_id = v.id
		         WHERE wc.area_holds(p_area, v.county_code)
		           AND EXISTS (SELECT FROM wc.voucher_entry n WHERE n.voucher_id = v.id
		                          AND n.at >= t0 AND n.at < t1)
		         GROUP BY v.id) z
		  CROSS JOIN LATERAL (VALUES ('voucher_issue', z.no, coalesce(z.issued, 0), z.face_fen),
		                             ('voucher_balance', z.no, z.balance, z.balance_fen),
		                             ('voucher_held', z.no, z.held, z.held_fen))
		       y (code, no, expected, found)
		 WHERE y.expected <> y.found
		UNION ALL
		SELECT 'budget_used', NULL::bigint, g.name || ' · ' || rg.name,
		       u.issued - u.expired, bu.total_fen - bu.available_fen
		  FROM wc.voucher_budget bu
		  JOIN wc.voucher_programme g ON g.id = bu.programme_id
		  JOIN wc.region rg ON rg.code = bu.county_code
		  CROSS JOIN LATERAL (
		     SELECT coalesce(sum(v.face_fen), 0) AS issued,
		            coalesce(sum((SELECT sum(-e.available_delta) FROM wc.voucher_entry e
		                           WHERE e.voucher_id = v.id AND e.kind = 'expire')), 0) AS expired
		       FROM wc.voucher v
		      WHERE v.programme_id = bu.programme_id AND v.county_code = bu.county_code) u
		 WHERE wc.area_holds(p_area, bu.county_code)
		   AND EXISTS (SELECT FROM wc.voucher v JOIN wc.voucher_entry e ON e.voucher_id = v.id
		                WHERE v.programme_id = bu.programme_id AND v.county_code = bu.county_code
		                  AND e.at >= t0 AND e.at < t1)
		   AND u.issued - u.expired <> bu.total_fen - bu.available_fen)
	SELECT 'difference', k.code, x.provider_id, NULL::bigint, k.name, x.subject,
	       x.expected::bigint, x.found::bigint, (x.found - x.expected)::bigint,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, k.formula
	  FROM x JOIN wc.settlement_check k ON k.code = x.code
	 ORDER BY k.ord, x.subject;

	-- 异常提示: the rules of wc.anomaly_rule with their thresholds
	RETURN QUERY
	WITH rl AS (SELECT q.*, format(q.rule, q.min_count, q.days, q.percent) AS said
	              FROM wc.anomaly_rule q),
	done AS (SELECT s.provider_id AS pid, bk.person_id AS person, count(*) AS n,
	                sum(count(*)) OVER (PARTITION BY s.provider_id) AS of_n
	           FROM wc.booking bk
	           JOIN wc.person pe ON pe.id = bk.person_id
	           JOIN wc.service s ON s.id = bk.service_id
	          WHERE bk.status = 'completed' AND bk.closed_at >= t0 AND bk.closed_at < t1
	            AND wc.area_holds(p_area, pe.county_code)
	          GROUP BY s.provider_id, bk.person_id),
	late AS (SELECT rd.provider_id AS pid,
	                count(*) FILTER (WHERE rd.day > rd.valid_until - q.days) AS n,
	                count(*) AS of_n, q.min_count, q.percent
	           FROM wc.redemptions_in(t0, t1, p_area) rd
	           JOIN wc.anomaly_rule q ON q.code = 'near_expiry'
	          GROUP BY rd.provider_id, q.min_count, q.percent, q.days)
	SELECT 'flag', rl.code, p.id, done.person, rl.name,
	       p.name || ' · ' || wc.mask_name(pe.name), done.n, done.of_n::bigint, NULL::bigint,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, rl.said
	  FROM done
	  JOIN rl ON rl.code = 'repeat_person'
	  JOIN wc.provider p ON p.id = done.pid
	  JOIN wc.person pe ON pe.id = done.person
	 WHERE done.n >= rl.min_count
	UNION ALL
	SELECT 'flag', rl.code, p.id, NULL::bigint, rl.name, p.name, late.n, late.of_n,
	       round(100.0 * late.n / late.of_n)::bigint,
	       NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, rl.said
	  FROM late
	  JOIN rl ON rl.code = 'near_expiry'
	  JOIN wc.provider p ON p.id = late.pid
	 WHERE late.of_n >= late.min_count AND 100 * late.n > late.percent * late.of_n
	 ORDER BY 2, 6;
END
$$;

-- Who may see the area's money: the supervisor, the bureau, a city's or
-- county's department its own (wc.area_viewer, as the figures).
CREATE OR REPLACE FUNCTION wc.settlement_viewer(p_token text, p_area text) RETURNS wc.staff
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.area_viewer(p_token, p_area, ARRAY['supervisor', 'bureau', 'counter'])
$$;

-- The lines of the period of p_kind from p_start in the area; p_audit:
-- for a file, written to the audit log (who, which, how many rows).
CREATE OR REPLACE FUNCTION wc.settlement_of(p_kind text, p_start date, p_area text,
	p_audit boolean, p_staff bigint) RETURNS SETOF wc.settlement_line
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	pd record;
	n int;
BEGIN
	SELECT * INTO pd FROM wc.period_days(p_kind, p_start);
	RETURN QUERY SELECT * FROM wc.settlement_lines(pd.first_day, pd.next_day, p_area);
	IF p_audit THEN
		GET DIAGNOSTICS n = ROW_COUNT;
		PERFORM wc.period_export_audit(p_staff, 'settlement_export', p_kind, p_start, p_area, n);
	END IF;
END
$$;

CREATE OR REPLACE FUNCTION api.settlement(p_token text, p_kind text, p_start date, p_area text,
	p_export boolean) RETURNS SETOF wc.settlement_line
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.* FROM wc.settlement_viewer(p_token, p_area) st,
	       wc.settlement_of(p_kind, p_start, p_area, p_export, st.id) s
$$;
REVOKE ALL ON FUNCTION api.settlement(text, text, date, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.settlement(text, text, date, text, boolean) TO wc_staff;

-- wanchuang-admin report settlement: the same lines, audited as the
-- administrator's export (no staff member).
CREATE OR REPLACE FUNCTION wc_admin.settlement_export(p_kind text, p_start date, p_area text)
RETURNS SETOF wc.settlement_line
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.area_known(p_area);
	RETURN QUERY SELECT * FROM wc.settlement_of(p_kind, p_start, p_area, true, NULL);
END
$$;
REVOKE ALL ON FUNCTION wc_admin.settlement_export(text, date, text) FROM PUBLIC;

-- The rows behind a line: a provider's redemptions of the period, or the
-- bookings a rule fired on (the person's completed bookings with the
-- provider; the provider's redemptions near the voucher's expiry), each
-- with the service, the amount and the voucher's last day, the person's
-- name masked. Each look is audited.
CREATE OR REPLACE FUNCTION api.settlement_rows(p_token text, p_what text, p_provider bigint,
	p_person bigint, p_kind text, p_start date, p_area text)
RETURNS TABLE (no text, day date, person text, service text, amount_fen bigint,
	valid_until date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
	st wc.staff := wc.settlement_viewer(p_token, p_area);
	pd record;
	t0 timestamptz;
	t1 timestamptz;
	k int := (SELECT q.days FROM wc.anomaly_rule q WHERE q.code = 'near_expiry');
	n int;
BEGIN
	SELECT * INTO pd FROM wc.period_days(p_kind, p_start);
	t0 := wc.day_start(pd.first_day);
	t1 := wc.day_start(pd.next_day);
	IF p_what = 'repeat_person' THEN
		RETURN QUERY
		SELECT bk.no, (bk.closed_at AT TIME ZONE 'Asia/Shanghai')::date, wc.mask_name(pe.name),
		       s.title, bk.voucher_fen, v.valid_until
		  FROM wc.booking bk
		  JOIN wc.person pe ON pe.id = bk.person_id
		  JOIN wc.service s ON s.id = bk.service_id
		  LEFT JOIN wc.voucher v ON v.id = bk.voucher_id
		 WHERE bk.status = 'completed' AND bk.closed_at >= t0 AND bk.closed_at < t1
		   AND s.provider_id = p_provider AND bk.person_id = p_person
		   AND wc.area_holds(p_area, pe.county_code)
		 ORDER BY 2, 1;
	ELSIF p_what IN ('provider', 'near_expiry') THEN
		RETURN QUERY
		SELECT rd.booking_no, rd.day, wc.mask_name(pe.name), s.title, rd.fen, rd.valid_until
		  FROM wc.redemptions_in(t0, t1, p_area) rd
		  JOIN wc.person pe ON pe.id = rd.person_id
		  JOIN wc.service s ON s.id = rd.service_id
		 WHERE rd.provider_id = p_provider
		   AND (p_what = 'provider' OR rd.day > rd.valid_until - k)
		 ORDER BY 2, 1;
	ELSE
		RAISE EXCEPTION 'no rows behind this line' USING ERRCODE = 'WC070', DETAIL = 'drill';
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'settlement_rows', p_area,
	        jsonb_build_object('what', p_what, 'provider', p_provider,
	                           'period_start', pd.first_day, 'period_end', pd.next_day - 1,
	                           'rows', n));
END
$$;
REVOKE ALL ON FUNCTION api.settlement_rows(text, text, bigint, bigint, text, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.settlement_rows(text, text, bigint, bigint, text, date, text) TO wc_staff;
