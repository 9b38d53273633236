#!/bin/bash
# 违规记录 (Art. 25), in Chinese at 80×24: the operator records misuse
# against a person from the person's page (F7, then F2: the kind, the
# reason, F2 pressed twice); the supervisor confirms it from 违规记录审核;
# the person's vouchers are then refused for a new booking while the hold
# made before stays; at the kiosk the person sees on 我的预约与创业券
# until when the vouchers are suspended, opens the record (F8) with its
# reason and how to appeal, and appeals (F5); the supervisor upholds the
# appeal and a booking with the voucher goes through again; Enter on the
# queue, and on the person's records, shows the record's every step with
# who took it and its text. The booking
# itself is made as the kiosk makes it (wc.booking_place; booking.sh
# drives the booking screens).
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 巢湖市: no other e2e test records misuse; the person is new each run.
county=340181
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code V)
name="巢湖创业服务站$svc"
sql "SELECT wc_admin.provider_add('$code', '$name', '$county', '巢湖市1号', '钱', '0551-82000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '开业指导课$svc', 'training', true, false, 150000, true,
     '$county', '开业指导。', '巢湖市创业园', '0551-82000000', 24)" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 2 + time '09:00')::timestamp, 120, 20, '')")
later=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 120, 20, '')")
person=$(person_with_pin "$id" 钱晓燕 13955508899 $county 583920 '{graduate}')
booked=$(voucher_booking "$person" $county "$slot" "$svc")
read -r voucher no <<<"$booked"
reason="冒用他人创业经历申领创业券，经核查属实"

# book_later: a booking of the later slot with the voucher, as the kiosk
# makes it; prints the outcome.
book_later() {
	sql "SELECT (wc.booking_place(p, $later, $voucher, NULL, NULL, NULL, false)).outcome
	     FROM wc.person p WHERE p.id = $person"
}

staff=$(terminal_add staff)

# person_page: from the home screen to the person's page; operator_page:
# the operator signed in, there.
op=$(staff_add operator 340000 冯刚 'Operate-2026')
person_page() {
	menu_pick "查找办理人"
	type_text "$id"
	keys F2
	expect "钱晓燕"
	keys Enter
	expect "办理人信息"
}
operator_page() {
	start 80 24 -- --db "$staff"
	sign_in "$op" 'Operate-2026'
	person_page
}

sup=$(staff_add supervisor 340000 韩梅 'Supervise-2026')
# queue_clear: the supervisor decides every record of a 钱晓燕 of 巢湖市
# still in the queue (rejected, an appeal dismissed), as the queue's F3
# does: what an earlier run against the same database left there (the
# record with a typed last day at the end of this test, or a run stopped
# half-way) would otherwise be the row select_row finds.
queue_clear() {
	local token id status
	token=$(as_terminal "$staff" "SELECT token FROM api.staff_login('$sup', 'Supervise-2026')")
	sql "SELECT s.id, s.status FROM wc.person_sanction s, wc.person p
	     WHERE p.id = s.person_id AND p.name = '钱晓燕' AND p.county_code = '$county'
	       AND s.status IN ('proposed', 'appealed')" | tr '|' ' ' |
	while read -r id status; do
		as_terminal "$staff" "SELECT outcome FROM api.sanction_decide('$token', gen_random_uuid(), $id,
		     '$([ "$status" = proposed ] && echo reject || echo dismiss)', '测试结束，撤回此记录')" >/dev/null
	done
}
queue_clear

# The operator records the misuse from the person's page.
operator_page
# no record yet: no line for one, but the operator's key to record one
expect_bar "F7"
expect_not "违规记录    "
keys F7
expect "无违规记录。"
keys F2
expect "登记违规记录"
expect "类型(F3)：虚假申报骗取创业券 · 期限(F4)：确认之日起30天"
keys F4
expect "确认之日起90天"
type_text "$reason"
keys F2
expect "再按一次F2确认：登记违规记录。"
keys F2
expect "已办理：登记违规记录。"
expect "[待第三方监督确认] 虚假申报骗取创业券  确认之日起90天"
# back on the person's page, the record shows
keys Escape
expect "已登记，待第三方"
[ "$(sql "SELECT status || '/' || kind || '/' || days FROM wc.person_sanction WHERE person_id = $person")" = proposed/false_claim/90 ] ||
	fail "the record is not as the screen says"
[ "$(book_later)" = ok ] || fail "a record not yet confirmed froze the vouchers"
sql "SELECT wc.booking_cancel_for(b.id, NULL, 'slot_close', '测试') FROM wc.booking b
     WHERE b.slot_id = $later AND b.person_id = $person" >/dev/null
pass "the operator records misuse from the person's page; not in force yet"
stop_terminal

