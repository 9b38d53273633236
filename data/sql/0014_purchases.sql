-- Services bought by a department for a group (Art. 19), recorded at the
-- county's counter (for its own county) or by the employment bureau (for
-- any county or city): N units of one service; the people of that group
-- there then book them free (0013: wc.booking_place).
SET LOCAL ROLE wc_owner;

-- Refusals (outcomes, as for bookings): service_free (a free service
-- needs no buying), not_served (the service does not serve that area),
-- bad_region, bad_units (1 to 100000), bad_buyer (a name of 1 to 100
-- characters), bad_group (no such person category), bad_date (the last
-- day is past), no_service.
CREATE FUNCTION api.purchase_add(p_token text, p_key uuid, p_service bigint, p_region text,
	p_group text, p_buyer text, p_units int, p_ends_on date)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	sv wc.service;
	buyer text := btrim(coalesce(p_buyer, ''));
	pu_id bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'bureau']);
	o := wc.request_claim(actor, p_key, 'purchase');
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO sv FROM wc.service WHERE id = p_service AND status = 'active';
	IF NOT FOUND THEN
		o := wc.outcome_only('no_service');
	ELSIF NOT sv.paid THEN
		o := wc.outcome_only('service_free');
	ELSIF NOT EXISTS (SELECT FROM wc.region r WHERE r.code = p_region AND r.code <> '340000')
	      OR (st.role = 'counter' AND p_region <> st.region_code) THEN
		o := wc.outcome_only('bad_region');
	ELSIF NOT wc.region_concerns(sv.region, p_region) THEN
		o := wc.outcome_only('not_served');
	ELSIF p_units IS NULL OR p_units NOT BETWEEN 1 AND 100000 THEN
		o := wc.outcome_only('bad_units');
	ELSIF length(buyer) NOT BETWEEN 1 AND 100 THEN
		o := wc.outcome_only('bad_buyer');
	ELSIF p_group IS NOT NULL AND NOT EXISTS (SELECT FROM wc.person_category c
	                                           WHERE c.code = p_group) THEN
		o := wc.outcome_only('bad_group');
	ELSIF p_ends_on < wc.today() THEN
		o := wc.outcome_only('bad_date');
	ELSE
		INSERT INTO wc.purchase (service_id, region, group_code, buyer, units, ends_on, created_by)
		VALUES (sv.id, p_region, p_group, buyer, p_units, p_ends_on, st.id)
		RETURNING id INTO pu_id;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'purchase_add', sv.code,
		        jsonb_build_object('purchase', pu_id, 'region', p_region, 'group', p_group,
		                           'buyer', buyer, 'units', p_units, 'ends_on', p_ends_on,
		                           'price_fen', sv.price_fen));
		o := wc.outcome_only('ok');
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'purchase', o);
END
$$;
GRANT EXECUTE ON FUNCTION api.purchase_add(text, uuid, bigint, text, text, text, int, date)
	TO wc_staff;
ALTER FUNCTION api.purchase_add(text, uuid, bigint, text, text, text, int, date)
	SET enable_seqscan = off;
ALTER FUNCTION api.purchase_add(text, uuid, bigint, text, text, text, int, date) SET jit = off;

-- The purchases of a service, for the service's page at a desk.
CREATE FUNCTION api.service_purchases(p_token text, p_service bigint)
RETURNS TABLE (id bigint, buyer text, region_name text, group_name text, units int, used int,
	ends_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'bureau', 'operator', 'supervisor']);
	RETURN QUERY
	SELECT pu.id, pu.buyer, r.name, pc.name, pu.units, pu.used, pu.ends_on
	  FROM wc.purchase pu
	  JOIN wc.region r ON r.code = pu.region
	  LEFT JOIN wc.person_category pc ON pc.code = pu.group_code
	 WHERE pu.service_id = p_service
	 ORDER BY pu.id DESC;
END
$$;
GRANT EXECUTE ON FUNCTION api.service_purchases(text, bigint) TO wc_staff;
