-- bench/queue.sql: the data of the complaint-queue benchmark, made set-based
-- as the superuser (bench/queue.sh runs it with psql, in three steps):
--
--   psql -v step=setup -v people=P -v password=PW -f bench/queue.sql
--   psql -v step=people -v part=0 -f …   and   -v part=1, at the same time
--   psql -v step=complaints -v size=N -f …
--
-- setup: the staff (eight supervisors of the third-party supervisor, one of
-- them the benchmark's, a ninth who handles few and a tenth who has none
-- yet; the bureau; the 金寨县 counter, and a clerk for every other county), 300 providers registered over the province,
-- 600 services in the ten categories, a slot of each every 14 days over
-- the two years, and the list of P people to register, spread over the
-- 104 counties by population (7th census, city by city).
-- people: half of them registered with wc_admin.person_import (every check
-- of the counter, the numbers hashed and encrypted, an audit row each).
-- complaints: N complaints over the past two years (more of them lately),
-- each with its timeline as the API would have written it; only the
-- events up to now() are written, so the status, the deadline, the handler
-- and the rating are those the events lead to (wc.complaint_step). The
-- deadline is computed set-based with wc.workdays_after/_between and then
-- checked against wc.complaint_clock for a sample of every status; the
-- foreign keys are checked after the load; the staging schema qb is
-- dropped; VACUUM ANALYZE and a CHECKPOINT, so the timing starts on a
-- settled server.
--
-- Written for the queue, not for the ledger: bookings are paid offline
-- (no voucher entries), and neither the audit rows of the complaint
-- steps nor the request rows of the bookings are written.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0; -- one order of rows: the same data every run
SET client_min_messages = warning;
SELECT :'step' = 'setup' AS step_setup, :'step' = 'people' AS step_people,
       :'step' = 'complaints' AS step_complaints \gset

\if :step_setup
SELECT setseed(0.17);
CREATE SCHEMA qb;

-- Inhabitants (10,000s, 2020 census) of each city, shared by its counties.
CREATE TABLE qb.county AS
SELECT r.code, r.name, r.parent AS city,
       c.pop::numeric / count(*) OVER (PARTITION BY r.parent) AS w
  FROM wc.region r
  JOIN (VALUES ('340100', 937), ('340200', 364), ('340300', 330), ('340400', 303),
               ('340500', 216), ('340600', 197), ('340700', 131), ('340800', 417),
               ('341000', 133), ('341100', 399), ('341200', 820), ('341300', 532),
               ('341500', 439), ('341600', 500), ('341700', 134), ('341800', 250))
       AS c (code, pop) ON c.code = r.parent
 WHERE r.level = 3;
-- a county drawn by weight: the n-th for u from its lo to the next one's,
-- n = width_bucket(u, los)
CREATE TABLE qb.county_pick AS
SELECT row_number() OVER (ORDER BY code)::int AS n, code, city,
       ((sum(w) OVER (ORDER BY code) - w) / sum(w) OVER ())::float8 AS lo
  FROM qb.county;
CREATE TABLE qb.county_los AS SELECT array_agg(lo ORDER BY n) AS los FROM qb.county_pick;

-- Staff. The three the benchmark signs in as need no password change.
SELECT wc_admin.staff_add('qb_super', 'supervisor', '340000', '督办员甲', :'password');
SELECT wc_admin.staff_add('qb_super' || i, 'supervisor', '340000', '督办员' || i, :'password')
  FROM generate_series(2, 8) i;
SELECT wc_admin.staff_add('qb_bureau', 'bureau', '340000', '省就业局督查', :'password');
SELECT wc_admin.staff_add('qb_counter', 'counter', '341524', '金寨县窗口', :'password');
-- a supervisor who handles few (one complaint in 2,000), one who has
-- just joined (none yet)
SELECT wc_admin.staff_add('qb_light', 'supervisor', '340000', '督办员乙', :'password');
SELECT wc_admin.staff_add('qb_new', 'supervisor', '340000', '督办员丙', :'password');
UPDATE wc.staff SET must_change = false
 WHERE username IN ('qb_super', 'qb_bureau', 'qb_counter', 'qb_light', 'qb_new');
-- the other counties' clerks file complaints for people at their desks
INSERT INTO wc.staff (username, display_name, role, region_code, password_hash, must_change)
SELECT 'qb_ck' || c.code, c.name || '窗口', 'counter', c.code, h.hash, false
  FROM qb.county c, (SELECT ext.crypt(:'password', ext.gen_salt('bf', 10)) AS hash) h
 WHERE c.code <> '341524';

