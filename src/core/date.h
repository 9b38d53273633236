/*
 * date: calendar dates as people type them, without a clock.
 *
 * Dates are proleptic Gregorian (1900 is not a leap year, 2000 is), years
 * 1 to 9999. Nothing here reads the clock: a caller that needs "today"
 * passes it in, so every rule that depends on the day is testable.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_DATE_H
#define WC_CORE_DATE_H

#include <stdbool.h>

struct date {
	int year; /* 1..9999 */
	int month; /* 1..12 */
	int day; /* 1..31 */
};

enum date_reason {
	DATE_OK = 0,
	DATE_EMPTY, /* nothing typed */
	DATE_FORMAT, /* not one of the forms date_parse accepts */
	DATE_INVALID, /* well formed, but no such day (2023-02-29, 2025-04-31) */
};

bool date_is_leap_year(int year);
/* Days in that month; 0 if month is not 1..12. */
int date_days_in_month(int year, int month);
/* Whether d is a real day in years 1..9999. */
bool date_exists(struct date d);
/* <0, 0, >0 as a is before, the same day as, or after b. */
int date_compare(struct date a, struct date b);
/* Whether day falls in from..to, both included; to.year 0: no end. */
bool date_within(struct date day, struct date from, struct date to);

/*
 * Whole years from from to to: an age on a given day. The count goes up on
 * the anniversary itself. For someone born on 29 February it goes up on
 * 1 March in years without a 29 February (on 28 February they are still
 * the younger age). -1 if to is before from. Both must exist.
 */
int date_years_between(struct date from, struct date to);

/* Days from from to to (negative if to is before from). Both must exist. */
long date_days_between(struct date from, struct date to);

/* The day days after *d (before it, if negative). False, and *d
 * untouched, if that day would fall outside years 1..9999. *d must exist. */
bool date_add_days(struct date *d, long days);

/* The day of the week, ISO 8601: 1 Monday … 7 Sunday. d must exist. */
int date_weekday(struct date d);

/*
 * Parse a date as spreadsheets and people write it: "2025-07-01",
 * "2025-7-1", "2025/7/1", "2025.7.1", "2025年7月1日" (or 号 for 日),
 * "20250701", in full-width digits too, with spaces around the parts.
 * The year has 4 digits, month and day 1 or 2; one kind of separator per
 * date. *out is set only on DATE_OK.
 */
enum date_reason date_parse(const char *s, struct date *out);
/* Untranslated message (msgid) for a reason; NULL for DATE_OK. */
const char *date_reason_msg(enum date_reason r);

/* "YYYY-MM-DD" into out (11 bytes with the NUL). d must exist. */
void date_format(struct date d, char out[11]);

#endif
