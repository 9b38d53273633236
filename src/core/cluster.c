/* cluster: grapheme clusters with the emoji and flag rules; see cluster.h. */
#include "config.h"
#include "cluster.h"

#include <stdbool.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

/* What the rules beyond pairs need to know of the cluster so far. */
struct cluster_state {
	uint32_t last;
	bool pict; /* it ends in Extended_Pictographic Extend* (GB11's left side) */
	bool pict_zwj; /* ... and then a ZWJ: an Extended_Pictographic joins */
	int ri; /* regional indicators it ends with, when it is only those */
};

static void cluster_start(struct cluster_state *g, uint32_t c)
{
	g->last = c;
	g->pict = uc_is_property_extended_pictographic(c);
	g->pict_zwj = false;
	g->ri = uc_is_property_regional_indicator(c) ? 1 : 0;
}

/* Whether c continues the cluster; if so, the state takes it. */
static bool cluster_joins(struct cluster_state *g, uint32_t c)
{
	bool ri = uc_is_property_regional_indicator(c);
	bool pict = uc_is_property_extended_pictographic(c);

	if (ri && g->ri == 2) /* GB12/13: a flag is a pair, no more */
		return false;
	if (ri && g->ri == 1)
		g->ri = 2;
	else if (pict && g->pict_zwj) /* GB11 */
		g->ri = 0;
	else if (uc_is_grapheme_break(g->last, c))
		return false;
	else
		g->ri = ri ? 1 : 0;
	if (c == 0x200D) {
		g->pict_zwj = g->pict;
		g->pict = false;
	} else {
		g->pict = pict || (g->pict && uc_graphemeclusterbreak_property(c) == GBP_EXTEND);
		g->pict_zwj = false;
	}
	g->last = c;
	return true;
}

const uint32_t *cluster_next32(const uint32_t *s, const uint32_t *end)
{
	struct cluster_state g;

	if (s >= end)
		return NULL;
	cluster_start(&g, *s);
	for (s++; s < end && cluster_joins(&g, *s); s++)
		;
	return s;
}

const uint8_t *cluster_next8(const uint8_t *s, const uint8_t *end)
{
	struct cluster_state g;
	ucs4_t c;

	if (s >= end)
		return NULL;
	s += u8_mbtouc(&c, s, (size_t)(end - s));
	cluster_start(&g, c);
	while (s < end) {
		int n = u8_mbtouc(&c, s, (size_t)(end - s));

		if (!cluster_joins(&g, c))
			break;
		s += n;
	}
	return s;
}

const uint32_t *cluster_prev32(const uint32_t *s, const uint32_t *start)
{
	const uint32_t *p = s - 1, *at;

	while (p > start && p[-1] != '\n')
		p--;
	for (at = p; (p = cluster_next32(at, s)) < s;)
		at = p;
	return at;
}