-- Providers: 91 (a company) + the county + an organisation code with its
-- GB 11714 check, then the GB 32100 check.
CREATE TABLE qb.provider AS
WITH p AS (
	SELECT g, c.code AS county, c.city, c.name AS county_name,
	       lpad(((g * 7907 + 1234567) % 100000000)::text, 8, '0') AS org
	  FROM (SELECT g, random() AS u FROM generate_series(1, 300) g) r
	  CROSS JOIN qb.county_los
	  JOIN qb.county_pick k ON k.n = width_bucket(r.u, los)
	  JOIN qb.county c ON c.code = k.code
), o AS (
	SELECT p.*, '91' || county || org ||
	       (SELECT CASE 11 - sum(substr(org, i, 1)::int * (ARRAY[3, 7, 9, 10, 5, 8, 4, 2])[i]) % 11
	                 WHEN 10 THEN 'X' WHEN 11 THEN '0'
	                 ELSE (11 - sum(substr(org, i, 1)::int
	                                * (ARRAY[3, 7, 9, 10, 5, 8, 4, 2])[i]) % 11)::text END
	          FROM generate_series(1, 8) i) AS c17
	  FROM p
)
SELECT o.g, o.county, o.city, o.county_name,
       c17 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                     (31 - (SELECT sum((position(substr(c17, i, 1) IN '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1)
                                       * (ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])[i])
                              FROM generate_series(1, 17) i)::int % 31) % 31 + 1, 1) AS credit_code
  FROM o;
ALTER TABLE qb.provider ADD COLUMN id bigint;
UPDATE qb.provider p
   SET id = wc_admin.provider_add(p.credit_code,
            p.county_name || (ARRAY['启航', '众创', '汇智', '同舟', '鼎盛', '青禾', '远景', '正衡'])[1 + g % 8]
            || (ARRAY['创业服务', '企业管理咨询', '财税服务', '人力资源', '科技孵化', '法律服务'])[1 + g % 6]
            || '有限公司（' || g || '）',
            p.county, p.county_name || '创业大街' || g || '号', '王经理', '0551-6' || lpad(g::text, 6, '0'));

-- Services: two a provider; the area served is its county, its city or
-- the province.
CREATE TABLE qb.service AS
SELECT 'QS' || p.g || '-' || r.k AS code, p.credit_code, p.g, r.k, sc.code AS category,
       sc.name AS cname, r.paid, r.online,
       CASE WHEN r.paid THEN (100 + (r.u * 1900)::int) * 100 ELSE 0 END AS price,
       r.paid AND r.v < 0.5 AS voucher_ok,
       CASE WHEN r.a < 0.6 THEN p.county WHEN r.a < 0.85 THEN p.city ELSE '340000' END AS region,
       p.county_name
  FROM (SELECT g, k, random() < 0.6 AS paid, random() < 0.2 AS online, random() AS u,
               random() AS v, random() AS a, 1 + floor(random() * 10)::int AS cat
          FROM generate_series(1, 300) g, generate_series(1, 2) k ORDER BY g, k) r
  JOIN qb.provider p ON p.g = r.g
  JOIN wc.service_category sc ON sc.ord = r.cat;
ALTER TABLE qb.service ADD COLUMN id bigint;
UPDATE qb.service s
   SET id = wc_admin.service_add(s.code, s.credit_code, s.cname || '服务（' || s.code || '）',
            s.category, s.paid, s.online, s.price, s.voucher_ok, s.region,
            '面向创业者的' || s.cname || '服务。', s.county_name || '创业服务中心', '0551-62000000', 24);
-- a slot every 14 days from 760 days ago to 30 days ahead, 09:30 or 14:00
SELECT wc.today() AS today \gset
SELECT count(wc_admin.slot_add(s.code,
                               (date :'today' - 760 + 14 * n + s.g % 14)
                               + CASE WHEN s.k = 1 THEN time '09:30' ELSE time '14:00' END,
                               120, 30, s.county_name || '创业服务中心'))
  FROM qb.service s, generate_series(0, 56) n;

-- Services that serve a county: its own, its city's and the province's.
CREATE TABLE qb.cover AS
SELECT c.code AS county, array_agg(s.id ORDER BY s.id) AS ids
  FROM qb.county c JOIN wc.service s ON s.region IN (c.code, c.city, '340000')
 GROUP BY c.code;

