-- Notices that reach people: writing them as the facts happen, and the
-- daemon's calls (claim the due ones, record how each went). The outbox
-- and its states: migration 0038; the daemon: src/notify/.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0052
SET LOCAL ROLE wc_owner;

-- Ten in the morning, China time, of a day: when reminders are due.
CREATE OR REPLACE FUNCTION wc.notice_morning(p_day date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT (p_day + time '10:00') AT TIME ZONE 'Asia/Shanghai'
$$;

-- Write one notice; a second of the same kind for the same fact is none
-- (a replayed call). A due time already past is not a reminder any more:
-- nothing is written.
CREATE OR REPLACE FUNCTION wc.notice_add(p_person bigint, p_kind text, p_subject bigint,
	p_params jsonb, p_due timestamptz) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_due < now() - interval '1 minute' THEN
		RETURN;
	END IF;
	INSERT INTO wc.notice (person_id, kind, subject_id, params, due_at)
	VALUES (p_person, p_kind, p_subject, p_params, greatest(p_due, now()))
	ON CONFLICT (kind, subject_id) WHERE kind <> 'policy_new' DO NOTHING;
	-- the daemon LISTENs; delivered at commit, so it never sees a notice
	-- whose fact was rolled back
	PERFORM pg_notify('wc_notice', '');
END
$$;

-- What a booking's notices say: its number, the service (short: a
-- template variable holds at most 35 characters), the time in China.
CREATE OR REPLACE FUNCTION wc.notice_booking_params(p_booking bigint) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT jsonb_build_object('no', b.no, 'service', left(s.title, 20),
	                          'time', to_char(t.starts_at AT TIME ZONE 'Asia/Shanghai',
	                                          'MM"月"DD"日" HH24:MI'))
	  FROM wc.booking b
	  JOIN wc.slot t ON t.id = b.slot_id
	  JOIN wc.service s ON s.id = b.service_id
	 WHERE b.id = p_booking
$$;

