-- Terminals, staff accounts, sessions, sign-in failures and the audit log.

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

-- One login role per terminal, so one stolen kiosk password is revoked
-- alone; functions know the terminal from session_user.
CREATE TABLE wc.terminal (
	role_name   text PRIMARY KEY,
	kind        text NOT NULL CHECK (kind IN ('kiosk', 'staff')),
	region_code text REFERENCES wc.region (code),
	created_at  timestamptz NOT NULL DEFAULT now(),
	CHECK (kind = 'staff' OR region_code IS NOT NULL)
);

CREATE TABLE wc.staff (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,31}$'),
	display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 40),
	role          text NOT NULL CHECK (role IN ('counter', 'operator', 'supervisor',
	                                            'bureau', 'provider', 'admin')),
	region_code   text NOT NULL REFERENCES wc.region (code),
	password_hash text NOT NULL,
	disabled      boolean NOT NULL DEFAULT false,
	must_change   boolean NOT NULL DEFAULT true, -- set by the administrator: change at first sign-in
	created_at    timestamptz NOT NULL DEFAULT now(),
	last_login_at timestamptz
);

-- Failures are kept per user name typed, whether or not the account
-- exists, so lock-out says nothing about which names are real.
CREATE TABLE wc.login_failure (
	username     text PRIMARY KEY,
	failures     int NOT NULL DEFAULT 0,
	locked_until timestamptz
);

-- Every attempt, for the per-terminal rate limit and the supervisor.
CREATE TABLE wc.login_attempt (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at        timestamptz NOT NULL DEFAULT now(),
	terminal  text NOT NULL,
	username  text NOT NULL,
	succeeded boolean NOT NULL
);
CREATE INDEX ON wc.login_attempt (terminal, at) WHERE NOT succeeded;

-- A session is known by the sha256 of its token; the token itself is
-- only ever in the client's memory.
CREATE TABLE wc.session (
	token_hash  bytea PRIMARY KEY,
	staff_id    bigint NOT NULL REFERENCES wc.staff (id),
	terminal    text NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now(),
	last_seen   timestamptz NOT NULL DEFAULT now(),
	expires_at  timestamptz NOT NULL,
	ended_at    timestamptz
);
CREATE INDEX ON wc.session (staff_id);

-- Append-only: who did what, from which terminal, on whose behalf.
CREATE TABLE wc.audit (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at           timestamptz NOT NULL DEFAULT now(),
	terminal     text NOT NULL DEFAULT session_user,
	staff_id     bigint REFERENCES wc.staff (id),
	on_behalf_of bigint,
	action       text NOT NULL,
	object       text,
	detail       jsonb
);
-- Even the owner, whose functions are the API, may only add rows.
REVOKE UPDATE, DELETE, TRUNCATE ON wc.audit FROM wc_owner;

-- Settings the functions read; not secrets (any role can read function
-- source and settings, so keys never go here).
CREATE TABLE wc.setting (
	name  text PRIMARY KEY,
	value text NOT NULL
);
INSERT INTO wc.setting (name, value) VALUES
	('staff_session_hours', '8'),     -- a working day, then sign in again
	('staff_idle_minutes', '15'),     -- unattended counter PCs
	('login_max_failures', '5'),
	('login_lock_minutes', '15'),
	('terminal_max_failures', '30');  -- per terminal per 15 minutes

-- Passwords nobody may choose: the commonest ones in leaked lists, and
-- the ones people in Chinese offices are known to use.
CREATE TABLE wc.common_password (password text PRIMARY KEY);
INSERT INTO wc.common_password (password) VALUES
	('password'), ('password1'), ('password123'), ('passw0rd'), ('p@ssw0rd'), ('qwerty123'),
	('1qaz2wsx'), ('1q2w3e4r'), ('1q2w3e4r5t'), ('zaq12wsx'), ('qwertyuiop'), ('asdfghjkl'),
	('abc123456'), ('abcd1234'), ('abc12345'), ('a1234567'), ('a12345678'), ('aa123456'),
	('iloveyou'), ('woaini1314'), ('woaini520'), ('5201314'), ('1314520'), ('admin123'),
	('admin1234'), ('administrator'), ('root1234'), ('test1234'), ('welcome1'), ('letmein1'),
	('123456789a'), ('1234567890'), ('0123456789'), ('12345678910'), ('qq123456'),
	('anhui123'), ('anhui2025'), ('anhui2026'), ('hefei123'), ('wanchuang1'), ('chuangye1'),
	('12345qwert'), ('qwert12345'), ('Aa123456'), ('Aa12345678'), ('Abc123456');
