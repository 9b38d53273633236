-- Records of misuse against a registered person (违规记录, migration
-- 0044): the operator proposes, the supervisor confirms or rejects; while
-- one is in force the person's vouchers are frozen (wc.person_frozen,
-- read by the booking path and by issuing); the person appeals once, at a
-- kiosk or through the counter, and the supervisor decides the appeal.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0044
SET LOCAL ROLE wc_owner;

-- Whether a record in force freezes the person's vouchers today.
CREATE OR REPLACE FUNCTION wc.person_frozen(p_person bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (SELECT FROM wc.person_sanction s
	                WHERE s.person_id = p_person AND s.status IN ('in_force', 'appealed')
	                  AND wc.today() BETWEEN s.starts_on AND s.ends_on)
$$;

-- A step already taken with this request key: the same step again (the
-- same record, or for a proposal the same person, and the same text)
-- answers as it did (replayed), another one is refused.
CREATE OR REPLACE FUNCTION wc.sanction_replay(p_actor text, p_key uuid, p_action text,
	p_person bigint, p_sanction bigint, p_body text) RETURNS wc.manage_outcome
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN e.action <> p_action THEN wc.manage_refusal('key_reused')
	            WHEN e.body <> p_body OR s.person_id <> coalesce(p_person, s.person_id)
	                 OR e.sanction_id <> coalesce(p_sanction, e.sanction_id)
	            THEN wc.manage_refusal('key_mismatch')
	            ELSE ROW('ok', e.status_after, 0, 0, 0, true)::wc.manage_outcome END
	  FROM wc.person_sanction_event e
	  JOIN wc.person_sanction s ON s.id = e.sanction_id
	 WHERE e.actor = p_actor AND e.request_key = p_key
$$;

-- One step of a record: its history row and its audit row.
CREATE OR REPLACE FUNCTION wc.sanction_step(s wc.person_sanction, p_staff bigint, p_actor text,
	p_key uuid, p_action text, p_body text) RETURNS wc.manage_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- the steps there are, each with its label in the audit log's words
	IF p_action NOT IN ('propose', 'confirm', 'reject', 'appeal', 'uphold', 'dismiss') THEN
		RAISE EXCEPTION 'unknown sanction step %', p_action USING ERRCODE = '22023';
	END IF;
	INSERT INTO wc.person_sanction_event (sanction_id, staff_id, action, body, status_after,
		actor, request_key)
	VALUES (s.id, p_staff, p_action, p_body, s.status, p_actor, p_key);
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, s.person_id, 'sanction_' || p_action, s.id::text,
	        jsonb_build_object('kind', s.kind, 'status', s.status, 'text', p_body,
	                           'starts_on', s.starts_on, 'ends_on', s.ends_on));
	RETURN ROW('ok', s.status, 0, 0, 0, false)::wc.manage_outcome;
END
$$;

