-- Prices: a provider proposes, the operator reviews and
-- approves; the history of each service's price.
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

-- A paid service without an approved price.
CREATE OR REPLACE FUNCTION wc.service_price_pending(s wc.service) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.paid AND s.price_fen = 0
$$;

-- What was proposed stays as proposed; the status only moves forward.
CREATE OR REPLACE FUNCTION wc.price_proposal_keep_record() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE'
	   OR (NEW.id, NEW.service_id, NEW.price_fen, NEW.provider_permille, NEW.reason,
	       NEW.old_price_fen, NEW.old_permille, NEW.proposed_by, NEW.proposed_at,
	       NEW.request_key)
	      IS DISTINCT FROM
	      (OLD.id, OLD.service_id, OLD.price_fen, OLD.provider_permille, OLD.reason,
	       OLD.old_price_fen, OLD.old_permille, OLD.proposed_by, OLD.proposed_at,
	       OLD.request_key)
	   OR NOT ((OLD.status = 'submitted' AND NEW.status IN ('reviewed', 'returned'))
	           OR (OLD.status = 'reviewed' AND NEW.status IN ('approved', 'rejected'))) THEN
		RAISE EXCEPTION 'a price proposal keeps what was proposed' USING ERRCODE = '42501';
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER price_proposal_keep_record BEFORE UPDATE OR DELETE ON wc.price_proposal
	FOR EACH ROW EXECUTE FUNCTION wc.price_proposal_keep_record();

CREATE OR REPLACE FUNCTION wc.price_refusal(p_outcome text) RETURNS wc.price_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, NULL, NULL, false)::wc.price_outcome
$$;

-- May st see and act on the prices of service s? The operator, the
-- supervisor and the bureau: any; a provider's staff: its own.
CREATE OR REPLACE FUNCTION wc.price_may_see(st wc.staff, s wc.service) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT st.role IN ('operator', 'supervisor', 'bureau')
	       OR (st.role = 'provider' AND s.provider_id = wc.own_provider(st))
$$;

-- Propose a price for a paid service. Refusals:
--   not_found      no such service (or not this provider's, or withdrawn)
--   not_paid       a public-welfare (公益性) service has no price
--   bad_price      the price is 0.01 to 1,000,000 yuan (1 to 100000000 fen)
--   bad_split      the provider's share is 0 to 1000 per mille
--   text_needed    the reason is required
--   text_too_long  the reason is at most 500 characters
--   open_exists    the service has an open proposal
--   key_reused     the request key was used for another step
--   key_mismatch   the request key was used for this step with other
--                  arguments (nothing is done, nothing is answered for them)
CREATE OR REPLACE FUNCTION api.price_propose(p_token text, p_key uuid, p_service bigint,
	p_price_fen bigint, p_provider_permille int, p_reason text)
RETURNS SETOF wc.price_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	s wc.service;
	e wc.price_event;
	pp wc.price_proposal;
	reason text := btrim(coalesce(p_reason, ''));
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider', 'operator']);
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	-- the service's lock: one open proposal, whatever races
	SELECT * INTO s FROM wc.service WHERE wc.service.id = p_service FOR UPDATE;
	SELECT * INTO e FROM wc.price_event ev WHERE ev.staff_id = st.id AND ev.request_key = p_key;
	IF FOUND THEN
		SELECT * INTO pp FROM wc.price_proposal x WHERE x.id = e.proposal_id;
		RETURN NEXT CASE WHEN e.action <> 'propose' THEN wc.price_refusal('key_reused')
		                 WHEN (pp.service_id, pp.price_fen, pp.provider_permille, pp.reason)
		                      IS DISTINCT FROM (p_service, p_price_fen, p_provider_permille, reason)
		                 THEN wc.price_refusal('key_mismatch')
		                 ELSE ROW('ok', pp.id, pp.status, true)::wc.price_outcome END;
		RETURN;
	END IF;
	IF s.id IS NULL OR s.status <> 'active' OR NOT wc.price_may_see(st, s) THEN
		RETURN NEXT wc.price_refusal('not_found');
	ELSIF NOT s.paid THEN
		RETURN NEXT wc.price_refusal('not_paid');
	ELSIF p_price_fen IS NULL OR p_price_fen NOT BETWEEN 1 AND 100000000 THEN
		RETURN NEXT wc.price_refusal('bad_price');
	ELSIF p_provider_permille IS NULL OR p_provider_permille NOT BETWEEN 0 AND 1000 THEN
		RETURN NEXT wc.price_refusal('bad_split');
	ELSIF reason = '' THEN
		RETURN NEXT wc.price_refusal('text_needed');
	ELSIF length(reason) > 500 THEN
		RETURN NEXT wc.price_refusal('text_too_long');
	ELSIF EXISTS (SELECT FROM wc.price_proposal x WHERE x.service_id = s.id
	                                              AND x.status IN ('submitted', 'reviewed')) THEN
		RETURN NEXT wc.price_refusal('open_exists');
	ELSE
		INSERT INTO wc.price_proposal (service_id, price_fen, provider_permille, reason,
		                               old_price_fen, old_permille, proposed_by, request_key)
		VALUES (s.id, p_price_fen, p_provider_permille, reason, s.price_fen,
		        s.provider_permille, st.id, p_key)
		RETURNING * INTO pp;
		INSERT INTO wc.price_event (proposal_id, staff_id, action, status_after, note, request_key)
		VALUES (pp.id, st.id, 'propose', pp.status, reason, p_key);
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'price_propose', s.code,
		        jsonb_build_object('proposal', pp.id, 'price_fen', p_price_fen,
		                           'provider_permille', p_provider_permille,
		                           'old_price_fen', s.price_fen,
		                           'old_permille', s.provider_permille, 'reason', reason));
		RETURN NEXT ROW('ok', pp.id, pp.status, false)::wc.price_outcome;
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.price_propose(text, uuid, bigint, bigint, int, text) TO wc_staff;

