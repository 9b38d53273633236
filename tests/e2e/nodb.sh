#!/bin/bash
# No server at start: the Chinese connection message, what to check, and a
# retry key. A malformed connection string says so.
. "$top_srcdir/tests/e2e/lib.sh"

start -- --db "host=$E2E_DIR dbname=nothing user=nobody"
expect "无法连接服务器，请检查网络或联系管理员。"
expect "数据库服务器未运行"
expect "R 重试"
keys r
expect "无法连接服务器"
[ "$(pane_dead)" = 0 ] || fail "the program died"
pass "server down: Chinese message and retry"
stop_terminal

start -- --db "host=$E2E_DIR dbname='unterminated"
expect "连接设置格式有误"
stop_terminal
start -- --db "host=$E2E_DIR dbname"
expect "连接设置格式有误"
pass "malformed connection string explained"
