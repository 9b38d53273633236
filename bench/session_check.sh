#!/usr/bin/env bash
# bench/session_check.sh [CALLS]: what a call with a session token costs
# inside the server through a pool's login (architecture.md, "Pooling and
# terminal identity"), where wc.caller_terminal reads the session's
# terminal and refuses one that was revoked. On a throwaway server, a
# counter signs in by its terminal's key as wc_pool_staff, then calls
# api.staff_whoami with its token CALLS times (default 2,000) in one
# transaction, with no round trip, five times; and the same as the
# terminal's own login, where no terminal row is read. Prints
# microseconds per call, each run and the median.
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/session_check.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
calls=${1:-2000}
. "$here/pooled-server.sh"
pooled_server 20
made=$("$build/wanchuang-admin" --db "$admin" terminal add b_desk_session --kind staff)
pw=$(printf '%s\n' "$made" | grep -F ":b_desk_session:" | sed 's/.*:\([^:]*\)$/\1/')
key=$(printf '%s\n' "$made" | sed -n '/^[0-9a-f]\{64\}$/p')
poolpw=$(pgb_pools "$pgdir" wanchuang_bench)
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$admin" >/dev/null <<'SQL'
SELECT wc_admin.staff_add('b_session', 'counter', '341524', '会话', 'Session-bench-2026');
UPDATE wc.staff SET must_change = false WHERE username = 'b_session';
SQL
echo "session check benchmark: $calls calls a run, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# per_call LOGIN PASSWORD: microseconds per call, five runs (each its own
# statement, within the login's 5 s limit), then the median
per_call() {
	{
		echo "SELECT set_config('wc.bench_calls', :'calls', false) \\g /dev/null"
		echo "SELECT set_config('wc.bench_token', token, false)" \
			"FROM api.staff_login('b_session', 'Session-bench-2026', :'key') \\g /dev/null"
		for _ in 1 2 3 4 5; do
			cat <<'SQL'
DO $$
DECLARE
	t0 timestamptz := clock_timestamp();
	n int := current_setting('wc.bench_calls')::int;
BEGIN
	FOR i IN 1..n LOOP
		PERFORM api.staff_whoami(current_setting('wc.bench_token'));
	END LOOP;
	PERFORM set_config('wc.bench_runs', concat_ws(' ', nullif(current_setting('wc.bench_runs', true), ''),
		round(extract(epoch FROM clock_timestamp() - t0) * 1e6 / n, 1)), false);
END $$;
SQL
		done
		echo "SELECT current_setting('wc.bench_runs') || ' median ' ||"
		echo " (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY v::numeric)"
		echo "    FROM unnest(string_to_array(current_setting('wc.bench_runs'), ' ')) v);"
	} | PGPASSWORD=$2 "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -v key="$key" -v calls="$calls" \
		-d "host=$pgdir dbname=wanchuang_bench user=$1"
}
echo "own login:  $(per_call b_desk_session "$pw")"
echo "pool login: $(per_call wc_pool_staff "$poolpw")"
