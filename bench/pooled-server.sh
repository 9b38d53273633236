# bench/pooled-server.sh: sourced by the benches that put PgBouncer in
# front of a throwaway server (bench/pools.sh, bench/province.sh), with
# top and build set.
. "$top/scripts/pg.sh"
. "$top/scripts/pgbouncer.sh"

# pooled_server MAX_CONNECTIONS: a migrated server in pgdir (database
# wanchuang_bench, the superuser's conninfo in admin), a folder for
# PgBouncer in pgb; both stopped and removed when the script exits.
pooled_server() {
	pgdir=$(pg_folder)
	pgb=$(pg_folder)
	trap 'pgb_stop "$pgb"; pg_stop "$pgdir"; rm -rf "$pgdir" "$pgb"' EXIT
	pg_init "$pgdir"
	pg_start "$pgdir" "-c max_connections=$1"
	pg_createdb "$pgdir" wanchuang_bench
	admin="host=$pgdir dbname=wanchuang_bench user=postgres"
	WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation" \
		"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
	export top_srcdir=$top
}
