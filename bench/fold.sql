-- bench/fold.sql: the cost of wc.search_norm's traditional-to-simplified
-- folding (data/sql/0023_search_fold.sql), against NFKC and lower-casing
-- alone (the function before it) and against translate() over the whole
-- table. Run on a migrated database by the superuser; it writes nothing
-- that stays (temporary tables and functions only):
--   psql -X -v ON_ERROR_STOP=1 -h HOST -d DB -f bench/fold.sql
-- Times are psql's \timing for whole statements; run it twice and take
-- the second, the machine being shared. Texts: 100,000 of 1,000
-- characters made of the words policies use, in simplified script, the
-- same in traditional (each simplified character back to one traditional
-- one), and provider names of 12 characters.
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.2023);
CREATE TEMP TABLE words AS
SELECT ARRAY['创业', '担保', '贷款', '补贴', '融资', '场地', '培训', '税费', '减免', '孵化',
	'基地', '高校', '毕业生', '退役', '军人', '返乡', '农民', '网络', '商户', '就业', '资金',
	'电子', '创业券', '小微', '企业', '贴息', '申请', '办理', '材料', '县级', '人社', '部门',
	'补助', '奖励', '服务', '的', '和', '对', '在', '按规定', '给予', '，', '。', '个人',
	'最高', '万元', '经营', '实体', '带动', '符合条件', '发放', '审核', '认定'] AS v;
-- each simplified character back to one traditional one
CREATE TEMP TABLE back AS
SELECT string_agg(simp, '' ORDER BY simp) AS simps, string_agg(trad, '' ORDER BY simp) AS trads
  FROM (SELECT DISTINCT ON (simp) simp, trad FROM wc.search_fold ORDER BY simp, trad) AS s;
CREATE TEMP TABLE trad_words AS
SELECT ARRAY(SELECT translate(x, b.simps, b.trads) FROM unnest(w.v) WITH ORDINALITY AS u(x, i)
              ORDER BY i) AS v
  FROM words w, back b;
CREATE TEMP TABLE texts AS
SELECT g, left(s, 1000) AS s, left(t, 1000) AS t, left(s, 12) AS name_s, left(t, 12) AS name_t
  FROM generate_series(1, 100000) g,
       LATERAL (SELECT string_agg(w.v[i], '' ORDER BY k) AS s, string_agg(tw.v[i], '' ORDER BY k) AS t
                  FROM words w, trad_words tw,
                       LATERAL (SELECT k, 1 + floor(random() * cardinality(w.v))::int AS i
                                  FROM generate_series(1, 500) k WHERE g > 0) AS r) AS x;
SELECT count(*) AS texts, avg(length(s)) AS chars, avg(octet_length(s)) AS bytes,
       count(*) FILTER (WHERE t <> s) AS traditional
  FROM texts;

CREATE FUNCTION pg_temp.norm_old(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT lower(normalize(t, NFKC))
$$;
DO $$
DECLARE
	f text;
	s text;
BEGIN
	SELECT string_agg(trad, '' ORDER BY trad COLLATE "C"), string_agg(simp, '' ORDER BY trad COLLATE "C")
	  INTO f, s FROM wc.search_fold;
	EXECUTE format($fn$
CREATE FUNCTION pg_temp.norm_translate(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $b$
	SELECT translate(lower(normalize(t, NFKC)), %L, %L)
$b$ $fn$, f, s);
END
$$;
-- all three agree
SELECT bool_and(wc.search_norm(t) = wc.search_norm(s)) AS folded_alike,
       bool_and(wc.search_norm(s) = pg_temp.norm_old(s)) AS simplified_unchanged,
       bool_and(wc.search_norm(t) = pg_temp.norm_translate(t)) AS same_as_translate
  FROM texts WHERE g <= 200;

\timing on
\echo 100,000 simplified texts of 1,000 characters: before, with folding
SELECT sum(length(pg_temp.norm_old(s))) FROM texts;
SELECT sum(length(wc.search_norm(s))) FROM texts;
\echo 10,000 traditional texts of 1,000 characters: before, with folding
SELECT sum(length(pg_temp.norm_old(t))) FROM texts WHERE g <= 10000;
SELECT sum(length(wc.search_norm(t))) FROM texts WHERE g <= 10000;
\echo translate() with the whole table, 200 texts: simplified, traditional
SELECT sum(length(pg_temp.norm_translate(s))) FROM texts WHERE g <= 200;
SELECT sum(length(pg_temp.norm_translate(t))) FROM texts WHERE g <= 200;
\echo 100,000 names of 12 characters: simplified before, with folding; traditional with folding
SELECT sum(length(pg_temp.norm_old(name_s))) FROM texts;
SELECT sum(length(wc.search_norm(name_s))) FROM texts;
SELECT sum(length(wc.search_norm(name_t))) FROM texts;
\timing off
