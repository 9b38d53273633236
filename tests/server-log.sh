#!/bin/bash
# tests/server-log.sh [LOG]: the database server's log holds no secret.
#
# Run by scripts/check once every test has run against the throwaway
# server, so that every error the tests provoked is in the log. LOG is
# the server's log; without it, server.log in the socket folder named by
# host= in WANCHUANG_TEST_DB (where scripts/pg.sh puts it).
#
# Looked for, by their form rather than a list of the tests' values:
#   bcrypt hashes                 $2a$, $2b$, $2y$ and a cost
#   tokens, keys, SHA-256 hashes  64 or more hex digits in a row (session
#                                 tokens and the person keys are 32
#                                 random bytes in hex; bytea as \x…)
#   ID numbers                    18 characters whose check digit is right
#   mobile numbers                11 digits starting 13 to 19
# A finding is reported by its line number and kind, never by its text.
set -eu

log=${1:-}
if [ -z "$log" ]; then
	host=$(printf '%s\n' "${WANCHUANG_TEST_DB:-}" | sed -n 's/.*host=\([^ ]*\).*/\1/p')
	if [ -z "$host" ]; then
		echo "no server log given and WANCHUANG_TEST_DB names no host folder: skipped"
		exit 77
	fi
	log=$host/server.log
fi
[ -r "$log" ] || { echo "FAIL: cannot read the server log $log"; exit 1; }

awk '
function id_valid(s,    w, i, sum, checks) {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
	sum = 0
	for (i = 1; i <= 17; i++)
		sum += substr(s, i, 1) * w[i]
	checks = "10X98765432"
	return substr(checks, sum % 11 + 1, 1) == toupper(substr(s, 18, 1))
}
function finding(kind) {
	printf "FAIL: line %d of the server log holds %s\n", NR, kind
	found++
}
{
	line = $0
	if (line ~ /\$2[aby]\$[0-9][0-9]\$/)
		finding("a bcrypt hash")
	# runs of hex digits, of digits: a longer number is not an ID or a mobile
	# (no interval expressions: mawk has none)
	rest = line
	while (match(rest, /[0-9A-Fa-f]+/)) {
		if (RLENGTH >= 64) {
			finding("a token, a key or a hash (64 hex digits or more)")
			break
		}
		rest = substr(rest, RSTART + RLENGTH)
	}
	rest = " " line " "
	while (match(rest, /[^0-9A-Za-z][0-9]+[Xx]?[^0-9A-Za-z]/)) {
		num = substr(rest, RSTART + 1, RLENGTH - 2)
		rest = substr(rest, RSTART + RLENGTH - 1)
		if (length(num) == 18 && num ~ /^[1-8][0-9]+[0-9Xx]$/ && id_valid(num))
			finding("an ID number")
		else if (length(num) == 11 && num ~ /^1[3-9][0-9]+$/)
			finding("a mobile number")
	}
}
END {
	if (found) {
		printf "%d secret(s) in the server log; see doc/deployment.md (server log)\n", found
		exit 1
	}
	printf "PASS: no password hash, token, key, ID or mobile number in %d lines of the server log\n", NR
}' "$log"
