#!/bin/bash
# The program through PgBouncer in transaction mode, as a province
# deployment runs it (doc/deployment.md): a private PgBouncer on a free
# loopback port in front of the test server, with the shared entries of
# contrib/pgbouncer.ini.wanchuang: every kiosk in the pool of the login
# wc_pool_kiosk (entry wanchuang_kiosk), every staff terminal in
# wc_pool_staff's (wanchuang_staff). Terminals sign in to PgBouncer with
# their own logins (auth_query reads the SCRAM verifier from the server
# through contrib/pgbouncer-auth.sql's lookup of that entry's kind), and
# the server knows each by the key it sends (WANCHUANG_TERMINAL_KEY_FILE).
# A kiosk without its key says so; with it, it signs a person in with ID
# number and PIN, looks up policies and books; a counter signs in and finds the person; the supervisor's queue
# shows a complaint filed elsewhere without a key press, listening on a
# session connection of its own (WANCHUANG_LISTEN_DB). The server sees
# the pools' logins only. A kiosk's key through the staff entry, and a
# revoked kiosk's key, are refused while another kiosk of the pool goes
# on (a kiosk revoked while at work, at its very next call, a person
# signed in at it too); each
# kiosk's key gets its own county.
#
# Each pool holds two server connections handed out in turn
# (server_round_robin) and nothing is reset between clients
# (server_reset_query empty): consecutive calls of one terminal land on
# different server sessions, so anything the program kept in a session
# (a named prepared statement, a SET, a LISTEN) goes missing on the next
# call, and this test fails.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# --- a key file others may read, or one without a key, stops the program ---------
# wanchuang KEYFILE: its exit status and what it says, in Chinese
key_refused() {
	set +e
	out=$(env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= WANCHUANG_LOCALEDIR="$WANCHUANG_LOCALEDIR" \
		WANCHUANG_TERMINAL_KEY_FILE="$1" "$WANCHUANG" --kiosk 2>&1 </dev/null)
	rc=$?
	set -e
}
od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$E2E_DIR/open.key"
chmod 644 "$E2E_DIR/open.key"
key_refused "$E2E_DIR/open.key"
[ $rc -eq 1 ] || fail "a key file others may read was taken (exit $rc): $out"
printf '%s' "$out" | grep -q "可被本机其他用户读取.*chmod 600" || fail "the refusal does not say why: $out"
printf 'not a key\n' >"$E2E_DIR/bad.key"
chmod 600 "$E2E_DIR/bad.key"
key_refused "$E2E_DIR/bad.key"
[ $rc -eq 1 ] || fail "a key file without a key was taken (exit $rc): $out"
printf '%s' "$out" | grep -q "没有有效的密钥" || fail "the refusal does not say why: $out"
pass "a key file others may read, or one without a key, stops the program"

PGBOUNCER=${PGBOUNCER:-/usr/sbin/pgbouncer}
[ -x "$PGBOUNCER" ] || fail "pgbouncer is not installed (scripts/setup installs it)"
. "$top_srcdir/scripts/pg.sh"
. "$top_srcdir/scripts/pgbouncer.sh"

sock=$(printf '%s' "$WANCHUANG_TEST_DB" | sed -n 's/.*host=\([^ ]*\).*/\1/p')
dbname=$(printf '%s' "$WANCHUANG_TEST_DB" | sed -n 's/.*dbname=\([^ ]*\).*/\1/p')
[ -d "$sock" ] || fail "WANCHUANG_TEST_DB names no socket folder: $WANCHUANG_TEST_DB"
pgb_dir=$(pg_folder)
trap 'pgb_stop "$pgb_dir"; rm -rf "$pgb_dir"; e2e_cleanup' EXIT
authpw=$(pgb_auth "$sock" "$dbname") || fail "contrib/pgbouncer-auth.sql failed"
PGB_POOL_PASSWORD=$(pgb_pools "$sock" "$dbname") || fail "the pool logins' passwords"
pgb_start "$pgb_dir" "$sock" "$dbname" "$authpw" "server_reset_query =
server_round_robin = 1
default_pool_size = 2" || fail "pgbouncer did not start"

