-- The money reconciled (资金对账, Art. 10, 18, 20): each provider's
-- settlements against the voucher ledger's redemptions, each programme's
-- county budget against what was issued, held, paid and expired, and the
-- redemption patterns the supervisor is told of (异常提示). What each
-- check and rule says is written here once, with its threshold; the
-- functions in functions/settlement.sql count against it.
SET LOCAL ROLE wc_owner;

-- The checks of the reconciliation, each named and with its formula in
-- the words the supervisor reads beside a difference.
CREATE TABLE wc.settlement_check (
	code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
	ord     int NOT NULL UNIQUE,
	name    text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 40),
	formula text NOT NULL CHECK (length(btrim(formula)) BETWEEN 1 AND 400)
);

INSERT INTO wc.settlement_check (ord, code, name, formula) VALUES
	(10, 'provider', '服务商结算',
	 '本期服务商结算金额（结算记录之和）= 创业券流水中本期该服务商预约的核销金额之和；差额 = 结算金额 − 核销金额'),
	(20, 'budget', '项目预算',
	 '截至期末：已发放（创业券面额之和）= 冻结 + 已支付（核销）+ 过期退回 + 未用余额（均按创业券流水计）；预算总额与可发放额度为当前数'),
	(30, 'settlement_amount', '结算金额与核销不符',
	 '每条结算记录的金额 = 创业券流水中同一预约的核销金额'),
	(31, 'redeem_unsettled', '核销未结算',
	 '创业券流水中每笔核销都有同一预约的结算记录'),
	(40, 'voucher_issue', '面额与发放记录不符',
	 '创业券面额 = 创业券流水中该券的发放金额'),
	(41, 'voucher_balance', '余额与流水不符',
	 '创业券当前余额 = 创业券流水中该券可用金额变动之和'),
	(42, 'voucher_held', '冻结金额与流水不符',
	 '创业券当前冻结金额 = 创业券流水中该券冻结金额变动之和'),
	(50, 'budget_used', '预算已用额与发放不符',
	 '当前：预算总额 − 可发放额度 = 由该预算发放的创业券面额之和 − 过期退回金额之和');

-- The rules of 异常提示 and their thresholds, in this one place. The
-- rule's text takes them in: %1$s min_count, %2$s days, %3$s percent.
CREATE TABLE wc.anomaly_rule (
	code      text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
	ord       int NOT NULL UNIQUE,
	name      text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 40),
	rule      text NOT NULL CHECK (length(btrim(rule)) BETWEEN 1 AND 400),
	min_count int NOT NULL CHECK (min_count >= 1),
	days      int CHECK (days >= 0),
	percent   int CHECK (percent BETWEEN 0 AND 100)
);

INSERT INTO wc.anomaly_rule (ord, code, name, rule, min_count, days, percent) VALUES
	(10, 'repeat_person', '同一人反复完成',
	 '同一服务商在本期为同一人完成预约 %1$s 次及以上', 3, NULL, NULL),
	(20, 'near_expiry', '临近到期集中核销',
	 '服务商本期核销的创业券中，在有效期截止前 %2$s 天内（含截止日）核销的笔数占比超过 %3$s%%（本期核销不少于 %1$s 笔时判断）',
	 5, 7, 50);

-- One line of the reconciliation; what each column holds in each
-- section is written beside wc.settlement_lines (functions/settlement.sql).
CREATE TYPE wc.settlement_line AS (
	section     text, -- provider, budget, difference, flag
	code        text, -- the check's or rule's code; provider, budget
	provider_id bigint,
	person_id   bigint,
	name        text,
	subject     text,
	a bigint, b bigint, c bigint, d bigint, e bigint, f bigint, g bigint, h bigint,
	note        text -- the formula, or the rule with its thresholds
);

CREATE INDEX ON wc.settlement (at);
