#!/bin/bash
# 申诉与整改, in Chinese at 80×24: a provider's staff appeal a 1-star
# review in 评价与投诉 (F4, then F2 pressed twice); the supervisor's
# 申诉与整改 lists it, and F6 revokes it with the reason (F2 twice); in 评价审核 the
# supervisor requires rectification of a 2-star review (F8 twice), and
# keeps another appeal's review requiring rectification in the same step
# (F7: the reason, F2, then what to rectify, F2 twice; Esc keeps both); the
# rectification, with its last day 5 working days on, shows on both
# lists, 已超期 once its day has passed; the provider reports with F2
# (marked late), the supervisor accepts with F5 (F2 twice); the person's 我的预约
# at the kiosk says the review was revoked and why, and shows the
# provider's public reply under the other. The database holds each step
# once, and the revoked review is out of the provider's average.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 霍邱县: no other e2e test rates there.
county=341522
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code A)
n=$(( $(uniq) % 100000 ))
title="沙龙$n"
sql "SELECT wc_admin.provider_add('$code', '霍邱创业服务社$n', '$county', '霍邱县城关镇1号', '陈', '0564-6000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '$title', 'training', false, false, 0, false,
     '$county', '每月一次的创业沙龙。', '霍邱县创业园', '0564-6000000', 24)" >/dev/null
person=$(person_with_pin "$id" 陈晓兰 13955507788 $county 583920)
review() { # STARS COMMENT: a published review of a new completed booking; its id
	local no
	no=$(booking_make "$svc" "$person" completed "-2 days")
	sql "SELECT (wc.review_add(p, gen_random_uuid(), b.id, $1, '$2', NULL, NULL)).review_id
	     FROM wc.person p, wc.booking b WHERE p.id = $person AND b.no = '$no'"
}
kept=$(review 3 "签到排队太久$n")
bad=$(review 1 "无人接待$n")
poor=$(review 2 "讲得太快$n")
staff=$(terminal_add staff)
prov=$(PROVIDER=$code staff_add provider $county 陈立 'Provide-2026')
[ "$(sql "INSERT INTO wc.review_reply (review_id, staff_id, body, request_key)
     SELECT $poor, s.id, '感谢反馈，已调整授课节奏', gen_random_uuid() FROM wc.staff s
      WHERE s.username = '$prov' RETURNING review_id")" = "$poor" ] || fail "the reply was not written"
sql "INSERT INTO wc.review_appeal (review_id, staff_id, reason, request_key)
     SELECT $kept, s.id, '签到流程已按规定办理', gen_random_uuid() FROM wc.staff s
      WHERE s.username = '$prov'" >/dev/null
sup=$(staff_add supervisor 340000 监督员$n 'Supervise-2026')
due=$(sql "SELECT wc.rectification_due(wc.today())")

# the provider appeals the 1-star review, once
start 80 24 -- --db "$staff"
sign_in "$prov" 'Provide-2026'
menu_pick "评价与投诉"
expect "无人接待$n"
expect_bar "F4"
select_row "无人接待$n"
keys F4
expect "申诉理由（5至500字"
expect "请填写原因，然后按两次F2确认。"
type_text "当天"
keys F2
keys F2
expect "内容过短：至少5个字"
type_text "该用户并未到场，签到记录为空"
keys F2
expect "再按一次F2确认：申诉。"
keys F2
expect "已提交申诉，由第三方监督单位裁定"
[ "$(sql "SELECT count(*) FROM wc.review_appeal WHERE review_id = $bad")" = 1 ] ||
	fail "the appeal is not in the database"
pass "the provider appeals a review in 评价与投诉"
stop_terminal

# the supervisor revokes it, then requires rectification of the 2-star one
start 80 24 -- --db "$staff"
sign_in "$sup" 'Supervise-2026'
menu_pick "申诉与整改"
expect "申诉与整改"
select_row "申诉·待处理.*无人接待$n"
expect "申诉理由：当天该用户并未到场，签到记录为空"
keys F6
expect "撤销理由（5至500字"
type_text "经核实当天无到场记录，评价不予采信"
keys F2
expect "再按一次F2确认：撤销评价。"
keys F2
expect "已办理：撤销评价。"
[ "$(sql "SELECT status FROM wc.review WHERE id = $bad")" = taken_down ] ||
	fail "the revoked review is still public"
[ "$(sql "SELECT rating_count || '/' || rating_sum FROM wc.provider WHERE credit_code = '$code'")" = 2/5 ] ||
	fail "the revoked review still counts in the average"
