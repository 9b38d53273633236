/* common: start-up shared by wanchuang and wanchuang-admin. */
#include "config.h"
#include "common.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>

#include "db/db.h"
#include "i18n.h"

bool common_init(const char **problem)
{
	bool located = setlocale(LC_ALL, "") != NULL;

	*problem = NULL;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	bindtextdomain(PACKAGE, common_locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	if (!located) {
		*problem = "the locale set in LANG or LC_ALL is not installed on this machine.\n"
			   "Install it (as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8) or set\n"
			   "LANG=zh_CN.UTF-8 to one that exists (see: locale -a).";
		return false;
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		*problem = "the terminal's locale is not UTF-8, so Chinese text would be garbled\n"
			   "and typing would be lost. Set LANG=zh_CN.UTF-8 (install it as root\n"
			   "with: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8) and start again.";
		return false;
	}
	return true;
}

const char *common_conninfo(const char *opt)
{
	const char *env = getenv("WANCHUANG_DB");

	if (opt)
		return opt;
	return env ? env : "";
}

bool common_pooled(void)
{
	const char *env = getenv("WANCHUANG_POOLED");

	return env && *env && strcmp(env, "0") != 0;
}

const char *common_listen_conninfo(void)
{
	const char *env = getenv("WANCHUANG_LISTEN_DB");

	return env && *env ? env : NULL;
}

bool common_conninfo_allowed(const char *program, const char *opt)
{
	if (!db_conninfo_has_password(opt))
		return true;
	fprintf(stderr,
		_("%s: a password in --db can be read by every user of this machine (ps).\n"
		  "Put it in ~/.pgpass (mode 0600; or the file named by PGPASSFILE) as\n"
		  "host:port:database:user:password and leave it out of --db, or name a\n"
		  "service of pg_service.conf: --db service=NAME.\n"),
		program);
	return false;
}

void common_no_core(void)
{
	const struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void common_print_version(const char *program)
{
	printf("%s (%s) %s\n", program, PACKAGE_NAME, PACKAGE_VERSION);
	printf("%s\n", _("Terminal front end of the Anhui Province Entrepreneurship Service Cloud "
			 "Platform."));
}
