#!/bin/bash
# A step is offered only when the rules allow it: on 我的预约 the key bar
# shows F4 取消预约 only for a booking still before its cancellation
# deadline and F5 评价 only for a completed one not yet rated; a
# complaint's page shows F2 补充材料 only while it is open and F3 评价答复
# only while its reply waits for a rating; the provider's day list shows
# F4 确认预约 only for an open booking not yet confirmed, F5 完成服务 and
# F6 未到场 only for an open one whose time has come; a service's page
# shows F2 预约时段 only when it has a time to book. Pressed anyway, the
# key says why not. At 80×24 and 100×30.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 宣州区: no other e2e test books there.
county=341802
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code O)
sql "SELECT wc_admin.provider_add('$code', '宣州创业服务中心$svc', '$county', '宣城市宣州区鳌峰路1号', '陈', '0563-3000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '创业指导$svc', 'training', false, false, 0, false,
     '$county', '一对一创业指导。', '宣州区创业大厦3楼', '0563-3000000', 24)" >/dev/null
person=$(person_with_pin "$id" 陈晓红 13955507799 $county 583920)
# a second service, with no time to book
svc2=$(e2e_code P)
sql "SELECT wc_admin.service_add('$svc2', '$code', '创业沙龙$svc2', 'training', false, false, 0, false,
     '$county', '创业沙龙。', '宣州区创业大厦3楼', '0563-3000000', 24)" >/dev/null
booking() {
	booking_make "$svc" "$person" "$@"
}
# newest first on the page: far, near, done, started
no_started=$(booking booked '-1 hours')
no_done=$(booking completed '-6 days')
no_near=$(booking booked '3 hours')
no_far=$(booking booked '5 days')
# complaint STATUS BODY: a complaint of the person's, now in STATUS
complaint() {
	local no
	no=$(sql "SELECT (wc.complaint_file(p, NULL, NULL, gen_random_uuid(), 'platform', NULL,
	           'other', '$2')).complaint_no FROM wc.person p WHERE p.id = $person")
	# a finished complaint has no time limit left, as its last step leaves it
	sql "UPDATE wc.complaint SET status = '$1',
	            due_on = CASE WHEN '$1' IN ('closed', 'rejected') THEN NULL ELSE due_on END
	      WHERE no = '$no'" >/dev/null
	printf '%s\n' "$no"
}
no_new=$(complaint submitted "待受理的投诉$svc") # the oldest: last on 我的投诉
no_closed=$(complaint closed "已办结的投诉$svc")
no_replied=$(complaint replied "已答复的投诉$svc")

kiosk=$(terminal_add kiosk $county)
for size in "80 24" "100 30"; do
	start $size -- --kiosk --db "$kiosk"
	kiosk_sign_in "$id" 583920 "您好，陈**"
	menu_pick "我的预约与创业券"
	expect "$no_far"
	expect_bar "F4 取消预约"
	expect_not_bar "F5 评价"
	pass "$size: a booking before its deadline offers F4, not F5"

	keys Down
	expect "$no_near"
	expect_not_bar "F4 取消预约"
	expect_not_bar "F5 评价"
	keys F4
	expect "已超过取消截止时间，不能再取消该预约，请与服务商联系。"
	pass "$size: a booking past its deadline offers no F4, and F4 says why"

	keys Down
	expect_bar "F5 评价"
	expect_not_bar "F4 取消预约"
	keys Up
	keys F5
	expect "请选择一项已完成的预约进行评价：接受服务后才能评价。"
	pass "$size: a completed booking offers F5, not F4; F5 elsewhere says why"

	keys Escape
	menu_pick "我的投诉"
	expect "$no_replied"
	keys Enter
	expect "已答复的投诉$svc"
	expect_bar "F2 补充材料"
	expect_bar "F3 评价答复"
	keys Escape
	expect "$no_closed"
	keys Down Enter
	expect "已办结的投诉$svc"
	expect_not_bar "F2 补充材料"
	expect_not_bar "F3 评价答复"
	keys F3
	expect "暂无可评价的答复。"
	keys F2
	expect "该投诉已办结或不予受理，不能再补充。"
	pass "$size: a finished complaint offers neither F2 nor F3, and they say why"

	# a service's page: F2 only with a time to book
	keys Escape
	expect "我的投诉"
	keys Escape
	menu_pick "服务目录"
	expect "服务地区"
	type_text "$svc2"
	keys Enter
	expect "创业沙龙$svc2"
	keys Enter
	expect "服务详情"
	expect_not_bar "F2 预约时段"
	keys F2
	expect "该服务暂无可预约时段，请直接联系服务商。"
	keys Escape
	expect "服务地区"
	keys C-u
	type_text "$svc"
	keys Enter
	expect "创业指导$svc"
	keys Enter
	expect "服务详情"
	expect_bar "F2 预约时段"
	pass "$size: a service's page offers F2 only with a time to book"
	stop_terminal
done
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no_near'")" = booked ] ||
	fail "the booking past its deadline changed"

# --- the provider's staff: their bookings, day by day -----------------------
staff=$(terminal_add staff)
user=$(PROVIDER=$code staff_add provider $county 陈敏 'Xuanzhou-2026-prov')
# find NO: F3 goes to the booking's day and selects it
find() {
	keys F3
	type_text "$1"
	keys Enter
	expect "预约编号$1"
}
for size in "80 24" "100 30"; do
	start $size -- --db "$staff"
	sign_in "$user" 'Xuanzhou-2026-prov'
	menu_pick "本机构预约"
	find "$no_far"
	expect_bar "F4 确认预约"
	expect_not_bar "F5 完成服务"
	expect_not_bar "F6 未到场"
	keys F5
	expect "服务尚未开始，到预约时间后才能办结。"
	pass "$size: a booking still to come offers F4, not F5 or F6, and F5 says why"

	find "$no_started"
	expect_bar "F5 完成服务"
	expect_bar "F6 未到场"
	pass "$size: a booking whose time has come offers F5 and F6"

	find "$no_done"
	expect_not_bar "F4 确认预约"
	expect_not_bar "F5 完成服务"
	expect_not_bar "F6 未到场"
	keys F4
	expect "只能确认未履行的预约：该预约已取消或已办结。"
	pass "$size: a completed booking offers none of F4, F5, F6, and F4 says why"
	stop_terminal
done
[ "$(sql "SELECT status || '/' || (confirmed_at IS NULL) FROM wc.booking WHERE no = '$no_far'")" = booked/true ] ||
	fail "the booking still to come changed"

# --- the supervisor: a complaint's page offers F2 办理 only with a step open
supervisor=$(staff_add supervisor 340000 孙丽 'Xuanzhou-2026-sup')
# open_complaint NO: 投诉处理, F8 and the number
open_complaint() {
	keys F8
	type_text "$1"
	keys Enter
	expect "投诉 $1"
}
for size in "80 24" "100 30"; do
	start $size -- --db "$staff"
	sign_in "$supervisor" 'Xuanzhou-2026-sup'
	menu_pick "投诉处理"
	open_complaint "$no_new"
	expect_bar "F2 办理"
	keys Escape
	open_complaint "$no_closed"
	expect_not_bar "F2 办理"
	keys F2
	expect "该投诉当前环节没有您可办理的事项。"
	pass "$size: F2 办理 only on a complaint with a step open; on a finished one it says why"
	stop_terminal
done
