-- E-vouchers (电子创业券): issuing, the ledger moves (hold,
-- release, redeem, expire), programmes and county budgets, and services
-- bought by a department for a group (purchases). The money path's
-- settings: bookings.sql, at its top.
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

-- Write one ledger entry and apply it to the voucher row (locked by the caller).
CREATE OR REPLACE FUNCTION wc.voucher_move(p_voucher bigint, p_kind text, p_available bigint,
	p_held bigint, p_booking bigint, p_staff bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	bal bigint;
BEGIN
	INSERT INTO wc.voucher_entry (voucher_id, kind, available_delta, held_delta, booking_id, staff_id)
	VALUES (p_voucher, p_kind, p_available, p_held, p_booking, p_staff);
	UPDATE wc.voucher SET balance_fen = balance_fen + p_available, held_fen = held_fen + p_held
	 WHERE id = p_voucher
	RETURNING balance_fen INTO bal;
	RETURN bal;
END
$$;

-- Expire a voucher (locked by the caller) from the day after valid_until:
-- its free balance goes back to its county's budget. Held money stays
-- held until its booking is settled; released later, it expires then.
CREATE OR REPLACE FUNCTION wc.voucher_expire_if_due(v wc.voucher, p_staff bigint) RETURNS wc.voucher
LANGUAGE plpgsql AS $$
BEGIN
	IF v.valid_until >= wc.today() OR (v.status = 'expired' AND v.balance_fen = 0) THEN
		RETURN v;
	END IF;
	-- due: read it again under its lock (the caller may have read it without)
	SELECT * INTO v FROM wc.voucher WHERE id = v.id FOR UPDATE;
	IF v.balance_fen > 0 THEN
		PERFORM wc.voucher_move(v.id, 'expire', -v.balance_fen, 0, NULL, p_staff);
		UPDATE wc.voucher_budget SET available_fen = available_fen + v.balance_fen
		 WHERE programme_id = v.programme_id AND county_code = v.county_code;
		INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
		VALUES (p_staff, v.person_id, 'voucher_expire', v.no,
		        jsonb_build_object('amount_fen', v.balance_fen));
	END IF;
	IF v.status <> 'expired' THEN
		UPDATE wc.voucher SET status = 'expired' WHERE id = v.id;
	END IF;
	SELECT * INTO v FROM wc.voucher WHERE id = v.id;
	RETURN v;
END
$$;

-- Give held money back to the free balance (cancel, no-show, a promotion
-- that did not happen); on an expired voucher it expires at once.
CREATE OR REPLACE FUNCTION wc.voucher_release(p_voucher bigint, p_amount bigint, p_booking bigint,
	p_staff bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v wc.voucher;
BEGIN
	IF p_voucher IS NULL OR p_amount = 0 THEN
		RETURN;
	END IF;
	PERFORM wc.voucher_move(p_voucher, 'release', p_amount, -p_amount, p_booking, p_staff);
	SELECT * INTO v FROM wc.voucher WHERE id = p_voucher;
	PERFORM wc.voucher_expire_if_due(v, p_staff);
END
$$;

-- Whether a person may use a department's purchase (Art. 19): approved
-- by the province (purchases.sql), in its area, in its group, before its end.
CREATE OR REPLACE FUNCTION wc.purchase_fits(pu wc.purchase, p wc.person) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT pu.status = 'approved'
	   AND (pu.region = p.county_code OR pu.region = '340000'
	        OR (right(pu.region, 2) = '00' AND left(pu.region, 4) = left(p.county_code, 4)))
	   AND (pu.group_code IS NULL OR pu.group_code = ANY (p.categories))
	   AND (pu.ends_on IS NULL OR pu.ends_on >= wc.today())
$$;

-- A person's vouchers, expiring any that are due first.
CREATE OR REPLACE FUNCTION wc.person_vouchers(p_person bigint, p_staff bigint)
RETURNS TABLE (id bigint, no text, programme_name text, face_fen bigint, balance_fen bigint,
	held_fen bigint, valid_until date, status text, categories text[], category_names text)
LANGUAGE plpgsql AS $$
DECLARE
	v wc.voucher;
BEGIN
	FOR v IN SELECT * FROM wc.voucher x
	          WHERE x.person_id = p_person AND x.status = 'active' AND x.valid_until < wc.today()
	          ORDER BY x.id FOR UPDATE LOOP
		PERFORM wc.voucher_expire_if_due(v, p_staff);
	END LOOP;
	RETURN QUERY
	SELECT x.id, x.no, pg.name, x.face_fen, x.balance_fen, x.held_fen, x.valid_until, x.status,
	       x.categories,
	       (SELECT string_agg(c.name, '、' ORDER BY c.ord) FROM wc.service_category c
	         WHERE c.code = ANY (x.categories))
	  FROM wc.voucher x JOIN wc.voucher_programme pg ON pg.id = x.programme_id
	 WHERE x.person_id = p_person
	 ORDER BY x.status, x.valid_until, x.id;
END
$$;

CREATE OR REPLACE FUNCTION api.citizen_vouchers(p_token text)
RETURNS TABLE (id bigint, no text, programme_name text, face_fen bigint, balance_fen bigint,
	held_fen bigint, valid_until date, status text, categories text[], category_names text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
	SELECT * FROM wc.person_vouchers((wc.session_person(p_token)).id, NULL)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_vouchers(text) TO wc_kiosk;

-- The department purchases a person may use for a service.
CREATE OR REPLACE FUNCTION wc.person_purchases(p wc.person, p_service bigint)
RETURNS TABLE (id bigint, buyer text, group_name text, units_left int, ends_on date)
LANGUAGE sql STABLE AS $$
	SELECT pu.id, pu.buyer, pc.name, pu.units - pu.used, pu.ends_on
	  FROM wc.purchase pu
	  LEFT JOIN wc.person_category pc ON pc.code = pu.group_code
	 WHERE pu.service_id = p_service AND wc.purchase_fits(pu, p)
	 ORDER BY pu.id
$$;

CREATE OR REPLACE FUNCTION api.citizen_purchases(p_token text, p_service bigint)
RETURNS TABLE (id bigint, buyer text, group_name text, units_left int, ends_on date)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
	SELECT * FROM wc.person_purchases(wc.session_person(p_token), p_service)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_purchases(text, bigint) TO wc_kiosk;

-- --- the counter --------------------------------------------------------

-- The programmes a clerk may issue from: those with a budget in the
-- person's county, with what is left of it.
CREATE OR REPLACE FUNCTION api.voucher_programmes(p_token text, p_person bigint)
RETURNS TABLE (id bigint, code text, name text, face_fen bigint, valid_months int,
	categories text[], category_names text, groups text[], stage text, conditions text,
	budget_left bigint, already_issued boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	RETURN QUERY
	SELECT g.id, g.code, g.name, g.face_fen, g.valid_months, g.categories,
	       (SELECT string_agg(c.name, '、' ORDER BY c.ord) FROM wc.service_category c
	         WHERE c.code = ANY (g.categories)),
	       g.groups, g.stage, g.conditions, bu.available_fen,
	       EXISTS (SELECT FROM wc.voucher v WHERE v.programme_id = g.id AND v.person_id = p.id)
	  FROM wc.voucher_programme g
	  JOIN wc.voucher_budget bu ON bu.programme_id = g.id AND bu.county_code = p.county_code
	 WHERE g.active
	 ORDER BY g.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_programmes(text, bigint) TO wc_staff;

-- Issue a voucher. The clerk's screen has shown the matcher's verdict on
-- the programme's conditions; the database checks what it can itself:
-- the person's groups and stage as the bureau set them (budgets.sql), one
-- per programme, the county's budget. Refusals: outside_groups (none of
-- the programme's person categories), outside_stage, already_issued,
-- no_programme, budget_short,
-- vouchers_frozen (a record of misuse in force: functions/person_sanctions.sql).
CREATE OR REPLACE FUNCTION api.voucher_issue(p_token text, p_key uuid, p_person bigint, p_programme bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_person::text, p_programme::text);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	p wc.person;
	g wc.voucher_programme;
	v_id bigint;
	v_no text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	o := wc.request_claim(actor, p_key, 'issue', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	p := wc.person_lock(p.id);
	SELECT * INTO g FROM wc.voucher_programme WHERE id = p_programme AND active;
	IF NOT FOUND THEN
		o := wc.outcome_only('no_programme');
	ELSIF cardinality(g.groups) > 0 AND NOT g.groups && p.categories THEN
		o := wc.outcome_only('outside_groups');
	ELSIF g.stage IS NOT NULL AND g.stage <> p.stage THEN
		o := wc.outcome_only('outside_stage');
	ELSIF EXISTS (SELECT FROM wc.voucher v WHERE v.programme_id = g.id AND v.person_id = p.id) THEN
		o := wc.outcome_only('already_issued');
	ELSIF wc.person_frozen(p.id) THEN
		o := wc.outcome_only('vouchers_frozen');
	ELSE
		UPDATE wc.voucher_budget SET available_fen = available_fen - g.face_fen
		 WHERE programme_id = g.id AND county_code = p.county_code
		   AND available_fen >= g.face_fen;
		IF NOT FOUND THEN
			o := wc.outcome_only('budget_short');
		ELSE
			INSERT INTO wc.voucher (no, programme_id, person_id, county_code, face_fen,
				categories, valid_until, balance_fen, issued_by)
			VALUES ('', g.id, p.id, p.county_code, g.face_fen, g.categories,
				(wc.today() + make_interval(months => g.valid_months) - interval '1 day')::date,
				0, st.id)
			RETURNING id INTO v_id;
			v_no := wc.day_no('Q', v_id);
			UPDATE wc.voucher SET no = v_no WHERE id = v_id;
			PERFORM wc.voucher_move(v_id, 'issue', g.face_fen, 0, NULL, st.id);
			PERFORM wc.notice_voucher(v_id);
			INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
			VALUES (st.id, p.id, 'voucher_issue', v_no,
			        jsonb_build_object('programme', g.code, 'face_fen', g.face_fen));
			o := wc.outcome_of('ok', NULL, v_id, false);
		END IF;
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'issue', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_issue(text, uuid, bigint, bigint) TO wc_staff;

CREATE OR REPLACE FUNCTION api.person_vouchers(p_token text, p_person bigint)
RETURNS TABLE (id bigint, no text, programme_name text, face_fen bigint, balance_fen bigint,
	held_fen bigint, valid_until date, status text, categories text[], category_names text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_vouchers((wc.person_in_scope(st, p_person)).id, st.id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_vouchers(text, bigint) TO wc_staff;

CREATE OR REPLACE FUNCTION api.person_purchases(p_token text, p_person bigint, p_service bigint)
RETURNS TABLE (id bigint, buyer text, group_name text, units_left int, ends_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_purchases(wc.person_in_scope(st, p_person), p_service);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_purchases(text, bigint, bigint) TO wc_staff;

-- --- administration -----------------------------------------------------

CREATE OR REPLACE FUNCTION wc_admin.programme_add(p_code text, p_name text, p_face_fen bigint,
	p_valid_months int, p_categories text[], p_groups text[], p_stage text, p_conditions text)
RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.voucher_programme (code, name, face_fen, valid_months, categories, groups,
		stage, conditions)
	VALUES (p_code, p_name, p_face_fen, p_valid_months, p_categories, coalesce(p_groups, '{}'),
		p_stage, coalesce(p_conditions, ''))
	ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, face_fen = EXCLUDED.face_fen,
		valid_months = EXCLUDED.valid_months, categories = EXCLUDED.categories,
		groups = EXCLUDED.groups, stage = EXCLUDED.stage, conditions = EXCLUDED.conditions
	RETURNING id
$$;

-- Set a county's budget for a programme; what was already issued stays
-- taken, and the budget is never set below it (wc.budget_put, budgets.sql).
CREATE OR REPLACE FUNCTION wc_admin.budget_set(p_programme_code text, p_county text, p_total_fen bigint)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	g_id bigint;
	o text;
BEGIN
	SELECT id INTO STRICT g_id FROM wc.voucher_programme WHERE code = p_programme_code;
	o := wc.budget_put(g_id, p_county, p_total_fen, NULL);
	IF o <> 'ok' THEN
		RAISE EXCEPTION 'budget not set: %', o USING ERRCODE = 'check_violation';
	END IF;
END
$$;

CREATE OR REPLACE FUNCTION wc_admin.purchase_add(p_service_code text, p_region text, p_group text,
	p_buyer text, p_units int, p_ends_on date) RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.purchase (service_id, region, group_code, buyer, units, ends_on, price_fen,
		status, decided_at)
	SELECT s.id, p_region, p_group, p_buyer, p_units, p_ends_on, s.price_fen, 'approved', now()
	  FROM wc.service s WHERE s.code = p_service_code
	RETURNING id
$$;

-- Expire every voucher past its day (run nightly); returns how many.
CREATE OR REPLACE FUNCTION wc_admin.vouchers_expire() RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v wc.voucher;
	n int := 0;
BEGIN
	FOR v IN SELECT * FROM wc.voucher
	          WHERE status = 'active' AND valid_until < wc.today() ORDER BY id FOR UPDATE LOOP
		PERFORM wc.voucher_expire_if_due(v, NULL);
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

-- A counter's purchase (a city's or county's department) is proposed and
-- waits for the bureau's consent (api.purchase_decide, purchases.sql);
-- the bureau's own is approved at once.
-- Refusals (outcomes, as for bookings): service_free (a free service
-- needs no buying), not_served (the service does not serve that area),
-- bad_region, bad_units (1 to 100000), bad_buyer (a name of 1 to 100
-- characters), bad_group (no such person category), bad_date (the last
-- day is past), no_service.
CREATE OR REPLACE FUNCTION api.purchase_add(p_token text, p_key uuid, p_service bigint, p_region text,
	p_group text, p_buyer text, p_units int, p_ends_on date)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_service::text, p_region, p_group, btrim(coalesce(p_buyer, '')), p_units::text, p_ends_on::text);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	sv wc.service;
	buyer text := btrim(coalesce(p_buyer, ''));
	pu_id bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'bureau']);
	o := wc.request_claim(actor, p_key, 'purchase', args);
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
		INSERT INTO wc.purchase (service_id, region, group_code, buyer, units, ends_on, created_by,
			price_fen, status, decided_by, decided_at)
		VALUES (sv.id, p_region, p_group, buyer, p_units, p_ends_on, st.id, sv.price_fen,
			CASE WHEN st.role = 'bureau' THEN 'approved' ELSE 'proposed' END,
			CASE WHEN st.role = 'bureau' THEN st.id END,
			CASE WHEN st.role = 'bureau' THEN now() END)
		RETURNING id INTO pu_id;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'purchase_add', sv.code,
		        jsonb_build_object('purchase', pu_id, 'region', p_region, 'group', p_group,
		                           'buyer', buyer, 'units', p_units, 'ends_on', p_ends_on,
		                           'price_fen', sv.price_fen,
		                           'status', CASE WHEN st.role = 'bureau' THEN 'approved'
		                                          ELSE 'proposed' END));
		o := wc.outcome_only('ok');
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'purchase', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.purchase_add(text, uuid, bigint, text, text, text, int, date)
	TO wc_staff;

CREATE OR REPLACE TRIGGER voucher_entry_append_only BEFORE UPDATE OR DELETE ON wc.voucher_entry
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER voucher_entry_no_truncate BEFORE TRUNCATE ON wc.voucher_entry
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
