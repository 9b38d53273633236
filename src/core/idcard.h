/*
 * idcard: resident identity numbers (公民身份号码, GB 11643-1999).
 *
 * A number has 18 characters: a 6-digit address code, the birth date
 * YYYYMMDD, a 3-digit sequence whose last digit is odd for men and even
 * for women, and a check character (0-9 or X) over the first 17.
 * idcard_parse accepts what people type (full-width digits, lower-case x,
 * spaces anywhere) and stores the number in its one canonical form.
 *
 * Old 15-digit numbers are refused with their own reason, never converted:
 * the person has an 18-digit number and that is the one to record.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_IDCARD_H
#define WC_CORE_IDCARD_H

#include <stdbool.h>

#include "date.h"

#define IDCARD_LEN 18

enum idcard_reason {
	IDCARD_OK = 0,
	IDCARD_EMPTY, /* nothing typed */
	IDCARD_OLD_15, /* 15 digits: the pre-1999 form */
	IDCARD_LENGTH, /* not 18 characters */
	IDCARD_CHARS, /* not 17 digits then a digit or X */
	IDCARD_PROVINCE, /* first two digits are no province-level code */
	IDCARD_BIRTH_INVALID, /* digits 7-14 are no real day */
	IDCARD_CHECK, /* the check character does not match */
	IDCARD_BIRTH_FUTURE, /* born after today */
	IDCARD_BIRTH_TOO_EARLY, /* born before 1900-01-01 */
};

enum idcard_sex {
	IDCARD_FEMALE,
	IDCARD_MALE,
};

/* A valid number and what it says. Filled only by idcard_parse. */
struct idcard {
	char number[IDCARD_LEN + 1]; /* canonical: digits, final X upper case */
	struct date birth;
	enum idcard_sex sex;
};

/*
 * Normalise s (see normalize.h: NFKC, all blanks removed, x made X) and
 * check it. today is the caller's current date (core has no clock) and
 * must exist. The checks run in this order, and the first failure is
 * returned: empty, 15 digits, length, characters, province, birth date
 * exists, check character, birth date not after today and not before
 * 1900-01-01. The range comes last so that a number whose check character
 * is right but whose date is implausible says so. *id is set only on
 * IDCARD_OK.
 *
 * Province-level codes: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81,
 * 82, and 83, the code the residence permits of Taiwan residents use
 * (810000, 820000 and 830000 on 港澳台居民居住证).
 */
enum idcard_reason idcard_parse(const char *s, struct date today, struct idcard *id);

/* Untranslated message (msgid) for a reason; NULL for IDCARD_OK. */
const char *idcard_reason_msg(enum idcard_reason r);

/*
 * Age in whole years on day, which must not be before the birth date.
 * Born on 29 February: a year older on 1 March in years without a
 * 29 February (still the younger age on 28 February).
 */
int idcard_age_on(const struct idcard *id, struct date day);

/* Whether the address code is in Anhui (it begins 34). */
bool idcard_is_anhui(const struct idcard *id);

/*
 * The number for display with the birth date and sequence hidden: the
 * region (first 6) and the check character kept, as the database masks
 * it ("340104***********X"; doc/architecture.md, Masking). number is a
 * stored number: anything that is not exactly 18 bytes comes out as 18
 * '*', so no input can leak through.
 * out holds IDCARD_LEN + 1 bytes.
 */
void idcard_mask(const char *number, char out[IDCARD_LEN + 1]);

#endif
