-- The policies a signed-in person has seen matched (0011), with the session
-- checked once per call. wc.session_person is VOLATILE (it may touch the
-- session's last_seen), so written into a WHERE clause or a select list
-- it ran once per row: reading what one person had seen scanned every
-- person's rows (a volatile value cannot be an index key) and checked the
-- session for each, and marking N policies seen checked it N times. The
-- person's id is now worked out first, and the primary key
-- (person_id, policy_id) serves the read.
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION api.citizen_policies_seen(p_token text,
	OUT policy_id bigint, OUT version_at timestamptz)
RETURNS SETOF record
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
BEGIN
	RETURN QUERY
	SELECT s.policy_id, s.version_at FROM wc.policy_seen s WHERE s.person_id = v_person;
END
$$;

CREATE OR REPLACE FUNCTION api.citizen_policies_mark_seen(p_token text, p_policies bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
BEGIN
	INSERT INTO wc.policy_seen (person_id, policy_id, version_at)
	SELECT v_person, p.id, p.updated_at
	  FROM wc.policy p WHERE p.id = ANY (p_policies)
	ON CONFLICT (person_id, policy_id) DO UPDATE SET version_at = EXCLUDED.version_at;
END
$$;
