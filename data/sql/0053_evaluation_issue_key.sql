-- The issue (签发) of a yearly evaluation carries the supervisor's request
-- key, so that a call whose answer was lost, sent again, is answered ok
-- instead of being refused as issued (functions/evaluation.sql).
SET LOCAL ROLE wc_owner;

-- The key each evaluation was issued with, one issue an evaluation.
CREATE TABLE wc.evaluation_issue_key (
	staff_id      bigint NOT NULL REFERENCES wc.staff (id),
	request_key   uuid NOT NULL,
	evaluation_id bigint NOT NULL UNIQUE REFERENCES wc.evaluation (id),
	PRIMARY KEY (staff_id, request_key)
);
-- Kept as written, as the issue it records.
REVOKE UPDATE, DELETE, TRUNCATE ON wc.evaluation_issue_key FROM wc_owner;

-- api.evaluation_issue(text, uuid, int, text) answers a wc.manage_outcome.
DROP FUNCTION IF EXISTS api.evaluation_issue(text, int, text);
