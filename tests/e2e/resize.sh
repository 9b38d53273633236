#!/bin/bash
# Below 80x24 a one-line request to enlarge; back to 100x30 redraws.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
start -- --db "$db"
expect "工作人员登录"
type_text "zhangsan"

resize 60 20
expect "请将窗口调大至至少 80×24"
expect_not "工作人员登录"
pass "small terminal asks to enlarge"

resize 100 30
expect "工作人员登录"
expect "zhangsan"
expect_not "请将窗口调大"
pass "redrawn at 100x30 with what was typed"

# Lines: the terminal's line drawing by default, ASCII with --ascii.
expect "──────────"
stop_terminal
start -- --ascii --db "$db"
expect "工作人员登录"
expect "----------"
expect_not "──────────"
pass "--ascii draws lines with ASCII"
