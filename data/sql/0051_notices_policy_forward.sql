-- Two more kinds of notice (Art. 12(1), 21): a new policy, to the people
-- of its area it may fit, and a complaint forwarded (转办), to the
-- provider it concerns. The functions writing them are in
-- functions/notices.sql (functions/README).
--
-- A policy's notice is one per person, so the one-per-fact rule of the
-- outbox (kind, subject) holds for the other kinds only and the policy's
-- is one per policy and person. A provider's notice goes to no person:
-- the number is the provider's own (wc.provider.phone, when a mobile),
-- read when the notice is claimed.
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.notice DROP CONSTRAINT notice_kind_check;
ALTER TABLE wc.notice ADD CONSTRAINT notice_kind_check
	CHECK (kind IN ('booking_confirmed', 'booking_reminder', 'waitlist_seat',
	                'voucher_expiring', 'complaint_replied', 'complaint_material',
	                'policy_new', 'complaint_forwarded'));

ALTER TABLE wc.notice ALTER COLUMN person_id DROP NOT NULL;
ALTER TABLE wc.notice ADD COLUMN provider_id bigint REFERENCES wc.provider (id);
ALTER TABLE wc.notice ADD CONSTRAINT notice_one_recipient
	CHECK (num_nonnulls(person_id, provider_id) = 1);

ALTER TABLE wc.notice DROP CONSTRAINT notice_kind_subject_id_key;
CREATE UNIQUE INDEX notice_one_per_fact ON wc.notice (kind, subject_id)
	WHERE kind <> 'policy_new';
CREATE UNIQUE INDEX notice_one_per_person ON wc.notice (kind, subject_id, person_id)
	WHERE kind = 'policy_new';

-- A policy's notices are written by the daemon's claims, a chunk at a
-- time, from the morning they are due, not in the publication: a
-- county's hundred thousand people would hold the bureau's call past its
-- statement_timeout (5 s through the pool). The publication writes this
-- row, in its transaction (none for a publication rolled back); the
-- claims walk the area's people county by county, in
-- id order, from where the last chunk stopped.
CREATE TABLE wc.notice_fanout (
	policy_id    bigint PRIMARY KEY REFERENCES wc.policy (id) ON DELETE CASCADE, -- deleted only by hand (a test cleaning up)
	due_at       timestamptz NOT NULL,
	county       text REFERENCES wc.region (code), -- being walked; NULL: not begun, or done
	after_person bigint NOT NULL DEFAULT 0,        -- the last person written in it
	done_at      timestamptz                       -- every person written, or withdrawn
);
CREATE INDEX notice_fanout_due ON wc.notice_fanout (due_at) WHERE done_at IS NULL;
-- a county's people in id order: each chunk starts where the last ended
CREATE INDEX person_county_id ON wc.person (county_code, id);

INSERT INTO wc.setting (name, value) VALUES
	('notice_fanout_chunk', '2000'); -- people a claim writes policy notices for, at most
