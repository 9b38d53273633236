-- Policies and registered people: what a signed-in person's record says
-- for matching (the matcher itself is in the client's src/core, one for
-- the kiosk and the counter alike), which matches the person has seen
-- (新匹配政策), and the counter's outreach list (待告知).
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

-- What the matcher needs of a person. Categories are codes; the
-- organisation's kind is 'person' when none is registered.
CREATE TYPE wc.match_facts AS (
	person_id     bigint,
	birth_date    date,
	sex           text,
	categories    text[],
	county_code   text,
	stage         text,
	entity        text,
	registered_on date
);
