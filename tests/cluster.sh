#!/usr/bin/env bash
# tests/cluster.sh: the province stack of scripts/cluster, end to end:
# start it, kill the primary's postmaster with SIGKILL and see the
# standby take over writes (through the multi-host conninfo and through
# PgBouncer), see the old primary come back as a standby, run the restore
# drill (and see it fail on a copy whose audit chain was edited), stop,
# and find nothing of the cluster still running. Prints the
# time each step took. Run with `make cluster-check` (not part of make
# check: it takes about a minute and needs scripts/setup --cluster).
set -euo pipefail
srcdir=$(cd "${srcdir:-$(dirname "$0")/..}" && pwd)
cluster=$srcdir/scripts/cluster
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export WANCHUANG_BUILD=${BUILD_DIR:-$srcdir/var/build}

# Under /var/tmp: as root the servers run as "postgres", which must reach it.
dir=$(mktemp -d /var/tmp/wanchuang-cluster.XXXXXX)
chmod 755 "$dir"
dir=$dir/cluster
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
finish() {
	"$cluster" --dir "$dir" stop >/dev/null 2>&1 || true
	rm -rf "$(dirname "$dir")"
}
trap finish EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

t=$(now)
"$cluster" --dir "$dir" start || fail "scripts/cluster start"
start_s=$(since "$t")
# shellcheck disable=SC1091
. "$dir/ports.env"
export PGPASSFILE=$dir/pgpass PGCONNECT_TIMEOUT=2

# write CONNINFO: one row written, printing the port of the server that
# took it.
write() {
	"$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" \
		-c "CREATE TABLE IF NOT EXISTS failover_check (at timestamptz DEFAULT clock_timestamp())" \
		-c "INSERT INTO failover_check DEFAULT VALUES" -c "SELECT inet_server_port()" 2>/dev/null
}
multi="host=127.0.0.1,127.0.0.1 port=$PG1_PORT,$PG2_PORT dbname=postgres user=postgres target_session_attrs=read-write"
pooled="host=127.0.0.1 port=$PGB_PORT dbname=postgres user=postgres"

[ "$(write "$multi")" = "$PG1_PORT" ] || fail "writes before the failover do not reach pg1"
[ "$(write "$pooled")" = "$PG1_PORT" ] || fail "PgBouncer does not lead to pg1 before the failover"

# until_written SECONDS CONNINFO PORT: retry a write until PORT takes it.
until_written() {
	local limit=$1 conninfo=$2 port=$3 t0=$SECONDS
	while [ $((SECONDS - t0)) -lt "$limit" ]; do
		[ "$(write "$conninfo" || true)" = "$port" ] && return 0
		sleep 0.2
	done
	return 1
}

postmaster=$(head -n 1 "$dir/pg1/data/postmaster.pid")
t=$(now)
kill -KILL "$postmaster"
until_written 90 "$multi" "$PG2_PORT" ||
	fail "no write reached pg2 within 90 s of killing pg1's postmaster (multi-host conninfo)"
failover_s=$(since "$t")
until_written 30 "$pooled" "$PG2_PORT" ||
	fail "PgBouncer did not follow the new primary within 30 s"
pooled_s=$(since "$t")

# The old primary rejoins as a standby of the new one (pg_rewind).
rejoined() {
	[ "$("$PG_BIN/psql" -X -A -t -q -h "$dir/pg1" -p "$PG1_PORT" -U postgres -d postgres \
		-c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]
}
for ((i = 0; i < 300; i++)); do rejoined && break; sleep 0.2; done
rejoined || fail "pg1 did not come back as a standby within 60 s"
rejoin_s=$(since "$t")

t=$(now)
"$cluster" --dir "$dir" drill || fail "the restore drill after the failover"
drill_s=$(since "$t")

# The drill must say when a copy is wrong: an audit row edited behind the
# chain's back (as tests/audit-verify.sh does) reaches the copy, and
# audit verify there fails the drill.
edited=$("$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "${multi/dbname=postgres/dbname=wanchuang}" \
	-c "SET session_replication_role = replica" \
	-c "WITH e AS (UPDATE wc.audit SET action = 'harmless' WHERE seq = (SELECT min(seq) FROM wc.audit) RETURNING 1)
	    SELECT count(*) FROM e")
[ "$edited" = 1 ] || fail "no audit row to edit"
if report=$("$cluster" --dir "$dir" drill 2>&1); then
	fail "the drill passed on a copy whose audit chain is broken: $report"
fi
printf '%s\n' "$report" | grep -q 'FAIL  wanchuang-admin audit verify' ||
	fail "the drill failed, but not at audit verify: $report"

"$cluster" --dir "$dir" stop || fail "scripts/cluster stop"
# Nothing of the cluster may be left: no process names its folder.
left=$(ps -eo pid=,args= | while read -r pid args; do
	case $args in *"$dir"*) echo "$pid $args" ;; esac
done)
[ -z "$left" ] || fail "still running after stop: $left"

printf 'cluster: start %s s; failover (SIGKILL to first write, multi-host) %s s; through PgBouncer %s s; old primary a standby again %s s; restore drill %s s\n' \
	"$start_s" "$failover_s" "$pooled_s" "$rejoin_s" "$drill_s"
echo "PASS: tests/cluster.sh"
