#!/bin/bash
# 服务商入驻, in Chinese, through four staff sessions: a counter clerk
# enters an organisation's application without its business licence; the
# operator's 初审 returns it; the clerk adds the licence and sends it
# again; the operator passes it, the supervisor's 复核 passes it, the
# bureau files it and it goes on public notice; a person at a kiosk
# objects, the supervisor dismisses the objection; when the notice has
# ended the organisation is an active provider. Every step is in the
# timeline with who took it and why. Then the operator suspends the new
# provider while the person holds a voucher-paid booking of its service:
# the kiosk shows the cancellation with the reason and the voucher whole.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=340104
code=$(valid_code $county)
org="合肥徽创财税服务有限公司$(printf '%010d' "$(uniq)")"
contact=$(valid_id 340104 $(random_birth))
id=$(valid_id $county $(random_birth))
person=$(sql "SELECT wc_admin.person_import('$id', '陈思远', '13955501234', '$county', '$county',
     '{graduate}', 'intending', NULL, NULL, NULL, NULL)")
sql "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null

staff=$(terminal_add staff)
clerk=$(staff_add counter $county 许静 'Shushan-2026-desk')
op=$(staff_add operator 340000 郑凯 'Operator-2026-desk')
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
bureau=$(staff_add bureau 340000 周涛 'Bureau-2026')

# open_application: from the queue's list, the application of $org.
open_application() {
	menu_pick "服务商入驻审核"
	expect "列表：待我办理"
	keys F3
	type_text "$org"
	keys Enter
	expect "$org"
	keys Enter
	expect "申请编号"
}

# step LABEL TEXT: take the step LABEL with its opinion, F2 twice.
step() {
	keys F2
	expect "选择办理环节（Esc：取消）："
	menu_pick "$1"
	expect "请填写意见，然后按两次F2提交。"
	type_text "$2"
	keys F2
	expect "再按一次F2确认：$1。"
	keys F2
	expect "已办理：$1。"
}

# --- the counter enters it, without the licence (on the smallest screen) --
start 80 24 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-desk'
menu_pick "服务商入驻审核"
keys F5
expect "第1步，共3步：机构信息（以营业执照为准）"
expect "业务代理"
type_text "${code,,}"; keys Tab # typed in lower case: taken in its canonical form
type_text "$org"; keys Tab
type_text "1"; keys Tab
type_text "蜀山区"; keys Tab
type_text "合肥市蜀山区长江西路188号"; keys Tab
type_text "王建国"; keys Tab
type_text "7 10"
keys F2
expect "第2步，共3步：联系人（核验身份证）与申请材料"
type_text "李晓梅"; keys Tab
type_text "$contact"; keys Tab
type_text "0551 6512 3456"; keys Tab
type_text "2 皖财代字〔2025〕第018号"
keys F2
expect "第3步，共3步：逐项确认第二十二条规定的条件"
expect "（一）遵纪守法"
expect "（四）符合云平台管理机构或运营商规定的其他条件。"
expect "补正说明"
type_text "1"; keys Tab
type_text "1"; keys Tab
type_text "0"; keys Tab
expect "申请机构确认符合本项条件后，请填写1。"
keys BTab BSpace
type_text "1"; keys Tab
type_text "1"
keys F2
expect "已提交：申请编号RZ"
expect "[待初审]"
expect "资质证书：皖财代字〔2025〕第018号"
expect "0551-65123456"
expect_not "$contact"
no=$(screen_text | sed -n 's/.*申请编号\(RZ[0-9]*\).*/\1/p' | head -n 1)
[ -n "$no" ] || fail "no application number on the screen"
[ "$(sql "SELECT credit_code || '/' || status || '/' || array_to_string(categories, ',') FROM wc.provider_application WHERE no = '$no'")" = "$code/submitted/agency,tax" ] ||
	fail "the application is not stored as entered"
pass "the counter enters an application; the contact's ID number is masked"
# the same code cannot apply twice
keys Escape
expect "列表：待我办理"
keys F5
type_text "$code"; keys Tab
type_text "另一家公司$(uniq)"; keys Tab
type_text "1"; keys Tab; type_text "蜀山区"; keys Tab; type_text "蜀山区某路1号"; keys Tab
type_text "张三"; keys Tab; type_text "3"; keys F2
type_text "张三"; keys Tab; type_text "$contact"; keys Tab; type_text "13800000000"; keys F2
for i in 1 2 3; do type_text "1"; keys Tab; done
type_text "1"; keys F2
expect "该机构已有正在办理的入驻申请，请按统一社会信用代码查找。"
expect "第1步，共3步"
pass "one application per credit code: refused, nothing typed lost"
stop_terminal

