#!/bin/bash
# The bureau's 统计指标 at 80x24, in Chinese: this month's figures of one
# county, a figure equal to a count made here from the rows, the rows
# behind 按期办结率 with the late complaint and the name masked, the
# export in GB18030 read back, and the same sheet from
# wanchuang-admin report figures; each export audited.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=341825 # 旌德县: no other test writes there
month=$(TZ=Asia/Shanghai date +%Y-%m)
first="$month-01"

# facts this month: two people registered there, and a complaint of one
# of them decided after its time limit (filed on the 1st, accepted on the
# 8th; 2 working days allowed), replied and closed
for n in 1 2; do
	id=$(valid_id $county $(random_birth))
	person=$(person_with_pin "$id" 江德明 1395550$(printf '%04d' $(( (RANDOM + n) % 10000 ))) $county 583920)
done
no="TS$(date +%s)$(printf '%04d' $(( RANDOM % 10000 )))"
complaint=$(sql "INSERT INTO wc.complaint (no, person_id, against, category, body, county_code,
     city_code, status, created_at, request_key)
     VALUES ('$no', $person, 'platform', 'other', '旌德县统计测试', '$county', '341800', 'closed',
     ('$first'::date + time '09:00') AT TIME ZONE 'Asia/Shanghai', gen_random_uuid()) RETURNING id")
for e in "file 0 submitted" "accept 7 accepted" "reply 8 replied" "close 9 closed"; do
	set -- $e
	sql "INSERT INTO wc.complaint_event (complaint_id, at, day, action, status_after, visible)
	     VALUES ($complaint, ('$first'::date + $2 + time '10:00') AT TIME ZONE 'Asia/Shanghai',
	     '$first'::date + $2, '$1', '$3', true)" >/dev/null
done

# the count, made here from the rows
registered=$(sql "SELECT count(*) FROM wc.person WHERE county_code = '$county'
     AND registered_at >= '$first'::date AT TIME ZONE 'Asia/Shanghai'
     AND registered_at < ('$first'::date + interval '1 month') AT TIME ZONE 'Asia/Shanghai'")

db=$(terminal_add staff)
bureau=$(staff_add bureau 340000 吴芳 'Bureau-2026')
export WANCHUANG_EXPORT_DIR="$E2E_DIR"
start 80 24 -- --db "$db"
sign_in "$bureau" 'Bureau-2026'
menu_pick "统计指标"
expect "统计期：${month%-*}年$((10#${month#*-}))月 · 地区：安徽省"
keys F4
type_text "旌德县"
keys Enter
expect "地区：旌德县"
row=$(screen_text | grep "新登记人数" | head -n 1)
got=$(printf '%s\n' "$row" | awk '{print $2}')
[ "$got" = "$registered" ] || fail "新登记人数 on screen $got, counted from the rows $registered"
expect "计算方法："
no_english
screen_check "figures at 80x24"
pass "the county's figures at 80x24, 新登记人数 equal to the rows"

select_row "按期办结率"
expect "计算方法：本期办结的投诉中"
keys Enter
expect "按期办结率 · "
scroll_until "$no"
line=$(screen_text | grep -F "$no")
printf '%s\n' "$line" | grep -q "受理超期" || fail "the late step is not named: $line"
printf '%s\n' "$line" | grep -q "江\*\*" || fail "the name is not masked: $line"
printf '%s\n' "$line" | grep -q "江德明" && fail "the name is shown whole: $line"
no_english
pass "按期办结率's rows: the late complaint, the step, the name masked"

keys Escape
expect "统计期："
keys F6
expect "已导出"
# named as an office files it: 统计指标-旌德县-2026年12月.csv
file="$E2E_DIR/统计指标-$(sql "SELECT name FROM wc.region WHERE code = '$county'")-${first:0:4}年$(( 10#${first:5:2} ))月.csv"
[ -s "$file" ] || fail "no sheet at $file"
# GB18030, not UTF-8: the Chinese decodes from GB18030 only
iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1 && fail "the sheet is UTF-8, not GB18030"
sheet=$(iconv -f GB18030 -t UTF-8 "$file") || fail "the sheet does not decode from GB18030"
printf '%s\n' "$sheet" | head -n 1 | grep -q "^地区范围,统计期,指标,本期,上期,变化,单位,计算方法" ||
	fail "the sheet's header: $(printf '%s\n' "$sheet" | head -n 1)"
printf '%s\n' "$sheet" | grep -q "^旌德县,[^,]*,新登记人数,$registered," ||
	fail "the sheet's 新登记人数 is not $registered"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$bureau' AND a.action = 'figures_export' AND a.object = '$county'
     AND a.detail->>'rows' = '$(( $(printf '%s\n' "$sheet" | wc -l) - 1 ))'")" = 1 ] ||
	fail "the export is not audited with its rows"
