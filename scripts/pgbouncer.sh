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

PGBOUNCER=${PGBOUNCER:-/usr/sbin/pgbouncer}

# pgb_auth SOCKET_DIR DBNAME: set up the lookup login as a deployment
# does (contrib/pgbouncer-auth.sql, as the superuser) with a new random
# password; prints the password.
pgb_auth() {
	local pw
	pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -U postgres -d "$2" \
		-f "${top_srcdir:-.}/contrib/pgbouncer-auth.sql" >/dev/null &&
		"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -U postgres -d "$2" \
			-c "ALTER ROLE wc_pooler PASSWORD '$pw'" >/dev/null &&
		printf '%s\n' "$pw"
}

# pgb_start DIR SOCKET_DIR DBNAME AUTH_PASSWORD [INI_LINES]: start
# PgBouncer with its configuration, log and pid file in DIR (a folder
# pg_folder made), pooling DBNAME of the server whose socket is in
# SOCKET_DIR, in transaction mode, looking terminals up as wc_pooler
# (pgb_auth's password); INI_LINES are added to its [pgbouncer] section.
# Sets PGB_PORT.
pgb_start() {
	local dir=$1 sock=$2 db=$3 authpw=$4 extra=${5:-} port try
	for try in 1 2 3 4 5 6 7 8; do
		port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
		cat >"$dir/pgbouncer.ini" <<INI
[databases]
$db = host=$sock dbname=$db

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
auth_user = wc_pooler
auth_query = SELECT usename, passwd FROM pooler.terminal_verifier(\$1)
pool_mode = transaction
$extra
INI
		printf '"wc_pooler" "%s"\n' "$authpw" >"$dir/userlist.txt"
		[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pgbouncer.ini" "$dir/userlist.txt"
		: >"$dir/pgbouncer.log"
		[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pgbouncer.log"
		pg_as_owner "$PGBOUNCER" -d -q "$dir/pgbouncer.ini" || continue
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
