/*
 * cluster: grapheme clusters (UAX #29) as the program counts them: what
 * the cursor steps over, Backspace deletes, and a line never splits.
 *
 * libunistring 1.0 (Debian 12) segments by rules that predate Unicode 11:
 * it breaks inside an emoji ZWJ sequence (👨‍👩‍👧) and between the two
 * regional indicators of a flag (🇨🇳). Its pair rules are kept for the
 * rest; these two are added here (GB11, GB12/13).
 *
 * Low-level primitive: libunistring only.
 */
#ifndef WC_CORE_CLUSTER_H
#define WC_CORE_CLUSTER_H

#include <stdint.h>

/* The end of the cluster that starts at s; end at most; NULL when s is end. */
const uint8_t *cluster_next8(const uint8_t *s, const uint8_t *end);
const uint32_t *cluster_next32(const uint32_t *s, const uint32_t *end);
/* The start of the cluster that ends at s (start < s): found by walking
 * forward from the last line feed before s, a boundary by rule GB5. */
const uint32_t *cluster_prev32(const uint32_t *s, const uint32_t *start);

#endif
