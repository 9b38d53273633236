-- A voucher programme's eligibility set at the bureau's desk: the person
-- categories (人员类别) and the business stage (创业阶段) it may be issued
-- to, which api.voucher_issue has always checked (wc.voucher_programme's
-- groups and stage, 0013) but only SQL could set. The bureau's list
-- returns them and its save takes them, so both change their arguments
-- or results: the old ones are dropped here, the new ones are in
-- functions/budgets.sql.
SET LOCAL ROLE wc_owner;

DROP FUNCTION IF EXISTS api.voucher_programme_list(text);
DROP FUNCTION IF EXISTS api.voucher_programme_save(text, uuid, text, text, bigint, int, text[],
	boolean);
