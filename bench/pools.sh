#!/usr/bin/env bash
# bench/pools.sh [N]: what PgBouncer's one pool per login costs. On a
# throwaway server, N terminal logins (default 50) each run pgbench's
# one-statement transactions through PgBouncer in transaction mode for
# SECONDS (default 8), all at once, these ways:
#   own      SELECT 1; each terminal its own login, so its own pool
#   own-cap  the same with the server connections capped (max_db_connections)
#   shared   SELECT 1; the terminals still sign in to PgBouncer with their
#            own logins, through the shared entry wanchuang_kiosk
#            (contrib/pgbouncer.ini.wanchuang): its forced user wc_pool_kiosk
#            gives all of them one pool and one server login, its lookup
#            login wc_pooler_kiosk answers for kiosks only
#            (architecture.md, "Pooling and terminal identity")
#   own-info     api.terminal_info(), the terminal known by its login
#   shared-key   api.terminal_info(key) through the shared entry, the
#                terminal known by its key (a hash and an index lookup more)
# and reports the pools PgBouncer keeps (SHOW POOLS), the most server
# connections seen, the transactions per second of all terminals together,
# the mean of the terminals' latencies, the slowest terminal's rate
# (transactions per second) and the terminals whose run was cut short by
# an error.
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/pools.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
n=${1:-50}
seconds=${SECONDS_RUN:-8}
cap=${CAP:-10}
. "$here/pooled-server.sh"
pooled_server 200
authpw=$(pgb_auth "$pgdir" wanchuang_bench)
export PGPASSFILE="$pgb/pgpass"
: >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"
for i in $(seq 1 "$n"); do
	"$build/wanchuang-admin" --db "$admin" terminal add "b_kiosk_$i" --kind kiosk --region 341524 \
		>"$pgb/made.$i"
	grep -F ":b_kiosk_$i:" "$pgb/made.$i" | sed 's/.*:\([^:]*\)$/\1/' >"$pgb/pw.$i"
	sed -n '/^[0-9a-f]\{64\}$/p' "$pgb/made.$i" >"$pgb/key.$i"
	rm -f "$pgb/made.$i"
done
# the one server login the shared pool uses (its password only in
# PgBouncer's auth_file)
sharedpw=$(pgb_pools "$pgdir" wanchuang_bench)
echo 'SELECT 1;' >"$pgb/select1.sql"
echo 'SELECT kind FROM api.terminal_info();' >"$pgb/info.sql"
echo 'SELECT kind FROM api.terminal_info(:key);' >"$pgb/info-key.sql"
echo "pools benchmark: $n terminals, ${seconds} s each way, $(nproc) cores, PgBouncer $("$PGBOUNCER" --version | awk 'NR==1{print $2}')"
printf '%-10s %6s %13s %10s %12s %13s %8s\n' way pools "server conns" "tps" "latency ms" "slowest tps" aborted

# run WAY SCRIPT INI_LINES: start PgBouncer, run the terminals, each its
# SCRIPT (a file of $pgb) with its key as :key, report, stop.
run() {
	local way=$1 script=$2 extra=$3 i peak=0 now tps=0 lat=0 aborted=0 pools slowest= db
	case $way in
	shared*) db=wanchuang_kiosk ;;
	*) db=wanchuang_bench ;;
	esac
	# the shared entries: every kiosk's connection in the pool of the
	# forced login, $cap server connections
	PGB_POOL_PASSWORD=$sharedpw pgb_start "$pgb" "$pgdir" wanchuang_bench "$authpw" "admin_users = wc_pooler
default_pool_size = 1
$extra"
	if [ "$db" = wanchuang_kiosk ]; then
		sed -i "s|^wanchuang_kiosk = .*|& pool_size=$cap|" "$pgb/pgbouncer.ini"
		pgb_stop "$pgb"
		pg_as_owner "$PGBOUNCER" -d -q "$pgb/pgbouncer.ini"
		sleep 0.5
	fi
	: >"$pgb/pgpass"
	for i in $(seq 1 "$n"); do
		printf '127.0.0.1:%s:%s:b_kiosk_%s:%s\n' "$PGB_PORT" "$db" "$i" "$(cat "$pgb/pw.$i")" >>"$pgb/pgpass"
	done
	for i in $(seq 1 "$n"); do
		"$PG_BIN/pgbench" -n -c 1 -T "$seconds" -f "$pgb/$script" -D "key='$(cat "$pgb/key.$i")'" \
			"host=127.0.0.1 port=$PGB_PORT dbname=$db user=b_kiosk_$i" \
			>"$pgb/out.$i" 2>&1 &
	done
	for _ in $(seq 1 $(( seconds * 2 ))); do
		now=$("$PG_BIN/psql" -X -A -t -h "$pgdir" -U postgres -d wanchuang_bench -c \
			"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND usename <> 'postgres' AND usename NOT LIKE 'wc\\_pooler%'")
		[ "$now" -gt "$peak" ] && peak=$now
		sleep 0.5
	done
	pools=$(PGPASSWORD=$authpw "$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$PGB_PORT" -U wc_pooler pgbouncer \
		-c "SHOW POOLS" | grep -c "^$db|" || true)
	wait
	for i in $(seq 1 "$n"); do
		grep -q "^tps" "$pgb/out.$i" || { aborted=$((aborted + 1)); continue; }
		grep -qi "aborted" "$pgb/out.$i" && aborted=$((aborted + 1))
		tps=$(awk -v t="$tps" '/^tps/ {print t + $3}' "$pgb/out.$i")
		slowest=$(awk -v s="$slowest" '/^tps/ {print (s == "" || $3 < s) ? $3 : s}' "$pgb/out.$i")
		lat=$(awk -v l="$lat" '/^latency average/ {print l + $4}' "$pgb/out.$i")
	done
	printf '%-10s %6s %13s %10.0f %12.1f %13.1f %8s\n' "$way" "$pools" "$peak" "$tps" \
		"$(awk -v l="$lat" -v n="$n" -v a="$aborted" 'BEGIN {print (n > a) ? l / (n - a) : 0}')" \
		"${slowest:-0}" "$aborted"
	pgb_stop "$pgb"
}

run own select1.sql ""
run own-cap select1.sql "max_db_connections = $cap"
run shared select1.sql "max_db_connections = $cap"
run own-info info.sql ""
run shared-key info-key.sql "max_db_connections = $cap"
