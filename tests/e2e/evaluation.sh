#!/bin/bash
# 年度运营绩效评价 at 80x24, in Chinese: the bureau sets last year's
# target of 新登记人数; the supervisor is refused the issue of this year,
# not ended, then opens last year for one county, sees the count made
# here from the rows and 达标, writes a remark and the overall
# conclusion (each audited), opens the rows behind 按期办结率, and issues
# (签发, F2 twice); the bureau then sees it issued and exports it: the
# GB18030 sheet read back, each indicator's value equal to the year's
# value counted here, the workbook equal to the sheet, the same sheet
# from wanchuang-admin report evaluation; the target, the issue and each
# export audited.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=341881 # 宁国市: no other test writes there
this_year=$(TZ=Asia/Shanghai date +%Y)
year=$((this_year - 1)) # the year evaluated is a finished one

# The evaluation of this county and the year's targets begin anew on
# each run against the same database: issued ones refuse every change,
# so the test's own leftovers are removed past the database's triggers.
sql "SET session_replication_role = replica;
     DELETE FROM wc.evaluation_issue_key k USING wc.evaluation e
      WHERE e.id = k.evaluation_id AND e.year = $year AND e.area = '$county';
     DELETE FROM wc.evaluation_line l USING wc.evaluation e
      WHERE e.id = l.evaluation_id AND e.year = $year AND e.area = '$county';
     DELETE FROM wc.evaluation WHERE year = $year AND area = '$county';
     DELETE FROM wc.evaluation_target WHERE year = $year" >/dev/null

# two people registered in the middle of last year
for n in 1 2; do
	id=$(valid_id $county $(random_birth))
	person=$(person_with_pin "$id" 宁建国 1395551$(printf '%04d' $(( (RANDOM + n) % 10000 ))) $county 583920)
	sql "UPDATE wc.person SET registered_at = make_date($year, 6, $n)::timestamp
	     AT TIME ZONE 'Asia/Shanghai' WHERE id = $person" >/dev/null
done
registered=$(sql "SELECT count(*) FROM wc.person WHERE county_code = '$county'
     AND registered_at >= make_date($year, 1, 1) AT TIME ZONE 'Asia/Shanghai'
     AND registered_at < make_date($year + 1, 1, 1) AT TIME ZONE 'Asia/Shanghai'")
[ "$registered" -ge 2 ] || fail "the people registered here are not counted: $registered"

# the county's evaluations of the year YEAR issued (0 or 1)
issued() {
	sql "SELECT count(*) FROM wc.evaluation WHERE year = $1 AND area = '$county'
	     AND issued_at IS NOT NULL"
}

db=$(terminal_add staff)
bureau=$(staff_add bureau 340000 吴芳 'Bureau-2026')
supervisor=$(staff_add supervisor 340000 许明 'Super-2026')
export WANCHUANG_EXPORT_DIR="$E2E_DIR"

# the bureau: not issued yet, so nothing to read; the year's target set
start 80 24 -- --db "$db"
sign_in "$bureau" 'Bureau-2026'
menu_pick "年度运营绩效评价"
expect "尚未签发"
keys Left
expect "统计期：${year}年"
keys F9
expect "${year}年目标值"
select_row "新登记人数"
keys Enter
expect "新登记人数（单位：数量）"
type_text "2"
keys Enter
expect "目标值已保存"
row=$(screen_text | grep "新登记人数")
printf '%s\n' "$row" | grep -q "≥ 2" || fail "the target is not shown as at least 2: $row"
no_english
screen_check "evaluation targets at 80x24"
[ "$(sql "SELECT value || at_most::text FROM wc.evaluation_target
     WHERE year = $year AND code = 'registrations'")" = "2false" ] || fail "the target is not kept"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$bureau' AND a.action = 'evaluation_target' AND a.object = '$year'
     AND a.detail->>'after' = '2'")" = 1 ] || fail "the target is not audited"
pass "the bureau sets the year's target, audited"
stop_terminal

