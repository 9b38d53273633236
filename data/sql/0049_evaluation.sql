-- The yearly evaluation of the operator (年度运营绩效评价, Art. 7(2)):
-- the targets the bureau sets for a year's indicators, and the
-- supervisor's evaluation of a year and an area against them, with
-- remarks, issued (签发) once and frozen from then on: the values,
-- targets and marks as they stood at issue are kept here, not counted
-- again. The rules (who, when, what is frozen) are in
-- functions/evaluation.sql.
SET LOCAL ROLE wc_owner;

-- One target of a year's indicator. at_most: the value must not exceed
-- it (an indicator that is better lower); else it must reach it.
CREATE TABLE wc.evaluation_target (
	year    int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
	code    text NOT NULL REFERENCES wc.indicator (code),
	value   numeric NOT NULL CHECK (value >= 0 AND value < 1e15),
	at_most boolean NOT NULL,
	set_by  bigint NOT NULL REFERENCES wc.staff (id),
	set_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (year, code)
);

-- A year's evaluation of an area: a draft while issued_at is NULL.
CREATE TABLE wc.evaluation (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	year       int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
	area       text NOT NULL REFERENCES wc.region (code),
	conclusion text NOT NULL DEFAULT '' CHECK (length(conclusion) <= 1000),
	issued_at  timestamptz,
	issued_by  bigint REFERENCES wc.staff (id),
	CHECK ((issued_at IS NULL) = (issued_by IS NULL)),
	UNIQUE (year, area)
);

-- One indicator's line: the remark written on it, and from the issue on
-- the value, the target and the mark as they stood then.
CREATE TABLE wc.evaluation_line (
	evaluation_id bigint NOT NULL REFERENCES wc.evaluation (id),
	code          text NOT NULL REFERENCES wc.indicator (code),
	remark        text NOT NULL DEFAULT '' CHECK (length(remark) <= 200),
	value         numeric,
	target        numeric,
	at_most       boolean,
	-- met, missed, no_target (none set), no_value (a rate of nothing)
	mark          text CHECK (mark IN ('met', 'missed', 'no_target', 'no_value')),
	PRIMARY KEY (evaluation_id, code)
);

-- One indicator's line of an evaluation, as read and exported: the
-- indicator, the value, the target and the mark, the remark, and the
-- evaluation's conclusion and issue (NULL: a draft) beside each.
CREATE TYPE wc.evaluation_row AS (
	code       text,
	name       text,
	unit       text,
	better     text,
	formula    text,
	drill      boolean,
	value      numeric,
	target     numeric,
	at_most    boolean,
	mark       text,
	remark     text,
	conclusion text,
	issued_at  timestamptz,
	issued_by  text
);
