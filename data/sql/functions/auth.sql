-- Signing in and out (staff, and people at a kiosk), sessions,
-- and the role and county checks every api call makes.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0036
SET LOCAL ROLE wc_owner;

-- The terminal a call comes from, by its login role's name: the
-- terminals' throttle, locks and rows are keyed by it.
--   * a terminal's own login (a direct connection, or a pool per login):
--     session_user, as before;
--   * a pool's login (wc_pool_kiosk, wc_pool_staff: PgBouncer's shared
--     entries): the terminal whose key p_key is, or, with no key, the
--     terminal p_session_terminal of the session a token names (a call
--     with a token needs no key: its session row says where it began).
--     Refused with SQLSTATE WC003, DETAIL no_key, unknown_key (none such,
--     or its terminal was revoked), revoked (the session's terminal, or
--     one with no key), or other_kind (a kiosk's key through
--     the staff pool, or the reverse): a stolen key reaches only its own
--     kind of API, and revoking the terminal stops its key at once;
--   * any other login: session_user (it is no terminal: terminal_info
--     says so).
-- With neither p_key nor p_session_terminal, the key is the one the
-- client set for this transaction (wc.terminal_key): a pooled client
-- sends it with every call, so the public calls, which take no key,
-- refuse a revoked terminal too. Through a pool, a terminal proved by a
-- key passed or by a session is kept, sealed, for the rows the
-- transaction writes (wc.row_terminal); one proved by the transaction's
-- key is not: wc.row_terminal reads that key again if a row needs it,
-- and the public calls, which seldom write, skip the seal's cost.
-- The key's hash is worked out once, not for each row the lookup reads.
CREATE OR REPLACE FUNCTION wc.caller_terminal(p_key text, p_session_terminal text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t wc.terminal;
	v_set_key boolean := p_key IS NULL AND p_session_terminal IS NULL;
	v_hash bytea;
BEGIN
	IF session_user NOT IN ('wc_pool_kiosk', 'wc_pool_staff') THEN
		RETURN session_user;
	END IF;
	IF v_set_key THEN
		p_key := nullif(current_setting('wc.terminal_key', true), '');
	END IF;
	IF p_key IS NOT NULL THEN
		v_hash := sha256(convert_to(p_key, 'UTF8'));
		SELECT k.* INTO t FROM wc.terminal k
		  JOIN pg_roles r ON r.rolname = k.role_name AND r.rolcanlogin
		 WHERE k.key_hash = v_hash;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'unknown terminal key' USING ERRCODE = 'WC003', DETAIL = 'unknown_key';
		END IF;
	ELSIF p_session_terminal IS NOT NULL THEN
		-- Revoking a terminal clears its key's hash (wc_admin.terminal_revoke).
		-- PgBouncer keeps the revoked terminal's client connection open, so
		-- its sessions (a person's at a kiosk among them) are refused here, at
		-- their next call; the row is read anyway, so it costs no lookup more.
		SELECT * INTO t FROM wc.terminal WHERE role_name = p_session_terminal;
		IF t.key_hash IS NULL THEN
			RAISE EXCEPTION 'revoked terminal' USING ERRCODE = 'WC003', DETAIL = 'revoked';
		END IF;
	ELSE
		RAISE EXCEPTION 'terminal key required' USING ERRCODE = 'WC003', DETAIL = 'no_key';
	END IF;
	IF pg_has_role(session_user, 'wc_kiosk', 'MEMBER') IS DISTINCT FROM (t.kind = 'kiosk') THEN
		RAISE EXCEPTION 'terminal of another kind' USING ERRCODE = 'WC003', DETAIL = 'other_kind';
	END IF;
	IF NOT v_set_key THEN
		PERFORM set_config('wc.terminal', wc.terminal_seal(t.role_name), true);
	END IF;
	RETURN t.role_name;
END
$$;

-- p_terminal, sealed for this server session and this transaction: an
-- HMAC under a key no client can read (wc.secret), so that a caller's
-- own SET of wc.terminal, or a seal seen in an earlier transaction,
-- names no terminal. The time as a number: a caller's SET of TimeZone
-- or DateStyle changes no seal. PL/pgSQL, whose plans are kept: an SQL
-- function that is not inlined is planned again at every call.
CREATE OR REPLACE FUNCTION wc.terminal_seal(p_terminal text) RETURNS text
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_key bytea;
BEGIN
	SELECT s.value INTO v_key FROM wc.secret s WHERE s.name = 'terminal_seal';
	RETURN p_terminal || '/' || encode(ext.hmac(
		convert_to(p_terminal || '/' || pg_backend_pid() || '/' || extract(epoch FROM now()),
		           'UTF8'), v_key, 'sha256'), 'hex');
END
$$;

-- The terminal a row records (the default of wc.audit.terminal and of
-- the terminal columns of wc.voucher_entry, wc.booking and wc.review):
-- a terminal's own login, or, through a pool, the terminal
-- wc.caller_terminal proved earlier in this transaction (by its key or
-- its session), else the one the transaction's key names.
CREATE OR REPLACE FUNCTION wc.row_terminal() RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_seal text := current_setting('wc.terminal', true);
	v_name text := split_part(v_seal, '/', 1);
BEGIN
	IF session_user NOT IN ('wc_pool_kiosk', 'wc_pool_staff') THEN
		RETURN session_user;
	END IF;
	IF v_name <> '' AND v_seal = wc.terminal_seal(v_name) THEN
		RETURN v_name;
	END IF;
	RETURN wc.caller_terminal(NULL);
END
$$;

-- The staff member behind a token, or SQLSTATE WC001 (the client says
-- "please sign in again"). Touches last_seen, so idle sessions expire.
CREATE OR REPLACE FUNCTION wc.session_staff(p_token text, p_allow_must_change boolean DEFAULT false)
RETURNS wc.staff
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s wc.session;
	st wc.staff;
BEGIN
	SELECT * INTO s FROM wc.session
	 WHERE token_hash = wc.token_hash(p_token) FOR UPDATE;
	IF NOT FOUND OR s.ended_at IS NOT NULL OR s.expires_at <= now()
	   OR s.last_seen + make_interval(mins => wc.setting_int('staff_idle_minutes')) <= now() THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	IF s.terminal IS DISTINCT FROM wc.caller_terminal(NULL, s.terminal) THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	SELECT * INTO st FROM wc.staff WHERE id = s.staff_id;
	IF st.disabled THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	-- A password set by the administrator must be changed before anything else.
	IF st.must_change AND NOT p_allow_must_change THEN
		RAISE EXCEPTION 'password change required' USING ERRCODE = 'WC031';
	END IF;
	UPDATE wc.session SET last_seen = now() WHERE token_hash = s.token_hash;
	RETURN st;
END
$$;

-- Whether the terminal (wc.caller_terminal) has failed too many sign-ins
-- (staff or kiosk) in the last 15 minutes.
CREATE OR REPLACE FUNCTION wc.terminal_throttled(p_terminal text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT count(*) >= wc.setting_int('terminal_max_failures')
	  FROM wc.login_attempt a
	 WHERE a.terminal = p_terminal AND NOT a.succeeded
	   AND a.at > now() - interval '15 minutes'
$$;

-- One sign-in at a time from a terminal, until the transaction ends: the
-- count of its failures (wc.terminal_throttled) and the attempt recorded
-- after it must not interleave with another sign-in's, or tries sent at
-- once would all pass the throttle. Advisory keys of class 4 are terminals.
CREATE OR REPLACE FUNCTION wc.terminal_sign_in_lock(p_terminal text) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_advisory_xact_lock(4, hashtext(p_terminal))
$$;

-- The terminal this call comes from (wc.caller_terminal: its login, or
-- its key through a shared pool): its kind and region.
CREATE OR REPLACE FUNCTION api.terminal_info(p_terminal_key text DEFAULT NULL,
	OUT kind text, OUT region_code text, OUT region_name text,
	OUT city_name text, OUT server_time timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.kind, t.region_code, r.name, c.name, now()
	  FROM (SELECT wc.caller_terminal(p_terminal_key) AS name) AS caller
	  LEFT JOIN wc.terminal t ON t.role_name = caller.name
	  LEFT JOIN wc.region r ON r.code = t.region_code
	  LEFT JOIN wc.region c ON c.code = r.parent AND c.level = 2
$$;
GRANT EXECUTE ON FUNCTION api.terminal_info(text) TO wc_kiosk, wc_staff;

-- Staff sign-in. The outcome is a status, never an exception, so the
-- failure counters it writes are kept:
--   ok         token and the account's details are set
--   invalid    wrong user name or password (never says which)
--   locked     too many failures for this user name; locked_until is set
--   throttled  too many failures from this terminal; try again later
CREATE OR REPLACE FUNCTION api.staff_login(p_username text, p_password text,
	p_terminal_key text DEFAULT NULL,
	OUT status text, OUT token text, OUT username text,
	OUT display_name text, OUT role text, OUT region_code text,
	OUT region_name text, OUT expires_at timestamptz,
	OUT locked_until timestamptz, OUT must_change boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_name text := lower(btrim(coalesce(p_username, '')));
	v_fail wc.login_failure;
	v_staff wc.staff;
	v_ok boolean;
	v_token bytea;
	v_terminal text := wc.caller_terminal(p_terminal_key);
BEGIN
	PERFORM wc.terminal_sign_in_lock(v_terminal);
	IF wc.terminal_throttled(v_terminal) THEN
		status := 'throttled';
		RETURN;
	END IF;

	INSERT INTO wc.login_failure AS f (username) VALUES (v_name)
	ON CONFLICT ON CONSTRAINT login_failure_pkey DO UPDATE SET username = f.username
	RETURNING * INTO v_fail;  -- locks the row: concurrent tries count one by one
	IF v_fail.locked_until > now() THEN
		status := 'locked';
		locked_until := v_fail.locked_until;
		RETURN;
	END IF;

	SELECT * INTO v_staff FROM wc.staff s WHERE s.username = v_name AND NOT s.disabled;
	-- Hash even for an unknown name, so the time taken does not tell.
	v_ok := ext.crypt(coalesce(p_password, ''),
	                  coalesce(v_staff.password_hash, ext.gen_salt('bf', 10)))
	        = v_staff.password_hash;
	INSERT INTO wc.login_attempt (terminal, username, succeeded)
	VALUES (v_terminal, v_name, coalesce(v_ok, false));

	IF NOT coalesce(v_ok, false) THEN
		UPDATE wc.login_failure f
		   SET failures = CASE WHEN f.failures + 1 >= wc.setting_int('login_max_failures')
		                       THEN 0 ELSE f.failures + 1 END,
		       locked_until = CASE WHEN f.failures + 1 >= wc.setting_int('login_max_failures')
		                           THEN now() + make_interval(mins => wc.setting_int('login_lock_minutes'))
		                           END
		 WHERE f.username = v_name
		RETURNING f.locked_until INTO locked_until;
		INSERT INTO wc.audit (staff_id, action, object)
		VALUES (v_staff.id, CASE WHEN locked_until IS NULL THEN 'login_failed' ELSE 'login_locked' END, v_name);
		status := CASE WHEN locked_until IS NULL THEN 'invalid' ELSE 'locked' END;
		RETURN;
	END IF;

	DELETE FROM wc.login_failure f WHERE f.username = v_name;
	v_token := ext.gen_random_bytes(32);
	token := encode(v_token, 'hex');
	expires_at := now() + make_interval(hours => wc.setting_int('staff_session_hours'));
	INSERT INTO wc.session (token_hash, staff_id, terminal, expires_at)
	VALUES (wc.token_hash(token), v_staff.id, v_terminal, expires_at);
	UPDATE wc.staff s SET last_login_at = now() WHERE s.id = v_staff.id;
	INSERT INTO wc.audit (staff_id, action, object) VALUES (v_staff.id, 'login', v_name);

	status := 'ok';
	username := v_staff.username;
	display_name := v_staff.display_name;
	role := v_staff.role;
	region_code := v_staff.region_code;
	must_change := v_staff.must_change;
	SELECT r.name INTO region_name FROM wc.region r WHERE r.code = v_staff.region_code;
END
$$;
GRANT EXECUTE ON FUNCTION api.staff_login(text, text, text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.staff_logout(p_token text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
BEGIN
	UPDATE wc.session SET ended_at = now()
	 WHERE token_hash = wc.token_hash(p_token) AND ended_at IS NULL
	   AND terminal = wc.caller_terminal(NULL, terminal)
	RETURNING staff_id INTO v_id;
	IF v_id IS NOT NULL THEN
		INSERT INTO wc.audit (staff_id, action) VALUES (v_id, 'logout');
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.staff_logout(text) TO wc_staff;

-- The signed-in account, for the account screen.
CREATE OR REPLACE FUNCTION api.staff_whoami(p_token text,
	OUT username text, OUT display_name text, OUT role text,
	OUT region_code text, OUT region_name text,
	OUT last_login_at timestamptz, OUT expires_at timestamptz,
	OUT failed_since_last integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	username := st.username;
	display_name := st.display_name;
	role := st.role;
	region_code := st.region_code;
	SELECT r.name INTO region_name FROM wc.region r WHERE r.code = st.region_code;
	SELECT s.expires_at INTO expires_at FROM wc.session s
	 WHERE s.token_hash = wc.token_hash(p_token);
	-- The sign-in before this one, and failures since it: a person
	-- notices when someone else has been trying their account.
	SELECT max(a.at) INTO last_login_at FROM wc.login_attempt a
	 WHERE a.username = st.username AND a.succeeded
	   AND a.at < (SELECT s.created_at FROM wc.session s
	                WHERE s.token_hash = wc.token_hash(p_token));
	SELECT count(*) INTO failed_since_last FROM wc.login_attempt a
	 WHERE a.username = st.username AND NOT a.succeeded
	   AND a.at > coalesce(last_login_at, '-infinity');
END
$$;
GRANT EXECUTE ON FUNCTION api.staff_whoami(text) TO wc_staff;

-- Change one's own password: the current one, then a new one that meets
-- wc.password_problem (SQLSTATE WC030, DETAIL the reason) and differs.
CREATE OR REPLACE FUNCTION api.staff_change_password(p_token text, p_old text, p_new text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token, true);
	v_problem text := wc.password_problem(st.username, p_new);
BEGIN
	IF ext.crypt(coalesce(p_old, ''), st.password_hash) <> st.password_hash THEN
		RAISE EXCEPTION 'wrong current password' USING ERRCODE = 'WC032';
	END IF;
	IF v_problem IS NULL AND p_new = p_old THEN
		v_problem := 'same';
	END IF;
	IF v_problem IS NOT NULL THEN
		RAISE EXCEPTION 'password not acceptable' USING ERRCODE = 'WC030', DETAIL = v_problem;
	END IF;
	UPDATE wc.staff SET password_hash = ext.crypt(p_new, ext.gen_salt('bf', 10)),
	                    must_change = false
	 WHERE id = st.id;
	INSERT INTO wc.audit (staff_id, action) VALUES (st.id, 'password_change');
END
$$;
GRANT EXECUTE ON FUNCTION api.staff_change_password(text, text, text) TO wc_staff;

-- Whether a staff member may see and change what belongs to a county:
-- counter staff their county, or the counties of their city; the
-- province-wide roles everything.
CREATE OR REPLACE FUNCTION wc.staff_covers(st wc.staff, p_county text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN st.role IN ('operator', 'supervisor', 'bureau', 'admin') THEN true
		WHEN st.role = 'counter' THEN st.region_code = p_county
			OR EXISTS (SELECT 1 FROM wc.region r
			            WHERE r.code = p_county AND r.parent = st.region_code)
		ELSE false
	END
$$;

CREATE OR REPLACE FUNCTION wc.require_role(st wc.staff, p_roles text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT st.role = ANY (p_roles) THEN
		RAISE EXCEPTION 'not allowed for role %', st.role USING ERRCODE = 'WC002';
	END IF;
END
$$;

-- The person, if the staff member's area covers them; else WC020 (the
-- same answer as for no such person: the area's edge tells nothing).
CREATE OR REPLACE FUNCTION wc.person_in_scope(st wc.staff, p_person bigint) RETURNS wc.person
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person;
BEGIN
	SELECT * INTO p FROM wc.person WHERE id = p_person;
	IF NOT FOUND OR NOT wc.staff_covers(st, p.county_code) THEN
		RAISE EXCEPTION 'no such person' USING ERRCODE = 'WC020';
	END IF;
	RETURN p;
END
$$;

-- Until when a kiosk refuses an ID number's sign-in, or NULL when it
-- compares the PIN. Worked out from the wrong PINs kept in wc.pin_failure
-- (why these two rules, and what they bound: migration 0033 and
-- doc/architecture.md):
--   the kiosk's own: pin_max_failures wrong PINs there within
--     pin_lock_minutes, until the first of them is that old;
--   the number's day: pin_day_failures wrong PINs within a day at any
--     kiosks close the kiosks they were typed at, until a day after the
--     last one there or until the day's count falls below the budget,
--     whichever comes first. A kiosk with none of them still compares,
--     so the owner elsewhere is never refused.
CREATE OR REPLACE FUNCTION wc.pin_locked_until(p_hmac bytea, p_terminal text) RETURNS timestamptz
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT max(u) FROM (
		(SELECT f.at + make_interval(mins => wc.setting_int('pin_lock_minutes'))
		   FROM wc.pin_failure f
		  WHERE f.id_hmac = p_hmac AND f.terminal = p_terminal
		    AND f.at > now() - make_interval(mins => wc.setting_int('pin_lock_minutes'))
		  ORDER BY f.at DESC
		 OFFSET wc.setting_int('pin_max_failures') - 1 LIMIT 1)
		UNION ALL
		SELECT least(here.last, spent.at) + interval '1 day'
		  FROM (SELECT max(f.at) AS last FROM wc.pin_failure f
		         WHERE f.id_hmac = p_hmac AND f.terminal = p_terminal) AS here,
		       (SELECT f.at FROM wc.pin_failure f
		         WHERE f.id_hmac = p_hmac AND f.at > now() - interval '1 day'
		         ORDER BY f.at DESC
		        OFFSET wc.setting_int('pin_day_failures') - 1 LIMIT 1) AS spent
		 WHERE here.last IS NOT NULL
	) AS l (u)
	WHERE u > now()
$$;

-- Whether some kiosk refuses the number now: the counter's page says so.
CREATE OR REPLACE FUNCTION wc.pin_locked_anywhere(p_hmac bytea) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (
		SELECT 1 FROM (SELECT DISTINCT f.terminal FROM wc.pin_failure f
		                WHERE f.id_hmac = p_hmac AND f.at > now() - interval '1 day') AS k
		 WHERE wc.pin_locked_until(p_hmac, k.terminal) IS NOT NULL)
$$;

-- Kiosk sign-in with ID number and PIN.
--   ok, invalid (unknown number, no PIN set yet, or wrong PIN: one answer,
--   so a kiosk cannot be used to learn who is registered), locked (this
--   kiosk refuses the number until locked_until, wc.pin_locked_until; the
--   same for a registered number or not), throttled
CREATE OR REPLACE FUNCTION api.citizen_login(p_id_number text, p_pin text,
	p_terminal_key text DEFAULT NULL,
	OUT status text, OUT token text, OUT name_masked text, OUT county_name text,
	OUT locked_until timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person;
	v_ok boolean;
	v_hmac bytea;
	v_terminal text := wc.caller_terminal(p_terminal_key);
BEGIN
	PERFORM wc.terminal_sign_in_lock(v_terminal);
	IF wc.terminal_throttled(v_terminal) THEN
		status := 'throttled';
		RETURN;
	END IF;
	v_hmac := wc.person_hmac(wc.normalise_code(coalesce(p_id_number, '')));
	-- One sign-in at a time for a number, from all kiosks, until the
	-- transaction ends: tries sent at once are counted one after the other
	-- and none slips past a lock. Advisory keys of class 7 are ID numbers
	-- (hashed: a collision only waits).
	PERFORM pg_advisory_xact_lock(7, hashtext(encode(v_hmac, 'hex')));
	locked_until := wc.pin_locked_until(v_hmac, v_terminal);
	IF locked_until IS NOT NULL THEN
		status := 'locked';
		RETURN;
	END IF;
	SELECT * INTO p FROM wc.person WHERE id_hmac = v_hmac;
	v_ok := ext.crypt(coalesce(p_pin, ''), coalesce(p.pin_hash, ext.gen_salt('bf', 8))) = p.pin_hash;
	INSERT INTO wc.login_attempt (terminal, username, succeeded)
	VALUES (v_terminal, coalesce(p.id_masked, '-'), coalesce(v_ok, false));
	IF NOT coalesce(v_ok, false) THEN
		-- older than a day, a failure counts for nothing
		DELETE FROM wc.pin_failure f WHERE f.id_hmac = v_hmac AND f.at <= now() - interval '1 day';
		INSERT INTO wc.pin_failure (id_hmac, terminal) VALUES (v_hmac, v_terminal);
		IF p.id IS NOT NULL THEN
			INSERT INTO wc.audit (action, object) VALUES ('citizen_login_failed', p.id::text);
		END IF;
		locked_until := wc.pin_locked_until(v_hmac, v_terminal);
		status := CASE WHEN locked_until IS NULL THEN 'invalid' ELSE 'locked' END;
		RETURN;
	END IF;
	-- A right PIN forgets no wrong one: forgetting those typed here would
	-- give back guesses someone else made at this kiosk before the owner
	-- came, and the bound on guesses (doc/architecture.md) would not hold.
	token := encode(ext.gen_random_bytes(32), 'hex');
	INSERT INTO wc.citizen_session (token_hash, person_id, terminal)
	VALUES (wc.token_hash(token), p.id, v_terminal);
	INSERT INTO wc.audit (action, object) VALUES ('citizen_login', p.id::text);
	status := 'ok';
	name_masked := wc.mask_name(p.name);
	SELECT r.name INTO county_name FROM wc.region r WHERE r.code = p.county_code;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_login(text, text, text) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.citizen_whoami(p_token text,
	OUT name_masked text, OUT id_masked text, OUT mobile_masked text,
	OUT county_name text, OUT stage text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
BEGIN
	name_masked := wc.mask_name(p.name);
	id_masked := p.id_masked;
	mobile_masked := p.mobile_masked;
	SELECT r.name INTO county_name FROM wc.region r WHERE r.code = p.county_code;
	stage := p.stage;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_whoami(text) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.citizen_logout(p_token text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	UPDATE wc.citizen_session SET ended_at = now()
	 WHERE token_hash = wc.token_hash(p_token) AND ended_at IS NULL
	   AND terminal = wc.caller_terminal(NULL, terminal)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_logout(text) TO wc_kiosk;

-- STABLE, not IMMUTABLE: convert_to is STABLE, and a function
-- declared more constant than its body is never inlined.
CREATE OR REPLACE FUNCTION wc.token_hash(p_token text) RETURNS bytea
LANGUAGE sql STABLE STRICT AS $$
	SELECT pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'))
$$;

-- The person behind a kiosk token, or WC001, as wc.session_person
-- decides it; the id only, for callers that lock and read the person next.
CREATE OR REPLACE FUNCTION wc.session_person_id(p_token text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	s record;
BEGIN
	SELECT cs.token_hash, cs.person_id, cs.ended_at, cs.terminal, cs.last_seen,
	       (SELECT st.value::int FROM wc.setting st WHERE st.name = 'citizen_idle_minutes') AS idle
	  INTO s
	  FROM wc.citizen_session cs
	 WHERE cs.token_hash = wc.token_hash(p_token);
	-- the kiosk first: a revoked one (wc_admin.terminal_revoke, which
	-- also ends its sessions) is refused as such (WC003), so the person
	-- is told the terminal may not serve, not that they were signed out
	IF FOUND AND s.terminal IS DISTINCT FROM wc.caller_terminal(NULL, s.terminal) THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	IF NOT FOUND OR s.ended_at IS NOT NULL
	   OR s.last_seen + make_interval(mins => s.idle) <= now() THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	IF s.last_seen < now() - interval '5 seconds' THEN
		UPDATE wc.citizen_session SET last_seen = now() WHERE token_hash = s.token_hash;
	END IF;
	RETURN s.person_id;
END
$$;

-- The person behind a kiosk token, or WC001; 2 minutes idle ends it.
CREATE OR REPLACE FUNCTION wc.session_person(p_token text) RETURNS wc.person
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint := wc.session_person_id(p_token);
	p wc.person;
BEGIN
	SELECT * INTO p FROM wc.person WHERE id = v_id;
	RETURN p;
END
$$;
