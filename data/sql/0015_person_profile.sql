-- A person's categories (人员类别) and organisation changed at the counter after
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

-- A person's organisation (创业组织) set, changed or removed at the counter
-- after registration (the business was registered later, or closed). The
-- same checks as at registration (0007 wc.person_insert): Art. 3 kinds
-- refused, the credit code valid (a wrong check character only with a
-- written verification note), its type agreeing with the kind, a name
-- and a date, not another person's. Audited with the old and new values.
CREATE FUNCTION api.person_set_organisation(p_token text, p_person bigint, p_credit_code text,
	p_name text, p_kind text, p_registered_on date, p_override_reason text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
	old wc.organisation;
	v_code text := nullif(wc.normalise_code(coalesce(p_credit_code, '')), '');
	v_reason text := nullif(btrim(coalesce(p_override_reason, '')), '');
	v_problem text;
	v_override text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	SELECT * INTO old FROM wc.organisation WHERE person_id = p.id;
	IF v_code IS NULL THEN
		IF old.id IS NOT NULL THEN
			DELETE FROM wc.organisation WHERE id = old.id;
			INSERT INTO wc.audit (staff_id, action, object, detail)
			VALUES (st.id, 'person_update', p.id::text,
			        jsonb_build_object('organisation', jsonb_build_array(to_jsonb(old) - 'id', NULL)));
		END IF;
		RETURN;
	END IF;
	IF p_kind IN ('state_owned', 'collective', 'social_group', 'foundation') THEN
		RAISE EXCEPTION 'organisation kind % is not a user of the platform (Art. 3)', p_kind
			USING ERRCODE = 'WC013', DETAIL = p_kind;
	END IF;
	v_problem := wc.credit_code_problem(v_code);
	IF v_problem IS NOT NULL THEN
		IF v_problem = 'check' AND length(coalesce(v_reason, '')) >= 4 THEN
			v_override := v_reason;
		ELSE
			RAISE EXCEPTION 'invalid credit code' USING ERRCODE = 'WC015', DETAIL = v_problem;
		END IF;
	END IF;
	IF left(v_code, 2) IN ('51', '53') THEN
		RAISE EXCEPTION 'social groups and foundations are not users (Art. 3)'
			USING ERRCODE = 'WC013',
			      DETAIL = CASE left(v_code, 2) WHEN '51' THEN 'social_group' ELSE 'foundation' END;
	END IF;
	IF p_kind IS NULL
	   OR left(v_code, 2) IS DISTINCT FROM (CASE p_kind
			WHEN 'individual_business' THEN '92' WHEN 'small_enterprise' THEN '91'
			WHEN 'cooperative' THEN '93' WHEN 'private_non_enterprise' THEN '52' END) THEN
		RAISE EXCEPTION 'credit code type disagrees with the kind' USING ERRCODE = 'WC014';
	END IF;
	IF length(btrim(coalesce(p_name, ''))) = 0 OR p_registered_on IS NULL THEN
		RAISE EXCEPTION 'organisation name and registration date needed' USING ERRCODE = 'WC023';
	END IF;
	IF EXISTS (SELECT 1 FROM wc.organisation o WHERE o.credit_code = v_code
	                                             AND o.person_id <> p.id) THEN
		RAISE EXCEPTION 'organisation already registered' USING ERRCODE = 'WC024';
	END IF;
	IF old.id IS NULL THEN
		INSERT INTO wc.organisation (person_id, credit_code, code_override, name, kind, registered_on)
		VALUES (p.id, v_code, v_override, btrim(p_name), p_kind, p_registered_on);
	ELSE
		UPDATE wc.organisation
		   SET credit_code = v_code, code_override = v_override, name = btrim(p_name),
		       kind = p_kind, registered_on = p_registered_on
		 WHERE id = old.id;
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'person_update', p.id::text,
	        jsonb_build_object('organisation', jsonb_build_array(
	            CASE WHEN old.id IS NOT NULL THEN to_jsonb(old) - 'id' END,
	            jsonb_strip_nulls(jsonb_build_object('credit_code', v_code,
	                'code_override', v_override, 'name', btrim(p_name), 'kind', p_kind,
	                'registered_on', p_registered_on)))));
END
$$;
GRANT EXECUTE ON FUNCTION api.person_set_organisation(text, bigint, text, text, text, date, text)
	TO wc_staff;
