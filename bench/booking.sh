#!/usr/bin/env bash
# bench/booking.sh: bookings a second through api.citizen_book (see
# bench/booking.c) with 8 and 32 clients, side by side with pgbench's
# built-in TPC-B (scale 10, a database of its own) on the same throwaway
# server with the same settings (PostgreSQL's defaults: fsync and
# synchronous_commit on). Run by `make bench` from the build folder.
#   CLIENTS="8 32"  BENCH_SECONDS=10 (a run)  ROUNDS=1 (of each pair)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
clients=${CLIENTS:-8 32}
secs=${BENCH_SECONDS:-10}
rounds=${ROUNDS:-1}
. "$top/scripts/pg.sh"
pgdir=$(pg_folder)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg_init "$pgdir"
pg_start "$pgdir"
pg_createdb "$pgdir" wanchuang_bench
pg_createdb "$pgdir" tpcb
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation" \
	"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
"$PG_BIN/pgbench" -h "$pgdir" -U postgres -i -s 10 -q tpcb >/dev/null 2>&1

sql() { "$PG_BIN/psql" -X -At -h "$pgdir" -U postgres -d postgres -c "$1"; }
settings=$(sql "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name)
	FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes',
	'wal_level', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'max_connections')")
echo "booking benchmark, $(nproc) cores, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), ${secs} s a run"
echo "server (both workloads): $settings"

rows=()
failed=0
for round in $(seq "$rounds"); do
	for n in $clients; do
		if ! line=$("$build/bench/booking" "$admin" --clients "$n" --seconds "$secs"); then
			failed=1
		fi
		echo "$line"
		rate=$(sed -n 's/.*: \([0-9.]*\) bookings\/s.*/\1/p' <<<"$line")
		inv=$(sed -n 's/.*; invariants \([A-Za-z]*\) .*/\1/p' <<<"$line")
		sql CHECKPOINT >/dev/null
		tps=$("$PG_BIN/pgbench" -h "$pgdir" -U postgres -c "$n" -j 2 -T "$secs" -M prepared tpcb 2>/dev/null |
			awk '/^tps = / { print $3; exit }')
		echo "pgbench TPC-B, $n clients: $tps tps"
		rows+=("$(awk -v n="$n" -v r="${rate:-0}" -v t="${tps:-0}" -v i="${inv:-?}" -v k="$round" \
			'BEGIN { printf "| %d | %d | %.0f | %.0f | %.2f | %s |", k, n, r, t, (t > 0 ? r / t : 0), i }')")
	done
done
echo
echo "| round | clients | bookings/s | TPC-B tps | ratio | invariants |"
echo "| ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
exit "$failed"
