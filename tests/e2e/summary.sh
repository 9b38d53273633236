#!/bin/bash
# A summary agrees with the page it opens: the kiosk home's 未完成的预约 N
# 项 is the number of 已预约 rows on 我的预约与创业券, its 最近一项 the
# soonest of them still to come (not one whose time has passed and that
# the provider has not closed yet), and its 按登记信息共符合 M 项 the count that heads
# 符合条件的政策 on the matching page it opens. At 80×24 and 100×30.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# 泾县: no other e2e test books there.
county=341823
id=$(valid_id $county $(random_birth))
code=$(valid_code $county)
svc=$(e2e_code S)
sql "SELECT wc_admin.provider_add('$code', '泾县创业服务中心$svc', '$county', '宣城市泾县城关镇1号', '汪', '0563-5000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$code', '创业培训$svc', 'training', false, false, 0, false,
     '$county', '创业培训。', '泾县创业大厦1楼', '0563-5000000', 24)" >/dev/null
person=$(person_with_pin "$id" 汪晓燕 13955507722 $county 583920 '{graduate}')
booking() {
	booking_make "$svc" "$person" "$@"
}
booking completed '-9 days' >/dev/null
booking cancelled '2 days' >/dev/null
booking booked '6 days' >/dev/null
booking booked '3 days' >/dev/null
booking booked '-3 hours' >/dev/null # its time has come, not closed yet
soonest=$(sql "SELECT to_char(sl.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
               FROM wc.booking b JOIN wc.slot sl ON sl.id = b.slot_id
              WHERE b.person_id = $person AND b.status = 'booked' AND sl.starts_at > now()
              ORDER BY sl.starts_at LIMIT 1")

kiosk=$(terminal_add kiosk $county)
# the two policy counts are read a moment apart: no test's policy for the
# whole province may come or go between them
policies_alone
for size in "80 24" "100 30"; do
	start $size -- --kiosk --db "$kiosk"
	kiosk_sign_in "$id" 583920 "您好，汪**"
	expect "未完成的预约"
	open=$(screen_text | sed -n 's/.*未完成的预约\([0-9]*\)项；最近一项：\([0-9-]* [0-9:]*\).*/\1 \2/p')
	[ -n "$open" ] || fail "no bookings summary on the home screen"
	[ "${open#* }" = "$soonest" ] || fail "the home names ${open#* } as the soonest booking, not $soonest"
	fit=$(screen_text | sed -n 's/.*按登记信息共符合 \([0-9]*\) 项.*/\1/p')
	[ -n "$fit" ] || fail "no policies summary on the home screen"

	menu_pick "我的预约与创业券"
	expect "创业培训$svc"
	# the list may be read half drawn: wait for its rows, then count
	expect "[已预约]"
	rows=$(screen_settled | grep -c -F "[已预约]" || true)
	[ "$rows" = "${open%% *}" ] ||
		fail "the home says ${open%% *} bookings not finished, 我的预约 shows $rows"
	pass "$size: the bookings summary agrees with 我的预约"

	keys Escape
	expect "未完成的预约"
	menu_pick "我的政策匹配"
	expect "符合条件的政策（"
	listed=$(screen_text | sed -n 's/.*符合条件的政策（\([0-9]*\) 项）.*/\1/p')
	[ "$listed" = "$fit" ] ||
		fail "the home says $fit policies fit, the matching page lists $listed"
	pass "$size: the policies summary agrees with the matching page"
	stop_terminal
done
policies_done

# Only the one whose time has passed is left open: counted, named as none's next.
sql "UPDATE wc.booking b SET status = 'cancelled', closed_at = now() FROM wc.slot sl
      WHERE sl.id = b.slot_id AND b.person_id = $person AND b.status = 'booked'
        AND sl.starts_at > now()" >/dev/null
start 80 24 -- --kiosk --db "$kiosk"
kiosk_sign_in "$id" 583920 "您好，汪**"
expect "未完成的预约1项，均已过预约开始时间"
expect_not "最近一项"
pass "a booking past its start is counted, and not called the next"
