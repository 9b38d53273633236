-- The counter's and the kiosk's API for people. Refusals are exceptions
-- with SQLSTATEs of our own, which the client turns into Chinese:
--   WC002 not allowed for this role         WC012 outside the staff's area
--   WC010 ID number invalid (detail: why)   WC013 organisation kind excluded (Art. 3)
--   WC011 person already registered         WC014 credit code type disagrees with kind
--   WC015 credit code invalid               WC016 mobile number invalid
--   WC017 region invalid                    WC018 PIN too easy to guess
--   WC019 unknown person category           WC020 no such person (or not in the area)
--   WC021 name missing                      WC022 business stage invalid
--   WC023 organisation name or date missing WC024 organisation already registered

SET LOCAL ROLE wc_owner;

-- What people type: NFKC (full-width digits), no blanks, upper case.
CREATE FUNCTION wc.normalise_code(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT upper(regexp_replace(normalize(p, NFKC), '[[:space:]-]', '', 'g'))
$$;

CREATE FUNCTION wc.normalise_mobile(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT regexp_replace(regexp_replace(wc.normalise_code(p), '^(\+86|0086)', ''), '^86(1[0-9]{10})$', '\1')
$$;

-- Whether a staff member may see and change what belongs to a county:
-- counter staff their county, or the counties of their city; the
-- province-wide roles everything.
CREATE FUNCTION wc.staff_covers(st wc.staff, p_county text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN st.role IN ('operator', 'supervisor', 'bureau', 'admin') THEN true
		WHEN st.role = 'counter' THEN st.region_code = p_county
			OR EXISTS (SELECT 1 FROM wc.region r
			            WHERE r.code = p_county AND r.parent = st.region_code)
		ELSE false
	END
$$;

CREATE FUNCTION wc.require_role(st wc.staff, p_roles text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT st.role = ANY (p_roles) THEN
		RAISE EXCEPTION 'not allowed for role %', st.role USING ERRCODE = 'WC002';
	END IF;
END
$$;

-- The person, if the staff member's area covers them; else WC020 (the
-- same answer as for no such person: the area's edge tells nothing).
CREATE FUNCTION wc.person_in_scope(st wc.staff, p_person bigint) RETURNS wc.person
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person;
BEGIN
	SELECT * INTO p FROM wc.person WHERE id = p_person;
	IF NOT FOUND OR NOT wc.staff_covers(st, p.county_code) THEN
		RAISE EXCEPTION 'no such person' USING ERRCODE = 'WC020';
	END IF;
	RETURN p;
END
$$;

-- Insert a person after every check; the one place that does. p_staff is
-- the counter clerk (NULL for an import by the administrator). A written
-- override is taken only when p_allow_override (never for imports).
CREATE FUNCTION wc.person_insert(p_staff bigint, p_id_number text, p_name text,
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
	IF p_org_kind IN ('state_owned', 'collective', 'social_group', 'foundation') THEN
		RAISE EXCEPTION 'organisation kind % is not a user of the platform (Art. 3)', p_org_kind
			USING ERRCODE = 'WC013', DETAIL = p_org_kind;
	END IF;
	IF v_code IS NOT NULL THEN
		v_problem := wc.credit_code_problem(v_code);
		IF v_problem IS NOT NULL THEN
			IF v_problem = 'check' AND length(coalesce(v_reason, '')) >= 4 THEN
				v_code_override := v_reason;
			ELSE
				RAISE EXCEPTION 'invalid credit code' USING ERRCODE = 'WC015', DETAIL = v_problem;
			END IF;
		END IF;
		IF left(v_code, 2) IN ('51', '53') THEN
			RAISE EXCEPTION 'social groups and foundations are not users (Art. 3)'
				USING ERRCODE = 'WC013', DETAIL = CASE left(v_code, 2) WHEN '51' THEN 'social_group' ELSE 'foundation' END;
		END IF;
		IF p_org_kind IS NULL
		   OR left(v_code, 2) IS DISTINCT FROM (CASE p_org_kind
				WHEN 'individual_business' THEN '92' WHEN 'small_enterprise' THEN '91'
				WHEN 'cooperative' THEN '93' WHEN 'private_non_enterprise' THEN '52' END) THEN
			RAISE EXCEPTION 'credit code type disagrees with the kind' USING ERRCODE = 'WC014';
		END IF;
		IF length(btrim(coalesce(p_org_name, ''))) = 0 OR p_org_registered_on IS NULL THEN
			RAISE EXCEPTION 'organisation name and registration date needed' USING ERRCODE = 'WC023';
		END IF;
		IF EXISTS (SELECT 1 FROM wc.organisation WHERE credit_code = v_code) THEN
			RAISE EXCEPTION 'organisation already registered' USING ERRCODE = 'WC024';
		END IF;
	END IF;
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

CREATE FUNCTION api.person_register(p_token text, p_id_number text, p_name text,
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

-- A 6-digit PIN for the kiosk; also unlocks a locked one. Refuses PINs
-- anyone could guess: one digit repeated, runs like 123456 or 654321, and
-- the person's birth date or the end of their ID number.
CREATE FUNCTION api.person_set_pin(p_token text, p_person bigint, p_pin text) RETURNS void
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
	UPDATE wc.person SET pin_hash = ext.crypt(v_pin, ext.gen_salt('bf', 8)),
	                     pin_failures = 0, pin_locked = false
	 WHERE id = p.id;
	INSERT INTO wc.audit (staff_id, action, object) VALUES (st.id, 'pin_set', p.id::text);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_set_pin(text, bigint, text) TO wc_staff;

-- Find people by exact ID number, or by name and the last 4 digits of the
-- mobile; only in the staff member's area. Masked.
CREATE FUNCTION api.person_find(p_token text, p_id_number text, p_name text, p_mobile_last4 text)
RETURNS TABLE (person_id bigint, name text, id_masked text, mobile_masked text,
               county_name text, registered_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
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

-- One person's profile, masked; the view is audited.
CREATE FUNCTION api.person_get(p_token text, p_person bigint,
	OUT name text, OUT id_masked text, OUT mobile_masked text, OUT sex text,
	OUT birth_date date, OUT household_name text, OUT residence_name text,
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
	birth_date := p.birth_date;
	SELECT r.name INTO household_name FROM wc.region r WHERE r.code = p.household_region;
	SELECT r.name INTO residence_name FROM wc.region r WHERE r.code = p.residence_region;
	SELECT array_agg(c.name ORDER BY c.name) INTO categories
	  FROM wc.person_category c WHERE c.code = ANY (p.categories);
	evidence := p.evidence;
	stage := p.stage;
	has_pin := p.pin_hash IS NOT NULL;
	pin_locked := p.pin_locked;
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
CREATE FUNCTION api.person_reveal(p_token text, p_person bigint,
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

CREATE FUNCTION api.person_categories(OUT code text, OUT name text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT code, name FROM wc.person_category ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.person_categories() TO wc_staff, wc_kiosk;

-- Kiosk sign-in with ID number and PIN. Five wrong PINs lock the
-- person's kiosk sign-in until a counter sets a new PIN.
--   ok, invalid (unknown number, no PIN set yet, or wrong PIN: one answer,
--   so a kiosk cannot be used to learn who is registered), locked (five
--   wrong tries, for a registered number or not), throttled
CREATE FUNCTION api.citizen_login(p_id_number text, p_pin text,
	OUT status text, OUT token text, OUT name_masked text, OUT county_name text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person;
	v_ok boolean;
	v_known boolean;
	v_hmac bytea;
	v_failures int;
BEGIN
	IF wc.terminal_throttled() THEN
		status := 'throttled';
		RETURN;
	END IF;
	v_hmac := wc.person_hmac(wc.normalise_code(coalesce(p_id_number, '')));
	SELECT * INTO p FROM wc.person WHERE id_hmac = v_hmac FOR UPDATE;
	v_known := FOUND;
	IF NOT v_known AND EXISTS (SELECT 1 FROM wc.citizen_failure f
	                            WHERE f.id_hmac = v_hmac AND f.locked_until > now()) THEN
		status := 'locked';
		RETURN;
	END IF;
	IF v_known AND p.pin_locked THEN
		status := 'locked';
		RETURN;
	END IF;
	v_ok := ext.crypt(coalesce(p_pin, ''), coalesce(p.pin_hash, ext.gen_salt('bf', 8))) = p.pin_hash;
	INSERT INTO wc.login_attempt (terminal, username, succeeded)
	VALUES (session_user, coalesce(p.id_masked, '-'), coalesce(v_ok, false));
	IF NOT coalesce(v_ok, false) THEN
		IF v_known THEN
			UPDATE wc.person SET pin_failures = pin_failures + 1,
			                     pin_locked = pin_failures + 1 >= wc.setting_int('pin_max_failures')
			 WHERE id = p.id
			RETURNING CASE WHEN pin_locked THEN 'locked' ELSE 'invalid' END INTO status;
			INSERT INTO wc.audit (action, object) VALUES ('citizen_login_failed', p.id::text);
		ELSE
			INSERT INTO wc.citizen_failure AS f (id_hmac, failures) VALUES (v_hmac, 1)
			ON CONFLICT (id_hmac) DO UPDATE
			   SET failures = CASE WHEN f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
			       locked_until = CASE WHEN f.locked_until <= now() THEN NULL ELSE f.locked_until END
			RETURNING f.failures INTO v_failures;
			IF v_failures >= wc.setting_int('pin_max_failures') THEN
				UPDATE wc.citizen_failure SET locked_until = now() + interval '1 day', failures = 0
				 WHERE id_hmac = v_hmac;
				status := 'locked';
			ELSE
				status := 'invalid';
			END IF;
		END IF;
		RETURN;
	END IF;
	UPDATE wc.person SET pin_failures = 0 WHERE id = p.id;
	token := encode(ext.gen_random_bytes(32), 'hex');
	INSERT INTO wc.citizen_session (token_hash, person_id, terminal)
	VALUES (wc.token_hash(token), p.id, session_user);
	INSERT INTO wc.audit (action, object) VALUES ('citizen_login', p.id::text);
	status := 'ok';
	name_masked := wc.mask_name(p.name);
	SELECT r.name INTO county_name FROM wc.region r WHERE r.code = p.county_code;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_login(text, text) TO wc_kiosk;

-- The person behind a kiosk token, or WC001; 2 minutes idle ends it.
CREATE FUNCTION wc.session_person(p_token text) RETURNS wc.person
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s wc.citizen_session;
	p wc.person;
BEGIN
	SELECT * INTO s FROM wc.citizen_session
	 WHERE token_hash = wc.token_hash(p_token) FOR UPDATE;
	IF NOT FOUND OR s.ended_at IS NOT NULL OR s.terminal <> session_user
	   OR s.last_seen + make_interval(mins => wc.setting_int('citizen_idle_minutes')) <= now() THEN
		RAISE EXCEPTION 'session expired' USING ERRCODE = 'WC001';
	END IF;
	UPDATE wc.citizen_session SET last_seen = now() WHERE token_hash = s.token_hash;
	SELECT * INTO p FROM wc.person WHERE id = s.person_id;
	RETURN p;
END
$$;

CREATE FUNCTION api.citizen_whoami(p_token text,
	OUT name_masked text, OUT id_masked text, OUT mobile_masked text,
	OUT county_name text, OUT stage text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
BEGIN
	name_masked := wc.mask_name(p.name);
	id_masked := p.id_masked;
	mobile_masked := p.mobile_masked;
	SELECT r.name INTO county_name FROM wc.region r WHERE r.code = p.county_code;
	stage := p.stage;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_whoami(text) TO wc_kiosk;

CREATE FUNCTION api.citizen_logout(p_token text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	UPDATE wc.citizen_session SET ended_at = now()
	 WHERE token_hash = wc.token_hash(p_token) AND terminal = session_user AND ended_at IS NULL
$$;
GRANT EXECUTE ON FUNCTION api.citizen_logout(text) TO wc_kiosk;

-- Anhui's divisions, for pickers and for turning a typed name into a code.
CREATE FUNCTION api.regions(OUT code text, OUT name text, OUT parent_name text, OUT level smallint)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.code, r.name, p.name, r.level
	  FROM wc.region r LEFT JOIN wc.region p ON p.code = r.parent
	 ORDER BY r.code
$$;
GRANT EXECUTE ON FUNCTION api.regions() TO wc_staff, wc_kiosk;

-- Migration of registrations from existing spreadsheets, by the
-- administrator (wanchuang-admin import people): the same checks as the
-- counter's, never an override.
CREATE FUNCTION wc_admin.person_import(p_id_number text, p_name text, p_mobile text,
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
CREATE FUNCTION api.person_update(p_token text, p_person bigint, p_name text, p_mobile text,
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
			jsonb_build_array(p.mobile_masked, wc.mask_middle(v_mobile, 3, 4)));
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
	       mobile_masked = coalesce(wc.mask_middle(v_mobile, 3, 4), mobile_masked),
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
