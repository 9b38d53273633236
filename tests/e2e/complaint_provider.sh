#!/bin/bash
# A provider's staff complain against the operator or the platform from
# the provider's console, in Chinese at 80×24: 本机构提出的投诉, F2, whom
# it concerns (only the operator or the platform are offered), the
# category, the text, the check, the receipt with the 投诉编号. The
# complaint is listed there with its status and the date its next step is
# due, and opens with its timeline. The supervisor finds it in the queue
# marked with the provider's name, and on its page.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 凤台县: no other e2e test files complaints there.
county=340421
code=$(valid_code $county)
svc=$(e2e_code P)
name="凤台创业服务中心$svc"
sql "SELECT wc_admin.provider_add('$code', '$name', '$county', '凤台县城关镇', '钱', '0554-4000000')" >/dev/null

staff=$(terminal_add staff)
pw='Fengtai-2026-prov'
prov=$(PROVIDER=$code staff_add provider $county 钱敏 "$pw")
start 80 24 -- --db "$staff"
sign_in "$prov" "$pw"
menu_pick "本机构提出的投诉"
expect "您还没有投诉。按F2提交投诉。"
screen_check "the provider's own complaints, none yet"
keys F2
expect "请选择投诉对象"
expect "运营商"
expect "云平台"
expect_not "服务目录"
screen_check "whom a provider complains of"
keys 1
expect "请选择投诉类别"
menu_pick "其他"
text="运营商三周未处理本机构的服务变更申请，电话也无人接听。编号$svc"
type_text "$text"
keys F2
expect "请核对以下内容"
expect_not "同意"
screen_check "the provider's complaint, checked"
keys F2
expect "投诉已提交。"
expect "本机构提出的投诉"
screen_check "the provider's receipt"
no=$(sql "SELECT c.no FROM wc.complaint c JOIN wc.complaint_provider p ON p.complaint_id = c.id
          WHERE c.body = '$text'")
case $no in TS*) ;; *) fail "the complaint was not filed: $no" ;; esac
expect "$no"
[ "$(sql "SELECT against || ' ' || status FROM wc.complaint WHERE no = '$no'")" = "operator submitted" ] ||
	fail "the complaint is not against the operator, waiting to be accepted"
pass "a provider's staff file a complaint against the operator, with its receipt"

keys Escape
expect "$no"
expect "待受理"
expect "办理时限："
screen_check "the provider's own complaints"
keys Enter
expect "投诉编号 $no"
expect "运营商三周未处理"
screen_check "one of the provider's complaints"
keys Escape Escape
expect "工作台"
pass "the provider follows its complaint: status, time limit, timeline"
stop_terminal

pw='Fengtai-2026-sup'
super=$(staff_add supervisor 340000 孙监督 "$pw")
start 80 24 -- --db "$staff"
sign_in "$super" "$pw"
menu_pick "投诉处理"
expect "按办理时限排序"
keys F4; type_text "凤台县"; keys Enter
expect "地区：凤台县"
expect "$no"
expect "服务商投诉：凤台创业服务中心"
screen_check "the supervisor's queue with a provider's complaint"
keys F8; type_text "$no"; keys Enter
expect "投诉 $no"
expect "投诉人：服务商$name（由其工作人员提交）"
pass "the supervisor sees the complaint marked with the provider's name"
stop_terminal
