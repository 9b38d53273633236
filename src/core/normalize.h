/*
 * normalize: typed input made comparable before it is validated.
 *
 * People type identity numbers and codes with a Chinese input method left
 * in full-width mode (３４０１…, ｘ), paste them with spaces around, or
 * group the digits ("3401 0419 …"). Everything here first applies Unicode
 * NFKC, which turns full-width ASCII into ASCII and U+3000 (ideographic
 * space) and no-break spaces into plain spaces. NFKC also turns ①, ² and
 * the Roman numeral Ⅹ into 1, 2 and X; that is harmless because the
 * result is validated afterwards.
 *
 * "Blank" below means a Unicode White_Space character, or one of the
 * invisible U+200B (zero-width space), U+2060 (word joiner) and U+FEFF
 * (byte order mark) that come along with pasted text.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_NORMALIZE_H
#define WC_CORE_NORMALIZE_H

enum normalize_flags {
	NORMALIZE_NO_BLANKS = 1 << 0, /* remove blanks inside too, not only at the ends */
	NORMALIZE_ASCII_UPPER = 1 << 1, /* a-z become A-Z; other letters unchanged */
	/*
	 * A person's name: blanks inside become one space, and none is kept
	 * between two Chinese characters or next to the middle dot (rosters
	 * pad two-character names to line up with three: 王　五 is 王五;
	 * 阿卜杜 · 热合曼 is 阿卜杜·热合曼; Zhang San stays as it is).
	 */
	NORMALIZE_NAME = 1 << 2,
};

/*
 * s (NUL-terminated) in NFKC, blanks removed from both ends, then flags
 * applied. NULL if s is not valid UTF-8. Caller frees.
 */
char *normalize_input(const char *s, int flags);

/*
 * A person's name as it is stored and searched (NORMALIZE_NAME): 王　五
 * from a roster or a space typed at the desk gives 王五. Text that is not
 * UTF-8 comes back as it is, for the validation after to refuse. Never
 * NULL. Caller frees.
 */
char *normalize_name(const char *s);

/*
 * A key for searching: s case-folded and in NFKC (so "ＡＢＣ", "abc" and
 * "ABC" are the same key, and "Straße" matches "STRASSE"), blanks removed
 * from both ends and each run of blanks inside made one space. Chinese
 * text is unchanged. NULL if s is not valid UTF-8. Caller frees.
 */
char *normalize_search_key(const char *s);

#endif
