#!/bin/bash
# wanchuang-notify --check, which the package's postinst runs on an
# upgrade: a settings file lacking the template of a kind the daemon
# knows (kept through the upgrade, the kind newer than the file) is named
# in a warning, exit 0; a whole file says nothing; a refused file exits
# 1. The postinst shows the warning and never fails, whatever --check
# answers, and says nothing on a first install.
set -eu
: "${top_builddir:?run through make check}"
: "${top_srcdir:?run through make check}"
export LC_ALL=C.UTF-8 LANGUAGE=
NOTIFY=$top_builddir/wanchuang-notify
postinst=$top_srcdir/debian/wanchuang-notify.postinst
dir=$(mktemp -d "${TMPDIR:-/tmp}/wc-notify-check.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
pass() { echo "ok: $*"; }

install -m 600 "$top_srcdir/contrib/notify.conf.example" "$dir/whole.conf"
sed '/^template\.policy_new =/d; /^template\.waitlist_seat =/d' "$dir/whole.conf" >"$dir/old.conf"
sed '/^template\./d' "$dir/whole.conf" >"$dir/bare.conf"
chmod 600 "$dir/old.conf" "$dir/bare.conf"

# check FILE: --check's output into $out, its exit status into $rc
check() {
	set +e
	out=$("$NOTIFY" --check --config "$dir/$1.conf" 2>&1)
	rc=$?
	set -e
}
check whole
[ $rc = 0 ] && [ -z "$out" ] || fail "the whole example: exit $rc, said: $out"
pass "the shipped example: exit 0, nothing said"
check old
[ $rc = 0 ] || fail "a file lacking two templates: exit $rc, not 0: $out"
echo "$out" | grep -q 'waitlist_seat, policy_new' || fail "the kinds lacking a template are not named: $out"
echo "$out" | grep -q 'warning' || fail "not said as a warning: $out"
pass "a file lacking two templates: exit 0, both kinds named"
check bare
[ $rc = 1 ] && echo "$out" | grep -q "no template code" || fail "a file with no template: exit $rc: $out"
pass "a file with no template at all: exit 1"

# The postinst, with the system's commands it calls made harmless and the
# daemon's check pointed at the test's files.
if [ ! -f "$postinst" ]; then
	echo "no debian/ in this tree: the postinst is not checked"
	exit 0
fi
mkdir "$dir/bin"
for c in adduser dpkg-statoverride; do
	printf '#!/bin/sh\nexit 0\n' >"$dir/bin/$c"
done
# setpriv as the test's own user: its options dropped
printf '#!/bin/sh\nwhile [ "${1#--}" != "$1" ]; do shift; done\nexec "$@"\n' >"$dir/bin/setpriv"
# postinst [FILE] ARGS...: the postinst run with ARGS, its wanchuang-notify
# checking FILE; its output into $out, its status into $rc
postinst() {
	printf '#!/bin/sh\nexec "%s" --check --config "%s"\n' "$NOTIFY" "$dir/$1.conf" >"$dir/bin/wanchuang-notify"
	chmod +x "$dir/bin"/*
	shift
	set +e
	out=$(PATH="$dir/bin:$PATH" sh "$postinst" "$@" 2>&1)
	rc=$?
	set -e
}
postinst old configure 0.1.0
[ $rc = 0 ] && echo "$out" | grep -q 'policy_new' || fail "postinst on upgrade: exit $rc, said: $out"
pass "postinst on an upgrade warns of the kinds lacking a template"
postinst bare configure 0.1.0
[ $rc = 0 ] && echo "$out" | grep -q 'no template code' || fail "postinst on upgrade, a refused file: exit $rc, said: $out"
pass "postinst on an upgrade with a refused file: warns, exit 0"
postinst old configure
[ $rc = 0 ] && [ -z "$out" ] || fail "postinst on a first install: exit $rc, said: $out"
pass "postinst on a first install: nothing said"
