#!/bin/bash
# The supervisor browses the audit log in Chinese and filters it; the
# counter has no such screen and the database refuses it the call.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
start -- --db "$db"
expect "工作人员登录"
type_text "$sup"; keys Tab; type_text "wrong-password-1"; keys Enter
expect "用户名或密码错误"
type_text "Supervise-2026"; keys Enter
menu_pick "审计日志"
expect "操作类型"
expect "查看审计日志"
type_text "登录失败"
keys F2
expect "登录失败"
expect "孙丽"
expect_not "查看审计日志   "
pass "audit log filtered by kind, in Chinese"

# the counter's token is refused by the database itself
clerk=$(staff_add counter 340104 王敏 'Shushan-2026')
login=$(printf '%s' "$db" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
pw=$(terminal_password "$db")
host=$(printf '%s' "$db" | sed -n 's/.*host=\([^ ]*\).*/\1/p')
dbname=$(printf '%s' "$db" | sed -n 's/.*dbname=\([^ ]*\).*/\1/p')
set +e
out=$(PGPASSWORD=$pw /usr/lib/postgresql/15/bin/psql -X -q -A -t -h "$host" -U "$login" -d "$dbname" \
	-c "SELECT count(*) FROM api.audit_list((SELECT token FROM api.staff_login('$clerk', 'Shushan-2026')), NULL, NULL, NULL, 10)" 2>&1)
set -e
echo "$out" | grep -q "not allowed for role counter" || fail "the counter was not refused: $out"
pass "the counter cannot read the audit log"