-- A booking placed (wc.booking_place): confirmed, or a waiting-list
-- seat given; and the reminder the day before at ten.
CREATE OR REPLACE FUNCTION wc.notice_booking(p_booking bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	b wc.booking;
	starts timestamptz;
	params jsonb := wc.notice_booking_params(p_booking);
BEGIN
	SELECT * INTO STRICT b FROM wc.booking WHERE id = p_booking;
	SELECT starts_at INTO STRICT starts FROM wc.slot WHERE id = b.slot_id;
	PERFORM wc.notice_add(b.person_id,
		CASE WHEN b.from_waitlist THEN 'waitlist_seat' ELSE 'booking_confirmed' END,
		b.id, params, now());
	PERFORM wc.notice_add(b.person_id, 'booking_reminder', b.id, params,
		wc.notice_morning((starts AT TIME ZONE 'Asia/Shanghai')::date - 1));
END
$$;

-- A voucher issued: a notice thirty days before its last day, at ten,
-- if it still has money then (checked when due).
CREATE OR REPLACE FUNCTION wc.notice_voucher(p_voucher bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v wc.voucher;
BEGIN
	SELECT * INTO STRICT v FROM wc.voucher WHERE id = p_voucher;
	PERFORM wc.notice_add(v.person_id, 'voucher_expiring', v.id,
		jsonb_build_object('no', v.no, 'until', to_char(v.valid_until, 'YYYY"年"MM"月"DD"日"')),
		wc.notice_morning(v.valid_until - 30));
END
$$;

-- A complaint's step the complainant must hear of: a reply, or a
-- question asking for material (wc.complaint_step).
CREATE OR REPLACE FUNCTION wc.notice_complaint(p_complaint bigint, p_event bigint,
	p_action text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c wc.complaint;
BEGIN
	IF p_action NOT IN ('reply', 'request_info') THEN
		RETURN;
	END IF;
	SELECT * INTO STRICT c FROM wc.complaint WHERE id = p_complaint;
	IF c.person_id IS NULL THEN
		RETURN; -- a guest's (complaint_guests.sql): the supervisor calls them back
	END IF;
	PERFORM wc.notice_add(c.person_id,
		CASE p_action WHEN 'reply' THEN 'complaint_replied' ELSE 'complaint_material' END,
		p_event, jsonb_build_object('no', c.no), now());
END
$$;

-- A template variable holds at most 35 characters, and an SMS is
-- charged by length: a long title is cut at 19 and marked as cut.
CREATE OR REPLACE FUNCTION wc.notice_short(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN length(p_text) > 20 THEN left(p_text, 19) || '…' ELSE p_text END
$$;

-- The provider's number an SMS can reach: its phone, when that is a
-- mobile number (the catalogue's phone may be a landline), else NULL.
CREATE OR REPLACE FUNCTION wc.provider_mobile(p_provider bigint) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT m FROM wc.provider pr
	 CROSS JOIN LATERAL (SELECT wc.normalise_mobile(pr.phone) AS m) x
	 WHERE pr.id = p_provider AND m ~ '^1[3-9][0-9]{9}$'
$$;

-- A policy published (wc.policy_write, a new one): its notices fall due
-- the next morning at ten; from then the daemon's claims write them
-- (wc.notice_fanout_step). Not for one expired already (an old policy
-- imported).
CREATE OR REPLACE FUNCTION wc.notice_policy(p_policy bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	pol wc.policy;
BEGIN
	SELECT * INTO STRICT pol FROM wc.policy WHERE id = p_policy;
	IF wc.policy_status(pol, wc.today()) = 'expired' THEN
		RETURN;
	END IF;
	INSERT INTO wc.notice_fanout (policy_id, due_at)
	VALUES (pol.id, wc.notice_morning(wc.today() + 1))
	ON CONFLICT (policy_id) DO NOTHING;
	PERFORM pg_notify('wc_notice', '');
END
$$;

-- One chunk of a due policy's notices: to each person of its area it
-- may fit who has not chosen to receive none, one notice, at most
-- notice_fanout_chunk people a call. Its area bounds the fan-out (a
-- county's people for a county's policy; everyone for the province's).
-- Of the policy's conditions only those its row states are looked at,
-- each as the matcher in src/core reads it for a registered person
-- (groups, entity kind, age); one that cannot be told here (months since
-- registration, the conditions in words, what a clerk verifies) leaves
-- the person in, as "may fit": the SMS invites the person to look, and
-- the matcher at the kiosk or the counter decides. A policy withdrawn
-- before its morning (its last day moved before today) gets none.
CREATE OR REPLACE FUNCTION wc.notice_fanout_step() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	f wc.notice_fanout;
	pol wc.policy;
	budget int := greatest(wc.setting_int('notice_fanout_chunk'), 1);
	params jsonb;
	n int;
	last bigint;
BEGIN
	SELECT * INTO f FROM wc.notice_fanout x
	 WHERE x.done_at IS NULL AND x.due_at <= now()
	 ORDER BY x.due_at, x.policy_id LIMIT 1
	   FOR UPDATE SKIP LOCKED;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	SELECT * INTO STRICT pol FROM wc.policy WHERE id = f.policy_id;
	IF wc.policy_status(pol, wc.today()) = 'expired' THEN
		UPDATE wc.notice_fanout SET done_at = now() WHERE policy_id = f.policy_id;
		RETURN;
	END IF;
	params := jsonb_build_object('title', wc.notice_short(pol.title));
	f.county := coalesce(f.county, (SELECT min(r.code) FROM wc.region r
	                                 WHERE wc.region_covers(pol.region, r.code)));
	WHILE f.county IS NOT NULL AND budget > 0 LOOP
		WITH chunk AS (
			SELECT p.id
			  FROM wc.person p
			  LEFT JOIN wc.organisation o ON o.person_id = p.id
			 WHERE p.county_code = f.county AND p.id > f.after_person
			   AND NOT p.notices_off
			   AND (cardinality(pol.groups) = 0 OR p.categories && pol.groups)
			   AND (cardinality(pol.entities) = 0
			        OR coalesce(o.kind, 'person') = ANY (pol.entities))
			   AND (pol.age_min IS NULL OR wc.age_years(p.birth_date) >= pol.age_min)
			   AND (pol.age_max IS NULL OR wc.age_years(p.birth_date) <= pol.age_max)
			 ORDER BY p.id
			 LIMIT budget),
		written AS (
			INSERT INTO wc.notice (person_id, kind, subject_id, params, due_at)
			SELECT c.id, 'policy_new', pol.id, params, f.due_at FROM chunk c
			ON CONFLICT (kind, subject_id, person_id) WHERE kind = 'policy_new' DO NOTHING)
		SELECT count(*), max(c.id) INTO n, last FROM chunk c;
		budget := budget - n;
		IF budget > 0 THEN -- the county is done: the next one of the area
			f.county := (SELECT min(r.code) FROM wc.region r
			              WHERE wc.region_covers(pol.region, r.code) AND r.code > f.county);
			f.after_person := 0;
		ELSE
			f.after_person := last;
		END IF;
	END LOOP;
	UPDATE wc.notice_fanout
	   SET county = f.county, after_person = f.after_person,
	       done_at = CASE WHEN f.county IS NULL THEN now() END
	 WHERE policy_id = f.policy_id;
END
$$;

-- A complaint forwarded to a provider (api.complaint_forward): the
-- provider is told at once, on its mobile if it has one, of the
-- complaint's number and the day its answer is due; nothing of the
-- complainant (the complaint's text is read in the provider's console).
CREATE OR REPLACE FUNCTION wc.notice_forward(p_forward bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	f wc.complaint_forward;
BEGIN
	SELECT * INTO STRICT f FROM wc.complaint_forward WHERE id = p_forward;
	IF f.provider_id IS NULL OR wc.provider_mobile(f.provider_id) IS NULL THEN
		RETURN;
	END IF;
	INSERT INTO wc.notice (provider_id, kind, subject_id, params)
	SELECT f.provider_id, 'complaint_forwarded', f.id,
	       jsonb_build_object('no', c.no,
	                          'until', to_char(wc.workdays_after(f.day, f.limit_days),
	                                           'YYYY"年"MM"月"DD"日"'))
	  FROM wc.complaint c WHERE c.id = f.complaint_id
	ON CONFLICT (kind, subject_id) WHERE kind <> 'policy_new' DO NOTHING;
	PERFORM pg_notify('wc_notice', '');
END
$$;

-- Why a due notice is not to be sent any more, or NULL: the person
-- chose none, the booking was cancelled or its slot is past, the voucher
-- is used up or expired, the policy withdrawn (its last day moved before
-- today) or expired, the forwarding answered already or the provider's
-- mobile number gone (re-checked when sending, not when written).
CREATE OR REPLACE FUNCTION wc.notice_void(n wc.notice) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF (SELECT notices_off FROM wc.person WHERE id = n.person_id) THEN
		RETURN 'person chose no notices';
	END IF;
	IF n.kind IN ('booking_confirmed', 'booking_reminder', 'waitlist_seat') THEN
		IF NOT EXISTS (SELECT FROM wc.booking b JOIN wc.slot s ON s.id = b.slot_id
		                WHERE b.id = n.subject_id AND b.status = 'booked'
		                  AND NOT s.cancelled AND s.starts_at > now()) THEN
			RETURN 'booking no longer open';
		END IF;
	ELSIF n.kind = 'voucher_expiring' THEN
		IF NOT EXISTS (SELECT FROM wc.voucher v
		                WHERE v.id = n.subject_id AND v.status = 'active'
		                  AND v.balance_fen > 0 AND v.valid_until >= wc.today()) THEN
			RETURN 'voucher used up or expired';
		END IF;
	ELSIF n.kind = 'policy_new' THEN
		IF NOT EXISTS (SELECT FROM wc.policy p WHERE p.id = n.subject_id
		                AND wc.policy_status(p, wc.today()) <> 'expired') THEN
			RETURN 'policy withdrawn or expired';
		END IF;
	ELSIF n.kind = 'complaint_forwarded' THEN
		IF NOT EXISTS (SELECT FROM wc.complaint_forward f
		                WHERE f.id = n.subject_id AND f.answer_event IS NULL) THEN
			RETURN 'forwarding answered already';
		ELSIF wc.provider_mobile(n.provider_id) IS NULL THEN
			RETURN 'provider has no mobile number';
		END IF;
	END IF;
	RETURN NULL;
END
$$;

-- The daemon claims up to p_batch due notices: each is marked sending
-- (its attempt counted) and committed before the gateway is called, so
-- a crash leaves it in sending, never unmarked. One left in sending
-- longer than p_lease seconds (its daemon died mid-call) is claimed
-- again and sent with the same id, which the gateway de-duplicates on.
-- Rows another daemon holds are skipped. Those that no longer stand are
-- cancelled on the way. The mobile number is decrypted here, for this
-- caller only. Only notices of p_kinds are claimed, the kinds the daemon
-- has a template for: the others stay pending (a kind an upgrade added
-- before its template was), checked again when their kind is sent.
CREATE OR REPLACE FUNCTION api.notice_claim(p_batch int, p_lease int, p_kinds text[])
RETURNS TABLE (id bigint, kind text, params jsonb, mobile text, attempts int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n wc.notice;
	why text;
BEGIN
	PERFORM wc.notice_fanout_step(); -- a due policy's next chunk first, claimed below
	FOR n IN
		SELECT * FROM wc.notice c
		 WHERE c.state IN ('pending', 'sending') AND c.due_at <= now()
		   AND c.kind = ANY (p_kinds)
		   AND (c.state = 'pending'
		        OR c.tried_at < now() - make_interval(secs => greatest(p_lease, 1)))
		 ORDER BY c.due_at, c.id
		 LIMIT least(greatest(p_batch, 1), 100)
		   FOR UPDATE SKIP LOCKED
	LOOP
		why := wc.notice_void(n);
		IF why IS NOT NULL THEN
			UPDATE wc.notice SET state = 'cancelled', answer = why, done_at = now()
			 WHERE wc.notice.id = n.id;
			CONTINUE;
		END IF;
		UPDATE wc.notice SET state = 'sending', attempts = n.attempts + 1, tried_at = now()
		 WHERE wc.notice.id = n.id;
		id := n.id;
		kind := n.kind;
		params := n.params;
		attempts := n.attempts + 1;
		IF n.provider_id IS NOT NULL THEN
			mobile := wc.provider_mobile(n.provider_id);
		ELSE
			SELECT wc.person_decrypt(p.mobile_enc) INTO mobile FROM wc.person p WHERE p.id = n.person_id;
		END IF;
		RETURN NEXT;
	END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION api.notice_claim(int, int, text[]) TO wc_notify;

-- How one sending went: sent; retry (the gateway failed or did not
-- answer: again after p_retry_seconds doubled per attempt so far, until
-- the attempt limit, then failed); refused (the gateway said no for good:
-- a bad number, a template not approved: failed now). Answers the state
-- after. A notice not in sending (recorded already) is left as it is.
CREATE OR REPLACE FUNCTION api.notice_record(p_id bigint, p_outcome text, p_answer text,
	p_retry_seconds int) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n wc.notice;
	lim int := wc.setting_int('notice_attempt_limit');
	st text;
BEGIN
	IF p_outcome NOT IN ('sent', 'retry', 'refused') THEN
		RAISE EXCEPTION 'unknown delivery outcome "%"', p_outcome USING ERRCODE = '22023';
	END IF;
	SELECT * INTO n FROM wc.notice WHERE wc.notice.id = p_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no notice %', p_id USING ERRCODE = '42704';
	END IF;
	IF n.state <> 'sending' THEN
		RETURN n.state;
	END IF;
	INSERT INTO wc.notice_attempt (notice_id, outcome, answer)
	VALUES (n.id, p_outcome, left(coalesce(p_answer, ''), 500));
	st := CASE WHEN p_outcome = 'sent' THEN 'sent'
	           WHEN p_outcome = 'refused' OR n.attempts >= lim THEN 'failed'
	           ELSE 'pending' END;
	UPDATE wc.notice
	   SET state = st, answer = left(p_answer, 500),
	       done_at = CASE WHEN st = 'pending' THEN NULL ELSE now() END,
	       due_at = CASE WHEN st = 'pending'
	                     THEN now() + make_interval(secs => greatest(p_retry_seconds, 1)
	                                                        * power(2, least(n.attempts - 1, 16)))
	                     ELSE due_at END
	 WHERE wc.notice.id = n.id;
	RETURN st;
END
$$;
GRANT EXECUTE ON FUNCTION api.notice_record(bigint, text, text, int) TO wc_notify;

-- When the next notice of p_kinds falls due, or a policy's notices are
-- to be written (NULL: none waits): the daemon sleeps until then unless
-- woken. A policy's notices are written even while its kind is not sent,
-- to wait pending like the others.
CREATE OR REPLACE FUNCTION api.notice_next_due(p_kinds text[]) RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT least((SELECT min(due_at) FROM wc.notice
	               WHERE state IN ('pending', 'sending') AND kind = ANY (p_kinds)),
	             (SELECT min(due_at) FROM wc.notice_fanout WHERE done_at IS NULL))
$$;
GRANT EXECUTE ON FUNCTION api.notice_next_due(text[]) TO wc_notify;

-- The person's choice: no notices at all, set at the counter for a
-- person of its area, or by the person at a kiosk (citizen_notices_set).
CREATE OR REPLACE FUNCTION api.person_notices_set(p_token text, p_person bigint, p_off boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	UPDATE wc.person SET notices_off = p_off WHERE id = p.id;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (st.id, p.id, 'person_notices', p.id::text, jsonb_build_object('notices_off', p_off));
END
$$;
GRANT EXECUTE ON FUNCTION api.person_notices_set(text, bigint, boolean) TO wc_staff;

CREATE OR REPLACE FUNCTION api.person_notices_off(p_token text, p_person bigint)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	-- seen by whoever may see the person; set by the counter alone
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	RETURN (wc.person_in_scope(st, p_person)).notices_off;
END
$$;
GRANT EXECUTE ON FUNCTION api.person_notices_off(text, bigint) TO wc_staff;

-- The person's own choice, at a kiosk (我的预约与创业券, F7): audited as
-- the person's act, as the counter's is audited as the clerk's. Pending
-- notices are not touched: each is checked again when due.
CREATE OR REPLACE FUNCTION api.citizen_notices_set(p_token text, p_off boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
	v_off boolean := coalesce(p_off, false);
BEGIN
	UPDATE wc.person SET notices_off = v_off WHERE id = v_person AND notices_off <> v_off;
	IF FOUND THEN
		INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
		VALUES (NULL, v_person, 'person_notices', v_person::text,
		        jsonb_build_object('notices_off', v_off));
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_notices_set(text, boolean) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.citizen_notices_off(p_token text)
RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT notices_off FROM wc.person WHERE id = wc.session_person_id(p_token)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_notices_off(text) TO wc_kiosk;
