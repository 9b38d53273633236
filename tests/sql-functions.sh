#!/bin/sh
# The layout of data/sql (functions/README): migrations make no function,
# trigger or view and grant on none; each function is written in one
# function file, once; each function file says the migration it needs.
# tests/db/test_migrate.c checks that a migrated database holds what the
# files say.
set -eu
cd "$top_srcdir/data/sql"
bad=0
if grep -n -i -E '^[[:space:]]*(create[[:space:]]+(or[[:space:]]+replace[[:space:]]+)?(function|procedure|trigger|view)|(grant|revoke)[^;]*[[:space:]]on[[:space:]]+function)' \
	[0-9][0-9][0-9][0-9]_*.sql; then
	echo "FAIL: a migration above makes a function, trigger or view, or grants on one: it belongs in functions/"
	bad=1
fi
twice=$(grep -h -o -i -E '^create[[:space:]]+or[[:space:]]+replace[[:space:]]+function[[:space:]]+[a-z_]+\.[a-z_0-9]+' functions/*.sql |
	awk '{ print tolower($NF) }' | sort | uniq -d)
if [ -n "$twice" ]; then
	echo "FAIL: written more than once in functions/: $twice"
	bad=1
fi
if grep -l -i -E '^create[[:space:]]+(function|trigger|view)' functions/*.sql; then
	echo "FAIL: these function files create without OR REPLACE, so they cannot run twice"
	bad=1
fi
for f in functions/*.sql; do
	if ! sed -n '/^--/!q;p' "$f" | grep -q -E '^-- needs: [0-9]{4}$'; then
		echo "FAIL: $f does not say the migration it needs (-- needs: NNNN in its opening comment)"
		bad=1
	fi
done
[ "$bad" -eq 0 ] && echo "$(ls functions/*.sql | wc -l) function files; no migration makes a function"
exit "$bad"
