-- 服务商考核签发 (Art. 24): the operator issues a year's provider
-- assessment of an area once the year has ended; the rows as they stood
-- then, and the thresholds they were marked against, are kept here and
-- shown from then on instead of being counted again. The rules (who,
-- when, the request key, the remarks frozen) are in
-- functions/provider_assessment.sql.
SET LOCAL ROLE wc_owner;

-- One issue of a year and an area, with the operator's request key
-- (wc.step_replay: staff_id, request_key) and the thresholds in force
-- then (NULL: not set).
CREATE TABLE wc.provider_assessment_issue (
	id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	year           int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
	area           text NOT NULL REFERENCES wc.region (code),
	completion_min numeric,
	stars_min      numeric,
	answered_min   numeric,
	staff_id       bigint NOT NULL REFERENCES wc.staff (id),
	request_key    uuid NOT NULL,
	issued_at      timestamptz NOT NULL DEFAULT now(),
	UNIQUE (year, area),
	UNIQUE (staff_id, request_key)
);

-- Each provider's row of an issue, as it was shown at issue, in the
-- order shown (ord).
CREATE TABLE wc.provider_assessment_issued (
	issue_id bigint NOT NULL REFERENCES wc.provider_assessment_issue (id),
	LIKE wc.provider_assessment_row,
	ord      bigint NOT NULL,
	PRIMARY KEY (issue_id, provider_id)
);
CREATE INDEX provider_assessment_issued_provider ON wc.provider_assessment_issued (provider_id);

-- Kept as written: what was issued does not change. (The issue keeps
-- its UPDATE privilege for the foreign key's check from its rows; a
-- trigger refuses an update: functions/provider_assessment.sql.)
REVOKE DELETE, TRUNCATE ON wc.provider_assessment_issue FROM wc_owner;
REVOKE UPDATE, DELETE, TRUNCATE ON wc.provider_assessment_issued FROM wc_owner;
