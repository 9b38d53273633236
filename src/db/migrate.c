/*
 * migrate: bring a database to what data/sql says, in one transaction.
 *
 * data/sql holds two kinds of file:
 *
 *   NNNN_name.sql       the numbered migrations: tables, types, indexes
 *                       and data, the frozen history. Each is applied
 *                       once, in order, its checksum kept in
 *                       wc_meta.migration.
 *   functions/NAME.sql  every function, trigger and view in the form in
 *                       force, with its grants, once (functions.c). They
 *                       are applied on every run, so the database holds
 *                       what they say; their checksums are kept in
 *                       wc_meta.function_file.
 *
 * History. If an applied migration has changed, or one is missing, history
 * was edited and nothing is applied. The one allowed change is listed in
 * rewritten.txt: migrations rewritten when their functions moved to
 * functions/, each with the checksum a database recorded before and the
 * one the file has now; a database that recorded the first accepts exactly
 * the second, and nothing else.
 *
 * Order. Each function file names the last migration it needs ("-- needs:
 * NNNN"). Before each pending migration the function files that need less
 * are applied (once), so that on a fresh database the functions that
 * tables use (generated columns, GIN indexes, CHECKs) exist before the
 * migration that builds those tables, and an old database upgraded gets
 * today's functions before the migrations that came after them. After the
 * last pending migration, and also when none is pending, every function
 * file is applied again, in the order of needs and then name: a function
 * that a later migration dropped is back, and the grants are exactly the
 * files' (functions.c takes away every other grant first). Bodies are
 * checked once all the files are in, so no file has to come before the
 * ones whose functions it calls.
 *
 * One transaction, under the migrate advisory lock (migrate_lock.c) so
 * two administrators do not race: a failure anywhere leaves the database
 * as it was, and a terminal never sees half an upgrade. At its end the
 * database records the program version that migrated it (version.c).
 */
#include "config.h"
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_private.h"

/*
 * Terminals at work while migrate runs. Each object a function file
 * replaces is locked until the end of the transaction: a trigger's table
 * against writes, a view against reads. When one of those is held by a
 * call, migrate waits; and every call that comes after waits behind
 * migrate, so a wait of migrate's would be a wait of the whole province.
 * So migrate waits MIGRATE_LOCK_TIMEOUT for a lock at most, then gives
 * everything back (ROLLBACK: the terminals see the old functions, whole)
 * and tries again, MIGRATE_TRIES times in all, MIGRATE_PAUSE_MS apart
 * at most.
 */
#define MIGRATE_LOCK_TIMEOUT "500ms"
#define MIGRATE_TRIES 60
#define MIGRATE_PAUSE_MS 2000

/* A migration rewritten after it was applied: what it was, what it is. */
struct rewrite {
	char *name;
	char *before; /* sha256, hex */
	char *now;
};

static int sql_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sql_file *)a)->name, ((const struct sql_file *)b)->name);
}

static bool migration_is_file(const char *n)
{
	size_t len = strlen(n);

	return len > 9 && strspn(n, "0123456789") == 4 && n[4] == '_' &&
	       strcmp(n + len - 4, ".sql") == 0;
}

static enum db_status migrate_list(const char *dir, struct sql_file **out, size_t *count,
				   struct db_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct sql_file *m = NULL;
	size_t n = 0;

	if (!d)
		return db_fail(err, "could not open migrations folder \"%s\": %s", dir,
			       strerror(errno));
	while ((e = readdir(d))) {
		if (!migration_is_file(e->d_name))
			continue;
		struct sbuf path = SBUF_INIT;
		sbuf_addf(&path, "%s/%s", dir, e->d_name);
		m = xrealloc(m, (n + 1) * sizeof(*m));
		memcpy(m[n].key, e->d_name, 4);
		m[n].key[4] = '\0';
		m[n].name = xstrdup(e->d_name);
		m[n].sql = sql_file_read(path.buf);
		m[n].applied = false;
		sbuf_release(&path);
		if (!m[n++].sql) {
			closedir(d);
			sql_files_free(m, n);
			return db_fail(err, "could not read migration \"%s\" in \"%s\"", e->d_name,
				       dir);
		}
	}
	closedir(d);
	if (n == 0)
		return db_fail(err, "no migrations found in \"%s\"", dir);
	qsort(m, n, sizeof(*m), sql_file_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(m[i].key, m[i - 1].key) == 0) {
			enum db_status st = db_fail(err, "two migrations share number %s (\"%s\")",
						    m[i].key, m[i].name);
			sql_files_free(m, n);
			return st;
		}
	*out = m;
	*count = n;
	return DB_OK;
}

