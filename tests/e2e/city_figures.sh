#!/bin/bash
# A city's department (a counter account of 黄山市) at 80x24, in Chinese:
# 统计指标 and 资金对账 from its home, for its city; F4 takes one of its
# counties and turns down another city before asking the database; the
# rows behind a figure; an export, audited; the chosen figure's last 12
# months as a sparkline (and in ASCII with --ascii). A county's department
# has the two screens for its county, without F4.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

city=341000 county=341023 # 黄山市, 黟县: no other test writes there
month=$(TZ=Asia/Shanghai date +%Y-%m)
period="${month%-*}年$((10#${month#*-}))月"

# a person registered in the county this month: the month's figure is not zero
id=$(valid_id $county $(random_birth))
person_with_pin "$id" 程立新 1395552$(printf '%04d' $(( RANDOM % 10000 ))) $county 583920 >/dev/null

# audited ACTION AREA: the city's account did ACTION on AREA once
audited() {
	[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
	     WHERE s.username = '$clerk' AND a.action = '$1' AND a.object = '$2'")" = 1 ]
}

db=$(terminal_add staff)
clerk=$(staff_add counter $city 汪市 'Huangshan-2026')
export WANCHUANG_EXPORT_DIR="$E2E_DIR"
start 80 24 -- --db "$db"
sign_in "$clerk" 'Huangshan-2026'
menu_pick "统计指标"
expect "统计期：$period · 地区：黄山市"
keys F4
expect "留空为黄山市，或输入其所辖县（市、区）"
type_text "合肥市"
keys Enter
expect "只能选择本账号所属地区或其所辖县（市、区）。"
expect "地区：黄山市"
keys Escape
keys F4
type_text "黟县"
keys Enter
expect "地区：黟县"
screen_check "a city's figures of its county at 80x24"
pass "统计指标 for the city, F4 its county, another city turned down"

select_row "新登记人数"
expect "近12个月（"
line=$(screen_text | grep "近12个月（")
printf '%s\n' "$line" | grep -q "至$period）：" || fail "the 12 months do not end with $period: $line"
spark=$(printf '%s\n' "$line" | sed -E 's/.*）：(.{12})  最高.*/\1/')
[ "$(printf '%s' "$spark" | wc -m)" = 12 ] || fail "not 12 months drawn: $line"
printf '%s' "$spark" | grep -qE '^[▁▂▃▄▅▆▇█]{11}[▂▃▄▅▆▇█]$' ||
	fail "this month's registration is not above the lowest step: $line"
no_english
pass "the sparkline of 新登记人数: 12 months ending this month, this month above zero"

select_row "预约件数"
keys Enter
expect "预约件数 · "
expect_not "不能"
keys Escape
expect "统计期："
keys F6
expect "已导出"
file="$E2E_DIR/统计指标-黟县-$period.csv"
[ -s "$file" ] || fail "no sheet at $file"
iconv -f GB18030 -t UTF-8 "$file" | grep -q "^黟县,[^,]*,新登记人数," || fail "the sheet has not the county's figures"
audited figures_export $county || fail "the export is not audited"
pass "the rows behind a figure and the export, for the city's county"

keys Escape
expect "工作台"
menu_pick "资金对账"
expect "统计期：$period · 地区：黄山市"
expect "服务商结算（1/4）"
keys F4
type_text "宣城市"
keys Enter
expect "只能选择本账号所属地区或其所辖县（市、区）。"
keys Escape
keys F3
expect "项目预算（2/4）"
screen_check "a city's 资金对账 at 80x24"
keys F6
expect "已导出"
[ -s "$E2E_DIR/资金对账-黄山市-$period.csv" ] || fail "no sheet of the city's money"
audited settlement_export $city || fail "the export of the money is not audited"
pass "资金对账 for the city, another city turned down, the export audited"
keys F10
expect "工作人员登录"
stop_terminal

# a county's department: its county only, no F4; the sparkline in ASCII
counter=$(staff_add counter $county 舒县 'Yixian-2026')
start 80 24 -- --ascii --db "$db"
sign_in "$counter" 'Yixian-2026'
menu_pick "统计指标"
expect "地区：黟县"
bar_lacks "a county's 统计指标" F4
keys F4
expect_not "留空为"
select_row "新登记人数"
expect "近12个月（"
line=$(screen_text | grep "近12个月（")
printf '%s\n' "$line" | grep -qE '）：[_.~=+*#-]{11}[.~=+*#-]  最高' ||
	fail "the ASCII sparkline: $line"
keys Escape
menu_pick "资金对账"
expect "地区：黟县"
bar_lacks "a county's 资金对账" F4
pass "a county's department: its county's figures and money, no F4; the sparkline in ASCII"
