#!/usr/bin/env bash
# tests/cluster_e2e.sh: the program itself across a failover of the
# province stack (scripts/cluster). A kiosk in tmux walks to a booking's
# confirmation, the primary's postmaster is killed with SIGKILL right
# before F2, and the kiosk must say it is reconnecting, come back by
# itself once the standby is promoted, and book on the next F2: one
# booking, one debit of the voucher (the request key kept across the
# switch), the choices on the screen still there. Once over the multi-host
# conninfo, once through PgBouncer. Then the old primary rejoins as a
# standby, and under the supervisor's live queue (through PgBouncer,
# listening on a multi-host session connection, WANCHUANG_LISTEN_DB) the
# new primary is killed too: a complaint filed at a kiosk after the switch
# must appear in the queue without a key press. Prints how long each
# screen took to carry on. Run with `make cluster-check` (after
# tests/cluster.sh; needs scripts/setup --cluster).
set -euo pipefail
srcdir=$(cd "${srcdir:-$(dirname "$0")/..}" && pwd)
top_srcdir=$srcdir
top_builddir=${BUILD_DIR:-$srcdir/var/build}
TMUX_BIN=${TMUX_BIN:-tmux}
WANCHUANG_LOCALEDIR=$top_builddir/locale
export top_srcdir top_builddir TMUX_BIN WANCHUANG_LOCALEDIR WANCHUANG_BUILD=$top_builddir
cluster=$srcdir/scripts/cluster
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# Under /var/tmp: as root the servers run as "postgres", which must reach it.
dir=$(mktemp -d /var/tmp/wanchuang-cluster-e2e.XXXXXX)
chmod 755 "$dir"
dir=$dir/cluster
cluster_stop() {
	"$cluster" --dir "$dir" stop >/dev/null 2>&1 || true
	rm -rf "$(dirname "$dir")"
}
trap cluster_stop EXIT
"$cluster" --dir "$dir" start >/dev/null || { echo "FAIL: scripts/cluster start" >&2; exit 1; }
# shellcheck disable=SC1091
. "$dir/ports.env"

# What a province terminal is given (doc/deployment.md): both nodes, the
# writable one chosen, a dead peer noticed in seconds.
hosts="host=127.0.0.1,127.0.0.1 port=$PG1_PORT,$PG2_PORT target_session_attrs=read-write connect_timeout=2 keepalives_idle=5 keepalives_interval=2 keepalives_count=3 tcp_user_timeout=10000"
# lib.sh's helpers (sql, terminal_add, staff_add) work on the primary,
# whichever node that is.
export WANCHUANG_TEST_DB="$hosts dbname=wanchuang user=postgres"
# shellcheck disable=SC1091
. "$srcdir/tests/e2e/lib.sh"
trap 'e2e_cleanup; cluster_stop' EXIT
cat "$dir/pgpass" >>"$PGPASSFILE"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

node_port() { if [ "$1" = 1 ]; then echo "$PG1_PORT"; else echo "$PG2_PORT"; fi; }
node_sql() {
	"$PG_BIN/psql" -X -A -t -q -h "$dir/pg$1" -p "$(node_port "$1")" -U postgres -d postgres \
		-c "$2" 2>/dev/null
}
primary() {
	local n
	for n in 1 2; do
		[ "$(node_sql "$n" 'SELECT pg_is_in_recovery()' || true)" = f ] && { echo "$n"; return 0; }
	done
	return 1
}
# kill_primary: SIGKILL to the primary's postmaster (its backends end
# with it); prints the node's number.
kill_primary() {
	local n
	n=$(primary) || fail "no primary to kill"
	kill -KILL "$(head -n 1 "$dir/pg$n/data/postmaster.pid")"
	echo "$n"
}
# watch_promotion START FILE: in the background, write to FILE the
# seconds from START until a node other than $killed is the primary.
watch_promotion() {
	(
		while true; do
			n=$(primary || true)
			[ -n "$n" ] && [ "$n" != "$killed" ] && break
			sleep 0.1
		done
		since "$1" >"$2"
	) &
	watcher=$!
}
# promoted_by LIMIT SECONDS WHAT: the promotion's time, and a failure when
# WHAT came more than LIMIT seconds after it: the terminal must come back
# soon after the new primary does, not on a slow schedule of its own.
promoted_by() {
	wait "$watcher"
	promoted_s=$(cat "$E2E_DIR/promoted")
	awk -v a="$promoted_s" -v b="$2" -v l="$1" 'BEGIN { exit !(b - a <= l) }' ||
		fail "$3 came $2 s after the SIGKILL, more than $1 s after the promotion ($promoted_s s)"
}

