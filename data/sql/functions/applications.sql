-- A provider's application to join (入驻申请): the review
-- steps, the public notice (公示) and objections to it.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0020
SET LOCAL ROLE wc_owner;

-- The steps, written once: the roles that take each, the states it is
-- taken from, the state it leads to. 'resubmit' is taken through
-- api.application_submit (the corrected form), 'file' starts the notice.
CREATE OR REPLACE FUNCTION wc.application_rules()
RETURNS TABLE (ord int, action text, from_states text[], roles text[], next_status text)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM (VALUES
		(1, 'approve_first', '{submitted}'::text[], '{operator}'::text[], 'first_passed'),
		(2, 'return', '{submitted}', '{operator}', 'returned'),
		(3, 'reject_first', '{submitted}', '{operator}', 'rejected'),
		(4, 'approve_review', '{first_passed}', '{supervisor}', 'reviewed'),
		(5, 'send_back', '{first_passed}', '{supervisor}', 'submitted'),
		(6, 'reject_review', '{first_passed}', '{supervisor}', 'rejected'),
		(7, 'file', '{reviewed}', '{bureau}', 'notice'),
		(8, 'return_filing', '{reviewed}', '{bureau}', 'first_passed'),
		(9, 'resubmit', '{returned}', '{counter,operator}', 'submitted'),
		(10, 'withdraw', '{submitted,returned}', '{counter,operator}', 'withdrawn')
	) AS r (ord, action, from_states, roles, next_status)
$$;

