-- A county's voucher budget is now set at a desk (functions/budgets.sql)
-- as well as by the administrator. Its used part, total_fen -
-- available_fen (the face values issued, less what expired vouchers gave
-- back), is never negative: no setting of the total and no return of an
-- expired balance makes more available than the budget holds. The
-- functions keep it; the table holds them to it.
SET LOCAL ROLE wc_owner;

ALTER TABLE wc.voucher_budget
	ADD CONSTRAINT voucher_budget_used CHECK (available_fen <= total_fen);
