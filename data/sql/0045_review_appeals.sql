-- A provider's appeal (申诉) against a published review of its services,
-- and the rectification (整改) the supervisor may require after a bad
-- review (好差评 practice):
--
--   * the provider's staff appeal a review once, with the reason (5 to
--     500 characters); the third-party supervisor alone decides, once:
--     维持 (keep) leaves it as it is; 撤销 (revoke) hides it from the
--     public and takes its stars out of the averages, the reason kept and
--     shown to the person who wrote it;
--   * after a published review of 1-2 stars, or one whose appeal was kept,
--     the supervisor may require rectification, once a review: the
--     provider has 5 working days (wc.rectification_due, from the
--     calendar) to report what it rectified; the supervisor accepts or
--     sends it back, which opens a new period of 5 working days; a period
--     past its day with nothing reported is 已超期 on both sides' lists,
--     and a report made after the day is marked late;
--   * every row is kept (append-only), each step has its request key and
--     is audited.
--
-- The person's list of their own reviews gains the provider's public
-- reply and the reason of a revocation (last columns): dropped here, made
-- again in functions/reviews.sql. The functions, triggers and grants are
-- in functions/review_appeals.sql.
SET LOCAL ROLE wc_owner;

-- One appeal a review, for good.
CREATE TABLE wc.review_appeal (
	review_id   bigint PRIMARY KEY REFERENCES wc.review (id),
	at          timestamptz NOT NULL DEFAULT now(),
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 5 AND 500),
	request_key uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);

-- Its decision, once: keep (维持) or revoke (撤销).
CREATE TABLE wc.review_appeal_decision (
	review_id   bigint PRIMARY KEY REFERENCES wc.review_appeal (review_id),
	at          timestamptz NOT NULL DEFAULT now(),
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	decision    text NOT NULL CHECK (decision IN ('keep', 'revoke')),
	reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 5 AND 500),
	request_key uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);

-- One rectification a review.
CREATE TABLE wc.rectification (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	review_id   bigint NOT NULL UNIQUE REFERENCES wc.review (id),
	provider_id bigint NOT NULL REFERENCES wc.provider (id),
	at          timestamptz NOT NULL DEFAULT now(),
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	requirement text NOT NULL CHECK (length(btrim(requirement)) BETWEEN 5 AND 500),
	request_key uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
CREATE INDEX ON wc.rectification (provider_id);

-- Its periods: the first when required, one more each time it is sent back.
CREATE TABLE wc.rectification_round (
	rectification_id bigint NOT NULL REFERENCES wc.rectification (id),
	round            int NOT NULL CHECK (round >= 1),
	opened_on        date NOT NULL,
	due_on           date NOT NULL CHECK (due_on > opened_on),
	PRIMARY KEY (rectification_id, round)
);

-- The provider's report of a period, once.
CREATE TABLE wc.rectification_report (
	rectification_id bigint NOT NULL,
	round            int NOT NULL,
	at               timestamptz NOT NULL DEFAULT now(),
	staff_id         bigint NOT NULL REFERENCES wc.staff (id),
	body             text NOT NULL CHECK (length(btrim(body)) BETWEEN 5 AND 500),
	late             boolean NOT NULL, -- made after the period's day
	request_key      uuid NOT NULL,
	PRIMARY KEY (rectification_id, round),
	FOREIGN KEY (rectification_id, round) REFERENCES wc.rectification_round,
	UNIQUE (staff_id, request_key)
);

-- The supervisor's decision on a report, once: accept, or return (退回)
-- with the reason, which opens the next period.
CREATE TABLE wc.rectification_decision (
	rectification_id bigint NOT NULL,
	round            int NOT NULL,
	at               timestamptz NOT NULL DEFAULT now(),
	staff_id         bigint NOT NULL REFERENCES wc.staff (id),
	decision         text NOT NULL CHECK (decision IN ('accept', 'return')),
	note             text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	request_key      uuid NOT NULL,
	PRIMARY KEY (rectification_id, round),
	FOREIGN KEY (rectification_id, round) REFERENCES wc.rectification_report,
	CHECK (decision = 'accept' OR length(btrim(note)) >= 5),
	UNIQUE (staff_id, request_key)
);

-- Kept as written: the triggers of functions/review_appeals.sql refuse
-- every change. A table another one's foreign key names keeps UPDATE,
-- which the key's check (a row lock) needs; the others lose it too.
REVOKE DELETE, TRUNCATE ON wc.review_appeal, wc.rectification, wc.rectification_round,
	wc.rectification_report FROM wc_owner;
REVOKE UPDATE, DELETE, TRUNCATE ON wc.review_appeal_decision, wc.rectification_decision
	FROM wc_owner;

DROP FUNCTION IF EXISTS api.citizen_reviews(text);
DROP FUNCTION IF EXISTS api.person_reviews(text, bigint);
DROP FUNCTION IF EXISTS wc.person_reviews(bigint);
