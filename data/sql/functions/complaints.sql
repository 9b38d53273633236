-- Complaints (投诉): filing, the handling steps and their
-- deadlines in working days, and what each side sees.
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

-- A hint for live queues: the id only; listeners fetch what they may see.
CREATE OR REPLACE FUNCTION wc.complaint_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM pg_notify('wc_complaint', NEW.id::text);
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER complaint_changed AFTER INSERT OR UPDATE ON wc.complaint
	FOR EACH ROW EXECUTE FUNCTION wc.complaint_notify();

-- How the deadline stands after each event, from the events alone:
-- each phase has its limit in working days from the day after the event
-- that started it; a question to the complainant stops the clock and
-- keeps what was used, the complainant's answer restarts it with the
-- rest; a reply, a 不满意 and a follow-up start new phases.
CREATE OR REPLACE FUNCTION wc.complaint_clock(p_complaint bigint)
RETURNS TABLE (event_id bigint, day date, action text, limit_days int, used_days int,
	paused boolean, starts_on date, due_on date, known boolean)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	e wc.complaint_event;
	lim int;
	start date;
	used int := 0;
	stopped boolean := false;
BEGIN
	FOR e IN SELECT * FROM wc.complaint_event WHERE complaint_id = p_complaint ORDER BY id LOOP
		CASE e.action
		WHEN 'file' THEN
			lim := wc.setting_int('complaint_accept_days'); start := e.day; used := 0; stopped := false;
		WHEN 'accept' THEN
			lim := wc.setting_int('complaint_handle_days'); start := e.day; used := 0; stopped := false;
		WHEN 'request_info' THEN
			IF NOT stopped AND lim IS NOT NULL THEN
				used := used + wc.workdays_between(start, e.day);
				stopped := true;
			END IF;
		WHEN 'supply' THEN
			IF stopped THEN
				start := e.day; stopped := false;
			END IF;
		WHEN 'reply' THEN
			lim := wc.setting_int('complaint_follow_days'); start := e.day; used := 0; stopped := false;
		WHEN 'rate' THEN
			IF e.rating = 'unsatisfied' THEN
				lim := wc.setting_int('complaint_redo_days'); start := e.day; used := 0;
				stopped := false;
			END IF;
		WHEN 'follow_up' THEN
			lim := wc.setting_int('complaint_close_days'); start := e.day; used := 0;
		WHEN 'reject', 'close' THEN
			lim := NULL; stopped := false;
		ELSE
			-- notes, assignment, urging, escalation, messages: no effect
		END CASE;
		event_id := e.id;
		day := e.day;
		action := e.action;
		limit_days := lim;
		used_days := CASE WHEN lim IS NULL THEN NULL ELSE used END;
		paused := stopped;
		starts_on := CASE WHEN lim IS NULL THEN NULL ELSE start END;
		due_on := CASE WHEN lim IS NULL OR stopped THEN NULL
		               ELSE wc.workdays_after(start, greatest(lim - used, 0)) END;
		known := due_on IS NULL OR wc.calendar_known(start, due_on);
		RETURN NEXT;
	END LOOP;
END
$$;

-- One step: the event, then the status and deadline it leads to.
CREATE OR REPLACE FUNCTION wc.complaint_step(c wc.complaint, p_staff bigint, p_action text,
	p_status text, p_visible boolean, p_body text, p_rating text, p_handler bigint,
	p_key uuid) RETURNS wc.complaint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	due date;
	r wc.complaint;
	ev bigint;
BEGIN
	INSERT INTO wc.complaint_event (complaint_id, day, staff_id, action, status_after, visible,
	                                body, rating, handler_id, request_key)
	VALUES (c.id, wc.today(), p_staff, p_action, p_status, p_visible, coalesce(p_body, ''),
	        p_rating, p_handler, p_key)
	RETURNING id INTO ev;
	PERFORM wc.notice_complaint(c.id, ev, p_action);
	SELECT k.due_on INTO due FROM wc.complaint_clock(c.id) k ORDER BY k.event_id DESC LIMIT 1;
	UPDATE wc.complaint
	   SET status = p_status, due_on = due, updated_at = now(),
	       handler_id = coalesce(p_handler, handler_id),
	       satisfaction = CASE WHEN p_action = 'reply' THEN NULL
	                           WHEN p_action = 'rate' THEN p_rating ELSE satisfaction END,
	       urged = urged + (p_action = 'urge')::int,
	       escalated_at = CASE WHEN p_action = 'escalate' THEN now() ELSE escalated_at END
	 WHERE id = c.id
	RETURNING * INTO r;
	RETURN r;
END
$$;

