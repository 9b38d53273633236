-- Reviews (评价) of services: adding them, what each side sees,
-- moderation, ratings and the quality flags.
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

-- The rating as shown: one decimal, NULL when nobody has rated.
CREATE OR REPLACE FUNCTION wc.provider_rating(p wc.provider) RETURNS numeric
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN p.rating_count > 0 THEN round(p.rating_sum::numeric / p.rating_count, 1) END
$$;

CREATE OR REPLACE FUNCTION wc.service_rating(s wc.service) RETURNS numeric
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN s.rating_count > 0 THEN round(s.rating_sum::numeric / s.rating_count, 1) END
$$;

-- What was written stays as written, and a review taken down stays down:
-- the record of Art. 28.
CREATE OR REPLACE FUNCTION wc.review_keep_record() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE'
	   OR (NEW.booking_id, NEW.person_id, NEW.service_id, NEW.provider_id, NEW.stars,
	       NEW.comment, NEW.hits, NEW.created_at, NEW.request_key)
	      IS DISTINCT FROM
	      (OLD.booking_id, OLD.person_id, OLD.service_id, OLD.provider_id, OLD.stars,
	       OLD.comment, OLD.hits, OLD.created_at, OLD.request_key)
	   OR (OLD.status = 'taken_down' AND NEW.status <> 'taken_down') THEN
		RAISE EXCEPTION 'a review keeps what was written' USING ERRCODE = '42501';
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER review_keep_record BEFORE UPDATE OR DELETE ON wc.review
	FOR EACH ROW EXECUTE FUNCTION wc.review_keep_record();

CREATE OR REPLACE FUNCTION wc.review_refusal(p_outcome text) RETURNS wc.review_outcome
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT ROW(p_outcome, NULL, NULL, false)::wc.review_outcome
$$;

-- Add (p_sign 1) or remove (-1) a review's stars from its service's and
-- its provider's sums; the service first, always.
CREATE OR REPLACE FUNCTION wc.review_count(r wc.review, p_sign int) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	UPDATE wc.service SET rating_sum = rating_sum + p_sign * r.stars,
	                      rating_count = rating_count + p_sign
	 WHERE id = r.service_id;
	UPDATE wc.provider SET rating_sum = rating_sum + p_sign * r.stars,
	                       rating_count = rating_count + p_sign
	 WHERE id = r.provider_id;
$$;

