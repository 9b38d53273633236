-- The audit chain (migrations 0030, 0034): each row gets the next place
-- and the hash that links it to the row before (functions/audit_link.sql),
-- sealed in order soon after it is written.
--
-- Functions as code (README in this folder).
--
-- needs: 0034
SET LOCAL ROLE wc_owner;

-- The seal: the rows without a place, in id order, each given the next
-- place and its link, under advisory lock class 5 until the sealing
-- transaction ends, so that one sealer at a time extends the chain from
-- a committed head. Rows are written without their place, so writers never
-- wait for each other's commits; any writer that finds the chain free
-- seals what has committed by then (and its own rows), and one that
-- finds it taken leaves its rows to the next (p_wait false). `audit
-- verify` and the security report wait for it (p_wait true). Until
-- sealed, a row is protected by the append-only rights and triggers only:
-- that window lasts until the next audited transaction, or a report.
-- Returns the rows sealed.
CREATE OR REPLACE FUNCTION wc.audit_seal(p_wait boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	v_seq bigint;
	v_prev bytea;
	n bigint := 0;
BEGIN
	IF p_wait THEN
		PERFORM pg_advisory_xact_lock(5, 0);
	ELSIF NOT pg_try_advisory_xact_lock(5, 0) THEN
		RETURN 0;
	END IF;
	SELECT a.seq, a.hash INTO v_seq, v_prev
	  FROM wc.audit a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
	v_seq := coalesce(v_seq, 0);
	v_prev := coalesce(v_prev, wc.audit_genesis('wc.audit'::regclass));
	FOR r IN SELECT * FROM wc.audit a WHERE a.seq IS NULL ORDER BY a.id LOOP
		v_seq := v_seq + 1;
		v_prev := wc.audit_link(v_prev, v_seq, r.id, r.at, r.terminal, r.staff_id,
		                        r.on_behalf_of, r.action, r.object, r.detail);
		UPDATE wc.audit SET seq = v_seq, hash = v_prev WHERE id = r.id;
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION wc.audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM wc.audit_seal(false);
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER audit_chain AFTER INSERT ON wc.audit
	FOR EACH STATEMENT EXECUTE FUNCTION wc.audit_chain();
