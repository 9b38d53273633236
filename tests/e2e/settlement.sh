#!/bin/bash
# The bureau's 资金对账 at 80x24, in Chinese: this month's money of one
# county, a provider's settlements equal to the ledger's redemptions
# counted here, no difference until one is planted (a settlement 5元 off
# its redemption, put back at the end), the rule of 异常提示 that fires on
# one person completing three bookings with one provider, shown with its
# threshold, the bookings behind it with the name masked; the export in
# GB18030 read back, audited, and the same sheet from wanchuang-admin
# report settlement.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=341824 # 绩溪县: no other test writes there
month=$(TZ=Asia/Shanghai date +%Y-%m)
run=$(date +%s%N | cut -c6-14)

# facts this month: a provider, a programme with the county's budget, one
# person with a voucher who completed three bookings with the provider,
# each redeemed and settled together as wc.booking_close does
cc=$(valid_code $county)
provider_name="绩溪对账测试$run"
sql "SELECT wc_admin.provider_add('$cc', '$provider_name', '$county', '', '王', '0563')" >/dev/null
service=$(sql "SELECT wc_admin.service_add('SE$run', '$cc', '创业指导', 'guidance', false, false,
     0, false, '$county', '', '绩溪县', '0563', 24)")
programme=$(sql "INSERT INTO wc.voucher_programme (code, name, face_fen, valid_months, categories)
     VALUES ('SP$run', '对账券${run: -3}', 100000, 12, '{guidance}') RETURNING id")
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 江德明 1395551$(printf '%04d' $(( RANDOM % 10000 ))) $county 583920)
voucher=$(sql "INSERT INTO wc.voucher (no, programme_id, person_id, county_code, face_fen,
     categories, valid_until, balance_fen) VALUES ('SV$run', $programme, $person, '$county',
     100000, '{guidance}', current_date + 300, 0) RETURNING id")
sql "SELECT wc.voucher_move($voucher, 'issue', 100000, 0, NULL, NULL)" >/dev/null
sql "INSERT INTO wc.voucher_budget (programme_id, county_code, total_fen, available_fen)
     VALUES ($programme, '$county', 500000, 400000)" >/dev/null
for n in 1 2 3; do
	booking=$(sql "WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)
	     VALUES ($service, now() - interval '$n hours', now() - interval '$n hours' + interval '30 minutes',
	     1, 1) RETURNING id)
	     INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen, voucher_id,
	     voucher_fen, closed_at) SELECT 'SB$run$n', $person, sl.id, $service, 'completed', 20000,
	     $voucher, 20000, now() FROM sl RETURNING id")
	sql "SELECT wc.voucher_move($voucher, 'hold', -20000, 20000, $booking, NULL),
	            wc.voucher_move($voucher, 'redeem', 0, -20000, $booking, NULL)" >/dev/null
	sql "INSERT INTO wc.settlement (booking_id, provider_id, voucher_id, amount_fen)
	     SELECT $booking, s.provider_id, $voucher, 20000 FROM wc.service s WHERE s.id = $service" >/dev/null
done
sql "UPDATE wc.voucher v SET balance_fen = s.a, held_fen = s.h
     FROM (SELECT sum(available_delta) AS a, sum(held_delta) AS h FROM wc.voucher_entry
            WHERE voucher_id = $voucher) s WHERE v.id = $voucher" >/dev/null

