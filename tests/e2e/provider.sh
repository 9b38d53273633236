#!/bin/bash
# Closing bookings once their time has come, in Chinese: a provider's
# staff go to the day of a booking, see the person's name masked and mark
# it 已完成 (the voucher money held is redeemed and settled to the
# provider); a booking number found with F3 jumps to its day, and one not
# yet started is refused. A counter clerk of the person's county finds
# another booking by its number and marks it 未到场 (the held money goes
# back to the voucher).
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 包河区: no other test issues from programmes with a budget there.
county=340111
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code V)
title="创业指导咨询$svc"
sql "SELECT wc_admin.provider_add('$code', '包河创业指导中心$svc', '$county', '合肥市包河区徽州大道1号', '吴', '0551-63000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'guidance', true, false, 80000, true,
     '$county', '一对一创业指导。', '包河区创业服务中心2楼', '0551-63000000', 24)" >/dev/null
slot_at() { # DAYS HH:MM: a slot of the service, days from today
	sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + $1 + time '$2')::timestamp, 60, 5, '')"
}
slot1=$(slot_at 3 09:00)
slot2=$(slot_at 3 14:00)
slot3=$(slot_at 4 09:00)
sql "SELECT wc_admin.programme_add('P$svc', '电子创业券（测试）', 200000, 12, '{guidance}', '{}', NULL, '')" >/dev/null
sql "SELECT wc_admin.budget_set('P$svc', '$county', 1000000)" >/dev/null
programme=$(sql "SELECT id FROM wc.voucher_programme WHERE code = 'P$svc'")
person=$(sql "SELECT wc_admin.person_import('$id', '李建国', '13955507788', '$county', '$county',
     '{}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null

# The counter issues the voucher, the person books three times at a
# kiosk (the third paid offline): all through the api, as the program
# calls it.
staff=$(terminal_add staff)
clerk=$(staff_add counter $county 钱芳 'Baohe-2026-desk')
ctoken=$(as_terminal "$staff" "SELECT token FROM api.staff_login('$clerk', 'Baohe-2026-desk')")
voucher=$(as_terminal "$staff" "SELECT voucher_id FROM api.voucher_issue('$ctoken', gen_random_uuid(), $person, $programme)")
[ -n "$voucher" ] || fail "no voucher issued"
as_terminal "$staff" "SELECT api.staff_logout('$ctoken')" >/dev/null
kiosk=$(terminal_add kiosk $county)
ktoken=$(as_terminal "$kiosk" "SELECT token FROM api.citizen_login('$id', '583920')")
for s in $slot1 $slot2 $slot3; do
	[ "$s" = "$slot3" ] && voucher_arg=NULL || voucher_arg=$voucher
	got=$(as_terminal "$kiosk" "SELECT outcome FROM api.citizen_book('$ktoken', gen_random_uuid(), $s, $voucher_arg, NULL)")
	[ "$got" = ok ] || fail "booking slot $s: $got"
done
as_terminal "$kiosk" "SELECT api.citizen_logout('$ktoken')" >/dev/null
no1=$(sql "SELECT no FROM wc.booking WHERE slot_id = $slot1")
no2=$(sql "SELECT no FROM wc.booking WHERE slot_id = $slot2")
no3=$(sql "SELECT no FROM wc.booking WHERE slot_id = $slot3")
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 40000/160000 ] ||
	fail "the bookings did not hold 800 yuan each"

# The first two took place yesterday (the third is still to come).
sql "UPDATE wc.slot SET starts_at = starts_at - interval '4 days', ends_at = ends_at - interval '4 days'
     WHERE id IN ($slot1, $slot2)" >/dev/null
read -r yesterday weekday <<<"$(sql "SELECT to_char(wc.today() - 1, 'YYYY-MM-DD ID')")"
days=(一 二 三 四 五 六 日)
weekday=${days[weekday - 1]}

