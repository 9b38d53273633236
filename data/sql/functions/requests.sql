-- Calls that change something carry an idempotency key: the
-- key is claimed once, the outcome kept, and a repeated call answers
-- the first one's outcome.
--
-- Functions as code (README in this folder): each function, trigger and
-- grant below is written once, in the form in force, and wanchuang-admin
-- migrate applies this file on every run, after the migrations. Change a
-- function here, never in a migration. A change of its arguments (their
-- types, names or defaults) or of its result type also needs a new
-- migration that drops it first (DROP FUNCTION IF EXISTS, with the old
-- argument types), and "needs" raised to that migration.
--
-- needs: 0028
SET LOCAL ROLE wc_owner;

-- The outcome as the booking and voucher now stand.
CREATE OR REPLACE FUNCTION wc.outcome_of(p_outcome text, p_booking bigint, p_voucher bigint,
	p_replayed boolean) RETURNS wc.outcome
LANGUAGE plpgsql STABLE AS $$
DECLARE
	o wc.outcome;
BEGIN
	o.outcome := p_outcome;
	o.replayed := p_replayed;
	o.voucher_id := p_voucher;
	IF p_booking IS NOT NULL THEN
		SELECT b.id, b.no, coalesce(b.voucher_id, p_voucher), b.voucher_fen, b.offline_fen
		  INTO o.booking_id, o.booking_no, o.voucher_id, o.voucher_fen, o.offline_fen
		  FROM wc.booking b WHERE b.id = p_booking;
	END IF;
	IF o.voucher_id IS NOT NULL THEN
		SELECT v.balance_fen INTO o.balance_fen FROM wc.voucher v WHERE v.id = o.voucher_id;
	END IF;
	RETURN o;
END
$$;

-- Claim a key: NULL if it is new (the caller goes on and must call
-- wc.request_done, which records the outcome), else the first call's
-- outcome. p_args are the call's arguments as text (wc.request_args): a key
-- sent again for another step is refused as key_reused, for the same step
-- with other arguments as key_mismatch, as payment APIs do, so a resent
-- key can never answer "ok" for something the caller did not ask for. A
-- concurrent call with the same key waits here, on a transaction-scoped
-- advisory lock of the key (no row is written to wait on), until the
-- first commits; it then finds the outcome.
CREATE OR REPLACE FUNCTION wc.request_claim(p_actor text, p_key uuid, p_op text, p_args text)
RETURNS wc.outcome
LANGUAGE plpgsql AS $$
DECLARE
	r wc.request;
BEGIN
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	-- advisory keys of class 2 are request keys (hashed: a collision only waits)
	PERFORM pg_advisory_xact_lock(2, hashtext(p_actor || p_key::text));
	SELECT * INTO r FROM wc.request WHERE actor = p_actor AND key = p_key;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	IF r.op <> p_op THEN
		RETURN ROW('key_reused', NULL, NULL, NULL, NULL, NULL, NULL, true)::wc.outcome;
	END IF;
	-- keys claimed before 0028 kept no arguments: they replay as before
	IF r.args IS DISTINCT FROM p_args AND r.args IS NOT NULL THEN
		RETURN ROW('key_mismatch', NULL, NULL, NULL, NULL, NULL, NULL, true)::wc.outcome;
	END IF;
	RETURN wc.outcome_of(r.outcome, r.booking_id, r.voucher_id, true);
END
$$;

CREATE OR REPLACE FUNCTION wc.request_done(p_actor text, p_key uuid, p_op text, p_args text,
	o wc.outcome)
RETURNS wc.outcome
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO wc.request (actor, key, op, args, outcome, booking_id, voucher_id)
	VALUES (p_actor, p_key, p_op, p_args, o.outcome, o.booking_id, o.voucher_id);
	RETURN o;
END
$$;

-- The arguments of a call as the key keeps them: each in order, NULL as
-- nothing, so (1, NULL, 2) and (1, 2, NULL) differ.
CREATE OR REPLACE FUNCTION wc.request_args(VARIADIC p_args text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(coalesce(quote_literal(a), 'NULL'), ',' ORDER BY n)
	  FROM unnest(p_args) WITH ORDINALITY AS t(a, n)
$$;

-- An outcome with no booking or voucher to report: every refusal, and the
-- bare 'ok' or 'waiting' of a call that made none.
CREATE OR REPLACE FUNCTION wc.outcome_only(p_outcome text) RETURNS wc.outcome
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	o wc.outcome;
BEGIN
	o.outcome := p_outcome;
	o.replayed := false;
	RETURN o;
END
$$;

-- The opening of a step kept in a table of its own, one row a step with
-- the staff member's request key (staff_id, request_key): the caller's
-- role one of p_roles, a key given, and the step already taken with it
-- answered. NULL: a new step, to be taken. Else the answer: the same
-- step again (the row's columns as p_same says) is replayed, 'ok' with
-- p_status; another one under the key is key_mismatch. p_table is always
-- named by the calling function, never taken from input.
CREATE OR REPLACE FUNCTION wc.step_replay(st wc.staff, p_roles text[], p_key uuid,
	p_table regclass, p_same jsonb, p_status text) RETURNS wc.manage_outcome
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	done jsonb;
BEGIN
	PERFORM wc.require_role(st, p_roles);
	IF p_key IS NULL THEN
		RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'WC040';
	END IF;
	EXECUTE format('SELECT to_jsonb(x) FROM %s x WHERE x.staff_id = $1 AND x.request_key = $2',
	               p_table)
	   INTO done USING st.id, p_key;
	IF done IS NULL THEN
		RETURN NULL;
	END IF;
	RETURN CASE WHEN done @> p_same THEN ROW('ok', p_status, 0, 0, 0, true)::wc.manage_outcome
	            ELSE wc.manage_refusal('key_mismatch') END;
END
$$;
