-- A person's categories (人员类别) changed at the counter after
-- registration (a graduate later recognised as 就业困难人员, a category
-- recorded by mistake), with the evidence seen: audited with the old and
-- new lists, as every other change of a registration (0007).
SET LOCAL ROLE wc_owner;

CREATE FUNCTION api.person_set_categories(p_token text, p_person bigint, p_categories text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
	v_new text[];
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	IF EXISTS (SELECT 1 FROM unnest(coalesce(p_categories, '{}')) c
	            WHERE c NOT IN (SELECT code FROM wc.person_category)) THEN
		RAISE EXCEPTION 'unknown person category' USING ERRCODE = 'WC019';
	END IF;
	SELECT coalesce(array_agg(DISTINCT c ORDER BY c), '{}') INTO v_new
	  FROM unnest(coalesce(p_categories, '{}')) c;
	IF v_new = (SELECT coalesce(array_agg(DISTINCT c ORDER BY c), '{}')
	              FROM unnest(p.categories) c) THEN
		RETURN; -- nothing changed, nothing to record
	END IF;
	UPDATE wc.person SET categories = v_new WHERE id = p.id;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'person_update', p.id::text,
	        jsonb_build_object('categories', jsonb_build_array(p.categories, v_new)));
END
$$;
GRANT EXECUTE ON FUNCTION api.person_set_categories(text, bigint, text[]) TO wc_staff;
