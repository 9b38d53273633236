#!/usr/bin/env bash
# bench/keys.sh: key response (bench/keys.py) of wanchuang's kiosk in a
# pseudo-terminal of 100x30 in zh_CN.UTF-8, side by side with dialog,
# locally and through ssh on loopback (an sshd of its own, on a high port
# with throwaway keys, stopped afterwards; without sshd the ssh column is
# left out and the output says so). Run by `make bench` from the build
# folder, or alone: cd var/build && ../../bench/keys.sh
#   ROUNDS=5 KEYS=40 (keys of each kind a round)  QUIET_MS=30
#   BEFORE=/path/to/another/wanchuang: an older build as a column of its own
#   KEYS_DUMP=FILE: every key a line (program, way, kind, time, ms, bytes,
#   what the terminal received), to tell the program's tail from the machine's
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
[ -x "$build/wanchuang" ] || { echo "run from the build folder (no wanchuang in $build)" >&2; exit 1; }

"$top/scripts/setup" --bench >/dev/null
. "$top/scripts/pg.sh"
. "$top/scripts/sshd.sh"
pgdir=$(pg_folder)
work=$(mktemp -d "${TMPDIR:-/tmp}/wc-keys.XXXXXX")
cleanup() {
	sshd_stop
	pg_stop "$pgdir"
	rm -rf "$pgdir" "$work"
}
trap cleanup EXIT
pg_init "$pgdir"
pg_start "$pgdir"
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation" \
	"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
# the policies the platform ships: the hits of 政策查询
"$build/wanchuang-admin" --db "$admin" import policies "$top/data/policies/policies.csv" >/dev/null
# a kiosk of 金寨县
. "$here/terminal.sh"
db=$(bench_terminal "$build" "$admin" "$work" bench_keys_kiosk kiosk 341524)
export PGPASSFILE="$work/pgpass"
make -C "$build" locale/zh_CN/LC_MESSAGES/wanchuang.mo >/dev/null
export LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= WANCHUANG_LOCALEDIR="$build/locale"

# sshd on loopback, for this run only
ssh_words=
if [ ! -x "$SSHD" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
	echo "ssh: sshd or the ssh client is not installed (scripts/setup installs them); the ssh column is left out"
elif ! sshd_start "$work"; then
	echo "ssh: sshd did not start ($(tail -n 1 "$work/sshd.log")); the ssh column is left out"
elif ! ssh -T "${SSH_ARGS[@]}" true </dev/null >/dev/null 2>&1; then
	echo "ssh: no key sign-in as $(id -un) on loopback; the ssh column is left out"
else
	ssh_words=$(printf '%q ' ssh -tt "${SSH_ARGS[@]}")
fi

remote_env=$(printf '%q ' env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= \
	"WANCHUANG_LOCALEDIR=$WANCHUANG_LOCALEDIR" "PGPASSFILE=$PGPASSFILE")
before=()
[ -z "${BEFORE:-}" ] || before=(--before "$(printf '%q ' "$BEFORE" --kiosk --db "$db")")
echo "key response, $(nproc) cores, 100x30, LANG=zh_CN.UTF-8, TERM=xterm-256color"
python3 "$here/keys.py" --rounds "${ROUNDS:-5}" --keys "${KEYS:-40}" --quiet "${QUIET_MS:-30}" \
	--policies "$top/data/policies/policies.csv" \
	--ssh "$ssh_words" --remote-env "$remote_env" "${before[@]}" ${KEYS_DUMP:+--dump "$KEYS_DUMP"} \
	-- "$build/wanchuang" --kiosk --db "$db"
