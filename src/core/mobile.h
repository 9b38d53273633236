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

#include <stdbool.h>

#define PHONE_MAX 16
/*
 * An organisation's contact telephone: a mobile number (as mobile_parse
 * takes it), or a landline with its area code — 0551-65123456,
 * 0551 65123456, (0551)65123456, 055165123456, 010-12345678. Area codes
 * beginning 01 or 02 have three digits, the others four; the local
 * number has 7 or 8. out gets the 11 digits, or "0551-65123456". false,
 * out untouched, if it is neither.
 */
bool phone_parse(const char *s, char out[PHONE_MAX]);

#endif