# login_of CONNINFO: the login it names.
login_of() {
	printf '%s' "$1" | sed -n 's/.*user=\([^ ]*\).*/\1/p'
}

# shared KIND CONNINFO: the same login through PgBouncer's shared entry of
# KIND (its password line too, as the terminal's .pgpass would hold it).
shared() {
	local user pw
	user=$(login_of "$2")
	pw=$(terminal_password "$2")
	printf '127.0.0.1:%s:wanchuang_%s:%s:%s\n' "$PGB_PORT" "$1" "$user" "$pw" >>"$PGPASSFILE"
	printf 'host=127.0.0.1 port=%s dbname=wanchuang_%s user=%s\n' "$PGB_PORT" "$1" "$user"
}

# key_file CONNINFO: a new key of the terminal (wanchuang-admin terminal
# key) in a file of mode 0600, as the terminal keeps it; prints its path.
key_file() {
	local f="$E2E_DIR/$(login_of "$1").key"
	(umask 077 && "$ADMIN" --db "$WANCHUANG_TEST_DB" terminal key "$(login_of "$1")" |
		sed -n '/^[0-9a-f]\{64\}$/p' >"$f")
	[ "$(wc -c <"$f")" = 65 ] || fail "terminal key printed no key for $1"
	printf '%s' "$f"
}

# info CONNINFO KEYFILE: terminal_info's kind and county for that key, or
# the refusal's SQLSTATE. The key goes in a setting of the transaction,
# not in the statement: the server logs a refused statement's text, and
# the program sends the key as a parameter, which it does not log.
info() {
	printf '%s\n' "BEGIN;" "SET LOCAL wc.test_key = :'key';" \
		"SELECT kind || ' ' || region_code FROM api.terminal_info(current_setting('wc.test_key'));" \
		"COMMIT;" |
		/usr/lib/postgresql/15/bin/psql -X -A -t -q -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate \
			-d "$1" -v key="$(cat "$2")" 2>&1 | sed 's/.*ERROR: *//'
}

# server_logins LOGIN...: how many server sessions each login has now.
server_logins() {
	local l
	for l in "$@"; do
		printf '%s=%s ' "$l" "$(sql "SELECT count(*) FROM pg_stat_activity WHERE usename = '$l'")"
	done
}

# two_sessions CONNINFO: make the login's pool open its second server
# connection (two clients at once), so that from now on its calls
# alternate between two server sessions.
two_sessions() {
	as_terminal "$1" "SELECT pg_sleep(0.5)" >/dev/null &
	as_terminal "$1" "SELECT pg_sleep(0.5)" >/dev/null
	wait
	local a b
	a=$(as_terminal "$1" "SELECT pg_backend_pid()")
	b=$(as_terminal "$1" "SELECT pg_backend_pid()")
	[ "$a" != "$b" ] || fail "the pool of $1 does not alternate its server sessions"
}

shipped_policies
county=341524
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code B)
sql "SELECT wc_admin.provider_add('$code', '金寨创业指导站$svc', '$county', '金寨县梅山镇1号', '周', '0564-7000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '创业指导$svc', 'guidance', false, false, 0, false,
     '$county', '一对一创业指导。', '金寨县创业大厦', '0564-7000000', 24)" >/dev/null
sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 60, 5, '')" >/dev/null
person=$(person_with_pin "$id" 李文 13955501235 "$county" 583920 '{graduate}')

export WANCHUANG_POOLED=1

