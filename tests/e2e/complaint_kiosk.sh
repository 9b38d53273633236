#!/bin/bash
# Complaints, in Chinese: a person signed in at the kiosk complains about
# a booking (F6 in 我的预约与创业券), gets the 投诉编号 and finds it in
# 我的投诉 as 待受理. The supervisor (through the api, as its console
# calls it) accepts it and asks for material; the person answers it; the
# supervisor replies; the person sees the reply, rates it 满意, and the
# rating is shown locked. A counter clerk files one for another person
# with the person's consent and finds that person by the 投诉编号.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 庐阳区: complaints are the counter's business in the complainant's county.
county=340103
id=$(valid_id $county $(random_birth))
id2=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code C)
title="创业政策辅导$svc"
provider="庐阳创业辅导中心$svc"
sql "SELECT wc_admin.provider_add('$code', '$provider', '$county', '合肥市庐阳区阜南路1号', '孙', '0551-65000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'guidance', false, false, 0, false,
     '$county', '面向创业者的免费政策辅导。', '庐阳区创业服务中心1楼', '0551-65000000', 24)" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '10:00')::timestamp, 60, 10, '')")
person=$(sql "SELECT wc_admin.person_import('$id', '赵红梅', '13955506612', '$county', '$county',
     '{}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
person2=$(sql "SELECT wc_admin.person_import('$id2', '钱文斌', '13955506613', '$county', '$county',
     '{}', 'intending', NULL, NULL, NULL, NULL)")

# The person has booked the free service (through the api, as the kiosk does).
kiosk=$(terminal_add kiosk $county)
ktoken=$(as_terminal "$kiosk" "SELECT token FROM api.citizen_login('$id', '583920')")
got=$(as_terminal "$kiosk" "SELECT outcome FROM api.citizen_book('$ktoken', gen_random_uuid(), $slot, NULL, NULL)")
[ "$got" = ok ] || fail "booking the service: $got"
as_terminal "$kiosk" "SELECT api.citizen_logout('$ktoken')" >/dev/null

# --- at the kiosk: a complaint about the booking ---------------------------
start 100 30 -- --kiosk --db "$kiosk"
expect "登录办理"
keys 5
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，赵**"
expect "我的投诉"
expect "我要投诉"
keys 4
expect "我的预约"
expect "$title"
keys F6
expect "提交投诉"
expect "投诉对象    预约"
expect "：$title（"
expect "请选择投诉类别"
expect "未按约定提供服务"
keys 2
expect "请写明发生了什么"
expect "已输入0字，最多2000字"
# nothing written: the form says so and stays
keys F2
expect "此项为必填项。"
text="辅导老师没有按约定时间到场，等了一个小时也没有人通知。"
type_text "$text"
expect "已输入27字，最多2000字"
keys F2
expect "请核对以下内容"
expect "$text"
expect "未按约定提供服务"
# the server drops the kiosk's connection just before it is sent: the
# program connects again and sends the same request, filed once
klogin=$(printf '%s' "$kiosk" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$klogin'" >/dev/null
keys F2
expect "投诉已提交。"
no=$(sql "SELECT string_agg(no, ' ') FROM wc.complaint WHERE person_id = $person")
[ -n "$no" ] || fail "no complaint in the database"
case $no in *" "*) fail "filed more than once: $no" ;; esac
case $no in TS[0-9]*) ;; *) fail "complaint number $no" ;; esac
expect "$no"
due=$(sql "SELECT due_on FROM wc.complaint WHERE no = '$no'")
expect "将在2个工作日内决定是否受理，最迟于${due}。"
doc_screen kiosk-complaint-filed
[ "$(sql "SELECT against || '/' || category || '/' || body FROM wc.complaint WHERE no = '$no'")" = "booking/not_delivered/$text" ] ||
	fail "the complaint in the database is not what was typed"
[ "$(sql "SELECT b.service_id = s.id FROM wc.complaint c JOIN wc.booking b ON b.id = c.booking_id
          JOIN wc.service s ON s.code = '$svc' WHERE c.no = '$no'")" = t ] ||
	fail "the complaint is not about the booking"
