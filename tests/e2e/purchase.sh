#!/bin/bash
# 政府购买服务 (Art. 19) at 80×24, in Chinese: a city's department (六安市)
# proposes two purchases of places of a paid service; neither can be
# booked until the provincial department decides. The bureau approves
# one on 购买服务审批 and refuses the other with a reason (the reason
# typed survives the panel being closed); the department sees both
# states and the reason on the service's page; a veteran of 金安区 books
# free at the kiosk with the approved one; 购买服务使用情况 shows 1 of 2
# places used, and its export is a GB18030 sheet, audited.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

city=341500   # 六安市
county=341502 # 金安区
export WANCHUANG_EXPORT_DIR="$E2E_DIR"
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
tag=$(e2e_code G)
title="创业培训$tag"
sql "SELECT wc_admin.provider_add('$code', '金安创业服务中心$tag', '$county', '六安市金安区梅山路1号', '吴', '0564-33000000')" >/dev/null
sql "SELECT wc_admin.service_add('$tag', '$code', '$title', 'training', true, false, 60000, true,
     '$county', '面向退役军人的创业培训。', '金安区创业大厦2楼', '0564-33000000', 24)" >/dev/null
sql "SELECT wc_admin.slot_add('$tag', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 180, 10, '')" >/dev/null
person_with_pin "$id" 孙国强 13955507788 $county 583920 '{veteran}' >/dev/null
staff=$(terminal_add staff)
clerk=$(staff_add counter $city 许敏 'Luan-2026-city')
bureau=$(staff_add bureau 340000 周审批 'Bureau-2026-buy')

# service_page: from a home, the service's page through 服务目录.
service_page() {
	menu_pick "服务目录"
	expect "服务地区"
	type_text "$tag"
	keys Enter
	expect "$title"
	keys Enter
}

# open_purchases: from the clerk's home, the service's 政府购买服务登记.
open_purchases() {
	service_page
	expect "F4 政府购买服务"
	keys F4
	expect "政府购买服务登记"
}

# The city's department proposes: 2 places for veterans, 1 for everyone.
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Luan-2026-city'
open_purchases
expect "暂无"
type_text "六安市退役军人事务局"
keys Tab Tab
keys BSpace
type_text "3"
keys Tab
type_text "2"
keys F2
expect "已报送政府购买服务"
keys F3
expect "[待审批] 六安市退役军人事务局：六安市，退役军人，已使用0个名额（共2个）"
keys Escape
expect "F3 该服务的政府购买记录"
type_text "六安市就业服务中心"
keys Tab Tab
keys BSpace
type_text "0"
keys Tab
type_text "1"
keys F2
keys F3
expect "[待审批] 六安市就业服务中心：六安市，不限，已使用0个名额（共1个）"
keys Escape
[ "$(sql "SELECT string_agg(p.status, ',' ORDER BY p.id) FROM wc.purchase p JOIN wc.service s ON s.id = p.service_id WHERE s.code = '$tag'")" = proposed,proposed ] ||
	fail "the proposals are not waiting in the database"
pass "a city's department proposes; the purchases wait for approval"
stop_terminal

kiosk=$(terminal_add kiosk $county)

# The bureau decides on 购买服务审批.
start 80 24 -- --db "$staff"
sign_in "$bureau" 'Bureau-2026-buy'
menu_pick "购买服务审批"
expect "待审批"
select_row "1200元  $title"
keys Enter
expect "购买单位：六安市退役军人事务局（许敏登记"
expect "服务对象：六安市，退役军人"
expect "购买名额：2个名额 × 600元 = 1200元"
keys Escape
expect "购买服务审批"
select_row "1200元  $title"
keys F5
expect "再按一次F5"
keys F5
expect "已同意：符合条件的人员即可预约这些名额。"
select_row "600元  $title"
keys F6
expect "请填写不同意的理由"
type_text "本年度预算未列入"
keys Escape
expect_gone "本年度预算未列入"
keys F6
expect "本年度预算未列入"
keys F6
expect "再按一次F6"
keys F6
expect "不同意：报送部门可看到理由。"
[ "$(sql "SELECT string_agg(p.status || coalesce(':' || p.refuse_reason, ''), ',' ORDER BY p.id) FROM wc.purchase p JOIN wc.service s ON s.id = p.service_id WHERE s.code = '$tag'")" = "approved,refused:本年度预算未列入" ] ||
	fail "the decisions are not in the database"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.purchase p ON a.detail->>'purchase' = p.id::text
     JOIN wc.service s ON s.id = p.service_id WHERE s.code = '$tag' AND a.action IN ('purchase_approve', 'purchase_refuse')")" = 2 ] ||
	fail "the decisions are not audited"
pass "the bureau approves one and refuses the other with its reason"
stop_terminal

# The department sees the states and the reason.
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Luan-2026-city'
open_purchases
keys F3
expect "[不同意] 六安市就业服务中心"
expect "不同意的理由：本年度预算未列入"
expect "[已同意] 六安市退役军人事务局"
pass "the department sees the decisions where it proposed"
stop_terminal

# The veteran books free at the kiosk with the approved purchase.
start 80 24 -- --kiosk --db "$kiosk"
expect "服务目录"
kiosk_sign_in "$id" 583920 "您好，孙**"
service_page
expect "服务详情"
keys F2
expect "第1步（共3步）"
keys Enter
expect "第2步（共3步）"
expect "六安市退役军人事务局购买的服务（免费，剩余名额2）"
expect_not "六安市就业服务中心购买的服务"
keys Enter
expect "第3步（共3步）"
keys F2
expect "预约成功"
[ "$(sql "SELECT b.offline_fen || '/' || p.used FROM wc.booking b JOIN wc.purchase p ON p.id = b.purchase_id JOIN wc.service s ON s.id = b.service_id WHERE s.code = '$tag'")" = 0/1 ] ||
	fail "the booking did not use the purchase"
pass "the veteran books free with the approved purchase"
stop_terminal

# 购买服务使用情况: the department's own area, then the export.
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Luan-2026-city'
menu_pick "购买服务使用情况"
expect "地区：六安市"
select_row "六安市合计"
keys Up
expect "$title（金安创业服务中心$tag）"
expect "购买2个名额，已预约未服务1个，已完成0个，剩余1个"
expect "其中已使用600元"
before=$(sql "SELECT count(*) FROM wc.audit WHERE action = 'purchase_usage_export'")
keys F6
expect "已导出 "
file=$(ls -t "$E2E_DIR"/购买服务使用情况-六安市-*.csv | head -n 1)
sheet=$(iconv -f GB18030 -t UTF-8 "$file") || fail "the sheet does not decode from GB18030"
printf '%s\n' "$sheet" | grep -q "^六安市,六安市退役军人事务局,$title,金安创业服务中心$tag,退役军人,2,1,0,1,600.00,1200.00,600.00," ||
	fail "the sheet lacks the purchase's line: $(printf '%s\n' "$sheet" | grep -F "$tag")"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'purchase_usage_export'")" -gt "$before" ] ||
	fail "the export is not audited"
pass "the usage report shows 1 of 2 places used, and exports it"
