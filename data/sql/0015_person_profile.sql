-- A person's categories (人员类别) and organisation changed at the counter after
-- registration (a graduate later recognised as 就业困难人员, a category
-- recorded by mistake), with the evidence seen: audited with the old and
-- new lists, as every other change of a registration (0007).
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