pass "the export in GB18030, read back, audited"

# F5: the same sheet as an Excel workbook, numbers as numbers, texts as text
# the status line still says 已导出 from F6: wait for the workbook's own name
keys F5
expect "月.xlsx"
book="${file%.csv}.xlsx"
[ -s "$book" ] || fail "no workbook at $book"
[ ! -e "$book.part" ] || fail "the workbook's temporary file is left behind"
diff=$(printf '%s\n' "$sheet" | python3 "$top_srcdir/tests/e2e/xlsx_compare.py" --numbers 3,4,5 "$book") ||
	fail "the workbook differs from the sheet: $diff"
# F7: CSV in UTF-8 with the byte order mark that Excel needs
rm -f "$file"
keys F7
expect "月.csv"
[ "$(head -c 3 "$file" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "the UTF-8 sheet has no BOM"
[ "$(tail -c +4 "$file")" = "$sheet" ] || fail "the UTF-8 sheet differs from the GB18030 one"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$bureau' AND a.action = 'figures_export' AND a.object = '$county'")" = 3 ] ||
	fail "the three exports are not each audited"
pass "the export as an Excel workbook and as UTF-8 with a BOM, each audited"

admin_zh report figures --period "$month" --area 旌德县 --out "$E2E_DIR/cli.csv" >/dev/null
[ "$rc" = 0 ] || fail "report figures: $out"
cli=$(iconv -f GB18030 -t UTF-8 "$E2E_DIR/cli.csv") || fail "the command's sheet does not decode"
[ "$cli" = "$sheet" ] || fail "the command's sheet differs from the screen's"
admin_zh report figures --period "$month" --area 旌德县 --out "$E2E_DIR/cli.xlsx" >/dev/null
[ "$rc" = 0 ] || fail "report figures to .xlsx: $out"
diff=$(printf '%s\n' "$sheet" | python3 "$top_srcdir/tests/e2e/xlsx_compare.py" --numbers 3,4,5 "$E2E_DIR/cli.xlsx") ||
	fail "the command's workbook differs from the sheet: $diff"
admin_zh report figures --period "$month" --area 旌德县 --format xlsx --encoding utf-8 \
	--out "$E2E_DIR/both.xlsx" >/dev/null
[ "$rc" = 2 ] && [ ! -e "$E2E_DIR/both.xlsx" ] || fail "a workbook with an encoding was taken: $out"
admin_zh report figures --period "$month" --area 旌德县 --out "$E2E_DIR/nofolder/cli.xlsx" >/dev/null
[ "$rc" = 1 ] && [ ! -e "$E2E_DIR/nofolder" ] || fail "a workbook to a missing folder: $rc $out"
printf '%s\n' "$out" | grep -q "无法写入" || fail "a workbook to a missing folder, not in Chinese: $out"
printf '%s\n' "$out" | grep -q "ERROR" && fail "the library's own message reached the user: $out"
admin_zh report figures --period "$month-01" --area 旌德县 --out "$E2E_DIR/bad.csv" >/dev/null
[ "$rc" = 2 ] && [ ! -e "$E2E_DIR/bad.csv" ] || fail "a wrong period was taken: $out"
printf '%s\n' "$out" | grep -q "不是统计期" || fail "a wrong period, in English: $out"
pass "wanchuang-admin report figures writes the same sheet"
