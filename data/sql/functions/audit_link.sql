-- One link of the audit chain (migration 0030): the hash of an audit row
-- given the hash of the row before it. `wanchuang-admin audit verify`
-- computes the same in the client (src/core/audit_link.c) from the
-- row's raw fields, so a function replaced on the server cannot vouch
-- for a row: change one, change the other, and chain no row written
-- before under the old rule.
--
--   hash(row)  = sha256(hash(row before) || fields)
--   hash(none) = sha256('wanchuang audit ' || the table's oid), the
--                genesis: a table put in the place of the first one
--                starts from another
--   fields     = for seq, id, at (microseconds since 1970 UTC), terminal,
--                staff_id, on_behalf_of, action, object, detail (jsonb's
--                own text form) in this order: "~," for NULL, else the
--                UTF-8 byte length, ":", the bytes, ","
--
-- Functions as code (README in this folder). Pure functions of their
-- arguments, so that migration 0030 can chain the rows already written.
--
-- needs: 0001
SET LOCAL ROLE wc_owner;

CREATE OR REPLACE FUNCTION wc.audit_genesis(p_table oid) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
	SELECT sha256(convert_to('wanchuang audit ' || p_table::text, 'UTF8'))
$$;

CREATE OR REPLACE FUNCTION wc.audit_link(p_prev bytea, p_seq bigint, p_id bigint,
	p_at timestamptz, p_terminal text, p_staff_id bigint, p_on_behalf_of bigint,
	p_action text, p_object text, p_detail jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT sha256(p_prev || convert_to(string_agg(
		CASE WHEN f IS NULL THEN '~,'
		     ELSE octet_length(convert_to(f, 'UTF8'))::text || ':' || f || ',' END,
		'' ORDER BY k), 'UTF8'))
	  FROM unnest(ARRAY[p_seq::text, p_id::text,
	                    (extract(epoch FROM p_at) * 1000000)::bigint::text, p_terminal,
	                    p_staff_id::text, p_on_behalf_of::text, p_action, p_object,
	                    p_detail::text]) WITH ORDINALITY AS u(f, k)
$$;
