-- A provider's public reply (公开回复) to a published review of one of
-- its services, once (migration 0043).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0043
SET LOCAL ROLE wc_owner;

-- The provider's staff answer one published review of their provider's
-- services, once, in public. Refusals (wc.manage_outcome): not_found (no
-- such published review of the caller's provider), wrong_state (answered
-- already), text_needed, text_too_short (under 5 characters),
-- text_too_long (over 500), moderation (words of the list), key_mismatch
-- (the request key was used for another reply). status: 'replied'.
CREATE OR REPLACE FUNCTION api.review_reply(p_token text, p_key uuid, p_review bigint,
	p_body text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	r wc.review;
	o wc.manage_outcome;
	body text := btrim(coalesce(p_body, ''));
BEGIN
	o := wc.step_replay(st, ARRAY['provider'], p_key, 'wc.review_reply',
	                    jsonb_build_object('review_id', p_review, 'body', body), 'replied');
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
	IF EXISTS (SELECT FROM wc.review_reply x WHERE x.review_id = r.id) THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.stated_text_problem(body) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.stated_text_problem(body));
		RETURN;
	END IF;
	IF cardinality(wc.moderation_hits(body)) > 0 THEN
		RETURN NEXT wc.manage_refusal('moderation');
		RETURN;
	END IF;
	INSERT INTO wc.review_reply (review_id, staff_id, body, request_key)
	VALUES (r.id, st.id, body, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'review_reply', r.id::text,
	        jsonb_build_object('review', r.id, 'service', r.service_id, 'reply', body));
	RETURN NEXT ROW('ok', 'replied', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_reply(text, uuid, bigint, text) TO wc_staff;

CREATE OR REPLACE TRIGGER review_reply_append_only BEFORE UPDATE OR DELETE ON wc.review_reply
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER review_reply_no_truncate BEFORE TRUNCATE ON wc.review_reply
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
