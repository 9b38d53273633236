-- Providers (Art. 27): warnings, suspension and removal,
-- closing slots, the operator's view of a provider, and the provider's
-- own desk (its services, slots, reviews, complaints); the
-- administrator's imports.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0043
SET LOCAL ROLE wc_owner;

-- For the administrator and the demo loader: a provider, a service, a slot.
CREATE OR REPLACE FUNCTION wc_admin.provider_add(p_credit_code text, p_name text, p_region text,
	p_address text, p_contact_name text, p_phone text) RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.provider (credit_code, name, region, address, contact_name, phone)
	VALUES (wc.normalise_code(p_credit_code), btrim(p_name), p_region,
	        coalesce(p_address, ''), coalesce(p_contact_name, ''), coalesce(p_phone, ''))
	ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region,
		address = EXCLUDED.address, contact_name = EXCLUDED.contact_name, phone = EXCLUDED.phone
	RETURNING id
$$;

CREATE OR REPLACE FUNCTION wc_admin.provider_staff_link(p_username text, p_credit_code text) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.provider_staff (staff_id, provider_id)
	SELECT st.id, pr.id FROM wc.staff st, wc.provider pr
	 WHERE st.username = p_username AND st.role = 'provider'
	   AND pr.credit_code = wc.normalise_code(p_credit_code)
	ON CONFLICT (staff_id) DO UPDATE SET provider_id = EXCLUDED.provider_id
$$;

-- The import of providers already admitted before the platform (their
-- onboarding happened on paper): all-or-nothing is the caller's
-- transaction. A refusal is SQLSTATE WC060 with the reason as its detail
-- (bad_code, already_provider, removed_provider, in_pipeline, name_taken);
-- the client checked everything else and the table checks it again.
CREATE OR REPLACE FUNCTION wc_admin.provider_import(p_credit_code text, p_name text, p_kind text,
	p_region text, p_legal_rep text, p_contact_name text, p_phone text, p_categories text[])
RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	code text := wc.normalise_code(coalesce(p_credit_code, ''));
	why text;
	prov bigint;
BEGIN
	SELECT CASE WHEN pr.status = 'removed' THEN 'removed_provider' ELSE 'already_provider' END
	  INTO why FROM wc.provider pr WHERE pr.credit_code = code;
	IF wc.credit_code_problem(code) IS NOT NULL THEN
		why := 'bad_code';
	ELSIF why IS NULL AND EXISTS (
		SELECT FROM wc.provider_application
		 WHERE credit_code = code AND status NOT IN ('rejected', 'withdrawn')) THEN
		why := 'in_pipeline';
	ELSIF why IS NULL AND (EXISTS (SELECT FROM wc.provider WHERE name = btrim(p_name))
	      OR EXISTS (SELECT FROM wc.provider_application
	                  WHERE name = btrim(p_name)
	                    AND status NOT IN ('rejected', 'withdrawn', 'active'))) THEN
		why := 'name_taken';
	END IF;
	IF why IS NOT NULL THEN
		RAISE EXCEPTION 'provider not imported: %', why USING ERRCODE = 'WC060', DETAIL = why;
	END IF;
	INSERT INTO wc.provider (credit_code, name, region, contact_name, phone, kind, legal_rep,
	                         active_from)
	VALUES (code, btrim(p_name), p_region, btrim(coalesce(p_contact_name, '')),
	        coalesce(p_phone, ''), p_kind, btrim(coalesce(p_legal_rep, '')), wc.today())
	RETURNING id INTO prov;
	INSERT INTO wc.provider_category (provider_id, category)
	SELECT prov, c FROM unnest(p_categories) c ON CONFLICT DO NOTHING;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (NULL, 'provider_import', code, jsonb_build_object('provider', prov));
	RETURN prov;
END
$$;

-- A provider's staff account, created with its link to an active provider
-- (wanchuang-admin staff add … --role provider --provider CODE): one
-- transaction, so no provider account is ever left acting for nobody.
CREATE OR REPLACE FUNCTION wc_admin.provider_staff_add(p_username text, p_region text, p_name text,
	p_password text, p_credit_code text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	prov wc.provider;
	v_id bigint;
BEGIN
	SELECT * INTO prov FROM wc.provider WHERE credit_code = wc.normalise_code(p_credit_code);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no provider has the credit code "%"', p_credit_code
			USING ERRCODE = '22023';
	ELSIF prov.status = 'removed' THEN
		RAISE EXCEPTION 'the provider "%" was removed from the platform', prov.name
			USING ERRCODE = '22023';
	END IF;
	v_id := wc_admin.staff_add(p_username, 'provider', p_region, p_name, p_password);
	INSERT INTO wc.provider_staff (staff_id, provider_id) VALUES (v_id, prov.id);
	RETURN v_id;
END
$$;

CREATE OR REPLACE FUNCTION wc.manage_refusal(p_outcome text) RETURNS wc.manage_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, NULL, 0, 0, 0, false)::wc.manage_outcome
$$;