-- The people to register. ID numbers: the county, a birth date from 1966
-- to 2004, a sequence number and the check character; all distinct.
CREATE TABLE qb.person AS
SELECT r.g, k.code AS county, k.city, x || substr('10X98765432',
         (SELECT sum(substr(x, i, 1)::int * (ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])[i])
            FROM generate_series(1, 17) i)::int % 11 + 1, 1) AS id_number,
       (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '汪', '方', '程'])[1 + g % 18]
       || (ARRAY['晓', '海', '子', '文', '建', '玉', '志', '春', '明', '丽'])[1 + g / 18 % 10]
       || (ARRAY['明', '涛', '燕', '军', '华', '芳', '强', '敏', '杰', '婷', '磊'])[1 + g / 180 % 11] AS name,
       (ARRAY['139', '138', '158', '187', '152', '177', '199', '135'])[1 + g % 8]
       || lpad(((g * 48271) % 100000000)::text, 8, '0') AS mobile,
       CASE WHEN r.c < 0.15 THEN '{graduate}' WHEN r.c < 0.25 THEN '{returnee}'
            WHEN r.c < 0.30 THEN '{veteran}' WHEN r.c < 0.35 THEN '{rural_entrepreneur}'
            ELSE '{}' END::text[] AS categories,
       CASE WHEN r.s < 0.5 THEN 'intending' ELSE 'started' END AS stage,
       NULL::bigint AS id
  FROM (SELECT g, random() AS u, random() AS c, random() AS s
          FROM generate_series(0, :people - 1) g) r
  CROSS JOIN qb.county_los
  JOIN qb.county_pick k ON k.n = width_bucket(r.u, los),
       LATERAL (SELECT k.code || to_char(date '1966-01-01' + (r.g * 7919) % 14000, 'YYYYMMDD')
                       || lpad(((r.g / 14000) * 10 + r.g % 10)::text, 3, '0') AS x) idn;
ALTER TABLE qb.person ADD PRIMARY KEY (g);
\endif

\if :step_people
UPDATE qb.person
   SET id = wc_admin.person_import(id_number, name, mobile, county, county, categories, stage,
                                   NULL, NULL, NULL, NULL)
 WHERE g % 2 = :part;
\endif

\if :step_complaints
SELECT setseed(0.29);
SELECT wc.today() AS today \gset
-- the people of a county numbered 1, 2, …
CREATE TABLE qb.county_person AS
SELECT county, row_number() OVER (PARTITION BY county ORDER BY g) AS k, id FROM qb.person;
ALTER TABLE qb.county_person ADD PRIMARY KEY (county, k);
CREATE TABLE qb.county_people AS SELECT county, count(*) AS n FROM qb.person GROUP BY county;
CREATE TABLE qb.sup AS
SELECT row_number() OVER (ORDER BY id) AS n, id FROM wc.staff
 WHERE role = 'supervisor' AND username NOT IN ('qb_light', 'qb_new');
CREATE TABLE qb.desk AS
SELECT DISTINCT ON (region_code) region_code AS county, id FROM wc.staff
 WHERE role = 'counter' ORDER BY region_code, id;

