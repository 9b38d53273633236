#!/bin/bash
# Vouchers and booking, in Chinese: a clerk issues a voucher after the
# system checks the programme; the person signs in at the kiosk, books a
# voucher-paid service, sees the balance drop, cancels, sees it restored.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 瑶海区: no other test issues from programmes with a budget there.
county=340102
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code R)
title="创业培训实训班$svc"
sql "SELECT wc_admin.provider_add('$code', '瑶海创业服务中心$svc', '$county', '合肥市瑶海区长江东路1号', '周', '0551-64000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'training', true, false, 150000, true,
     '$county', '面向意向创业者的实训课程。', '瑶海区创业大厦3楼', '0551-64000000', 24)" >/dev/null
# its description longer than the page has rows for, its end marked
about="$(printf '代办商标注册申请，含商标查询、类别选择、申请书填写与递交、补正答复。%.0s' $(seq 40))（完）$svc"
sql "SELECT wc_admin.service_add('${svc}A', '$code', '商标注册代理$svc', 'agency', true, true, 80000, false,
     '$county', '$about', '', '服务热线0551-64999999', 24)" >/dev/null
sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 180, 30, '')" >/dev/null
# earlier runs against this database left their programmes: close them
sql "UPDATE wc.voucher_programme SET active = false WHERE code LIKE 'PE2E%'" >/dev/null
sql "SELECT wc_admin.programme_add('P$svc', '电子创业券（测试）', 200000, 12, '{training,guidance}', '{graduate}', 'intending', '年龄>=16')" >/dev/null
sql "SELECT wc_admin.budget_set('P$svc', '$county', 1000000)" >/dev/null
person=$(sql "SELECT wc_admin.person_import('$id', '张晓明', '13955501234', '$county', '$county',
     '{graduate}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null

# The counter issues the voucher.
staff=$(terminal_add staff)
clerk=$(staff_add counter $county 陈静 'Yaohai-2026-desk')
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Yaohai-2026-desk'
find_person "$id" 张晓明
keys 5
expect "可发放的创业券项目"
expect "电子创业券（测试）  2000元，有效期12个月，可用于培训、指导"
expect "符合条件，可以发放"
doc_screen counter-voucher
keys F2
expect "再按一次F2，确认发放该创业券。"
keys F2
expect "创业券已发放，余额2000元"
expect "已向该办理人发放过"
[ "$(sql "SELECT balance_fen FROM wc.voucher WHERE person_id = $person")" = 200000 ] ||
	fail "the voucher is not in the database"
pass "voucher issued at the counter after the checks"

# Art. 19: the counter records a department's purchase of places; it
# waits for the provincial department (purchase.sh follows it further).
keys Escape
keys Escape
keys Escape
expect "工作台"
keys 4
expect "服务地区：瑶海区"
type_text "$svc"
keys Enter
expect "$title"
keys Enter
expect "F4 政府购买服务"
keys F4
expect "政府购买服务登记"
expect "暂无"
type_text "瑶海区退役军人事务局"
keys Tab Tab
keys BSpace
type_text "3"
keys Tab
type_text "5"
keys F2
expect "已报送政府购买服务"
expect "[待审批] 瑶海区退役军人事务局：瑶海区，退役军人，已使用0个名额（共5个）"
[ "$(sql "SELECT units || '/' || group_code FROM wc.purchase p JOIN wc.service s ON s.id = p.service_id WHERE s.code = '$svc'")" = 5/veteran ] ||
	fail "the purchase is not in the database"
pass "a government purchase recorded at the counter"
stop_terminal

# The person books at the kiosk with it.
kiosk=$(terminal_add kiosk $county)
start 100 30 -- --kiosk --db "$kiosk"
expect "服务目录"

# Art. 21: a paid service vouchers cannot pay for shows the risk notice,
# and its contact details only after the person has read it.
keys 3
type_text "代理 $svc"
keys Enter
expect "商标注册代理$svc"
expect "800元，不可用创业券"
keys Enter
expect "风险提示（《办法》第二十一条）"
expect_not "0551-64999999"
keys Enter
expect "服务热线0551-64999999"
expect_not "风险提示"
pass "Art. 21 notice before the contact details"
# the description cut with its mark; F5 shows it whole
expect "代办商标注册申请"
expect_not "（完）$svc"
keys F5
expect "服务介绍"
# every row whole, the last one reached
screen_settled | grep -qF "..." && fail "F5 shows the description cut"
scroll_until "（完）$svc"
screen_settled | grep -qF "..." && fail "F5 shows the description cut"
keys Escape
expect "服务热线0551-64999999"
pass "a description longer than the page: cut, and F5 shows it whole"
keys Escape
keys Escape
expect "登录办理"
keys 5
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，张**"
keys 3
expect "服务地区：瑶海区"
keys F5
expect "服务地区：合肥市及所辖县区"
keys F5
expect "服务地区：全省"
keys F5
expect "服务地区：瑶海区"
type_text "$svc"
keys Enter
expect "$title"
expect "1500元，可用创业券"
keys Enter
expect "服务详情"
expect "瑶海创业服务中心$svc"
expect_not "风险提示"
keys F2
expect "第1步（共3步）"
expect "剩余名额30（共30）"
doc_screen kiosk-book
keys Enter
expect "第2步（共3步）"
expect "创业券“电子创业券（测试）”：余额2000元"
keys Enter
expect "第3步（共3步）"
expect "创业券支付"
keys F2
expect "预约成功"
expect "预约编号"
no=$(sql "SELECT no FROM wc.booking WHERE person_id = $person AND status = 'booked'")
[ -n "$no" ] || fail "no booking in the database"
expect "$no"
doc_screen kiosk-booked
screen_text | grep -qE "创业券当前余额 +500元" || fail "the balance after booking is not 500元"
pass "booked with the voucher: number and balance shown"

keys Escape
keys Escape
keys Escape
expect "我的预约与创业券"
expect "创业券“电子创业券（测试）”：余额500元，有效期至"
expect "未完成的预约1项；最近一项："
pass "the home screen shows the voucher's balance and the open booking"
keys 4
expect "我的创业券"
expect "余额500元，已冻结1500元"
expect "[已预约]"
expect "按F4取消"
doc_screen kiosk-mine
keys F4
expect "再按一次F4，确认取消该预约。"
keys F4
expect "已取消预约，名额已释放，冻结的1500元已退回创业券。"
expect "余额2000元"
expect "[已取消]"
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no'")" = cancelled ] ||
	fail "the booking is not cancelled in the database"
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE person_id = $person")" = 200000/0 ] ||
	fail "the voucher is not restored in the database"
[ "$(sql "SELECT taken FROM wc.slot s JOIN wc.service v ON v.id = s.service_id WHERE v.code = '$svc'")" = 0 ] ||
	fail "the seat is not released"
pass "cancelled: seat and voucher restored"

# The session ends on the server (as after the idle limit): the next call
# finds it, and the kiosk goes back to a clean welcome.
sql "UPDATE wc.citizen_session SET ended_at = now() WHERE person_id = $person" >/dev/null
keys Escape
expect "登录已失效，请重新登录。"
expect "欢迎使用安徽省创业服务云平台"
expect_not "余额"
pass "an expired session ends at the next call, screen wiped"
