#!/bin/bash
# A password set by the administrator must be changed at the first
# sign-in, before anything else; weak passwords are refused in Chinese;
# a disabled account cannot sign in.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
user=$(staff_add supervisor 340000 孙丽 'Given-by-admin-1' must-change)
start -- --db "$db"
expect "工作人员登录"
type_text "$user"; keys Tab; type_text "Given-by-admin-1"; keys Enter
expect "请先修改为您自己的密码"
expect "修改密码"
expect_not "工作台"
# nothing else is allowed meanwhile, in the database too
[ "$(sql "SELECT must_change FROM wc.staff WHERE username = '$user'")" = t ] || fail "must_change not set"

type_text "Given-by-admin-1"; keys Tab; type_text "1qaz2wsx9"; keys Tab; type_text "1qaz2wsx9"; keys F2
expect "新密码至少需要10个字符"
# the current password stays; the focus is on the new one
type_text "Aa12345678"; keys Tab; type_text "Aa12345678"; keys F2
expect "该密码过于常见"
type_text "${user}Pass99"; keys Tab; type_text "${user}Pass99"; keys F2
expect "新密码不能包含用户名"
type_text "Supervise-2026"; keys Tab; type_text "Supervise-2026"; keys F2
expect "您的密码已修改"
expect "工作台"
[ "$(sql "SELECT must_change FROM wc.staff WHERE username = '$user'")" = f ] || fail "must_change still set"
pass "first sign-in: password changed before anything else"
keys F10
expect "工作人员登录"

"$ADMIN" --db "$WANCHUANG_TEST_DB" staff disable "$user" >/dev/null
type_text "$user"; keys Tab; type_text "Supervise-2026"; keys Enter
expect "用户名或密码错误"
pass "a disabled account cannot sign in"