-- The plan of each complaint: who, against what, and when each step
-- would happen (days after the step before; a tail of each is late).
-- Steps after now() have not happened yet.
CREATE TABLE qb.plan AS
WITH b AS (
	SELECT g,
	       -- more complaints lately: half of them evenly over the two years,
	       -- half more and more often (a density growing linearly)
	       date :'today' - floor(730 * (1 - CASE WHEN random() < 0.5 THEN random()
	                                             ELSE sqrt(random()) END))::int AS d0,
	       random() AS u_county, random() AS u_who, random() AS u_many, random() AS u_against,
	       random() AS u_cat, random() AS u_tgt, random() AS u_desk, random() AS u_rej,
	       random() AS u_acc, random() AS u_asg, random() AS u_hnd, random() AS u_disp,
	       random() AS u_req, random() AS u_sup, random() AS u_rep, random() AS u_rate,
	       random() AS u_redo, random() AS u_rep2, random() AS u_rate2, random() AS u_fol,
	       random() AS u_close, random() AS u_time, random() AS u_bk, random() AS u_urge
	  FROM generate_series(1, :size) g
), c AS (
	SELECT b.*, k.code AS county, k.city,
	       CASE WHEN u_against < 0.25 THEN 'provider' WHEN u_against < 0.55 THEN 'service'
	            WHEN u_against < 0.85 THEN 'booking' WHEN u_against < 0.90 THEN 'operator'
	            ELSE 'platform' END AS against,
	       -- filed 07:00-21:00 at a kiosk, 08:30-17:30 at a desk; today's before now
	       least(d0 + CASE WHEN u_desk < 0.25 THEN time '08:30' + make_interval(mins => floor(u_time * 540)::int)
	                       ELSE time '07:00' + make_interval(mins => floor(u_time * 840)::int) END,
	             (now() AT TIME ZONE 'Asia/Shanghai') - make_interval(mins => 1 + g % 300)) AS t_file
	  FROM b CROSS JOIN qb.county_los
	  JOIN qb.county_pick k ON k.n = width_bucket(b.u_county, los)
)
SELECT c.*,
       -- the complainant: one of the county's people; a third of them file half
       1 + floor(CASE WHEN u_many < 0.5 THEN u_who * cp.n / 3.0 ELSE u_who * cp.n END)::int AS person_k,
       CASE WHEN against = 'platform' THEN (ARRAY['platform', 'platform', 'privacy', 'other'])[1 + floor(u_cat * 4)::int]
            WHEN against = 'operator' THEN (ARRAY['conduct', 'voucher', 'privacy', 'other'])[1 + floor(u_cat * 4)::int]
            ELSE (ARRAY['quality', 'quality', 'quality', 'quality', 'not_delivered', 'not_delivered',
                        'charges', 'charges', 'charges', 'false_info', 'conduct', 'conduct', 'conduct',
                        'voucher', 'voucher', 'offline_trade', 'privacy', 'other'])[1 + floor(u_cat * 18)::int]
       END AS category,
       cv.ids[1 + floor(u_tgt * cardinality(cv.ids))::int] AS service_id,
       CASE WHEN g % 2000 = 0 THEN (SELECT id FROM wc.staff WHERE username = 'qb_light')
            ELSE h.id END AS handler,
       d.id AS dispatcher,
       CASE WHEN u_desk < 0.25 THEN k.id END AS desk,
       -- days to accept or reject: most within two, some late
       CASE WHEN u_acc < 0.80 THEN floor(u_acc / 0.80 * 3)::int
            WHEN u_acc < 0.95 THEN 3 + floor((u_acc - 0.80) / 0.15 * 4)::int
            ELSE 7 + floor((u_acc - 0.95) / 0.05 * 14)::int END AS dd_acc,
       u_rej < 0.07 AS rejected,
       -- assigned the same day, or up to 5 days later
       CASE WHEN u_asg < 0.7 THEN 0 ELSE 1 + floor((u_asg - 0.7) / 0.3 * 5)::int END AS dd_asg,
       -- one in seven needs something from the complainant, who answers (mostly)
       u_req < 0.14 AS asks,
       1 + floor(u_req / 0.14 * 10)::int AS dd_req,
       u_sup < 0.75 AS supplies,
       CASE WHEN u_sup < 0.60 THEN 1 + floor(u_sup / 0.60 * 10)::int
            ELSE 11 + floor((u_sup - 0.60) / 0.15 * 50)::int END AS dd_sup,
       -- days to reply: most within the 15 working days (three weeks), some
       -- days late, a tail far beyond
       CASE WHEN u_rep < 0.60 THEN 3 + floor(u_rep / 0.60 * 19)::int
            WHEN u_rep < 0.88 THEN 22 + floor((u_rep - 0.60) / 0.28 * 14)::int
            ELSE 36 + floor((u_rep - 0.88) / 0.12 * 120)::int END AS dd_rep,
       -- two in three rate the reply, one in eight of them 不满意
       u_rate < 0.65 AS rates,
       floor(u_rate / 0.65 * 5)::int AS dd_rate,
       CASE WHEN u_redo < 0.12 THEN 'unsatisfied' WHEN u_redo < 0.40 THEN 'basically'
            ELSE 'satisfied' END AS rating,
       CASE WHEN u_rep2 < 0.9 THEN 2 + floor(u_rep2 / 0.9 * 17)::int
            ELSE 20 + floor((u_rep2 - 0.9) * 400)::int END AS dd_rep2,
       u_rate2 < 0.60 AS rates2,
       floor(u_rate2 / 0.60 * 5)::int AS dd_rate2,
       CASE WHEN u_redo < 0.04 THEN 'basically' ELSE 'satisfied' END AS rating2,
       -- the follow-up (回访): when the reply was not rated well, and for some anyway
       u_fol < 0.15 AS follows_anyway,
       CASE WHEN u_fol < 0.9 THEN 2 + floor(u_fol / 0.9 * 5)::int
            ELSE 7 + floor((u_fol - 0.9) * 230)::int END AS dd_fol,
       CASE WHEN u_close < 0.9 THEN floor(u_close / 0.9 * 4)::int
            ELSE 4 + floor((u_close - 0.9) * 170)::int END AS dd_close
  FROM c
  JOIN qb.county_people cp ON cp.county = c.county
  JOIN qb.cover cv ON cv.county = c.county
  JOIN qb.sup h ON h.n = 1 + floor(c.u_hnd * 8)::int
  JOIN qb.sup d ON d.n = 1 + floor(c.u_disp * 8)::int
  JOIN qb.desk k ON k.county = c.county;

