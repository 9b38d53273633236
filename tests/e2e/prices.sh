#!/bin/bash
# 收费标准 (Art. 16) in Chinese, from the provider to the kiosk: a
# provider's staff add a paid service (a text with a listed word is
# refused, the words named, nothing typed lost), a time slot, and propose
# its price and revenue split; the kiosk shows 收费标准待审批 and books
# nothing; the supervisor passes the review, the bureau (云平台项目组)
# approves; the provider's price history lists every step; the operator
# proposes another from the service's page, and the kiosk shows the
# approved price, not the one under review.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340103 # 庐阳区
code=$(valid_code $county)
tag=$(e2e_code P)
title="财税代理咨询$tag"
sql "SELECT wc_admin.provider_add('$code', '庐阳财税服务中心$tag', '$county', '合肥市庐阳区长江中路1号', '周', '0551-62000000')" >/dev/null
staff=$(terminal_add staff)
provider=$(PROVIDER=$code staff_add provider $county 周丽 'Luyang-2026-prov')
supervisor=$(staff_add supervisor 340000 孙监督 'Super-2026-visor')
bureau=$(staff_add bureau 340000 赵项目 'Bureau-2026-group')

# to_ours STATUS: choose our proposal in the queue (oldest first: other
# tests' proposals in that status may wait before ours).
to_ours() {
	local n
	n=$(sql "SELECT count(*) FROM wc.price_proposal WHERE status = '$1' AND id <
	     (SELECT max(p.id) FROM wc.price_proposal p JOIN wc.service s ON s.id = p.service_id
	      WHERE s.title = '$title')")
	for _ in $(seq "$n"); do keys Down; done
}

# kiosk_catalogue: the service in the kiosk's catalogue, found by its tag.
kiosk_catalogue() {
	start 100 30 -- --kiosk --db "$kiosk"
	expect "服务目录"
	keys 3
	type_text "$tag"
	keys Enter
	expect "$title"
}

# The provider adds a paid service: first with a listed word.
start 100 30 -- --db "$staff"
sign_in "$provider" 'Luyang-2026-prov'
menu_pick "本机构服务"
expect "暂无服务，按F2新增。"
keys F2
expect "服务类别（序号）"
expect "财税"
type_text "$title"; keys Tab
type_text "7"; keys Tab
type_text "1"; keys Tab
type_text "2"; keys Tab
keys Tab # the cut-off stays 24 hours
type_text "庐阳区创业园3楼"; keys Tab
type_text "周老师 13955501234"; keys Tab
type_text "代理记账、纳税申报，扫码领取优惠"
keys F2
expect "未保存：内容含有不宜发布的词语：扫码领取。请修改后再保存。"
expect "$title" # what was typed stays
[ "$(sql "SELECT count(*) FROM wc.service WHERE title = '$title'")" = 0 ] ||
	fail "a refused service was saved"
keys C-u
type_text "代理记账、纳税申报，一对一辅导。"
keys F2
expect "服务已新增。该服务为经营性服务，请按F5提出收费标准"
expect "$title  收费标准待审批"
doc_screen provider-services
pass "a paid service added; a listed word refused and named"

# A time slot, then the price proposal.
keys F6
expect "暂无预约时段，按F2新增。"
keys F2
expect "新增预约时段"
day=$(sql "SELECT to_char(wc.today() + 3, 'YYYY-MM-DD')")
type_text "$day"; keys Tab
type_text "09:30"; keys Tab
keys Tab # 60 minutes
type_text "5"; keys F2
expect "预约时段$day 09:30已新增，可以预约。"
expect "$day 09:30–10:30  名额5，已预约0，剩余名额5"
keys Escape
expect "$title"
keys F5
expect "提出收费标准"
expect "现行：尚无获批的收费标准（收费标准待审批）"
type_text "300"; keys Tab
type_text "85"; keys Tab
type_text "参照本市同类代理记账服务价格"
keys F2
expect "收费标准已提交，待第三方监督单位审核。"
expect "申请：待第三方监督单位审核"
pass "a slot added, a price of 300 yuan proposed (provider 85%)"
stop_terminal

# The kiosk: pending, not bookable.
kiosk=$(terminal_add kiosk $county)
kiosk_catalogue
expect "收费标准待审批"
keys Enter
expect "服务详情"
keys Enter # the Art. 21 notice read
expect "该服务收费标准待审批，暂不能预约。"
keys F2
expect "该服务收费标准待审批，暂不能预约。"
expect_not "第1步（共3步）"
pass "the kiosk: 收费标准待审批, no booking"
stop_terminal

# The supervisor reviews: returning needs a reason; then passes.
start 100 30 -- --db "$staff"
sign_in "$supervisor" 'Super-2026-visor'
menu_pick "收费标准审核"
expect "$title"
to_ours submitted
expect "300元（现行：暂无）"
expect "服务商85%，运营商15%"
expect "参照本市同类代理记账服务价格"
keys F6
expect "请填写理由，提出方可在收费标准记录中看到。"
type_text "价格合理，与同类服务相当"
keys F5
expect "再按一次F5审核通过，报云平台项目组审批。"
keys F5
expect "审核通过，已报云平台项目组审批。"
[ "$(sql "SELECT p.status FROM wc.price_proposal p JOIN wc.service s ON s.id = p.service_id WHERE s.title = '$title'")" = reviewed ] ||
	fail "the proposal is not reviewed in the database"
pass "the supervisor passed the review"
stop_terminal

# The bureau, for the project group, approves.
start 100 30 -- --db "$staff"
sign_in "$bureau" 'Bureau-2026-group'
menu_pick "收费标准审核"
expect "$title"
to_ours reviewed
expect "审核意见"
expect "价格合理，与同类服务相当"
keys F5
expect "再按一次F5同意实施"
keys F5
expect "已同意实施：新收费标准适用于此后的预约，已有预约按原价格。"
[ "$(sql "SELECT price_fen || '/' || provider_permille FROM wc.service WHERE title = '$title'")" = 30000/850 ] ||
	fail "the service's price is not 300 yuan with 85% to the provider"
pass "the bureau approved: the price is in effect"
stop_terminal

# Two people book the slot at a kiosk (through the api, as the program
# calls it): at the new price.
slot=$(sql "SELECT sl.id FROM wc.slot sl JOIN wc.service s ON s.id = sl.service_id WHERE s.title = '$title'")
for name in 王建 李明; do
	id=$(valid_id $county $(random_birth))
	person=$(sql "SELECT wc_admin.person_import('$id', '$name', '139$(printf '%08d' $(( $(uniq) % 100000000 )))',
	     '$county', '$county', '{}', 'intending', NULL, NULL, NULL, NULL)")
	sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
	ktoken=$(/usr/lib/postgresql/15/bin/psql -X -A -t -q -d "$kiosk" -c "SELECT token FROM api.citizen_login('$id', '583920')")
	got=$(/usr/lib/postgresql/15/bin/psql -X -A -t -q -d "$kiosk" -c "SELECT outcome FROM api.citizen_book('$ktoken', gen_random_uuid(), $slot, NULL, NULL)")
	[ "$got" = ok ] || fail "booking the slot: $got"
done
[ "$(sql "SELECT string_agg(DISTINCT price_fen::text, ',') FROM wc.booking WHERE slot_id = $slot")" = 30000 ] ||
	fail "the bookings did not take the approved price"

# The provider: seats never below those booked; the price history lists
# the three steps.
start 100 30 -- --db "$staff"
sign_in "$provider" 'Luyang-2026-prov'
menu_pick "本机构服务"
expect "$title  300元（服务商85%，运营商15%）"
keys F6
expect "名额5，已预约2，剩余名额3"
type_text "1"
keys F5
expect "未修改：该时段已预约2人，名额不能少于2。"
[ "$(sql "SELECT capacity FROM wc.slot WHERE id = $slot")" = 5 ] || fail "the seats went below those booked"
keys C-u
type_text "3"
keys F5
expect "该时段名额已改为3，已预约2。"
expect "名额3，已预约2，剩余名额1"
pass "seats never below those booked"
keys Escape
expect "$title"
keys F4
expect "收费标准记录"
expect "同意实施  赵项目（"
expect "审核通过  孙监督（"
expect "提出收费标准  周丽（"
expect "意见：价格合理，与同类服务相当"
expect "理由：参照本市同类代理记账服务价格"
pass "the price history: proposed, reviewed, approved"
stop_terminal

# The operator proposes another price from the service's page (F7); it
# waits for the review, and the operator follows it, read only.
operator=$(staff_add operator 340000 钱运营 'Operator-2026-ops')
start 100 30 -- --db "$staff"
sign_in "$operator" 'Operator-2026-ops'
menu_pick "服务目录"
type_text "$tag"
keys Enter
expect "$title"
keys Enter
expect "F7 提出收费标准"
keys F7
expect "现行：300元"
type_text "320"; keys Tab
type_text "80"; keys Tab
type_text "运营商与服务商协商调整"
keys F2
expect "收费标准已提交，待第三方监督单位审核。"
keys Escape
keys Escape
menu_pick "收费标准审核"
expect "审批中的收费标准"
expect "320元  $title"
expect_not "F5 审核通过"
pass "the operator proposed 320 yuan from the service's page"
stop_terminal

# The kiosk shows the approved price, not the one under review.
kiosk_catalogue
expect "300元，不可用创业券"
expect_not "收费标准待审批"
expect_not "320元"
pass "the kiosk shows the approved price"
