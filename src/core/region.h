/*
 * region: the divisions of Anhui (province 340000, 16 cities, 104
 * county-level divisions) as the database lists them, and the questions
 * every screen and import asks of them: which one was typed, and does an
 * area (a policy's, a city office's) cover a county.
 * Low-level primitive: libc only.
 */
#ifndef WC_CORE_REGION_H
#define WC_CORE_REGION_H

#include <stdbool.h>

struct region {
	char *code, *name, *parent_name; /* parent_name "" for the province */
	int level; /* 1 province, 2 city, 3 county */
};
struct region_list {
	struct region *v;
	int count;
};
void region_list_release(struct region_list *l);

/* A typed code, name (南陵县) or city and name (芜湖市南陵县), as offices
 * also write them: with the province first (安徽省芜湖市南陵县), blanks
 * between the parts (芜湖市 南陵县), or without the last character of a
 * name when that is 省, 市, 县 or 区 (南陵, 芜湖南陵, 合肥) and the rest is
 * unique; NULL if unknown or ambiguous. */
const struct region *region_find(const struct region_list *l, const char *typed);
/* The region with exactly this code, or NULL. */
const struct region *region_by_code(const struct region_list *l, const char *code);

/*
 * Whether the area with code area (a province, city or county code, six
 * digits) includes the county county: a province all its counties, a
 * city those whose code shares its first four digits, a county itself.
 */
bool region_covers(const char *area, const char *county);

#endif
