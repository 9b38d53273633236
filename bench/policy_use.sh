#!/usr/bin/env bash
# bench/policy_use.sh: what counting a policy search for the figures
# (政策查询次数, wc.policy_use) adds to the search. On a throwaway server
# with the shipped policies and the server's own settings (so each
# search's row is committed as a write is, with its flush to disk),
# pgbench runs COUNT (default 1000) first pages of a search, one
# transaction each on one connection, ROUNDS times (default 3),
# alternating: api.policy_search (the search and its row) against
# wc.policy_search_rows (the same search, no row), and the row alone
# (its insert and commit, what the search adds: its commit does not wait
# for the disk, wc.policy_use_unsynced) beside the same row committed as
# other writes are, waiting for the disk. Prints each run's mean
# latency in milliseconds, as pgbench reports it.
#
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/policy_use.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
count=${COUNT:-1000}
rounds=${ROUNDS:-3}
. "$top/scripts/pg.sh"

pgdir=$(pg_folder)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg_init "$pgdir"
pg_start "$pgdir"
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
export WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation"
"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
"$build/wanchuang-admin" --db "$admin" import policies "$top/data/policies/policies.csv" >/dev/null

cat >"$pgdir/with_row.sql" <<'SQL'
SELECT count(*) FROM api.policy_search('创业', '341502', NULL, NULL, false, NULL, 20);
SQL
cat >"$pgdir/without_row.sql" <<'SQL'
SELECT count(*) FROM wc.policy_search_rows('创业', '341502', NULL, NULL, false, NULL, 20);
SQL
cat >"$pgdir/row_alone.sql" <<'SQL'
BEGIN;
SELECT wc.policy_use_unsynced();
INSERT INTO wc.policy_use (kind, county_code, results) VALUES ('search', '341502', 20);
COMMIT;
SQL
cat >"$pgdir/row_synced.sql" <<'SQL'
INSERT INTO wc.policy_use (kind, county_code, results) VALUES ('search', '341502', 20);
SQL
mean() {
	"$PG_BIN/pgbench" -n -c 1 -t "$count" -f "$pgdir/$1.sql" -h "$pgdir" -U postgres \
		wanchuang_bench 2>/dev/null | awk '/latency average/ { print $4 }'
}
echo "policy search, first page of 创业 in 341502, $count searches a run, $(nproc) cores"
for r in $(seq "$rounds"); do
	printf 'round %d: with its row %s ms, without %s ms, the row alone %s ms (%s ms waiting for the disk)\n' \
		"$r" "$(mean with_row)" "$(mean without_row)" "$(mean row_alone)" "$(mean row_synced)"
done
echo "rows written: $("$PG_BIN/psql" -X -At -d "$admin" -c "SELECT count(*) FROM wc.policy_use")"
