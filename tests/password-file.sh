#!/bin/sh
# A password file others may read is refused by each program before it
# connects, with the file and the command that mends it: libpq would
# ignore such a file (with a warning the full screen hides) and the
# sign-in would fail with no word of why. A file of the account's alone
# (0600) and no file at all pass on to the next step (here: no terminal,
# no server).
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/wc-pgpass.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE= WANCHUANG_DB="host=$dir/none dbname=x user=x"
unset WANCHUANG_TERMINAL_KEY_FILE
pw=$dir/pgpass
printf '%s\n' '*:*:*:x:secret' >"$pw"
failed=0
fail() {
	echo "FAIL: $*"
	failed=1
}
# run MODE PROGRAM ARGS...: PROGRAM with a PGPASSFILE of MODE; its status
# and output in $rc and $out
run() {
	chmod "$1" "$pw"
	shift
	set +e
	out=$(PGPASSFILE=$pw "$@" </dev/null 2>&1)
	rc=$?
	set -e
}
for mode in 644 640 604; do
	run "$mode" "$top_builddir/wanchuang" --db "$WANCHUANG_DB"
	case "$rc:$out" in
	1:*"password file $pw may be read by other users"*"chmod 600 $pw"*) ;;
	*) fail "wanchuang took a password file of mode $mode ($rc): $out" ;;
	esac
	run "$mode" "$top_builddir/wanchuang-admin" --db "$WANCHUANG_DB" security-report
	case "$rc:$out" in
	1:*"password file $pw may be read by other users"*) ;;
	*) fail "wanchuang-admin took a password file of mode $mode ($rc): $out" ;;
	esac
done
run 600 "$top_builddir/wanchuang" --db "$WANCHUANG_DB"
case "$out" in
*"needs a terminal"*) ;;
*) fail "wanchuang refused a password file of mode 600 ($rc): $out" ;;
esac
rm -f "$pw"
set +e
out=$(PGPASSFILE=$pw "$top_builddir/wanchuang" --db "$WANCHUANG_DB" </dev/null 2>&1)
set -e
case "$out" in
*"needs a terminal"*) ;;
*) fail "wanchuang refused a missing password file: $out" ;;
esac
[ $failed = 0 ] && echo "a password file others may read is refused by wanchuang and wanchuang-admin; 600 and none pass"
exit $failed
