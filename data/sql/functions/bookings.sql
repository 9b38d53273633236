-- Bookings: placing one (with a voucher, a purchase or
-- neither), cancelling, the waiting list, confirming and closing as
-- served, and the lists the person, the counter and the provider see.
--
-- Plans and settings of the money path.
--
-- PL/pgSQL keeps each query's plan for the connection, and a kiosk keeps
-- its connection for days. A plan made while a table was small (a new
-- county, a fresh install) is a sequential scan, and it stays one as the
-- table grows: every booking would read every voucher. Every query on
-- these paths finds rows by key, so they are planned without sequential
-- scans (an index scan of a tiny table costs next to nothing; a scan of a
-- large one costs everything), and without JIT (a scan with no index,
-- costed huge when disabled, would otherwise be compiled: milliseconds
-- become seconds).
--
-- The settings go on the api functions, the entry points: a function's
-- SET clauses are applied and undone on every call, and the helpers they
-- call run inside them, with their search_path pinned and these settings
-- in force. So the helpers used only from here have no SET clauses of
-- their own (they write every name schema-qualified all the same), which
-- spares a dozen setting changes per booking. The session helpers, which
-- every other api function calls too, keep theirs.
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

-- Give a freed seat of a slot to the first waiting person whose payment
-- still holds; those whose does not are marked lapsed with the reason.
CREATE OR REPLACE FUNCTION wc.waitlist_promote(p_slot bigint, p_staff bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	w wc.waitlist;
	p wc.person;
	o wc.outcome;
BEGIN
	LOOP
		SELECT * INTO w FROM wc.waitlist
		 WHERE slot_id = p_slot AND status = 'waiting'
		 ORDER BY id LIMIT 1 FOR UPDATE;
		EXIT WHEN NOT FOUND;
		p := wc.person_lock(w.person_id);
		o := wc.booking_place(p, p_slot, w.voucher_id, w.purchase_id, w.staff_id, NULL, true);
		IF o.outcome = 'ok' THEN
			UPDATE wc.waitlist SET status = 'booked', booking_id = o.booking_id WHERE id = w.id;
			EXIT;
		ELSIF o.outcome = 'slot_full' THEN
			EXIT; -- someone else had the seat; the list keeps its order
		END IF;
		UPDATE wc.waitlist SET status = 'lapsed', lapse_why = o.outcome WHERE id = w.id;
	END LOOP;
END
$$;

-- Cancel a booking (the person, or a clerk for them): before the
-- service's cut-off; the seat, the hold and a purchased unit come back,
-- and the seat goes to the waiting list. Refusals: not_owner, not_open
-- (already cancelled or closed), past_cutoff.
CREATE OR REPLACE FUNCTION wc.booking_cancel_do(p wc.person, p_booking bigint, p_staff bigint,
	p_consent text) RETURNS wc.outcome
LANGUAGE plpgsql AS $$
DECLARE
	b wc.booking;
	sl wc.slot;
	sv wc.service;
	next_person bigint;
	next_voucher bigint;
BEGIN
	SELECT * INTO b FROM wc.booking WHERE id = p_booking FOR UPDATE;
	IF NOT FOUND OR b.person_id <> p.id THEN
		RETURN wc.outcome_only('not_owner');
	END IF;
	IF b.status <> 'booked' THEN
		RETURN wc.outcome_only('not_open');
	END IF;
	SELECT * INTO sl FROM wc.slot WHERE id = b.slot_id;
	SELECT * INTO sv FROM wc.service WHERE id = b.service_id;
	IF sl.starts_at - make_interval(hours => sv.cancel_hours) <= now() THEN
		RETURN wc.outcome_only('past_cutoff');
	END IF;
	IF b.voucher_id IS NOT NULL THEN
		PERFORM 1 FROM wc.voucher WHERE id = b.voucher_id FOR UPDATE;
		PERFORM wc.voucher_release(b.voucher_id, b.voucher_fen, b.id, p_staff);
	END IF;
	IF b.purchase_id IS NOT NULL THEN
		UPDATE wc.purchase SET used = used - 1 WHERE id = b.purchase_id;
	END IF;
	-- The first waiting person and their voucher are locked before the
	-- slot, as everywhere (see the top of this file).
	SELECT w.person_id, w.voucher_id INTO next_person, next_voucher FROM wc.waitlist w
	 WHERE w.slot_id = b.slot_id AND w.status = 'waiting' ORDER BY w.id LIMIT 1;
	IF FOUND THEN
		PERFORM wc.person_lock(next_person);
		PERFORM 1 FROM wc.voucher WHERE id = next_voucher FOR UPDATE;
	END IF;
	UPDATE wc.booking SET status = 'cancelled', closed_at = now(), closed_by = p_staff
	 WHERE id = b.id;
	UPDATE wc.slot SET taken = taken - 1 WHERE id = b.slot_id;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, p.id, 'booking_cancel', b.no,
	        jsonb_build_object('release_fen', b.voucher_fen, 'consent', p_consent));
	PERFORM wc.waitlist_promote(b.slot_id, NULL);
	RETURN wc.outcome_of('ok', b.id, b.voucher_id, false);
