-- Support policies (Art. 12(1)): the data, the Chinese keyword search and
-- what the matcher in src/core needs. Free to everyone without signing in
-- (Art. 15): the kiosk calls these without a session.
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.support_kind (
	code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	ord  int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.support_kind (code, name) VALUES
	('subsidy', '资金补贴'),
	('loan', '贷款及贴息'),
	('tax', '税费减免'),
	('premises', '场地支持'),
	('training', '培训补贴'),
	('service', '服务支持'),
	('other', '其他');

-- Search. Text is compared after NFKC and lower-casing (full-width ＳＹＢ
-- is SYB), in a normalised copy kept with each row (search_text: NFKC
-- over long Chinese texts is too slow to redo for every hit of every
-- query). Chinese has no spaces and its commonest queries are two
-- characters (融资, 贷款), which trigrams cannot index: the index holds
-- every character and every pair of neighbouring characters of the copy,
-- with punctuation and blanks as breaks, in the C collation (a zh
-- collation makes the GIN build ten times slower). A query's grams narrow
-- the rows; strpos on the copy decides, so the index can only make a
-- search faster, never lose a hit.
CREATE FUNCTION wc.search_norm(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT lower(normalize(t, NFKC))
$$;

-- The grams of a normalised text. Its cost is set high so that no plan
-- ever computes it row by row in a scan instead of using the index.
CREATE FUNCTION wc.grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 SET search_path = pg_catalog, pg_temp AS $$
	WITH ch AS (
		SELECT c, lead(c) OVER (ORDER BY i) AS nx
		  FROM unnest(string_to_array(regexp_replace(t,
		       '[[:space:][:punct:]，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』—…·～￥]+', ' ', 'g'),
		       NULL)) WITH ORDINALITY AS u(c, i)
	)
	SELECT coalesce(array_agg(DISTINCT g COLLATE "C"), '{}')
	  FROM (SELECT c FROM ch WHERE c <> ' '
	        UNION ALL
	        SELECT c || nx FROM ch WHERE c <> ' ' AND nx <> ' ') AS s(g)
$$;

-- The grams a normalised term needs: its pairs, or the character itself when it has one.
CREATE FUNCTION wc.query_grams(term text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN EXISTS (SELECT FROM unnest(g) x WHERE length(x) = 2)
	            THEN ARRAY(SELECT x FROM unnest(g) x WHERE length(x) = 2)
	            ELSE g END
	  FROM wc.grams(term) AS g
$$;

CREATE TABLE wc.policy (
	id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
	title          text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
	doc_no         text NOT NULL DEFAULT '' CHECK (length(doc_no) <= 100),
	issuer         text NOT NULL DEFAULT '' CHECK (length(issuer) <= 200),
	region         text NOT NULL REFERENCES wc.region (code),
	effective_on   date NOT NULL,
	expires_on     date CHECK (expires_on >= effective_on),
	kind           text NOT NULL REFERENCES wc.support_kind (code),
	max_yuan       bigint CHECK (max_yuan BETWEEN 0 AND 100000000000),
	groups         text[] NOT NULL DEFAULT '{}', -- person_category codes, any of
	entities       text[] NOT NULL DEFAULT '{}' CHECK (entities <@ ARRAY['person',
	               'individual_business', 'small_enterprise', 'cooperative',
	               'private_non_enterprise']),
	age_min        int CHECK (age_min BETWEEN 0 AND 150),
	age_max        int CHECK (age_max BETWEEN 0 AND 150 AND age_max >= age_min),
	reg_min        int CHECK (reg_min BETWEEN 0 AND 1200),
	reg_max        int CHECK (reg_max BETWEEN 0 AND 1200 AND reg_max >= reg_min),
	conditions     text NOT NULL DEFAULT '' CHECK (length(conditions) <= 2000),
	interpretation text NOT NULL DEFAULT '' CHECK (length(interpretation) <= 20000),
	body           text NOT NULL DEFAULT '' CHECK (length(body) <= 200000),
	created_at     timestamptz NOT NULL DEFAULT now(),
	updated_at     timestamptz NOT NULL DEFAULT now(),
	updated_by     bigint REFERENCES wc.staff (id),
	-- the search copy; a term's first place in it tells where it is found
	search_text    text NOT NULL GENERATED ALWAYS AS (wc.search_norm(
	               title || E'\n' || interpretation || E'\n' || body)) STORED,
	title_end      int NOT NULL GENERATED ALWAYS AS (length(wc.search_norm(title))) STORED,
	interp_end     int NOT NULL GENERATED ALWAYS AS (length(wc.search_norm(
	               title || E'\n' || interpretation))) STORED
);

-- The search copy stays in the row (compressed) while the body goes out of
-- line: every hit reads it, and a toast fetch per hit would cost more than
-- the search. lz4 where the server has it: faster to decompress.
ALTER TABLE wc.policy ALTER COLUMN search_text SET STORAGE MAIN;
DO $$
BEGIN
	ALTER TABLE wc.policy ALTER COLUMN search_text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
	NULL;
END
$$;
CREATE INDEX policy_grams ON wc.policy USING gin (wc.grams(search_text));
-- The grams of the title, and of the title and interpretation: a search
-- with many hits takes its title hits, then its interpretation hits, from
-- these smaller indexes (see api.policy_search).
CREATE INDEX policy_title_grams ON wc.policy USING gin (wc.grams(left(search_text, title_end)));
CREATE INDEX policy_head_grams ON wc.policy USING gin (wc.grams(left(search_text, interp_end)));
-- ANALYZE computes the index expression for every row it samples, and
-- samples 300 rows per point of the largest statistics target of the
-- table: at the default (100) that is 30,000 rows, some 40 s of grams.
-- A target of 10 everywhere samples 3,000 rows and still finds the
-- common grams the planner needs to choose between the index and a scan.
ALTER INDEX wc.policy_grams ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX wc.policy_title_grams ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX wc.policy_head_grams ALTER COLUMN 1 SET STATISTICS 10;
DO $$
DECLARE
	a name;
BEGIN
	FOR a IN SELECT attname FROM pg_attribute
	          WHERE attrelid = 'wc.policy'::regclass AND attnum > 0 AND NOT attisdropped LOOP
		EXECUTE format('ALTER TABLE wc.policy ALTER COLUMN %I SET STATISTICS 10', a);
	END LOOP;
END
$$;
CREATE INDEX ON wc.policy (effective_on DESC, id DESC);

-- Who was told of a policy by a counter (outreach), and what a signed-in
-- person has already seen matched at the kiosk.
CREATE TABLE wc.policy_notice (
	policy_id bigint NOT NULL REFERENCES wc.policy (id),
	person_id bigint NOT NULL REFERENCES wc.person (id),
	told_at   timestamptz NOT NULL DEFAULT now(),
	told_by   bigint REFERENCES wc.staff (id),
	PRIMARY KEY (policy_id, person_id)
);
CREATE TABLE wc.policy_seen (
	person_id  bigint NOT NULL REFERENCES wc.person (id),
	policy_id  bigint NOT NULL REFERENCES wc.policy (id),
	version_at timestamptz NOT NULL, -- the policy's updated_at when seen
	PRIMARY KEY (person_id, policy_id)
);

-- A policy's standing on a day: in force, not yet in force, or expired.
CREATE FUNCTION wc.policy_status(p wc.policy, p_day date) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN p.expires_on < p_day THEN 'expired'
	            WHEN p.effective_on > p_day THEN 'upcoming'
	            ELSE 'in_force' END
$$;

CREATE FUNCTION wc.today() RETURNS date
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date
$$;

-- Whether a policy of area p_area concerns someone looking from p_where:
-- a county sees its own, its city's and the province's policies; a city
-- also those of its counties; the province (or nothing chosen) all.
CREATE FUNCTION wc.region_concerns(p_area text, p_where text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN p_where IS NULL OR p_where = '' OR p_where = '340000' THEN true
		WHEN right(p_where, 2) = '00' THEN p_area = '340000' OR left(p_area, 4) = left(p_where, 4)
		ELSE p_area IN ('340000', left(p_where, 4) || '00', p_where)
	END
$$;

CREATE FUNCTION api.policy_kinds(OUT code text, OUT name text) RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT code, name FROM wc.support_kind ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.policy_kinds() TO wc_staff, wc_kiosk;

INSERT INTO wc.setting (name, value) VALUES
	-- above this many candidate hits, a search pages by walking the
	-- policies newest first instead of ranking every hit
	('policy_search_exact_limit', '2000');

-- Keyword search. Terms separated by blanks must all occur. Order: title
-- hits, then interpretation, then body; in force, then not yet, then
-- expired; newer first. Paging is by key, never by OFFSET: p_after is
-- the cursor (rank/status/day/id) of the last row of the previous page.
--
-- Two ways to the same order. A search with few candidates (the gram
-- index counts them, up to policy_search_exact_limit) ranks every hit and
-- says how many there are. A search with more — a common character, or no
-- keyword at all — cannot rank tens of thousands of hits in time, and
-- does not need to: it takes the nine (rank, status) groups in order,
-- each from the gram index of its part of the text (title; title and
-- interpretation; all), newest first, and stops when the page is full;
-- its total is -1 (more than the limit). Without a keyword it walks the
-- (effective_on, id) index.
CREATE FUNCTION api.policy_search(p_query text, p_region text, p_kind text, p_group text,
	p_include_expired boolean, p_after text, p_limit int)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region_name text, status text, cursor text, total bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
-- a search is short: starting parallel workers would cost more than it saves
SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
	v_terms text[] := ARRAY(SELECT t FROM regexp_split_to_table(
	                        wc.search_norm(left(coalesce(p_query, ''), 200)), '\s+') AS t
	                        WHERE t <> '' LIMIT 8);
	v_grams text[] := '{}';
	v_term text;
	v_after text[] := string_to_array(p_after, '/');
	v_today date := wc.today();
	v_limit int := least(greatest(coalesce(p_limit, 20), 1), 200);
	v_exact_limit int := wc.setting_int('policy_search_exact_limit');
	v_candidates int;
	-- the areas whose policies concern p_region (see wc.region_concerns)
	v_areas text[];
	v_city text; -- a city's four digits: its counties' policies count too
	v_filters text;
	v_match text;
	v_rank text;
	v_from_rk int := 0;
	v_from_sk int := 0;
	v_got int;
	v_exact_grams boolean; -- every term is its own one gram
BEGIN
	IF p_region IS NOT NULL AND p_region <> '' AND p_region <> '340000' THEN
		IF right(p_region, 2) = '00' THEN
			v_areas := ARRAY['340000', p_region];
			v_city := left(p_region, 4);
		ELSE
			v_areas := ARRAY['340000', left(p_region, 4) || '00', p_region];
		END IF;
	END IF;
	v_exact_grams := cardinality(v_terms) > 0;
	FOREACH v_term IN ARRAY v_terms LOOP
		v_grams := v_grams || wc.query_grams(v_term);
		v_exact_grams := v_exact_grams AND wc.query_grams(v_term) = ARRAY[v_term];
	END LOOP;
	IF cardinality(v_after) IS DISTINCT FROM 4 OR p_after !~ '^[0-9]+/[0-9]+/-?[0-9]+/[0-9]+$' THEN
		v_after := NULL;
	END IF;
	-- status and region are written out, not called: a function with a
	-- pinned search_path costs a GUC save and restore per row
	v_filters := $f$
		   (cardinality($4::text[]) IS NULL OR p.region = ANY ($4)
		        OR ($5::text IS NOT NULL AND left(p.region, 4) = $5))
		   AND ($6::text IS NULL OR $6 = '' OR p.kind = $6)
		   AND ($7::text IS NULL OR $7 = '' OR $7 = ANY (p.groups))
		   AND ($8 OR p.expires_on IS NULL OR p.expires_on >= $3) $f$;
	-- one strpos per term per row: a term's first place in the search copy
	-- tells whether it is in the title, the interpretation or the body
	v_match := CASE WHEN cardinality(v_terms) > 0
	     THEN ', LATERAL (SELECT min(x) AS lo, max(x) AS hi FROM (SELECT strpos(p.search_text, t)'
	          ' FROM unnest($1::text[]) AS t) AS s(x)) AS m'
	     ELSE '' END;
	v_rank := CASE WHEN cardinality(v_terms) > 0
	     THEN 'CASE WHEN m.hi <= p.title_end THEN 0 WHEN m.hi <= p.interp_end THEN 1 ELSE 2 END'
	     ELSE '2' END;

	IF cardinality(v_terms) > 0 THEN
		EXECUTE 'SELECT count(*) FROM (SELECT 1 FROM wc.policy p'
		        ' WHERE wc.grams(p.search_text) @> $1 LIMIT $2) AS c'
		   INTO v_candidates USING v_grams, v_exact_limit + 1;
	END IF;

	IF v_candidates <= v_exact_limit THEN
		-- EXECUTE: planned for these very terms; the values still travel
		-- apart from the statement (USING)
		RETURN QUERY EXECUTE format($q$
		WITH hits AS (
			SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, p.kind, p.region,
			       p.effective_on,
			       CASE WHEN p.expires_on < $3 THEN 'expired'
			            WHEN p.effective_on > $3 THEN 'upcoming'
			            ELSE 'in_force' END AS st,
			       %s AS rk
			  FROM wc.policy p %s
			 WHERE wc.grams(p.search_text) @> $2 AND m.lo > 0 AND %s
		), keyed AS (
			SELECT h.*, CASE h.st WHEN 'in_force' THEN 0 WHEN 'upcoming' THEN 1 ELSE 2 END AS sk,
			       h.effective_on - date '2000-01-01' AS ek, count(*) OVER () AS n
			  FROM hits h
		)
		SELECT k.id, k.code, k.title, k.issuer, k.doc_no, k.max_yuan, sk.name, r.name, k.st,
		       format('%%s/%%s/%%s/%%s', k.rk, k.sk, k.ek, k.id), k.n
		  FROM keyed k
		  JOIN wc.support_kind sk ON sk.code = k.kind
		  JOIN wc.region r ON r.code = k.region
		 WHERE $9::text[] IS NULL
		    OR (k.rk, k.sk, -k.ek, -k.id) > ($9[1]::int, $9[2]::int, -$9[3]::int, -$9[4]::bigint)
		 ORDER BY k.rk, k.sk, k.ek DESC, k.id DESC
		 LIMIT $10
		$q$, v_rank, v_match, v_filters)
		USING v_terms, v_grams, v_today, v_areas, v_city, p_kind, p_group, p_include_expired,
		      v_after, v_limit;
		RETURN;
	END IF;

	-- Many hits: the groups in order from the cursor's.
	IF v_after IS NOT NULL THEN
		v_from_rk := v_after[1]::int;
		v_from_sk := v_after[2]::int;
	END IF;
	IF cardinality(v_terms) > 0 THEN
		-- a keyword: title hits, interpretation hits, body hits, each from
		-- the gram index of its part of the text, so that each costs what
		-- its own candidates cost, in force before not yet before expired
		FOR rk IN v_from_rk .. 2 LOOP
			RETURN QUERY EXECUTE format($q$
			SELECT h.id, h.code, h.title, h.issuer, h.doc_no, h.max_yuan, h.kind_name,
			       h.region_name, h.st,
			       format('%%s/%%s/%%s/%%s', %s, h.sk, h.ek, h.id), -1::bigint
			  FROM (SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan,
			               k.name AS kind_name, r.name AS region_name,
			               CASE WHEN p.expires_on < $3 THEN 'expired'
			                    WHEN p.effective_on > $3 THEN 'upcoming'
			                    ELSE 'in_force' END AS st,
			               CASE WHEN p.expires_on < $3 THEN 2
			                    WHEN p.effective_on > $3 THEN 1 ELSE 0 END AS sk,
			               p.effective_on - date '2000-01-01' AS ek
			          FROM wc.policy p
			          JOIN wc.support_kind k ON k.code = p.kind
			          JOIN wc.region r ON r.code = p.region %s
			         WHERE %s AND %s) AS h
			 WHERE $9::text[] IS NULL OR $9[1]::int <> %s
			    OR (h.sk, -h.ek, -h.id) > ($9[2]::int, -$9[3]::int, -$9[4]::bigint)
			 ORDER BY h.sk, h.ek DESC, h.id DESC
			 LIMIT $10
			$q$,
			rk, CASE WHEN rk = 0 AND v_exact_grams THEN '' ELSE v_match END,
			-- terms of one or two characters are their own grams: the
			-- title index alone then decides the title hits exactly
			CASE WHEN rk = 0 AND v_exact_grams
			     THEN 'wc.grams(left(p.search_text, p.title_end)) @> $2'
			     WHEN rk = 0 THEN 'wc.grams(left(p.search_text, p.title_end)) @> $2'
			                      ' AND m.lo > 0 AND m.hi <= p.title_end'
			     WHEN rk = 1 THEN 'wc.grams(left(p.search_text, p.interp_end)) @> $2'
			                      ' AND m.lo > 0 AND m.hi > p.title_end AND m.hi <= p.interp_end'
			     ELSE 'wc.grams(p.search_text) @> $2 AND m.lo > 0 AND m.hi > p.interp_end' END,
			v_filters, rk)
			USING v_terms, v_grams, v_today, v_areas, v_city, p_kind, p_group,
			      p_include_expired, v_after, v_limit;
			GET DIAGNOSTICS v_got = ROW_COUNT;
			v_limit := v_limit - v_got;
			IF v_limit <= 0 THEN
				RETURN;
			END IF;
		END LOOP;
		RETURN;
	END IF;
	-- no keyword: every policy, rank 2; each status walked newest first
	-- along the (effective_on, id) index
	FOR sk IN v_from_sk .. 2 LOOP
		CONTINUE WHEN sk = 2 AND NOT p_include_expired;
		RETURN QUERY EXECUTE format($q$
		SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, r.name,
		       %L::text, format('2/%s/%%s/%%s', p.effective_on - date '2000-01-01', p.id),
		       -1::bigint
		  FROM wc.policy p
		  JOIN wc.support_kind k ON k.code = p.kind
		  JOIN wc.region r ON r.code = p.region
		 WHERE %s AND %s
		   AND ($9::text[] IS NULL OR $9[2]::int <> %s
		        OR (p.effective_on - date '2000-01-01', p.id) < ($9[3]::int, $9[4]::bigint))
		 ORDER BY p.effective_on DESC, p.id DESC
		 LIMIT $10
		$q$,
		CASE sk WHEN 0 THEN 'in_force' WHEN 1 THEN 'upcoming' ELSE 'expired' END, sk,
		CASE sk WHEN 0 THEN 'p.effective_on <= $3 AND (p.expires_on IS NULL OR p.expires_on >= $3)'
		        WHEN 1 THEN 'p.effective_on > $3 AND (p.expires_on IS NULL OR p.expires_on >= $3)'
		        ELSE 'p.expires_on < $3' END,
		v_filters, sk)
		USING v_terms, v_grams, v_today, v_areas, v_city, p_kind, p_group,
		      p_include_expired, v_after, v_limit;
		GET DIAGNOSTICS v_got = ROW_COUNT;
		v_limit := v_limit - v_got;
		IF v_limit <= 0 THEN
			RETURN;
		END IF;
	END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_search(text, text, text, text, boolean, text, int)
	TO wc_staff, wc_kiosk;

CREATE FUNCTION api.policy_get(p_id bigint)
RETURNS TABLE (id bigint, code text, title text, doc_no text, issuer text, region text,
	region_name text, effective_on date, expires_on date, kind text, kind_name text,
	max_yuan bigint, groups text[], entities text[], age_min int, age_max int, reg_min int,
	reg_max int, conditions text, interpretation text, body text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT p.id, p.code, p.title, p.doc_no, p.issuer, p.region, r.name, p.effective_on,
	       p.expires_on, p.kind, k.name, p.max_yuan, p.groups, p.entities, p.age_min,
	       p.age_max, p.reg_min, p.reg_max, p.conditions, p.interpretation, p.body,
	       wc.policy_status(p, wc.today())
	  FROM wc.policy p
	  JOIN wc.region r ON r.code = p.region
	  JOIN wc.support_kind k ON k.code = p.kind
	 WHERE p.id = p_id
$$;
GRANT EXECUTE ON FUNCTION api.policy_get(bigint) TO wc_staff, wc_kiosk;

-- What the matcher needs of every policy in force that concerns a county
-- (all of them when p_county is NULL).
CREATE FUNCTION api.policies_in_force(p_county text)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region text, groups text[], entities text[], age_min int, age_max int,
	reg_min int, reg_max int, conditions text, updated_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, p.region, p.groups,
	       p.entities, p.age_min, p.age_max, p.reg_min, p.reg_max, p.conditions, p.updated_at
	  FROM wc.policy p JOIN wc.support_kind k ON k.code = p.kind
	 WHERE wc.policy_status(p, wc.today()) = 'in_force'
	   AND (p_county IS NULL OR wc.region_concerns(p.region, p_county))
	 ORDER BY p.effective_on DESC, p.id DESC
$$;
GRANT EXECUTE ON FUNCTION api.policies_in_force(text) TO wc_staff, wc_kiosk;

-- Write a policy (insert, or update by code). The client has parsed and
-- checked 条件 with the matcher's own parser; the rest is checked here.
-- Returns inserted, updated or unchanged.
CREATE FUNCTION wc.policy_write(p_staff bigint, p_code text, p_title text, p_doc_no text,
	p_issuer text, p_region text, p_effective date, p_expires date, p_kind text,
	p_max_yuan bigint, p_groups text[], p_entities text[], p_age_min int, p_age_max int,
	p_reg_min int, p_reg_max int, p_conditions text, p_interpretation text, p_body text)
RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_old wc.policy;
	v_new wc.policy;
BEGIN
	IF EXISTS (SELECT FROM unnest(coalesce(p_groups, '{}')) g
	            WHERE g NOT IN (SELECT code FROM wc.person_category)) THEN
		RAISE EXCEPTION 'unknown person category' USING ERRCODE = 'WC019';
	END IF;
	IF NOT EXISTS (SELECT FROM wc.region WHERE code = p_region) THEN
		RAISE EXCEPTION 'unknown region' USING ERRCODE = 'WC017';
	END IF;
	SELECT * INTO v_old FROM wc.policy WHERE code = p_code FOR UPDATE;
	IF NOT FOUND THEN
		INSERT INTO wc.policy (code, title, doc_no, issuer, region, effective_on, expires_on,
		       kind, max_yuan, groups, entities, age_min, age_max, reg_min, reg_max,
		       conditions, interpretation, body, updated_by)
		VALUES (p_code, btrim(p_title), coalesce(p_doc_no, ''), coalesce(p_issuer, ''),
		       p_region, p_effective, p_expires, p_kind, p_max_yuan,
		       coalesce(p_groups, '{}'), coalesce(p_entities, '{}'), p_age_min, p_age_max,
		       p_reg_min, p_reg_max, coalesce(p_conditions, ''),
		       coalesce(p_interpretation, ''), coalesce(p_body, ''), p_staff)
		RETURNING * INTO v_new;
		INSERT INTO wc.audit (staff_id, action, object)
		VALUES (p_staff, 'policy_create', p_code);
		RETURN 'inserted';
	END IF;
	UPDATE wc.policy SET title = btrim(p_title), doc_no = coalesce(p_doc_no, ''),
	       issuer = coalesce(p_issuer, ''), region = p_region, effective_on = p_effective,
	       expires_on = p_expires, kind = p_kind, max_yuan = p_max_yuan,
	       groups = coalesce(p_groups, '{}'), entities = coalesce(p_entities, '{}'),
	       age_min = p_age_min, age_max = p_age_max, reg_min = p_reg_min, reg_max = p_reg_max,
	       conditions = coalesce(p_conditions, ''),
	       interpretation = coalesce(p_interpretation, ''), body = coalesce(p_body, '')
	 WHERE id = v_old.id
	RETURNING * INTO v_new;
	IF (v_new.title, v_new.doc_no, v_new.issuer, v_new.region, v_new.effective_on,
	    v_new.expires_on, v_new.kind, v_new.max_yuan, v_new.groups, v_new.entities,
	    v_new.age_min, v_new.age_max, v_new.reg_min, v_new.reg_max, v_new.conditions,
	    v_new.interpretation, v_new.body)
	   IS NOT DISTINCT FROM
	   (v_old.title, v_old.doc_no, v_old.issuer, v_old.region, v_old.effective_on,
	    v_old.expires_on, v_old.kind, v_old.max_yuan, v_old.groups, v_old.entities,
	    v_old.age_min, v_old.age_max, v_old.reg_min, v_old.reg_max, v_old.conditions,
	    v_old.interpretation, v_old.body) THEN
		RETURN 'unchanged';
	END IF;
	UPDATE wc.policy SET updated_at = now(), updated_by = p_staff WHERE id = v_old.id;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (p_staff, 'policy_change', p_code,
	        jsonb_build_object('old', to_jsonb(v_old) - 'body' - 'interpretation'));
	RETURN 'updated';
END
$$;

-- The administrator's import (wanchuang-admin import policies).
CREATE FUNCTION wc_admin.policy_import(p_code text, p_title text, p_doc_no text,
	p_issuer text, p_region text, p_effective date, p_expires date, p_kind text,
	p_max_yuan bigint, p_groups text[], p_entities text[], p_age_min int, p_age_max int,
	p_reg_min int, p_reg_max int, p_conditions text, p_interpretation text, p_body text)
RETURNS text
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.policy_write(NULL, p_code, p_title, p_doc_no, p_issuer, p_region, p_effective,
	       p_expires, p_kind, p_max_yuan, p_groups, p_entities, p_age_min, p_age_max,
	       p_reg_min, p_reg_max, p_conditions, p_interpretation, p_body)
$$;
