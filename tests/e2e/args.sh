#!/bin/bash
# Bad input at the command line: clear messages and non-zero exits.
. "$top_srcdir/tests/e2e/lib.sh"

zh() { env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= WANCHUANG_LOCALEDIR="$WANCHUANG_LOCALEDIR" "$@"; }

out=$(zh "$WANCHUANG" --help) || fail "--help failed"
echo "$out" | grep -q "用法：wanchuang" || fail "--help is not in Chinese: $out"
zh "$WANCHUANG" --version | grep -q "wanchuang (wanchuang) " || fail "--version"
out=$(env LANG=C.UTF-8 LANGUAGE= "$WANCHUANG" --help) || fail "--help in English"
echo "$out" | grep -q "Usage: wanchuang" || fail "English help: $out"
pass "help and version"

set +e
out=$(zh "$WANCHUANG" --frobnicate 2>&1 </dev/null); rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown flag exit $rc"
echo "$out" | grep -q "wanchuang --help" || fail "unknown flag message: $out"

set +e
out=$(zh "$WANCHUANG" --idle 3 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && echo "$out" | grep -q "10 至 3600" || fail "bad --idle: $rc $out"

set +e
out=$(env LANG=C LC_ALL=C "$WANCHUANG" 2>&1 </dev/null); rc=$?
set -e
[ $rc -eq 1 ] && echo "$out" | grep -q "not UTF-8" && echo "$out" | grep -q "zh_CN.UTF-8" ||
	fail "non-UTF-8 locale: $rc $out"

set +e
out=$(env LC_ALL=xx_YY.UTF-8 "$WANCHUANG" 2>&1 </dev/null); rc=$?
set -e
[ $rc -eq 1 ] && echo "$out" | grep -q "not installed" || fail "missing locale: $rc $out"

set +e
out=$(zh "$WANCHUANG" </dev/null 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && echo "$out" | grep -q "须在终端中运行" || fail "no terminal: $rc $out"
pass "bad flags, locale and terminal"

set +e
out=$(zh "$ADMIN" frobnicate 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && echo "$out" | grep -q "未知命令" || fail "admin unknown command: $rc $out"
set +e
out=$(zh "$ADMIN" --db "host=$E2E_DIR" migrate 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && echo "$out" | grep -q "无法连接数据库" || fail "admin no server: $rc $out"
set +e
out=$(zh "$ADMIN" --db "host=$E2E_DIR" staff add x --role king --region 340000 --name x </dev/null 2>&1); rc=$?
set -e
[ $rc -ne 0 ] || fail "admin accepted a bad role"
pass "admin tool refuses bad input"

# The test database was migrated from the files of this tree: --check finds
# it holds what they say, and changes nothing.
if [ -n "${WANCHUANG_TEST_DB:-}" ]; then
	set +e
	out=$(zh "$ADMIN" --db "$WANCHUANG_TEST_DB" migrate --check 2>&1); rc=$?
	set -e
	[ $rc -eq 0 ] && echo "$out" | grep -q "数据库与脚本文件一致" ||
		fail "migrate --check on a migrated database: $rc $out"
	pass "migrate --check"
fi
