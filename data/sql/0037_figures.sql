-- Figures for oversight (统计指标, Art. 7(2), 8, 10, 24): each indicator
-- defined once, with its formula in the words the bureau reads beside
-- the number. The values are counted from the facts by the functions in
-- functions/figures.sql (wc.figure_values), one scan per request today;
-- a summary table may later take the scan's place behind the same
-- function without the screens or the export changing.
--
-- Not here because nothing records them yet: policy lookups and matches
-- (only the last version a person has seen is kept), moderation
-- take-downs of public texts, budgets used per programme and purchased
-- places used (with the settlements, later).
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.indicator (
	code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
	ord     int NOT NULL UNIQUE,
	name    text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 40),
	-- count: 件/人/张; fen: money, shown in yuan; percent; workdays; stars
	unit    text NOT NULL CHECK (unit IN ('count', 'fen', 'percent', 'workdays', 'stars')),
	-- which way is better, for the change column: up, down, or neither
	better  text NOT NULL CHECK (better IN ('up', 'down', 'none')),
	formula text NOT NULL CHECK (length(btrim(formula)) BETWEEN 1 AND 400),
	drill   boolean NOT NULL DEFAULT false -- the rows behind it can be listed
);

-- One indicator's line for a period and an area, with the period before.
CREATE TYPE wc.figure AS (
	ord      int,
	code     text,
	name     text,
	unit     text,
	better   text,
	formula  text,
	value    numeric, -- NULL: not defined (a rate of nothing)
	previous numeric,
	drill    boolean
);

INSERT INTO wc.indicator (ord, code, name, unit, better, drill, formula) VALUES
	(10, 'registrations', '新登记人数', 'count', 'up', false,
	 '本期在服务窗口完成实名登记的人数（按办理人服务地区计）'),
	(20, 'bookings_made', '预约件数', 'count', 'up', true,
	 '本期新提交的预约件数（按预约人服务地区计，含其后取消的）'),
	(21, 'bookings_completed', '已完成预约件数', 'count', 'up', true,
	 '本期办结为“已完成”的预约件数（按办结时间计）'),
	(22, 'bookings_cancelled', '取消预约件数', 'count', 'down', true,
	 '本期取消的预约件数（含本人取消、服务商停约、时段关闭，按取消时间计）'),
	(23, 'bookings_no_show', '未到场件数', 'count', 'down', true,
	 '本期记为“未到场”的预约件数（按办结时间计）'),
	(30, 'vouchers_issued', '创业券发放张数', 'count', 'up', false,
	 '本期发放的电子创业券张数（按出资县区计）'),
	(31, 'vouchers_issued_fen', '创业券发放金额', 'fen', 'none', false,
	 '本期发放的电子创业券面额之和'),
	(32, 'vouchers_redeemed', '创业券核销笔数', 'count', 'up', false,
	 '本期因预约完成而核销的笔数（创业券流水中的核销记录）'),
	(33, 'vouchers_redeemed_fen', '创业券核销金额', 'fen', 'none', false,
	 '本期核销支付给服务商的金额之和（创业券流水中核销记录的金额）'),
	(34, 'vouchers_expired', '创业券过期张数', 'count', 'down', false,
	 '本期到期失效、余额退回的创业券张数'),
	(35, 'vouchers_expired_fen', '创业券过期退回金额', 'fen', 'down', false,
	 '本期到期失效时退回的未使用余额之和'),
	(36, 'vouchers_held_fen', '期末冻结金额', 'fen', 'none', false,
	 '期末仍被未办结预约冻结的创业券金额（截至本期最后一日，创业券流水冻结与解冻、核销相抵后的余额）'),
	(40, 'complaints_received', '收到投诉件数', 'count', 'none', false,
	 '本期提交的投诉件数（按投诉人提交时的服务地区计）'),
	(41, 'complaints_accepted_on_time', '按期受理率', 'percent', 'up', false,
	 '本期收到的投诉中，在受理时限（工作日）内作出受理或不予受理决定的件数 ÷（已作出决定的件数 + 未决定但已超过受理时限的件数）× 100%'),
	(42, 'complaints_closed', '办结件数', 'count', 'none', false,
	 '本期办结的投诉件数（每件投诉只在其办结之日所在期计一次）'),
	(43, 'complaints_closed_on_time', '按期办结率', 'percent', 'up', true,
	 '本期办结的投诉中，受理、答复（含重办）、回访、办结各环节均在时限内完成的件数 ÷ 本期办结件数 × 100%；补充材料期间停止计时'),
	(44, 'complaints_satisfied', '满意率', 'percent', 'up', false,
	 '本期办结且投诉人已评价的投诉中，评价为“满意”或“基本满意”的件数 ÷ 已评价件数 × 100%（未评价的不计入）'),
	(45, 'complaints_redone', '重办率', 'percent', 'down', false,
	 '本期办结的投诉中，曾因投诉人不满意而重办的件数 ÷ 本期办结件数 × 100%'),
	(46, 'complaints_workdays', '平均办理工作日', 'workdays', 'down', false,
	 '本期办结的投诉，自提交次日起至办结之日止的工作日数（按工作日历，节假日不计、调休上班日计入）之和 ÷ 本期办结件数'),
	(50, 'reviews', '评价条数', 'count', 'up', false,
	 '本期公开的服务评价条数（按评价人服务地区计；已下架的不计）'),
	(51, 'reviews_stars', '平均星级', 'stars', 'up', false,
	 '本期公开的服务评价星级之和 ÷ 评价条数'),
	(60, 'providers_admitted', '新入驻服务商数', 'count', 'up', false,
	 '本期入驻的服务商家数（按服务商注册地区计）'),
	(61, 'providers_suspended', '暂停服务的服务商数', 'count', 'down', false,
	 '本期被暂停服务的服务商家数（一家多次暂停计一次）'),
	(62, 'providers_removed', '清退服务商数', 'count', 'down', false,
	 '本期被清退的服务商家数');
