-- The moderation word list, and taking down a service's or
-- provider's public texts (Art. 28).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0021
SET LOCAL ROLE wc_owner;

-- What in a text should not be published unseen: the words of the list
-- it contains, and '#mobile' for a mobile number (an advertisement's, or
-- someone's personal information). Empty: nothing.
CREATE OR REPLACE FUNCTION wc.moderation_hits(p_text text) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t text := wc.moderation_norm(coalesce(p_text, ''));
	hits text[];
BEGIN
	SELECT coalesce(array_agg(w.word ORDER BY w.word), '{}') INTO hits
	  FROM wc.moderation_word w WHERE strpos(t, w.word) > 0;
	IF t ~ '1[3-9][0-9]{9}' THEN
		hits := hits || '#mobile'::text;
	END IF;
	RETURN hits;
END
$$;

-- Replace the word list with the words of a words.txt (one a line; from
-- '#' to the end of the line is a comment; blank lines are skipped), when
-- they differ. The administrator's migrate calls it after the migrations.
CREATE OR REPLACE FUNCTION wc_admin.moderation_words_load(p_text text,
	OUT changed boolean, OUT words int, OUT added int, OUT removed int)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	list text[];
BEGIN
	SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}') INTO list
	  FROM (SELECT wc.moderation_norm(split_part(line, '#', 1)) AS w
	          FROM regexp_split_to_table(coalesce(p_text, ''), E'\n') AS line) AS x
	 WHERE w <> '';
	SELECT count(*) INTO removed FROM wc.moderation_word m WHERE m.word <> ALL (list);
	SELECT count(*) INTO added FROM unnest(list) AS w
	 WHERE NOT EXISTS (SELECT FROM wc.moderation_word m WHERE m.word = w);
	words := cardinality(list);
	changed := added > 0 OR removed > 0;
	IF changed THEN
		DELETE FROM wc.moderation_word m WHERE m.word <> ALL (list);
		INSERT INTO wc.moderation_word (word) SELECT unnest(list) ON CONFLICT DO NOTHING;
		INSERT INTO wc.audit (action, detail)
		VALUES ('moderation_words_load',
		        jsonb_build_object('words', words, 'added', added, 'removed', removed));
	END IF;
END
$$;

-- A text changed after its take-down is a new publication: it shows again.
CREATE OR REPLACE FUNCTION wc.content_republish() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY OLD.hidden LOOP
		IF to_jsonb(NEW) -> f IS DISTINCT FROM to_jsonb(OLD) -> f THEN
			NEW.hidden := array_remove(NEW.hidden, f);
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER service_republish BEFORE UPDATE ON wc.service
	FOR EACH ROW WHEN (OLD.hidden <> '{}') EXECUTE FUNCTION wc.content_republish();
CREATE OR REPLACE TRIGGER provider_republish BEFORE UPDATE ON wc.provider
	FOR EACH ROW WHEN (OLD.hidden <> '{}') EXECUTE FUNCTION wc.content_republish();

