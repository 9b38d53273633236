/*
 * date: Gregorian calendar arithmetic and the parsing of typed dates.
 * Input goes through normalize_input first, so full-width digits and
 * separators (２０２５／７／１) are read like ASCII ones.
 */
#include "config.h"
#include "date.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "i18n.h"

/* Read 1 to max ASCII digits at *p into *v; false if there is none. */
static bool date_read_number(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n > 0;
}

/* Skip the UTF-8 text word at *p if it is there. */
static bool date_skip(const char **p, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

/* The forms after the year: "-7-1", "/7/1", ".7.1", "年7月1日". */
static enum date_reason date_parse_rest(const char *p, struct date *d)
{
	static const struct {
		const char *first, *second, *last;
	} forms[] = {
		{ "-", "-", NULL },   { "/", "/", NULL },   { ".", ".", NULL },
		{ "年", "月", "日" }, { "年", "月", "号" },
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *q = p;

		if (!date_skip(&q, forms[i].first) || !date_read_number(&q, 2, &d->month) ||
		    !date_skip(&q, forms[i].second) || !date_read_number(&q, 2, &d->day))
			continue;
		if (forms[i].last)
			date_skip(&q, forms[i].last); /* optional: "2025年7月1" */
		if (*q == '\0')
			return date_exists(*d) ? DATE_OK : DATE_INVALID;
	}
	return DATE_FORMAT;
}

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

bool date_exists(struct date d)
{
	return d.year >= 1 && d.year <= 9999 && d.day >= 1 &&
	       d.day <= date_days_in_month(d.year, d.month);
}

int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

bool date_within(struct date day, struct date from, struct date to)
{
	return date_compare(from, day) <= 0 && (to.year == 0 || date_compare(day, to) <= 0);
}

int date_years_between(struct date from, struct date to)
{
	int years;

	if (!date_exists(from) || !date_exists(to))
		abort(); /* a bug in the caller, not a typing mistake */
	if (date_compare(to, from) < 0)
		return -1;
	years = to.year - from.year;
	/* Compared as (month, day), 29 Feb is after 28 Feb: no birthday yet. */
	if (to.month < from.month || (to.month == from.month && to.day < from.day))
		years--;
	return years;
}

/* Days since 0000-03-01 of the proleptic calendar (the civil-from-days
 * algorithm counts years from March, so the leap day ends a year). */
static long date_day_number(struct date d)
{
	long y = d.year - (d.month <= 2);
	long era = y / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe;
}

long date_days_between(struct date from, struct date to)
{
	if (!date_exists(from) || !date_exists(to))
		abort(); /* a bug in the caller */
	return date_day_number(to) - date_day_number(from);
}

/* The day of a day number: date_day_number backwards. */
static struct date date_of_day_number(long z)
{
	long era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

bool date_add_days(struct date *d, long days)
{
	static const struct date first = { 1, 1, 1 }, last = { 9999, 12, 31 };
	long z;

	if (!date_exists(*d))
		abort(); /* a bug in the caller */
	z = date_day_number(*d);
	if (days < date_day_number(first) - z || days > date_day_number(last) - z)
		return false;
	*d = date_of_day_number(z + days);
	return true;
}

int date_weekday(struct date d)
{
	if (!date_exists(d))
		abort(); /* a bug in the caller */
	/* day number 0, 0000-03-01 of the proleptic calendar, was a Wednesday */
	return (int)((date_day_number(d) + 2) % 7) + 1;
}

enum date_reason date_parse(const char *s, struct date *out)
{
	char *norm = normalize_input(s, NORMALIZE_NO_BLANKS);
	const char *p = norm;
	enum date_reason r;
	struct date d;

	if (!norm)
		return DATE_FORMAT;
	if (*p == '\0') {
		r = DATE_EMPTY;
	} else if (strspn(p, "0123456789") == 8 && p[8] == '\0') {
		d.year =
			(p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		d.month = (p[4] - '0') * 10 + (p[5] - '0');
		d.day = (p[6] - '0') * 10 + (p[7] - '0');
		r = date_exists(d) ? DATE_OK : DATE_INVALID;
	} else if (strspn(p, "0123456789") == 4) {
		date_read_number(&p, 4, &d.year);
		r = date_parse_rest(p, &d);
	} else {
		r = DATE_FORMAT;
	}
	if (r == DATE_OK)
		*out = d;
	free(norm);
	return r;
}

const char *date_reason_msg(enum date_reason r)
{
	switch (r) {
	case DATE_OK:
		return NULL;
	case DATE_EMPTY:
		return N_("enter a date");
	case DATE_FORMAT:
		return N_("write the date as year-month-day, for example 2025-07-01");
	case DATE_INVALID:
		return N_("this date does not exist");
	}
	abort(); /* not an enum date_reason */
}

void date_format(struct date d, char out[11])
{
	if (!date_exists(d))
		abort();
	/* by hand: snprintf cannot know the fields are in range */
	out[0] = (char)('0' + d.year / 1000);
	out[1] = (char)('0' + d.year / 100 % 10);
	out[2] = (char)('0' + d.year / 10 % 10);
	out[3] = (char)('0' + d.year % 10);
	out[4] = '-';
	out[5] = (char)('0' + d.month / 10);
	out[6] = (char)('0' + d.month % 10);
	out[7] = '-';
	out[8] = (char)('0' + d.day / 10);
	out[9] = (char)('0' + d.day % 10);
	out[10] = '\0';
}
