-- Notices that reach people (Art. 12(1), 13): the outbox.
--
-- A notice is a row written in the same transaction as the fact it
-- announces (a booking placed, a voucher issued, a complaint answered),
-- by the function that makes the fact (functions/notices.sql). The
-- daemon wanchuang-notify claims due rows, sends each as an SMS and
-- records how it went; nothing else reads them. A notice holds what the
-- template needs (a booking number, a service, a time), never an ID
-- number; the mobile number stays in wc.person, and only the daemon's
-- login may have it decrypted (api.notice_claim).
--
-- state: pending (waits for due_at), sending (claimed: the gateway may
-- have it; the notice id is the key the gateway de-duplicates on),
-- sent, failed (refused, or the attempt limit reached), cancelled (its
-- fact no longer stands when due, or the person chose to receive none).

-- Runs as the administrator who migrates first: roles are not wc_owner's.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wc_notify') THEN
		CREATE ROLE wc_notify NOLOGIN;
	END IF;
	EXECUTE format('GRANT CONNECT ON DATABASE %I TO wc_notify', current_database());
	EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM wc_notify', current_database());
END
$$;
GRANT USAGE ON SCHEMA api TO wc_notify;

SET LOCAL ROLE wc_owner;

-- The person's choice to receive no notices (counter, kiosk).
ALTER TABLE wc.person ADD COLUMN notices_off boolean NOT NULL DEFAULT false;

CREATE TABLE wc.notice (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id  bigint NOT NULL REFERENCES wc.person (id),
	kind       text NOT NULL CHECK (kind IN ('booking_confirmed', 'booking_reminder',
	                                         'waitlist_seat', 'voucher_expiring',
	                                         'complaint_replied', 'complaint_material')),
	-- what the notice is about: a booking, a voucher, a complaint event
	subject_id bigint NOT NULL,
	params     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
	due_at     timestamptz NOT NULL DEFAULT now(),
	state      text NOT NULL DEFAULT 'pending'
	           CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
	attempts   int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	tried_at   timestamptz,
	answer     text CHECK (length(answer) <= 500), -- the gateway's last answer, or why cancelled
	created_at timestamptz NOT NULL DEFAULT now(),
	done_at    timestamptz,
	-- one notice of a kind per fact: a replayed call writes none again
	UNIQUE (kind, subject_id)
);
CREATE INDEX notice_due ON wc.notice (due_at, id) WHERE state IN ('pending', 'sending');
CREATE INDEX ON wc.notice (person_id, id DESC);

-- Each try and how it went, as the gateway answered.
CREATE TABLE wc.notice_attempt (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	notice_id bigint NOT NULL REFERENCES wc.notice (id),
	at        timestamptz NOT NULL DEFAULT now(),
	outcome   text NOT NULL CHECK (outcome IN ('sent', 'retry', 'refused')),
	answer    text NOT NULL DEFAULT '' CHECK (length(answer) <= 500)
);
CREATE INDEX ON wc.notice_attempt (notice_id);

INSERT INTO wc.setting (name, value) VALUES
	('notice_attempt_limit', '5'); -- then failed: never retried forever to a bad number

-- The daemon's login is a terminal of kind notify, in group wc_notify
-- (made above): EXECUTE on the notice functions and nothing else.
ALTER TABLE wc.terminal DROP CONSTRAINT terminal_kind_check;
ALTER TABLE wc.terminal ADD CONSTRAINT terminal_kind_check
	CHECK (kind IN ('kiosk', 'staff', 'notify'));
ALTER TABLE wc.terminal DROP CONSTRAINT terminal_check; -- a kiosk stands in a county
ALTER TABLE wc.terminal ADD CONSTRAINT terminal_check
	CHECK (kind <> 'kiosk' OR region_code IS NOT NULL);