-- One decision on a proposal by st, who must have p_role: 'pass'/'return'
-- from submitted (the supervisor's), 'approve'/'reject' from reviewed
-- (the bureau's). An approval puts the price into effect. Refusals:
-- not_found, wrong_state (not from the proposal's status), text_needed
-- (a return or a rejection says why), text_too_long (over 500
-- characters), key_reused (another step), key_mismatch (this step with
-- other arguments).
CREATE OR REPLACE FUNCTION wc.price_step(st wc.staff, p_key uuid, p_proposal bigint, p_action text,
	p_note text, p_role text) RETURNS wc.price_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	pp wc.price_proposal;
	s wc.service;
	e wc.price_event;
	note text := btrim(coalesce(p_note, ''));
	from_status text;
	to_status text;
BEGIN
	PERFORM wc.require_role(st, ARRAY[p_role]);
	IF p_action IS NULL
	   OR p_action <> ALL (CASE p_role WHEN 'supervisor' THEN ARRAY['pass', 'return']
	                                   ELSE ARRAY['approve', 'reject'] END) THEN
		RAISE EXCEPTION 'unknown price step %', p_action USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	CASE p_action
	WHEN 'pass' THEN from_status := 'submitted'; to_status := 'reviewed';
	WHEN 'return' THEN from_status := 'submitted'; to_status := 'returned';
	WHEN 'approve' THEN from_status := 'reviewed'; to_status := 'approved';
	ELSE from_status := 'reviewed'; to_status := 'rejected';
	END CASE;
	-- the service first, as a proposal does: then the proposal
	SELECT sv.* INTO s FROM wc.price_proposal x JOIN wc.service sv ON sv.id = x.service_id
	 WHERE x.id = p_proposal FOR UPDATE OF sv;
	SELECT * INTO pp FROM wc.price_proposal x WHERE x.id = p_proposal FOR UPDATE;
	IF NOT FOUND THEN
		RETURN wc.price_refusal('not_found');
	END IF;
	SELECT * INTO e FROM wc.price_event ev WHERE ev.staff_id = st.id AND ev.request_key = p_key;
	IF FOUND THEN
		RETURN CASE WHEN e.action <> p_action THEN wc.price_refusal('key_reused')
		            WHEN (e.proposal_id, e.note) IS DISTINCT FROM (pp.id, note)
		            THEN wc.price_refusal('key_mismatch')
		            ELSE ROW('ok', pp.id, pp.status, true)::wc.price_outcome END;
	END IF;
	IF pp.status <> from_status THEN
		RETURN wc.price_refusal('wrong_state');
	ELSIF p_action IN ('return', 'reject') AND note = '' THEN
		RETURN wc.price_refusal('text_needed');
	ELSIF length(note) > 500 THEN
		RETURN wc.price_refusal('text_too_long');
	END IF;
	UPDATE wc.price_proposal SET status = to_status WHERE id = pp.id;
	INSERT INTO wc.price_event (proposal_id, staff_id, action, status_after, note, request_key)
	VALUES (pp.id, st.id, p_action, to_status, note, p_key);
	IF p_action = 'approve' THEN
		UPDATE wc.service SET price_fen = pp.price_fen, provider_permille = pp.provider_permille
		 WHERE id = s.id;
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'price_' || p_action, s.code,
	        jsonb_build_object('proposal', pp.id, 'price_fen', pp.price_fen,
	                           'provider_permille', pp.provider_permille, 'note', note));
	RETURN ROW('ok', pp.id, to_status, false)::wc.price_outcome;
END
$$;

-- The supervisor's review: p_action 'pass' (审核通过, on to the project
-- group; a note optional) or 'return' (退回, the reason required).
CREATE OR REPLACE FUNCTION api.price_review(p_token text, p_key uuid, p_proposal bigint, p_action text,
	p_note text)
RETURNS SETOF wc.price_outcome
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.price_step(wc.session_staff(p_token), p_key, p_proposal, p_action, p_note,
	                            'supervisor')
$$;
GRANT EXECUTE ON FUNCTION api.price_review(text, uuid, bigint, text, text) TO wc_staff;

-- The project group's decision: p_action 'approve' (同意实施: the price
-- applies to new bookings from now) or 'reject' (不同意, the reason
-- required).
CREATE OR REPLACE FUNCTION api.price_approve(p_token text, p_key uuid, p_proposal bigint, p_action text,
	p_note text)
