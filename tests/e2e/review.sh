#!/bin/bash
# 评价, in Chinese: a person rates a completed booking at the kiosk (4
# stars, published at once) and another with a listed word (held for the
# supervisor); the service page shows the average and the review, never
# the name; a counter clerk records the person's review of a third with
# the consent; the supervisor takes the first down with a reason and
# publishes the held one; the averages change; the bureau's take-down
# report shows the original text, who and why.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 庐阳区: no other e2e test books or rates there.
county=340103
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code R)
title="创业实训课程$svc"
sql "SELECT wc_admin.provider_add('$code', '庐阳创业服务中心$svc', '$county', '合肥市庐阳区阜阳路1号', '吴', '0551-62000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'training', false, false, 0, false,
     '$county', '面向创业者的实训课程。', '庐阳区创业大厦2楼', '0551-62000000', 24)" >/dev/null
person=$(sql "SELECT wc_admin.person_import('$id', '张晓明', '13955507788', '$county', '$county',
     '{graduate}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
# two bookings served last week (the provider closed them as completed)
completed() {
	sql "WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)
	     SELECT id, now() - interval '$1 days', now() - interval '$1 days' + interval '2 hours', 1, 1
	       FROM wc.service WHERE code = '$svc' RETURNING id, service_id)
	     INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen, closed_at)
	     SELECT 'YR$$' || sl.id, $person, sl.id, sl.service_id, 'completed', 0, now() FROM sl
	     RETURNING no"
}
no_counter=$(completed 10)
no_flagged=$(completed 8)
no_good=$(completed 6)

kiosk=$(terminal_add kiosk $county)
start 100 30 -- --kiosk --db "$kiosk"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，张**"
menu_pick "我的预约与创业券"
expect "$no_good"
expect "按F5评价"
keys F5
expect "评价本次服务"
expect "1 非常不满意"
expect "5 非常满意"
keys F2
expect "请先选择星级（1至5星）。"
keys 4
keys Enter
type_text "老师讲解很细致，实操环节收获很大。"
expect "选填，已输入17字（最多300字）"
keys F2
expect "感谢您的评价！评价已公开。"
expect "预约编号$no_good · 已评价4星（满意）"
[ "$(sql "SELECT r.stars || '/' || r.status FROM wc.review r JOIN wc.booking b ON b.id = r.booking_id WHERE b.no = '$no_good'")" = 4/published ] ||
	fail "the review is not published in the database"
pass "rated 4 stars at the kiosk, published"

# the other booking, with a word of the list (spaced out): held, not published
keys Down
keys F5
expect "评价本次服务"
keys 1
keys Tab
type_text "想要课程资料的可以加 微 信，私聊发给你。"
keys F2
expect "感谢您的评价！评价已提交，审核通过后公开。"
expect "预约编号$no_flagged · 已评价1星（非常不满意），审核后公开"
[ "$(sql "SELECT r.status || '/' || array_to_string(r.hits, ',') FROM wc.review r JOIN wc.booking b ON b.id = r.booking_id WHERE b.no = '$no_flagged'")" = held/加微信 ] ||
	fail "the review with a listed word is not held"
# rated once: the key bar no longer offers F5 on it, and F5 opens nothing
screen_text | tail -n 2 | grep -qF "F5 评价" && fail "F5 评价 is offered on a rated booking"
keys F5
sleep 0.3
expect_not "评价本次服务"
pass "a review with a listed word is held for checking; rated once only"

# the service page: the average, the published review, never the name
keys Escape
expect "我的办理"
menu_pick "服务目录"
expect "服务地区：庐阳区"
type_text "$svc"
keys Enter
expect "$title"
keys Enter
expect "服务详情"
expect "本服务4.0分（1条评价）；服务商4.0分（1条评价）"
expect "最新评价（按F3查看全部）"
expect "4星（满意）  老师讲解很细致"
expect_not "加 微 信"
expect_not "张晓明"
expect_not "张**"
keys F3
expect "服务评价"
expect "老师讲解很细致，实操环节收获很大。"
expect_not "张**"
pass "the service page shows the average and the review, without the name"
stop_terminal