-- Complaint ids in filing order, as wc.complaint_file would give them.
CREATE TABLE qb.c AS
SELECT row_number() OVER (ORDER BY p.t_file, p.g)
       + (SELECT coalesce(max(id), 0) FROM wc.complaint) AS id,
       p.*, pe.id AS person_id, s.provider_id
  FROM qb.plan p
  JOIN qb.county_person pe ON pe.county = p.county AND pe.k = p.person_k
  JOIN wc.service s ON s.id = p.service_id;
ALTER TABLE qb.c ADD PRIMARY KEY (id);

-- A complaint about a booking is about one of the person's own: the
-- service's last or second-last slot before the complaint (two complaints
-- of one person may be about one booking), served (most), missed or
-- cancelled.
CREATE TABLE qb.cbook AS
SELECT c.id AS complaint, c.person_id, sl.id AS slot_id, c.service_id, c.u_bk,
       sl.starts_at, sl.ends_at
  FROM qb.c c
  CROSS JOIN LATERAL (SELECT sl.id, sl.starts_at, sl.ends_at FROM wc.slot sl
                       WHERE sl.service_id = c.service_id
                         AND sl.ends_at < c.t_file AT TIME ZONE 'Asia/Shanghai'
                       ORDER BY sl.starts_at DESC OFFSET c.g % 2 LIMIT 1) sl
 WHERE c.against = 'booking';
CREATE TABLE qb.booking AS
SELECT nextval('wc.booking_id_seq') AS id, b.*
  FROM (SELECT DISTINCT ON (person_id, slot_id) person_id, slot_id, service_id, starts_at, ends_at,
               CASE WHEN u_bk < 0.85 THEN 'completed' WHEN u_bk < 0.95 THEN 'no_show'
                    ELSE 'cancelled' END AS status
          FROM qb.cbook ORDER BY person_id, slot_id, complaint) b
 ORDER BY b.starts_at, b.person_id;
INSERT INTO wc.booking (id, no, person_id, slot_id, service_id, status, price_fen, offline_fen,
                        created_at, terminal, closed_at)
OVERRIDING SYSTEM VALUE
SELECT b.id, 'YY' || to_char(b.starts_at AT TIME ZONE 'Asia/Shanghai' - interval '3 days', 'YYYYMMDD')
             || lpad((b.id % 1000000)::text, 6, '0'),
       b.person_id, b.slot_id, b.service_id, b.status, sv.price_fen, sv.price_fen,
       b.starts_at - interval '3 days', 'qb_kiosk',
       CASE WHEN b.status <> 'cancelled' THEN b.ends_at + interval '2 hours' END
  FROM qb.booking b JOIN wc.service sv ON sv.id = b.service_id ORDER BY b.id;
CREATE TABLE qb.cbooking AS
SELECT cb.complaint, b.id FROM qb.cbook cb
  JOIN qb.booking b ON b.person_id = cb.person_id AND b.slot_id = cb.slot_id;
ALTER TABLE qb.cbooking ADD PRIMARY KEY (complaint);
UPDATE wc.slot sl SET taken = n.n, capacity = greatest(sl.capacity, n.n)
  FROM (SELECT slot_id, count(*)::int AS n FROM wc.booking WHERE status <> 'cancelled'
         GROUP BY slot_id) n
 WHERE n.slot_id = sl.id;

