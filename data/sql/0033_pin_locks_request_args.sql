-- The kiosk PIN lock can no longer be used against a person. Before,
-- five wrong PINs locked the number at every kiosk until a counter set a
-- new PIN, so anyone who knew an ID number could shut its owner out.
-- Now each wrong PIN is kept with the kiosk it was typed at, and the
-- locks are worked out from these rows (wc.pin_locked_until in
-- functions/auth.sql):
--   * pin_max_failures wrong PINs at one kiosk within pin_lock_minutes
--     close that kiosk to the number until the first of them is that old;
--   * pin_day_failures wrong PINs for the number within a day, at any
--     kiosks, close every kiosk where one of them was typed, until a day
--     after its last one there or until the day's count falls below the
--     budget; a kiosk with none of them still compares a PIN.
-- The rows are the same for a number nobody registered, so a lock still
-- tells nothing about who is registered. Locks of the old kind lapse here:
-- the counters, the flag and the table for unregistered numbers go.
--
-- api.citizen_login now also answers locked_until: its OUT columns cannot
-- change in place, so it is dropped and made again (functions/auth.sql).
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.pin_failure (
	id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id_hmac  bytea NOT NULL,        -- wc.person_hmac of the number typed
	terminal text NOT NULL,         -- the kiosk's login role
	at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON wc.pin_failure (id_hmac, at);

INSERT INTO wc.setting (name, value) VALUES
	('pin_lock_minutes', '15'),
	('pin_day_failures', '10');

DROP FUNCTION IF EXISTS api.citizen_login(text, text);

ALTER TABLE wc.person DROP COLUMN pin_failures, DROP COLUMN pin_locked;
DROP TABLE wc.citizen_failure;

-- A provider's own request keys (wc.own_request: a service saved, a slot
-- added, its seats changed) answer the first call's outcome only to the
-- same call, as wc.request does since 0028: the arguments the key was
-- claimed with are kept, and the key sent again with other arguments is
-- refused (key_mismatch). Keys claimed before this have none kept and
-- replay as before. The claim and the record take the arguments now
-- (functions/providers.sql).
ALTER TABLE wc.own_request ADD COLUMN args text;
DROP FUNCTION IF EXISTS wc.own_request_claim(wc.staff, uuid, text);
DROP FUNCTION IF EXISTS wc.own_request_done(wc.staff, uuid, text, wc.own_outcome);
