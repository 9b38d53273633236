-- A record of misuse against a registered person (违规记录, Art. 25):
--
--   * proposed by the operator with its kind, its reason (5 to 500
--     characters) and its period, a number of days or a last day; it
--     takes effect only when the supervisor confirms it (or the
--     supervisor rejects it, with the reason);
--   * in force, from the day it is confirmed to its last day, the
--     person's vouchers are frozen: no new hold with a voucher (a booking
--     or a place on a waiting list) and no voucher issued to the person.
--     Holds made before stay as they are: the service was booked in good
--     faith, and its provider is paid or the hold released as for anyone;
--   * the person appeals once (申诉), at a kiosk or through the counter;
--     the supervisor decides: upheld lifts the record at once, dismissed
--     keeps it to its last day;
--   * the record's state is a row that changes; every step is a row of its
--     history (append-only) and of the audit log.
--
-- kind: false_claim 虚假申报骗取创业券, no_show 恶意预约不到场, other 其他.
-- status: proposed, rejected, in_force, appealed (in force, the appeal
-- waiting), lifted. Past its last day a record in force is simply over
-- (worked out from wc.today(), not stored).
--
-- The functions, triggers and grants are in functions/person_sanctions.sql.
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.person_sanction (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id   bigint NOT NULL REFERENCES wc.person (id),
	kind        text NOT NULL CHECK (kind IN ('false_claim', 'no_show', 'other')),
	reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 5 AND 500),
	days        int CHECK (days BETWEEN 1 AND 3650),
	until       date,
	status      text NOT NULL DEFAULT 'proposed'
	            CHECK (status IN ('proposed', 'rejected', 'in_force', 'appealed', 'lifted')),
	starts_on   date,
	ends_on     date,
	appealed    boolean NOT NULL DEFAULT false,
	proposed_by bigint NOT NULL REFERENCES wc.staff (id),
	proposed_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((days IS NULL) <> (until IS NULL)),
	CHECK ((starts_on IS NULL) = (status IN ('proposed', 'rejected'))),
	CHECK (ends_on >= starts_on)
);
CREATE INDEX ON wc.person_sanction (person_id, id DESC);
-- the supervisor's queue: what waits for a decision
CREATE INDEX ON wc.person_sanction (id) WHERE status IN ('proposed', 'appealed');
REVOKE DELETE, TRUNCATE ON wc.person_sanction FROM wc_owner;

-- action: propose, confirm, reject, appeal, uphold, dismiss. actor: 's'
-- and the staff id, or 'p' and the person's id (an appeal at a kiosk).
CREATE TABLE wc.person_sanction_event (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	sanction_id  bigint NOT NULL REFERENCES wc.person_sanction (id),
	at           timestamptz NOT NULL DEFAULT now(),
	staff_id     bigint REFERENCES wc.staff (id),
	action       text NOT NULL
	             CHECK (action IN ('propose', 'confirm', 'reject', 'appeal', 'uphold', 'dismiss')),
	body         text NOT NULL CHECK (length(btrim(body)) <= 500
	                                  AND (action = 'confirm' OR length(btrim(body)) >= 5)),
	status_after text NOT NULL,
	actor        text NOT NULL,
	request_key  uuid NOT NULL,
	UNIQUE (actor, request_key)
);
CREATE INDEX ON wc.person_sanction_event (sanction_id, id);
REVOKE UPDATE, DELETE, TRUNCATE ON wc.person_sanction_event FROM wc_owner;
