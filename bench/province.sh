#!/usr/bin/env bash
# bench/province.sh: a province-sized load (bench/province.c) on a
# throwaway server with max_connections=100, as a small province server
# is set up: TERMINALS terminals (default 2000) for SECONDS seconds
# (default 600), THINK seconds between actions on average (default 10),
# in each of three ways (WAYS="shared per-login direct" chooses and
# orders them):
#
#   shared     through a private PgBouncer in transaction mode, on the
#              shared entries wanchuang_kiosk and wanchuang_staff
#              (contrib/pgbouncer.ini.wanchuang): one pool per kind of
#              terminal, each terminal known to the server by its key.
#              Each entry holds at most POOL_MAX/2 server connections
#              (default_pool_size and max_db_connections), its lookups
#              included, so POOL_MAX (default 80) in all.
#   per-login  through PgBouncer on the entry with a pool per login:
#              every terminal is a login, so the pools are bounded
#              together by max_db_connections=POOL_MAX, one server
#              connection per login (default_pool_size=1); a login whose
#              pool has none waits until PgBouncer closes an idle one of
#              another login's pool.
#   direct     every terminal connecting to the server itself.
#
# KNEE=1 steps the terminals up (250, 500, 1000, 2000, …) and stops at
# the first count that misses the target.
#
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/province.sh, or
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
ways=${WAYS:-shared per-login direct}
knee=()
[ -n "${KNEE:-}" ] && knee=(--knee)
. "$here/pooled-server.sh"
pooled_server 100
"$build/wanchuang-admin" --db "$admin" import policies "$top/data/policies/policies.csv" >/dev/null
server_pid=$(head -1 "$pgdir/data/postmaster.pid")
echo "province benchmark: $terminals terminals, ${run_seconds} s, think time ${think} s," \
	"$(nproc) cores, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')," \
	"server max_connections=100"

# province VIA [FLAG]: bench/province's run against VIA
province() {
	"$build/bench/province" "$admin" --via "$@" --terminals "$terminals" --seconds "$run_seconds" \
		--think "$think" --server-pid "$server_pid" "${knee[@]}" || echo "(bench/province failed: $?)"
}

# through_pgbouncer INI_LINES WHAT VIA FLAG: the run through a PgBouncer
# started with INI_LINES (WHAT says how it pools), then the most frequent
# five reasons in its log for closing a connection
through_pgbouncer() {
	# PgBouncer opens a file for each client: room for them all
	PGB_NOFILE=$((terminals + 200)) pgb_start "$pgb" "$pgdir" wanchuang_bench "$authpw" "max_client_conn = $((terminals + 100))
server_idle_timeout = 10
$1"
	# PgBouncer takes a file per client and per server connection; at its
	# limit it stops accepting ("accept() failed: Too many open files") and
	# the terminals left out time out as if the pooler were slow
	local files
	files=$(awk '/^Max open files/ {print $4}' "/proc/$(cat "$pgb/pgbouncer.pid")/limits")
	if [ "$files" -lt "$((terminals + 100))" ]; then
		echo "bench/province.sh: PgBouncer may open $files files, fewer than" \
			"$((terminals + 100)) for $terminals terminals and its server connections" >&2
		pgb_stop "$pgb"
		exit 1
	fi
	echo "== through PgBouncer $("$PGBOUNCER" --version | awk 'NR==1{print $2}'), transaction mode, $2"
	province "host=127.0.0.1 port=$PGB_PORT$3" "$4"
	echo "PgBouncer's log, why connections were closed (the most frequent five):"
	grep -o 'closing because: [^(]*' "$pgb/pgbouncer.log" | sort | uniq -c | sort -rn | head -5 || true
	pgb_stop "$pgb"
}

for way in $ways; do
	echo
	case $way in
	shared)
		authpw=$(pgb_auth "$pgdir" wanchuang_bench)
		PGB_POOL_PASSWORD=$(pgb_pools "$pgdir" wanchuang_bench)
		export PGB_POOL_PASSWORD
		through_pgbouncer "default_pool_size = $((pool_max / 2))
max_db_connections = $((pool_max / 2))" \
			"a pool per kind of terminal, at most $((pool_max / 2)) server connections each" \
			"" --shared
		unset PGB_POOL_PASSWORD
		;;
	per-login)
		authpw=$(pgb_auth "$pgdir" wanchuang_bench)
		through_pgbouncer "default_pool_size = 1
max_db_connections = $pool_max" "one pool per login, at most $pool_max server connections" \
			" dbname=wanchuang_bench" --pooled
		;;
	direct)
		echo "== direct: every terminal its own server connection"
		province "host=$pgdir dbname=wanchuang_bench"
		;;
	*)
		echo "bench/province.sh: no way \"$way\" (WAYS: shared, per-login, direct)" >&2
		exit 2
		;;
	esac
done