-- The public texts of one provider (p_provider) or of all, with what the
-- word list (wc.moderation_hits) finds in each; p_hits_only: only those
-- with a find, not yet hidden. For the operator and the supervisor, who
-- see hidden texts as written. By provider name, then service, then field.
CREATE OR REPLACE FUNCTION api.content_texts(p_token text, p_provider bigint, p_hits_only boolean)
RETURNS TABLE (provider_id bigint, provider_name text, service_id bigint,
	service_title text, field text, body text, hits text[], hidden boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	RETURN QUERY
	WITH texts AS (
		SELECT pr.id AS pid, pr.name AS pname, NULL::bigint AS sid, ''::text AS stitle,
		       f.field, f.body, f.field = ANY (pr.hidden) AS down
		  FROM wc.provider pr,
		       LATERAL (VALUES ('address', pr.address), ('phone', pr.phone)) AS f (field, body)
		 WHERE pr.status <> 'removed' AND (p_provider IS NULL OR pr.id = p_provider)
		UNION ALL
		SELECT pr.id, pr.name, s.id, s.title, f.field, f.body, f.field = ANY (s.hidden)
		  FROM wc.service s
		  JOIN wc.provider pr ON pr.id = s.provider_id,
		       LATERAL (VALUES ('title', s.title), ('description', s.description))
		               AS f (field, body)
		 WHERE s.status = 'active' AND pr.status <> 'removed'
		   AND (p_provider IS NULL OR pr.id = p_provider)
	)
	SELECT t.pid, t.pname, t.sid, t.stitle, t.field, t.body, h.hits, t.down
	  FROM texts t, LATERAL (SELECT wc.moderation_hits(t.body) AS hits) h
	 WHERE t.body <> ''
	   AND (NOT coalesce(p_hits_only, false) OR (NOT t.down AND cardinality(h.hits) > 0))
	 ORDER BY t.pname COLLATE "C", t.pid, t.sid NULLS FIRST,
	          array_position(ARRAY['address', 'phone', 'title', 'description'], t.field)
	 LIMIT 1000;
END
$$;
GRANT EXECUTE ON FUNCTION api.content_texts(text, bigint, boolean) TO wc_staff;

-- Take down one text (p_service given: its 'title' or 'description';
-- else provider p_provider's 'address' or 'phone'), with the reason.
CREATE OR REPLACE FUNCTION api.content_take_down(p_token text, p_key uuid, p_provider bigint,
	p_service bigint, p_field text, p_reason text)
RETURNS SETOF wc.manage_outcome
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	pr wc.provider;
	sv wc.service;
	e wc.content_takedown;
	reason text := btrim(coalesce(p_reason, ''));
	body text;
	down boolean;
BEGIN
	PERFORM wc.require_role(st, ARRAY['operator', 'supervisor']);
	IF p_field IS NULL OR p_field NOT IN ('title', 'description', 'address', 'phone')
	   OR (p_service IS NULL) <> (p_field IN ('address', 'phone')) THEN
		RAISE EXCEPTION 'unknown text %', p_field USING ERRCODE = '22023';
	END IF;
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	IF p_service IS NOT NULL THEN
		SELECT * INTO sv FROM wc.service WHERE id = p_service AND provider_id = p_provider
		   FOR UPDATE;
		IF FOUND THEN
			body := CASE p_field WHEN 'title' THEN sv.title ELSE sv.description END;
			down := p_field = ANY (sv.hidden);
		END IF;
	ELSE
		SELECT * INTO pr FROM wc.provider WHERE id = p_provider FOR UPDATE;
		IF FOUND THEN
			body := CASE p_field WHEN 'address' THEN pr.address ELSE pr.phone END;
			down := p_field = ANY (pr.hidden);
		END IF;
	END IF;
	IF body IS NULL THEN
		RETURN NEXT wc.manage_refusal('not_found');
		RETURN;
	END IF;
	SELECT * INTO e FROM wc.content_takedown x WHERE x.staff_id = st.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN NEXT CASE WHEN (e.provider_id, e.service_id, e.field, e.reason)
		                      IS DISTINCT FROM (p_provider, p_service, p_field, reason)
		                 THEN wc.manage_refusal('key_mismatch')
		                 ELSE ROW('ok', 'taken_down', 0, 0, 0, true)::wc.manage_outcome END;
		RETURN;
	END IF;
	IF down OR body = '' THEN
		RETURN NEXT wc.manage_refusal('wrong_state');
		RETURN;
	END IF;
	IF wc.reason_problem(reason) IS NOT NULL THEN
		RETURN NEXT wc.manage_refusal(wc.reason_problem(reason));
		RETURN;
	END IF;
	INSERT INTO wc.content_takedown (staff_id, provider_id, service_id, field, original, hits,
		reason, request_key)
	VALUES (st.id, p_provider, p_service, p_field, body, wc.moderation_hits(body), reason, p_key)
	RETURNING * INTO e;
	IF p_service IS NOT NULL THEN
		UPDATE wc.service SET hidden = hidden || p_field WHERE id = p_service;
	ELSE
		UPDATE wc.provider SET hidden = hidden || p_field WHERE id = p_provider;
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'content_take_down', coalesce(sv.code, pr.credit_code),
	        jsonb_build_object('takedown', e.id, 'field', p_field, 'reason', reason));
	RETURN NEXT ROW('ok', 'taken_down', 0, 0, 0, false)::wc.manage_outcome;
END
$$;
GRANT EXECUTE ON FUNCTION api.content_take_down(text, uuid, bigint, bigint, text, text)
	TO wc_staff;

-- What the word list finds in a service's texts (wc.moderation_hits,
-- each field on its own). A mobile number belongs in the contact
-- field, so there it is no hit.
CREATE OR REPLACE FUNCTION wc.service_text_hits(p_title text, p_description text, p_place text,
	p_contact text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT coalesce(array_agg(DISTINCT h ORDER BY h), '{}')
	  FROM (SELECT unnest(wc.moderation_hits(p_title) || wc.moderation_hits(p_description)
	                      || wc.moderation_hits(p_place)) AS h
	        UNION ALL
	        SELECT h FROM unnest(wc.moderation_hits(p_contact)) AS h WHERE h <> '#mobile') AS x
$$;

CREATE OR REPLACE TRIGGER content_takedown_append_only BEFORE UPDATE OR DELETE ON wc.content_takedown
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER content_takedown_no_truncate BEFORE TRUNCATE ON wc.content_takedown
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
