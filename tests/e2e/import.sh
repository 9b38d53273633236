#!/bin/bash
# wanchuang-admin import people: a GB18030 spreadsheet as Chinese office
# software saves it, with good rows and rows each wrong in its own way.
# Without --partial nothing changes; with it the good rows go in and
# every rejected row is named by its line, in Chinese.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

code=$(valid_code 340100)
a=$(valid_id 340104 "$(random_birth)") b=$(valid_id 340104 "$(random_birth)") c=$(valid_id 340104 "$(random_birth)")
d=$(valid_id 340104 20000229) # a leap day
# (its last character wrong, and never 0: a code ending in 000 reads as
# one a spreadsheet cut to 15 digits, a different message)
bad=${c:0:17}$([ "${c:17}" = 1 ] && echo 2 || echo 1)

csv="$E2E_DIR/people.csv"
{
	printf '姓名,身份证号,手机号,户籍地区,居住地区,人员类别,创业阶段,统一社会信用代码,主体名称,主体类型,注册日期\r\n'
	printf '张三,%s,13800001111,340104,蜀山区,高校毕业生,意向创业,,,,\r\n' "$a"
	printf '"李四",%s,+86 139-0000-2222,芜湖市南陵县,合肥市蜀山区,"退役军人、返乡入乡创业人员",已创业,%s,合肥启明科技有限公司,小微企业,2024/9/1\r\n' "$b" "$code"
	printf '王五,%s,13700003333,340104,340104,,意向创业,,,,\r\n' "$bad"
	printf '赵六,%s,13600004444,340104,340104,,已创业,53100000500021676K,某某基金会,基金会,2020-01-01\r\n' "$d"
	printf '钱七,%s,13500005555,340104\r\n' "$d"
} | iconv -f UTF-8 -t GB18030 >"$csv"

# Counted by the file's own numbers: other tests register people meanwhile.
ours="SELECT count(*) FROM wc.person WHERE id_hmac IN (wc.person_hmac('$a'), wc.person_hmac('$b'))"
before=$(sql "$ours")
admin_zh import people "$csv"
[ $rc -eq 1 ] || fail "rejected rows but exit $rc"
echo "$out" | grep -q "第 4 行：校验位错误" || fail "the bad check character is not reported on line 4"
echo "$out" | grep -q "第 5 行：.*第三条" || fail "the foundation is not refused with Art. 3 on line 5"
echo "$out" | grep -q "第 6 行：.*4 列.*11 列" || fail "the ragged row is not reported on line 6"
echo "$out" | grep -q "未导入任何数据" || fail "no word that nothing was imported"
[ "$(sql "$ours")" = "$before" ] ||
	fail "rows were imported although one was rejected"
pass "one bad row: nothing imported, every bad row named by its line"

admin_zh import people "$csv" --encoding gb18030 --partial
echo "$out" | grep -q "已导入 2 条，拒绝 3 条" || fail "partial import summary: $out"
[ "$(sql "SELECT count(*) FROM wc.person p JOIN wc.organisation o ON o.person_id = p.id WHERE p.name = '李四' AND o.kind = 'small_enterprise' AND p.categories @> '{veteran,returnee}' AND p.household_region = '340223'")" -ge 1 ] ||
	fail "李四 and the organisation are not in the database as written"
pass "--partial: the good rows imported from GB18030, names, regions and categories resolved"

# The same file again: everyone is already registered.
admin_zh import people "$csv" --partial
echo "$out" | grep -q "第 2 行：该办理人已登记" || fail "a second import does not say 已登记: $out"
pass "importing again registers nobody twice"

