/*
 * wanchuang-admin: deployment from the command line.
 *
 *   migrate                 apply data/sql migrations, load the moderation words
 *   staff add USER …        create a staff account (password on stdin)
 *   terminal add NAME …     create a terminal's database login
 *   terminal key NAME       a new key for a terminal
 *   terminal revoke NAME    stop a terminal's login
 *   audit verify            check the audit chain (audit_verify.c)
 *   region phone CODE …     a county counter's telephone (admin_region.c)
 *   daily                   the daily jobs (admin_daily.c)
 *
 * It connects as the database's administrator (a superuser or the
 * database owner with CREATEROLE); the terminals never do.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "admin_daily.h"
#include "admin_migrate.h"
#include "admin_version.h"
#include "admin_out.h"
#include "admin_region.h"
#include "admin_budget.h"
#include "admin_report.h"
#include "audit_verify.h"
#include "common.h"
#include "db/db.h"
#include "i18n.h"
#include "import.h"
#include "password_file.h"

static const char *prog = "wanchuang-admin";

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s [--db CONNINFO] COMMAND [ARGS]\n"), prog);
	fputs(_("Set up and administer a wanchuang database.\n\n"
		"Commands:\n"
		"  migrate [--sql-dir DIR] [--check]\n"
		"                               apply the new numbered SQL migrations in order\n"
		"                               and the function files, in one transaction, then\n"
		"                               load the moderation word list; --check changes\n"
		"                               nothing and lists what differs from the files\n"
		"  staff add USERNAME --role ROLE --region CODE --name NAME [--provider CODE]\n"
		"                               create a staff account; the password is read\n"
		"                               from standard input (at least 10 characters,\n"
		"                               letters and digits) and must be changed at\n"
		"                               the first sign-in; a provider's account\n"
		"                               names its provider's credit code\n"
		"  staff disable|enable USERNAME\n"
		"                               stop or allow an account's sign-in\n"
		"  staff reset-password USERNAME\n"
		"                               set a new password (from standard input), to\n"
		"                               be changed at the next sign-in\n"
		"  terminal add NAME --kind kiosk|staff|notify [--region CODE]\n"
		"                               create a terminal's database login and key and\n"
		"                               print the connection string to configure on it\n"
		"                               (a kiosk needs the code of its county; notify:\n"
		"                               the login of wanchuang-notify)\n"
		"  terminal key NAME            make a new key for a terminal and print it; the\n"
		"                               key it had before stops working\n"
		"  terminal revoke NAME         stop a terminal's login and end its sessions\n"
		"  security-report              the security self-check of Art. 30: unused\n"
		"                               accounts, failed sign-ins, terminals, and\n"
		"                               anything a terminal can reach beyond the API,\n"
		"                               and the head of the audit chain to file\n"
		"  audit verify [--head SEQ:HASH]\n"
		"                               recompute the audit log's hash chain and name\n"
		"                               its first broken link; --head, from a security\n"
		"                               report filed before, also finds rows removed\n"
		"                               from the end and a chain rewritten whole\n"
		"  import people FILE [--encoding auto|utf-8|gb18030|gbk] [--partial]\n"
		"                               register people from a spreadsheet; unless\n"
		"                               --partial, one rejected row changes nothing\n"
		"  import policies FILE [--encoding auto|utf-8|gb18030|gbk] [--partial]\n"
		"                               add or update support policies (by 编号)\n"
		"                               from a spreadsheet, likewise all or nothing\n"
		"  import providers FILE [--encoding auto|utf-8|gb18030|gbk] [--partial]\n"
		"                               the providers admitted before the platform,\n"
		"                               active at once; likewise all or nothing\n\n"
		"Options:\n"
		"  -d, --db CONNINFO  libpq connection string of the administrator\n"
		"                     (default: $WANCHUANG_DB, then libpq's PG* variables)\n"
		"  -h, --help         show this help and exit\n"
		"  -V, --version      show the version and exit\n"),
	      out);
	fprintf(out, _("\nRoles: %s.\n"), role_names_list());
	fputs(admin_report_usage(), out);
	fputs(admin_report_settlement_usage(), out);
	fputs(admin_report_evaluation_usage(), out);
	fputs(admin_budget_usage(), out);
	fputs(admin_region_usage(), out);
	fputs(admin_daily_usage(), out);
}

static int fail_usage(const char *what)
{
	return out_bad_usage(prog, what);
}

static int report(const char *what, const struct db_error *err)
{
	return out_refused(prog, what, err);
}

static struct db_conn *admin_connect(const char *conninfo)
{
	struct db_conn *c = db_conn_new(conninfo, "wanchuang-admin");

	if (!db_conn_open(c)) {
		out_printf(stderr, _("%s: could not connect to the database: %s\n"), prog,
			db_conn_message(c));
		db_conn_free(&c);
	}
	return c;
}

/* One line from stdin, without echo when it is a terminal. Caller frees. */
static char *read_secret(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (tty) {
		fputs(prompt, stderr);
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

static int cmd_import(struct db_conn *c, const char *what, int argc, char **argv)
{
	const char *encoding = "auto", *file = NULL;
	bool partial = false;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--partial") == 0)
			partial = true;
		else if (strcmp(argv[i], "--encoding") == 0 && i + 1 < argc)
			encoding = argv[++i];
		else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else
			return fail_usage(_("usage: import people|policies|providers FILE "
					    "[--encoding E] [--partial]"));
	}
	if (!file)
		return fail_usage(_("usage: import people|policies|providers FILE [--encoding "
				    "E] [--partial]"));
	if (strcmp(what, "policies") == 0)
		return import_policies(c, file, encoding, partial);
	if (strcmp(what, "providers") == 0)
		return import_providers(c, file, encoding, partial);
	return import_people(c, file, encoding, partial);
}

/* Art. 30: the security self-check, with headings in the user's language;
 * each run is kept, as the console's are, to be compared with the next. */
static int cmd_security_report(struct db_conn *c)
{
	struct db_error err = DB_ERROR_INIT;
	struct security_row *rows = NULL;
	struct sbuf item = SBUF_INIT, detail = SBUF_INIT, words = SBUF_INIT;
	char *id = NULL;
	int n = 0, problems;
	char when[32];
	time_t now = time(NULL);

	if (db_security_keep(c, &id, &rows, &n, &err) != DB_OK) {
		int rc = report(_("could not make the security report"), &err);
		db_error_release(&err);
		free(id);
		return rc;
	}
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", localtime(&now));
	out_printf(stdout, _("Security self-check (Art. 30), %s, database \"%s\"\n"), when,
		   db_conn_dbname(c));
	out_printf(stdout, _("Kept as report %s.\n"), id);
	for (size_t i = 0; i < security_sections_count; i++) {
		const struct security_section *s = &security_sections[i];
		int shown = 0;
		out_printf(stdout, "\n%s\n", _(s->heading));
		for (int k = 0; k < n; k++) {
			if (strcmp(rows[k].section, s->key) != 0)
				continue;
			/* user names here are what anyone typed at a sign-in screen */
			sbuf_reset(&words);
			security_detail_words(rows[k].section, rows[k].detail, &words);
			out_printf(stdout, "  %-28s %s\n", out_one_line(&item, rows[k].item),
				   out_one_line(&detail, words.buf));
			shown++;
		}
		if (shown == 0)
			out_printf(stdout, "  %s\n", _(s->none));
	}
	problems = security_rows_problems(rows, n);
	security_rows_free(&rows, n);
	sbuf_release(&item);
	sbuf_release(&detail);
	sbuf_release(&words);
	free(id);
	if (problems)
		out_printf(stdout, _("\n%d problem(s) found that must be fixed.\n"), problems);
	return problems ? 1 : 0;
}

static const char *opt_value(int argc, char **argv, const char *name)
{
	for (int i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* Every argument after the first is an option known here, with a value. */
static bool opts_known(int argc, char **argv, const char *const *known)
{
	for (int i = 1; i < argc; i += 2) {
		bool ok = false;
		for (const char *const *k = known; *k; k++)
			ok |= strcmp(argv[i], *k) == 0;
		if (!ok || i + 1 >= argc)
			return false;
	}
	return true;
}

static int cmd_staff_other(struct db_conn *c, const char *verb, const char *user)
{
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;
	int rc = 0;

	if (strcmp(verb, "reset-password") == 0) {
		char *pw = read_secret(_("New password: "));
		if (!pw) {
			out_printf(stderr, _("%s: no password given on standard input\n"), prog);
			return 1;
		}
		st = db_staff_reset_password(c, user, pw, &err);
		XFREE_SECRET(pw);
	} else {
		st = db_staff_set_disabled(c, user, strcmp(verb, "disable") == 0, &err);
	}
	if (st != DB_OK)
		rc = report(_("could not change the staff account"), &err);
	else
		out_printf(stdout, _("staff account \"%s\" changed\n"), user);
	db_error_release(&err);
	return rc;
}

static int cmd_staff_add(struct db_conn *c, int argc, char **argv)
{
	static const char *const known[] = { "--role", "--region", "--name", "--provider", NULL };
	const char *role, *region, *name, *provider;
	struct db_error err = DB_ERROR_INIT;
	char *pw;
	int rc = 0;

	if (argc < 1 || argv[0][0] == '-' || !opts_known(argc, argv, known))
		return fail_usage(
			_("usage: staff add USERNAME --role ROLE --region CODE --name NAME"));
	role = opt_value(argc, argv, "--role");
	region = opt_value(argc, argv, "--region");
	name = opt_value(argc, argv, "--name");
	provider = opt_value(argc, argv, "--provider");
	if (!role || !region || !name)
		return fail_usage(_("staff add needs --role, --region and --name"));
	/* a provider's account acts for one provider, named when it is made */
	if ((strcmp(role, "provider") == 0) != (provider != NULL))
		return fail_usage(_("--provider CREDIT_CODE goes with --role provider, and only "
				    "with it"));
	if (role_from_name(role) == ROLE_NONE) {
		out_printf(stderr, _("%s: unknown role \"%s\" (roles: %s)\n"), prog, role,
			role_names_list());
		return 2;
	}
	pw = read_secret(_("Password for the new account: "));
	if (!pw) {
		out_printf(stderr, _("%s: no password given on standard input\n"), prog);
		return 1;
	}
	if (db_staff_add(c, argv[0], role, region, name, pw, provider, &err) != DB_OK)
		rc = report(_("could not create the staff account"), &err);
	else
		out_printf(stdout, _("staff account \"%s\" created\n"), argv[0]);
	XFREE_SECRET(pw);
	db_error_release(&err);
	return rc;
}

/* A password for a terminal's login: 32 characters from 62. */
static void random_password(char *out, size_t len)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char b;

	for (size_t i = 0; i + 1 < len; i++) {
		do {
			if (getrandom(&b, 1, 0) != 1)
				abort();
		} while (b >= 248); /* 248 = 4 × 62: no bias */
		out[i] = alphabet[b % 62];
	}
	out[len - 1] = '\0';
}

/* The line of a .pgpass file for this terminal: ':' and '\\' escaped. */
static void pgpass_line(struct db_conn *c, const char *user, const char *pw)
{
	const char *field[] = { db_conn_host(c), db_conn_port(c), db_conn_dbname(c), user, pw };
	struct sbuf line = SBUF_INIT;

	sbuf_grow(&line, 512); /* no growth, no copy left behind */
	for (size_t i = 0; i < sizeof(field) / sizeof(field[0]); i++) {
		if (i)
			sbuf_addch(&line, ':');
		for (const char *p = field[i] ? field[i] : ""; *p; p++) {
			if (*p == ':' || *p == '\\')
				sbuf_addch(&line, '\\');
			sbuf_addch(&line, *p);
		}
	}
	out_printf(stdout, "%s\n", line.buf);
	sbuf_wipe(&line);
	sbuf_release(&line);
}

static const char key_made[] =
	N_("and its key, for a pool shared by the terminals of its kind, in a file of mode 0600 "
	   "that WANCHUANG_TERMINAL_KEY_FILE names on the terminal, never on a command line:\n");
static const char key_renewed[] =
	N_("the terminal's new key (the one before no longer works), for the file of mode 0600 "
	   "that WANCHUANG_TERMINAL_KEY_FILE names on the terminal:\n");

/* Make the terminal a new key and print it once, after intro. */
static int terminal_key_print(struct db_conn *c, const char *name, const char *intro)
{
	struct db_error err = DB_ERROR_INIT;
	char *key = NULL;
	int rc = 0;

	if (db_terminal_new_key(c, name, &key, &err) != DB_OK) {
		rc = report(_("could not make the terminal's key"), &err);
	} else {
		out_printf(stdout, "%s", intro);
		out_printf(stdout, "%s\n", key);
	}
	XFREE_SECRET(key);
	db_error_release(&err);
	return rc;
}

static int cmd_terminal(struct db_conn *c, int argc, char **argv)
{
	static const char *const known[] = { "--kind", "--region", NULL };
	struct db_error err = DB_ERROR_INIT;
	char pw[33];
	int rc = 0;

	if (argc == 2 && strcmp(argv[0], "revoke") == 0) {
		if (db_terminal_revoke(c, argv[1], &err) != DB_OK)
			rc = report(_("could not revoke the terminal"), &err);
		else
			out_printf(stdout, _("terminal \"%s\" can no longer sign in\n"), argv[1]);
		db_error_release(&err);
		return rc;
	}
	if (argc == 2 && strcmp(argv[0], "key") == 0)
		return terminal_key_print(c, argv[1], _(key_renewed));
	if (argc < 2 || strcmp(argv[0], "add") != 0 || argv[1][0] == '-' ||
	    !opts_known(argc - 1, argv + 1, known))
		return fail_usage(_("usage: terminal add NAME --kind kiosk|staff|notify [--region CODE]"));
	const char *kind = opt_value(argc, argv, "--kind");
	const char *region = opt_value(argc, argv, "--region");
	if (!kind)
		return fail_usage(_("terminal add needs --kind kiosk, staff or notify"));
	random_password(pw, sizeof(pw));
	if (db_terminal_add(c, argv[1], kind, region, pw, &err) != DB_OK) {
		rc = report(_("could not create the terminal"), &err);
	} else {
		out_printf(stdout, _("terminal \"%s\" created. Configure it with:\n"), argv[1]);
		out_printf(stdout, "WANCHUANG_DB='host=%s port=%s dbname=%s user=%s'\n",
			   db_conn_host(c), db_conn_port(c), db_conn_dbname(c), argv[1]);
		out_printf(stdout,
			   _("and its password in the .pgpass file of the account the terminal "
			     "runs as (mode 0600, or the file named by PGPASSFILE), never on a "
			     "command line:\n"));
		pgpass_line(c, argv[1], pw);
		rc = terminal_key_print(c, argv[1], _(key_made));
	}
	memset(pw, 0, sizeof(pw));
	db_error_release(&err);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *problem;
	int opt, rc;

	common_no_core();
	if (!common_init(&problem))
		out_printf(stderr, "%s: warning: %s\n", prog, problem);
	/* Stop at the command: its own options follow it. */
	while ((opt = getopt_long(argc, argv, "+d:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			common_print_version(prog);
			return 0;
		default:
			out_printf(stderr, _("Try \"%s --help\" for more information.\n"), prog);
			return 2;
		}
	}
	if (db && !common_conninfo_allowed(prog, db))
		return 2;
	if (!password_file_check(prog))
		return 1;
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return fail_usage(_("no command given"));
	const char *cmd = argv[0];
	if (strcmp(cmd, "migrate") != 0 && strcmp(cmd, "staff") != 0 &&
	    strcmp(cmd, "terminal") != 0 && strcmp(cmd, "import") != 0 &&
	    strcmp(cmd, "security-report") != 0 && strcmp(cmd, "audit") != 0 &&
	    strcmp(cmd, "report") != 0 && strcmp(cmd, "region") != 0 &&
	    strcmp(cmd, "daily") != 0 &&
	    strcmp(cmd, "budget") != 0)
		return fail_usage(_("unknown command"));
	if (strcmp(cmd, "audit") == 0 && (argc < 2 || strcmp(argv[1], "verify") != 0))
		return fail_usage(_("usage: audit verify [--head SEQ:HASH]"));
	if (strcmp(cmd, "import") == 0 &&
	    (argc < 2 || (strcmp(argv[1], "people") != 0 && strcmp(argv[1], "policies") != 0 &&
			  strcmp(argv[1], "providers") != 0)))
		return fail_usage(_("usage: import people|policies|providers FILE [--encoding "
				    "E] [--partial]"));
	bool staff_other = strcmp(cmd, "staff") == 0 && argc == 3 &&
			   (strcmp(argv[1], "disable") == 0 || strcmp(argv[1], "enable") == 0 ||
			    strcmp(argv[1], "reset-password") == 0);
	if (strcmp(cmd, "staff") == 0 && !staff_other && (argc < 2 || strcmp(argv[1], "add") != 0))
		return fail_usage(
			_("usage: staff add USERNAME --role ROLE --region CODE --name NAME"));

	struct db_conn *c = admin_connect(common_conninfo(db));
	if (!c)
		return 1;
	if (strcmp(cmd, "migrate") == 0)
		rc = admin_migrate(c, prog, argc - 1, argv + 1);
	else if (admin_version_check(c, prog) != 0)
		rc = 1;
	else if (staff_other)
		rc = cmd_staff_other(c, argv[1], argv[2]);
	else if (strcmp(cmd, "staff") == 0)
		rc = cmd_staff_add(c, argc - 2, argv + 2);
	else if (strcmp(cmd, "import") == 0)
		rc = cmd_import(c, argv[1], argc - 2, argv + 2);
	else if (strcmp(cmd, "security-report") == 0)
		rc = cmd_security_report(c);
	else if (strcmp(cmd, "audit") == 0)
		rc = audit_verify(c, prog, argc - 2, argv + 2);
	else if (strcmp(cmd, "report") == 0)
		rc = admin_report(c, prog, argc - 1, argv + 1);
	else if (strcmp(cmd, "region") == 0)
		rc = admin_region(c, prog, argc - 1, argv + 1);
	else if (strcmp(cmd, "daily") == 0)
		rc = admin_daily(c, prog, argc - 1, argv + 1);
	else if (strcmp(cmd, "budget") == 0)
		rc = admin_budget(c, prog, argc, argv);
	else
		rc = cmd_terminal(c, argc - 1, argv + 1);
	db_conn_free(&c);
	return rc;
}
