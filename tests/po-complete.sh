#!/bin/sh
# Every message is translated: no untranslated or fuzzy entry in zh_CN.po,
# and every msgid the code uses is in it.
set -eu
po="$top_srcdir/po/zh_CN.po"
stats=$(LC_ALL=C "${MSGFMT:-msgfmt}" -c --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case "$stats" in
*untranslated* | *fuzzy*) echo "FAIL: zh_CN.po is not complete"; exit 1 ;;
esac
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
(cd "$top_srcdir" && xgettext --from-code=UTF-8 -k_ -kN_ -C -o "$pot" \
	$(grep -v '^#' po/POTFILES.in))
missing=$(msgcmp "$po" "$pot" 2>&1 | grep -c 'this message is used but not defined' || true)
if [ "$missing" -ne 0 ]; then
	msgcmp "$po" "$pot" 2>&1 | head -20
	echo "FAIL: $missing message(s) used in the code are missing from zh_CN.po"
	exit 1
fi
# Files with _() that po/POTFILES.in does not list would never be
# translated: any _( or N_( call, a variable's too (_(label)), since the
# file may gain a literal later; src/i18n.h only defines them.
for f in $(cd "$top_srcdir" && ls src/*.c src/*/*.c src/*/*.h ui/*.c ui/*.h ui/*/*.c ui/*/*.h 2>/dev/null); do
	[ "$f" = src/i18n.h ] && continue
	if grep -qE '(^|[^A-Za-z0-9_])N?_\(' "$top_srcdir/$f" && ! grep -qx "$f" "$top_srcdir/po/POTFILES.in"; then
		echo "FAIL: $f has messages but is not in po/POTFILES.in"
		exit 1
	fi
done
echo "zh_CN.po is complete"
