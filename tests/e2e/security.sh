#!/bin/bash
# wanchuang-admin security-report (Art. 30) in Chinese: clean on a clean
# database; a table granted to the kiosks' group is found and fails it.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

report() { env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$ADMIN" --db "$WANCHUANG_TEST_DB" security-report; }

out=$(report) || fail "a clean database fails the report: $out"
echo "$out" | grep -q "安全自查" || fail "not in Chinese: $out"
echo "$out" | grep -q "终端数据库登录可访问的数据表（应当没有）" || fail "no table section: $out"
echo "$out" | grep -q "未配置终端密钥的终端" || fail "no section of terminals without a key: $out"
[ "$(echo "$out" | grep -c "无，符合要求")" -eq 6 ] || fail "the six must-be-none sections are not all clean: $out"
pass "clean database, clean report"

leak="public.leak_$$"
sql "CREATE TABLE $leak (x int); GRANT SELECT ON $leak TO wc_kiosk" >/dev/null
set +e
out=$(report)
rc=$?
set -e
sql "DROP TABLE $leak" >/dev/null
[ $rc -eq 1 ] || fail "a leaked table did not fail the report (exit $rc)"
echo "$out" | grep -q "wc_kiosk.*leak_$$" || fail "the leaked table is not named: $out"
echo "$out" | grep -q "发现 .* 个必须整改的问题" || fail "no summary of problems: $out"
pass "a table granted to the kiosks is found"
