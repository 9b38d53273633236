/*
 * wanchuang: the terminal program of the Anhui Province Entrepreneurship
 * Service Cloud Platform, for counter staff, supervisors and other staff,
 * and (with --kiosk) for entrepreneurs at self-service kiosks.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "password_file.h"
#include "terminal_key.h"
#include "ui/ui.h"

static void usage(FILE *out)
{
	fputs(_("Usage: wanchuang [OPTION]...\n"), out);
	fputs(_("Terminal front end of the Anhui Province Entrepreneurship Service Cloud "
		"Platform.\n\n"
		"Options:\n"
		"  -d, --db CONNINFO    libpq connection string of this terminal's database login\n"
		"                       (default: $WANCHUANG_DB, then libpq's PG* variables)\n"
		"  -k, --kiosk          run as a self-service kiosk for entrepreneurs: no way "
		"out,\n"
		"                       the session ends by itself when left idle\n"
		"      --idle SECONDS   kiosk: end an idle session after this long (default 90)\n"
		"  -a, --ascii          draw lines with ASCII characters, for terminals that draw\n"
		"                       box lines double-width\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n\n"
		"The terminal must use a UTF-8 locale; zh_CN.UTF-8 shows Chinese.\n"),
	      out);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "kiosk", no_argument, NULL, 'k' },
		{ "idle", required_argument, NULL, 'i' },
		{ "ascii", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ui_options opt = { .idle_seconds = 90 };
	const char *db = NULL, *problem;
	char *key = NULL;
	bool locale_ok;
	int c, rc;

	common_no_core();
	locale_ok = common_init(&problem);

	while ((c = getopt_long(argc, argv, "d:kahV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'k':
			opt.kiosk = true;
			break;
		case 'i': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 10 || n > 3600) {
				fprintf(stderr,
					_("wanchuang: --idle takes seconds from 10 to 3600, not "
					  "\"%s\"\n"),
					optarg);
				return 2;
			}
			opt.idle_seconds = (int)n;
			break;
		}
		case 'a':
			opt.ascii = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			common_print_version("wanchuang");
			return 0;
		default:
			fputs(_("Try \"wanchuang --help\" for more information.\n"), stderr);
			return 2;
		}
	}
	if (db && !common_conninfo_allowed("wanchuang", db))
		return 2;
	if (optind < argc) {
		fprintf(stderr, _("wanchuang: unexpected argument \"%s\"\n"), argv[optind]);
		fputs(_("Try \"wanchuang --help\" for more information.\n"), stderr);
		return 2;
	}
	if (!locale_ok) {
		fprintf(stderr, "wanchuang: %s\n", problem);
		return 1;
	}
	if (!password_file_check("wanchuang"))
		return 1;
	if (!terminal_key_load("wanchuang", &key))
		return 1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("wanchuang: this program needs a terminal (standard input and output "
			"are not one)\n"),
		      stderr);
		XFREE_SECRET(key);
		return 1;
	}
	opt.conninfo = common_conninfo(db);
	opt.pooled = common_pooled();
	opt.terminal_key = key;
	opt.listen_conninfo = common_listen_conninfo();
	opt.assess_dir = common_assess_dir();
	rc = ui_run(&opt);
	XFREE_SECRET(key);
	return rc;
}
