#!/bin/bash
# Every screen whole: a walk through each choice of each role's home (the
# kiosk's welcome, a person signed in at the kiosk, counter, supervisor,
# operator, bureau, provider, a city's staff), with lists longer than a page, checking
# each screen with screen_check (lib.sh): no English word, the key bar
# whole, no menu choice out of sight, and the long texts the walk planted
# (a joint notice's issuers, a provider's name, an audit entry's object,
# a category of people) whole or cut with their mark; where one is cut,
# Enter or a detail view shows it whole. At 100x30 here; walk_80x24.sh
# walks at 80x24 and presses every function key on the way (WALK_SIZE
# and WALK_FKEYS), the two running side by side in make check.
. "$top_srcdir/tests/e2e/lib.sh"
need_db
# what a function key exports goes with the test's files
export WANCHUANG_EXPORT_DIR="$E2E_DIR"

policies=$top_srcdir/data/policies/policies.csv
"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$policies" >/dev/null 2>&1 ||
	"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$policies" >/dev/null ||
	fail "the shipped policies do not import"

# --- data: lists longer than a page, and long texts ----------------------
county=341524
tag=$(e2e_code K)
E2E_PLANTED_TAG=$tag
code=$(valid_code $county)
provider_name="金寨县大别山革命老区创业就业综合服务指导中心$tag"
sql "SELECT wc_admin.provider_add('$code', '$provider_name', '$county', '金寨县梅山镇红军路1号', '周', '0564-7000000')" >/dev/null
sql "SELECT wc_admin.service_add('$tag' || n, '$code', '创业指导$tag' || n, 'guidance', false, false, 0, false,
     '$county', '一对一创业指导。', '金寨县创业大厦', '0564-7000000', 24) FROM generate_series(1, 24) n" >/dev/null
slot=$(sql "SELECT wc_admin.slot_add('${tag}1', ((now() AT TIME ZONE 'Asia/Shanghai')::date + 3 + time '09:00')::timestamp, 60, 5, '')")
id=$(valid_id $county $(random_birth))
person=$(person_with_pin "$id" 李文 13955501235 "$county" 583920 '{graduate}')
kiosk=$(terminal_add kiosk $county)
ktoken=$(as_terminal "$kiosk" "SELECT token FROM api.citizen_login('$id', '583920')")
got=$(as_terminal "$kiosk" "SELECT outcome FROM api.citizen_book('$ktoken', gen_random_uuid(), $slot, NULL, NULL)")
[ "$got" = ok ] || fail "booking the service: $got"
booking=$(sql "SELECT id FROM wc.booking WHERE person_id = $person")
got=$(as_terminal "$kiosk" "SELECT outcome FROM api.citizen_complaint_file('$ktoken', gen_random_uuid(), 'booking', $booking, 'not_delivered', '约好的辅导没有按时开始。')")
[ "$got" = ok ] || fail "filing the complaint: $got"
as_terminal "$kiosk" "SELECT api.citizen_logout('$ktoken')" >/dev/null 2>&1 || true

staff=$(terminal_add staff)
sup=$(staff_add supervisor 340000 孙丽 'Supervise-2026')
clerk=$(staff_add counter $county 刘敏 'Jinzhai-2026')
oper=$(staff_add operator 340000 周强 'Operate-2026')
bureau=$(staff_add bureau 340000 吴芳 'Bureau-2026')
city=$(staff_add counter 341500 陈市 'Luan-2026-city') # 六安市: its counties' budgets
prov=$(PROVIDER=$code staff_add provider $county 陈静 'Provide-2026')
# a record of misuse against the person, waiting for the supervisor, so
# that 违规记录 lists one and Enter on it shows 违规记录处理过程; its
# reason longer than the two rows the queue and the person's records give
# it (cut there with the mark) and shorter than the three the steps give
# each text (whole there, at both sizes)
oper_id=$(sql "SELECT id FROM wc.staff WHERE username = '$oper'")
sanction_reason="经调取预约与签到记录核实：预约后多次未到场且未提前取消，服务机构三次电话联系均未接听，占用的名额无法另行安排给候补人员，另有同期两名候补人员因此未能参加开业指导课程$tag"
got=$(sql "WITH s AS (INSERT INTO wc.person_sanction (person_id, kind, reason, days, proposed_by)
	VALUES ($person, 'no_show', '$sanction_reason', 30, $oper_id) RETURNING *)
	SELECT (wc.sanction_step(s, $oper_id, 's' || $oper_id, gen_random_uuid(), 'propose', s.reason)).outcome FROM s")
[ "$got" = ok ] || fail "recording misuse: $got"
# the audit log: more entries than a page, the newest with an object
# longer than its column
audit_object="关于调整大别山革命老区创业就业综合服务指导中心服务价格与分成比例的申请$tag"
sup_id=$(sql "SELECT id FROM wc.staff WHERE username = '$sup'")
sql "INSERT INTO wc.audit (staff_id, action, object)
     SELECT $sup_id, 'login_failed', '巡检' || i FROM generate_series(1, 40) i" >/dev/null
