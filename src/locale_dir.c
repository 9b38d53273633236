/*
 * locale_dir: where the message catalogue and the data files are. A
 * program run from the build tree (make check, scripts/demo, someone
 * trying a change) has no installed catalogue or data, or older ones: it
 * reads the catalogue the build made beside it and the data of the source
 * tree, so that Chinese stays Chinese and 创业测评 finds its questions
 * before `make install`.
 */
#include "config.h"
#include "common.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether the running program is the one the build made, not an installed copy. */
static bool in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	return slash && (size_t)(slash - exe) == strlen(BUILDDIR) &&
	       memcmp(exe, BUILDDIR, (size_t)(slash - exe)) == 0;
}

/* The environment's variable if set, else the build tree's or the installed place. */
static const char *place(const char *variable, const char *built, const char *installed)
{
	const char *env = getenv(variable);

	if (env && *env)
		return env;
	return in_build_tree() ? built : installed;
}

const char *common_locale_dir(void)
{
	return place("WANCHUANG_LOCALEDIR", BUILDDIR "/locale", LOCALEDIR);
}

const char *common_assess_dir(void)
{
	return place("WANCHUANG_ASSESSDIR", SRCDIR "/data/assessment", ASSESSDIR);
}
