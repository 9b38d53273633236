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
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
CREATE INDEX policy_updated_at ON wc.policy (updated_at);

-- A county's policies in force, by region and start. Only these keys:
-- an index holding what the matcher reads (the title, 条件) would let the
-- query skip the table, but a btree entry is limited to a third of a page
-- (2,704 bytes) and 2,000 characters of Chinese 条件 take 6,000, so such a
-- policy could not be written at all.
CREATE INDEX policy_region_start ON wc.policy (region, effective_on);
