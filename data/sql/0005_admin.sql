-- Deployment functions for wanchuang-admin. They are not SECURITY
-- DEFINER and no client group may call them: they run with the rights of
-- the administrator who connects (CREATEROLE for terminals).

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
