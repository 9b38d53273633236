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
-- needs: 0030
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION wc.audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
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
	-- tables a client group can reach (there must be none)
	SELECT 'client_table_access', g.rolname, c.oid::regclass::text
	  FROM pg_class c
	  JOIN pg_namespace n ON n.oid = c.relnamespace
	  CROSS JOIN (VALUES ('wc_kiosk'), ('wc_staff')) AS g(rolname)
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
	  CROSS JOIN (VALUES ('wc_kiosk'), ('wc_staff')) AS g(rolname)
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
	INSERT INTO wc.audit (staff_id, action, detail)
	VALUES (st.id, 'audit_view', jsonb_strip_nulls(jsonb_build_object('action', p_action, 'day', p_day)));
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
