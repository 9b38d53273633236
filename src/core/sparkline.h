/*
 * sparkline: a row of values drawn as one character each, the height of
 * a block from the lowest step (zero) to the highest (the largest value):
 * ▁▂▃▄▅▆▇█, or _.-~=+*# for terminals that draw the blocks wrong (the
 * ASCII-border mode). Each character is one display column wide, so the
 * line is as many columns as there are values.
 *
 * Low-level primitive: libc and sbuf only.
 */
#ifndef WC_CORE_SPARKLINE_H
#define WC_CORE_SPARKLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "sbuf.h"

/*
 * Appends n characters for the n values v (any unit, e.g. hundredths).
 * has[i] false: the value is not defined (a rate of nothing), a space.
 * Zero, and a negative value (none of the figures can be one), is the
 * lowest step; any positive value at least the second, so that a little
 * is told from nothing; the largest the highest. All zero: a flat line of
 * the lowest step. No overflow for any int64_t.
 */
void sparkline(struct sbuf *out, const int64_t *v, const bool *has, int n, bool ascii);

#endif