# 维持 and 整改 in one step: the appeal leaves the list, its rectification
# takes its place with the last day 5 working days on
keys Home
select_row "申诉·待处理.*签到排队太久$n"
expect_bar "F7"
keybar_fits "申诉与整改 at 80x24" "$(screen_settled)"
keys F7
expect "维持理由（5至500字"
type_text "评价属实，签到确有排队"
keys F2
expect "整改要求（5至500字"
type_text "请优化签到流程"
# Esc keeps both texts: F7 reopens the requirement, F7 again goes back
# to the reason, F2 forward again
keys Escape
expect_bar "F7"
keys F7
expect "请优化签到流程"
keys F7
expect "维持理由（5至500字"
expect "评价属实，签到确有排队"
keys F2
expect "整改要求（5至500字"
expect "请优化签到流程"
keys F2
expect "再按一次F2确认：维持评价并要求整改。"
keys F2
expect "已办理：维持评价并要求整改。"
expect "整改·待提交·$due截止"
[ "$(sql "SELECT d.decision || '/' || d.reason || '/' || k.requirement || '/' || o.due_on
            FROM wc.review_appeal_decision d JOIN wc.rectification k USING (review_id)
            JOIN wc.rectification_round o ON o.rectification_id = k.id
           WHERE d.review_id = $kept")" = "keep/评价属实，签到确有排队/请优化签到流程/$due" ] ||
	fail "the appeal is not kept with its rectification in the database"
keys Escape
menu_pick "评价审核"
expect "评价审核"
keys F3
# other tests' reviews may come first: 5 rows show at 80×24
scroll_until "讲得太快$n"
# the cursor is in the 处理意见 field: the chosen review is the one whose
# service and booking show below the list
for _ in $(seq 40); do
	screen_text | grep -qF "霍邱创业服务社$n）· 预约编号" && break
	keys Down; sleep 0.2
done
expect "霍邱创业服务社$n）· 预约编号"
type_text "请核查授课节奏并整改"
keys F8
expect "再按一次F8确认：要求服务商在5个工作日内整改。"
keys F8
expect "已要求整改：服务商须在5个工作日内提交整改情况。"
keys Escape
menu_pick "申诉与整改"
scroll_until "讲得太快$n"
keys Home
select_row "整改·待提交·$due截止.*讲得太快$n"
expect "整改要求：请核查授课节奏并整改"
pass "the supervisor revokes an appeal's review, keeps another's with rectification (F7) and requires rectification (F8); the last day is 5 working days on"
stop_terminal

# past its day: 已超期 on the provider's list; the report is marked late
rect=$(sql "SELECT id FROM wc.rectification WHERE review_id = $poor")
sql "BEGIN; SET LOCAL session_replication_role = replica;
     UPDATE wc.rectification_round SET opened_on = wc.today() - 10, due_on = wc.today() - 1
      WHERE rectification_id = $rect; COMMIT" >/dev/null
start 80 24 -- --db "$staff"
sign_in "$prov" 'Provide-2026'
menu_pick "评价与投诉"
expect_bar "F5"
keys F5
expect "申诉与整改"
expect "[申诉·已撤销评价]"
select_row "整改·待提交·.*已超期.*$title"
keys F2
expect "整改情况（5至500字"
type_text "已调整课程安排，每节课留出提问时间"
keys F2
keys F2
expect "已办理：提交整改情况。"
expect "[整改·已提交]"
expect "（逾期提交）"
[ "$(sql "SELECT late FROM wc.rectification_report WHERE rectification_id = $rect")" = t ] ||
	fail "the late report is not marked late"
pass "the provider sees 已超期 and reports the rectification"
stop_terminal

start 80 24 -- --db "$staff"
sign_in "$sup" 'Supervise-2026'
menu_pick "申诉与整改"
# the list drawn before the cursor moves: two rectifications now
expect "[整改·已提交]"
keys Home
select_row "整改·已提交.*$title"
keys F5
expect "处理意见（选填"
keys F2
keys F2
expect "已办理：整改通过。"
[ "$(sql "SELECT decision FROM wc.rectification_decision WHERE rectification_id = $rect")" = accept ] ||
	fail "the acceptance is not in the database"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE object = '$rect' AND action LIKE 'rectification%'")" = 3 ] ||
	fail "the rectification's steps are not all in the audit log"
pass "the supervisor accepts the report"
stop_terminal

# the person sees the revocation and why, and the provider's reply
kiosk=$(terminal_add kiosk $county)
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，陈**"
menu_pick "我的预约与创业券"
expect "$title"
# each booking whole (Enter), the two newest: the reply under one, the
# revocation and its reason under the other
seen=""
for _ in 1 2; do
	keys Enter
	expect "预约编号"
	screen_settled >/dev/null
	seen+=$(screen_text | tr -d ' \n')
	keys Escape
	expect "我的预约"
	keys Down
done
case "$seen" in *经服务商申诉已撤销：经核实当天无到场记录*) ;; *) fail "the revocation and its reason are not shown" ;; esac
case "$seen" in *服务商回复：感谢反馈，已调整授课节奏*) ;; *) fail "the provider's reply is not shown" ;; esac
pass "the kiosk shows the person the revocation with its reason, and the provider's reply"
