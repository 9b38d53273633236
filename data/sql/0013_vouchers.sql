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
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('booking_open_max', '3'); -- bookings not yet served, per person

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
