#!/bin/bash
# 统计指标's line of 近12个月 comes after the table: the figures of a period
# are drawn as soon as they are counted, and the twelve months (the
# slower call) are asked for once no key waits, so turning back six
# months with ← pressed quickly asks for the figures six times and the
# months fewer. Counted by the server (track_functions for this
# database): api.figures and api.figure_months calls during the session.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

dbname=$(sql "SELECT current_database()")
sql "ALTER DATABASE \"$dbname\" SET track_functions = 'pl'" >/dev/null
calls() {
	sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions
	     WHERE schemaname = 'api' AND funcname = '$1'"
}
figures0=$(calls figures)
months0=$(calls figure_months)

db=$(terminal_add staff)
bureau=$(staff_add bureau 340000 吴芳 'Bureau-2026')
back=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-15) -6 months" +%Y年%-m月)

start 80 24 -- --db "$db"
sign_in "$bureau" 'Bureau-2026'
menu_pick "统计指标"
expect "近12个月（"
keys Left Left Left Left Left Left
expect "统计期：$back"
expect "至$back）"
no_english
pass "the figures of six months back, then their twelve months"
stop_terminal

# a session's counts reach the statistics when its connection ends
for i in $(seq $(( 100 * ${E2E_SLOW:-1} ))); do
	[ $(( $(calls figures) - figures0 )) -ge 7 ] && break
	sleep 0.1
done
figures=$(( $(calls figures) - figures0 ))
months=$(( $(calls figure_months) - months0 ))
sql "ALTER DATABASE \"$dbname\" RESET track_functions" >/dev/null
[ "$figures" -ge 7 ] || fail "api.figures called $figures times for 7 periods"
[ "$months" -ge 1 ] || fail "the twelve months never asked for"
[ "$months" -lt "$figures" ] ||
	fail "the twelve months asked for with every period's figures: $months of $figures calls"
pass "the twelve months asked for once no key waits: $months calls for $figures periods"