pass "a complaint about a booking filed at the kiosk: number and time limit shown"

# 我要投诉 from the home offers the operator, the platform and the bookings.
keys Escape
keys Escape
expect "我要投诉"
keys 6
expect "请选择投诉对象"
expect "运营商：平台运营"
expect "云平台：系统功能"
expect "预约"
expect "$title"
keys Escape
# and a service's page (F6) the service or its provider
keys 3
expect "服务地区：庐阳区"
type_text "$svc"
keys Enter
expect "$title"
keys Enter
expect "服务详情"
expect "F6 投诉"
keys F6
expect "请选择投诉对象"
expect "1  本服务：$title（$provider）"
expect "2  该服务的服务商：$provider"
keys Escape
keys Escape
keys Escape
expect "我的投诉"
keys 5
expect "我的投诉"
expect "$no"
expect "[待受理]"
expect "办理时限：$due"
doc_screen kiosk-complaints
pass "我的投诉 lists it as 待受理 with its time limit"

# --- the supervisor accepts it and asks for material ------------------------
staff=$(terminal_add staff)
super=$(staff_add supervisor 340000 周监督 'Supervise-2026-desk')
stoken=$(as_terminal "$staff" "SELECT token FROM api.staff_login('$super', 'Supervise-2026-desk')")
cid=$(sql "SELECT id FROM wc.complaint WHERE no = '$no'")
act() { # ACTION BODY
	local got
	got=$(as_terminal "$staff" "SELECT outcome FROM api.complaint_act('$stoken', gen_random_uuid(), $cid, '$1', '$2', NULL)")
	[ "$got" = ok ] || fail "the supervisor's $1: $got"
}
act accept ''
act request_info '请说明预约当天的具体时间，以及是否收到改期通知。'
# the list is read again when the person comes back to it
keys Escape
expect "我要投诉"
keys 5
expect "[待补充材料]"
expect "暂停计时"
keys Enter
expect "投诉详情"
expect "【要求补充材料】"
expect "请说明预约当天的具体时间"
expect "请按F2补充"
keys F2
expect "第三方监督单位请您补充："
type_text "预约时间是上午十点，没有收到任何改期通知。"
keys F2
expect "已提交补充材料，投诉继续办理"
expect "【已受理】"
expect "没有收到任何改期通知"
[ "$(sql "SELECT status FROM wc.complaint WHERE no = '$no'")" = accepted ] ||
	fail "the answer did not restart the complaint"
pass "the person answers the supervisor's question"

# --- the supervisor replies; the person rates it ------------------------------
reply="经核实，服务商因人员调整未能按时到场，已向您致歉并安排改期。"
act reply "$reply"
# back from the complaint to the list, which is read again
keys Escape
expect "[已答复]"
expect "答复待您评价"
keys Enter
expect "【答复】"
expect "$reply"
expect "请对下方的答复进行评价"
keys F3
expect "评价答复"
expect "答复内容："
expect "满意"
expect "基本满意"
keys 1
keys Tab
type_text "处理及时。"
keys F2
expect "再按一次F2，确认评价为“满意”。"
keys F2
expect "感谢您的评价。"
expect "您对答复的评价：满意（已评价，不能修改）"
[ "$(sql "SELECT satisfaction FROM wc.complaint WHERE no = '$no'")" = satisfied ] ||
	fail "the rating is not in the database"
keys F3
expect "该答复已评价，评价提交后不能修改。"
expect "您对答复的评价：满意（已评价，不能修改）"
keys Escape
expect "已评价：满意"
pass "the person sees the reply, rates it 满意, and the rating is locked"
stop_terminal
as_terminal "$staff" "SELECT api.staff_logout('$stoken')" >/dev/null

# --- at the counter: a complaint for a person, with consent -----------------
# The person already has as many open complaints as allowed (10).
for i in 1 2 3 4 5 6 7 8 9 10; do
	got=$(sql "SELECT (wc.complaint_file(p, NULL, NULL, gen_random_uuid(), 'platform', NULL,
	           'other', '此前的投诉$i')).outcome FROM wc.person p WHERE p.id = $person2")
	[ "$got" = ok ] || fail "an earlier complaint: $got"
