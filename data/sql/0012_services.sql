-- The service catalogue (Art. 12(2)(3), 13, 15, 21): providers, their
-- services, and the time slots people book. Providers arrive here active;
-- the onboarding pipeline (初审, 复核, 备案, 公示) comes in a later
-- migration and will feed the same table.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

-- The categories of Art. 12: the first three for intending
-- entrepreneurs (12(2)), the rest for entrepreneurs (12(3)).
CREATE TABLE wc.service_category (
	code  text PRIMARY KEY,
	name  text NOT NULL UNIQUE,
	stage text NOT NULL CHECK (stage IN ('intending', 'started')),
	ord   int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.service_category (code, name, stage) VALUES
	('assessment', '测评', 'intending'),
	('training', '培训', 'intending'),
	('guidance', '指导', 'intending'),
	('venue', '场地', 'started'),
	('financing', '融资', 'started'),
	('legal', '法律', 'started'),
	('tax', '财税', 'started'),
	('talent', '人才', 'started'),
	('consulting', '管理咨询', 'started'),
	('agency', '业务代理', 'started');

CREATE TABLE wc.provider (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	credit_code  text NOT NULL UNIQUE CHECK (wc.credit_code_problem(credit_code) IS NULL),
	name         text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 100),
	region       text NOT NULL REFERENCES wc.region (code), -- where it is registered
	address      text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
	contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 40),
	phone        text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
	status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'removed')),
	-- reviews (a later migration) keep these two; the rating is their ratio
	rating_sum   bigint NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
	rating_count bigint NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
	created_at   timestamptz NOT NULL DEFAULT now()
);

-- A provider's staff account (role 'provider') acts for that provider only.
CREATE TABLE wc.provider_staff (
	staff_id    bigint PRIMARY KEY REFERENCES wc.staff (id),
	provider_id bigint NOT NULL REFERENCES wc.provider (id)
);

CREATE TABLE wc.service (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
	provider_id  bigint NOT NULL REFERENCES wc.provider (id),
	title        text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 100),
	category     text NOT NULL REFERENCES wc.service_category (code),
	paid         boolean NOT NULL, -- 经营性 (paid) or 公益性 (free), Art. 15
	online       boolean NOT NULL,
	price_fen    bigint NOT NULL DEFAULT 0 CHECK (price_fen BETWEEN 0 AND 100000000),
	voucher_ok   boolean NOT NULL DEFAULT false, -- vouchers may pay for it (Art. 18)
	region       text NOT NULL REFERENCES wc.region (code), -- the area served
	description  text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
	place        text NOT NULL DEFAULT '' CHECK (length(place) <= 200), -- offline: where
	contact      text NOT NULL DEFAULT '' CHECK (length(contact) <= 200), -- shown after Art. 21
	-- a booking may be cancelled until this many hours before its slot
	cancel_hours int NOT NULL DEFAULT 24 CHECK (cancel_hours BETWEEN 0 AND 720),
	status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
	created_at   timestamptz NOT NULL DEFAULT now(),
	search_text  text NOT NULL GENERATED ALWAYS AS (wc.search_norm(title || E'\n' || description)) STORED,
	CHECK (paid OR (price_fen = 0 AND NOT voucher_ok)),
	CHECK (NOT voucher_ok OR price_fen > 0)
);
CREATE INDEX ON wc.service (category, id);
CREATE INDEX ON wc.service (provider_id);
CREATE INDEX service_grams ON wc.service USING gin (wc.grams(search_text));

-- A bookable time with its seats (a class of 30, a lawyer's half hour).
-- taken never exceeds capacity and never goes below zero: the booking
-- functions change it only by conditional updates.
CREATE TABLE wc.slot (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	service_id bigint NOT NULL REFERENCES wc.service (id),
	starts_at  timestamptz NOT NULL,
	ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
	place      text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
	capacity   int NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
	taken      int NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
	cancelled  boolean NOT NULL DEFAULT false,
	UNIQUE (service_id, starts_at)
);
