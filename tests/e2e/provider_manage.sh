#!/bin/bash
# 服务商管理, in Chinese: the operator finds a provider whose person holds
# a voucher-paid booking inside the cancellation cut-off, suspends it
# (暂停服务) with a reason, pressed twice; the screen says one booking was
# cancelled and 1500元 released; the history shows the step; the person's
# 我的预约 at the kiosk shows 已取消：<the reason> and the voucher whole
# again; the service has left the catalogue.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 长丰县: no other e2e test books there.
county=340121
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code M)
name="长丰创业服务中心$svc"
title="创业实训营$svc"
reason="营业执照已被吊销，暂停服务待核查"
sql "SELECT wc_admin.provider_add('$code', '$name', '$county', '长丰县水湖镇1号', '钱', '0551-66000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'training', true, false, 150000, true,
     '$county', '为期两天的实训营。', '长丰县创业园', '0551-66000000', 24)" >/dev/null
# tomorrow at nine: inside the 24-hour cut-off, the person could not cancel it
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 1 + time '09:00')::timestamp, 120, 20, '')")
person=$(sql "SELECT wc_admin.person_import('$id', '李晓燕', '13955506677', '$county', '$county',
     '{graduate}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
# a voucher of 2000元, and the booking that holds 1500元 of it
booked=$(voucher_booking "$person" $county "$slot" "$svc")
read -r voucher no <<<"$booked"

# The operator suspends the provider.
staff=$(terminal_add staff)
op=$(staff_add operator 340000 郑伟 'Operate-2026')
start 100 30 -- --db "$staff"
sign_in "$op" 'Operate-2026'
menu_pick "服务商管理"
expect "名称或信用代码"
type_text "$name"
keys Enter
expect "共1家服务商"
expect "$code · 长丰县 · 暂无评分 · 近期投诉0件"
doc_screen operator-provider-find
keys Enter
expect "$name  [正常服务]"
expect "未履行预约1个"
# loaded by the administrator, not admitted through onboarding: the page says so
expect "入驻申请编号：无（经导入登记，未经入驻申请）"
expect "法定代表人：—"
keys F2
expect "选择办理环节"
menu_pick "暂停服务"
expect "请填写原因，然后按两次F2确认。"
keys F2
expect "此项为必填项。" # nothing typed: the field says so, nothing is sent
[ "$(sql "SELECT status FROM wc.provider WHERE credit_code = '$code'")" = active ] ||
	fail "the provider was suspended without a reason"
type_text "$reason"
keys F2
expect "再按一次F2确认：暂停服务。"
keys F2
expect "已办理：暂停服务。已取消未履行的预约1个，退回创业券冻结金额1500元；候补0人已终止。"
expect "$name  [暂停服务]"
expect "原因：$reason"
doc_screen operator-provider-page
[ "$(sql "SELECT p.status || '/' || b.status || '/' || b.cancel_reason FROM wc.provider p, wc.booking b WHERE p.credit_code = '$code' AND b.no = '$no'")" = "suspended/cancelled/$reason" ] ||
	fail "the provider or the booking is not as the screen says"
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 200000/0 ] ||
	fail "the voucher hold is not released"
[ "$(sql "SELECT count(*) FROM wc.voucher_entry e JOIN wc.booking b ON b.id = e.booking_id WHERE b.no = '$no' AND e.kind = 'release'")" = 1 ] ||
	fail "no release entry in the voucher ledger"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'provider_suspend' AND object = '$code'")" = 1 ] ||
	fail "the suspension is not in the audit log"
pass "the operator suspends a provider with the reason: the open booking cancelled, the money back"
stop_terminal

# The person sees it at the kiosk, and the service is gone.
kiosk=$(terminal_add kiosk $county)
start 100 30 -- --kiosk --db "$kiosk"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，李**"
menu_pick "我的预约与创业券"
expect "已取消：$reason"
expect "余额2000元"
expect_not "已冻结"
pass "我的预约 shows the cancellation and its reason; the voucher is whole"
keys Escape
menu_pick "服务目录"
type_text "$svc"
keys Enter
expect "没有符合条件的服务"
pass "the suspended provider's service has left the catalogue"
