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

SET LOCAL ROLE wc_owner;

CREATE TABLE wc.secret (
	name  text PRIMARY KEY,
	value bytea NOT NULL
);
INSERT INTO wc.secret (name, value) VALUES
	('person_hmac', ext.gen_random_bytes(32)),
	('person_enc', ext.gen_random_bytes(32));

CREATE FUNCTION wc.secret_hex(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT encode(value, 'hex') FROM wc.secret WHERE name = p_name
$$;

CREATE FUNCTION wc.person_hmac(p_value text) RETURNS bytea
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT ext.hmac(convert_to(p_value, 'UTF8'),
	                decode(wc.secret_hex('person_hmac'), 'hex'), 'sha256')
$$;

CREATE FUNCTION wc.person_encrypt(p_value text) RETURNS bytea
LANGUAGE sql VOLATILE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT ext.pgp_sym_encrypt(p_value, wc.secret_hex('person_enc'))
$$;

CREATE FUNCTION wc.person_decrypt(p_value bytea) RETURNS text
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT ext.pgp_sym_decrypt(p_value, wc.secret_hex('person_enc'))
$$;

-- What is wrong with a resident ID number (GB 11643-1999), or NULL. The
-- same rules as src/core/idcard.c: the database does not trust the client.
CREATE FUNCTION wc.id_number_problem(p_id text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	w int[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	s int := 0;
	d date;
BEGIN
	IF p_id IS NULL OR p_id !~ '^[0-9]{17}[0-9X]$' THEN
		RETURN 'format';
	END IF;
	IF substr(p_id, 1, 2)::int NOT IN (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36,
	                                    37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
	                                    62, 63, 64, 65, 71, 81, 82, 83) THEN
		RETURN 'province';
	END IF;
	BEGIN
		d := make_date(substr(p_id, 7, 4)::int, substr(p_id, 11, 2)::int,
		               substr(p_id, 13, 2)::int);
	EXCEPTION WHEN OTHERS THEN
		RETURN 'birth_date';
	END;
	FOR i IN 1..17 LOOP
		s := s + substr(p_id, i, 1)::int * w[i];
	END LOOP;
	IF substr('10X98765432', s % 11 + 1, 1) <> substr(p_id, 18, 1) THEN
		RETURN 'check';
	END IF;
	IF d > current_date OR d < date '1900-01-01' THEN
		RETURN 'birth_date';
	END IF;
	RETURN NULL;
END
$$;

-- What is wrong with a unified social credit code (GB 32100-2015), or NULL.
CREATE FUNCTION wc.credit_code_problem(p_code text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	alphabet text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
	w int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
	ow int[] := ARRAY[3, 7, 9, 10, 5, 8, 4, 2];
	s int := 0;
	c int;
	v int;
BEGIN
	IF p_code IS NULL OR p_code !~ '^[0-9A-HJ-NP-RTUWXY]{18}$' THEN
		RETURN 'format';
	END IF;
	-- the organisation code's check (GB 11714), letters A=10 .. Z=35
	FOR i IN 1..8 LOOP
		v := position(substr(p_code, 8 + i, 1) IN '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') - 1;
		s := s + v * ow[i];
	END LOOP;
	c := 11 - s % 11;
	IF substr(p_code, 17, 1) <> (CASE c WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE c::text END) THEN
		RETURN 'check';
	END IF;
	s := 0;
	FOR i IN 1..17 LOOP
		s := s + (position(substr(p_code, i, 1) IN alphabet) - 1) * w[i];
	END LOOP;
	c := (31 - s % 31) % 31;
	IF substr(alphabet, c + 1, 1) <> substr(p_code, 18, 1) THEN
		RETURN 'check';
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION wc.mask_middle(p_value text, p_keep_head int, p_keep_tail int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT left(p_value, p_keep_head)
	       || repeat('*', greatest(length(p_value) - p_keep_head - p_keep_tail, 0))
	       || right(p_value, p_keep_tail)
$$;

-- A name as a public kiosk screen may show it: 王强 -> 王*.
CREATE FUNCTION wc.mask_name(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT left(p_name, 1) || repeat('*', greatest(length(p_name) - 1, 1))
$$;

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
