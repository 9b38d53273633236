#!/usr/bin/env bash
# bench/key_check.sh [SECONDS]: what the key check of a public call costs
# (architecture.md, "Pooling and terminal identity"). On a throwaway
# server, one kiosk calls the cheapest public call, api.policy_kinds(),
# for SECONDS (default 10) with pgbench (one client, the extended protocol
# as the program uses it through a pooler, the key a parameter; straight
# to the server, so that no pooler adds its own time), these ways:
#   own        the kiosk's own login; no key sent, none checked
#   own-key    the same login, the key set first in the same pipeline, as
#              a pooled client sends it (ignored on a terminal's own login):
#              the cost of sending it
#   pool-key   the pool's login wc_pool_kiosk with the key: the key's hash
#              looked up, its login's state read, the terminal sealed for
#              the transaction (wc.caller_terminal)
# and then, inside the server with no round trip, 2,000 calls in one
# transaction as the kiosk's login and as the pool's login with the key:
# the check's own time per call.
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/key_check.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
seconds=${1:-10}
. "$here/pooled-server.sh"
pooled_server 20
made=$("$build/wanchuang-admin" --db "$admin" terminal add b_kiosk_key --kind kiosk --region 341524)
pw=$(printf '%s\n' "$made" | grep -F ":b_kiosk_key:" | sed 's/.*:\([^:]*\)$/\1/')
key=$(printf '%s\n' "$made" | sed -n '/^[0-9a-f]\{64\}$/p')
poolpw=$(pgb_pools "$pgdir" wanchuang_bench)
echo 'SELECT count(*) FROM api.policy_kinds();' >"$pgb/plain.sql"
printf '%s\n' '\startpipeline' "SELECT set_config('wc.terminal_key', :key, true);" \
	'SELECT count(*) FROM api.policy_kinds();' '\endpipeline' >"$pgb/keyed.sql"
echo "key check benchmark: ${seconds} s each way, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %12s\n' way tps "latency ms"

# way NAME LOGIN PASSWORD SCRIPT
way() {
	PGPASSWORD=$3 "$PG_BIN/pgbench" -n -c 1 -T "$seconds" -M extended -f "$pgb/$4" \
		-D "key=$key" "host=$pgdir dbname=wanchuang_bench user=$2" >"$pgb/out" 2>&1 ||
		{ cat "$pgb/out" >&2; return 1; }
	grep -qi "aborted" "$pgb/out" && { cat "$pgb/out" >&2; return 1; }
	printf '%-10s %10.0f %12.3f\n' "$1" "$(awk '/^tps/ {print $3}' "$pgb/out")" \
		"$(awk '/^latency average/ {print $4}' "$pgb/out")"
}
way own b_kiosk_key "$pw" plain.sql
way own-key b_kiosk_key "$pw" keyed.sql
way pool-key wc_pool_kiosk "$poolpw" keyed.sql

# inside LOGIN PASSWORD: microseconds per call of 2,000 in one transaction (within the login's 5 s limit)
inside() {
	PGPASSWORD=$2 "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -v key="$key" \
		-d "host=$pgdir dbname=wanchuang_bench user=$1" <<'SQL'
BEGIN;
SELECT set_config('wc.terminal_key', :'key', true) \g /dev/null
SELECT set_config('wc.bench_start', clock_timestamp()::text, true) \g /dev/null
DO $$ BEGIN FOR i IN 1..2000 LOOP PERFORM api.policy_kinds(); END LOOP; END $$;
SELECT round(extract(epoch FROM clock_timestamp() - current_setting('wc.bench_start')::timestamptz)
             * 1e6 / 2000, 1);
COMMIT;
SQL
}
echo "in the server, microseconds per call: own $(inside b_kiosk_key "$pw"), pool-key $(inside wc_pool_kiosk "$poolpw")"
