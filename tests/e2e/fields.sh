#!/bin/bash
# The field editor in a real terminal, in Chinese: the sequences that make
# ncurses' form library lose or corrupt text, odd widths, rare characters,
# full-width digits, masked PINs, required fields.
. "$top_srcdir/tests/e2e/lib.sh"

out="$E2E_DIR/values"
lab() {
	local cmd
	cmd=$(printf '%q ' env LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= TERM=screen-256color \
		"WANCHUANG_LOCALEDIR=$WANCHUANG_LOCALEDIR" "$top_builddir/tests/ui/formlab" "$out" "$@")
	rm -f "$out"
	"$TMUX_BIN" -S "$E2E_SOCK" -f /dev/null new-session -d -x 100 -y 30 "$cmd"
	"$TMUX_BIN" -S "$E2E_SOCK" set-option -g remain-on-exit on >/dev/null
	expect "[ 提交 ]"
}
submitted() {
	local i=0
	while [ ! -s "$out" ] && [ $i -lt $((50 * ${E2E_SLOW:-1})) ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$out" ] || fail "the form was not submitted"
}
value() { sed -n "${1}p" "$out"; }
# width_before ROW MARK: display columns before the first MARK on screen row ROW.
width_before() {
	local line
	line=$(screen_text | sed -n "$(($1 + 1))p")
	printf '%s' "${line%%"$2"*}" | LC_ALL=zh_CN.UTF-8 wc -L
}

# 1. End after Chinese text, then type: libform inserts stray spaces.
lab "姓名:1:20" "备注:2:10" "窄栏:1:9" "两行窄栏:2:9"
type_text "天地人"
keys End
type_text "x"
expect "天地人x"
keys Tab
# 2. Ten Chinese characters in a 2x10 field: libform returns eight.
type_text "一二三四五六七八九十"
keys Home
expect "一二三四五"
expect "六七八九十"
keys Tab
# 3. Odd widths: 9 columns hold four Chinese characters per row, never half a fifth.
type_text "天地人和平"
keys Home
expect "天地人和"
keys Tab
type_text "春夏秋冬梅"
expect "春夏秋冬"
# row: columns before the edge mark (label 1 + 12, then the field's width)
for rw in 1:33 3:23 4:23 6:22 8:22 9:22; do
	row=${rw%%:*} want=${rw##*:}
	got=$(width_before "$row" '|')
	[ "$got" -eq "$want" ] || fail "row $row: $got columns before the field's edge mark, want $want"
done
keys F2
submitted
[ "$(value 1)" = "天地人x" ] || fail "field 1 holds \"$(value 1)\""
[ "$(value 2)" = "一二三四五六七八九十" ] || fail "the 2-line field returned \"$(value 2)\""
[ "$(value 3)" = "天地人和平" ] || fail "the odd-width field returned \"$(value 3)\""
[ "$(value 4)" = "春夏秋冬梅" ] || fail "the odd-width 2-line field returned \"$(value 4)\""
pass "no character lost, none drawn past an edge"
stop_terminal

# 4. Characters outside the BMP, editing by character; overwrite.
lab "姓名:1:20"
type_text "吉𠮷祥"
keys Left BSpace
expect "吉祥"
type_text "𠮷"
keys Home Right IC
type_text "喆"
expect "[改写]"
keys F2
submitted
[ "$(value 1)" = "吉喆祥" ] || fail "rare characters: \"$(value 1)\""
pass "𠮷 typed, deleted and overwritten as one character"
stop_terminal

# 5. A PIN: full-width digits from an input method count, letters do not,
# and nothing of it shows.
lab "查询密码:1:10:md" "身份证号:1:20:i"
type_text "１２３ab456"
expect "******"
expect_not "123"
keys Tab
type_text "３４０１０４１９９００３０７１２３ｘ"
expect "34010419900307123X"
keys F2
submitted
[ "$(value 1)" = "123456" ] || fail "PIN \"$(value 1)\""
[ "$(value 2)" = "34010419900307123X" ] || fail "ID \"$(value 2)\""
pass "full-width digits taken, letters refused, PIN masked"
stop_terminal

# 6. A required field left empty: the message, the focus, and what was typed stays.
lab "姓名:1:20:r" "手机号:1:20:r"
keys Tab
type_text "13800000000"
keys F2
expect "此项为必填项。"
type_text "王五"
expect "王五"
expect "13800000000"
keys F2
submitted
[ "$(value 1)" = "王五" ] && [ "$(value 2)" = "13800000000" ] || fail "after the error: $(cat "$out")"
pass "required field: message, focus, nothing lost"
stop_terminal

# 7. Validation on leaving a field, in Chinese, keeping what was typed;
# submit goes to the first field with a problem.
lab "身份证号:1:24:iI" "手机号码:1:20:M" "信用代码:1:24:C" "金额:1:12:Y"
type_text "340104199003071230"
keys Tab
expect "校验位错误"
expect "340104199003071230"
type_text "1380000"
keys Tab
expect "手机号码应为11位数字"
type_text "91340000711771143J"
keys Tab
expect_not "统一社会信用代码"
type_text "12.345"
keys F2
expect "金额最多保留两位小数"
expect "校验位错误"
# the focus went back to the first bad field: the ID number
keys End BSpace
type_text "5"
keys Tab
expect_gone "校验位错误"
pass "validators speak Chinese under their fields and keep the text"

# 8. A multi-line field breaks rows as the text is shown afterwards: no row
# starts with a comma, SYB2025 is not cut, Up moves through wrapped rows.
lab "说明:5:10"
type_text "一二三四五，六七"
expect "五，六七" # by cluster it was 一二三四五 then ，六七
keys Enter
type_text "参加SYB2025培训"
expect "SYB2025培" # by cluster: 参加SYB202 then 5培训
for row in 1 2 3 4 5; do
	got=$(width_before "$row" '|')
	[ "$got" -eq 23 ] || fail "row $row: $got columns before the field's edge mark, want 23"
done
keys Up # from after 训 (row 5, column 2) to column 2 of the row above: before B
type_text "X"
expect "SYXB2025培"
keys F2
submitted
[ "$(value 1)" = '一二三四五，六七\n参加SYXB2025培训' ] || fail "the multi-line field returned \"$(value 1)\""
pass "multi-line rows break by the Chinese rules while typing"

# 9. A flag is one cluster of two regional indicators: drawn whole, and
# Backspace deletes it whole (libunistring 1.0 alone split it).
lab "国旗:1:20"
type_text "中🇨🇳国"
expect "中🇨🇳国"
keys Left BSpace
keys F2
submitted
[ "$(value 1)" = '中国' ] || fail "the flag field returned \"$(value 1)\""
pass "a flag is drawn and deleted whole"