-- What a complaint is against, as a person would name it.
CREATE OR REPLACE FUNCTION wc.complaint_target(c wc.complaint) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE c.against
		WHEN 'operator' THEN '运营商'
		WHEN 'platform' THEN '云平台'
		WHEN 'provider' THEN (SELECT name FROM wc.provider WHERE id = c.provider_id)
		ELSE (SELECT s.title || '（' || pr.name || '）' FROM wc.service s
		        JOIN wc.provider pr ON pr.id = s.provider_id WHERE s.id = c.service_id)
	END
$$;

-- Filing, for the person p (at a kiosk, or a clerk's p_staff with the
-- consent noted). The target is checked and completed: a booking must be
-- the person's own and names its service and provider, a service names
-- its provider. A repeated request key returns the first complaint;
-- with another target, category or text it is refused (key_mismatch).
CREATE OR REPLACE FUNCTION wc.complaint_file(p wc.person, p_staff bigint, p_consent text, p_key uuid,
	p_against text, p_target bigint, p_category text, p_body text,
	OUT outcome text, OUT complaint_id bigint, OUT complaint_no text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c wc.complaint;
	prov bigint;
	serv bigint;
	book bigint;
	new_id bigint;
BEGIN
	PERFORM wc.person_lock(p.id);
	SELECT * INTO c FROM wc.complaint WHERE person_id = p.id AND request_key = p_key;
	IF FOUND THEN
		-- the first complaint, but only for what it said
		IF (c.against, c.category, c.body,
		    CASE c.against WHEN 'booking' THEN c.booking_id WHEN 'service' THEN c.service_id
		                   WHEN 'provider' THEN c.provider_id END)
		   IS DISTINCT FROM
		   (p_against, p_category, btrim(p_body),
		    CASE WHEN p_against IN ('booking', 'service', 'provider') THEN p_target END) THEN
			outcome := 'key_mismatch'; RETURN;
		END IF;
		outcome := 'ok'; complaint_id := c.id; complaint_no := c.no;
		RETURN;
	END IF;
	IF length(btrim(coalesce(p_body, ''))) = 0 THEN
		outcome := 'text_needed'; RETURN;
	ELSIF length(p_body) > 2000 THEN
		outcome := 'text_too_long'; RETURN;
	ELSIF NOT EXISTS (SELECT FROM wc.complaint_category WHERE code = p_category) THEN
		outcome := 'bad_category'; RETURN;
	END IF;
	IF p_against = 'booking' THEN
		SELECT b.id, b.service_id, s.provider_id INTO book, serv, prov
		  FROM wc.booking b JOIN wc.service s ON s.id = b.service_id
		 WHERE b.id = p_target AND b.person_id = p.id;
	ELSIF p_against = 'service' THEN
		SELECT s.id, s.provider_id INTO serv, prov FROM wc.service s WHERE s.id = p_target;
	ELSIF p_against = 'provider' THEN
		SELECT pr.id INTO prov FROM wc.provider pr WHERE pr.id = p_target;
	ELSIF p_against NOT IN ('operator', 'platform') THEN
		outcome := 'not_found'; RETURN;
	END IF;
	IF p_against IN ('booking', 'service', 'provider') AND prov IS NULL THEN
		outcome := 'not_found'; RETURN;
	END IF;
	IF (SELECT count(*) FROM wc.complaint
	     WHERE person_id = p.id AND status NOT IN ('closed', 'rejected'))
	   >= wc.setting_int('complaint_open_max') THEN
		outcome := 'too_many'; RETURN;
	END IF;
	new_id := nextval(pg_get_serial_sequence('wc.complaint', 'id'));
	INSERT INTO wc.complaint (id, no, person_id, against, provider_id, service_id, booking_id,
	                          category, body, county_code, city_code, staff_id, consent,
	                          request_key)
	OVERRIDING SYSTEM VALUE
	SELECT new_id, wc.day_no('TS', new_id), p.id, p_against, prov, serv, book, p_category,
	       btrim(p_body), p.county_code, r.parent, p_staff, p_consent, p_key
	  FROM wc.region r WHERE r.code = p.county_code
	RETURNING * INTO c;
	c := wc.complaint_step(c, p_staff, 'file', 'submitted', true, NULL, NULL, NULL, NULL);
	INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
	VALUES (p_staff, p.id, 'complaint_file', c.no,
	        jsonb_build_object('against', p_against, 'target', p_target, 'consent', p_consent));
	outcome := 'ok'; complaint_id := c.id; complaint_no := c.no;
END
$$;

-- --- the person ------------------------------------------------------------

CREATE OR REPLACE FUNCTION api.complaint_categories(OUT code text, OUT name text)
RETURNS SETOF record
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.caller_terminal(NULL); -- through a pool: the key, checked
	SELECT code, name FROM wc.complaint_category ORDER BY ord
$$;
GRANT EXECUTE ON FUNCTION api.complaint_categories() TO wc_staff, wc_kiosk;

CREATE OR REPLACE FUNCTION api.citizen_complaint_file(p_token text, p_key uuid, p_against text,
	p_target bigint, p_category text, p_body text,
	OUT outcome text, OUT complaint_id bigint, OUT complaint_no text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.complaint_file(wc.session_person(p_token), NULL, NULL, p_key, p_against,
	                                p_target, p_category, p_body)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_complaint_file(text, uuid, text, bigint, text, text)
	TO wc_kiosk;

-- A person's complaints, newest first, as the person may see them.
CREATE OR REPLACE FUNCTION wc.person_complaints(p_person bigint)
RETURNS TABLE (id bigint, no text, status text, category text, target text, body text,
	created_at timestamptz, due_on date, overdue boolean, soon boolean, satisfaction text,
	can_rate boolean, can_supply boolean, calendar_known boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	-- today and the last day that is 即将超期, worked out once, not per row
	SELECT c.id, c.no, c.status, cc.name, wc.complaint_target(c), c.body, c.created_at,
	       c.due_on, coalesce(c.due_on < t.today, false),
	       coalesce(c.due_on >= t.today AND c.due_on <= t.soon_day, false),
	       c.satisfaction,
	       c.status IN ('replied', 'follow_up') AND c.satisfaction IS NULL,
	       c.status = 'waiting',
	       c.due_on IS NULL OR wc.calendar_known(t.today, c.due_on)
	  FROM (SELECT wc.today() AS today,
	               wc.workdays_after(wc.today(), wc.setting_int('complaint_soon_days'))
	                 AS soon_day) t
	 CROSS JOIN wc.complaint c
	  JOIN wc.complaint_category cc ON cc.code = c.category
	 WHERE c.person_id = p_person
	 ORDER BY c.created_at DESC, c.id DESC
	 LIMIT 100
$$;

CREATE OR REPLACE FUNCTION api.citizen_complaints(p_token text)
RETURNS TABLE (id bigint, no text, status text, category text, target text, body text,
	created_at timestamptz, due_on date, overdue boolean, soon boolean, satisfaction text,
	can_rate boolean, can_supply boolean, calendar_known boolean)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.person_complaints((wc.session_person(p_token)).id)
$$;
GRANT EXECUTE ON FUNCTION api.citizen_complaints(text) TO wc_kiosk;

-- The timeline as its complainant sees it: decisions, replies and
-- questions; never internal notes, follow-up records or who handled it.
CREATE OR REPLACE FUNCTION wc.complaint_public_events(p_complaint bigint)
RETURNS TABLE (at timestamptz, action text, status_after text, by_person boolean, body text,
	rating text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT e.at, e.action, e.status_after, e.staff_id IS NULL, e.body, e.rating
	  FROM wc.complaint_event e
	 WHERE e.complaint_id = p_complaint AND e.visible
	 ORDER BY e.id
$$;

CREATE OR REPLACE FUNCTION api.citizen_complaint_events(p_token text, p_complaint bigint)
RETURNS TABLE (at timestamptz, action text, status_after text, by_person boolean, body text,
	rating text)
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT ev.* FROM wc.complaint c, wc.complaint_public_events(c.id) ev
	 WHERE c.id = p_complaint AND c.person_id = (wc.session_person(p_token)).id
$$;
GRANT EXECUTE ON FUNCTION api.citizen_complaint_events(text, bigint) TO wc_kiosk;

-- The complainant adds to a complaint: the answer to a question (the
-- clock runs again) or, while it is open, a further message.
CREATE OR REPLACE FUNCTION api.citizen_complaint_supply(p_token text, p_key uuid, p_complaint bigint,
	p_body text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
	c wc.complaint;
	keyed wc.complaint_event;
	back text;
BEGIN
	SELECT * INTO c FROM wc.complaint WHERE id = p_complaint AND person_id = p.id FOR UPDATE;
	IF NOT FOUND THEN
		RETURN 'not_found';
	END IF;
	SELECT * INTO keyed FROM wc.complaint_event x WHERE x.complaint_id = c.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN CASE WHEN keyed.action NOT IN ('supply', 'message') THEN 'key_reused'
		            WHEN keyed.body <> btrim(coalesce(p_body, '')) THEN 'key_mismatch'
		            ELSE 'ok' END;
	ELSIF c.status IN ('closed', 'rejected') THEN
		RETURN 'wrong_state';
	ELSIF length(btrim(coalesce(p_body, ''))) = 0 THEN
		RETURN 'text_needed';
	ELSIF length(p_body) > 2000 THEN
		RETURN 'text_too_long';
	END IF;
	IF c.status = 'waiting' THEN
		-- back to the state the question was asked in
		SELECT e.status_after INTO back FROM wc.complaint_event e
		 WHERE e.complaint_id = c.id AND e.action <> 'request_info'
		   AND e.status_after <> 'waiting'
		 ORDER BY e.id DESC LIMIT 1;
		PERFORM wc.complaint_step(c, NULL, 'supply', back, true, btrim(p_body), NULL, NULL, p_key);
	ELSE
		PERFORM wc.complaint_step(c, NULL, 'message', c.status, true, btrim(p_body), NULL, NULL,
		                          p_key);
	END IF;
	RETURN 'ok';
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_complaint_supply(text, uuid, bigint, text) TO wc_kiosk;

-- The complainant's satisfaction with the latest reply: once, never
-- changed, never by staff (no staff function writes it). 不满意 sends the
-- complaint back to be handled again (重办).
CREATE OR REPLACE FUNCTION api.citizen_complaint_rate(p_token text, p_key uuid, p_complaint bigint,
	p_rating text, p_body text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	p wc.person := wc.session_person(p_token);
	c wc.complaint;
	keyed wc.complaint_event;
BEGIN
	SELECT * INTO c FROM wc.complaint WHERE id = p_complaint AND person_id = p.id FOR UPDATE;
	IF NOT FOUND THEN
		RETURN 'not_found';
	END IF;
	SELECT * INTO keyed FROM wc.complaint_event x WHERE x.complaint_id = c.id AND x.request_key = p_key;
	IF FOUND THEN
		RETURN CASE WHEN keyed.action <> 'rate' THEN 'key_reused'
		            WHEN (keyed.rating, keyed.body) IS DISTINCT FROM (p_rating, btrim(coalesce(p_body, '')))
		            THEN 'key_mismatch'
		            ELSE 'ok' END;
	ELSIF p_rating NOT IN ('satisfied', 'basically', 'unsatisfied') THEN
		RETURN 'bad_rating';
	ELSIF c.satisfaction IS NOT NULL THEN
		RETURN 'already_rated';
	ELSIF c.status NOT IN ('replied', 'follow_up') THEN
		RETURN 'wrong_state';
	ELSIF length(coalesce(p_body, '')) > 2000 THEN
		RETURN 'text_too_long';
	END IF;
	PERFORM wc.complaint_step(c, NULL, 'rate',
	                          CASE WHEN p_rating = 'unsatisfied' THEN 'redo' ELSE c.status END,
	                          true, btrim(coalesce(p_body, '')), p_rating, NULL, p_key);
	RETURN 'ok';
END
$$;
GRANT EXECUTE ON FUNCTION api.citizen_complaint_rate(text, uuid, bigint, text, text) TO wc_kiosk;

-- --- staff -------------------------------------------------------------------

-- Who may see a complaint: the supervisor and the bureau everywhere, a
-- counter clerk in the county or city of the complainant.
CREATE OR REPLACE FUNCTION wc.complaint_visible(st wc.staff, c wc.complaint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT st.role IN ('supervisor', 'bureau')
	    OR (st.role = 'counter' AND (c.county_code = st.region_code
	                                 OR c.city_code = st.region_code))
$$;

-- The complaint if the staff member may see it, else a row of NULLs.
CREATE OR REPLACE FUNCTION wc.complaint_seen(st wc.staff, p_complaint bigint) RETURNS wc.complaint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT c FROM wc.complaint c WHERE c.id = p_complaint AND wc.complaint_visible(st, c)
$$;

CREATE OR REPLACE FUNCTION api.counter_complaint_file(p_token text, p_key uuid, p_person bigint,
	p_consent text, p_against text, p_target bigint, p_category text, p_body text,
	OUT outcome text, OUT complaint_id bigint, OUT complaint_no text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	p wc.person;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	IF length(btrim(coalesce(p_consent, ''))) = 0 THEN
		RAISE EXCEPTION 'the person''s consent is required' USING ERRCODE = 'WC041';
	END IF;
	p := wc.person_in_scope(st, p_person);
	SELECT * INTO outcome, complaint_id, complaint_no
	  FROM wc.complaint_file(p, st.id, btrim(p_consent), p_key, p_against, p_target,
	                         p_category, p_body);
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_complaint_file(text, uuid, bigint, text, text, bigint,
	text, text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.person_complaints(p_token text, p_person bigint)
RETURNS TABLE (id bigint, no text, status text, category text, target text, body text,
	created_at timestamptz, due_on date, overdue boolean, soon boolean, satisfaction text,
	can_rate boolean, can_supply boolean, calendar_known boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	PERFORM wc.person_in_scope(st, p_person);
	RETURN QUERY SELECT * FROM wc.person_complaints(p_person);
END
$$;
GRANT EXECUTE ON FUNCTION api.person_complaints(text, bigint) TO wc_staff;

-- A complaint by its number (投诉编号), within what the staff may see.
CREATE OR REPLACE FUNCTION api.complaint_find(p_token text, p_no text,
	OUT id bigint, OUT person_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	SELECT * INTO c FROM wc.complaint WHERE no = upper(btrim(p_no));
	IF FOUND AND wc.complaint_visible(st, c) THEN
		id := c.id;
		person_id := c.person_id;
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_find(text, text) TO wc_staff;

-- The supervisor's queue, first page by deadline (paused and finished
-- complaints last). Filters, each optional: p_status (a status; NULL: every
-- open one; 'all': finished ones too), p_due ('overdue', 'soon', or
-- 'escalated': reported to the bureau), p_region
-- (a county or a city), p_category, p_against, p_mine (assigned to me).
-- The statement is put together from fixed pieces by which filters are
-- given, so each is planned for its own index; the values travel as
-- parameters. The filters' indexes hold the open complaints only and the
-- status index each status in queue order, so 'all' without a due filter
-- merges the first OFFSET + LIMIT open, closed and rejected ones, each
-- read in order from an index, instead of sorting every complaint ever
-- filed (bench/queue: 50-70 ms at 200,000 complaints, now 1-3 ms).
CREATE OR REPLACE FUNCTION api.complaint_queue(p_token text, p_status text, p_due text, p_region text,
	p_category text, p_against text, p_mine boolean, p_offset int, p_limit int)
RETURNS TABLE (id bigint, no text, status text, category text, against text, target text,
	county text, created_at timestamptz, due_on date, overdue boolean, soon boolean,
	urged int, escalated boolean, handler text, body text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	today date := wc.today();
	soon_day date;
	w text := ''; -- the filters but the status
	q text;
	by_due constant text := ' ORDER BY c.due_on NULLS LAST, c.id';
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	soon_day := wc.workdays_after(today, wc.setting_int('complaint_soon_days'));
	IF p_due = 'overdue' THEN
		w := w || ' AND c.status NOT IN (''closed'', ''rejected'') AND c.due_on < $2';
	ELSIF p_due = 'soon' THEN
		w := w || ' AND c.status NOT IN (''closed'', ''rejected'') AND c.due_on >= $2'
		       || ' AND c.due_on <= $3';
	ELSIF p_due = 'escalated' THEN
		w := w || ' AND c.escalated_at IS NOT NULL';
	END IF;
	-- the province is no filter at all
	IF p_region IS NOT NULL AND p_region <> '340000' THEN
		w := w || ' AND (c.county_code = $4 OR c.city_code = $4)';
	END IF;
	IF st.role = 'counter' THEN
		w := w || ' AND (c.county_code = $9 OR c.city_code = $9)';
	END IF;
	IF p_category IS NOT NULL THEN
		w := w || ' AND c.category = $5';
	END IF;
	IF p_against IS NOT NULL THEN
		w := w || ' AND c.against = $6';
	END IF;
	IF p_mine THEN
		w := w || ' AND c.handler_id = $10';
	END IF;
	IF p_status IS NULL THEN
		q := 'SELECT c.* FROM wc.complaint c WHERE c.status NOT IN (''closed'', ''rejected'')'
		     || w || by_due || ' OFFSET $7 LIMIT $8';
	ELSIF p_status <> 'all' THEN
		q := 'SELECT c.* FROM wc.complaint c WHERE c.status = $1' || w || by_due
		     || ' OFFSET $7 LIMIT $8';
	ELSIF p_due IN ('overdue', 'soon') THEN
		q := 'SELECT c.* FROM wc.complaint c WHERE true' || w || by_due || ' OFFSET $7 LIMIT $8';
	ELSE
		-- (no rejected complaint has a handler: none is 'mine')
		q := 'SELECT c.* FROM ((SELECT c.* FROM wc.complaint c'
		     || ' WHERE c.status NOT IN (''closed'', ''rejected'')' || w || by_due
		     || ' LIMIT $7::bigint + $8) UNION ALL (SELECT c.* FROM wc.complaint c'
		     || ' WHERE c.status = ''closed''' || w || by_due || ' LIMIT $7::bigint + $8)'
		     || CASE WHEN p_mine THEN ''
		             ELSE ' UNION ALL (SELECT c.* FROM wc.complaint c'
		                  || ' WHERE c.status = ''rejected''' || w || by_due
		                  || ' LIMIT $7::bigint + $8)' END
		     || ') c' || by_due || ' OFFSET $7 LIMIT $8';
	END IF;
	RETURN QUERY EXECUTE
		'SELECT c.id, c.no, c.status, cc.name, c.against, wc.complaint_target(c), r.name,'
		|| ' c.created_at, c.due_on, c.due_on < $2, c.due_on >= $2 AND c.due_on <= $3,'
		|| ' c.urged, c.escalated_at IS NOT NULL, h.display_name, left(c.body, 200)'
		|| ' FROM (' || q || ') c'
		|| ' JOIN wc.complaint_category cc ON cc.code = c.category'
		|| ' JOIN wc.region r ON r.code = c.county_code'
		|| ' LEFT JOIN wc.staff h ON h.id = c.handler_id'
		|| by_due
	USING p_status, today, soon_day, p_region, p_category, p_against,
	      greatest(coalesce(p_offset, 0), 0), least(greatest(coalesce(p_limit, 20), 1), 200),
	      st.region_code, st.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_queue(text, text, text, text, text, text, boolean, int,
	int) TO wc_staff;

-- The supervisor's steps, the one place they are written: from which
-- states each is taken, by which roles, the status it leads to ('' keeps
-- the status), whether the complainant sees it, whether it needs a text,
-- and whether it is only for an overdue complaint. api.complaint_act
-- takes a step by these rules; api.complaint_get lists the steps open to
-- the caller, which is all the console offers.
CREATE OR REPLACE FUNCTION wc.complaint_rules()
RETURNS TABLE (ord int, action text, from_states text[], roles text[], next_status text,
	visible boolean, needs_text boolean, overdue_only boolean)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM (VALUES
		(1, 'accept', '{submitted}'::text[], '{supervisor}'::text[], 'accepted', true, false,
		 false),
		(2, 'reject', '{submitted}', '{supervisor}', 'rejected', true, true, false),
		(3, 'assign', '{accepted,handling,redo}', '{supervisor}', 'handling', false, false,
		 false),
		(4, 'reply', '{accepted,handling,redo}', '{supervisor}', 'replied', true, true, false),
		(5, 'request_info', '{accepted,handling,redo}', '{supervisor}', 'waiting', true, true,
		 false),
		(6, 'note', '{submitted,accepted,handling,waiting,replied,follow_up,redo}',
		 '{supervisor}', '', false, true, false),
		(7, 'follow_up', '{replied}', '{supervisor}', 'follow_up', false, true, false),
		(8, 'close', '{replied,follow_up}', '{supervisor}', 'closed', true, false, false),
		(9, 'urge', '{submitted,accepted,handling,waiting,replied,follow_up,redo}',
		 '{supervisor,bureau}', '', false, false, true),
		(10, 'escalate', '{submitted,accepted,handling,waiting,replied,follow_up,redo}',
		 '{supervisor}', '', false, true, true)
	) AS r (ord, action, from_states, roles, next_status, visible, needs_text, overdue_only)
$$;

-- One complaint with what it concerns, for staff who may see it.
CREATE OR REPLACE FUNCTION api.complaint_get(p_token text, p_complaint bigint,
	OUT id bigint, OUT no text, OUT status text, OUT category text, OUT against text,
	OUT target text, OUT body text, OUT person_id bigint, OUT person_name text,
	OUT county text, OUT created_at timestamptz, OUT due_on date, OUT overdue boolean,
	OUT handler text, OUT urged int, OUT escalated_at timestamptz, OUT satisfaction text,
	OUT filed_by text, OUT consent text, OUT booking_no text, OUT booking_status text,
	OUT slot_starts timestamptz, OUT service_title text, OUT provider_id bigint,
	OUT provider_name text, OUT provider_rating numeric, OUT provider_ratings bigint,
	OUT provider_complaints bigint, OUT steps text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
	pr wc.provider;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	c := wc.complaint_seen(st, p_complaint);
	IF c.id IS NULL THEN
		RETURN;
	END IF;
	id := c.id; no := c.no; status := c.status; against := c.against;
	target := wc.complaint_target(c); body := c.body; person_id := c.person_id;
	created_at := c.created_at; due_on := c.due_on; overdue := c.due_on < wc.today();
	urged := c.urged; escalated_at := c.escalated_at; satisfaction := c.satisfaction;
	consent := c.consent;
	SELECT coalesce(array_agg(r.action ORDER BY r.ord), '{}') INTO steps
	  FROM wc.complaint_rules() r
	 WHERE c.status = ANY (r.from_states) AND st.role = ANY (r.roles)
	   AND (NOT r.overdue_only OR overdue);
	-- 转办 (complaint_forward.sql) has its own call and its own rules
	IF st.role = 'supervisor' AND c.status = ANY (wc.complaint_forward_states()) THEN
		steps := steps || 'forward'::text;
	END IF;
	SELECT name INTO category FROM wc.complaint_category WHERE code = c.category;
	SELECT wc.mask_name(p.name) INTO person_name FROM wc.person p WHERE p.id = c.person_id;
	SELECT name INTO county FROM wc.region WHERE code = c.county_code;
	SELECT display_name INTO handler FROM wc.staff WHERE wc.staff.id = c.handler_id;
	SELECT display_name INTO filed_by FROM wc.staff WHERE wc.staff.id = c.staff_id;
	SELECT b.no, b.status, sl.starts_at INTO booking_no, booking_status, slot_starts
	  FROM wc.booking b JOIN wc.slot sl ON sl.id = b.slot_id WHERE b.id = c.booking_id;
	SELECT title INTO service_title FROM wc.service WHERE wc.service.id = c.service_id;
	IF c.provider_id IS NOT NULL THEN
		SELECT * INTO pr FROM wc.provider WHERE wc.provider.id = c.provider_id;
		provider_id := pr.id; provider_name := pr.name;
		provider_rating := wc.provider_rating(pr); provider_ratings := pr.rating_count;
		SELECT count(*) INTO provider_complaints FROM wc.complaint k
		 WHERE k.provider_id = pr.id;
	END IF;
	RETURN;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_get(text, bigint) TO wc_staff;

-- Other complaints against the same provider, newest first.
CREATE OR REPLACE FUNCTION api.complaint_history(p_token text, p_complaint bigint)
RETURNS TABLE (no text, status text, category text, created_at timestamptz,
	satisfaction text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor', 'bureau']);
	c := wc.complaint_seen(st, p_complaint);
	IF c.provider_id IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT k.no, k.status, cc.name, k.created_at, k.satisfaction
	  FROM wc.complaint k JOIN wc.complaint_category cc ON cc.code = k.category
	 WHERE k.provider_id = c.provider_id AND k.id <> c.id
	 ORDER BY k.id DESC LIMIT 20;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_history(text, bigint) TO wc_staff;

-- The timeline for staff: the supervisor and the bureau see every entry
-- with who made it; a counter clerk, acting for the person, sees what the
-- person sees.
CREATE OR REPLACE FUNCTION api.complaint_events(p_token text, p_complaint bigint)
RETURNS TABLE (at timestamptz, action text, status_after text, visible boolean, actor text,
	body text, rating text, handler text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	c := wc.complaint_seen(st, p_complaint);
	IF c.id IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT e.at, e.action, e.status_after, e.visible, s.display_name, e.body, e.rating,
	       h.display_name
	  FROM wc.complaint_event e
	  LEFT JOIN wc.staff s ON s.id = e.staff_id
	  LEFT JOIN wc.staff h ON h.id = e.handler_id
	 WHERE e.complaint_id = c.id AND (st.role <> 'counter' OR e.visible)
	 ORDER BY e.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_events(text, bigint) TO wc_staff;

-- How the deadline was computed, event by event.
CREATE OR REPLACE FUNCTION api.complaint_clock(p_token text, p_complaint bigint)
RETURNS TABLE (day date, action text, limit_days int, used_days int, paused boolean,
	starts_on date, due_on date, known boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter', 'supervisor', 'bureau']);
	c := wc.complaint_seen(st, p_complaint);
	IF c.id IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT k.day, k.action, k.limit_days, k.used_days, k.paused, k.starts_on, k.due_on, k.known
	  FROM wc.complaint_clock(c.id) k
	 ORDER BY k.event_id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_clock(text, bigint) TO wc_staff;

-- The supervisors a complaint may be assigned to.
CREATE OR REPLACE FUNCTION api.complaint_handlers(p_token text, OUT id bigint, OUT name text)
RETURNS SETOF record
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['supervisor']);
	RETURN QUERY SELECT s.id, s.display_name FROM wc.staff s
	              WHERE s.role = 'supervisor' AND NOT s.disabled ORDER BY s.display_name, s.id;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_handlers(text) TO wc_staff;

-- A step of the supervisor (the bureau may only urge). Outcomes: ok,
-- not_found, wrong_state (not from this status), text_needed (a reason,
-- reply, question or note is required), text_too_long, not_overdue (urging
-- and escalating are for overdue complaints), not_rated (closing a reply
-- without a satisfied rating needs the follow-up first), bad_handler.
-- A repeated request key answers ok and changes nothing; sent again for
-- another step it answers key_reused, with another text or handler
-- key_mismatch.
CREATE OR REPLACE FUNCTION api.complaint_act(p_token text, p_key uuid, p_complaint bigint, p_action text,
	p_body text, p_handler bigint,
	OUT outcome text, OUT status text, OUT due_on date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
	c wc.complaint;
	keyed wc.complaint_event;
	body text := btrim(coalesce(p_body, ''));
	r record;
	next_status text;
BEGIN
	SELECT * INTO r FROM wc.complaint_rules() k WHERE k.action = p_action;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown complaint action %', p_action USING ERRCODE = '22023';
	END IF;
	PERFORM wc.require_role(st, r.roles);
	SELECT * INTO c FROM wc.complaint k WHERE k.id = p_complaint FOR UPDATE;
	IF NOT FOUND OR NOT wc.complaint_visible(st, c) THEN
		outcome := 'not_found'; RETURN;
	END IF;
	status := c.status; due_on := c.due_on;
	SELECT * INTO keyed FROM wc.complaint_event x WHERE x.complaint_id = c.id AND x.request_key = p_key;
	IF FOUND THEN
		outcome := CASE WHEN keyed.action <> p_action THEN 'key_reused'
		                WHEN (keyed.body, keyed.handler_id) IS DISTINCT FROM
		                     (body, CASE WHEN p_action = 'assign' THEN p_handler END)
		                THEN 'key_mismatch'
		                ELSE 'ok' END;
		RETURN;
	END IF;
	-- a complaint handled again stays marked 重办 whoever handles it
	next_status := CASE WHEN r.next_status = '' OR (p_action = 'assign' AND c.status = 'redo')
	                    THEN c.status ELSE r.next_status END;
	IF NOT c.status = ANY (r.from_states) THEN
		outcome := 'wrong_state';
	ELSIF r.needs_text AND body = '' THEN
		outcome := 'text_needed';
	ELSIF length(body) > 2000 THEN
		outcome := 'text_too_long';
	ELSIF r.overdue_only AND NOT coalesce(c.due_on < wc.today(), false) THEN
		outcome := 'not_overdue';
	ELSIF p_action = 'close' AND c.status = 'replied'
	      AND coalesce(c.satisfaction, 'unsatisfied') = 'unsatisfied' THEN
		outcome := 'not_rated';
	ELSIF p_action = 'assign' AND NOT EXISTS (SELECT FROM wc.staff s WHERE s.id = p_handler
	                                            AND s.role = 'supervisor' AND NOT s.disabled) THEN
		outcome := 'bad_handler';
	ELSE
		c := wc.complaint_step(c, st.id, p_action, next_status, r.visible, body, NULL,
		                       CASE WHEN p_action = 'assign' THEN p_handler END, p_key);
		INSERT INTO wc.audit (staff_id, on_behalf_of, action, object, detail)
		VALUES (st.id, NULL, 'complaint_' || p_action, c.no,
		        jsonb_build_object('status', c.status, 'handler', p_handler));
		outcome := 'ok'; status := c.status; due_on := c.due_on;
	END IF;
END
$$;
GRANT EXECUTE ON FUNCTION api.complaint_act(text, uuid, bigint, text, text, bigint) TO wc_staff;

-- The deadlines of open complaints again, from their events, after the
-- calendar or a time limit setting changed (a stored due_on is otherwise
-- recomputed only at the complaint's next step). Returns how many moved.
CREATE OR REPLACE FUNCTION wc.complaint_deadlines_refresh() RETURNS int
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n int;
BEGIN
	UPDATE wc.complaint c
	   SET due_on = k.due_on, updated_at = now()
	  FROM (SELECT o.id, (SELECT kc.due_on FROM wc.complaint_clock(o.id) kc
	                       ORDER BY kc.event_id DESC LIMIT 1) AS due_on
	          FROM wc.complaint o WHERE o.status NOT IN ('closed', 'rejected')) k
	 WHERE k.id = c.id AND k.due_on IS DISTINCT FROM c.due_on;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION wc_admin.complaint_deadlines_refresh() RETURNS int
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.complaint_deadlines_refresh()
$$;

CREATE OR REPLACE TRIGGER complaint_event_append_only BEFORE UPDATE OR DELETE ON wc.complaint_event
	FOR EACH ROW EXECUTE FUNCTION wc.refuse_change();
CREATE OR REPLACE TRIGGER complaint_event_no_truncate BEFORE TRUNCATE ON wc.complaint_event
	FOR EACH STATEMENT EXECUTE FUNCTION wc.refuse_change();
