-- The service catalogue (Art. 12(2)(3), 13, 15, 21): providers, their
-- services, and the time slots people book. Providers arrive here active;
-- the onboarding pipeline (初审, 复核, 备案, 公示) comes in a later
-- migration and will feed the same table.
SET LOCAL ROLE wc_owner;

-- The categories of Art. 12: the first three for intending
-- entrepreneurs (12(2)), the rest for entrepreneurs (12(3)).
CREATE TABLE wc.service_category (
	code  text PRIMARY KEY,
	name  text NOT NULL UNIQUE,
	stage text NOT NULL CHECK (stage IN ('intending', 'started')),
	ord   int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.service_category (code, name, stage) VALUES
	('assessment', '测评', 'intending'),
	('training', '培训', 'intending'),
	('guidance', '指导', 'intending'),
	('venue', '场地', 'started'),
	('financing', '融资', 'started'),
	('legal', '法律', 'started'),
	('tax', '财税', 'started'),
	('talent', '人才', 'started'),
	('consulting', '管理咨询', 'started'),
	('agency', '业务代理', 'started');

CREATE TABLE wc.provider (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	credit_code  text NOT NULL UNIQUE CHECK (wc.credit_code_problem(credit_code) IS NULL),
	name         text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 100),
	region       text NOT NULL REFERENCES wc.region (code), -- where it is registered
	address      text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
	contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 40),
	phone        text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
	status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'removed')),
	-- reviews (a later migration) keep these two; the rating is their ratio
	rating_sum   bigint NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
	rating_count bigint NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
	created_at   timestamptz NOT NULL DEFAULT now()
);

-- A provider's staff account (role 'provider') acts for that provider only.
CREATE TABLE wc.provider_staff (
	staff_id    bigint PRIMARY KEY REFERENCES wc.staff (id),
	provider_id bigint NOT NULL REFERENCES wc.provider (id)
);

CREATE TABLE wc.service (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
	provider_id  bigint NOT NULL REFERENCES wc.provider (id),
	title        text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 100),
	category     text NOT NULL REFERENCES wc.service_category (code),
	paid         boolean NOT NULL, -- 经营性 (paid) or 公益性 (free), Art. 15
	online       boolean NOT NULL,
	price_fen    bigint NOT NULL DEFAULT 0 CHECK (price_fen BETWEEN 0 AND 100000000),
	voucher_ok   boolean NOT NULL DEFAULT false, -- vouchers may pay for it (Art. 18)
	region       text NOT NULL REFERENCES wc.region (code), -- the area served
	description  text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
	place        text NOT NULL DEFAULT '' CHECK (length(place) <= 200), -- offline: where
	contact      text NOT NULL DEFAULT '' CHECK (length(contact) <= 200), -- shown after Art. 21
	-- a booking may be cancelled until this many hours before its slot
	cancel_hours int NOT NULL DEFAULT 24 CHECK (cancel_hours BETWEEN 0 AND 720),
	status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
	created_at   timestamptz NOT NULL DEFAULT now(),
	search_text  text NOT NULL GENERATED ALWAYS AS (wc.search_norm(title || E'\n' || description)) STORED,
	CHECK (paid OR (price_fen = 0 AND NOT voucher_ok)),
	CHECK (NOT voucher_ok OR price_fen > 0)
);
CREATE INDEX ON wc.service (category, id);
CREATE INDEX ON wc.service (provider_id);
CREATE INDEX service_grams ON wc.service USING gin (wc.grams(search_text));

