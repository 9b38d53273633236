-- Which versions of the program this database serves: the version of
-- wanchuang-admin that last migrated it (served), and the oldest terminal
-- program that may still use it (min_terminal), raised by `wanchuang-admin
-- migrate --min-terminal VERSION` when an upgrade drops or changes a
-- function older terminals call. A terminal older than that is told at
-- connect to have the program upgraded, instead of failing on its first
-- call (functions/version.sql).
--
-- Versions are dotted numbers (0.1.0); one row, written by migrate.
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.api_version (
	one          boolean PRIMARY KEY DEFAULT true CHECK (one),
	served       text NOT NULL CHECK (served ~ '^[0-9]+(\.[0-9]+)*$'),
	min_terminal text NOT NULL CHECK (min_terminal ~ '^[0-9]+(\.[0-9]+)*$'),
	changed_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO wc.api_version (served, min_terminal) VALUES ('0', '0');
