#!/bin/bash
# 即将超期 and 已超期 follow the complaint's time limit (its due day,
# counted in working days), never how long ago it was filed: a complaint
# filed weeks ago whose limit is far is unmarked, one filed today whose
# limit is near is 即将超期, and one whose limit has passed is 已超期, on
# 我的投诉 and on the complaint's page.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 郎溪县: no other e2e test files complaints there.
county=341821
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 周丽 13955507711 $county 583920)
# complaint FILED DUE: a complaint filed FILED days ago whose next step is
# due on the working day DUE working days from today (negative: past)
complaint() {
	local no
	no=$(sql "SELECT (wc.complaint_file(p, NULL, NULL, gen_random_uuid(), 'platform', NULL,
	           'other', '时限$1天前提交')).complaint_no FROM wc.person p WHERE p.id = $person")
	sql "UPDATE wc.complaint SET created_at = now() - interval '$1 days',
	            due_on = CASE WHEN $2 < 0 THEN wc.today() + $2 ELSE wc.workdays_after(wc.today(), $2) END
	      WHERE no = '$no'" >/dev/null
	printf '%s\n' "$no"
}
old_far=$(complaint 40 15)
new_near=$(complaint 0 1)
new_past=$(complaint 0 -1)
day() {
	sql "SELECT due_on FROM wc.complaint WHERE no = '$1'"
}

# row NO: the complaint's two rows on 我的投诉
row() {
	screen_text | grep -A1 -F -- "$1" | tail -n 1
}

kiosk=$(terminal_add kiosk $county)
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，周*"
menu_pick "我的投诉"
expect "$old_far"
expect "$new_near"
expect "$new_past"
row "$old_far" | grep -qF "$(day "$old_far")" || fail "the old complaint's due day is not shown"
row "$old_far" | grep -qF "超期" && fail "a complaint filed long ago but due far off is marked"
row "$new_near" | grep -qF "$(day "$new_near") [即将超期]" ||
	fail "a complaint filed today but due tomorrow is not marked 即将超期"
row "$new_past" | grep -qF "$(day "$new_past") [已超期]" ||
	fail "a complaint past its due day is not marked 已超期"
pass "我的投诉 marks by the due day, not the filing"

# the complaint's page says the same
menu_open() { # menu_open NO: the complaint's number key, once the list shows
	local n
	expect "] $1"
	n=$(screen_text | sed -n "s/^ *\([0-9]\)  \[[^]]*\] $1.*/\1/p" | head -n 1)
	[ -n "$n" ] || fail "no row for $1"
	keys "$n"
}
menu_open "$old_far"
expect "时限40天前提交"
expect "$(day "$old_far")"
expect_not "超期"
keys Escape
menu_open "$new_near"
expect "时限0天前提交"
expect "$(day "$new_near") [即将超期]"
pass "the complaint's page marks by the due day too"