# the supervisor: this year not issued before it ends; last year's
# count, the mark, remarks, the rows behind, 签发
start 80 24 -- --db "$db"
sign_in "$supervisor" 'Super-2026'
menu_pick "年度运营绩效评价"
expect "统计期：${this_year}年 · 地区：安徽省"
keys F4
type_text "宁国市"
keys Enter
expect "统计期：${this_year}年 · 地区：宁国市"
keys F2
expect "再按一次F2确认：签发宁国市 ${this_year}年"
keys F2
expect "年度尚未结束，不能签发"
[ "$(issued "$this_year")" = 0 ] || fail "this year's evaluation issued before the year ended"
no_english
pass "this year's evaluation is not issued before the year ends"
keys Left
expect "统计期：${year}年 · 地区：宁国市"
expect "未签发"
row=$(screen_text | grep "新登记人数" | head -n 1)
got=$(printf '%s\n' "$row" | awk '{print $2}')
[ "$got" = "$registered" ] || fail "新登记人数 on screen $got, counted from the rows $registered"
printf '%s\n' "$row" | grep -q "达标" || fail "no 达标 beside $registered against at least 2: $row"
no_english
screen_check "evaluation at 80x24"
pass "the supervisor sees the year's count and 达标"

select_row "新登记人数"
keys F3
type_text "全年新登记人数达到目标"
keys Enter
expect "备注已保存"
expect "备注：全年新登记人数达到目标"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$supervisor' AND a.action = 'evaluation_remark' AND a.object = '$county'
     AND a.detail->>'year' = '$year' AND a.detail->>'indicator' = '新登记人数'
     AND a.detail->>'after' = '全年新登记人数达到目标'")" = 1 ] || fail "the remark is not audited"
keys F8
type_text "运营商年度指标总体达标"
keys Enter
expect "总体结论已保存"
expect "总体结论：运营商年度指标总体达标"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$supervisor' AND a.action = 'evaluation_conclusion'
     AND a.object = '$county' AND a.detail->>'year' = '$year'
     AND a.detail->>'after' = '运营商年度指标总体达标'")" = 1 ] || fail "the conclusion is not audited"

select_row "按期办结率"
keys Enter
expect "按期办结率 · ${year}年 · 宁国市"
keys Escape
expect "统计期："

keys F2
expect "再按一次F2确认：签发宁国市 ${year}年"
[ "$(issued "$year")" = 0 ] || fail "issued on the first press"
keys F2
expect "绩效评价已签发"
expect "已签发（签发人：许明"
[ "$(sql "SELECT count(*) FROM wc.evaluation e JOIN wc.staff s ON s.id = e.issued_by
     WHERE e.year = $year AND e.area = '$county' AND s.username = '$supervisor'")" = 1 ] ||
	fail "the issue and its issuer are not kept"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$supervisor' AND a.action = 'evaluation_issue' AND a.object = '$county'
     AND a.detail->>'year' = '$year'")" = 1 ] || fail "the issue is not audited"
# frozen: the keys that write are gone from the bar
bar_text | grep -q "F3" && fail "F3 备注 still offered after the issue: $(bar_text)"
no_english
pass "remarks, the conclusion, the rows behind 按期办结率, 签发 pressed twice"
stop_terminal

# the bureau: issued, read only, exported
start 80 24 -- --db "$db"
sign_in "$bureau" 'Bureau-2026'
menu_pick "年度运营绩效评价"
keys Left
expect "统计期：${year}年"
keys F4
type_text "宁国市"
keys Enter
expect "已签发（签发人：许明"
bar_text | grep -q "F8" && fail "the bureau is offered F8: $(bar_text)"
keys F6
expect "已导出绩效评价"
file="$E2E_DIR/年度绩效评价-宁国市-${year}年.csv"
[ -s "$file" ] || fail "no sheet at $file"
iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1 && fail "the sheet is UTF-8, not GB18030"
# (lines end in CRLF, as spreadsheets write them: compared without the CR)
sheet=$(iconv -f GB18030 -t UTF-8 "$file" | tr -d '\r') ||
	fail "the sheet does not decode from GB18030"