# rejoined N: node N streams from the other as a standby again.
rejoined() {
	local other=$((3 - $1))
	[ "$(node_sql "$1" 'SELECT pg_is_in_recovery()' || true)" = t ] &&
		[ "$(node_sql "$other" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" || true)" = 1 ]
}

# login_everywhere CONNINFO: the terminal's password for any node and
# PgBouncer (terminal_add's line names the node it was made on).
login_everywhere() {
	local user pw
	user=$(printf '%s' "$1" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
	pw=$(terminal_password "$1")
	printf '127.0.0.1:*:wanchuang:%s:%s\n' "$user" "$pw" >>"$PGPASSFILE"
	printf '%s\n' "$user"
}

# until_screen SECONDS REGEX: wait until the screen matches REGEX.
until_screen() {
	local limit=$(($1 * 10)) i
	for ((i = 0; i < limit; i++)); do
		screen_text | grep -qE -- "$2" && return 0
		sleep 0.1
	done
	fail "\"$2\" did not appear within $1 s"
}

# The services, programme and budget of 瑶海区 for this run.
county=340102
code=$(valid_code $county)
sql "UPDATE wc.voucher_programme SET active = false WHERE code LIKE 'PE2E%'" >/dev/null
prog=$(e2e_code P)
sql "SELECT wc_admin.provider_add('$code', '瑶海创业服务中心$prog', '$county', '合肥市瑶海区长江东路1号', '周', '0551-64000000')" >/dev/null
sql "SELECT wc_admin.programme_add('P$prog', '电子创业券（测试）', 200000, 12, '{training,guidance}', '{graduate}', 'intending', '年龄>=16')" >/dev/null
sql "SELECT wc_admin.budget_set('P$prog', '$county', 1000000)" >/dev/null
programme=$(sql "SELECT id FROM wc.voucher_programme WHERE code = 'P$prog'")
counter=$(terminal_add staff)
login_everywhere "$counter" >/dev/null
counter="$hosts dbname=wanchuang user=$(printf '%s' "$counter" | sed -n 's/.*user=\([^ ]*\).*/\1/p')"
clerk=$(staff_add counter $county 陈静 'Yaohai-2026-desk')
ctoken=$(as_terminal "$counter" "SELECT token FROM api.staff_login('$clerk', 'Yaohai-2026-desk')")
kiosk=$(terminal_add kiosk $county)
kiosk_user=$(login_everywhere "$kiosk")

# book_across_failover LABEL CONNINFO: a new person with a voucher books
# a new 1500元 training at the kiosk; the primary dies before F2.
book_across_failover() {
	local label=$1 db=$2 id svc person slot t killed i back_s pressed presses
	id=$(valid_id $county "$(random_birth)")
	svc=$(e2e_code R)
	sql "SELECT wc_admin.service_add('$svc', '$code', '创业培训实训班$svc', 'training', true, false, 150000, true,
	     '$county', '面向意向创业者的实训课程。', '瑶海区创业大厦3楼', '0551-64000000', 24)" >/dev/null
	sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 180, 30, '')" >/dev/null
	slot=$(sql "SELECT s.id FROM wc.slot s JOIN wc.service v ON v.id = s.service_id WHERE v.code = '$svc'")
	person=$(person_with_pin "$id" 张晓明 13955501234 $county 583920 '{graduate}')
	[ "$(as_terminal "$counter" "SELECT outcome FROM api.voucher_issue('$ctoken', gen_random_uuid(), $person, $programme)")" = ok ] ||
		fail "$label: the voucher was not issued"

	start 100 30 -- --kiosk --db "$db"
	expect "服务目录" 15
	kiosk_sign_in "$id" 583920 "您好，张**"
	menu_pick "服务目录"
	expect "服务地区"
	type_text "$svc"; keys Enter
	expect "创业培训实训班$svc"
	keys Enter
	expect "服务详情"
	keys F2
	expect "第1步（共3步）"
	keys Enter
	expect '创业券“电子创业券（测试）”：余额2000元'
	keys Enter
	expect "第3步（共3步）"
	expect "创业券支付"

	t=$(now)
	killed=$(kill_primary)
	watch_promotion "$t" "$E2E_DIR/promoted"
	keys F2
	# The program's words: the connection was lost and it is reconnecting
	# (or retrying by itself while the standby is not yet promoted); or,
	# through PgBouncer, which holds the request until the new primary
	# takes it, that it waits for the server.
	until_screen 15 "正在重新连接|正在自动重试|正在等待服务器响应"
	said_s=$(since "$t")
	# Once it says it is connected again, F2 once more sends the same
	# request (nothing chosen is lost: the same step, the same payment);
	# again, as a person would, if 2 s later it still says so (through
	# PgBouncer a try before the promotion fails as well, and the
	# terminal, connected to PgBouncer, is at once connected again).
	back_s=- pressed=0 presses=0
	local said='' line
	for ((i = 0; i < 900; i++)); do
		# what the message line says, each time it changes, with the time
		line=$(screen_text | tail -n 2 | head -n 1 | sed 's/^ *//')
		screen_text | grep -qF "正在等待服务器响应" && line="[正在等待服务器响应] $line"
		[ "$line" = "$said" ] || printf '  %s s: %s\n' "$(since "$t")" "${line:-(no message)}"
		said=$line
		screen_text | grep -qF "预约成功" && break
		if screen_text | grep -qF "已重新连接服务器，请重新操作。" &&
			awk -v p="$pressed" -v n="$(now)" 'BEGIN { exit !(n - p >= 2) }'; then
			[ "$back_s" = - ] && back_s=$(since "$t")
			expect "第3步（共3步）"
			expect "创业券支付"
			keys F2
			pressed=$(now) presses=$((presses + 1))
		fi
		sleep 0.1
	done
	expect "预约成功" 1
	booked_s=$(since "$t")
	promoted_by 4 "$booked_s" "$label: the booking"
	[ "$(sql "SELECT count(*) FROM wc.booking WHERE person_id = $person AND slot_id = $slot")" = 1 ] ||
		fail "$label: not exactly one booking for the person and slot"
	[ "$(sql "SELECT count(*) FROM wc.voucher_entry e JOIN wc.voucher v ON v.id = e.voucher_id
	          WHERE v.person_id = $person AND e.kind = 'hold'")" = 1 ] ||
		fail "$label: the voucher was not debited exactly once"
	[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE person_id = $person")" = 50000/150000 ] ||
		fail "$label: the voucher's balance is not 500元 with 1500元 held"
	screen_text | grep -qE "创业券当前余额 +500元" || fail "$label: the balance shown is not 500元"
	stop_terminal
	printf '%s: pg%s killed; the screen said so after %s s, new primary after %s s, reconnected after %s s, booked after %s s (F2 pressed %s more times)\n' \
		"$label" "$killed" "$said_s" "$promoted_s" "$back_s" "$booked_s" "$presses"
	pass "$label: a booking confirmed across a failover, once"
}