done
clerk=$(staff_add counter $county 吴晓燕 'Luyang-2026-desk')
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Luyang-2026-desk'
keys 2
expect "查找办理人"
type_text "$id2"
keys F2
expect "钱文斌"
keys Enter
expect "办理人信息"
expect "投诉"
# at the smallest size every choice of the page stays on screen
resize 80 24
expect "9  投诉"
expect "统一社会信用代码"
resize 100 30
keys 9
expect "该办理人的投诉"
expect "[待受理]"
expect "云平台"
expect "仅供查看"
keys F2
expect "请选择投诉对象"
keys 1
expect "运营商：平台运营"
keys 9
text2="窗口告知的创业券发放时间与平台公布的不一致。"
type_text "$text2"
keys Tab
type_text "本人到场口头同意"
keys F2
expect "请核对以下内容"
expect "本人到场口头同意"
keys F2
# refused: the message says why, and nothing typed is lost
expect "您未办结的投诉已达上限"
expect "请核对以下内容"
expect "$text2"
keys F3
expect "已输入22字"
keys F2
expect "请核对以下内容"
expect "本人到场口头同意"
sql "UPDATE wc.complaint SET status = 'closed', due_on = NULL WHERE person_id = $person2" >/dev/null
keys F2
expect "投诉已提交。"
no2=$(sql "SELECT no FROM wc.complaint WHERE person_id = $person2 AND against = 'operator'")
[ -n "$no2" ] || fail "no complaint filed at the counter"
expect "$no2"
expect "请将投诉编号告知办理人"
[ "$(sql "SELECT against || '/' || consent || '/' || (staff_id IS NOT NULL) FROM wc.complaint WHERE no = '$no2'")" = "operator/本人到场口头同意/true" ] ||
	fail "the counter's complaint lacks the consent or the clerk"
keys Escape
expect "该办理人的投诉"
expect "$no2"
expect "[待受理]"
pass "a clerk files a complaint for a person with consent"

# The time limit's marks, as the list reads the due date again.
shanghai_day() { echo "((now() AT TIME ZONE 'Asia/Shanghai')::date + $1)"; }
sql "UPDATE wc.complaint SET due_on = $(shanghai_day -1) WHERE no = '$no2'" >/dev/null
keys Enter
expect "投诉详情"
expect "[已超期]"
keys Escape
expect "$(sql "SELECT $(shanghai_day -1)") [已超期]"
sql "UPDATE wc.complaint SET due_on = $(shanghai_day 1) WHERE no = '$no2'" >/dev/null
keys Enter
expect "[即将超期]"
keys Escape
expect "$(sql "SELECT $(shanghai_day 1)") [即将超期]"
sql "UPDATE wc.complaint SET due_on = $(shanghai_day 20) WHERE no = '$no2'" >/dev/null
keys Enter
expect "$(sql "SELECT $(shanghai_day 20)")"
expect_not "超期"
expect_not "尚未公布"
keys Escape
# a due date in a year whose holidays are not announced says so
sql "UPDATE wc.complaint SET due_on = DATE '2099-03-02' WHERE no = '$no2'" >/dev/null
keys Enter
expect "2099-03-02"
expect "尚未公布"
keys Escape
sql "UPDATE wc.complaint SET due_on = $(shanghai_day 20) WHERE no = '$no2'" >/dev/null
pass "overdue and due-soon complaints are marked, and a date counted in ordinary weeks"

# The clerk finds the person by the 投诉编号 (typed in lower case, as a
# person might read it out).
keys Escape
expect "办理人信息"
keys Escape
expect "或投诉编号"
keys Tab Tab Tab Tab
type_text "ts${no2#TS}"
keys F2
expect "办理人信息"
expect "钱文斌"
pass "the person found by the complaint number"
keys 9
expect "$no2"
keys Enter
expect "投诉详情"
expect "$text2"
expect "服务窗口代为提交"
expect "窗口仅供查看"
keys F3
expect_not "F3 评价答复"
pass "the counter sees the timeline read only"
