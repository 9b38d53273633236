-- The policy search again (0010), with one more way to the first page of
-- a keyword whose title hits are many: walking the policies newest first,
-- status by status, and reading each title (see the comment in the body).
-- Measured with bench/search.sh; the figures are in the README.
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	-- title hits from which the first page walks the (effective_on, id)
	-- index rather than sorting the title index's hits
	('policy_search_walk_from', '400');

CREATE OR REPLACE FUNCTION api.policy_search(p_query text, p_region text, p_kind text, p_group text,
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
	v_title_hits int; -- policies whose title has every gram, up to policy_search_walk_from
	v_walk_from int := wc.setting_int('policy_search_walk_from');
	v_walk_rk int; -- the rank of what a walk finds: 0 title hits, 2 everything
	v_head_hits int; -- hits in titles and interpretations, up to a page
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

	-- Titles holding terms of one or two characters (their own grams, so
	-- the title index is exact), counted with the filters up to
	-- v_walk_from: as many as that, and the first page's title hits are
	-- found by walking (below), with no need to count every candidate
	-- (for 贷 that count alone reads 70,000 entries of the gram index).
	-- With at least v_walk_from such titles in N policies, the walk reads
	-- about 20 N / v_walk_from rows at most.
	IF v_exact_grams AND coalesce(v_after[1]::int, 0) = 0 THEN
		EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM wc.policy p'
		               ' WHERE wc.grams(left(p.search_text, p.title_end)) @> $2 AND %s'
		               ' LIMIT $11) AS c', v_filters)
		   INTO v_title_hits
		  USING v_terms, v_grams, v_today, v_areas, v_city, p_kind, p_group,
		        p_include_expired, v_after, v_limit, v_walk_from;
	END IF;
	-- A longer term (创业担保) whose grams are each common: counting every
	-- candidate reads them all (some 25 ms at 100,000 policies). When its
	-- titles and interpretations alone fill the first page, that page is
	-- theirs, and the count is not needed.
	IF NOT v_exact_grams AND cardinality(v_terms) > 0 AND v_after IS NULL THEN
		EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM wc.policy p %s'
		               ' WHERE wc.grams(left(p.search_text, p.interp_end)) @> $2'
		               ' AND m.lo > 0 AND m.hi <= p.interp_end AND %s LIMIT $10) AS c',
		               v_match, v_filters)
		   INTO v_head_hits
		  USING v_terms, v_grams, v_today, v_areas, v_city, p_kind, p_group,
		        p_include_expired, v_after, v_limit;
	END IF;
	IF v_title_hits >= v_walk_from OR v_head_hits >= v_limit THEN
		v_candidates := v_exact_limit + 1; -- many: the walk, or the parts' indexes
	ELSIF cardinality(v_terms) > 0 THEN
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
	-- Walking the policies newest first, status by status, along the
	-- (effective_on, id) index: every policy when there is no keyword
	-- (rank 2); the title hits of a keyword whose titles are many (rank 0:
	-- 贷 or 补贴 in one title of thirty, a few hundred rows read instead of
	-- the thousands the title index names, fetched and sorted).
	IF cardinality(v_terms) = 0 OR (v_from_rk = 0 AND v_title_hits >= v_walk_from) THEN
		v_walk_rk := CASE WHEN cardinality(v_terms) = 0 THEN 2 ELSE 0 END;
		FOR sk IN v_from_sk .. 2 LOOP
			CONTINUE WHEN sk = 2 AND NOT p_include_expired;
			RETURN QUERY EXECUTE format($q$
			SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, r.name,
			       %L::text, format('%s/%s/%%s/%%s', p.effective_on - date '2000-01-01', p.id),
			       -1::bigint
			  FROM wc.policy p
			  JOIN wc.support_kind k ON k.code = p.kind
			  JOIN wc.region r ON r.code = p.region
			 WHERE %s AND %s %s
			   AND ($9::text[] IS NULL OR $9[2]::int <> %s
			        OR (p.effective_on - date '2000-01-01', p.id) < ($9[3]::int, $9[4]::bigint))
			 ORDER BY p.effective_on DESC, p.id DESC
			 LIMIT $10
			$q$,
			CASE sk WHEN 0 THEN 'in_force' WHEN 1 THEN 'upcoming' ELSE 'expired' END,
			v_walk_rk, sk,
			CASE sk WHEN 0 THEN 'p.effective_on <= $3 AND (p.expires_on IS NULL OR p.expires_on >= $3)'
			        WHEN 1 THEN 'p.effective_on > $3 AND (p.expires_on IS NULL OR p.expires_on >= $3)'
			        ELSE 'p.expires_on < $3' END,
			v_filters,
			CASE WHEN v_walk_rk = 0
			     THEN 'AND NOT EXISTS (SELECT FROM unnest($1::text[]) AS t'
			          ' WHERE strpos(left(p.search_text, p.title_end), t) = 0)'
			     ELSE '' END,
			sk)
			USING v_terms, v_grams, v_today, v_areas, v_city, p_kind, p_group,
			      p_include_expired, v_after, v_limit;
			GET DIAGNOSTICS v_got = ROW_COUNT;
			v_limit := v_limit - v_got;
			IF v_limit <= 0 THEN
				RETURN;
			END IF;
		END LOOP;
		IF v_walk_rk = 2 THEN
			RETURN;
		END IF;
		v_from_rk := 1;
		v_after := NULL; -- the interpretation hits start at their beginning
	END IF;
	-- a keyword: title hits, interpretation hits, body hits, each from the
	-- gram index of its part of the text, so that each costs what its own
	-- candidates cost, in force before not yet before expired
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
END
$$;