# wait_rejoined N: the killed node N back as a standby of the other.
wait_rejoined() {
	local i
	for ((i = 0; i < 450; i++)); do rejoined "$1" && return 0; sleep 0.2; done
	fail "pg$1 did not come back as a standby within 90 s"
}

book_across_failover "kiosk, multi-host conninfo" "$hosts dbname=wanchuang user=$kiosk_user"
t=$(now)
wait_rejoined 1
echo "pg1 a standby again after $(since "$t") s"
export WANCHUANG_POOLED=1
pooled() { printf 'host=127.0.0.1 port=%s dbname=wanchuang user=%s connect_timeout=2' "$PGB_PORT" "$1"; }
book_across_failover "kiosk through PgBouncer" "$(pooled "$kiosk_user")"
t=$(now)
wait_rejoined 2
echo "pg2 a standby again after $(since "$t") s"

# --- the supervisor's live queue across the next failover -----------------
# (天长市: complaints an earlier run left open are closed first)
sql "UPDATE wc.complaint SET status = 'closed', due_on = NULL WHERE county_code = '341181' AND status <> 'closed'" >/dev/null
pw='Supervise-2026-pool'
supervisor=$(staff_add supervisor 340000 孙丽 "$pw")
staff_user=$(login_everywhere "$(terminal_add staff)")
export WANCHUANG_LISTEN_DB="$hosts dbname=wanchuang user=$staff_user"
start 110 34 -- --db "$(pooled "$staff_user")"
sign_in "$supervisor" "$pw"
menu_pick "投诉处理"
expect "按办理时限排序"
keys F4; type_text "天长市"; keys Enter
expect "地区：天长市"

