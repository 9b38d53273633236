-- Provider management (Art. 24-25) and published content (Art. 27-28):
--
--   * the operator suspends (暂停服务), reinstates (恢复服务) or removes
--     (清退, final) a provider, and records the lesser sanctions (约谈提醒,
--     警告); every step is a row of the provider's sanction history
--     (append-only), with its reason, who, when, and what it did;
--   * suspending or removing a provider cancels every open booking of its
--     services whose slot has not ended, whatever the cut-off: the seat is
--     freed (the waiting list is not served: those waiting lapse), the
--     voucher hold released by a 'release' ledger entry, a purchased unit
--     returned; the booking keeps why (cancel_reason), which the person
--     sees in 我的预约. A provider's staff (or the operator) closing one
--     slot does the same to that slot's bookings: one function,
--     wc.booking_cancel_for, cancels a booking on the provider's side;
--   * the operator and the supervisor take down (下架) a service's title or
--     description or a provider's address or phone: the text is kept in an
--     append-only record (who, when, why, what the word list found), hidden
--     from the catalogue (the api returns NULL, the client says 该内容已下架)
--     and from search, and listed in the bureau's take-down report next to
--     the reviews taken down. A text changed afterwards is a new
--     publication and shows again.
--
-- Outcomes are text codes, as in 0013 and 0018; each action carries the
-- caller's request key, and the same key sent again answers with the
-- first outcome (replayed) and changes nothing.
SET LOCAL ROLE wc_owner;

-- --- bookings cancelled on the provider's side --------------------------------

ALTER TABLE wc.booking
	ADD COLUMN cancel_reason text CHECK (length(cancel_reason) <= 500),
	-- what cancelled it on the provider's side (NULL: the person, or a clerk for them)
	ADD COLUMN cancel_source text CHECK (cancel_source IN ('suspend', 'remove', 'slot_close')),
	ADD CHECK (cancel_source IS NULL OR (status = 'cancelled' AND cancel_reason IS NOT NULL)),
	-- the provider's staff confirmed they have the booking (接单确认): the
	-- person sees it; nothing else depends on it
	ADD COLUMN confirmed_at timestamptz,
	ADD COLUMN confirmed_by bigint REFERENCES wc.staff (id),
	ADD CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL));

-- A booking is made only while its slot is open and its provider and
-- service active. wc.booking_place checks that before it takes the seat,
-- but without a lock: a suspension or a slot closing that commits while a
-- booking waits for the slot's row would otherwise let it through. This
-- check runs later, on a fresh snapshot, and sends the booking round again
-- (40001: the client repeats the call with its key, and booking_place then
-- answers slot_closed).
CREATE FUNCTION wc.booking_check_open() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.status = 'booked' AND NOT EXISTS (
		SELECT FROM wc.slot sl
		  JOIN wc.service s ON s.id = sl.service_id
		  JOIN wc.provider p ON p.id = s.provider_id
		 WHERE sl.id = NEW.slot_id AND NOT sl.cancelled
		   AND s.status = 'active' AND p.status = 'active') THEN
		RAISE EXCEPTION 'slot closed during booking' USING ERRCODE = '40001';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER booking_check_open BEFORE INSERT ON wc.booking
	FOR EACH ROW EXECUTE FUNCTION wc.booking_check_open();