-- The operator proposes a record against a person: its kind, the reason
-- and the period (p_days, or the last day p_until; one of them).
-- Refusals: not_found (WC020 for a person out of reach), bad_kind,
-- bad_period (not one of the two, or days not 1 to 3650), text_needed,
-- text_too_short, text_too_long, key_reused, key_mismatch. A last day
-- is bad input, refused as the operator's screen refuses it before
-- sending (ui/sanction/sanction_until.c), with WC080: detail
-- after_today for today or a day before (the period starts only when
-- the supervisor confirms it, so its last day must lie ahead; one
-- confirmed on its last day still freezes that day: ends_on is kept
-- while ends_on >= today), ten_years for a day more than 3650 days on. A day that does not exist never gets here:
-- the parameter is a date.
CREATE OR REPLACE FUNCTION api.sanction_propose(p_token text, p_key uuid, p_person bigint,
	p_kind text, p_reason text, p_days int, p_until date)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	p wc.person;
	s wc.person_sanction;
	reason text := btrim(coalesce(p_reason, ''));
	o wc.manage_outcome;
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator']);
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	p := wc.person_in_scope(st, p_person);
	o := wc.sanction_replay(actor, p_key, 'propose', p.id, NULL, reason);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	IF p_kind IS NULL OR p_kind NOT IN ('false_claim', 'no_show', 'other') THEN
		RETURN NEXT wc.manage_refusal('bad_kind');
		RETURN;
	END IF;
	IF (p_days IS NULL) = (p_until IS NULL) OR p_days NOT BETWEEN 1 AND 3650 THEN
		RETURN NEXT wc.manage_refusal('bad_period');
		RETURN;
	END IF;
	IF p_until <= wc.today() THEN
		RAISE EXCEPTION 'the last day must be after today' USING ERRCODE = 'WC080',
			DETAIL = 'after_today';
	END IF;
	IF p_until > wc.today() + 3650 THEN
		RAISE EXCEPTION 'the period must be from 1 day to 10 years' USING ERRCODE = 'WC080',
			DETAIL = 'ten_years';
	END IF;
	IF wc.stated_text_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(reason));
		RETURN;
	END IF;
	INSERT INTO wc.person_sanction (person_id, kind, reason, days, until, proposed_by)
	VALUES (p.id, p_kind, reason, p_days, p_until, st.id)
	RETURNING * INTO s;
	RETURN NEXT wc.sanction_step(s, st.id, actor, p_key, 'propose', reason);
END
$$;
GRANT EXECUTE ON FUNCTION api.sanction_propose(text, uuid, bigint, text, text, int, date)
	TO wc_staff;