-- The timeline: each step at the time of the one before plus its days;
-- kept only when it has happened.
CREATE TABLE qb.step AS
WITH t AS (
	SELECT c.*, b.id AS booking_id,
	       t_file + make_interval(days => dd_acc, mins => 30 + (g % 200)) AS t_acc
	  FROM qb.c c LEFT JOIN qb.cbooking b ON b.complaint = c.id OFFSET 0
), t1 AS (
	SELECT t.*, CASE WHEN NOT rejected THEN t_acc + make_interval(days => dd_asg, mins => 10 + g % 60) END AS t_asg
	  FROM t OFFSET 0
), t2 AS (
	SELECT t1.*,
	       CASE WHEN asks THEN t_asg + make_interval(days => dd_req, mins => g % 90) END AS t_req,
	       CASE WHEN asks AND supplies THEN t_asg + make_interval(days => dd_req + dd_sup, mins => 100 + g % 300) END AS t_sup
	  FROM t1 OFFSET 0
), t3 AS (
	SELECT t2.*,
	       CASE WHEN NOT rejected AND (NOT asks OR supplies)
	            THEN coalesce(t_sup, t_asg) + make_interval(days => dd_rep, mins => 60 + g % 120) END AS t_rep
	  FROM t2 OFFSET 0
), t4 AS (
	SELECT t3.*,
	       CASE WHEN rates THEN t_rep + make_interval(days => dd_rate, hours => 3) END AS t_rate
	  FROM t3 OFFSET 0
), t5 AS (
	SELECT t4.*,
	       CASE WHEN rates AND rating = 'unsatisfied' THEN t_rate + make_interval(days => dd_rep2, hours => 2) END AS t_rep2
	  FROM t4 OFFSET 0
), t6 AS (
	SELECT t5.*,
	       CASE WHEN t_rep2 IS NOT NULL AND rates2 THEN t_rep2 + make_interval(days => dd_rate2, hours => 4) END AS t_rate2
	  FROM t5 OFFSET 0
), t7 AS (
	-- the reply that stands and whether it was rated satisfied or basically
	SELECT t6.*, coalesce(t_rep2, t_rep) AS t_last_rep,
	       CASE WHEN t_rep2 IS NOT NULL THEN t_rate2 WHEN rating <> 'unsatisfied' THEN t_rate END AS t_good_rate
	  FROM t6 OFFSET 0
), t8 AS (
	SELECT t7.*,
	       CASE WHEN t_last_rep IS NOT NULL AND (t_good_rate IS NULL OR follows_anyway)
	            THEN greatest(t_last_rep, t_good_rate) + make_interval(days => dd_fol, mins => 45) END AS t_fol
	  FROM t7 OFFSET 0
)
SELECT t8.*,
       CASE WHEN t_fol IS NOT NULL THEN t_fol + make_interval(days => dd_close, mins => 30)
            WHEN t_good_rate IS NOT NULL THEN t_good_rate + make_interval(days => dd_close, hours => 1)
       END AS t_close
  FROM t8;

CREATE TABLE qb.ev (
	complaint bigint, seq int, at timestamp, action text, staff bigint, status_after text,
	visible boolean, body text, rating text, handler bigint
);
INSERT INTO qb.ev
SELECT s.id, e.seq, e.at, e.action, e.staff, e.status_after, e.visible, e.body, e.rating, e.handler
  FROM qb.step s,
  LATERAL (VALUES
	(1, s.t_file, 'file', s.desk, 'submitted', true, '', NULL, NULL),
	(2, CASE WHEN s.rejected THEN s.t_acc END, 'reject', s.dispatcher, 'rejected', true,
	    '经核实，该事项不属于本平台投诉受理范围，请向有关部门反映。', NULL, NULL),
	(3, CASE WHEN NOT s.rejected THEN s.t_acc END, 'accept', s.dispatcher, 'accepted', true, '', NULL, NULL),
	(4, s.t_asg, 'assign', s.dispatcher, 'handling', false, '', NULL, s.handler),
	(5, s.t_req, 'request_info', s.handler, 'waiting', true, '请补充服务合同或付款凭证的照片。', NULL, NULL),
	(6, s.t_sup, 'supply', NULL, 'handling', true, '已在窗口补交合同复印件和付款记录。', NULL, NULL),
	(7, s.t_rep, 'reply', s.handler, 'replied', true,
	    '经调查核实，已责成服务商整改并向您说明情况，相关费用已协商处理。', NULL, NULL),
	(8, s.t_rate, 'rate', NULL, CASE WHEN s.rating = 'unsatisfied' THEN 'redo' ELSE 'replied' END, true,
	    '', s.rating, NULL),
	(9, s.t_rep2, 'reply', s.handler, 'replied', true, '重新办理：已再次约谈服务商，退还部分费用。', NULL, NULL),
	(10, s.t_rate2, 'rate', NULL, 'replied', true, '', s.rating2, NULL),
	(11, s.t_fol, 'follow_up', s.handler, 'follow_up', false, '电话回访，投诉人表示知悉处理结果。', NULL, NULL),
	(12, s.t_close, 'close', s.handler, 'closed', true, '', NULL, NULL)
  ) AS e (seq, at, action, staff, status_after, visible, body, rating, handler)
 WHERE e.at IS NOT NULL AND e.at AT TIME ZONE 'Asia/Shanghai' <= now();
CREATE INDEX ON qb.ev (complaint, seq);

