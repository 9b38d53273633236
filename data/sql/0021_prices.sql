-- Prices (收费标准 and 收入分配方案, Art. 16) and the provider's own
-- screens (its services, their slots, its ratings and the complaints
-- against it).
--
-- Art. 16: the price of a paid (经营性) service and how its revenue is
-- split are agreed between the operator and the provider, reviewed by
-- the third-party supervisor and put into effect only once the project
-- group (云平台项目组; the role 'bureau' stands for it) agrees. So:
--
--   * the provider's staff (for its own services) or the operator
--     proposes (propose) a price in fen and the provider's share of the
--     revenue in per mille (provider_permille; the operator's share is
--     the rest, 1000 - provider_permille), with the reason;
--   * the supervisor passes it on (pass) or returns it (return, with the
--     reason);
--   * the bureau approves it (approve) or rejects it (reject, with the
--     reason); only an approval changes wc.service.price_fen and
--     provider_permille, which new bookings take (a booking keeps the
--     price it was made at: wc.booking.price_fen);
--   * one open proposal (submitted or reviewed) per service at a time;
--     every step is an append-only event and an audit row.
--
-- A paid service whose price_fen is 0 has no approved price (收费标准待
-- 审批): it is listed, shows that, and cannot be booked. A price set by the
-- administrator (wc_admin.service_add, the demo catalogue) counts as
-- approved, with the whole revenue to the provider (provider_permille
-- 1000), which is what settlements did before this migration.
--
-- The provider's staff (role 'provider', linked by wc.provider_staff)
-- create and change their services' texts (checked against the word list
-- of 0018: a hit refuses the text and names the words), add slots and
-- change a slot's capacity (never below the seats taken).
--
-- Outcomes are text, as in 0013 and 0018: a refusal is an answer, and a
-- call sent again with its request key answers what the first did.
SET LOCAL ROLE wc_owner;

-- The revenue split of the approved price: the provider's share in per
-- mille; the operator's is the rest.
ALTER TABLE wc.service
	ADD COLUMN provider_permille int NOT NULL DEFAULT 1000
		CHECK (provider_permille BETWEEN 0 AND 1000);

-- A paid service without an approved price.
CREATE FUNCTION wc.service_price_pending(s wc.service) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.paid AND s.price_fen = 0
$$;

-- No booking of a paid service before its price is approved. The kiosk
-- does not offer one; this is the guarantee. (A service cannot turn paid
-- once it has slots, so nobody waits for a seat of such a service.)
CREATE FUNCTION wc.booking_price_approved() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF EXISTS (SELECT FROM wc.service s WHERE s.id = NEW.service_id
	                                     AND wc.service_price_pending(s)) THEN
		RAISE EXCEPTION 'the price of this service awaits approval' USING ERRCODE = 'WC050';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER booking_price_approved BEFORE INSERT ON wc.booking
	FOR EACH ROW EXECUTE FUNCTION wc.booking_price_approved();

-- --- price proposals ---------------------------------------------------------

CREATE TABLE wc.price_proposal (
	id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	service_id        bigint NOT NULL REFERENCES wc.service (id),
	price_fen         bigint NOT NULL CHECK (price_fen BETWEEN 1 AND 100000000),
	provider_permille int NOT NULL CHECK (provider_permille BETWEEN 0 AND 1000),
	reason            text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
	-- what it would replace, when proposed
	old_price_fen     bigint NOT NULL,
	old_permille      int NOT NULL,
	-- submitted: waits for the supervisor; reviewed: for the bureau;
	-- approved (in effect), returned (by the supervisor), rejected (by the
	-- bureau): closed
	status            text NOT NULL DEFAULT 'submitted'
	                  CHECK (status IN ('submitted', 'reviewed', 'approved', 'returned',
	                                    'rejected')),
	proposed_by       bigint NOT NULL REFERENCES wc.staff (id),
	proposed_at       timestamptz NOT NULL DEFAULT now(),
	request_key       uuid NOT NULL,
	UNIQUE (proposed_by, request_key)
);
CREATE UNIQUE INDEX price_proposal_open ON wc.price_proposal (service_id)
	WHERE status IN ('submitted', 'reviewed');
CREATE INDEX ON wc.price_proposal (service_id, id);

-- What was proposed stays as proposed; the status only moves forward.
CREATE FUNCTION wc.price_proposal_keep_record() RETURNS trigger
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
CREATE TRIGGER price_proposal_keep_record BEFORE UPDATE OR DELETE ON wc.price_proposal
	FOR EACH ROW EXECUTE FUNCTION wc.price_proposal_keep_record();
CREATE TRIGGER price_proposal_no_truncate BEFORE TRUNCATE ON wc.price_proposal
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();

