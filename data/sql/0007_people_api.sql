-- The counter's and the kiosk's API for people. Refusals are exceptions
-- with SQLSTATEs of our own, which the client turns into Chinese:
--   WC002 not allowed for this role         WC012 outside the staff's area
--   WC010 ID number invalid (detail: why)   WC013 organisation kind excluded (Art. 3)
--   WC011 person already registered         WC014 credit code type disagrees with kind
--   WC015 credit code invalid               WC016 mobile number invalid
--   WC017 region invalid                    WC018 PIN too easy to guess
--   WC019 unknown person category           WC020 no such person (or not in the area)
--   WC021 name missing                      WC022 business stage invalid
--   WC023 organisation name or date missing WC024 organisation already registered

-- The functions, triggers and grants made here are in functions/, in
-- the form in force (functions/README).
SET LOCAL ROLE wc_owner;
