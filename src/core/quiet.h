/*
 * quiet: the hours no SMS goes out (21:00-08:00 China time by default;
 * public services were complained about for messages at night), and when
 * one due in them may go: at their end.
 *
 * China keeps one time zone, UTC+8, with no summer time, so the hours
 * are computed from UTC seconds alone, whatever the machine's zone.
 *
 * Low-level primitive: libc only.
 */
#ifndef WC_CORE_QUIET_H
#define WC_CORE_QUIET_H

#include <stdbool.h>
#include <time.h>

struct quiet_hours {
	int from_min; /* minutes after midnight, China time, the quiet starts */
	int until_min; /* and ends (earlier than from_min: across midnight) */
};

/* "HH:MM-HH:MM" (blanks allowed around the parts). false, q untouched,
 * for anything else or an empty window. */
bool quiet_parse(const char *s, struct quiet_hours *q);

/* now itself if an SMS may go at now, else the end of the quiet hours
 * now falls in. */
time_t quiet_next_allowed(const struct quiet_hours *q, time_t now);

#endif
