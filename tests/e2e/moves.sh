#!/bin/bash
# What a key sends to the terminal. The screen's colours reach it (the
# title bar, the selected choice), and a move in a menu rewrites the two
# choices it leaves and reaches, not their notes nor the rest of the
# screen: at most 127 bytes, half of what dialog writes for the same move
# (doc/performance.md, "按键响应 / Key response").
. "$top_srcdir/tests/e2e/lib.sh"
need_db

# sent KEYS...: the bytes the program writes for the keys, read from the
# pane into $E2E_DIR/out once nothing more has come for half a second
# (valgrind is slow), away from the minute the title's clock turns.
sent() {
	local size=-1 now i=0
	while [ "$(date +%S)" -ge 57 ]; do sleep 1; done
	: >"$E2E_DIR/out"
	"$TMUX_BIN" -S "$E2E_SOCK" pipe-pane -O "cat >>'$E2E_DIR/out'"
	sleep 0.3
	keys "$@"
	while now=$(wc -c <"$E2E_DIR/out") && { [ "$now" != "$size" ] || [ "$now" = 0 ]; } &&
		[ $i -lt 20 ]; do
		size=$now
		sleep 0.5
		i=$((i + 1))
	done
	"$TMUX_BIN" -S "$E2E_SOCK" pipe-pane
}

db=$(terminal_add kiosk 341524)
start -- --kiosk --db "$db"
expect "欢迎使用安徽省创业服务云平台"
expect "服务商入驻公示"

# tmux writes a colour as its own sequence: 44 blue and 46 cyan behind
screen=$("$TMUX_BIN" -S "$E2E_SOCK" capture-pane -e -p)
printf '%s\n' "$screen" | head -n 1 | grep -q $'\e\\[44m' ||
	fail "the title bar has no colour: $(printf '%s\n' "$screen" | head -n 1 | cat -v)"
printf '%s\n' "$screen" | grep '政策查询' | grep -q $'\e\\[46m' ||
	fail "the selected choice has no colour: $(printf '%s\n' "$screen" | grep '政策查询' | cat -v)"
pass "the colours reach the terminal"

sent Down
bytes=$(wc -c <"$E2E_DIR/out")
for note in "查询扶持政策" "回答几个问题" "培训、指导"; do
	grep -qF "$note" "$E2E_DIR/out" && fail "a move rewrote the note \"$note\" ($bytes bytes: $(cat -v "$E2E_DIR/out"))"
done
[ "$bytes" -gt 0 ] || fail "a move wrote nothing"
[ "$bytes" -le 127 ] || fail "a move wrote $bytes bytes: $(cat -v "$E2E_DIR/out")"
sent Up
bytes=$(wc -c <"$E2E_DIR/out")
[ "$bytes" -le 127 ] || fail "a move back wrote $bytes bytes: $(cat -v "$E2E_DIR/out")"
pass "a menu move rewrites the two choices ($bytes bytes)"
