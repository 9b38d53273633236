#!/bin/bash
# wanchuang-admin daily: the two daily jobs (doc/deployment.md, "Routine
# jobs") each print their count on a line of their own and the command
# exits 0, as wanchuang-providers-activate.timer expects; an argument is
# a usage error. That the jobs do their work is tests/db/test_applications.c
# (daily_activation).
set -eu
: "${top_builddir:?run through make check}"
if [ -z "${WANCHUANG_TEST_DB:-}" ]; then
	echo "WANCHUANG_TEST_DB is not set: run scripts/check"
	exit 77
fi
ADMIN=${ADMIN:-$top_builddir/wanchuang-admin}
export LC_ALL=C.UTF-8 LANGUAGE=

fail() {
	echo "FAIL: $*"
	exit 1
}

set +e
out=$("$ADMIN" --db "$WANCHUANG_TEST_DB" daily 2>&1)
rc=$?
set -e
[ $rc -eq 0 ] || fail "daily: exit $rc: $out"
echo "$out" | grep -Eq '^providers activated: [0-9]+$' || fail "no count of providers: $out"
echo "$out" | grep -Eq '^vouchers expired: [0-9]+$' || fail "no count of vouchers: $out"
echo "ok: daily: $(echo "$out" | tr '\n' ' ')"

# in Chinese too, as the journal of a machine in zh_CN shows it
out=$(LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 "$ADMIN" --db "$WANCHUANG_TEST_DB" daily 2>&1) ||
	fail "daily in Chinese: $out"
echo "$out" | grep -Eq '^公示期满入驻的服务商：[0-9]+ 家$' || fail "no count of providers in Chinese: $out"
echo "ok: daily in Chinese"

set +e
out=$("$ADMIN" --db "$WANCHUANG_TEST_DB" daily now 2>&1)
rc=$?
set -e
[ $rc -eq 2 ] || fail "daily now: exit $rc, not 2: $out"
echo "ok: daily with an argument is refused"
