/* region: Anhui's divisions as loaded from the database; see region.h. */
#include "config.h"
#include "region.h"

#include <stdbool.h>
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

/* A name without its last character when that is a level's suffix
 * (南陵县 → 南陵); the name itself otherwise. */
static size_t name_stem(const char *name)
{
	static const char *const suffixes[] = { "省", "市", "县", "区" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && strcmp(name + n - k, suffixes[i]) == 0)
			return n - k;
	}
	return n;
}

/* Whether s (len bytes) is name, or (loose) also its stem. */
static bool name_is(const char *s, size_t len, const char *name, bool loose)
{
	size_t n = strlen(name), k = name_stem(name);

	return (len == n && strncmp(s, name, n) == 0) ||
	       (loose && len == k && strncmp(s, name, k) == 0);
}

/* Whether t is the city's name (or stem) followed by the division's. */
static bool with_parent(const char *t, size_t tn, const struct region *g, bool loose)
{
	size_t lens[2] = { strlen(g->parent_name), name_stem(g->parent_name) };

	for (int i = 0; i < (loose ? 2 : 1); i++)
		if (lens[i] && lens[i] < tn && strncmp(t, g->parent_name, lens[i]) == 0 &&
		    name_is(t + lens[i], tn - lens[i], g->name, loose))
			return true;
	return false;
}

static const struct region *find_exact(const struct region_list *l, const char *t, bool loose)
{
	const struct region *hit = NULL;
	int hits = 0;
	size_t tn = strlen(t);

	for (int i = 0; i < l->count; i++) {
		const struct region *g = &l->v[i];
		if (name_is(t, tn, g->name, loose) || with_parent(t, tn, g, loose)) {
			hit = g;
			hits++;
		}
	}
	return hits == 1 ? hit : NULL;
}

const struct region *region_find(const struct region_list *l, const char *typed)
{
	const struct region *hit = NULL;

	for (int i = 0; i < l->count; i++)
		if (strcmp(typed, l->v[i].code) == 0)
			return &l->v[i];
	char *t = xmalloc(strlen(typed) + 1), *o = t;
	for (const char *p = typed; *p; p++) /* blanks between the parts */
		if (*p != ' ' && *p != '\t')
			*o++ = *p;
	*o = '\0';
	/* the province before the city: 安徽省芜湖市…, 安徽芜湖… */
	const char *s = t;
	if (strncmp(s, "安徽省", strlen("安徽省")) == 0 && s[strlen("安徽省")])
		s += strlen("安徽省");
	else if (strncmp(s, "安徽", strlen("安徽")) == 0 && s[strlen("安徽")] &&
		 strcmp(s, "安徽省") != 0)
		s += strlen("安徽");
	if (!(hit = find_exact(l, s, false)))
		hit = find_exact(l, s, true);
	free(t);
	return hit;
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
