#!/bin/bash
# 创业券项目 and 预算额度 in Chinese: the bureau adds a voucher programme
# (face value, validity, the service categories it pays for) and changes
# its face value, at 80x24, and narrows the budgets by a programme's
# name, a county and a city; a city's staff (合肥市) set the budget of one
# of its counties at 100x30; a voucher is issued from it; a budget below
# what was issued is refused and nothing changes; down to exactly that
# is taken. Each change is in the audit log.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104 # 蜀山区, of 合肥市 (340100)
code=$(e2e_code G)
name="皖创测试券${code:3:7}${code: -5}"
staff=$(terminal_add staff)
bureau=$(staff_add bureau 340000 吴局 'Bureau-2026-prog')
city=$(staff_add counter 340100 许市 'Hefei-2026-city')
clerk=$(staff_add counter $county 钱芳 'Shushan-2026-desk')

# up_to REGEX: from the list's last row, Up until the selected row matches
# (other tests' programmes come before ours, ours is the newest).
up_to() {
	keys End; sleep 0.2
	select_row "$1" Up
}

# clear_field N: N backspaces (the field's text as it was shown).
clear_field() {
	for _ in $(seq "$1"); do keys BSpace; done
}

start 80 24 -- --db "$staff"
sign_in "$bureau" 'Bureau-2026-prog'
menu_pick "创业券项目"
expect "修改只对此后发放的创业券生效"
keys F2
expect "新增创业券项目"
type_text "$code"; keys Tab
type_text "$name"; keys Tab
type_text "1000"; keys Tab
keys Tab # valid 12 months, as offered
type_text "1 2"
expect "服务类别："
screen_check "a new programme at 80x24"
doc_screen bureau-programme-new "$name" "皖创测试券############"
keys F2
expect "创业券项目已保存。"
up_to "$name" # other tests' programmes may fill the screen before it
expect "$name  1000元，有效期 12 个月"
screen_check "the programmes at 80x24"
row=$(sql "SELECT face_fen || '/' || valid_months || '/' || array_to_string(categories, ',') || '/' || active
     FROM wc.voucher_programme WHERE code = '$code'")
first2=$(sql "SELECT string_agg(code, ',' ORDER BY ord) FROM (SELECT code, ord FROM wc.service_category ORDER BY ord LIMIT 2) c")
[ "$row" = "100000/12/$first2/true" ] || fail "the programme saved is $row"
pass "the bureau adds a programme: 1000 yuan, 12 months, the first two categories"

keys Enter
expect "创业券项目 $code"
keys Tab Tab
clear_field 4
type_text "800"
keys F2
expect "创业券项目已保存。"
up_to "$name"
expect "$name  800元，有效期 12 个月"
changes=$(sql "SELECT count(*) || ':' || max(detail->'was'->>'face_fen') FROM wc.audit
     WHERE action = 'voucher_programme_save' AND object = '$code'")
[ "$changes" = "2:100000" ] || fail "the audit log of the programme: $changes"
keys F5
expect "每发放一张创业券"
screen_check "the budgets from the programmes at 80x24"
pass "the face value changed to 800 yuan, audited with the value before; F5 the budgets"
# the filter: part of the programme's name keeps its rows only, a county
# its rows only, a city its counties'. The rows before a filter may hold
# the row it keeps, so each waits until every row on the screen fits.
rows_fit() {
	local i=0 rows=
	while [ $i -lt $(( 50 * ${E2E_SLOW:-1} )) ]; do
		rows=$(screen_text | grep "：预算额度" || true)
		[ -n "$rows" ] && ! grep -qvE -- "$1" <<<"$rows" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: $rows"
}
keys Up
type_text "${name:5}"
expect "$name，瑶海区"
rows_fit "$name" "the filter by the programme's name kept another's"
keys C-u
type_text "蜀山区"
expect "$name，蜀山区"
rows_fit "，蜀山区：" "the filter by a county kept another county"
keys C-u
type_text "六安市"
expect "，金安区："
rows_fit "，(金安区|裕安区|叶集区|霍邱县|舒城县|金寨县|霍山县)：" "the filter by a city kept a county of another"
keys C-u
type_text "无此项目"
expect "没有符合筛选条件的预算额度。"
keys C-u
pass "the budgets narrowed by a programme's name, a county and a city"
stop_terminal

start 100 30 -- --db "$staff"
sign_in "$city" 'Hefei-2026-city'
menu_pick "预算额度"
up_to "$name，蜀山区"
keys Enter
expect "预算额度（元）"
clear_field 2
type_text "2000"
keys F2
expect "预算额度已设置。"
expect "$name，蜀山区：预算额度 2000元，已发放 0元，剩余 2000元"
screen_check "the budgets at 100x30"
pass "合肥市 sets 蜀山区's budget to 2000 yuan"

# a voucher of 800 yuan issued at 蜀山区's counter, through the api
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 程立新 1395551$(printf '%04d' $(( RANDOM % 10000 ))) $county 583920)
programme=$(sql "SELECT id FROM wc.voucher_programme WHERE code = '$code'")
ctoken=$(as_terminal "$staff" "SELECT token FROM api.staff_login('$clerk', 'Shushan-2026-desk')")
issued=$(as_terminal "$staff" "SELECT outcome FROM api.voucher_issue('$ctoken', gen_random_uuid(), $person, $programme)")
[ "$issued" = ok ] || fail "the voucher was not issued: $issued"

keys Escape
expect "工作台"
menu_pick "预算额度"
up_to "$name，蜀山区"
expect "$name，蜀山区：预算额度 2000元，已发放 800元，剩余 1200元"
keys Enter
expect "不得低于已发放金额：800元。"
clear_field 4
type_text "500"
keys F2
expect "预算额度不能低于已发放的金额。"
budget=$(sql "SELECT total_fen || '/' || available_fen FROM wc.voucher_budget
     WHERE programme_id = $programme AND county_code = '$county'")
[ "$budget" = "200000/120000" ] || fail "after the refusal the budget is $budget"
screen_check "a refused budget at 100x30"
doc_screen city-budget-edit "$name" "皖创测试券############"
pass "a budget below what was issued is refused, nothing changed"

clear_field 3
type_text "800"
keys F2
expect "$name，蜀山区：预算额度 800元，已发放 800元，剩余 0元"
audit=$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE a.action = 'voucher_budget_set' AND a.object = '$code' AND s.username = '$city'")
[ "$audit" = 2 ] || fail "the city's budget changes in the audit log: $audit"
pass "down to exactly what was issued: nothing left to issue; both changes audited"

# a county's own counter has no 预算额度
stop_terminal
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-desk'
screen_text | grep -q "预算额度" && fail "a county's counter is offered 预算额度"
pass "a county's counter is not offered the budgets"
