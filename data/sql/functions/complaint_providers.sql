-- Complaints of a provider's staff against the operator or the platform
-- (Art. 21), filed from the provider's console: the filing, the
-- provider's own list and timeline, and the mark the supervisor's queue
-- shows (服务商投诉 and the provider's name).
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0048
SET LOCAL ROLE wc_owner;

-- A provider's complaint: only a provider's staff, for the provider they
-- act for, and only against the operator or the platform (a provider
-- does not complain of itself or of another through this door). No
-- consent is asked: the staff member files in the provider's name. The
-- complaint belongs to the provider's county. Outcomes: those of
-- wc.complaint_file (text_needed, text_too_long, bad_category), and
-- too_many (the provider has complaint_open_max open). A repeated
-- request key of the provider answers with the first complaint; with
-- another target, category or text, key_mismatch. For the receipt:
-- due_on, by when it is accepted or not.
CREATE OR REPLACE FUNCTION api.provider_complaint_file(p_token text, p_key uuid, p_against text,
	p_category text, p_body text,
	OUT outcome text, OUT complaint_id bigint, OUT complaint_no text, OUT due_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	prov wc.provider;
	k wc.complaint_provider;
	c wc.complaint;
	filer wc.person; -- no one: id NULL, the provider's county
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	IF p_against IS NULL OR p_against NOT IN ('operator', 'platform') THEN
		RAISE EXCEPTION 'a provider complains against the operator or the platform'
			USING ERRCODE = '22023';
	END IF;
	SELECT * INTO prov FROM wc.provider WHERE id = wc.own_provider(st) FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'not a provider''s staff' USING ERRCODE = 'WC002';
	END IF;
	-- the provider's row lock (above) orders its filings: the open count
	-- and the key are read by one filing at a time
	SELECT * INTO k FROM wc.complaint_provider x
	 WHERE x.provider_id = prov.id AND x.request_key = p_key;
	IF FOUND THEN
		SELECT * INTO c FROM wc.complaint WHERE id = k.complaint_id;
		IF (c.against, c.category, c.body) IS DISTINCT FROM (p_against, p_category, btrim(p_body)) THEN
			outcome := 'key_mismatch'; RETURN;
		END IF;
		outcome := 'ok'; complaint_id := c.id; complaint_no := c.no; due_on := c.due_on;
		RETURN;
	END IF;
	IF (SELECT count(*) FROM wc.complaint_provider x JOIN wc.complaint y ON y.id = x.complaint_id
	     WHERE x.provider_id = prov.id AND y.status NOT IN ('closed', 'rejected'))
	   >= wc.setting_int('complaint_open_max') THEN
		outcome := 'too_many'; RETURN;
	END IF;
	filer.county_code := prov.region;
	SELECT * INTO outcome, complaint_id, complaint_no
	  FROM wc.complaint_file(filer, NULL, NULL, p_key, p_against, NULL, p_category, p_body);
	IF outcome <> 'ok' THEN
		RETURN;
	END IF;
	INSERT INTO wc.complaint_provider (complaint_id, provider_id, staff_id, request_key)
	VALUES (complaint_id, prov.id, st.id, p_key);
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (st.id, 'complaint_file_provider', complaint_no,
	        jsonb_build_object('provider', prov.id, 'against', p_against));
	SELECT x.due_on INTO due_on FROM wc.complaint x WHERE x.id = complaint_id;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_complaint_file(text, uuid, text, text, text) TO wc_staff;

-- The provider's complaints, newest first, as a complainant sees them
-- (the columns of api.citizen_complaints; rating and further material
-- are not offered to a provider).
CREATE OR REPLACE FUNCTION api.provider_filed_complaints(p_token text)
RETURNS TABLE (id bigint, no text, status text, category text, target text, body text,
	created_at timestamptz, due_on date, overdue boolean, soon boolean, satisfaction text,
	can_rate boolean, can_supply boolean, calendar_known boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	prov bigint;
	today date := wc.today();
	soon_day date := wc.workdays_after(wc.today(), wc.setting_int('complaint_soon_days'));
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	prov := wc.own_provider(st);
	RETURN QUERY
	SELECT c.id, c.no, c.status, cc.name, wc.complaint_target(c), c.body, c.created_at,
	       c.due_on, coalesce(c.due_on < today, false),
	       coalesce(c.due_on >= today AND c.due_on <= soon_day, false),
	       c.satisfaction, false, false,
	       c.due_on IS NULL OR wc.calendar_known(today, c.due_on)
	  FROM wc.complaint_provider x
	  JOIN wc.complaint c ON c.id = x.complaint_id
	  JOIN wc.complaint_category cc ON cc.code = c.category
	 WHERE x.provider_id = prov
	 ORDER BY x.complaint_id DESC
	 LIMIT 100;
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_filed_complaints(text) TO wc_staff;

-- The timeline of one of the provider's complaints, as its complainant
-- sees it (never internal notes or who handled it).
CREATE OR REPLACE FUNCTION api.provider_filed_complaint_events(p_token text, p_complaint bigint)
RETURNS TABLE (at timestamptz, action text, status_after text, by_person boolean, body text,
	rating text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['provider']);
	RETURN QUERY
	SELECT ev.* FROM wc.complaint_provider x, wc.complaint_public_events(x.complaint_id) ev
	 WHERE x.complaint_id = p_complaint AND x.provider_id = wc.own_provider(st);
END
$$;
GRANT EXECUTE ON FUNCTION api.provider_filed_complaint_events(text, bigint) TO wc_staff;

-- Which of the given complaints came from a provider, with its name:
-- the mark of the queue and of a complaint's page, for the staff who may
-- see each complaint.
CREATE OR REPLACE FUNCTION api.complaint_provider_marks(p_token text, p_complaints bigint[])
RETURNS TABLE (complaint_id bigint, provider_name text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	RETURN QUERY
	SELECT x.complaint_id, pr.name
	  FROM wc.complaint_provider x
	  JOIN wc.complaint c ON c.id = x.complaint_id
	  JOIN wc.provider pr ON pr.id = x.provider_id
	 WHERE x.complaint_id = ANY (p_complaints[1:200]) AND wc.complaint_visible(st, c)
	 ORDER BY x.complaint_id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_provider_marks(text, bigint[]) TO wc_staff;
