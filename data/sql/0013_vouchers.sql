-- Electronic entrepreneurship vouchers (电子创业券, Art. 18, 20), services
-- bought by a department for a group (Art. 19), and bookings: the money
-- path. What must hold, whatever the concurrency and whatever a dropped
-- connection does:
--
--   * a voucher's balance and held amount are the sums of its ledger,
--     which is append-only; neither goes below zero (CHECKs);
--   * a slot's taken seats never exceed its capacity, a purchase's used
--     units never exceed its units (CHECKs, and conditional updates);
--   * one call is one transaction: the seat, the hold and the booking
--     happen together or not at all;
--   * every mutating call carries the client's idempotency key; a call
--     repeated with the same key returns the first call's outcome and
--     changes nothing. Refusals are outcomes, not exceptions, so a
--     repeated refusal answers the same.
--
-- Locks are taken in one order: person, booking, voucher, purchase, slot.
-- A cancel that gives its seat to a waiting person locks that person and
-- their voucher before the slot. Two people cancelling at once, each
-- waiting for the other's slot, can still deadlock: PostgreSQL aborts one
-- and the client repeats the call with the same key (src/db/exec.c).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('booking_open_max', '3'); -- bookings not yet served, per person

-- Append-only tables refuse changes even from the owner.
CREATE FUNCTION wc.refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;

CREATE TABLE wc.voucher_programme (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
	name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
	face_fen     bigint NOT NULL CHECK (face_fen BETWEEN 1 AND 10000000),
	valid_months int NOT NULL CHECK (valid_months BETWEEN 1 AND 60),
	categories   text[] NOT NULL CHECK (cardinality(categories) > 0),
	-- who is eligible: any of these person groups (none: no restriction),
	-- this business stage (NULL: either), and the 条件 language of the
	-- policy matcher for the rest (checked by the client's matcher)
	groups       text[] NOT NULL DEFAULT '{}',
	stage        text CHECK (stage IN ('intending', 'started')),
	conditions   text NOT NULL DEFAULT '' CHECK (length(conditions) <= 2000),
	active       boolean NOT NULL DEFAULT true,
	created_at   timestamptz NOT NULL DEFAULT now()
);

-- What a county may still issue from a programme. Issuing takes the
-- face value; an expired voucher's unspent balance comes back.
CREATE TABLE wc.voucher_budget (
	programme_id  bigint NOT NULL REFERENCES wc.voucher_programme (id),
	county_code   text NOT NULL REFERENCES wc.region (code),
	total_fen     bigint NOT NULL CHECK (total_fen >= 0),
	available_fen bigint NOT NULL CHECK (available_fen >= 0),
	PRIMARY KEY (programme_id, county_code)
);

CREATE TABLE wc.voucher (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	no           text NOT NULL UNIQUE,
	programme_id bigint NOT NULL REFERENCES wc.voucher_programme (id),
	person_id    bigint NOT NULL REFERENCES wc.person (id),
	county_code  text NOT NULL REFERENCES wc.region (code), -- whose budget it came from
	face_fen     bigint NOT NULL CHECK (face_fen > 0),
	categories   text[] NOT NULL,
	issued_at    timestamptz NOT NULL DEFAULT now(),
	valid_until  date NOT NULL, -- the last day it pays (有效期至)
	balance_fen  bigint NOT NULL CHECK (balance_fen >= 0), -- free to spend
	held_fen     bigint NOT NULL DEFAULT 0 CHECK (held_fen >= 0), -- held by open bookings
	status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired')),
	issued_by    bigint REFERENCES wc.staff (id),
	UNIQUE (programme_id, person_id) -- one voucher per person per programme
);
CREATE INDEX ON wc.voucher (person_id);
CREATE INDEX ON wc.voucher (valid_until) WHERE status = 'active';

-- Services a department bought for a group (Art. 19): eligible people
-- book these units free.
CREATE TABLE wc.purchase (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	service_id  bigint NOT NULL REFERENCES wc.service (id),
	region      text NOT NULL REFERENCES wc.region (code), -- whose people: a county or a city
	group_code  text REFERENCES wc.person_category (code), -- NULL: everyone there
	buyer       text NOT NULL CHECK (length(btrim(buyer)) BETWEEN 1 AND 100),
	units       int NOT NULL CHECK (units BETWEEN 1 AND 100000),
	used        int NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= units),
	ends_on     date, -- last day the units may be booked; NULL: until used
	created_by  bigint REFERENCES wc.staff (id),
	created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON wc.purchase (service_id);

CREATE TABLE wc.booking (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	no            text NOT NULL UNIQUE, -- 预约编号
	person_id     bigint NOT NULL REFERENCES wc.person (id),
	slot_id       bigint NOT NULL REFERENCES wc.slot (id),
	-- the slot's service, copied by wc.booking_place (no foreign key: the
	-- slot's already holds, and a key share lock of the service row by
	-- every booking would make its bookings wait on each other)
	service_id    bigint NOT NULL,
	status        text NOT NULL DEFAULT 'booked'
	              CHECK (status IN ('booked', 'cancelled', 'completed', 'no_show')),
	price_fen     bigint NOT NULL CHECK (price_fen >= 0),
	voucher_id    bigint REFERENCES wc.voucher (id),
	voucher_fen   bigint NOT NULL DEFAULT 0 CHECK (voucher_fen >= 0), -- held, then redeemed
	purchase_id   bigint REFERENCES wc.purchase (id),
	offline_fen   bigint NOT NULL DEFAULT 0 CHECK (offline_fen >= 0), -- paid to the provider directly
	from_waitlist boolean NOT NULL DEFAULT false,
	created_at    timestamptz NOT NULL DEFAULT now(),
	terminal      text NOT NULL DEFAULT session_user,
	staff_id      bigint REFERENCES wc.staff (id), -- the counter clerk acting for the person
	consent       text CHECK (length(consent) <= 200), -- how the person agreed
	closed_at     timestamptz,
	closed_by     bigint REFERENCES wc.staff (id),
	CHECK (voucher_id IS NOT NULL OR voucher_fen = 0),
	CHECK (purchase_id IS NULL OR (voucher_fen = 0 AND offline_fen = 0)),
	CHECK (purchase_id IS NOT NULL OR voucher_fen + offline_fen = price_fen)
);
-- No second booking of one slot by one person.
CREATE UNIQUE INDEX booking_once ON wc.booking (person_id, slot_id) WHERE status <> 'cancelled';
CREATE INDEX ON wc.booking (person_id, created_at DESC);
CREATE INDEX ON wc.booking (slot_id);

