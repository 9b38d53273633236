/*
 * sparkline: values to steps. The step of a value is worked out in
 * integers against the largest value, never through floating point, and
 * without multiplying two large numbers, so fen summed over a province
 * draw as well as counts.
 */
#include "config.h"
#include "sparkline.h"

enum { STEPS = 8 };

static const char *const blocks[STEPS] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char ascii_steps[STEPS + 1] = "_.-~=+*#";

/* The step of v in 0 .. STEPS-1 out of top (> 0): 0 for nothing, else the
 * least k >= 1 with v <= top * k / (STEPS - 1). */
static int step_of(int64_t v, int64_t top)
{
	if (v <= 0)
		return 0;
	int64_t q = top / (STEPS - 1), r = top % (STEPS - 1);
	for (int k = 1; k < STEPS - 1; k++)
		if (v <= q * k + r * k / (STEPS - 1))
			return k;
	return STEPS - 1;
}

void sparkline(struct sbuf *out, const int64_t *v, const bool *has, int n, bool ascii)
{
	int64_t top = 0;

	for (int i = 0; i < n; i++)
		if (has[i] && v[i] > top)
			top = v[i];
	for (int i = 0; i < n; i++) {
		if (!has[i]) {
			sbuf_adds(out, " ");
			continue;
		}
		int k = top > 0 ? step_of(v[i], top) : 0;
		if (ascii)
			sbuf_addch(out, ascii_steps[k]);
		else
			sbuf_adds(out, blocks[k]);
	}
}
