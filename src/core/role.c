/* role: staff role names and labels, one table. */
#include "config.h"
#include "role.h"
#include "i18n.h"

#include <stddef.h>
#include <string.h>

static const struct {
	enum role role;
	const char *name;
	const char *label;
} roles[] = {
	{ ROLE_COUNTER, "counter", N_("Counter staff") },
	{ ROLE_OPERATOR, "operator", N_("Operator") },
	{ ROLE_SUPERVISOR, "supervisor", N_("Third-party supervisor") },
	{ ROLE_BUREAU, "bureau", N_("Employment bureau") },
	{ ROLE_PROVIDER, "provider", N_("Service provider") },
	{ ROLE_ADMIN, "admin", N_("System administrator") },
};

enum role role_from_name(const char *name)
{
	for (size_t i = 0; name && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].role;
	return ROLE_NONE;
}

const char *role_name(enum role r)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].role == r)
			return roles[i].name;
	return NULL;
}

const char *role_label(enum role r)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].role == r)
			return roles[i].label;
	return N_("Entrepreneur");
}

const char *role_names_list(void)
{
	return "counter, operator, supervisor, bureau, provider, admin";
}
