#!/bin/bash
# 下架 one service, in Chinese at 80×24: the operator opens a provider's
# services from its page (F6), withdraws the one whose person holds a
# voucher-paid booking — a reason too short is refused, a full one sent
# with F2 pressed twice; the screen says one booking was cancelled and
# 1500元 released, and marks the service 已下架 with the reason. The
# person's 我的预约 shows 已取消：<the reason>, the voucher is whole, the
# service has left the catalogue and the provider's other one has not;
# the provider sees its service 已下架 with the reason; the operator
# restores it (恢复上架) and it is back in the catalogue.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 庐江县: no other e2e test books there.
county=340124
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code W)
name="庐江创业服务站$svc"
title="创业沙盘课$svc"
other="创业政策讲座$svc"
short="内容不符"
reason="内容不符，课程与备案材料不一致，暂停预约"
sql "SELECT wc_admin.provider_add('$code', '$name', '$county', '庐江县庐城镇1号', '孙', '0551-87000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'training', true, false, 150000, true,
     '$county', '两天的沙盘演练。', '庐江县创业园', '0551-87000000', 24)" >/dev/null
sql "SELECT wc_admin.service_add('${svc}B', '$code', '$other', 'training', false, false, 0, false,
     '$county', '政策解读。', '庐江县创业园', '0551-87000000', 24)" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 1 + time '09:00')::timestamp, 120, 20, '')")
person=$(person_with_pin "$id" 周丽娟 13955507788 $county 583920 '{graduate}')
booked=$(voucher_booking "$person" $county "$slot" "$svc")
read -r voucher no <<<"$booked"

# operator_services: the operator signs in at 80×24 and opens the
# provider's page, then its services (F6).
operator_services() {
	start 80 24 -- --db "$staff"
	sign_in "$op" 'Operate-2026'
	menu_pick "服务商管理"
	expect "名称或信用代码"
	type_text "$name"
	keys Enter
	expect "共1家服务商"
	keys Enter
	expect "$name  [正常服务]"
	expect_bar "F6"
	keys F6
}

# The operator withdraws the service.
staff=$(terminal_add staff)
op=$(staff_add operator 340000 郑伟 'Operate-2026')
operator_services
expect "$title"
expect "$other"
expect "未履行预约1个"
select_row "$title"
keys F2
expect "下架服务项目"
expect "请填写原因，然后按两次F2确认。"
type_text "$short"
keys F2
expect "再按一次F2确认：下架服务项目。"
keys F2
expect "内容过短：至少5个字"
[ "$(sql "SELECT status FROM wc.service WHERE code = '$svc'")" = active ] ||
	fail "the service was withdrawn with a reason too short"
# the text stays: what is typed goes on after it
type_text "${reason#"$short"}"
keys F2
keys F2
# at 80 columns the sentence is cut after the money
expect "已办理：下架服务项目。已取消未履行的预约1个，退回创业券冻结金额1500元"
expect "$title  [已下架]"
select_row "$title"
expect "原因：内容不符，课程与备案材料不一致"
[ "$(sql "SELECT s.status || '/' || b.status || '/' || b.cancel_source || '/' || b.cancel_reason FROM wc.service s, wc.booking b WHERE s.code = '$svc' AND b.no = '$no'")" = "withdrawn/cancelled/withdraw/$reason" ] ||
	fail "the service or the booking is not as the screen says"
[ "$(sql "SELECT status FROM wc.service WHERE code = '${svc}B'")" = active ] ||
	fail "the provider's other service was withdrawn too"
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 200000/0 ] ||
	fail "the voucher hold is not released"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'service_withdraw' AND object = '$svc'")" = 1 ] ||
	fail "the withdrawal is not in the audit log"
pass "the operator withdraws one service with the reason: its open booking cancelled, the money back"
stop_terminal

# The person sees it at the kiosk; the service is gone, the other is not.
kiosk=$(terminal_add kiosk $county)
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，周**"
menu_pick "我的预约与创业券"
expect "已取消：$reason"
expect "余额2000元"
expect_not "已冻结"
pass "我的预约 shows the cancellation and its reason; the voucher is whole"
keys Escape
menu_pick "服务目录"
type_text "$svc"
keys Enter
expect "$other"
expect_not "$title"
pass "the withdrawn service has left the catalogue; the provider's other one stays"
stop_terminal

# The provider sees its service 已下架, with the reason.
prov=$(PROVIDER=$code staff_add provider $county 孙立 'Provide-2026')
start 80 24 -- --db "$staff"
sign_in "$prov" 'Provide-2026'
menu_pick "本机构服务"
expect "$title  [已下架]"
select_row "$title"
expect "下架原因"
expect "$reason"
pass "the provider sees its service withdrawn, with the reason"
stop_terminal

# The operator restores it.
operator_services
select_row "$title"
keys F2
expect "恢复上架"
type_text "已按备案内容整改完毕"
keys F2
keys F2
expect "已办理：恢复上架。"
expect_not "$title  [已下架]"
[ "$(sql "SELECT status FROM wc.service WHERE code = '$svc'")" = active ] ||
	fail "the service was not restored"
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no'")" = cancelled ] ||
	fail "the cancelled booking came back"
pass "the operator restores the service; the cancelled booking stays cancelled"
