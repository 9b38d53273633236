-- The append-only audit log, reading it, and the security
-- self-check of Art. 30.
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

-- Nothing changes a row once written, but its place in the chain is
-- filled in once, after the fact (functions/audit_chain.sql, the seal).
CREATE OR REPLACE FUNCTION wc.audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.hash IS NULL
	   AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
	   AND (NEW.id, NEW.at, NEW.terminal, NEW.staff_id, NEW.on_behalf_of, NEW.action,
	        NEW.object, NEW.detail)
	       IS NOT DISTINCT FROM
	       (OLD.id, OLD.at, OLD.terminal, OLD.staff_id, OLD.on_behalf_of, OLD.action,
	        OLD.object, OLD.detail) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '42501';
END
$$;
CREATE OR REPLACE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON wc.audit
	FOR EACH ROW EXECUTE FUNCTION wc.audit_refuse_change();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON wc.audit
	FOR EACH STATEMENT EXECUTE FUNCTION wc.audit_refuse_change();

CREATE OR REPLACE FUNCTION wc_admin.security_report(
	OUT section text, OUT item text, OUT detail text)
RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	-- staff accounts never used, or unused for 90 days
	SELECT 'unused_accounts', s.username,
	       s.role || ' ' || s.region_code || ' ' ||
	       coalesce('last ' || to_char(s.last_login_at, 'YYYY-MM-DD'), 'never')
	  FROM wc.staff s
	 WHERE NOT s.disabled
	   AND (s.last_login_at IS NULL OR s.last_login_at < now() - interval '90 days')
	UNION ALL
	-- user names with many failed sign-ins in the last 30 days
	SELECT 'failed_sign_ins', a.username, count(*)::text
	  FROM wc.login_attempt a
	 WHERE NOT a.succeeded AND a.at > now() - interval '30 days'
	 GROUP BY a.username HAVING count(*) >= 5
	UNION ALL
	-- accounts disabled, or waiting for their first own password
	SELECT 'account_state', s.username,
	       CASE WHEN s.disabled THEN 'disabled' ELSE 'must_change' END
	  FROM wc.staff s WHERE s.disabled OR s.must_change
	UNION ALL
	-- every terminal's login role
	SELECT 'terminals', t.role_name,
	       t.kind || ' ' || coalesce(t.region_code, '-') || ' ' ||
	       CASE WHEN r.rolcanlogin THEN 'login' ELSE 'revoked' END
	  FROM wc.terminal t LEFT JOIN pg_roles r ON r.rolname = t.role_name
	UNION ALL
	-- terminals that can sign in but have no key: they cannot use the
	-- pools shared by their kind (wanchuang-admin terminal key NAME)
	SELECT 'terminals_without_key', t.role_name,
	       t.kind || ' ' || coalesce(t.region_code, '-')
	  FROM wc.terminal t JOIN pg_roles r ON r.rolname = t.role_name
	 WHERE r.rolcanlogin AND t.key_hash IS NULL
	UNION ALL
	-- roles a pool's login is a member of beyond its group (there must be
	-- none: a kiosk's key would reach further than the kiosk API)
	SELECT 'pool_login_groups', p.login, g.rolname
	  FROM (VALUES ('wc_pool_kiosk', 'wc_kiosk'), ('wc_pool_staff', 'wc_staff')) AS p(login, grp)
	  JOIN pg_roles pr ON pr.rolname = p.login
	  JOIN pg_roles g ON g.rolname NOT IN (p.login, p.grp)
	 WHERE pg_has_role(pr.oid, g.oid, 'MEMBER')
	UNION ALL
	-- each limit a terminal's login that can sign in lacks (there must be
	-- none: wc_admin.terminal_limit sets them)
	SELECT 'terminal_limits', r.rolname, l.name
	  FROM wc.terminal t JOIN pg_roles r ON r.rolname = t.role_name
	  CROSS JOIN (VALUES ('connection_limit'), ('statement_timeout'),
	                     ('idle_in_transaction_session_timeout'), ('idle_session_timeout'),
	                     ('temporary_tables')) AS l(name)
	 WHERE r.rolcanlogin
	   AND CASE l.name
	       WHEN 'connection_limit' THEN r.rolconnlimit < 0
	       WHEN 'temporary_tables' THEN has_database_privilege(r.oid, current_database(), 'TEMPORARY')
	       ELSE NOT EXISTS (SELECT 1 FROM unnest(r.rolconfig) AS c(setting)
	                         WHERE split_part(c.setting, '=', 1) = l.name
	                           AND split_part(c.setting, '=', 2) !~ '^0[a-z]*$')
	       END
	UNION ALL
	-- databases other than this one a terminal's login can connect to
	-- (there must be none)
	SELECT 'terminal_databases', r.rolname, d.datname
	  FROM wc.terminal t JOIN pg_roles r ON r.rolname = t.role_name
	  CROSS JOIN pg_database d
	 WHERE r.rolcanlogin AND d.datallowconn AND d.datname <> current_database()
	   AND has_database_privilege(r.oid, d.oid, 'CONNECT')
	UNION ALL
	-- tables a client group can reach (there must be none)
	SELECT 'client_table_access', g.rolname, c.oid::regclass::text
	  FROM pg_class c
	  JOIN pg_namespace n ON n.oid = c.relnamespace
	  CROSS JOIN (VALUES ('wc_kiosk'), ('wc_staff'), ('wc_notify')) AS g(rolname)
	 WHERE c.relkind IN ('r', 'v', 'm', 'p')
	   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
	   AND (has_table_privilege(g.rolname, c.oid, 'SELECT')
	        OR has_table_privilege(g.rolname, c.oid, 'INSERT')
	        OR has_table_privilege(g.rolname, c.oid, 'UPDATE')
	        OR has_table_privilege(g.rolname, c.oid, 'DELETE'))
	UNION ALL
	-- functions of ours a client group can call outside api (none)
	SELECT 'client_function_access', g.rolname, p.oid::regprocedure::text
	  FROM pg_proc p
	  JOIN pg_namespace n ON n.oid = p.pronamespace
	  CROSS JOIN (VALUES ('wc_kiosk'), ('wc_staff'), ('wc_notify')) AS g(rolname)
	 WHERE n.nspname IN ('wc', 'wc_admin', 'wc_meta', 'public')
	   AND has_function_privilege(g.rolname, p.oid, 'EXECUTE')
	UNION ALL
	-- SECURITY DEFINER functions without a pinned search_path (none)
	SELECT 'unpinned_functions', p.oid::regprocedure::text, n.nspname
	  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	 WHERE p.prosecdef
	   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
	   AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
	UNION ALL
	-- the head of the audit chain, filed with the report: a later
	-- `audit verify --head SEQ:HASH` finds the rows removed or rewritten since
	(SELECT 'audit_chain_head', a.seq || ':' || encode(a.hash, 'hex'),
	        to_char(a.at, 'YYYY-MM-DD HH24:MI:SS')
	   FROM wc.audit a ORDER BY a.seq DESC LIMIT 1)
	ORDER BY 1, 2
