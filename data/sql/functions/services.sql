-- The service catalogue: categories, search, a service's page
-- and its slots; the administrator's service and slot calls.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0021
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION api.service_categories(OUT code text, OUT name text, OUT stage text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT code, name, stage FROM wc.service_category ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.service_categories() TO wc_staff, wc_kiosk;

CREATE OR REPLACE FUNCTION wc_admin.service_add(p_code text, p_provider_credit_code text, p_title text,
	p_category text, p_paid boolean, p_online boolean, p_price_fen bigint, p_voucher_ok boolean,
	p_region text, p_description text, p_place text, p_contact text, p_cancel_hours int)
RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.service (code, provider_id, title, category, paid, online, price_fen,
		voucher_ok, region, description, place, contact, cancel_hours)
	SELECT p_code, pr.id, btrim(p_title), p_category, p_paid, p_online, coalesce(p_price_fen, 0),
	       coalesce(p_voucher_ok, false), p_region, coalesce(p_description, ''),
	       coalesce(p_place, ''), coalesce(p_contact, ''), coalesce(p_cancel_hours, 24)
	  FROM wc.provider pr WHERE pr.credit_code = wc.normalise_code(p_provider_credit_code)
	ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, category = EXCLUDED.category,
		paid = EXCLUDED.paid, online = EXCLUDED.online, price_fen = EXCLUDED.price_fen,
		voucher_ok = EXCLUDED.voucher_ok, region = EXCLUDED.region,
		description = EXCLUDED.description, place = EXCLUDED.place,
		contact = EXCLUDED.contact, cancel_hours = EXCLUDED.cancel_hours
	RETURNING id
$$;

-- Times are Asia/Shanghai wall-clock times, whatever the session's zone.
CREATE OR REPLACE FUNCTION wc_admin.slot_add(p_service_code text, p_starts timestamp, p_minutes int,
	p_capacity int, p_place text) RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.slot (service_id, starts_at, ends_at, place, capacity)
	SELECT s.id, p_starts AT TIME ZONE 'Asia/Shanghai',
	       (p_starts + make_interval(mins => p_minutes)) AT TIME ZONE 'Asia/Shanghai',
	       coalesce(p_place, ''), p_capacity
	  FROM wc.service s WHERE s.code = p_service_code
	ON CONFLICT (service_id, starts_at) DO NOTHING
	RETURNING id
$$;

-- The coming slots of a service (not yet started), with seats left and
-- how many wait for a seat.
CREATE OR REPLACE FUNCTION api.service_slots(p_service bigint, p_limit int)
RETURNS TABLE (id bigint, starts_at timestamptz, ends_at timestamptz, place text,
	capacity int, seats_left int, waiting bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT sl.id, sl.starts_at, sl.ends_at, coalesce(nullif(sl.place, ''), s.place),
	       sl.capacity, sl.capacity - sl.taken,
	       (SELECT count(*) FROM wc.waitlist w WHERE w.slot_id = sl.id AND w.status = 'waiting')
	  FROM wc.slot sl
	  JOIN wc.service s ON s.id = sl.service_id
	 WHERE sl.service_id = p_service AND NOT sl.cancelled AND sl.starts_at > now()
	 ORDER BY sl.starts_at, sl.id
	 LIMIT greatest(1, least(coalesce(p_limit, 50), 500))
$$;
GRANT EXECUTE ON FUNCTION api.service_slots(bigint, int) TO wc_staff, wc_kiosk;

-- The catalogue: active services of active providers serving the county
-- (a province-wide service serves every county), by category and
-- keywords (every blank-separated term must occur in the title or the
-- description, or be the provider's name). By category, then title;
-- keyset paging on (category order, title, id).
--
-- A hidden title, description, address or phone (taken down) comes as
-- NULL; the client says 该内容已下架.
CREATE OR REPLACE FUNCTION api.service_search(p_query text, p_category text, p_county text,
	p_after text, p_limit int)
RETURNS TABLE (id bigint, title text, category text, category_name text, provider_name text,
	paid boolean, online boolean, price_fen bigint, voucher_ok boolean, region_name text,
	rating numeric, rating_count bigint, next_slot timestamptz, seats_left bigint, cursor text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	terms text[] := ARRAY(SELECT t FROM regexp_split_to_table(
	                      wc.search_norm(coalesce(p_query, '')), '[[:space:]]+') AS t WHERE t <> '');
	needed text[];
	a_ord int;
	a_title text;
	a_id bigint;
BEGIN
	PERFORM wc.caller_terminal(NULL); -- through a pool: the key, checked
	IF p_after IS NOT NULL AND p_after <> '' THEN
		a_ord := split_part(p_after, '|', 1)::int;
		a_id := split_part(p_after, '|', 2)::bigint;
		-- the cursor names the last service, not its title (which may be hidden)
		SELECT x.title INTO a_title FROM wc.service x WHERE x.id = a_id;
	END IF;
	SELECT coalesce(array_agg(DISTINCT g), '{}') INTO needed
	  FROM unnest(terms) t, unnest(wc.query_grams(t)) g;
	RETURN QUERY
	SELECT s.id, CASE WHEN NOT 'title' = ANY (s.hidden) THEN s.title END, c.code, c.name,
	       pr.name, s.paid, s.online, s.price_fen, s.voucher_ok,
	       r.name, wc.provider_rating(pr), pr.rating_count, nx.starts_at, nx.seats,
	       c.ord || '|' || s.id || '|'
	  FROM wc.service s
	  JOIN wc.service_category c ON c.code = s.category
	  JOIN wc.provider pr ON pr.id = s.provider_id
	  JOIN wc.region r ON r.code = s.region
	  LEFT JOIN LATERAL (
		SELECT min(sl.starts_at) AS starts_at, sum(sl.capacity - sl.taken) AS seats
		  FROM wc.slot sl
		 WHERE sl.service_id = s.id AND NOT sl.cancelled AND sl.starts_at > now()
	  ) nx ON true
	 WHERE s.status = 'active' AND pr.status = 'active'
	   AND (p_category IS NULL OR p_category = '' OR s.category = p_category)
	   AND wc.region_concerns(s.region, p_county)
	   AND (cardinality(terms) = 0
	        OR ((cardinality(needed) = 0 OR wc.grams(s.search_text) @> needed
	             OR EXISTS (SELECT FROM unnest(terms) t WHERE strpos(wc.search_norm(pr.name), t) > 0))
	            AND NOT EXISTS (SELECT FROM unnest(terms) t
	                             WHERE strpos(s.search_text, t) = 0
	                               AND strpos(wc.search_norm(pr.name), t) = 0)))
	   AND (a_ord IS NULL OR (c.ord, s.title COLLATE "C", s.id) > (a_ord, a_title COLLATE "C", a_id))
	 ORDER BY c.ord, s.title COLLATE "C", s.id
	 LIMIT greatest(1, least(coalesce(p_limit, 20), 200));
END
$$;
GRANT EXECUTE ON FUNCTION api.service_search(text, text, text, text, int) TO wc_staff, wc_kiosk;

-- One service, with what the kiosk shows on its page. contact is the
-- provider's way to be reached; the client shows the Art. 21 notice
-- first when vouchers cannot pay for a paid service.
CREATE OR REPLACE FUNCTION api.service_get(p_id bigint,
	OUT id bigint, OUT code text, OUT title text, OUT category text, OUT category_name text,
	OUT paid boolean, OUT online boolean, OUT price_fen bigint, OUT voucher_ok boolean,
	OUT region_name text, OUT description text, OUT place text, OUT contact text,
	OUT cancel_hours int, OUT provider_id bigint, OUT provider_name text,
	OUT provider_address text, OUT provider_phone text, OUT rating numeric,
	OUT rating_count bigint, OUT has_slots boolean, OUT service_rating numeric,
	OUT service_rating_count bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT s.id, s.code, CASE WHEN NOT 'title' = ANY (s.hidden) THEN s.title END, c.code, c.name,
	       s.paid, s.online, s.price_fen, s.voucher_ok, r.name,
	       CASE WHEN NOT 'description' = ANY (s.hidden) THEN s.description END,
	       s.place, s.contact, s.cancel_hours, pr.id, pr.name,
	       CASE WHEN NOT 'address' = ANY (pr.hidden) THEN pr.address END,
	       CASE WHEN NOT 'phone' = ANY (pr.hidden) THEN pr.phone END,
	       wc.provider_rating(pr), pr.rating_count,
	       EXISTS (SELECT FROM wc.slot sl WHERE sl.service_id = s.id AND NOT sl.cancelled
	                                          AND sl.starts_at > now()),
	       wc.service_rating(s), s.rating_count
	  FROM wc.service s
	  JOIN wc.service_category c ON c.code = s.category
	  JOIN wc.provider pr ON pr.id = s.provider_id
	  JOIN wc.region r ON r.code = s.region
	 WHERE s.id = p_id AND s.status = 'active' AND pr.status = 'active'
$$;
GRANT EXECUTE ON FUNCTION api.service_get(bigint) TO wc_staff, wc_kiosk;
