#!/bin/bash
# The person's choice of SMS notices at the counter: 办理人信息 shows
# 短信通知 接收; F6 switches it to 本人选择不接收 (audited, and a notice
# then due is cancelled, not sent: tests/notify/notify.sh), F6 again back.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
id=$(valid_id $county $(random_birth))
person=$(sql "SELECT wc_admin.person_import('$id', '赵丽', '13955507788', '$county', '$county',
     '{}', 'intending', NULL, NULL, NULL, NULL)")
staff=$(terminal_add staff)
clerk=$(staff_add counter $county 孙倩 'Shushan-2026-desk')
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-desk'
find_person "$id" 赵丽
expect "短信通知"
expect "接收"
expect_bar "F6 短信通知"
keys F6
expect "已按本人要求设为不接收短信通知。"
expect "本人选择不接收"
[ "$(sql "SELECT notices_off FROM wc.person WHERE id = $person")" = t ] ||
	fail "the choice is not in the database"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
          WHERE s.username = '$clerk' AND a.action = 'person_notices'
            AND a.detail->>'notices_off' = 'true'")" = 1 ] || fail "the choice is not audited"
pass "F6: the person receives no SMS notices, audited"

keys F6
expect "已恢复接收短信通知。"
expect_not "本人选择不接收"
[ "$(sql "SELECT notices_off FROM wc.person WHERE id = $person")" = f ] ||
	fail "the choice was not set back"
pass "F6 again: SMS notices again"
