#!/usr/bin/env bash
# bench/province.sh: a province-sized load (bench/province.c) on a
# throwaway server with max_connections=100, as a small province server
# is set up: TERMINALS terminals (default 2000) for SECONDS seconds
# (default 600), THINK seconds between actions on average (default 10),
# first through a private PgBouncer in transaction mode, then with every
# terminal connecting to the server itself. KNEE=1 steps the terminals up
# (250, 500, 1000, 2000, …) and stops at the first count that misses the
# target. WAYS="pooled direct" chooses the runs.
#
# PgBouncer keeps a pool per login, and every terminal is a login, so
# the pools are bounded together: max_db_connections=POOL_MAX (default
# 80) server connections for the database, one per login
# (default_pool_size=1). A login whose pool has no server connection
# waits until PgBouncer closes an idle one of another login's pool.
#
# Run from the build folder: BUILD_DIR=. ../bench/province.sh, or
# `make bench-province TERMINALS=250 SECONDS=60`.
run_seconds=${SECONDS:-0} # bash counts SECONDS up; read the caller's before it does
[ "$run_seconds" -gt 1 ] || run_seconds=600
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
terminals=${TERMINALS:-2000}
think=${THINK:-10}
pool_max=${POOL_MAX:-80}
ways=${WAYS:-pooled direct}
knee=()
[ -n "${KNEE:-}" ] && knee=(--knee)
. "$here/pooled-server.sh"
pooled_server 100
"$build/wanchuang-admin" --db "$admin" import policies "$top/data/policies/policies.csv" >/dev/null
server_pid=$(head -1 "$pgdir/data/postmaster.pid")
echo "province benchmark: $terminals terminals, ${run_seconds} s, think time ${think} s," \
	"$(nproc) cores, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')," \
	"server max_connections=100"

for way in $ways; do
	echo
	case $way in
	pooled)
		authpw=$(pgb_auth "$pgdir" wanchuang_bench)
		# PgBouncer opens a file for each client: room for them all
		pgb_start "$pgb" "$pgdir" wanchuang_bench "$authpw" "max_client_conn = $((terminals + 100))
default_pool_size = 1
max_db_connections = $pool_max
server_idle_timeout = 10"
		echo "== through PgBouncer $("$PGBOUNCER" --version | awk 'NR==1{print $2}'), transaction mode," \
			"one pool per login, at most $pool_max server connections"
		"$build/bench/province" "$admin" --via "host=127.0.0.1 port=$PGB_PORT dbname=wanchuang_bench" \
			--pooled --terminals "$terminals" --seconds "$run_seconds" --think "$think" \
			--server-pid "$server_pid" "${knee[@]}" || echo "(bench/province failed: $?)"
		echo "PgBouncer's log, why connections were closed (the most frequent five):"
		grep -o 'closing because: [^(]*' "$pgb/pgbouncer.log" | sort | uniq -c | sort -rn | head -5 || true
		pgb_stop "$pgb"
		;;
	direct)
		echo "== direct: every terminal its own server connection"
		"$build/bench/province" "$admin" --via "host=$pgdir dbname=wanchuang_bench" \
			--terminals "$terminals" --seconds "$run_seconds" --think "$think" \
			--server-pid "$server_pid" "${knee[@]}" || echo "(bench/province failed: $?)"
		;;
	esac
done
