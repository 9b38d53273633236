#!/bin/bash
# Every home shows all its choices at once, at 80x24 and 100x30: each
# choice ↓ reaches was on the screen before any key moved (修改密码 and
# 退出登录 too), no position line says some are out of sight, and where
# the choices stand in two columns → and ← move between them.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

county=341524
code=$(valid_code $county)
sql "SELECT wc_admin.provider_add('$code', '金寨创业指导站$(e2e_code H)', '$county', '金寨县梅山镇1号', '周', '0564-7000000')" >/dev/null
staff=$(terminal_add staff)
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
bureau=$(staff_add bureau 340000 吴芳 'Bureau-2026')
oper=$(staff_add operator 340000 周强 'Operate-2026')
clerk=$(staff_add counter $county 刘敏 'Jinzhai-2026')
city=$(staff_add counter 341500 陈市 'Luan-2026-city')
prov=$(PROVIDER=$code staff_add provider $county 陈静 'Provide-2026')

# settled_label FROM: the label of the selected choice once it is not FROM.
settled_label() {
	local i=0 now
	while [ $i -lt $(( 30 * ${E2E_SLOW:-1} )) ]; do
		now=$(selected_label)
		[ "$now" = "$1" ] || { printf '%s\n' "$now"; return; }
		sleep 0.1
		i=$((i + 1))
	done
	printf '%s\n' "$1"
}

for size in "80 24" "100 30"; do
	start $size -- --db "$staff"
	for who in "supervisor $sup Supervise-2026" "bureau $bureau Bureau-2026" \
		"operator $oper Operate-2026" "counter $clerk Jinzhai-2026" \
		"city $city Luan-2026-city" "provider $prov Provide-2026"; do
		set -- $who
		sign_in "$2" "$3"
		expect "退出登录"
		home=$(screen_settled)
		[[ $home != *"项，共"* ]] || fail "$1 at $size: the home hides some choices: $home"
		keys Home
		sleep 0.2
		first=$(selected_label) label=$first n=1
		while :; do
			[[ $home == *"$label"* ]] || fail "$1 at $size: \"$label\" is out of sight until ↓ reaches it"
			keys Down
			label=$(settled_label "$label")
			[ "$label" != "$first" ] || break
			n=$((n + 1))
			[ $n -le 40 ] || fail "$1 at $size: ↓ never comes back to \"$first\""
		done
		for must in 修改密码 退出登录; do
			[[ $home == *"$must"* ]] || fail "$1 at $size: $must is not shown"
		done
		pass "$1 at $size: all $n choices show at once"
		# a second column: → from the first choice to the one beside it
		# (further right, same row), ← back
		at=$(cursor)
		keys Right
		sleep 0.3
		right=$(cursor)
		if [ "$right" != "$at" ]; then
			[ "${right#* }" = "${at#* }" ] && [ "${right% *}" -gt "${at% *}" ] ||
				fail "$1 at $size: → moved the cursor from $at to $right"
			beside=$(selected_label)
			[[ $home == *"$beside"* ]] || fail "$1 at $size: → selects \"$beside\", not shown"
			keys Left
			[ "$(settled_label "$beside")" = "$first" ] || fail "$1 at $size: ← does not come back"
			pass "$1 at $size: → and ← move between the two columns"
		fi
		keys F10
		expect "工作人员登录"
	done
	stop_terminal
done
