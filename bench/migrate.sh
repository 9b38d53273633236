#!/usr/bin/env bash
# bench/migrate.sh: do terminals in use keep working while the province's
# database is upgraded? The province load (bench/province.c, direct
# connections) runs on a throwaway server for SECONDS seconds (default
# 60), TERMINALS terminals (default 60) acting every THINK seconds on
# average (default 0.2), while `wanchuang-admin migrate` runs again and
# again, MIGRATE_PAUSE seconds apart (default 1). Each migrate re-applies
# every function file, as an upgrade does. ADMIN_TOOL names the
# wanchuang-admin whose migrate is measured (default: this build's), to
# compare with another version's.
#
# It prints the load's table (calls, latencies, errors per call type),
# the errors the terminals saw, counted by SQLSTATE and message, and how
# many migrates ran, how long they took and how many failed. The target:
# no call failing and no migrate failing.
#
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/migrate.sh, or
# `make bench-migrate SECONDS=60`.
run_seconds=${SECONDS:-0} # bash counts SECONDS up; read the caller's before it does
[ "$run_seconds" -gt 1 ] || run_seconds=60
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
terminals=${TERMINALS:-60}
think=${THINK:-0.2}
pause=${MIGRATE_PAUSE:-1}
admin_tool=${ADMIN_TOOL:-$build/wanchuang-admin} # the migrate measured: another build's to compare
. "$top/scripts/pg.sh"

pgdir=$(pg_folder)
work=$(mktemp -d)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir" "$work"' EXIT
pg_init "$pgdir"
pg_start "$pgdir" "-c max_connections=$((terminals + 20))"
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
export WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation"
"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
"$build/wanchuang-admin" --db "$admin" import policies "$top/data/policies/policies.csv" >/dev/null
echo "migrate under load: $terminals terminals, ${run_seconds} s, think time ${think} s," \
	"a migrate every ${pause} s after the last, $(nproc) cores"

"$build/bench/province" "$admin" --via "host=$pgdir dbname=wanchuang_bench" \
	--terminals "$terminals" --seconds "$run_seconds" --think "$think" \
	>"$work/load.out" 2>"$work/load.err" &
load=$!
# migrates start once the terminals are signed in and acting
until grep -q '^set up' "$work/load.out" 2>/dev/null || ! kill -0 "$load" 2>/dev/null; do
	sleep 0.5
done
sleep 2
runs=0 failed=0
: >"$work/migrate.ms"
while kill -0 "$load" 2>/dev/null; do
	t0=$(date +%s%N)
	if "$admin_tool" --db "$admin" migrate >"$work/migrate.out" 2>&1; then
		echo $((($(date +%s%N) - t0) / 1000000)) >>"$work/migrate.ms"
	else
		failed=$((failed + 1))
		sed 's/^/migrate failed: /' "$work/migrate.out" | head -3
	fi
	runs=$((runs + 1))
	sleep "$pause"
done
wait "$load" || echo "(bench/province failed: $?)"
cat "$work/load.out"
echo
echo "errors the terminals saw (count, call, SQLSTATE, message):"
sed -n 's/^bench\/province: \(.* failed: .*\)$/\1/p' "$work/load.err" | sort | uniq -c | sort -rn |
	head -15
grep -v '^bench/province: .* failed: ' "$work/load.err" || true
echo "failed calls in all: $(grep -c '^bench/province: .* failed: ' "$work/load.err" || true)"
sort -n "$work/migrate.ms" | awk -v runs="$runs" -v failed="$failed" '
	{ ms[NR] = $1 }
	END {
		printf "migrates: %d run, %d failed; took p50 %d ms, max %d ms\n", runs, failed,
		       NR ? ms[int((NR + 1) / 2)] : 0, NR ? ms[NR] : 0
	}'
