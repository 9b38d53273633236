#!/bin/bash
# Every screen whole at 80x24 and 100x30: every choice of the kiosk
# welcome shows, key bars are never cut (a second row, or F1), a list's
# position line agrees with the items drawn and PgDn/End work at once,
# the audit log pages through what it loaded and is audited once per
# visit, and after 预约成功 the booking screen offers only its ways out.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

shipped_policies

# keybar_whole [KEY...]: the bottom rows hold whole keys (no "..."), and
# each KEY named shows.
keybar_whole() {
	local bar
	bar=$(screen_text | tail -n 2)
	if printf '%s\n' "$bar" | grep -qF '...'; then
		fail "the key bar is cut: ${bar//$'\n'/ | }"
	fi
	for k in "$@"; do
		printf '%s\n' "$bar" | grep -qE "(^| )$k " ||
			fail "the key bar lacks $k: ${bar//$'\n'/ | }"
	done
}

# last_hit_row: the screen row (from 0) of the last policy title drawn.
last_hit_row() {
	screen_text | awk '/^  ─/ { on = 1; next } /第 [0-9]+-[0-9]+ 项/ { on = 0 }
		on && /^  [^ ]/ { row = NR - 1 } END { print row + 0 }'
}

# list_position: "FIRST LAST TOTAL" of the position line (第 a-b 项，共 n 项).
list_position() {
	screen_text | sed -n 's/.*第 \([0-9]*\)-\([0-9]*\) 项，共 \([0-9]*\) 项.*/\1 \2 \3/p' | tail -n 1
}

# hits_drawn: the policy titles drawn between the list's rule and its
# position line (a title starts in the body's first column).
hits_drawn() {
	screen_text | awk '/^  ─/ { on = 1; next } /第 [0-9]+-[0-9]+ 项/ { on = 0 }
		on && /^  [^ ]/ { n++ } END { print n + 0 }'
}

welcome=(政策查询 政策匹配 服务目录 创业测评 登录办理 平台简介 服务商入驻公示 我要投诉 服务商入驻申请)
kiosk=$(terminal_add kiosk 341524)
for size in "80 24" "100 30"; do
	start $size -- --kiosk --db "$kiosk"
	expect "欢迎使用安徽省创业服务云平台"
	for label in "${welcome[@]}"; do
		screen_text | grep -qE "^ *[0-9]  $label " || fail "welcome at $size: $label is not shown"
	done
	cut=$(screen_text | grep -E '^ *[0-9]  ' | grep -F '...' || true)
	[ -z "$cut" ] || fail "welcome at $size: a choice's note is cut: $cut"
	keys End
	sleep 0.3
	row=$(cursor)
	screen_text | sed -n "$(( ${row#* } + 1 ))p" | grep -qF "${welcome[-1]}" ||
		fail "welcome at $size: End selects a choice not drawn"
	keybar_whole Enter F1
	pass "welcome at $size: all ${#welcome[@]} choices show"

	keys 1
	expect "关键词"
	expect "项，共"
	read -r first last total < <(list_position)
	drawn=$(hits_drawn)
	[ $(( last - first + 1 )) = "$drawn" ] ||
		fail "policies at $size: the position says $first-$last, $drawn drawn"
	keybar_whole Enter Esc PgDn PgUp F1
	pass "policies at $size: the position line counts the $drawn items drawn"
	# each hit says its kind of support and, where it has one, its 发文字号,
	# whatever the length of the list of issuers
	cut=$(screen_text | grep -E '^      [^ ]' | grep -v ' · ' || true)
	[ -z "$cut" ] || fail "policies at $size: a hit's kind of support is cut off: $cut"
	screen_text | grep -qF "人社部发〔2025〕5号" ||
		fail "policies at $size: the 发文字号 人社部发〔2025〕5号 is not shown"
	pass "policies at $size: every hit shows its 发文字号 and 扶持方式"
	screen_text | grep -qF "仅现行有效" || fail "policies at $size: the filters are cut"
	pass "policies at $size: every filter shows"

	keys NPage
	sleep 0.5
	read -r first2 last2 total2 < <(list_position)
	[ "$first2" -le $(( last + 1 )) ] && [ "$last2" -ge $(( last + 1 )) ] ||
		fail "policies at $size: PgDn from $first-$last went to $first2-$last2"
	[ $(( last2 - first2 + 1 )) = "$(hits_drawn)" ] ||
		fail "policies at $size: after PgDn the position says $first2-$last2, $(hits_drawn) drawn"
	keys Escape
	expect "欢迎使用安徽省创业服务云平台"
	keys 1
	expect "项，共"
	keys End
	sleep 0.5
	read -r first3 last3 total3 < <(list_position)
	row=$(cursor)
	[ "$last3" = "$total3" ] && [ "${row#* }" = "$(last_hit_row)" ] ||
		fail "policies at $size: End on the first page shows $first3-$last3 of $total3, the cursor on row ${row#* }"
	pass "policies at $size: PgDn and End work before any search"
	stop_terminal