-- Rate a booking of person p (at a kiosk, or by clerk p_staff with the
-- consent). Refusals:
--   not_owner         no such booking of this person
--   not_completed     the booking was not completed (only a service
--                     received is rated)
--   already_reviewed  the booking has its review
--   bad_stars         星级 is 1 to 5
--   text_too_long     评价内容 over review_comment_max characters
--   key_mismatch      the request key was sent before with other arguments
CREATE OR REPLACE FUNCTION wc.review_add(p wc.person, p_key uuid, p_booking bigint, p_stars int,
	p_comment text, p_staff bigint, p_consent text) RETURNS wc.review_outcome
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	b wc.booking;
	r wc.review;
	txt text := btrim(coalesce(p_comment, ''));
	hits text[];
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	-- the booking's lock: the same review sent twice at once is written once
	SELECT * INTO b FROM wc.booking WHERE id = p_booking FOR UPDATE;
	IF NOT FOUND OR b.person_id <> p.id THEN
		RETURN wc.review_refusal('not_owner');
	END IF;
	-- the key of this person's review of another booking
	IF EXISTS (SELECT FROM wc.review x WHERE x.person_id = p.id AND x.request_key = p_key
	                                     AND x.booking_id <> b.id) THEN
		RETURN wc.review_refusal('key_mismatch');
	END IF;
	SELECT * INTO r FROM wc.review WHERE booking_id = b.id;
	IF FOUND THEN
		IF r.request_key = p_key THEN
			-- sent again: the first answer, but only for what it said
			IF (r.stars, r.comment) IS DISTINCT FROM (p_stars, txt) THEN
				RETURN wc.review_refusal('key_mismatch');
			END IF;
			RETURN ROW('ok', r.id, r.status, true)::wc.review_outcome;
		END IF;
		RETURN wc.review_refusal('already_reviewed');
	END IF;
	IF b.status <> 'completed' THEN
		RETURN wc.review_refusal('not_completed');
	ELSIF p_stars IS NULL OR p_stars NOT BETWEEN 1 AND 5 THEN
		RETURN wc.review_refusal('bad_stars');
	ELSIF length(txt) > wc.setting_int('review_comment_max') THEN
		RETURN wc.review_refusal('text_too_long');
	END IF;
	hits := wc.moderation_hits(txt);
	INSERT INTO wc.review (booking_id, person_id, service_id, provider_id, stars, comment,
	                       status, hits, published_at, staff_id, consent, request_key)
	SELECT b.id, p.id, s.id, s.provider_id, p_stars, txt,
	       CASE WHEN cardinality(hits) = 0 THEN 'published' ELSE 'held' END, hits,
	       CASE WHEN cardinality(hits) = 0 THEN now() END, p_staff, p_consent, p_key
	  FROM wc.service s WHERE s.id = b.service_id
	RETURNING * INTO r;
	IF r.status = 'published' THEN
		PERFORM wc.review_count(r, 1);
	END IF;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, p.id, 'review_add', b.no,
	        jsonb_build_object('review', r.id, 'stars', p_stars, 'status', r.status,
	                           'hits', hits, 'consent', p_consent));
	RETURN ROW('ok', r.id, r.status, false)::wc.review_outcome;
END
$$;

CREATE OR REPLACE FUNCTION api.citizen_review_add(p_token text, p_key uuid, p_booking bigint,
	p_stars int, p_comment text)
RETURNS SETOF wc.review_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
BEGIN
	RETURN NEXT wc.review_add(p, p_key, p_booking, p_stars, p_comment, NULL, NULL);
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_review_add(text, uuid, bigint, int, text) TO wc_kiosk;

-- A clerk records the review of a person of the counter's area at the
-- desk; p_consent says how the person agreed (e.g. 本人口述，窗口代为录入).
CREATE OR REPLACE FUNCTION api.counter_review_add(p_token text, p_key uuid, p_person bigint,
	p_booking bigint, p_stars int, p_comment text, p_consent text)
RETURNS SETOF wc.review_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	p := wc.person_in_scope(st, p_person);
	IF length(btrim(coalesce(p_consent, ''))) = 0 THEN
		RAISE EXCEPTION 'consent required' USING ERRCODE = 'WC041';
	END IF;
	RETURN NEXT wc.review_add(p, p_key, p_booking, p_stars, p_comment, st.id, btrim(p_consent));
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_review_add(text, uuid, bigint, bigint, int, text, text)
	TO wc_staff;

