-- Support policies (Art. 12(1)): the data, the Chinese keyword search and
-- what the matcher in src/core needs. Free to everyone without signing in
-- (Art. 15): the kiosk calls these without a session.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.support_kind (
	code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	ord  int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.support_kind (code, name) VALUES
	('subsidy', '资金补贴'),
	('loan', '贷款及贴息'),
	('tax', '税费减免'),
	('premises', '场地支持'),
	('training', '培训补贴'),
	('service', '服务支持'),
	('other', '其他');

CREATE TABLE wc.policy (
	id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
	title          text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
	doc_no         text NOT NULL DEFAULT '' CHECK (length(doc_no) <= 100),
	issuer         text NOT NULL DEFAULT '' CHECK (length(issuer) <= 200),
	region         text NOT NULL REFERENCES wc.region (code),
	effective_on   date NOT NULL,
	expires_on     date CHECK (expires_on >= effective_on),
	kind           text NOT NULL REFERENCES wc.support_kind (code),
	max_yuan       bigint CHECK (max_yuan BETWEEN 0 AND 100000000000),
	groups         text[] NOT NULL DEFAULT '{}', -- person_category codes, any of
	entities       text[] NOT NULL DEFAULT '{}' CHECK (entities <@ ARRAY['person',
	               'individual_business', 'small_enterprise', 'cooperative',
	               'private_non_enterprise']),
	age_min        int CHECK (age_min BETWEEN 0 AND 150),
	age_max        int CHECK (age_max BETWEEN 0 AND 150 AND age_max >= age_min),
	reg_min        int CHECK (reg_min BETWEEN 0 AND 1200),
	reg_max        int CHECK (reg_max BETWEEN 0 AND 1200 AND reg_max >= reg_min),
	conditions     text NOT NULL DEFAULT '' CHECK (length(conditions) <= 2000),
	interpretation text NOT NULL DEFAULT '' CHECK (length(interpretation) <= 20000),
	body           text NOT NULL DEFAULT '' CHECK (length(body) <= 200000),
	created_at     timestamptz NOT NULL DEFAULT now(),
	updated_at     timestamptz NOT NULL DEFAULT now(),
	updated_by     bigint REFERENCES wc.staff (id),
	-- the search copy; a term's first place in it tells where it is found
	search_text    text NOT NULL GENERATED ALWAYS AS (wc.search_norm(
	               title || E'\n' || interpretation || E'\n' || body)) STORED,
	title_end      int NOT NULL GENERATED ALWAYS AS (length(wc.search_norm(title))) STORED,
	interp_end     int NOT NULL GENERATED ALWAYS AS (length(wc.search_norm(
	               title || E'\n' || interpretation))) STORED
);

-- The search copy stays in the row (compressed) while the body goes out of
-- line: every hit reads it, and a toast fetch per hit would cost more than
-- the search. lz4 where the server has it: faster to decompress.
ALTER TABLE wc.policy ALTER COLUMN search_text SET STORAGE MAIN;
DO $$
BEGIN
	ALTER TABLE wc.policy ALTER COLUMN search_text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
	NULL;
END
$$;
CREATE INDEX policy_grams ON wc.policy USING gin (wc.grams(search_text));
-- The grams of the title, and of the title and interpretation: a search
-- with many hits takes its title hits, then its interpretation hits, from
-- these smaller indexes (see api.policy_search).
CREATE INDEX policy_title_grams ON wc.policy USING gin (wc.grams(left(search_text, title_end)));
CREATE INDEX policy_head_grams ON wc.policy USING gin (wc.grams(left(search_text, interp_end)));
-- ANALYZE computes the index expression for every row it samples, and
-- samples 300 rows per point of the largest statistics target of the
-- table: at the default (100) that is 30,000 rows, some 40 s of grams.
-- A target of 10 everywhere samples 3,000 rows and still finds the
-- common grams the planner needs to choose between the index and a scan.
ALTER INDEX wc.policy_grams ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX wc.policy_title_grams ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX wc.policy_head_grams ALTER COLUMN 1 SET STATISTICS 10;
DO $$
DECLARE
	a name;
BEGIN
	FOR a IN SELECT attname FROM pg_attribute
	          WHERE attrelid = 'wc.policy'::regclass AND attnum > 0 AND NOT attisdropped LOOP
		EXECUTE format('ALTER TABLE wc.policy ALTER COLUMN %I SET STATISTICS 10', a);
	END LOOP;
END
$$;
CREATE INDEX ON wc.policy (effective_on DESC, id DESC);

-- Who was told of a policy by a counter (outreach), and what a signed-in
-- person has already seen matched at the kiosk.
CREATE TABLE wc.policy_notice (
	policy_id bigint NOT NULL REFERENCES wc.policy (id),
	person_id bigint NOT NULL REFERENCES wc.person (id),
	told_at   timestamptz NOT NULL DEFAULT now(),
	told_by   bigint REFERENCES wc.staff (id),
	PRIMARY KEY (policy_id, person_id)
);
CREATE TABLE wc.policy_seen (
	person_id  bigint NOT NULL REFERENCES wc.person (id),
	policy_id  bigint NOT NULL REFERENCES wc.policy (id),
	version_at timestamptz NOT NULL, -- the policy's updated_at when seen
	PRIMARY KEY (person_id, policy_id)
);

INSERT INTO wc.setting (name, value) VALUES
	-- above this many candidate hits, a search pages by walking the
	-- policies newest first instead of ranking every hit
	('policy_search_exact_limit', '2000');
