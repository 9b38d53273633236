#!/bin/bash
# The counter's desk, at 80×24 and at 100×30: a required field is not
# marked missing before the clerk typed in it or tried to go on; a number
# registered before is caught on the first page of 新办理人登记 (with the
# person's page a key away in the clerk's own county, and nothing about
# the person in another); after the PIN, set or put off, the clerk is on
# the person's page, where the voucher is issued.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add staff)
clerk=$(staff_add counter 340104 王敏 'Shushan-2026')
yaohai=$(staff_add counter 340102 李静 'Yaohai-2026')

# register_page1 ID NAME: page 1 of 新办理人登记 filled in (蜀山区, 意向创业).
register_page1() {
	type_text "$1"; keys Tab
	type_text "$2"; keys Tab
	type_text "13800001234"; keys Tab
	type_text "340104"; keys Tab
	type_text "340104"; keys Tab Tab Tab
	type_text "1"
}

for size in "80 24" "100 30"; do
	known=$(valid_id 340104 "$(random_birth)")
	person_with_pin "$known" 赵六 13800002222 340104 583920 >/dev/null

	start $size -- --db "$db"
	sign_in "$clerk" 'Shushan-2026'
	menu_pick "新办理人登记"
	expect "第1步"

	# Passing over empty fields marks nothing; a field typed in and
	# emptied is marked as it is left; going on marks every empty one.
	keys Tab Tab Tab
	expect "第1步"
	expect_not "此项为必填项"
	keys BTab
	type_text "1"; keys BSpace Tab
	expect "此项为必填项"
	[ "$(screen_text | grep -c '此项为必填项')" = 1 ] ||
		fail "fields not typed in are marked missing ($size)"
	keys F2
	expect "第1步"
	# going on marks every empty required field
	expect_lines "此项为必填项" 5
	pass "required fields marked only once typed in and emptied, or on going on ($size)"

	# A number registered before, in this county: caught on page 1, and
	# F5 opens that person's page.
	keys Escape
	expect "工作台"
	menu_pick "新办理人登记"
	expect "第1步"
	type_text "$known"; keys Tab
	expect "已登记（赵*）"
	expect "F5 打开已登记的办理人"
	keys F2
	expect "第1步"
	expect_not "第2步"
	pass "a number registered before is caught as the ID field is left ($size)"
	keys F5
	expect "办理人信息"
	expect "赵六"
	pass "F5 opens the registered person's page ($size)"
	keys Escape
	expect "工作台"

	# Registration, PIN, the person's page, the voucher.
	menu_pick "新办理人登记"
	expect "第1步"
	register_page1 "$(valid_id 340104 "$(random_birth)")" 孙七
	keys F2
	expect "第2步"
	keys F2
	expect "为孙七设置查询密码"
	keys Tab
	expect_not "此项为必填项"
	keys BTab
	type_text "135790"; keys Tab; type_text "135790"; keys F2
	expect "查询密码已设置"
	expect "办理人信息"
	expect "孙七"
	expect "已设置"
	pass "after the PIN the clerk is on the person's page ($size)"
	menu_pick "发放创业券"
	expect "可发放的创业券项目"
	keys Escape
	expect "办理人信息"
	keys Escape
	expect "工作台"
	pass "the voucher is a key away, and Esc goes home through the person's page ($size)"

	# The PIN put off (Esc): the person's page all the same.
	menu_pick "新办理人登记"
	expect "第1步"
	register_page1 "$(valid_id 340104 "$(random_birth)")" 周八
	keys F2
	expect "第2步"
	keys F2
	expect "为周八设置查询密码"
	keys Escape
	expect "办理人信息"
	expect "周八"
	expect "尚未设置"
	pass "with the PIN put off the clerk is on the person's page ($size)"
	stop_terminal

	# Another county's counter learns only that the number is registered.
	start $size -- --db "$db"
	sign_in "$yaohai" 'Yaohai-2026'
	menu_pick "新办理人登记"
	expect "第1步"
	type_text "$known"; keys Tab
	expect "已登记（不在本窗口服务范围内）"
	expect_not "赵"
	expect_not "F5 打开"
	keys F5
	expect "第1步"
	expect_not "修改登记信息"
	pass "another county's counter is told only that the number is registered ($size)"
	stop_terminal
done

# The check is a search by ID number: over the hourly cap it says so, and
# the registration goes on (saving refuses a duplicate all the same).
busy=$(staff_add counter 340104 钱多 'Busy-desk-2026')
sql "INSERT INTO wc.id_search (staff_id) SELECT s.id FROM wc.staff s, generate_series(1, wc.setting_int('id_search_per_hour')) WHERE s.username = '$busy'" >/dev/null
start 80 24 -- --db "$db"
sign_in "$busy" 'Busy-desk-2026'
menu_pick "新办理人登记"
expect "第1步"
register_page1 "$(valid_id 340104 "$(random_birth)")" 吴九
expect "查找的次数已达上限"
keys F2
expect "第2步"
pass "over the cap of searches by ID number the check says so and stops nothing"
stop_terminal