done

# The audit log: more entries than the 200 fetched at a time.
db=$(terminal_add staff)
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
sup_id=$(sql "SELECT id FROM wc.staff WHERE username = '$sup'")
sql "INSERT INTO wc.audit (staff_id, action, object)
     SELECT $sup_id, 'login_failed', 'fit' || i FROM generate_series(1, 210) i" >/dev/null
views() {
	sql "SELECT count(*) FROM wc.audit WHERE staff_id = $sup_id AND action = 'audit_view'"
}
for size in "80 24" "100 30"; do
	start $size -- --db "$db"
	sign_in "$sup" 'Supervise-2026'
	before=$(views)
	menu_pick "审计日志"
	expect "查看审计日志"
	expect "项，共"
	keybar_whole F2 PgDn F1
	read -r first last total < <(list_position)
	for _ in 1 2 3; do
		keys NPage
		sleep 0.4
		expect_not "没有更早的记录"
	done
	read -r first2 last2 total2 < <(list_position)
	[ "$first2" -gt "$first" ] || fail "audit at $size: PgDn stayed at $first-$last"
	keys Home
	sleep 0.4
	read -r first3 last3 _ < <(list_position)
	[ "$first3" = 1 ] || fail "audit at $size: Home went to $first3-$last3"
	# past the 200 loaded, and back to the newest: still the same visit
	keys End
	sleep 0.4
	keys NPage
	expect "第 201-"
	keys Home
	expect "第 1-"
	keys Escape
	expect "工作台"
	[ "$(views)" = $(( before + 1 )) ] ||
		fail "audit at $size: one visit wrote $(( $(views) - before )) 查看审计日志 rows"
	pass "audit at $size: PgDn and Home page through the entries, one audit row a visit"
	stop_terminal
done

# A field's message keeps its example: 新办理人登记 at 80x24, a category
# number not listed, and the focus gone on to the next field.
clerk=$(staff_add counter 340104 王敏 'Shushan-2026')
start 80 24 -- --db "$db"
sign_in "$clerk" 'Shushan-2026'
menu_pick "新办理人登记"
expect "第1步"
keys Tab Tab Tab Tab Tab
type_text "99"
keys Tab
expect "人员类别的编号"
screen_text | grep -qF "如：2 5。" || fail "the categories' message lost its example"
pass "a field's message shows whole, its example too"
stop_terminal

# The booking screen offers each step's keys, and after 预约成功 only
# the ways out.
county=341524
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code F)
sql "SELECT wc_admin.provider_add('$code', '金寨创业指导站$svc', '$county', '金寨县梅山镇1号', '周', '0564-7000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '创业指导$svc', 'guidance', false, false, 0, false,
     '$county', '一对一创业指导。', '金寨县创业大厦', '0564-7000000', 24)" >/dev/null
sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 60, 5, '')" >/dev/null
person=$(person_with_pin "$id" 李文 13955501235 "$county" 583920 '{graduate}')
start 80 24 -- --kiosk --db "$kiosk"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，李*"
menu_pick "服务目录"
expect "服务地区"
type_text "$svc"
keys Enter
expect "创业指导$svc"
keys Enter
expect "服务详情"
keys F2
expect "第1步（共3步）"
keybar_whole Enter Esc F1
expect_not "F2 确认预约"
keys Enter
expect "第2步（共3步）"
keys Enter
expect "第3步（共3步）"
keybar_whole F2 F3 Esc
keys F2
expect "预约成功"
keybar_whole Esc
expect_not "F2 确认预约"
expect_not "F3 登记候补"
expect_not "上一步"
pass "after 预约成功 the key bar offers only the ways out"
keys F1
expect "帮助"
expect_not "确认预约"
expect_not "登记候补"
pass "after 预约成功 F1 lists only the keys that work"
