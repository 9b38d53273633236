#!/bin/bash
# 服务商入驻申请 by the organisation itself at a kiosk (Art. 23), in
# Chinese at 80×24: the welcome offers it; the page says that materials
# are listed, not uploaded, and the steps ahead; the form is the clerk's
# (a wrong credit code is refused at its field); the receipt gives the
# application number and the query code, once. Following it with a
# wrong code is refused with nothing shown; with the right one the steps
# show, the present one marked. The operator finds it in the queue to
# review as any other, entered by the organisation at a kiosk.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
code=$(valid_code $county)
org="合肥自助入驻科技服务有限公司$(printf '%010d' "$(uniq)")"
contact=$(valid_id $county $(random_birth))
kiosk=$(terminal_add kiosk $county)
klogin=$(printf '%s' "$kiosk" | sed -n 's/.*user=\([^ ]*\).*/\1/p')

start 80 24 -- --kiosk --db "$kiosk"
expect "蜀山区自助服务终端"
menu_pick "服务商入驻申请"
expect "材料种类和编号"
expect "第三方监督单位复核"
screen_check "the application's page"
menu_pick "填写入驻申请"
expect "第1步，共3步：机构信息（以营业执照为准）"
# a wrong check character is refused as the field is left
bad=${code:0:17}$([ "${code:17:1}" = 0 ] && echo 1 || echo 0)
type_text "$bad"; keys Tab
expect "校验位"
keys BTab C-u
type_text "$code"; keys Tab
type_text "$org"; keys Tab
type_text "1"; keys Tab
type_text "蜀山区"; keys Tab
type_text "合肥市蜀山区黄山路66号"; keys Tab
type_text "刘德明"; keys Tab
type_text "7 10"
screen_check "the form, page 1"
keys F2
expect "第2步，共3步"
type_text "刘晓燕"; keys Tab
type_text "$contact"; keys Tab
type_text "13955507788"; keys Tab
type_text "1 营业执照副本复印件"; keys Tab
type_text "2 人力资源服务许可证"
keys F2
expect "第3步，共3步"
expect_not "补正说明"
for _ in 1 2 3 4; do type_text "1"; keys Tab; done
screen_check "the form, page 3"
keys F2
expect "申请已提交"
no=$(sql "SELECT a.no FROM wc.provider_application a JOIN wc.application_kiosk k
     ON k.application_id = a.id WHERE k.terminal = '$klogin'")
case $no in RZ[0-9]*) ;; *) fail "application number \"$no\"" ;; esac
expect "申请编号：$no"
qcode=$(screen_text | sed -n 's/.*查询码：\([0-9]\{8\}\).*/\1/p' | head -n 1)
[ -n "$qcode" ] || fail "no query code on the receipt"
expect "请现在记下申请编号和查询码"
screen_check "the receipt"
[ "$(sql "SELECT status || ' ' || (staff_id IS NULL) || ' ' || region
     || ' ' || (SELECT count(*) FROM wc.application_material m WHERE m.application_id = a.id)
     FROM wc.provider_application a WHERE no = '$no'")" = "submitted true $county 2" ] ||
	fail "the application as stored"
[ "$(sql "SELECT count(*) FROM wc.application_kiosk WHERE position('$qcode' in query_enc::text) > 0")" = 0 ] ||
	fail "the query code stored in clear"
pass "an organisation files its own application at a kiosk and gets its number and query code"

# --- following it ---------------------------------------------------------------
keys Escape
expect "凭申请编号和查询码"
menu_pick "查询申请进度"
expect "申请编号和查询码在提交申请时的回执上"
type_text "$no"; keys Tab
wrong=$(printf '%08d' $(( (10#$qcode + 1) % 100000000 )))
type_text "$wrong"; keys F2
expect "没有相符的申请，请核对申请编号和查询码"
expect_not "$org"
type_text "$qcode"; keys F2
expect "申请进度"
expect "申请编号$no：$org"
expect "当前状态：待初审"
expect "受理 → 【初审】 → 复核"
expect "提交申请"
screen_check "the steps" "$org"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'application_kiosk_lookup' AND object = '$no'")" = 2 ] ||
	fail "the lookups were not audited"
pass "with its number and code the organisation follows the steps; a wrong code shows nothing"
stop_terminal

# --- the operator's queue -----------------------------------------------------------
staff=$(terminal_add staff)
op=$(staff_add operator 340000 郑凯 'Operator-2026-apply')
start 80 24 -- --db "$staff"
sign_in "$op" 'Operator-2026-apply'
menu_pick "服务商入驻审核"
expect "列表：待我办理"
keys F3
type_text "$no"
keys Enter
expect "[待初审      ] $no"
keys Enter
expect "申请编号"
expect "$org"
expect "录入人"
expect "服务机构本身（自助服务终端）"
pass "the operator finds it waiting for the initial review, entered by the organisation"
