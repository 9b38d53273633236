#!/bin/bash
# 公开回复, in Chinese at 80×24: a provider's staff open 评价与投诉, answer
# a 2-star review (a reply too short refused, a full one sent with F2
# pressed twice); the reply shows under the review; a second reply is
# not offered; the database holds one reply and its audit row; at the
# kiosk the service's 服务评价 shows the reply under the review.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 巢湖市: no other e2e test rates there.
county=340181
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code Y)
title="创业沙龙$svc"
answer="非常抱歉，已提醒授课老师准时到场，欢迎再次预约"
sql "SELECT wc_admin.provider_add('$code', '巢湖创业服务社$svc', '$county', '巢湖市健康路1号', '吴', '0551-82000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'training', false, false, 0, false,
     '$county', '每月一次的创业沙龙。', '巢湖市创业园', '0551-82000000', 24)" >/dev/null
person=$(person_with_pin "$id" 吴晓红 13955508899 $county 583920 '{graduate}')
no=$(booking_make "$svc" "$person" completed "-2 days")
[ "$(sql "SELECT (wc.review_add(p, gen_random_uuid(), b.id, 2, '老师迟到了半小时，内容还可以', NULL, NULL)).status
     FROM wc.person p, wc.booking b WHERE p.id = $person AND b.no = '$no'")" = published ] ||
	fail "the review was not published"

staff=$(terminal_add staff)
prov=$(PROVIDER=$code staff_add provider $county 吴立 'Provide-2026')
start 80 24 -- --db "$staff"
sign_in "$prov" 'Provide-2026'
menu_pick "评价与投诉"
expect "老师迟到了半小时"
expect_bar "F2"
keys F2
expect "公开回复内容（5至500字"
expect "请填写回复内容，然后按两次F2确认。"
type_text "非常抱歉"
keys F2
expect "再按一次F2确认：公开回复。"
keys F2
expect "内容过短：至少5个字"
type_text "${answer#非常抱歉}"
[ "$(sql "SELECT count(*) FROM wc.review_reply y JOIN wc.booking b ON b.no = '$no' JOIN wc.review r ON r.booking_id = b.id AND r.id = y.review_id")" = 0 ] ||
	fail "a reply too short was written"
keys F2
keys F2
expect "已办理：公开回复。"
expect "服务商回复（"
expect "非常抱歉，已提醒授课老师准时到场"
keys F2
expect "该评价已回复，不能再次回复。"
[ "$(sql "SELECT y.body FROM wc.review_reply y JOIN wc.review r ON r.id = y.review_id JOIN wc.booking b ON b.id = r.booking_id WHERE b.no = '$no'")" = "$answer" ] ||
	fail "the reply in the database is not the one on the screen"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.review r ON a.object = r.id::text JOIN wc.booking b ON b.id = r.booking_id WHERE a.action = 'review_reply' AND b.no = '$no'")" = 1 ] ||
	fail "the reply is not in the audit log"
pass "the provider answers the review once, in public"
stop_terminal

kiosk=$(terminal_add kiosk $county)
start 80 24 -- --kiosk --db "$kiosk"
menu_pick "服务目录"
type_text "$svc"
keys Enter
expect "$title"
keys Enter
expect "服务详情"
keys F3
expect "服务评价"
expect "老师迟到了半小时"
expect "服务商回复（"
expect "已提醒授课老师准时到场"
pass "the service's reviews at the kiosk show the reply under the review"
