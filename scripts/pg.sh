#!/usr/bin/env bash
# scripts/pg.sh: a private PostgreSQL 15 cluster, reached by its socket only.
# Sourced by scripts/demo and scripts/check.
#
# initdb refuses to run as root, so as root the server runs as the
# "postgres" system user in a folder that user can reach (a clone under
# root's home is not traversable by it); as anyone else it runs as the
# caller. The superuser inside the cluster is always "postgres".

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# pg_folder PARENT_HINT: print a new folder the server's user can use.
pg_folder() {
	local d
	if [ "$(id -u)" = 0 ]; then
		d=$(mktemp -d "${1:-/var/tmp}/wanchuang-pg.XXXXXX")
		chmod 755 "$d"
		chown postgres:postgres "$d"
	else
		d=$(mktemp -d "${1:-${TMPDIR:-/tmp}}/wanchuang-pg.XXXXXX")
	fi
	printf '%s\n' "$d"
}

# pg_init DIR: a new cluster in DIR/data, socket in DIR.
pg_init() {
	local dir=$1
	pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		return 1
	}
	# The administrator (postgres) needs no password on the socket; every
	# terminal's login role must give its own.
	pg_as_owner sh -c "cat >'$dir/data/pg_hba.conf'" <<'HBA'
local all postgres trust
local all all scram-sha-256
HBA
}

# pg_start DIR [EXTRA_OPTIONS]
pg_start() {
	local dir=$1 extra=${2:-}
	pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-k $dir -c listen_addresses='' -c timezone=Asia/Shanghai $extra" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		return 1
	}
}

pg_stop() {
	local dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_psql DIR SQL: run one statement as the superuser.
pg_psql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -U postgres -d postgres -c "$2"
}

# pg_createdb DIR NAME: a database whose collation lets pg_trgm and the
# bigram search see Chinese characters (C.UTF-8, not C).
pg_createdb() {
	pg_psql "$1" "CREATE DATABASE \"$2\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
}
