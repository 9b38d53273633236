#!/bin/bash
# wanchuang-admin import people from an Excel workbook (.xlsx): the same
# rows as a CSV give the same outcome, line for line (a title above the
# header, 身份证号码 as text, one ID number Excel stored as a number and
# refused with its reason, a 合计 line passed over); a second sheet is not
# read; --encoding is ignored for a workbook; an old workbook (.xls) gives
# the same outcome too; a broken one of each is refused with its reason.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# rows: a title, the header, two people, one ID stored as a number, 合计
rows() {
	printf '%s\n' '庐阳区2025年创业人员花名册,,,,,,'
	printf '%s\n' '姓名,身份证号码,手机号,户籍地区,居住地区,人员类别,创业阶段'
	printf '%s\n' "陈一,$1,13300001212,340103,庐阳区,高校毕业生,意向创业"
	printf '%s\n' "林二,$2,13300003434,340103,庐阳区,退役军人,意向创业"
	printf '%s\n' '黄三,3.40103E+17,13300005656,340103,庐阳区,高校毕业生,意向创业'
	printf '%s\n' '合计,3人,,,,,'
}

a=$(valid_id 340103 "$(random_birth)") b=$(valid_id 340103 "$(random_birth)")
c=$(valid_id 340103 "$(random_birth)") d=$(valid_id 340103 "$(random_birth)")
csv="$E2E_DIR/roster.csv" book="$E2E_DIR/roster.xlsx"
rows "$a" "$b" >"$csv"
rows "$c" "$d" | python3 "$top_srcdir/tests/e2e/xlsx_write.py" "$book" --numbers B5

admin_zh import people "$csv" --partial
csv_out=$(echo "$out" | sed "s|$csv|FILE|g") csv_rc=$rc
admin_zh import people "$book" --partial
book_out=$(echo "$out" | sed "s|$book|FILE|g")
[ "$rc" = "$csv_rc" ] || fail "the workbook exits $rc, the CSV $csv_rc"
[ "$book_out" = "$csv_out" ] || fail "the workbook's outcome differs from the CSV's:
$(diff <(echo "$csv_out") <(echo "$book_out"))"
echo "$out" | grep -q "第 1 行：位于表头上方（标题行），已跳过" || fail "the title is not passed over: $out"
echo "$out" | grep -q "第 5 行：表格软件把该列存成了数字" || fail "the ID stored as a number is not explained: $out"
echo "$out" | grep -q "第 6 行：表格下方的合计或落款行" || fail "the 合计 line is not passed over: $out"
echo "$out" | grep -q "已导入 2 条，拒绝 1 条" || fail "workbook summary: $out"
echo "$out" | grep -q "填表说明" && fail "the second sheet was read: $out"
[ "$(sql "SELECT count(*) FROM wc.person WHERE id_hmac IN (wc.person_hmac('$c'), wc.person_hmac('$d'))")" = 2 ] ||
	fail "the workbook's good rows are not in the database"
pass "a workbook imports as the CSV of the same rows: title, ID stored as a number, 合计"

admin_zh import people "$book" --encoding gbk --partial
echo "$out" | grep -q "忽略" || fail "--encoding with a workbook is not said to be ignored: $out"
echo "$out" | grep -q "第 3 行：该办理人已登记" || fail "the workbook is not read with --encoding: $out"
pass "--encoding is ignored for a workbook, and said so"

# an old workbook (.xls), as Excel 97-2003 and WPS save one: the same
# outcome as the CSV of the same rows, the ID stored as a number included
e=$(valid_id 340103 "$(random_birth)") f=$(valid_id 340103 "$(random_birth)")
xls="$E2E_DIR/roster.xls"
rows "$e" "$f" | /usr/bin/python3 "$top_srcdir/tests/e2e/xls_write.py" "$xls" --numbers B5
admin_zh import people "$xls" --partial
xls_out=$(echo "$out" | sed "s|$xls|FILE|g")
[ "$rc" = "$csv_rc" ] || fail "the .xls exits $rc, the CSV $csv_rc"
[ "$xls_out" = "$csv_out" ] || fail "the .xls's outcome differs from the CSV's:
$(diff <(echo "$csv_out") <(echo "$xls_out"))"
echo "$out" | grep -q "填表说明" && fail "the .xls's second sheet was read: $out"
[ "$(sql "SELECT count(*) FROM wc.person WHERE id_hmac IN (wc.person_hmac('$e'), wc.person_hmac('$f'))")" = 2 ] ||
	fail "the .xls's good rows are not in the database"
pass "an old workbook (.xls) imports as the CSV of the same rows"

bad="$E2E_DIR/broken.xls"
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$bad"
head -c 4000 /dev/zero >>"$bad"
admin_zh import people "$bad"
[ $rc -eq 1 ] || fail "a broken .xls exits $rc"
echo "$out" | grep -q "Excel 97-2003" || fail "a broken .xls is not refused with its reason: $out"
printf 'PK\003\004garbage' >"$E2E_DIR/broken.xlsx"
admin_zh import people "$E2E_DIR/broken.xlsx"
[ $rc -eq 1 ] || fail "a broken workbook exits $rc"
echo "$out" | grep -q "Excel" || fail "a broken workbook is not refused with its reason: $out"
pass "a broken .xls and a broken .xlsx are refused with their reasons"
