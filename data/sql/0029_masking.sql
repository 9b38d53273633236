-- Masking that holds against combination (doc/architecture.md, Masking):
-- an ID number shows its region and its check character only
-- (340104***********X), a mobile number its last 4 digits (*******5678),
-- and no function returns a birth date: the staff's screens and the
-- matcher get an age in whole years.
--
-- The masks kept are masked again from what they show, so no key is
-- needed: the digits a mask now hides were shown before, never the other
-- way round. The audit log is append-only and keeps the changes it
-- recorded as they were.
SET LOCAL ROLE wc_owner;

UPDATE wc.person
   SET id_masked = left(id_masked, 6) || repeat('*', greatest(length(id_masked) - 7, 0))
                   || right(id_masked, 1),
       mobile_masked = repeat('*', greatest(length(mobile_masked) - 4, 0)) || right(mobile_masked, 4);

UPDATE wc.provider_application
   SET contact_id_masked = left(contact_id_masked, 6) || repeat('*', greatest(length(contact_id_masked) - 7, 0))
                   || right(contact_id_masked, 1)
 WHERE contact_id_masked <> '';

UPDATE wc.provider
   SET contact_id_masked = left(contact_id_masked, 6) || repeat('*', greatest(length(contact_id_masked) - 7, 0))
                   || right(contact_id_masked, 1)
 WHERE contact_id_masked <> '';

-- a kiosk sign-in is recorded under the person's masked ID number
UPDATE wc.login_attempt
   SET username = left(username, 6) || repeat('*', 11) || right(username, 1)
 WHERE username ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9X]$';

-- the matcher takes an age, not a birth date (functions/policies.sql)
ALTER TYPE wc.match_facts DROP ATTRIBUTE birth_date, ADD ATTRIBUTE age int;

-- birth_date became age in their results (functions/people.sql, policies.sql)
DROP FUNCTION IF EXISTS api.person_get(text, bigint);
DROP FUNCTION IF EXISTS api.policy_outreach(text, bigint);
