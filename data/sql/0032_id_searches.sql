-- A search by full ID number answers whether that number is registered,
-- so it is an oracle: a staff member who sees a masked number
-- (340104***********X) and the person's age and sex could try the about
-- 16,600 numbers that fit (doc/architecture.md, Masking) one by one. Each
-- search by ID number is kept here and audited, and a staff member's
-- searches in any hour are capped (setting id_search_per_hour), which
-- puts rebuilding one number at days of searching, in the audit log.
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.id_search (
	staff_id bigint NOT NULL REFERENCES wc.staff (id),
	at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON wc.id_search (staff_id, at);

-- A busy counter registers a few dozen people an hour; 120 leaves room
-- for mistyped numbers and a queue of returning people.
INSERT INTO wc.setting (name, value) VALUES ('id_search_per_hour', '120');
