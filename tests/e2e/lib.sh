# tests/e2e/lib.sh: drive the real wanchuang in a real terminal (tmux) in
# zh_CN.UTF-8, and read the screen back. Sourced by each e2e test.
#
# Every test gets its own tmux server (a private socket), its own terminal
# logins and accounts (names carry the process id), and kills its tmux
# server on exit, whatever happened.

set -eu

: "${top_builddir:?run through make check}"
: "${top_srcdir:?run through make check}"
TMUX_BIN=${TMUX_BIN:-tmux}
WANCHUANG="$top_builddir/wanchuang"
ADMIN="$top_builddir/wanchuang-admin"
E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/wc-e2e.XXXXXX")
E2E_SOCK="$E2E_DIR/tmux.sock"
E2E_TAG="e$$"

e2e_cleanup() {
	# Let the program leave by itself first (valgrind writes its report
	# at exit), then end the terminal.
	"$TMUX_BIN" -S "$E2E_SOCK" send-keys F10 F10 >/dev/null 2>&1 || true
	local i=0
	while [ "$(pane_dead 2>/dev/null || echo 1)" = 0 ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	"$TMUX_BIN" -S "$E2E_SOCK" kill-server >/dev/null 2>&1 || true
	# the programs this test started hold its lock's descriptor too:
	# unlocking lets the tests waiting on it go even if one outlives it
	policies_done
	rm -rf "$E2E_DIR"
}
trap e2e_cleanup EXIT

fail() {
	echo "FAIL: $*"
	echo "--- screen ---"
	screen_text || true
	echo "--------------"
	exit 1
}

need_db() {
	if [ -z "${WANCHUANG_TEST_DB:-}" ]; then
		echo "WANCHUANG_TEST_DB is not set: run scripts/check"
		exit 77
	fi
}

# shipped_policies: load data/policies/policies.csv (again changes
# nothing; once more if another test was loading them at the same moment)
shipped_policies() {
	local policies=$top_srcdir/data/policies/policies.csv
	"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$policies" >/dev/null 2>&1 ||
		"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$policies" >/dev/null ||
		fail "the shipped policies do not import"
}

# The policies in force are shared by the tests running side by side.
# A test that counts the policies a person fits (doc/screens/kiosk-home.txt
# for 蜀山区; summary.sh's two counts for 泾县) holds the list alone
# (policies_alone) while it counts; a test that adds policies for the
# whole province (or 合肥市, 蜀山区) holds it shared until it has deleted
# them (policies_shared, then policies_delete). The lock is per database.
policies_lock() {
	local key
	key=$(printf '%s' "$WANCHUANG_TEST_DB" | cksum | cut -d' ' -f1)
	exec 8>>"${TMPDIR:-/tmp}/wanchuang-policies-$key.lock"
	flock -w 900 "$@" 8 || fail "waited 15 minutes for the test database's policy list"
}
policies_shared() { policies_lock -s; }
policies_alone() { policies_lock -x; }
policies_done() { { flock -u 8 && exec 8>&-; } 2>/dev/null || true; }

# policies_delete PATTERN: delete this test's policies (code LIKE
# PATTERN), with what the tests beside it left on them: a kiosk that
# showed one marks it seen, a publication plans its SMS. Tried again
# if a kiosk marked one seen while the statement ran.
policies_delete() {
	local try
	for try in 1 2 3; do
		sql "WITH p AS (SELECT id FROM wc.policy WHERE code LIKE '$1'),
		          s AS (DELETE FROM wc.policy_seen WHERE policy_id IN (SELECT id FROM p)),
		          n AS (DELETE FROM wc.policy_notice WHERE policy_id IN (SELECT id FROM p))
		     DELETE FROM wc.policy WHERE id IN (SELECT id FROM p)" >/dev/null 2>&1 && return 0
		sleep 1
	done
	fail "the policies $1 could not be deleted"
}

# uniq: a number no earlier run has used with this process id (a reused
# database outlives process ids, and bash seeds $RANDOM from the id).
uniq() {
	od -An -N4 -tu4 /dev/urandom | tr -d ' '
}

# e2e_code LETTER: a code for this run's services and titles (E2E, the
# process id, LETTER, a random number), the same width on every run so
# that a screen cuts a title holding it at the same place (doc_screen).
e2e_code() {
	printf 'E2E%07d%s%05d' $$ "$1" $(( $(uniq) % 100000 ))
}

# The terminals' passwords, as a deployment keeps them: in a .pgpass file
# libpq reads, never in a connection string on a command line.
export PGPASSFILE="$E2E_DIR/pgpass"
: >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"

# terminal_add KIND [REGION]: print the conninfo of a new terminal login
# (no password: its line goes into $PGPASSFILE).
terminal_add() {
	local name="t_${1}_${E2E_TAG}_$(uniq)" made
	made=$("$ADMIN" --db "$WANCHUANG_TEST_DB" terminal add "$name" --kind "$1" ${2:+--region "$2"})
	printf '%s\n' "$made" | grep -F ":$name:" >>"$PGPASSFILE"
	printf '%s\n' "$made" | sed -n "s/^WANCHUANG_DB='\(.*\)'\$/\1/p"
}

# terminal_password CONNINFO: the password of a terminal login from
# $PGPASSFILE, for a test that must log in with another client.
terminal_password() {
	local user
	user=$(printf '%s' "$1" | sed -n 's/.*user=\([^ ]*\).*/\1/p')
	grep -F ":$user:" "$PGPASSFILE" | sed 's/.*:\([^:]*\)$/\1/'
}

# staff_add ROLE REGION NAME PASSWORD [must-change]: print the user name
# of a new account.
#   For ROLE provider, set PROVIDER to the credit code it acts for.
staff_add() {
	local user="s${E2E_TAG}r$(uniq)" link=()
	[ "$1" = provider ] && link=(--provider "$PROVIDER")
	printf '%s\n' "$4" | "$ADMIN" --db "$WANCHUANG_TEST_DB" staff add "$user" \
		--role "$1" --region "$2" --name "$3" "${link[@]}" >/dev/null
	# as if the first sign-in's change were done (password.sh tests it)
	[ "${5:-}" = must-change ] ||
		sql "UPDATE wc.staff SET must_change = false WHERE username = '$user'" >/dev/null
	printf '%s\n' "$user"
}

# sql QUERY: one value, as the administrator.
sql() {
	/usr/lib/postgresql/15/bin/psql -X -A -t -q -d "$WANCHUANG_TEST_DB" -c "$1"
}

# as_terminal CONNINFO QUERY: one value, through a terminal's own login
# (so the api functions see it as they see the program).
as_terminal() {
	/usr/lib/postgresql/15/bin/psql -X -A -t -q -d "$1" -c "$2"
}

# start [WIDTH HEIGHT] -- ARGS...: run wanchuang with ARGS in a new terminal.
# random_birth: a birth date (YYYYMMDD) of an adult, different on most
# calls: with valid_id it makes ID numbers that a database reused across
# runs (make check, then valgrind, then distcheck) has not seen.
random_birth() {
	printf '%04d%02d%02d' $(( 1970 + RANDOM % 30 )) $(( 1 + RANDOM % 12 )) $(( 1 + RANDOM % 28 ))
}

# valid_id REGION BIRTH(YYYYMMDD): a valid ID number, new for this run.
valid_id() {
	local body=$1$2$(printf '%03d' $(( (RANDOM ^ $$) % 1000 ))) sum=0 i
	local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) checks=10X98765432
	for i in $(seq 0 16); do sum=$(( sum + ${body:$i:1} * ${w[$i]} )); done
	printf '%s%s' "$body" "${checks:$(( sum % 11 )):1}"
}

