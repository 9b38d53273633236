#!/bin/bash
# wanchuang-admin import policies: a GB18030 spreadsheet as a bureau's
# office software saves it, columns in its own order, 解读 and 正文 over
# several lines with commas and quotes inside, amounts and dates written
# the ways offices write them; bad rows named by their line in Chinese,
# nothing changed unless --partial; importing again updates by 编号.
. "$top_srcdir/tests/e2e/lib.sh"
need_db
# it adds policies for the whole province (policies_shared in lib.sh)
policies_shared

run=$$$RANDOM
csv="$E2E_DIR/policies.csv"
{
	printf '标题,编号,适用地区,扶持方式,生效日期,失效日期,最高金额（元）,对象,年龄下限,年龄上限,注册月数下限,主体类型,条件,解读,正文,发文字号,发文机关\r\n'
	printf '导入测试政策甲,T%s-1,全省,贷款及贴息,2022年8月1日,长期有效,30万元,退役军人、高校毕业生,18,60周岁,,"个人;个体工商户",毕业年限<=2,"可申请最高30万元。\r\n到县级人社部门办理。","第一条 ""创业担保贷款"",期限3年。\r\n第二条 财政贴息。",皖政〔2022〕63号,安徽省人民政府\r\n' "$run"
	printf '导入测试政策乙,T%s-2,合肥市,资金补贴,2023/1/1,2024-12-31,"1,000",,,,6,小微企业,"任一（全部（员工人数<=100；新招比例>=15）；全部（员工人数>100；新招比例>=8））",解读,正文,,合肥市人社局\r\n' "$run"
	printf '火星补贴,T%s-3,火星,资金补贴,2023-01-01,,,,,,,,,,,,\r\n' "$run"
	printf '坏条件,T%s-4,340100,资金补贴,2023-01-01,,,,,,,,身高>170,,,,\r\n' "$run"
	printf '坏日期,T%s-5,340100,资金补贴,2023-13-01,,,,,,,,,,,,\r\n' "$run"
	printf '坏对象,T%s-6,340100,资金补贴,2023-01-01,,,宇航员,,,,,,,,,\r\n' "$run"
} | iconv -f UTF-8 -t GB18030 >"$csv"

count() { sql "SELECT count(*) FROM wc.policy WHERE code LIKE 'T$run-%'"; }
admin_zh import policies "$csv"
[ $rc -eq 1 ] || fail "rejected rows but exit $rc"
# the multi-line rows make the file's lines differ from the row numbers
echo "$out" | grep -q "第 6 行：未知地区（火星）" || fail "the unknown region is not named on line 6"
echo "$out" | grep -q "第 7 行：条件第 1 个字.*身高" || fail "the unknown condition is not named on line 7"
echo "$out" | grep -q "第 8 行：生效日期" || fail "the bad date is not named on line 8"
echo "$out" | grep -q "第 9 行：人员类别无法识别（宇航员）" || fail "the unknown group is not named on line 9"
echo "$out" | grep -q "未导入任何数据" || fail "no word that nothing was imported"
[ "$(count)" = 0 ] || fail "rows were imported although some were rejected"
pass "bad rows: nothing imported, each named by its line of the file"

admin_zh import policies "$csv" --partial
echo "$out" | grep -q "新增 2 条，更新 0 条，未变 0 条，拒绝 4 条" || fail "partial summary: $out"
[ "$(count)" = 2 ] || fail "the two good rows are not in"
[ "$(sql "SELECT max_yuan || '|' || region || '|' || coalesce(expires_on::text, '-') || '|' || array_to_string(entities, ',') || '|' || age_max FROM wc.policy WHERE code = 'T$run-1'")" = "300000|340000|-|person,individual_business|60" ] ||
	fail "30万元, 全省, 长期有效, the entity list or 60周岁 read wrong"
[ "$(sql "SELECT body FROM wc.policy WHERE code = 'T$run-1'")" = $'第一条 "创业担保贷款",期限3年。\n第二条 财政贴息。' ] ||
	fail "the multi-line body with quotes and commas did not survive"
[ "$(sql "SELECT max_yuan || '|' || expires_on FROM wc.policy WHERE code = 'T$run-2'")" = "1000|2024-12-31" ] ||
	fail "1,000 or the expiry date read wrong"
pass "--partial: the good rows in from GB18030, every cell read as written"

# Again with a changed title: one updated, one unchanged, the change audited.
sed "s/导入测试政策甲/导入测试政策甲（修订）/" <(iconv -f GB18030 -t UTF-8 "$csv") | iconv -f UTF-8 -t GB18030 >"$csv.2"
admin_zh import policies "$csv.2" --partial
echo "$out" | grep -q "新增 0 条，更新 1 条，未变 1 条，拒绝 4 条" || fail "re-import summary: $out"
[ "$(sql "SELECT title FROM wc.policy WHERE code = 'T$run-1'")" = "导入测试政策甲（修订）" ] || fail "not updated"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'policy_change' AND object = 'T$run-1'")" = 1 ] ||
	fail "the change is not in the audit log"
pass "importing again updates by 编号, audited"

# Leave no test policies behind for other tests' searches.
policies_delete "T$run-%"
policies_done