CREATE TYPE qb.phase AS (seq int, action text, day date);
-- Where each complaint stands: the last event's status, the handler, the
-- rating of the reply that stands, and the deadline as wc.complaint_clock
-- computes it: the phase started by the last file / accept / reply /
-- 不满意 / follow-up, its limit in working days from that day, a question
-- stopping the clock and the answer restarting it with what was left.
CREATE TABLE qb.state AS
WITH a AS (
	SELECT complaint,
	       (array_agg(status_after ORDER BY seq DESC))[1] AS status, max(at) AS updated,
	       (array_agg(handler ORDER BY seq DESC) FILTER (WHERE handler IS NOT NULL))[1] AS handler,
	       max(seq) FILTER (WHERE action = 'reply') AS reply_seq,
	       max(seq) FILTER (WHERE action = 'rate') AS rate_seq,
	       (array_agg(rating ORDER BY seq DESC) FILTER (WHERE action = 'rate'))[1] AS rating,
	       (array_agg(ROW(seq, action, at::date)::qb.phase ORDER BY seq DESC)
	          FILTER (WHERE action IN ('file', 'accept', 'reply', 'follow_up', 'reject', 'close')
	                     OR (action = 'rate' AND rating = 'unsatisfied')))[1] AS ph,
	       max(seq) FILTER (WHERE action = 'request_info') AS req_seq,
	       max(at::date) FILTER (WHERE action = 'request_info') AS req_day,
	       max(at::date) FILTER (WHERE action = 'supply') AS sup_day
	  FROM qb.ev GROUP BY complaint
)
SELECT complaint, status, updated, handler,
       CASE WHEN rate_seq > reply_seq THEN rating END AS satisfaction,
       (ph).action AS phase, (ph).day AS phase_day,
       st.value::int AS lim,
       CASE WHEN req_seq > (ph).seq THEN req_day END AS req_day,
       CASE WHEN req_seq > (ph).seq THEN sup_day END AS sup_day,
       NULL::date AS due_on
  FROM a
  LEFT JOIN wc.setting st
    ON st.name = CASE (ph).action WHEN 'file' THEN 'complaint_accept_days'
                                  WHEN 'accept' THEN 'complaint_handle_days'
                                  WHEN 'reply' THEN 'complaint_follow_days'
                                  WHEN 'rate' THEN 'complaint_redo_days'
                                  WHEN 'follow_up' THEN 'complaint_close_days' END;
-- (the days are Asia/Shanghai dates: qb.ev.at is Shanghai wall-clock time)
UPDATE qb.state SET due_on = CASE
	WHEN phase IN ('reject', 'close') THEN NULL
	WHEN req_day IS NOT NULL AND sup_day IS NULL THEN NULL -- waiting: the clock stands
	WHEN req_day IS NOT NULL
	     THEN wc.workdays_after(sup_day, greatest(lim - wc.workdays_between(phase_day, req_day), 0))
	ELSE wc.workdays_after(phase_day, lim) END;

-- The bureau urges a third of the overdue ones, the supervisor escalates
-- one in twenty: the working morning after the deadline (or the first
-- after the last step), if that has come.
INSERT INTO qb.ev
SELECT s.complaint, 20 + k, u.at + make_interval(mins => 7 * k),
       CASE k WHEN 1 THEN 'urge' ELSE 'escalate' END,
       CASE k WHEN 1 THEN (SELECT id FROM wc.staff WHERE username = 'qb_bureau') ELSE c.dispatcher END,
       s.status, false, CASE k WHEN 1 THEN '' ELSE '逾期未办结，提请督办。' END, NULL, NULL
  FROM qb.state s JOIN qb.c c ON c.id = s.complaint, generate_series(1, 2) k,
       LATERAL (SELECT greatest(s.updated::date, s.due_on) + 1 + time '09:00' AS at) u
 WHERE s.due_on < :'today' AND (k = 1 AND c.u_urge < 0.33 OR k = 2 AND c.u_urge < 0.05)
   AND u.at + make_interval(mins => 7 * k) <= now() AT TIME ZONE 'Asia/Shanghai';
CREATE TABLE qb.agg AS
SELECT complaint, count(*) FILTER (WHERE action = 'urge')::int AS urged,
       max(at) FILTER (WHERE action = 'escalate') AS escalated, max(at) AS updated
  FROM qb.ev GROUP BY complaint;

-- The complaints, as wc.complaint_file wrote them and the steps left them,
-- and their events. The rows are made from the tables they refer to, so
-- their foreign-key triggers (and the queue's notify trigger, which has
-- no listener here) are skipped while they are written, which makes the
-- load three times faster; every foreign key is checked afterwards.
SET session_replication_role = replica;
INSERT INTO wc.complaint (id, no, person_id, against, provider_id, service_id, booking_id,
                          category, body, county_code, city_code, status, due_on, handler_id,
                          urged, escalated_at, satisfaction, created_at, updated_at, staff_id,
                          consent, request_key)
