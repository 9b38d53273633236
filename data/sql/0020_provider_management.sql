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
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
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
REVOKE UPDATE, DELETE, TRUNCATE ON wc.provider_sanction FROM wc_owner;

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
REVOKE UPDATE, DELETE, TRUNCATE ON wc.slot_closure FROM wc_owner;

-- --- what the person sees: the cancel reason ---------------------------------

-- 0013's bookings of a person, with why a booking was cancelled on the
-- provider's side (NULL otherwise) as a last column. The result type
-- changes, so the three functions are dropped and made again with the
-- grants and settings 0013 gave them.
DROP FUNCTION IF EXISTS api.citizen_bookings(text);
DROP FUNCTION IF EXISTS api.person_bookings(text, bigint);
DROP FUNCTION IF EXISTS wc.person_bookings(bigint);

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
REVOKE UPDATE, DELETE, TRUNCATE ON wc.content_takedown FROM wc_owner;

-- The bureau's take-down report (0018) with the texts taken down beside
-- the reviews: the same columns, then kind ('review', 'service',
-- 'provider') and field (the text's: title, description, address, phone;
-- NULL for a review). For a text, comment is the original, service_title
-- the service's title as written (NULL for a provider's text), and the
-- review's columns are NULL.
DROP FUNCTION IF EXISTS api.review_takedowns(text, bigint, int);

-- --- the provider confirms a booking (接单确认) ------------------------------

-- 0013's day list of a provider's bookings, with whether each is confirmed
-- (a last column: dropped and made again with 0013's grant).
DROP FUNCTION IF EXISTS api.provider_bookings(text, date);