-- A bookable time with its seats (a class of 30, a lawyer's half hour).
-- taken never exceeds capacity and never goes below zero: the booking
-- functions change it only by conditional updates.
CREATE TABLE wc.slot (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	service_id bigint NOT NULL REFERENCES wc.service (id),
	starts_at  timestamptz NOT NULL,
	ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
	place      text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
	capacity   int NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
	taken      int NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
	cancelled  boolean NOT NULL DEFAULT false,
	UNIQUE (service_id, starts_at)
);

-- The rating as shown: one decimal, NULL when nobody has rated.
CREATE FUNCTION wc.provider_rating(p wc.provider) RETURNS numeric
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN p.rating_count > 0 THEN round(p.rating_sum::numeric / p.rating_count, 1) END
$$;

CREATE FUNCTION api.service_categories(OUT code text, OUT name text, OUT stage text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT code, name, stage FROM wc.service_category ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.service_categories() TO wc_staff, wc_kiosk;

-- The catalogue: active services of active providers serving the county
-- (a province-wide service serves every county), by category and
-- keywords (every blank-separated term must occur in the title or the
-- description, or be the provider's name). By category, then title;
-- keyset paging on (category order, title, id).
CREATE FUNCTION api.service_search(p_query text, p_category text, p_county text,
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
	IF p_after IS NOT NULL AND p_after <> '' THEN
		a_ord := split_part(p_after, '|', 1)::int;
		a_id := split_part(p_after, '|', 2)::bigint;
		a_title := substr(p_after, length(split_part(p_after, '|', 1))
		                  + length(split_part(p_after, '|', 2)) + 3);
	END IF;
	SELECT coalesce(array_agg(DISTINCT g), '{}') INTO needed
	  FROM unnest(terms) t, unnest(wc.query_grams(t)) g;
	RETURN QUERY
	SELECT s.id, s.title, c.code, c.name, pr.name, s.paid, s.online, s.price_fen, s.voucher_ok,
	       r.name, wc.provider_rating(pr), pr.rating_count, nx.starts_at, nx.seats,
	       c.ord || '|' || s.id || '|' || s.title
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
CREATE FUNCTION api.service_get(p_id bigint,
	OUT id bigint, OUT code text, OUT title text, OUT category text, OUT category_name text,
	OUT paid boolean, OUT online boolean, OUT price_fen bigint, OUT voucher_ok boolean,
	OUT region_name text, OUT description text, OUT place text, OUT contact text,
	OUT cancel_hours int, OUT provider_id bigint, OUT provider_name text,
	OUT provider_address text, OUT provider_phone text, OUT rating numeric,
	OUT rating_count bigint, OUT has_slots boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.id, s.code, s.title, c.code, c.name, s.paid, s.online, s.price_fen, s.voucher_ok,
	       r.name, s.description, s.place, s.contact, s.cancel_hours, pr.id, pr.name,
	       pr.address, pr.phone, wc.provider_rating(pr), pr.rating_count,
	       EXISTS (SELECT FROM wc.slot sl WHERE sl.service_id = s.id AND NOT sl.cancelled
	                                          AND sl.starts_at > now())
	  FROM wc.service s
	  JOIN wc.service_category c ON c.code = s.category
	  JOIN wc.provider pr ON pr.id = s.provider_id
	  JOIN wc.region r ON r.code = s.region
	 WHERE s.id = p_id AND s.status = 'active' AND pr.status = 'active'
$$;
GRANT EXECUTE ON FUNCTION api.service_get(bigint) TO wc_staff, wc_kiosk;

-- For the administrator and the demo loader: a provider, a service, a slot.
CREATE FUNCTION wc_admin.provider_add(p_credit_code text, p_name text, p_region text,
	p_address text, p_contact_name text, p_phone text) RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.provider (credit_code, name, region, address, contact_name, phone)
	VALUES (wc.normalise_code(p_credit_code), btrim(p_name), p_region,
	        coalesce(p_address, ''), coalesce(p_contact_name, ''), coalesce(p_phone, ''))
	ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region,
		address = EXCLUDED.address, contact_name = EXCLUDED.contact_name, phone = EXCLUDED.phone
	RETURNING id
$$;

CREATE FUNCTION wc_admin.provider_staff_link(p_username text, p_credit_code text) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.provider_staff (staff_id, provider_id)
	SELECT st.id, pr.id FROM wc.staff st, wc.provider pr
	 WHERE st.username = p_username AND st.role = 'provider'
	   AND pr.credit_code = wc.normalise_code(p_credit_code)
	ON CONFLICT (staff_id) DO UPDATE SET provider_id = EXCLUDED.provider_id
$$;

CREATE FUNCTION wc_admin.service_add(p_code text, p_provider_credit_code text, p_title text,
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
CREATE FUNCTION wc_admin.slot_add(p_service_code text, p_starts timestamp, p_minutes int,
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
