#!/bin/bash
# wanchuang-admin audit verify: the audit chain (migration 0030) holds on
# an untouched log, and each way a superuser can tamper with the table is
# found and named, with exit status 1: a row edited, a row deleted, the
# table emptied (against the head a security report filed), rows
# reordered, the table replaced by a copy, the whole chain recomputed
# (against the filed head), a row taken out of its place.
#
# The tampering happens in databases of its own (copies of one migrated
# here), never in the shared test database the other tests write to.
set -eu
: "${top_builddir:?run through make check}"
if [ -z "${WANCHUANG_TEST_DB:-}" ]; then
	echo "WANCHUANG_TEST_DB is not set: run scripts/check"
	exit 77
fi
ADMIN=$top_builddir/wanchuang-admin
# the messages as written (one case below reads the Chinese)
export LC_ALL=C.UTF-8 LANGUAGE=
PSQL=/usr/lib/postgresql/15/bin/psql
base="wc_auditchain_$$_$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')"
made=()

fail() {
	echo "FAIL: $*"
	exit 1
}
pass() { echo "ok: $*"; }
# on DB SQL: run SQL as the administrator in database DB
on() { "$PSQL" -X -A -t -q -v ON_ERROR_STOP=1 -d "$WANCHUANG_TEST_DB dbname=$1" -c "$2"; }
admin_in() { local db=$1; shift; "$ADMIN" --db "$WANCHUANG_TEST_DB dbname=$db" "$@"; }
cleanup() {
	for db in "${made[@]}"; do
		"$PSQL" -X -q -d "$WANCHUANG_TEST_DB" -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
	done
}
trap cleanup EXIT

# copy NAME: a new database NAME holding the untouched chain
copy() {
	"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$WANCHUANG_TEST_DB" \
		-c "CREATE DATABASE \"$1\" TEMPLATE \"$base\"" \
		-c "REVOKE CONNECT, TEMPORARY ON DATABASE \"$1\" FROM PUBLIC, wc_kiosk, wc_staff" >/dev/null
	made+=("$1")
}

# broken DB EXPECT [ARGS]: audit verify in DB exits 1 and prints EXPECT
broken() {
	local db=$1 want=$2 out rc
	shift 2
	set +e
	out=$(admin_in "$db" audit verify "$@" 2>&1)
	rc=$?
	set -e
	[ $rc -eq 1 ] || fail "$db: exit $rc, not 1: $out"
	echo "$out" | grep -q -- "$want" || fail "$db: \"$want\" not reported: $out"
}

"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$WANCHUANG_TEST_DB" \
	-c "CREATE DATABASE \"$base\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" \
	-c "REVOKE CONNECT, TEMPORARY ON DATABASE \"$base\" FROM PUBLIC" >/dev/null
made+=("$base")
admin_in "$base" migrate >/dev/null || fail "could not migrate $base"
# closed to the terminals (the migration opened it to their groups), or the
# security report of a test running beside this one finds it
on "$base" "REVOKE CONNECT, TEMPORARY ON DATABASE \"$base\" FROM PUBLIC, wc_kiosk, wc_staff" >/dev/null

# Rows from many writers at once, with Chinese text, JSON and NULLs: the
# seal puts them in one line.
before=$(on "$base" "SELECT count(*) FROM wc.audit")
writers=()
for w in 1 2 3 4 5 6; do
	on "$base" "INSERT INTO wc.audit (action, object, detail, on_behalf_of)
		SELECT 'test_$w', '对象 ' || g, jsonb_build_object('名', '张三', 'n', g * 1.5),
		       CASE WHEN g % 2 = 0 THEN g END
		  FROM generate_series(1, 20) g;
		INSERT INTO wc.audit (action) VALUES ('single_$w');" >/dev/null &
	writers+=($!)
done
for p in "${writers[@]}"; do
	wait "$p" || fail "a writer's rows were refused"
done
n=$(on "$base" "SELECT count(*) FROM wc.audit")
[ "$n" -eq $((before + 6 * 21)) ] || fail "$n rows, not $before + 126"
# a writer that found the chain taken left its rows to the next seal
on "$base" "SELECT wc.audit_seal(true)" >/dev/null
[ "$(on "$base" "SELECT max(seq) FROM wc.audit")" = "$n" ] || fail "seq has gaps: $n rows"
out=$(admin_in "$base" audit verify) || fail "the untouched chain is not intact: $out"
echo "$out" | grep -q "rows checked: $n" || fail "not every row checked: $out"
pass "an untouched chain of $n rows written by 6 writers at once is intact"

