#!/bin/bash
# 转办 in Chinese at 80×24: the supervisor forwards a complaint being
# handled to the provider it concerns, with the time limit in working
# days (the due day is the calendar's); the provider's staff find it
# under 待说明的投诉, the complainant's name and mobile number masked, and
# answer (说明情况) once; the supervisor sees the answer on the complaint's
# page and in its timeline, and the database holds both steps. The
# operator finds what is forwarded to the operator in the same list.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 泾县: no other e2e test files complaints there.
county=341823
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 汪小燕 13955501234 $county 583920)
code=$(valid_code $county)
svc=$(e2e_code F)
sql "SELECT wc_admin.provider_add('$code', '泾县创业服务中心$svc', '$county', '泾县城关', '汪', '0563-5000000')" >/dev/null
sid=$(sql "SELECT wc_admin.service_add('$svc', '$code', '创业指导$svc', 'guidance', false, false, 0,
     false, '$county', '一对一创业指导。', '泾县', '0563-5000000', 24)")
words="指导老师没有按时到，汪小燕等了一小时，请回电13955501234。编号$svc"
no=$(sql "SELECT (wc.complaint_file(p, NULL, NULL, gen_random_uuid(), 'service', $sid,
           'quality', '$words')).complaint_no FROM wc.person p WHERE p.id = $person")
case $no in TS*) ;; *) fail "the complaint was not filed: $no" ;; esac

staff=$(terminal_add staff)
sup=$(staff_add supervisor 340000 郑监督 'Jing-2026-sup')
prov=$(PROVIDER=$code staff_add provider $county 汪敏 'Jing-2026-prov')
stoken=$(as_terminal "$staff" "SELECT token FROM api.staff_login('$sup', 'Jing-2026-sup')")
cid=$(sql "SELECT id FROM wc.complaint WHERE no = '$no'")
accepted=$(as_terminal "$staff" "SELECT outcome FROM api.complaint_act('$stoken', gen_random_uuid(), $cid, 'accept', '', NULL)")
[ "$accepted" = ok ] || fail "the complaint was not accepted: $accepted"
due=$(sql "SELECT wc.workdays_after(wc.today(), 5)")

# open_complaint: from the supervisor's home, the complaint by its number.
open_complaint() {
	menu_pick "投诉处理"
	expect "按办理时限排序"
	keys F8
	type_text "$no"; keys Enter
	expect "投诉 $no"
}

# --- the supervisor forwards it ------------------------------------------------
start 80 24 -- --db "$staff"
sign_in "$sup" 'Jing-2026-sup'
open_complaint
expect_bar "F3 转办"
keys F3
expect "将投诉 $no 转办说明情况"
expect "1. 服务商：泾县创业服务中心$svc"
screen_check "forward form"
keys C-u
type_text "请说明老师未按时到场的原因及处理情况"
keys F2
expect "已转办，请对方于${due}前说明情况。"
scroll_until "转办至泾县创业服务中心$svc"
scroll_until "${due}前说明"
scroll_until "尚待说明。"
[ "$(sql "SELECT count(*) FROM wc.complaint_forward WHERE complaint_id = $cid AND answer_event IS NULL")" = 1 ] ||
	fail "the forwarding is not in the database"
pass "the supervisor forwards with the time limit in working days"
stop_terminal

# --- the provider's staff answer -----------------------------------------------
start 80 24 -- --db "$staff"
sign_in "$prov" 'Jing-2026-prov'
menu_pick "待说明的投诉"
expect "$no"
select_row "$no"
keys Enter
expect "投诉人：汪**（个人信息已脱敏）"
expect "139****1234"
expect_not "13955501234"
expect_not "汪小燕"
expect "第三方监督要求说明（时限5个工作日，${due}前说明）"
screen_check "explain form"
type_text "老师途中车辆故障，已向投诉人致歉并安排补课。"
keys F2
expect "已提交。第三方监督将在投诉办理记录中看到您的说明。"
expect "[已说明] $no"
pass "the provider reads it masked and answers once"
stop_terminal

# --- the operator's list has what was forwarded to the operator ------------------
op=$(staff_add operator 340000 钱运营 'Jing-2026-op')
sent=$(as_terminal "$staff" "SELECT outcome FROM api.complaint_forward('$stoken', gen_random_uuid(), $cid,
       'operator', 3, '请说明平台上该服务的展示信息')")
[ "$sent" = ok ] || fail "the complaint was not forwarded to the operator: $sent"
start 80 24 -- --db "$staff"
sign_in "$op" 'Jing-2026-op'
menu_pick "待说明的投诉"
# the list itself first: a cursor read off the menu would select the wrong row
expect "[待说明] $no"
select_row "\[待说明\] $no"
keys Enter
expect "投诉人：汪**（个人信息已脱敏）"
expect "请说明平台上该服务的展示信息"
expect_not "13955501234"
pass "the operator finds what was forwarded to the operator"
stop_terminal

# --- the supervisor reads the answer --------------------------------------------
start 80 24 -- --db "$staff"
sign_in "$sup" 'Jing-2026-sup'
open_complaint
scroll_until "说明情况：老师途中车辆故障"
scroll_until "已说明情况"
[ "$(sql "SELECT count(*) FROM wc.complaint_event WHERE complaint_id = $cid AND action = 'explain'
          AND body = '老师途中车辆故障，已向投诉人致歉并安排补课。'")" = 1 ] ||
	fail "the answer is not in the complaint's timeline"
pass "the supervisor sees the answer in the timeline"
