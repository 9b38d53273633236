#!/bin/bash
# The third-party supervisor's path, over a real ssh connection on
# loopback: sshd is started here with its own configuration and keys and
# runs wanchuang as the ForceCommand (as contrib/sshd_config.wanchuang
# shows). Two terminals: a kiosk and the supervisor's ssh client. A person
# files a complaint in Chinese at the kiosk; the supervisor's queue,
# already open, shows it within 2 seconds without a key being pressed. A
# complaint whose text carries escape sequences and control characters
# (sent through a kiosk's login by another client: the kiosk's own fields
# refuse control characters) shows them as visible placeholders. The
# supervisor accepts and replies, each step pressed twice; the person
# sees the reply at the kiosk and rates it, and the supervisor's open
# page shows the rating by itself.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

SSHD=${SSHD:-/usr/sbin/sshd}
if [ ! -x "$SSHD" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
	echo "SKIP: openssh-server and openssh-client are needed (scripts/setup installs them)"
	exit 77
fi

# --- the data: a person of 石台县 with a kiosk PIN, a supervisor ------------
# (a county no other test files complaints in, so the queue filtered to it
# holds only this test's complaints: those an earlier run against this
# database left open are closed first, as doc/screens/supervisor-queue.txt
# shows the queue)
county=341722
sql "UPDATE wc.complaint SET status = 'closed', due_on = NULL WHERE county_code = '$county' AND status <> 'closed'" >/dev/null
id=$(valid_id $county $(random_birth))
person=$(sql "SELECT wc_admin.person_import('$id', '周志强', '13955501234', '$county', '$county',
     '{}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
pw='Supervise-2026-ssh'
user=$(staff_add supervisor 340000 孙丽 "$pw")
staff_db=$(terminal_add staff)
kiosk_db=$(terminal_add kiosk $county)

# --- sshd on loopback ---------------------------------------------------------
. "$top_srcdir/scripts/sshd.sh"
# the ForceCommand: the program with the terminal's database login
cat >"$E2E_DIR/console" <<EOF
#!/bin/sh
exec env WANCHUANG_DB='$staff_db' PGPASSFILE='$PGPASSFILE' WANCHUANG_LOCALEDIR='$WANCHUANG_LOCALEDIR' ${E2E_VALGRIND:+valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --log-file=$E2E_VALGRIND.%p} '$WANCHUANG'
EOF
chmod 755 "$E2E_DIR/console"
# as root the account must not be locked for key sign-in without PAM
if [ "$(id -u)" = 0 ] && [ "$(getent shadow root | cut -d: -f2 | cut -c1)" = '!' ]; then
	usermod -p '*' root
fi
trap 'sshd_stop; e2e_cleanup' EXIT
sshd_start "$E2E_DIR" "$E2E_DIR/console" || { cat "$E2E_DIR/sshd.log"; fail "sshd did not start"; }

# The ssh client in the supervisor's terminal.
cmd=$(printf '%q ' ssh -tt "${SSH_ARGS[@]}")
"$TMUX_BIN" -S "$E2E_SOCK" -f /dev/null new-session -d -s sup -x 110 -y 34 "env TERM=screen-256color $cmd"
"$TMUX_BIN" -S "$E2E_SOCK" set-option -g remain-on-exit on >/dev/null
E2E_TARGET=sup
sign_in "$user" "$pw"
expect "投诉处理"
keys 1
expect "按办理时限排序"
keys F4; type_text "石台县"; keys Enter
expect "地区：石台县"

# The kiosk in its own terminal; the person signs in.
E2E_TARGET=kiosk
start 100 30 -- --kiosk --db "$kiosk_db"
expect "登录办理"
keys 5
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，周**"

# --- a complaint filed at the kiosk appears without a key press -----------------
keys 6
expect "请选择投诉对象"
expect "云平台：系统功能"
keys 2
expect "请选择投诉类别"
expect "平台使用"
keys 9
expect "请写明发生了什么"
words="自助终端上创业券余额显示与窗口告知的不一致，请核实'); DELETE FROM wc.complaint; --编号$RANDOM"
type_text "$words"
keys F2
expect "请核对以下内容"
keys F2
expect "投诉已提交。"
no=$(sql "SELECT no FROM wc.complaint WHERE person_id = $person AND body = \$t\$$words\$t\$")
case $no in TS*) ;; *) fail "the kiosk's complaint is not in the database: $no" ;; esac
E2E_TARGET=sup
expect "$no" 2
expect "平台使用"

