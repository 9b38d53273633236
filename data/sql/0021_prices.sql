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
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

-- The revenue split of the approved price: the provider's share in per
-- mille; the operator's is the rest.
ALTER TABLE wc.service
	ADD COLUMN provider_permille int NOT NULL DEFAULT 1000
		CHECK (provider_permille BETWEEN 0 AND 1000);

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
REVOKE UPDATE, DELETE, TRUNCATE ON wc.price_event FROM wc_owner;

-- What a price call returns. outcome: 'ok' or why not; status: the
-- proposal's now; replayed: the request was seen before, nothing changed.
CREATE TYPE wc.price_outcome AS (
	outcome     text,
	proposal_id bigint,
	status      text,
	replayed    boolean
);

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
