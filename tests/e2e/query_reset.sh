#!/bin/bash
# 重设查询码, in Chinese at 80×24: an organisation applied itself at a
# kiosk and lost its query code. The kiosk's lookup, given a wrong code,
# says to go to the service counter, and the page says which one and
# what to bring. The clerk of the application's county finds it by its
# credit code, checks the licence and the agent's ID (a check not
# affirmed is refused at its field), types the agent's name and ID
# number, and issues a new code, shown once. The kiosk's lookup then
# refuses the old code and shows the steps with the new one; the reset
# is in the register with the agent's ID masked, and in the audit log.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
code=$(valid_code $county)
org="合肥重设查询码服务有限公司$(printf '%010d' "$(uniq)")"
contact=$(valid_id $county $(random_birth))
agent=$(valid_id $county $(random_birth))
kiosk=$(terminal_add kiosk $county)

# filed by the organisation at the kiosk, as the kiosk's form files it
read -r no old < <(as_terminal "$kiosk" "SELECT application_no || ' ' || query_code
     FROM api.kiosk_application_submit(NULL, gen_random_uuid(), '$code', '$org', 'enterprise',
     '$county', '合肥市蜀山区黄山路88号', '刘德明', '刘晓燕', '$contact', '13955507788',
     '{tax}', '{t,t,t,t}', '{license}', '{营业执照副本}')")
case $no in RZ[0-9]*) ;; *) fail "application number \"$no\"" ;; esac
case $old in [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) ;; *) fail "query code \"$old\"" ;; esac

# lookup NUMBER CODE: at the kiosk's 查询申请进度, from its welcome page.
lookup_open() {
	expect "蜀山区自助服务终端"
	menu_pick "服务商入驻申请"
	menu_pick "查询申请进度"
	expect "申请编号和查询码在提交申请时的回执上"
}

# --- the lost code: the kiosk says where to go ------------------------------------
start 80 24 -- --kiosk --db "$kiosk"
lookup_open
expect "营业执照和经办人身份证"
expect "服务窗口重设查询码"
type_text "$no"; keys Tab
lost=$(printf '%08d' $(( (10#$old + 5) % 100000000 )))
type_text "$lost"; keys F2
expect "没有相符的申请，请核对申请编号和查询码；查询码遗失的，请到服务窗口重设。"
expect_not "$org"
screen_check "the lookup refused"
pass "the kiosk's lookup, refusing a code, says the service counter issues a new one"
stop_terminal

# --- the clerk of its county issues a new one ------------------------------------
staff=$(terminal_add staff)
clerk=$(staff_add counter $county 许静 'Shushan-2026-reset')
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-reset'
menu_pick "服务商入驻审核"
expect "列表：待我办理"
keys F3
type_text "$code"
keys Enter
expect "$no"
keys Enter
expect "申请编号$no"
expect "服务机构本身（自助服务终端）"
expect_bar "F5 重设查询码"
keys F5
expect "请核验营业执照原件"
expect "统一社会信用代码：$code"
screen_check "the reset's page"
type_text "刘晓燕"; keys Tab
type_text "$agent"; keys Tab
type_text "0"; keys Tab
expect "核验无误后输入 1。"
keys BTab C-u
type_text "1"; keys Tab
type_text "1"
keys F2
expect "新查询码："
new=$(screen_text | sed -n 's/.*新查询码：\([0-9]\{8\}\).*/\1/p' | head -n 1)
[ -n "$new" ] || fail "no new query code on the screen"
[ "$new" != "$old" ] || fail "the new query code is the old one"
expect "新查询码只显示这一次"
expect "已重设查询码，原查询码已失效。"
screen_check "the new code"
masked="${agent:0:6}***********${agent:17:1}"
[ "$(sql "SELECT r.agent_name || ' ' || r.agent_id_masked || ' ' || s.username
     FROM wc.application_query_reset r JOIN wc.staff s ON s.id = r.staff_id
     JOIN wc.provider_application a ON a.id = r.application_id WHERE a.no = '$no'")" = \
	"刘晓燕 $masked $clerk" ] || fail "the register of the reset"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'application_query_reset'
     AND object = '$no' AND detail->>'agent_id' = '$masked'
     AND position('$agent' in detail::text) = 0")" = 1 ] || fail "the reset's audit row"
# left, the code is gone from the screen for good
keys Escape
expect "申请编号$no"
expect_not "$new"
pass "the clerk finds the application by credit code, checks the agent and issues a new code once"
stop_terminal

# --- the old code no longer works; the new one does -------------------------------
start 80 24 -- --kiosk --db "$kiosk"
lookup_open
type_text "$no"; keys Tab
type_text "$old"; keys F2
expect "没有相符的申请"
expect_not "$org"
type_text "$new"; keys F2
expect "申请进度"
expect "申请编号$no：$org"
expect "当前状态：待初审"
screen_check "the steps with the new code" "$org"
pass "at the kiosk the old code is refused and the new one shows the steps"
