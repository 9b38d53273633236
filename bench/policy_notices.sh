#!/usr/bin/env bash
# bench/policy_notices.sh: what publishing a policy costs when its SMS
# notices are written with it (functions/notices.sql, wc.notice_policy).
# On a throwaway server, PEOPLE people (default 100000) are registered
# in one county (蜀山区, 340104), a third of them graduates, and three
# policies of that county are published, each timed as one call of the
# import (one transaction): one for everyone (a notice each), one for
# graduates, and one for the county's next-door district (no notice).
#
# Run from the build folder: BUILD_DIR=. ../bench/policy_notices.sh, or
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

# publish CODE REGION GROUPS: the import of one policy, timed
publish() {
	local t0 ms n
	t0=$(date +%s%N)
	sql "SELECT wc_admin.policy_import('$1', '测试政策$1', '', '测试', '$2', '2020-01-01', NULL,
	     'subsidy', 5000, '$3', '{}', NULL, NULL, NULL, NULL, '', '', true, '', '')" >/dev/null
	ms=$((($(date +%s%N) - t0) / 1000000))
	n=$(sql "SELECT count(*) FROM wc.notice n JOIN wc.policy p ON p.id = n.subject_id
	         WHERE n.kind = 'policy_new' AND p.code = '$1'")
	printf '%-34s %8s notices %7s ms\n' "$4" "$n" "$ms"
}
publish BENCH-ALL 340104 '{}' "for everyone in the county:"
publish BENCH-GRAD 340104 '{graduate}' "for the county's graduates:"
publish BENCH-NEXT 340103 '{}' "for the district next door:"
