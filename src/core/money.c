/*
 * money: yuan as typed into int64_t fen, digit by digit, no floating
 * point. After NFKC, "￥" is "¥" (U+00A5) and full-width digits, commas
 * and points are ASCII.
 */
#include "config.h"
#include "money.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "i18n.h"

#define MONEY_YUAN_SIGN "\xc2\xa5" /* ¥ U+00A5 */
#define MONEY_MINUS_SIGN "\xe2\x88\x92" /* − U+2212 */

static bool money_skip(const char **p, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

static void money_skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

static bool money_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The yuan part: digits, or groups of three after commas. Adds them to
 * *v; false on overflow (then *v is meaningless). *format is set when the
 * commas are out of place.
 */
static bool money_read_yuan(const char **p, int64_t *v, bool *format)
{
	size_t group = 0;
	bool grouped = false;

	*format = false;
	for (;; (*p)++) {
		char c = **p;

		if (c == ',') {
			/* the first group 1-3 digits, every later one exactly 3 */
			if (group == 0 || group > 3 || (grouped && group != 3) ||
			    !money_is_digit((*p)[1])) {
				*format = true;
				return true;
			}
			grouped = true;
			group = 0;
			continue;
		}
		if (!money_is_digit(c))
			break;
		if (*v > (INT64_MAX - (c - '0')) / 10)
			return false;
		*v = *v * 10 + (c - '0');
		group++;
	}
	if (group == 0 || (grouped && group != 3))
		*format = true;
	return true;
}

static enum money_reason money_check(const char *p, int64_t *fen)
{
	int64_t yuan = 0, cents = 0;
	bool format;
	int decimals = 0;

	if (*p == '\0')
		return MONEY_EMPTY;
	if (money_skip(&p, MONEY_YUAN_SIGN))
		money_skip_spaces(&p);
	/* "-12", "¥-12", and "-¥12" (the minus is not skipped as a sign) */
	if (money_skip(&p, "-") || money_skip(&p, MONEY_MINUS_SIGN))
		return MONEY_NEGATIVE;
	if (!money_read_yuan(&p, &yuan, &format))
		return MONEY_TOO_LARGE;
	if (format)
		return MONEY_FORMAT;
	if (*p == '.') {
		p++;
		if (!money_is_digit(*p))
			return MONEY_FORMAT;
		while (money_is_digit(*p)) {
			if (++decimals <= 2)
				cents = cents * 10 + (*p - '0');
			p++;
		}
		if (decimals == 1)
			cents *= 10;
	}
	money_skip_spaces(&p);
	if (money_skip(&p, "元"))
		money_skip(&p, "整");
	if (*p != '\0')
		return MONEY_FORMAT;
	if (decimals > 2)
		return MONEY_DECIMALS;
	if (yuan > (INT64_MAX - cents) / 100)
		return MONEY_TOO_LARGE;
	*fen = yuan * 100 + cents;
	return MONEY_OK;
}

enum money_reason money_parse_yuan(const char *s, int64_t *fen)
{
	char *norm = normalize_input(s, 0);
	enum money_reason r;

	if (!norm)
		return MONEY_FORMAT;
	r = money_check(norm, fen);
	free(norm);
	return r;
}

const char *money_reason_msg(enum money_reason r)
{
	switch (r) {
	case MONEY_OK:
		return NULL;
	case MONEY_EMPTY:
		return N_("enter the amount");
	case MONEY_FORMAT:
		return N_("write the amount in yuan, for example 1234.50");
	case MONEY_NEGATIVE:
		return N_("the amount cannot be negative");
	case MONEY_DECIMALS:
		return N_("an amount has at most 2 decimal places");
	case MONEY_TOO_LARGE:
		return N_("the amount is too large");
	}
	abort(); /* not an enum money_reason */
}

void money_format_yuan(struct sbuf *out, int64_t fen)
{
	/* INT64_MIN has no positive counterpart: work in unsigned. */
	uint64_t u = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	if (fen < 0)
		sbuf_addch(out, '-');
	if (u % 100 == 0)
		sbuf_addf(out, "%llu", (unsigned long long)(u / 100));
	else
		sbuf_addf(out, "%llu.%02llu", (unsigned long long)(u / 100),
			  (unsigned long long)(u % 100));
}
