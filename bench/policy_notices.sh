#!/usr/bin/env bash
# bench/policy_notices.sh: what a policy's SMS notices cost
# (functions/notices.sql). On a throwaway server, PEOPLE people (default
# 100000) are registered in one county (蜀山区, 340104), a third of them
# graduates, and three policies are published: one for everyone in the
# county, one for its graduates, one for the district next door. For
# each it prints how long the publication took (one call of the import,
# one transaction) and, its morning come, how many notices the claims'
# chunks wrote (wc.notice_fanout_step, as api.notice_claim calls it),
# in how many chunks, the slowest chunk and all of them together.
#
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/policy_notices.sh, or
# `make bench-policy-notices PEOPLE=100000`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
people=${PEOPLE:-100000}
. "$top/scripts/pg.sh"

pgdir=$(pg_folder)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg_init "$pgdir"
pg_start "$pgdir" ""
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
export WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation"
"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
sql() { "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -d "$admin" -c "$1"; }

# the people: the columns a registration fills, the encrypted ones
# stand-ins (nothing here decrypts them)
sql "INSERT INTO wc.person (id_hmac, id_enc, id_masked, name, birth_date, sex, mobile_hmac,
                            mobile_enc, mobile_masked, household_region, residence_region,
                            county_code, categories, stage)
     SELECT ext.digest('bench-id-' || i, 'sha256'), '\\x00', '3401**********' || i % 10000,
            '测试' || i, date '1970-01-01' + (i % 12000), CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END,
            ext.digest('bench-mobile-' || i, 'sha256'), '\\x00', '*******' || i % 10000,
            '340104', '340104', '340104',
            CASE WHEN i % 3 = 0 THEN '{graduate}'::text[] ELSE '{}' END, 'intending'
       FROM generate_series(1, $people) i"
sql "ANALYZE wc.person"
echo "$people people in 蜀山区 (340104), $(nproc) cores"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# publish CODE REGION GROUPS LABEL: one policy published, then its notices written
publish() {
	local t0 pub chunks=0 slowest=0 total=0 c n
	t0=$(now_ms)
	sql "SELECT wc_admin.policy_import('$1', '测试政策$1', '', '测试', '$2', '2020-01-01', NULL,
	     'subsidy', 5000, '$3', '{}', NULL, NULL, NULL, NULL, '', '', true, '', '')" >/dev/null
	pub=$(($(now_ms) - t0))
	sql "UPDATE wc.notice_fanout SET due_at = now() WHERE done_at IS NULL" >/dev/null
	while [ "$(sql "SELECT count(*) FROM wc.notice_fanout WHERE done_at IS NULL")" != 0 ]; do
		t0=$(now_ms)
		sql "SELECT wc.notice_fanout_step()" >/dev/null
		c=$(($(now_ms) - t0))
		chunks=$((chunks + 1)) total=$((total + c))
		[ "$c" -gt "$slowest" ] && slowest=$c
	done
	n=$(sql "SELECT count(*) FROM wc.notice n JOIN wc.policy p ON p.id = n.subject_id
	         WHERE n.kind = 'policy_new' AND p.code = '$1'")
	printf '%-30s published in %5s ms; %7s notices in %3s chunks, slowest %5s ms, all %6s ms\n' \
		"$4" "$pub" "$n" "$chunks" "$slowest" "$total"
}
publish BENCH-ALL 340104 '{}' "for everyone in the county:"
publish BENCH-GRAD 340104 '{graduate}' "for the county's graduates:"
publish BENCH-NEXT 340103 '{}' "for the district next door:"
