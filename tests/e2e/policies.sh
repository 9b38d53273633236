#!/bin/bash
# 政策查询 and 政策匹配 at a kiosk of 金寨县, in Chinese, without signing in
# (Art. 12(1), 15): search 贷款, open a result (interpretation first, then
# the conditions, then the full text), read a loan's conditions; answer
# the questionnaire and see the policies that fit and the near misses
# with the condition not met in plain words.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

shipped_policies

db=$(terminal_add kiosk 341524)
start 100 30 -- --kiosk --db "$db"
expect "政策查询"
keys 1
expect "关键词"
expect "地区：金寨县（含六安市和全省政策）"
type_text "贷款"; keys Enter
expect "个人创业担保贷款及贴息"
expect "最高50万元"
expect "皖财金〔2020〕506号"
screen_text | grep -q "合肥市" && fail "a policy of 合肥市 is listed at a kiosk of 金寨县"
pass "贷款 finds the loans of the province, none of another city"

# traditional script, as pasted or typed on a traditional input method:
# the same list, with 贷款 marked in the titles as for 贷款 typed (a mark
# starts with its own attributes: an escape sequence right before 贷款)
hits() { screen_text | sed 1d | grep -v "关键词"; }
marks() {
	"$TMUX_BIN" -S "$E2E_SOCK" capture-pane -e -p | grep -v "关键词" |
		grep -c $'\e\[[0-9;]*m贷款' || true
}
simplified=$(hits)
marked=$(marks)
[ "$marked" -gt 0 ] || fail "贷款 is not marked in the titles"
keys C-u
type_text "貸款"; keys Enter
expect "貸款"
sleep 0.5
[ "$(hits)" = "$simplified" ] || fail "貸款 does not list what 贷款 does"
[ "$(marks)" = "$marked" ] || fail "贷款 is not marked in the titles when 貸款 is typed"
pass "貸款 finds and marks what 贷款 does"

keys Enter
expect "政策解读"
expect "申请条件"
interp=$(screen_text | grep -n "政策解读" | cut -d: -f1)
conds=$(screen_text | grep -n "申请条件" | cut -d: -f1)
[ "$interp" -lt "$conds" ] || fail "the conditions come before the interpretation"
screen_text | grep -qE "第 1-[0-9]+ 行，共 [0-9]+ 行" || fail "no line count on a long policy"
keys End
sleep 0.3
screen_text | grep -qE "第 [0-9]+-([0-9]+) 行，共 \1 行" || fail "End does not reach the end of the text"
pass "a result opens: interpretation, conditions, full text"

keys Escape
expect "关键词"
keys C-u
type_text "个人创业担保贷款及贴息"; keys Enter
# the list of 贷款 gone, the new one in
expect_gone "合伙创业担保贷款"
expect "留学回国人员来皖创业服务"
# the title hit ranks above the policy that only mentions it in its text
first=$(screen_text | grep -n "个人创业担保贷款及贴息" | sed -n 2p | cut -d: -f1)
other=$(screen_text | grep -n "留学回国人员来皖创业服务" | cut -d: -f1)
[ "$first" -lt "$other" ] || fail "a body hit ranks above the title hit"
keys Enter
expect "属于以下人员之一"
expect "主体类型为以下之一：个体工商户、小微企业、农民专业合作社"
expect "登记注册满3个月"
pass "the loan's conditions as a checklist"

# hostile keywords: SQL, control characters, more than the field holds
keys Escape; keys C-u
type_text "' OR 1=1; DROP TABLE wc.policy; --"; keys Enter
expect "没有找到相关政策"
keys C-u
# (an ESC typed is the Esc key on any terminal: hostile.sh covers pasted escapes)
type_text "$(printf '贷款\a\001\177')"; keys Enter
expect "关键词"
keys C-u
type_text "$(printf '补%.0s' $(seq 80))"; keys Enter
expect "关键词"
[ "$(pane_dead)" = 0 ] || fail "the kiosk died on hostile keywords"
[ "$(sql "SELECT count(*) > 40 FROM wc.policy")" = t ] || fail "policies are gone"
pass "hostile keywords: no error but 没有找到, nothing harmed"

# an expired policy only with F5
keys C-u
type_text "试行办法"; keys Enter
expect "没有找到相关政策"
keys F5
expect "[已失效]"
pass "expired policies only when asked for"

keys F12
expect "欢迎使用安徽省创业服务云平台"
keys 2
expect "年龄或出生年份"
type_text "abc"; keys Tab
expect "请填年龄或出生年份，如35或1990"
expect "abc"
keys BTab C-u
type_text "38"; keys Tab Tab
type_text "3"; keys Tab Tab
type_text "1"; keys Tab
type_text "40"; keys F2
expect "符合条件的政策"
expect "个人创业担保贷款及贴息"
scroll_until "差一两项条件的政策"
scroll_until "需登记注册不超过36个月，您已登记注册40个月"
pass "the questionnaire: fits, and near misses with the reason"

keys F12
expect "欢迎使用安徽省创业服务云平台"
expect_not "退役军人"
pass "结束办理 leaves nothing of the answers"
