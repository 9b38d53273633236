-- The counter's worklist (待办事项, Art. 8, 13): what waits for the
-- county of a counter's staff, each a count and the list behind it.
-- One definition per list: the count is the number of rows of the very
-- function that gives the list, so the two never disagree.
--
--   returned_applications  provider applications of the area returned
--                          for more material (the list: api.application_queue
--                          with the list 'returned')
--   bookings_to_close      bookings of offline services of the area's
--                          people whose time has come and that are not
--                          yet closed (api.counter_bookings_to_close)
--   vouchers_expiring      vouchers of the area's people with money left
--                          whose last day is within worklist_voucher_days
--                          (api.counter_vouchers_expiring)
--   objections_open        objections to the area's provider applications
--                          not yet decided (the supervisor decides; the
--                          counter took or tells the objector)
--   waitlist_untold        seats given from the waiting list to the
--                          area's people, still to come, whose SMS did not
--                          go and is not on its way (chose none, refused,
--                          given up): the counter rings them
--                          (api.counter_waitlist_untold)
--   policy_untold          the area's people a new policy's SMS did not
--                          reach (refused, given up, cancelled), for a
--                          policy still in force and not yet told at a
--                          counter (wc.policy_notice), one row a person
--                          (api.counter_policy_untold)
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

-- The applications of the staff's area in the state given, as
-- api.application_queue scopes a counter (wc.region_covers).
CREATE OR REPLACE FUNCTION wc.worklist_applications(st wc.staff, p_status text)
RETURNS SETOF bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT a.id FROM wc.provider_application a
	 WHERE a.status = p_status AND wc.region_covers(st.region_code, a.region)
$$;

-- The area's open bookings the counter must act on, with what its lists
-- show: of offline services whose slot has begun (to close), or, with
-- p_waitlist, seats given from the waiting list, still to come, whose
-- waitlist_seat notice is neither sent nor on its way (the person may
-- not know of the seat: chose no SMS, refused, given up).
CREATE OR REPLACE FUNCTION wc.worklist_booking_rows(st wc.staff, p_waitlist boolean)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, service_title text,
	provider_name text, starts_at timestamptz, voucher_fen bigint, offline_fen bigint,
	purchased boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT b.id, b.no, b.person_id, wc.mask_name(p.name), s.title, pr.name, sl.starts_at,
	       b.voucher_fen, b.offline_fen, b.purchase_id IS NOT NULL
	  FROM wc.booking b
	  JOIN wc.slot sl ON sl.id = b.slot_id
	  JOIN wc.service s ON s.id = b.service_id
	  JOIN wc.provider pr ON pr.id = s.provider_id
	  JOIN wc.person p ON p.id = b.person_id
	 WHERE b.status = 'booked' AND wc.staff_covers(st, p.county_code)
	   AND CASE WHEN p_waitlist
	            THEN b.from_waitlist AND NOT sl.cancelled AND sl.starts_at > now()
	                 AND NOT EXISTS (SELECT FROM wc.notice n
	                                  WHERE n.kind = 'waitlist_seat' AND n.subject_id = b.id
	                                    AND n.state IN ('pending', 'sending', 'sent'))
	            ELSE NOT s.online AND sl.starts_at <= now() END
	 ORDER BY sl.starts_at, b.id
$$;

-- Open bookings of offline services whose slot has begun, of people of
-- the staff's area: the ones api.booking_close lets a counter close.
CREATE OR REPLACE FUNCTION wc.worklist_bookings(st wc.staff)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, service_title text,
	provider_name text, starts_at timestamptz, voucher_fen bigint, offline_fen bigint,
	purchased boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT * FROM wc.worklist_booking_rows(st, false)
$$;

-- Active vouchers with money left (free or held) whose last day is today
-- or within worklist_voucher_days, of people of the staff's area.
CREATE OR REPLACE FUNCTION wc.worklist_vouchers(st wc.staff)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, programme_name text,
	balance_fen bigint, held_fen bigint, valid_until date)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT v.id, v.no, v.person_id, wc.mask_name(p.name), g.name, v.balance_fen, v.held_fen,
	       v.valid_until
	  FROM wc.voucher v
	  JOIN wc.voucher_programme g ON g.id = v.programme_id
	  JOIN wc.person p ON p.id = v.person_id
	 WHERE v.status = 'active' AND v.balance_fen + v.held_fen > 0
	   AND v.valid_until BETWEEN wc.today()
	                         AND wc.today() + wc.setting_int('worklist_voucher_days')
	   AND wc.staff_covers(st, p.county_code)
	 ORDER BY v.valid_until, v.id
