#!/bin/bash
# An objection said out loud at the counter, in Chinese at 80×24: in
# 服务商入驻公示 the clerk finds the organisation on notice, writes who
# objects, the telephone to reach them at (required, checked) and what
# they say, and sends it (F2 twice). It is the clerk's act: audited, and
# counted in the worklist's 异议待裁定的入驻申请 like a kiosk's. The
# notice ending while the clerk writes: the database refuses, nothing
# filed. The operator sees it in the application with the objector masked
# and 窗口受理人 the clerk.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 广德市: no other test files applications or objections there, so its
# worklist's count changes only by this test
county=341882
org="广德诚信企业服务有限公司$(e2e_code G)"
code=$(valid_code $county)
contact=$(valid_id $county $(random_birth))
db=$(terminal_add staff)
clerk=$(staff_add counter $county 汪琳 'Guangde-2026-ck')
op=$(staff_add operator 340000 郑凯 'Operator-2026-desk')
clerk_id=$(sql "SELECT id FROM wc.staff WHERE username = '$clerk'")
app=$(sql "WITH n AS (SELECT nextval(pg_get_serial_sequence('wc.provider_application', 'id')) AS id)
     INSERT INTO wc.provider_application (id, no, credit_code, name, kind, region, address,
       legal_rep, contact_name, contact_id_enc, contact_id_masked, phone, categories,
       cond_credit, cond_rules, cond_resources, cond_other, status, notice_from, notice_until,
       staff_id, request_key)
     OVERRIDING SYSTEM VALUE
     SELECT n.id, wc.day_no('RZ', n.id), '$code', '$org', 'enterprise', '$county',
       '广德市桃州镇健康路18号', '程建华', '程建华', wc.person_encrypt('$contact'),
       wc.mask_id('$contact'), '0563-6012345', '{agency}', true, true, true, true, 'notice',
       wc.today(), wc.today() + 7, $clerk_id, gen_random_uuid() FROM n RETURNING id")
app_no=$(sql "SELECT no FROM wc.provider_application WHERE id = $app")
# the next run of this test finds the county's worklist as it was: the
# application refused, its objections decided
cleanup_objection() {
	sql "UPDATE wc.provider_objection SET status = 'dismissed', decided_by = $clerk_id,
	     decided_at = now(), decision = '测试结束' WHERE application_id = $app AND status = 'open';
	     UPDATE wc.provider_application SET status = 'rejected' WHERE id = $app" >/dev/null
}
trap 'cleanup_objection; e2e_cleanup' EXIT

# count_of LABEL: the count the home shows beside LABEL.
count_of() {
	screen_text | sed -n "s/.*$1：\([0-9]*\).*/\1/p" | head -n 1
}

# find_on_notice: 服务商入驻公示, the organisation found by its name.
find_on_notice() {
	menu_pick "服务商入驻公示"
	expect "以下服务机构已通过审核并备案"
	keys F3
	type_text "$org"
	keys Enter
	expect "$org"
	expect "法定代表人程建华"
}

start 80 24 -- --db "$db"
sign_in "$clerk" 'Guangde-2026-ck'
expect "异议待裁定的入驻申请："
before=$(count_of 异议待裁定的入驻申请)
find_on_notice
keys F2
expect "对$org提出异议"
screen_check "the counter's objection form at 80×24"
type_text "李卫东"; keys Tab Tab
type_text "该公司在桃州镇的办公地址是空置门面，从未见人办公。"
keys F2 # the telephone left empty
expect "此项为必填项"
expect_not "再按一次F2"
# the focus is on the field with a problem: the telephone
type_text "12345"
keys Tab
expect "请填写手机号码，或带区号的固定电话（如0551-65123456）。"
pass "the objector's telephone is required at the counter, and checked"
keys BTab
for i in 1 2 3 4 5; do keys BSpace; done
type_text "0563 6023 4567" # a landline with its area code, as it is said
keys Tab
expect_not "请填写手机号码，或带区号的固定电话"
screen_check "the counter's objection form, filled in, at 80×24"
keys F2
expect "再按一次F2，提交异议。"
keys F2
expect "异议已受理，异议编号YY"
no=$(screen_text | sed -n 's/.*异议编号\(YY[0-9]*\).*/\1/p' | head -n 1)
[ -n "$no" ] || fail "no objection number on the screen"
[ "$(sql "SELECT objector || '/' || phone || '/' || (person_id IS NULL) || '/' || staff_id || '/' || status
          FROM wc.provider_objection WHERE no = '$no' AND application_id = $app")" = \
	"李卫东/0563-60234567/true/$clerk_id/open" ] ||
	fail "the objection is not kept as taken by the clerk"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE staff_id = $clerk_id AND action = 'objection_file'
          AND object = '$no' AND on_behalf_of IS NULL")" = 1 ] ||
	fail "the objection is not audited as the clerk's act"
pass "the clerk takes an objection said at the counter, audited as the clerk's"

# counted where a kiosk's objection is: the worklist and its list
keys Escape
expect "异议待裁定的入驻申请："
[ "$(count_of 异议待裁定的入驻申请)" = $((before + 1)) ] ||
	fail "异议待裁定的入驻申请 did not count the objection: $before, then $(count_of 异议待裁定的入驻申请)"
keys Home Down Down Down Enter
expect "列表：异议待裁定"
expect "$app_no" # the name cut to the column, with its mark
keys Escape
expect "待办事项："
pass "the objection is counted in 异议待裁定的入驻申请 and listed there"

# the notice ends while the clerk writes another: refused, nothing filed
find_on_notice
keys F2
expect "对$org提出异议"
type_text "赵晓燕"; keys Tab
type_text "13955509876"; keys Tab
type_text "该公司曾向创业者收取代办费。"
sql "UPDATE wc.provider_application SET notice_from = wc.today() - 8, notice_until = wc.today() - 1
     WHERE id = $app" >/dev/null
keys F2
expect "再按一次F2，提交异议。"
keys F2
expect "该机构公示期已结束，不再受理异议。"
[ "$(sql "SELECT count(*) FROM wc.provider_objection WHERE application_id = $app")" = 1 ] ||
	fail "an objection was taken after the notice ended"
no_english
pass "after the notice the database refuses the counter's objection"
stop_terminal

# the operator sees it as taken at the counter, the objector masked
start 80 24 -- --db "$db"
sign_in "$op" 'Operator-2026-desk'
menu_pick "服务商入驻审核"
expect "列表：待我办理"
for i in 1 2 3 4 5 6; do keys F2; done
expect "列表：异议待裁定"
keys F3
type_text "$org"
keys Enter
expect "$app_no"
keys Enter
expect "申请编号$app_no"
scroll_until "该公司在桃州镇的办公地址是空置门面，从未见人办公。"
# the line may wrap at 80 columns: read it joined
shows_whole "$(screen_settled)" "$no  [待处理]  李** · 056********67 · 窗口受理人汪琳" ||
	fail "the objection is not shown as taken at the counter by the clerk, masked"
expect_not "李卫东"
expect_not "0563-60234567"
scroll_until "汪琳（窗口工作人员）  提出异议 → 公示中"
screen_check "the application with the counter's objection at 80×24"
pass "the operator sees the objection as taken at the counter, the objector masked"
stop_terminal