END
$$;

-- Join the waiting list of a full slot, with the payment to use when a
-- seat frees. Refusals as for booking, and not_full (book it instead).
CREATE OR REPLACE FUNCTION wc.waitlist_join_do(p wc.person, p_slot bigint, p_voucher bigint,
	p_purchase bigint, p_staff bigint) RETURNS wc.outcome
LANGUAGE plpgsql AS $$
DECLARE
	sl wc.slot;
BEGIN
	SELECT * INTO sl FROM wc.slot WHERE id = p_slot;
	IF NOT FOUND OR sl.cancelled OR sl.starts_at <= now() THEN
		RETURN wc.outcome_only('slot_closed');
	END IF;
	IF sl.taken < sl.capacity THEN
		RETURN wc.outcome_only('not_full');
	END IF;
	IF EXISTS (SELECT FROM wc.booking b WHERE b.person_id = p.id AND b.slot_id = p_slot
	                                      AND b.status <> 'cancelled') THEN
		RETURN wc.outcome_only('already_booked');
	END IF;
	IF p_voucher IS NOT NULL AND wc.person_frozen(p.id) THEN
		RETURN wc.outcome_only('vouchers_frozen');
	END IF;
	INSERT INTO wc.waitlist (slot_id, person_id, voucher_id, purchase_id, staff_id)
	VALUES (p_slot, p.id, p_voucher, p_purchase, p_staff)
	ON CONFLICT DO NOTHING;
	IF NOT FOUND THEN
		RETURN wc.outcome_only('already_waiting');
	END IF;
	RETURN wc.outcome_only('waiting');
END
$$;

-- --- the kiosk: the signed-in person -----------------------------------

-- One person's money and bookings change one call at a time: a
-- transaction-scoped advisory lock (class 1: person ids; ids above 2^31
-- share keys, which only makes them wait) — a row lock would write WAL
-- on every call. Every function that books, cancels or issues for a
-- person takes it first.
CREATE OR REPLACE FUNCTION wc.person_lock(p_id bigint) RETURNS wc.person
LANGUAGE plpgsql AS $$
DECLARE
	p wc.person;
BEGIN
	PERFORM pg_advisory_xact_lock(1, (p_id % 2147483647)::int);
	SELECT * INTO p FROM wc.person WHERE id = p_id;
	RETURN p;
END
$$;

-- A clerk books for a person at the desk; p_consent records how the
-- person agreed (e.g. 本人到场口头同意). Audited with the clerk and the person.
CREATE OR REPLACE FUNCTION api.counter_book(p_token text, p_key uuid, p_person bigint, p_slot bigint,
	p_voucher bigint, p_purchase bigint, p_consent text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_person::text, p_slot::text, p_voucher::text, p_purchase::text);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	IF length(btrim(coalesce(p_consent, ''))) = 0 THEN
		RAISE EXCEPTION 'consent required' USING ERRCODE = 'WC041';
	END IF;
	o := wc.request_claim(actor, p_key, 'book', args);
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'book', args,
		                     wc.booking_place(p, p_slot, p_voucher, p_purchase, st.id, p_consent, false));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_book(text, uuid, bigint, bigint, bigint, bigint, text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.counter_cancel(p_token text, p_key uuid, p_person bigint, p_booking bigint,
	p_consent text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_person::text, p_booking::text);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	IF length(btrim(coalesce(p_consent, ''))) = 0 THEN
		RAISE EXCEPTION 'consent required' USING ERRCODE = 'WC041';
	END IF;
	o := wc.request_claim(actor, p_key, 'cancel', args);
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'cancel', args, wc.booking_cancel_do(p, p_booking, st.id, p_consent));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_cancel(text, uuid, bigint, bigint, text) TO wc_staff;

