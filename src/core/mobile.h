/*
 * mobile: mainland China mobile numbers (手机号码).
 *
 * 11 digits beginning 13 to 19. People type them with the country code
 * (+86, 0086, 86), with spaces or hyphens ("138-1234-5678"), and in
 * full-width digits; mobile_parse reduces all of these to the 11 digits.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_MOBILE_H
#define WC_CORE_MOBILE_H

#define MOBILE_LEN 11

enum mobile_reason {
	MOBILE_OK = 0,
	MOBILE_EMPTY, /* nothing typed */
	MOBILE_FOREIGN, /* a country code other than +86 */
	MOBILE_CHARS, /* something other than digits, blanks and hyphens */
	MOBILE_LENGTH, /* not 11 digits after the country code */
	MOBILE_PREFIX, /* does not begin 13-19 */
};

/*
 * Normalise s (NFKC, blanks removed), drop hyphens and a leading +86, 0086
 * or, before 11 more digits, 86, and check what is left. On MOBILE_OK out
 * holds the 11 digits and a NUL; otherwise it is untouched.
 */
enum mobile_reason mobile_parse(const char *s, char out[MOBILE_LEN + 1]);

/* Untranslated message (msgid) for a reason; NULL for MOBILE_OK. */
const char *mobile_reason_msg(enum mobile_reason r);

#endif