-- Every step, append-only: who, when, what, why.
CREATE TABLE wc.price_event (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	proposal_id   bigint NOT NULL REFERENCES wc.price_proposal (id),
	at            timestamptz NOT NULL DEFAULT now(),
	staff_id      bigint NOT NULL REFERENCES wc.staff (id),
	action        text NOT NULL
	              CHECK (action IN ('propose', 'pass', 'return', 'approve', 'reject')),
	status_after  text NOT NULL,
	note          text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	request_key   uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
CREATE INDEX ON wc.price_event (proposal_id, id);
CREATE TRIGGER price_event_append_only BEFORE UPDATE OR DELETE ON wc.price_event
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE TRIGGER price_event_no_truncate BEFORE TRUNCATE ON wc.price_event
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON wc.price_event FROM wc_owner;

-- What a price call returns. outcome: 'ok' or why not; status: the
-- proposal's now; replayed: the request was seen before, nothing changed.
CREATE TYPE wc.price_outcome AS (
	outcome     text,
	proposal_id bigint,
	status      text,
	replayed    boolean
);

CREATE FUNCTION wc.price_refusal(p_outcome text) RETURNS wc.price_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, NULL, NULL, false)::wc.price_outcome
$$;

-- The provider a provider's staff account acts for (NULL: none).
CREATE FUNCTION wc.own_provider(st wc.staff) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ps.provider_id FROM wc.provider_staff ps
	 WHERE ps.staff_id = st.id AND st.role = 'provider'
$$;

-- May st see and act on the prices of service s? The operator, the
-- supervisor and the bureau: any; a provider's staff: its own.
CREATE FUNCTION wc.price_may_see(st wc.staff, s wc.service) RETURNS boolean
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
CREATE FUNCTION api.price_propose(p_token text, p_key uuid, p_service bigint,
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
		RETURN NEXT CASE WHEN e.action = 'propose' AND pp.service_id = p_service
		                 THEN ROW('ok', pp.id, pp.status, true)::wc.price_outcome
		                 ELSE wc.price_refusal('key_reused') END;
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
-- characters), key_reused.
CREATE FUNCTION wc.price_step(st wc.staff, p_key uuid, p_proposal bigint, p_action text,
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
		RETURN CASE WHEN e.proposal_id = pp.id AND e.action = p_action
		            THEN ROW('ok', pp.id, pp.status, true)::wc.price_outcome
		            ELSE wc.price_refusal('key_reused') END;
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
CREATE FUNCTION api.price_review(p_token text, p_key uuid, p_proposal bigint, p_action text,
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
CREATE FUNCTION api.price_approve(p_token text, p_key uuid, p_proposal bigint, p_action text,
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
CREATE FUNCTION api.price_queue(p_token text)
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
CREATE FUNCTION api.price_history(p_token text, p_service bigint)
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

-- --- the provider's own -------------------------------------------------------
--
-- wc.own_*: what the calls of a provider's staff on its own services share.

-- What a provider's call returns: outcome 'ok' or why not; id: the
-- service or slot; hits: the words of the list a text contained
-- (moderation), '#mobile' for a mobile number; taken: a slot's seats
-- taken (below_taken); replayed: the request was seen before.
CREATE TYPE wc.own_outcome AS (
	outcome  text,
	id       bigint,
	hits     text[],
	taken    int,
	replayed boolean
);

-- The answers given to the provider's requests, refusals included, so a
-- request sent again answers the same.
CREATE TABLE wc.own_request (
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	request_key uuid NOT NULL,
	op          text NOT NULL,
	outcome     text NOT NULL,
	object_id   bigint,
	hits        text[] NOT NULL DEFAULT '{}',
	taken       int,
	at          timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (staff_id, request_key)
);

-- NULL if the key is new (go on, then wc.own_request_done), else the
-- first answer; a concurrent call with the key waits for the first
-- (advisory locks of class 3: provider request keys).
CREATE FUNCTION wc.own_request_claim(st wc.staff, p_key uuid, p_op text)
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
	END IF;
	RETURN ROW(r.outcome, r.object_id, r.hits, r.taken, true)::wc.own_outcome;
END
$$;

CREATE FUNCTION wc.own_request_done(st wc.staff, p_key uuid, p_op text,
	o wc.own_outcome) RETURNS wc.own_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	o.hits := coalesce(o.hits, '{}');
	o.replayed := false;
	INSERT INTO wc.own_request (staff_id, request_key, op, outcome, object_id, hits, taken)
	VALUES (st.id, p_key, p_op, o.outcome, o.id, o.hits, o.taken);
	RETURN o;
END
$$;

CREATE FUNCTION wc.own_answer(p_outcome text, p_id bigint, p_hits text[], p_taken int)
RETURNS wc.own_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, p_id, coalesce(p_hits, '{}'), p_taken, false)::wc.own_outcome
$$;

-- What the word list finds in a service's texts (wc.moderation_hits of
-- 0018, each field on its own). A mobile number belongs in the contact
-- field, so there it is no hit.
CREATE FUNCTION wc.service_text_hits(p_title text, p_description text, p_place text,
	p_contact text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(array_agg(DISTINCT h ORDER BY h), '{}')
	  FROM (SELECT unnest(wc.moderation_hits(p_title) || wc.moderation_hits(p_description)
	                      || wc.moderation_hits(p_place)) AS h
	        UNION ALL
	        SELECT h FROM unnest(wc.moderation_hits(p_contact)) AS h WHERE h <> '#mobile') AS x
$$;

-- The services of the caller's provider, every status, by title.
-- price_pending: paid without an approved price; open_status: the open
-- proposal's (submitted, reviewed) or NULL; slots_coming: slots not yet
-- started and not closed.
CREATE FUNCTION api.provider_services(p_token text)
RETURNS TABLE (id bigint, code text, title text, category text, category_name text,
	paid boolean, online boolean, price_fen bigint, provider_permille int,
	price_pending boolean, open_status text, voucher_ok boolean, description text,
	place text, contact text, cancel_hours int, status text, rating numeric,
	rating_count bigint, slots_coming bigint)
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
	         WHERE sl.service_id = s.id AND NOT sl.cancelled AND sl.starts_at > now())
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
CREATE FUNCTION api.provider_service_save(p_token text, p_key uuid, p_service bigint,
	p_title text, p_description text, p_category text, p_place text, p_contact text,
	p_online boolean, p_paid boolean, p_cancel_hours int)
RETURNS SETOF wc.own_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
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
	o := wc.own_request_claim(st, p_key, 'service_save');
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
	RETURN NEXT wc.own_request_done(st, p_key, 'service_save', o);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_service_save(text, uuid, bigint, text, text, text, text,
	text, boolean, boolean, int) TO wc_staff;

-- The slots of one of the provider's services that end after 30 days
-- ago, by start: seats, taken, left, waiting, and whether it is closed.
CREATE FUNCTION api.provider_slots(p_token text, p_service bigint)
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
CREATE FUNCTION api.provider_slot_add(p_token text, p_key uuid, p_service bigint,
	p_starts timestamp, p_minutes int, p_capacity int, p_place text)
RETURNS SETOF wc.own_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	o wc.own_outcome;
	s wc.service;
	v_place text := btrim(coalesce(p_place, ''));
	starts timestamptz := p_starts AT TIME ZONE 'Asia/Shanghai';
	hits text[];
	sl_id bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	o := wc.own_request_claim(st, p_key, 'slot_add');
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
	RETURN NEXT wc.own_request_done(st, p_key, 'slot_add', o);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_slot_add(text, uuid, bigint, timestamp, int, int, text)
	TO wc_staff;

-- Change a coming slot's seats. Never below the seats taken (below_taken,
-- with taken); more seats go at once to those waiting, in order.
-- Refusals: not_found, slot_closed (started or cancelled), bad_capacity
-- (1 to 10000), below_taken.
CREATE FUNCTION api.provider_slot_capacity(p_token text, p_key uuid, p_slot bigint,
	p_capacity int)
