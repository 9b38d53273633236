-- The policy search again (0010), with one more way to the first page of
-- a keyword whose title hits are many: walking the policies newest first,
-- status by status, and reading each title (see the comment in the body).
-- Measured with bench/search.sh; the figures are in the README.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

INSERT INTO wc.setting (name, value) VALUES
	-- title hits from which the first page walks the (effective_on, id)
	-- index rather than sorting the title index's hits
	('policy_search_walk_from', '400');
