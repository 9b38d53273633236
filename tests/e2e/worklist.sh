#!/bin/bash
# 待办事项 in Chinese at 80×24: the counter's home opens on what waits for
# its county, each with a count; Enter opens the list behind it, whose
# rows are as many as the count said. A booking of an offline service
# whose time has come is closed from its list (F5, pressed twice) and
# leaves the list and the count; a voucher with money left about to
# expire opens the person's page; so do a seat from the waiting list and a
# new policy whose SMS did not reach the person; applications with an
# objection open the application queue's list of them. The counter of
# another county does not see them.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 来安县: no other e2e test books or issues vouchers there.
county=341122
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 周小梅 13955507788 $county 583920)
code=$(valid_code $county)
svc=$(e2e_code W)
sql "SELECT wc_admin.provider_add('$code', '来安创业服务中心$svc', '$county', '来安县新安镇', '周', '0550-5600000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '创业指导$svc', 'guidance', false, false, 0,
     false, '$county', '一对一创业指导。', '来安县', '0550-5600000', 24)" >/dev/null
booking=$(booking_make "$svc" "$person" booked "-2 hours")
sql "SELECT wc_admin.programme_add('P$svc', '电子创业券（测试）', 200000, 12, '{guidance}', '{}', NULL, '')" >/dev/null
voucher=$(sql "INSERT INTO wc.voucher (no, programme_id, person_id, county_code, face_fen, categories,
     valid_until, balance_fen) SELECT 'Q$svc', id, $person, '$county', 200000, categories,
     current_date + 10, 0 FROM wc.voucher_programme WHERE code = 'P$svc' RETURNING id")
sql "SELECT wc.voucher_move($voucher, 'issue', 200000, 0, NULL, NULL)" >/dev/null
# a seat from the waiting list in two days, its SMS given up; and a new
# policy of the county whose SMS the gateway refused
seat=$(booking_make "$svc" "$person" booked "2 days")
sql "UPDATE wc.booking SET from_waitlist = true WHERE no = '$seat'" >/dev/null
sql "INSERT INTO wc.notice (person_id, kind, subject_id, state)
     SELECT $person, 'waitlist_seat', id, 'failed' FROM wc.booking WHERE no = '$seat'" >/dev/null
sql "WITH pol AS (INSERT INTO wc.policy (code, title, region, effective_on, kind)
     VALUES ('$svc', '来安创业补贴$svc', '$county', current_date - 1,
             (SELECT min(code) FROM wc.support_kind)) RETURNING id)
     INSERT INTO wc.notice (person_id, kind, subject_id, state)
     SELECT $person, 'policy_new', pol.id, 'failed' FROM pol" >/dev/null

db=$(terminal_add staff)
clerk=$(staff_add counter $county 吴敏 'Laian-2026-ck')
other=$(staff_add counter 340104 王敏 'Shushan-2026-ck')

# count_of LABEL: the count the home shows beside LABEL.
count_of() {
	screen_text | sed -n "s/.*$1：\([0-9]*\).*/\1/p" | head -n 1
}

start 80 24 -- --db "$db"
sign_in "$clerk" 'Laian-2026-ck'
expect "待办事项："
expect "退回补正的入驻申请："
expect "待办结的线下预约："
expect "即将到期的创业券："
screen_check "counter's home with its worklist at 80×24"
# the menu's digits start after the worklist: 1 is still 新办理人登记
screen_text | grep -qE '^ +1  新办理人登记' || fail "新办理人登记 lost its digit 1"
pass "the counter's home opens on 待办事项 with counts, the menu's digits kept"

returned=$(count_of 退回补正的入驻申请)
keys Home Enter
expect "列表：退回补正 · 从第1条起显示${returned}条"
keys Escape
expect "待办事项："
pass "退回补正的入驻申请 opens the application queue's returned list"

due=$(count_of 待办结的线下预约)
[ "$due" -ge 1 ] || fail "the booking whose time has come is not counted: $due"
keys Home Down Enter
expect "有 $due 笔线下服务预约已到服务时间，尚未办结。"
select_row "$booking"
screen_check "bookings to close at 80×24"
keys F5
expect "再按一次F5"
keys F5
expect "服务已完成，预约已办结。"
expect "有 $(( due - 1 )) 笔线下服务预约"
expect_not "$booking"
[ "$(sql "SELECT status FROM wc.booking WHERE no = '$booking'")" = completed ] ||
	fail "the booking was not closed"
keys Escape
expect "待办结的线下预约：$(( due - 1 ))"
pass "a booking closed from 待办结的线下预约 leaves the list and the count"

expiring=$(count_of 即将到期的创业券)
[ "$expiring" -ge 1 ] || fail "the voucher about to expire is not counted: $expiring"
keys Home Down Down Enter
expect "有 $expiring 张创业券尚有余额，即将到期。"
select_row "Q$svc"
screen_check "vouchers about to expire at 80×24"
keys Enter
expect "办理人信息"
expect "周小梅"
keys Escape
expect "即将到期的创业券"
keys Escape
expect "待办事项："
pass "即将到期的创业券 lists the voucher and opens the person's page"

objections=$(count_of 异议待裁定的入驻申请)
keys Home Down Down Down Enter
expect "列表：异议待裁定 · 从第1条起显示${objections}条"
keys Escape
expect "待办事项："
pass "异议待裁定的入驻申请 opens the application queue's list of them"

seats=$(count_of 待告知的候补递补)
[ "$seats" -ge 1 ] || fail "the seat whose SMS was given up is not counted: $seats"
keys Home Down Down Down Down Enter
expect "有 $seats 笔候补递补成功的预约，短信未送达本人。"
select_row "$seat"
screen_check "seats from the waiting list to tell of at 80×24"
keys Enter
expect "办理人信息"
expect "周小梅"
keys Escape Escape
expect "待办事项："
pass "待告知的候补递补 lists the seat and opens the person's page"

untold=$(count_of 新政策短信未送达)
[ "$untold" -ge 1 ] || fail "the person the policy's SMS missed is not counted: $untold"
keys Home Down Down Down Down Down Enter
expect "有 $untold 人未收到新政策短信。"
expect "新政策：来安创业补贴$svc"
screen_check "people a new policy's SMS did not reach at 80×24"
keys Enter
expect "办理人信息"
keys Escape Escape
expect "待办事项："
pass "新政策短信未送达 lists the person with the policy and opens the person's page"

keys F10
expect "工作人员登录"
sign_in "$other" 'Shushan-2026-ck'
keys Home Down Down Enter
expect "张创业券尚有余额"
expect_not "Q$svc"
keys Escape
expect "待办事项："
keys Home Down Down Down Down Enter
expect "笔候补递补成功的预约"
expect_not "$seat"
pass "another county's counter does not see this county's voucher or seat"
stop_terminal