# --- the operator's 初审 returns it for the missing licence ---------------
start 100 30 -- --db "$staff"
sign_in "$op" 'Operator-2026-desk'
open_application
expect "[待初审]"
expect_bar "F2 办理"
step "退回补正" "缺少营业执照，请补充营业执照及编号"
expect "[退回补正]"
pass "the operator returns it for correction"
stop_terminal

# --- the counter adds the licence and sends it again ------------------------
start 100 30 -- --db "$staff"
sign_in "$clerk" 'Shushan-2026-desk'
open_application
expect "缺少营业执照，请补充营业执照及编号"
keys F2
menu_pick "补正后重新提交"
expect "统一社会信用代码：$code（不可修改）"
expect "合肥市蜀山区长江西路188号"
keys F2
expect "第2步，共3步"
expect "皖财代字〔2025〕第018号"
keys Tab # the ID number is typed again from the card
type_text "$contact"
keys Tab Tab Tab
type_text "1 $code"
keys F2
for i in 1 2 3 4; do type_text "1"; keys Tab; done
type_text "已补充营业执照"
keys F2
expect "已重新提交初审：申请编号$no。"
expect "营业执照：$code"
pass "the counter corrects and sends it again"
stop_terminal

# --- 初审, 复核, 备案 by three roles -------------------------------------------
start 100 30 -- --db "$staff"
sign_in "$op" 'Operator-2026-desk'
open_application
step "初审通过" "材料齐全，具备财税服务能力"
expect "[待复核]"
stop_terminal

start 100 30 -- --db "$staff"
sign_in "$sup" 'Supervise-2026'
open_application
step "复核通过" "经核查资质属实"
expect "[待备案]"
# filing is the bureau's: no step of the supervisor's is open, none offered
expect_not_bar "F2 办理"
stop_terminal

start 100 30 -- --db "$staff"
sign_in "$bureau" 'Bureau-2026'
open_application
step "备案并公示" "同意备案，予以公示"
expect "[公示中]"
expect "公示期"
until=$(sql "SELECT wc.workdays_after(wc.today(), 5)")
expect "至$until"
doc_screen bureau-application "$org" 合肥徽创财税服务有限公司##########
pass "initial review, re-review and filing by their roles; on notice until $until"
stop_terminal

# --- an objection at the kiosk; the supervisor dismisses it ---------------
kiosk=$(terminal_add kiosk $county)
start 100 30 -- --kiosk --db "$kiosk"
# anyone may read the notice at the kiosk; objecting needs signing in
menu_pick "服务商入驻公示"
expect "以下服务机构已通过审核并备案"
keys F2
expect "提出异议须以本人名义，请先登录办理。"
keys Escape
expect_gone "以下服务机构已通过审核并备案"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，陈**"
menu_pick "服务商入驻公示"
expect "以下服务机构已通过审核并备案"
keys F3
type_text "${org: -8}" # a part of the name, as a person remembers it
keys Enter
expect "含“${org: -8}”（按F3更改）"
expect "$org"
expect "法定代表人王建国 · 财税、业务代理"
keys F2
expect "对$org提出异议"
type_text "该公司曾以代办补贴为名收取费用。"
keys F2
expect "再按一次F2，提交异议。"
keys F2
expect "异议已受理，异议编号YY"
pass "a person objects at the kiosk"
stop_terminal

start 100 30 -- --db "$staff"
sign_in "$sup" 'Supervise-2026'
open_application
expect "该公司曾以代办补贴为名收取费用。"
expect "[待处理]  陈思远"
step "异议不成立" "经核实，该费用为客户自愿委托的代理记账费，不属违规收费"
expect "不成立"
pass "the supervisor dismisses the objection"
stop_terminal

# --- the notice ends: an active provider the day after --------------------
sql "UPDATE wc.provider_application SET notice_until = wc.today() - 1,
     notice_from = wc.today() - 8 WHERE no = '$no'" >/dev/null