# The provider's staff.
provider=$(PROVIDER=$code staff_add provider $county 吴敏 'Baohe-2026-prov')
start 100 30 -- --db "$staff"
sign_in "$provider" 'Baohe-2026-prov'
expect "本机构预约"
keys 1
expect "$(sql "SELECT to_char(wc.today(), 'YYYY-MM-DD')")（周"
expect "今天）"
expect "当天没有预约。"
keys Left
expect "$yesterday（周$weekday）"
expect "09:00–10:00  $title"
expect "李**"
expect_not "李建国"
expect "[已预约]  可办结"
expect "预约编号$no1 · 包河区创业服务中心2楼 · 创业券800元"
expect "预约编号$no2"
pass "the provider's day: the booking, the name masked, the voucher amount"

keys F5
expect "再按一次F5，确认服务已完成：将核销创业券800元，结算给服务商。"
keys F5
expect "服务已完成，已核销创业券800元，结算给服务商。"
expect "[已完成]"
doc_screen provider-desk
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no1'")" = completed ] ||
	fail "the booking is not completed in the database"
[ "$(sql "SELECT amount_fen FROM wc.settlement s JOIN wc.booking b ON b.id = s.booking_id WHERE b.no = '$no1'")" = 80000 ] ||
	fail "no settlement of 800 yuan for the provider"
# what stays held is the other booking's 800 yuan
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 40000/80000 ] ||
	fail "the completed booking's 800 yuan is still held"
keys F5
expect "该预约已取消或已办结。"
pass "completed: redeemed and settled to the provider"

# F3: a booking number goes to its day; it has not started yet.
keys F3
type_text "$(printf '%s' "$no3" | tr 'A-Z' 'a-z')"
expect "$no3" # typed in small letters, taken as capitals
keys Enter
expect "$(sql "SELECT to_char(wc.today() + 4, 'YYYY-MM-DD')")（周"
expect "09:00–10:00  $title"
expect "预约编号$no3 · 包河区创业服务中心2楼 · 线下支付800元"
expect_not "[已完成]"
keys F5
expect "服务尚未开始，到预约时间后才能办结。"
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no3'")" = booked ] ||
	fail "a booking not yet started was closed"
pass "found by number on its day; too early to close"
# F4 confirms it (接单确认): the person will see it at the kiosk.
expect "[已预约]  按F4确认"
keys F4
expect "已确认预约$no3，办理人可在自助终端查看。"
expect "[已预约]  已确认"
[ "$(sql "SELECT confirmed_at IS NOT NULL FROM wc.booking WHERE no = '$no3'")" = t ] ||
	fail "the booking is not confirmed in the database"
pass "the provider confirms a booking still to come"
stop_terminal

# A counter clerk of the person's county records the other as a no-show.
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Baohe-2026-desk'
expect "办结预约（线下服务）"
keys 5
expect "办理人出示的预约编号"
type_text "YY00000000000000"
keys Enter
expect "在您的办理范围内没有该预约。"
keys F5
expect "请先按预约编号查找预约。"
keys C-u
type_text "$no2"
keys Enter
expect "李**"
expect "$title"
expect "包河创业指导中心$svc"
screen_text | grep -qE "状态 +已预约" || fail "the booking's state is not shown"
expect "创业券800元"
keys F6
expect "再按一次F6，确认本人未到场：冻结的800元将退回本人的创业券。"
keys F6
expect "已记录为未到场，冻结的800元已退回本人的创业券。"
screen_text | grep -qE "状态 +未到场" || fail "the booking does not show as a no-show"
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$no2'")" = no_show ] ||
	fail "the booking is not a no-show in the database"
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 120000/0 ] ||
	fail "the no-show's 800 yuan did not go back to the voucher"
[ "$(sql "SELECT count(*) FROM wc.settlement s JOIN wc.booking b ON b.id = s.booking_id WHERE b.no = '$no2'")" = 0 ] ||
	fail "a no-show was settled to the provider"
keys F5
expect "该预约已取消或已办结。"
pass "the counter closed a booking by its number as a no-show"

# From the booking found, the person's page: their vouchers and bookings.
keys F7
expect "办理人信息"
keys 8
expect "创业券与预约"
expect_not "我的创业券"
expect "余额1200元"
expect "[未到场]"
pass "a person found by a booking number"
