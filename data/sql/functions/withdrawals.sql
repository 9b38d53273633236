-- One service withdrawn (下架) by the operator and restored (恢复上架),
-- with the reason (migration 0043); the operator's list of one
-- provider's services with where each stands.
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

-- A text stated to others (a withdrawal's reason, which the provider and
-- the people booked read; a provider's public reply): as every
-- management reason (wc.reason_problem), and at least 5 characters.
CREATE OR REPLACE FUNCTION wc.stated_text_problem(p_reason text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(wc.reason_problem(p_reason),
	                CASE WHEN length(btrim(p_reason)) < 5 THEN 'text_too_short' END)
$$;

-- The operator withdraws (p_action 'withdraw', from active) or restores
-- ('restore', from withdrawn) one service, with the reason. Withdrawing
-- cancels its open bookings as a provider's suspension does
-- (wc.services_close_bookings); restoring brings back none of them. A
-- removed provider's services take neither step. Refusals
-- (wc.manage_outcome): not_found, wrong_state, text_needed,
-- text_too_short, text_too_long, key_reused, key_mismatch.
CREATE OR REPLACE FUNCTION api.service_withdraw(p_token text, p_key uuid, p_service bigint,
	p_action text, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	sv wc.service;
	prov_status text;
	e wc.service_withdrawal;
	reason text := btrim(coalesce(p_reason, ''));
	from_status text := CASE p_action WHEN 'withdraw' THEN 'active' ELSE 'withdrawn' END;
	next_status text := CASE p_action WHEN 'withdraw' THEN 'withdrawn' ELSE 'active' END;
	done record;
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator']);
	IF p_action IS NULL OR p_action NOT IN ('withdraw', 'restore') THEN
		RAISE EXCEPTION 'unknown service action %', p_action USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	SELECT * INTO sv FROM wc.service WHERE id = p_service FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	SELECT * INTO e FROM wc.service_withdrawal x WHERE x.staff_id = st.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN NEXT CASE WHEN e.kind <> p_action THEN wc.manage_refusal('key_reused')
		                 WHEN (e.service_id, e.reason) IS DISTINCT FROM (sv.id, reason)
		                 THEN wc.manage_refusal('key_mismatch')
		                 ELSE ROW('ok', next_status, e.cancelled, e.released_fen, e.lapsed,
		                          true)::wc.manage_outcome END;
		RETURN;
	END IF;
	SELECT pr.status INTO prov_status FROM wc.provider pr WHERE pr.id = sv.provider_id;
	IF sv.status <> from_status OR prov_status = 'removed' THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.stated_text_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(reason));
		RETURN;
	END IF;
	-- the status first: a booking that comes after the slots are locked
	-- finds the service closed (wc.booking_check)
	UPDATE wc.service SET status = next_status WHERE id = sv.id;
	IF p_action = 'withdraw' THEN
		SELECT * INTO done
		  FROM wc.services_close_bookings(ARRAY[sv.id], st.id, 'withdraw', reason);
	ELSE
		SELECT 0 AS cancelled, 0::bigint AS released_fen, 0 AS lapsed INTO done;
	END IF;
	INSERT INTO wc.service_withdrawal (service_id, staff_id, kind, reason, cancelled,
		released_fen, lapsed, request_key)
	VALUES (sv.id, st.id, p_action, reason, done.cancelled, done.released_fen, done.lapsed,
		p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'service_' || p_action, sv.code,
	        jsonb_build_object('service', sv.id, 'provider', sv.provider_id, 'reason', reason,
	                           'cancelled', done.cancelled, 'released_fen', done.released_fen,
	                           'lapsed', done.lapsed));
	RETURN NEXT ROW('ok', next_status, done.cancelled, done.released_fen, done.lapsed,
	                false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.service_withdraw(text, uuid, bigint, text, text) TO wc_staff;

-- The latest withdrawal of a service that is withdrawn now (no row
-- otherwise): what the provider and the operator are shown.
CREATE OR REPLACE FUNCTION wc.service_last_withdrawal(p_service bigint)
RETURNS SETOF wc.service_withdrawal
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT x.* FROM wc.service_withdrawal x
	  JOIN wc.service s ON s.id = x.service_id
	 WHERE x.service_id = p_service AND x.kind = 'withdraw' AND s.status = 'withdrawn'
	 ORDER BY x.id DESC LIMIT 1
$$;

-- One provider's services for the operator (the supervisor reads it
-- too), every status, by title: the title as written, the coming slots,
-- the open bookings, and for a withdrawn one when and why.
CREATE OR REPLACE FUNCTION api.provider_service_states(p_token text, p_provider bigint)
RETURNS TABLE (id bigint, code text, title text, category_name text, status text,
	slots_coming bigint, open_bookings bigint, withdrawn_at timestamptz, withdrawn_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	RETURN QUERY
	SELECT s.id, s.code, s.title, c.name, s.status,
	       (SELECT count(*) FROM wc.slot sl
	         WHERE sl.service_id = s.id AND NOT sl.cancelled AND sl.starts_at > now()),
	       (SELECT count(*) FROM wc.booking b WHERE b.service_id = s.id AND b.status = 'booked'),
	       w.at, w.reason
	  FROM wc.service s
	  JOIN wc.service_category c ON c.code = s.category
	  LEFT JOIN LATERAL wc.service_last_withdrawal(s.id) w ON true
	 WHERE s.provider_id = p_provider
	 ORDER BY s.title COLLATE "C", s.id
	 LIMIT 500;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_service_states(text, bigint) TO wc_staff;

CREATE OR REPLACE TRIGGER service_withdrawal_append_only
	BEFORE UPDATE OR DELETE ON wc.service_withdrawal
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER service_withdrawal_no_truncate BEFORE TRUNCATE ON wc.service_withdrawal
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
