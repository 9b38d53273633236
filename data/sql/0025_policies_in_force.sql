-- Matching a profile against the policies in force (0010), faster, and a
-- way for a terminal to keep its own copy of them up to date. Measured
-- with bench/search at 100,000 policies: the figures are in the README.
--
--   * api.policies_in_force called wc.policy_status and wc.region_concerns
--     on every row. Both carry a SET clause, so each call saved and
--     restored the settings and was never inlined: most of the 0.8 s. The
--     day and the county's areas are now worked out once and written into
--     the query, as api.policy_search (0022) does; the county's areas
--     are one list, served by an index on (region, effective_on);
--   * api.policy_changes gives a terminal the policies concerning a county
--     that are in force or not yet (a first load), then only those written
--     since its last call (usually none: one probe of an index). The
--     terminal keeps the not-yet ones and checks the dates itself when it
--     matches, since a policy comes into force or expires without a write;
--   * every write of a policy moves updated_at to the clock of the write
--     (a trigger), not to the start of its transaction: with the check on
--     open writers in api.policy_changes, a change committed after a
--     terminal's call is never older than the cursor that call returned.
SET LOCAL ROLE wc_owner;

-- Every content change moves updated_at, whoever writes it (policy_write
-- does; a fix made by hand might not), and a move is to clock_timestamp().
CREATE FUNCTION wc.policy_touch() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NEW.updated_at IS DISTINCT FROM OLD.updated_at
	   OR (NEW.code, NEW.title, NEW.doc_no, NEW.issuer, NEW.region, NEW.effective_on,
	       NEW.expires_on, NEW.kind, NEW.max_yuan, NEW.groups, NEW.entities, NEW.age_min,
	       NEW.age_max, NEW.reg_min, NEW.reg_max, NEW.conditions, NEW.interpretation,
	       NEW.body)
	      IS DISTINCT FROM
	      (OLD.code, OLD.title, OLD.doc_no, OLD.issuer, OLD.region, OLD.effective_on,
	       OLD.expires_on, OLD.kind, OLD.max_yuan, OLD.groups, OLD.entities, OLD.age_min,
	       OLD.age_max, OLD.reg_min, OLD.reg_max, OLD.conditions, OLD.interpretation,
	       OLD.body) THEN
		NEW.updated_at := clock_timestamp();
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER policy_touch BEFORE INSERT OR UPDATE ON wc.policy
	FOR EACH ROW EXECUTE FUNCTION wc.policy_touch();
CREATE INDEX policy_updated_at ON wc.policy (updated_at);

-- The areas whose policies concern p_where (wc.region_concerns): a
-- county's own, its city's and the province's; a city's, the province's
-- and its counties'; every area for the province (or nothing chosen). One
-- list, so that one "region = ANY" serves every case from an index, on a
-- generic plan too. No SET clause: it is inlined (schema-qualified names).
CREATE FUNCTION wc.region_areas(p_where text) RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT CASE
		WHEN p_where IS NULL OR p_where = '' OR p_where = '340000' THEN
			ARRAY(SELECT r.code FROM wc.region r)
		WHEN pg_catalog.right(p_where, 2) = '00' THEN
			ARRAY(SELECT r.code FROM wc.region r WHERE r.code = '340000'
			       OR pg_catalog.left(r.code, 4) = pg_catalog.left(p_where, 4))
		ELSE ARRAY['340000', pg_catalog.left(p_where, 4) || '00', p_where]
	END
$$;

-- A county's policies in force, by region and start. Only these keys:
-- an index holding what the matcher reads (the title, 条件) would let the
-- query skip the table, but a btree entry is limited to a third of a page
-- (2,704 bytes) and 2,000 characters of Chinese 条件 take 6,000, so such a
-- policy could not be written at all.
CREATE INDEX policy_region_start ON wc.policy (region, effective_on);

CREATE OR REPLACE FUNCTION api.policies_in_force(p_county text)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region text, groups text[], entities text[], age_min int, age_max int,
	reg_min int, reg_max int, conditions text, updated_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_today date := wc.today();
	v_areas text[] := wc.region_areas(p_county);
BEGIN
	RETURN QUERY
	SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, p.region, p.groups,
	       p.entities, p.age_min, p.age_max, p.reg_min, p.reg_max, p.conditions, p.updated_at
	  FROM wc.policy p JOIN wc.support_kind k ON k.code = p.kind
	 WHERE p.effective_on <= v_today AND (p.expires_on IS NULL OR p.expires_on >= v_today)
	   AND p.region = ANY (v_areas)
	 ORDER BY p.effective_on DESC, p.id DESC;
END
$$;

-- A terminal's copy of the policies concerning p_county (all when NULL).
-- With p_since NULL: every one in force or not yet. Otherwise every policy
-- written after p_since, wherever it is now, with live false for one that
-- no longer concerns the county or has expired: the terminal drops it.
--
-- The first row is no policy (id NULL): its as_of is the p_since of the
-- next call, or NULL when the next call must load in full. It is the
-- clock before the rows were read, unless a write to the policies was
-- still open then: its rows, committed later, may carry an older time, so
-- the cursor stays where it was (and the next call reads them again).
-- VOLATILE so that the rows are read on a snapshot taken after that check.
CREATE FUNCTION api.policy_changes(p_county text, p_since timestamptz)
RETURNS TABLE (id bigint, code text, title text, issuer text, doc_no text, max_yuan bigint,
	kind_name text, region text, groups text[], entities text[], age_min int, age_max int,
	reg_min int, reg_max int, conditions text, updated_at timestamptz, effective_on date,
	expires_on date, live boolean, as_of timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_clock timestamptz := clock_timestamp();
	v_today date := wc.today();
	v_areas text[] := wc.region_areas(p_county);
BEGIN
	IF EXISTS (SELECT FROM pg_locks l
	            WHERE l.locktype = 'relation' AND l.relation = 'wc.policy'::regclass
	              AND l.database = (SELECT d.oid FROM pg_database d
	                                 WHERE d.datname = current_database())
	              AND l.pid <> pg_backend_pid()
	              AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock',
	                             'AccessExclusiveLock')) THEN
		v_clock := p_since;
	END IF;
	RETURN QUERY SELECT NULL::bigint, NULL::text, NULL::text, NULL::text, NULL::text,
		NULL::bigint, NULL::text, NULL::text, NULL::text[], NULL::text[], NULL::int,
		NULL::int, NULL::int, NULL::int, NULL::text, NULL::timestamptz, NULL::date,
		NULL::date, NULL::boolean, v_clock;
	RETURN QUERY
	SELECT p.id, p.code, p.title, p.issuer, p.doc_no, p.max_yuan, k.name, p.region, p.groups,
	       p.entities, p.age_min, p.age_max, p.reg_min, p.reg_max, p.conditions, p.updated_at,
	       p.effective_on, p.expires_on,
	       (p.expires_on IS NULL OR p.expires_on >= v_today)
	       AND p.region = ANY (v_areas),
	       NULL::timestamptz
	  FROM (SELECT * FROM wc.policy q
	         WHERE p_since IS NULL AND (q.expires_on IS NULL OR q.expires_on >= v_today)
	           AND q.region = ANY (v_areas)
	         UNION ALL
	        SELECT * FROM wc.policy q WHERE q.updated_at > p_since) p
	  JOIN wc.support_kind k ON k.code = p.kind;
END
$$;
REVOKE ALL ON FUNCTION api.policy_changes(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.policy_changes(text, timestamptz) TO wc_staff, wc_kiosk;
