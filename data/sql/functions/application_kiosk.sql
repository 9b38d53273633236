-- An organisation's own application to become a provider (Art. 23),
-- made at a self-service kiosk: the filing, which answers with the
-- application's number and a query code, and the lookup of its steps
-- with both.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0056
SET LOCAL ROLE wc_owner;

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
		query_code := lpad(((('x' || encode(ext.gen_random_bytes(4), 'hex'))::bit(32)::bigint)
		                    % 100000000)::text, 8, '0');
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