-- Close a booking once its time has come: 'completed' redeems the held
-- voucher money to the provider (Art. 20), 'no_show' releases it. The
-- provider's own staff, or a counter clerk of the person's county (an
-- offline service recorded at the desk, Art. 13). Refusals: not_found
-- (or not the caller's), not_open (cancelled or closed: a cancelled
-- booking is never a no-show), too_early (before the slot starts),
-- online_service (a counter closes offline services only).
CREATE OR REPLACE FUNCTION api.booking_close(p_token text, p_key uuid, p_booking bigint, p_outcome text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_booking::text, p_outcome);
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	o wc.outcome;
	b wc.booking;
	sl wc.slot;
	sv wc.service;
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'provider']);
	IF p_outcome NOT IN ('completed', 'no_show') THEN
		RAISE EXCEPTION 'outcome must be completed or no_show' USING ERRCODE = '22023';
	END IF;
	o := wc.request_claim(actor, p_key, 'close', args);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO b FROM wc.booking WHERE id = p_booking FOR UPDATE;
	IF FOUND THEN
		SELECT * INTO sv FROM wc.service WHERE id = b.service_id;
		SELECT * INTO p FROM wc.person WHERE id = b.person_id;
	END IF;
	IF NOT FOUND
	   OR (st.role = 'counter' AND NOT wc.staff_covers(st, p.county_code))
	   OR (st.role = 'provider' AND NOT EXISTS (SELECT FROM wc.provider_staff ps
	                                            WHERE ps.staff_id = st.id
	                                              AND ps.provider_id = sv.provider_id)) THEN
		o := wc.outcome_only('not_found');
	ELSIF b.status <> 'booked' THEN
		o := wc.outcome_only('not_open');
	ELSIF st.role = 'counter' AND sv.online THEN
		-- the counter records offline services (Art. 13); online ones are
		-- closed by their provider
		o := wc.outcome_only('online_service');
	ELSE
		SELECT * INTO sl FROM wc.slot WHERE id = b.slot_id;
		IF sl.starts_at > now() THEN
			o := wc.outcome_only('too_early');
		ELSE
			IF b.voucher_id IS NOT NULL THEN
				PERFORM 1 FROM wc.voucher WHERE id = b.voucher_id FOR UPDATE;
			END IF;
			IF p_outcome = 'completed' THEN
				IF b.voucher_fen > 0 THEN
					PERFORM wc.voucher_move(b.voucher_id, 'redeem', 0, -b.voucher_fen, b.id, st.id);
					INSERT INTO wc.settlement (booking_id, provider_id, voucher_id, amount_fen)
					VALUES (b.id, sv.provider_id, b.voucher_id, b.voucher_fen);
				END IF;
			ELSE
				PERFORM wc.voucher_release(b.voucher_id, b.voucher_fen, b.id, st.id);
				IF b.purchase_id IS NOT NULL THEN
					UPDATE wc.purchase SET used = used - 1 WHERE id = b.purchase_id;
				END IF;
			END IF;
			UPDATE wc.booking SET status = p_outcome, closed_at = now(), closed_by = st.id
			 WHERE id = b.id;
			INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
			VALUES (st.id, b.person_id, 'booking_' || p_outcome, b.no,
			        jsonb_build_object('voucher_fen', b.voucher_fen, 'provider', sv.provider_id));
			o := wc.outcome_of('ok', b.id, b.voucher_id, false);
		END IF;
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'close', args, o);
END
$$;
GRANT EXECUTE ON FUNCTION api.booking_close(text, uuid, bigint, text) TO wc_staff;

-- A booking by its number, for the clerk's desk or the provider.
CREATE OR REPLACE FUNCTION api.booking_find(p_token text, p_no text)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, status text,
	service_title text, provider_name text, starts_at timestamptz, voucher_fen bigint,
	offline_fen bigint, purchased boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'provider']);
	RETURN QUERY
	SELECT b.id, b.no, b.person_id, wc.mask_name(p.name), b.status, s.title, pr.name,
	       sl.starts_at, b.voucher_fen, b.offline_fen, b.purchase_id IS NOT NULL
	  FROM wc.booking b
	  JOIN wc.person p ON p.id = b.person_id
	  JOIN wc.slot sl ON sl.id = b.slot_id
	  JOIN wc.service s ON s.id = b.service_id
	  JOIN wc.provider pr ON pr.id = s.provider_id
	 WHERE b.no = upper(btrim(p_no))
	   AND ((st.role = 'counter' AND wc.staff_covers(st, p.county_code))
	        OR (st.role = 'provider' AND EXISTS (SELECT FROM wc.provider_staff ps
	                                             WHERE ps.staff_id = st.id
	                                               AND ps.provider_id = s.provider_id)));
