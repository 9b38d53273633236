#!/bin/bash
# Nothing typed is lost, and what a field holds is what it shows: a field
# scrolls back after deleting; at its limit it rings and says so, typed or
# pasted; leaving a form with typed text asks first; an escape sequence
# the terminal's description does not know is not taken for Esc and
# keys; a status message leaves with the screen that set it, and a notice
# after a while. At 80x24 and at 100x30.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
user=$(staff_add counter 340223 李芳 'Nanling-2026')

bell() {
	"$TMUX_BIN" -S "$E2E_SOCK" display-message -p '#{window_bell_flag}'
}
# field_row LABEL: the screen row that holds LABEL.
field_row() {
	screen_text | grep -F -- "$1" | head -n 1
}

for size in "80 24" "100 30"; do
	stop_terminal
	start $size -- --db "$db"
	expect "工作人员登录"

	# Typed past the width of the user-name field, then deleted back to
	# four characters: the four are in sight.
	type_text "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	for i in $(seq 26); do keys BSpace; done
	sleep 0.3
	field_row "用户名" | grep -qF "一二三四" ||
		fail "$size: four characters are left in the user-name field but it shows: $(field_row 用户名)"
	keys C-u
	pass "$size: the field scrolls back after deleting"

	# At its limit (32 characters) the field rings and says so, typed
	# one by one or pasted at once; what fits is kept.
	[ "$(bell)" = 0 ] || fail "$size: a bell before the limit"
	type_text "abcdefghijklmnopqrstuvwxyz012345"
	expect "012345"
	expect_not "已达到最多"
	keys 6
	expect "已达到最多 32 个字"
	[ "$(bell)" = 1 ] || fail "$size: no bell at the limit"
	keys BSpace
	expect_gone "已达到最多 32 个字"
	keys C-u
	"$TMUX_BIN" -S "$E2E_SOCK" set-buffer "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	"$TMUX_BIN" -S "$E2E_SOCK" paste-buffer
	expect "已达到最多 32 个字"
	keys Home
	expect "ABCDEFGHIJ"
	pass "$size: a full field rings and says so, typed or pasted"
done

# The rest at 80x24, signed in as a clerk.
stop_terminal
start 80 24 -- --db "$db"
sign_in "$user" 'Nanling-2026'

# An error stays with its screen: the search's message does not follow
# the clerk to the help (F1), nor home.
keys 2
expect "查找办理人"
keys F2
expect "请填写身份证号码"
keys F1
expect "按数字键选择"
expect_not "请填写身份证号码"
keys Escape
expect "查找办理人"
keys F2
expect "请填写身份证号码"
keys Escape
expect "工作台"
expect_not "请填写身份证号码"
pass "an error leaves with its screen"

# Esc on a form with typed text asks first; any other key goes on
# editing; Esc twice leaves.
keys 2
expect "查找办理人"
type_text "340223"
keys Escape
expect "放弃已填写的内容吗？"
expect "查找办理人"
keys End
expect_gone "放弃已填写的内容吗？"
type_text "19"
expect "34022319"
keys Escape
expect "放弃已填写的内容吗？"
keys Escape
expect "工作台"
pass "leaving a form with typed text asks first"

# An escape sequence the terminal's description does not know (Ctrl-F1
# of another terminal) is dropped whole: neither Esc nor keys.
keys 2
expect "查找办理人"
type_text "3402"
expect "3402"
keys -H 1b 5b 31 3b 35 50
keys -H 1b 5b 39 39 3b 39 39 7e
sleep 0.5
expect "查找办理人"
expect_not "放弃已填写的内容吗？"
expect_not "34021"
expect_not "工作台"
type_text "23"
expect "340223"
pass "an unknown escape sequence is dropped whole"

# A notice goes after a while by itself: 已退出登录 on the sign-in screen.
keys Escape
expect "放弃已填写的内容吗？"
keys Escape
expect "工作台"
keys F10
expect "工作人员登录"
expect "已退出登录"
expect_gone "已退出登录" 15
pass "a notice goes by itself"

# 我要投诉 at a kiosk: Esc after typing a complaint asks, on the text and
# on the steps before it; Esc twice goes back one screen, to 我的服务.
county=340103
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 孙晓燕 13955506614 $county 583920)
kiosk=$(terminal_add kiosk $county)
stop_terminal
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，孙**"
menu_pick "我要投诉"
expect "提交投诉"
keys Enter
keys Enter
expect "投诉内容"
type_text "工作人员态度不好"
keys Escape
expect "放弃已填写的内容吗？"
expect "工作人员态度不好"
keys F3
expect_gone "放弃已填写的内容吗？"
keys Escape
expect "放弃已填写的内容吗？"
keys Escape
expect "我要投诉"
expect_not "提交投诉"
expect "您好，孙**"
pass "我要投诉: Esc over a typed complaint asks, then goes back one screen"

# A screen with a text field of its own (补充材料) asks the same way: the
# complaint is filed, the supervisor asks for material, the person starts
# writing it and presses Esc.
menu_pick "我要投诉"
keys Enter
keys Enter
expect "投诉内容"
type_text "平台上公布的服务商电话打不通"
keys F2
expect "平台上公布的服务商电话打不通"
keys F2
expect "投诉编号"
cid=$(sql "SELECT id FROM wc.complaint WHERE person_id = $person ORDER BY id DESC LIMIT 1")
staff=$(terminal_add staff)
super=$(staff_add supervisor 340000 吴监督 'Supervise-2026-desk')
as_staff() {
	/usr/lib/postgresql/15/bin/psql -X -A -t -q -d "$staff" -c "$1"
}
stoken=$(as_staff "SELECT token FROM api.staff_login('$super', 'Supervise-2026-desk')")
for step in "accept|" "request_info|请说明拨打的时间。"; do
	got=$(as_staff "SELECT outcome FROM api.complaint_act('$stoken', gen_random_uuid(), $cid, '${step%%|*}', '${step#*|}', NULL)")
	[ "$got" = ok ] || fail "the supervisor's ${step%%|*}: $got"
done
as_staff "SELECT api.staff_logout('$stoken')" >/dev/null
keys Escape
expect "办理完毕请点击"
menu_pick "我的投诉"
expect "[待补充材料]"
keys Enter
expect "投诉详情"
keys F2
expect "第三方监督单位请您补充："
type_text "每天上午拨打"
keys Escape
expect "放弃已填写的内容吗？"
expect "每天上午拨打"
keys Escape
expect "投诉详情"
pass "补充材料: Esc over typed material asks first"

# The kiosk's idle wipe discards without a question, by design; its
# notice on the welcome screen goes by itself.
stop_terminal
start 80 24 -- --kiosk --idle 12 --db "$kiosk"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"
expect "长时间未操作，已自动退出" 20
# back on the welcome screen (whose notes name 查询密码 too), the number gone
expect "欢迎使用安徽省创业服务云平台"
expect_not "$id"
expect_gone "长时间未操作，已自动退出" 15
pass "the idle wipe asks nothing, and its notice leaves the welcome screen"
