-- data/demo/applications.sql: demo provider applications, so that
-- 服务商入驻审核 and 服务商入驻公示 have something to show: one awaiting the
-- operator's 初审 (entered at the 金寨县 counter), one awaiting the
-- supervisor's 复核, one on public notice. Loaded once by scripts/demo after
-- the demo accounts; the steps go through wc.application_step, as the API's
-- do. The organisations, people and numbers are fictional.
\set ON_ERROR_STOP 1
BEGIN;

CREATE FUNCTION pg_temp.staff(p_username text) RETURNS bigint
LANGUAGE sql AS $$ SELECT id FROM wc.staff WHERE username = p_username $$;

-- An application as the counter enters it, with its first event.
CREATE FUNCTION pg_temp.apply(p_code text, p_name text, p_kind text, p_region text,
	p_address text, p_legal text, p_contact text, p_id text, p_phone text, p_cats text[],
	p_clerk text, p_materials text[]) RETURNS wc.provider_application
LANGUAGE plpgsql AS $$
DECLARE
	a wc.provider_application;
	new_id bigint := nextval(pg_get_serial_sequence('wc.provider_application', 'id'));
BEGIN
	INSERT INTO wc.provider_application (id, no, credit_code, name, kind, region, address,
		legal_rep, contact_name, contact_id_enc, contact_id_masked, phone, categories,
		cond_credit, cond_rules, cond_resources, cond_other, staff_id, request_key)
	OVERRIDING SYSTEM VALUE
	VALUES (new_id, wc.day_no('RZ', new_id), p_code, p_name, p_kind, p_region, p_address,
	        p_legal, p_contact, wc.person_encrypt(p_id), wc.mask_id(p_id), p_phone,
	        p_cats, true, true, true, true, pg_temp.staff(p_clerk), gen_random_uuid())
	RETURNING * INTO a;
	INSERT INTO wc.application_material (application_id, ord, kind, ref_no)
	SELECT a.id, n, split_part(m, ':', 1), split_part(m, ':', 2)
	  FROM unnest(p_materials) WITH ORDINALITY AS x (m, n);
	RETURN wc.application_step(a, pg_temp.staff(p_clerk), 'submit', 'submitted', '', NULL,
	                           NULL);
END
$$;

DO $$
DECLARE
	a wc.provider_application;
BEGIN
	a := pg_temp.apply('91341524527183640U', '金寨县红岭创业孵化服务中心', 'social_organisation',
	                   '341524', '六安市金寨县梅山镇红军大道88号', '方晓红', '方晓红',
	                   '341524198603152024', '0564-7758123', '{venue,guidance}', 'jinzhai_ck',
	                   '{"license:52341524MJ1234567X","premises:金房租〔2025〕第36号"}');

	a := pg_temp.apply('913401046182739594', '合肥蜀创财税咨询有限公司', 'enterprise', '340104',
	                   '合肥市蜀山区潜山路320号', '周明', '吴婷', '340104199007221536',
	                   '13966012345', '{tax,agency}', 'operator',
	                   '{"license:913401046182739594","qualification:皖财代字〔2024〕第112号"}');
	a := wc.application_step(a, pg_temp.staff('operator'), 'approve_first', 'first_passed',
	                         '营业执照、代理记账许可证齐全，具备财税服务能力。', NULL, NULL);

	a := pg_temp.apply('91340223739204183K', '南陵县创业法律服务有限公司', 'enterprise', '340223',
	                   '芜湖市南陵县籍山镇城东路16号', '陶立新', '陶立新', '340223198211092647',
	                   '0553-6812345', '{legal,consulting}', 'nanling_ck',
	                   '{"license:91340223739204183K"}');
	a := wc.application_step(a, pg_temp.staff('operator'), 'approve_first', 'first_passed',
	                         '材料齐全。', NULL, NULL);
	a := wc.application_step(a, pg_temp.staff('supervisor'), 'approve_review', 'reviewed',
	                         '经核查，资质属实。', NULL, NULL);
	a := wc.application_step(a, pg_temp.staff('bureau'), 'file', 'notice', '同意备案，予以公示。',
	                         NULL, NULL);
END
$$;

COMMIT;
