/*
 * locale_dir: where the message catalogue is. A program run from the
 * build tree (make check, scripts/demo, someone trying a change) has no
 * installed catalogue, or an older one: it reads the one the build made
 * beside it, so that Chinese stays Chinese before `make install`.
 */
#include "config.h"
#include "common.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *common_locale_dir(void)
{
	static char exe[PATH_MAX];
	const char *env = getenv("WANCHUANG_LOCALEDIR");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return LOCALEDIR;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash && (size_t)(slash - exe) == strlen(BUILDDIR) &&
	    memcmp(exe, BUILDDIR, (size_t)(slash - exe)) == 0)
		return BUILDDIR "/locale";
	return LOCALEDIR;
}
