-- 转办 (Art. 9(6), 10(3), 21): the supervisor forwards a complaint being
-- handled to the provider it concerns, or to the operator, with a time
-- limit in working days; the receiving side answers once (说明情况) in its
-- console; the supervisor reads the answer in the timeline and goes on.
--
-- A forwarding is two events of the complaint's timeline, 'forward' and
-- 'explain', both internal (the complainant reads the supervisor's
-- reply, not the exchange behind it), and a row here that ties them
-- together with the recipient and the limit. The due day is not stored:
-- it is counted from the day of the forwarding through the working-day
-- calendar whenever it is read, so a correction of the calendar moves it
-- as it moves every other deadline.
--
-- The functions, triggers and grants made here are in
-- functions/complaint_forward.sql, in the form in force
-- (functions/README).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('complaint_forward_days', '5');  -- 转办: the limit offered, 1 to 15 working days

ALTER TABLE wc.complaint_event DROP CONSTRAINT complaint_event_action_check;
ALTER TABLE wc.complaint_event ADD CONSTRAINT complaint_event_action_check
	CHECK (action IN ('file', 'accept', 'reject', 'assign', 'request_info', 'supply', 'message',
	                  'reply', 'note', 'follow_up', 'rate', 'close', 'urge', 'escalate',
	                  'forward', 'explain'));

CREATE TABLE wc.complaint_forward (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	complaint_id  bigint NOT NULL REFERENCES wc.complaint (id),
	to_kind       text NOT NULL CHECK (to_kind IN ('provider', 'operator')),
	provider_id   bigint REFERENCES wc.provider (id),
	day           date NOT NULL, -- the Asia/Shanghai date it was forwarded: the limit runs from the next working day
	limit_days    int NOT NULL CHECK (limit_days BETWEEN 1 AND 15),
	forward_event bigint NOT NULL UNIQUE REFERENCES wc.complaint_event (id),
	-- the answer (说明情况), once: NULL while it is awaited
	answer_event  bigint UNIQUE REFERENCES wc.complaint_event (id),
	CHECK ((to_kind = 'provider') = (provider_id IS NOT NULL))
);
CREATE INDEX ON wc.complaint_forward (complaint_id, id);
-- what waits for a provider's and for the operator's answer
CREATE INDEX ON wc.complaint_forward (provider_id, id) WHERE answer_event IS NULL;
CREATE INDEX ON wc.complaint_forward (to_kind, id) WHERE answer_event IS NULL;
-- one forwarding awaiting an answer per complaint and recipient
CREATE UNIQUE INDEX complaint_forward_one_open ON wc.complaint_forward (complaint_id, to_kind)
	WHERE answer_event IS NULL;
