-- The audit chain (0030) sealed after the fact. Chaining each row as it
-- was written held one lock from a transaction's audit row to its
-- commit, so every transaction that writes the audit log (every booking
-- among them) committed one after another: bookings a second fell to a
-- third. Rows are now written without their place and sealed in order by
-- whichever transaction next finds the chain free (functions/
-- audit_chain.sql), as a certificate-transparency log merges its entries;
-- `audit verify` and the security report seal what is left first. The
-- owner may fill in a row's place once, and change nothing else
-- (functions/audit.sql, the append-only trigger).
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.audit ALTER COLUMN seq DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
GRANT UPDATE (seq, hash) ON wc.audit TO wc_owner;
CREATE INDEX audit_unsealed ON wc.audit (id) WHERE seq IS NULL;
