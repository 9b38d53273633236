#!/bin/bash
# wanchuang-notify against a recording stand-in gateway (gateway.py): a
# booking made sends one SMS with its template and parameters; a person
# who chose none gets nothing; in quiet hours nothing goes; a gateway
# answering 500 is tried again with back-off, then the notice fails at
# the limit; the daemon killed (SIGKILL) mid-batch and started again
# loses nothing and delivers nothing twice (counted by notice id at the
# gateway). A file lacking the template of a newer kind (an upgrade) is
# taken: that kind waits, pending. A config file others may read, one
# with no template at all, and an http:// gateway without
# allow_insecure_for_testing, are refused; a file of root's that
# only the daemon's own group may read (as the Debian package makes it)
# is taken.
#
# In a database of its own (migrated here), so that the daemon sees only
# this test's notices, never the outbox the other tests fill.
# lib.sh for its ID numbers and credit codes (valid_id, valid_code)
. "$top_srcdir/tests/e2e/lib.sh"
need_db
export LC_ALL=C.UTF-8 LANGUAGE=
ADMIN=$top_builddir/wanchuang-admin
NOTIFY=$top_builddir/wanchuang-notify
PSQL=/usr/lib/postgresql/15/bin/psql
dir=$(mktemp -d "${TMPDIR:-/tmp}/wc-notify.XXXXXX")
tag="$$_$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')"
db="wc_notify_$tag"
login="t_notify_$tag"
pids=()
export PGPASSFILE="$dir/pgpass"
: >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"

cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	"$PSQL" -X -q -d "$WANCHUANG_TEST_DB" -c "DROP DATABASE IF EXISTS \"$db\"" \
		-c "DROP ROLE IF EXISTS \"$login\"" >/dev/null 2>&1 || true
	rm -rf "$dir"
	e2e_cleanup
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	for f in "$dir"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done
	exit 1
}
pass() { echo "ok: $*"; }
sql() { "$PSQL" -X -A -t -q -v ON_ERROR_STOP=1 -d "$WANCHUANG_TEST_DB dbname=$db" -c "$1"; }
# until SECONDS SQL: wait until the query answers t
until_true() {
	local i=0
	while [ "$(sql "$2")" != t ]; do
		i=$((i + 1))
		[ $i -lt $(( $1 * 10 * ${E2E_SLOW:-1} )) ] || return 1
		sleep 0.1
	done
}

"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$WANCHUANG_TEST_DB" \
	-c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" \
	-c "REVOKE CONNECT, TEMPORARY ON DATABASE \"$db\" FROM PUBLIC" >/dev/null
"$ADMIN" --db "$WANCHUANG_TEST_DB dbname=$db" migrate >/dev/null || fail "could not migrate $db"
made=$("$ADMIN" --db "$WANCHUANG_TEST_DB dbname=$db" terminal add "$login" --kind notify)
printf '%s\n' "$made" | grep -F ":$login:" >>"$PGPASSFILE"
conninfo=$(printf '%s\n' "$made" | sed -n "s/^WANCHUANG_DB='\(.*\)'\$/\1/p")
# only this login reaches this database: not the groups, whose members
# in the shared database a security report there would find able to
sql "REVOKE CONNECT ON DATABASE \"$db\" FROM wc_kiosk, wc_staff, wc_notify;
     GRANT CONNECT ON DATABASE \"$db\" TO \"$login\"" >/dev/null
sql "UPDATE wc.setting SET value = '3' WHERE name = 'notice_attempt_limit'" >/dev/null

# gateway NAME [ARGS]: start a recording gateway; its port in $port
gateway() {
	local name=$1
	shift
	python3 "$top_srcdir/tests/notify/gateway.py" "$dir/$name.jsonl" "$@" >"$dir/$name.port" &
	pids+=($!)
	local i=0
	while [ ! -s "$dir/$name.port" ]; do
		i=$((i + 1)); [ $i -lt $((200 * ${E2E_SLOW:-1})) ] || fail "the gateway $name did not start"; sleep 0.1
	done
	port=$(cat "$dir/$name.port")
}