# --- a kiosk: sign in with ID number and PIN, policies, a booking -------------
kiosk_direct=$(terminal_add kiosk $county)
kiosk=$(shared kiosk "$kiosk_direct")
kiosk_key=$(key_file "$kiosk_direct")
two_sessions "$kiosk"
# without its key, the pool cannot tell which kiosk this is: the kiosk
# says so, and what to ask the administrator for
start 100 30 -- --kiosk --db "$kiosk"
expect "本终端的终端密钥缺失、有误或已停用"
expect "terminal key"
stop_terminal
export WANCHUANG_TERMINAL_KEY_FILE=$kiosk_key
start 100 30 -- --kiosk --db "$kiosk"
expect "六安市金寨县自助服务终端"
kiosk_sign_in "$id" 583920 "您好，李*"
# the server sees the pool's login, never the kiosk's own
seen=$(server_logins "$(login_of "$kiosk")" wc_pool_kiosk)
case $seen in "$(login_of "$kiosk")=0 wc_pool_kiosk="[1-9]*) ;; *) fail "server sessions: $seen" ;; esac
# and the sign-in is the kiosk's, named by its key
at=$(sql "SELECT terminal FROM wc.citizen_session WHERE person_id = $person ORDER BY created_at DESC LIMIT 1")
[ "$at" = "$(login_of "$kiosk")" ] || fail "the sign-in was recorded at \"$at\""
menu_pick "政策查询"
expect "关键词"
type_text "贷款"; keys Enter
expect "个人创业担保贷款及贴息"
keys Escape
menu_pick "服务目录"
expect "服务地区"
type_text "$svc"; keys Enter
expect "创业指导$svc"
keys Enter
expect "服务详情"
keys F2
expect "第1步（共3步）"
keys Enter
expect "第2步（共3步）"
keys Enter
expect "第3步（共3步）"
keys F2
expect "预约成功"
no=$(sql "SELECT no FROM wc.booking WHERE person_id = $person AND status = 'booked'")
[ -n "$no" ] || fail "no booking in the database"
expect "$no"
pass "kiosk through the pooler: without its key it says so; with it, sign-in, policies, a booking"
stop_terminal

# --- a counter: sign in, find the person ----------------------------------------
staff_direct=$(terminal_add staff)
staff=$(shared staff "$staff_direct")
staff_key=$(key_file "$staff_direct")
two_sessions "$staff"
clerk=$(staff_add counter $county 王敏 'Jinzhai-2026-desk')
export WANCHUANG_TERMINAL_KEY_FILE=$staff_key
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Jinzhai-2026-desk'
find_person "$id" 李文
seen=$(server_logins "$(login_of "$staff")" wc_pool_staff)
case $seen in "$(login_of "$staff")=0 wc_pool_staff="[1-9]*) ;; *) fail "server sessions: $seen" ;; esac
pass "counter through the pooler: sign-in, a person found"
stop_terminal

# --- the supervisor's live queue, listening on a session of its own ----------------
# (天长市: no other test files complaints there; those an earlier run
# left open are closed first)
sql "UPDATE wc.complaint SET status = 'closed', due_on = NULL WHERE county_code = '341181' AND status <> 'closed'" >/dev/null
pw='Supervise-2026-pool'
user=$(staff_add supervisor 340000 孙丽 "$pw")
# the same terminal login, straight to the server
export WANCHUANG_LISTEN_DB=$staff_direct
start 110 34 -- --db "$staff"
sign_in "$user" "$pw"
menu_pick "投诉处理"
expect "按办理时限排序"
keys F4; type_text "天长市"; keys Enter
expect "地区：天长市"
sid=$(valid_id 341181 $(random_birth))
sperson=$(person_with_pin "$sid" 周志强 13955501234 341181 583920)
skiosk=$(terminal_add kiosk 341181)
ktoken=$(as_terminal "$skiosk" "SELECT token FROM api.citizen_login('$sid', '583920')")
[ -n "$ktoken" ] || fail "kiosk sign-in of $sperson"
cno=$(as_terminal "$skiosk" "SELECT complaint_no FROM api.citizen_complaint_file('$ktoken',
     gen_random_uuid(), 'platform', NULL, 'not_delivered', '自助终端打印的预约单没有服务地址。')")
case $cno in TS*) ;; *) fail "filing: $cno" ;; esac
expect "$cno" 3
pass "supervisor through the pooler: the queue shows a new complaint by itself"
stop_terminal

# --- each entry answers for its kind; a key names its own county -----------------
for entry in "$dbname" wanchuang_kiosk wanchuang_staff; do
	if PGPASSWORD=guess /usr/lib/postgresql/15/bin/psql -X -A -t -q \
		-d "host=127.0.0.1 port=$PGB_PORT dbname=$entry user=postgres" -c "SELECT 1" >/dev/null 2>&1; then
		fail "the administrator's login signs in through the pooler's $entry"
	fi
