#!/usr/bin/env bash
# bench/figure_months.sh: what the line of 近12个月 on 统计指标 costs the
# server. On a throwaway server, PEOPLE people (default 200000) are
# registered over the last two years across every county, then, RUNS
# times each (default 5), for the province and for one city: every
# figure's twelve months in one call (wc.figure_months, behind
# api.figure_months) against the twelve calls of a month's figures
# (wc.figures_table, behind api.figures) the screen would otherwise make,
# and the one month's figures of the table itself: what the screen waits
# for before it draws the table (the twelve months are asked for after).
# Prints the mean of each in milliseconds, the server's time only (the
# twelve calls would also cross the network twelve times).
#
# Run from the build folder (var/build): BUILD_DIR=. ../../bench/figure_months.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$PWD}
people=${PEOPLE:-200000}
runs=${RUNS:-5}
. "$top/scripts/pg.sh"

pgdir=$(pg_folder)
trap 'pg_stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg_init "$pgdir"
pg_start "$pgdir" "-c fsync=off -c synchronous_commit=off"
pg_createdb "$pgdir" wanchuang_bench
admin="host=$pgdir dbname=wanchuang_bench user=postgres"
export WANCHUANG_SQLDIR="$top/data/sql" WANCHUANG_MODERATIONDIR="$top/data/moderation"
"$build/wanchuang-admin" --db "$admin" migrate >/dev/null
psql() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$admin" "$@"; }

# people as the counters register them, the sensitive columns filled
# with stand-ins (nothing here reads them)
psql -c "
INSERT INTO wc.person (id_hmac, id_enc, id_masked, name, birth_date, sex, mobile_hmac,
	mobile_enc, mobile_masked, household_region, residence_region, county_code, stage,
	registered_at)
SELECT decode(md5('id' || i), 'hex'), decode(md5('e' || i), 'hex'), '3400**', '测试', '1990-01-01',
	'male', decode(md5('m' || i), 'hex'), decode(md5('n' || i), 'hex'), '139****0000',
	c.code, c.code, c.code, 'intending', now() - random() * interval '730 days'
  FROM generate_series(1, $people) i
  JOIN LATERAL (SELECT code FROM wc.region WHERE level = 3 AND i > 0
                 ORDER BY random() LIMIT 1) c ON true;
ANALYZE wc.person;"

for area in 340000 341500; do
	psql -c "
DO \$\$
DECLARE
	t0 timestamptz;
	one interval := '0';
	twelve interval := '0';
	tab interval := '0';
	last date := date_trunc('month', now())::date;
	n int;
BEGIN
	FOR r IN 1..$runs LOOP
		t0 := clock_timestamp();
		SELECT count(*) INTO n FROM wc.figure_months(last, '$area');
		one := one + (clock_timestamp() - t0);
		t0 := clock_timestamp();
		SELECT count(*) INTO n
		  FROM generate_series(last - interval '11 months', last, interval '1 month') g,
		       LATERAL wc.figures_table('month', g::date, '$area') f;
		twelve := twelve + (clock_timestamp() - t0);
		t0 := clock_timestamp();
		SELECT count(*) INTO n FROM wc.figures_table('month', last, '$area');
		tab := tab + (clock_timestamp() - t0);
	END LOOP;
	RAISE NOTICE 'area $area, $people people: twelve months in one call % ms, twelve calls of a month % ms, the table''s month % ms',
		round(extract(epoch FROM one) * 1000 / $runs), round(extract(epoch FROM twelve) * 1000 / $runs),
		round(extract(epoch FROM tab) * 1000 / $runs);
END
\$\$;" 2>&1 | sed 's/^.*NOTICE: *//'
done
