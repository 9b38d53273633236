-- Voucher programmes (创业券项目) as the employment bureau sets them, and
-- each county's budget (预算额度) for a programme, as the bureau or the
-- county's city sets it. Issuing a voucher takes its face value from the
-- budget (vouchers.sql, api.voucher_issue); an expired voucher's unspent
-- balance comes back.
--
-- A budget's used part is total_fen - available_fen: the face value of
-- the vouchers issued from it, less what came back. A budget is never set
-- below that. voucher_issue takes the budget row's lock with its
-- conditional update (after the person's); wc.budget_put takes the same
-- row lock before it reads the used part, so an issue at the same moment
-- either comes first and counts, or waits and sees the new total. It
-- locks nothing else, so the lock order of vouchers is kept.
--
-- Who sets a budget: the bureau, for any county; a city's staff (a counter
-- account whose area is a city, level 2), for the counties of that city.
--
-- needs: 0059
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION wc.budget_setter_covers(st wc.staff, p_county text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (SELECT FROM wc.region r
	                WHERE r.code = p_county AND r.level = 3
	                  AND (st.role = 'bureau'
	                       OR (st.role = 'counter' AND r.parent = st.region_code)))
$$;

-- Set a county's budget for a programme to p_total fen. Outcomes: ok,
-- bad_amount, budget_below_used (the used part is more than p_total).
CREATE OR REPLACE FUNCTION wc.budget_put(p_programme bigint, p_county text, p_total bigint,
	p_staff bigint) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	b wc.voucher_budget;
	used bigint;
BEGIN
	IF p_total IS NULL OR p_total NOT BETWEEN 0 AND 100000000000 THEN
		RETURN 'bad_amount';
	END IF;
	INSERT INTO wc.voucher_budget (programme_id, county_code, total_fen, available_fen)
	VALUES (p_programme, p_county, 0, 0)
	ON CONFLICT (programme_id, county_code) DO NOTHING;
	SELECT * INTO STRICT b FROM wc.voucher_budget
	 WHERE programme_id = p_programme AND county_code = p_county FOR UPDATE;
	used := b.total_fen - b.available_fen;
	IF p_total < used THEN
		RETURN 'budget_below_used';
	END IF;
	UPDATE wc.voucher_budget SET total_fen = p_total, available_fen = p_total - used
	 WHERE programme_id = p_programme AND county_code = p_county;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	SELECT p_staff, 'voucher_budget_set', g.code,
	       jsonb_build_object('county', p_county, 'total_fen', p_total,
	                          'was_fen', b.total_fen, 'used_fen', used)
	  FROM wc.voucher_programme g WHERE g.id = p_programme;
	RETURN 'ok';
END
$$;

-- The budgets the caller may set: every programme for every county in
-- reach, with or without a budget yet.
CREATE OR REPLACE FUNCTION api.voucher_budgets(p_token text)
RETURNS TABLE (programme_id bigint, programme_name text, active boolean, county_code text,
	county_name text, total_fen bigint, used_fen bigint, available_fen bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau', 'counter']);
	RETURN QUERY
	SELECT g.id, g.name, g.active, r.code, r.name, coalesce(b.total_fen, 0),
	       coalesce(b.total_fen - b.available_fen, 0), coalesce(b.available_fen, 0)
	  FROM wc.voucher_programme g
	  CROSS JOIN wc.region r
	  LEFT JOIN wc.voucher_budget b ON b.programme_id = g.id AND b.county_code = r.code
	 WHERE r.level = 3 AND wc.budget_setter_covers(st, r.code)
	   AND (g.active OR b.total_fen > 0)
	 ORDER BY g.id, r.code;
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_budgets(text) TO wc_staff;

-- Refusals: no_programme, bad_region (not a county within reach),
-- bad_amount, budget_below_used.
CREATE OR REPLACE FUNCTION api.voucher_budget_set(p_token text, p_key uuid, p_programme bigint,
	p_county text, p_total_fen bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	args text := wc.request_args(p_programme::text, p_county, p_total_fen::text);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau', 'counter']);
	o := wc.request_claim(actor, p_key, 'budget_set', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	IF NOT EXISTS (SELECT FROM wc.voucher_programme WHERE id = p_programme) THEN
		o := wc.outcome_only('no_programme');
	ELSIF NOT wc.budget_setter_covers(st, p_county) THEN
		o := wc.outcome_only('bad_region');
	ELSE
		o := wc.outcome_only(wc.budget_put(p_programme, p_county, p_total_fen, st.id));
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'budget_set', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_budget_set(text, uuid, bigint, text, bigint) TO wc_staff;

-- The programmes, for the bureau: what they pay, how long, for what, to
-- whom (person categories, none: everyone; the business stage, NULL:
-- either), and how much of their budgets is set and used.
CREATE OR REPLACE FUNCTION api.voucher_programme_list(p_token text)
RETURNS TABLE (id bigint, code text, name text, face_fen bigint, valid_months int,
	categories text[], category_names text, active boolean, issued bigint,
	total_fen bigint, used_fen bigint, groups text[], group_names text, stage text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau']);
	RETURN QUERY
	SELECT g.id, g.code, g.name, g.face_fen, g.valid_months, g.categories,
	       (SELECT string_agg(c.name, '、' ORDER BY c.ord) FROM wc.service_category c
	         WHERE c.code = ANY (g.categories)),
	       g.active,
	       (SELECT count(*) FROM wc.voucher v WHERE v.programme_id = g.id),
	       (SELECT coalesce(sum(b.total_fen), 0)::bigint FROM wc.voucher_budget b
	         WHERE b.programme_id = g.id),
	       (SELECT coalesce(sum(b.total_fen - b.available_fen), 0)::bigint
	          FROM wc.voucher_budget b WHERE b.programme_id = g.id),
	       g.groups,
	       (SELECT string_agg(k.name, '、' ORDER BY k.ord) FROM wc.person_category k
	         WHERE k.code = ANY (g.groups)),
	       g.stage
	  FROM wc.voucher_programme g
	 ORDER BY g.active DESC, g.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_programme_list(text) TO wc_staff;

-- Add a programme (a new code) or change one. A change holds for the
-- vouchers issued after it: an issued voucher keeps its face value,
-- categories and last day. Who may be issued one: p_groups, person
-- categories (none: everyone), and p_stage, 'intending' or 'started'
-- (NULL: either); api.voucher_issue refuses anyone else. The 条件 text of
-- a programme is kept as it was. Refusals: bad_code, bad_name, bad_face
-- (1 fen to 100000 yuan), bad_months (1 to 60), bad_categories (none, or
-- one not in the catalogue), bad_groups (a person category not in the
-- list), bad_stage. Audited with the values before the change.
CREATE OR REPLACE FUNCTION api.voucher_programme_save(p_token text, p_key uuid, p_code text,
	p_name text, p_face_fen bigint, p_valid_months int, p_categories text[], p_active boolean,
	p_groups text[], p_stage text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	args text := wc.request_args(p_code, p_name, p_face_fen::text, p_valid_months::text,
	                             p_categories::text, p_active::text, p_groups::text, p_stage);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	name text := btrim(coalesce(p_name, ''));
	chosen text[];
	was wc.voucher_programme;
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau']);
	o := wc.request_claim(actor, p_key, 'programme_save', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	-- each category once, in the list's order
	SELECT coalesce(array_agg(k.code ORDER BY k.ord), '{}') INTO chosen
	  FROM wc.person_category k WHERE k.code = ANY (p_groups);
	IF p_code IS NULL OR p_code !~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$' THEN
		o := wc.outcome_only('bad_code');
	ELSIF length(name) NOT BETWEEN 1 AND 100 THEN
		o := wc.outcome_only('bad_name');
	ELSIF p_face_fen IS NULL OR p_face_fen NOT BETWEEN 1 AND 10000000 THEN
		o := wc.outcome_only('bad_face');
	ELSIF p_valid_months IS NULL OR p_valid_months NOT BETWEEN 1 AND 60 THEN
		o := wc.outcome_only('bad_months');
	ELSIF coalesce(cardinality(p_categories), 0) = 0
	      OR EXISTS (SELECT FROM unnest(p_categories) k
	                  WHERE NOT EXISTS (SELECT FROM wc.service_category c WHERE c.code = k)) THEN
		o := wc.outcome_only('bad_categories');
	ELSIF EXISTS (SELECT FROM unnest(p_groups) k
	               WHERE k IS NULL OR NOT k = ANY (chosen)) THEN
		o := wc.outcome_only('bad_groups');
	ELSIF p_stage IS NOT NULL AND p_stage NOT IN ('intending', 'started') THEN
		o := wc.outcome_only('bad_stage');
	ELSE
		SELECT * INTO was FROM wc.voucher_programme WHERE code = p_code FOR UPDATE;
		INSERT INTO wc.voucher_programme (code, name, face_fen, valid_months, categories, active,
			groups, stage)
		VALUES (p_code, name, p_face_fen, p_valid_months, p_categories, coalesce(p_active, true),
			chosen, p_stage)
		ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, face_fen = EXCLUDED.face_fen,
			valid_months = EXCLUDED.valid_months, categories = EXCLUDED.categories,
			active = EXCLUDED.active, groups = EXCLUDED.groups, stage = EXCLUDED.stage;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'voucher_programme_save', p_code,
		        jsonb_build_object('name', name, 'face_fen', p_face_fen,
		                           'valid_months', p_valid_months, 'categories', p_categories,
		                           'active', coalesce(p_active, true),
		                           'groups', chosen, 'stage', p_stage,
		                           'was', CASE WHEN was.id IS NULL THEN NULL
		                                       ELSE jsonb_build_object('name', was.name,
		                                            'face_fen', was.face_fen,
		                                            'valid_months', was.valid_months,
		                                            'categories', was.categories,
		                                            'active', was.active,
		                                            'groups', was.groups,
		                                            'stage', was.stage) END));
		o := wc.outcome_only('ok');
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'programme_save', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_programme_save(text, uuid, text, text, bigint, int, text[],
	boolean, text[], text) TO wc_staff;

-- wanchuang-admin budget: each county's budget of each programme within
-- p_area (a county, a city or the province), of one programme (p_programme,
-- its code) or all: the budget, the face value issued from it (less what
-- came back), what open bookings hold on its vouchers, what was redeemed
-- for services done, and what is left to issue. Audited as an export
-- (no staff member: the administrator's login). WC070 for an unknown area
-- (detail 'area') or programme (detail 'programme').
CREATE OR REPLACE FUNCTION wc_admin.budget_export(p_area text, p_programme text)
RETURNS TABLE (programme_code text, programme_name text, county_code text, county_name text,
	total_fen bigint, issued_fen bigint, held_fen bigint, redeemed_fen bigint,
	left_fen bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n int;
BEGIN
	PERFORM wc.area_known(p_area);
	IF p_programme IS NOT NULL
	   AND NOT EXISTS (SELECT 1 FROM wc.voucher_programme WHERE code = p_programme) THEN
		RAISE EXCEPTION 'unknown programme "%"', p_programme
			USING ERRCODE = 'WC070', DETAIL = 'programme';
	END IF;
	RETURN QUERY
	SELECT g.code, g.name, r.code, r.name, b.total_fen, b.total_fen - b.available_fen,
	       coalesce((SELECT sum(v.held_fen) FROM wc.voucher v
	                  WHERE v.programme_id = g.id AND v.county_code = r.code), 0)::bigint,
	       coalesce((SELECT -sum(e.held_delta) FROM wc.voucher_entry e
	                   JOIN wc.voucher v ON v.id = e.voucher_id
	                  WHERE v.programme_id = g.id AND v.county_code = r.code
	                    AND e.kind = 'redeem'), 0)::bigint,
	       b.available_fen
	  FROM wc.voucher_budget b
	  JOIN wc.voucher_programme g ON g.id = b.programme_id
	  JOIN wc.region r ON r.code = b.county_code
	 WHERE wc.area_holds(p_area, r.code) AND (p_programme IS NULL OR g.code = p_programme)
	 ORDER BY g.code, r.code;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (NULL, 'budget_export', p_area,
	        jsonb_build_object('area', p_area, 'programme', p_programme, 'rows', n));
END
$$;
REVOKE ALL ON FUNCTION wc_admin.budget_export(text, text) FROM PUBLIC;