$$;

CREATE OR REPLACE FUNCTION api.audit_list(p_token text, p_action text, p_day date, p_before bigint,
	p_limit int)
RETURNS TABLE (id bigint, at timestamptz, terminal text, username text, staff_name text,
               action text, object text, detail text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'bureau', 'admin']);
	-- Looking is audited once per look (the first page of a search), not
	-- per page turned; a caller that starts past the first page is still
	-- seen, when it has not looked within the hour.
	IF p_before IS NULL OR NOT EXISTS (
		SELECT 1 FROM wc.audit v
		 WHERE v.staff_id = st.id AND v.action = 'audit_view'
		   AND v.at > now() - interval '1 hour') THEN
		INSERT INTO wc.audit (staff_id, action, detail)
		VALUES (st.id, 'audit_view',
		        jsonb_strip_nulls(jsonb_build_object('action', p_action, 'day', p_day)));
	END IF;
	RETURN QUERY
	SELECT a.id, a.at, a.terminal, s.username, s.display_name, a.action, a.object,
	       a.detail::text
	  FROM wc.audit a LEFT JOIN wc.staff s ON s.id = a.staff_id
	 WHERE (p_action IS NULL OR a.action = p_action)
	   AND (p_day IS NULL OR (a.at >= p_day AND a.at < p_day + 1))
	   AND (p_before IS NULL OR a.id < p_before)
	 ORDER BY a.id DESC
	 LIMIT least(greatest(coalesce(p_limit, 50), 1), 500);
END
$$;
GRANT EXECUTE ON FUNCTION api.audit_list(text, text, date, bigint, int) TO wc_staff;

-- The security reports kept (Art. 30): each run stored with its rows.
CREATE OR REPLACE FUNCTION wc.security_report_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'a kept security report cannot be changed' USING ERRCODE = '42501';
END
$$;
CREATE OR REPLACE TRIGGER security_report_kept BEFORE UPDATE OR DELETE ON wc.security_report
	FOR EACH ROW EXECUTE FUNCTION wc.security_report_refuse_change();
