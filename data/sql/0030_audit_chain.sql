-- The audit log made tamper-evident: each row carries its place in one
-- chain (seq, gap-free) and a hash over the row and the hash of the row
-- before it (functions/audit_link.sql says exactly what is hashed). A
-- row changed, taken out, moved or the table replaced breaks the chain
-- from there on, and `wanchuang-admin audit verify` names the first
-- broken link. Who can rewrite the table (its owner, a superuser) can
-- also recompute a whole chain that holds together; that is found only
-- against a head filed earlier, which every security report prints.
--
-- The rows written before this are chained here, in id order; from now
-- on the trigger of functions/audit_chain.sql chains each new row.
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.audit ADD COLUMN seq bigint, ADD COLUMN hash bytea;

-- The owner may only add rows (0003); this one time it fills the two new
-- columns of the rows already there, then gives the right back up. (On a
-- new database the append-only triggers come after this migration.)
ALTER TABLE wc.audit DISABLE TRIGGER USER;
GRANT UPDATE (seq, hash) ON wc.audit TO wc_owner;
DO $$
DECLARE
	r record;
	n bigint := 0;
	prev bytea := wc.audit_genesis('wc.audit'::regclass);
BEGIN
	FOR r IN SELECT * FROM wc.audit ORDER BY id LOOP
		n := n + 1;
		prev := wc.audit_link(prev, n, r.id, r.at, r.terminal, r.staff_id, r.on_behalf_of,
		                      r.action, r.object, r.detail);
		UPDATE wc.audit SET seq = n, hash = prev WHERE id = r.id;
	END LOOP;
END
$$;
REVOKE UPDATE (seq, hash) ON wc.audit FROM wc_owner;
ALTER TABLE wc.audit ENABLE TRIGGER USER;

ALTER TABLE wc.audit ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
-- Two writers reading the same head would both take its next number:
-- the second is refused here rather than forking the chain.
CREATE UNIQUE INDEX audit_seq ON wc.audit (seq);
