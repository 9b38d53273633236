-- The audit log for the supervisor and the bureau (Art. 10, 31): who did
-- what, from which terminal, when; newest first, a page at a time.

SET LOCAL ROLE wc_owner;

CREATE INDEX ON wc.audit (at DESC);

CREATE FUNCTION api.audit_list(p_token text, p_action text, p_day date, p_before bigint,
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
