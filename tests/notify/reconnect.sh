#!/bin/bash
# wanchuang-notify losing its database: the server restarted under it
# (pg_ctl restart -m fast), then stopped for some seconds and started
# again. Each time the daemon connects again by itself and catches up,
# by query, on the notices written while it was away (its login refused
# meanwhile, so that no notification can have reached it), within
# RETURN_S; listens again, so that a notice written once it is back goes
# within LISTEN_S (without LISTEN it would wait for its 60 s wake-up);
# and no notice reaches the gateway twice.
#
# On a PostgreSQL server of its own (scripts/pg.sh), never the one the
# other tests share, removed on exit whatever happens.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/scripts/pg.sh"
export LC_ALL=C.UTF-8 LANGUAGE=
NOTIFY=$top_builddir/wanchuang-notify
PSQL=$PG_BIN/psql
slow=${E2E_SLOW:-1}
RETURN_S=$((15 * slow))
LISTEN_S=$((5 * slow))
dir=$(mktemp -d "${TMPDIR:-/tmp}/wc-notify-back.XXXXXX")
pgdir=
tag="$$_$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')"
login="t_notify_$tag"
pids=()
export PGPASSFILE="$dir/pgpass"
: >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"

cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	if [ -n "$pgdir" ]; then
		pg_stop "$pgdir"
		rm -rf "$pgdir"
	fi
	rm -rf "$dir"
	e2e_cleanup
}
trap cleanup EXIT
# stopped by a signal (make interrupted, a time limit), cleaned up too
trap 'exit 1' HUP INT TERM
fail() {
	echo "FAIL: $*"
	for f in "$dir"/daemon.log "$pgdir/server.log"; do
		[ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }
	done
	exit 1
}
pass() { echo "ok: $*"; }
sql() { "$PSQL" -X -A -t -q -v ON_ERROR_STOP=1 -h "$pgdir" -U postgres -d wanchuang -c "$1"; }
# until_true SECONDS SQL: wait until the query answers t
until_true() {
	local i=0
	while [ "$(sql "$2" 2>/dev/null)" != t ]; do
		i=$((i + 1))
		[ $i -lt $(($1 * 10)) ] || return 1
		sleep 0.1
	done
}

pgdir=$(pg_folder)
pg_init "$pgdir" || fail "initdb"
pg_start "$pgdir" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" ||
	fail "the server did not start"
pg_createdb "$pgdir" wanchuang >/dev/null
db="host=$pgdir dbname=wanchuang user=postgres"
"$ADMIN" --db "$db" migrate >/dev/null || fail "could not migrate"
made=$("$ADMIN" --db "$db" terminal add "$login" --kind notify)
printf '%s\n' "$made" | grep -F ":$login:" >>"$PGPASSFILE"
conninfo=$(printf '%s\n' "$made" | sed -n "s/^WANCHUANG_DB='\(.*\)'\$/\1/p")

python3 "$top_srcdir/tests/notify/gateway.py" "$dir/gw.jsonl" --delay "$slow" >"$dir/gw.port" &
pids+=($!)
i=0
while [ ! -s "$dir/gw.port" ]; do
	i=$((i + 1)); [ $i -lt $((200 * slow)) ] || fail "the gateway did not start"; sleep 0.1
done
# quiet hours away from now, China time
hour=$(TZ=Asia/Shanghai date +%-H)
cat >"$dir/notify.conf" <<CONF
db = $conninfo
url = http://127.0.0.1:$(cat "$dir/gw.port")/sms/send
allow_insecure_for_testing = yes
api_key = test-key
template.booking_confirmed = SMS_T_CONFIRMED
template.booking_reminder = SMS_T_REMINDER
quiet_hours = $(printf '%02d:00-%02d:00' $(((hour + 12) % 24)) $(((hour + 13) % 24)))
retry_seconds = 1
timeout_seconds = 3
lease_seconds = 4
CONF
chmod 600 "$dir/notify.conf"