-- Cancel one open booking on the provider's side (p_source: suspend,
-- remove, slot_close), whatever the cut-off: the hold is released, a
-- purchased unit returned, the seat freed, and nobody waiting gets it.
-- Returns the voucher money released, or NULL if the booking was not open.
-- The caller holds the lock of the booking's slot.
CREATE FUNCTION wc.booking_cancel_for(p_booking bigint, p_staff bigint, p_source text,
	p_reason text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	b wc.booking;
BEGIN
	SELECT * INTO b FROM wc.booking WHERE id = p_booking FOR UPDATE;
	IF NOT FOUND OR b.status <> 'booked' THEN
		RETURN NULL;
	END IF;
	IF b.voucher_id IS NOT NULL THEN
		PERFORM 1 FROM wc.voucher WHERE id = b.voucher_id FOR UPDATE;
		PERFORM wc.voucher_release(b.voucher_id, b.voucher_fen, b.id, p_staff);
	END IF;
	IF b.purchase_id IS NOT NULL THEN
		UPDATE wc.purchase SET used = used - 1 WHERE id = b.purchase_id;
	END IF;
	UPDATE wc.booking SET status = 'cancelled', closed_at = now(), closed_by = p_staff,
	                      cancel_reason = p_reason, cancel_source = p_source
	 WHERE id = b.id;
	UPDATE wc.slot SET taken = taken - 1 WHERE id = b.slot_id;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, b.person_id, 'booking_cancel_provider', b.no,
	        jsonb_build_object('release_fen', b.voucher_fen, 'source', p_source,
	                           'reason', p_reason));
	RETURN b.voucher_fen;
END
$$;

-- Cancel the open bookings of these slots (wc.booking_cancel_for) and end
-- their waiting lists (lapsed, with the source as the reason; a waiting
-- place holds no money: the hold is taken when a seat is given). The
-- slots are locked first, so a booking that took a seat before is seen
-- here, and one that comes after finds the closing (wc.booking_check_open).
CREATE FUNCTION wc.slots_close_bookings(p_slots bigint[], p_staff bigint, p_source text,
	p_reason text, OUT cancelled int, OUT released_fen bigint, OUT lapsed int)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	bid bigint;
	fen bigint;
BEGIN
	cancelled := 0;
	released_fen := 0;
	PERFORM 1 FROM wc.slot WHERE id = ANY (p_slots) ORDER BY id FOR UPDATE;
	FOR bid IN SELECT b.id FROM wc.booking b
	            WHERE b.slot_id = ANY (p_slots) AND b.status = 'booked' ORDER BY b.id LOOP
		fen := wc.booking_cancel_for(bid, p_staff, p_source, p_reason);
		IF fen IS NOT NULL THEN
			cancelled := cancelled + 1;
			released_fen := released_fen + fen;
		END IF;
	END LOOP;
	UPDATE wc.waitlist SET status = 'lapsed', lapse_why = p_source
	 WHERE slot_id = ANY (p_slots) AND status = 'waiting';
	GET DIAGNOSTICS lapsed = ROW_COUNT;
END
$$;

-- What a management call returns. outcome: 'ok' or why not:
--   not_found      no such provider, slot, service (or not the caller's)
--   wrong_state    not from the current status (reinstating an active
--                  provider, anything after removal, closing a closed or
--                  ended slot, taking down a hidden or empty text)
--   text_needed    the reason is required
--   text_too_long  over 500 characters
--   key_reused     the request key was used for something else
-- status: the provider's (or the slot's, 'closed'; the text's,
-- 'taken_down') status now; cancelled, released_fen, lapsed: the bookings
-- cancelled, the voucher money released, the waiting places ended.
CREATE TYPE wc.manage_outcome AS (
	outcome      text,
	status       text,
	cancelled    int,
	released_fen bigint,
	lapsed       int,
	replayed     boolean
);

CREATE FUNCTION wc.manage_refusal(p_outcome text) RETURNS wc.manage_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, NULL, 0, 0, 0, false)::wc.manage_outcome
$$;

