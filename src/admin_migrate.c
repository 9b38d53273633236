/* admin_migrate: wanchuang-admin migrate [--check] [--sql-dir DIR] [--no-wait]
 * [--min-terminal VERSION]; see admin_migrate.h. */
#include "config.h"
#include "admin_migrate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_out.h"
#include "i18n.h"

/* The moderation word list is at most this big (a few thousand words). */
#define WORDS_FILE_MAX (1024 * 1024)

/* Replace the stored moderation word list with MODERATIONDIR/words.txt
 * (or WANCHUANG_MODERATIONDIR's) when they differ, and say which. */
static int migrate_words(struct db_conn *c, const char *prog)
{
	const char *dir = getenv("WANCHUANG_MODERATIONDIR");
	struct sbuf path = SBUF_INIT, text = SBUF_INIT;
	struct db_error err = DB_ERROR_INIT;
	struct moderation_load load;
	char buf[8192];
	size_t n = 0;
	int rc = 0;
	FILE *f;

	if (!dir || !*dir)
		dir = MODERATIONDIR;
	sbuf_addf(&path, "%s/words.txt", dir);
	f = fopen(path.buf, "rb");
	if (!f) {
		out_printf(stderr, _("%s: could not read the moderation word list \"%s\": %s\n"), prog,
			path.buf, strerror(errno));
		rc = 1;
		goto done;
	}
	while (text.len <= WORDS_FILE_MAX && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&text, buf, n);
	fclose(f);
	if (text.len > WORDS_FILE_MAX) {
		out_printf(stderr, _("%s: the moderation word list \"%s\" is larger than 1 MB\n"),
			prog, path.buf);
		rc = 1;
		goto done;
	}
	if (db_moderation_words_load(c, text.buf ? text.buf : "", &load, &err) != DB_OK) {
		rc = out_refused(prog, _("could not load the moderation word list"), &err);
		db_error_release(&err);
		goto done;
	}
	if (load.changed)
		out_printf(stdout, _("moderation word list replaced from %s: %d words (%d added, %d "
			 "removed)\n"),
		       path.buf, load.words, load.added, load.removed);
	else
		out_printf(stdout, _("moderation word list unchanged: %d words, as in %s\n"), load.words,
		       path.buf);
done:
	sbuf_release(&path);
	sbuf_release(&text);
	return rc;
}

/* migrate --check: what migrate would change, changing nothing; 0 when
 * the database holds exactly what the files say, 1 otherwise. */
static int migrate_check(struct db_conn *c, const char *prog, const char *dir)
{
	static const char *const what[] = {
		[DRIFT_PENDING] = N_("migration not applied yet"),
		[DRIFT_MISSING] = N_("in the function files, not in the database"),
		[DRIFT_EXTRA] = N_("in the database, in no function file"),
		[DRIFT_CHANGED] = N_("defined otherwise in the database than in its file"),
		[DRIFT_GRANTS] = N_("granted otherwise in the database than in its file"),
		[DRIFT_OWNER] = N_("not owned by the schema owner"),
	};
	struct db_error err = DB_ERROR_INIT;
	struct db_drift *d = NULL;
	int n = 0;

	if (db_migrate_check(c, dir, &d, &n, &err) != DB_OK) {
		int rc = out_refused(prog, _("could not compare the database with the files"), &err);
		db_error_release(&err);
		return rc;
	}
	for (int i = 0; i < n; i++) {
		struct sbuf object = SBUF_INIT;
		text_sanitize(&object, d[i].object, strlen(d[i].object), 0);
		out_printf(stdout, "%s: %s\n", object.buf, _(what[d[i].kind]));
		sbuf_release(&object);
	}
	if (n == 0)
		out_printf(stdout, _("the database holds what the files say\n"));
	else
		out_printf(stdout, _("differences from the files: %d\n"), n);
	db_drift_free(&d, n);
	return n == 0 ? 0 : 1;
}

/* Take the migrate lock, waiting for another migrate to end unless
 * no_wait; 0 when it is held, 1 otherwise (said why). */
static int migrate_lock(struct db_conn *c, const char *prog, bool no_wait)
{
	struct db_error err = DB_ERROR_INIT;
	bool got = false, told = false;
	int holder = 0;

	/* tried again every second rather than waited for in one call: the
	 * connection's statement timeout would end a long wait */
	while (db_migrate_lock_try(c, &got, &holder, &err) == DB_OK && !got) {
		if (no_wait) {
			out_printf(stderr,
				   _("%s: another migrate is running on this database (server "
				     "process %d); try again when it has finished\n"),
				   prog, holder);
			return 1;
		}
		if (!told)
			out_printf(stderr,
				   _("%s: another migrate is running on this database (server "
				     "process %d); waiting for it to finish\n"),
				   prog, holder);
		told = true;
		sleep(1);
	}
	if (err.status != DB_OK) {
		int rc = out_refused(prog, _("could not take the migrate lock"), &err);
		db_error_release(&err);
		return rc;
	}
	return 0;
}

/* A dotted version: 1, 0.2, 10.4.1. */
static bool migrate_is_version(const char *v)
{
	bool digit = false;

	for (; *v; v++) {
		if (*v >= '0' && *v <= '9')
			digit = true;
		else if (*v == '.' && digit)
			digit = false;
		else
			return false;
	}
	return digit;
}

int admin_migrate(struct db_conn *c, const char *prog, int argc, char **argv)
{
	const char *dir = getenv("WANCHUANG_SQLDIR");
	struct db_error err = DB_ERROR_INIT;
	int applied = 0;

	if (!dir || !*dir)
		dir = SQLDIR;
	const char *min_terminal = NULL;
	bool check = false, no_wait = false;
	int rc;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--sql-dir") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--check") == 0)
			check = true;
		else if (strcmp(argv[i], "--no-wait") == 0)
			no_wait = true;
		else if (strcmp(argv[i], "--min-terminal") == 0 && i + 1 < argc)
			min_terminal = argv[++i];
		else
			return out_bad_usage(prog, _("unexpected argument to migrate"));
	}
	if (min_terminal && !migrate_is_version(min_terminal))
		return out_bad_usage(prog, _("--min-terminal takes a version such as 0.2.0"));
	if (check)
		return migrate_check(c, prog, dir);
	rc = migrate_lock(c, prog, no_wait);
	if (rc != 0)
		return rc;
	if (db_migrate_serving(c, dir, min_terminal, stdout, &applied, &err) != DB_OK) {
		rc = out_refused(prog, _("migration stopped"), &err);
		db_error_release(&err);
	} else {
		out_printf(stdout, _("database is up to date (%d migrations applied now)\n"),
			   applied);
		rc = migrate_words(c, prog);
	}
	db_migrate_unlock(c, NULL);
	return rc;
}
