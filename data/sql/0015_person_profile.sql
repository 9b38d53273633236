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

-- The checks of an organisation, the one place they are written: Art. 3
-- kinds refused, the credit code valid (a wrong check character only
-- with a written verification note of 4 characters or more, which is then
-- returned to be stored as the override), its type agreeing with the
-- kind, a name and a date, not another person's (p_person: the person it
-- belongs to, NULL for a new one). Used at registration (wc.person_insert,
-- redefined below) and when it changes (api.person_set_organisation).
CREATE FUNCTION wc.organisation_check(p_code text, p_name text, p_kind text,
	p_registered_on date, p_reason text, p_person bigint) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_problem text;
	v_override text;
BEGIN
	IF p_kind IN ('state_owned', 'collective', 'social_group', 'foundation') THEN
		RAISE EXCEPTION 'organisation kind % is not a user of the platform (Art. 3)', p_kind
			USING ERRCODE = 'WC013', DETAIL = p_kind;
	END IF;
	IF p_code IS NULL THEN
		RETURN NULL;
	END IF;
	v_problem := wc.credit_code_problem(p_code);
	IF v_problem IS NOT NULL THEN
		IF v_problem = 'check' AND length(coalesce(p_reason, '')) >= 4 THEN
			v_override := p_reason;
		ELSE
			RAISE EXCEPTION 'invalid credit code' USING ERRCODE = 'WC015', DETAIL = v_problem;
		END IF;
	END IF;
	IF left(p_code, 2) IN ('51', '53') THEN
		RAISE EXCEPTION 'social groups and foundations are not users (Art. 3)'
			USING ERRCODE = 'WC013',
			      DETAIL = CASE left(p_code, 2) WHEN '51' THEN 'social_group' ELSE 'foundation' END;
	END IF;
	IF p_kind IS NULL
	   OR left(p_code, 2) IS DISTINCT FROM (CASE p_kind
			WHEN 'individual_business' THEN '92' WHEN 'small_enterprise' THEN '91'
			WHEN 'cooperative' THEN '93' WHEN 'private_non_enterprise' THEN '52' END) THEN
		RAISE EXCEPTION 'credit code type disagrees with the kind' USING ERRCODE = 'WC014';
	END IF;
	IF length(btrim(coalesce(p_name, ''))) = 0 OR p_registered_on IS NULL THEN
		RAISE EXCEPTION 'organisation name and registration date needed' USING ERRCODE = 'WC023';
	END IF;
	IF EXISTS (SELECT 1 FROM wc.organisation o WHERE o.credit_code = p_code
	                                             AND o.person_id IS DISTINCT FROM p_person) THEN
		RAISE EXCEPTION 'organisation already registered' USING ERRCODE = 'WC024';
	END IF;
	RETURN v_override;
END
$$;

-- Registration (0007), with its organisation checks now those above.
CREATE OR REPLACE FUNCTION wc.person_insert(p_staff bigint, p_id_number text, p_name text,
	p_mobile text, p_household text, p_residence text, p_categories text[],
	p_evidence text, p_stage text, p_credit_code text, p_org_name text,
	p_org_kind text, p_org_registered_on date, p_override_reason text,
	p_allow_override boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_id text := wc.normalise_code(coalesce(p_id_number, ''));
	v_mobile text := wc.normalise_mobile(coalesce(p_mobile, ''));
	v_code text := nullif(wc.normalise_code(coalesce(p_credit_code, '')), '');
	v_reason text := CASE WHEN p_allow_override THEN nullif(btrim(coalesce(p_override_reason, '')), '') END;
	v_problem text;
	v_id_override text;
	v_code_override text;
	v_county text;
	v_person bigint;
BEGIN
	v_problem := wc.id_number_problem(v_id);
	IF v_problem IS NOT NULL THEN
		-- Some numbers upgraded from 15 digits fail the check character:
		-- the counter may accept one with a written reason, audited.
		IF v_problem = 'check' AND length(coalesce(v_reason, '')) >= 4 THEN
			v_id_override := v_reason;
		ELSE
			RAISE EXCEPTION 'invalid ID number' USING ERRCODE = 'WC010', DETAIL = v_problem;
		END IF;
	END IF;
	IF length(btrim(coalesce(p_name, ''))) NOT BETWEEN 1 AND 60 THEN
		RAISE EXCEPTION 'a name is needed' USING ERRCODE = 'WC021';
	END IF;
	IF v_mobile !~ '^1[3-9][0-9]{9}$' THEN
		RAISE EXCEPTION 'invalid mobile number' USING ERRCODE = 'WC016';
	END IF;
	SELECT code INTO v_county FROM wc.region WHERE code = p_residence AND level = 3;
	IF v_county IS NULL OR NOT EXISTS (SELECT 1 FROM wc.region WHERE code = p_household) THEN
		RAISE EXCEPTION 'invalid region' USING ERRCODE = 'WC017';
	END IF;
	IF p_stage IS NULL OR p_stage NOT IN ('intending', 'started') THEN
		RAISE EXCEPTION 'invalid business stage' USING ERRCODE = 'WC022';
	END IF;
	IF EXISTS (SELECT 1 FROM unnest(coalesce(p_categories, '{}')) c
	            WHERE c NOT IN (SELECT code FROM wc.person_category)) THEN
		RAISE EXCEPTION 'unknown person category' USING ERRCODE = 'WC019';
	END IF;
	v_code_override := wc.organisation_check(v_code, p_org_name, p_org_kind,
	                                         p_org_registered_on, v_reason, NULL);
	IF EXISTS (SELECT 1 FROM wc.person WHERE id_hmac = wc.person_hmac(v_id)) THEN
		RAISE EXCEPTION 'already registered' USING ERRCODE = 'WC011';
	END IF;

	INSERT INTO wc.person (id_hmac, id_enc, id_masked, id_override, name, birth_date, sex,
	                       mobile_hmac, mobile_enc, mobile_masked, household_region,
	                       residence_region, county_code, categories, evidence, stage,
	                       registered_by)
	VALUES (wc.person_hmac(v_id), wc.person_encrypt(v_id), wc.mask_middle(v_id, 6, 4),
	        v_id_override, btrim(p_name),
	        make_date(substr(v_id, 7, 4)::int, substr(v_id, 11, 2)::int, substr(v_id, 13, 2)::int),
	        CASE WHEN substr(v_id, 17, 1)::int % 2 = 1 THEN 'male' ELSE 'female' END,
	        wc.person_hmac(v_mobile), wc.person_encrypt(v_mobile), wc.mask_middle(v_mobile, 3, 4),
	        p_household, p_residence, v_county, coalesce(p_categories, '{}'),
	        nullif(btrim(coalesce(p_evidence, '')), ''), p_stage, p_staff)
	RETURNING id INTO v_person;
	IF v_code IS NOT NULL THEN
		INSERT INTO wc.organisation (person_id, credit_code, code_override, name, kind, registered_on)
		VALUES (v_person, v_code, v_code_override, btrim(p_org_name), p_org_kind, p_org_registered_on);
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (p_staff, CASE WHEN p_staff IS NULL THEN 'person_import' ELSE 'person_register' END,
	        v_person::text,
	        jsonb_strip_nulls(jsonb_build_object('id_override', v_id_override,
	                                             'code_override', v_code_override)));
	RETURN v_person;
END
$$;

-- A person's organisation (创业组织) set, changed or removed at the counter
-- after registration (the business was registered later, or closed), with
-- the checks of wc.organisation_check. Audited with the old and new values.
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
	v_override := wc.organisation_check(v_code, p_name, p_kind, p_registered_on, v_reason, p.id);
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