# (an action no other test writes: the tests running beside this one
# write entries too, and the walk searches for it)
sql "INSERT INTO wc.audit (staff_id, action, object) VALUES ($sup_id, 'calendar_set', '$audit_object')" >/dev/null

# a policy of the county issued jointly, its issuers (发文机关) longer
# than any row, in force from today (the lists show the newest first)
issuer="金寨县人民政府办公室、六安市人力资源和社会保障局、六安市财政局、国家金融监督管理总局六安监管分局$tag"
printf '编号,标题,发文字号,发文机关,适用地区,生效日期,扶持方式\n%s,创业补贴%s,金政办〔2026〕1号,%s,%s,%s,资金补贴\n' \
	"W$tag" "$tag" "$issuer" "$county" "$(date +%F)" >"$E2E_DIR/policy.csv"
"$ADMIN" --db "$WANCHUANG_TEST_DB" import policies "$E2E_DIR/policy.csv" >/dev/null ||
	fail "the joint policy does not import"

# the long texts every screen must show whole or cut with their mark
longs=("$provider_name" "$audit_object" "$issuer" 化解过剩产能企业职工和失业人员 "$sanction_reason")

# names of training programmes in the shipped policies (SYB: Start Your
# Business), as Chinese documents write them, and the common password
# 1qaz2wsx the password screen warns against
E2E_NAMES=(GYB SYB IYB qaz wsx)

# --- the walk -------------------------------------------------------------

# back_to MARK: Esc until MARK (the home's) shows.
back_to() {
	local i j
	for i in 1 2 3 4; do
		for j in 1 2 3 4 5 6 7 8 9 10; do
			screen_text | grep -qF -- "$1" && return 0
			[ $i = 1 ] && break
			sleep 0.1
		done
		keys Escape
	done
	expect "$1"
}

# read_rest WHERE: where a long text shows cut (with its mark), a tap on
# it and Enter must show it whole (its row's detail view).
read_rest() {
	local text long at
	# the screen as it stands now: the last function key pressed may have
	# left it otherwise than when it was checked (a field open above a
	# list moves its rows down one)
	text=$(screen_settled)
	for long in "${longs[@]}"; do
		at=$(cut_at "$text" "$long")
		[ -n "$at" ] || continue
		tap $at
		sleep 0.2
		keys Enter
		shows_whole_tagged "$(screen_settled)" "$long" ||
			fail "$1: \"$long\" is cut, and a tap on it and Enter do not show it whole"
		cuts_read=$(( cuts_read + 1 ))
		return
	done
}

# moved_label FROM: into $label, the label of the choice the cursor stands
# on once it has left FROM (the one it stood on before the keys that move
# it, never the one they move it to) and two readings a moment apart agree.
moved_label() {
	local a b i=0 limit=$(( 40 * ${E2E_SLOW:-1} ))
	a=$(selected_label)
	while [ $i -lt $limit ]; do
		sleep 0.05
		b=$(selected_label)
		[ "$a" != "$b" ] || [ "$b" = "$1" ] || break
		a=$b
		i=$((i + 1))
	done
	[ "$b" != "$1" ] || fail "the cursor stays on \"$1\""
	label=$b
}

# entered LABEL: what the walk does on entering the choice LABEL: in the
# audit log, search for the entry planted with a long object.
entered() {
	if [ "$1" = 审计日志 ]; then
		expect "查看审计日志"
		keys Tab
		type_text "调整工作日历"
		keys F2
		expect "孙丽          调整工作日历"
	fi
}

# came_back SCREEN MARK: after Esc, wait until the screen is SCREEN again
# (the key's view closed) or the home (MARK) shows instead (the key
# changed the screen in place); whether it is SCREEN.
came_back() {
	local i=0 limit=$(( 20 * ${E2E_SLOW:-1} )) now
	while [ $i -lt $limit ]; do
		now=$(screen_text)
		[ "$now" = "$1" ] && return 0
		[[ $now != *"$2"* ]] || return 1
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# press_fkeys WHERE MARK I LABEL: on the screen just checked, the I-th choice
# of the home showing MARK, press each function key the bar offers (but
# help and the ways out), check what it shows, and come back: Esc, or
# when that does not give the screen back as it was, home and in again.
# Each step waits for what the key or Esc draws, not for a fixed time.
press_fkeys() {
	local where=$1 mark=$2 i=$3 label=$4 screen before back k j
	screen=$checked_screen before=$checked_screen
	for k in $(printf '%s\n' "$screen" | tail -n 2 | grep -oE '(^| )F[0-9]+ ' | tr -d ' ' | sort -u); do
		case $k in F1 | F10 | F12) continue ;; esac
		keys "$k"
		back=
		# a key that leaves the screen as it was gives no sign that Esc
		# has been read: home and in again then
		if screen_leaves "$before"; then
			screen_check "$where: $k" "${longs[@]}"
			keys Escape
			came_back "$screen" "$mark" && back=1
		else
			screen_check "$where: $k" "${longs[@]}"
		fi
		if [ -n "$back" ]; then
			before=$screen
		else
			back_to "$mark"
			# shellcheck disable=SC2046
			keys Home $(for j in $(seq 1 "$i"); do printf 'Down '; done) Enter
			expect_gone "$mark"
			entered "$label"
			before=$(screen_settled)
		fi
		fkeys_pressed=$(( fkeys_pressed + 1 ))
	done
}

