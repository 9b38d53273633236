-- An organisation's own application to become a provider (Art. 23),
-- made at a self-service kiosk: the filing, which answers with the
-- application's number and a query code, the lookup of its steps
-- with both, and a new code issued at the service counter when the
-- organisation has lost its own.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0058
SET LOCAL ROLE wc_owner;

-- A query code: eight random digits. Kept as ID numbers are
-- (wc.person_encrypt), since the receipt shows it again to a resent
-- filing.
CREATE OR REPLACE FUNCTION wc.query_code_new() RETURNS text
LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
	SELECT lpad(((('x' || encode(ext.gen_random_bytes(4), 'hex'))::bit(32)::bigint)
	             % 100000000)::text, 8, '0')
$$;

-- An application filed by the organisation at a kiosk, without a
-- session: the same checks and the same first state as one a clerk
-- enters (wc.application_enter), so it waits in the operator's queue for
-- 初审. Outcomes: those of api.application_submit but not_my_region,
-- wrong_state and not_found, and kiosk_busy (the kiosk filed
-- kiosk_application_hour_max in the last hour: a kiosk's stolen password
-- floods no queue). query_code: eight digits, to follow the steps with
-- (api.kiosk_application_lookup). A repeated request key from the same
-- kiosk answers with the first application and its code; from another
-- kiosk, or with other details, key_mismatch.
CREATE OR REPLACE FUNCTION api.kiosk_application_submit(p_terminal_key text, p_key uuid,
	p_credit_code text, p_name text, p_kind text, p_region text, p_address text,
	p_legal_rep text, p_contact_name text, p_contact_id text, p_phone text,
	p_categories text[], p_conditions boolean[], p_material_kinds text[],
	p_material_refs text[],
	OUT outcome text, OUT application_no text, OUT query_code text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	term wc.terminal;
	k wc.application_kiosk;
	nobody wc.staff; -- no clerk: all NULL
	new_id bigint;
BEGIN
	SELECT * INTO term FROM wc.terminal t WHERE t.role_name = wc.caller_terminal(p_terminal_key);
	IF NOT FOUND OR term.kind <> 'kiosk' THEN
		RAISE EXCEPTION 'not a kiosk' USING ERRCODE = 'WC002';
	END IF;
	-- one filing at a time per kiosk: the hourly count and the row it
	-- adds do not interleave with another's
	PERFORM pg_advisory_xact_lock(hashtext('application_kiosk:' || term.role_name));
	SELECT x.* INTO k FROM wc.application_kiosk x
	  JOIN wc.provider_application a ON a.id = x.application_id
	 WHERE a.request_key = p_key;
	IF FOUND AND k.terminal <> term.role_name THEN
		outcome := 'key_mismatch'; RETURN;
	END IF;
	IF NOT FOUND THEN
		IF EXISTS (SELECT FROM wc.provider_application a WHERE a.request_key = p_key) THEN
			outcome := 'key_mismatch'; RETURN; -- a clerk's
		END IF;
		IF (SELECT count(*) FROM wc.application_kiosk x
		     WHERE x.terminal = term.role_name AND x.created_at > now() - interval '1 hour')
		   >= wc.setting_int('kiosk_application_hour_max') THEN
			outcome := 'kiosk_busy'; RETURN;
		END IF;
	END IF;
	SELECT * INTO outcome, new_id, application_no
	  FROM wc.application_enter(nobody, p_key, NULL, p_credit_code, p_name, p_kind, p_region,
	                            p_address, p_legal_rep, p_contact_name, p_contact_id, p_phone,
	                            p_categories, p_conditions, p_material_kinds, p_material_refs,
	                            '');
	IF outcome <> 'ok' THEN
		application_no := NULL; RETURN;
	END IF;
	IF k.application_id IS NULL THEN
		query_code := wc.query_code_new();
		INSERT INTO wc.application_kiosk (application_id, terminal, query_enc)
		VALUES (new_id, term.role_name, wc.person_encrypt(query_code));
	ELSE
		query_code := wc.person_decrypt(k.query_enc);
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.kiosk_application_submit(text, uuid, text, text, text, text, text,
	text, text, text, text, text[], boolean[], text[], text[]) TO wc_kiosk;

-- An application's state and steps, for whoever holds its number and
-- query code at a kiosk: one row per step, oldest first, each with the
-- application's own columns. Nothing of a person: no clerk's or
-- reviewer's name, no contact; the written reason only of a step that
-- returned or refused the application (what the organisation must
-- correct or may contest). outcome ok, not_found (no such number filed
-- at a kiosk, or the wrong code: the same answer), or locked (wrong
-- codes tried application_query_tries times: the counter helps). A
-- refusal is one row with nothing else. Every lookup is audited.
CREATE OR REPLACE FUNCTION api.kiosk_application_lookup(p_terminal_key text, p_no text,
	p_code text)
RETURNS TABLE (outcome text, application_no text, name text, status text, notice_from date,
	notice_until date, active_from date, step_at timestamptz, step_action text,
	step_status text, step_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	term wc.terminal;
	a wc.provider_application;
	k wc.application_kiosk;
	v_no text := upper(btrim(coalesce(p_no, '')));
	v_code text := btrim(coalesce(p_code, ''));
	answer text;
BEGIN
	SELECT * INTO term FROM wc.terminal t WHERE t.role_name = wc.caller_terminal(p_terminal_key);
	IF NOT FOUND OR term.kind <> 'kiosk' THEN
		RAISE EXCEPTION 'not a kiosk' USING ERRCODE = 'WC002';
	END IF;
	PERFORM wc.applications_activate();
	SELECT x.* INTO a FROM wc.provider_application x WHERE x.no = v_no;
	IF FOUND THEN
		SELECT x.* INTO k FROM wc.application_kiosk x WHERE x.application_id = a.id FOR UPDATE;
	END IF;
	IF k.application_id IS NULL THEN
		answer := 'not_found';
	ELSIF k.wrong_tries >= wc.setting_int('application_query_tries') THEN
		answer := 'locked';
	ELSIF wc.person_decrypt(k.query_enc) IS DISTINCT FROM v_code THEN
		UPDATE wc.application_kiosk x SET wrong_tries = x.wrong_tries + 1
		 WHERE x.application_id = k.application_id;
		answer := 'not_found';
	ELSE
		answer := 'ok';
	END IF;
	-- the number as typed only when it names an application: nothing
	-- typed by a passer-by is kept
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (NULL, 'application_kiosk_lookup', CASE WHEN a.id IS NOT NULL THEN a.no END,
	        jsonb_build_object('found', answer = 'ok', 'locked', answer = 'locked'));
	IF answer <> 'ok' THEN
		RETURN QUERY SELECT answer, NULL::text, NULL::text, NULL::text, NULL::date, NULL::date,
		                    NULL::date, NULL::timestamptz, NULL::text, NULL::text, NULL::text;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT answer, a.no, a.name, a.status, a.notice_from, a.notice_until, a.active_from,
	       e.at, e.action, e.status_after,
	       CASE WHEN e.status_after IN ('returned', 'rejected') THEN e.body ELSE '' END
	  FROM wc.application_event e
	 WHERE e.application_id = a.id
	 ORDER BY e.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.kiosk_application_lookup(text, text, text) TO wc_kiosk;

-- A new query code for an application filed at a kiosk, for an
-- organisation that lost its own: issued by a clerk of the service
-- counter of the county the application is registered in (not of
-- another county, nor of its city or the province: the organisation
-- goes to its own county), once the clerk has checked the business
-- licence and the ID of the person at the desk (经办人), whose name and
-- ID number are typed; the number is kept only masked (wc.mask_id), in
-- the register wc.application_query_reset and in the audit log. The new
-- code replaces the old at once (the old one answers not_found from
-- then on) and lifts a lookup locked by wrong codes. query_code is the
-- new code, for the clerk's screen to show once.
--
-- Only while the application is open (submitted, returned, first_passed,
-- reviewed, notice): a code is for following the steps still to come.
-- A finished one (active, rejected, withdrawn: the queue's 'done') gets
-- none; its old code still shows the result at a kiosk as before, and
-- the clerk reads the result and the reason out from the application's
-- page, which shows the counter all that the lookup shows.
--
-- Outcomes: ok, not_found (no such application, or none the clerk may
-- see), not_my_county (seen, but of another county), not_kiosk (entered
-- at a counter: it has no query code), finished, not_checked (the two
-- checks not both affirmed), bad_agent (the name: 1 to 40 characters),
-- bad_agent_id (not a valid ID number), key_mismatch (the request key
-- sent again with other details, or after a later reset). The request
-- key sent again with the same details answers ok and the code issued.
CREATE OR REPLACE FUNCTION api.application_query_reset(p_token text, p_key uuid,
	p_application bigint, p_agent_name text, p_agent_id text, p_licence_checked boolean,
	p_agent_id_checked boolean, OUT outcome text, OUT query_code text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	a wc.provider_application;
	k wc.application_kiosk;
	done wc.application_query_reset;
	v_name text := btrim(coalesce(p_agent_name, ''));
	v_id text := wc.normalise_code(coalesce(p_agent_id, ''));
	old_code text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	PERFORM wc.applications_activate();
	SELECT x.* INTO a FROM wc.provider_application x WHERE x.id = p_application;
	IF NOT FOUND OR NOT wc.application_visible(st, a) THEN
		outcome := 'not_found'; RETURN;
	END IF;
	IF st.region_code <> a.region THEN
		outcome := 'not_my_county'; RETURN;
	END IF;
	-- the lookup locks the same row: a code tried while it changes is
	-- tried against the old or the new, never half of each
	SELECT x.* INTO k FROM wc.application_kiosk x WHERE x.application_id = a.id FOR UPDATE;
	IF NOT FOUND THEN
		outcome := 'not_kiosk'; RETURN;
	END IF;
	SELECT r.* INTO done FROM wc.application_query_reset r WHERE r.request_key = p_key;
	IF FOUND THEN
		IF done.application_id = a.id AND done.staff_id = st.id AND done.agent_name = v_name
		   AND done.agent_id_masked = wc.mask_id(v_id)
		   AND NOT EXISTS (SELECT FROM wc.application_query_reset r
		                    WHERE r.application_id = a.id AND r.id > done.id) THEN
			outcome := 'ok'; query_code := wc.person_decrypt(k.query_enc);
		ELSE
			outcome := 'key_mismatch';
		END IF;
		RETURN;
	END IF;
	outcome := CASE
		WHEN a.status IN ('active', 'rejected', 'withdrawn') THEN 'finished'
		WHEN p_licence_checked IS NOT TRUE OR p_agent_id_checked IS NOT TRUE THEN 'not_checked'
		WHEN length(v_name) NOT BETWEEN 1 AND 40 OR v_name ~ '[[:cntrl:]]' THEN 'bad_agent'
		WHEN wc.id_number_problem(v_id) IS NOT NULL THEN 'bad_agent_id'
	END;
	IF outcome IS NOT NULL THEN
		RETURN;
	END IF;
	old_code := wc.person_decrypt(k.query_enc);
	LOOP
		query_code := wc.query_code_new();
		EXIT WHEN query_code <> old_code;
	END LOOP;
	UPDATE wc.application_kiosk x SET query_enc = wc.person_encrypt(query_code), wrong_tries = 0
	 WHERE x.application_id = a.id;
	INSERT INTO wc.application_query_reset (application_id, staff_id, agent_name,
		agent_id_masked, licence_checked, agent_id_checked, request_key)
	VALUES (a.id, st.id, v_name, wc.mask_id(v_id), true, true, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'application_query_reset', a.no,
	        jsonb_build_object('agent', v_name, 'agent_id', wc.mask_id(v_id),
	                           'licence_checked', true, 'agent_id_checked', true,
	                           'locked', k.wrong_tries >= wc.setting_int('application_query_tries')));
	outcome := 'ok';
END
$$;
GRANT EXECUTE ON FUNCTION api.application_query_reset(text, uuid, bigint, text, text, boolean,
	boolean) TO wc_staff;
