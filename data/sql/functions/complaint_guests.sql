-- Complaints of people who are not registered (访客投诉), filed at a
-- kiosk with a name and a mobile number to be answered on: the filing,
-- the mark the supervisor's queue shows, and the one audited reveal of
-- the number to the supervisor handling it.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0041
SET LOCAL ROLE wc_owner;

-- A guest's complaint, from a kiosk without a session. Outcomes: those of
-- wc.complaint_file, and name_needed (blank or over 40 characters),
-- bad_mobile (not a mainland mobile number: 11 digits, 13 to 19),
-- consent_needed, kiosk_busy (the kiosk's guests filed
-- guest_complaint_hour_max in the last hour: a kiosk's stolen password
-- floods no queue). For the receipt: due_on, by when it is accepted or
-- not, and counter_phone, the county's counter telephone (NULL if none).
-- A repeated request key from the same kiosk answers with the first
-- complaint; with other details, key_mismatch.
CREATE OR REPLACE FUNCTION api.guest_complaint_file(p_terminal_key text, p_key uuid,
	p_against text, p_target bigint, p_category text, p_body text, p_name text,
	p_mobile text, p_consent boolean,
	OUT outcome text, OUT complaint_id bigint, OUT complaint_no text, OUT due_on date,
	OUT counter_phone text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	term wc.terminal;
	g wc.complaint_guest;
	c wc.complaint;
	guest wc.person; -- no one: id NULL, the kiosk's county
	v_name text := btrim(coalesce(p_name, ''));
	v_mobile text := wc.normalise_mobile(coalesce(p_mobile, ''));
BEGIN
	SELECT * INTO term FROM wc.terminal t WHERE t.role_name = wc.caller_terminal(p_terminal_key);
	IF NOT FOUND OR term.kind <> 'kiosk' OR term.region_code IS NULL THEN
		RAISE EXCEPTION 'not a kiosk' USING ERRCODE = 'WC002';
	END IF;
	counter_phone := wc.counter_phone_of(term.region_code);
	-- one guest's filing at a time per kiosk: the hourly count and the
	-- row it adds do not interleave with another's (advisory class 8)
	PERFORM pg_advisory_xact_lock(8, hashtext(term.role_name));
	SELECT * INTO g FROM wc.complaint_guest x
	 WHERE x.terminal = term.role_name AND x.request_key = p_key;
	IF FOUND THEN
		SELECT * INTO c FROM wc.complaint WHERE id = g.complaint_id;
		IF (g.name, g.mobile_hmac, c.against, c.category, c.body,
		    CASE c.against WHEN 'service' THEN c.service_id WHEN 'provider' THEN c.provider_id END)
		   IS DISTINCT FROM
		   (v_name, wc.person_hmac(v_mobile), p_against, p_category, btrim(p_body),
		    CASE WHEN p_against IN ('service', 'provider') THEN p_target END) THEN
			outcome := 'key_mismatch'; RETURN;
		END IF;
		outcome := 'ok'; complaint_id := c.id; complaint_no := c.no; due_on := c.due_on;
		RETURN;
	END IF;
	IF v_name = '' OR length(v_name) > 40 THEN
		outcome := 'name_needed'; RETURN;
	ELSIF v_mobile !~ '^1[3-9][0-9]{9}$' THEN
		outcome := 'bad_mobile'; RETURN;
	ELSIF NOT coalesce(p_consent, false) THEN
		outcome := 'consent_needed'; RETURN;
	ELSIF (SELECT count(*) FROM wc.complaint_guest x
	        WHERE x.terminal = term.role_name AND x.created_at > now() - interval '1 hour')
	      >= wc.setting_int('guest_complaint_hour_max') THEN
		outcome := 'kiosk_busy'; RETURN;
	END IF;
	-- wc.complaint_file with no person: its key, booking and open-count
	-- checks match no row (NULL = NULL is not true), so a guest names no
	-- booking and the key is checked above, per kiosk.
	guest.county_code := term.region_code;
	SELECT * INTO outcome, complaint_id, complaint_no
	  FROM wc.complaint_file(guest, NULL, '本人在自助服务终端确认同意', p_key, p_against,
	                         p_target, p_category, p_body);
	IF outcome <> 'ok' THEN
		RETURN;
	END IF;
	INSERT INTO wc.complaint_guest (complaint_id, name, mobile_hmac, mobile_enc, mobile_masked,
	                                terminal, request_key)
	VALUES (complaint_id, v_name, wc.person_hmac(v_mobile), wc.person_encrypt(v_mobile),
	        wc.mask_mobile(v_mobile), term.role_name, p_key);
	SELECT k.due_on INTO due_on FROM wc.complaint k WHERE k.id = complaint_id;
END
$$;
GRANT EXECUTE ON FUNCTION api.guest_complaint_file(text, uuid, text, bigint, text, text, text,
	text, boolean) TO wc_kiosk;

-- Which of the given complaints came from guests, with the name and the
-- mobile number masked (王*, *******5678): the mark of the queue and of
-- a complaint's page, for the staff who may see each complaint.
CREATE OR REPLACE FUNCTION api.complaint_guest_marks(p_token text, p_complaints bigint[])
RETURNS TABLE (complaint_id bigint, name_masked text, mobile_masked text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	RETURN QUERY
	SELECT g.complaint_id, wc.mask_name(g.name), g.mobile_masked
	  FROM wc.complaint_guest g JOIN wc.complaint c ON c.id = g.complaint_id
	 WHERE g.complaint_id = ANY (p_complaints[1:200]) AND wc.complaint_visible(st, c)
	 ORDER BY g.complaint_id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_guest_marks(text, bigint[]) TO wc_staff;

-- The guest's name and mobile number in full, to call them back: only a
-- supervisor, and once the complaint is assigned only its handler. Every
-- reveal is audited.
CREATE OR REPLACE FUNCTION api.complaint_guest_reveal(p_token text, p_complaint bigint,
	OUT name text, OUT mobile text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
	g wc.complaint_guest;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	c := wc.complaint_seen(st, p_complaint);
	SELECT * INTO g FROM wc.complaint_guest x WHERE x.complaint_id = c.id;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF c.handler_id IS NOT NULL AND c.handler_id <> st.id THEN
		RAISE EXCEPTION 'only the complaint''s handler may see the number'
			USING ERRCODE = 'WC002', DETAIL = 'not_handler';
	END IF;
	name := g.name;
	mobile := wc.person_decrypt(g.mobile_enc);
	INSERT INTO wc.audit (staff_id, action, object) VALUES (st.id, 'complaint_guest_reveal', c.no);
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_guest_reveal(text, bigint) TO wc_staff;