# walk_menu WHERE MARK COUNT [SKIP...]: from the home showing MARK, open
# each of its first COUNT choices (but the SKIP labels), check the screen
# and come back.
walk_menu() {
	local where=$1 mark=$2 count=$3 i j label row
	shift 3
	screen_check "$where: home" "${longs[@]}"
	for i in $(seq 0 $(( count - 1 ))); do
		if [ "$i" = 0 ]; then
			keys Home
			sleep 0.2
			label=$(selected_label)
		else
			label=$(selected_label)
			# shellcheck disable=SC2046
			keys Home $(for j in $(seq 1 $i); do printf 'Down '; done)
			moved_label "$label"
		fi
		case " $* " in *" $label "*) continue ;; esac
		keys Enter
		expect_gone "$mark"
		entered "$label"
		# the queue holds other tests' records too: this walk's (or the
		# other walk's, the same text) selected, its reason in the detail
		if [ "$label" = 违规记录 ]; then
			for j in $(seq 40); do
				screen_text | grep -qF "原因：${sanction_reason:0:12}" && break
				keys Down; sleep 0.1
			done
			expect "原因：${sanction_reason:0:12}"
		fi
		screen_check "$where: $label" "${longs[@]}"
		# keys that depend on the state: the only booking shown is not
		# yet received, so it cannot be rated; the audit log opens on
		# its newest entry, so Home (最新) has nowhere to go
		[ "$label" != 我的预约与创业券 ] || bar_lacks "$where: $label" F5
		[ "$label" != 审计日志 ] || bar_lacks "$where: $label" Home
		[ -z "${WALK_FKEYS:-}" ] || press_fkeys "$where: $label" "$mark" "$i" "$label"
		read_rest "$where: $label"
		# a record's steps: a screen a level down, opened with Enter
		if [ "$label" = 违规记录 ]; then
			keys Enter
			expect "违规记录处理过程"
			screen_check "$where: 违规记录处理过程" "${longs[@]}"
			visited=$(( visited + 1 ))
			keys Escape
			expect_gone "违规记录处理过程"
		fi
		# at 80x24 the object's column has room for the mark alone
		if [ "$label" = 审计日志 ] && ! shows_whole "$(screen_text)" "$audit_object"; then
			row=$(screen_text | grep -n "孙丽          调整工作日历" | head -n 1)
			tap 4 $(( ${row%%:*} - 1 ))
			sleep 0.2
			keys Enter
			shows_whole_tagged "$(screen_settled)" "$audit_object" ||
				fail "$where: $label: an entry's object cut to its mark, and Enter does not show it"
			cuts_read=$(( cuts_read + 1 ))
		fi
		visited=$(( visited + 1 ))
		back_to "$mark"
	done
}

# walking() ROLE: whether to walk ROLE's screens (WALK_ONLY, a list of
# roles, narrows the walk while a screen is being mended)
walking() {
	[ -z "${WALK_ONLY:-}" ] || [[ " $WALK_ONLY " == *" $1 "* ]]
}

visited=0 cuts_read=0 fkeys_pressed=0
for size in "${WALK_SIZE:-100 30}"; do
	if walking kiosk; then
		start $size -- --kiosk --db "$kiosk"
		expect "欢迎使用安徽省创业服务云平台"
		walk_menu "kiosk at $size" "欢迎使用安徽省创业服务云平台" 9 登录办理
		kiosk_sign_in "$id" 583920 "您好，李*"
		walk_menu "kiosk, signed in, at $size" "您好，李*" 7
		stop_terminal
	fi

	start $size -- --db "$staff"
	for who in "counter $clerk Jinzhai-2026 16" "supervisor $sup Supervise-2026 20" \
		"operator $oper Operate-2026 14" "bureau $bureau Bureau-2026 20" \
		"provider $prov Provide-2026 8" "city $city Luan-2026-city 17"; do
		set -- $who
		walking "$1" || continue
		sign_in "$2" "$3"
		walk_menu "$1 at $size" "工作台" $(( $4 - 1 ))
		keys F10
		expect "工作人员登录"
	done
	stop_terminal
	pass "$size: every screen of every role whole"
done
pass "$visited screens walked${WALK_FKEYS:+, $fkeys_pressed function keys pressed on them}, $cuts_read cut texts read whole"
# the joint policy goes with the walk: left, each run's would push the
# county's other policies off the first page that fit.sh reads
policies_delete "W$tag"