start 100 30 -- --db "$staff"
sign_in "$op" 'Operator-2026-desk'
menu_pick "服务商入驻审核"
keys F2 F2 F2
expect "列表：已办结"
keys F3
type_text "$org"
keys Enter
expect "已入驻"
expect "$no"
keys Enter
expect "已于$(sql "SELECT wc.today()")成为服务商。"
# on_some_page TEXT: page down from the top until TEXT shows
on_some_page() {
	keys Home
	local i=0
	while ! screen_text | grep -qF -- "$1"; do
		[ $i -lt 10 ] || fail "\"$1\" is on no page"
		keys NPage
		sleep 0.1
		i=$((i + 1))
	done
}
for line in "许静（窗口工作人员）  补正后重新提交 → 待初审" "郑凯（运营商）  初审通过 → 待复核" \
	"孙丽（第三方监督）  复核通过 → 待备案" "周涛（省就业局）  备案并公示 → 公示中" \
	"孙丽（第三方监督）  异议不成立 → 公示中" "云平台  公示期满，成为服务商 → 已入驻"; do
	on_some_page "$line"
done
[ "$(sql "SELECT p.status || '/' || p.legal_rep || '/' || (SELECT string_agg(category, ',' ORDER BY category) FROM wc.provider_category c WHERE c.provider_id = p.id) FROM wc.provider p WHERE p.credit_code = '$code'")" = "active/王建国/agency,tax" ] ||
	fail "the organisation is not an active provider"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE object = '$no'")" -ge 7 ] ||
	fail "the steps are not in the audit log"
pass "after the notice the organisation is an active provider; the timeline names all four"
stop_terminal

# --- the new provider is suspended with an open booking ---------------------
# Its first service and a slot tomorrow; 陈思远 books it with a voucher of
# 1000元, holding 600元 (as the kiosk books: wc.booking_place).
svc="E2E$$O$(uniq)"
reason="经核查，该机构违规收取额外费用，暂停服务"
sql "SELECT wc_admin.service_add('$svc', '$code', '代理记账实务课$svc', 'tax', true, false, 60000,
     true, '$county', '小微企业代理记账实务。', '蜀山区长江西路188号', '0551-65123456', 24)" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 1 + time '14:00')::timestamp, 90, 10, '')")
sql "SELECT wc_admin.programme_add('P$svc', '电子创业券（测试）', 100000, 12, '{tax}', '{}', NULL, '')" >/dev/null
voucher=$(sql "INSERT INTO wc.voucher (no, programme_id, person_id, county_code, face_fen, categories,
     valid_until, balance_fen) SELECT 'Q$svc', id, $person, '$county', 100000, categories,
     current_date + 300, 0 FROM wc.voucher_programme WHERE code = 'P$svc' RETURNING id")
sql "SELECT wc.voucher_move($voucher, 'issue', 100000, 0, NULL, NULL)" >/dev/null
booking=$(sql "SELECT (wc.booking_place(p, $slot, $voucher, NULL, NULL, NULL, false)).booking_no
     FROM wc.person p WHERE p.id = $person")
[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 40000/60000 ] ||
	fail "the booking holds no voucher money"

start 100 30 -- --db "$staff"
sign_in "$op" 'Operator-2026-desk'
menu_pick "服务商管理"
expect "名称或信用代码"
type_text "$code"
keys Enter
expect "共1家服务商"
keys Enter
expect "$org  [正常服务]"
expect "未履行预约1个"
# the page shows what it was admitted with, and by which application
expect "主体类型：企业"
expect "法定代表人：王建国"
expect "服务类别：财税、业务代理"
expect "入驻申请编号：$no"
expect "入驻时间：$(sql "SELECT wc.today()")"
keys F2
menu_pick "暂停服务"
type_text "$reason"
keys F2
expect "再按一次F2确认：暂停服务。"
keys F2
expect "已办理：暂停服务。已取消未履行的预约1个，退回创业券冻结金额600元"
expect "$org  [暂停服务]"
pass "the operator suspends the new provider: its open booking cancelled, 600元 released"
stop_terminal

start 100 30 -- --kiosk --db "$kiosk"
menu_pick "登录办理"
expect "查询密码"
type_text "$id"; keys Tab; type_text "583920"; keys Enter
expect "您好，陈**"
menu_pick "我的预约与创业券"
expect "已取消：$reason"
expect "余额1000元"
expect_not "已冻结"
[ "$(sql "SELECT b.status || '/' || v.balance_fen || '/' || v.held_fen FROM wc.booking b JOIN wc.voucher v ON v.id = b.voucher_id WHERE b.no = '$booking'")" = cancelled/100000/0 ] ||
	fail "the booking is not cancelled or the voucher not whole"
pass "the person sees the cancellation and its reason at the kiosk; the voucher hold is back"
stop_terminal