CREATE OR REPLACE TRIGGER security_report_row_kept BEFORE UPDATE OR DELETE ON wc.security_report_row
	FOR EACH ROW EXECUTE FUNCTION wc.security_report_refuse_change();

CREATE OR REPLACE FUNCTION wc.security_report_store(p_staff_id bigint, p_made_by text)
RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id bigint;
BEGIN
	-- the head the report files is the whole log's, not one still sealing
	PERFORM wc.audit_seal(true);
	INSERT INTO wc.security_report (staff_id, made_by) VALUES (p_staff_id, p_made_by)
	RETURNING id INTO v_id;
	INSERT INTO wc.security_report_row (report_id, section, item, detail)
	SELECT v_id, r.section, r.item, r.detail FROM wc_admin.security_report() r;
	INSERT INTO wc.audit (staff_id, action, object)
	VALUES (p_staff_id, 'security_report_make', v_id::text);
	RETURN v_id;
END
$$;

-- wanchuang-admin security-report: the run is kept as the console's are.
CREATE OR REPLACE FUNCTION wc_admin.security_report_keep() RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.security_report_store(NULL, session_user::text)
$$;

CREATE OR REPLACE FUNCTION api.security_report_make(p_token text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'bureau']);
	RETURN wc.security_report_store(st.id, st.username);
END
$$;
GRANT EXECUTE ON FUNCTION api.security_report_make(text) TO wc_staff;

-- The kept reports, newest first, with how many rows each section had
-- (one row per report and section; a report with no rows has one with
-- section NULL). Which sections are problems is the client's table.
CREATE OR REPLACE FUNCTION api.security_report_list(p_token text)
RETURNS TABLE (id bigint, made_at timestamptz, made_by text, section text, n bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'bureau']);
	RETURN QUERY
	SELECT r.id, r.made_at,
	       coalesce(s.display_name || ' (' || s.username || ')', r.made_by),
	       w.section, count(w.report_id)
	  FROM (SELECT * FROM wc.security_report ORDER BY id DESC LIMIT 200) r
	  LEFT JOIN wc.staff s ON s.id = r.staff_id
	  LEFT JOIN wc.security_report_row w ON w.report_id = r.id
	 GROUP BY r.id, r.made_at, s.display_name, s.username, r.made_by, w.section
	 ORDER BY r.id DESC, w.section;
END
$$;
GRANT EXECUTE ON FUNCTION api.security_report_list(text) TO wc_staff;

-- One kept report's rows (change NULL), or, with p_compare, what differs
-- from the report kept before it: '+' rows it has that the earlier one
-- had not, '-' rows gone since. Each look is audited.
CREATE OR REPLACE FUNCTION api.security_report_rows(p_token text, p_id bigint, p_compare boolean)
RETURNS TABLE (change text, section text, item text, detail text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	v_prev bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'bureau']);
	IF NOT EXISTS (SELECT 1 FROM wc.security_report r WHERE r.id = p_id) THEN
		RAISE EXCEPTION 'no security report %', p_id USING ERRCODE = 'P0002';
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'security_report_view', p_id::text,
	        CASE WHEN p_compare THEN jsonb_build_object('compare', true) END);
	IF NOT p_compare THEN
		RETURN QUERY SELECT NULL::text, w.section, w.item, w.detail
		  FROM wc.security_report_row w WHERE w.report_id = p_id
		 ORDER BY w.section, w.item, w.detail;
		RETURN;
	END IF;
	SELECT max(r.id) INTO v_prev FROM wc.security_report r WHERE r.id < p_id;
	RETURN QUERY
	SELECT d.change, d.section, d.item, d.detail FROM (
		(SELECT '+'::text AS change, w.section, w.item, w.detail
		   FROM wc.security_report_row w WHERE w.report_id = p_id
		 EXCEPT
		 SELECT '+', w.section, w.item, w.detail
		   FROM wc.security_report_row w WHERE w.report_id = v_prev)
		UNION ALL
		(SELECT '-', w.section, w.item, w.detail
		   FROM wc.security_report_row w WHERE w.report_id = v_prev
		 EXCEPT
		 SELECT '-', w.section, w.item, w.detail
		   FROM wc.security_report_row w WHERE w.report_id = p_id)) d
	 ORDER BY d.section, d.change, d.item, d.detail;
END
$$;
GRANT EXECUTE ON FUNCTION api.security_report_rows(text, bigint, boolean) TO wc_staff;