-- The operator's steps on a provider, the one place they are written:
-- the statuses each is taken from and the status it leads to ('' keeps
-- the status). api.provider_act takes a step by these rules, and
-- api.provider_get lists those open to the caller, which is all the page
-- offers.
CREATE OR REPLACE FUNCTION wc.provider_rules()
RETURNS TABLE (ord int, action text, from_states text[], next_status text)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM (VALUES
		(1, 'interview', '{active,suspended}'::text[], ''),
		(2, 'warning', '{active,suspended}', ''),
		(3, 'suspend', '{active}', 'suspended'),
		(4, 'reinstate', '{suspended}', 'active'),
		(5, 'remove', '{active,suspended}', 'removed')
	) AS r (ord, action, from_states, next_status)
$$;

-- The operator's step on a provider (p_action: a kind above), with the
-- reason. suspend from active, reinstate from suspended, remove from
-- active or suspended, interview and warning unless removed. Suspending
-- and removing cancel the open bookings (wc.services_close_bookings).
CREATE OR REPLACE FUNCTION api.provider_act(p_token text, p_key uuid, p_provider bigint, p_action text,
	p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	pr wc.provider;
	e wc.provider_sanction;
	reason text := btrim(coalesce(p_reason, ''));
	next_status text;
	rule record;
	done record;
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator']);
	SELECT * INTO rule FROM wc.provider_rules() k WHERE k.action = p_action;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown provider action %', p_action USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	SELECT * INTO pr FROM wc.provider WHERE id = p_provider FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	SELECT * INTO e FROM wc.provider_sanction x WHERE x.staff_id = st.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN NEXT CASE WHEN e.kind <> p_action THEN wc.manage_refusal('key_reused')
		                 WHEN (e.provider_id, e.reason) IS DISTINCT FROM (pr.id, reason)
		                 THEN wc.manage_refusal('key_mismatch')
		                 ELSE ROW('ok', pr.status, e.cancelled, e.released_fen, e.lapsed,
		                          true)::wc.manage_outcome END;
		RETURN;
	END IF;
	next_status := CASE WHEN rule.next_status = '' THEN pr.status ELSE rule.next_status END;
	IF NOT pr.status = ANY (rule.from_states) THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.reason_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.reason_problem(reason));
		RETURN;
	END IF;
	IF next_status <> pr.status THEN
		UPDATE wc.provider SET status = next_status WHERE id = pr.id;
	END IF;
	IF p_action IN ('suspend', 'remove') THEN
		SELECT * INTO done FROM wc.services_close_bookings(
			ARRAY(SELECT s.id FROM wc.service s WHERE s.provider_id = pr.id),
			st.id, p_action, reason);
	ELSE
		SELECT 0 AS cancelled, 0::bigint AS released_fen, 0 AS lapsed INTO done;
	END IF;
	INSERT INTO wc.provider_sanction (provider_id, staff_id, kind, reason, status_before,
		status_after, cancelled, released_fen, lapsed, request_key)
	VALUES (pr.id, st.id, p_action, reason, pr.status, next_status, done.cancelled,
		done.released_fen, done.lapsed, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'provider_' || p_action, pr.credit_code,
	        jsonb_build_object('provider', pr.id, 'reason', reason, 'status_before', pr.status,
	                           'cancelled', done.cancelled, 'released_fen', done.released_fen,
	                           'lapsed', done.lapsed));
	RETURN NEXT ROW('ok', next_status, done.cancelled, done.released_fen, done.lapsed,
	                false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_act(text, uuid, bigint, text, text) TO wc_staff;

-- A provider's sanction history, newest first.
CREATE OR REPLACE FUNCTION api.provider_sanctions(p_token text, p_provider bigint)
RETURNS TABLE (id bigint, at timestamptz, kind text, reason text, staff_name text,
	staff_role text, status_before text, status_after text, cancelled int,
	released_fen bigint, lapsed int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	RETURN QUERY
	SELECT e.id, e.at, e.kind, e.reason, sf.display_name, sf.role, e.status_before,
	       e.status_after, e.cancelled, e.released_fen, e.lapsed
	  FROM wc.provider_sanction e JOIN wc.staff sf ON sf.id = e.staff_id
	 WHERE e.provider_id = p_provider
	 ORDER BY e.id DESC;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_sanctions(text, bigint) TO wc_staff;

-- Complaints counted as the quality flags count them (api.quality_flags): filed in the
-- last quality_complaints_days days, not 不予受理.
CREATE OR REPLACE FUNCTION wc.provider_recent_complaints(p_provider bigint) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT count(*) FROM wc.complaint c
	 WHERE c.provider_id = p_provider AND c.status <> 'rejected'
	   AND c.created_at > now() - make_interval(days => wc.setting_int('quality_complaints_days'))
$$;

-- The providers for the operator's 服务商管理 (the supervisor reads it
-- too): by name (any part) or credit code (the whole code, or its
-- beginning), those the quality flags (api.quality_flags) list first,
-- then by status (active, suspended, removed) and name; at most 500.
CREATE OR REPLACE FUNCTION api.provider_list(p_token text, p_query text)
RETURNS TABLE (id bigint, name text, credit_code text, region_name text, status text,
	rating numeric, rating_count bigint, complaints bigint, low_rating boolean,
	many_complaints boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	v_name text := wc.search_norm(btrim(coalesce(p_query, '')));
	v_code text := upper(regexp_replace(coalesce(p_query, ''), '[[:space:]]', '', 'g'));
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	RETURN QUERY
	WITH flags AS (
		SELECT f.id, f.low_rating, f.many_complaints FROM api.quality_flags(p_token) f
		 WHERE f.kind = 'provider'
	)
	SELECT pr.id, pr.name, pr.credit_code, r.name, pr.status, wc.provider_rating(pr),
	       pr.rating_count, wc.provider_recent_complaints(pr.id),
	       coalesce(f.low_rating, false), coalesce(f.many_complaints, false)
	  FROM wc.provider pr
	  JOIN wc.region r ON r.code = pr.region
	  LEFT JOIN flags f ON f.id = pr.id
	 WHERE v_name = '' OR strpos(wc.search_norm(pr.name), v_name) > 0
	    OR (length(v_code) >= 2 AND starts_with(pr.credit_code, v_code))
	 ORDER BY f.id IS NULL, array_position(ARRAY['active', 'suspended', 'removed'], pr.status),
	          pr.name COLLATE "C", pr.id
	 LIMIT 500;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_list(text, text) TO wc_staff;

-- Close a slot that has not ended, with the reason: the provider's own
-- staff (a slot of another provider is not_found) or the operator. Its
-- open bookings are cancelled as a suspension cancels them.
CREATE OR REPLACE FUNCTION api.slot_close(p_token text, p_key uuid, p_slot bigint, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	sl wc.slot;
	e wc.slot_closure;
	reason text := btrim(coalesce(p_reason, ''));
	done record;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider', 'operator']);
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	SELECT x.* INTO sl FROM wc.slot x JOIN wc.service s ON s.id = x.service_id
	 WHERE x.id = p_slot
	   AND (st.role = 'operator' OR EXISTS (SELECT FROM wc.provider_staff ps
	                                         WHERE ps.staff_id = st.id
	                                           AND ps.provider_id = s.provider_id))
	   FOR UPDATE OF x;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	SELECT * INTO e FROM wc.slot_closure x WHERE x.staff_id = st.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN NEXT CASE WHEN (e.slot_id, e.reason) IS DISTINCT FROM (sl.id, reason)
		                 THEN wc.manage_refusal('key_mismatch')
		                 ELSE ROW('ok', 'closed', e.cancelled, e.released_fen, e.lapsed,
		                          true)::wc.manage_outcome END;
		RETURN;
	END IF;
	IF sl.cancelled OR sl.ends_at <= now() THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.reason_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.reason_problem(reason));
		RETURN;
	END IF;
	UPDATE wc.slot SET cancelled = true WHERE id = sl.id;
	SELECT * INTO done FROM wc.slots_close_bookings(ARRAY[sl.id], st.id, 'slot_close', reason);
	INSERT INTO wc.slot_closure (slot_id, staff_id, reason, cancelled, released_fen, lapsed,
		request_key)
	VALUES (sl.id, st.id, reason, done.cancelled, done.released_fen, done.lapsed, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'slot_close', sl.id::text,
	        jsonb_build_object('service', sl.service_id, 'starts_at', sl.starts_at,
	                           'reason', reason, 'cancelled', done.cancelled,
	                           'released_fen', done.released_fen, 'lapsed', done.lapsed));
	RETURN NEXT ROW('ok', 'closed', done.cancelled, done.released_fen, done.lapsed,
	                false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.slot_close(text, uuid, bigint, text) TO wc_staff;

-- The day's slots (Asia/Shanghai) of the services of the provider the
-- staff account acts for, by start time, closed ones too: what the
-- provider's desk offers to close. can_close: open and not ended.
CREATE OR REPLACE FUNCTION api.provider_day_slots(p_token text, p_day date)
RETURNS TABLE (id bigint, service_title text, starts_at timestamptz, ends_at timestamptz,
	place text, capacity int, taken int, waiting bigint, cancelled boolean, can_close boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	day_from timestamptz := p_day::timestamp AT TIME ZONE 'Asia/Shanghai';
	day_to timestamptz := (p_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai';
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	IF p_day IS NULL THEN
		RAISE EXCEPTION 'a day is required' USING ERRCODE = '22023';
	END IF;
	RETURN QUERY
	SELECT sl.id, s.title, sl.starts_at, sl.ends_at, coalesce(nullif(sl.place, ''), s.place),
	       sl.capacity, sl.taken,
	       (SELECT count(*) FROM wc.waitlist w WHERE w.slot_id = sl.id AND w.status = 'waiting'),
	       sl.cancelled, NOT sl.cancelled AND sl.ends_at > now()
	  FROM wc.provider_staff ps
	  JOIN wc.service s ON s.provider_id = ps.provider_id
	  JOIN wc.slot sl ON sl.service_id = s.id
	                 AND sl.starts_at >= day_from AND sl.starts_at < day_to
	 WHERE ps.staff_id = st.id
	 ORDER BY sl.starts_at, s.title, sl.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_day_slots(text, date) TO wc_staff;

-- The provider a provider's staff account acts for (NULL: none).
CREATE OR REPLACE FUNCTION wc.own_provider(st wc.staff) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ps.provider_id FROM wc.provider_staff ps
	 WHERE ps.staff_id = st.id AND st.role = 'provider'
$$;

-- NULL if the key is new (go on, then wc.own_request_done), else the
-- first answer; a concurrent call with the key waits for the first
-- (advisory locks of class 3: provider request keys). p_args are the
-- call's arguments (wc.request_args): the key sent again for another
-- step is refused as key_reused, for the same step with other arguments
-- as key_mismatch, never answered with the first call's outcome.
CREATE OR REPLACE FUNCTION wc.own_request_claim(st wc.staff, p_key uuid, p_op text, p_args text)
RETURNS wc.own_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r wc.own_request;
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	PERFORM pg_advisory_xact_lock(3, hashtext(st.id || '/' || p_key::text));
	SELECT * INTO r FROM wc.own_request x WHERE x.staff_id = st.id AND x.request_key = p_key;
	IF NOT FOUND THEN
		RETURN NULL;
	ELSIF r.op <> p_op THEN
		RETURN ROW('key_reused', NULL, '{}', NULL, true)::wc.own_outcome;
	-- keys claimed before 0033 kept no arguments: they replay as before
	ELSIF r.args IS DISTINCT FROM p_args AND r.args IS NOT NULL THEN
		RETURN ROW('key_mismatch', NULL, '{}', NULL, true)::wc.own_outcome;
	END IF;
	RETURN ROW(r.outcome, r.object_id, r.hits, r.taken, true)::wc.own_outcome;
END
$$;

CREATE OR REPLACE FUNCTION wc.own_request_done(st wc.staff, p_key uuid, p_op text, p_args text,
	o wc.own_outcome) RETURNS wc.own_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	o.hits := coalesce(o.hits, '{}');
	o.replayed := false;
	INSERT INTO wc.own_request (staff_id, request_key, op, args, outcome, object_id, hits, taken)
	VALUES (st.id, p_key, p_op, p_args, o.outcome, o.id, o.hits, o.taken);
	RETURN o;
END
$$;

CREATE OR REPLACE FUNCTION wc.own_answer(p_outcome text, p_id bigint, p_hits text[], p_taken int)
RETURNS wc.own_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, p_id, coalesce(p_hits, '{}'), p_taken, false)::wc.own_outcome
$$;

-- The services of the caller's provider, every status, by title.
-- price_pending: paid without an approved price; open_status: the open
-- proposal's (submitted, reviewed) or NULL; slots_coming: slots not yet
-- started and not closed; withdrawn_reason: why the operator withdrew it
-- (NULL unless withdrawn).
CREATE OR REPLACE FUNCTION api.provider_services(p_token text)
RETURNS TABLE (id bigint, code text, title text, category text, category_name text,
	paid boolean, online boolean, price_fen bigint, provider_permille int,
	price_pending boolean, open_status text, voucher_ok boolean, description text,
	place text, contact text, cancel_hours int, status text, rating numeric,
	rating_count bigint, slots_coming bigint, withdrawn_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT s.id, s.code, s.title, c.code, c.name, s.paid, s.online, s.price_fen,
	       s.provider_permille, wc.service_price_pending(s),
	       (SELECT x.status FROM wc.price_proposal x
	         WHERE x.service_id = s.id AND x.status IN ('submitted', 'reviewed')),
	       s.voucher_ok, s.description, s.place, s.contact, s.cancel_hours, s.status,
	       wc.service_rating(s), s.rating_count,
	       (SELECT count(*) FROM wc.slot sl
	         WHERE sl.service_id = s.id AND NOT sl.cancelled AND sl.starts_at > now()),
	       (SELECT w.reason FROM wc.service_last_withdrawal(s.id) w)
	  FROM wc.service s
	  JOIN wc.service_category c ON c.code = s.category
	 WHERE s.provider_id = wc.own_provider(st)
	 ORDER BY s.title COLLATE "C", s.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_services(text) TO wc_staff;

-- Create (p_service NULL) or change one of the provider's services: its
-- texts, category, online or offline, paid or free, and the cancelling
-- cut-off. A new service serves the provider's own region; a paid one
-- has no price until one is proposed and approved. Refusals:
--   no_provider    the account acts for no provider
--   not_found      not a service of this provider
--   bad_title      the title is 1 to 100 characters
--   text_too_long  description over 4000, place or contact over 200
--   bad_category   no such category
--   bad_hours      the cut-off is 0 to 720 hours
--   paid_locked    paid or free changes only while the service has no
--                  slot and no open price proposal
--   moderation     the texts contain words of the list (hits)
CREATE OR REPLACE FUNCTION api.provider_service_save(p_token text, p_key uuid, p_service bigint,
	p_title text, p_description text, p_category text, p_place text, p_contact text,
	p_online boolean, p_paid boolean, p_cancel_hours int)
RETURNS SETOF wc.own_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	args text := wc.request_args(p_service::text, p_title, p_description, p_category, p_place,
	                             p_contact, p_online::text, p_paid::text, p_cancel_hours::text);
	o wc.own_outcome;
	prov wc.provider;
	s wc.service;
	v_title text := btrim(coalesce(p_title, ''));
	v_descr text := btrim(coalesce(p_description, ''));
	v_place text := btrim(coalesce(p_place, ''));
	v_contact text := btrim(coalesce(p_contact, ''));
	hits text[];
	s_id bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	o := wc.own_request_claim(st, p_key, 'service_save', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO prov FROM wc.provider WHERE wc.provider.id = wc.own_provider(st);
	IF p_service IS NOT NULL THEN
		SELECT * INTO s FROM wc.service x WHERE x.id = p_service FOR UPDATE;
	END IF;
	IF prov.id IS NULL THEN
		o := wc.own_answer('no_provider', NULL, NULL, NULL);
	ELSIF p_service IS NOT NULL AND (s.id IS NULL OR s.provider_id <> prov.id) THEN
		o := wc.own_answer('not_found', NULL, NULL, NULL);
	ELSIF length(v_title) NOT BETWEEN 1 AND 100 THEN
		o := wc.own_answer('bad_title', s.id, NULL, NULL);
	ELSIF length(v_descr) > 4000 OR length(v_place) > 200 OR length(v_contact) > 200 THEN
		o := wc.own_answer('text_too_long', s.id, NULL, NULL);
	ELSIF NOT EXISTS (SELECT FROM wc.service_category c WHERE c.code = p_category) THEN
		o := wc.own_answer('bad_category', s.id, NULL, NULL);
	ELSIF p_cancel_hours IS NULL OR p_cancel_hours NOT BETWEEN 0 AND 720 THEN
		o := wc.own_answer('bad_hours', s.id, NULL, NULL);
	ELSIF p_online IS NULL OR p_paid IS NULL THEN
		RAISE EXCEPTION 'online and paid are required' USING ERRCODE = '22023';
	ELSIF s.id IS NOT NULL AND s.paid <> p_paid
	      AND (EXISTS (SELECT FROM wc.slot sl WHERE sl.service_id = s.id)
	           OR EXISTS (SELECT FROM wc.price_proposal x
	                       WHERE x.service_id = s.id AND x.status IN ('submitted', 'reviewed'))) THEN
		o := wc.own_answer('paid_locked', s.id, NULL, NULL);
	ELSE
		hits := wc.service_text_hits(v_title, v_descr, v_place, v_contact);
		IF cardinality(hits) > 0 THEN
			o := wc.own_answer('moderation', s.id, hits, NULL);
		ELSIF s.id IS NULL THEN
			s_id := nextval(pg_get_serial_sequence('wc.service', 'id'));
			INSERT INTO wc.service (id, code, provider_id, title, category, paid, online,
			                        region, description, place, contact, cancel_hours)
			OVERRIDING SYSTEM VALUE
			VALUES (s_id, 'P' || prov.id || '-' || s_id, prov.id, v_title, p_category, p_paid,
			        p_online, prov.region, v_descr, v_place, v_contact, p_cancel_hours);
			INSERT INTO wc.audit (staff_id, action, object, detail)
			VALUES (st.id, 'service_create', 'P' || prov.id || '-' || s_id,
			        jsonb_build_object('title', v_title, 'category', p_category, 'paid', p_paid,
			                           'online', p_online));
			o := wc.own_answer('ok', s_id, NULL, NULL);
		ELSE
			UPDATE wc.service x
			   SET title = v_title, description = v_descr, category = p_category, place = v_place,
			       contact = v_contact, online = p_online, paid = p_paid,
			       cancel_hours = p_cancel_hours,
			       price_fen = CASE WHEN p_paid THEN x.price_fen ELSE 0 END,
			       voucher_ok = p_paid AND x.voucher_ok
			 WHERE x.id = s.id;
			-- the old values of what changed
			INSERT INTO wc.audit (staff_id, action, object, detail)
			SELECT st.id, 'service_update', s.code, jsonb_object_agg(o_.key, o_.value)
			  FROM jsonb_each(jsonb_build_object('title', s.title, 'description', s.description,
			                  'category', s.category, 'place', s.place, 'contact', s.contact,
			                  'online', s.online, 'paid', s.paid,
			                  'cancel_hours', s.cancel_hours)) AS o_
			  JOIN jsonb_each(jsonb_build_object('title', v_title, 'description', v_descr,
			                  'category', p_category, 'place', v_place, 'contact', v_contact,
			                  'online', p_online, 'paid', p_paid,
			                  'cancel_hours', p_cancel_hours)) AS n_ ON n_.key = o_.key
			 WHERE n_.value IS DISTINCT FROM o_.value
			HAVING count(*) > 0;
			o := wc.own_answer('ok', s.id, NULL, NULL);
		END IF;
	END IF;
	RETURN NEXT wc.own_request_done(st, p_key, 'service_save', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_service_save(text, uuid, bigint, text, text, text, text,
	text, boolean, boolean, int) TO wc_staff;

-- The slots of one of the provider's services that end after 30 days
-- ago, by start: seats, taken, left, waiting, and whether it is closed.
CREATE OR REPLACE FUNCTION api.provider_slots(p_token text, p_service bigint)
RETURNS TABLE (id bigint, starts_at timestamptz, ends_at timestamptz, place text,
	capacity int, taken int, seats_left int, waiting bigint, cancelled boolean,
	started boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT sl.id, sl.starts_at, sl.ends_at, coalesce(nullif(sl.place, ''), s.place),
	       sl.capacity, sl.taken, sl.capacity - sl.taken,
	       (SELECT count(*) FROM wc.waitlist w WHERE w.slot_id = sl.id AND w.status = 'waiting'),
	       sl.cancelled, sl.starts_at <= now()
	  FROM wc.service s
	  JOIN wc.slot sl ON sl.service_id = s.id
	 WHERE s.id = p_service AND s.provider_id = wc.own_provider(st)
	   AND sl.ends_at > now() - interval '30 days'
	 ORDER BY sl.starts_at, sl.id
	 LIMIT 500;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_slots(text, bigint) TO wc_staff;

-- Add a slot to one of the provider's services: its start (Asia/Shanghai
-- wall-clock time), minutes, seats and place (empty: the service's).
-- Refusals: not_found, in_past (starts now or before), bad_minutes (5 to
-- 1440), bad_capacity (1 to 10000), text_too_long (place over 200),
-- moderation (the place; hits), slot_exists (the service has a slot
-- starting then).
CREATE OR REPLACE FUNCTION api.provider_slot_add(p_token text, p_key uuid, p_service bigint,
	p_starts timestamp, p_minutes int, p_capacity int, p_place text)
RETURNS SETOF wc.own_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	args text := wc.request_args(p_service::text, p_starts::text, p_minutes::text,
	                             p_capacity::text, p_place);
	o wc.own_outcome;
	s wc.service;
	v_place text := btrim(coalesce(p_place, ''));
	starts timestamptz := p_starts AT TIME ZONE 'Asia/Shanghai';
	hits text[];
	sl_id bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	o := wc.own_request_claim(st, p_key, 'slot_add', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO s FROM wc.service x WHERE x.id = p_service;
	IF s.id IS NULL OR s.provider_id IS DISTINCT FROM wc.own_provider(st)
	   OR s.status <> 'active' THEN
		o := wc.own_answer('not_found', NULL, NULL, NULL);
	ELSIF starts IS NULL OR starts <= now() THEN
		o := wc.own_answer('in_past', NULL, NULL, NULL);
	ELSIF p_minutes IS NULL OR p_minutes NOT BETWEEN 5 AND 1440 THEN
		o := wc.own_answer('bad_minutes', NULL, NULL, NULL);
	ELSIF p_capacity IS NULL OR p_capacity NOT BETWEEN 1 AND 10000 THEN
		o := wc.own_answer('bad_capacity', NULL, NULL, NULL);
	ELSIF length(v_place) > 200 THEN
		o := wc.own_answer('text_too_long', NULL, NULL, NULL);
	ELSE
		hits := wc.service_text_hits('', '', v_place, '');
		IF cardinality(hits) > 0 THEN
			o := wc.own_answer('moderation', NULL, hits, NULL);
		ELSE
			INSERT INTO wc.slot (service_id, starts_at, ends_at, place, capacity)
			VALUES (s.id, starts, starts + make_interval(mins => p_minutes), v_place, p_capacity)
			ON CONFLICT (service_id, starts_at) DO NOTHING
			RETURNING wc.slot.id INTO sl_id;
			IF sl_id IS NULL THEN
				o := wc.own_answer('slot_exists', NULL, NULL, NULL);
			ELSE
				INSERT INTO wc.audit (staff_id, action, object, detail)
				VALUES (st.id, 'slot_add', s.code,
				        jsonb_build_object('slot', sl_id, 'starts', p_starts,
				                           'minutes', p_minutes, 'capacity', p_capacity,
				                           'place', v_place));
				o := wc.own_answer('ok', sl_id, NULL, NULL);
			END IF;
		END IF;
	END IF;
	RETURN NEXT wc.own_request_done(st, p_key, 'slot_add', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_slot_add(text, uuid, bigint, timestamp, int, int, text)
	TO wc_staff;

-- Change a coming slot's seats. Never below the seats taken (below_taken,
-- with taken); more seats go at once to those waiting, in order.
-- Refusals: not_found, slot_closed (started or cancelled), bad_capacity
-- (1 to 10000), below_taken.
CREATE OR REPLACE FUNCTION api.provider_slot_capacity(p_token text, p_key uuid, p_slot bigint,
	p_capacity int)
RETURNS SETOF wc.own_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	args text := wc.request_args(p_slot::text, p_capacity::text);
	o wc.own_outcome;
	sl wc.slot;
	code text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	o := wc.own_request_claim(st, p_key, 'slot_capacity', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	-- the slot's lock: bookings take seats by a conditional update of it
	SELECT x.* INTO sl FROM wc.slot x JOIN wc.service s ON s.id = x.service_id
	 WHERE x.id = p_slot AND s.provider_id = wc.own_provider(st)
	   FOR UPDATE OF x;
	IF sl.id IS NULL THEN
		o := wc.own_answer('not_found', NULL, NULL, NULL);
	ELSIF sl.cancelled OR sl.starts_at <= now() THEN
		o := wc.own_answer('slot_closed', sl.id, NULL, sl.taken);
	ELSIF p_capacity IS NULL OR p_capacity NOT BETWEEN 1 AND 10000 THEN
		o := wc.own_answer('bad_capacity', sl.id, NULL, sl.taken);
	ELSIF p_capacity < sl.taken THEN
		o := wc.own_answer('below_taken', sl.id, NULL, sl.taken);
	ELSE
		UPDATE wc.slot SET capacity = p_capacity WHERE id = sl.id;
		SELECT s.code INTO code FROM wc.service s WHERE s.id = sl.service_id;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'slot_capacity', code,
		        jsonb_build_object('slot', sl.id, 'capacity', p_capacity,
		                           'old_capacity', sl.capacity, 'taken', sl.taken));
		FOR i IN 1 .. greatest(p_capacity - sl.capacity, 0) LOOP
			EXIT WHEN NOT EXISTS (SELECT FROM wc.waitlist w
			                       WHERE w.slot_id = sl.id AND w.status = 'waiting');
			PERFORM wc.waitlist_promote(sl.id, st.id);
		END LOOP;
		SELECT x.taken INTO sl.taken FROM wc.slot x WHERE x.id = sl.id;
		o := wc.own_answer('ok', sl.id, NULL, sl.taken);
	END IF;
	RETURN NEXT wc.own_request_done(st, p_key, 'slot_capacity', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_slot_capacity(text, uuid, bigint, int) TO wc_staff;

-- The caller's provider: name and its rating over published reviews
-- (no row for an account linked to no provider).
CREATE OR REPLACE FUNCTION api.provider_self(p_token text,
	OUT id bigint, OUT name text, OUT rating numeric, OUT rating_count bigint)
RETURNS SETOF record
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT pr.id, pr.name, wc.provider_rating(pr), pr.rating_count
	  FROM wc.provider pr WHERE pr.id = wc.own_provider(st);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_self(text) TO wc_staff;

-- The published reviews of the provider's services, newest first, a page
-- at a time (p_before: the last id of the page before), each with the
-- provider's public reply (NULL: none yet). Never who wrote them.
CREATE OR REPLACE FUNCTION api.provider_reviews(p_token text, p_before bigint, p_limit int)
RETURNS TABLE (id bigint, created_at timestamptz, service_title text, stars smallint,
	comment text, reply text, reply_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT r.id, r.created_at, s.title, r.stars, r.comment, y.body, y.at
	  FROM wc.review r JOIN wc.service s ON s.id = r.service_id
	  LEFT JOIN wc.review_reply y ON y.review_id = r.id
	 WHERE r.provider_id = wc.own_provider(st) AND r.status = 'published'
	   AND (p_before IS NULL OR r.id < p_before)
	 ORDER BY r.id DESC
	 LIMIT greatest(1, least(coalesce(p_limit, 50), 200));
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_reviews(text, bigint, int) TO wc_staff;

-- The complaints against the provider (it, its services, its bookings),
-- newest first, at most 200: number, status, category, what it is
-- against, filed, the next step's due day and whether it is past; the
-- person's name masked, and not the text (the supervisor handles it).
CREATE OR REPLACE FUNCTION api.provider_complaints(p_token text)
RETURNS TABLE (no text, status text, category_name text, against text, service_title text,
	created_at timestamptz, due_on date, overdue boolean, name_masked text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT c.no, c.status, cc.name, c.against, s.title, c.created_at, c.due_on,
	       coalesce(c.due_on < wc.today(), false), wc.mask_name(coalesce(p.name, g.name))
	  FROM wc.complaint c
	  JOIN wc.complaint_category cc ON cc.code = c.category
	  LEFT JOIN wc.person p ON p.id = c.person_id
	  LEFT JOIN wc.complaint_guest g ON g.complaint_id = c.id
	  LEFT JOIN wc.service s ON s.id = c.service_id
	 WHERE c.provider_id = wc.own_provider(st)
	 ORDER BY c.id DESC
	 LIMIT 200;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_complaints(text) TO wc_staff;

-- One provider's facts for the operator and the supervisor: its public
-- texts as written (hidden ones too: hidden names them), and what stands
-- open: active services, open bookings (slot not ended), recent complaints.
CREATE OR REPLACE FUNCTION api.provider_get(p_token text, p_provider bigint,
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

CREATE OR REPLACE TRIGGER provider_sanction_append_only BEFORE UPDATE OR DELETE ON wc.provider_sanction
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER provider_sanction_no_truncate BEFORE TRUNCATE ON wc.provider_sanction
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER slot_closure_append_only BEFORE UPDATE OR DELETE ON wc.slot_closure
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER slot_closure_no_truncate BEFORE TRUNCATE ON wc.slot_closure
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
