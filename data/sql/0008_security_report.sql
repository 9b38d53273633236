-- The security self-check of Art. 30: what the supervisor files
-- periodically. Rows of (section, item, detail); wanchuang-admin
-- security-report prints them with headings in the user's language.

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
