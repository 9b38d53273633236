#!/bin/sh
# Every action the database writes into the audit log has a label in the
# audit log's table of words (src/core/audit_words.c): the log never shows
# a bare code such as complaint_close.
set -eu
table=${AUDIT_WORDS:-$top_srcdir/src/core/audit_words.c}
actions=$(perl "$top_srcdir/tests/audit-actions.pl" "$top_srcdir"/data/sql/functions/*.sql)
n=0 missing=0
for a in $actions; do
	n=$((n + 1))
	if ! grep -q "{ \"$a\", N_(" "$table"; then
		echo "no label for the audit action \"$a\""
		missing=$((missing + 1))
	fi
done
[ "$n" -gt 50 ] || { echo "FAIL: only $n actions found in the SQL function files"; exit 1; }
[ "$missing" -eq 0 ] || { echo "FAIL: $missing of $n audit actions have no label"; exit 1; }
echo "all $n audit actions have a label"