RETURNS SETOF wc.own_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	o wc.own_outcome;
	sl wc.slot;
	code text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	o := wc.own_request_claim(st, p_key, 'slot_capacity');
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
	RETURN NEXT wc.own_request_done(st, p_key, 'slot_capacity', o);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_slot_capacity(text, uuid, bigint, int) TO wc_staff;

-- The caller's provider: name and its rating over published reviews
-- (no row for an account linked to no provider).
CREATE FUNCTION api.provider_self(p_token text,
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
-- at a time (p_before: the last id of the page before). Never who wrote
-- them.
CREATE FUNCTION api.provider_reviews(p_token text, p_before bigint, p_limit int)
RETURNS TABLE (id bigint, created_at timestamptz, service_title text, stars smallint,
	comment text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT r.id, r.created_at, s.title, r.stars, r.comment
	  FROM wc.review r JOIN wc.service s ON s.id = r.service_id
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
CREATE FUNCTION api.provider_complaints(p_token text)
RETURNS TABLE (no text, status text, category_name text, against text, service_title text,
	created_at timestamptz, due_on date, overdue boolean, name_masked text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT c.no, c.status, cc.name, c.against, s.title, c.created_at, c.due_on,
	       coalesce(c.due_on < wc.today(), false), wc.mask_name(p.name)
	  FROM wc.complaint c
	  JOIN wc.complaint_category cc ON cc.code = c.category
	  JOIN wc.person p ON p.id = c.person_id
	  LEFT JOIN wc.service s ON s.id = c.service_id
	 WHERE c.provider_id = wc.own_provider(st)
	 ORDER BY c.id DESC
	 LIMIT 200;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_complaints(text) TO wc_staff;