static void rewrites_free(struct rewrite *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].name);
		free(r[i].before);
		free(r[i].now);
	}
	free(r);
}

/* rewritten.txt: "NAME BEFORE NOW" a line, # for comments; none if absent. */
static enum db_status rewrites_read(const char *dir, struct rewrite **out, size_t *count,
				    struct db_error *err)
{
	struct sbuf path = SBUF_INIT;
	struct rewrite *r = NULL;
	size_t n = 0;
	int line = 0;

	sbuf_addf(&path, "%s/rewritten.txt", dir);
	char *text = sql_file_read(path.buf);
	*out = NULL;
	*count = 0;
	if (!text) {
		sbuf_release(&path);
		return DB_OK;
	}
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char name[256], before[65], now[65], extra;
		line++;
		if (l[strspn(l, " \t")] == '#' || l[strspn(l, " \t")] == '\0')
			continue;
		if (sscanf(l, "%255s %64s %64s %c", name, before, now, &extra) != 3 ||
		    strlen(before) != 64 || strlen(now) != 64) {
			rewrites_free(r, n);
			free(text);
			enum db_status st = db_fail(
				err, "%s: a line that is not a name and two checksums", path.buf);
			sbuf_release(&path);
			return st;
		}
		r = xrealloc(r, (n + 1) * sizeof(*r));
		r[n++] = (struct rewrite){ xstrdup(name), xstrdup(before), xstrdup(now) };
	}
	free(text);
	sbuf_release(&path);
	*out = r;
	*count = n;
	return DB_OK;
}

static bool rewrite_accepts(const struct rewrite *r, size_t n, const char *name,
			    const char *recorded, const char *now)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].name, name) == 0 && strcmp(r[i].before, recorded) == 0 &&
		    strcmp(r[i].now, now) == 0)
			return true;
	return false;
}

/* The sha256 of text, as hex, computed by the server (as the one recorded). */
static enum db_status sql_sha256(struct db_conn *c, const char *text, char **hex,
				 struct db_error *err)
{
	struct db_result *r = NULL;
	const char *params[] = { text };
	enum db_status st = db_exec_row(c, "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')",
					1, params, &r, err);

	*hex = st == DB_OK ? db_result_dup(r, 0, 0) : NULL;
	db_result_free(&r);
	return st;
}

/* Compare what the database recorded with the files; *done: how many are applied. */
static enum db_status migrate_verify(struct db_conn *c, const char *dir, struct sql_file *m,
				     size_t n, size_t *done, struct db_error *err)
{
	struct db_result *r = NULL;
	struct rewrite *rw = NULL;
	size_t nrw = 0;
	enum db_status st = rewrites_read(dir, &rw, &nrw, err);

	if (st == DB_OK)
		st = db_exec(c,
			     "SELECT version, name, sha256 FROM wc_meta.migration ORDER BY version",
			     0, NULL, &r, err);
	if (st != DB_OK) {
		rewrites_free(rw, nrw);
		return st;
	}
	*done = 0;
	for (int i = 0; i < db_result_rows(r); i++) {
		const char *ver = db_result_get(r, i, 0);
		const char *name = db_result_get(r, i, 1);
		const char *recorded = db_result_get(r, i, 2);
		size_t k = (size_t)i;

		if (k >= n || strcmp(m[k].key, ver) != 0) {
			st = db_fail(
				err,
				"applied migration \"%s\" has no file of the same number in order",
				name);
			break;
		}
		char *now = NULL;
		st = sql_sha256(c, m[k].sql, &now, err);
		if (st != DB_OK)
			break;
		bool same = strcmp(now, recorded) == 0 ||
			    rewrite_accepts(rw, nrw, m[k].name, recorded, now);
		free(now);
		if (!same) {
			st = db_fail(
				err,
				"migration \"%s\" was changed after it was applied (applied as "
				"\"%s\")",
				m[k].name, name);
			break;
		}
		(*done)++;
	}
	db_result_free(&r);
	rewrites_free(rw, nrw);
	return st;
}

