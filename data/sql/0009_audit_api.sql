-- The audit log for the supervisor and the bureau (Art. 10, 31): who did
-- what, from which terminal, when; newest first, a page at a time.

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

CREATE INDEX ON wc.audit (at DESC);
