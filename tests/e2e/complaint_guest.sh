#!/bin/bash
# A person who is not registered complains at a kiosk, in Chinese at
# 80×24. The administrator sets the county counter's telephone; the
# welcome shows it. 我要投诉 asks whom it concerns, the category, what
# happened, a name and a mobile number (a bad number is refused at the
# field); Esc with text typed asks before discarding; the check has the
# consent line, and F2 without it is refused. The receipt gives the
# 投诉编号 and the counter's telephone. The supervisor finds it in the
# queue marked as from a person not registered, the number masked; F9
# on the complaint shows it whole and the audit log records that.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 舒城县: no other test sets its counter's telephone
county=341523
phone=0564-8623456
admin_zh region phone "$county" "0564 8623456" >/dev/null
[ "$rc" = 0 ] || fail "region phone: $out"
case $out in *"$phone"*) ;; *) fail "region phone said: $out" ;; esac
admin_zh region phone "$county" 12345 >/dev/null
[ "$rc" = 1 ] || fail "a bad number was taken: $out"
case $out in *"不是电话号码"*) ;; *) fail "a bad number: $out" ;; esac
admin_zh region phone 341500 "$phone" >/dev/null
[ "$rc" = 1 ] || fail "a city was given a counter telephone: $out"
case $out in *"只能按县"*) ;; *) fail "a city's telephone: $out" ;; esac
pass "wanchuang-admin region phone sets a county's counter telephone and refuses others"

kiosk=$(terminal_add kiosk $county)
klogin=$(printf '%s' "$kiosk" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
start 80 24 -- --kiosk --db "$kiosk"
expect "舒城县自助服务终端"
expect "服务窗口电话：$phone"
menu_pick "我要投诉"
expect "请选择投诉对象"
expect "无需登记"
keys 2
expect "请选择投诉类别"
keys 9
expect "平台使用"
text="自助终端查询政策时屏幕一直显示错误，工作人员也说不清楚。"
type_text "$text"
# leaving with text typed asks first; another key goes on
keys Escape
expect "放弃已填写的内容吗"
keys Tab
expect_not "放弃已填写的内容吗"
type_text "张伟"
keys Tab
type_text "1391234"
keys F2
expect "手机号码应为11位数字"
screen_check "the form"
keys C-u
mobile=139$(printf '%08d' $(( $(uniq) % 100000000 )))
type_text "$mobile"
keys F2
expect "请核对以下内容"
expect "张伟"
expect "[ ] 本人同意"
# not ticked: refused, nothing sent
keys F2
expect "请按F4勾选同意"
[ "$(sql "SELECT count(*) FROM wc.complaint_guest WHERE terminal = '$klogin'")" = 0 ] ||
	fail "sent without consent"
keys F4
expect "[√] 本人同意"
screen_check "the check"
keys F2
expect "投诉已提交。"
no=$(sql "SELECT c.no FROM wc.complaint c JOIN wc.complaint_guest g ON g.complaint_id = c.id
     WHERE g.terminal = '$klogin'")
case $no in TS[0-9]*) ;; *) fail "complaint number \"$no\"" ;; esac
expect "$no"
expect "服务窗口电话：$phone"
expect "请记下投诉编号"
screen_check "the receipt"
[ "$(sql "SELECT person_id IS NULL AND body = '$text' FROM wc.complaint WHERE no = '$no'")" = t ] ||
	fail "the complaint as stored"
[ "$(sql "SELECT count(*) FROM wc.complaint_guest g WHERE position('$mobile' in g::text) > 0")" = 0 ] ||
	fail "the mobile number stored in clear"
pass "a person not registered files at the kiosk: consent asked, number and counter telephone shown"
stop_terminal

# --- the supervisor's queue -------------------------------------------------------
pw='Supervise-2026-guest'
super=$(staff_add supervisor 340000 钱监督 "$pw")
staff=$(terminal_add staff)
start 80 24 -- --db "$staff"
sign_in "$super" "$pw"
menu_pick "投诉处理"
expect "按办理时限排序"
keys F4; type_text "舒城县"; keys Enter
expect "地区：舒城县"
keys F2
expect "状态：待受理"
expect "$no"
expect "未登记人员：张*，手机尾号${mobile:7:4}"
keys F8; type_text "$no"; keys Enter
expect "投诉 $no"
expect "投诉人：张*（未登记人员），手机号码 *******${mobile:7:4}"
keys F9
expect "手机号码 $mobile（完整显示"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'complaint_guest_reveal' AND object = '$no'")" = 1 ] ||
	fail "the reveal was not audited"
pass "the supervisor sees it in the queue, marked and masked; the full number is audited"
stop_terminal

# --- the county's counter, asked by the number ----------------------------------
pw='Shucheng-2026-desk'
clerk=$(staff_add counter $county 孙晓丽 "$pw")
start 80 24 -- --db "$staff"
sign_in "$clerk" "$pw"
keys 2
expect "或投诉编号"
keys Tab Tab Tab
type_text "$no"
keys F2
expect "投诉 $no"
expect "投诉人：张*（未登记人员），手机号码 *******${mobile:7:4}"
expect_not "F9"
pass "the counter finds a guest's complaint by its number and reads it"
