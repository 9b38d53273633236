-- 转办: a complaint forwarded by the supervisor to the provider it
-- concerns or to the operator, with a time limit in working days, and
-- the recipient's answer (说明情况), once.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0042
SET LOCAL ROLE wc_owner;

-- The states a complaint may be forwarded from: accepted and not yet
-- answered (a question to the complainant pending included). Not before
-- it is accepted, and never once it is replied, closed or not accepted.
CREATE OR REPLACE FUNCTION wc.complaint_forward_states() RETURNS text[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT '{accepted,handling,waiting,redo}'::text[]
$$;

-- The text of a complaint as a recipient of a forwarding reads it: the
-- complainant's name, where the text repeats it, and every run of eleven
-- or more digits (a mobile, an ID number, a bank card) masked, the first
-- three and the last four kept; shorter numbers (a booking's time, an
-- amount) stay as written. The supervisor has the person's details; the
-- provider needs what happened, not who to call.
CREATE OR REPLACE FUNCTION wc.complaint_text_masked(p_body text, p_name text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT regexp_replace(
		CASE WHEN coalesce(p_name, '') = '' THEN p_body
		     ELSE replace(p_body, p_name, wc.mask_name(p_name)) END,
		'([0-9]{3})[0-9]{4,}([0-9]{3}[0-9Xx])', '\1****\2', 'g')
$$;

-- A forwarding as both sides read it: the due day counted now from the
-- calendar (a correction moves it), 已超期 while unanswered past it,
-- 即将超期 within complaint_soon_days of it, and whether the answer came
-- after it.
CREATE OR REPLACE FUNCTION wc.complaint_forward_rows(p_complaint bigint, p_provider bigint,
	p_operator boolean)
RETURNS TABLE (id bigint, complaint_id bigint, to_kind text, recipient text, day date,
	limit_days int, due_on date, overdue boolean, soon boolean, known boolean, note text,
	forwarded_by text, forwarded_at timestamptz, answered_at timestamptz, answer text,
	answered_by text, late boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT f.id, f.complaint_id, f.to_kind,
	       CASE f.to_kind WHEN 'operator' THEN '运营商' ELSE pr.name END,
	       f.day, f.limit_days, d.due_on,
	       a.id IS NULL AND d.due_on < t.today,
	       a.id IS NULL AND d.due_on >= t.today AND d.due_on <= t.soon_day,
	       wc.calendar_known(f.day, d.due_on),
	       fe.body, fs.display_name, fe.at, a.at, a.body, s.display_name,
	       a.id IS NOT NULL AND a.day > d.due_on
	  FROM (SELECT wc.today() AS today,
	               wc.workdays_after(wc.today(), wc.setting_int('complaint_soon_days'))
	                 AS soon_day) t
	 CROSS JOIN wc.complaint_forward f
	 CROSS JOIN LATERAL (SELECT wc.workdays_after(f.day, f.limit_days) AS due_on) d
	  JOIN wc.complaint_event fe ON fe.id = f.forward_event
	  LEFT JOIN wc.staff fs ON fs.id = fe.staff_id
	  LEFT JOIN wc.provider pr ON pr.id = f.provider_id
	  LEFT JOIN wc.complaint_event a ON a.id = f.answer_event
	  LEFT JOIN wc.staff s ON s.id = a.staff_id
	 WHERE (p_complaint IS NULL OR f.complaint_id = p_complaint)
	   AND (p_provider IS NULL OR f.provider_id = p_provider)
	   AND (NOT p_operator OR f.to_kind = 'operator')
$$;

-- The supervisor forwards. Outcomes: ok (with the forwarding and its due
-- day), not_found, wrong_state (not from this status: closed, replied,
-- not yet accepted), no_provider (the complaint names none: forward it
-- to the operator), bad_recipient, bad_limit (1 to 15 working days),
-- text_needed (what to explain), text_too_long, already_forwarded (an
-- answer from that side is still awaited). A repeated request key
-- answers ok with the first forwarding; sent again for another step
-- key_reused, with another recipient, limit or text key_mismatch.
CREATE OR REPLACE FUNCTION api.complaint_forward(p_token text, p_key uuid, p_complaint bigint,
	p_to text, p_days int, p_note text,
	OUT outcome text, OUT forward_id bigint, OUT due_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
	keyed wc.complaint_event;
	f wc.complaint_forward;
	note text := btrim(coalesce(p_note, ''));
	days int := coalesce(p_days, wc.setting_int('complaint_forward_days'));
	ev bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	SELECT * INTO c FROM wc.complaint k WHERE k.id = p_complaint FOR UPDATE;
	IF NOT FOUND OR NOT wc.complaint_visible(st, c) THEN
		outcome := 'not_found'; RETURN;
	END IF;
	SELECT * INTO keyed FROM wc.complaint_event x
	 WHERE x.complaint_id = c.id AND x.request_key = p_key;
	IF FOUND THEN
		SELECT * INTO f FROM wc.complaint_forward x WHERE x.forward_event = keyed.id;
		IF keyed.action <> 'forward' THEN
			outcome := 'key_reused';
		ELSIF (f.to_kind, f.limit_days, keyed.body) IS DISTINCT FROM (p_to, days, note) THEN
			outcome := 'key_mismatch';
		ELSE
			outcome := 'ok'; forward_id := f.id;
			due_on := wc.workdays_after(f.day, f.limit_days);
		END IF;
		RETURN;
	END IF;
	IF NOT c.status = ANY (wc.complaint_forward_states()) THEN
		outcome := 'wrong_state';
	ELSIF p_to IS NULL OR p_to NOT IN ('provider', 'operator') THEN
		outcome := 'bad_recipient';
	ELSIF p_to = 'provider' AND c.provider_id IS NULL THEN
		outcome := 'no_provider';
	ELSIF days NOT BETWEEN 1 AND 15 THEN
		outcome := 'bad_limit';
	ELSIF note = '' THEN
		outcome := 'text_needed';
	ELSIF length(note) > 2000 THEN
		outcome := 'text_too_long';
	ELSIF EXISTS (SELECT FROM wc.complaint_forward x WHERE x.complaint_id = c.id
	               AND x.to_kind = p_to AND x.answer_event IS NULL) THEN
		outcome := 'already_forwarded';
	END IF;
	IF outcome IS NOT NULL THEN
		RETURN;
	END IF;
	c := wc.complaint_step(c, st.id, 'forward', c.status, false, note, NULL, NULL, p_key);
	SELECT x.id INTO ev FROM wc.complaint_event x
	 WHERE x.complaint_id = c.id AND x.request_key = p_key;
	INSERT INTO wc.complaint_forward (complaint_id, to_kind, provider_id, day, limit_days,
	                                  forward_event)
	VALUES (c.id, p_to, CASE WHEN p_to = 'provider' THEN c.provider_id END, wc.today(), days, ev)
	RETURNING * INTO f;
	due_on := wc.workdays_after(f.day, f.limit_days);
	PERFORM wc.notice_forward(f.id);
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (st.id, NULL, 'complaint_forward', c.no,
	        jsonb_build_object('to', p_to, 'provider', f.provider_id, 'days', days,
	                           'due_on', due_on));
	outcome := 'ok'; forward_id := f.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_forward(text, uuid, bigint, text, int, text) TO wc_staff;

-- A complaint's forwardings for the supervisor and the bureau, oldest first.
CREATE OR REPLACE FUNCTION api.complaint_forwards(p_token text, p_complaint bigint)
RETURNS TABLE (id bigint, to_kind text, recipient text, day date, limit_days int, due_on date,
	overdue boolean, soon boolean, known boolean, note text, forwarded_by text,
	forwarded_at timestamptz, answered_at timestamptz, answer text, answered_by text,
	late boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'bureau']);
	c := wc.complaint_seen(st, p_complaint);
	IF c.id IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT f.id, f.to_kind, f.recipient, f.day, f.limit_days, f.due_on, f.overdue, f.soon,
	       f.known, f.note, f.forwarded_by, f.forwarded_at, f.answered_at, f.answer,
	       f.answered_by, f.late
	  FROM wc.complaint_forward_rows(c.id, NULL, false) f
	 ORDER BY f.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_forwards(text, bigint) TO wc_staff;

-- 待说明的投诉: what was forwarded to the caller's side (a provider's
-- staff: their provider; the operator's: the operator), awaited first by
-- due day, then the latest answered; the complaint with the person's
-- name and numbers masked. The answered ones of finished complaints drop
-- out after 30 days.
CREATE OR REPLACE FUNCTION api.forward_inbox(p_token text)
RETURNS TABLE (id bigint, complaint_no text, status text, category text, target text,
	person_masked text, body text, note text, day date, limit_days int, due_on date,
	overdue boolean, soon boolean, answered_at timestamptz, answer text, late boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	prov bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider', 'operator']);
	IF st.role = 'provider' THEN
		prov := wc.own_provider(st);
		IF prov IS NULL THEN
			RETURN;
		END IF;
	END IF;
	RETURN QUERY
	-- a complaint of a guest or of a provider has no person: the guest's
	-- name is masked as a person's; a provider's has no name to mask
	SELECT f.id, c.no, c.status, cc.name, wc.complaint_target(c),
	       coalesce(wc.mask_name(coalesce(p.name, g.name)), ''),
	       wc.complaint_text_masked(c.body, coalesce(p.name, g.name)), f.note, f.day,
	       f.limit_days, f.due_on, f.overdue, f.soon, f.answered_at, f.answer, f.late
	  FROM wc.complaint_forward_rows(NULL, prov, st.role = 'operator') f
	  JOIN wc.complaint c ON c.id = f.complaint_id
	  JOIN wc.complaint_category cc ON cc.code = c.category
	  LEFT JOIN wc.person p ON p.id = c.person_id
	  LEFT JOIN wc.complaint_guest g ON g.complaint_id = c.id
	 WHERE f.answered_at IS NULL OR f.answered_at > now() - interval '30 days'
	 ORDER BY f.answered_at IS NOT NULL, f.due_on, f.answered_at DESC, f.id
	 LIMIT 200;
END
$$;
GRANT EXECUTE ON FUNCTION api.forward_inbox(text) TO wc_staff;

-- The recipient answers (说明情况), once; the answer joins the timeline as
-- an internal entry and the supervisor goes on. Outcomes: ok, not_found
-- (no such forwarding to the caller's side: another provider's is not
-- found either), already_answered, wrong_state (the complaint was
-- finished meanwhile), text_needed, text_too_long; a repeated request
-- key answers ok, with another text key_mismatch, for another step
-- key_reused.
CREATE OR REPLACE FUNCTION api.forward_explain(p_token text, p_key uuid, p_forward bigint,
	p_body text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	f wc.complaint_forward;
	c wc.complaint;
	keyed wc.complaint_event;
	body text := btrim(coalesce(p_body, ''));
	ev bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider', 'operator']);
	SELECT * INTO f FROM wc.complaint_forward x WHERE x.id = p_forward;
	IF NOT FOUND
	   OR (st.role = 'operator' AND f.to_kind <> 'operator')
	   OR (st.role = 'provider' AND f.provider_id IS DISTINCT FROM wc.own_provider(st)) THEN
		RETURN 'not_found';
	END IF;
	-- the complaint first, as every step locks it, then the forwarding
	SELECT * INTO c FROM wc.complaint k WHERE k.id = f.complaint_id FOR UPDATE;
	SELECT * INTO f FROM wc.complaint_forward x WHERE x.id = p_forward FOR UPDATE;
	SELECT * INTO keyed FROM wc.complaint_event x
	 WHERE x.complaint_id = c.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN CASE WHEN keyed.action <> 'explain' OR keyed.id IS DISTINCT FROM f.answer_event
		            THEN 'key_reused'
		            WHEN keyed.body <> body THEN 'key_mismatch'
		            ELSE 'ok' END;
	ELSIF f.answer_event IS NOT NULL THEN
		RETURN 'already_answered';
	ELSIF c.status IN ('closed', 'rejected') THEN
		RETURN 'wrong_state';
	ELSIF body = '' THEN
		RETURN 'text_needed';
	ELSIF length(body) > 2000 THEN
		RETURN 'text_too_long';
	END IF;
	PERFORM wc.complaint_step(c, st.id, 'explain', c.status, false, body, NULL, NULL, p_key);
	SELECT x.id INTO ev FROM wc.complaint_event x
	 WHERE x.complaint_id = c.id AND x.request_key = p_key;
	UPDATE wc.complaint_forward SET answer_event = ev WHERE id = f.id;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (st.id, NULL, 'complaint_explain', c.no,
	        jsonb_build_object('forward', f.id, 'to', f.to_kind, 'provider', f.provider_id,
	                           'late', wc.today() > wc.workdays_after(f.day, f.limit_days)));
	RETURN 'ok';
END
$$;
GRANT EXECUTE ON FUNCTION api.forward_explain(text, uuid, bigint, text) TO wc_staff;

-- A forwarding is answered once and otherwise never changes: the answer
-- may be set where there was none, nothing else.
CREATE OR REPLACE FUNCTION wc.complaint_forward_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP <> 'UPDATE' OR OLD.answer_event IS NOT NULL
	   OR (NEW.id, NEW.complaint_id, NEW.to_kind, NEW.provider_id, NEW.day, NEW.limit_days,
	       NEW.forward_event)
	      IS DISTINCT FROM
	      (OLD.id, OLD.complaint_id, OLD.to_kind, OLD.provider_id, OLD.day, OLD.limit_days,
	       OLD.forward_event) THEN
		RAISE EXCEPTION 'a forwarding is answered once and not changed otherwise'
			USING ERRCODE = '42501';
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER complaint_forward_answered_once
	BEFORE UPDATE OR DELETE ON wc.complaint_forward
	FOR EACH ROW EXECUTE FUNCTION wc.complaint_forward_guard();
CREATE OR REPLACE TRIGGER complaint_forward_no_truncate BEFORE TRUNCATE ON wc.complaint_forward
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
