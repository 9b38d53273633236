#!/bin/bash
# 政策匹配 at a kiosk of 金寨县 for someone who never had a business and
# entered no contest: a condition the matcher cannot check never counts as
# met. 创业失败再创业帮扶 (only for people whose business failed) and
# 创业大赛获奖项目奖补 (only for a prize) are policies the person may fit,
# each with its conditions to verify in full, wrapped within the width, at
# 80×24 and at 100×30, and signed in (我的政策匹配); the public services
# open to everyone fit. Each of the three matches is counted for the
# figures (政策匹配次数), in the county, with the policies found.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

shipped_policies

# the whole list, screen after screen, as the person scrolls down it
list_read() {
	local i
	for i in $(seq 70); do
		screen_text
		keys Down; sleep 0.05
	done
}

# section_of TITLE < LIST: the section whose heading comes last before
# TITLE first appears (yes, maybe, near; none if it never does)
section_of() {
	awk -v t="$1" '
		index($0, "符合条件的政策（") { s = "yes" }
		index($0, "您可能符合的政策") { s = "maybe" }
		index($0, "差一两项条件的政策") { s = "near" }
		index($0, t) { print s; found = 1; exit }
		END { if (!found) print "none" }'
}

# reason_of TITLE < LIST: the lines under TITLE's row, joined, blanks gone
reason_of() {
	awk -v t="$1" '
		n && /^[ ]*$/ { n = 0 }
		n { gsub(/^ +| +$/, ""); if (index($0, "[") == 1 || index($0, "【") == 1) n = 0; else { r = r $0; n-- } }
		index($0, t) && !done { n = 3; done = 1 }
		END { print r }'
}

# verified_may_fit WHERE < LIST: the two policies to verify are under 可能符合,
# each with its conditions to verify read in full
verified_may_fit() {
	local list t
	list=$(cat)
	for t in 创业失败再创业帮扶 创业大赛获奖项目奖补; do
		[ "$(section_of "$t" <<<"$list")" = maybe ] ||
			fail "$t is not among the policies that may fit $1 (section: $(section_of "$t" <<<"$list"))"
	done
	reason_of 创业失败再创业帮扶 <<<"$list" |
		grep -qF "需核实：创业失败，原经营主体已注销或停业；请携带证明上述条件的材料到窗口核实" ||
		fail "the conditions to verify of 创业失败再创业帮扶 are not read in full $1: $(reason_of 创业失败再创业帮扶 <<<"$list")"
	reason_of 创业大赛获奖项目奖补 <<<"$list" |
		grep -qF "需核实：在人社部门主办或认可的省、市级创业创新大赛中获奖" ||
		fail "the conditions to verify of 创业大赛获奖项目奖补 are not read in full $1: $(reason_of 创业大赛获奖项目奖补 <<<"$list")"
}

check_size() {
	local w=$1 h=$2 list
	start "$w" "$h" -- --kiosk --db "$db"
	expect "政策查询"
	keys 2
	expect "年龄或出生年份"
	# 30 years old, no group, no business registered
	type_text "30"; keys Tab Tab
	type_text "0"; keys Tab Tab
	type_text "0"; keys F2
	expect "符合条件的政策"
	list=$(list_read)
	verified_may_fit "at ${w}×$h" <<<"$list"
	[ "$(section_of "公益性创业服务" <<<"$list")" = yes ] ||
		fail "the public services open to everyone do not fit at ${w}×$h"
	stop_terminal
}

db=$(terminal_add kiosk 341524)
mark=$(sql "SELECT clock_timestamp()")
check_size 80 24
pass "at 80×24: the policies with conditions to verify may fit, each with its conditions"
check_size 100 30
pass "at 100×30: the same"

# signed in: the same from what the counter registered (no group, no
# business), on 我的政策匹配
id=$(valid_id 341524 "$(random_birth)")
person_with_pin "$id" 赵敏 13955501236 341524 246810 >/dev/null
start 80 24 -- --kiosk --db "$db"
kiosk_sign_in "$id" 246810 "您好，赵*"
menu_pick "我的政策匹配"
expect "符合条件的政策"
list=$(list_read)
verified_may_fit "the registered person" <<<"$list"
pass "signed in: the registered person's matches say the same"

matches=$(sql "SELECT count(*) FROM wc.policy_use WHERE kind = 'match' AND county_code = '341524'
     AND results > 0 AND at >= '$mark'::timestamptz")
[ "$matches" -ge 3 ] || fail "the three matches are not counted for the figures: $matches"
pass "each match counted for 政策匹配次数, in 金寨县, with what it found"
