-- data/demo/complaints.sql: demo people and complaints, so that the
-- supervisor's 投诉处理 and the kiosk's 我的投诉 have something to show.
-- Loaded once by scripts/demo, after the catalogue and the demo accounts
-- (the steps are the demo supervisor's). Everything here is fictional
-- (see the note at the end).
--
-- Each complaint is written as its events, on days before today, as the
-- API would have written them; its status, handler, rating and deadline
-- are then what wc.complaint_clock makes of those events — the same
-- derivation every real complaint goes through.
\set ON_ERROR_STOP 1
BEGIN;

-- The n-th working day before a day (the calendar of 0016).
CREATE FUNCTION pg_temp.workdays_before(p_day date, p_n int) RETURNS date
LANGUAGE plpgsql AS $$
DECLARE
	d date := p_day;
	left_ int := p_n;
BEGIN
	WHILE left_ > 0 LOOP
		d := d - 1;
		IF wc.is_workday(d) THEN
			left_ := left_ - 1;
		END IF;
	END LOOP;
	RETURN d;
END
$$;

-- A resident ID number (GB 11643) of the county, birth date and sequence.
CREATE FUNCTION pg_temp.id_number(p_county text, p_birth text, p_seq int) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	body text := p_county || p_birth || lpad(p_seq::text, 3, '0');
	w int[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	s int := 0;
BEGIN
	FOR i IN 1..17 LOOP
		s := s + substr(body, i, 1)::int * w[i];
	END LOOP;
	RETURN body || substr('10X98765432', s % 11 + 1, 1);
END
$$;

CREATE TEMP TABLE demo_person (key text, id_number text, name text, mobile text, county text,
	person_id bigint);
INSERT INTO demo_person (key, id_number, name, mobile, county) VALUES
	-- the demo kiosk stands in 金寨县: this one signs in there (PIN 583920)
	('liu', pg_temp.id_number('341524', '19880512', 31), '刘建华', '13956401234', '341524'),
	('chen', pg_temp.id_number('341524', '19950703', 42), '陈静', '13956405678', '341524'),
	('wang', pg_temp.id_number('340104', '19910218', 17), '王志远', '13855102233', '340104'),
	('zhao', pg_temp.id_number('340223', '19860930', 25), '赵丽娟', '13805531122', '340223'),
	('sun', pg_temp.id_number('340122', '19990101', 13), '孙晓东', '13966778899', '340122'),
	('zhou', pg_temp.id_number('341202', '19930614', 58), '周敏', '13855887766', '341202');
UPDATE demo_person d
   SET person_id = wc_admin.person_import(d.id_number, d.name, d.mobile, d.county, d.county,
	                                      '{}', 'intending', NULL, NULL, NULL, NULL);
UPDATE wc.person p SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8))
  FROM demo_person d WHERE d.person_id = p.id AND d.key = 'liu';

-- The complaints: who, against what (a service of the catalogue of that
-- category, or its provider, or the operator/platform), the category, the text,
-- and the steps: 'action@working days ago[:text]'.
CREATE TEMP TABLE demo_complaint (ord int, person text, against text, service_category text,
	category text, body text, steps text[]);
INSERT INTO demo_complaint VALUES
	(1, 'liu', 'service', 'guidance', 'not_delivered',
	 '预约了创业指导，到了约定时间老师没有来，也没有人提前通知，白跑一趟。',
	 ARRAY['file@0']),
	(2, 'chen', 'service', 'tax', 'charges',
	 '代理记账说好每月300元，结账时又加收了“资料整理费”200元，事先没有说明。',
	 ARRAY['file@3']),
	(3, 'wang', 'operator', NULL, 'platform',
	 '自助终端上显示的创业券余额与窗口告诉我的不一致，希望核实。',
	 ARRAY['file@6', 'accept@5:已受理，将核对创业券流水。']),
	(4, 'zhao', 'service', 'training', 'quality',
	 '培训课程内容与宣传不符，大部分时间在推销付费课程。',
	 ARRAY['file@9', 'accept@8', 'assign@8:请联系服务商调取课程记录。',
	       'note@6:服务商称课程安排经学员同意，待核实签到表。']),
	(5, 'sun', 'service', 'financing', 'false_info',
	 '服务介绍写“保证拿到贷款”，咨询后才知道只是代填申请表。',
	 ARRAY['file@7', 'accept@6',
	       'request_info@4:请补充当时的宣传截图或聊天记录，以便核实。']),
	(6, 'zhou', 'platform', NULL, 'privacy',
	 '我只在平台登记过手机号，最近接到多个自称“创业贷款中介”的电话，怀疑信息泄露。',
	 ARRAY['file@12', 'accept@11', 'assign@11',
	       'reply@2:经核查，平台未向第三方提供您的信息，通话记录显示来电号码已举报并移交公安机关处理。']),
	(7, 'liu', 'service', 'legal', 'conduct',
	 '法律咨询时律师态度敷衍，没听完就让我另找别人。',
	 ARRAY['file@15', 'accept@14', 'reply@6:服务商已对该律师进行批评教育，并安排另一名律师免费为您复诊。',
	       'follow_up@3:电话回访，投诉人表示已接受重新安排的咨询。']),
	(8, 'wang', 'service', 'tax', 'voucher',
	 '用创业券预约后服务商要求再交押金，否则不安排。',
	 ARRAY['file@25', 'accept@24', 'reply@18:服务商已退还押金并书面致歉，平台已重申创业券服务不得另收费用。',
	       'rate@17=satisfied', 'close@16']),
	(9, 'chen', 'provider', 'consulting', 'other',
	 '我和服务商的加盟合同纠纷，要求平台判定对方赔偿。',
	 ARRAY['file@10', 'reject@9:合同纠纷属于仲裁或诉讼事项，不在平台投诉受理范围内，请向仲裁机构或人民法院申请。']),
	(10, 'zhao', 'service', 'venue', 'not_delivered',
	 '场地服务承诺提供工位，入驻后一直没有分配。',
	 ARRAY['file@20', 'accept@19', 'reply@12:服务商称工位已分配，请您与前台确认。',
	       'rate@11=unsatisfied:到现场确认过，确实没有工位。']),
	(11, 'sun', 'service', 'tax', 'charges',
	 '财税代理多收了两个月的费用，要求退还。',
	 ARRAY['file@26', 'accept@25', 'assign@25', 'urge@5:已超过办理时限，请加快办理。',
	       'escalate@3:服务商两次未按时回复，上报省就业局督办。']),
	(12, 'zhou', 'service', 'agency', 'offline_trade',
	 '服务商让我私下转账可以便宜一半，转账后对方不再回复。',
	 ARRAY['file@1']);

