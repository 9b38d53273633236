#!/bin/bash
# The person's choice of SMS notices at the counter, at 80×24: 办理人信息
# shows 短信通知 接收 and every kind the person receives, whole, as the
# kiosk names them; F6 switches it to 本人选择不接收 (audited, and a notice
# then due is cancelled, not sent: tests/notify/notify.sh), F6 again back.
# Then the person's own choice at a kiosk: F7 in 我的预约与创业券, at 80x24,
# audited as the person's act.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
id=$(valid_id $county $(random_birth))
person=$(sql "SELECT wc_admin.person_import('$id', '赵丽', '13955507788', '$county', '$county',
     '{}', 'intending', NULL, NULL, NULL, NULL)")
# every kind a person receives (core/notice_kinds.c), as the kiosk names them
kinds="预约成功、预约提醒、候补递补成功、创业券到期提醒、投诉答复、投诉补充材料、新政策"
staff=$(terminal_add staff)
clerk=$(staff_add counter $county 孙倩 'Shushan-2026-desk')
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-desk'
find_person "$id" 赵丽
expect "短信通知"
expect "新政策"
screen_check "the person's page at 80×24" "接收：$kinds"
shows_whole "$checked_screen" "接收：$kinds" ||
	fail "the person's page does not name every kind the person receives: $checked_screen"
expect_not "投诉转办" # a provider's, never a person's
expect_bar "F6 短信通知"
pass "the person's page names every kind of SMS the person receives, whole at 80×24"
keys F6
expect "已按本人要求设为不接收短信通知。"
expect "本人选择不接收"
expect_not "预约成功"
[ "$(sql "SELECT notices_off FROM wc.person WHERE id = $person")" = t ] ||
	fail "the choice is not in the database"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
          WHERE s.username = '$clerk' AND a.action = 'person_notices'
            AND a.detail->>'notices_off' = 'true'")" = 1 ] || fail "the choice is not audited"
pass "F6: the person receives no SMS notices, audited"

keys F6
expect "已恢复接收短信通知。"
expect_not "本人选择不接收"
expect "新政策"
[ "$(sql "SELECT notices_off FROM wc.person WHERE id = $person")" = f ] ||
	fail "the choice was not set back"
pass "F6 again: SMS notices again"

# with a record of misuse the page has one fact more: still whole at 80×24,
# every choice on screen
sql "INSERT INTO wc.person_sanction (person_id, kind, reason, days, proposed_by)
     SELECT $person, 'no_show', '多次预约后无故未到场', 30, id FROM wc.staff
      WHERE username = '$clerk'" >/dev/null
keys Escape # back to the person found, and to their page again
expect "查找办理人"
keys Enter
expect "违规记录"
expect "新政策"
screen_check "the person's page with a record of misuse at 80×24" "接收：$kinds"
shows_whole "$checked_screen" "接收：$kinds" ||
	fail "with a record of misuse the kinds are not whole: $checked_screen"
expect "9  投诉"
pass "with a record of misuse too, the kinds and every choice whole at 80×24"

# At a kiosk, the person chooses for themself.
stop_terminal
kiosk=$(terminal_add kiosk $county)
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，赵*"
menu_pick "我的预约与创业券"
expect "短信通知：已开启"
# every kind a person receives, the last too, wrapped whole at 80×24
expect "投诉补充材料、新政策；按 F7 关闭）"
shows_whole "$(screen_text)" "短信通知：已开启（$kinds；按 F7 关闭）" ||
	fail "the kiosk names other kinds than the counter: $(screen_text)"
expect_not "投诉转办"
expect_bar "F7 短信通知"
keys F7
expect "已关闭短信通知"
expect "短信通知：已关闭（按 F7 开启）"
no_english
[ "$(sql "SELECT notices_off FROM wc.person WHERE id = $person")" = t ] ||
	fail "the kiosk's choice is not in the database"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE staff_id IS NULL AND on_behalf_of = $person
          AND action = 'person_notices' AND detail->>'notices_off' = 'true'")" = 1 ] ||
	fail "the kiosk's choice is not audited as the person's"
keys F7
expect "已开启短信通知。"
expect "短信通知：已开启"
[ "$(sql "SELECT notices_off FROM wc.person WHERE id = $person")" = f ] ||
	fail "the kiosk's choice was not set back"
pass "F7 at the kiosk: the person's own choice, both ways, audited as theirs"
