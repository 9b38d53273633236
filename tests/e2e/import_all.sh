#!/bin/bash
# wanchuang-admin import without --partial: every row that would fail is
# named in one run — those the program refuses and those the database
# refuses (a credit code of another kind, the same ID number twice, a
# person registered already) — sorted by line; nothing is stored; the
# corrected file then goes in whole. A file of many bad rows names the
# first ones and counts the rest. The same for policies and providers.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

birth() { random_birth; }
a=$(valid_id 340104 "$(birth)") b=$(valid_id 340104 "$(birth)") c=$(valid_id 340104 "$(birth)")
d=$(valid_id 340104 "$(birth)") e=$(valid_id 340104 "$(birth)") f=$(valid_id 340104 "$(birth)")
# (its last character wrong, and never 0: a code ending in 000 reads as
# one a spreadsheet cut to 15 digits, a different message)
bad=${c:0:17}$([ "${c:17}" = 1 ] && echo 2 || echo 1)
code=$(valid_code 340100) # 91…: an enterprise's code
header='姓名,身份证号,手机号,户籍地区,居住地区,人员类别,创业阶段,统一社会信用代码,主体名称,主体类型,注册日期\r\n'

# 赵六 is registered before the file arrives.
printf "$header"'赵六,%s,13600004444,340104,340104,,意向创业,,,,\r\n' "$e" >"$E2E_DIR/first.csv"
admin_zh import people "$E2E_DIR/first.csv"
[ $rc -eq 0 ] || fail "a good one-row file is not imported: $out"

csv="$E2E_DIR/people.csv"
{
	printf "$header"
	printf '张三,%s,13800001111,340104,蜀山区,高校毕业生,意向创业,,,,\r\n' "$a"
	printf '王五,%s,13700003333,340104,340104,,意向创业,,,,\r\n' "$bad"
	printf '李四,%s,13900002222,340104,340104,,已创业,%s,合肥启明科技有限公司,个体工商户,2024-09-01\r\n' "$b" "$code"
	printf '孙七,%s,13500005555,340104,340104,,意向创业,,,,\r\n' "$d"
	printf '周八,%s,13300006666,340104,340104,,意向创业,,,,\r\n' "$f"
	printf '孙七,%s,13500005556,340104,340104,,意向创业,,,,\r\n' "$d"
	printf '赵六,%s,13600004444,340104,340104,,意向创业,,,,\r\n' "$e"
} >"$csv"
ours="SELECT count(*) FROM wc.person WHERE id_hmac IN (wc.person_hmac('$a'), wc.person_hmac('$b'), wc.person_hmac('$d'), wc.person_hmac('$f'))"
admin_zh import people "$csv"
[ $rc -eq 1 ] || fail "bad rows but exit $rc: $out"
echo "$out" | grep -q "第 3 行：校验位错误" || fail "(a) the bad check character is not named on line 3: $out"
echo "$out" | grep -q "第 4 行：统一社会信用代码的类型与所选主体类型不一致" ||
	fail "(b) the credit code of another kind is not named on line 4: $out"
echo "$out" | grep -q "第 5 行：与第 7 行身份证号重复" || fail "(c) the first of the same ID is not named on line 5: $out"
echo "$out" | grep -q "第 7 行：与第 5 行身份证号重复" || fail "(c) the second of the same ID is not named on line 7: $out"
echo "$out" | grep -q "第 8 行：该办理人已登记" || fail "(d) the person registered already is not named on line 8: $out"
echo "$out" | grep -q "未导入任何数据" || fail "no word that nothing was imported: $out"
[ "$(echo "$out" | grep -o '^第 [0-9]* 行' | tr -dc '0-9\n' | paste -sd ' ')" = "3 4 5 7 8" ] ||
	fail "the rows are not named once each in the order of the file: $out"
[ "$(sql "$ours")" = 0 ] || fail "rows were stored although others failed"
pass "people: a bad cell, a code of another kind, the same ID twice and a registered person named in one run, nothing stored"

# The file corrected: the bad rows out, 李四's kind as his code says.
sed -e '3d;7d;8d' -e 's/,个体工商户,/,小微企业,/' "$csv" >"$E2E_DIR/fixed.csv"
admin_zh import people "$E2E_DIR/fixed.csv"
[ $rc -eq 0 ] || fail "the corrected file is refused: $out"
[ "$(sql "$ours")" = 4 ] || fail "the corrected file's four people are not stored"
pass "people: the corrected file goes in whole"

