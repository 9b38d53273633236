#!/usr/bin/env bash
# bench/import.sh [ROWS]: wanchuang-admin import people of a file of ROWS
# good rows (default 10000: a county's roster) on a throwaway server,
# ROUNDS=3 times, each round with people new to the database; prints the
# median time and rows per second. COMPARE=PATH names a second
# wanchuang-admin (another build) timed in the same rounds, interleaved,
# on the same server. Run from the build folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
rows=${1:-10000}
rounds=${ROUNDS:-3}
. "$top/scripts/pg.sh"
pgdir=$(pg_folder)
work=$(mktemp -d)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir" "$work"' EXIT
pg_init "$pgdir"
pg_start "$pgdir"
pg_createdb "$pgdir" wanchuang_bench
db="host=$pgdir dbname=wanchuang_bench user=postgres"
WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation" \
	"$build/wanchuang-admin" --db "$db" migrate >/dev/null
echo "people import benchmark, $rows rows, $(nproc) cores, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"

# people: file number n of valid, distinct ID numbers (a birth date per
# row, the file's number in the sequence digits), half with a company
people() {
	awk -v rows="$rows" -v n="$1" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		checks = "10X98765432"
		print "姓名,身份证号,手机号,户籍地区,居住地区,人员类别,创业阶段,统一社会信用代码,主体名称,主体类型,注册日期"
		for (i = 0; i < rows; i++) {
			day = i % 28 + 1; month = int(i / 28) % 12 + 1; year = 1960 + int(i / 336) % 45
			body = sprintf("340104%04d%02d%02d%03d", year, month, day, (n * 37 + int(i / 15120)) % 1000)
			sum = 0
			for (k = 1; k <= 17; k++) sum += substr(body, k, 1) * w[k]
			printf "测试%d,%s%s,138%08d,340104,340104,高校毕业生,意向创业,,,,\n", i, body, substr(checks, sum % 11 + 1, 1), i
		}
	}' >"$work/people$1.csv"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# time_import ADMIN N: seconds to import file N (all good: it must succeed)
time_import() {
	local start end
	start=$(date +%s.%N)
	"$1" --db "$db" import people "$work/people$2.csv" >/dev/null
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}

n=0
for r in $(seq 1 "$rounds"); do
	people $((n += 1))
	time_import "$build/wanchuang-admin" $n >>"$work/this"
	if [ -n "${COMPARE:-}" ]; then
		people $((n += 1))
		time_import "$COMPARE" $n >>"$work/other"
	fi
done
report() {
	local s
	s=$(median <"$work/$2")
	printf '%-12s median %6.2f s, %6.0f rows/s (%s)\n' "$1" "$s" "$(echo "$rows / $s" | bc -l)" \
		"$(paste -sd ' ' "$work/$2")"
}
report "this build" this
[ -z "${COMPARE:-}" ] || report "COMPARE" other
