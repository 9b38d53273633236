-- The working-day calendar (工作日) that complaint time limits count in.
-- One row per date that differs from an ordinary week: a holiday on a
-- weekday (放假) or a weekend day made a working day (调休上班), as the
-- State Council General Office announces them each year. A year with no
-- notice loaded counts as ordinary weeks, and wc.calendar_known says so,
-- so screens can warn. Next year's notice is a new migration like this one
-- (or wc_admin.calendar_set, in 0017, for a correction), never a code
-- change.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.calendar_notice (
	year   int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
	notice text NOT NULL CHECK (length(notice) BETWEEN 1 AND 200)
);

CREATE TABLE wc.calendar_day (
	day     date PRIMARY KEY,
	workday boolean NOT NULL, -- false: 放假; true: 调休上班 on a weekend
	name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
	CHECK (workday = (extract(isodow FROM day) >= 6)) -- only what differs is stored
);

INSERT INTO wc.calendar_notice (year, notice) VALUES
	(2025, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）'),
	(2026, '国务院办公厅关于2026年部分节假日安排的通知');

-- Holidays on weekdays, and make-up working weekend days.
INSERT INTO wc.calendar_day (day, workday, name)
SELECT d::date, extract(isodow FROM d) >= 6, n
  FROM (VALUES
	-- 2025
	('2025-01-01', '2025-01-01', '元旦'),
	('2025-01-28', '2025-02-04', '春节'),
	('2025-01-26', '2025-01-26', '春节调休'),
	('2025-02-08', '2025-02-08', '春节调休'),
	('2025-04-04', '2025-04-06', '清明节'),
	('2025-05-01', '2025-05-05', '劳动节'),
	('2025-04-27', '2025-04-27', '劳动节调休'),
	('2025-05-31', '2025-06-02', '端午节'),
	('2025-10-01', '2025-10-08', '国庆节、中秋节'),
	('2025-09-28', '2025-09-28', '国庆节调休'),
	('2025-10-11', '2025-10-11', '国庆节调休'),
	-- 2026
	('2026-01-01', '2026-01-03', '元旦'),
	('2026-01-04', '2026-01-04', '元旦调休'),
	('2026-02-15', '2026-02-23', '春节'),
	('2026-02-14', '2026-02-14', '春节调休'),
	('2026-02-28', '2026-02-28', '春节调休'),
	('2026-04-04', '2026-04-06', '清明节'),
	('2026-05-01', '2026-05-05', '劳动节'),
	('2026-05-09', '2026-05-09', '劳动节调休'),
	('2026-06-19', '2026-06-21', '端午节'),
	('2026-09-25', '2026-09-27', '中秋节'),
	('2026-10-01', '2026-10-07', '国庆节'),
	('2026-09-20', '2026-09-20', '国庆节调休'),
	('2026-10-10', '2026-10-10', '国庆节调休')
  ) AS h (first, last, n),
  generate_series(h.first::date, h.last::date, interval '1 day') AS d
 -- a holiday's weekend days are ordinary days off: nothing to store
 WHERE n LIKE '%调休' OR extract(isodow FROM d) < 6;
