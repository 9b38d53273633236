-- Art. 23: an organisation applies to become a provider itself, at a
-- self-service kiosk, without a clerk. It types what the clerk's form
-- asks and lists its materials (kinds and numbers; nothing is uploaded,
-- the papers are seen at the initial review). The application is one
-- like any other, in the first state of the same workflow, so the
-- operator's queue shows it as it shows one entered at a counter; what
-- is kiosk's alone is kept beside it: the kiosk it came from (for the
-- hourly count per kiosk, as for guests' complaints, 0041) and the query
-- code (查询码) the organisation follows its steps with, encrypted as ID
-- numbers are, with the wrong codes tried against it counted.
--
-- The functions and grants are in functions/application_kiosk.sql.
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('kiosk_application_hour_max', '3'), -- applications per kiosk in the last hour
	('application_query_tries', '10'); -- wrong query codes before the lookup is locked

-- no clerk entered a kiosk's application
ALTER TABLE wc.provider_application ALTER COLUMN staff_id DROP NOT NULL;

CREATE TABLE wc.application_kiosk (
	application_id bigint PRIMARY KEY REFERENCES wc.provider_application (id),
	terminal       text NOT NULL, -- the kiosk's login (wc.caller_terminal)
	query_enc      bytea NOT NULL,
	wrong_tries    int NOT NULL DEFAULT 0 CHECK (wrong_tries >= 0),
	created_at     timestamptz NOT NULL DEFAULT now()
);
-- the hourly count per kiosk
CREATE INDEX ON wc.application_kiosk (terminal, created_at);
