#!/bin/bash
# Upgrading a database in use. Two migrates at once do not interleave: the
# second waits and says why, or with --no-wait refuses. A terminal older
# than the oldest version the database serves says so in Chinese, with
# both versions, before anyone signs in; the admin tool likewise.
#
# On a database of its own: raising the oldest version served on the
# shared one would turn away the tests running beside this one.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

shared=$WANCHUANG_TEST_DB
db="wc_upgrade_${E2E_TAG}_$(uniq)"
upgrade_cleanup() {
	e2e_cleanup
	WANCHUANG_TEST_DB=$shared sql "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 ||
		true
}
trap upgrade_cleanup EXIT
sql "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
WANCHUANG_TEST_DB="$shared dbname=$db"
"$ADMIN" --db "$WANCHUANG_TEST_DB" migrate >/dev/null || fail "a fresh database does not migrate"
# closed to the other tests' terminals at once, or the security report of
# a test running beside this one finds a database they can reach
sql "REVOKE CONNECT, TEMPORARY ON DATABASE \"$db\" FROM PUBLIC, wc_kiosk, wc_staff, wc_notify"

# Another migrate holds the lock (a session standing in for it, so the
# timing is the test's): --no-wait refuses, a plain migrate waits for it.
/usr/lib/postgresql/15/bin/psql -X -q -d "$WANCHUANG_TEST_DB" \
	-c "SELECT pg_advisory_lock(20, 0), pg_sleep(3)" >/dev/null &
holder=$!
for _ in $(seq 50); do
	[ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
		AND classid = 20 AND objid = 0 AND objsubid = 2")" = 1 ] && break
	sleep 0.1
done
admin_zh migrate --no-wait >/dev/null
[ "$rc" = 1 ] || fail "migrate --no-wait while another runs: exit $rc, $out"
printf '%s\n' "$out" | grep -q "另一个数据库升级正在进行" ||
	fail "migrate --no-wait does not say another is running: $out"
admin_zh migrate >/dev/null
[ "$rc" = 0 ] || fail "migrate after waiting: exit $rc, $out"
printf '%s\n' "$out" | grep -q "等待其完成" || fail "migrate does not say it waits: $out"
wait "$holder"
pass "a second migrate waits, or refuses with --no-wait"

# Two real migrates at once: both end well, one after the other.
"$ADMIN" --db "$WANCHUANG_TEST_DB" migrate >"$E2E_DIR/first.out" 2>&1 &
first=$!
admin_zh migrate >/dev/null
wait "$first" || fail "the first of two migrates failed: $(cat "$E2E_DIR/first.out")"
[ "$rc" = 0 ] || fail "the second of two migrates failed: $out"
pass "two migrates at once"

counter=$(terminal_add staff)
login=$(printf '%s' "$counter" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
sql "GRANT CONNECT ON DATABASE \"$db\" TO \"$login\""
version=$("$ADMIN" --version | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')
[ -n "$version" ] || fail "wanchuang-admin --version names no version"

admin_zh migrate --min-terminal 99.1 >/dev/null
[ "$rc" = 0 ] || fail "migrate --min-terminal: exit $rc, $out"
start -- --db "$counter"
expect "本机程序版本过旧，请联系管理员升级"
expect "本机程序版本为 $version，服务器要求 99.1 或以上版本"
expect_not "工作人员登录"
resize 80 24
expect "本机程序版本过旧，请联系管理员升级。"
expect "本机程序版本为 $version，服务器要求 99.1 或以上版本。"
resize 100 30
pass "a terminal too old for the server says so, whole at 80x24 too"

admin_zh security-report >/dev/null
[ "$rc" = 1 ] || fail "the admin tool too old for the database: exit $rc, $out"
printf '%s\n' "$out" | grep -q "本机程序版本过旧，请联系管理员升级" ||
	fail "the admin tool does not say it is too old: $out"
printf '%s\n' "$out" | grep -q "99.1" || fail "the admin tool does not say which version: $out"
pass "the admin tool too old for the database says so"

admin_zh migrate --min-terminal "$version" >/dev/null
[ "$rc" = 0 ] || fail "migrate --min-terminal back: exit $rc, $out"
keys r
expect "工作人员登录"
pass "served again once the oldest version served is lowered"

# In use when an upgrade takes away what it calls: the call that finds its
# function gone brings back the first screen, saying why.
admin_zh migrate --min-terminal 99.1 >/dev/null
[ "$rc" = 0 ] || fail "migrate --min-terminal again: exit $rc, $out"
sql "ALTER FUNCTION api.staff_login RENAME TO staff_login_gone"
expect "工作人员登录"
type_text "nobody$$"; keys Tab; type_text "Secret-2026"; keys Enter
expect "本机程序版本过旧，请联系管理员升级"
expect "服务器要求 99.1 或以上版本"
pass "a terminal in use whose call is gone says it is too old"