# the world: a provider, a service, a slot; one person per booking
county=340104
code="B$tag"
cc=$(valid_code $county)
sql "SELECT wc_admin.provider_add('$cc', '重连测试服务商', '$county', '合肥市蜀山区', '李', '0551')" >/dev/null
sql "SELECT wc_admin.service_add('$code', '$cc', '创业指导一对一',
     'guidance', false, false, 0, false, '$county', '', '蜀山区', '0551', 24)" >/dev/null
slot=$(sql "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)
     SELECT id, now() + interval '3 days', now() + interval '3 days 50 minutes', 30
       FROM wc.service WHERE code = '$code' RETURNING id")
mobile=13955500100
# person: a new person; prints the id
person() {
	mobile=$((mobile + 1))
	sql "SELECT wc_admin.person_import('$(valid_id $county $(random_birth))', '王小明', '$mobile',
	     '$county', '$county', '{}', 'intending', NULL, NULL, NULL, NULL)"
}
# book PERSON...: the people book the slot, in one transaction; prints
# the ids of the confirmations
book() {
	local q= p
	for p in "$@"; do
		q="$q SELECT wc.booking_place(wc.person_lock($p), $slot, NULL, NULL, NULL, NULL, false);"
	done
	sql "$q" >/dev/null
	sql "SELECT id FROM wc.notice WHERE kind = 'booking_confirmed' AND person_id IN ($(IFS=,; echo "$*"))
	     ORDER BY id"
}
# notice: a new person books the slot; prints the id of the confirmation
notice() { book "$(person)"; }
state() { sql "SELECT state FROM wc.notice WHERE id = $1"; }
# sent_within SECONDS ID WHAT: the notice is sent in time, or fail
sent_within() {
	until_true "$1" "SELECT state = 'sent' FROM wc.notice WHERE id = $2" ||
		fail "$3: notice $2 not sent within $1 s ($(state "$2"))"
}
# settled: the daemon is connected and waiting (its last call the wait's
# next_due, done), so a notice now reaches it only by its LISTEN
settled() {
	until_true "$RETURN_S" "SELECT EXISTS (SELECT FROM pg_stat_activity
	     WHERE usename = '$login' AND state = 'idle' AND query LIKE '%notice_next_due%')" ||
		fail "$1: the daemon is not connected again within $RETURN_S s"
}
# listening WHAT: a notice written now is sent within LISTEN_S
listening() {
	local n
	settled "$1"
	n=$(notice)
	sent_within "$LISTEN_S" "$n" "$1, the daemon back (its LISTEN)"
}
# away WHAT: the daemon's login refused until it is allowed back (after
# two notices are written), so that it may only catch up on them by query
away() { sql "ALTER ROLE \"$login\" NOLOGIN" >/dev/null; }
back() {
	local a b
	a=$(notice)
	b=$(notice)
	sql "ALTER ROLE \"$login\" LOGIN" >/dev/null
	sent_within "$RETURN_S" "$a" "$1, written while the daemon was away"
	sent_within "$RETURN_S" "$b" "$1, written while the daemon was away"
}

# E2E_VALGRIND=PREFIX: under valgrind, as tests/e2e/lib.sh runs the program
valgrind_wrap
"${wrap[@]}" "$NOTIFY" --config "$dir/notify.conf" >>"$dir/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)
n=$(notice)
sent_within "$RETURN_S" "$n" "at the start"
listening "at the start"
pass "a notice sent; connected and waiting, a new one within $LISTEN_S s"

# --- restarted (fast: the sessions ended) -----------------------------------
settled "before the restart"
away
started=$(date +%s%N)
pg_as_owner "$PG_BIN/pg_ctl" -D "$pgdir/data" -w -t 30 restart -m fast >/dev/null ||
	fail "the server did not restart"
back "after a restart"
took=$(( ($(date +%s%N) - started) / 100000000 ))
listening "after a restart"
pass "the server restarted: the notices written meanwhile sent $((took / 10)).$((took % 10)) s after, and a new one within $LISTEN_S s"