static enum db_status migrate_apply(struct db_conn *c, const struct sql_file *m,
				    struct db_error *err)
{
	const char *params[] = { m->key, m->name, m->sql };
	enum db_status st = db_exec_script(c, m->sql, err);

	if (st == DB_OK)
		st = db_exec(c, "RESET ROLE", 0, NULL, NULL, err);
	if (st == DB_OK)
		st = db_exec(c,
			     "INSERT INTO wc_meta.migration (version, name, sha256)"
			     " VALUES ($1, $2, encode(sha256(convert_to($3, 'UTF8')), 'hex'))",
			     3, params, NULL, err);
	return st == DB_OK ? st : db_fail_in(err, st, "migration", m->name);
}

/* Both files' lists and the transaction with its lock; *done as migrate_verify. */
static enum db_status migrate_begin(struct db_conn *c, const char *dir, struct sql_file **m,
				    size_t *n, struct sql_file **f, size_t *nf, size_t *done,
				    struct db_error *err)
{
	enum db_status st = migrate_list(dir, m, n, err);

	if (st == DB_OK)
		st = functions_list(dir, *m, *n, f, nf, err);
	if (st != DB_OK)
		return st;
	st = db_exec_script(c,
			    "BEGIN;"
			    "SELECT pg_advisory_xact_lock(" DB_MIGRATE_LOCK_SQL ");"
			    "SET LOCAL lock_timeout = '" MIGRATE_LOCK_TIMEOUT "';"
			    "CREATE SCHEMA IF NOT EXISTS wc_meta;"
			    "REVOKE ALL ON SCHEMA wc_meta FROM PUBLIC;"
			    "CREATE TABLE IF NOT EXISTS wc_meta.migration ("
			    " version text PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL,"
			    " applied_at timestamptz NOT NULL DEFAULT now());"
			    "REVOKE ALL ON wc_meta.migration FROM PUBLIC;"
			    "CREATE TABLE IF NOT EXISTS wc_meta.function_file ("
			    " name text PRIMARY KEY, sha256 text NOT NULL,"
			    " applied_at timestamptz NOT NULL DEFAULT now());"
			    "REVOKE ALL ON wc_meta.function_file FROM PUBLIC;",
			    err);
	if (st == DB_OK)
		st = migrate_verify(c, dir, *m, *n, done, err);
	return st;
}

char *sql_file_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct sbuf sb = SBUF_INIT;
	char buf[8192];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb);
}

void sql_files_free(struct sql_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].sql);
	}
	free(f);
}

enum db_status db_fail(struct db_error *err, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	va_list ap;

	db_error_release(err);
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	err->status = DB_ERR_SERVER;
	err->primary = sbuf_detach(&sb);
	return DB_ERR_SERVER;
}

enum db_status db_fail_in(struct db_error *err, enum db_status st, const char *what,
			  const char *name)
{
	char *why = err->primary;
	char sqlstate[sizeof(err->sqlstate)];

	/* the caller decides on the code whether to try again */
	memcpy(sqlstate, err->sqlstate, sizeof(sqlstate));
	err->primary = NULL;
	db_fail(err, "%s \"%s\" failed: %s", what, name, why ? why : "");
	err->status = st;
	memcpy(err->sqlstate, sqlstate, sizeof(sqlstate));
	free(why);
	return st;
}

enum db_status db_migrate(struct db_conn *c, const char *dir, FILE *log, int *applied,
			  struct db_error *err)
{
	return db_migrate_serving(c, dir, NULL, log, applied, err);
}

/* One try of db_migrate_serving, in one transaction. */
static enum db_status migrate_once(struct db_conn *c, const char *dir, const char *min_terminal,
				   FILE *log, int *applied, struct db_error *err)
{
	struct sql_file *m = NULL, *f = NULL;
	size_t n = 0, nf = 0, done = 0;
	enum db_status st;

	*applied = 0;
	st = migrate_begin(c, dir, &m, &n, &f, &nf, &done, err);
	for (size_t i = done; st == DB_OK && i < n; i++) {
		st = functions_apply_due(c, f, nf, m[i].key, log, err);
		if (st != DB_OK)
			break;
		if (log)
			fprintf(log, "applying %s\n", m[i].name);
		st = migrate_apply(c, &m[i], err);
		if (st == DB_OK)
			(*applied)++;
	}
	if (st == DB_OK)
		st = functions_apply_all(c, f, nf, err);
	if (st == DB_OK)
		st = functions_record(c, f, nf, err);
	if (st == DB_OK)
		st = db_version_record(c, PACKAGE_VERSION, min_terminal, err);
	if (st == DB_OK)
		st = db_exec(c, "COMMIT", 0, NULL, NULL, err);
	else
		db_exec(c, "ROLLBACK", 0, NULL, NULL, NULL);
	if (st != DB_OK)
		*applied = 0;
	sql_files_free(m, n);
	sql_files_free(f, nf);
	return st;
}

