#!/usr/bin/env bash
# scripts/pgbouncer.sh: a private PgBouncer on a free loopback port, in
# front of a server reached by its socket. Sourced by tests/e2e/pooler.sh
# and bench/pooler-pools.sh (after scripts/pg.sh, for pg_as_owner).
#
# PgBouncer refuses to run as root, so as root it runs as the "postgres"
# system user, as the server does; its folder must be that user's.
#
# Terminals sign in to PgBouncer with their own login and password:
# auth_query reads the login's SCRAM verifier from the server, as
# wc_pooler (contrib/pgbouncer-auth.sql), and PgBouncer then signs in to
# the server with the keys of that exchange. No file of verifiers to keep
# in step with the server.
#
# With pool passwords (pgb_pools), the shared entries wanchuang_kiosk and
# wanchuang_staff stand beside the per-login one, as in
# contrib/pgbouncer.ini.wanchuang: every terminal of a kind in one pool
# of the pool's login, each entry looking terminals up with a login that
# answers for its kind only (wc_pooler_kiosk, wc_pooler_staff).

PGBOUNCER=${PGBOUNCER:-/usr/sbin/pgbouncer}

# pgb_auth SOCKET_DIR DBNAME: set up the lookup logins as a deployment
# does (contrib/pgbouncer-auth.sql, as the superuser) with a new random
# password (the same for the three); prints the password.
pgb_auth() {
	local pw
	pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -U postgres -d "$2" \
		-f "${top_srcdir:-.}/contrib/pgbouncer-auth.sql" >/dev/null &&
		pgb_password "$1" "$2" "$pw" wc_pooler wc_pooler_kiosk wc_pooler_staff &&
		printf '%s\n' "$pw"
}

# pgb_pools SOCKET_DIR DBNAME: give the pool logins wc_pool_kiosk and
# wc_pool_staff (migration 0036) a new random password, as a deployment
# does; prints it, for pgb_start's PGB_POOL_PASSWORD.
pgb_pools() {
	local pw
	pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	pgb_password "$1" "$2" "$pw" wc_pool_kiosk wc_pool_staff && printf '%s\n' "$pw"
}

# pgb_password SOCKET_DIR DBNAME PASSWORD LOGIN...: set the logins' password
# (its SCRAM verifier: the server makes it from the clear one sent here,
# on the test server's own socket).
pgb_password() {
	local sock=$1 db=$2 pw=$3 login
	shift 3
	for login in "$@"; do
		"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -U postgres -d "$db" \
			-c "ALTER ROLE $login PASSWORD '$pw'" >/dev/null || return 1
	done
}

# pgb_start DIR SOCKET_DIR DBNAME AUTH_PASSWORD [INI_LINES]: start
# PgBouncer with its configuration, log and pid file in DIR (a folder
# pg_folder made), pooling DBNAME of the server whose socket is in
# SOCKET_DIR, in transaction mode, looking terminals up as wc_pooler
# (pgb_auth's password); INI_LINES are added to its [pgbouncer] section.
# With PGB_POOL_PASSWORD set (pgb_pools), the shared entries too. With
# PGB_NOFILE set, PgBouncer may open that many files (a file per client
# and per server connection; runuser gives it 1024 otherwise, up to the
# hard limit). Sets PGB_PORT.
pgb_start() {
	local dir=$1 sock=$2 db=$3 authpw=$4 extra=${5:-} port try shared=
	[ -n "${PGB_POOL_PASSWORD:-}" ] && shared="wanchuang_kiosk = host=$sock dbname=$db user=wc_pool_kiosk auth_user=wc_pooler_kiosk
wanchuang_staff = host=$sock dbname=$db user=wc_pool_staff auth_user=wc_pooler_staff
"
	for try in 1 2 3 4 5 6 7 8; do
		port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
		cat >"$dir/pgbouncer.ini" <<INI
[databases]
$db = host=$sock dbname=$db auth_user=wc_pooler
$shared
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
auth_query = SELECT usename, passwd FROM pooler.terminal_verifier(\$1)
pool_mode = transaction
$extra
INI
		printf '"%s" "%s"\n' wc_pooler "$authpw" wc_pooler_kiosk "$authpw" \
			wc_pooler_staff "$authpw" >"$dir/userlist.txt"
		[ -n "$shared" ] && printf '"%s" "%s"\n' wc_pool_kiosk "$PGB_POOL_PASSWORD" \
			wc_pool_staff "$PGB_POOL_PASSWORD" >>"$dir/userlist.txt"
		chmod 600 "$dir/userlist.txt"
		[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pgbouncer.ini" "$dir/userlist.txt"
		: >"$dir/pgbouncer.log"
		[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pgbouncer.log"
		local files=()
		[ -n "${PGB_NOFILE:-}" ] && files=(prlimit --nofile="$PGB_NOFILE:")
		pg_as_owner "${files[@]}" "$PGBOUNCER" -d -q "$dir/pgbouncer.ini" || continue
		local i
		for i in $(seq 1 50); do
			grep -q "listening on" "$dir/pgbouncer.log" && { PGB_PORT=$port; return 0; }
			[ -f "$dir/pgbouncer.pid" ] || break
			sleep 0.1
		done
		pgb_stop "$dir"
	done
	cat "$dir/pgbouncer.log" >&2
	return 1
}

# pgb_stop DIR: stop the PgBouncer started in DIR, and wait for it to go.
pgb_stop() {
	local pid
	[ -f "$1/pgbouncer.pid" ] || return 0
	pid=$(cat "$1/pgbouncer.pid")
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$1/pgbouncer.pid"
}
