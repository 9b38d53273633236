-- Policies and registered people: what a signed-in person's record says
-- for matching (the matcher itself is in the client's src/core, one for
-- the kiosk and the counter alike), which matches the person has seen
-- (新匹配政策), and the counter's outreach list (待告知).
SET LOCAL ROLE wc_owner;

-- What the matcher needs of a person. Categories are codes; the
-- organisation's kind is 'person' when none is registered.
CREATE TYPE wc.match_facts AS (
	person_id     bigint,
	birth_date    date,
	sex           text,
	categories    text[],
	county_code   text,
	stage         text,
	entity        text,
	registered_on date
);

CREATE FUNCTION wc.match_facts_of(p wc.person) RETURNS wc.match_facts
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p.id, p.birth_date, p.sex, p.categories, p.county_code, p.stage,
	           coalesce(o.kind, 'person'), o.registered_on)::wc.match_facts
	  FROM (SELECT 1) AS one
	  LEFT JOIN wc.organisation o ON o.person_id = p.id
$$;

-- The signed-in person's facts, for matching at the kiosk.
CREATE FUNCTION api.citizen_match_facts(p_token text)
RETURNS SETOF wc.match_facts
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.match_facts_of(wc.session_person(p_token))
$$;
GRANT EXECUTE ON FUNCTION api.citizen_match_facts(text) TO wc_kiosk;

-- The policies the person has seen matched, with the version seen.
CREATE FUNCTION api.citizen_policies_seen(p_token text,
	OUT policy_id bigint, OUT version_at timestamptz)
RETURNS SETOF record
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.policy_id, s.version_at FROM wc.policy_seen s
	 WHERE s.person_id = (wc.session_person(p_token)).id
$$;
GRANT EXECUTE ON FUNCTION api.citizen_policies_seen(text) TO wc_kiosk;

-- The person has now seen these matches (in their current version).
CREATE FUNCTION api.citizen_policies_mark_seen(p_token text, p_policies bigint[])
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	INSERT INTO wc.policy_seen (person_id, policy_id, version_at)
	SELECT (wc.session_person(p_token)).id, p.id, p.updated_at
	  FROM wc.policy p WHERE p.id = ANY (p_policies)
	ON CONFLICT (person_id, policy_id) DO UPDATE SET version_at = EXCLUDED.version_at
$$;
GRANT EXECUTE ON FUNCTION api.citizen_policies_mark_seen(text, bigint[]) TO wc_kiosk;

-- Outreach: the people of the clerk's area not yet told of a policy, with
-- their facts for the matcher; names and numbers masked. Looking is
-- audited (it is a list of people).
CREATE FUNCTION api.policy_outreach(p_token text, p_policy bigint)
RETURNS TABLE (person_id bigint, name_masked text, id_masked text, mobile_masked text,
	birth_date date, sex text, categories text[], county_code text, stage text,
	entity text, registered_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	INSERT INTO wc.audit (staff_id, action, object)
	VALUES (st.id, 'policy_outreach_view', p_policy::text);
	RETURN QUERY
	SELECT p.id, wc.mask_name(p.name), p.id_masked, p.mobile_masked, p.birth_date, p.sex,
	       p.categories, p.county_code, p.stage, coalesce(o.kind, 'person'), o.registered_on
	  FROM wc.person p
	  LEFT JOIN wc.organisation o ON o.person_id = p.id
	 WHERE wc.staff_covers(st, p.county_code)
	   AND NOT EXISTS (SELECT FROM wc.policy_notice n
	                    WHERE n.policy_id = p_policy AND n.person_id = p.id)
	 ORDER BY p.id DESC; -- the newest registrations first
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_outreach(text, bigint) TO wc_staff;

-- The clerk has told the person of the policy (by phone, at the desk).
CREATE FUNCTION api.policy_mark_told(p_token text, p_policy bigint, p_person bigint)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	INSERT INTO wc.policy_notice (policy_id, person_id, told_by)
	VALUES (p_policy, p.id, st.id) ON CONFLICT DO NOTHING;
	IF FOUND THEN
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (st.id, 'policy_told', p.id::text, jsonb_build_object('policy', p_policy));
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_mark_told(text, bigint, bigint) TO wc_staff;

-- The bureau's and the operator's policy editing screen: the same checks
-- as the import (the client's and these), the change audited.
CREATE FUNCTION api.policy_save(p_token text, p_code text, p_title text, p_doc_no text,
	p_issuer text, p_region text, p_effective date, p_expires date, p_kind text,
	p_max_yuan bigint, p_groups text[], p_entities text[], p_age_min int, p_age_max int,
	p_reg_min int, p_reg_max int, p_conditions text, p_interpretation text, p_body text)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau', 'operator']);
	RETURN wc.policy_write(st.id, p_code, p_title, p_doc_no, p_issuer, p_region, p_effective,
	       p_expires, p_kind, p_max_yuan, p_groups, p_entities, p_age_min, p_age_max,
	       p_reg_min, p_reg_max, p_conditions, p_interpretation, p_body);
END
$$;
GRANT EXECUTE ON FUNCTION api.policy_save(text, text, text, text, text, text, date, date, text,
	bigint, text[], text[], int, int, int, int, text, text, text) TO wc_staff;
