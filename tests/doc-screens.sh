#!/bin/bash
# tests/doc-screens.sh: the screens the guides in doc/ show are the
# program's own. The end-to-end tests capture them into doc/screens/*.txt
# (doc_screen in tests/e2e/lib.sh fails when the program draws another);
# here every block a guide embeds after a marker
#
#     <!-- screen: NAME -->
#     ```text
#     ...the screen...
#     ```
#
# must equal doc/screens/NAME.txt, and every captured screen must be shown
# by some guide. DOC_SCREENS_UPDATE=1 rewrites the blocks from the files
# instead of failing (the only time this writes into the source tree).
set -eu

: "${top_srcdir:?run through make check}"
docs=$top_srcdir/doc
work=$(mktemp -d "${TMPDIR:-/tmp}/wc-docscreens.XXXXXX")
trap 'rm -rf "$work"' EXIT

guides=$(find "$docs" -name '*.md' | LC_ALL=C sort)
[ -n "$guides" ] || { echo "FAIL: no guides under doc/"; exit 1; }

# blocks GUIDE: for each marker, "NAME LINE" (the line of the marker), and
# the block's text in $work/block.N; a marker without a block fails.
blocks() {
	awk -v out="$work/block." -v guide="$1" '
	state == 0 && /^<!-- screen: [a-z0-9-]+ -->$/ {
		name = $3; line = NR; state = 1; next
	}
	state == 1 {
		if ($0 !~ /^```/) { printf "%s:%d: no ``` block after the marker\n", guide, line > "/dev/stderr"; exit 2 }
		n++; file = out n; printf "" > file; state = 2; next
	}
	state == 2 && /^```$/ { printf "%s %d\n", name, line; close(file); state = 0; next }
	state == 2 { print > file }
	END { if (state != 0) { printf "%s:%d: unfinished block\n", guide, line > "/dev/stderr"; exit 2 } }
	' "$1"
}

failed=0 shown=0
: >"$work/names"
for g in $guides; do
	rel=${g#"$top_srcdir"/}
	rm -f "$work"/block.*
	list=$(blocks "$g") || { failed=1; continue; }
	n=0
	rewrite=no
	while read -r name line; do
		[ -n "$name" ] || continue
		n=$((n + 1))
		echo "$name" >>"$work/names"
		shown=$((shown + 1))
		screen=$docs/screens/$name.txt
		if [ ! -f "$screen" ]; then
			echo "FAIL: $rel:$line shows \"$name\", but doc/screens/$name.txt does not exist"
			failed=1
		elif ! cmp -s "$screen" "$work/block.$n"; then
			if [ "${DOC_SCREENS_UPDATE:-}" = 1 ]; then
				rewrite=yes
			else
				echo "FAIL: $rel:$line: the block differs from doc/screens/$name.txt (DOC_SCREENS_UPDATE=1 rewrites it):"
				diff -u "$screen" "$work/block.$n" | sed 's/^/    /' || true
				failed=1
			fi
		fi
	done <<<"$list"
	if [ "$rewrite" = yes ]; then
		# each block replaced by its file, all else kept as it was
		awk -v dir="$docs/screens/" '
		state == 0 && /^<!-- screen: [a-z0-9-]+ -->$/ { print; name = $3; state = 1; next }
		state == 1 { print; while ((getline l < (dir name ".txt")) > 0) print l; close(dir name ".txt"); state = 2; next }
		state == 2 && /^```$/ { print; state = 0; next }
		state == 2 { next }
		{ print }
		' "$g" >"$work/rewritten"
		cat "$work/rewritten" >"$g"
		echo "rewrote the screens of $rel"
	fi
done

for f in "$docs"/screens/*.txt; do
	[ -e "$f" ] || continue
	name=${f##*/}
	name=${name%.txt}
	if ! grep -qx -- "$name" "$work/names"; then
		echo "FAIL: doc/screens/$name.txt is shown by no guide (add <!-- screen: $name --> and its block)"
		failed=1
	fi
	# the tarball carries DOC_SCREENS only: a file left out of it
	# fails only in make distcheck, twenty minutes later
	if ! grep -qF "doc/screens/$name.txt" "$top_srcdir/Makefile.am"; then
		echo "FAIL: doc/screens/$name.txt is not in Makefile.am's DOC_SCREENS (the tarball would lack it)"
		failed=1
	fi
done

[ $failed = 0 ] || exit 1
echo "PASS: $shown screens in the guides are the captured ones"