# China time's hour now, for quiet hours around it or away from it
hour=$(TZ=Asia/Shanghai date +%-H)
away=$(printf '%02d:00-%02d:00' $(( (hour + 12) % 24 )) $(( (hour + 13) % 24 )))
around=$(printf '%02d:00-%02d:00' $(( (hour + 23) % 24 )) $(( (hour + 1) % 24 )))

# config NAME PORT QUIET [EXTRA]: a config file for the daemon
config() {
	cat >"$dir/$1.conf" <<CONF
# the daemon's test settings
db = $conninfo
url = http://127.0.0.1:$2/sms/send
allow_insecure_for_testing = yes
api_key = test-key-$tag
sign_name = 安徽省创业服务云平台
template.booking_confirmed = SMS_T_CONFIRMED
template.booking_reminder = SMS_T_REMINDER
template.waitlist_seat = SMS_T_SEAT
template.voucher_expiring = SMS_T_VOUCHER
template.complaint_replied = SMS_T_REPLIED
template.complaint_material = SMS_T_MATERIAL
template.policy_new = SMS_T_POLICY
template.complaint_forwarded = SMS_T_FORWARDED
quiet_hours = $3
retry_seconds = 1
timeout_seconds = 3
lease_seconds = 4
batch = 3
${4:-}
CONF
	chmod 600 "$dir/$1.conf"
}

# daemon CONF: start it; its pid in $daemon. E2E_VALGRIND=PREFIX: under
# valgrind, as tests/e2e/lib.sh runs the program (a run killed with
# SIGKILL writes no report).
daemon() {
	local wrap
	valgrind_wrap
	"${wrap[@]}" "$NOTIFY" --config "$dir/$1.conf" >>"$dir/daemon.log" 2>&1 &
	daemon=$!
	pids+=($daemon)
}
stop_daemon() {
	kill "$daemon" 2>/dev/null || true
	wait "$daemon" 2>/dev/null || true
}

# --- refusals ---------------------------------------------------------
gateway main
main_port=$port
config main "$main_port" "$away"
# refused CONF TEXT WHAT: the daemon stops at once (status 1) saying TEXT
refused() {
	local out rc
	set +e
	out=$("$NOTIFY" --config "$dir/$1.conf" 2>&1)
	rc=$?
	set -e
	[ $rc = 1 ] && echo "$out" | grep -q "$2" || fail "$3 was not refused ($rc): $out"
}
chmod 644 "$dir/main.conf"
refused main "may be read by others (mode 644)" "a config file others may read"
chmod 600 "$dir/main.conf"
sed 's/^allow_insecure_for_testing = yes$/allow_insecure_for_testing = no/' "$dir/main.conf" >"$dir/plain.conf"
chmod 600 "$dir/plain.conf"
refused plain "must begin with https://" "an http:// gateway without allow_insecure_for_testing"
pass "a config file others may read and a plain http gateway are refused"

# The Debian package's layout: root's file, readable by the daemon's own
# group (0640 root:wanchuang-notify), a group nobody else is in. Giving
# the file to root and another group needs root.
# accepted CONF WHAT: the daemon reads CONF and runs (stopped after 2 s)
accepted() {
	local out rc
	set +e
	out=$(timeout 2 "$NOTIFY" --config "$dir/$1.conf" 2>&1)
	rc=$?
	set -e
	[ $rc = 124 ] || fail "$2 was refused ($rc): $out"
}
if [ "$(id -u)" = 0 ]; then
	chown root:"$(id -gn)" "$dir/main.conf"
	chmod 640 "$dir/main.conf"
	accepted main "a config file of root's that the daemon's own group may read (640)"
	chgrp nogroup "$dir/main.conf"
	refused main 'may be read or changed by the group "nogroup" (mode 640)' \
		"a config file that a group not the daemon's may read"
	chgrp "$(id -gn)" "$dir/main.conf"
	chmod 660 "$dir/main.conf"
	refused main "(mode 660)" "a config file its group may change"
	chmod 600 "$dir/main.conf"
	pass "a config file of root's readable by the daemon's own group only is taken; by another group, or writable by its group, refused"
fi

# --- the world: a provider, a service, slots, people ----------------------
county=340104
cc=$(valid_code $county)
code="N$tag"
sql "SELECT wc_admin.provider_add('$cc', '通知测试服务商$tag', '$county', '合肥市蜀山区', '李', '0551')" >/dev/null
sql "SELECT wc_admin.service_add('$code', '$cc', '创业指导一对一', 'guidance', false, false, 0, false,
     '$county', '', '蜀山区', '0551', 24)" >/dev/null
