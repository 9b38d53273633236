-- Services bought by a department for a group (Art. 19): the provincial
-- department's consent to a city's or county's purchase, the purchases of
-- a service with their state, and the usage report (purchased places
-- used). Recording a purchase and booking with one: vouchers.sql
-- (api.purchase_add, wc.purchase_fits) and bookings.sql.
--
-- A purchase moves once: proposed (待审批) to approved (同意) or refused
-- (不同意, with the reason), by the bureau only; its places are offered
-- for booking only when approved (wc.purchase_fits).
--
-- needs: 0050
SET LOCAL ROLE wc_owner;

-- The purchases of a service, for the service's page at a desk, with
-- their state: the department that proposed one sees here whether it
-- was approved, and why not.
CREATE OR REPLACE FUNCTION api.service_purchases(p_token text, p_service bigint)
RETURNS TABLE (id bigint, buyer text, region_name text, group_name text, units int, used int,
	ends_on date, status text, refuse_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'bureau', 'operator', 'supervisor']);
	RETURN QUERY
	SELECT pu.id, pu.buyer, r.name, pc.name, pu.units, pu.used, pu.ends_on, pu.status,
	       coalesce(pu.refuse_reason, '')
	  FROM wc.purchase pu
	  JOIN wc.region r ON r.code = pu.region
	  LEFT JOIN wc.person_category pc ON pc.code = pu.group_code
	 WHERE pu.service_id = p_service
	 ORDER BY pu.id DESC;
END
$$;
GRANT EXECUTE ON FUNCTION api.service_purchases(text, bigint) TO wc_staff;

