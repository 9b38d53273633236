-- Staff accounts and terminal logins, made and managed by the
-- administrator (wanchuang-admin staff, terminal).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- Migration 0031 calls wc_admin.terminal_limit, so this file needs no
-- later one: wc.terminal's key_hash (0036) appears only in PL/pgSQL
-- bodies, which are not read until they run.
--
-- needs: 0003
SET LOCAL ROLE wc_owner;

-- A staff account. The region says where the account may act: counter
-- staff a county or a city; operator, supervisor, bureau and admin the
-- province; a provider where it is registered.
CREATE OR REPLACE FUNCTION wc_admin.staff_add(p_username text, p_role text,
	p_region text, p_name text, p_password text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_level smallint;
	v_id bigint;
	v_message text;
	v_state text;
	v_constraint text;
BEGIN
	SELECT level INTO v_level FROM wc.region WHERE code = p_region;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown region code "%"', p_region USING ERRCODE = '22023';
	END IF;
	IF p_role = 'counter' AND v_level = 1 THEN
		RAISE EXCEPTION 'counter staff belong to a city or a county, not the province'
			USING ERRCODE = '22023';
	END IF;
	IF p_role IN ('operator', 'supervisor', 'bureau', 'admin') AND v_level <> 1 THEN
		RAISE EXCEPTION 'role "%" works for the whole province: use region 340000', p_role
			USING ERRCODE = '22023';
	END IF;
	IF wc.password_problem(p_username, p_password) IS NOT NULL THEN
		RAISE EXCEPTION 'password not acceptable: %', wc.password_problem(p_username, p_password)
			USING ERRCODE = '22023',
			      HINT = 'Use at least 10 characters with letters and digits, not the user name, not a common password.';
	END IF;
	-- The table's own checks would refuse these too, but with the whole
	-- row as DETAIL, the new password's hash in it, to the client and to
	-- the server log: so they are made here first, and whatever the
	-- table still refuses is raised again without its DETAIL.
	IF lower(coalesce(p_username, '')) !~ '^[a-z][a-z0-9._-]{1,31}$' THEN
		RAISE EXCEPTION 'invalid user name "%"', p_username
			USING ERRCODE = '22023',
			      HINT = 'Use 2 to 32 letters, digits, ".", "_" and "-", starting with a letter.';
	END IF;
	IF length(coalesce(p_name, '')) NOT BETWEEN 1 AND 40 THEN
		RAISE EXCEPTION 'the name shown must have 1 to 40 characters' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM wc.staff WHERE username = lower(p_username)) THEN
		RAISE EXCEPTION 'staff account "%" already exists', lower(p_username)
			USING ERRCODE = '23505';
	END IF;
	BEGIN
		INSERT INTO wc.staff (username, display_name, role, region_code, password_hash)
		VALUES (lower(p_username), p_name, p_role, p_region,
		        ext.crypt(p_password, ext.gen_salt('bf', 10)))
		RETURNING id INTO v_id;
	EXCEPTION WHEN integrity_constraint_violation THEN
		GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_state = RETURNED_SQLSTATE,
		                        v_constraint = CONSTRAINT_NAME;
		RAISE EXCEPTION USING ERRCODE = v_state, MESSAGE = v_message, CONSTRAINT = v_constraint;
	END;
	INSERT INTO wc.audit (action, object, detail)
	VALUES ('staff_add', lower(p_username),
	        jsonb_build_object('role', p_role, 'region', p_region));
	RETURN v_id;
END
$$;

-- A login role for one terminal, in the group of its kind.
CREATE OR REPLACE FUNCTION wc_admin.terminal_add(p_name text, p_kind text,
	p_region text, p_password text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_name !~ '^[a-z][a-z0-9_]{2,40}$' OR p_name ~ '^(wc_|pg_)' THEN
		RAISE EXCEPTION 'invalid terminal name "%"', p_name
			USING ERRCODE = '22023',
			      HINT = 'Use 3 to 41 lower-case letters, digits and underscores, starting with a letter and not with "wc_" or "pg_".';
	END IF;
	-- notify: the login of wanchuang-notify (functions/notices.sql)
	IF p_kind NOT IN ('kiosk', 'staff', 'notify') THEN
		RAISE EXCEPTION 'terminal kind must be kiosk, staff or notify' USING ERRCODE = '22023';
	END IF;
	IF p_kind = 'kiosk' AND NOT EXISTS (SELECT 1 FROM wc.region WHERE code = p_region AND level = 3) THEN
		RAISE EXCEPTION 'a kiosk needs the code of the county it stands in' USING ERRCODE = '22023';
	END IF;
	IF p_region IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wc.region WHERE code = p_region) THEN
		RAISE EXCEPTION 'unknown region code "%"', p_region USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
		RAISE EXCEPTION 'role "%" already exists', p_name USING ERRCODE = '42710';
	END IF;
	-- p_password is the login's SCRAM verifier, made by the client
	-- (PQencryptPasswordConn): a clear password is refused, as it would
	-- stand in this statement's text.
	IF p_password !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
		RAISE EXCEPTION 'a terminal login takes a SCRAM verifier, not a password'
			USING ERRCODE = '22023';
	END IF;
	EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I',
	               p_name, p_password, 'wc_' || p_kind);
	INSERT INTO wc.terminal (role_name, kind, region_code) VALUES (p_name, p_kind, p_region);
	PERFORM wc_admin.terminal_limit(p_name);
	INSERT INTO wc.audit (action, object, detail)
	VALUES ('terminal_add', p_name, jsonb_build_object('kind', p_kind, 'region', p_region));
