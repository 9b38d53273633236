-- The booking path (0013) again, doing less per booking with the same
-- meaning. Measured with bench/booking.sh and a profile of the server
-- (perf): the figures are in the README. What changes:
--
--   * the two checks made on every new booking row (0020: the slot still
--     open and its service and provider active, on a fresh snapshot; 0021:
--     a paid service's price approved) are one trigger with one query. Each
--     trigger call is a PL/pgSQL call with its own setting changes, and
--     the price check called a SQL function that is parsed and planned on
--     every call: together about a tenth of a booking's server time;
--   * the session check answers the person's id only: the booking reads
--     the person once, under the person's lock, instead of twice;
--   * the small helpers every call passes through (today, token_hash,
--     setting_int) carry no SET clause. A function's SET clause is applied
--     and undone on every call; the two SQL ones are now inlined into the
--     queries that use them, planned once per connection. They name every
--     object schema-qualified, so the caller's search_path does not
--     matter; every api function pins its own;
--   * the booking's three first reads (the slot with its service and
--     provider, the person's bookings, the open-bookings limit) are one
--     query.
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION wc.today() RETURNS date
LANGUAGE sql STABLE AS $$
	SELECT (pg_catalog.now() AT TIME ZONE 'Asia/Shanghai')::pg_catalog.date
$$;

-- STABLE, not IMMUTABLE as before: convert_to is STABLE, and a function
-- declared more constant than its body is never inlined.
CREATE OR REPLACE FUNCTION wc.token_hash(p_token text) RETURNS bytea
LANGUAGE sql STABLE STRICT AS $$
	SELECT pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'))
$$;

-- PL/pgSQL, not SQL: a scalar SQL function with a FROM clause is never
-- inlined, and PL/pgSQL keeps its plan.
CREATE OR REPLACE FUNCTION wc.setting_int(p_name text) RETURNS int
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT s.value::int FROM wc.setting s WHERE s.name = p_name);
END
$$;

-- The person behind a kiosk token, or WC001, as wc.session_person (0013)
-- decides it; the id only, for callers that lock and read the person next.
CREATE FUNCTION wc.session_person_id(p_token text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	s record;
BEGIN
	SELECT cs.token_hash, cs.person_id, cs.ended_at, cs.terminal, cs.last_seen,
	       (SELECT st.value::int FROM wc.setting st WHERE st.name = 'citizen_idle_minutes') AS idle
	  INTO s
	  FROM wc.citizen_session cs
	 WHERE cs.token_hash = wc.token_hash(p_token);
	IF NOT FOUND OR s.ended_at IS NOT NULL OR s.terminal <> session_user
	   OR s.last_seen + make_interval(mins => s.idle) <= now() THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	IF s.last_seen < now() - interval '5 seconds' THEN
		UPDATE wc.citizen_session SET last_seen = now() WHERE token_hash = s.token_hash;
	END IF;
	RETURN s.person_id;
END
$$;

CREATE OR REPLACE FUNCTION wc.session_person(p_token text) RETURNS wc.person
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint := wc.session_person_id(p_token);
	p wc.person;
BEGIN
	SELECT * INTO p FROM wc.person WHERE id = v_id;
	RETURN p;
END
$$;

-- One check for a new booking row, on the snapshot of the insert (taken
-- after the booking waited for its slot's lock): the slot open, its
-- service and provider active (else 40001: the client sends the call
-- again and the booking answers slot_closed), and a paid service's price
-- approved (WC050). wc.booking_place checks all of this before it takes
-- the seat; this is the guarantee against what committed meanwhile, and
-- against any other writer.
CREATE FUNCTION wc.booking_check() RETURNS trigger
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
DROP TRIGGER booking_check_open ON wc.booking;
DROP TRIGGER booking_price_approved ON wc.booking;
DROP FUNCTION wc.booking_check_open();
DROP FUNCTION wc.booking_price_approved();
CREATE TRIGGER booking_check BEFORE INSERT ON wc.booking
	FOR EACH ROW EXECUTE FUNCTION wc.booking_check();

-- As in 0013, with the first reads in one query.
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
	v_person bigint := wc.session_person_id(p_token);
	actor text := 'p' || v_person;
	o wc.outcome := wc.request_claim(actor, p_key, 'book');
BEGIN
	IF o.outcome IS NULL THEN
		o := wc.request_done(actor, p_key, 'book',
		                     wc.booking_place(wc.person_lock(v_person), p_slot, p_voucher,
		                                      p_purchase, NULL, NULL, false));
	END IF;
	RETURN NEXT o;
END
$$;

CREATE OR REPLACE FUNCTION api.citizen_cancel(p_token text, p_key uuid, p_booking bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
	actor text := 'p' || v_person;
	o wc.outcome := wc.request_claim(actor, p_key, 'cancel');
BEGIN
	IF o.outcome IS NULL THEN
		o := wc.request_done(actor, p_key, 'cancel',
		                     wc.booking_cancel_do(wc.person_lock(v_person), p_booking, NULL, NULL));
	END IF;
	RETURN NEXT o;
END
$$;

CREATE OR REPLACE FUNCTION api.citizen_waitlist_join(p_token text, p_key uuid, p_slot bigint,
	p_voucher bigint, p_purchase bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off SET jit = off AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
	actor text := 'p' || v_person;
	o wc.outcome := wc.request_claim(actor, p_key, 'wait');
BEGIN
	IF o.outcome IS NULL THEN
		o := wc.request_done(actor, p_key, 'wait',
		                     wc.waitlist_join_do(wc.person_lock(v_person), p_slot, p_voucher,
		                                         p_purchase, NULL));
	END IF;
	RETURN NEXT o;
END
$$;
