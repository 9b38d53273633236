#!/bin/bash
# The security self-check in the supervisor's console (Art. 30): a report
# made by wanchuang-admin is listed, a new one is made on screen with a
# planted leak, opened, compared with the one before (the leak added)
# and exported as a CSV file in UTF-8 with a BOM; the database keeps both
# and audits the making.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

export WANCHUANG_EXPORT_DIR=$(mktemp -d)
leak="public.leak_console_$$"
cleanup_leak() {
	sql "DROP TABLE IF EXISTS $leak" >/dev/null 2>&1 || true
	rm -rf "$WANCHUANG_EXPORT_DIR"
	e2e_cleanup
}
trap cleanup_leak EXIT

env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$ADMIN" --db "$WANCHUANG_TEST_DB" security-report >/dev/null || true
db=$(terminal_add staff)
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
start -- --db "$db"
expect "工作人员登录"
type_text "$sup"; keys Tab; type_text "Supervise-2026"; keys Enter
# the eleventh choice of the supervisor's menu has no digit
expect "安全自查"
for i in $(seq 10); do keys Down; done
keys Enter
expect "生成时间"
expect "postgres"
pass "the report made on the command line is listed"

sql "CREATE TABLE $leak (x int); GRANT SELECT ON $leak TO wc_kiosk" >/dev/null
keys F5
expect "报告已生成并存档"
expect "孙丽"
# other tests may be running beside this one, with terminals and leaks of
# their own: the counts are theirs too, and the leak is on the last page
expect "个问题"
keys Enter
expect "个必须整改的问题"
keys End
expect "leak_console_$$"
keys F6
# the comparison keeps the place on the page, and keys typed while it is
# made are dropped: back to its top until its heading shows
for i in $(seq 20); do
	screen_text | grep -q "的报告相比的变化" && break
	keys Home
	sleep 0.5
done
expect "的报告相比的变化"
keys End
expect "新增：wc_kiosk"
pass "made, opened and compared with the one before: the leak is added"

keys F7
expect "已导出到"
file=$(ls "$WANCHUANG_EXPORT_DIR"/安全自查报告-*-比对.csv)
head -c 3 "$file" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM in $file"
grep -q "leak_console_$$" "$file" || fail "the leak is not in the export: $(cat "$file")"
grep -q "新增" "$file" || fail "the change is not in the export: $(cat "$file")"
pass "exported as CSV in UTF-8 with a BOM"

made=$(sql "SELECT count(*) FROM wc.audit a JOIN wc.staff s ON s.id = a.staff_id WHERE s.username = '$sup' AND a.action = 'security_report_make'")
[ "$made" = 1 ] || fail "the making is audited $made times"
kept=$(sql "SELECT count(*) FROM wc.security_report_row w JOIN wc.security_report r ON r.id = w.report_id WHERE r.made_by = '$sup' AND w.detail LIKE '%leak_console_$$'")
[ "$kept" = 1 ] || fail "the report is not kept with its rows ($kept)"
pass "the report is kept and its making audited"
