-- The security self-check of Art. 30: what the supervisor files
-- periodically. Rows of (section, item, detail); wanchuang-admin
-- security-report prints them with headings in the user's language.

SET LOCAL ROLE wc_owner;

CREATE FUNCTION wc_admin.security_report(
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
	ORDER BY 1, 2
$$;