# the count, made here from the ledger
redeemed=$(sql "SELECT sum(-e.held_delta)::bigint / 100 FROM wc.voucher_entry e
     JOIN wc.booking b ON b.id = e.booking_id WHERE e.kind = 'redeem' AND b.service_id = $service")

db=$(terminal_add staff)
bureau=$(staff_add bureau 340000 吴芳 'Bureau-2026')
export WANCHUANG_EXPORT_DIR="$E2E_DIR"
start 80 24 -- --db "$db"
sign_in "$bureau" 'Bureau-2026'
menu_pick "资金对账"
expect "统计期：${month%-*}年$((10#${month#*-}))月 · 地区：安徽省"
keys F4
type_text "绩溪县"
keys Enter
expect "地区：绩溪县"
expect "服务商结算（1/4）"
scroll_until "$provider_name"
row=$(screen_text | grep -F "$provider_name" | head -n 1)
printf '%s\n' "$row" | grep -q "   3 .*$redeemed元 .*$redeemed元 .* 0元" ||
	fail "the provider's line is not 3 redemptions of $redeemed元 settled in full: $row"
expect "计算方法："
screen_check "资金对账 at 80x24"
pass "the provider's settlements equal the ledger's redemptions, at 80x24"

keys F3
expect "项目预算（2/4）"
scroll_until "对账券${run: -3}"
screen_check "项目预算 at 80x24"
keys F3
expect "差异（3/4）"
expect_not "SB${run}1"
pass "no difference on the clean money"

# one settlement 5元 off its redemption: listed, then put back
first=$(sql "SELECT id FROM wc.booking WHERE no = 'SB${run}1'")
sql "UPDATE wc.settlement SET amount_fen = amount_fen + 500 WHERE booking_id = $first" >/dev/null
keys Right Left
expect "SB${run}1"
row=$(screen_text | grep -F "SB${run}1")
printf '%s\n' "$row" | grep -q "结算金额与核销不符" || fail "the difference is not named: $row"
printf '%s\n' "$row" | grep -q "200元 *205元 *5元" || fail "the difference's amounts: $row"
sql "UPDATE wc.settlement SET amount_fen = amount_fen - 500 WHERE booking_id = $first" >/dev/null
keys Right Left
expect_gone "SB${run}1"
no_english
pass "a settlement planted 5元 off is listed with what was expected and found"

keys F3
expect "异常提示（4/4）"
scroll_until "$provider_name · 江**"
select_row "$provider_name · 江\\*\\*"
expect "3 次及以上"
row=$(screen_text | grep -F "$provider_name · 江**")
printf '%s\n' "$row" | grep -q "同一人反复完成" || fail "the rule is not named: $row"
screen_check "异常提示 at 80x24"
keys Enter
expect "预约明细"
expect "SB${run}3"
[ "$(screen_text | grep -c "SB${run}[123] .*江\*\*")" = 3 ] || fail "not the three bookings, masked"
screen_text | grep -q "江德明" && fail "the name is shown whole"
screen_check "预约明细 at 80x24"
no_english
pass "异常提示: one person's three bookings with one provider, the rule and its threshold shown, the rows masked"

keys Escape
expect "异常提示（4/4）"
keys F6
expect "已导出"
file="$E2E_DIR/资金对账-绩溪县-${month%-*}年$((10#${month#*-}))月.csv"
[ -s "$file" ] || fail "no sheet at $file"
iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1 && fail "the sheet is UTF-8, not GB18030"
sheet=$(iconv -f GB18030 -t UTF-8 "$file") || fail "the sheet does not decode from GB18030"
printf '%s\n' "$sheet" | grep -q "^服务商结算,$provider_name,3,$redeemed.00,$redeemed.00,0.00," ||
	fail "the sheet's line of the provider: $(printf '%s\n' "$sheet" | grep -F "$provider_name" | head -n 1)"
printf '%s\n' "$sheet" | grep -q "^异常提示,同一人反复完成,$provider_name · 江\*\*,3,3,," ||
	fail "the sheet's flag: $(printf '%s\n' "$sheet" | grep "^异常提示" | head -n 3)"
[ "$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id
     WHERE s.username = '$bureau' AND a.action = 'settlement_export' AND a.object = '$county'")" = 1 ] ||
	fail "the export is not audited"
pass "the export in GB18030, read back, audited"

admin_zh report settlement --period "$month" --area 绩溪县 --out "$E2E_DIR/cli.csv" >/dev/null
[ "$rc" = 0 ] || fail "report settlement: $out"
printf '%s\n' "$out" | grep -q "资金对账完成" || fail "report settlement, not in Chinese: $out"
cli=$(iconv -f GB18030 -t UTF-8 "$E2E_DIR/cli.csv") || fail "the command's sheet does not decode"
[ "$cli" = "$sheet" ] || fail "the command's sheet differs from the screen's"
admin_zh report settlement --period "$month" --area 绩溪县 --out "$E2E_DIR/cli.xlsx" >/dev/null
[ "$rc" = 0 ] && [ -s "$E2E_DIR/cli.xlsx" ] || fail "report settlement to .xlsx: $out"
# read back: the provider's line with its name as text and its money as numbers
got=$(python3 - "$top_srcdir/tests/e2e" "$E2E_DIR/cli.xlsx" "$provider_name" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import xlsx_compare
for row in xlsx_compare.cells(sys.argv[2]).values():
    if row.get(1, (None, None))[1] == sys.argv[3]:
        print(" ".join(f"{row[c][0]}:{row[c][1]}" for c in sorted(row) if c in (0, 2, 3, 4, 5)))
PY
)
[ "$got" = "s:服务商结算 n:3.0 n:$redeemed.0 n:$redeemed.0 n:0.0" ] ||
	[ "$got" = "inlineStr:服务商结算 n:3.0 n:$redeemed.0 n:$redeemed.0 n:0.0" ] ||
	fail "the workbook's line of the provider: $got"
pass "wanchuang-admin report settlement writes the same sheet, and a workbook read back"