done
# a kiosk's login and password open no staff entry (the lookup of that
# entry answers for staff terminals only) ...
wrong=$(printf '%s\n' "$kiosk" | sed 's/dbname=wanchuang_kiosk/dbname=wanchuang_staff/')
pw=$(terminal_password "$kiosk_direct")
printf '127.0.0.1:%s:wanchuang_staff:%s:%s\n' "$PGB_PORT" "$(login_of "$kiosk")" "$pw" >>"$PGPASSFILE"
if as_terminal "$wrong" "SELECT 1" >/dev/null 2>&1; then
	fail "a kiosk's login signs in through the staff entry"
fi
# ... and its key sent through the staff entry is refused
got=$(info "$staff" "$kiosk_key")
[ "$got" = WC003 ] || fail "a kiosk's key through the staff entry: $got"
# two kiosks of two counties in the one pool: each key gets its own county
other_direct=$(terminal_add kiosk 341181)
other=$(shared kiosk "$other_direct")
other_key=$(key_file "$other_direct")
got=$(info "$kiosk" "$kiosk_key")
[ "$got" = "kiosk $county" ] || fail "the kiosk of $county: $got"
got=$(info "$other" "$other_key")
[ "$got" = "kiosk 341181" ] || fail "the kiosk of 341181: $got"
pass "a kiosk's login and key open no staff entry; each kiosk's key gets its county"

# --- a revoked kiosk is out; another of the same pool goes on ----------------------
# the kiosk is at work when it is revoked: PgBouncer keeps its client
# connection, and its next call, a public one, is refused by the key it sends
export WANCHUANG_TERMINAL_KEY_FILE=$kiosk_key
start 100 30 -- --kiosk --db "$kiosk"
expect "六安市金寨县自助服务终端"
menu_pick "政策查询"
expect "关键词"
type_text "贷款"; keys Enter
expect "个人创业担保贷款及贴息"
"$ADMIN" --db "$WANCHUANG_TEST_DB" terminal revoke "$(login_of "$kiosk")" >/dev/null
keys C-u
type_text "补贴"; keys Enter
expect "本终端或账号无权办理此项业务"
stop_terminal
if as_terminal "$kiosk" "SELECT 1" >/dev/null 2>&1; then
	fail "a revoked kiosk login still signs in through the pooler"
fi
got=$(info "$other" "$kiosk_key")
[ "$got" = WC003 ] || fail "a revoked kiosk's key sent by another kiosk: $got"
got=$(info "$other" "$other_key")
[ "$got" = "kiosk 341181" ] || fail "the other kiosk after the revoke: $got"
# and a revoked kiosk gets no new key
set +e
out=$(env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= WANCHUANG_LOCALEDIR="$WANCHUANG_LOCALEDIR" \
	"$ADMIN" --db "$WANCHUANG_TEST_DB" terminal key "$(login_of "$kiosk")" 2>&1)
rc=$?
set -e
[ $rc -eq 1 ] || fail "a revoked kiosk got a new key (exit $rc): $out"
printf '%s' "$out" | grep -q "已停用" || fail "the refusal does not say the terminal is revoked: $out"
pass "a revoked kiosk is refused at its next call and its login and key later, and it gets no new key; another kiosk of the pool goes on"

# --- a person signed in at a kiosk revoked while at work is refused too -----------
# the session's token needs no key: its row names the kiosk, which is
# checked at each call, so the person's next call is refused
third_direct=$(terminal_add kiosk $county)
third=$(shared kiosk "$third_direct")
third_key=$(key_file "$third_direct")
export WANCHUANG_TERMINAL_KEY_FILE=$third_key
start 100 30 -- --kiosk --db "$third"
expect "六安市金寨县自助服务终端"
kiosk_sign_in "$id" 583920 "您好，李*"
"$ADMIN" --db "$WANCHUANG_TEST_DB" terminal revoke "$(login_of "$third")" >/dev/null
menu_pick "我的投诉"
expect "本终端或账号无权办理此项业务"
stop_terminal
pass "a person signed in at a kiosk revoked while at work is refused at the next call"