-- A person waiting for a seat of a full slot; a freed seat goes to the
-- first one whose payment still holds (promotion makes their booking).
CREATE TABLE wc.waitlist (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	slot_id     bigint NOT NULL REFERENCES wc.slot (id),
	person_id   bigint NOT NULL REFERENCES wc.person (id),
	voucher_id  bigint REFERENCES wc.voucher (id),
	purchase_id bigint REFERENCES wc.purchase (id),
	joined_at   timestamptz NOT NULL DEFAULT now(),
	status      text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'booked', 'left', 'lapsed')),
	booking_id  bigint REFERENCES wc.booking (id),
	lapse_why   text, -- the refusal that made a promotion fail
	staff_id    bigint REFERENCES wc.staff (id)
);
CREATE UNIQUE INDEX waitlist_once ON wc.waitlist (slot_id, person_id) WHERE status = 'waiting';
CREATE INDEX ON wc.waitlist (slot_id, id) WHERE status = 'waiting';
CREATE INDEX ON wc.waitlist (person_id);

-- The voucher ledger. available_delta and held_delta move money between
-- free balance, held, and gone (redeemed to a provider, or expired):
--   issue   +face  0       hold    -x  +x      release  +x  -x
--   redeem   0    -x      expire  -x   0
CREATE TABLE wc.voucher_entry (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	voucher_id      bigint NOT NULL REFERENCES wc.voucher (id),
	at              timestamptz NOT NULL DEFAULT now(),
	kind            text NOT NULL CHECK (kind IN ('issue', 'hold', 'release', 'redeem', 'expire')),
	available_delta bigint NOT NULL,
	held_delta      bigint NOT NULL,
	booking_id      bigint, -- the booking it moved money for (written with it)
	staff_id        bigint REFERENCES wc.staff (id),
	terminal        text NOT NULL DEFAULT session_user,
	CHECK (CASE kind
		WHEN 'issue' THEN available_delta > 0 AND held_delta = 0
		WHEN 'hold' THEN available_delta < 0 AND held_delta = -available_delta
		WHEN 'release' THEN available_delta > 0 AND held_delta = -available_delta
		WHEN 'redeem' THEN available_delta = 0 AND held_delta < 0
		WHEN 'expire' THEN available_delta < 0 AND held_delta = 0
	END)
);
CREATE INDEX ON wc.voucher_entry (voucher_id);
CREATE TRIGGER voucher_entry_append_only BEFORE UPDATE OR DELETE ON wc.voucher_entry
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE TRIGGER voucher_entry_no_truncate BEFORE TRUNCATE ON wc.voucher_entry
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON wc.voucher_entry FROM wc_owner;