# slot DAYS HOUR: a new slot of the service; prints its id
slot() {
	sql "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)
	     SELECT id, ((now() AT TIME ZONE 'Asia/Shanghai')::date + $1 + time '$2:00') AT TIME ZONE 'Asia/Shanghai',
	            ((now() AT TIME ZONE 'Asia/Shanghai')::date + $1 + time '$2:50') AT TIME ZONE 'Asia/Shanghai', 30
	       FROM wc.service WHERE code = '$code' RETURNING id"
}
# person MOBILE: a new person; prints the id
person() {
	sql "SELECT wc_admin.person_import('$(valid_id $county $(random_birth))', '王小明', '$1',
	     '$county', '$county', '{}', 'intending', NULL, NULL, NULL, NULL)"
}
# book PERSON SLOT: through wc.booking_place, as the booking calls do;
# prints the id of the booking's confirmation notice
book() {
	local b
	b=$(sql "SELECT (wc.booking_place(wc.person_lock($1), $2, NULL, NULL, NULL, NULL, false)).booking_id")
	sql "SELECT id FROM wc.notice WHERE kind = 'booking_confirmed' AND subject_id = $b"
}
# at NAME ID OUTCOME: how many requests gateway NAME recorded for notice ID with OUTCOME
at() {
	[ -f "$dir/$1.jsonl" ] || { echo 0; return; }
	grep -c "\"key\": \"$2\".*\"outcome\": \"$3\"" "$dir/$1.jsonl" || true
}
state() { sql "SELECT state FROM wc.notice WHERE id = $1"; }

# --- a booking made: one SMS with its template and parameters ---------
a=$(person 13955501234)
s1=$(slot 3 9)
n1=$(book "$a" "$s1")
daemon main
until_true 15 "SELECT state = 'sent' FROM wc.notice WHERE id = $n1" ||
	fail "the booking's notice $n1 was not sent ($(state "$n1"))"
[ "$(at main "$n1" delivered)" = 1 ] || fail "notice $n1 delivered $(at main "$n1" delivered) times"
python3 - "$dir/main.jsonl" "$n1" "$tag" <<'PY' || fail "the SMS of notice $n1 is not as the template wants"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
r = [x for x in rows if x["key"] == sys.argv[2]][0]
assert r["phone"] == "13955501234", r
assert r["sign"] == "安徽省创业服务云平台", r
assert r["template"] == "SMS_T_CONFIRMED", r
assert r["idempotency_key"] == sys.argv[2], r
assert r["authorization"] == "Bearer test-key-" + sys.argv[3], r
p = r["params"]
assert p["service"] == "创业指导一对一" and p["time"].endswith("日 09:00") and p["no"], p
assert set(p) == {"no", "service", "time"}, p
PY
# the reminder is due the day before the slot: not yet
[ "$(sql "SELECT state FROM wc.notice WHERE kind = 'booking_reminder' AND subject_id =
          (SELECT subject_id FROM wc.notice WHERE id = $n1)")" = pending ] ||
	fail "the reminder went early"
pass "a booking made: one SMS, template SMS_T_CONFIRMED, its number, service and time"

# --- a person who chose none ---------------------------------------------
b=$(person 13955505678)
sql "UPDATE wc.person SET notices_off = true WHERE id = $b" >/dev/null
n2=$(book "$b" "$s1")
until_true 15 "SELECT state = 'cancelled' FROM wc.notice WHERE id = $n2" ||
	fail "the notice $n2 of a person who chose none is $(state "$n2")"
[ "$(at main "$n2" delivered)" = 0 ] || fail "a person who chose none got an SMS"
grep -q 13955505678 "$dir/main.jsonl" && fail "the gateway saw the number of a person who chose none"
pass "a person who chose no notices gets none (the notice cancelled)"

# --- a new policy: its title, cut to fit, under its own template ----------
sql "SELECT wc_admin.policy_import('PN$tag', '蜀山区高校毕业生自主创业一次性创业补贴实施细则（试行）', '',
     '蜀山区人社局', '$county', '2020-01-01', NULL, 'subsidy', 5000, '{}', '{}', NULL, NULL, NULL,
     NULL, '', '', true, '', '')" >/dev/null
