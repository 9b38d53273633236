#!/bin/bash
# Staff sign-in in Chinese: the screen, a wrong password, the role's home,
# the cursor at the input point, signing out.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
user=$(staff_add counter 340223 李芳 'Nanling-2026')
start -- --db "$db"

expect "工作人员登录"
expect "安徽省创业服务云平台"
expect "F10 退出"
doc_screen staff-login
pass "sign-in screen in Chinese"

# The real cursor stands where the next character goes (an IME puts its
# candidate window there): after two Chinese characters, four columns on.
type_text "王五"
expect "王五"
set -- $(cursor)
x0=$1
keys BSpace BSpace
expect_gone "王五"
set -- $(cursor)
[ $((x0 - $1)) -eq 4 ] || fail "cursor moved $((x0 - $1)) columns for two Chinese characters"
pass "cursor follows double-width input"

type_text "$user"
keys Tab
type_text "wrong-password"
keys Enter
expect "用户名或密码错误"
expect_not "工作台"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE object = '$user' AND action = 'login_failed'")" = 1 ] ||
	fail "the failure was not audited"
pass "wrong password refused in Chinese"

# The user name is kept; the password field was emptied and has the focus.
expect "$user"
type_text "Nanling-2026"
keys Enter
expect "工作台"
expect "窗口工作人员 李芳"
expect "南陵县"
expect "账号信息"
doc_screen counter-home
pass "counter staff reach their home"

menu_pick "账号信息"
expect "上次登录时间"
expect "登录失败次数"
keys Escape
expect "工作台"

keys F10
expect "您已退出登录"
expect "工作人员登录"
[ "$(sql "SELECT count(*) FROM wc.session s JOIN wc.staff t ON t.id = s.staff_id WHERE t.username = '$user' AND s.ended_at IS NULL")" = 0 ] ||
	fail "the session was not ended on sign-out"
pass "signed out, session ended"

keys F10
i=0
while [ "$(pane_dead)" != 1 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(pane_dead)" = 1 ] || fail "F10 on the sign-in screen did not quit"
pass "quit"
