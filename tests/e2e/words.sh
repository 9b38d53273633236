#!/bin/bash
# Every word Chinese: the audit log names each action and each detail in
# Chinese, the supervisor's complaint page gives the booking's state in
# words, and wanchuang-admin's security report speaks Chinese too, at
# 80x24 and 100x30 (no_english in lib.sh reads the screen).
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340103
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code W)
sql "SELECT wc_admin.provider_add('$code', '庐阳创业辅导中心$svc', '$county', '合肥市庐阳区阜南路1号', '孙', '0551-65000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '创业政策辅导$svc', 'guidance', false, false, 0, false,
     '$county', '面向创业者的免费政策辅导。', '庐阳区创业服务中心1楼', '0551-65000000', 24)" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '10:00')::timestamp, 60, 10, '')")
person=$(person_with_pin "$id" 赵红梅 13955506612 "$county" 583920)

# a booking and a complaint about it, then the supervisor accepts it
kiosk=$(terminal_add kiosk $county)
ktoken=$(as_terminal "$kiosk" "SELECT token FROM api.citizen_login('$id', '583920')")
got=$(as_terminal "$kiosk" "SELECT outcome FROM api.citizen_book('$ktoken', gen_random_uuid(), $slot, NULL, NULL)")
[ "$got" = ok ] || fail "booking the service: $got"
booking=$(sql "SELECT id FROM wc.booking WHERE person_id = $person")
got=$(as_terminal "$kiosk" "SELECT outcome FROM api.citizen_complaint_file('$ktoken', gen_random_uuid(), 'booking', $booking, 'not_delivered', '约好的辅导没有按时开始。')")
[ "$got" = ok ] || fail "filing the complaint: $got"
no=$(sql "SELECT no FROM wc.complaint WHERE person_id = $person")
staff=$(terminal_add staff)
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
stoken=$(as_terminal "$staff" "SELECT token FROM api.staff_login('$sup', 'Supervise-2026')")
cid=$(sql "SELECT id FROM wc.complaint WHERE no = '$no'")
got=$(as_terminal "$staff" "SELECT outcome FROM api.complaint_act('$stoken', gen_random_uuid(), $cid, 'accept', '', NULL)")
[ "$got" = ok ] || fail "accepting the complaint: $got"

for size in "80 24" "100 30"; do
	stop_terminal
	start ${size% *} ${size#* } -- --db "$staff"
	sign_in "$sup" 'Supervise-2026'
	menu_pick "审计日志"
	expect "操作类型"
	expect "查看审计日志"
	keys Tab
	type_text "受理投诉"
	keys F2
	expect "状态：已受理"
	expect_not "查看审计日志   "
	no_english
	pass "$size: the audit log's action and detail in Chinese"
	keys Escape
	expect "工作台"
	menu_pick "投诉处理"
	keys F8
	type_text "$no"
	keys Enter
	expect "涉及事项"
	expect " · 已预约"
	no_english
	pass "$size: the complaint page names the booking's state in Chinese"
done

# --- the counter speaks of the person at the desk, by name ----------------
# 意向创业 at 金寨县: the policies' reasons describe them (该办理人…), and
# the catalogue says for whom it books.
"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$top_srcdir/data/policies/policies.csv" >/dev/null
pid=$(valid_id 341524 "$(random_birth)")
csv="$E2E_DIR/intending.csv"
printf '身份证号,姓名,手机号,户籍地区,居住地区,人员类别,创业阶段\n%s,钱文斌,139%08d,金寨县,金寨县,,意向创业\n' \
	"$pid" $(( RANDOM * 1000 + RANDOM % 1000 )) >"$csv"
"$ADMIN" --db "$WANCHUANG_TEST_DB" import people "$csv" >/dev/null || fail "the person does not import"
clerk=$(staff_add counter 341524 刘敏 'Jinzhai-2026')
for size in "80 24" "100 30"; do
	stop_terminal
	start ${size% *} ${size#* } -- --db "$staff"
	sign_in "$clerk" 'Jinzhai-2026'
	find_person "$pid" "钱文斌"
	menu_pick "该办理人符合的政策"
	expect "政策匹配结果"
	for page in 1 2 3 4 5 6; do
		expect_not "您"
		keys PgDn
		sleep 0.2
	done
	screen_text | grep -q "该办理人" || fail "the reasons do not speak of 该办理人"
	pass "$size: the counter's policy reasons speak of the person, not to them"
	keys Escape
	expect "办理人信息"
	menu_pick "代为预约服务"
	expect "正在为 钱文斌 代为预约"
	no_english
	pass "$size: the catalogue names the person it books for"
done

# --- wanchuang-admin in Chinese ------------------------------------------
# the security report's details: roles, never/last sign-in, account
# states, terminal kinds and logins in words (the headings name
# SECURITY DEFINER, search_path and the audit verify command: code)
staff_add counter 340104 王敏 'Shushan-2026' must-change >/dev/null
admin_zh security-report >/dev/null
# a row's first column is a name (a login, a user name someone tried, a
# table): data, whatever the tests running beside this one made
no_english "$(printf '%s\n' "$out" | sed -E 's/^  [^ ]+//')" \
	SECURITY DEFINER search_path audit verify head wanchuang_test
echo "$out" | grep -q "从未登录" || fail "no 从未登录 in the report: $out"
pass "the security report speaks Chinese"

# the database's refusals of an administrator's command, in Chinese (the
# program's and the options' names are code)
for cmd in "terminal add x --kind kiosk" "terminal add t_kiosk_${E2E_TAG}_1 --kind kiosk" \
	"terminal add t_staff_${E2E_TAG}_2 --kind staff --region 999999" "terminal revoke t_none_${E2E_TAG}_3" \
	"staff disable s${E2E_TAG}r4" "staff reset-password s${E2E_TAG}r5"; do
	admin_zh $cmd </dev/null >/dev/null
	[ "$rc" != 0 ] || fail "wanchuang-admin $cmd was not refused"
	no_english "$out" wanchuang admin help kiosk staff
done
printf 'short\n' | admin_zh staff add "x" --role counter --region 340104 --name 王敏 >/dev/null
no_english "$out" wanchuang admin help
printf 'Long-enough-2026\n' | admin_zh staff add "s${E2E_TAG}r6" --role supervisor --region 340104 --name 王敏 >/dev/null
no_english "$out" wanchuang admin help
pass "wanchuang-admin's refusals speak Chinese"

# an uninstalled build (run from the build tree, as scripts/demo runs it)
# finds its own translations without WANCHUANG_LOCALEDIR
bad="$E2E_DIR/people.csv"
printf '姓名,身份证号码,手机号码,户籍地,居住地,人员类别,创业阶段\n赵红梅,1234,139,340103,340103,,intending\n' >"$bad"
set +e
out=$(env -u WANCHUANG_LOCALEDIR LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$ADMIN" --db "$WANCHUANG_TEST_DB" import people "$bad" 2>&1)
set -e
no_english "$out" "$(basename "$bad")" partial
pass "an uninstalled build reports import errors in Chinese"
