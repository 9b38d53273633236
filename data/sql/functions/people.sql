-- The people registered at the counter: personal data
-- encrypted, found by a keyed hash and shown masked; registration,
-- profile, categories and organisation; the administrator's import.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0033
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION wc.secret_hex(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT encode(value, 'hex') FROM wc.secret WHERE name = p_name
$$;

CREATE OR REPLACE FUNCTION wc.person_hmac(p_value text) RETURNS bytea
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT ext.hmac(convert_to(p_value, 'UTF8'),
	                decode(wc.secret_hex('person_hmac'), 'hex'), 'sha256')
$$;

CREATE OR REPLACE FUNCTION wc.person_encrypt(p_value text) RETURNS bytea
LANGUAGE sql VOLATILE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT ext.pgp_sym_encrypt(p_value, wc.secret_hex('person_enc'))
$$;

CREATE OR REPLACE FUNCTION wc.person_decrypt(p_value bytea) RETURNS text
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT ext.pgp_sym_decrypt(p_value, wc.secret_hex('person_enc'))
$$;

CREATE OR REPLACE FUNCTION wc.mask_middle(p_value text, p_keep_head int, p_keep_tail int) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT left(p_value, p_keep_head)
	       || repeat('*', greatest(length(p_value) - p_keep_head - p_keep_tail, 0))
	       || right(p_value, p_keep_tail)
$$;

-- An ID number as every screen but the audited reveal shows it: the
-- region and the check character, 340104***********X. The birth date and
-- the sequence stay hidden, so that with the age and sex shown beside it
-- some 16,600 numbers remain (doc/architecture.md, Masking).
CREATE OR REPLACE FUNCTION wc.mask_id(p_value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.mask_middle(p_value, 6, 1)
$$;

-- A mobile number as every screen but the audited reveal shows it: the
-- last 4 digits, which the counter's search asks for (*******5678).
CREATE OR REPLACE FUNCTION wc.mask_mobile(p_value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.mask_middle(p_value, 0, 4)
$$;

-- Whole years from p_birth to today, going up on the birthday: what the
-- staff and the matcher get instead of a birth date.
CREATE OR REPLACE FUNCTION wc.age_years(p_birth date) RETURNS int
LANGUAGE sql STABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT date_part('year', age(wc.today(), p_birth))::int
$$;

-- A name as a public kiosk screen may show it: 王强 -> 王*.
CREATE OR REPLACE FUNCTION wc.mask_name(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT left(p_name, 1) || repeat('*', greatest(length(p_name) - 1, 1))
$$;

CREATE OR REPLACE FUNCTION api.person_register(p_token text, p_id_number text, p_name text,
	p_mobile text, p_household text, p_residence text, p_categories text[],
	p_evidence text, p_stage text, p_credit_code text, p_org_name text,
	p_org_kind text, p_org_registered_on date, p_override_reason text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	IF EXISTS (SELECT 1 FROM wc.region WHERE code = p_residence AND level = 3)
	   AND NOT wc.staff_covers(st, p_residence) THEN
		RAISE EXCEPTION 'outside the area of this counter' USING ERRCODE = 'WC012';
	END IF;
	RETURN wc.person_insert(st.id, p_id_number, p_name, p_mobile, p_household, p_residence,
	                        p_categories, p_evidence, p_stage, p_credit_code, p_org_name,
	                        p_org_kind, p_org_registered_on, p_override_reason, true);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_register(text, text, text, text, text, text, text[], text,
	text, text, text, text, date, text) TO wc_staff;

-- A 6-digit PIN for the kiosk; also lifts the kiosks' locks on the
-- number (the wrong PINs typed for it are forgotten). Refuses PINs
-- anyone could guess: one digit repeated, runs like 123456 or 654321, and
-- the person's birth date or the end of their ID number.
CREATE OR REPLACE FUNCTION api.person_set_pin(p_token text, p_person bigint, p_pin text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
	v_pin text := wc.normalise_code(coalesce(p_pin, ''));
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	IF v_pin !~ '^[0-9]{6}$' THEN
		RAISE EXCEPTION 'a PIN has 6 digits' USING ERRCODE = 'WC018', DETAIL = 'format';
	END IF;
	IF v_pin ~ '^(.)\1{5}$' OR position(v_pin IN '01234567890') > 0
	   OR position(v_pin IN '09876543210') > 0
	   OR v_pin IN (to_char(p.birth_date, 'YYMMDD'), to_char(p.birth_date, 'MMDDYY'),
	                to_char(p.birth_date, 'DDMMYY'), right(wc.person_decrypt(p.id_enc), 6)) THEN
		RAISE EXCEPTION 'PIN too easy to guess' USING ERRCODE = 'WC018', DETAIL = 'trivial';
	END IF;
	UPDATE wc.person SET pin_hash = ext.crypt(v_pin, ext.gen_salt('bf', 8)) WHERE id = p.id;
	DELETE FROM wc.pin_failure f WHERE f.id_hmac = p.id_hmac;
	INSERT INTO wc.audit (staff_id, action, object) VALUES (st.id, 'pin_set', p.id::text);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_set_pin(text, bigint, text) TO wc_staff;

-- Find people by exact ID number, or by name and the last 4 digits of the
-- mobile; only in the staff member's area. Masked.
-- A search by full ID number tells whether the number is registered: it
-- is counted (0032_id_searches.sql says why), at most id_search_per_hour
-- a staff member, under a lock so that parallel searches cannot pass the
-- cap together, and audited with the person found.
CREATE OR REPLACE FUNCTION wc.id_search_allow(p_staff bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(6, p_staff::int);
	DELETE FROM wc.id_search s WHERE s.staff_id = p_staff AND s.at < now() - interval '1 hour';
	IF (SELECT count(*) FROM wc.id_search s WHERE s.staff_id = p_staff)
	   >= wc.setting_int('id_search_per_hour') THEN
		RAISE EXCEPTION 'too many searches by ID number' USING ERRCODE = 'WC025';
	END IF;
	INSERT INTO wc.id_search (staff_id) VALUES (p_staff);
END
$$;

CREATE OR REPLACE FUNCTION api.person_find(p_token text, p_id_number text, p_name text, p_mobile_last4 text)
RETURNS TABLE (person_id bigint, name text, id_masked text, mobile_masked text,
               county_name text, registered_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	v_found bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	IF nullif(btrim(coalesce(p_id_number, '')), '') IS NOT NULL THEN
		PERFORM wc.id_search_allow(st.id);
		SELECT p.id INTO v_found
		  FROM wc.person p
		 WHERE p.id_hmac = wc.person_hmac(wc.normalise_code(p_id_number))
		   AND wc.staff_covers(st, p.county_code);
		INSERT INTO wc.audit (staff_id, action, object)
		VALUES (st.id, 'person_find_id', v_found::text);
	END IF;
	RETURN QUERY
	SELECT p.id, p.name, p.id_masked, p.mobile_masked, r.name, p.registered_at
	  FROM wc.person p JOIN wc.region r ON r.code = p.county_code
	 WHERE wc.staff_covers(st, p.county_code)
	   AND (CASE WHEN nullif(btrim(coalesce(p_id_number, '')), '') IS NOT NULL
	             THEN p.id_hmac = wc.person_hmac(wc.normalise_code(p_id_number))
	             ELSE p.name = btrim(p_name) AND right(p.mobile_masked, 4) = btrim(p_mobile_last4)
	        END)
	 ORDER BY p.registered_at DESC
	 LIMIT 50;
END
$$;
GRANT EXECUTE ON FUNCTION api.person_find(text, text, text, text) TO wc_staff;

-- Whether an ID number is registered, asked as the clerk leaves the ID
-- field of a registration, so that a person registered before is known
-- on the first page and not after the second. It is the same oracle as a
-- search by ID number and counts against the same cap (wc.id_search_allow),
-- audited as one. It says no more than a registration refused with WC011
-- would: for a person of the clerk's own area the id (to open the page,
-- which person_find would give too) and the masked name; for a person of
-- another area only that the number is registered (doc/security.md,
-- A registration's duplicate).
CREATE OR REPLACE FUNCTION api.person_id_check(p_token text, p_id_number text,
	OUT registered boolean, OUT person_id bigint, OUT name_masked text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	PERFORM wc.id_search_allow(st.id);
	SELECT * INTO p FROM wc.person x
	 WHERE x.id_hmac = wc.person_hmac(wc.normalise_code(coalesce(p_id_number, '')));
	registered := p.id IS NOT NULL;
	IF registered AND wc.staff_covers(st, p.county_code) THEN
		person_id := p.id;
		name_masked := wc.mask_name(p.name);
	END IF;
	INSERT INTO wc.audit (staff_id, action, object)
	VALUES (st.id, 'person_find_id', person_id::text);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_id_check(text, text) TO wc_staff;

-- One person's profile, masked, with an age and not the birth date; the
-- view is audited.
CREATE OR REPLACE FUNCTION api.person_get(p_token text, p_person bigint,
	OUT name text, OUT id_masked text, OUT mobile_masked text, OUT sex text,
	OUT age int, OUT household_name text, OUT residence_name text,
	OUT categories text[], OUT evidence text, OUT stage text, OUT has_pin boolean,
	OUT pin_locked boolean, OUT org_name text, OUT credit_code text, OUT org_kind text,
	OUT org_registered_on date, OUT registered_at timestamptz,
	OUT household_code text, OUT residence_code text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	p := wc.person_in_scope(st, p_person);
	name := p.name;
	id_masked := p.id_masked;
	mobile_masked := p.mobile_masked;
	sex := p.sex;
	age := wc.age_years(p.birth_date);
	SELECT r.name INTO household_name FROM wc.region r WHERE r.code = p.household_region;
	SELECT r.name INTO residence_name FROM wc.region r WHERE r.code = p.residence_region;
	SELECT array_agg(c.name ORDER BY c.name) INTO categories
	  FROM wc.person_category c WHERE c.code = ANY (p.categories);
	evidence := p.evidence;
	stage := p.stage;
	has_pin := p.pin_hash IS NOT NULL;
	pin_locked := wc.pin_locked_anywhere(p.id_hmac);
	SELECT o.name, o.credit_code, o.kind, o.registered_on
	  INTO org_name, credit_code, org_kind, org_registered_on
	  FROM wc.organisation o WHERE o.person_id = p.id;
	registered_at := p.registered_at;
	household_code := p.household_region;
	residence_code := p.residence_region;
	INSERT INTO wc.audit (staff_id, action, object) VALUES (st.id, 'person_view', p.id::text);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_get(text, bigint) TO wc_staff;

-- The full ID and mobile numbers, for the registration screen only:
-- counter staff of the person's area, every view audited.
CREATE OR REPLACE FUNCTION api.person_reveal(p_token text, p_person bigint,
	OUT id_number text, OUT mobile text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	id_number := wc.person_decrypt(p.id_enc);
	mobile := wc.person_decrypt(p.mobile_enc);
	INSERT INTO wc.audit (staff_id, action, object) VALUES (st.id, 'person_reveal', p.id::text);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_reveal(text, bigint) TO wc_staff;

CREATE OR REPLACE FUNCTION api.person_categories(OUT code text, OUT name text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT code, name FROM wc.person_category ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.person_categories() TO wc_staff, wc_kiosk;

-- Migration of registrations from existing spreadsheets, by the
-- administrator (wanchuang-admin import people): the same checks as the
-- counter's, never an override.
CREATE OR REPLACE FUNCTION wc_admin.person_import(p_id_number text, p_name text, p_mobile text,
	p_household text, p_residence text, p_categories text[], p_stage text,
	p_credit_code text, p_org_name text, p_org_kind text, p_org_registered_on date)
RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.person_insert(NULL, p_id_number, p_name, p_mobile, p_household, p_residence,
	                        p_categories, NULL, p_stage, p_credit_code, p_org_name, p_org_kind,
	                        p_org_registered_on, NULL, false)
$$;

-- Change a person's registration; every changed field is audited with its
-- old and new value (numbers masked: the audit log holds no clear numbers).
-- p_mobile NULL or '' keeps the mobile number.
CREATE OR REPLACE FUNCTION api.person_update(p_token text, p_person bigint, p_name text, p_mobile text,
	p_household text, p_residence text, p_evidence text, p_stage text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
	v_mobile text := nullif(wc.normalise_mobile(coalesce(p_mobile, '')), '');
	v_changes jsonb := '{}';
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	IF length(btrim(coalesce(p_name, ''))) NOT BETWEEN 1 AND 60 THEN
		RAISE EXCEPTION 'a name is needed' USING ERRCODE = 'WC021';
	END IF;
	IF v_mobile IS NOT NULL AND v_mobile !~ '^1[3-9][0-9]{9}$' THEN
		RAISE EXCEPTION 'invalid mobile number' USING ERRCODE = 'WC016';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM wc.region WHERE code = p_residence AND level = 3)
	   OR NOT EXISTS (SELECT 1 FROM wc.region WHERE code = p_household) THEN
		RAISE EXCEPTION 'invalid region' USING ERRCODE = 'WC017';
	END IF;
	IF NOT wc.staff_covers(st, p_residence) THEN
		RAISE EXCEPTION 'outside the area of this counter' USING ERRCODE = 'WC012';
	END IF;
	IF p_stage IS NULL OR p_stage NOT IN ('intending', 'started') THEN
		RAISE EXCEPTION 'invalid business stage' USING ERRCODE = 'WC022';
	END IF;
	IF btrim(p_name) <> p.name THEN
		v_changes := v_changes || jsonb_build_object('name', jsonb_build_array(p.name, btrim(p_name)));
	END IF;
	IF v_mobile IS NOT NULL AND wc.person_hmac(v_mobile) <> p.mobile_hmac THEN
		v_changes := v_changes || jsonb_build_object('mobile',
			jsonb_build_array(p.mobile_masked, wc.mask_mobile(v_mobile)));
	END IF;
	IF p_household <> p.household_region THEN
		v_changes := v_changes || jsonb_build_object('household', jsonb_build_array(p.household_region, p_household));
	END IF;
	IF p_residence <> p.residence_region THEN
		v_changes := v_changes || jsonb_build_object('residence', jsonb_build_array(p.residence_region, p_residence));
	END IF;
	IF coalesce(nullif(btrim(coalesce(p_evidence, '')), ''), '') <> coalesce(p.evidence, '') THEN
		v_changes := v_changes || jsonb_build_object('evidence',
			jsonb_build_array(p.evidence, nullif(btrim(coalesce(p_evidence, '')), '')));
	END IF;
	IF p_stage <> p.stage THEN
		v_changes := v_changes || jsonb_build_object('stage', jsonb_build_array(p.stage, p_stage));
	END IF;
	IF v_changes = '{}' THEN
		RETURN;
	END IF;
	UPDATE wc.person
	   SET name = btrim(p_name),
	       mobile_hmac = coalesce(wc.person_hmac(v_mobile), mobile_hmac),
	       mobile_enc = coalesce(wc.person_encrypt(v_mobile), mobile_enc),
	       mobile_masked = coalesce(wc.mask_mobile(v_mobile), mobile_masked),
	       household_region = p_household,
	       residence_region = p_residence,
	       county_code = p_residence,
	       evidence = nullif(btrim(coalesce(p_evidence, '')), ''),
	       stage = p_stage
	 WHERE id = p.id;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'person_update', p.id::text, v_changes);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_update(text, bigint, text, text, text, text, text, text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.person_set_categories(p_token text, p_person bigint, p_categories text[])
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
CREATE OR REPLACE FUNCTION wc.organisation_check(p_code text, p_name text, p_kind text,
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

-- Insert a person after every check; the one place that does. p_staff is
-- the counter clerk (NULL for an import by the administrator). A written
-- override is taken only when p_allow_override (never for imports).
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

	-- Two counters registering one number at once: the unique index says
	-- so with the number's HMAC as DETAIL; that goes nowhere.
	BEGIN
		INSERT INTO wc.person (id_hmac, id_enc, id_masked, id_override, name, birth_date, sex,
		                       mobile_hmac, mobile_enc, mobile_masked, household_region,
		                       residence_region, county_code, categories, evidence, stage,
		                       registered_by)
		VALUES (wc.person_hmac(v_id), wc.person_encrypt(v_id), wc.mask_id(v_id),
		        v_id_override, btrim(p_name),
		        make_date(substr(v_id, 7, 4)::int, substr(v_id, 11, 2)::int, substr(v_id, 13, 2)::int),
		        CASE WHEN substr(v_id, 17, 1)::int % 2 = 1 THEN 'male' ELSE 'female' END,
		        wc.person_hmac(v_mobile), wc.person_encrypt(v_mobile), wc.mask_mobile(v_mobile),
		        p_household, p_residence, v_county, coalesce(p_categories, '{}'),
		        nullif(btrim(coalesce(p_evidence, '')), ''), p_stage, p_staff)
		RETURNING id INTO v_person;
	EXCEPTION WHEN unique_violation THEN
		RAISE EXCEPTION 'already registered' USING ERRCODE = 'WC011';
	END;
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
CREATE OR REPLACE FUNCTION api.person_set_organisation(p_token text, p_person bigint, p_credit_code text,
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