END
$$;

-- The limits a terminal's login carries, whatever client uses it (a
-- stolen kiosk password in psql included): a few connections (a kiosk
-- runs one program, which reconnects while its dropped connection may
-- still count; a staff login can serve several people behind one ssh
-- host), and time limits set on the role. The program asks for its own
-- statement timeout (15 s) when it connects; the role's shorter one is
-- for any other client. Raising one terminal's connection limit by hand
-- (ALTER ROLE … CONNECTION LIMIT n) is kept: only a missing limit is set.
CREATE OR REPLACE FUNCTION wc_admin.terminal_limit(p_name text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_kind text;
BEGIN
	SELECT kind INTO v_kind FROM wc.terminal WHERE role_name = p_name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no terminal named "%"', p_name USING ERRCODE = '42704';
	END IF;
	IF (SELECT rolconnlimit FROM pg_roles WHERE rolname = p_name) < 0 THEN
		EXECUTE format('ALTER ROLE %I CONNECTION LIMIT %s', p_name,
		               CASE v_kind WHEN 'kiosk' THEN 3 ELSE 10 END);
	END IF;
	EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', p_name, '5s');
	EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', p_name, '30s');
	EXECUTE format('ALTER ROLE %I SET idle_session_timeout = %L', p_name, '8h');
END
$$;

-- A new key for a terminal, answered once: only its SHA-256 is kept,
-- and the key it had before stops working. Made here, so that the key
-- never travels to the server as a statement's parameter (logged with
-- a slow or failed statement); it comes back as a result only.
CREATE OR REPLACE FUNCTION wc_admin.terminal_new_key(p_name text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_key text := encode(ext.gen_random_bytes(32), 'hex');
BEGIN
	UPDATE wc.terminal SET key_hash = sha256(convert_to(v_key, 'UTF8'))
	 WHERE role_name = p_name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no terminal named "%"', p_name USING ERRCODE = '42704';
	END IF;
	IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = p_name) THEN
		RAISE EXCEPTION 'terminal "%" is revoked', p_name USING ERRCODE = '55000';
	END IF;
	INSERT INTO wc.audit (action, object) VALUES ('terminal_new_key', p_name);
	RETURN v_key;
END
$$;

-- Stop a terminal's login (a stolen password): its sessions end too,
-- staff's and people's, in the same transaction.
CREATE OR REPLACE FUNCTION wc_admin.terminal_revoke(p_name text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM wc.terminal WHERE role_name = p_name) THEN
		RAISE EXCEPTION 'no terminal named "%"', p_name USING ERRCODE = '42704';
	END IF;
	EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
	-- its key stops working through the shared pools too
	UPDATE wc.terminal SET key_hash = NULL WHERE role_name = p_name;
	UPDATE wc.session SET ended_at = now() WHERE terminal = p_name AND ended_at IS NULL;
	-- and the people signed in at a kiosk: refused already by
	-- wc.caller_terminal, but shown as signed in until the idle lapse
	UPDATE wc.citizen_session SET ended_at = now() WHERE terminal = p_name AND ended_at IS NULL;
	PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = p_name;
	INSERT INTO wc.audit (action, object) VALUES ('terminal_revoke', p_name);
END
$$;

-- Disable or enable a staff account (its sessions end at once).
CREATE OR REPLACE FUNCTION wc_admin.staff_set_disabled(p_username text, p_disabled boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	UPDATE wc.staff SET disabled = p_disabled WHERE username = lower(p_username);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no staff account "%"', p_username USING ERRCODE = '42704';
	END IF;
	UPDATE wc.session SET ended_at = now()
	 WHERE ended_at IS NULL AND staff_id = (SELECT id FROM wc.staff WHERE username = lower(p_username));
	INSERT INTO wc.audit (action, object) VALUES (CASE WHEN p_disabled THEN 'staff_disable'
	                                                    ELSE 'staff_enable' END, lower(p_username));
END
$$;

-- A new password set by the administrator: to be changed at the next sign-in.
CREATE OR REPLACE FUNCTION wc_admin.staff_reset_password(p_username text, p_password text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF wc.password_problem(p_username, p_password) IS NOT NULL THEN
		RAISE EXCEPTION 'password not acceptable: %', wc.password_problem(p_username, p_password)
			USING ERRCODE = '22023',
			      HINT = 'Use at least 10 characters with letters and digits, not the user name, not a common password.';
	END IF;
	UPDATE wc.staff SET password_hash = ext.crypt(p_password, ext.gen_salt('bf', 10)),
	                    must_change = true
	 WHERE username = lower(p_username);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no staff account "%"', p_username USING ERRCODE = '42704';
	END IF;
	DELETE FROM wc.login_failure WHERE username = lower(p_username);
	INSERT INTO wc.audit (action, object) VALUES ('staff_reset_password', lower(p_username));
END
$$;
