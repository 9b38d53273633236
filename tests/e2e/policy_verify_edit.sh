#!/bin/bash
# 新增政策 and 修改政策 at 80×24: 待核实条件 on the third page, typed in
# words, stored as items joined by ；, shown again in full when the policy
# is changed; 对象 不限 is kept as the mark of a policy open to everyone.
. "$top_srcdir/tests/e2e/lib.sh"
need_db
# it adds policies for the whole province (policies_shared in lib.sh)
policies_shared

run=$(printf '%07d%05d' $$ $(( $(uniq) % 100000 )))
db=$(terminal_add staff)
user=$(staff_add bureau 340000 陈静 'Bureau-2026')
start 80 24 -- --db "$db"
sign_in "$user" 'Bureau-2026'
expect "新增政策"
menu_pick "新增政策"
expect "第 1 页，共 3 页"
type_text "K$run"; keys Tab
type_text "核实编辑测试$run"; keys Tab Tab Tab
type_text "全省"; keys Tab
type_text "2025-07-01"
keys F2
expect "第 2 页，共 3 页"
type_text "资金补贴"; keys Tab Tab
type_text "不限"
keys F2
expect "第 3 页，共 3 页"
expect "待核实条件"
expect "[ 保存 ]"
keys Tab
type_text "创业失败，原经营主体已注销;"; keys Enter
type_text "准备再次创业"; keys Tab
type_text "创业失败后再创业的，到县级人社部门办理。"
keys F2
expect "政策已新增并发布"
[ "$(sql "SELECT to_verify || '|' || open_to_all FROM wc.policy WHERE code = 'K$run'")" = \
	"创业失败，原经营主体已注销；准备再次创业|true" ] || fail "the conditions to verify or 不限 are not stored as typed"
pass "待核实条件 typed on page 3, whole at 80×24, is stored as items; 不限 as open to all"

keys Escape
expect "工作台"
menu_pick "政策查询"
expect "关键词"
type_text "核实编辑测试$run"; keys Enter
expect "共 1 项政策"
keys Enter
expect "需核实：创业失败，原经营主体已注销；准备再次创业"
keys F7
expect "政策维护"
keys F2
expect "第 2 页，共 3 页"
expect "不限"
keys F2
expect "第 3 页，共 3 页"
expect "创业失败，原经营主体已注销；准备再次创业"
pass "the policy's page lists them to verify; changing it shows them and 不限 again"

policies_delete "K$run"
policies_done
