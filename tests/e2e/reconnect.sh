#!/bin/bash
# The server drops the connection mid-session: the person is told, the
# program reconnects by itself, the sign-in survives, nothing crashes.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
login=$(printf '%s' "$db" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
user=$(staff_add operator 340000 赵磊 'Operator-2026')
start -- --db "$db"
expect "工作人员登录"
type_text "$user"
keys Tab
type_text "Operator-2026"
keys Enter
expect "工作台"

sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$login'" >/dev/null
menu_pick "账号信息"
expect "已重新连接服务器，请重新操作。"
[ "$(pane_dead)" = 0 ] || fail "the program died when the connection dropped"
menu_pick "账号信息"
expect "上次登录时间"
expect "赵磊"
pass "dropped connection: reconnected, still signed in"
