-- One service withdrawn (下架) by the operator, not the whole provider,
-- and restored (恢复上架) (Art. 27):
--
--   * a withdrawn service leaves the catalogue and cannot be booked (its
--     status 'withdrawn', which the catalogue, the booking path, slots
--     and prices already read); its open bookings are cancelled as a
--     provider's suspension cancels them (wc.services_close_bookings):
--     the seat freed, the voucher hold released, the reason shown to the
--     person, those waiting lapsed; cancel_source 'withdraw';
--   * every withdrawal and restoration is a row of the service's history
--     (append-only), with its reason (at least 5 characters: 'text_too_short'),
--     who and when, and what it did; the provider sees its service marked
--     已下架 with the latest withdrawal's reason (api.provider_services);
--
-- and a provider answers a published review of its services once, in
-- public (公开回复, 好差评 practice): 5 to 500 characters, none of the word
-- list, shown under the review on the service's page and in the
-- provider's 评价与投诉; kept (append-only) and audited.
--
-- The functions, triggers and grants are in functions/withdrawals.sql
-- and functions/review_replies.sql.
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.booking DROP CONSTRAINT booking_cancel_source_check;
ALTER TABLE wc.booking ADD CONSTRAINT booking_cancel_source_check
	CHECK (cancel_source IN ('suspend', 'remove', 'slot_close', 'withdraw'));

-- kind: withdraw (下架) or restore (恢复上架).
CREATE TABLE wc.service_withdrawal (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	service_id   bigint NOT NULL REFERENCES wc.service (id),
	at           timestamptz NOT NULL DEFAULT now(),
	staff_id     bigint NOT NULL REFERENCES wc.staff (id),
	kind         text NOT NULL CHECK (kind IN ('withdraw', 'restore')),
	reason       text NOT NULL CHECK (length(btrim(reason)) BETWEEN 5 AND 500),
	cancelled    int NOT NULL DEFAULT 0,
	released_fen bigint NOT NULL DEFAULT 0,
	lapsed       int NOT NULL DEFAULT 0,
	request_key  uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
CREATE INDEX ON wc.service_withdrawal (service_id, id DESC);
REVOKE UPDATE, DELETE, TRUNCATE ON wc.service_withdrawal FROM wc_owner;

-- The provider's list of its services gains the withdrawal's reason (a
-- last column): dropped here, made again in functions/providers.sql.
DROP FUNCTION IF EXISTS api.provider_services(text);

-- --- a provider's public reply to a review -------------------------------------

-- One reply a review, for good: append-only.
CREATE TABLE wc.review_reply (
	review_id   bigint PRIMARY KEY REFERENCES wc.review (id),
	at          timestamptz NOT NULL DEFAULT now(),
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	body        text NOT NULL CHECK (length(btrim(body)) BETWEEN 5 AND 500),
	request_key uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
REVOKE UPDATE, DELETE, TRUNCATE ON wc.review_reply FROM wc_owner;

-- The published reviews of a service and of a provider, and the moderation
-- queue, gain the reply (last columns): dropped here, made again in
-- functions/reviews.sql and functions/providers.sql.
DROP FUNCTION IF EXISTS api.service_reviews(bigint, bigint, int);
DROP FUNCTION IF EXISTS api.review_queue(text, text, bigint, int);
DROP FUNCTION IF EXISTS api.provider_reviews(text, bigint, int);
