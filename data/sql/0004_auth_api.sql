-- Sign-in, sessions, and what a terminal is. Every api function is
-- SECURITY DEFINER with a pinned search_path, and executable only by the
-- client groups named in its GRANT.

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
