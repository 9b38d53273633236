-- People registered at the counter (Art. 3, 9(2), 26, 29-31): real-name
-- data kept so that the database finds a person by exact ID or mobile
-- number without storing either in clear, and shows them only masked.
--
--   id_hmac      hmac-sha256 of the normalised number, with a key only
--                the owner can read: the lookup key
--   id_enc       the number encrypted (pgp_sym), for the one screen that
--                shows it in full; every such view is audited
--   id_masked    340104********0019, what every other screen shows
--
-- Keys live in wc.secret, a table no client role can read (function
-- source and settings are readable by every role, so keys never go there).

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.secret (
	name  text PRIMARY KEY,
	value bytea NOT NULL
);
INSERT INTO wc.secret (name, value) VALUES
	('person_hmac', ext.gen_random_bytes(32)),
	('person_enc', ext.gen_random_bytes(32));

-- Person categories of the support policies (the "ten groups" of the
-- guarantee-loan rules and others).
CREATE TABLE wc.person_category (
	code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	ord  int GENERATED ALWAYS AS IDENTITY -- the order of the list below
);
INSERT INTO wc.person_category (code, name) VALUES
	('graduate', '高校毕业生'),
	('returnee', '返乡入乡创业人员'),
	('veteran', '退役军人'),
	('hard_to_employ', '就业困难人员'),
	('poverty_relieved', '脱贫人口'),
	('disabled', '残疾人'),
	('registered_unemployed', '城镇登记失业人员'),
	('rural_entrepreneur', '农村自主创业农民'),
	('online_merchant', '网络商户'),
	('released_prisoner', '刑满释放人员'),
	('overcapacity_worker', '化解过剩产能企业职工和失业人员'),
	('returned_student', '留学回国人员');

CREATE TABLE wc.person (
	id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id_hmac          bytea NOT NULL UNIQUE,
	id_enc           bytea NOT NULL,
	id_masked        text NOT NULL,
	id_override      text,          -- the counter's reason when strict checks failed
	name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
	birth_date       date NOT NULL,
	sex              text NOT NULL CHECK (sex IN ('male', 'female')),
	mobile_hmac      bytea NOT NULL,
	mobile_enc       bytea NOT NULL,
	mobile_masked    text NOT NULL,
	household_region text NOT NULL REFERENCES wc.region (code),
	residence_region text NOT NULL REFERENCES wc.region (code),
	county_code      text NOT NULL REFERENCES wc.region (code), -- where the person is served
	categories       text[] NOT NULL DEFAULT '{}',
	evidence         text,          -- what the counter saw, e.g. 退役军人证
	stage            text NOT NULL CHECK (stage IN ('intending', 'started')),
	pin_hash         text,
	pin_failures     int NOT NULL DEFAULT 0,
	pin_locked       boolean NOT NULL DEFAULT false,
	registered_by    bigint REFERENCES wc.staff (id),
	registered_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON wc.person (mobile_hmac);
CREATE INDEX ON wc.person (county_code);

-- An entrepreneurial organisation (创业组织) of a person. Art. 3: state-
-- owned and collective enterprises, social groups and foundations are not
-- users of the platform.
CREATE TABLE wc.organisation (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id     bigint NOT NULL REFERENCES wc.person (id),
	credit_code   text NOT NULL UNIQUE,
	code_override text,
	name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
	kind          text NOT NULL CHECK (kind IN ('individual_business', 'small_enterprise',
	                                            'cooperative', 'private_non_enterprise')),
	registered_on date NOT NULL
);

-- Wrong PINs typed for numbers nobody registered lock the same way as
-- for a person, so the lock says nothing about who is registered; such a
-- lock lapses after a day (no counter can lift it).
CREATE TABLE wc.citizen_failure (
	id_hmac      bytea PRIMARY KEY,
	failures     int NOT NULL DEFAULT 0,
	locked_until timestamptz
);

CREATE TABLE wc.citizen_session (
	token_hash bytea PRIMARY KEY,
	person_id  bigint NOT NULL REFERENCES wc.person (id),
	terminal   text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen  timestamptz NOT NULL DEFAULT now(),
	ended_at   timestamptz
);

INSERT INTO wc.setting (name, value) VALUES
	('citizen_idle_minutes', '2'),
	('pin_max_failures', '5');
