-- The telephone of each county's service counter (服务窗口): set by the
-- administrator (wanchuang-admin region phone), shown by the kiosks of
-- the county on the welcome screen, in 平台简介 and on a complaint's
-- receipt.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0041
SET LOCAL ROLE wc_owner;

-- The counter's telephone of a county, NULL when none is set.
CREATE OR REPLACE FUNCTION wc.counter_phone_of(p_county text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT phone FROM wc.counter_phone WHERE county_code = p_county
$$;

-- The counter's telephone of the county the calling terminal stands in
-- (its login, or its key through a shared pool); NULL when none is set.
CREATE OR REPLACE FUNCTION api.counter_phone(p_terminal_key text DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT wc.counter_phone_of(t.region_code)
	  FROM wc.terminal t WHERE t.role_name = wc.caller_terminal(p_terminal_key)
$$;
GRANT EXECUTE ON FUNCTION api.counter_phone(text) TO wc_kiosk, wc_staff;

-- Sets a county's counter telephone (p_phone NULL or blank: removes it).
-- The administrator's tool sends the canonical form (core/mobile.c,
-- phone_parse); the table's CHECK is the rule.
CREATE OR REPLACE FUNCTION wc_admin.counter_phone_set(p_county text, p_phone text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_phone text := nullif(btrim(coalesce(p_phone, '')), '');
BEGIN
	IF NOT EXISTS (SELECT FROM wc.region WHERE code = p_county) THEN
		RAISE EXCEPTION 'unknown region code "%"', p_county USING ERRCODE = '22023';
	ELSIF NOT EXISTS (SELECT FROM wc.region WHERE code = p_county AND level = 3) THEN
		RAISE EXCEPTION 'a counter''s telephone is set for a county, not "%"', p_county
			USING ERRCODE = '22023';
	END IF;
	IF v_phone IS NULL THEN
		DELETE FROM wc.counter_phone WHERE county_code = p_county;
	ELSIF v_phone !~ '^(1[3-9][0-9]{9}|0[12][0-9]-[0-9]{7,8}|0[3-9][0-9]{2}-[0-9]{7,8})$' THEN
		RAISE EXCEPTION 'invalid telephone number "%"', v_phone USING ERRCODE = '22023',
			HINT = 'Give a mobile number or a landline with its area code, as 0564-5123456.';
	ELSE
		INSERT INTO wc.counter_phone (county_code, phone) VALUES (p_county, v_phone)
		ON CONFLICT (county_code) DO UPDATE SET phone = EXCLUDED.phone, set_at = now();
	END IF;
	INSERT INTO wc.audit (staff_id, action, object, detail)
	VALUES (NULL, 'counter_phone_set', p_county, jsonb_build_object('phone', v_phone));
END
$$;