-- A person's reviews, by booking: what the person wrote and where it
-- stands, the provider's public reply (NULL: none), and why the
-- supervisor revoked it on the provider's appeal (NULL: not revoked).
CREATE OR REPLACE FUNCTION wc.person_reviews(p_person bigint)
RETURNS TABLE (booking_id bigint, id bigint, stars smallint, comment text, status text,
	created_at timestamptz, reply text, revoked_reason text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.booking_id, r.id, r.stars, r.comment, r.status, r.created_at, y.body, d.reason
	  FROM wc.review r
	  LEFT JOIN wc.review_reply y ON y.review_id = r.id
	  LEFT JOIN wc.review_appeal_decision d ON d.review_id = r.id AND d.decision = 'revoke'
	 WHERE r.person_id = p_person
	 ORDER BY r.id DESC
$$;

CREATE OR REPLACE FUNCTION api.citizen_reviews(p_token text)
RETURNS TABLE (booking_id bigint, id bigint, stars smallint, comment text, status text,
	created_at timestamptz, reply text, revoked_reason text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_reviews((wc.session_person(p_token)).id)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_reviews(text) TO wc_kiosk;

CREATE OR REPLACE FUNCTION api.person_reviews(p_token text, p_person bigint)
RETURNS TABLE (booking_id bigint, id bigint, stars smallint, comment text, status text,
	created_at timestamptz, reply text, revoked_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.person_reviews((wc.person_in_scope(st, p_person)).id);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_reviews(text, bigint) TO wc_staff;

-- --- what everyone sees ------------------------------------------------------

-- The published reviews of a service, newest first, a page at a time
-- (p_before: the last id of the page before), each with the provider's
-- public reply (NULL: none). Never who wrote them.
CREATE OR REPLACE FUNCTION api.service_reviews(p_service bigint, p_before bigint, p_limit int)
RETURNS TABLE (id bigint, created_at timestamptz, stars smallint, comment text, reply text,
	reply_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT r.id, r.created_at, r.stars, r.comment, y.body, y.at
	  FROM wc.review r
	  LEFT JOIN wc.review_reply y ON y.review_id = r.id
	 WHERE r.service_id = p_service AND r.status = 'published'
	   AND (p_before IS NULL OR r.id < p_before)
	 ORDER BY r.id DESC
	 LIMIT greatest(1, least(coalesce(p_limit, 20), 100))
$$;
GRANT EXECUTE ON FUNCTION api.service_reviews(bigint, bigint, int) TO wc_staff, wc_kiosk;

-- --- moderation: the supervisor and the operator ---------------------------

-- The moderation queue. p_list: 'held' (waiting to be published or taken
-- down, oldest first), 'unchecked' (published bad reviews not yet
-- verified, oldest first), 'published' (every published review, newest
-- first, to take one down). p_after: the last id of the page before.
-- reply, reply_at: the provider's public reply (NULL: none).
CREATE OR REPLACE FUNCTION api.review_queue(p_token text, p_list text, p_after bigint, p_limit int)
RETURNS TABLE (id bigint, created_at timestamptz, stars smallint, comment text, status text,
	hits text[], service_id bigint, service_title text, provider_name text, booking_no text,
	name_masked text, county_name text, recorded_by text, check_note text, reply text,
	reply_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	lim int := greatest(1, least(coalesce(p_limit, 20), 200));
	ids bigint[];
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'operator']);
	-- each list read from its own index, in its own order
	IF p_list = 'held' THEN
		ids := ARRAY(SELECT x.id FROM wc.review x
		              WHERE x.status = 'held' AND x.id > coalesce(p_after, 0)
		              ORDER BY x.id LIMIT lim);
	ELSIF p_list = 'unchecked' THEN
		ids := ARRAY(SELECT x.id FROM wc.review x
		              WHERE x.status = 'published' AND x.stars <= 2 AND x.checked_at IS NULL
		                AND x.id > coalesce(p_after, 0)
		              ORDER BY x.id LIMIT lim);
	ELSIF p_list = 'published' THEN
		ids := ARRAY(SELECT x.id FROM wc.review x
		              WHERE x.status = 'published' AND x.id < coalesce(p_after, 9223372036854775807)
		              ORDER BY x.id DESC LIMIT lim);
	ELSE
		RAISE EXCEPTION 'unknown review list %', p_list USING ERRCODE = '22023';
	END IF;
	RETURN QUERY
	SELECT r.id, r.created_at, r.stars, r.comment, r.status, r.hits, s.id, s.title, pr.name,
	       b.no, wc.mask_name(p.name), rg.name, cs.display_name, r.check_note, y.body, y.at
	  FROM unnest(ids) WITH ORDINALITY AS k (rid, ord)
	  JOIN wc.review r ON r.id = k.rid
	  JOIN wc.service s ON s.id = r.service_id
	  JOIN wc.provider pr ON pr.id = r.provider_id
	  JOIN wc.booking b ON b.id = r.booking_id
	  JOIN wc.person p ON p.id = r.person_id
	  JOIN wc.region rg ON rg.code = p.county_code
	  LEFT JOIN wc.staff cs ON cs.id = r.staff_id
	  LEFT JOIN wc.review_reply y ON y.review_id = r.id
	 ORDER BY k.ord;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_queue(text, text, bigint, int) TO wc_staff;

-- One moderation step on a review. p_action:
--   approve    a held review is published (its stars count from now); note optional
--   take_down  a held or published review is hidden for good (下架), its
--              stars leave the averages; the reason is required
--   check      a published bad review (1-2 星) is verified (核实); what was
--              found is required
-- Refusals: not_found, wrong_state (not from the review's status),
-- text_needed, text_too_long (over 500 characters), key_reused (the
-- request key was used for another step), key_mismatch (for this step
-- with another review or note).
CREATE OR REPLACE FUNCTION api.review_moderate(p_token text, p_key uuid, p_review bigint, p_action text,
	p_note text)
RETURNS SETOF wc.review_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	r wc.review;
	e wc.review_event;
	note text := btrim(coalesce(p_note, ''));
	allowed boolean;
	needs_note boolean;
	next_status text;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'operator']);
	IF p_action IS NULL OR p_action NOT IN ('approve', 'take_down', 'check') THEN
		RAISE EXCEPTION 'unknown moderation action %', p_action USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	SELECT * INTO r FROM wc.review WHERE wc.review.id = p_review FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NEXT wc.review_refusal('not_found');
		RETURN;
	END IF;
	SELECT * INTO e FROM wc.review_event ev WHERE ev.staff_id = st.id AND ev.request_key = p_key;
	IF FOUND THEN
		RETURN NEXT CASE WHEN e.action <> p_action THEN wc.review_refusal('key_reused')
		                 WHEN (e.review_id, e.note) IS DISTINCT FROM (r.id, note)
		                 THEN wc.review_refusal('key_mismatch')
		                 ELSE ROW('ok', r.id, r.status, true)::wc.review_outcome END;
		RETURN;
	END IF;
	CASE p_action
	WHEN 'approve' THEN
		allowed := r.status = 'held'; needs_note := false; next_status := 'published';
	WHEN 'take_down' THEN
		allowed := r.status IN ('held', 'published'); needs_note := true;
		next_status := 'taken_down';
	ELSE
		allowed := r.status = 'published' AND r.stars <= 2 AND r.checked_at IS NULL;
		needs_note := true; next_status := r.status;
	END CASE;
	IF NOT allowed THEN
		RETURN NEXT wc.review_refusal('wrong_state');
		RETURN;
	ELSIF needs_note AND note = '' THEN
		RETURN NEXT wc.review_refusal('text_needed');
		RETURN;
	ELSIF length(note) > 500 THEN
		RETURN NEXT wc.review_refusal('text_too_long');
		RETURN;
	END IF;
	INSERT INTO wc.review_event (review_id, staff_id, action, status_before, note, request_key)
	VALUES (r.id, st.id, p_action, r.status, note, p_key);
	IF p_action = 'approve' THEN
		UPDATE wc.review SET status = 'published', published_at = now() WHERE wc.review.id = r.id;
		PERFORM wc.review_count(r, 1);
	ELSIF p_action = 'take_down' THEN
		UPDATE wc.review SET status = 'taken_down' WHERE wc.review.id = r.id;
		IF r.status = 'published' THEN
			PERFORM wc.review_count(r, -1);
		END IF;
	ELSE
		UPDATE wc.review SET checked_at = now(), checked_by = st.id, check_note = note
		 WHERE wc.review.id = r.id;
	END IF;
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	SELECT st.id, r.person_id, 'review_' || p_action, b.no,
	       jsonb_build_object('review', r.id, 'status_before', r.status, 'note', note)
	  FROM wc.booking b WHERE b.id = r.booking_id;
	RETURN NEXT ROW('ok', r.id, next_status, false)::wc.review_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_moderate(text, uuid, bigint, text, text) TO wc_staff;

-- --- dynamic management (Art. 14) --------------------------------------------

-- The thresholds the flags are raised at (wc.setting).
CREATE OR REPLACE FUNCTION api.quality_thresholds(p_token text,
	OUT rating_below numeric, OUT rating_min int, OUT rating_days int,
	OUT complaints_min int, OUT complaints_days int)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	rating_below := wc.setting_num('quality_rating_below');
	rating_min := wc.setting_int('quality_rating_min');
	rating_days := wc.setting_int('quality_rating_days');
	complaints_min := wc.setting_int('quality_complaints_min');
	complaints_days := wc.setting_int('quality_complaints_days');
END
$$;
GRANT EXECUTE ON FUNCTION api.quality_thresholds(text) TO wc_staff;

-- Active services and providers that reached a threshold, with the
-- figures: the average (two decimals) and number of the reviews
-- published in the rating window, and the complaints filed in the
-- complaint window (a complaint not accepted, 不予受理, does not count; a
-- provider's include those against its services and bookings). Providers
-- first, then by complaints, then by the lowest average.
CREATE OR REPLACE FUNCTION api.quality_flags(p_token text)
RETURNS TABLE (kind text, id bigint, title text, provider_name text, rating numeric,
	ratings bigint, complaints bigint, low_rating boolean, many_complaints boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	below numeric := wc.setting_num('quality_rating_below');
	rmin int := wc.setting_int('quality_rating_min');
	rsince timestamptz := now() - make_interval(days => wc.setting_int('quality_rating_days'));
	cmin int := wc.setting_int('quality_complaints_min');
	csince timestamptz := now() - make_interval(days => wc.setting_int('quality_complaints_days'));
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	RETURN QUERY
	WITH rv AS (
		SELECT r.service_id, r.provider_id, r.stars FROM wc.review r
		 WHERE r.status = 'published' AND r.created_at > rsince
	), cm AS (
		SELECT c.service_id, c.provider_id FROM wc.complaint c
		 WHERE c.status <> 'rejected' AND c.created_at > csince AND c.provider_id IS NOT NULL
	), pr_r AS (
		SELECT rv.provider_id AS key, avg(rv.stars) AS a, count(*) AS n FROM rv
		 GROUP BY rv.provider_id
	), pr_c AS (
		SELECT cm.provider_id AS key, count(*) AS n FROM cm GROUP BY cm.provider_id
	), sv_r AS (
		SELECT rv.service_id AS key, avg(rv.stars) AS a, count(*) AS n FROM rv
		 GROUP BY rv.service_id
	), sv_c AS (
		SELECT cm.service_id AS key, count(*) AS n FROM cm WHERE cm.service_id IS NOT NULL
		 GROUP BY cm.service_id
	), figures AS (
		SELECT 'provider'::text AS kind, pr.id AS key, pr.name AS title, ''::text AS owner,
		       fr.a, coalesce(fr.n, 0) AS n_reviews, coalesce(fc.n, 0) AS n_complaints
		  FROM (SELECT pr_r.key FROM pr_r UNION SELECT pr_c.key FROM pr_c) AS k
		  JOIN wc.provider pr ON pr.id = k.key
		  LEFT JOIN pr_r fr ON fr.key = k.key
		  LEFT JOIN pr_c fc ON fc.key = k.key
		 WHERE pr.status = 'active'
		UNION ALL
		SELECT 'service', s.id, s.title, pr.name, fr.a, coalesce(fr.n, 0), coalesce(fc.n, 0)
		  FROM (SELECT sv_r.key FROM sv_r UNION SELECT sv_c.key FROM sv_c) AS k
		  JOIN wc.service s ON s.id = k.key
		  JOIN wc.provider pr ON pr.id = s.provider_id
		  LEFT JOIN sv_r fr ON fr.key = k.key
		  LEFT JOIN sv_c fc ON fc.key = k.key
		 WHERE s.status = 'active' AND pr.status = 'active'
	)
	SELECT f.kind, f.key, f.title, f.owner, round(f.a, 2), f.n_reviews, f.n_complaints,
	       coalesce(f.n_reviews >= rmin AND f.a < below, false), f.n_complaints >= cmin
	  FROM figures f
	 WHERE (f.n_reviews >= rmin AND f.a < below) OR f.n_complaints >= cmin
	 ORDER BY f.kind = 'provider' DESC, f.n_complaints DESC, f.a NULLS LAST, f.key;
END
$$;
GRANT EXECUTE ON FUNCTION api.quality_flags(text) TO wc_staff;

-- The take-downs, newest first, for the employment bureau (Art. 28: report
-- to the platform's management body) and the supervisor: when, what,
-- what was written, who and why. Looking is itself audited.
CREATE OR REPLACE FUNCTION api.review_takedowns(p_token text, p_before bigint, p_limit int)
RETURNS TABLE (id bigint, at timestamptz, service_title text, provider_name text,
	booking_no text, review_at timestamptz, stars smallint, comment text, hits text[],
	status_before text, staff_name text, staff_role text, reason text, kind text, field text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	lim int := greatest(1, least(coalesce(p_limit, 20), 200));
BEGIN
	PERFORM wc.require_role(st, ARRAY['bureau', 'supervisor']);
	INSERT INTO wc.audit (staff_id, action, detail)
	VALUES (st.id, 'review_takedowns_view', jsonb_strip_nulls(jsonb_build_object('before', p_before)));
	RETURN QUERY
	SELECT * FROM (
		(SELECT e.id, e.at, s.title, pr.name, b.no, r.created_at, r.stars, r.comment, r.hits,
		        e.status_before, sf.display_name, sf.role, e.note, 'review'::text, NULL::text
		   FROM wc.review_event e
		   JOIN wc.review r ON r.id = e.review_id
		   JOIN wc.service s ON s.id = r.service_id
		   JOIN wc.provider pr ON pr.id = r.provider_id
		   JOIN wc.booking b ON b.id = r.booking_id
		   JOIN wc.staff sf ON sf.id = e.staff_id
		  WHERE e.action = 'take_down' AND (p_before IS NULL OR e.id < p_before)
		  ORDER BY e.id DESC LIMIT lim)
		UNION ALL
		(SELECT t.id, t.at, CASE WHEN t.field = 'title' THEN t.original ELSE s.title END,
		        pr.name, NULL, NULL, NULL, t.original, t.hits, 'published', sf.display_name,
		        sf.role, t.reason, CASE WHEN t.service_id IS NULL THEN 'provider' ELSE 'service' END,
		        t.field
		   FROM wc.content_takedown t
		   JOIN wc.provider pr ON pr.id = t.provider_id
		   LEFT JOIN wc.service s ON s.id = t.service_id
		   JOIN wc.staff sf ON sf.id = t.staff_id
		  WHERE p_before IS NULL OR t.id < p_before
		  ORDER BY t.id DESC LIMIT lim)
	) AS u
	ORDER BY 1 DESC
	LIMIT lim;
END
$$;
GRANT EXECUTE ON FUNCTION api.review_takedowns(text, bigint, int) TO wc_staff;

CREATE OR REPLACE TRIGGER review_no_truncate BEFORE TRUNCATE ON wc.review
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER review_event_append_only BEFORE UPDATE OR DELETE ON wc.review_event
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER review_event_no_truncate BEFORE TRUNCATE ON wc.review_event
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
