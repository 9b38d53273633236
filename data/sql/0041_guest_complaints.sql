-- Reaching people who are not registered (Art. 9(6), 21): each county's
-- service counter has a telephone number the kiosks show, and a person
-- without a registration may complain at a kiosk with a name and a
-- mobile number to be answered on.
--
-- A guest's complaint is a complaint like any other (the same workflow,
-- queue and deadlines) with no person behind it; who filed it is kept
-- beside it, the mobile number encrypted and found by a keyed hash as a
-- registered person's is (0006_people.sql). The functions, triggers and
-- grants are in functions/ (complaint_guests.sql, counter_phones.sql).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('guest_complaint_hour_max', '3'); -- guests' complaints per kiosk in the last hour

-- The telephone of a county's service counter (服务窗口), set by the
-- administrator: an 11-digit mobile or a landline as 0564-5123456.
CREATE TABLE wc.counter_phone (
	county_code text PRIMARY KEY REFERENCES wc.region (code),
	phone       text NOT NULL
	            CHECK (phone ~ '^(1[3-9][0-9]{9}|0[12][0-9]-[0-9]{7,8}|0[3-9][0-9]{2}-[0-9]{7,8})$'),
	set_at      timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE wc.complaint ALTER COLUMN person_id DROP NOT NULL;
-- without a person there is no booking of theirs to name
ALTER TABLE wc.complaint ADD CHECK (person_id IS NOT NULL OR against <> 'booking');

CREATE TABLE wc.complaint_guest (
	complaint_id  bigint PRIMARY KEY REFERENCES wc.complaint (id),
	name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 40),
	mobile_hmac   bytea NOT NULL,
	mobile_enc    bytea NOT NULL,
	mobile_masked text NOT NULL,
	terminal      text NOT NULL, -- the kiosk's login (wc.caller_terminal)
	request_key   uuid NOT NULL,
	created_at    timestamptz NOT NULL DEFAULT now(),
	UNIQUE (terminal, request_key)
);
-- the hourly count per kiosk
CREATE INDEX ON wc.complaint_guest (terminal, created_at);
CREATE INDEX ON wc.complaint_guest (mobile_hmac);
