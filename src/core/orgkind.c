/* orgkind: the organisation kinds, one table; see orgkind.h. */
#include "config.h"
#include "orgkind.h"

#include <string.h>

#include "uscc.h"
#include "i18n.h"

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

/* The kind a spreadsheet names, or NULL. */
static const struct org_kind *org_kind_from_sheet(const char *name)
{
	for (size_t i = 0; i < org_kinds_count; i++)
		if (strcmp(name, org_kinds[i].sheet) == 0)
			return &org_kinds[i];
	return NULL;
}

static const struct org_kind *org_kind_by_code(const char *code)
{
	for (size_t i = 0; i < org_kinds_count; i++)
		if (strcmp(code, org_kinds[i].code) == 0)
			return &org_kinds[i];
	return NULL;
}

const struct org_kind *org_kind_read(const char *said, int by_code)
{
	const struct org_kind *k = org_kind_from_sheet(said);

	if (k)
		return k;
	if (strstr(said, "国有") || strstr(said, "国资"))
		return org_kind_by_code("state_owned");
	if (strstr(said, "集体"))
		return org_kind_by_code("collective");
	switch (by_code) {
	case USCC_KIND_INDIVIDUAL_BUSINESS:
		return org_kind_by_code("individual_business");
	case USCC_KIND_FARMER_COOPERATIVE:
		return org_kind_by_code("cooperative");
	case USCC_KIND_PRIVATE_NON_ENTERPRISE:
		return org_kind_by_code("private_non_enterprise");
	case USCC_KIND_ENTERPRISE:
		return org_kind_by_code("small_enterprise");
	default:
		return NULL;
	}
}
