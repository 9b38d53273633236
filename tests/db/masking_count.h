/*
 * masking_count: how many ID numbers (GB 11643) and mobile numbers are
 * still possible for a person after someone has seen some fields about
 * them — the arithmetic of doc/architecture.md, Masking, done by
 * enumeration. The worst case is assumed: the region (digits 1–6) and
 * the sex (the parity of digit 17) are always known, and the person was
 * born at an age of 16 to 100. No libpq and no Check.
 */
#ifndef WC_TESTS_MASKING_COUNT_H
#define WC_TESTS_MASKING_COUNT_H

#include <stdbool.h>

#include "core/core.h"

/* What fields reveal of one person. */
struct clue {
	char id[19]; /* the ID number's seen characters, '?' where unseen */
	char mobile[12]; /* the mobile number's seen digits, '?' where unseen */
	struct date birth; /* year 0: not seen */
	int age; /* whole years on the day; -1: not seen */
	int birth_year; /* -1: not seen */
};

/* The person the fields are about. */
struct clue_target {
	const char *id; /* the full ID number */
	const char *mobile; /* the full mobile number */
	struct date today;
};

/* Nothing seen. */
void clue_init(struct clue *c);
/* Reads one returned field (its column name and value) for what it shows
 * of t: an ID number or mobile number with some characters masked (only
 * one that could be t's counts), a date or 8 digits that are t's birth
 * date, a column named birth… holding a date, an age, a birth year.
 * Returns whether the field showed anything. */
bool clue_of_field(const char *key, const char *value, const struct clue_target *t,
		   struct clue *out);
/* What a and b show together, into a. */
void clue_merge(struct clue *a, const struct clue *b);
/* ID numbers that fit c and carry t's region and sex, with a valid check
 * character and a birth date at an age of 16 to 100 on t->today. */
long clue_id_candidates(const struct clue *c, const struct clue_target *t);
/* Mobile numbers (1[3-9] and 9 digits) that fit c. */
long clue_mobile_candidates(const struct clue *c);

#endif
