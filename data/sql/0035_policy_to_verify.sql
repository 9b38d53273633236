-- A condition the matcher cannot check never counts as met. A policy
-- keeps, beside its checkable columns, the conditions a clerk verifies
-- by hand (待核实条件: a business that failed, a contest prize), items
-- joined by ；, and whether it is open to everyone (对象 = 不限). One
-- with neither and no condition but its region is 可能符合 for anyone
-- (src/core/cond.c, policy_rules_cond): a policy written before this has
-- open_to_all false until the bureau says otherwise.
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.policy
	ADD COLUMN to_verify text NOT NULL DEFAULT '' CHECK (length(to_verify) <= 2000),
	ADD COLUMN open_to_all boolean NOT NULL DEFAULT false;

-- their arguments or results take the two columns (functions/policies.sql)
DROP FUNCTION IF EXISTS api.policy_get(bigint);
DROP FUNCTION IF EXISTS api.policies_in_force(text);
DROP FUNCTION IF EXISTS api.policy_changes(text, timestamptz);
DROP FUNCTION IF EXISTS api.policy_save(text, text, text, text, text, text, date, date, text,
	bigint, text[], text[], int, int, int, int, text, text, text);
DROP FUNCTION IF EXISTS wc_admin.policy_import(text, text, text, text, text, date, date, text,
	bigint, text[], text[], int, int, int, int, text, text, text);
DROP FUNCTION IF EXISTS wc.policy_write(bigint, text, text, text, text, text, date, date, text,
	bigint, text[], text[], int, int, int, int, text, text, text);