-- The supervisor decides: 'confirm' or 'reject' a proposed record,
-- 'uphold' or 'dismiss' its appeal. A reason (5 to 500 characters) for
-- all but a confirmation. Confirmed, the record is in force from today to
-- its last day (today and p_days - 1 more days, or until). Upheld, it is
-- lifted today. Refusals: not_found, wrong_state, period_past (its last
-- day passed before it was confirmed), text_*, key_reused, key_mismatch.
CREATE OR REPLACE FUNCTION api.sanction_decide(p_token text, p_key uuid, p_sanction bigint,
	p_action text, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	actor text := 's' || st.id;
	s wc.person_sanction;
	reason text := btrim(coalesce(p_reason, ''));
	from_status text := CASE WHEN p_action IN ('confirm', 'reject') THEN 'proposed'
	                         ELSE 'appealed' END;
	o wc.manage_outcome;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	IF p_action IS NULL OR p_action NOT IN ('confirm', 'reject', 'uphold', 'dismiss') THEN
		RAISE EXCEPTION 'unknown sanction action %', p_action USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	SELECT * INTO s FROM wc.person_sanction WHERE id = p_sanction FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	o := wc.sanction_replay(actor, p_key, p_action, NULL, s.id, reason);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	IF s.status <> from_status THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF p_action = 'confirm' THEN
		IF length(reason) > 500 THEN
			RETURN NEXT wc.manage_refusal('text_too_long');
			RETURN;
		END IF;
		IF s.until < wc.today() THEN
			RETURN NEXT wc.manage_refusal('period_past');
			RETURN;
		END IF;
		UPDATE wc.person_sanction
		   SET status = 'in_force', starts_on = wc.today(),
		       ends_on = coalesce(s.until, wc.today() + s.days - 1)
		 WHERE id = s.id RETURNING * INTO s;
	ELSE
		IF wc.stated_text_problem(reason) IS NOT NULL THEN
			RETURN NEXT wc.manage_refusal(wc.stated_text_problem(reason));
			RETURN;
		END IF;
		-- lifted: no longer in force from now, whatever its last day
		UPDATE wc.person_sanction
		   SET status = CASE p_action WHEN 'reject' THEN 'rejected'
		                              WHEN 'uphold' THEN 'lifted' ELSE 'in_force' END
		 WHERE id = s.id RETURNING * INTO s;
	END IF;
	RETURN NEXT wc.sanction_step(s, st.id, actor, p_key, p_action, reason);
END
$$;
GRANT EXECUTE ON FUNCTION api.sanction_decide(text, uuid, bigint, text, text) TO wc_staff;

-- The appeal, once, while the record is in force (not after its last
-- day): from 'in_force' to 'appealed', still in force until decided.
CREATE OR REPLACE FUNCTION wc.sanction_appeal_do(p_person bigint, p_staff bigint, p_actor text,
	p_key uuid, p_sanction bigint, p_text text) RETURNS wc.manage_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s wc.person_sanction;
	body text := btrim(coalesce(p_text, ''));
	o wc.manage_outcome;
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	SELECT * INTO s FROM wc.person_sanction WHERE id = p_sanction AND person_id = p_person
	   FOR UPDATE;
	IF NOT FOUND THEN
		RETURN wc.manage_refusal('not_found');
	END IF;
	o := wc.sanction_replay(p_actor, p_key, 'appeal', NULL, s.id, body);
	IF o.outcome IS NOT NULL THEN
		RETURN o;
	END IF;
	IF s.appealed THEN
		RETURN wc.manage_refusal('already_appealed');
	END IF;
	IF s.status <> 'in_force' OR s.ends_on < wc.today() THEN
		RETURN wc.manage_refusal('wrong_state');
	END IF;
	IF wc.stated_text_problem(body) IS NOT NULL THEN
		RETURN wc.manage_refusal(wc.stated_text_problem(body));
	END IF;
	UPDATE wc.person_sanction SET status = 'appealed', appealed = true
	 WHERE id = s.id RETURNING * INTO s;
	RETURN wc.sanction_step(s, p_staff, p_actor, p_key, 'appeal', body);
END
$$;

-- The person appeals at a kiosk. Refusals: not_found, already_appealed,
-- wrong_state, text_*, key_reused, key_mismatch.
CREATE OR REPLACE FUNCTION api.citizen_sanction_appeal(p_token text, p_key uuid,
	p_sanction bigint, p_text text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_person bigint := wc.session_person_id(p_token);
BEGIN
	RETURN NEXT wc.sanction_appeal_do(v_person, NULL, 'p' || v_person, p_key, p_sanction,
	                                  p_text);
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_sanction_appeal(text, uuid, bigint, text) TO wc_kiosk;

-- The counter files the person's appeal for them (the person at the
-- desk, in the clerk's county or city).
CREATE OR REPLACE FUNCTION api.sanction_appeal(p_token text, p_key uuid, p_person bigint,
	p_sanction bigint, p_text text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	RETURN NEXT wc.sanction_appeal_do(p.id, st.id, 's' || st.id, p_key, p_sanction, p_text);
END
$$;
GRANT EXECUTE ON FUNCTION api.sanction_appeal(text, uuid, bigint, bigint, text) TO wc_staff;

-- A person's records as shown: the latest first; frozen: in force today;
-- over: in force but past its last day; appeal: the appeal's text;
-- decision: the latest decision's reason (rejection, appeal decided).
CREATE OR REPLACE FUNCTION wc.person_sanction_rows(p_person bigint)
RETURNS TABLE (id bigint, kind text, reason text, days int, until date, status text,
	starts_on date, ends_on date, frozen boolean, over boolean, appeal text, decision text,
	proposed_at timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.id, s.kind, s.reason, s.days, s.until, s.status, s.starts_on, s.ends_on,
	       s.status IN ('in_force', 'appealed') AND wc.today() BETWEEN s.starts_on AND s.ends_on,
	       s.status IN ('in_force', 'appealed') AND s.ends_on < wc.today(),
	       (SELECT e.body FROM wc.person_sanction_event e
	         WHERE e.sanction_id = s.id AND e.action = 'appeal'),
	       (SELECT e.body FROM wc.person_sanction_event e
	         WHERE e.sanction_id = s.id AND e.action IN ('reject', 'uphold', 'dismiss')
	         ORDER BY e.id DESC LIMIT 1),
	       s.proposed_at
	  FROM wc.person_sanction s
	 WHERE s.person_id = p_person
	 ORDER BY s.id DESC
	 LIMIT 50
$$;

-- The records of a person, for the person's page (the counter within its
-- area; the operator, the supervisor and the bureau everywhere).
CREATE OR REPLACE FUNCTION api.person_sanctions(p_token text, p_person bigint)
RETURNS TABLE (id bigint, kind text, reason text, days int, until date, status text,
	starts_on date, ends_on date, frozen boolean, over boolean, appeal text, decision text,
	proposed_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	RETURN QUERY SELECT * FROM wc.person_sanction_rows((wc.person_in_scope(st, p_person)).id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_sanctions(text, bigint) TO wc_staff;

-- The signed-in person's own records, at a kiosk.
CREATE OR REPLACE FUNCTION api.citizen_sanctions(p_token text)
RETURNS TABLE (id bigint, kind text, reason text, days int, until date, status text,
	starts_on date, ends_on date, frozen boolean, over boolean, appeal text, decision text,
	proposed_at timestamptz)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_sanction_rows(wc.session_person_id(p_token))
$$;
GRANT EXECUTE ON FUNCTION api.citizen_sanctions(text) TO wc_kiosk;

-- A record's history, every step oldest first: when, what (the action of
-- its row), who (the staff member's name; NULL for the person at a
-- kiosk) and the text; then, once a record in force is past its last day,
-- 'end' on the day after it (not a row: worked out from wc.today()). To
-- the staff who may see the person's records.
CREATE OR REPLACE FUNCTION api.sanction_history(p_token text, p_sanction bigint)
RETURNS TABLE (at timestamptz, action text, who text, body text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	s wc.person_sanction;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'operator', 'supervisor', 'bureau']);
	SELECT * INTO s FROM wc.person_sanction x WHERE x.id = p_sanction;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	PERFORM wc.person_in_scope(st, s.person_id);
	RETURN QUERY
	SELECT x.at, x.action, x.who, x.body FROM (
		SELECT e.id AS n, e.at, e.action, f.display_name AS who, e.body
		  FROM wc.person_sanction_event e
		  LEFT JOIN wc.staff f ON f.id = e.staff_id
		 WHERE e.sanction_id = s.id
		UNION ALL
		SELECT NULL, (s.ends_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', 'end', NULL, ''
		 WHERE s.status IN ('in_force', 'appealed') AND s.ends_on < wc.today()) x
	 ORDER BY x.n NULLS LAST;
END
$$;
GRANT EXECUTE ON FUNCTION api.sanction_history(text, bigint) TO wc_staff;

-- The supervisor's queue: records to confirm and appeals to decide,
-- oldest first; the person by name and masked ID number.
CREATE OR REPLACE FUNCTION api.sanction_queue(p_token text)
RETURNS TABLE (id bigint, person_id bigint, person_name text, id_masked text, kind text,
	reason text, days int, until date, status text, starts_on date, ends_on date, appeal text,
	proposed_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	RETURN QUERY
	SELECT s.id, p.id, p.name, p.id_masked, s.kind, s.reason, s.days, s.until, s.status,
	       s.starts_on, s.ends_on,
	       (SELECT e.body FROM wc.person_sanction_event e
	         WHERE e.sanction_id = s.id AND e.action = 'appeal'),
	       s.proposed_at
	  FROM wc.person_sanction s
	  JOIN wc.person p ON p.id = s.person_id
	 WHERE s.status IN ('proposed', 'appealed')
	 ORDER BY s.id
	 LIMIT 200;
END
$$;
GRANT EXECUTE ON FUNCTION api.sanction_queue(text) TO wc_staff;

CREATE OR REPLACE TRIGGER person_sanction_event_append_only
	BEFORE UPDATE OR DELETE ON wc.person_sanction_event
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER person_sanction_event_no_truncate
	BEFORE TRUNCATE ON wc.person_sanction_event
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER person_sanction_no_delete
	BEFORE DELETE ON wc.person_sanction
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER person_sanction_no_truncate BEFORE TRUNCATE ON wc.person_sanction
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