# due the next morning: brought forward, as if that morning had come; the
# daemon's claims write the notice, then send it
sql "UPDATE wc.notice_fanout SET due_at = now() WHERE policy_id =
     (SELECT id FROM wc.policy WHERE code = 'PN$tag'); NOTIFY wc_notice" >/dev/null
mine="SELECT n.id FROM wc.notice n JOIN wc.policy p ON p.id = n.subject_id
      WHERE n.kind = 'policy_new' AND p.code = 'PN$tag' AND n.person_id = $a"
until_true 15 "SELECT EXISTS ($mine)" || fail "no notice of the new policy for person $a"
n3=$(sql "$mine")
until_true 15 "SELECT state = 'sent' FROM wc.notice WHERE id = $n3" ||
	fail "the policy's notice $n3 was not sent ($(state "$n3"))"
python3 - "$dir/main.jsonl" "$n3" <<'PY' || fail "the SMS of notice $n3 is not as the template wants"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
r = [x for x in rows if x["key"] == sys.argv[2]][0]
assert r["phone"] == "13955501234", r
assert r["template"] == "SMS_T_POLICY", r
assert r["params"] == {"title": "蜀山区高校毕业生自主创业一次性创业补贴…"}, r
PY
pass "a new policy: one SMS, template SMS_T_POLICY, its title cut to 20 characters"
stop_daemon

# --- an old file after an upgrade: no template for a newer kind -----------
# It starts, says once which kinds it will not send, sends the others;
# the notices of the kind left out wait, pending, and go once the
# template is there and the daemon started again. No template at all is
# still refused.
sed '/^template\.policy_new =/d' "$dir/main.conf" >"$dir/old.conf"
chmod 600 "$dir/old.conf"
sed '/^template\./d' "$dir/main.conf" >"$dir/bare.conf"
chmod 600 "$dir/bare.conf"
refused bare "no template code" "a config file with no template at all"
sql "SELECT wc_admin.policy_import('PO$tag', '蜀山区创业担保贷款贴息办法', '',
     '蜀山区人社局', '$county', '2020-01-01', NULL, 'subsidy', 5000, '{}', '{}', NULL, NULL, NULL,
     NULL, '', '', true, '', '')" >/dev/null
sql "UPDATE wc.notice_fanout SET due_at = now() WHERE policy_id =
     (SELECT id FROM wc.policy WHERE code = 'PO$tag')" >/dev/null
before=$(grep -c "policy_new" "$dir/daemon.log" || true)
daemon old
# another person's booking: one person may hold only so many open ones
n5=$(book "$(person 13955509876)" "$(slot 7 9)")
until_true 15 "SELECT state = 'sent' FROM wc.notice WHERE id = $n5" ||
	fail "with no template for policy_new, the booking's notice $n5 was not sent ($(state "$n5"))"
old="SELECT n.id FROM wc.notice n JOIN wc.policy p ON p.id = n.subject_id
     WHERE n.kind = 'policy_new' AND p.code = 'PO$tag' AND n.person_id = $a"
until_true 15 "SELECT EXISTS ($old)" || fail "no notice of policy PO$tag for person $a"
n6=$(sql "$old")
sleep 2
[ "$(state "$n6")" = pending ] && [ "$(sql "SELECT attempts FROM wc.notice WHERE id = $n6")" = 0 ] ||
	fail "the notice $n6 of a kind with no template was taken: $(state "$n6")"
grep -q "\"key\": \"$n6\"" "$dir/main.jsonl" && fail "the gateway saw notice $n6, of a kind with no template"
said=$(( $(grep -c "policy_new" "$dir/daemon.log" || true) - before ))
[ "$said" = 1 ] || fail "the daemon said $said times that policy_new has no template"
stop_daemon
daemon main
until_true 15 "SELECT state = 'sent' FROM wc.notice WHERE id = $n6" ||
	fail "with the template back, notice $n6 was not sent ($(state "$n6"))"
stop_daemon
pass "a file with no template for policy_new: the daemon starts, says so once, sends a booking's notice, leaves the policy's pending until the template is back"