# The head as a security report files it.
head=$(admin_in "$base" security-report | sed -n '/^Head of the audit chain/{n;p}' | awk '{ print $1 }')
case $head in
"$n":*) ;;
*) fail "the security report does not give the head: \"$head\"" ;;
esac
admin_in "$base" audit verify --head "$head" >/dev/null || fail "the filed head does not match"
pass "the security report files the head ($head)"

# The tampering is done as the superuser, who passes every grant and may
# turn the append-only triggers off.
off="SET session_replication_role = replica;"

copy "${base}_edit"
on "${base}_edit" "$off UPDATE wc.audit SET action = 'harmless' WHERE seq = 7" >/dev/null
broken "${base}_edit" "broken at seq 7 "
out=$(LC_ALL=zh_CN.UTF-8 admin_in "${base}_edit" audit verify 2>&1) && fail "exit 0 in Chinese: $out"
echo "$out" | grep -q "哈希链在序号 7（记录号 [0-9]*）处断开" || fail "not said in Chinese: $out"
pass "a row edited is found"

copy "${base}_delete"
on "${base}_delete" "$off DELETE FROM wc.audit WHERE seq = 9" >/dev/null
broken "${base}_delete" "the rows from seq 9 to seq 9 are missing"
pass "a row deleted is found"

copy "${base}_truncate"
on "${base}_truncate" "$off TRUNCATE wc.audit" >/dev/null
broken "${base}_truncate" "ends at seq 0, before the filed head at seq $n" --head "$head"
on "${base}_truncate" "INSERT INTO wc.audit (action) VALUES ('fresh start')" >/dev/null
broken "${base}_truncate" "ends at seq 1, before the filed head at seq $n" --head "$head"
pass "a table emptied is found against the filed head"

copy "${base}_reorder"
on "${base}_reorder" "$off UPDATE wc.audit SET seq = -seq WHERE seq IN (5, 11);
	UPDATE wc.audit SET seq = CASE seq WHEN -5 THEN 11 ELSE 5 END WHERE seq IN (-5, -11)" >/dev/null
broken "${base}_reorder" "broken at seq 5 .*was written at seq 11; rows were reordered"
pass "rows reordered are found"

copy "${base}_replace"
on "${base}_replace" "ALTER TABLE wc.audit RENAME TO audit_old;
	CREATE TABLE wc.audit (LIKE wc.audit_old INCLUDING ALL);
	INSERT INTO wc.audit OVERRIDING SYSTEM VALUE SELECT * FROM wc.audit_old" >/dev/null
broken "${base}_replace" "broken at seq 1 .*the first row does not start from this table"
pass "the table replaced by a copy is found"

# Who may write the table may also recompute every hash after a change:
# the chain then holds together, and only the filed head tells.
copy "${base}_rewrite"
on "${base}_rewrite" "$off UPDATE wc.audit SET action = 'harmless' WHERE seq = 7;
	DO \$\$
	DECLARE r record; prev bytea := wc.audit_genesis('wc.audit'::regclass);
	BEGIN
		FOR r IN SELECT * FROM wc.audit ORDER BY seq LOOP
			prev := wc.audit_link(prev, r.seq, r.id, r.at, r.terminal, r.staff_id,
			                      r.on_behalf_of, r.action, r.object, r.detail);
			UPDATE wc.audit SET hash = prev WHERE id = r.id;
		END LOOP;
	END
	\$\$" >/dev/null
admin_in "${base}_rewrite" audit verify >/dev/null || fail "a recomputed chain should hold together"
broken "${base}_rewrite" "broken at seq $n .*another hash than the filed head" --head "$head"
pass "a chain recomputed whole is found against the filed head only"

# A row taken out of its place (it is sealed again, at the end): its old
# place is a gap.
copy "${base}_unplaced"
on "${base}_unplaced" "$off UPDATE wc.audit SET seq = NULL, hash = NULL WHERE seq = 8" >/dev/null
broken "${base}_unplaced" "the rows from seq 8 to seq 8 are missing"
pass "a row taken out of its place is found"

out=$(admin_in "$base" audit verify) || fail "the untouched copy is no longer intact: $out"
pass "the untouched database still verifies"
