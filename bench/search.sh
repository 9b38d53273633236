#!/usr/bin/env bash
# bench/search.sh [SIZE]: the policy search and the matcher on a throwaway
# server (see bench/search.c), SIZE generated policies (default 100000).
# Run by `make bench` from the build folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
. "$top/scripts/pg.sh"
pgdir=$(pg_folder)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg_init "$pgdir"
pg_start "$pgdir"
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation" \
	"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
"$build/wanchuang-admin" --db "$admin" import policies "$top/data/policies/policies.csv" >/dev/null
echo "search benchmark, $(nproc) cores, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
"$build/bench/search" "$admin" --size "${1:-100000}" --rounds "${ROUNDS:-30}"
