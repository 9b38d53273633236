#!/bin/bash
# 查询密码锁定, in Chinese: five wrong PINs for a number at one kiosk
# close that kiosk to the number, and the kiosk says until when and that
# another kiosk or the counter serves now; at another kiosk the owner
# signs in at once.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 张晓明 13955507789 "$county" 583920 '{graduate}')

kiosk=$(terminal_add kiosk $county)
# the smallest screen: the whole message fits its status line
start 80 24 -- --kiosk --db "$kiosk"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab
for i in 1 2 3 4; do
	type_text "000001"; keys Enter
	expect "身份证号码或查询密码不正确"
done
type_text "000001"; keys Enter
expect "输错过多"
expect "可到其他终端登录或窗口重设。"
until=$(sql "SELECT to_char((min(at) + interval '15 minutes') AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') FROM wc.pin_failure
             WHERE id_hmac = (SELECT id_hmac FROM wc.person WHERE id = $person)")
expect "本终端 $until 前暂停受理"
# the owner's right PIN is refused here too, and compared with nothing
type_text "583920"; keys Enter
expect "输错过多"
expect_not "您好，张**"
pass "five wrong PINs close this kiosk to the number and say until when"

stop_terminal
other=$(terminal_add kiosk $county)
start 100 30 -- --kiosk --db "$other"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，张**"
pass "the owner signs in at another kiosk at once"
