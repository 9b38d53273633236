#!/bin/bash
# 创业测评 finds its questions without being told where they are: a
# program run from the build tree (scripts/demo, someone trying a change)
# reads them from the source tree, as it reads its message catalogue from
# the build tree; and a kiosk whose questions cannot be read does not
# offer the item on its welcome screen.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add kiosk 341524)

# The program as scripts/demo runs it: no WANCHUANG_ASSESSDIR.
unset WANCHUANG_ASSESSDIR
start 80 24 -- --kiosk --db "$db"
expect "欢迎使用安徽省创业服务云平台"
expect "创业测评"
keys 4
expect "创业准备情况自测"
keys Enter
expect "第 1 题 / 共 15 题"
pass "the build tree's program loads the self-assessment questions"
stop_terminal

# Questions that cannot be read: the item is not on the welcome screen,
# and its number opens the next one.
export WANCHUANG_ASSESSDIR=/nonexistent/assessment
start 80 24 -- --kiosk --db "$db"
expect "欢迎使用安徽省创业服务云平台"
expect "服务目录"
expect_not "创业测评"
keys 4
expect "身份证号"
expect_not "无法加载"
pass "a kiosk without its questions does not offer 创业测评"
