-- The audit chain (migration 0030): each row written takes the next
-- place and the hash that links it to the row before
-- (functions/audit_link.sql), and the head of the chain for the
-- security report.
--
-- Functions as code (README in this folder).
--
-- needs: 0030
SET LOCAL ROLE wc_owner;

-- Writers of audit rows take their places one at a time, from here to
-- their commit (advisory lock class 5), so seq has no gaps and each row
-- links to a committed one. Every caller runs at READ COMMITTED, where
-- each statement here sees what committed before the lock was granted;
-- a caller at REPEATABLE READ would read an older head and be refused by
-- the unique index on seq, not fork the chain.
CREATE OR REPLACE FUNCTION wc.audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	head record;
BEGIN
	PERFORM pg_advisory_xact_lock(5, 0);
	SELECT a.seq, a.hash INTO head FROM wc.audit a ORDER BY a.seq DESC LIMIT 1;
	NEW.seq := coalesce(head.seq, 0) + 1;
	NEW.hash := wc.audit_link(coalesce(head.hash, wc.audit_genesis(TG_RELID)), NEW.seq, NEW.id,
	                          NEW.at, NEW.terminal, NEW.staff_id, NEW.on_behalf_of,
	                          NEW.action, NEW.object, NEW.detail);
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER audit_chain BEFORE INSERT ON wc.audit
	FOR EACH ROW EXECUTE FUNCTION wc.audit_chain();
