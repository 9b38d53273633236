#!/bin/bash
# 创业券项目的发放对象 in Chinese at 80x24: the bureau chooses a new
# programme's person categories and business stage by the numbers of the
# list beside the form (the list of the field in focus), typed or
# tapped (a second tap takes one out); the list shows
# them; a change is audited with the values before; a number not listed
# is caught on the form. At the counter, 发放创业券 shows why a person
# outside them may not be issued one, and F2 twice is refused with the
# database's reason; nothing is issued.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104 # 蜀山区
code=$(e2e_code Q)
name="资格测试券${code:3:7}${code: -5}"
staff=$(terminal_add staff)
bureau=$(staff_add bureau 340000 吴局 'Bureau-2026-elig')
clerk=$(staff_add counter $county 钱芳 'Shushan-2026-elig')

clear_field() {
	for _ in $(seq "$1"); do keys BSpace; done
}

# tap_choice TEXT: a tap on the choice TEXT in the list beside the form
# (column 60, the list's; its row found on the screen).
tap_choice() {
	local row
	row=$(screen_text | grep -nF -- "$1" | head -1 | cut -d: -f1)
	[ -n "$row" ] || fail "no choice \"$1\" on the screen"
	tap 60 $(( row - 1 ))
}

# field_shows LABEL VALUE: the form's field LABEL holds VALUE (within 5 s).
field_shows() {
	local i
	for i in $(seq $(( 50 * ${E2E_SLOW:-1} ))); do
		screen_text | grep -qE -- "$1[ *]+$2( |\$)" && return 0
		sleep 0.1
	done
	fail "the field $1 does not hold \"$2\": $(screen_text | grep -F -- "$1")"
}

start 80 24 -- --db "$staff"
sign_in "$bureau" 'Bureau-2026-elig'
menu_pick "创业券项目"
expect "修改只对此后发放的创业券生效"
keys F2
expect "新增创业券项目"
type_text "$code"; keys Tab
type_text "$name"; keys Tab
type_text "1000"; keys Tab
keys Tab # valid 12 months, as offered
type_text "2"; keys Tab
expect "人员类别："
expect "留空：人员类别不限。"
type_text "1 99"; keys Tab
expect "请填写右侧所列人员类别的编号"
keys BTab
clear_field 2
expect "人员类别："
tap_choice "退役军人"
field_shows "人员类别（序号）" "1 3"
tap_choice "残疾人"
field_shows "人员类别（序号）" "1 3 6"
tap_choice "残疾人"
field_shows "人员类别（序号）" "1 3"
screen_check "the person categories beside the programme form at 80x24"
doc_screen bureau-programme-groups "$name" "资格测试券############"
keys Tab
expect "创业阶段："
expect "留空：创业阶段不限。"
tap_choice "意向创业"
field_shows "创业阶段" "1"
screen_check "the stages beside the programme form at 80x24"
keys F2
expect "创业券项目已保存。"
keys End; sleep 0.2
select_row "$name" Up
expect "发放对象：高校毕业生、退役军人；创业阶段：意向创业"
screen_check "the programmes with whom they are issued to at 80x24"
row=$(sql "SELECT array_to_string(groups, ',') || '/' || stage FROM wc.voucher_programme WHERE code = '$code'")
[ "$row" = "graduate,veteran/intending" ] || fail "the programme's eligibility saved is $row"
pass "the bureau issues a new programme to 高校毕业生 and 退役军人 who intend to start, chosen by number"

# the change: 退役军人 only, at either stage
keys Enter
expect "创业券项目 $code"
expect "1 3"
for _ in 1 2 3 4 5; do keys Tab; done
expect "人员类别："
keys End
clear_field 3
type_text "3"; keys Tab
expect "创业阶段："
clear_field 1
keys F2
expect "创业券项目已保存。"
keys End; sleep 0.2
select_row "$name" Up
expect "发放对象：退役军人；创业阶段：不限"
audit=$(sql "SELECT (detail->'was'->'groups')::text || '/' || (detail->'was'->>'stage') || '>'
     || (detail->'groups')::text || '/' || coalesce(detail->>'stage', '') FROM wc.audit
     WHERE action = 'voucher_programme_save' AND object = '$code' ORDER BY id DESC LIMIT 1")
[ "$audit" = '["graduate", "veteran"]/intending>["veteran"]/' ] || fail "the change audited as $audit"
pass "changed to 退役军人 at either stage, audited with the categories and stage before"
stop_terminal

# the counter: a 高校毕业生 is not issued one, with the reason
sql "SELECT wc_admin.budget_set('$code', '$county', 1000000)" >/dev/null
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 孔令文 1395552$(printf '%04d' $(( RANDOM % 10000 ))) $county 583920 '{graduate}')
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-elig'
find_person "$id" 孔令文
menu_pick "发放创业券"
expect "可发放的创业券项目"
keys End; sleep 0.2 # the newest programme is the last
select_row "$name" Up
expect "退役军人"
screen_check "a programme the person is not issued to, at the counter at 80x24"
keys F2
expect "确已解决后再按一次F2"
keys F2
expect "此人不属于其中任何一类"
issued=$(sql "SELECT count(*) FROM wc.voucher v JOIN wc.voucher_programme g ON g.id = v.programme_id
     WHERE g.code = '$code'")
[ "$issued" = 0 ] || fail "a voucher was issued to a person outside the programme: $issued"
pass "the counter shows why, and F2 twice is refused with the reason; nothing issued"