-- What a provider is owed for completed voucher-paid bookings.
CREATE TABLE wc.settlement (
	booking_id  bigint PRIMARY KEY REFERENCES wc.booking (id),
	provider_id bigint NOT NULL REFERENCES wc.provider (id),
	voucher_id  bigint NOT NULL REFERENCES wc.voucher (id),
	amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
	at          timestamptz NOT NULL DEFAULT now()
);

-- Idempotency: one row per (who, key). The outcome is written in the
-- same transaction as the change it reports.
CREATE TABLE wc.request (
	actor      text NOT NULL, -- 'p<person id>' at a kiosk, 's<staff id>' at a desk
	key        uuid NOT NULL,
	op         text NOT NULL,
	outcome    text,
	booking_id bigint,
	voucher_id bigint,
	at         timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (actor, key)
);

-- What every mutating call returns. outcome: 'ok', 'waiting' (joined a
-- waiting list), or why not (see wc.booking_place and the others).
-- replayed: this key was seen before; nothing changed now.
CREATE TYPE wc.outcome AS (
	outcome     text,
	booking_id  bigint,
	booking_no  text,
	voucher_id  bigint,
	voucher_fen bigint,
	offline_fen bigint,
	balance_fen bigint,
	replayed    boolean
);

-- --- helpers -----------------------------------------------------------
--
-- The helpers on the booking path are PL/pgSQL, not SQL: a SQL function
-- that cannot be inlined (and SET search_path prevents inlining) is parsed
-- and planned again on every call, while PL/pgSQL keeps its plans for the
-- connection. Every query here looks rows up by key, so the cached
-- generic plans are the right ones. The same holds for three older
-- helpers, redefined here with the same meaning.

CREATE OR REPLACE FUNCTION wc.setting_int(p_name text) RETURNS int
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT value::int FROM wc.setting WHERE name = p_name);
END
$$;

