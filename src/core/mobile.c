/* mobile: mainland mobile numbers, reduced to their 11 digits. */
#include "config.h"
#include "mobile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "i18n.h"

/* Drop the hyphens from s, in place. */
static void mobile_drop_hyphens(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++)
		if (*r != '-')
			*w++ = *r;
	*w = '\0';
}

static enum mobile_reason mobile_check(const char *s, char out[MOBILE_LEN + 1])
{
	size_t n;

	if (*s == '\0')
		return MOBILE_EMPTY;
	if (*s == '+') {
		if (strncmp(s, "+86", 3) != 0)
			return MOBILE_FOREIGN;
		s += 3;
	} else if (strncmp(s, "0086", 4) == 0) {
		s += 4;
	} else if (strncmp(s, "86", 2) == 0 && strlen(s) == 2 + MOBILE_LEN) {
		s += 2;
	}
	n = strlen(s);
	if (strspn(s, "0123456789") != n)
		return MOBILE_CHARS;
	if (n != MOBILE_LEN)
		return MOBILE_LENGTH;
	if (s[0] != '1' || s[1] < '3')
		return MOBILE_PREFIX;
	memcpy(out, s, MOBILE_LEN + 1);
	return MOBILE_OK;
}

enum mobile_reason mobile_parse(const char *s, char out[MOBILE_LEN + 1])
{
	char *norm = normalize_input(s, NORMALIZE_NO_BLANKS);
	enum mobile_reason r;

	if (!norm)
		return MOBILE_CHARS;
	mobile_drop_hyphens(norm);
	r = mobile_check(norm, out);
	free(norm);
	return r;
}

const char *mobile_reason_msg(enum mobile_reason r)
{
	switch (r) {
	case MOBILE_OK:
		return NULL;
	case MOBILE_EMPTY:
		return N_("enter the mobile number");
	case MOBILE_FOREIGN:
		return N_("only mainland China mobile numbers (+86) can be used");
	case MOBILE_CHARS:
		return N_("a mobile number has only digits");
	case MOBILE_LENGTH:
		return N_("a mobile number has 11 digits");
	case MOBILE_PREFIX:
		return N_("a mobile number begins with 13 to 19");
	}
	abort(); /* not an enum mobile_reason */
}

bool phone_parse(const char *s, char out[PHONE_MAX])
{
	char digits[PHONE_MAX + 4];
	size_t n = 0;
	char *norm;

	if (mobile_parse(s, digits) == MOBILE_OK) {
		memcpy(out, digits, MOBILE_LEN + 1);
		return true;
	}
	norm = normalize_input(s, NORMALIZE_NO_BLANKS);
	if (!norm)
		return false;
	for (const char *p = norm; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n >= sizeof(digits) - 1) {
				free(norm);
				return false;
			}
			digits[n++] = *p;
		} else if (*p != '-' && *p != '(' && *p != ')') {
			free(norm);
			return false;
		}
	}
	free(norm);
	digits[n] = '\0';
	if (n < 2 || digits[0] != '0')
		return false;
	size_t area = digits[1] == '1' || digits[1] == '2' ? 3 : 4;
	if (n < area + 7 || n > area + 8)
		return false;
	snprintf(out, PHONE_MAX, "%.*s-%s", (int)area, digits, digits + area);
	return true;
}