# A roster as a county office keeps it: a title and a date line above the
# header, a 序号 column, the header's other names (身份证号码, 联系电话
# with a note in brackets, 户籍所在地, 现居住地, 人员类型, 企业名称,
# 成立日期), a * on the required columns, two mobiles in one cell (the
# first is taken), a two-character name padded to line up (孙　八),
# 退伍军人 for 退役军人, 有创业意向 for 意向创业, a company written by its
# legal form (创业阶段 left empty: it has started), its founding date as
# Excel's day number (45292), blank rows, a second county's title and
# header pasted under the first, a 合计 and a 制表人 line under the table,
# UTF-8 with a BOM and CRLF. An ID number the spreadsheet
# stored as a number (3.40104E+17) and an unknown category (大学生) are
# refused with what happened; the rest go in.
e=$(valid_id 340104 "$(random_birth)") f=$(valid_id 340104 "$(random_birth)") g=$(valid_id 340104 "$(random_birth)")
gcode=$(valid_code 340104)
roster="$E2E_DIR/roster.csv"
{
	printf '\xef\xbb\xbf蜀山区2025年创业人员花名册,,,,,,,,,,,,\r\n'
	printf '填报日期：2025年6月30日,,,,,,,,,,,,\r\n'
	printf ',,,,,,,,,,,,\r\n'
	printf '序号,*身份证号码,*姓名,联系电话（手机）,户籍所在地,现居住地,人员类型（必填）,创业阶段,统一社会信用代码,企业名称,企业类型,成立日期,备注\r\n'
	printf '1,%s,孙　八,"13300006666、13300006667",340104,蜀山区,高校毕业生,有创业意向,,,,,\r\n' "$e"
	printf ',,,,,,,,,,,,\r\n'
	printf '2,3.40104E+17,周九,13300007777,340104,蜀山区,高校毕业生,意向创业,,,,,\r\n'
	printf '3,%s,吴十,13300008888,340104,蜀山区,退伍军人,意向创业\r\n' "$f"
	# the founding date as Excel saves a date column it took for a number
	printf '4,%s,郑十一,13300009999,340104,蜀山区,,,%s,合肥郑氏电子商务有限公司,有限责任公司（自然人独资）,45292,\r\n' "$g" "$gcode"
	printf '5,%s,冯十二,13300002323,340104,蜀山区,大学生,意向创业,,,,,\r\n' "$(valid_id 340104 "$(random_birth)")"
	# a second county's sheet pasted under the first: its title and header again
	printf '长丰县2025年创业人员花名册,,,,,,,,,,,,\r\n'
	printf '序号,*身份证号码,*姓名,联系电话（手机）,户籍所在地,现居住地,人员类型（必填）,创业阶段,统一社会信用代码,企业名称,企业类型,成立日期,备注\r\n'
	printf '合计,5人,,,,,,,,,,,\r\n'
	printf '制表人：许静,,审核人：郑凯,,,,,,,,,,\r\n'
} >"$roster"
ours="SELECT count(*) FROM wc.person WHERE id_hmac IN (wc.person_hmac('$e'), wc.person_hmac('$f'), wc.person_hmac('$g'))"
admin_zh import people "$roster" --partial
echo "$out" | grep -q "第 1 行：位于表头上方（标题行），已跳过" || fail "the title is not passed over: $out"
echo "$out" | grep -q "第 2 行：位于表头上方" || fail "the date line is not passed over: $out"
echo "$out" | grep -q "第 7 行：表格软件把该列存成了数字" || fail "the ID stored as a number is not explained: $out"
echo "$out" | grep -q "第 10 行：人员类别“大学生”无法识别，可填写：高校毕业生、" ||
	fail "an unknown category is not refused with the list to choose from: $out"
echo "$out" | grep -q "第 11 行：必填各列均为空（标题或说明行），已跳过" || fail "the second title is not passed over: $out"
echo "$out" | grep -q "第 12 行：重复的表头" || fail "the second header is not passed over: $out"
echo "$out" | grep -q "第 13 行：表格下方的合计或落款行" || fail "the 合计 line is not passed over: $out"
echo "$out" | grep -q "第 14 行：表格下方的合计或落款行" || fail "the 制表人 line is not passed over: $out"
echo "$out" | grep -q "已导入 3 条，拒绝 2 条" || fail "roster summary: $out"
[ "$(sql "SELECT categories FROM wc.person WHERE id_hmac = wc.person_hmac('$f')")" = "{veteran}" ] ||
	fail "退伍军人 is not read as 退役军人"
[ "$(sql "$ours")" = 3 ] || fail "the roster's good rows are not in the database"
[ "$(sql "SELECT o.registered_on || ' ' || o.kind || ' ' || p.stage FROM wc.organisation o JOIN wc.person p ON p.id = o.person_id WHERE p.id_hmac = wc.person_hmac('$g')")" = "2024-01-01 small_enterprise started" ] ||
	fail "Excel's day number 45292 is not read as 2024-01-01, or the company not as a 小微企业"
[ "$(sql "SELECT name || ' ' || stage || ' ' || mobile_masked FROM wc.person WHERE id_hmac = wc.person_hmac('$e')")" = "孙八 intending *******6666" ] ||
	fail "the roster's padding of 孙　八 is stored"
pass "an office roster: title, aliases, padding, blank and total rows passed over; an ID stored as a number explained"