END
$$;
GRANT EXECUTE ON FUNCTION api.booking_find(text, text) TO wc_staff;

-- Cancel one open booking on the provider's side (p_source: suspend,
-- remove, slot_close, withdraw), whatever the cut-off: the hold is
-- released, a purchased unit returned, the seat freed, and nobody waiting
-- gets it.
-- Returns the voucher money released, or NULL if the booking was not open.
-- The caller holds the lock of the booking's slot.
CREATE OR REPLACE FUNCTION wc.booking_cancel_for(p_booking bigint, p_staff bigint, p_source text,
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
CREATE OR REPLACE FUNCTION wc.slots_close_bookings(p_slots bigint[], p_staff bigint, p_source text,
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

-- Cancel the open bookings of these services (a provider suspended or
-- removed: all its services; one service withdrawn): those of every
-- slot not closed and not ended, by wc.slots_close_bookings.
CREATE OR REPLACE FUNCTION wc.services_close_bookings(p_services bigint[], p_staff bigint,
	p_source text, p_reason text, OUT cancelled int, OUT released_fen bigint, OUT lapsed int)
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.slots_close_bookings(
		ARRAY(SELECT sl.id FROM wc.slot sl
		       WHERE sl.service_id = ANY (p_services) AND NOT sl.cancelled
		         AND sl.ends_at > now()),
		p_staff, p_source, p_reason)
$$;

-- A person's bookings and waiting places, newest first. can_cancel: before
-- the cut-off and still open.
CREATE OR REPLACE FUNCTION wc.person_bookings(p_person bigint)
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

CREATE OR REPLACE FUNCTION api.citizen_bookings(p_token text)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz, cancel_reason text,
	confirmed boolean)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
	SELECT * FROM wc.person_bookings((wc.session_person(p_token)).id)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_bookings(text) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.person_bookings(p_token text, p_person bigint)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz, cancel_reason text,
	confirmed boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_bookings((wc.person_in_scope(st, p_person)).id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_bookings(text, bigint) TO wc_staff;

-- The day's bookings of the services of the provider the staff account
-- acts for (wc.provider_staff), by start time, every state; the day is a
-- calendar day in Asia/Shanghai. can_close: still booked and its slot has
-- started, so api.booking_close takes it now. An account linked to no
-- provider sees none.
CREATE OR REPLACE FUNCTION api.provider_bookings(p_token text, p_day date)
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
CREATE OR REPLACE FUNCTION api.booking_confirm(p_token text, p_booking bigint, OUT outcome text)
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

-- One check for a new booking row, on the snapshot of the insert (taken
-- after the booking waited for its slot's lock): the slot open, its
-- service and provider active (else 40001: the client sends the call
-- again and the booking answers slot_closed), and a paid service's price
-- approved (WC050). wc.booking_place checks all of this before it takes
-- the seat; this is the guarantee against what committed meanwhile, and
-- against any other writer.
CREATE OR REPLACE FUNCTION wc.booking_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_open boolean;
	v_priced boolean;
BEGIN
	SELECT NOT sl.cancelled AND s.status = 'active' AND p.status = 'active',
	       NOT (s.paid AND s.price_fen = 0)
	  INTO v_open, v_priced
	  FROM wc.slot sl
	  JOIN wc.service s ON s.id = sl.service_id
	  JOIN wc.provider p ON p.id = s.provider_id
	 WHERE sl.id = NEW.slot_id;
	IF NOT v_priced THEN
		RAISE EXCEPTION 'the price of this service awaits approval' USING ERRCODE = 'WC050';
	END IF;
	IF NEW.status = 'booked' AND NOT coalesce(v_open, false) THEN
		RAISE EXCEPTION 'slot closed during booking' USING ERRCODE = '40001';
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER booking_check BEFORE INSERT ON wc.booking
	FOR EACH ROW EXECUTE FUNCTION wc.booking_check();

-- --- the booking itself -------------------------------------------------

-- Book a seat of p_slot for person p (locked by the caller), paying with
-- p_voucher (up to its balance; the rest is paid to the provider
-- offline), or with a unit of p_purchase, or neither (free services,
-- or paid entirely offline). Refusals, checked before anything changes:
--   slot_closed        no such slot, cancelled, started, or service withdrawn
--   already_booked     this person holds a seat of this slot
--   too_many_open      booking_open_max bookings not yet served
--   not_owner          the voucher is someone else's
--   vouchers_frozen    a record of misuse in force (functions/person_sanctions.sql)
--   voucher_expired    past its valid_until
--   voucher_not_accepted  the service does not take vouchers
--   category_not_covered  the voucher does not pay for this category
--   balance_short      nothing left to pay with
--   not_eligible       the purchase is not for this person or this service
--   units_used_up      the purchase has no units left
--   slot_full          no seat left (the only refusal a race decides)
CREATE OR REPLACE FUNCTION wc.booking_place(p wc.person, p_slot bigint, p_voucher bigint,
	p_purchase bigint, p_staff bigint, p_consent text, p_from_waitlist boolean)
RETURNS wc.outcome
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	sv wc.service;
	v wc.voucher;
	pu wc.purchase;
	hold bigint := 0;
	b_id bigint;
	b_no text;
	bal bigint;
	o wc.outcome;
BEGIN
	-- the slot bookable; the person's bookings not cancelled: this slot
	-- among them? how many open, against the limit?
	SELECT s2 AS service, c.mine, c.open,
	       (SELECT st.value::int FROM wc.setting st WHERE st.name = 'booking_open_max') AS open_max
	  INTO r
	  FROM wc.slot s1
	  JOIN wc.service s2 ON s2.id = s1.service_id
	  JOIN wc.provider p2 ON p2.id = s2.provider_id AND p2.status = 'active'
	 CROSS JOIN LATERAL (
		SELECT count(*) FILTER (WHERE b.slot_id = p_slot) AS mine,
		       count(*) FILTER (WHERE b.status = 'booked' AND s3.ends_at > now()) AS open
		  FROM wc.booking b JOIN wc.slot s3 ON s3.id = b.slot_id
		 WHERE b.person_id = p.id AND b.status <> 'cancelled') c
	 WHERE s1.id = p_slot AND NOT s1.cancelled AND s1.starts_at > now()
	   AND s2.status = 'active';
	IF NOT FOUND THEN
		RETURN wc.outcome_only('slot_closed');
	END IF;
	sv := r.service;
	IF r.mine > 0 THEN
		RETURN wc.outcome_only('already_booked');
	END IF;
	IF r.open >= r.open_max THEN
		RETURN wc.outcome_only('too_many_open');
	END IF;
	IF p_voucher IS NOT NULL THEN
		-- read without a lock: the hold below is a conditional update
		SELECT * INTO v FROM wc.voucher WHERE id = p_voucher;
		IF NOT FOUND OR v.person_id <> p.id THEN
			RETURN wc.outcome_only('not_owner');
		END IF;
		IF wc.person_frozen(p.id) THEN
			RETURN wc.outcome_only('vouchers_frozen');
		END IF;
		IF v.valid_until < wc.today() THEN
			v := wc.voucher_expire_if_due(v, p_staff);
		END IF;
		IF v.status <> 'active' THEN
			RETURN wc.outcome_only('voucher_expired');
		END IF;
		IF NOT sv.voucher_ok THEN
			RETURN wc.outcome_only('voucher_not_accepted');
		END IF;
		IF NOT sv.category = ANY (v.categories) THEN
			RETURN wc.outcome_only('category_not_covered');
		END IF;
		IF v.balance_fen <= 0 THEN
			RETURN wc.outcome_only('balance_short');
		END IF;
		hold := least(v.balance_fen, sv.price_fen);
	ELSIF p_purchase IS NOT NULL THEN
		SELECT * INTO pu FROM wc.purchase WHERE id = p_purchase FOR UPDATE;
		IF NOT FOUND OR pu.service_id <> sv.id OR NOT wc.purchase_fits(pu, p) THEN
			RETURN wc.outcome_only('not_eligible');
		END IF;
		IF pu.used >= pu.units THEN
			RETURN wc.outcome_only('units_used_up');
		END IF;
	END IF;
	-- The one check a race decides: READ COMMITTED re-reads the row after
	-- waiting for its lock, so the condition holds for the new value.
	UPDATE wc.slot SET taken = taken + 1 WHERE id = p_slot AND taken < capacity;
	IF NOT FOUND THEN
		RETURN wc.outcome_only('slot_full');
	END IF;
	IF p_purchase IS NOT NULL THEN
		UPDATE wc.purchase SET used = used + 1 WHERE id = p_purchase;
	END IF;
	IF hold > 0 THEN
		-- the balance read above may have moved since (a provider's
		-- completion, an expiry): then nothing here stands, and the
		-- client sends the same call again (40001), which decides afresh.
		-- Before the booking row, whose key check then finds the voucher
		-- already locked by this transaction.
		UPDATE wc.voucher SET balance_fen = balance_fen - hold, held_fen = held_fen + hold
		 WHERE id = p_voucher AND status = 'active' AND balance_fen >= hold
		RETURNING balance_fen INTO bal;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'voucher changed during booking' USING ERRCODE = '40001';
		END IF;
	END IF;
	-- the number is made from the id before the row is written: one row version
	b_id := nextval('wc.booking_id_seq');
	b_no := wc.day_no('YY', b_id);
	INSERT INTO wc.booking (id, no, person_id, slot_id, service_id, price_fen, voucher_id,
		voucher_fen, purchase_id, offline_fen, from_waitlist, staff_id, consent)
	OVERRIDING SYSTEM VALUE
	VALUES (b_id, b_no, p.id, p_slot, sv.id, sv.price_fen, p_voucher, hold, p_purchase,
		CASE WHEN p_purchase IS NULL THEN sv.price_fen - hold ELSE 0 END,
		p_from_waitlist, p_staff, p_consent);
	IF hold > 0 THEN
		INSERT INTO wc.voucher_entry (voucher_id, kind, available_delta, held_delta,
			booking_id, staff_id)
		VALUES (p_voucher, 'hold', -hold, hold, b_id, p_staff);
	END IF;
	PERFORM wc.notice_booking(b_id);
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, p.id, 'booking', b_no,
	        jsonb_build_object('slot', p_slot, 'voucher', p_voucher, 'hold_fen', hold,
	                           'purchase', p_purchase, 'from_waitlist', p_from_waitlist,
	                           'consent', p_consent));
	o.outcome := 'ok';
	o.booking_id := b_id;
	o.booking_no := b_no;
	o.voucher_id := p_voucher;
	o.voucher_fen := hold;
	o.offline_fen := CASE WHEN p_purchase IS NULL THEN sv.price_fen - hold ELSE 0 END;
	o.balance_fen := CASE WHEN p_voucher IS NOT NULL THEN coalesce(bal, v.balance_fen) END;
	o.replayed := false;
	RETURN o;
END
$$;

-- The kiosk's money calls: the session answers the id; the person is read
-- once, under the lock.
CREATE OR REPLACE FUNCTION api.citizen_book(p_token text, p_key uuid, p_slot bigint,
	p_voucher bigint, p_purchase bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_slot::text, p_voucher::text, p_purchase::text);
	v_person bigint := wc.session_person_id(p_token);
	actor text := 'p' || v_person;
	o wc.outcome := wc.request_claim(actor, p_key, 'book', args);
BEGIN
	IF o.outcome IS NULL THEN
		o := wc.request_done(actor, p_key, 'book', args,
		                     wc.booking_place(wc.person_lock(v_person), p_slot, p_voucher,
		                                      p_purchase, NULL, NULL, false));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_book(text, uuid, bigint, bigint, bigint) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.citizen_cancel(p_token text, p_key uuid, p_booking bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_booking::text);
	v_person bigint := wc.session_person_id(p_token);
	actor text := 'p' || v_person;
	o wc.outcome := wc.request_claim(actor, p_key, 'cancel', args);
BEGIN
	IF o.outcome IS NULL THEN
		o := wc.request_done(actor, p_key, 'cancel', args,
		                     wc.booking_cancel_do(wc.person_lock(v_person), p_booking, NULL, NULL));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_cancel(text, uuid, bigint) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.citizen_waitlist_join(p_token text, p_key uuid, p_slot bigint,
	p_voucher bigint, p_purchase bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	args text := wc.request_args(p_slot::text, p_voucher::text, p_purchase::text);
	v_person bigint := wc.session_person_id(p_token);
	actor text := 'p' || v_person;
	o wc.outcome := wc.request_claim(actor, p_key, 'wait', args);
BEGIN
	IF o.outcome IS NULL THEN
		o := wc.request_done(actor, p_key, 'wait', args,
		                     wc.waitlist_join_do(wc.person_lock(v_person), p_slot, p_voucher,
		                                         p_purchase, NULL));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_waitlist_join(text, uuid, bigint, bigint, bigint) TO wc_kiosk;