$$;

-- Provider applications of the staff's area with an objection open (the
-- application queue's list 'objections').
CREATE OR REPLACE FUNCTION wc.worklist_objections(st wc.staff)
RETURNS SETOF bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT a.id FROM wc.provider_application a
	 WHERE wc.region_covers(st.region_code, a.region)
	   AND EXISTS (SELECT FROM wc.provider_objection o
	                WHERE o.application_id = a.id AND o.status = 'open')
$$;

-- People of the staff's area whom a policy's SMS did not reach (failed
-- or cancelled, not on its way or sent), the policy still in force and
-- the person not yet told of it at a counter; one row a person, with the
-- titles of those policies.
CREATE OR REPLACE FUNCTION wc.worklist_policy_people(st wc.staff)
RETURNS TABLE (person_id bigint, name_masked text, mobile_masked text, titles text[])
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT p.id, wc.mask_name(p.name), p.mobile_masked,
	       array_agg(pol.title ORDER BY pol.id DESC)
	  FROM wc.notice n
	  JOIN wc.person p ON p.id = n.person_id
	  JOIN wc.policy pol ON pol.id = n.subject_id
	 WHERE n.kind = 'policy_new' AND n.state IN ('failed', 'cancelled')
	   AND wc.staff_covers(st, p.county_code)
	   AND wc.policy_status(pol, wc.today()) <> 'expired'
	   AND NOT EXISTS (SELECT FROM wc.policy_notice t
	                    WHERE t.policy_id = pol.id AND t.person_id = p.id)
	 GROUP BY p.id
	 ORDER BY p.id DESC
$$;

-- The counts, one row per item, for the counter's home. Reads only.
CREATE OR REPLACE FUNCTION api.counter_worklist(p_token text)
RETURNS TABLE (item text, n bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY
	SELECT 'returned_applications', (SELECT count(*) FROM wc.worklist_applications(st, 'returned'))
	UNION ALL
	SELECT 'bookings_to_close', (SELECT count(*) FROM wc.worklist_bookings(st))
	UNION ALL
	SELECT 'vouchers_expiring', (SELECT count(*) FROM wc.worklist_vouchers(st))
	UNION ALL
	SELECT 'objections_open', (SELECT count(*) FROM wc.worklist_objections(st))
	UNION ALL
	SELECT 'waitlist_untold', (SELECT count(*) FROM wc.worklist_booking_rows(st, true))
	UNION ALL
	SELECT 'policy_untold', (SELECT count(*) FROM wc.worklist_policy_people(st));
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_worklist(text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.counter_bookings_to_close(p_token text)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, service_title text,
	provider_name text, starts_at timestamptz, voucher_fen bigint, offline_fen bigint,
	purchased boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.worklist_bookings(st);
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_bookings_to_close(text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.counter_vouchers_expiring(p_token text)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, programme_name text,
	balance_fen bigint, held_fen bigint, valid_until date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.worklist_vouchers(st);
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_vouchers_expiring(text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.counter_waitlist_untold(p_token text)
RETURNS TABLE (id bigint, no text, person_id bigint, name_masked text, service_title text,
	provider_name text, starts_at timestamptz, voucher_fen bigint, offline_fen bigint,
	purchased boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.worklist_booking_rows(st, true);
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_waitlist_untold(text) TO wc_staff;

CREATE OR REPLACE FUNCTION api.counter_policy_untold(p_token text)
RETURNS TABLE (person_id bigint, name_masked text, mobile_masked text, titles text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st wc.staff := wc.session_staff(p_token);
BEGIN
	PERFORM wc.require_role(st, ARRAY['counter']);
	RETURN QUERY SELECT * FROM wc.worklist_policy_people(st);
END
$$;
GRANT EXECUTE ON FUNCTION api.counter_policy_untold(text) TO wc_staff;
