#!/bin/bash
# Nothing raw, nothing secret: what wanchuang-admin prints from the
# database, the server or a file reaches the administrator's terminal
# with its control characters made visible; a failed staff add shows no
# password hash; a password in --db is refused by both programs; the
# terminal program can leave no core dump.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

ESC=$'\e'
no_esc() { ! printf '%s' "$out" | grep -q "$ESC"; }

# A user name chosen by whoever stands at a sign-in screen, tried often
# enough to be listed by the security report.
evil="evil_${E2E_TAG}_$(uniq)"
sql "INSERT INTO wc.login_attempt (terminal, username, succeeded)
     SELECT 'e2e', chr(27) || ']0;owned' || chr(7) || chr(27) || '[2J' || chr(27) || '[31m$evil',
            false
       FROM generate_series(1, 5)" >/dev/null
admin_zh security-report >/dev/null
printf '%s' "$out" | grep -q "$evil" || fail "the tried user name is not listed: $out"
no_esc || fail "security-report printed an escape character from a user name"
printf '%s' "$out" | grep -qF '^[[2J' || fail "the user name's control characters are not shown as marks: $out"
pass "a user name tried at the sign-in reaches the report with its escapes made visible"

# A cell of an import file, echoed in the reason its row is refused.
csv="$E2E_DIR/people.csv"
{
	printf '姓名,身份证号,手机号,户籍地区,居住地区,人员类别,创业阶段\r\n'
	printf '张三,%s,13800001111,%s[2J%s]0;owned%s,340104,,意向创业\r\n' \
		"$(valid_id 340104 "$(random_birth)")" "$ESC" "$ESC" $'\a'
} >"$csv"
admin_zh import people "$csv"
printf '%s' "$out" | grep -q "第 2 行" || fail "the bad row is not reported: $out"
no_esc || fail "import echoed an escape character from a cell"
pass "an import file's cell is echoed with its escapes made visible"

# The server's own messages: a region code with an escape in it comes
# back in the primary message.
admin_zh staff add "s${E2E_TAG}x$(uniq)" --role counter --region "34${ESC}[2J" --name 测试 <<<'Qz8mWp3xLr7v'
[ $rc -ne 0 ] || fail "a staff account with a bad region was made"
no_esc || fail "a server message was printed with an escape character"
pass "the server's messages are printed with their escapes made visible"

# A staff add the table refuses (a one-letter user name): the server's
# DETAIL would show the whole row, the new password's hash with it.
admin_zh staff add k --role counter --region 340104 --name "测试${ESC}[2J" <<<'Qz8mWp3xLr7v'
[ $rc -ne 0 ] || fail "a one-letter user name was accepted"
printf '%s' "$out" | grep -q '\$2[aby]\$' && fail "the password hash is printed: $out"
printf '%s' "$out" | grep -q "用户名“k”不符合要求" || fail "the refusal does not say what is wrong with the user name: $out"
no_esc || fail "the refusal printed an escape character"
long=$(printf '名%.0s' $(seq 41))
admin_zh staff add "s${E2E_TAG}y$(uniq)" --role counter --region 340104 --name "$long" <<<'Qz8mWp3xLr7v'
[ $rc -ne 0 ] || fail "a 41-character name was accepted"
printf '%s' "$out" | grep -q '\$2[aby]\$' && fail "the password hash is printed: $out"
pass "a staff account the table refuses: no password hash in the error"

# A password in --db: every local user sees it in ps.
refused() {
	local db
	for db in "host=$E2E_DIR dbname=x user=y password=s3cret" \
		"postgresql://y:s3cret@localhost/x"; do
		set +e
		out=$(env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= WANCHUANG_LOCALEDIR="$WANCHUANG_LOCALEDIR" \
			"$1" --db "$db" "${@:2}" 2>&1 </dev/null)
		rc=$?
		set -e
		[ $rc -eq 2 ] || fail "${1##*/} took a password in --db (exit $rc): $out"
		printf '%s' "$out" | grep -q "pgpass" || fail "${1##*/} does not say where the password goes: $out"
	done
}
refused "$ADMIN" security-report
refused "$WANCHUANG"
pass "a password in --db is refused by both programs, with the way to give it"

# No core dump: the limit is 0 in the running program however the shell
# that started it was set.
ulimit -c unlimited
start -- --db "host=$E2E_DIR dbname=nothing user=nobody"
sleep 1
pid=$("$TMUX_BIN" -S "$E2E_SOCK" display-message -p '#{pane_pid}')
grep -q '^Max core file size *0 *0 ' "/proc/$pid/limits" ||
	fail "the program may dump core: $(grep '^Max core' "/proc/$pid/limits")"
pass "the terminal program leaves no core dump"

# A terminal's password never reaches the server: with every statement
# logged, the server's log holds the login's SCRAM verifier and not the
# password that terminal add prints for .pgpass.
log="$(printf '%s' "$WANCHUANG_TEST_DB" | sed -n 's/.*host=\([^ ]*\).*/\1/p')/server.log"
[ -f "$log" ] || fail "no server log at $log"
name="t_scram_${E2E_TAG}_$(uniq)"
# an administrator of its own whose every statement the server logs (the
# program sets its own connection options, so PGOPTIONS would not do)
loud="loud_${E2E_TAG}_$(uniq)"
loudpw="L$(uniq)x$(uniq)"
sql "CREATE ROLE $loud SUPERUSER LOGIN PASSWORD '$loudpw'; ALTER ROLE $loud SET log_statement = 'all'" >/dev/null
printf '*:*:*:%s:%s\n' "$loud" "$loudpw" >>"$PGPASSFILE"
set +e
made=$("$ADMIN" --db "$(printf '%s' "$WANCHUANG_TEST_DB" | sed "s/user=[^ ]*/user=$loud/")" \
	terminal add "$name" --kind staff 2>&1)
rc=$?
set -e
sql "DROP ROLE $loud" >/dev/null
[ $rc -eq 0 ] || fail "terminal add failed: $made"
pw=$(printf '%s\n' "$made" | grep -F ":$name:" | sed 's/.*:\([^:]*\)$/\1/')
[ ${#pw} -ge 16 ] || fail "no password printed for .pgpass: $made"
grep -qF "$pw" "$log" && fail "the terminal's password is in the server's log"
grep -q "SCRAM-SHA-256" "$log" || fail "the statement was not logged: the check proves nothing"
sql "SELECT 1 FROM pg_authid WHERE rolname = '$name' AND rolpassword LIKE 'SCRAM-SHA-256\$%'" | grep -q 1 ||
	fail "the login has no SCRAM verifier"
pass "a terminal's password reaches the server only as its SCRAM verifier"
