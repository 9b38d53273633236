#!/bin/bash
# Kiosk mode: welcome with the county, no way out, idle countdown then a
# wiped welcome screen, and 结束办理.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

db=$(terminal_add kiosk 341524)
start -- --kiosk --idle 12 --db "$db"
expect "欢迎使用安徽省创业服务云平台"
expect "六安市金寨县自助服务终端"
doc_screen kiosk-welcome
expect_not "退出"
pass "welcome shows the county"

# Ctrl-C, Ctrl-Z and Ctrl-\ do nothing.
keys C-c C-z 'C-\'
sleep 0.5
[ "$(pane_dead)" = 0 ] || fail "a control key ended the kiosk program"
expect "欢迎使用安徽省创业服务云平台"
pass "no way out"

# 创业测评: the questionnaire from data/assessment, one question at a time.
keys 4
expect "创业测评"
keys Enter
expect "第 1 题 / 共 15 题"
keys 2
expect "第 2 题 / 共 15 题"
keys F12
expect "欢迎使用安徽省创业服务云平台"
pass "self-assessment opens from the welcome"

keys 6
expect "平台简介"
expect "政策信息和政务服务一律免费"
expect "F12 结束办理"
expect "长时间未操作，将在" 10
pass "idle countdown"
expect "长时间未操作，已自动退出。" 10
expect "欢迎使用安徽省创业服务云平台"
expect_not "政策信息和政务服务"
pass "idle kiosk returns to a clean welcome"

keys 6
expect "平台简介"
keys F12
expect "已结束办理，感谢您的使用。"
expect_not "政策信息和政务服务"
pass "结束办理"

# A login that is not registered as a kiosk is refused in kiosk mode.
stop_terminal
db=$(terminal_add staff)
start -- --kiosk --db "$db"
expect "本终端尚未登记为自助服务终端"
pass "unregistered kiosk refused"