# Many bad rows: the first 100 named, the rest counted.
many="$E2E_DIR/many.csv"
{
	printf "$header"
	for i in $(seq 1 150); do
		printf '某%d,%s,13800001111,340104,340104,,意向创业,,,,\r\n' "$i" "$bad"
	done
} >"$many"
admin_zh import people "$many"
[ $rc -eq 1 ] || fail "150 bad rows but exit $rc"
[ "$(echo "$out" | grep -c '^第 [0-9]* 行：')" = 100 ] || fail "not 100 rows named: $(echo "$out" | tail -3)"
echo "$out" | grep -q "^第 101 行：校验位错误" || fail "the 100th bad row (line 101) is not named"
echo "$out" | grep -q "另有 50 行有误" || fail "the other 50 rows are not counted: $(echo "$out" | tail -3)"
pass "150 bad rows: 100 named, 另有 50 行有误"

# Policies: a 发文字号 longer than the database keeps, with a bad date.
run=$$$RANDOM
long=$(printf '皖%.0s' $(seq 1 101))
pol="$E2E_DIR/policies.csv"
{
	printf '标题,编号,适用地区,扶持方式,生效日期,发文字号\r\n'
	printf '全部或不导甲,A%s-1,全省,资金补贴,2024-01-01,皖政〔2024〕1号\r\n' "$run"
	# a hostile cell: the reason quotes it, made harmless
	printf '全部或不导乙,A%s-2,全省,资金补贴,2024-13-01\033]0;x\007\033[2J,\r\n' "$run"
	printf '全部或不导丙,A%s-3,全省,资金补贴,2024-01-01,%s\r\n' "$run" "$long"
	# the 编号 of line 2 again: which row is the policy is not the order's to say
	printf '全部或不导丁,A%s-1,全省,资金补贴,2024-02-01,皖政〔2024〕2号\r\n' "$run"
} >"$pol"
admin_zh import policies "$pol"
[ $rc -eq 1 ] || fail "bad policies but exit $rc: $out"
echo "$out" | grep -q "第 3 行：生效日期" || fail "the bad date is not named on line 3: $out"
case $out in *$'\033'* | *$'\007'*) fail "a control character from the file reached the terminal" ;; esac
echo "$out" | grep -q "第 4 行：.*超出" || fail "the 发文字号 the database refuses is not named on line 4: $out"
echo "$out" | grep -q "第 5 行：与第 2 行政策编号重复" || fail "the 编号 of line 2 again is not named on line 5: $out"
[ "$(sql "SELECT count(*) FROM wc.policy WHERE code LIKE 'A$run-%'")" = 0 ] || fail "policies stored"
pass "policies: a bad cell, a row the database refuses and a 编号 twice named in one run, nothing stored"
policies_delete "A$run-%"

# Providers: one already on the platform, one with a bad telephone.
tag=$(uniq)
p=$(valid_code 340104) q=$(valid_code 340104) r=$(valid_code 340104)
phead='统一社会信用代码,机构名称,主体类型,所在地区,法定代表人,联系人,联系电话,服务类别\r\n'
printf "$phead"'%s,已入驻机构%s,有限责任公司,蜀山区,王,王,13900001111,财税服务\r\n' "$p" "$tag" >"$E2E_DIR/p1.csv"
admin_zh import providers "$E2E_DIR/p1.csv"
[ $rc -eq 0 ] || fail "a good provider is not imported: $out"
{
	printf "$phead"
	printf '%s,新机构%s,有限责任公司,蜀山区,李,李,13900002222,财税服务\r\n' "$q" "$tag"
	printf '%s,坏电话机构%s,有限责任公司,蜀山区,李,李,6512345,财税服务\r\n' "$r" "$tag"
	printf '%s,又一家%s,有限责任公司,蜀山区,王,王,13900001111,财税服务\r\n' "$p" "$tag"
	printf '%s,新机构分部%s,有限责任公司,蜀山区,李,李,13900002222,财税服务\r\n' "${q,,}" "$tag"
} >"$E2E_DIR/p2.csv"
admin_zh import providers "$E2E_DIR/p2.csv"
[ $rc -eq 1 ] || fail "bad providers but exit $rc: $out"
echo "$out" | grep -q "第 3 行：联系电话" || fail "the bad telephone is not named on line 3: $out"
echo "$out" | grep -q "第 4 行：该机构已是服务商" || fail "the provider already on the platform is not named on line 4: $out"
echo "$out" | grep -q "第 2 行：与第 5 行统一社会信用代码重复" || fail "the first of the same code is not named on line 2: $out"
echo "$out" | grep -q "第 5 行：与第 2 行统一社会信用代码重复" || fail "the second of the same code (in lower case) is not named on line 5: $out"
[ "$(sql "SELECT count(*) FROM wc.provider WHERE credit_code = '$q'")" = 0 ] || fail "a provider stored"
pass "providers: a bad cell, a provider already on the platform and one code twice named in one run, nothing stored"