DO $$
DECLARE
	c record;
	step text;
	act text;
	ago int;
	note text;
	rating text;
	k wc.complaint;
	p wc.person;
	sup bigint := (SELECT id FROM wc.staff WHERE username = 'supervisor');
	today date := wc.today();
	d date;
	svc wc.service;
	status_now text;
BEGIN
	FOR c IN SELECT dc.*, dp.person_id FROM demo_complaint dc
	           JOIN demo_person dp ON dp.key = dc.person ORDER BY dc.ord LOOP
		SELECT * INTO p FROM wc.person WHERE id = c.person_id;
		svc := NULL;
		IF c.service_category IS NOT NULL THEN
			SELECT * INTO svc FROM wc.service WHERE category = c.service_category
			 ORDER BY id OFFSET c.ord % 2 LIMIT 1;
		END IF;
		d := pg_temp.workdays_before(today, split_part(split_part(c.steps[1], '@', 2), ':', 1)::int);
		INSERT INTO wc.complaint (no, person_id, against, provider_id, service_id, category, body,
		                          county_code, city_code, request_key, created_at)
		SELECT 'TS' || to_char(d, 'YYYYMMDD') || lpad((900000 + c.ord)::text, 6, '0'), p.id,
		       c.against, svc.provider_id, CASE WHEN c.against = 'service' THEN svc.id END,
		       c.category, c.body, p.county_code, r.parent, gen_random_uuid(),
		       (d + time '09:30') AT TIME ZONE 'Asia/Shanghai'
		  FROM wc.region r WHERE r.code = p.county_code
		RETURNING * INTO k;
		status_now := 'submitted';
		FOREACH step IN ARRAY c.steps LOOP
			act := split_part(step, '@', 1);
			ago := split_part(split_part(split_part(step, '@', 2), ':', 1), '=', 1)::int;
			rating := nullif(split_part(split_part(split_part(step, '@', 2), ':', 1), '=', 2), '');
			note := CASE WHEN position(':' IN step) > 0
			             THEN substr(step, position(':' IN step) + 1) ELSE '' END;
			d := pg_temp.workdays_before(today, ago);
			status_now := CASE act
				WHEN 'file' THEN 'submitted' WHEN 'accept' THEN 'accepted'
				WHEN 'reject' THEN 'rejected' WHEN 'assign' THEN 'handling'
				WHEN 'request_info' THEN 'waiting' WHEN 'reply' THEN 'replied'
				WHEN 'follow_up' THEN 'follow_up' WHEN 'close' THEN 'closed'
				WHEN 'rate' THEN CASE WHEN rating = 'unsatisfied' THEN 'redo' ELSE status_now END
				ELSE status_now END;
			INSERT INTO wc.complaint_event (complaint_id, at, day, staff_id, action, status_after,
			                                visible, body, rating, handler_id)
			VALUES (k.id, (d + CASE WHEN act = 'file' THEN time '09:30' ELSE time '10:00' END)
			              AT TIME ZONE 'Asia/Shanghai', d,
			        CASE WHEN act IN ('file', 'rate', 'supply', 'message') THEN NULL ELSE sup END,
			        act, status_now,
			        act NOT IN ('assign', 'note', 'follow_up', 'urge', 'escalate'), note, rating,
			        CASE WHEN act = 'assign' THEN sup END);
			UPDATE wc.complaint
			   SET status = status_now,
			       handler_id = CASE WHEN act = 'assign' THEN sup ELSE handler_id END,
			       satisfaction = CASE WHEN act = 'reply' THEN NULL
			                           WHEN act = 'rate' THEN rating ELSE satisfaction END,
			       urged = urged + (act = 'urge')::int,
			       escalated_at = CASE WHEN act = 'escalate'
			                           THEN (d + time '10:00') AT TIME ZONE 'Asia/Shanghai'
			                           ELSE escalated_at END
			 WHERE id = k.id;
		END LOOP;
		UPDATE wc.complaint
		   SET due_on = (SELECT kc.due_on FROM wc.complaint_clock(k.id) kc
		                  ORDER BY kc.event_id DESC LIMIT 1),
		       updated_at = now()
		 WHERE id = k.id;
	END LOOP;
END
$$;

COMMIT;

-- --- 演示数据说明 ----------------------------------------------------------
-- 本文件全部为演示数据：6位办事人（姓名、身份证号、手机号均为编造，身份证号
-- 按 GB 11643 计算校验位，但不属于任何真实的人）和12件投诉（内容、处理经过
-- 均为虚构）。刘建华（金寨县）可在演示自助终端登录，查询密码583920。
-- 投诉编号以“TS日期90000x”编排，与正式编号区分。
