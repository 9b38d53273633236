/* quiet: the hours no SMS goes out, and when one may go instead. */
#include "config.h"

#include "quiet.h"

#include <ctype.h>
#include <stdlib.h>

#define CHINA_OFFSET (8 * 3600)
#define DAY (24 * 3600)

/* "HH:MM" at *s (blanks before it skipped); minutes after midnight, or -1. */
static int parse_clock(const char **s)
{
	const char *p = *s;
	int hh, mm;

	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return -1;
	hh = (p[0] - '0') * 10 + (p[1] - '0');
	mm = (p[3] - '0') * 10 + (p[4] - '0');
	if (hh > 23 || mm > 59)
		return -1;
	p += 5;
	while (*p == ' ')
		p++;
	*s = p;
	return hh * 60 + mm;
}

bool quiet_parse(const char *s, struct quiet_hours *q)
{
	int from, until;

	if ((from = parse_clock(&s)) < 0 || *s++ != '-' || (until = parse_clock(&s)) < 0 ||
	    *s != '\0' || from == until)
		return false;
	q->from_min = from;
	q->until_min = until;
	return true;
}

time_t quiet_next_allowed(const struct quiet_hours *q, time_t now)
{
	long long local = (long long)now + CHINA_OFFSET;
	long long secs = ((local % DAY) + DAY) % DAY; /* since China midnight */
	long long midnight = now - secs;
	long long from = q->from_min * 60LL, until = q->until_min * 60LL;

	if (from < until) /* within one day */
		return secs >= from && secs < until ? (time_t)(midnight + until) : now;
	if (secs >= from) /* across midnight: the evening part */
		return (time_t)(midnight + DAY + until);
	if (secs < until) /* the small hours */
		return (time_t)(midnight + until);
	return now;
}