-- The proposed purchases waiting for the bureau, oldest first: who asked
-- (the department, and the staff member who recorded it), the service
-- and its provider, for whom, how many places at what price, the money
-- in all and the last day.
CREATE OR REPLACE FUNCTION api.purchases_proposed(p_token text)
RETURNS TABLE (id bigint, buyer text, proposed_by text, proposed_at text, service_title text,
	provider_name text, region_name text, group_name text, units int, price_fen bigint,
	total_fen bigint, ends_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau']);
	RETURN QUERY
	SELECT pu.id, pu.buyer, coalesce(sf.display_name, ''),
	       to_char(pu.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),
	       s.title, pv.name, r.name, coalesce(pc.name, ''), pu.units, pu.price_fen,
	       pu.units * pu.price_fen, pu.ends_on
	  FROM wc.purchase pu
	  JOIN wc.service s ON s.id = pu.service_id
	  JOIN wc.provider pv ON pv.id = s.provider_id
	  JOIN wc.region r ON r.code = pu.region
	  LEFT JOIN wc.person_category pc ON pc.code = pu.group_code
	  LEFT JOIN wc.staff sf ON sf.id = pu.created_by
	 WHERE pu.status = 'proposed'
	 ORDER BY pu.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.purchases_proposed(text) TO wc_staff;

-- The bureau's decision on a proposed purchase: approve (its places can
-- be booked at once) or refuse with a reason (they never can).
-- Outcomes: ok; not_found; wrong_state (already decided); reason_needed
-- (a refusal without a reason, or one over 500 characters); bad_date
-- (approving one whose last day has passed). Audited as purchase_approve
-- or purchase_refuse.
CREATE OR REPLACE FUNCTION api.purchase_decide(p_token text, p_key uuid, p_purchase bigint,
	p_approve boolean, p_reason text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	reason text := btrim(coalesce(p_reason, ''));
	args text := wc.request_args(p_purchase::text, p_approve::text, reason);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	pu wc.purchase;
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau']);
	o := wc.request_claim(actor, p_key, 'purchase_decide', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO pu FROM wc.purchase WHERE id = p_purchase FOR UPDATE;
	IF NOT FOUND OR p_approve IS NULL THEN
		o := wc.outcome_only('not_found');
	ELSIF pu.status <> 'proposed' THEN
		o := wc.outcome_only('wrong_state');
	ELSIF NOT p_approve AND length(reason) NOT BETWEEN 1 AND 500 THEN
		o := wc.outcome_only('reason_needed');
	ELSIF p_approve AND pu.ends_on < wc.today() THEN
		o := wc.outcome_only('bad_date');
	ELSE
		UPDATE wc.purchase
		   SET status = CASE WHEN p_approve THEN 'approved' ELSE 'refused' END,
		       decided_by = st.id, decided_at = now(),
		       refuse_reason = CASE WHEN p_approve THEN NULL ELSE reason END
		 WHERE id = pu.id;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		SELECT st.id, CASE WHEN p_approve THEN 'purchase_approve' ELSE 'purchase_refuse' END,
		       s.code,
		       jsonb_build_object('purchase', pu.id, 'region', pu.region, 'buyer', pu.buyer,
		                          'units', pu.units, 'price_fen', pu.price_fen)
		       || CASE WHEN p_approve THEN '{}'::jsonb
		               ELSE jsonb_build_object('reason', reason) END
		  FROM wc.service s WHERE s.id = pu.service_id;
		o := wc.outcome_only('ok');
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'purchase_decide', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.purchase_decide(text, uuid, bigint, boolean, text) TO wc_staff;

-- 购买服务使用情况: each approved purchase the caller's area covers (the
-- bureau: all; a city's or county's department: its own area), with the
-- places bought, those used (booked and not yet served, served), those
-- left, and the money at the price kept with the purchase; after each
-- region's purchases, a line of that region's sums (id NULL). p_export:
-- for a file, written to the audit log with the number of lines.
CREATE OR REPLACE FUNCTION api.purchase_usage(p_token text, p_export boolean)
RETURNS TABLE (id bigint, region text, region_name text, buyer text, service_title text,
	provider_name text, group_name text, units int, booked int, completed int, units_left int,
	price_fen bigint, total_fen bigint, used_fen bigint, ends_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	n int;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'bureau']);
	RETURN QUERY
	WITH lines AS (
		SELECT pu.id, pu.region, r.name AS region_name, pu.buyer, s.title, pv.name AS provider,
		       coalesce(pc.name, '') AS group_name, pu.units,
		       (SELECT count(*) FROM wc.booking b
		         WHERE b.purchase_id = pu.id AND b.status = 'booked')::int AS booked,
		       (SELECT count(*) FROM wc.booking b
		         WHERE b.purchase_id = pu.id AND b.status = 'completed')::int AS completed,
		       pu.units - pu.used AS units_left, pu.price_fen, pu.ends_on
		  FROM wc.purchase pu
		  JOIN wc.service s ON s.id = pu.service_id
		  JOIN wc.provider pv ON pv.id = s.provider_id
		  JOIN wc.region r ON r.code = pu.region
		  LEFT JOIN wc.person_category pc ON pc.code = pu.group_code
		 WHERE pu.status = 'approved' AND wc.staff_covers(st, pu.region)
	)
	SELECT l.id, l.region, l.region_name, l.buyer, l.title, l.provider, l.group_name, l.units,
	       l.booked, l.completed, l.units_left, l.price_fen, l.units * l.price_fen,
	       (l.booked + l.completed) * l.price_fen, l.ends_on
	  FROM lines l
	UNION ALL
	SELECT NULL, l.region, min(l.region_name), '', '', '', '', sum(l.units)::int,
	       sum(l.booked)::int, sum(l.completed)::int, sum(l.units_left)::int, NULL,
	       sum(l.units * l.price_fen)::bigint, sum((l.booked + l.completed) * l.price_fen)::bigint,
	       NULL
	  FROM lines l GROUP BY l.region
	ORDER BY 2, 1 NULLS LAST;
	IF p_export THEN
		GET DIAGNOSTICS n = ROW_COUNT;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'purchase_usage_export', st.region_code, jsonb_build_object('rows', n));
	END IF;
END
$$;
REVOKE ALL ON FUNCTION api.purchase_usage(text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.purchase_usage(text, boolean) TO wc_staff;
