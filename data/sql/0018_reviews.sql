-- Reviews (评价, Art. 14) and what is done with them (Art. 27-28):
--
--   * a completed booking is rated once by its person, 1 to 5 星级 with an
--     optional 评价内容 (at most review_comment_max characters), at the
--     kiosk or by a county clerk for the person at the desk, with the
--     person's consent recorded;
--   * the text is checked here, not on the kiosk (kiosks are untrusted),
--     against the word list of data/moderation/words.txt (loaded by
--     wanchuang-admin migrate into wc.moderation_word) and for mobile
--     numbers: a review with a hit is held for the supervisor's queue
--     instead of being published;
--   * the supervisor or the operator publishes a held review, takes down
--     (下架) any review, and records the verification (核实) of every bad
--     review (1-2 星, 不满意 and 非常不满意, the 好差评 rule that every bad
--     review is verified). A review taken down is hidden everywhere and
--     its stars leave the averages; what was written stays in the record
--     (no change of the text, no deletion, no way back), and the take-down
--     (who, when, why) is an event that the bureau's report lists;
--   * dynamic management (Art. 14): services and providers whose recent
--     average is low, or whose recent complaints pile up, are listed for
--     the operator and the supervisor with the figures.
--
-- A provider's and a service's rating_sum and rating_count are the sums
-- over their published reviews, kept by the functions that publish and
-- take down.
--
-- Outcomes are text, as in 0013 (a repeated refusal answers the same).
-- A resent call does nothing twice: a booking has one review, and a
-- review sent again with its request key answers ok (replayed); a
-- moderation step sent again with its key finds its own event.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('review_comment_max', '300'),     -- characters of 评价内容
	('quality_rating_below', '3.0'),   -- a flag: an average under this ...
	('quality_rating_min', '5'),       -- ... over at least this many published reviews ...
	('quality_rating_days', '180'),    -- ... of the last this many days
	('quality_complaints_min', '3'),   -- a flag: this many complaints (not 不予受理) ...
	('quality_complaints_days', '90'); -- ... filed in the last this many days

-- A service's own rating, as wc.provider_rating shows a provider's.
ALTER TABLE wc.service
	ADD COLUMN rating_sum bigint NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
	ADD COLUMN rating_count bigint NOT NULL DEFAULT 0 CHECK (rating_count >= 0);

-- The words that hold a review for the supervisor, normalised.
CREATE TABLE wc.moderation_word (
	word text PRIMARY KEY CHECK (word <> '' AND word = wc.moderation_norm(word))
);

-- --- the reviews -----------------------------------------------------------

CREATE TABLE wc.review (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	booking_id   bigint NOT NULL UNIQUE REFERENCES wc.booking (id), -- one review a booking
	person_id    bigint NOT NULL REFERENCES wc.person (id),
	service_id   bigint NOT NULL REFERENCES wc.service (id),
	provider_id  bigint NOT NULL REFERENCES wc.provider (id),
	stars        smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
	comment      text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
	-- published: shown and counted; held: waiting for the supervisor;
	-- taken_down: hidden everywhere, for good
	status       text NOT NULL CHECK (status IN ('published', 'held', 'taken_down')),
	hits         text[] NOT NULL DEFAULT '{}', -- what moderation found when it was written
	created_at   timestamptz NOT NULL DEFAULT now(),
	published_at timestamptz,
	terminal     text NOT NULL DEFAULT session_user,
	staff_id     bigint REFERENCES wc.staff (id), -- the clerk who recorded it for the person
	consent      text CHECK (length(consent) <= 200),
	request_key  uuid NOT NULL,
	-- a bad review's verification (核实): when, by whom, what was found
	checked_at   timestamptz,
	checked_by   bigint REFERENCES wc.staff (id),
	check_note   text,
	CHECK (staff_id IS NULL OR consent IS NOT NULL),
	CHECK (status <> 'published' OR published_at IS NOT NULL)
);
CREATE INDEX ON wc.review (person_id);
CREATE INDEX review_shown ON wc.review (service_id, id DESC) WHERE status = 'published';
CREATE INDEX ON wc.review (provider_id, created_at) WHERE status = 'published';
CREATE INDEX ON wc.review (created_at) WHERE status = 'published';
CREATE INDEX review_held ON wc.review (id) WHERE status = 'held';
CREATE INDEX review_unchecked ON wc.review (id)
	WHERE status = 'published' AND stars <= 2 AND checked_at IS NULL;

-- The moderation steps: append-only. A take-down is the bureau's report
-- entry (when, who, why; the text is the review's, which never changes).
CREATE TABLE wc.review_event (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	review_id     bigint NOT NULL REFERENCES wc.review (id),
	at            timestamptz NOT NULL DEFAULT now(),
	staff_id      bigint NOT NULL REFERENCES wc.staff (id),
	action        text NOT NULL CHECK (action IN ('approve', 'take_down', 'check')),
	status_before text NOT NULL,
	note          text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	request_key   uuid NOT NULL,
	UNIQUE (staff_id, request_key)
);
CREATE INDEX ON wc.review_event (review_id);
CREATE INDEX review_takedown ON wc.review_event (id DESC) WHERE action = 'take_down';
REVOKE UPDATE, DELETE, TRUNCATE ON wc.review_event FROM wc_owner;

-- What a rating or moderation call returns. outcome: 'ok' or why not;
-- status: the review's now (published, held, taken_down); replayed: this
-- request was seen before, nothing changed now.
CREATE TYPE wc.review_outcome AS (
	outcome   text,
	review_id bigint,
	status    text,
	replayed  boolean
);

-- 0012's service page, with the service's own rating after the provider's.
DROP FUNCTION IF EXISTS api.service_get(bigint);
