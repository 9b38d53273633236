-- Sign-in, sessions, and what a terminal is. Every api function is
-- SECURITY DEFINER with a pinned search_path, and executable only by the
-- client groups named in its GRANT.

SET LOCAL ROLE wc_owner;

CREATE FUNCTION wc.setting_int(p_name text) RETURNS int
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT value::int FROM wc.setting WHERE name = p_name
$$;

CREATE FUNCTION wc.token_hash(p_token text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT sha256(convert_to(p_token, 'UTF8'))
$$;

-- The staff member behind a token, or SQLSTATE WC001 (the client says
-- "please sign in again"). Touches last_seen, so idle sessions expire.
CREATE FUNCTION wc.session_staff(p_token text, p_allow_must_change boolean DEFAULT false)
RETURNS wc.staff
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s wc.session;
	st wc.staff;
BEGIN
	SELECT * INTO s FROM wc.session
	 WHERE token_hash = wc.token_hash(p_token) FOR UPDATE;
	IF NOT FOUND OR s.ended_at IS NOT NULL OR s.expires_at <= now()
	   OR s.last_seen + make_interval(mins => wc.setting_int('staff_idle_minutes')) <= now()
	   OR s.terminal <> session_user THEN
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

-- Whether this terminal has failed too many sign-ins (staff or kiosk)
-- in the last 15 minutes.
CREATE FUNCTION wc.terminal_throttled() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT count(*) >= wc.setting_int('terminal_max_failures')
	  FROM wc.login_attempt a
	 WHERE a.terminal = session_user AND NOT a.succeeded
	   AND a.at > now() - interval '15 minutes'
$$;

-- The terminal this connection comes from: its kind and region.
CREATE FUNCTION api.terminal_info(
	OUT kind text, OUT region_code text, OUT region_name text,
	OUT city_name text, OUT server_time timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.kind, t.region_code, r.name, c.name, now()
	  FROM (SELECT 1) AS one
	  LEFT JOIN wc.terminal t ON t.role_name = session_user
	  LEFT JOIN wc.region r ON r.code = t.region_code
	  LEFT JOIN wc.region c ON c.code = r.parent AND c.level = 2
$$;
GRANT EXECUTE ON FUNCTION api.terminal_info() TO wc_kiosk, wc_staff;

-- Staff sign-in. The outcome is a status, never an exception, so the
-- failure counters it writes are kept:
--   ok         token and the account's details are set
--   invalid    wrong user name or password (never says which)
--   locked     too many failures for this user name; locked_until is set
--   throttled  too many failures from this terminal; try again later
CREATE FUNCTION api.staff_login(p_username text, p_password text,
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
BEGIN
	IF wc.terminal_throttled() THEN
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
	VALUES (session_user, v_name, coalesce(v_ok, false));

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
	VALUES (wc.token_hash(token), v_staff.id, session_user, expires_at);
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
GRANT EXECUTE ON FUNCTION api.staff_login(text, text) TO wc_staff;

CREATE FUNCTION api.staff_logout(p_token text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
BEGIN
	UPDATE wc.session SET ended_at = now()
	 WHERE token_hash = wc.token_hash(p_token) AND ended_at IS NULL
	   AND terminal = session_user
	RETURNING staff_id INTO v_id;
	IF v_id IS NOT NULL THEN
		INSERT INTO wc.audit (staff_id, action) VALUES (v_id, 'logout');
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.staff_logout(text) TO wc_staff;

-- The signed-in account, for the account screen.
CREATE FUNCTION api.staff_whoami(p_token text,
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
CREATE FUNCTION api.staff_change_password(p_token text, p_old text, p_new text) RETURNS void
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
