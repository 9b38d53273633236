-- A request key answers the first call's outcome only to the same call:
-- the arguments it was claimed with are kept, and a key sent again with
-- other arguments is refused (key_mismatch) instead of answering "ok" for
-- something the caller did not ask for. Keys claimed before this have no
-- arguments kept and replay as before.
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.request ADD COLUMN args text;

-- the claim and the record take the arguments now (functions/requests.sql)
DROP FUNCTION IF EXISTS wc.request_claim(text, uuid, text);
DROP FUNCTION IF EXISTS wc.request_done(text, uuid, text, wc.outcome);
