-- The provider page (服务商管理) shows what the provider was admitted
-- with (Art. 22–23): its kind (主体类型), legal representative, the
-- contact's ID number masked, the service categories it offers, the
-- application that admitted it (申请编号) and the day it became a
-- provider. Providers imported or loaded before onboarding existed have
-- no application; their empty values come back empty, and the page says
-- so rather than guessing.
--
-- api.provider_get as in 0020 with these columns added: a function's OUT
-- columns cannot change in place, so it is dropped and made again, with
-- its grant.
SET LOCAL ROLE wc_owner;

DROP FUNCTION api.provider_get(text, bigint);
CREATE FUNCTION api.provider_get(p_token text, p_provider bigint,
	OUT id bigint, OUT name text, OUT credit_code text, OUT region_name text,
	OUT address text, OUT contact_name text, OUT phone text, OUT status text,
	OUT rating numeric, OUT rating_count bigint, OUT created_at timestamptz,
	OUT services bigint, OUT open_bookings bigint, OUT complaints bigint, OUT hidden text[],
	OUT steps text[], OUT kind_name text, OUT legal_rep text, OUT contact_id_masked text,
	OUT category_names text[], OUT application_no text, OUT active_from date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	SELECT pr.id, pr.name, pr.credit_code, r.name, pr.address, pr.contact_name, pr.phone,
	       pr.status, wc.provider_rating(pr), pr.rating_count, pr.created_at,
	       (SELECT count(*) FROM wc.service s WHERE s.provider_id = pr.id AND s.status = 'active'),
	       (SELECT count(*) FROM wc.booking b JOIN wc.slot sl ON sl.id = b.slot_id
	                        JOIN wc.service s ON s.id = sl.service_id
	         WHERE s.provider_id = pr.id AND b.status = 'booked' AND sl.ends_at > now()),
	       wc.provider_recent_complaints(pr.id), pr.hidden,
	       k.name, pr.legal_rep, pr.contact_id_masked,
	       (SELECT coalesce(array_agg(c.name ORDER BY c.ord), '{}')
	          FROM wc.provider_category pc JOIN wc.service_category c ON c.code = pc.category
	         WHERE pc.provider_id = pr.id),
	       (SELECT a.no FROM wc.provider_application a
	         WHERE a.provider_id = pr.id AND a.status = 'active'
	         ORDER BY a.active_from DESC, a.id DESC LIMIT 1),
	       pr.active_from
	  INTO id, name, credit_code, region_name, address, contact_name, phone, status, rating,
	       rating_count, created_at, services, open_bookings, complaints, hidden,
	       kind_name, legal_rep, contact_id_masked, category_names, application_no, active_from
	  FROM wc.provider pr
	  JOIN wc.region r ON r.code = pr.region
	  LEFT JOIN wc.provider_kind k ON k.code = pr.kind
	 WHERE pr.id = p_provider;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such provider' USING ERRCODE = 'P0002';
	END IF;
	-- the steps open to the caller: the operator's, from this status
	SELECT coalesce(array_agg(k.action ORDER BY k.ord), '{}') INTO steps
	  FROM wc.provider_rules() k
	 WHERE st.role = 'operator' AND provider_get.status = ANY (k.from_states);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_get(text, bigint) TO wc_staff;
