-- Art. 23: an organisation that applied at a kiosk and lost its query
-- code (查询码) gets a new one at the service counter of the county its
-- application is registered in (api.application_query_reset): the clerk
-- checks the business licence and the ID of the person at the desk (经办
-- 人), and the new code replaces the old at once. Each reset is kept
-- here, the register of who came for it: the agent's name and ID number
-- masked as every screen shows one (wc.mask_id), never the number
-- itself, the two checks the clerk affirmed, the clerk and the request
-- key (a resend after a lost answer issues no second code).
--
-- The functions and grants are in functions/application_kiosk.sql.
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.application_query_reset (
	id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	application_id   bigint NOT NULL REFERENCES wc.application_kiosk (application_id),
	staff_id         bigint NOT NULL REFERENCES wc.staff (id),
	agent_name       text NOT NULL CHECK (length(agent_name) BETWEEN 1 AND 40
	                                      AND agent_name !~ '[[:cntrl:]]'),
	agent_id_masked  text NOT NULL,
	licence_checked  boolean NOT NULL CHECK (licence_checked),
	agent_id_checked boolean NOT NULL CHECK (agent_id_checked),
	request_key      uuid NOT NULL UNIQUE,
	at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON wc.application_query_reset (application_id, id);
-- a register: nothing in it is changed or taken out
REVOKE UPDATE, DELETE, TRUNCATE ON wc.application_query_reset FROM wc_owner;