# The supervisor confirms it.
supervisor_queue() {
	start 80 24 -- --db "$staff"
	sign_in "$sup" 'Supervise-2026'
	menu_pick "违规记录"
	expect "违规记录审核"
	select_row "钱晓燕"
}
supervisor_queue
expect "[待确认] 钱晓燕"
expect "原因：$reason"
keys F2
expect "确认违规记录"
type_text "经核查材料，情况属实"
keys F2
keys F2
expect "已办理：确认违规记录。"
[ "$(sql "SELECT status || '/' || (ends_on - starts_on) FROM wc.person_sanction WHERE person_id = $person")" = in_force/89 ] ||
	fail "the record is not in force for 90 days"
[ "$(book_later)" = vouchers_frozen ] || fail "the voucher still pays for a new booking"
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no'")" = booked ] ||
	fail "the booking made before the record was touched"
pass "the supervisor confirms: a new booking with the voucher is refused, the one before stays"
stop_terminal

# The person sees it at the kiosk and appeals.
kiosk=$(terminal_add kiosk $county)
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，钱**"
menu_pick "我的预约与创业券"
expect "违规记录：创业券暂停使用至"
expect "按F8查看原因"
keys F8
expect "[生效中] 虚假申报骗取创业券"
expect "原因：$reason"
expect "如何申诉"
keys F5
expect "对该违规记录申诉"
type_text "本人创业经历真实，营业执照可查，请求复核"
keys F5
keys F5
expect "已办理：对该违规记录申诉。"
expect "[生效中，申诉复核中]"
keys F5
expect "该违规记录已申诉过，每条记录只能申诉一次。"
[ "$(sql "SELECT status FROM wc.person_sanction WHERE person_id = $person")" = appealed ] ||
	fail "the appeal was not recorded"
pass "the person sees the record, its reason and how to appeal, and appeals once"
stop_terminal

# The supervisor upholds the appeal; the voucher pays again.
supervisor_queue
expect "[申诉] 钱晓燕"
expect "申诉：本人创业经历真实"
keys Enter
expect "违规记录处理过程"
expect "登记违规记录（待确认）  办理人：冯刚"
expect "$reason"
expect "违规记录确认生效  办理人：韩梅"
expect "经核查材料，情况属实"
expect "对违规记录提出申诉  本人在自助终端提交"
expect "本人创业经历真实，营业执照可查，请求复核"
# its keys on the bar: PgDn while a step is below the selected one, then
# PgUp and no PgDn on the last
expect_bar "PgDn 下一页"
expect_not_bar "PgUp"
keys NPage
expect_bar "PgUp 上一页"
expect_not_bar "PgDn"
keys Escape
expect_gone "违规记录处理过程"
keys F2
expect "申诉成立，撤销违规记录"
type_text "营业执照核实无误，撤销记录"
keys F2
keys F2
expect "已办理：申诉成立，撤销违规记录。"
expect_gone "[申诉] 钱晓燕"
[ "$(book_later)" = ok ] || fail "the voucher does not pay after the appeal was upheld"
[ "$(sql "SELECT string_agg(a.action, ' ' ORDER BY a.id) FROM wc.audit a, wc.person_sanction s
     WHERE s.person_id = $person AND a.object = s.id::text AND a.action LIKE 'sanction_%'")" = "sanction_propose sanction_confirm sanction_appeal sanction_uphold" ] ||
	fail "the steps are not all in the audit log"
# the decided record, from the person's page: the decision is its last step
keys Escape
person_page
keys F7
expect_bar "Enter"
keys Enter
expect "违规记录申诉成立，记录撤销  办理人：韩梅"
expect "营业执照核实无误，撤销记录"
pass "the supervisor upholds the appeal: the record is lifted, the voucher books again; its steps show in order"
stop_terminal

# A record with its last day typed (F4 on to 截止日期): a day that does
# not exist, or not after today, is refused on the screen in Chinese; the
# day sent is the record's last day.
until=$(sql "SELECT (wc.today() + 45)::text")
today=$(sql "SELECT wc.today()::text")
operator_page
keys F7
expect_bar "F2"
keys F2
expect "登记违规记录"
keys F4 F4 F4 F4
expect "期限(F4)：截止日期(Tab)"
type_text "${until:0:4}-02-30"
keys F2
expect "日期无效，请核对后重新输入"
keys C-u
type_text "$today"
keys F2
expect "截止日期须晚于今天。"
keys C-u
type_text "$until"
keys Tab
type_text "再次冒用他人材料申领创业券"
keys F2
expect "再按一次F2确认：登记违规记录。"
keys F2
expect "已办理：登记违规记录。"
expect "[待第三方监督确认] 虚假申报骗取创业券  至$until"
[ "$(sql "SELECT coalesce(days::text, '-') || '/' || until FROM wc.person_sanction
     WHERE person_id = $person AND status = 'proposed'")" = "-/$until" ] ||
	fail "the last day typed is not the record's"
pass "the operator types a record's last day: checked on the screen, stored as typed"
stop_terminal
queue_clear
[ "$(sql "SELECT count(*) FROM wc.person_sanction s, wc.person p
     WHERE p.id = s.person_id AND p.name = '钱晓燕' AND p.county_code = '$county'
       AND s.status IN ('proposed', 'appealed')")" = 0 ] ||
	fail "a record of this test is left in the supervisor's queue"
