# bench/terminal.sh: a terminal login for a benchmark, as a deployment
# keeps it: its password in a .pgpass file of the benchmark's own, never
# in a connection string. Sourced by bench/startup and bench/keys.sh.
#   bench_terminal BUILD ADMIN-CONNINFO DIR NAME KIND [REGION]: add the
#     terminal NAME, write its line to DIR/pgpass (the caller exports
#     PGPASSFILE: this runs in a subshell) and print its conninfo.
bench_terminal() {
	local build=$1 admin=$2 dir=$3 name=$4 kind=$5 region=${6:-} made
	made=$("$build/wanchuang-admin" --db "$admin" terminal add "$name" --kind "$kind" \
		${region:+--region "$region"})
	printf '%s\n' "$made" | grep -F ":$name:" >>"$dir/pgpass"
	chmod 600 "$dir/pgpass"
	printf '%s\n' "$made" | sed -n "s/^WANCHUANG_DB='\(.*\)'\$/\1/p"
}
