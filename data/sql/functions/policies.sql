-- Support policies: the kinds, search, one policy, what is in
-- force, matching a person, outreach, editing and the administrator's
-- import.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0054
SET LOCAL ROLE wc_owner;

-- A policy's standing on a day: in force, not yet in force, or expired.
CREATE OR REPLACE FUNCTION wc.policy_status(p wc.policy, p_day date) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN p.expires_on < p_day THEN 'expired'
	            WHEN p.effective_on > p_day THEN 'upcoming'
	            ELSE 'in_force' END
$$;

CREATE OR REPLACE FUNCTION api.policy_kinds(OUT code text, OUT name text) RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT code, name FROM wc.support_kind ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.policy_kinds() TO wc_staff, wc_kiosk;

CREATE OR REPLACE FUNCTION api.policy_get(p_id bigint)
RETURNS TABLE (id bigint, code text, title text, doc_no text, issuer text, region text,
	region_name text, effective_on date, expires_on date, kind text, kind_name text,
	max_yuan bigint, groups text[], entities text[], age_min int, age_max int, reg_min int,
	reg_max int, conditions text, to_verify text, open_to_all boolean, interpretation text,
	body text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT p.id, p.code, p.title, p.doc_no, p.issuer, p.region, r.name, p.effective_on,
	       p.expires_on, p.kind, k.name, p.max_yuan, p.groups, p.entities, p.age_min,
	       p.age_max, p.reg_min, p.reg_max, p.conditions, p.to_verify, p.open_to_all,
	       p.interpretation, p.body, wc.policy_status(p, wc.today())
	  FROM wc.policy p
	  JOIN wc.region r ON r.code = p.region
	  JOIN wc.support_kind k ON k.code = p.kind
	 WHERE p.id = p_id
$$;
GRANT EXECUTE ON FUNCTION api.policy_get(bigint) TO wc_staff, wc_kiosk;

-- Write a policy (insert, or update by code). The client has parsed and
-- checked 条件 with the matcher's own parser; the rest is checked here.
-- Returns inserted, updated or unchanged.
CREATE OR REPLACE FUNCTION wc.policy_write(p_staff bigint, p_code text, p_title text, p_doc_no text,
	p_issuer text, p_region text, p_effective date, p_expires date, p_kind text,
	p_max_yuan bigint, p_groups text[], p_entities text[], p_age_min int, p_age_max int,
	p_reg_min int, p_reg_max int, p_conditions text, p_to_verify text, p_open_to_all boolean,
	p_interpretation text, p_body text)
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
		       conditions, to_verify, open_to_all, interpretation, body, updated_by)
		VALUES (p_code, btrim(p_title), coalesce(p_doc_no, ''), coalesce(p_issuer, ''),
		       p_region, p_effective, p_expires, p_kind, p_max_yuan,
		       coalesce(p_groups, '{}'), coalesce(p_entities, '{}'), p_age_min, p_age_max,
		       p_reg_min, p_reg_max, coalesce(p_conditions, ''), coalesce(p_to_verify, ''),
		       coalesce(p_open_to_all, false), coalesce(p_interpretation, ''), coalesce(p_body, ''), p_staff)
		RETURNING * INTO v_new;
		INSERT INTO wc.audit (staff_id, action, object)
		VALUES (p_staff, 'policy_create', p_code);
		PERFORM wc.notice_policy(v_new.id); -- its SMS, with the policy or not at all
		RETURN 'inserted';
	END IF;
	UPDATE wc.policy SET title = btrim(p_title), doc_no = coalesce(p_doc_no, ''),
	       issuer = coalesce(p_issuer, ''), region = p_region, effective_on = p_effective,
	       expires_on = p_expires, kind = p_kind, max_yuan = p_max_yuan,
	       groups = coalesce(p_groups, '{}'), entities = coalesce(p_entities, '{}'),
	       age_min = p_age_min, age_max = p_age_max, reg_min = p_reg_min, reg_max = p_reg_max,
	       conditions = coalesce(p_conditions, ''), to_verify = coalesce(p_to_verify, ''),
	       open_to_all = coalesce(p_open_to_all, false),
	       interpretation = coalesce(p_interpretation, ''), body = coalesce(p_body, '')
	 WHERE id = v_old.id
	RETURNING * INTO v_new;
	IF (v_new.title, v_new.doc_no, v_new.issuer, v_new.region, v_new.effective_on,
	    v_new.expires_on, v_new.kind, v_new.max_yuan, v_new.groups, v_new.entities,
	    v_new.age_min, v_new.age_max, v_new.reg_min, v_new.reg_max, v_new.conditions,
	    v_new.to_verify, v_new.open_to_all, v_new.interpretation, v_new.body)
	   IS NOT DISTINCT FROM
	   (v_old.title, v_old.doc_no, v_old.issuer, v_old.region, v_old.effective_on,
	    v_old.expires_on, v_old.kind, v_old.max_yuan, v_old.groups, v_old.entities,
	    v_old.age_min, v_old.age_max, v_old.reg_min, v_old.reg_max, v_old.conditions,
	    v_old.to_verify, v_old.open_to_all, v_old.interpretation, v_old.body) THEN
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
CREATE OR REPLACE FUNCTION wc_admin.policy_import(p_code text, p_title text, p_doc_no text,
	p_issuer text, p_region text, p_effective date, p_expires date, p_kind text,
	p_max_yuan bigint, p_groups text[], p_entities text[], p_age_min int, p_age_max int,
	p_reg_min int, p_reg_max int, p_conditions text, p_to_verify text, p_open_to_all boolean,
	p_interpretation text, p_body text)
