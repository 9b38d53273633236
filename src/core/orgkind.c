/* orgkind: the organisation kinds, one table; see orgkind.h. */
#include "config.h"
#include "orgkind.h"

#include <string.h>

#define N_(s) s

const struct org_kind org_kinds[] = {
	{ "individual_business", N_("individual business"), "个体工商户", false },
	{ "small_enterprise", N_("small or micro enterprise"), "小微企业", false },
	{ "cooperative", N_("farmer cooperative"), "农民专业合作社", false },
	{ "private_non_enterprise", N_("private non-enterprise unit"), "民办非企业单位", false },
	{ "state_owned", N_("state-owned enterprise"), "国有企业", true },
	{ "collective", N_("collective enterprise"), "集体企业", true },
	{ "social_group", N_("social group"), "社会团体", true },
	{ "foundation", N_("foundation"), "基金会", true },
};

const size_t org_kinds_count = sizeof(org_kinds) / sizeof(org_kinds[0]);

const struct org_kind *org_kind_from_sheet(const char *name)
{
	for (size_t i = 0; i < org_kinds_count; i++)
		if (strcmp(name, org_kinds[i].sheet) == 0)
			return &org_kinds[i];
	return NULL;
}