# At the counter, a clerk of the county records the person's review of the
# third booking, with the consent.
staff=$(terminal_add staff)
clerk=$(staff_add counter $county 吴敏 'Luyang-2026-desk')
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Luyang-2026-desk'
menu_pick "查找办理人"
type_text "$id"
keys F2
expect "张晓明"
keys Enter
expect "办理人信息"
menu_pick "创业券与预约"
expect "$no_counter"
expect "按F5评价  $title"
keys Down Down # newest first: the third of the person's bookings
keys F5
expect "评价本次服务"
keys 5
keys Tab
type_text "窗口代为录入：课程安排合理。"
keys F2
expect "请记录本人如何同意。"
type_text "本人口述，窗口代为录入"
keys F2
expect "感谢您的评价！评价已公开。"
expect "预约编号$no_counter · 已评价5星（非常满意）"
[ "$(sql "SELECT r.consent || '/' || st.username FROM wc.review r JOIN wc.booking b ON b.id = r.booking_id JOIN wc.staff st ON st.id = r.staff_id WHERE b.no = '$no_counter'")" = "本人口述，窗口代为录入/$clerk" ] ||
	fail "the counter's review is not recorded with the consent and the clerk"
pass "the counter records a review for the person, with the consent"
stop_terminal

# The supervisor takes the published review down, and publishes the held one.
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
start 100 30 -- --db "$staff"
sign_in "$sup" 'Supervise-2026'
menu_pick "评价审核"
expect "待审核"
# find_review NO: move down the list until the chosen review is that
# booking's (only the chosen one's booking number is on the screen)
find_review() {
	local i=0
	while ! screen_text | grep -qF "$1"; do
		[ $i -lt 200 ] || fail "review of $1 not found in the list"
		keys Down
		sleep 0.05
		i=$((i + 1))
	done
}
find_review "$no_flagged"
expect "审核原因：含有加微信"
keys F5
expect "再按一次F5，确认公开该评价。"
keys F5
expect "已公开：该评价已在服务页面显示并计入评分。"
[ "$(sql "SELECT r.status FROM wc.review r JOIN wc.booking b ON b.id = r.booking_id WHERE b.no = '$no_flagged'")" = published ] ||
	fail "the held review is not published"
pass "the supervisor publishes a held review"

keys F3
expect "差评待核实"
keys F3
expect "已公开评价"
find_review "$no_good"
expect "老师讲解很细致，实操环节收获很大。"
keys F6
expect "请填写下架原因，该原因将报送省就业局。"
type_text "经核实，评价人未实际参加该课程"
keys F6
expect "再按一次F6，确认下架该评价。"
keys F6
expect "已下架"
[ "$(sql "SELECT r.status || '/' || s.rating_sum || '/' || s.rating_count FROM wc.review r JOIN wc.booking b ON b.id = r.booking_id JOIN wc.service s ON s.id = r.service_id WHERE b.no = '$no_good'")" = taken_down/6/2 ] ||
	fail "the review is not taken down, or the service's sums are wrong"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'review_take_down' AND object = '$no_good'")" = 1 ] ||
	fail "the take-down is not in the audit log"
pass "the supervisor takes a review down with the reason: out of the averages, audited"
stop_terminal

# The bureau's report: when, what, the original text, who, why.
bureau=$(staff_add bureau 340000 周涛 'Bureau-2026')
start 100 30 -- --db "$staff"
sign_in "$bureau" 'Bureau-2026'
menu_pick "评价下架报告"
expect "$title"
i=0
while ! screen_text | grep -qF "$no_good"; do
	[ $i -lt 200 ] || fail "the take-down of $no_good is not in the report"
	keys Down
	sleep 0.05
	i=$((i + 1))
done
expect "下架人：孙丽，第三方监督"
expect "老师讲解很细致，实操环节收获很大。"
expect "经核实，评价人未实际参加该课程"
expect "下架前已公开"
pass "the bureau's report shows the take-down"
stop_terminal

# At the kiosk the taken-down review is gone and the average changed.
start 100 30 -- --kiosk --db "$kiosk"
menu_pick "服务目录"
type_text "$svc"
keys Enter
expect "$title"
keys Enter
expect "本服务3.0分（2条评价）"
expect_not "老师讲解很细致"
pass "the service page no longer shows the taken-down review"
