-- Services bought by a department for a group (Art. 19), recorded at the
-- county's counter (for its own county) or by the employment bureau (for
-- any county or city): N units of one service; the people of that group
-- there then book them free (0013: wc.booking_place).
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
