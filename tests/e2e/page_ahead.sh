#!/bin/bash
# While a person reads a page of policies, the next is fetched: PgDn and
# PgUp then answer from memory. Seen here with the server gone between
# the page shown and the key: the page still turns, forward and back, to
# the hits the search gives, and nothing says the connection was lost.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=341825
tag=$(e2e_code P)
# thirty policies only this search finds, newest first: the k-th hit is 第k项
{
	printf '编号,标题,发文字号,发文机关,适用地区,生效日期,扶持方式\n'
	for k in $(seq 1 30); do
		printf '%s,创业扶持%s第%d项,旌政办〔2026〕%d号,旌德县人民政府办公室,%s,%s,资金补贴\n' \
			"A$tag$k" "$tag" "$k" "$k" "$county" "$(date -d "-$k days" +%F)"
	done
} >"$E2E_DIR/policies.csv"
"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$E2E_DIR/policies.csv" >/dev/null ||
	fail "the policies do not import"

kiosk=$(terminal_add kiosk $county)
klogin=$(printf '%s' "$kiosk" | sed -n 's/.*user=\([^ ]*\).*/\1/p')

# position: "FIRST LAST" of the position line (第 a-b 项，共 n 项; a
# search of a long word counts no further than its page: 共 n 项以上)
position() {
	screen_text | sed -n 's/.*第 \([0-9]*\)-\([0-9]*\) 项，共.*/\1 \2/p' | tail -n 1
}

# shows_hits FIRST LAST: the hits FIRST to LAST are on the screen, and no other
shows_hits() {
	local text k
	text=$(screen_text)
	for k in $(seq 1 30); do
		if [ "$k" -ge "$1" ] && [ "$k" -le "$2" ]; then
			grep -qF "创业扶持$tag第${k}项" <<<"$text" || return 1
		else
			! grep -qF "创业扶持$tag第${k}项" <<<"$text" || return 1
		fi
	done
}

start 100 30 -- --kiosk --db "$kiosk"
expect "欢迎使用安徽省创业服务云平台"
menu_pick 政策查询
expect "关键词"
type_text "$tag"
keys Enter
expect "第 1-"
read -r first last < <(position)
shows_hits 1 "$last" || fail "page 1 does not show hits 1-$last"
# the person reads; meanwhile the server goes away
sleep 1
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$klogin'" >/dev/null
keys NPage
expect "第 $(( last + 1 ))-"
read -r first2 last2 < <(position)
shows_hits "$first2" "$last2" || fail "PgDn shows other hits than $first2-$last2"
expect_not "重新连接"
keys PPage
expect "第 1-$last 项"
shows_hits 1 "$last" || fail "PgUp shows other hits than 1-$last"
expect_not "重新连接"
pass "PgDn and PgUp turn the page from memory, with the server gone meanwhile"

# the page after was asked for ahead too, on the lost connection: the
# program connected again without a word (nobody asked for anything),
# and the list goes on from the server
keys NPage
expect "第 $(( last + 1 ))-"
sleep 1
keys NPage
expect "第 $(( last2 + 1 ))-"
read -r first3 last3 < <(position)
shows_hits "$first3" "$last3" || fail "the third page shows other hits than $first3-$last3"
expect_not "重新连接"
[ "$(pane_dead)" = 0 ] || fail "the program died"
pass "work ahead on a lost connection connects again without a word, and the list goes on"