OVERRIDING SYSTEM VALUE
SELECT c.id, 'TS' || to_char(c.t_file, 'YYYYMMDD') || lpad((c.id % 1000000)::text, 6, '0'),
       c.person_id, c.against,
       CASE WHEN c.against IN ('provider', 'service', 'booking') THEN c.provider_id END,
       CASE WHEN c.against IN ('service', 'booking') THEN c.service_id END,
       b.id, c.category,
       (ARRAY['预约的', '购买的', '参加的', '咨询的'])[1 + c.g % 4]
       || sc.name
       || '服务' || (ARRAY['与宣传内容严重不符，', '没有按约定时间提供，', '另外收取了材料费和场地费，',
                          '老师态度很差，多次催问无人回复，', '要求我在平台外转账付款，',
                          '使用创业券抵扣后仍被要求补交全额，'])[1 + c.g % 6]
       || repeat('希望平台核实处理，给予答复。', 1 + (c.g % 5))
       || CASE WHEN c.g % 7 = 0 THEN repeat('具体情况如下：报名时对方承诺提供一对一辅导和场地，实际只安排了一次线上讲座，'
                                          '联系客服多次未果，已保留聊天记录和付款截图。', 1 + c.g % 3)
               ELSE '' END,
       c.county, c.city, s.status, s.due_on, s.handler, a.urged,
       a.escalated AT TIME ZONE 'Asia/Shanghai', s.satisfaction,
       c.t_file AT TIME ZONE 'Asia/Shanghai', a.updated AT TIME ZONE 'Asia/Shanghai',
       c.desk, CASE WHEN c.desk IS NOT NULL THEN '本人到场口头同意' END, gen_random_uuid()
  FROM qb.c c
  JOIN qb.state s ON s.complaint = c.id
  JOIN qb.agg a ON a.complaint = c.id
  LEFT JOIN qb.cbooking b ON b.complaint = c.id
  JOIN wc.service sv ON sv.id = c.service_id
  JOIN wc.service_category sc ON sc.code = sv.category
 ORDER BY c.id;
SELECT setval(pg_get_serial_sequence('wc.complaint', 'id'), (SELECT max(id) FROM wc.complaint));

INSERT INTO wc.complaint_event (complaint_id, at, day, staff_id, action, status_after, visible,
                                body, rating, handler_id, request_key)
SELECT e.complaint, e.at AT TIME ZONE 'Asia/Shanghai', e.at::date, e.staff, e.action,
       e.status_after, e.visible, e.body, e.rating, e.handler,
       CASE WHEN e.action <> 'file' THEN gen_random_uuid() END
  FROM qb.ev e ORDER BY e.complaint, e.seq;
RESET session_replication_role;

DO $$
DECLARE
	f record;
	n bigint;
BEGIN
	FOR f IN SELECT c.conrelid::regclass AS tab, a.attname AS col,
	                c.confrelid::regclass AS ref, b.attname AS refcol
	           FROM pg_constraint c
	           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
	           JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]
	          WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
	            AND c.conrelid IN ('wc.complaint'::regclass, 'wc.complaint_event'::regclass) LOOP
		EXECUTE format('SELECT count(*) FROM %s t WHERE t.%I IS NOT NULL AND NOT EXISTS'
		               ' (SELECT FROM %s r WHERE r.%I = t.%I)', f.tab, f.col, f.ref, f.refcol, f.col)
		   INTO n;
		IF n > 0 THEN
			RAISE EXCEPTION '% rows of % refer to no row of % (%)', n, f.tab, f.ref, f.col;
		END IF;
	END LOOP;
END
$$;

DROP SCHEMA qb CASCADE;
VACUUM ANALYZE;
CHECKPOINT;

-- The deadline and status stored must be what the events lead to:
-- wc.complaint_clock's last row for up to 300 complaints of each status.
SELECT count(*) AS checked,
       count(*) FILTER (WHERE k.due_on IS DISTINCT FROM c.due_on) AS due_wrong,
       count(*) FILTER (WHERE c.status <> e.status_after) AS status_wrong
  FROM (SELECT *, row_number() OVER (PARTITION BY status ORDER BY id) AS n FROM wc.complaint) c
  CROSS JOIN LATERAL (SELECT k.due_on FROM wc.complaint_clock(c.id) k
                       ORDER BY k.event_id DESC LIMIT 1) k
  CROSS JOIN LATERAL (SELECT e.status_after FROM wc.complaint_event e
                       WHERE e.complaint_id = c.id ORDER BY e.id DESC LIMIT 1) e
 WHERE c.n <= 300 \gset check_
SELECT :check_due_wrong + :check_status_wrong = 0 AS check_ok \gset
\if :check_ok
\warn 'deadlines and statuses of' :check_checked 'complaints (up to 300 of each status) agree with wc.complaint_clock and the last event'
\else
\warn 'bench/queue.sql: of' :check_checked 'complaints checked,' :check_due_wrong 'deadlines disagree with wc.complaint_clock and' :check_status_wrong 'statuses with the last event'
DO $$ BEGIN RAISE EXCEPTION 'generated complaints inconsistent'; END $$;
\endif
\endif
