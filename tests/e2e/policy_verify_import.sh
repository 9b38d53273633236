#!/bin/bash
# wanchuang-admin import policies: the conditions a clerk verifies by hand
# as an office writes them — a column 申请条件 in words, items split by ；,
# ; or a line break — stored as items joined by ；; 对象 不限 marks a policy
# open to everyone; an item too long is named by its row and column in
# Chinese and nothing is imported.
. "$top_srcdir/tests/e2e/lib.sh"
need_db
# it adds policies for the whole province (policies_shared in lib.sh)
policies_shared

run=$$$RANDOM
csv="$E2E_DIR/verify.csv"
long=$(printf '很%.0s' $(seq 201))
{
	printf '政策编号,政策名称,适用地区,扶持方式,生效日期,对象,申请条件,政策解读\r\n'
	printf 'V%s-1,核实测试甲,全省,资金补贴,2025-01-01,,"创业失败，原经营主体已注销;\r\n准备再次创业",解读\r\n' "$run"
	printf 'V%s-2,核实测试乙,全省,服务支持,2025-01-01,不限,,解读\r\n' "$run"
	printf 'V%s-3,核实测试丙,全省,资金补贴,2025-01-01,,短的一项；%s,解读\r\n' "$run" "$long"
} | iconv -f UTF-8 -t GB18030 >"$csv"

count() { sql "SELECT count(*) FROM wc.policy WHERE code LIKE 'V$run-%'"; }
admin_zh import policies "$csv"
[ $rc -eq 1 ] || fail "a row too long but exit $rc: $out"
# line 5 of the file: the first row takes two
echo "$out" | grep -q "第 5 行：待核实条件第 2 项超过 200 个字" ||
	fail "the item too long is not named by row and column: $out"
[ "$(count)" = 0 ] || fail "rows were imported although one was rejected"
pass "an item too long: named by its row and column, nothing imported"

admin_zh import policies "$csv" --partial
echo "$out" | grep -q "新增 2 条，更新 0 条，未变 0 条，拒绝 1 条" || fail "partial summary: $out"
[ "$(sql "SELECT to_verify || '|' || open_to_all FROM wc.policy WHERE code = 'V$run-1'")" = \
	"创业失败，原经营主体已注销；准备再次创业|false" ] || fail "the conditions to verify are not stored as items"
[ "$(sql "SELECT to_verify || '|' || open_to_all FROM wc.policy WHERE code = 'V$run-2'")" = "|true" ] ||
	fail "对象 不限 does not mark the policy open to everyone"
pass "申请条件 in words stored as items to verify; 不限 open to everyone"

policies_delete "V$run-%"
policies_done
