#!/bin/bash
# Policies and registered people: a veteran of 金寨县 with a small
# enterprise signs in at the kiosk and sees 新匹配政策 from his registered
# record; once seen they are no longer new. The county's counter opens a
# policy that fits him, finds him (masked) in 待告知名单 and marks him told.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$top_srcdir/data/policies/policies.csv" >/dev/null

# born early in 1988 (his age decides which policies fit), on a day of
# its own: make check and distcheck run this on one database
id=$(valid_id 341524 "$(printf '1988%02d%02d' $((1 + RANDOM % 3)) $((1 + RANDOM % 28)))")
opened=$(date -d '14 months ago' +%F)
mobile=$(printf '139%08d' $(( RANDOM * 1000 + RANDOM % 1000 )))
# the masks keep only a region, a check character and four digits, so other
# people of the county can share any one of them: his row is all three
row="赵\*\* +${id:0:6}\*{11}${id:17:1} +\*{7}${mobile:7:4}"
csv="$E2E_DIR/veteran.csv"
printf '身份证号,姓名,手机号,户籍地区,居住地区,人员类别,创业阶段,统一社会信用代码,主体名称,主体类型,注册日期\n%s,赵卫国,%s,金寨县,金寨县,退役军人,已创业,%s,金寨县卫国茶叶有限公司,小微企业,%s\n' \
	"$id" "$mobile" "$(valid_code 341500)" "$opened" >"$csv"
"$ADMIN" --db "$WANCHUANG_TEST_DB" import people "$csv" >/dev/null || fail "the person does not import"
# a neighbour registered after him, whom the same policy fits: the list
# shows the newest first, so his row has to be chosen, not taken
other=$(valid_id 341524 "$(printf '1990%02d%02d' $((1 + RANDOM % 12)) $((1 + RANDOM % 28)))")
printf '身份证号,姓名,手机号,户籍地区,居住地区,人员类别,创业阶段\n%s,孙立新,138%08d,金寨县,金寨县,退役军人,意向创业\n' \
	"$other" $(( RANDOM * 1000 + RANDOM % 1000 )) >"$E2E_DIR/neighbour.csv"
"$ADMIN" --db "$WANCHUANG_TEST_DB" import people "$E2E_DIR/neighbour.csv" >/dev/null ||
	fail "the neighbour does not import"
sql "UPDATE wc.person SET pin_hash = ext.crypt('258036', ext.gen_salt('bf', 8))
     WHERE id_hmac = wc.person_hmac('$id')" >/dev/null

kiosk=$(terminal_add kiosk 341524)
start 100 30 -- --kiosk --db "$kiosk"
expect "登录办理"
keys 5
expect "查询密码"
type_text "$id"; keys Tab; type_text "258036"; keys Enter
expect "您好，赵**"
expect "新匹配政策"
screen_text | grep -qE "新匹配政策 [1-9][0-9]* 项" || fail "no count of new policies"
pass "signed in: new matches from the registered record"

keys 1
expect "政策匹配结果"
expect "[新]"
expect "创业大赛获奖项目奖补"
keys Escape
expect "自上次办理以来没有新匹配的政策"
pass "seen matches are no longer new"

keys F12
expect "欢迎使用安徽省创业服务云平台"
stop_terminal

# The counter of 金寨县: the people to tell of a policy that fits him.
staff=$(terminal_add staff)
clerk=$(staff_add counter 341524 刘敏 'Jinzhai-2026')
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Jinzhai-2026'
keys 3
expect "关键词"
type_text "创业大赛获奖项目奖补"; keys Enter
expect "创业大赛获奖项目奖补"
keys Enter
expect "F6 待告知名单"
keys F6
expect "待告知名单"
expect "赵**"
screen_text | grep -qE "$row" || fail "his masked row is not on the outreach list"
screen_text | grep -qF "$id" && fail "the full ID number is on the outreach list"
pid=$(sql "SELECT id FROM wc.person WHERE id_hmac = wc.person_hmac('$id')")
select_row "$row"
keys Enter
expect "已标记为已告知"
[ "$(sql "SELECT count(*) FROM wc.policy_notice n JOIN wc.policy p ON p.id = n.policy_id
          WHERE n.person_id = $pid AND p.code = 'CN-2025-004'")" = 1 ] ||
	fail "marking told is not recorded"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'policy_told' AND object = '$pid'")" = 1 ] ||
	fail "telling is not in the audit log"
keys Escape
expect "F6 待告知名单"
keys F6
expect "待告知名单"
sleep 0.3
screen_text | grep -qE "$row" && fail "a person told is still on the list"
pass "the counter's list of people to tell, masked; marking told is recorded"

# The same person at the desk: the policies his registration fits.
keys Escape Escape Escape
expect "工作台"
keys 2
expect "查找办理人"
type_text "$id"; keys F2
expect "赵卫国"
keys Enter
expect "办理人信息"
keys 4
expect "政策匹配结果"
expect "以下结果依据该办理人的登记信息匹配"
expect "创业大赛获奖项目奖补"
pass "the counter sees the policies the person's registration fits"
