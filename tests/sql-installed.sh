#!/bin/sh
# Every migration and function file is installed: wanchuang-admin migrate
# reads them from $(pkgdatadir)/sql, where only the files dist_sql_DATA
# and dist_sqlfunctions_DATA name arrive, and the other tests read data/sql
# from the source tree, so a file missing from the lists would pass them
# and stop an installed server short.
set -eu
missing=0
for f in $(cd "$top_srcdir" && ls data/sql/*.sql data/sql/rewritten.txt data/sql/functions/*.sql); do
	if ! grep -q "^[[:space:]]*$f[[:space:]\\\\]*\$" "$top_srcdir/Makefile.am"; then
		echo "FAIL: $f is not in dist_sql_DATA or dist_sqlfunctions_DATA (Makefile.am)"
		missing=1
	fi
done
[ "$missing" -eq 0 ] && echo "every migration and function file in data/sql is installed"
exit "$missing"