-- A telephone to reach someone at: a mainland mobile number, or a
-- landline with its area code (0551-65123456), blanks removed. The
-- organisation's contact and an objector taken at a counter alike.
CREATE OR REPLACE FUNCTION wc.phone_ok(p_phone text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(p_phone, '') ~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$'
$$;

CREATE OR REPLACE FUNCTION wc.application_visible(st wc.staff, a wc.provider_application) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT st.role IN ('operator', 'supervisor', 'bureau')
	    OR (st.role = 'counter' AND wc.region_covers(st.region_code, a.region))
$$;

-- The application if the caller may see it, else a row of NULLs.
CREATE OR REPLACE FUNCTION wc.application_seen(st wc.staff, p_application bigint)
RETURNS wc.provider_application
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT a.* FROM wc.provider_application a
	 WHERE a.id = p_application AND wc.application_visible(st, a)
$$;

-- One step: the event, then the status (and the notice dates).
CREATE OR REPLACE FUNCTION wc.application_step(a wc.provider_application, p_staff bigint, p_action text,
	p_status text, p_body text, p_key uuid, p_detail jsonb) RETURNS wc.provider_application
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r wc.provider_application;
	until date;
BEGIN
	INSERT INTO wc.application_event (application_id, staff_id, action, status_after, body,
	                                  detail, request_key)
	VALUES (a.id, p_staff, p_action, p_status, coalesce(p_body, ''), p_detail, p_key);
	-- filed: the notice runs from the day after for so many working days
	IF p_action = 'file' THEN
		until := wc.workdays_after(wc.today(), wc.setting_int('provider_notice_days'));
	END IF;
	UPDATE wc.provider_application
	   SET status = p_status, updated_at = now(),
	       notice_from = CASE WHEN p_action = 'file' THEN wc.today() + 1 ELSE notice_from END,
	       notice_until = CASE WHEN p_action = 'file' THEN until ELSE notice_until END
	 WHERE id = a.id
	RETURNING * INTO r;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (p_staff, 'application_' || p_action, r.no,
	        jsonb_build_object('status', p_status, 'credit_code', r.credit_code)
	        || coalesce(p_detail, '{}'));
	RETURN r;
END
$$;

-- Applications whose notice has ended with no objection open or upheld
-- become providers (on the day after the notice, which is when this first
-- runs on or after it: every call that reads applications runs it first).
CREATE OR REPLACE FUNCTION wc.applications_activate() RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a wc.provider_application;
	prov bigint;
	n int := 0;
BEGIN
	FOR a IN SELECT * FROM wc.provider_application
	          WHERE status = 'notice' AND notice_until < wc.today()
	          ORDER BY id FOR UPDATE SKIP LOCKED LOOP
		CONTINUE WHEN EXISTS (SELECT FROM wc.provider_objection o
		                       WHERE o.application_id = a.id AND o.status = 'open');
		-- a provider of that code or name made meanwhile by the administrator
		-- (the forms refuse both) leaves this one on notice for staff to see,
		-- rather than failing every read that passes here
		BEGIN
			INSERT INTO wc.provider (credit_code, name, region, address, contact_name,
			                         phone, kind, legal_rep, contact_id_masked, active_from)
			VALUES (a.credit_code, a.name, a.region, a.address, a.contact_name, a.phone,
			        a.kind, a.legal_rep, a.contact_id_masked, a.notice_until + 1)
			RETURNING id INTO prov;
		EXCEPTION WHEN unique_violation THEN
			RAISE WARNING 'application % not activated: a provider has its code or name', a.no;
			CONTINUE;
		END;
		INSERT INTO wc.provider_category (provider_id, category)
		SELECT prov, c FROM unnest(a.categories) c ON CONFLICT DO NOTHING;
		INSERT INTO wc.application_event (application_id, staff_id, action, status_after, body)
		VALUES (a.id, NULL, 'activate', 'active', '');
		UPDATE wc.provider_application
		   SET status = 'active', provider_id = prov, active_from = a.notice_until + 1,
		       updated_at = now()
		 WHERE id = a.id;
		INSERT INTO wc.audit (staff_id, action, object, detail)
		VALUES (NULL, 'provider_activate', a.no, jsonb_build_object('credit_code', a.credit_code,
		        'provider', prov));
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION wc_admin.providers_activate() RETURNS int
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.applications_activate()
$$;

-- --- entering and correcting an application ---------------------------------

-- Whether application a stands as these arguments of api.application_submit
-- (normalised as it normalises them) would have made it: a request key
-- sent again answers its first outcome only to the same call. A
-- resubmission does not change the four conditions, so they are compared
-- only for the key that made the application; the note is that of its
-- latest submission.
CREATE OR REPLACE FUNCTION wc.application_sent_as(a wc.provider_application, p_key uuid,
	p_code text, p_name text, p_kind text, p_region text, p_address text, p_legal_rep text,
	p_contact_name text, p_contact_id text, p_phone text, p_categories text[],
	p_conditions boolean[], p_material_kinds text[], p_material_refs text[], p_note text)
RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT (a.credit_code, a.name, a.kind, a.region, a.address, a.legal_rep, a.contact_name,
	        a.phone)
	       IS NOT DISTINCT FROM
	       (p_code, p_name, p_kind, p_region, btrim(p_address), btrim(p_legal_rep),
	        btrim(p_contact_name), p_phone)
	   AND wc.person_decrypt(a.contact_id_enc) IS NOT DISTINCT FROM p_contact_id
	   AND a.categories @> p_categories AND p_categories @> a.categories
	   AND (a.request_key IS DISTINCT FROM p_key
	        OR ARRAY[a.cond_credit, a.cond_rules, a.cond_resources, a.cond_other]
	           IS NOT DISTINCT FROM p_conditions[1:4])
	   AND ARRAY(SELECT ROW(m.kind, m.ref_no)::text FROM wc.application_material m
	              WHERE m.application_id = a.id ORDER BY m.ord)
	       = ARRAY(SELECT ROW(x.k, btrim(x.r))::text
	                 FROM unnest(p_material_kinds, p_material_refs) WITH ORDINALITY x (k, r, n)
	                ORDER BY x.n)
	   AND (SELECT e.body FROM wc.application_event e
	         WHERE e.application_id = a.id AND e.action IN ('submit', 'resubmit')
	         ORDER BY e.id DESC LIMIT 1) IS NOT DISTINCT FROM p_note
$$;

-- Entered by a counter clerk (for an organisation of the clerk's area)
-- or the operator; p_application set: the correction of a returned
-- application, which sends it to 初审 again. Outcomes: ok, bad_code,
-- bad_name, bad_kind, bad_region, not_my_region, bad_address, bad_legal_rep,
-- bad_contact, bad_id_number, bad_phone, bad_category, conditions (not all
-- four affirmed), bad_material, already_provider, removed_provider,
-- in_pipeline, name_taken, not_found, wrong_state, text_too_long,
-- key_mismatch (the request key sent again with other details).
CREATE OR REPLACE FUNCTION api.application_submit(p_token text, p_key uuid, p_application bigint,
	p_credit_code text, p_name text, p_kind text, p_region text, p_address text,
	p_legal_rep text, p_contact_name text, p_contact_id text, p_phone text,
	p_categories text[], p_conditions boolean[], p_material_kinds text[],
	p_material_refs text[], p_note text,
	OUT outcome text, OUT application_id bigint, OUT application_no text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator']);
	SELECT * INTO outcome, application_id, application_no
	  FROM wc.application_enter(st, p_key, p_application, p_credit_code, p_name, p_kind,
	                            p_region, p_address, p_legal_rep, p_contact_name, p_contact_id,
	                            p_phone, p_categories, p_conditions, p_material_kinds,
	                            p_material_refs, p_note);
END
$$;
GRANT EXECUTE ON FUNCTION api.application_submit(text, uuid, bigint, text, text, text, text,
	text, text, text, text, text, text[], boolean[], text[], text[], text) TO wc_staff;

-- The entering itself, for api.application_submit and for an
-- organisation at a kiosk (api.kiosk_application_submit): st is the
-- clerk, or a row of NULLs for a kiosk, whose application names no
-- clerk and may be of any region (a kiosk corrects none: p_application
-- NULL).
CREATE OR REPLACE FUNCTION wc.application_enter(st wc.staff, p_key uuid, p_application bigint,
	p_credit_code text, p_name text, p_kind text, p_region text, p_address text,
	p_legal_rep text, p_contact_name text, p_contact_id text, p_phone text,
	p_categories text[], p_conditions boolean[], p_material_kinds text[],
	p_material_refs text[], p_note text,
	OUT outcome text, OUT application_id bigint, OUT application_no text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a wc.provider_application;
	code text := wc.normalise_code(coalesce(p_credit_code, ''));
	idn text := wc.normalise_code(coalesce(p_contact_id, ''));
	v_phone text := regexp_replace(coalesce(p_phone, ''), '[[:space:]]', '', 'g');
	nm text := btrim(coalesce(p_name, ''));
	cats text[] := ARRAY(SELECT DISTINCT c FROM unnest(coalesce(p_categories, '{}')) c);
	note text := btrim(coalesce(p_note, ''));
	pr wc.provider;
	new_id bigint;
BEGIN
	-- a resent request answers as the first time
	SELECT * INTO a FROM wc.provider_application k WHERE k.request_key = p_key;
	IF FOUND THEN
		IF NOT wc.application_sent_as(a, p_key, code, nm, p_kind, p_region, p_address,
		                              p_legal_rep, p_contact_name, idn, v_phone, cats,
		                              p_conditions, p_material_kinds, p_material_refs, note) THEN
			outcome := 'key_mismatch'; RETURN;
		END IF;
		outcome := 'ok'; application_id := a.id; application_no := a.no; RETURN;
	END IF;
	IF p_application IS NOT NULL THEN
		SELECT * INTO a FROM wc.provider_application k WHERE k.id = p_application FOR UPDATE;
		IF NOT FOUND OR NOT wc.application_visible(st, a) THEN
			outcome := 'not_found'; RETURN;
		END IF;
		IF EXISTS (SELECT FROM wc.application_event e WHERE e.application_id = a.id
		                                              AND e.request_key = p_key) THEN
			IF NOT wc.application_sent_as(a, p_key, a.credit_code, nm, p_kind, p_region,
			                              p_address, p_legal_rep, p_contact_name, idn, v_phone,
			                              cats, p_conditions, p_material_kinds, p_material_refs,
			                              note) THEN
				outcome := 'key_mismatch'; RETURN;
			END IF;
			outcome := 'ok'; application_id := a.id; application_no := a.no; RETURN;
		END IF;
		IF a.status <> 'returned' THEN
			outcome := 'wrong_state'; RETURN;
		END IF;
		code := a.credit_code; -- the code names the organisation: it is not corrected
	END IF;
	outcome := CASE
		WHEN wc.credit_code_problem(code) IS NOT NULL THEN 'bad_code'
		WHEN length(nm) NOT BETWEEN 1 AND 100 THEN 'bad_name'
		WHEN NOT EXISTS (SELECT FROM wc.provider_kind k WHERE k.code = p_kind) THEN 'bad_kind'
		WHEN NOT EXISTS (SELECT FROM wc.region r WHERE r.code = p_region) THEN 'bad_region'
		WHEN st.id IS NOT NULL
		     AND NOT (st.role = 'operator' OR wc.region_covers(st.region_code, p_region))
			THEN 'not_my_region'
		WHEN length(btrim(coalesce(p_address, ''))) NOT BETWEEN 1 AND 200 THEN 'bad_address'
		WHEN length(btrim(coalesce(p_legal_rep, ''))) NOT BETWEEN 1 AND 40 THEN 'bad_legal_rep'
		WHEN length(btrim(coalesce(p_contact_name, ''))) NOT BETWEEN 1 AND 40 THEN 'bad_contact'
		WHEN wc.id_number_problem(idn) IS NOT NULL THEN 'bad_id_number'
		WHEN NOT wc.phone_ok(v_phone) THEN 'bad_phone'
		WHEN cardinality(cats) NOT BETWEEN 1 AND 10
		  OR EXISTS (SELECT FROM unnest(cats) c
		              WHERE NOT EXISTS (SELECT FROM wc.service_category s WHERE s.code = c))
			THEN 'bad_category'
		WHEN cardinality(coalesce(p_conditions, '{}')) <> 4
		  OR EXISTS (SELECT FROM unnest(p_conditions) c WHERE c IS NOT TRUE) THEN 'conditions'
		WHEN cardinality(coalesce(p_material_kinds, '{}'))
		     <> cardinality(coalesce(p_material_refs, '{}'))
		  OR cardinality(coalesce(p_material_kinds, '{}')) > 20
		  OR EXISTS (SELECT FROM unnest(p_material_kinds, p_material_refs) m (k, r)
		              WHERE NOT EXISTS (SELECT FROM wc.material_kind mk WHERE mk.code = m.k)
		                 OR length(btrim(coalesce(m.r, ''))) NOT BETWEEN 1 AND 60
		                 OR m.r ~ '[[:cntrl:]]')
			THEN 'bad_material'
		WHEN length(note) > 2000 THEN 'text_too_long'
	END;
	IF outcome IS NOT NULL THEN
		RETURN;
	END IF;
	SELECT * INTO pr FROM wc.provider k WHERE k.credit_code = code;
	IF FOUND THEN
		outcome := CASE WHEN pr.status = 'removed' THEN 'removed_provider'
		                ELSE 'already_provider' END;
		RETURN;
	END IF;
	-- one clerk at a time per code; the unique index stands behind this
	PERFORM pg_advisory_xact_lock(hashtext('application:' || code));
	IF p_application IS NULL AND EXISTS (
		SELECT FROM wc.provider_application k
		 WHERE k.credit_code = code AND k.status NOT IN ('rejected', 'withdrawn')) THEN
		outcome := 'in_pipeline'; RETURN;
	END IF;
	IF EXISTS (SELECT FROM wc.provider k WHERE k.name = nm)
	   OR EXISTS (SELECT FROM wc.provider_application k
	               WHERE k.name = nm AND k.status NOT IN ('rejected', 'withdrawn', 'active')
	                 AND k.id IS DISTINCT FROM p_application) THEN
		outcome := 'name_taken'; RETURN;
	END IF;
	IF p_application IS NULL THEN
		new_id := nextval(pg_get_serial_sequence('wc.provider_application', 'id'));
		INSERT INTO wc.provider_application (id, no, credit_code, name, kind, region, address,
			legal_rep, contact_name, contact_id_enc, contact_id_masked, phone, categories,
			cond_credit, cond_rules, cond_resources, cond_other, staff_id, request_key)
		OVERRIDING SYSTEM VALUE
		VALUES (new_id, wc.day_no('RZ', new_id), code, nm, p_kind, p_region, btrim(p_address),
		        btrim(p_legal_rep), btrim(p_contact_name), wc.person_encrypt(idn),
		        wc.mask_id(idn), v_phone, cats, p_conditions[1], p_conditions[2],
		        p_conditions[3], p_conditions[4], st.id, p_key)
		RETURNING * INTO a;
	ELSE
		UPDATE wc.provider_application k
		   SET name = nm, kind = p_kind, region = p_region, address = btrim(p_address),
		       legal_rep = btrim(p_legal_rep), contact_name = btrim(p_contact_name),
		       contact_id_enc = wc.person_encrypt(idn), contact_id_masked = wc.mask_id(idn),
		       phone = v_phone, categories = cats
		 WHERE k.id = a.id
		RETURNING * INTO a;
		DELETE FROM wc.application_material m WHERE m.application_id = a.id;
	END IF;
	INSERT INTO wc.application_material (application_id, ord, kind, ref_no)
	SELECT a.id, m.n, m.k, btrim(m.r)
	  FROM unnest(p_material_kinds, p_material_refs) WITH ORDINALITY m (k, r, n);
	a := wc.application_step(a, st.id, CASE WHEN p_application IS NULL THEN 'submit'
	                                        ELSE 'resubmit' END,
	                         'submitted', note, CASE WHEN p_application IS NULL THEN NULL
	                                                 ELSE p_key END,
	                         jsonb_build_object('materials',
	                             (SELECT jsonb_agg(mk.name || '：' || m.ref_no ORDER BY m.ord)
	                                FROM wc.application_material m
	                                JOIN wc.material_kind mk ON mk.code = m.kind
	                               WHERE m.application_id = a.id)));
	outcome := 'ok'; application_id := a.id; application_no := a.no;
END
$$;

-- A step other than submitting. Outcomes: ok, not_found, wrong_state,
-- text_needed (every step carries its opinion or reason), text_too_long.
-- A repeated request key answers ok and changes nothing; sent again for
-- another step it answers key_reused, with another text key_mismatch.
CREATE OR REPLACE FUNCTION api.application_act(p_token text, p_key uuid, p_application bigint,
	p_action text, p_body text, OUT outcome text, OUT status text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	a wc.provider_application;
	keyed wc.application_event;
	v_body text := btrim(coalesce(p_body, ''));
	r record;
BEGIN
	SELECT * INTO r FROM wc.application_rules() k WHERE k.action = p_action;
	IF NOT FOUND OR p_action = 'resubmit' THEN
		RAISE EXCEPTION 'unknown application action %', p_action USING ERRCODE = '22023';
	END IF;
	PERFORM wc.require_role(st, r.roles);
	PERFORM wc.applications_activate();
	SELECT * INTO a FROM wc.provider_application k WHERE k.id = p_application FOR UPDATE;
	IF NOT FOUND OR NOT wc.application_visible(st, a) THEN
		outcome := 'not_found'; RETURN;
	END IF;
	status := a.status;
	SELECT * INTO keyed FROM wc.application_event x WHERE x.application_id = a.id AND x.request_key = p_key;
	IF FOUND THEN
		outcome := CASE WHEN keyed.action <> p_action THEN 'key_reused'
		                WHEN keyed.body <> v_body THEN 'key_mismatch'
		                ELSE 'ok' END;
		RETURN;
	END IF;
	IF NOT a.status = ANY (r.from_states) THEN
		outcome := 'wrong_state';
	ELSIF v_body = '' THEN
		outcome := 'text_needed';
	ELSIF length(v_body) > 2000 THEN
		outcome := 'text_too_long';
	ELSE
		a := wc.application_step(a, st.id, p_action, r.next_status, v_body, p_key, NULL);
		outcome := 'ok'; status := a.status;
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.application_act(text, uuid, bigint, text, text) TO wc_staff;

-- --- reading ---------------------------------------------------------------

-- The queue: p_list 'mine' (what awaits the caller's role), 'open' (in
-- the pipeline), 'notice', 'done' (active, rejected, withdrawn),
-- 'objections' (an objection open) or a status; p_query a part of the name, the credit code or the number.
-- Oldest change first for work lists, newest first for 'done'.
CREATE OR REPLACE FUNCTION api.application_queue(p_token text, p_list text, p_query text, p_offset int,
	p_limit int)
RETURNS TABLE (id bigint, no text, name text, credit_code text, kind_name text,
	region_name text, status text, updated_at timestamptz, notice_until date,
	active_from date, open_objections bigint, mine boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	q text := btrim(coalesce(p_query, ''));
	q_code text := wc.normalise_code(btrim(coalesce(p_query, '')));
	my_states text[];
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	PERFORM wc.applications_activate();
	SELECT coalesce(array_agg(DISTINCT s), '{}') INTO my_states
	  FROM wc.application_rules() r, unnest(r.from_states) s
	 WHERE st.role = ANY (r.roles);
	-- the open objections counted once a row, and whether the row waits for
	-- the caller (its state is the caller's to act on, or an objection
	-- waits for the supervisor) worked out once; who may see it written
	-- out, not called per row (see the policy search on pinned functions)
	RETURN QUERY
	SELECT x.id, x.no, x.name, x.credit_code, x.kind_name, x.region_name, x.status,
	       x.updated_at, x.notice_until, x.active_from, x.objections,
	       x.status = ANY (my_states) OR (st.role = 'supervisor' AND x.objections > 0)
	  FROM (SELECT a.id, a.no, a.name, a.credit_code, k.name AS kind_name,
	               g.name AS region_name, a.status, a.updated_at, a.notice_until,
	               a.active_from,
	               (SELECT count(*) FROM wc.provider_objection o
	                 WHERE o.application_id = a.id AND o.status = 'open') AS objections
	          FROM wc.provider_application a
	          JOIN wc.provider_kind k ON k.code = a.kind
	          JOIN wc.region g ON g.code = a.region
	         WHERE (st.role <> 'counter' OR st.region_code = '340000'
	                OR a.region = st.region_code
	                OR (right(st.region_code, 2) = '00'
	                    AND left(a.region, 4) = left(st.region_code, 4)))
	           AND (q = '' OR strpos(a.name, q) > 0 OR a.credit_code = q_code
	                OR a.no = upper(q))) AS x
	 WHERE CASE coalesce(p_list, 'mine')
		WHEN 'mine' THEN x.status = ANY (my_states)
		              OR (st.role = 'supervisor' AND x.objections > 0)
		WHEN 'open' THEN x.status IN ('submitted', 'returned', 'first_passed', 'reviewed')
		WHEN 'done' THEN x.status IN ('active', 'rejected', 'withdrawn')
		WHEN 'all' THEN true
		WHEN 'objections' THEN x.objections > 0
		ELSE x.status = p_list END
	 ORDER BY CASE WHEN p_list = 'done' THEN -extract(epoch FROM x.updated_at) END,
	          x.updated_at, x.id
	OFFSET greatest(coalesce(p_offset, 0), 0)
	 LIMIT least(greatest(coalesce(p_limit, 20), 1), 200);
END
$$;
GRANT EXECUTE ON FUNCTION api.application_queue(text, text, text, int, int) TO wc_staff;

-- One application with its materials and the steps open to the caller.
CREATE OR REPLACE FUNCTION api.application_get(p_token text, p_application bigint,
	OUT id bigint, OUT no text, OUT status text, OUT credit_code text, OUT name text,
	OUT kind text, OUT kind_name text, OUT region text, OUT region_name text,
	OUT address text, OUT legal_rep text, OUT contact_name text, OUT contact_id_masked text,
	OUT phone text, OUT categories text[], OUT category_names text[],
	OUT material_kinds text[], OUT material_names text[], OUT material_refs text[],
	OUT entered_by text, OUT created_at timestamptz, OUT notice_from date,
	OUT notice_until date, OUT active_from date, OUT open_objections bigint,
	OUT steps text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	a wc.provider_application;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	PERFORM wc.applications_activate();
	a := wc.application_seen(st, p_application);
	IF a.id IS NULL THEN
		RETURN;
	END IF;
	id := a.id; no := a.no; status := a.status; credit_code := a.credit_code; name := a.name;
	kind := a.kind; region := a.region; address := a.address; legal_rep := a.legal_rep;
	contact_name := a.contact_name; contact_id_masked := a.contact_id_masked;
	phone := a.phone; categories := a.categories; created_at := a.created_at;
	notice_from := a.notice_from; notice_until := a.notice_until;
	active_from := a.active_from;
	SELECT k.name INTO kind_name FROM wc.provider_kind k WHERE k.code = a.kind;
	SELECT g.name INTO region_name FROM wc.region g WHERE g.code = a.region;
	SELECT array_agg(c.name ORDER BY c.ord) INTO category_names
	  FROM wc.service_category c WHERE c.code = ANY (a.categories);
	SELECT coalesce(array_agg(m.kind ORDER BY m.ord), '{}'),
	       coalesce(array_agg(mk.name ORDER BY m.ord), '{}'),
	       coalesce(array_agg(m.ref_no ORDER BY m.ord), '{}')
	  INTO material_kinds, material_names, material_refs
	  FROM wc.application_material m JOIN wc.material_kind mk ON mk.code = m.kind
	 WHERE m.application_id = a.id;
	SELECT s.display_name INTO entered_by FROM wc.staff s WHERE s.id = a.staff_id;
	SELECT count(*) INTO open_objections FROM wc.provider_objection o
	 WHERE o.application_id = a.id AND o.status = 'open';
	SELECT coalesce(array_agg(r.action ORDER BY r.ord), '{}') INTO steps
	  FROM wc.application_rules() r
	 WHERE a.status = ANY (r.from_states) AND st.role = ANY (r.roles)
	   AND (st.role <> 'counter' OR wc.region_covers(st.region_code, a.region));
END
$$;
GRANT EXECUTE ON FUNCTION api.application_get(text, bigint) TO wc_staff;

-- The timeline, oldest first, with who took each step in which role.
CREATE OR REPLACE FUNCTION api.application_events(p_token text, p_application bigint)
RETURNS TABLE (at timestamptz, actor text, actor_role text, action text, status_after text,
	body text, detail jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	a wc.provider_application;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	a := wc.application_seen(st, p_application);
	IF a.id IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT e.at, coalesce(s.display_name, ''), coalesce(s.role, ''), e.action, e.status_after,
	       e.body, e.detail
	  FROM wc.application_event e LEFT JOIN wc.staff s ON s.id = e.staff_id
	 WHERE e.application_id = a.id
	 ORDER BY e.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.application_events(text, bigint) TO wc_staff;

-- --- public notice and objections -------------------------------------------

-- What is on public notice today (公示), for kiosks and staff alike:
-- organisations of the province, the notice period and how to object.
CREATE OR REPLACE FUNCTION api.provider_notices()
RETURNS TABLE (id bigint, no text, name text, credit_code text, kind_name text,
	region_name text, legal_rep text, category_names text[], notice_from date,
	notice_until date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.caller_terminal(NULL); -- through a pool: the key, checked
	PERFORM wc.applications_activate();
	RETURN QUERY
	SELECT a.id, a.no, a.name, a.credit_code, k.name, g.name, a.legal_rep,
	       (SELECT array_agg(c.name ORDER BY c.ord) FROM wc.service_category c
	         WHERE c.code = ANY (a.categories)),
	       a.notice_from, a.notice_until
	  FROM wc.provider_application a
	  JOIN wc.provider_kind k ON k.code = a.kind
	  JOIN wc.region g ON g.code = a.region
	 WHERE a.status = 'notice' AND a.notice_until >= wc.today()
	 ORDER BY a.notice_until, a.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_notices() TO wc_staff, wc_kiosk;

-- Lodging an objection: only while the notice runs. Outcomes: ok,
-- not_on_notice, text_needed, text_too_long, bad_objector, bad_phone
-- (taken at a counter, p_staff, without a telephone to reach the objector
-- at: wc.phone_ok), key_mismatch (the request key sent again with another
-- objector, phone or text).
CREATE OR REPLACE FUNCTION wc.objection_file(p_application bigint, p_person bigint, p_staff bigint,
	p_objector text, p_phone text, p_body text, p_key uuid,
	OUT outcome text, OUT objection_no text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a wc.provider_application;
	o wc.provider_objection;
	v_body text := btrim(coalesce(p_body, ''));
	new_id bigint;
BEGIN
	SELECT * INTO a FROM wc.provider_application k WHERE k.id = p_application FOR UPDATE;
	SELECT * INTO o FROM wc.provider_objection k
	 WHERE k.application_id = p_application AND k.request_key = p_key;
	IF FOUND THEN
		-- the first objection, but only for what it said
		IF (o.objector, o.phone, o.body)
		   IS DISTINCT FROM (btrim(p_objector), coalesce(p_phone, ''), v_body) THEN
			outcome := 'key_mismatch'; RETURN;
		END IF;
		outcome := 'ok'; objection_no := o.no; RETURN;
	END IF;
	IF a.id IS NULL OR a.status <> 'notice' OR a.notice_until < wc.today() THEN
		outcome := 'not_on_notice';
	ELSIF v_body = '' THEN
		outcome := 'text_needed';
	ELSIF length(v_body) > 2000 THEN
		outcome := 'text_too_long';
	ELSIF length(btrim(coalesce(p_objector, ''))) NOT BETWEEN 1 AND 40
	      OR length(coalesce(p_phone, '')) > 20 THEN
		outcome := 'bad_objector';
	ELSIF p_staff IS NOT NULL AND NOT wc.phone_ok(p_phone) THEN
		-- said at a counter: the supervisor must be able to reach them
		outcome := 'bad_phone';
	END IF;
	IF outcome IS NOT NULL THEN
		RETURN;
	END IF;
	new_id := nextval(pg_get_serial_sequence('wc.provider_objection', 'id'));
	INSERT INTO wc.provider_objection (id, no, application_id, person_id, staff_id, objector,
	                                   phone, body, request_key)
	OVERRIDING SYSTEM VALUE
	VALUES (new_id, wc.day_no('YY', new_id), a.id, p_person, p_staff, btrim(p_objector),
	        coalesce(p_phone, ''), v_body, p_key)
	RETURNING * INTO o;
	INSERT INTO wc.application_event (application_id, staff_id, action, status_after, body,
	                                  detail)
	VALUES (a.id, p_staff, 'objection', a.status, v_body, jsonb_build_object('objection', o.no));
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, p_person, 'objection_file', o.no, jsonb_build_object('application', a.no));
	outcome := 'ok'; objection_no := o.no;
END
$$;

CREATE OR REPLACE FUNCTION api.citizen_objection_file(p_token text, p_key uuid, p_application bigint,
	p_body text, OUT outcome text, OUT objection_no text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
BEGIN
	SELECT * INTO outcome, objection_no
	  FROM wc.objection_file(p_application, p.id, NULL, p.name, '', p_body, p_key);
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_objection_file(text, uuid, bigint, text) TO wc_kiosk;

-- At a counter anyone may object, registered or not, out loud: the
-- clerk writes who it is and the telephone to reach them at (required),
-- within the notice period only, as at a kiosk. The objection is the
-- clerk's act (staff_id, audited as objection_file), counted and listed
-- with the kiosk's (wc.worklist_objections, api.application_objections,
-- whose taken_by names the clerk).
CREATE OR REPLACE FUNCTION api.counter_objection_file(p_token text, p_key uuid, p_application bigint,
	p_objector text, p_phone text, p_body text, OUT outcome text, OUT objection_no text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	SELECT * INTO outcome, objection_no
	  FROM wc.objection_file(p_application, NULL, st.id, p_objector,
	                         regexp_replace(coalesce(p_phone, ''), '[[:space:]]', '', 'g'),
	                         p_body, p_key);
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_objection_file(text, uuid, bigint, text, text, text)
	TO wc_staff;

-- The objections of an application, for the staff who may see it. The
-- objector's name is masked except for the supervisor, who may need to
-- reach them.
CREATE OR REPLACE FUNCTION api.application_objections(p_token text, p_application bigint)
RETURNS TABLE (id bigint, no text, objector text, phone text, body text, status text,
	decision text, created_at timestamptz, decided_at timestamptz, taken_by text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	a wc.provider_application;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	a := wc.application_seen(st, p_application);
	IF a.id IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT o.id, o.no,
	       CASE WHEN st.role = 'supervisor' THEN o.objector ELSE wc.mask_name(o.objector) END,
	       CASE WHEN st.role = 'supervisor' THEN o.phone
	            ELSE wc.mask_middle(o.phone, 3, 2) END,
	       o.body, o.status, o.decision, o.created_at, o.decided_at,
	       coalesce((SELECT s.display_name FROM wc.staff s WHERE s.id = o.staff_id), '')
	  FROM wc.provider_objection o
	 WHERE o.application_id = a.id
	 ORDER BY o.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.application_objections(text, bigint) TO wc_staff;

-- The supervisor decides an objection with a reason: upheld, the
-- application is refused; dismissed, it becomes active after the notice
-- once no other objection is open. Outcomes: ok, not_found, decided
-- (already), text_needed, text_too_long, key_reused (the request key of
-- another step), key_mismatch (of another decision or reason).
CREATE OR REPLACE FUNCTION api.objection_decide(p_token text, p_key uuid, p_objection bigint,
	p_uphold boolean, p_body text, OUT outcome text, OUT status text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	o wc.provider_objection;
	a wc.provider_application;
	keyed wc.application_event;
	v_body text := btrim(coalesce(p_body, ''));
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	SELECT * INTO o FROM wc.provider_objection k WHERE k.id = p_objection;
	IF NOT FOUND THEN
		outcome := 'not_found'; RETURN;
	END IF;
	-- the application first, as everywhere an objection and its application are both locked
	SELECT * INTO a FROM wc.provider_application k WHERE k.id = o.application_id FOR UPDATE;
	SELECT * INTO o FROM wc.provider_objection k WHERE k.id = p_objection FOR UPDATE;
	status := a.status;
	SELECT * INTO keyed FROM wc.application_event x WHERE x.application_id = a.id
	                                                 AND x.request_key = p_key;
	IF FOUND THEN
		outcome := CASE WHEN keyed.action NOT IN ('objection_upheld', 'objection_dismissed')
		                THEN 'key_reused'
		                WHEN (keyed.action, keyed.body, keyed.detail ->> 'objection')
		                     IS DISTINCT FROM
		                     (CASE WHEN p_uphold THEN 'objection_upheld' ELSE 'objection_dismissed' END,
		                      v_body, o.no)
		                THEN 'key_mismatch'
		                ELSE 'ok' END;
		RETURN;
	END IF;
	IF o.status <> 'open' THEN
		outcome := 'decided';
	ELSIF v_body = '' THEN
		outcome := 'text_needed';
	ELSIF length(v_body) > 2000 THEN
		outcome := 'text_too_long';
	END IF;
	IF outcome IS NOT NULL THEN
		RETURN;
	END IF;
	UPDATE wc.provider_objection
	   SET status = CASE WHEN p_uphold THEN 'upheld' ELSE 'dismissed' END,
	       decided_by = st.id, decided_at = now(), decision = v_body
	 WHERE wc.provider_objection.id = o.id;
	a := wc.application_step(a, st.id,
	                         CASE WHEN p_uphold THEN 'objection_upheld' ELSE 'objection_dismissed' END,
	                         CASE WHEN p_uphold THEN 'rejected' ELSE a.status END, v_body, p_key,
	                         jsonb_build_object('objection', o.no));
	IF p_uphold THEN
		-- the application is refused: the other open objections are moot
		UPDATE wc.provider_objection
		   SET status = 'dismissed', decided_by = st.id, decided_at = now(),
		       decision = '申请已不予通过'
		 WHERE application_id = a.id AND wc.provider_objection.status = 'open';
	END IF;
	PERFORM wc.applications_activate();
	SELECT k.status INTO status FROM wc.provider_application k WHERE k.id = a.id;
	outcome := 'ok';
END
$$;
GRANT EXECUTE ON FUNCTION api.objection_decide(text, uuid, bigint, boolean, text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.provider_kinds(OUT code text, OUT name text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT code, name FROM wc.provider_kind ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.provider_kinds() TO wc_staff, wc_kiosk;

CREATE OR REPLACE FUNCTION api.material_kinds(OUT code text, OUT name text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT code, name FROM wc.material_kind ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.material_kinds() TO wc_staff, wc_kiosk;

CREATE OR REPLACE TRIGGER application_event_append_only BEFORE UPDATE OR DELETE ON wc.application_event
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER application_event_no_truncate BEFORE TRUNCATE ON wc.application_event
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
