-- Provider onboarding (Art. 22–23): an organisation's application goes
-- through the operator's 初审, the supervisor's 复核, the bureau's 备案 and
-- a public notice (公示) of some working days; with no upheld objection it
-- becomes an active provider on the day after the notice ends.
--
-- The application is entered by a counter clerk or by the operator from
-- the organisation's forms and papers (the organisation has no account
-- before it is a provider); a returned application is corrected and sent
-- again by them. Every step is one row of wc.application_rules(): its
-- role, the states it is taken from, the state it leads to. Each step
-- needs a written opinion, is audited and is kept in an append-only
-- timeline.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	('provider_notice_days', '5'); -- 公示期, working days

-- The kinds of organisation that provide services (主体类型).
CREATE TABLE wc.provider_kind (
	code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	ord  int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.provider_kind (code, name) VALUES
	('enterprise', '企业'),
	('individual_business', '个体工商户'),
	('cooperative', '农民专业合作社'),
	('public_institution', '事业单位'),
	('social_organisation', '社会组织'),
	('law_firm', '律师事务所'),
	('other', '其他');

-- The papers an application lists, each with its number.
CREATE TABLE wc.material_kind (
	code text PRIMARY KEY,
	name text NOT NULL UNIQUE,
	ord  int GENERATED ALWAYS AS IDENTITY
);
INSERT INTO wc.material_kind (code, name) VALUES
	('license', '营业执照'),
	('qualification', '资质证书'),
	('premises', '场地证明'),
	('other', '其他材料');

-- What an active provider is besides its catalogue entries. Providers
-- loaded before this migration keep empty values.
ALTER TABLE wc.provider
	ADD COLUMN kind text REFERENCES wc.provider_kind (code),
	ADD COLUMN legal_rep text NOT NULL DEFAULT '' CHECK (length(legal_rep) <= 40),
	ADD COLUMN contact_id_masked text NOT NULL DEFAULT '',
	ADD COLUMN active_from date;

-- The service categories a provider offers (from its application or import).
CREATE TABLE wc.provider_category (
	provider_id bigint NOT NULL REFERENCES wc.provider (id),
	category    text NOT NULL REFERENCES wc.service_category (code),
	PRIMARY KEY (provider_id, category)
);

CREATE TABLE wc.provider_application (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	no            text NOT NULL UNIQUE, -- 申请编号
	credit_code   text NOT NULL CHECK (wc.credit_code_problem(credit_code) IS NULL),
	name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
	kind          text NOT NULL REFERENCES wc.provider_kind (code),
	region        text NOT NULL REFERENCES wc.region (code),
	address       text NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 200),
	legal_rep     text NOT NULL CHECK (length(btrim(legal_rep)) BETWEEN 1 AND 40),
	-- the contact person, verified by real name: the ID number is kept
	-- encrypted and shown masked, as for people
	contact_name  text NOT NULL CHECK (length(btrim(contact_name)) BETWEEN 1 AND 40),
	contact_id_enc    bytea NOT NULL,
	contact_id_masked text NOT NULL,
	phone         text NOT NULL CHECK (phone ~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$'),
	categories    text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 10),
	-- Art. 22 (1)–(4), each affirmed on its own
	cond_credit    boolean NOT NULL CHECK (cond_credit),
	cond_rules     boolean NOT NULL CHECK (cond_rules),
	cond_resources boolean NOT NULL CHECK (cond_resources),
	cond_other     boolean NOT NULL CHECK (cond_other),
	status        text NOT NULL DEFAULT 'submitted'
	              CHECK (status IN ('submitted', 'returned', 'first_passed', 'reviewed', 'notice',
	                                'active', 'rejected', 'withdrawn')),
	notice_from   date,
	notice_until  date,
	active_from   date,
	provider_id   bigint REFERENCES wc.provider (id),
	staff_id      bigint NOT NULL REFERENCES wc.staff (id), -- who entered it
	request_key   uuid NOT NULL UNIQUE,
	created_at    timestamptz NOT NULL DEFAULT now(),
	updated_at    timestamptz NOT NULL DEFAULT now(),
	CHECK ((status = 'notice') = (notice_until IS NOT NULL AND active_from IS NULL)
	       OR status IN ('active', 'rejected')),
	CHECK ((status = 'active') = (provider_id IS NOT NULL))
);
-- One application per organisation at a time: a code in the pipeline or
-- already active cannot apply again (active providers are checked too).
CREATE UNIQUE INDEX application_once ON wc.provider_application (credit_code)
	WHERE status NOT IN ('rejected', 'withdrawn');
CREATE INDEX ON wc.provider_application (status, updated_at);
CREATE INDEX application_notice ON wc.provider_application (notice_until)
	WHERE status = 'notice';

CREATE TABLE wc.application_material (
	application_id bigint NOT NULL REFERENCES wc.provider_application (id),
	ord            int NOT NULL,
	kind           text NOT NULL REFERENCES wc.material_kind (code),
	ref_no         text NOT NULL CHECK (length(btrim(ref_no)) BETWEEN 1 AND 60
	                                  AND ref_no !~ '[[:cntrl:]]'),
	PRIMARY KEY (application_id, ord)
);

-- The timeline. staff_id NULL: the platform itself (the notice ended).
CREATE TABLE wc.application_event (
	id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	application_id bigint NOT NULL REFERENCES wc.provider_application (id),
	at             timestamptz NOT NULL DEFAULT now(),
	staff_id       bigint REFERENCES wc.staff (id),
	action         text NOT NULL,
	status_after   text NOT NULL,
	body           text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
	detail         jsonb,
	request_key    uuid,
	UNIQUE (application_id, request_key)
);
CREATE INDEX ON wc.application_event (application_id, id);

-- An objection lodged during the notice: by a signed-in person at a
-- kiosk, or taken at a counter (the objector named there). The supervisor
-- upholds it (the application is refused) or dismisses it.
CREATE TABLE wc.provider_objection (
	id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	no             text NOT NULL UNIQUE, -- 异议编号
	application_id bigint NOT NULL REFERENCES wc.provider_application (id),
	person_id      bigint REFERENCES wc.person (id),
	staff_id       bigint REFERENCES wc.staff (id), -- the clerk who took it
	objector       text NOT NULL CHECK (length(btrim(objector)) BETWEEN 1 AND 40),
	phone          text NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
	body           text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
	status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
	decided_by     bigint REFERENCES wc.staff (id),
	decided_at     timestamptz,
	decision       text NOT NULL DEFAULT '' CHECK (length(decision) <= 2000),
	request_key    uuid NOT NULL,
	created_at     timestamptz NOT NULL DEFAULT now(),
	UNIQUE (application_id, request_key),
	CHECK (person_id IS NOT NULL OR staff_id IS NOT NULL),
	CHECK ((status = 'open') = (decided_by IS NULL))
);
CREATE INDEX objection_open ON wc.provider_objection (application_id) WHERE status = 'open';
