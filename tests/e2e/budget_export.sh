#!/bin/bash
# wanchuang-admin budget: each county's budget of each voucher programme
# with what was issued, held by open bookings, redeemed and left, in yuan;
# listed in Chinese, of one programme and one city's counties; written as
# CSV in GB18030 with the same figures; audited; an unknown programme or
# area refused with status 2.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

run=$(uniq)
county=341823 # 泾县: the budget here is this run's own programme's
other=341502  # 金安区: another city's county, left out of 宣城市
# a voucher of 2000 yuan from 泾县 and a booking that holds 1500 of it,
# made as the kiosk makes one: what the ledger holds is what its open
# bookings hold (the database tests check that of every voucher)
svc=$(e2e_code BX)
pcode=$(valid_code $county)
sql "SELECT wc_admin.provider_add('$pcode', '泾县创业服务中心$svc', '$county', '泾县泾川镇1号', '程', '0563-55000000')" >/dev/null
sql "SELECT wc_admin.service_add('$svc', '$pcode', '创业实训$svc', 'training', true, false, 150000, true,
     '$county', '为期两天的实训。', '泾县创业园', '0563-55000000', 24)" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('$svc', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 120, 20, '')")
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 程立新 1395552$(printf '%04d' $(( RANDOM % 10000 ))) $county 583920)
voucher_booking "$person" $county "$slot" "$svc" >/dev/null
code="P$svc"
name=电子创业券（测试）
programme=$(sql "SELECT id FROM wc.voucher_programme WHERE code = '$code'")
sql "INSERT INTO wc.voucher_budget (programme_id, county_code, total_fen, available_fen)
     VALUES ($programme, '$county', 500000, 300000), ($programme, '$other', 300000, 300000)" >/dev/null

admin_zh budget --area 宣城市 --programme "$code" >/dev/null # sets out and rc
[ "$rc" = 0 ] || fail "budget exited $rc: $out"
line="$code $name，$county 泾县：预算总额 5000，已发放 2000，已冻结 1500，核销金额 0，可发放余额 3000（元）"
[ "$out" = "$line" ] || fail "the list is not the one budget of 宣城市: $out"
admin_zh budget --programme "$code" >/dev/null
[ "$(grep -c "^$code " <<<"$out")" = 2 ] || fail "the province's list is not both counties: $out"
pass "the budgets listed with issued, held, redeemed and left, by area and programme"

admin_zh budget --programme "$code" --out "$E2E_DIR/budget.csv" >/dev/null
[ "$rc" = 0 ] || fail "budget --out exited $rc"
sheet=$(iconv -f GB18030 -t UTF-8 "$E2E_DIR/budget.csv") || fail "the sheet does not decode from GB18030"
head -1 <<<"$sheet" | grep -q "^项目代码,创业券项目,县区代码,所在县（市、区）,预算总额,已发放,已冻结,核销金额,可发放余额" ||
	fail "the sheet's heading is not as the office reads it: $(head -1 <<<"$sheet")"
grep -q "^$code,$name,$county,泾县,5000,2000,1500,0,3000" <<<"$sheet" ||
	fail "the sheet's row of 泾县 is not the budget's: $sheet"
[ "$(sql "SELECT count(*) FROM wc.audit WHERE action = 'budget_export'
     AND detail->>'programme' = '$code'")" = 3 ] || fail "each run is not audited"
pass "the sheet in GB18030 with the same figures; every run audited"

admin_zh budget --programme "NO$run" >/dev/null
[ "$rc" = 2 ] || fail "an unknown programme exited $rc, not 2"
admin_zh budget --area 999999 >/dev/null
[ "$rc" = 2 ] || fail "an unknown area exited $rc, not 2"
pass "an unknown programme or area is refused with status 2"
