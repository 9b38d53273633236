/* region: Anhui's divisions as loaded from the database; see region.h. */
#include "config.h"
#include "region.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void region_list_release(struct region_list *l)
{
	for (int i = 0; i < l->count; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
		free(l->v[i].parent_name);
	}
	XFREE(l->v);
	l->count = 0;
}

const struct region *region_find(const struct region_list *l, const char *typed)
{
	const struct region *hit = NULL;
	int hits = 0;

	for (int i = 0; i < l->count; i++) {
		const struct region *g = &l->v[i];
		size_t pn = strlen(g->parent_name);
		if (strcmp(typed, g->code) == 0)
			return g;
		/* "南陵县", or with its city: "芜湖市南陵县" */
		if (strcmp(typed, g->name) == 0 || (pn && strncmp(typed, g->parent_name, pn) == 0 &&
						    strcmp(typed + pn, g->name) == 0)) {
			hit = g;
			hits++;
		}
	}
	return hits == 1 ? hit : NULL;
}

const struct region *region_by_code(const struct region_list *l, const char *code)
{
	for (int i = 0; i < l->count; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

bool region_covers(const char *area, const char *county)
{
	if (strlen(area) != 6 || strlen(county) != 6)
		return false;
	if (strcmp(area, county) == 0 || strcmp(area + 2, "0000") == 0)
		return strncmp(area, county, 2) == 0;
	return strcmp(area + 4, "00") == 0 && strncmp(area, county, 4) == 0;
}
