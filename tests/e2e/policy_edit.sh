#!/bin/bash
# 新增政策 and 修改政策 by the bureau, in Chinese: a bad region is named
# under its field on page 1 with everything typed kept; the policy is
# added (for a group no other test person is in), found by 政策查询, changed with F7, and both steps are audited.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

run=$(printf '%07d%05d' $$ $(( $(uniq) % 100000 )))
db=$(terminal_add staff)
user=$(staff_add bureau 340000 周涛 'Bureau-2026')
start 100 30 -- --db "$db"
sign_in "$user" 'Bureau-2026'
expect "新增政策"
menu_pick "新增政策"
expect "政策维护"
expect "第 1 页，共 3 页"
type_text "E$run"; keys Tab
type_text "编辑测试政策$run"; keys Tab
type_text "皖'); DROP TABLE wc.policy; --"; keys Tab Tab
type_text "火星"; keys Tab
type_text "2025年7月1日"
keys F2
expect "第 2 页，共 3 页"
type_text "资金补贴"; keys Tab
type_text "3万元"; keys Tab
type_text "留学回国人员"
keys F2
expect "第 3 页，共 3 页"
keys Tab Tab
type_text "退役军人可申请，到县级人社部门办理。"
keys F2
expect "第 1 页，共 3 页"
expect "未知地区（火星）"
expect "编辑测试政策$run"
doc_screen bureau-policy-edit "$run" "############"
[ "$(sql "SELECT count(*) FROM wc.policy WHERE code = 'E$run'")" = 0 ] || fail "saved with a bad region"
pass "a bad region is named under its field, nothing typed lost, nothing saved"

keys C-u; type_text "六安市"
keys F2 F2
expect "第 3 页，共 3 页"
keys F2
expect "政策已新增并发布"
[ "$(sql "SELECT region || '|' || max_yuan || '|' || array_to_string(groups, ',') FROM wc.policy WHERE code = 'E$run'")" = "341500|30000|returned_student" ] ||
	fail "the policy is not stored as typed"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id WHERE a.action = 'policy_create' AND a.object = 'E$run' AND s.username = '$user'")" = 1 ] ||
	fail "adding is not audited with who did it"
[ "$(sql "SELECT doc_no FROM wc.policy WHERE code = 'E$run'")" = "皖'); DROP TABLE wc.policy; --" ] ||
	fail "SQL typed into a field is not kept as text"
pass "the policy is added, as typed (SQL as plain text), audited"

keys Escape
expect "工作台"
menu_pick "政策查询"
expect "关键词"
type_text "编辑测试政策$run"; keys Enter
expect "共 1 项政策"
keys Enter
expect "F7 修改"
keys F7
expect "政策维护"
expect "E$run"
keys F2
expect "第 2 页，共 3 页"
keys Tab C-u; type_text "5万元"
keys F2 F2
expect "政策已修改，原内容已记入审计日志"
[ "$(sql "SELECT max_yuan FROM wc.policy WHERE code = 'E$run'")" = 50000 ] || fail "not changed"
[ "$(sql "SELECT detail->'old'->>'max_yuan' FROM wc.audit WHERE action = 'policy_change' AND object = 'E$run'")" = 30000 ] ||
	fail "the change is not audited with the old value"
pass "F7 edits the policy; the old value is in the audit log"

policies_delete "E$run"