/* A try that stopped on a terminal's lock (lock_timeout) or a deadlock
 * with one: nothing was changed, and a later try may pass. */
static bool migrate_gave_way(const struct db_error *err)
{
	return err->status == DB_ERR_BUSY &&
	       (strcmp(err->sqlstate, "55P03") == 0 || strcmp(err->sqlstate, "40P01") == 0);
}

/* once(arg, err), and again while it gives way to a terminal's call. */
static enum db_status migrate_tries(enum db_status (*once)(void *arg, struct db_error *err),
				    void *arg, FILE *log, struct db_error *err)
{
	enum db_status st = once(arg, err);

	for (int try = 1; st != DB_OK && migrate_gave_way(err) && try < MIGRATE_TRIES; try++) {
		if (log)
			fprintf(log, "a terminal's call holds what migrate must change; trying "
				     "again\n");
		db_error_release(err);
		/* at most MIGRATE_PAUSE_MS, less for the first tries: a call
		 * holds its locks for milliseconds, a report for longer */
		usleep((useconds_t)(try < 8 ? try * MIGRATE_PAUSE_MS / 8 : MIGRATE_PAUSE_MS) *
		       1000);
		st = once(arg, err);
	}
	return st;
}

struct migrate_args {
	struct db_conn *c;
	const char *dir, *min_terminal;
	FILE *log;
	int *applied;
	struct db_drift **out; /* db_migrate_check's */
	int *count;
};

static enum db_status migrate_once_of(void *arg, struct db_error *err)
{
	struct migrate_args *a = arg;

	return migrate_once(a->c, a->dir, a->min_terminal, a->log, a->applied, err);
}

enum db_status db_migrate_serving(struct db_conn *c, const char *dir, const char *min_terminal,
				  FILE *log, int *applied, struct db_error *err)
{
	struct migrate_args a = { c, dir, min_terminal, log, applied, NULL, NULL };

	return migrate_tries(migrate_once_of, &a, log, err);
}

/* One try of db_migrate_check, in a transaction rolled back. */
static enum db_status migrate_check_once(void *arg, struct db_error *err)
{
	struct migrate_args *a = arg;
	struct db_conn *c = a->c;
	struct db_drift **out = a->out;
	int *count = a->count;
	struct sql_file *m = NULL, *f = NULL;
	size_t n = 0, nf = 0, done = 0;
	enum db_status st;

	db_drift_free(out, *count);
	*count = 0;
	st = migrate_begin(c, a->dir, &m, &n, &f, &nf, &done, err);
	if (st == DB_OK && done < n) {
		/* the files may name what the pending migrations make: compare after them */
		*out = xcalloc(n - done + 1, sizeof(**out));
		for (size_t i = done; i < n; i++)
			(*out)[(*count)++] = (struct db_drift){ DRIFT_PENDING, xstrdup(m[i].name) };
	} else if (st == DB_OK) {
		st = functions_compare(c, f, nf, out, count, err);
	}
	db_exec(c, "ROLLBACK", 0, NULL, NULL, NULL);
	sql_files_free(m, n);
	sql_files_free(f, nf);
	return st;
}

enum db_status db_migrate_check(struct db_conn *c, const char *dir, struct db_drift **out,
				int *count, struct db_error *err)
{
	struct migrate_args a = { c, dir, NULL, NULL, NULL, out, count };

	*out = NULL;
	*count = 0;
	return migrate_tries(migrate_check_once, &a, NULL, err);
}

void db_drift_free(struct db_drift **d, int n)
{
	if (!d || !*d)
		return;
	for (int i = 0; i < n; i++)
		free((*d)[i].object);
	free(*d);
	*d = NULL;
}