sid=$(valid_id 341181 "$(random_birth)")
person_with_pin "$sid" 周志强 13955501234 341181 583920 >/dev/null
skiosk="$hosts dbname=wanchuang user=$(login_everywhere "$(terminal_add kiosk 341181)")"
ktoken=$(as_terminal "$skiosk" "SELECT token FROM api.citizen_login('$sid', '583920')")
[ -n "$ktoken" ] || fail "the kiosk sign-in for the complaints"
# file KEY: a complaint from the kiosk, its 投诉编号 (the same key on every
# try: a try whose answer was lost is not filed twice).
file() {
	as_terminal "$skiosk" "SELECT complaint_no FROM api.citizen_complaint_file('$ktoken',
	     '$1', 'platform', NULL, 'not_delivered', '自助终端打印的预约单没有服务地址。')" 2>/dev/null
}
cno=$(file "$(cat /proc/sys/kernel/random/uuid)")
expect "$cno" 3
pass "the supervisor's queue shows a complaint by itself before the failover"

t=$(now)
killed=$(kill_primary)
watch_promotion "$t" "$E2E_DIR/promoted"
key=$(cat /proc/sys/kernel/random/uuid)
cno=
for ((i = 0; i < 450; i++)); do
	cno=$(file "$key" || true)
	case $cno in TS*) break ;; esac
	sleep 0.2
done
case $cno in TS*) ;; *) fail "no complaint could be filed within 90 s of killing pg$killed" ;; esac
filed_s=$(since "$t")
expect "$cno" 30
shown_s=$(since "$t")
promoted_by 4 "$shown_s" "the complaint in the supervisor's queue"
printf 'supervisor: pg%s killed; new primary after %s s, a complaint filed on it after %s s, in the queue without a key press after %s s\n' \
	"$killed" "$promoted_s" "$filed_s" "$shown_s"
# That one may have come with the fetch that follows listening again; the
# next one comes by the notification alone.
cno=$(file "$(cat /proc/sys/kernel/random/uuid)")
t=$(now)
expect "$cno" 3
printf 'supervisor: the next complaint in the queue after %s s\n' "$(since "$t")"
pass "the supervisor's queue listens again after a failover"
