-- Art. 19: a city's or county's department buys services for a group
-- "经省人力资源社会保障厅同意". A purchase it records is proposed
-- (待审批) and none of its places can be booked until the provincial
-- department (the bureau) approves it (同意) or refuses it with a reason
-- (不同意); one the bureau records is approved at once. Purchases made
-- before this migration were already in use and stay approved.
--
-- The price of a place is kept with the purchase when it is recorded:
-- the money a purchase stands for must not move when the service's price
-- is changed later (Art. 16). The functions are in functions/
-- (vouchers.sql, purchases.sql).
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.purchase
	ADD COLUMN status text NOT NULL DEFAULT 'approved'
		CHECK (status IN ('proposed', 'approved', 'refused')),
	ADD COLUMN price_fen bigint CHECK (price_fen >= 0),
	ADD COLUMN decided_by bigint REFERENCES wc.staff (id),
	ADD COLUMN decided_at timestamptz,
	ADD COLUMN refuse_reason text CHECK (length(refuse_reason) <= 500),
	-- a refusal always says why
	ADD CONSTRAINT purchase_refused_has_reason
		CHECK (status <> 'refused' OR length(btrim(refuse_reason)) > 0);
ALTER TABLE wc.purchase ALTER COLUMN status SET DEFAULT 'proposed';

UPDATE wc.purchase pu SET price_fen = s.price_fen FROM wc.service s WHERE s.id = pu.service_id;
ALTER TABLE wc.purchase ALTER COLUMN price_fen SET NOT NULL;

-- the bureau's list of what waits for it
CREATE INDEX purchase_proposed ON wc.purchase (id) WHERE status = 'proposed';

-- its result gains the state and the reason (functions/purchases.sql)
DROP FUNCTION IF EXISTS api.service_purchases(text, bigint);

-- the usage report counts each purchase's bookings
CREATE INDEX booking_purchase ON wc.booking (purchase_id) WHERE purchase_id IS NOT NULL;