RETURNS text
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.policy_write(NULL, p_code, p_title, p_doc_no, p_issuer, p_region, p_effective,
	       p_expires, p_kind, p_max_yuan, p_groups, p_entities, p_age_min, p_age_max,
	       p_reg_min, p_reg_max, p_conditions, p_to_verify, p_open_to_all, p_interpretation,
	       p_body)
$$;

CREATE OR REPLACE FUNCTION wc.match_facts_of(p wc.person) RETURNS wc.match_facts
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p.id, p.sex, p.categories, p.county_code, p.stage,
	           coalesce(o.kind, 'person'), o.registered_on, wc.age_years(p.birth_date))::wc.match_facts
	  FROM (SELECT 1) AS one
	  LEFT JOIN wc.organisation o ON o.person_id = p.id
$$;

-- The signed-in person's facts, for matching at the kiosk: the age, not
-- the birth date (doc/architecture.md, Masking).
CREATE OR REPLACE FUNCTION api.citizen_match_facts(p_token text)
RETURNS SETOF wc.match_facts
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.match_facts_of(wc.session_person(p_token))
$$;
GRANT EXECUTE ON FUNCTION api.citizen_match_facts(text) TO wc_kiosk;

-- Outreach: the people of the clerk's area not yet told of a policy, with
-- their facts for the matcher (an age, not the birth date); names and
-- numbers masked. Looking is
-- audited (it is a list of people).
CREATE OR REPLACE FUNCTION api.policy_outreach(p_token text, p_policy bigint)
RETURNS TABLE (person_id bigint, name_masked text, id_masked text, mobile_masked text,
	age int, sex text, categories text[], county_code text, stage text,
	entity text, registered_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	INSERT INTO wc.audit (staff_id, action, object)
	VALUES (st.id, 'policy_outreach_view', p_policy::text);
	RETURN QUERY
	SELECT p.id, wc.mask_name(p.name), p.id_masked, p.mobile_masked, wc.age_years(p.birth_date), p.sex,
	       p.categories, p.county_code, p.stage, coalesce(o.kind, 'person'), o.registered_on
	  FROM wc.person p
	  LEFT JOIN wc.organisation o ON o.person_id = p.id
	 WHERE wc.staff_covers(st, p.county_code)
	   AND NOT EXISTS (SELECT FROM wc.policy_notice n
	                    WHERE n.policy_id = p_policy AND n.person_id = p.id)
	 ORDER BY p.id DESC; -- the newest registrations first
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_outreach(text, bigint) TO wc_staff;

-- The clerk has told the person of the policy (by phone, at the desk).
CREATE OR REPLACE FUNCTION api.policy_mark_told(p_token text, p_policy bigint, p_person bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	INSERT INTO wc.policy_notice (policy_id, person_id, told_by)
	VALUES (p_policy, p.id, st.id) ON CONFLICT DO NOTHING;
	IF FOUND THEN
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'policy_told', p.id::text, jsonb_build_object('policy', p_policy));
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_mark_told(text, bigint, bigint) TO wc_staff;

-- The bureau's and the operator's policy editing screen: the same checks
-- as the import (the client's and these), the change audited.
CREATE OR REPLACE FUNCTION api.policy_save(p_token text, p_code text, p_title text, p_doc_no text,
	p_issuer text, p_region text, p_effective date, p_expires date, p_kind text,
	p_max_yuan bigint, p_groups text[], p_entities text[], p_age_min int, p_age_max int,
	p_reg_min int, p_reg_max int, p_conditions text, p_to_verify text, p_open_to_all boolean,
	p_interpretation text, p_body text)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau', 'operator']);
	RETURN wc.policy_write(st.id, p_code, p_title, p_doc_no, p_issuer, p_region, p_effective,
	       p_expires, p_kind, p_max_yuan, p_groups, p_entities, p_age_min, p_age_max,
	       p_reg_min, p_reg_max, p_conditions, p_to_verify, p_open_to_all, p_interpretation,
	       p_body);
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_save(text, text, text, text, text, text, date, date, text,
	bigint, text[], text[], int, int, int, int, text, text, boolean, text, text) TO wc_staff;

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
CREATE OR REPLACE FUNCTION wc.policy_search_rows(p_query text, p_region text, p_kind text,
	p_group text, p_include_expired boolean, p_after text, p_limit int)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region_name text, status text, cursor text, total bigint)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
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

-- The search of 政策查询 (wc.policy_search_rows), and its fact for the
-- figures (wc.policy_use): a new search, not a later page of one, with
-- its area and the rows of its first page. The words searched are not
-- kept: a person may type anything into the field.
CREATE OR REPLACE FUNCTION api.policy_search(p_query text, p_region text, p_kind text, p_group text,
	p_include_expired boolean, p_after text, p_limit int)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region_name text, status text, cursor text, total bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_terminal text := wc.caller_terminal(NULL); -- through a pool: the key, checked
	n int;
BEGIN
	RETURN QUERY SELECT * FROM wc.policy_search_rows(p_query, p_region, p_kind, p_group,
	                                                 p_include_expired, p_after, p_limit);
	IF coalesce(p_after, '') = '' THEN
		GET DIAGNOSTICS n = ROW_COUNT;
		PERFORM wc.policy_use_unsynced();
		INSERT INTO wc.policy_use (kind, county_code, results)
		VALUES ('search', coalesce(wc.terminal_area(v_terminal),
		                           (SELECT r.code FROM wc.region r WHERE r.code = p_region)), n);
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_search(text, text, text, text, boolean, text, int)
	TO wc_staff, wc_kiosk;

-- A count of a search or a match is the only write of its transaction
-- (the program calls both on their own): its commit need not wait for
-- the disk, as a read's does not, so that the count costs a search next
-- to nothing. A crash of the server may lose the last few counts, never
-- anything else: a transaction that has written already keeps its wait.
CREATE OR REPLACE FUNCTION wc.policy_use_unsynced() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF txid_current_if_assigned() IS NULL THEN
		PERFORM set_config('synchronous_commit', 'off', true);
	END IF;
END
$$;

-- The region a terminal stands in (a kiosk's county; a desk's, if it has
-- one), NULL for none or for a login that is no terminal.
CREATE OR REPLACE FUNCTION wc.terminal_area(p_terminal text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.region_code FROM wc.terminal t WHERE t.role_name = p_terminal
$$;

-- A match run for a person (政策匹配: the kiosk's after signing in, the
-- quiz's, the counter's for a registered person), counted for the
-- figures (wc.policy_use): the person's county (a code that is no
-- region: the terminal's area), how many policies fit. The matcher runs
-- on the terminal, so the terminal says what it found; no one is named.
CREATE OR REPLACE FUNCTION api.policy_match_record(p_county text, p_found int) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_terminal text := wc.caller_terminal(NULL); -- through a pool: the key, checked
BEGIN
	PERFORM wc.policy_use_unsynced();
	INSERT INTO wc.policy_use (kind, county_code, results)
	VALUES ('match', coalesce((SELECT r.code FROM wc.region r WHERE r.code = p_county),
	                          wc.terminal_area(v_terminal)),
	        greatest(coalesce(p_found, 0), 0));
END
$$;
REVOKE ALL ON FUNCTION api.policy_match_record(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.policy_match_record(text, int) TO wc_staff, wc_kiosk;

-- Every content change moves updated_at, whoever writes it (policy_write
-- does; a fix made by hand might not), and a move is to clock_timestamp().
CREATE OR REPLACE FUNCTION wc.policy_touch() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NEW.updated_at IS DISTINCT FROM OLD.updated_at
	   OR (NEW.code, NEW.title, NEW.doc_no, NEW.issuer, NEW.region, NEW.effective_on,
	       NEW.expires_on, NEW.kind, NEW.max_yuan, NEW.groups, NEW.entities, NEW.age_min,
	       NEW.age_max, NEW.reg_min, NEW.reg_max, NEW.conditions, NEW.to_verify,
	       NEW.open_to_all, NEW.interpretation, NEW.body)
	      IS DISTINCT FROM
	      (OLD.code, OLD.title, OLD.doc_no, OLD.issuer, OLD.region, OLD.effective_on,
	       OLD.expires_on, OLD.kind, OLD.max_yuan, OLD.groups, OLD.entities, OLD.age_min,
	       OLD.age_max, OLD.reg_min, OLD.reg_max, OLD.conditions, OLD.to_verify,
	       OLD.open_to_all, OLD.interpretation, OLD.body) THEN
		NEW.updated_at := clock_timestamp();
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER policy_touch BEFORE INSERT OR UPDATE ON wc.policy
	FOR EACH ROW EXECUTE FUNCTION wc.policy_touch();

-- What the matcher needs of every policy in force that concerns a county
-- (all of them when p_county is NULL).
CREATE OR REPLACE FUNCTION api.policies_in_force(p_county text)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region text, groups text[], entities text[], age_min int, age_max int,
	reg_min int, reg_max int, conditions text, to_verify text, open_to_all boolean,
	updated_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_today date := wc.today();
	v_areas text[] := wc.region_areas(p_county);
BEGIN
	PERFORM wc.caller_terminal(NULL); -- through a pool: the key, checked
	RETURN QUERY
	SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, p.region, p.groups,
	       p.entities, p.age_min, p.age_max, p.reg_min, p.reg_max, p.conditions, p.to_verify,
	       p.open_to_all, p.updated_at
	  FROM wc.policy p JOIN wc.support_kind k ON k.code = p.kind
	 WHERE p.effective_on <= v_today AND (p.expires_on IS NULL OR p.expires_on >= v_today)
	   AND p.region = ANY (v_areas)
	 ORDER BY p.effective_on DESC, p.id DESC;
END
$$;
GRANT EXECUTE ON FUNCTION api.policies_in_force(text) TO wc_staff, wc_kiosk;

-- A terminal's copy of the policies concerning p_county (all when NULL).
-- With p_since NULL: every one in force or not yet. Otherwise every policy
-- written after p_since, wherever it is now, with live false for one that
-- no longer concerns the county or has expired: the terminal drops it.
--
-- The first row is no policy (id NULL): its as_of is the p_since of the
-- next call, or NULL when the next call must load in full. It is the
-- clock before the rows were read, unless a write to the policies was
-- still open then: its rows, committed later, may carry an older time, so
-- the cursor stays where it was (and the next call reads them again).
-- VOLATILE so that the rows are read on a snapshot taken after that check.
CREATE OR REPLACE FUNCTION api.policy_changes(p_county text, p_since timestamptz)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region text, groups text[], entities text[], age_min int, age_max int,
	reg_min int, reg_max int, conditions text, to_verify text, open_to_all boolean,
	updated_at timestamptz, effective_on date,
	expires_on date, live boolean, as_of timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_clock timestamptz := clock_timestamp();
	v_today date := wc.today();
	v_areas text[] := wc.region_areas(p_county);
BEGIN
	PERFORM wc.caller_terminal(NULL); -- through a pool: the key, checked
	IF EXISTS (SELECT FROM pg_locks l
	            WHERE l.locktype = 'relation' AND l.relation = 'wc.policy'::regclass
	              AND l.database = (SELECT d.oid FROM pg_database d
	                                 WHERE d.datname = current_database())
	              AND l.pid <> pg_backend_pid()
	              AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock',
	                             'AccessExclusiveLock')) THEN
		v_clock := p_since;
	END IF;
	RETURN QUERY SELECT NULL::bigint, NULL::text, NULL::text, NULL::text, NULL::text,
		NULL::bigint, NULL::text, NULL::text, NULL::text[], NULL::text[], NULL::int,
		NULL::int, NULL::int, NULL::int, NULL::text, NULL::text, NULL::boolean,
		NULL::timestamptz, NULL::date,
		NULL::date, NULL::boolean, v_clock;
	RETURN QUERY
	SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, p.region, p.groups,
	       p.entities, p.age_min, p.age_max, p.reg_min, p.reg_max, p.conditions, p.to_verify,
	       p.open_to_all, p.updated_at, p.effective_on, p.expires_on,
	       (p.expires_on IS NULL OR p.expires_on >= v_today)
	       AND p.region = ANY (v_areas),
	       NULL::timestamptz
	  FROM (SELECT * FROM wc.policy q
	         WHERE p_since IS NULL AND (q.expires_on IS NULL OR q.expires_on >= v_today)
	           AND q.region = ANY (v_areas)
	         UNION ALL
	        SELECT * FROM wc.policy q WHERE q.updated_at > p_since) p
	  JOIN wc.support_kind k ON k.code = p.kind;
END
$$;
REVOKE ALL ON FUNCTION api.policy_changes(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.policy_changes(text, timestamptz) TO wc_staff, wc_kiosk;

-- The policies the person has seen matched, with the version seen.
CREATE OR REPLACE FUNCTION api.citizen_policies_seen(p_token text,
	OUT policy_id bigint, OUT version_at timestamptz)
RETURNS SETOF record
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
BEGIN
	RETURN QUERY
	SELECT s.policy_id, s.version_at FROM wc.policy_seen s WHERE s.person_id = v_person;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_policies_seen(text) TO wc_kiosk;

-- The person has now seen these matches (in their current version).
CREATE OR REPLACE FUNCTION api.citizen_policies_mark_seen(p_token text, p_policies bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
BEGIN
	INSERT INTO wc.policy_seen (person_id, policy_id, version_at)
	SELECT v_person, p.id, p.updated_at
	  FROM wc.policy p WHERE p.id = ANY (p_policies)
	ON CONFLICT (person_id, policy_id) DO UPDATE SET version_at = EXCLUDED.version_at;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_policies_mark_seen(text, bigint[]) TO wc_kiosk;
