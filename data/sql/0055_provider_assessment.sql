-- 服务商考核 (Art. 24: the operator and the supervisor keep providers
-- under dynamic management, with an assessment): the thresholds a
-- provider's year is marked against, and the operator's remark on it.
-- The figures are counted from the facts whenever they are read
-- (functions/provider_assessment.sql).
SET LOCAL ROLE wc_owner;

-- percent of the year's bookings completed, average stars of the year's
-- reviews, percent of the forwarded complaints answered by their due day
INSERT INTO wc.setting (name, value) VALUES
	('assessment_completion_min', '80'),
	('assessment_stars_min', '4'),
	('assessment_answered_min', '90');

-- The operator's remark (考核意见) on a provider's year.
CREATE TABLE wc.provider_assessment_remark (
	year        int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
	provider_id bigint NOT NULL REFERENCES wc.provider (id),
	remark      text NOT NULL CHECK (length(remark) <= 200),
	set_by      bigint NOT NULL REFERENCES wc.staff (id),
	set_at      timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (year, provider_id)
);

-- One provider's row of a year's assessment, as read and exported: the
-- percentages to one decimal, stars to two; NULL where the figure is a
-- rate or average of nothing. mark: pass, fail, or no_data (none of the
-- three marked figures); remark: the operator's, "" for none.
CREATE TYPE wc.provider_assessment_row AS (
	provider_id      bigint,
	provider         text,
	region           text,
	made             int,
	completed        int,
	completion       numeric,
	reviews          int,
	stars            numeric,
	complaints       int,
	forwarded        int,
	answered_on_time int,
	answered_counted int,
	answered_rate    numeric,
	response_days    numeric,
	mark             text,
	remark           text
);