RETURNS SETOF wc.price_outcome
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.price_step(wc.session_staff(p_token), p_key, p_proposal, p_action, p_note,
	                            'bureau')
$$;
GRANT EXECUTE ON FUNCTION api.price_approve(text, uuid, bigint, text, text) TO wc_staff;

-- The open proposals the caller may see, oldest first, those waiting for
-- the caller's step first (my_turn: the supervisor's are the submitted
-- ones, the bureau's the reviewed ones; the operator and a provider's
-- staff follow theirs). last_note: the latest decision's note (the
-- supervisor's opinion, for the bureau).
CREATE OR REPLACE FUNCTION api.price_queue(p_token text)
RETURNS TABLE (id bigint, service_id bigint, service_title text, provider_name text,
	status text, price_fen bigint, provider_permille int, old_price_fen bigint,
	old_permille int, reason text, proposed_by text, proposer_role text,
	proposed_at timestamptz, my_turn boolean, last_note text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider', 'operator', 'supervisor', 'bureau']);
	RETURN QUERY
	SELECT q.*
	  FROM (SELECT x.id AS p_id, s.id AS s_id, s.title, pr.name, x.status, x.price_fen,
	               x.provider_permille, x.old_price_fen, x.old_permille, x.reason,
	               sf.display_name, sf.role, x.proposed_at AS at,
	               (st.role = 'supervisor' AND x.status = 'submitted')
	               OR (st.role = 'bureau' AND x.status = 'reviewed') AS my_turn,
	               (SELECT ev.note FROM wc.price_event ev
	                 WHERE ev.proposal_id = x.id AND ev.action <> 'propose'
	                 ORDER BY ev.id DESC LIMIT 1)
	          FROM wc.price_proposal x
	          JOIN wc.service s ON s.id = x.service_id
	          JOIN wc.provider pr ON pr.id = s.provider_id
	          JOIN wc.staff sf ON sf.id = x.proposed_by
	         WHERE x.status IN ('submitted', 'reviewed') AND wc.price_may_see(st, s)) AS q
	 ORDER BY q.my_turn DESC, q.at, q.p_id;
END
$$;
GRANT EXECUTE ON FUNCTION api.price_queue(text) TO wc_staff;

-- A service's price history, newest first: every step of every proposal
-- (who, as what, when, what was proposed, the note or reason, the status
-- after it). Nothing for a service the caller may not see.
CREATE OR REPLACE FUNCTION api.price_history(p_token text, p_service bigint)
RETURNS TABLE (event_id bigint, proposal_id bigint, at timestamptz, action text,
	staff_name text, staff_role text, price_fen bigint, provider_permille int, note text,
	status_after text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider', 'operator', 'supervisor', 'bureau']);
	RETURN QUERY
	SELECT ev.id, x.id, ev.at, ev.action, sf.display_name, sf.role, x.price_fen,
	       x.provider_permille, ev.note, ev.status_after
	  FROM wc.service s
	  JOIN wc.price_proposal x ON x.service_id = s.id
	  JOIN wc.price_event ev ON ev.proposal_id = x.id
	  JOIN wc.staff sf ON sf.id = ev.staff_id
	 WHERE s.id = p_service AND wc.price_may_see(st, s)
	 ORDER BY ev.id DESC;
END
$$;
GRANT EXECUTE ON FUNCTION api.price_history(text, bigint) TO wc_staff;

CREATE OR REPLACE TRIGGER price_proposal_no_truncate BEFORE TRUNCATE ON wc.price_proposal
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER price_event_append_only BEFORE UPDATE OR DELETE ON wc.price_event
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER price_event_no_truncate BEFORE TRUNCATE ON wc.price_event
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