# valid_code DIVISION: a valid 小微企业 (91) credit code registered in that
# division, new for this run (GB 11714 organisation-code check, then the
# GB 32100 check).
valid_code() {
	local alphabet=0123456789ABCDEFGHJKLMNPQRTUWXY body org sum=0 i c
	local ow=(3 7 9 10 5 8 4 2) w=(1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28)
	org=$(printf '%08d' $(( (RANDOM << 15 | RANDOM) % 100000000 )))
	for i in $(seq 0 7); do sum=$(( sum + ${org:$i:1} * ${ow[$i]} )); done
	c=$(( 11 - sum % 11 ))
	case $c in 10) c=X ;; 11) c=0 ;; esac
	body=91$1$org$c
	sum=0
	for i in $(seq 0 16); do
		local ch=${body:$i:1} v
		v=${alphabet%%"$ch"*}
		sum=$(( sum + ${#v} * ${w[$i]} ))
	done
	c=$(( (31 - sum % 31) % 31 ))
	printf '%s%s' "$body" "${alphabet:$c:1}"
}

# from_column LINE COL: LINE from the screen column COL on (a Chinese
# character takes two columns, the rest of a screen's text one).
from_column() {
	local LC_ALL=C.utf8 line=$1 i=0 col=0
	while [ $col -lt "$2" ] && [ $i -lt ${#line} ]; do
		if [[ ${line:i:1} == [[:ascii:]] ]]; then col=$((col + 1)); else col=$((col + 2)); fi
		i=$((i + 1))
	done
	printf '%s' "${line:i}"
}

# selected_label: the label of the menu choice the cursor stands on (it
# stands on the choice's digit: in a menu of two columns, the choice on
# the right from there).
selected_label() {
	local at rows line
	at=$(cursor)
	# cut in the shell: moved_label reads it several times a choice
	mapfile -t rows < <(screen_text)
	line=$(from_column "${rows[${at#* }]:-}" $(( ${at% *} > 0 ? ${at% *} - 1 : 0 )))
	[[ ! $line =~ ^\ *[0-9]?\ +(.*)$ ]] || line=${BASH_REMATCH[1]}
	printf '%s\n' "${line%%   *}"
}

# menu_pick LABEL: press the digit of the menu item LABEL shown (a role's
# menu grows, so its numbers move).
menu_pick() {
	local n
	# LABEL shown, or a menu that scrolls and holds more than it shows
	# (LABEL below its last row)
	n=$(( 50 * ${E2E_SLOW:-1} ))
	until screen_text | grep -qF -- "$1"; do
		n=$((n - 1))
		if [ $n -le 0 ]; then
			screen_text | grep -q "第 1-[0-9]* 项，共 [0-9]* 项" || fail "\"$1\" did not appear within 5 s"
			break
		fi
		sleep 0.1
	done
	n=$(screen_text | sed -n "s/^ *\([0-9]\)  $1\( .*\)\{0,1\}\$/\1/p" | head -n 1)
	if [ -n "$n" ]; then
		keys "$n"
		return
	fi
	# past the tenth an item has no digit: moved to from the first, down
	# to the row that says it (a counter's 待办事项 stand above 1, and a
	# long home scrolls)
	local label prev
	keys Home
	sleep 0.2
	label=$(selected_label)
	for _ in $(seq 1 40); do
		[ "$label" = "$1" ] && break
		prev=$label
		keys Down
		# the next row once drawn: a label read before would look
		# like a miss and send the cursor past the item
		for _ in $(seq 1 30); do
			sleep 0.1
			label=$(selected_label)
			[ "$label" = "$prev" ] || break
		done
		[ "$label" != "$prev" ] || break # the last item
	done
	[ "$(selected_label)" = "$1" ] || fail "no menu item \"$1\""
	keys Enter
}

# sign_in USER PASSWORD: staff sign-in on the screen shown, to the home.
sign_in() {
	expect "工作人员登录"
	type_text "$1"; keys Tab; type_text "$2"; keys Enter
	expect "工作台"
}

# tap COL ROW: a touch (button 1 pressed and released) at that cell, as
# the terminal reports it to the program: X10 mouse bytes, raw and in one
# write (sent as literal keys, or in two writes, an event can arrive torn
# and ncurses waits for the rest of it).
tap() {
	local x y
	x=$(printf '%02x' $(( 33 + $1 ))) y=$(printf '%02x' $(( 33 + $2 )))
	keys -H 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
}

# find_person ID NAME: from a clerk's home, find the person by ID number
# and open their 办理人信息.
find_person() {
	keys 2
	expect "查找办理人"
	type_text "$1"
	keys F2
	expect "$2"
	keys Enter
	expect "办理人信息"
}

# admin_zh ARGS...: wanchuang-admin on the test database, in Chinese; its
# output (both streams) in $out and its exit status in $rc, never failing.
admin_zh() {
	set +e
	out=$(env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$ADMIN" --db "$WANCHUANG_TEST_DB" "$@" 2>&1)
	rc=$?
	set -e
	echo "$out"
}

# valgrind_wrap: the words to put before a program in the array wrap
# (none, or valgrind's). E2E_VALGRIND=PREFIX: run under valgrind, errors
# and leaks (definite or indirect) written to PREFIX.<pid>; scripts/check
# reads them.
valgrind_wrap() {
	wrap=()
	if [ -n "${E2E_VALGRIND:-}" ]; then
		wrap=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect
			--errors-for-leak-kinds=definite,indirect --error-exitcode=99
			"--log-file=$E2E_VALGRIND.%p")
	fi
}

start() {
	local w=100 h=30
	if [ "$1" != -- ]; then w=$1 h=$2; shift 2; fi
	shift
	local cmd wrap
	valgrind_wrap
	cmd=$(printf '%q ' env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= TERM=screen-256color \
		"WANCHUANG_LOCALEDIR=$WANCHUANG_LOCALEDIR" "PGPASSFILE=$PGPASSFILE" "${wrap[@]}" \
		"$WANCHUANG" "$@")
	"$TMUX_BIN" -S "$E2E_SOCK" -f /dev/null new-session -d ${E2E_TARGET:+-s "$E2E_TARGET"} \
		-x "$w" -y "$h" "$cmd"
	"$TMUX_BIN" -S "$E2E_SOCK" set-option -g remain-on-exit on >/dev/null
}

# stop_terminal: end the program and its terminal, to start another.
stop_terminal() {
	"$TMUX_BIN" -S "$E2E_SOCK" kill-server >/dev/null 2>&1 || true
	rm -f "$E2E_SOCK"
}

screen_text() {
	"$TMUX_BIN" -S "$E2E_SOCK" capture-pane ${E2E_TARGET:+-t "$E2E_TARGET"} -p
}

# E2E_TARGET: the tmux session the next keys go to and the screen is
# read from, when a test drives two terminals (default: the only one).
keys() {
	"$TMUX_BIN" -S "$E2E_SOCK" send-keys ${E2E_TARGET:+-t "$E2E_TARGET"} "$@"
}

# type TEXT: literal text, as an input method sends it.
type_text() {
	"$TMUX_BIN" -S "$E2E_SOCK" send-keys ${E2E_TARGET:+-t "$E2E_TARGET"} -l "$1"
}

resize() {
	"$TMUX_BIN" -S "$E2E_SOCK" resize-window -x "$1" -y "$2"
}

cursor() {
	"$TMUX_BIN" -S "$E2E_SOCK" display-message -p '#{cursor_x} #{cursor_y}'
}

pane_dead() {
	"$TMUX_BIN" -S "$E2E_SOCK" display-message -p '#{pane_dead}'
}

# expect TEXT [SECONDS]: wait until TEXT is on the screen (E2E_READ:
# the function that reads it, screen_text unless told).
expect() {
	local i=0 limit=$(( ${2:-5} * 10 * ${E2E_SLOW:-1} ))
	while [ $i -lt $limit ]; do
		${E2E_READ:-screen_text} | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "\"$1\" did not appear within ${2:-5} s"
}

# The key bar: the last two rows of the screen.
bar_text() {
	screen_text | tail -n 2
}

# expect_bar TEXT: wait until the key bar offers TEXT.
expect_bar() {
	E2E_READ=bar_text expect "$@"
}

# expect_not_bar TEXT: the key bar, once settled, does not offer TEXT.
expect_not_bar() {
	sleep 0.3
	if bar_text | grep -qF -- "$1"; then
		fail "\"$1\" is in the key bar but does not work here"
	fi
}

# select_row REGEX [KEY]: Down (or KEY) until the row the cursor is on (a
# list's selection) matches REGEX, then the other way: tests share the
# database, and another test's rows can come first.
select_row() {
	local i at key=${2:-Down}
	for i in $(seq 120); do
		at=$(cursor)
		screen_text | sed -n "$(( ${at#* } + 1 ))p" | grep -qE -- "$1" && return 0
		# the list may have opened below the row: the other way, then
		if [ "$i" = 60 ]; then
			case $key in Down) key=Up ;; Up) key=Down ;; esac
		fi
		keys "$key"; sleep 0.1
	done
	fail "no row matching \"$1\" could be selected"
}

# scroll_until TEXT: Down until TEXT is on the screen (a list longer than
# the screen), then as expect.
scroll_until() {
	local i
	for i in $(seq 40); do
		screen_text | grep -qF -- "$1" && return 0
		keys Down; sleep 0.1
	done
	expect "$1"
}

# expect_lines TEXT N [SECONDS]: wait until TEXT is on N lines or more
# (a check right after a key may read the screen before its redraw).
expect_lines() {
	local i=0 n=0 limit=$(( ${3:-5} * 10 * ${E2E_SLOW:-1} ))
	while [ $i -lt $limit ]; do
		n=$(screen_text | grep -c -F -- "$1" || true)
		[ "$n" -ge "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "\"$1\" is on $n lines, not $2 or more, after ${3:-5} s"
}

# expect_gone TEXT [SECONDS]: wait until TEXT has left the screen.
expect_gone() {
	local i=0 limit=$(( ${2:-5} * 10 * ${E2E_SLOW:-1} ))
	while [ $i -lt $limit ]; do
		screen_text | grep -qF -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "\"$1\" stayed on the screen"
}

# expect_not TEXT: TEXT is not on the screen now.
expect_not() {
	if screen_text | grep -qF -- "$1"; then
		fail "\"$1\" is on the screen but should not be"
	fi
}

# doc_screen NAME [SHOWN PLACEHOLDER]...: the screen now, as the guides
# in doc/ show it, must equal doc/screens/NAME.txt of the source tree
# (tests/doc-screens.sh then checks that each guide embeds that file).
# The terminal is made 80x24 for the picture and given its size back.
# What changes from run to run is masked first: dates and times (the
# clock, today and days counted from it), the numbers the database makes
# (预约编号, 投诉编号, 入驻申请编号: prefix, day, sequence), the weekday,
# the digits after the region of ID numbers and credit codes (tests make
# them up; the last four of a masked ID number too), the digits of the
# tests' codes (e2e_code), this test's tag in user names, and each SHOWN text by its
# PLACEHOLDER (anything else the test made up at random).
# A difference fails the test with a diff; DOC_SCREENS_UPDATE=1 writes
# the file instead (the only write into the source tree).
doc_screen() {
	local name=$1 file="$top_srcdir/doc/screens/$1.txt" size got="$E2E_DIR/screen.$1"
	shift
	size=$("$TMUX_BIN" -S "$E2E_SOCK" display-message ${E2E_TARGET:+-t "$E2E_TARGET"} \
		-p '#{window_width} #{window_height}')
	"$TMUX_BIN" -S "$E2E_SOCK" resize-window ${E2E_TARGET:+-t "$E2E_TARGET"} -x 80 -y 24
	doc_screen_settle "$@" >"$got"
	"$TMUX_BIN" -S "$E2E_SOCK" resize-window ${E2E_TARGET:+-t "$E2E_TARGET"} \
		-x "${size% *}" -y "${size#* }"
	doc_screen_settle >/dev/null
	if [ "${DOC_SCREENS_UPDATE:-}" = 1 ]; then
		mkdir -p "${file%/*}"
		cp "$got" "$file"
		echo "doc_screen: wrote doc/screens/$name.txt"
	elif [ ! -f "$file" ]; then
		cat "$got"
		fail "doc/screens/$name.txt is missing (DOC_SCREENS_UPDATE=1 writes it)"
	elif ! diff -u "$file" "$got"; then
		fail "the screen differs from doc/screens/$name.txt (above; DOC_SCREENS_UPDATE=1 rewrites it, then update the guides)"
	fi
}

# doc_screen_settle [SHOWN PLACEHOLDER]...: the masked screen once two
# readings a moment apart agree (a resize or a query may be drawing).
doc_screen_settle() {
	local a b i=0 limit=$(( 25 * ${E2E_SLOW:-1} ))
	a=$(doc_screen_masked "$@")
	while [ $i -lt $limit ]; do
		sleep 0.2
		b=$(doc_screen_masked "$@")
		[ "$a" = "$b" ] && break
		a=$b
		i=$((i + 1))
	done
	printf '%s\n' "$b"
}

doc_screen_masked() {
	local text
	text=$(screen_text)
	while [ $# -ge 2 ]; do
		text=${text//"$1"/"$2"}
		shift 2
	done
	printf '%s\n' "$text" | sed -E \
		-e 's/(YY|TS|RZ|Q)[0-9]{14}/\1##############/g' \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}/YYYY-MM-DD/g' \
		-e 's/[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日/YYYY年MM月DD日/g' \
		-e 's/(^|[^0-9])[0-9]{2}:[0-9]{2}:[0-9]{2}/\1hh:mm:ss/g' \
		-e 's/(^|[^0-9])[0-9]{2}:[0-9]{2}/\1hh:mm/g' \
		-e 's/([0-9]{6}\*{11})[0-9X]/\1n/g' \
		-e 's/(34[0-9]{4})[0-9]{11}[0-9X]/\1xxxxxxxxxxxx/g' \
		-e 's/(9[1-3]34[0-9]{4})[0-9A-Z]{10}/\1xxxxxxxxxx/g' \
		-e ':code' -e 's/(E2E[#A-Z]*)[0-9]/\1#/' -e 'tcode' \
		-e 's/周[一二三四五六日]/周X/g' \
		-e "s/s${E2E_TAG}r[0-9]+/<用户名>/g"
}

pass() {
	echo "PASS: $*"
}

# no_english [TEXT] [ALLOWED-WORD]...: fail if TEXT (default: the screen)
# holds a run of three or more ASCII letters that is not a key name
# (Esc, Enter, PgUp, PgDn, Home, End, Tab), a hash, a code the tests make up
# (E2E…, user names, terminal logins t_KIND_… whichever test made them,
# any name carrying a test's tag such as _e1234, a file's path such as
# /tmp/x/统计指标-安徽省-2026年12月.csv that an export names) or one of the
# ALLOWED-WORDs: a
# Chinese session shows no English word.
# data_word WORD: whether WORD is part of a name, number or text some
# test stored (a person's or an organisation's name, a title, a
# complaint's or a booking's number, a user name, what a person wrote): tests share the database, and what
# they store is data, not the program's words. Only such columns count,
# not codes a screen might show raw (states, kinds, actions).
data_word() {
	[ -n "${WANCHUANG_TEST_DB:-}" ] || return 1
	[ "$(/usr/lib/postgresql/15/bin/psql -X -A -t -q -d "$WANCHUANG_TEST_DB" -v w="$1" <<'SQL'
SELECT EXISTS (
	SELECT 1 FROM information_schema.columns c
	 WHERE c.table_schema = 'wc'
	   AND c.column_name IN ('no', 'name', 'title', 'code', 'username', 'object', 'doc_no',
	                         'issuer', 'provider_name', 'credit_code', 'body', 'reply',
	                         'reason', 'note', 'opinion', 'content', 'description', 'address')
	   AND c.data_type IN ('text', 'character varying')
	   AND (xpath('/row/n/text()', query_to_xml(format(
	        'SELECT count(*) AS n FROM (SELECT 1 FROM %I.%I WHERE %I LIKE %L LIMIT 1) AS x',
	        c.table_schema, c.table_name, c.column_name, '%' || :'w' || '%'),
	        false, true, '')))[1]::text::int > 0)
SQL
)" = t ]
}

no_english() {
	local text=${1-} words w ok
	[ $# -gt 0 ] && shift
	[ -n "$text" ] || text=$(screen_text)
	words=$(printf '%s\n' "$text" | sed -E \
		-e 's/t_[a-z]+_[0-9a-z_.]*//g' -e 's/postgres//g' \
		-e "s/s${E2E_TAG}r[0-9]+//g" \
		-e 's/E2E[0-9A-Z]+//g' -e 's/[0-9a-f]{16,}//g' \
		-e 's/[A-Za-z0-9_]*_e[0-9]+[A-Za-z0-9_.]*//g' \
		-e 's#(/[^/[:space:]]+){2,}##g' |
		grep -oE '[A-Za-z_]{3,}' | grep -E '[A-Za-z]{3}' | sort -u || true)
	for w in $words; do
		ok=
		# keys, and the names of file formats that Chinese offices use as
		# they are (Office's own Chinese menus say "Excel 工作簿", "CSV UTF-8")
		case $w in Esc | Enter | PgUp | PgDn | Home | End | Tab | Excel | CSV | UTF) ok=1 ;; esac
		for a in "$@"; do [ "$w" = "$a" ] && ok=1; done
		[ -z "$ok" ] && data_word "$w" && ok=1
		if [ -z "$ok" ]; then
			printf '%s\n' "$text"
			echo "FAIL: an English word in a Chinese session: \"$w\""
			exit 1
		fi
	done
}

# person_with_pin ID NAME MOBILE COUNTY PIN [CATEGORIES]: print the id of a
# new 意向创业 person registered in COUNTY whose kiosk PIN is PIN
# (CATEGORIES as an array literal, {} unless given).
person_with_pin() {
	local person
	person=$(sql "SELECT wc_admin.person_import('$1', '$2', '$3', '$4', '$4',
	     '${6:-{\}}', 'intending', NULL, NULL, NULL, NULL)")
	sql "UPDATE wc.person SET pin_hash = ext.crypt('$5', ext.gen_salt('bf', 8)) WHERE id = $person" >/dev/null
	printf '%s\n' "$person"
}

# booking_make SERVICE PERSON STATUS START: a booking of the person for
# a new one-seat slot of the service (its code) at START (an interval
# from now, "-2 hours" for one begun), in STATUS; prints its number.
booking_make() {
	sql "WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)
	     SELECT id, now() + interval '$4', now() + interval '$4' + interval '2 hours', 1, 1
	       FROM wc.service WHERE code = '$1' RETURNING id, service_id)
	     INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen, closed_at)
	     SELECT 'YT$$' || sl.id, $2, sl.id, sl.service_id, '$3', 0,
	            CASE WHEN '$3' <> 'booked' THEN now() END FROM sl
	     RETURNING no"
}

# voucher_booking PERSON COUNTY SLOT TAG: a voucher of 2000元 for
# training (programme P<TAG>, voucher Q<TAG>) issued to the person, and
# a booking of the slot that holds 1500元 of it, made as the kiosk makes
# it (wc.booking_place); prints "VOUCHER_ID BOOKING_NO".
voucher_booking() {
	local voucher no
	sql "SELECT wc_admin.programme_add('P$4', '电子创业券（测试）', 200000, 12, '{training}', '{}', NULL, '')" >/dev/null
	voucher=$(sql "INSERT INTO wc.voucher (no, programme_id, person_id, county_code, face_fen, categories,
	     valid_until, balance_fen) SELECT 'Q$4', id, $1, '$2', 200000, categories,
	     current_date + 300, 0 FROM wc.voucher_programme WHERE code = 'P$4' RETURNING id")
	sql "SELECT wc.voucher_move($voucher, 'issue', 200000, 0, NULL, NULL)" >/dev/null
	no=$(sql "SELECT (wc.booking_place(p, $3, $voucher, NULL, NULL, NULL, false)).booking_no
	     FROM wc.person p WHERE p.id = $1")
	[ -n "$no" ] || fail "the booking was not made"
	[ "$(sql "SELECT balance_fen || '/' || held_fen FROM wc.voucher WHERE id = $voucher")" = 50000/150000 ] ||
		fail "the booking holds no voucher money"
	printf '%s %s\n' "$voucher" "$no"
}

# kiosk_sign_in ID PIN GREETING: 登录办理 from the kiosk's welcome, to the
# person's home, which greets with GREETING (您好，孙**).
kiosk_sign_in() {
	menu_pick "登录办理"
	expect "查询密码"
	type_text "$1"; keys Tab; type_text "$2"; keys Enter
	expect "$3"
}

# --- checks over the screen, for a walk through every screen -------------

# screen_settled: the screen once two readings a moment apart agree (a
# query or a redraw may be under way), within 3 s.
screen_settled() {
	local a b i=0 limit=$(( 30 * ${E2E_SLOW:-1} ))
	a=$(screen_text)
	while [ $i -lt $limit ]; do
		sleep 0.1
		b=$(screen_text)
		[ "$a" = "$b" ] && break
		a=$b
		i=$((i + 1))
	done
	printf '%s\n' "$a"
}

# screen_leaves FROM [SECONDS]: wait until the screen is no longer FROM
# (what a key draws has begun to show: screen_settled then reads it
# whole); fails when it still is after SECONDS (1 unless told).
screen_leaves() {
	local i=0 limit=$(( ${2:-1} * 20 * ${E2E_SLOW:-1} ))
	while [ "$(screen_text)" = "$1" ]; do
		[ $i -lt $limit ] || return 1
		sleep 0.05
		i=$((i + 1))
	done
}

# keybar_fits WHERE TEXT: the key bar (the bottom two rows) holds whole
# keys only: none cut to "...", and no key (F1 帮助, most often) alone on
# a second row.
keybar_fits() {
	local rows bar
	# read in the shell, not by a pipe: a walk checks hundreds of screens
	mapfile -t rows <<<"$2"
	bar=${rows[*]: -2:1}$'\n'${rows[*]: -1}
	if [[ $bar == *...* ]]; then
		fail "$1: the key bar is cut: ${bar//$'\n'/ | }"
	fi
	# a bar's row starts at the edge (a message one column in), and two
	# spaces part its keys (a key's name and label have one)
	if [[ ${rows[*]: -2:1} =~ ^[^\ ].*[^\ ]\ \ [^\ ] && ${rows[*]: -1} =~ ^[^\ ]+\ [^\ ]+$ ]]; then
		fail "$1: the key bar leaves ${rows[*]: -1} alone on its second row: ${bar//$'\n'/ | }"
	fi
}

# menu_whole WHERE TEXT: a menu's numbered choices run 1, 2, … with none
# missing (a choice out of sight leaves a gap or stops the run early
# while a later one shows).
menu_whole() {
	local rows row want=1 d
	mapfile -t rows <<<"$2"
	for row in "${rows[@]}"; do
		[[ $row =~ ^\ {1,3}([0-9])\ \ [^\ ] ]] || continue
		d=${BASH_REMATCH[1]}
		[ "$d" = $(( want % 10 )) ] || {
			fail "$1: the menu's choice $(( want % 10 )) is out of sight (next shown: $d)"
		}
		want=$(( want + 1 ))
	done
}

# A test that plants long texts ends each with its tag (e2e_code) and
# names it in E2E_PLANTED_TAG: a run before it against the same database planted
# the same texts with another tag, and their rows are other rows, not
# this text cut.
# tagged_other REST LONG: REST goes on as LONG but with another run's tag.
tagged_other() {
	local LC_ALL=C.utf8 t=${E2E_PLANTED_TAG:-} base
	[ -n "$t" ] && [ "${2%"$t"}" != "$2" ] || return 1
	base=${2%"$t"}
	[ "${1:0:${#base}}" = "$base" ] && [ "${1:${#base}:${#t}}" != "$t" ] &&
		[[ ${1:${#base}} =~ ^E2E[0-9]{7}[A-Z][0-9]{5} ]]
}

# shows_whole_tagged TEXT LONG: LONG is whole on the screen TEXT, or the
# same text with another run's tag (E2E_PLANTED_TAG): where rows of two runs cut
# to the same letters, the row tapped may be either.
shows_whole_tagged() {
	local t=${E2E_PLANTED_TAG:-} base
	base=${2%"$t"}
	if [ -z "$t" ] || [ "$base" = "$2" ]; then
		shows_whole "$1" "$2"
		return
	fi
	printf '%s\n' "$1" | sed -E 's/^ +//; s/ +$//' | tr -d '\n' |
		grep -qE -- "$(printf '%s' "$base" | sed 's/[][\.*^$()+?{}|]/\\&/g')E2E[0-9]{7}[A-Z][0-9]{5}"
}

# long_trace K LONG: follow LONG from where its start shows on row K of
# the array rows (the caller's) over the rows it wraps to (a row ends
# where it breaks and the next goes on with the rest); prints "whole",
# "marked" (cut by its width with the mark "..." right after the part
# shown, on whichever row) or "silent", a tab, the part shown, a tab and what follows it (cut
# without its mark).
long_trace() {
	local k=$1 long=$2 n=${#2} rest i=4 j=4 next pre first last m
	rest=${rows[k]#*"${long:0:4}"}
	rest=${long:0:4}$rest
	tagged_other "$rest" "$long" && { echo whole; return; }
	while :; do
		while [ $i -lt "$n" ] && [ "${rest:j:1}" = "${long:i:1}" ]; do
			i=$((i + 1)) j=$((j + 1))
		done
		[ $i = "$n" ] && { echo whole; return; }
		[ "${rest:j:3}" = "..." ] && { echo marked; return; }
		tagged_other "${long:0:i}${rest:j}" "$long" && { echo whole; return; }
		# wrapped: nothing after the part shown, the next row goes on
		next=${rows[k + 1]:-}
		if [[ ${rest:j} =~ ^\ *$ ]] && [[ " $next" == *" ${long:i:2}"* ]]; then
			# its first or its last place on the row (a text beside
			# another column), whichever goes on further as LONG does
			pre=" $next"
			first=${pre%%" ${long:i:2}"*}
			first=${next:${#first}}
			last=${pre%" ${long:i:2}"*}
			last=${next:${#last}}
			m=0
			while [ $((i + m)) -lt "$n" ] && [ "${last:m:1}" = "${long:i+m:1}" ]; do
				m=$((m + 1))
			done
			rest=$first
			[ $((i + m)) = "$n" ] || [ "${last:m:3}" = "..." ] || [[ ${last:m} =~ ^\ *$ ]] &&
				rest=$last
			j=0 k=$((k + 1))
			continue
		fi
		printf 'silent\t%s\t%s\n' "${rest:0:j}" "${rest:j:3}"
		return
	done
}

# cut_marked WHERE TEXT LONG...: wherever the start of a LONG text shows,
# it shows whole (on one row, or wrapped: the row ends where it breaks
# and the next row goes on with the rest), or cut by its width with the
# mark "..." right after the part shown, on its first row or a row it
# wraps to (never cut silently, by the screen's edge, a column or a
# limit on its rows).
cut_marked() {
	local where=$1 text=$2 long k got rows shown next
	local LC_ALL=C.utf8
	shift 2
	mapfile -t rows <<<"$text"
	for long in "$@"; do
		for k in "${!rows[@]}"; do
			[ "${rows[k]#*"${long:0:4}"}" != "${rows[k]}" ] || continue
			got=$(long_trace "$k" "$long")
			case $got in
			silent*)
				IFS=$'\t' read -r _ shown next <<<"$got"
				fail "$where: \"$long\" is cut without its mark: \"$shown\" then \"$next\"" ;;
			esac
		done
	done
}

# cut_at TEXT LONG: "COLUMN ROW" (from 0) where LONG starts on the screen
# TEXT when it shows cut with its mark (on that row or one it wraps to),
# or nothing.
cut_at() {
	local LC_ALL=C.utf8 k rows
	mapfile -t rows <<<"$1"
	for k in "${!rows[@]}"; do
		[ "${rows[k]#*"${2:0:4}"}" != "${rows[k]}" ] || continue
		if [ "$(long_trace "$k" "$2")" = marked ]; then
			printf '%s %s\n' "$(printf '%s' "${rows[k]%%"${2:0:4}"*}" | wc -L)" "$k"
			return
		fi
	done
}

# shows_whole TEXT LONG: LONG is on the screen TEXT, on one row or
# wrapped over several (rows joined, their margins dropped; a row the
# wrap ended at a space has lost it, so spaces are compared last).
shows_whole() {
	local joined
	joined=$(printf '%s\n' "$1" | sed -E 's/^ +//; s/ +$//' | tr -d '\n')
	grep -qF -- "$2" <<<"$joined" && return 0
	tr -d ' ' <<<"$joined" | grep -qF -- "$(tr -d ' ' <<<"$2")"
}

# bar_lacks WHERE KEY...: the key bar does not offer KEY (a key that
# does nothing in the state shown).
bar_lacks() {
	local where=$1 bar k
	shift
	bar=$(screen_text | tail -n 2)
	for k in "$@"; do
		if printf '%s\n' "$bar" | grep -qE "(^| )$k "; then
			fail "$where: the key bar offers $k, which does nothing here: ${bar//$'\n'/ | }"
		fi
	done
}

# screen_check WHERE [LONG...]: what every screen must be, at any size:
# no English word (but the names in the array E2E_NAMES, if set), the
# key bar whole, no menu choice out of sight, and each LONG text whole
# or cut with its mark. The screen checked is left in $checked_screen.
screen_check() {
	local where=$1 text
	shift
	text=$(screen_settled)
	checked_screen=$text
	(no_english "$text" ${E2E_NAMES[@]+"${E2E_NAMES[@]}"} >/dev/null) || {
		(no_english "$text" ${E2E_NAMES[@]+"${E2E_NAMES[@]}"}) | tail -n 1
		fail "$where: an English word"
	}
	keybar_fits "$where" "$text"
	menu_whole "$where" "$text"
	cut_marked "$where" "$text" "$@"
}