printf '%s\n' "$sheet" | head -n 1 |
	grep -q "^地区范围,年度,指标,实际值,目标值,比较方式,达标情况,单位,备注,计算方法$" ||
	fail "the sheet's header: $(printf '%s\n' "$sheet" | head -n 1)"
printf '%s\n' "$sheet" | grep -q "^宁国市,${year}年,新登记人数,$registered,2,不低于,达标,数量,全年新登记人数达到目标," ||
	fail "the sheet's 新登记人数 line: $(printf '%s\n' "$sheet" | grep 新登记人数)"
printf '%s\n' "$sheet" | tail -n 1 | grep -q "^宁国市,${year}年,总体结论,,,,签发人：许明，签发时间：[^,]*,,运营商年度指标总体达标,$" ||
	fail "the sheet's last line: $(printf '%s\n' "$sheet" | tail -n 1)"
# each indicator's value equal to the year's value counted here, as the
# sheet writes it (money in yuan to the fen, rates to 0.1, stars to 0.01)
want=$(sql "SELECT i.name || ',' || coalesce(CASE i.unit
            WHEN 'fen' THEN to_char(v.value / 100, 'FM9999999990.00')
            WHEN 'stars' THEN to_char(v.value, 'FM9999990.00')
            WHEN 'count' THEN v.value::bigint::text
            ELSE to_char(v.value, 'FM9999990.0') END, '')
       FROM wc.indicator i
       LEFT JOIN wc.figure_values(make_date($year, 1, 1), make_date($year + 1, 1, 1), '$county') v
         ON v.code = i.code ORDER BY i.ord")
got=$(printf '%s\n' "$sheet" | sed '1d;$d' | cut -d, -f3,4)
[ "$got" = "$want" ] || fail "the sheet's values differ from those counted here:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))"
pass "the bureau's export in GB18030, each value equal to the year's count"

keys F5
expect "年.xlsx"
book="${file%.csv}.xlsx"
[ -s "$book" ] || fail "no workbook at $book"
diff=$(printf '%s\n' "$sheet" | python3 "$top_srcdir/tests/e2e/xlsx_compare.py" --numbers 3,4 "$book") ||
	fail "the workbook differs from the sheet: $diff"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$bureau' AND a.action = 'evaluation_export' AND a.object = '$county'
     AND a.detail->>'rows' = '$(( $(printf '%s\n' "$sheet" | wc -l) - 2 ))'")" = 2 ] ||
	fail "the two exports are not each audited with their rows"
no_english
pass "the workbook read back equals the sheet; each export audited"

admin_zh report evaluation --year "$year" --area 宁国市 --out "$E2E_DIR/cli.csv" >/dev/null
[ "$rc" = 0 ] || fail "report evaluation: $out"
printf '%s\n' "$out" | grep -q "已签发" || fail "the command does not say it is issued: $out"
cli=$(iconv -f GB18030 -t UTF-8 "$E2E_DIR/cli.csv" | tr -d '\r') || fail "the command's sheet does not decode"
[ "$cli" = "$sheet" ] || fail "the command's sheet differs from the screen's"
admin_zh report evaluation --year "$year" --area 宁国市 --out "$E2E_DIR/cli.xlsx" >/dev/null
[ "$rc" = 0 ] || fail "report evaluation to .xlsx: $out"
diff=$(printf '%s\n' "$sheet" | python3 "$top_srcdir/tests/e2e/xlsx_compare.py" --numbers 3,4 "$E2E_DIR/cli.xlsx") ||
	fail "the command's workbook differs from the sheet: $diff"
admin_zh report evaluation --year 26 --area 宁国市 --out "$E2E_DIR/bad.csv" >/dev/null
[ "$rc" = 2 ] && [ ! -e "$E2E_DIR/bad.csv" ] || fail "a wrong year was taken: $out"
printf '%s\n' "$out" | grep -q "不是年度" || fail "a wrong year, not in Chinese: $out"
pass "wanchuang-admin report evaluation writes the same sheet"
