-- A provider's appeal (申诉) against a published review of its services,
-- decided by the third-party supervisor, and the rectification (整改) the
-- supervisor may require after a bad review: 5 working days a period,
-- reported, accepted or sent back, 已超期 when past (migration 0045).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0045
SET LOCAL ROLE wc_owner;

-- The last day of a rectification period opened on p_from: the 5th
-- working day after it, from the calendar (holidays, make-up days).
CREATE OR REPLACE FUNCTION wc.rectification_due(p_from date) RETURNS date
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.workdays_after(p_from, 5)
$$;

-- Where rectification p_id stands, from its latest period: open (nothing
-- reported yet), reported (waiting for the supervisor) or accepted; the
-- period's report (NULL: none) and whether it came after the day; the
-- note of the last decision (NULL: none, or an acceptance without one).
CREATE OR REPLACE FUNCTION wc.rectification_current(p_id bigint,
	OUT round int, OUT due_on date, OUT state text, OUT answer text, OUT late boolean,
	OUT note text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT o.round, o.due_on,
	       CASE WHEN d.decision = 'accept' THEN 'accepted'
	            WHEN rp.body IS NOT NULL THEN 'reported' ELSE 'open' END,
	       rp.body, coalesce(rp.late, false),
	       (SELECT nullif(x.note, '') FROM wc.rectification_decision x
	         WHERE x.rectification_id = p_id ORDER BY x.round DESC LIMIT 1)
	  FROM wc.rectification_round o
	  LEFT JOIN wc.rectification_report rp
	         ON rp.rectification_id = o.rectification_id AND rp.round = o.round
	  LEFT JOIN wc.rectification_decision d
	         ON d.rectification_id = o.rectification_id AND d.round = o.round
	 WHERE o.rectification_id = p_id
	 ORDER BY o.round DESC LIMIT 1
$$;

-- The provider's staff appeal a published review of their provider's
-- services, once. Refusals (wc.manage_outcome): not_found (no such
-- published review of the caller's provider), wrong_state (appealed
-- already), text_needed, text_too_short (under 5 characters),
-- text_too_long (over 500), key_mismatch. status: 'appealed'.
CREATE OR REPLACE FUNCTION api.review_appeal(p_token text, p_key uuid, p_review bigint,
	p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	r wc.review;
	o wc.manage_outcome;
	reason text := btrim(coalesce(p_reason, ''));
BEGIN
	o := wc.step_replay(st, ARRAY['provider'], p_key, 'wc.review_appeal',
	                    jsonb_build_object('review_id', p_review, 'reason', reason), 'appealed');
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO r FROM wc.review x
	 WHERE x.id = p_review AND x.status = 'published' AND x.provider_id = wc.own_provider(st)
	   FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	IF EXISTS (SELECT FROM wc.review_appeal x WHERE x.review_id = r.id) THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.stated_text_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(reason));
		RETURN;
	END IF;
	INSERT INTO wc.review_appeal (review_id, staff_id, reason, request_key)
	VALUES (r.id, st.id, reason, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'review_appeal', r.id::text,
	        jsonb_build_object('review', r.id, 'service', r.service_id, 'reason', reason));
	RETURN NEXT ROW('ok', 'appealed', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_appeal(text, uuid, bigint, text) TO wc_staff;

-- The supervisor decides a review's appeal, once, with the reason:
-- p_decision 'keep' (维持: the review stays) or 'revoke' (撤销: hidden as a
-- take-down is, its stars out of the averages, the reason shown to the
-- person and in the take-down report). Refusals: not_found (no appeal of
-- that review), wrong_state (decided already), text_needed,
-- text_too_short, text_too_long, key_mismatch. status: 'kept', 'revoked'.
CREATE OR REPLACE FUNCTION api.review_appeal_decide(p_token text, p_key uuid, p_review bigint,
	p_decision text, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	r wc.review;
	o wc.manage_outcome;
	reason text := btrim(coalesce(p_reason, ''));
	done text := CASE p_decision WHEN 'keep' THEN 'kept' WHEN 'revoke' THEN 'revoked' END;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	IF done IS NULL THEN
		RAISE EXCEPTION 'unknown appeal decision %', p_decision USING ERRCODE = '22023';
	END IF;
	o := wc.step_replay(st, ARRAY['supervisor'], p_key, 'wc.review_appeal_decision',
	                    jsonb_build_object('review_id', p_review, 'decision', p_decision,
	                                       'reason', reason), done);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO r FROM wc.review x WHERE x.id = p_review FOR UPDATE;
	IF NOT FOUND OR NOT EXISTS (SELECT FROM wc.review_appeal x WHERE x.review_id = r.id) THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	IF EXISTS (SELECT FROM wc.review_appeal_decision x WHERE x.review_id = r.id) THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.stated_text_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(reason));
		RETURN;
	END IF;
	INSERT INTO wc.review_appeal_decision (review_id, staff_id, decision, reason, request_key)
	VALUES (r.id, st.id, p_decision, reason, p_key);
	-- revoked: taken down as moderation takes one down, so the averages,
	-- the public lists and the bureau's report all read it the one way
	IF p_decision = 'revoke' AND r.status <> 'taken_down' THEN
		INSERT INTO wc.review_event (review_id, staff_id, action, status_before, note,
		                             request_key)
		VALUES (r.id, st.id, 'take_down', r.status, reason, p_key);
		UPDATE wc.review SET status = 'taken_down' WHERE wc.review.id = r.id;
		IF r.status = 'published' THEN
			PERFORM wc.review_count(r, -1);
		END IF;
	END IF;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (st.id, r.person_id, 'review_appeal_decide', r.id::text,
	        jsonb_build_object('review', r.id, 'decision', p_decision, 'reason', reason));
	RETURN NEXT ROW('ok', done, 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_appeal_decide(text, uuid, bigint, text, text) TO wc_staff;

-- The supervisor requires rectification, once a review: of a published
-- review of 1-2 stars, or one whose appeal was kept (not while an appeal
-- waits). The first period opens today and ends on the 5th working day.
-- Refusals: not_found, wrong_state, text_needed, text_too_short,
-- text_too_long, key_mismatch. status: 'open'.
CREATE OR REPLACE FUNCTION api.rectification_require(p_token text, p_key uuid, p_review bigint,
	p_what text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	r wc.review;
	o wc.manage_outcome;
	what text := btrim(coalesce(p_what, ''));
	rid bigint;
BEGIN
	-- asked again: where the rectification stands now
	o := wc.step_replay(st, ARRAY['supervisor'], p_key, 'wc.rectification',
	                    jsonb_build_object('review_id', p_review, 'requirement', what),
	                    (SELECT (wc.rectification_current(x.id)).state FROM wc.rectification x
	                      WHERE x.staff_id = st.id AND x.request_key = p_key));
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO r FROM wc.review x WHERE x.id = p_review FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	IF r.status <> 'published'
	   OR EXISTS (SELECT FROM wc.rectification x WHERE x.review_id = r.id)
	   OR EXISTS (SELECT FROM wc.review_appeal a
	               WHERE a.review_id = r.id
	                 AND NOT EXISTS (SELECT FROM wc.review_appeal_decision d
	                                  WHERE d.review_id = a.review_id))
	   OR NOT (r.stars <= 2
	           OR EXISTS (SELECT FROM wc.review_appeal_decision d
	                       WHERE d.review_id = r.id AND d.decision = 'keep')) THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.stated_text_problem(what) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(what));
		RETURN;
	END IF;
	INSERT INTO wc.rectification (review_id, provider_id, staff_id, requirement, request_key)
	VALUES (r.id, r.provider_id, st.id, what, p_key)
	RETURNING id INTO rid;
	INSERT INTO wc.rectification_round (rectification_id, round, opened_on, due_on)
	VALUES (rid, 1, wc.today(), wc.rectification_due(wc.today()));
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'rectification_require', rid::text,
	        jsonb_build_object('review', r.id, 'provider', r.provider_id, 'requirement', what,
	                           'due_on', wc.rectification_due(wc.today())));
	RETURN NEXT ROW('ok', 'open', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.rectification_require(text, uuid, bigint, text) TO wc_staff;

-- The supervisor keeps a pending appeal's review (维持, p_reason) and
-- requires rectification (p_what) in one step, under one request key:
-- the two steps above, both done or neither (a refusal of the second
-- undoes the first, and is the answer). Asked again with its key, the
-- same answer (replayed); a key used for a decision alone, or for other
-- texts, is key_mismatch. Refusals: those of the two steps. status:
-- 'open'.
CREATE OR REPLACE FUNCTION api.review_appeal_keep_rectify(p_token text, p_key uuid,
	p_review bigint, p_reason text, p_what text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	kept wc.manage_outcome;
	req wc.manage_outcome;
	refusal text;
BEGIN
	BEGIN
		SELECT * INTO kept FROM api.review_appeal_decide(p_token, p_key, p_review, 'keep',
		                                                 p_reason);
		IF kept.outcome <> 'ok' THEN
			RETURN NEXT kept;
			RETURN;
		END IF;
		SELECT * INTO req FROM api.rectification_require(p_token, p_key, p_review, p_what);
		refusal := CASE WHEN req.outcome <> 'ok' THEN req.outcome
		                WHEN req.replayed <> kept.replayed THEN 'key_mismatch' END;
		IF refusal IS NOT NULL THEN
			RAISE EXCEPTION 'keep and rectify: %', refusal USING ERRCODE = 'WCK01';
		END IF;
	EXCEPTION WHEN SQLSTATE 'WCK01' THEN
		RETURN NEXT wc.manage_refusal(refusal);
		RETURN;
	END;
	RETURN NEXT req;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_appeal_keep_rectify(text, uuid, bigint, text, text)
	TO wc_staff;

-- The provider's staff report what was rectified in the open period,
-- once a period (after its day too: the report is then marked late).
-- Refusals: not_found (no such rectification of the caller's provider),
-- wrong_state (reported already, or accepted), text_needed,
-- text_too_short, text_too_long, key_mismatch. status: 'reported'.
CREATE OR REPLACE FUNCTION api.rectification_report(p_token text, p_key uuid, p_id bigint,
	p_body text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	k wc.rectification;
	o wc.manage_outcome;
	cur record;
	body text := btrim(coalesce(p_body, ''));
BEGIN
	o := wc.step_replay(st, ARRAY['provider'], p_key, 'wc.rectification_report',
	                    jsonb_build_object('rectification_id', p_id, 'body', body), 'reported');
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO k FROM wc.rectification x
	 WHERE x.id = p_id AND x.provider_id = wc.own_provider(st) FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	cur := wc.rectification_current(k.id);
	IF cur.state <> 'open' THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.stated_text_problem(body) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(body));
		RETURN;
	END IF;
	INSERT INTO wc.rectification_report (rectification_id, round, staff_id, body, late,
	                                     request_key)
	VALUES (k.id, cur.round, st.id, body, wc.today() > cur.due_on, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'rectification_report', k.id::text,
	        jsonb_build_object('round', cur.round, 'report', body,
	                           'late', wc.today() > cur.due_on));
	RETURN NEXT ROW('ok', 'reported', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.rectification_report(text, uuid, bigint, text) TO wc_staff;

-- The supervisor decides a report: p_decision 'accept' (done; the note
-- optional) or 'return' (退回, with the reason: a new period of 5 working
-- days opens today). Refusals: not_found, wrong_state (nothing reported
-- in the period, or accepted), text_needed, text_too_short,
-- text_too_long, key_mismatch. status: 'accepted', or 'open' when
-- returned.
CREATE OR REPLACE FUNCTION api.rectification_decide(p_token text, p_key uuid, p_id bigint,
	p_decision text, p_note text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	k wc.rectification;
	o wc.manage_outcome;
	cur record;
	note text := btrim(coalesce(p_note, ''));
	done text := CASE p_decision WHEN 'accept' THEN 'accepted' WHEN 'return' THEN 'open' END;
	problem text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	IF done IS NULL THEN
		RAISE EXCEPTION 'unknown rectification decision %', p_decision USING ERRCODE = '22023';
	END IF;
	o := wc.step_replay(st, ARRAY['supervisor'], p_key, 'wc.rectification_decision',
	                    jsonb_build_object('rectification_id', p_id, 'decision', p_decision,
	                                       'note', note), done);
	IF o.outcome IS NOT NULL THEN
		RETURN NEXT o;
		RETURN;
	END IF;
	SELECT * INTO k FROM wc.rectification x WHERE x.id = p_id FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	cur := wc.rectification_current(k.id);
	IF cur.state <> 'reported' THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	problem := CASE WHEN p_decision = 'return' THEN wc.stated_text_problem(note)
	                WHEN length(note) > 500 THEN 'text_too_long' END;
	IF problem IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(problem);
		RETURN;
	END IF;
	INSERT INTO wc.rectification_decision (rectification_id, round, staff_id, decision, note,
	                                       request_key)
	VALUES (k.id, cur.round, st.id, p_decision, note, p_key);
	IF p_decision = 'return' THEN
		INSERT INTO wc.rectification_round (rectification_id, round, opened_on, due_on)
		VALUES (k.id, cur.round + 1, wc.today(), wc.rectification_due(wc.today()));
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'rectification_' || p_decision, k.id::text,
	        jsonb_build_object('round', cur.round, 'note', note));
	RETURN NEXT ROW('ok', done, 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.rectification_decide(text, uuid, bigint, text, text) TO wc_staff;

-- 申诉与整改: for the supervisor, the appeals waiting for a decision and
-- the rectifications not yet accepted; for a provider's staff, all of
-- their provider's. Each with its review (never who wrote it), where it
-- stands, the appeal's reason or what is to be rectified, the period's
-- report, the last decision's note, the period and its last day, and
-- overdue (已超期: open past its day). Past-due first, then those still
-- running, newest first; at most 200.
CREATE OR REPLACE FUNCTION api.review_cases(p_token text)
RETURNS TABLE (kind text, id bigint, review_id bigint, stars smallint, review_at timestamptz,
	comment text, service_title text, provider_name text, state text, body text, answer text,
	note text, round int, due_on date, overdue boolean, late boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	sup boolean;
	prov bigint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'provider']);
	sup := st.role = 'supervisor';
	IF NOT sup THEN
		prov := wc.own_provider(st);
		IF prov IS NULL THEN
			RETURN;
		END IF;
	END IF;
	RETURN QUERY
	WITH cases AS (
		SELECT 'appeal'::text AS kind, a.review_id AS id, a.review_id, a.at,
		       CASE d.decision WHEN 'keep' THEN 'kept' WHEN 'revoke' THEN 'revoked'
		                       ELSE 'pending' END AS state,
		       a.reason AS body, NULL::text AS answer, d.reason AS note, NULL::int AS round,
		       NULL::date AS due_on, false AS overdue, false AS late
		  FROM wc.review_appeal a
		  JOIN wc.review r ON r.id = a.review_id
		  LEFT JOIN wc.review_appeal_decision d ON d.review_id = a.review_id
		 WHERE CASE WHEN sup THEN d.review_id IS NULL ELSE r.provider_id = prov END
		UNION ALL
		SELECT 'rectification', k.id, k.review_id, k.at, c.state, k.requirement, c.answer,
		       c.note, c.round, c.due_on, c.state = 'open' AND c.due_on < wc.today(), c.late
		  FROM wc.rectification k
		  CROSS JOIN LATERAL wc.rectification_current(k.id) c
		 WHERE CASE WHEN sup THEN c.state <> 'accepted' ELSE k.provider_id = prov END)
	SELECT x.kind, x.id, x.review_id, r.stars, r.created_at, r.comment, s.title, pr.name,
	       x.state, x.body, x.answer, x.note, x.round, x.due_on, x.overdue, x.late
	  FROM cases x
	  JOIN wc.review r ON r.id = x.review_id
	  JOIN wc.service s ON s.id = r.service_id
	  JOIN wc.provider pr ON pr.id = r.provider_id
	 ORDER BY x.overdue DESC, x.state IN ('pending', 'open', 'reported') DESC, x.at DESC
	 LIMIT 200;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_cases(text) TO wc_staff;

CREATE OR REPLACE TRIGGER review_appeal_append_only BEFORE UPDATE OR DELETE ON wc.review_appeal
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER review_appeal_no_truncate BEFORE TRUNCATE ON wc.review_appeal
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER review_appeal_decision_append_only
	BEFORE UPDATE OR DELETE ON wc.review_appeal_decision
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER review_appeal_decision_no_truncate
	BEFORE TRUNCATE ON wc.review_appeal_decision
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_append_only BEFORE UPDATE OR DELETE ON wc.rectification
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_no_truncate BEFORE TRUNCATE ON wc.rectification
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_round_append_only
	BEFORE UPDATE OR DELETE ON wc.rectification_round
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_round_no_truncate
	BEFORE TRUNCATE ON wc.rectification_round
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_report_append_only
	BEFORE UPDATE OR DELETE ON wc.rectification_report
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_report_no_truncate
	BEFORE TRUNCATE ON wc.rectification_report
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_decision_append_only
	BEFORE UPDATE OR DELETE ON wc.rectification_decision
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER rectification_decision_no_truncate
	BEFORE TRUNCATE ON wc.rectification_decision
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
