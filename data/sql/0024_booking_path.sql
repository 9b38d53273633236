-- The booking path (0013) again, doing less per booking with the same
-- meaning. Measured with bench/booking.sh and a profile of the server
-- (perf): the figures are in the README. What changes:
--
--   * the two checks made on every new booking row (0020: the slot still
--     open and its service and provider active, on a fresh snapshot; 0021:
--     a paid service's price approved) are one trigger with one query. Each
--     trigger call is a PL/pgSQL call with its own setting changes, and
--     the price check called a SQL function that is parsed and planned on
--     every call: together about a tenth of a booking's server time;
--   * the session check answers the person's id only: the booking reads
--     the person once, under the person's lock, instead of twice;
--   * the small helpers every call passes through (today, token_hash,
--     setting_int) carry no SET clause. A function's SET clause is applied
--     and undone on every call; the two SQL ones are now inlined into the
--     queries that use them, planned once per connection. They name every
--     object schema-qualified, so the caller's search_path does not
--     matter; every api function pins its own;
--   * the booking's three first reads (the slot with its service and
--     provider, the person's bookings, the open-bookings limit) are one
--     query.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
DROP TRIGGER IF EXISTS booking_check_open ON wc.booking;
DROP TRIGGER IF EXISTS booking_price_approved ON wc.booking;
DROP FUNCTION IF EXISTS wc.booking_check_open();
DROP FUNCTION IF EXISTS wc.booking_price_approved();
