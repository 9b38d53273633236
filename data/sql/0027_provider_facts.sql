-- The provider page (服务商管理) shows what the provider was admitted
-- with (Art. 22–23): its kind (主体类型), legal representative, the
-- contact's ID number masked, the service categories it offers, the
-- application that admitted it (申请编号) and the day it became a
-- provider. Providers imported or loaded before onboarding existed have
-- no application; their empty values come back empty, and the page says
-- so rather than guessing.
--
-- api.provider_get as in 0020 with these columns added: a function's OUT
-- columns cannot change in place, so it is dropped and made again, with
-- its grant.
--
-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;

DROP FUNCTION IF EXISTS api.provider_get(text, bigint);