# --- stopped for some seconds, then started ----------------------------------
settled "before the stop"
away
pg_stop "$pgdir"
sleep $((5 * slow))
kill -0 "$daemon" 2>/dev/null || fail "the daemon exited while the server was down"
pg_as_owner "$PG_BIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 30 \
	-o "-k $pgdir -c listen_addresses='' -c timezone=Asia/Shanghai" start >/dev/null ||
	fail "the server did not start again"
started=$(date +%s%N)
back "after a stop of 5 s"
took=$(( ($(date +%s%N) - started) / 100000000 ))
listening "after a stop of 5 s"
pass "the server stopped 5 s: the notices written meanwhile sent $((took / 10)).$((took % 10)) s after its start, and a new one within $LISTEN_S s"

# --- restarted while the gateway holds a notice ------------------------------
# Three notices in one batch; the server restarted while the gateway
# holds the first. The daemon hears the gateway's answer once the server
# is gone: it must not send that notice again (after its lease), nor go
# on sending the rest of its batch with no outcome recorded (they too
# would go again after the lease).
settled "before the restart mid-batch"
ids=($(book "$(person)" "$(person)" "$(person)"))
[ ${#ids[@]} = 3 ] || fail "three bookings made ${#ids[@]} notices"
held=
for i in $(seq $((RETURN_S * 20))); do
	for n in "${ids[@]}"; do
		grep -q "\"key\": \"$n\"" "$dir/gw.jsonl" && [ "$(state "$n")" = sending ] && held=$n && break 2
	done
	sleep 0.05
done
[ -n "$held" ] || fail "no notice was held at the gateway"
restart_at=$(date +%s.%N)
pg_as_owner "$PG_BIN/pg_ctl" -D "$pgdir/data" -w -t 30 restart -m fast >/dev/null ||
	fail "the server did not restart"
for n in "${ids[@]}"; do sent_within "$RETURN_S" "$n" "restarted while notice $held was at the gateway"; done
# the case this is about: the gateway answered after the restart began
python3 - "$dir/gw.jsonl" "$held" "$slow" "$restart_at" <<'PY' || fail "the restart did not come while the gateway held notice $held"
import json, sys
at = min(r["at"] for r in map(json.loads, open(sys.argv[1], encoding="utf-8")) if r["key"] == sys.argv[2])
assert at + float(sys.argv[3]) > float(sys.argv[4]), (at, sys.argv[4])
PY
sleep $((5 * slow)) # the lease (4 s): a notice left in sending would go again
for n in "${ids[@]}"; do
	got=$(grep -c "\"key\": \"$n\"" "$dir/gw.jsonl")
	[ "$got" = 1 ] || fail "notice $n (of ${ids[*]}, $held at the gateway when the server restarted) reached it $got times"
done
pass "the server restarted while the gateway held notice $held of a batch of 3 (${ids[*]}): each reached it once"

# --- nothing twice -------------------------------------------------------------
kill "$daemon"
wait "$daemon" 2>/dev/null || true
total=$(sql "SELECT count(*) FROM wc.notice WHERE kind = 'booking_confirmed'")
[ "$(sql "SELECT count(*) FROM wc.notice WHERE kind = 'booking_confirmed' AND state = 'sent'")" = "$total" ] ||
	fail "not every notice was sent: $(sql "SELECT string_agg(id || ' ' || state, ', ') FROM wc.notice WHERE kind = 'booking_confirmed'")"
python3 - "$dir/gw.jsonl" "$total" <<'PY' || fail "a notice reached the gateway more than once, or none"
import collections, json, sys
keys = collections.Counter(json.loads(l)["key"] for l in open(sys.argv[1], encoding="utf-8"))
twice = {k: n for k, n in keys.items() if n != 1}
assert not twice and len(keys) == int(sys.argv[2]), (twice, len(keys), sys.argv[2])
PY
pass "$total notices, each delivered once, none sent again"
