#!/usr/bin/env bash
# bench/queue.sh [SIZE]: the supervisor's complaint queue on a throwaway
# server with SIZE generated complaints (default 200000) over the past two
# years: bench/queue.sql makes the data (PEOPLE=30000 complainants), then
# bench/queue times api.complaint_queue's first page for each filter
# (ROUNDS=200 rounds). Run by `make bench` from the build folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
size=${1:-200000}
people=${PEOPLE:-30000}
rounds=${ROUNDS:-200}
. "$top/scripts/pg.sh"
pgdir=$(pg_folder)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg_init "$pgdir"
pg_start "$pgdir"
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation" \
	"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
echo "complaint queue benchmark, $(nproc) cores, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"

# The staff's password: made here, for this throwaway server only.
password="Qb-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')-7"
gen() { "$PG_BIN/psql" -X -q -h "$pgdir" -U postgres -d wanchuang_bench -o /dev/null "$@" -f "$here/queue.sql"; }
start=$SECONDS
gen -v step=setup -v people="$people" -v password="$password"
# two connections register the people, one half each
gen -v step=people -v part=0 &
importer=$!
gen -v step=people -v part=1
wait "$importer"
gen -v step=complaints -v size="$size"
echo "generated $size complaints of $people people in $((SECONDS - start)) s"
"$build/bench/queue" "$admin" --password "$password" --rounds "$rounds"