CREATE OR REPLACE FUNCTION wc.token_hash(p_token text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN sha256(convert_to(p_token, 'UTF8'));
END
$$;

CREATE OR REPLACE FUNCTION wc.today() RETURNS date
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (now() AT TIME ZONE 'Asia/Shanghai')::date;
END
$$;

-- The person behind a kiosk token, as in 0007, without locking the
-- session row and touching last_seen at most every 5 seconds: every kiosk
-- call passes here, and a row lock or an update each time is WAL each
-- time. The idle limit (2 minutes) is kept to within those 5 seconds.
CREATE OR REPLACE FUNCTION wc.session_person(p_token text) RETURNS wc.person
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s wc.citizen_session;
	p wc.person;
BEGIN
	SELECT * INTO s FROM wc.citizen_session WHERE token_hash = wc.token_hash(p_token);
	IF NOT FOUND OR s.ended_at IS NOT NULL OR s.terminal <> session_user
	   OR s.last_seen + make_interval(mins => wc.setting_int('citizen_idle_minutes')) <= now() THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	IF s.last_seen < now() - interval '5 seconds' THEN
		UPDATE wc.citizen_session SET last_seen = now() WHERE token_hash = s.token_hash;
	END IF;
	SELECT * INTO p FROM wc.person WHERE id = s.person_id;
	RETURN p;
END
$$;

CREATE FUNCTION wc.day_no(p_prefix text, p_id bigint) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN p_prefix || to_char(wc.today(), 'YYYYMMDD') || lpad((p_id % 1000000)::text, 6, '0');
END
$$;

-- The outcome as the booking and voucher now stand.
CREATE FUNCTION wc.outcome_of(p_outcome text, p_booking bigint, p_voucher bigint,
	p_replayed boolean) RETURNS wc.outcome
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o wc.outcome;
BEGIN
	o.outcome := p_outcome;
	o.replayed := p_replayed;
	o.voucher_id := p_voucher;
	IF p_booking IS NOT NULL THEN
		SELECT b.id, b.no, coalesce(b.voucher_id, p_voucher), b.voucher_fen, b.offline_fen
		  INTO o.booking_id, o.booking_no, o.voucher_id, o.voucher_fen, o.offline_fen
		  FROM wc.booking b WHERE b.id = p_booking;
	END IF;
	IF o.voucher_id IS NOT NULL THEN
		SELECT v.balance_fen INTO o.balance_fen FROM wc.voucher v WHERE v.id = o.voucher_id;
	END IF;
	RETURN o;
END
$$;

-- Claim a key: NULL if it is new (the caller goes on and must call
-- wc.request_done, which records the outcome), else the first call's
-- outcome. A concurrent call with the same key waits here, on a
-- transaction-scoped advisory lock of the key (no row is written to
-- wait on), until the first commits; it then finds the outcome.
CREATE FUNCTION wc.request_claim(p_actor text, p_key uuid, p_op text) RETURNS wc.outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r wc.request;
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	-- advisory keys of class 2 are request keys (hashed: a collision only waits)
	PERFORM pg_advisory_xact_lock(2, hashtext(p_actor || p_key::text));
	SELECT * INTO r FROM wc.request WHERE actor = p_actor AND key = p_key;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	IF r.op <> p_op THEN
		RETURN ROW('key_reused', NULL, NULL, NULL, NULL, NULL, NULL, true)::wc.outcome;
	END IF;
	RETURN wc.outcome_of(r.outcome, r.booking_id, r.voucher_id, true);
END
$$;

CREATE FUNCTION wc.request_done(p_actor text, p_key uuid, p_op text, o wc.outcome)
RETURNS wc.outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO wc.request (actor, key, op, outcome, booking_id, voucher_id)
	VALUES (p_actor, p_key, p_op, o.outcome, o.booking_id, o.voucher_id);
	RETURN o;
END
$$;

-- An outcome with no booking or voucher to report: every refusal, and the
-- bare 'ok' or 'waiting' of a call that made none.
CREATE FUNCTION wc.outcome_only(p_outcome text) RETURNS wc.outcome
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	o wc.outcome;
BEGIN
	o.outcome := p_outcome;
	o.replayed := false;
	RETURN o;
END
$$;

-- Write one ledger entry and apply it to the voucher row (locked by the caller).
CREATE FUNCTION wc.voucher_move(p_voucher bigint, p_kind text, p_available bigint,
	p_held bigint, p_booking bigint, p_staff bigint) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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
CREATE FUNCTION wc.voucher_expire_if_due(v wc.voucher, p_staff bigint) RETURNS wc.voucher
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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
CREATE FUNCTION wc.voucher_release(p_voucher bigint, p_amount bigint, p_booking bigint,
	p_staff bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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

-- Whether a person may use a department's purchase (Art. 19): in its
-- area, in its group, before its end.
CREATE FUNCTION wc.purchase_fits(pu wc.purchase, p wc.person) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT (pu.region = p.county_code OR pu.region = '340000'
	        OR (right(pu.region, 2) = '00' AND left(pu.region, 4) = left(p.county_code, 4)))
	   AND (pu.group_code IS NULL OR pu.group_code = ANY (p.categories))
	   AND (pu.ends_on IS NULL OR pu.ends_on >= wc.today())
$$;

-- --- the booking itself -------------------------------------------------

-- Book a seat of p_slot for person p (locked by the caller), paying with
-- p_voucher (up to its balance; the rest is paid to the provider
-- offline), or with a unit of p_purchase, or neither (free services,
-- or paid entirely offline). Refusals, checked before anything changes:
--   slot_closed        no such slot, cancelled, started, or service withdrawn
--   already_booked     this person holds a seat of this slot
--   too_many_open      booking_open_max bookings not yet served
--   not_owner          the voucher is someone else's
--   voucher_expired    past its valid_until
--   voucher_not_accepted  the service does not take vouchers
--   category_not_covered  the voucher does not pay for this category
--   balance_short      nothing left to pay with
--   not_eligible       the purchase is not for this person or this service
--   units_used_up      the purchase has no units left
--   slot_full          no seat left (the only refusal a race decides)
CREATE FUNCTION wc.booking_place(p wc.person, p_slot bigint, p_voucher bigint,
	p_purchase bigint, p_staff bigint, p_consent text, p_from_waitlist boolean)
RETURNS wc.outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	sv wc.service;
	v wc.voucher;
	pu wc.purchase;
	hold bigint := 0;
	b_id bigint;
	b_no text;
	bal bigint;
	o wc.outcome;
	n_mine bigint;
	n_open bigint;
BEGIN
	SELECT s2.* INTO sv FROM wc.slot s1
	  JOIN wc.service s2 ON s2.id = s1.service_id
	  JOIN wc.provider p2 ON p2.id = s2.provider_id AND p2.status = 'active'
	 WHERE s1.id = p_slot AND NOT s1.cancelled AND s1.starts_at > now()
	   AND s2.status = 'active';
	IF NOT FOUND THEN
		RETURN wc.outcome_only('slot_closed');
	END IF;
	-- the person's bookings not cancelled: this slot among them? how many open?
	SELECT count(*) FILTER (WHERE b.slot_id = p_slot),
	       count(*) FILTER (WHERE b.status = 'booked' AND s3.ends_at > now())
	  INTO n_mine, n_open
	  FROM wc.booking b JOIN wc.slot s3 ON s3.id = b.slot_id
	 WHERE b.person_id = p.id AND b.status <> 'cancelled';
	IF n_mine > 0 THEN
		RETURN wc.outcome_only('already_booked');
	END IF;
	IF n_open >= wc.setting_int('booking_open_max') THEN
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

-- Give a freed seat of a slot to the first waiting person whose payment
-- still holds; those whose does not are marked lapsed with the reason.
CREATE FUNCTION wc.waitlist_promote(p_slot bigint, p_staff bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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
CREATE FUNCTION wc.booking_cancel_do(p wc.person, p_booking bigint, p_staff bigint,
	p_consent text) RETURNS wc.outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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
CREATE FUNCTION wc.waitlist_join_do(p wc.person, p_slot bigint, p_voucher bigint,
	p_purchase bigint, p_staff bigint) RETURNS wc.outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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
	INSERT INTO wc.waitlist (slot_id, person_id, voucher_id, purchase_id, staff_id)
	VALUES (p_slot, p.id, p_voucher, p_purchase, p_staff)
	ON CONFLICT DO NOTHING;
	IF NOT FOUND THEN
		RETURN wc.outcome_only('already_waiting');
	END IF;
	RETURN wc.outcome_only('waiting');
END
$$;

-- The coming slots of a service (not yet started), with seats left and
-- how many wait for a seat.
CREATE FUNCTION api.service_slots(p_service bigint, p_limit int)
RETURNS TABLE (id bigint, starts_at timestamptz, ends_at timestamptz, place text,
	capacity int, seats_left int, waiting bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT sl.id, sl.starts_at, sl.ends_at, coalesce(nullif(sl.place, ''), s.place),
	       sl.capacity, sl.capacity - sl.taken,
	       (SELECT count(*) FROM wc.waitlist w WHERE w.slot_id = sl.id AND w.status = 'waiting')
	  FROM wc.slot sl
	  JOIN wc.service s ON s.id = sl.service_id
	 WHERE sl.service_id = p_service AND NOT sl.cancelled AND sl.starts_at > now()
	 ORDER BY sl.starts_at, sl.id
	 LIMIT greatest(1, least(coalesce(p_limit, 50), 500))
$$;
GRANT EXECUTE ON FUNCTION api.service_slots(bigint, int) TO wc_staff, wc_kiosk;

-- --- the kiosk: the signed-in person -----------------------------------

-- One person's money and bookings change one call at a time: a
-- transaction-scoped advisory lock (class 1: person ids; ids above 2^31
-- share keys, which only makes them wait) — a row lock would write WAL
-- on every call. Every function that books, cancels or issues for a
-- person takes it first.
CREATE FUNCTION wc.person_lock(p_id bigint) RETURNS wc.person
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person;
BEGIN
	PERFORM pg_advisory_xact_lock(1, (p_id % 2147483647)::int);
	SELECT * INTO p FROM wc.person WHERE id = p_id;
	RETURN p;
END
$$;

CREATE FUNCTION api.citizen_book(p_token text, p_key uuid, p_slot bigint, p_voucher bigint,
	p_purchase bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
	actor text := 'p' || p.id;
	o wc.outcome := wc.request_claim(actor, p_key, 'book');
BEGIN
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'book',
		                     wc.booking_place(p, p_slot, p_voucher, p_purchase, NULL, NULL, false));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_book(text, uuid, bigint, bigint, bigint) TO wc_kiosk;

CREATE FUNCTION api.citizen_cancel(p_token text, p_key uuid, p_booking bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
	actor text := 'p' || p.id;
	o wc.outcome := wc.request_claim(actor, p_key, 'cancel');
BEGIN
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'cancel', wc.booking_cancel_do(p, p_booking, NULL, NULL));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_cancel(text, uuid, bigint) TO wc_kiosk;

CREATE FUNCTION api.citizen_waitlist_join(p_token text, p_key uuid, p_slot bigint,
	p_voucher bigint, p_purchase bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
	actor text := 'p' || p.id;
	o wc.outcome := wc.request_claim(actor, p_key, 'wait');
BEGIN
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'wait', wc.waitlist_join_do(p, p_slot, p_voucher, p_purchase, NULL));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_waitlist_join(text, uuid, bigint, bigint, bigint) TO wc_kiosk;

-- A person's vouchers, expiring any that are due first.
CREATE FUNCTION wc.person_vouchers(p_person bigint, p_staff bigint)
RETURNS TABLE (id bigint, no text, programme_name text, face_fen bigint, balance_fen bigint,
	held_fen bigint, valid_until date, status text, categories text[], category_names text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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

CREATE FUNCTION api.citizen_vouchers(p_token text)
RETURNS TABLE (id bigint, no text, programme_name text, face_fen bigint, balance_fen bigint,
	held_fen bigint, valid_until date, status text, categories text[], category_names text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_vouchers((wc.session_person(p_token)).id, NULL)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_vouchers(text) TO wc_kiosk;

-- A person's bookings and waiting places, newest first. can_cancel: before
-- the cut-off and still open.
CREATE FUNCTION wc.person_bookings(p_person bigint)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT b.id, b.no, 'booking', b.status, s.title, pr.name, sl.starts_at, sl.ends_at,
	       coalesce(nullif(sl.place, ''), s.place), b.price_fen, b.voucher_fen, b.offline_fen,
	       b.purchase_id IS NOT NULL, b.from_waitlist,
	       b.status = 'booked' AND sl.starts_at - make_interval(hours => s.cancel_hours) > now(),
	       b.created_at
	  FROM wc.booking b
	  JOIN wc.slot sl ON sl.id = b.slot_id
	  JOIN wc.service s ON s.id = b.service_id
	  JOIN wc.provider pr ON pr.id = s.provider_id
	 WHERE b.person_id = p_person
	UNION ALL
	SELECT w.id, NULL, 'waitlist', w.status, s.title, pr.name, sl.starts_at, sl.ends_at,
	       coalesce(nullif(sl.place, ''), s.place), s.price_fen, 0, 0, w.purchase_id IS NOT NULL,
	       false, false, w.joined_at
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
	from_waitlist boolean, can_cancel boolean, created_at timestamptz)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_bookings((wc.session_person(p_token)).id)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_bookings(text) TO wc_kiosk;

-- The department purchases a person may use for a service.
CREATE FUNCTION wc.person_purchases(p wc.person, p_service bigint)
RETURNS TABLE (id bigint, buyer text, group_name text, units_left int, ends_on date)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT pu.id, pu.buyer, pc.name, pu.units - pu.used, pu.ends_on
	  FROM wc.purchase pu
	  LEFT JOIN wc.person_category pc ON pc.code = pu.group_code
	 WHERE pu.service_id = p_service AND wc.purchase_fits(pu, p)
	 ORDER BY pu.id
$$;

CREATE FUNCTION api.citizen_purchases(p_token text, p_service bigint)
RETURNS TABLE (id bigint, buyer text, group_name text, units_left int, ends_on date)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_purchases(wc.session_person(p_token), p_service)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_purchases(text, bigint) TO wc_kiosk;

-- --- the counter --------------------------------------------------------

-- The programmes a clerk may issue from: those with a budget in the
-- person's county, with what is left of it.
CREATE FUNCTION api.voucher_programmes(p_token text, p_person bigint)
RETURNS TABLE (id bigint, code text, name text, face_fen bigint, valid_months int,
	categories text[], category_names text, groups text[], stage text, conditions text,
	budget_left bigint, already_issued boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
-- the person's groups and stage, one per programme, the county's budget.
-- Refusals: not_eligible, already_issued, no_programme, budget_short.
CREATE FUNCTION api.voucher_issue(p_token text, p_key uuid, p_person bigint, p_programme bigint)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
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
	o := wc.request_claim(actor, p_key, 'issue');
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	p := wc.person_lock(p.id);
	SELECT * INTO g FROM wc.voucher_programme WHERE id = p_programme AND active;
	IF NOT FOUND THEN
		o := wc.outcome_only('no_programme');
	ELSIF (cardinality(g.groups) > 0 AND NOT g.groups && p.categories)
	      OR (g.stage IS NOT NULL AND g.stage <> p.stage) THEN
		o := wc.outcome_only('not_eligible');
	ELSIF EXISTS (SELECT FROM wc.voucher v WHERE v.programme_id = g.id AND v.person_id = p.id) THEN
		o := wc.outcome_only('already_issued');
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
			INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
			VALUES (st.id, p.id, 'voucher_issue', v_no,
			        jsonb_build_object('programme', g.code, 'face_fen', g.face_fen));
			o := wc.outcome_of('ok', NULL, v_id, false);
		END IF;
	END IF;
	RETURN NEXT wc.request_done(actor, p_key, 'issue', o);
END
$$;
GRANT EXECUTE ON FUNCTION api.voucher_issue(text, uuid, bigint, bigint) TO wc_staff;

CREATE FUNCTION api.person_vouchers(p_token text, p_person bigint)
RETURNS TABLE (id bigint, no text, programme_name text, face_fen bigint, balance_fen bigint,
	held_fen bigint, valid_until date, status text, categories text[], category_names text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_vouchers((wc.person_in_scope(st, p_person)).id, st.id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_vouchers(text, bigint) TO wc_staff;

CREATE FUNCTION api.person_bookings(p_token text, p_person bigint)
RETURNS TABLE (id bigint, no text, kind text, status text, service_title text,
	provider_name text, starts_at timestamptz, ends_at timestamptz, place text,
	price_fen bigint, voucher_fen bigint, offline_fen bigint, purchased boolean,
	from_waitlist boolean, can_cancel boolean, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_bookings((wc.person_in_scope(st, p_person)).id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_bookings(text, bigint) TO wc_staff;

CREATE FUNCTION api.person_purchases(p_token text, p_person bigint, p_service bigint)
RETURNS TABLE (id bigint, buyer text, group_name text, units_left int, ends_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_purchases(wc.person_in_scope(st, p_person), p_service);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_purchases(text, bigint, bigint) TO wc_staff;

-- A clerk books for a person at the desk; p_consent records how the
-- person agreed (e.g. 本人到场口头同意). Audited with the clerk and the person.
CREATE FUNCTION api.counter_book(p_token text, p_key uuid, p_person bigint, p_slot bigint,
	p_voucher bigint, p_purchase bigint, p_consent text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
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
	o := wc.request_claim(actor, p_key, 'book');
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'book',
		                     wc.booking_place(p, p_slot, p_voucher, p_purchase, st.id, p_consent, false));
	END IF;
	RETURN NEXT o;
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_book(text, uuid, bigint, bigint, bigint, bigint, text) TO wc_staff;

CREATE FUNCTION api.counter_cancel(p_token text, p_key uuid, p_person bigint, p_booking bigint,
	p_consent text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
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
	o := wc.request_claim(actor, p_key, 'cancel');
	IF o.outcome IS NULL THEN
		p := wc.person_lock(p.id);
		o := wc.request_done(actor, p_key, 'cancel', wc.booking_cancel_do(p, p_booking, st.id, p_consent));
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
CREATE FUNCTION api.booking_close(p_token text, p_key uuid, p_booking bigint, p_outcome text)
RETURNS SETOF wc.outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
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
	o := wc.request_claim(actor, p_key, 'close');
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
	RETURN NEXT wc.request_done(actor, p_key, 'close', o);
END
$$;
GRANT EXECUTE ON FUNCTION api.booking_close(text, uuid, bigint, text) TO wc_staff;

-- A booking by its number, for the clerk's desk or the provider.
CREATE FUNCTION api.booking_find(p_token text, p_no text)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, status text,
	service_title text, provider_name text, starts_at timestamptz, voucher_fen bigint,
	offline_fen bigint, purchased boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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

-- The day's bookings of the services of the provider the staff account
-- acts for (wc.provider_staff), by start time, every state; the day is a
-- calendar day in Asia/Shanghai. can_close: still booked and its slot has
-- started, so api.booking_close takes it now. An account linked to no
-- provider sees none.
CREATE FUNCTION api.provider_bookings(p_token text, p_day date)
RETURNS TABLE (id bigint, no text, status text, service_title text, starts_at timestamptz,
	ends_at timestamptz, place text, name_masked text, voucher_fen bigint,
	offline_fen bigint, purchased boolean, can_close boolean)
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
	       b.status = 'booked' AND sl.starts_at <= now()
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

-- --- administration -----------------------------------------------------

CREATE FUNCTION wc_admin.programme_add(p_code text, p_name text, p_face_fen bigint,
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

-- Set a county's budget for a programme; what was already issued stays taken.
CREATE FUNCTION wc_admin.budget_set(p_programme_code text, p_county text, p_total_fen bigint)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	g_id bigint;
BEGIN
	SELECT id INTO STRICT g_id FROM wc.voucher_programme WHERE code = p_programme_code;
	INSERT INTO wc.voucher_budget (programme_id, county_code, total_fen, available_fen)
	VALUES (g_id, p_county, p_total_fen, p_total_fen)
	ON CONFLICT (programme_id, county_code) DO UPDATE
		SET available_fen = wc.voucher_budget.available_fen
		                    + EXCLUDED.total_fen - wc.voucher_budget.total_fen,
		    total_fen = EXCLUDED.total_fen;
	INSERT INTO wc.audit (action, object, detail)
	VALUES ('voucher_budget_set', p_programme_code,
	        jsonb_build_object('county', p_county, 'total_fen', p_total_fen));
END
$$;

CREATE FUNCTION wc_admin.purchase_add(p_service_code text, p_region text, p_group text,
	p_buyer text, p_units int, p_ends_on date) RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.purchase (service_id, region, group_code, buyer, units, ends_on)
	SELECT s.id, p_region, p_group, p_buyer, p_units, p_ends_on
	  FROM wc.service s WHERE s.code = p_service_code
	RETURNING id
$$;

-- Expire every voucher past its day (run nightly); returns how many.
CREATE FUNCTION wc_admin.vouchers_expire() RETURNS int
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
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
	          WHERE p.pronamespace = 'api'::regnamespace
	            AND p.proname IN ('citizen_book', 'citizen_cancel', 'citizen_waitlist_join',
	                              'citizen_vouchers', 'citizen_bookings', 'citizen_purchases',
	                              'counter_book', 'counter_cancel', 'voucher_issue',
	                              'voucher_programmes', 'person_vouchers', 'person_bookings',
	                              'person_purchases', 'booking_close', 'booking_find',
	                              'provider_bookings')
	LOOP
		EXECUTE format('ALTER FUNCTION %s SET enable_seqscan = off', f);
		EXECUTE format('ALTER FUNCTION %s SET jit = off', f);
	END LOOP;
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
	          WHERE p.pronamespace = 'wc'::regnamespace
	            AND p.proname IN ('booking_place', 'booking_cancel_do', 'waitlist_promote',
	                              'waitlist_join_do', 'outcome_of', 'request_claim',
	                              'request_done', 'outcome_only', 'person_lock', 'day_no',
	                              'voucher_move', 'voucher_release', 'voucher_expire_if_due',
	                              'purchase_fits', 'person_vouchers', 'person_bookings',
	                              'person_purchases')
	LOOP
		EXECUTE format('ALTER FUNCTION %s RESET ALL', f);
	END LOOP;
END
$$;