# --- text with escapes from another client shows as placeholders ---------------
ktoken=$(as_terminal "$kiosk_db" "SELECT token FROM api.citizen_login('$id', '583920')")
[ -n "$ktoken" ] || fail "kiosk sign-in"
text="创业指导老师未按约定时间到场$(printf '\033[2J\033]0;pwned\007\001')请核查$RANDOM"
hostile=$(as_terminal "$kiosk_db" "SELECT complaint_no FROM api.citizen_complaint_file('$ktoken',
     gen_random_uuid(), 'platform', NULL, 'not_delivered', \$t\$$text\$t\$)")
case $hostile in TS*) ;; *) fail "filing: $hostile" ;; esac
expect "$hostile" 2
expect "创业指导老师未按约定时间到场^[[2J^[]0;pwned^G^A请核查"
expect_not "pwned请核查"

# --- the supervisor opens it, accepts, replies ------------------------------------
# the status filter narrows the queue; F8 opens a complaint by its number
keys F2
expect "状态：待受理"
expect "$no"
doc_screen supervisor-queue
keys F8; type_text "TS00000000000000"; keys Enter
expect "未找到该编号的投诉"
keys C-u; type_text "$no"; keys Enter
expect "投诉 $no"
expect "办理时限的计算"
keys F2
expect "选择办理环节"
keys 1
expect "附言"
keys F2
expect "再按一次F2确认：受理"
keys F2
expect "已办理：受理"
expect "[已受理]"
keys F2
expect "选择办理环节"
# 1 指派办理人, 2 答复投诉人
keys 2
expect "答复内容"
type_text "经核实，服务商已向您致歉并重新安排指导时间。"
# what is typed is only ever data
type_text "'); UPDATE wc.complaint SET status = 'closed'; --"
keys F2 F2
expect "已办理：答复投诉人"
expect "[已答复]"
expect "【答复投诉人】经核实"
doc_screen supervisor-complaint "编号${words##*编号}" "编号nnnnn"
[ "$(sql "SELECT e.body FROM wc.complaint_event e JOIN wc.complaint c ON c.id = e.complaint_id
          WHERE c.no = '$no' AND e.action = 'reply'")" = "经核实，服务商已向您致歉并重新安排指导时间。'); UPDATE wc.complaint SET status = 'closed'; --" ] ||
	fail "the reply is not stored as typed"
[ "$(sql "SELECT count(*) FROM wc.complaint WHERE status = 'submitted'")" -gt 0 ] ||
	fail "SQL typed into the reply changed the complaints"

# --- the person sees the reply at the kiosk and rates it -----------------------
E2E_TARGET=kiosk
keys Escape
expect_gone "投诉已提交。"
expect "我要投诉"
keys 5
expect "$no"
expect "[已答复]"
# newest first: the complaint with escapes, then this one
keys Down Enter
expect "投诉编号 $no"
expect "【答复】"
expect "经核实，服务商已向您致歉并重新安排指导时间。'); UPDATE"
keys F3
expect "评价答复"
keys 1
keys F2
expect "再按一次F2"
keys F2
expect "感谢您的评价。"
[ "$(sql "SELECT satisfaction FROM wc.complaint WHERE no = '$no'")" = satisfied ] ||
	fail "the rating is not in the database"
# the supervisor's open complaint shows the rating by itself
E2E_TARGET=sup
expect "对最近一次答复的评价：满意" 2
complaint=$(sql "SELECT id FROM wc.complaint WHERE no = '$no'")
got=$(as_terminal "$kiosk_db" "SELECT api.citizen_complaint_rate('$ktoken', gen_random_uuid(), $complaint, 'unsatisfied', '')")
[ "$got" = already_rated ] || fail "a second rating: $got"
screen_text
# the supervisor leaves (valgrind writes its report as the program ends)
keys F10; keys F10
pass "supervisor over ssh: a kiosk's complaint appears live, escapes shown as placeholders, accept and reply, the kiosk's rating appears live"
