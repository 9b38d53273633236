#!/bin/bash
# A save held up by a lock another session holds on the same person: the
# screen says it is waiting within a second; Esc, or a touch on the box,
# gives up (the request is cancelled, the form keeps what was typed);
# held on, the server's statement timeout is named as such, and a
# lock_timeout set on the terminal's login as someone else changing the
# record, never as a lost connection; once the lock is gone the same form
# saves.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
id=$(valid_id $county $(random_birth))
person=$(sql "SELECT wc_admin.person_import('$id', '张晓明', '13955501234', '$county', '$county',
     '{graduate}', 'intending', NULL, NULL, NULL, NULL)")
db=$(terminal_add staff)
login=$(printf '%s' "$db" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
clerk=$(staff_add counter $county 王敏 'Shushan-2026')
holder="wc_hold_${E2E_TAG}"
psql_bin=/usr/lib/postgresql/15/bin/psql
hold_pid=

# hold_lock: another session locks the person's row (as a second clerk's
# unfinished change would) until release_lock.
hold_lock() {
	PGAPPNAME=$holder "$psql_bin" -X -q -d "$WANCHUANG_TEST_DB" \
		-c "BEGIN; SELECT 1 FROM wc.person WHERE id = $person FOR UPDATE; SELECT pg_sleep(120); COMMIT" \
		>/dev/null 2>&1 &
	hold_pid=$!
	local i=0
	until [ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
	           WHERE a.application_name = '$holder' AND l.locktype = 'transactionid'")" = 1 ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the lock was not taken"
		sleep 0.1
	done
}

release_lock() {
	sql "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '$holder'" >/dev/null
	wait "$hold_pid" 2>/dev/null || true
}
trap 'release_lock; e2e_cleanup' EXIT

# open_edit: sign in and open the person's 修改登记信息, the name lengthened.
open_edit() {
	sign_in "$clerk" 'Shushan-2026'
	find_person "$id" 张晓明
	keys 3
	expect "修改登记信息"
	keys End
	type_text "明"
	expect "张晓明明"
}

# The server's own statement timeout, shorter here than the program's
# 15 s so that the test does not wait that long.
start -- --db "$db options='-c statement_timeout=4s -c TimeZone=Asia/Shanghai'"
open_edit
hold_lock
keys F2
expect "正在等待服务器响应" 1
expect "按 Esc 键取消"
pass "a held-up save says it is waiting within a second"

keys Escape
expect "您已取消等待，本次操作未完成"
expect_gone "正在等待服务器响应"
expect "修改登记信息"
expect "张晓明明"
[ "$(sql "SELECT name FROM wc.person WHERE id = $person")" = 张晓明 ] ||
	fail "the cancelled change was saved"
pass "Esc cancels the request; the form keeps what was typed"

# A touch on the box (100×30: rows 12-16, columns 20-79) does the same,
# well before the statement timeout would (the message above is still
# there: it is the timeout's message that must not come).
keys F2
expect "正在等待服务器响应" 1
tap 50 14
expect_gone "正在等待服务器响应" 2
expect "您已取消等待，本次操作未完成"
expect_not "服务器处理超时"
expect "张晓明明"
pass "a touch on the box cancels too"

keys F2
expect "正在等待服务器响应" 1
expect "服务器处理超时，本次操作未完成" 10
expect_gone "正在等待服务器响应"
sleep 1
expect_not "连接已中断"
expect_not "已重新连接"
expect "张晓明明"
pass "the statement timeout is named as such, not as a lost connection"

release_lock
keys F2
expect "登记信息已修改"
expect "张晓明明"
[ "$(sql "SELECT name FROM wc.person WHERE id = $person")" = 张晓明明 ] ||
	fail "the change was not saved once the lock was gone"
pass "the lock released, the same connection saves"

# A lock_timeout on the terminal's login (as a deployment may set it):
# someone else is changing the record.
stop_terminal
sql "ALTER ROLE \"$login\" SET lock_timeout = '1s'" >/dev/null
start -- --db "$db"
open_edit
hold_lock
keys F2
expect "其他人正在修改同一条记录，本次操作未完成" 6
expect_not "连接已中断"
expect "张晓明明明"
release_lock
pass "a lock held past lock_timeout: someone else is changing the record"
