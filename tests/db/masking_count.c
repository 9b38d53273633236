/* masking_count: candidates left by what was seen; see masking_count.h. */
#include "config.h"
#include "masking_count.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* GB 11643: weights of digits 1–17 and the check characters by sum mod 11 */
static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_char[] = "10X98765432";

enum { AGE_YOUNGEST = 16, AGE_OLDEST = 100 };

void clue_init(struct clue *c)
{
	memset(c, 0, sizeof(*c));
	memset(c->id, '?', 18);
	memset(c->mobile, '?', 11);
	c->age = -1;
	c->birth_year = -1;
}

static bool is_masked_char(char ch)
{
	return isdigit((unsigned char)ch) || ch == '*' || ch == 'X' || ch == 'x';
}

/* Whether the seen characters of run (n of them) are those of truth. */
static bool run_fits(const char *run, const char *truth, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (run[i] != '*' && toupper((unsigned char)run[i]) != truth[i])
			return false;
	return true;
}

static void run_overlay(char *pattern, const char *run, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (run[i] != '*')
			pattern[i] = (char)toupper((unsigned char)run[i]);
}

static struct date birth_of(const char *id)
{
	struct date d = { 0, 0, 0 };

	for (int i = 6; i < 10; i++)
		d.year = d.year * 10 + id[i] - '0';
	d.month = (id[10] - '0') * 10 + id[11] - '0';
	d.day = (id[12] - '0') * 10 + id[13] - '0';
	return d;
}

static bool is_integer(const char *s, long *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtol(s, &end, 10);
	return *end == '\0';
}

/* Runs of digits, X and * in value: masked or clear numbers. */
static bool runs_of(const char *value, const struct clue_target *t, struct clue *out)
{
	bool seen = false;
	const char *p = value;

	while (*p) {
		size_t n = 0;
		while (p[n] && is_masked_char(p[n]))
			n++;
		if (n == 18 && run_fits(p, t->id, 18)) {
			run_overlay(out->id, p, 18);
			seen = true;
		} else if (n == 11 && run_fits(p, t->mobile, 11)) {
			run_overlay(out->mobile, p, 11);
			seen = true;
		} else if (n == 8 && memcmp(p, t->id + 6, 8) == 0) {
			out->birth = birth_of(t->id);
			seen = true;
		}
		p += n ? n : 1;
	}
	return seen;
}

/* Any YYYY-MM-DD in value that is the birth date, or any date at all
 * in a column named for the birth. */
static bool dates_of(const char *key, const char *value, const struct clue_target *t,
		     struct clue *out)
{
	struct date birth = birth_of(t->id), d;
	bool named = strstr(key, "birth") && !strstr(key, "year");
	char part[11];

	for (const char *p = value; strlen(p) >= 10; p++) {
		memcpy(part, p, 10);
		part[10] = '\0';
		if (part[4] != '-' || part[7] != '-' || date_parse(part, &d) != DATE_OK)
			continue;
		if (named || date_compare(d, birth) == 0) {
			out->birth = d;
			return true;
		}
	}
	return false;
}

bool clue_of_field(const char *key, const char *value, const struct clue_target *t,
		   struct clue *out)
{
	size_t klen = strlen(key);
	long n;
	bool seen;

	clue_init(out);
	if (!value)
		return false;
	seen = runs_of(value, t, out);
	seen |= dates_of(key, value, t, out);
	if ((strcmp(key, "age") == 0 || (klen > 4 && strcmp(key + klen - 4, "_age") == 0)) &&
	    is_integer(value, &n)) {
		out->age = (int)n;
		seen = true;
	}
	if (strstr(key, "year") && is_integer(value, &n) && n > 1000) {
		out->birth_year = (int)n;
		seen = true;
	}
	return seen;
}

void clue_merge(struct clue *a, const struct clue *b)
{
	for (int i = 0; i < 18; i++)
		if (b->id[i] != '?')
			a->id[i] = b->id[i];
	for (int i = 0; i < 11; i++)
		if (b->mobile[i] != '?')
			a->mobile[i] = b->mobile[i];
	if (b->birth.year)
		a->birth = b->birth;
	if (b->age >= 0)
		a->age = b->age;
	if (b->birth_year >= 0)
		a->birth_year = b->birth_year;
}

static bool date_fits(const struct clue *c, struct date d, int age)
{
	int digits[8] = { d.year / 1000, d.year / 100 % 10, d.year / 10 % 10, d.year % 10,
			  d.month / 10,	 d.month % 10,	    d.day / 10,	      d.day % 10 };

	if (c->birth.year && date_compare(d, c->birth) != 0)
		return false;
	if (c->age >= 0 && age != c->age)
		return false;
	if (c->birth_year >= 0 && d.year != c->birth_year)
		return false;
	for (int i = 0; i < 8; i++)
		if (c->id[6 + i] != '?' && c->id[6 + i] - '0' != digits[i])
			return false;
	return true;
}

long clue_id_candidates(const struct clue *c, const struct clue_target *t)
{
	long by_rest[11] = { 0 }, count = 0;
	int odd = (t->id[16] - '0') % 2, head = 0;

	for (int i = 0; i < 6; i++)
		if (c->id[i] != '?' && c->id[i] != t->id[i])
			return 0;
	for (int i = 0; i < 6; i++)
		head += (t->id[i] - '0') * weight[i];
	/* digits 15–17 that fit, by what they add to the weighted sum */
	for (int s = 0; s < 1000; s++) {
		int d[3] = { s / 100, s / 10 % 10, s % 10 }, sum = 0;
		bool fits = d[2] % 2 == odd;
		for (int i = 0; i < 3 && fits; i++) {
			fits = c->id[14 + i] == '?' || c->id[14 + i] - '0' == d[i];
			sum += d[i] * weight[14 + i];
		}
		if (fits)
			by_rest[sum % 11]++;
	}
	for (int y = t->today.year - AGE_OLDEST - 1; y <= t->today.year - AGE_YOUNGEST; y++)
		for (int m = 1; m <= 12; m++)
			for (int dd = 1; dd <= date_days_in_month(y, m); dd++) {
				struct date d = { y, m, dd };
				int age = date_years_between(d, t->today), sum = head;
				if (age < AGE_YOUNGEST || age > AGE_OLDEST || !date_fits(c, d, age))
					continue;
				int digits[8] = { y / 1000, y / 100 % 10, y / 10 % 10, y % 10,
						  m / 10,   m % 10,	  dd / 10,     dd % 10 };
				for (int i = 0; i < 8; i++)
					sum += digits[i] * weight[6 + i];
				for (int r = 0; r < 11; r++)
					if (c->id[17] == '?' ||
					    c->id[17] == check_char[(sum + r) % 11])
						count += by_rest[r];
			}
	return count;
}

long clue_mobile_candidates(const struct clue *c)
{
	long count = 1;

	if (c->mobile[0] != '?' && c->mobile[0] != '1')
		return 0;
	if (c->mobile[1] == '?')
		count *= 7;
	else if (c->mobile[1] < '3')
		return 0;
	for (int i = 2; i < 11; i++)
		if (c->mobile[i] == '?')
			count *= 10;
	return count;
}
