/*
 * idcard: GB 11643-1999 identity numbers: checking, and what they say.
 * The check character: S = sum of digit i times weight i over the first
 * 17 digits; S mod 11 = 0..10 gives 1 0 X 9 8 7 6 5 4 3 2.
 */
#include "config.h"
#include "idcard.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "normalize.h"
#include "i18n.h"

static bool idcard_all_digits(const char *s, size_t n)
{
	return strspn(s, "0123456789") >= n;
}

static bool idcard_province_exists(int code)
{
	return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
	       (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
	       (code >= 50 && code <= 54) || (code >= 61 && code <= 65) || code == 71 ||
	       (code >= 81 && code <= 83);
}

static int idcard_digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static char idcard_check_char(const char *n17)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (n17[i] - '0') * weight[i];
	return check[sum % 11];
}

/* The checks on a normalised number; see idcard_parse. */
static enum idcard_reason idcard_check(const char *s, struct date today, struct idcard *id)
{
	static const struct date earliest = { 1900, 1, 1 };
	size_t bytes = strlen(s), chars = u8_mbsnlen((const uint8_t *)s, bytes);
	struct date birth;

	if (chars == 0)
		return IDCARD_EMPTY;
	if (bytes == 15 && idcard_all_digits(s, 15))
		return IDCARD_OLD_15;
	if (chars != IDCARD_LEN)
		return IDCARD_LENGTH;
	if (bytes != IDCARD_LEN || !idcard_all_digits(s, 17) ||
	    !((s[17] >= '0' && s[17] <= '9') || s[17] == 'X'))
		return IDCARD_CHARS;
	if (!idcard_province_exists(idcard_digits(s, 2)))
		return IDCARD_PROVINCE;
	birth.year = idcard_digits(s + 6, 4);
	birth.month = idcard_digits(s + 10, 2);
	birth.day = idcard_digits(s + 12, 2);
	if (!date_exists(birth))
		return IDCARD_BIRTH_INVALID;
	if (idcard_check_char(s) != s[17])
		return IDCARD_CHECK;
	if (date_compare(birth, today) > 0)
		return IDCARD_BIRTH_FUTURE;
	if (date_compare(birth, earliest) < 0)
		return IDCARD_BIRTH_TOO_EARLY;
	memcpy(id->number, s, IDCARD_LEN + 1);
	id->birth = birth;
	id->sex = (s[16] - '0') % 2 ? IDCARD_MALE : IDCARD_FEMALE;
	return IDCARD_OK;
}

enum idcard_reason idcard_parse(const char *s, struct date today, struct idcard *id)
{
	char *norm;
	enum idcard_reason r;

	if (!date_exists(today))
		abort(); /* the caller's clock, not the person's typing */
	norm = normalize_input(s, NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	if (!norm)
		return IDCARD_CHARS;
	r = idcard_check(norm, today, id);
	free(norm);
	return r;
}

const char *idcard_reason_msg(enum idcard_reason r)
{
	switch (r) {
	case IDCARD_OK:
		return NULL;
	case IDCARD_EMPTY:
		return N_("enter the ID number");
	case IDCARD_OLD_15:
		return N_("old 15-digit ID number: please use the 18-digit number");
	case IDCARD_LENGTH:
		return N_("an ID number has 18 characters");
	case IDCARD_CHARS:
		return N_("an ID number has 17 digits and then a digit or X");
	case IDCARD_PROVINCE:
		return N_("the first two digits of the ID number are not a province code");
	case IDCARD_BIRTH_INVALID:
		return N_("birth date does not exist");
	case IDCARD_CHECK:
		return N_("wrong check character");
	case IDCARD_BIRTH_FUTURE:
		return N_("birth date is in the future");
	case IDCARD_BIRTH_TOO_EARLY:
		return N_("birth date is before 1900");
	}
	abort(); /* not an enum idcard_reason */
}

int idcard_age_on(const struct idcard *id, struct date day)
{
	int age = date_years_between(id->birth, day);

	if (age < 0)
		abort(); /* asked for an age before birth: a bug in the caller */
	return age;
}

bool idcard_is_anhui(const struct idcard *id)
{
	return id->number[0] == '3' && id->number[1] == '4';
}

void idcard_mask(const char *number, char out[IDCARD_LEN + 1])
{
	memset(out, '*', IDCARD_LEN);
	out[IDCARD_LEN] = '\0';
	if (strlen(number) != IDCARD_LEN)
		return;
	memcpy(out, number, 6);
	out[IDCARD_LEN - 1] = number[IDCARD_LEN - 1];
}
