-- The counter's worklist (Art. 8, 13) and a provider's complaint against
-- the operator or the platform (Art. 21).
--
-- The worklist counts what waits for a county from the facts already
-- kept (functions/worklist.sql); it needs one setting: how many days
-- ahead a voucher with money left counts as about to expire.
--
-- A provider's complaint is a complaint like any other (the same
-- workflow, queue and deadlines) with no person behind it; the provider
-- and the staff member who filed it are kept beside it, as a guest's
-- name is (0041_guest_complaints.sql). The functions, triggers and
-- grants are in functions/ (worklist.sql, complaint_providers.sql).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('worklist_voucher_days', '30'); -- 即将到期: the last day within this many days

CREATE TABLE wc.complaint_provider (
	complaint_id bigint PRIMARY KEY REFERENCES wc.complaint (id),
	provider_id  bigint NOT NULL REFERENCES wc.provider (id),
	staff_id     bigint NOT NULL REFERENCES wc.staff (id), -- who filed it
	request_key  uuid NOT NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	UNIQUE (provider_id, request_key)
);
-- the provider's own list, newest first
CREATE INDEX ON wc.complaint_provider (provider_id, complaint_id DESC);
