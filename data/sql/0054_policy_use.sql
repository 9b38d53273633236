-- Policy lookups and matches as facts, and the indicators still missing
-- from the figures (统计指标): 政策查询次数, 政策匹配次数, 匹配到政策的
-- 人次 (at least one policy that fits), and the moderation take-downs
-- (下架评价和内容条数), counted from wc.review_event and
-- wc.content_takedown as they stand.
--
-- One row per search (its first page) and per match run for a person:
-- when, the area, and how many results. Never the words searched (a
-- person may type a name or a number into the field) and never who: the
-- figures count uses, not people. Written by api.policy_search and
-- api.policy_match_record (functions/policies.sql), counted by
-- wc.figure_values (functions/figures.sql).
SET LOCAL ROLE wc_owner;

CREATE TABLE wc.policy_use (
	at          timestamptz NOT NULL DEFAULT now(),
	kind        text NOT NULL CHECK (kind IN ('search', 'match')),
	-- a search: the terminal's area, else the area the search chose;
	-- a match: the person's county, else the terminal's. NULL: neither
	-- is known, counted for the province only.
	county_code text REFERENCES wc.region (code),
	-- a search: the rows of its first page; a match: the policies that fit
	results     int NOT NULL CHECK (results >= 0)
);
-- Rows come in time order: a BRIN index finds a period's rows and costs a
-- search next to nothing to keep.
CREATE INDEX policy_use_at ON wc.policy_use USING brin (at);
REVOKE UPDATE, DELETE, TRUNCATE ON wc.policy_use FROM wc_owner;

INSERT INTO wc.indicator (ord, code, name, unit, better, drill, formula) VALUES
	(11, 'policy_searches', '政策查询次数', 'count', 'up', false,
	 '本期在自助服务终端和服务窗口发起的政策查询次数（打开政策查询即列出全部政策的计一次，翻页不计；按终端所在地区计，终端未设地区的按查询选定的地区计）'),
	(12, 'policy_matches', '政策匹配次数', 'count', 'up', false,
	 '本期进行的政策匹配次数（用户在自助服务终端登录后查看“我的政策匹配”、按问答匹配，窗口工作人员为用户匹配，每打开一次匹配结果计一次；按用户的服务地区计，未填写的按终端所在地区计）'),
	(13, 'policy_matches_found', '匹配到政策的人次', 'count', 'up', false,
	 '本期政策匹配中，至少匹配到一项符合条件政策的次数（地区计法同政策匹配次数）'),
	(52, 'takedowns', '下架评价和内容条数', 'count', 'none', false,
	 '本期下架的服务评价条数，加上下架的服务名称、服务简介、服务商地址、联系电话等公开内容条数（按所属服务商注册地区计）');