# --- quiet hours --------------------------------------------------------
config quiet "$main_port" "$around"
daemon quiet
n3=$(book "$a" "$(slot 4 9)")
sleep 3
[ "$(state "$n3")" = pending ] && [ "$(at main "$n3" delivered)" = 0 ] ||
	fail "a notice went out in quiet hours ($around): $(state "$n3")"
stop_daemon
daemon main
until_true 15 "SELECT state = 'sent' FROM wc.notice WHERE id = $n3" ||
	fail "the notice held in quiet hours was not sent after them"
stop_daemon
pass "in quiet hours ($around China time) nothing goes; after them it does"

# --- the gateway answering 500 -------------------------------------------
gateway broken --fail 500
config broken "$port" "$away"
n4=$(book "$a" "$(slot 5 9)")
daemon broken
until_true 20 "SELECT state = 'failed' FROM wc.notice WHERE id = $n4" ||
	fail "notice $n4 did not fail after the limit: $(state "$n4")"
stop_daemon
[ "$(at broken "$n4" failed)" = 3 ] || fail "notice $n4 was tried $(at broken "$n4" failed) times, not 3"
[ "$(sql "SELECT attempts || ' ' || count(*) FILTER (WHERE a.outcome = 'retry')
          FROM wc.notice n JOIN wc.notice_attempt a ON a.notice_id = n.id
          WHERE n.id = $n4 GROUP BY attempts")" = "3 3" ] || fail "the attempts are not recorded"
# back-off: the second wait about twice the first
python3 - "$dir/broken.jsonl" "$n4" <<'PY' || fail "no back-off between the tries"
import json, sys
t = [json.loads(l)["at"] for l in open(sys.argv[1]) if json.loads(l)["key"] == sys.argv[2]]
g1, g2 = t[1] - t[0], t[2] - t[1]
assert 0.9 <= g1 < 1.9 and 1.9 <= g2 < 3.5, (g1, g2)
PY
pass "a gateway answering 500: tried 3 times, 1 s then 2 s apart, then failed"

# --- killed mid-batch ------------------------------------------------------
gateway slow --delay 0.7
config slow "$port" "$away"
ids=()
s6=$(slot 6 10)
# six people (one person may hold only so many open bookings)
for i in 1 2 3 4 5 6; do ids+=($(book "$(person 1395550100$i)" "$s6")); done
list=$(IFS=,; echo "${ids[*]}")
daemon slow
until_true 15 "SELECT count(*) FILTER (WHERE state = 'sent') >= 2 FROM wc.notice WHERE id IN ($list)" ||
	fail "the daemon did not begin"
until_true 5 "SELECT count(*) FILTER (WHERE state = 'sending') >= 1 FROM wc.notice WHERE id IN ($list)" ||
	fail "no notice was being sent"
kill -KILL "$daemon"
wait "$daemon" 2>/dev/null || true
killed=$(sql "SELECT string_agg(state, ' ' ORDER BY id) FROM wc.notice WHERE id IN ($list)")
echo "$killed" | grep -q sending || fail "killed, yet no notice in sending: $killed"
daemon slow
until_true 30 "SELECT bool_and(state = 'sent') FROM wc.notice WHERE id IN ($list)" ||
	fail "after the restart not all were sent: $(sql "SELECT string_agg(state, ' ' ORDER BY id) FROM wc.notice WHERE id IN ($list)")"
stop_daemon
for n in "${ids[@]}"; do
	[ "$(at slow "$n" delivered)" = 1 ] || fail "notice $n delivered $(at slow "$n" delivered) times"
	# and by what it says (its booking's number), whatever key it came with
	no=$(sql "SELECT params->>'no' FROM wc.notice WHERE id = $n")
	got=$(grep -c "\"no\": \"$no\".*\"outcome\": \"delivered\"" "$dir/slow.jsonl" || true)
	[ "$got" = 1 ] || fail "the SMS of booking $no (notice $n) was delivered $got times"
done
dups=0
for n in "${ids[@]}"; do dups=$(( dups + $(at slow "$n" duplicate) )); done
pass "killed mid-batch ($killed): after the restart each of 6 notices delivered once ($dups sent again with the same key and refused as duplicates by the gateway)"