-- The reason every action requires: NULL if fine, else the refusal.
CREATE FUNCTION wc.reason_problem(p_reason text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN btrim(coalesce(p_reason, '')) = '' THEN 'text_needed'
	            WHEN length(btrim(p_reason)) > 500 THEN 'text_too_long' END
$$;

-- --- sanctions (Art. 24-25) -----------------------------------------------------

-- Every step of a provider's management: append-only. kind:
--   interview  约谈提醒       warning  警告
--   suspend    暂停服务       reinstate 恢复服务      remove  清退 (final)
CREATE TABLE wc.provider_sanction (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	provider_id   bigint NOT NULL REFERENCES wc.provider (id),
	at            timestamptz NOT NULL DEFAULT now(),
	staff_id      bigint NOT NULL REFERENCES wc.staff (id),
	kind          text NOT NULL
	              CHECK (kind IN ('interview', 'warning', 'suspend', 'reinstate', 'remove')),
	reason        text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
	status_before text NOT NULL,
	status_after  text NOT NULL,
	cancelled     int NOT NULL DEFAULT 0,
	released_fen  bigint NOT NULL DEFAULT 0,
	lapsed        int NOT NULL DEFAULT 0,
	request_key   uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
CREATE INDEX ON wc.provider_sanction (provider_id, id DESC);
CREATE TRIGGER provider_sanction_append_only BEFORE UPDATE OR DELETE ON wc.provider_sanction
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE TRIGGER provider_sanction_no_truncate BEFORE TRUNCATE ON wc.provider_sanction
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON wc.provider_sanction FROM wc_owner;

-- The operator's steps on a provider, the one place they are written:
-- the statuses each is taken from and the status it leads to ('' keeps
-- the status). api.provider_act takes a step by these rules, and
-- api.provider_get lists those open to the caller, which is all the page
-- offers.
CREATE FUNCTION wc.provider_rules()
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
-- and removing cancel the open bookings (wc.slots_close_bookings).
CREATE FUNCTION api.provider_act(p_token text, p_key uuid, p_provider bigint, p_action text,
	p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
		RETURN NEXT CASE WHEN e.provider_id = pr.id AND e.kind = p_action
		                 THEN ROW('ok', pr.status, e.cancelled, e.released_fen, e.lapsed,
		                          true)::wc.manage_outcome
		                 ELSE wc.manage_refusal('key_reused') END;
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
		SELECT * INTO done FROM wc.slots_close_bookings(
			ARRAY(SELECT sl.id FROM wc.slot sl JOIN wc.service s ON s.id = sl.service_id
			       WHERE s.provider_id = pr.id AND NOT sl.cancelled AND sl.ends_at > now()),
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
CREATE FUNCTION api.provider_sanctions(p_token text, p_provider bigint)
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

-- Complaints counted as the quality flags count them (0018): filed in the
-- last quality_complaints_days days, not 不予受理.
CREATE FUNCTION wc.provider_recent_complaints(p_provider bigint) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT count(*) FROM wc.complaint c
	 WHERE c.provider_id = p_provider AND c.status <> 'rejected'
	   AND c.created_at > now() - make_interval(days => wc.setting_int('quality_complaints_days'))
$$;

-- The providers for the operator's 服务商管理 (the supervisor reads it
-- too): by name (any part) or credit code (the whole code, or its
-- beginning), those the quality flags (api.quality_flags) list first,
-- then by status (active, suspended, removed) and name; at most 500.
CREATE FUNCTION api.provider_list(p_token text, p_query text)
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

-- One provider's facts for the operator and the supervisor: its public
-- texts as written (hidden ones too: hidden names them), and what stands
-- open: active services, open bookings (slot not ended), recent complaints.
CREATE FUNCTION api.provider_get(p_token text, p_provider bigint,
	OUT id bigint, OUT name text, OUT credit_code text, OUT region_name text,
	OUT address text, OUT contact_name text, OUT phone text, OUT status text,
	OUT rating numeric, OUT rating_count bigint, OUT created_at timestamptz,
	OUT services bigint, OUT open_bookings bigint, OUT complaints bigint, OUT hidden text[],
	OUT steps text[])
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
	       wc.provider_recent_complaints(pr.id), pr.hidden
	  INTO id, name, credit_code, region_name, address, contact_name, phone, status, rating,
	       rating_count, created_at, services, open_bookings, complaints, hidden
	  FROM wc.provider pr JOIN wc.region r ON r.code = pr.region
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

-- --- a slot closed --------------------------------------------------------------

-- One row a closed slot: append-only.
CREATE TABLE wc.slot_closure (
	slot_id      bigint PRIMARY KEY REFERENCES wc.slot (id),
	at           timestamptz NOT NULL DEFAULT now(),
	staff_id     bigint NOT NULL REFERENCES wc.staff (id),
	reason       text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
	cancelled    int NOT NULL,
	released_fen bigint NOT NULL,
	lapsed       int NOT NULL,
	request_key  uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
CREATE TRIGGER slot_closure_append_only BEFORE UPDATE OR DELETE ON wc.slot_closure
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE TRIGGER slot_closure_no_truncate BEFORE TRUNCATE ON wc.slot_closure
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON wc.slot_closure FROM wc_owner;

-- Close a slot that has not ended, with the reason: the provider's own
-- staff (a slot of another provider is not_found) or the operator. Its
-- open bookings are cancelled as a suspension cancels them.
CREATE FUNCTION api.slot_close(p_token text, p_key uuid, p_slot bigint, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
		RETURN NEXT CASE WHEN e.slot_id = sl.id
		                 THEN ROW('ok', 'closed', e.cancelled, e.released_fen, e.lapsed,
		                          true)::wc.manage_outcome
		                 ELSE wc.manage_refusal('key_reused') END;
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
CREATE FUNCTION api.provider_day_slots(p_token text, p_day date)
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

-- --- what the person sees: the cancel reason ---------------------------------

-- 0013's bookings of a person, with why a booking was cancelled on the
-- provider's side (NULL otherwise) as a last column. The result type
-- changes, so the three functions are dropped and made again with the
-- grants and settings 0013 gave them.
DROP FUNCTION api.citizen_bookings(text);
DROP FUNCTION api.person_bookings(text, bigint);
DROP FUNCTION wc.person_bookings(bigint);

CREATE FUNCTION wc.person_bookings(p_person bigint)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz, cancel_reason text,
	confirmed boolean)
LANGUAGE sql STABLE AS $$
	SELECT b.id, b.no, 'booking', b.status, s.title, pr.name, sl.starts_at, sl.ends_at,
	       coalesce(nullif(sl.place, ''), s.place), b.price_fen, b.voucher_fen, b.offline_fen,
	       b.purchase_id IS NOT NULL, b.from_waitlist,
	       b.status = 'booked' AND sl.starts_at - make_interval(hours => s.cancel_hours) > now(),
	       b.created_at, b.cancel_reason, b.confirmed_at IS NOT NULL
	  FROM wc.booking b
	  JOIN wc.slot sl ON sl.id = b.slot_id
	  JOIN wc.service s ON s.id = b.service_id
	  JOIN wc.provider pr ON pr.id = s.provider_id
	 WHERE b.person_id = p_person
	UNION ALL
	SELECT w.id, NULL, 'waitlist', w.status, s.title, pr.name, sl.starts_at, sl.ends_at,
	       coalesce(nullif(sl.place, ''), s.place), s.price_fen, 0, 0, w.purchase_id IS NOT NULL,
	       false, false, w.joined_at, NULL, false
	  FROM wc.waitlist w
	  JOIN wc.slot sl ON sl.id = w.slot_id
	  JOIN wc.service s ON s.id = sl.service_id
	  JOIN wc.provider pr ON pr.id = s.provider_id
	 WHERE w.person_id = p_person AND w.status IN ('waiting', 'lapsed')
	 ORDER BY 16 DESC, 1 DESC
$$;

CREATE FUNCTION api.citizen_bookings(p_token text)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz, cancel_reason text,
	confirmed boolean)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_bookings((wc.session_person(p_token)).id)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_bookings(text) TO wc_kiosk;

CREATE FUNCTION api.person_bookings(p_token text, p_person bigint)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz, cancel_reason text,
	confirmed boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_bookings((wc.person_in_scope(st, p_person)).id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_bookings(text, bigint) TO wc_staff;

-- --- published content (Art. 27-28) -----------------------------------------

-- Which texts are taken down: a service's title and description, a
-- provider's address and phone (what the catalogue shows of them).
ALTER TABLE wc.service ADD COLUMN hidden text[] NOT NULL DEFAULT '{}'
	CHECK (hidden <@ ARRAY['title', 'description']);
ALTER TABLE wc.provider ADD COLUMN hidden text[] NOT NULL DEFAULT '{}'
	CHECK (hidden <@ ARRAY['address', 'phone']);

-- Search finds nothing in a hidden text: the searched text is made again
-- without it (and its index with it).
DROP INDEX wc.service_grams;
ALTER TABLE wc.service DROP COLUMN search_text;
ALTER TABLE wc.service ADD COLUMN search_text text NOT NULL GENERATED ALWAYS AS (
	wc.search_norm(CASE WHEN 'title' = ANY (hidden) THEN '' ELSE title END || E'\n'
	               || CASE WHEN 'description' = ANY (hidden) THEN '' ELSE description END)) STORED;
CREATE INDEX service_grams ON wc.service USING gin (wc.grams(search_text));

-- A text changed after its take-down is a new publication: it shows again.
CREATE FUNCTION wc.content_republish() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY OLD.hidden LOOP
		IF to_jsonb(NEW) -> f IS DISTINCT FROM to_jsonb(OLD) -> f THEN
			NEW.hidden := array_remove(NEW.hidden, f);
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;
CREATE TRIGGER service_republish BEFORE UPDATE ON wc.service
	FOR EACH ROW WHEN (OLD.hidden <> '{}') EXECUTE FUNCTION wc.content_republish();
CREATE TRIGGER provider_republish BEFORE UPDATE ON wc.provider
	FOR EACH ROW WHEN (OLD.hidden <> '{}') EXECUTE FUNCTION wc.content_republish();

-- The take-downs: append-only, the text as it was, who, when, why. The
-- ids come from the review take-downs' sequence, so the bureau's report
-- orders and pages both kinds by one id.
CREATE TABLE wc.content_takedown (
	id          bigint PRIMARY KEY DEFAULT nextval('wc.review_event_id_seq'),
	at          timestamptz NOT NULL DEFAULT now(),
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	provider_id bigint NOT NULL REFERENCES wc.provider (id),
	service_id  bigint REFERENCES wc.service (id), -- NULL: the provider's own text
	field       text NOT NULL CHECK (field IN ('title', 'description', 'address', 'phone')),
	original    text NOT NULL,
	hits        text[] NOT NULL, -- what the word list found in it
	reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
	request_key uuid NOT NULL,
	UNIQUE (staff_id, request_key),
	CHECK ((service_id IS NULL) = (field IN ('address', 'phone')))
);
CREATE INDEX ON wc.content_takedown (id DESC);
CREATE TRIGGER content_takedown_append_only BEFORE UPDATE OR DELETE ON wc.content_takedown
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE TRIGGER content_takedown_no_truncate BEFORE TRUNCATE ON wc.content_takedown
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON wc.content_takedown FROM wc_owner;

-- The public texts of one provider (p_provider) or of all, with what the
-- word list (wc.moderation_hits) finds in each; p_hits_only: only those
-- with a find, not yet hidden. For the operator and the supervisor, who
-- see hidden texts as written. By provider name, then service, then field.
CREATE FUNCTION api.content_texts(p_token text, p_provider bigint, p_hits_only boolean)
RETURNS TABLE (provider_id bigint, provider_name text, service_id bigint,
	service_title text, field text, body text, hits text[], hidden boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	RETURN QUERY
	WITH texts AS (
		SELECT pr.id AS pid, pr.name AS pname, NULL::bigint AS sid, ''::text AS stitle,
		       f.field, f.body, f.field = ANY (pr.hidden) AS down
		  FROM wc.provider pr,
		       LATERAL (VALUES ('address', pr.address), ('phone', pr.phone)) AS f (field, body)
		 WHERE pr.status <> 'removed' AND (p_provider IS NULL OR pr.id = p_provider)
		UNION ALL
		SELECT pr.id, pr.name, s.id, s.title, f.field, f.body, f.field = ANY (s.hidden)
		  FROM wc.service s
		  JOIN wc.provider pr ON pr.id = s.provider_id,
		       LATERAL (VALUES ('title', s.title), ('description', s.description))
		               AS f (field, body)
		 WHERE s.status = 'active' AND pr.status <> 'removed'
		   AND (p_provider IS NULL OR pr.id = p_provider)
	)
	SELECT t.pid, t.pname, t.sid, t.stitle, t.field, t.body, h.hits, t.down
	  FROM texts t, LATERAL (SELECT wc.moderation_hits(t.body) AS hits) h
	 WHERE t.body <> ''
	   AND (NOT coalesce(p_hits_only, false) OR (NOT t.down AND cardinality(h.hits) > 0))
	 ORDER BY t.pname COLLATE "C", t.pid, t.sid NULLS FIRST,
	          array_position(ARRAY['address', 'phone', 'title', 'description'], t.field)
	 LIMIT 1000;
END
$$;
GRANT EXECUTE ON FUNCTION api.content_texts(text, bigint, boolean) TO wc_staff;

-- Take down one text (p_service given: its 'title' or 'description';
-- else provider p_provider's 'address' or 'phone'), with the reason.
CREATE FUNCTION api.content_take_down(p_token text, p_key uuid, p_provider bigint,
	p_service bigint, p_field text, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	pr wc.provider;
	sv wc.service;
	e wc.content_takedown;
	reason text := btrim(coalesce(p_reason, ''));
	body text;
	down boolean;
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	IF p_field IS NULL OR p_field NOT IN ('title', 'description', 'address', 'phone')
	   OR (p_service IS NULL) <> (p_field IN ('address', 'phone')) THEN
		RAISE EXCEPTION 'unknown text %', p_field USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	IF p_service IS NOT NULL THEN
		SELECT * INTO sv FROM wc.service WHERE id = p_service AND provider_id = p_provider
		   FOR UPDATE;
		IF FOUND THEN
			body := CASE p_field WHEN 'title' THEN sv.title ELSE sv.description END;
			down := p_field = ANY (sv.hidden);
		END IF;
	ELSE
		SELECT * INTO pr FROM wc.provider WHERE id = p_provider FOR UPDATE;
		IF FOUND THEN
			body := CASE p_field WHEN 'address' THEN pr.address ELSE pr.phone END;
			down := p_field = ANY (pr.hidden);
		END IF;
	END IF;
	IF body IS NULL THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	SELECT * INTO e FROM wc.content_takedown x WHERE x.staff_id = st.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN NEXT CASE WHEN e.provider_id = p_provider
		                      AND e.service_id IS NOT DISTINCT FROM p_service
		                      AND e.field = p_field
		                 THEN ROW('ok', 'taken_down', 0, 0, 0, true)::wc.manage_outcome
		                 ELSE wc.manage_refusal('key_reused') END;
		RETURN;
	END IF;
	IF down OR body = '' THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.reason_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.reason_problem(reason));
		RETURN;
	END IF;
	INSERT INTO wc.content_takedown (staff_id, provider_id, service_id, field, original, hits,
		reason, request_key)
	VALUES (st.id, p_provider, p_service, p_field, body, wc.moderation_hits(body), reason, p_key)
	RETURNING * INTO e;
	IF p_service IS NOT NULL THEN
		UPDATE wc.service SET hidden = hidden || p_field WHERE id = p_service;
	ELSE
		UPDATE wc.provider SET hidden = hidden || p_field WHERE id = p_provider;
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'content_take_down', coalesce(sv.code, pr.credit_code),
	        jsonb_build_object('takedown', e.id, 'field', p_field, 'reason', reason));
	RETURN NEXT ROW('ok', 'taken_down', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.content_take_down(text, uuid, bigint, bigint, text, text)
	TO wc_staff;

-- The catalogue without hidden texts: 0012's search and 0018's service
-- page, the same but for a hidden title, description, address or phone,
-- which come as NULL (the client says 该内容已下架).
CREATE OR REPLACE FUNCTION api.service_search(p_query text, p_category text, p_county text,
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
		-- the cursor names the last service, not its title (which may be hidden)
		SELECT x.title INTO a_title FROM wc.service x WHERE x.id = a_id;
	END IF;
	SELECT coalesce(array_agg(DISTINCT g), '{}') INTO needed
	  FROM unnest(terms) t, unnest(wc.query_grams(t)) g;
	RETURN QUERY
	SELECT s.id, CASE WHEN NOT 'title' = ANY (s.hidden) THEN s.title END, c.code, c.name,
	       pr.name, s.paid, s.online, s.price_fen, s.voucher_ok,
	       r.name, wc.provider_rating(pr), pr.rating_count, nx.starts_at, nx.seats,
	       c.ord || '|' || s.id || '|'
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

CREATE OR REPLACE FUNCTION api.service_get(p_id bigint,
	OUT id bigint, OUT code text, OUT title text, OUT category text, OUT category_name text,
	OUT paid boolean, OUT online boolean, OUT price_fen bigint, OUT voucher_ok boolean,
	OUT region_name text, OUT description text, OUT place text, OUT contact text,
	OUT cancel_hours int, OUT provider_id bigint, OUT provider_name text,
	OUT provider_address text, OUT provider_phone text, OUT rating numeric,
	OUT rating_count bigint, OUT has_slots boolean, OUT service_rating numeric,
	OUT service_rating_count bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.id, s.code, CASE WHEN NOT 'title' = ANY (s.hidden) THEN s.title END, c.code, c.name,
	       s.paid, s.online, s.price_fen, s.voucher_ok, r.name,
	       CASE WHEN NOT 'description' = ANY (s.hidden) THEN s.description END,
	       s.place, s.contact, s.cancel_hours, pr.id, pr.name,
	       CASE WHEN NOT 'address' = ANY (pr.hidden) THEN pr.address END,
	       CASE WHEN NOT 'phone' = ANY (pr.hidden) THEN pr.phone END,
	       wc.provider_rating(pr), pr.rating_count,
	       EXISTS (SELECT FROM wc.slot sl WHERE sl.service_id = s.id AND NOT sl.cancelled
	                                          AND sl.starts_at > now()),
	       wc.service_rating(s), s.rating_count
	  FROM wc.service s
	  JOIN wc.service_category c ON c.code = s.category
	  JOIN wc.provider pr ON pr.id = s.provider_id
	  JOIN wc.region r ON r.code = s.region
	 WHERE s.id = p_id AND s.status = 'active' AND pr.status = 'active'
$$;

-- The bureau's take-down report (0018) with the texts taken down beside
-- the reviews: the same columns, then kind ('review', 'service',
-- 'provider') and field (the text's: title, description, address, phone;
-- NULL for a review). For a text, comment is the original, service_title
-- the service's title as written (NULL for a provider's text), and the
-- review's columns are NULL.
DROP FUNCTION api.review_takedowns(text, bigint, int);
CREATE FUNCTION api.review_takedowns(p_token text, p_before bigint, p_limit int)
RETURNS TABLE (id bigint, at timestamptz, service_title text, provider_name text,
	booking_no text, review_at timestamptz, stars smallint, comment text, hits text[],
	status_before text, staff_name text, staff_role text, reason text, kind text, field text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	lim int := greatest(1, least(coalesce(p_limit, 20), 200));
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau', 'supervisor']);
	INSERT INTO wc.audit (staff_id, action, detail)
	VALUES (st.id, 'review_takedowns_view', jsonb_strip_nulls(jsonb_build_object('before', p_before)));
	RETURN QUERY
	SELECT * FROM (
		(SELECT e.id, e.at, s.title, pr.name, b.no, r.created_at, r.stars, r.comment, r.hits,
		        e.status_before, sf.display_name, sf.role, e.note, 'review'::text, NULL::text
		   FROM wc.review_event e
		   JOIN wc.review r ON r.id = e.review_id
		   JOIN wc.service s ON s.id = r.service_id
		   JOIN wc.provider pr ON pr.id = r.provider_id
		   JOIN wc.booking b ON b.id = r.booking_id
		   JOIN wc.staff sf ON sf.id = e.staff_id
		  WHERE e.action = 'take_down' AND (p_before IS NULL OR e.id < p_before)
		  ORDER BY e.id DESC LIMIT lim)
		UNION ALL
		(SELECT t.id, t.at, CASE WHEN t.field = 'title' THEN t.original ELSE s.title END,
		        pr.name, NULL, NULL, NULL, t.original, t.hits, 'published', sf.display_name,
		        sf.role, t.reason, CASE WHEN t.service_id IS NULL THEN 'provider' ELSE 'service' END,
		        t.field
		   FROM wc.content_takedown t
		   JOIN wc.provider pr ON pr.id = t.provider_id
		   LEFT JOIN wc.service s ON s.id = t.service_id
		   JOIN wc.staff sf ON sf.id = t.staff_id
		  WHERE p_before IS NULL OR t.id < p_before
		  ORDER BY t.id DESC LIMIT lim)
	) AS u
	ORDER BY 1 DESC
	LIMIT lim;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_takedowns(text, bigint, int) TO wc_staff;

-- The money path's settings (0013) on the functions made again here.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
	          WHERE p.pronamespace = 'api'::regnamespace
	            AND p.proname IN ('citizen_bookings', 'person_bookings', 'provider_act',
	                              'slot_close')
	LOOP
		EXECUTE format('ALTER FUNCTION %s SET enable_seqscan = off', f);
		EXECUTE format('ALTER FUNCTION %s SET jit = off', f);
	END LOOP;
END
$$;

-- --- the provider confirms a booking (接单确认) ------------------------------

-- 0013's day list of a provider's bookings, with whether each is confirmed
-- (a last column: dropped and made again with 0013's grant).
DROP FUNCTION api.provider_bookings(text, date);
CREATE FUNCTION api.provider_bookings(p_token text, p_day date)
RETURNS TABLE (id bigint, no text, status text, service_title text, starts_at timestamptz,
	ends_at timestamptz, place text, name_masked text, voucher_fen bigint,
	offline_fen bigint, purchased boolean, can_close boolean, confirmed boolean)
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
	SELECT b.id, b.no, b.status, s.title, sl.starts_at, sl.ends_at,
	       coalesce(nullif(sl.place, ''), s.place), wc.mask_name(p.name),
	       b.voucher_fen, b.offline_fen, b.purchase_id IS NOT NULL,
	       b.status = 'booked' AND sl.starts_at <= now(), b.confirmed_at IS NOT NULL
	  FROM wc.provider_staff ps
	  JOIN wc.service s ON s.provider_id = ps.provider_id
	  JOIN wc.slot sl ON sl.service_id = s.id
	                 AND sl.starts_at >= day_from AND sl.starts_at < day_to
	  JOIN wc.booking b ON b.slot_id = sl.id
	  JOIN wc.person p ON p.id = b.person_id
	 WHERE ps.staff_id = st.id
	 ORDER BY sl.starts_at, s.title, b.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_bookings(text, date) TO wc_staff;

-- A provider's staff confirm one of its open bookings. Outcomes: ok (also
-- when it was confirmed already: confirming twice is confirming),
-- not_found (not a booking of the caller's provider), not_open (cancelled
-- or closed).
CREATE FUNCTION api.booking_confirm(p_token text, p_booking bigint, OUT outcome text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	b wc.booking;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	SELECT bk.* INTO b FROM wc.booking bk
	  JOIN wc.service s ON s.id = bk.service_id
	  JOIN wc.provider_staff ps ON ps.provider_id = s.provider_id AND ps.staff_id = st.id
	 WHERE bk.id = p_booking
	   FOR UPDATE OF bk;
	IF NOT FOUND THEN
		outcome := 'not_found';
	ELSIF b.confirmed_at IS NOT NULL THEN
		outcome := 'ok';
	ELSIF b.status <> 'booked' THEN
		outcome := 'not_open';
	ELSE
		UPDATE wc.booking SET confirmed_at = now(), confirmed_by = st.id WHERE id = b.id;
		INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
		VALUES (st.id, NULL, 'booking_confirm', b.no, NULL);
		outcome := 'ok';
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.booking_confirm(text, bigint) TO wc_staff;
