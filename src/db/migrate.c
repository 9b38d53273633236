/*
 * migrate: apply data/sql/NNNN_name.sql in order.
 *
 * Each file runs in its own transaction together with the row that
 * records it, so a failed file leaves no trace. The checksum of every
 * applied file is kept: if a file that was applied has changed, or an
 * applied one is missing, history was edited and nothing is applied.
 * A session advisory lock keeps two administrators from racing.
 */
#include "config.h"
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

struct migration {
	char *version; /* "0003" */
	char *name; /* "0003_accounts.sql" */
	char *sql;
};

static int migration_cmp(const void *a, const void *b)
{
	return strcmp(((const struct migration *)a)->name, ((const struct migration *)b)->name);
}

static bool migration_is_file(const char *n)
{
	size_t len = strlen(n);

	return len > 9 && strspn(n, "0123456789") == 4 && n[4] == '_' &&
	       strcmp(n + len - 4, ".sql") == 0;
}

static char *migrate_read(const char *path)
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

static enum db_status migrate_fail(struct db_error *err, const char *fmt, ...) WC_PRINTF(2, 3);

static enum db_status migrate_fail(struct db_error *err, const char *fmt, ...)
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

static void migrations_free(struct migration *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].version);
		free(m[i].name);
		free(m[i].sql);
	}
	free(m);
}

static enum db_status migrate_list(const char *dir, struct migration **out, size_t *count,
				   struct db_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct migration *m = NULL;
	size_t n = 0;

	if (!d)
		return migrate_fail(err, "could not open migrations folder \"%s\": %s", dir,
				    strerror(errno));
	while ((e = readdir(d))) {
		if (!migration_is_file(e->d_name))
			continue;
		struct sbuf path = SBUF_INIT;
		sbuf_addf(&path, "%s/%s", dir, e->d_name);
		m = xrealloc(m, (n + 1) * sizeof(*m));
		m[n].version = xstrndup(e->d_name, 4);
		m[n].name = xstrdup(e->d_name);
		m[n].sql = migrate_read(path.buf);
		sbuf_release(&path);
		if (!m[n++].sql) {
			closedir(d);
			migrations_free(m, n);
			return migrate_fail(err, "could not read migration \"%s\" in \"%s\"",
					    e->d_name, dir);
		}
	}
	closedir(d);
	if (n == 0)
		return migrate_fail(err, "no migrations found in \"%s\"", dir);
	qsort(m, n, sizeof(*m), migration_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(m[i].version, m[i - 1].version) == 0) {
			enum db_status st =
				migrate_fail(err, "two migrations share number %s (\"%s\")",
					     m[i].version, m[i].name);
			migrations_free(m, n);
			return st;
		}
	*out = m;
	*count = n;
	return DB_OK;
}

/* Compare what the database recorded with the files. */
static enum db_status migrate_verify(struct db_conn *c, struct migration *m, size_t n, size_t *done,
				     struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st =
		db_exec(c, "SELECT version, name, sha256 FROM wc_meta.migration ORDER BY version",
			0, NULL, &r, err);

	if (st != DB_OK)
		return st;
	*done = 0;
	for (int i = 0; i < db_result_rows(r); i++) {
		const char *ver = db_result_get(r, i, 0);
		const char *name = db_result_get(r, i, 1);
		size_t k = (size_t)i;

		if (k >= n || strcmp(m[k].version, ver) != 0) {
			st = migrate_fail(err,
					  "applied migration \"%s\" has no file of the same "
					  "number in order",
					  name);
			break;
		}
		const char *params[] = { m[k].sql, db_result_get(r, i, 2) };
		struct db_result *eq = NULL;
		st = db_exec(c, "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') = $2", 2,
			     params, &eq, err);
		if (st != DB_OK)
			break;
		bool same = strcmp(db_result_get(eq, 0, 0), "t") == 0;
		db_result_free(&eq);
		if (!same) {
			st = migrate_fail(err,
					  "migration \"%s\" was changed after it was applied "
					  "(applied as \"%s\")",
					  m[k].name, name);
			break;
		}
		(*done)++;
	}
	db_result_free(&r);
	return st;
}

static enum db_status migrate_apply(struct db_conn *c, const struct migration *m,
				    struct db_error *err)
{
	const char *params[] = { m->version, m->name, m->sql };
	enum db_status st = db_exec(c, "BEGIN", 0, NULL, NULL, err);

	if (st == DB_OK)
		st = db_exec_script(c, m->sql, err);
	if (st == DB_OK)
		st = db_exec(c, "RESET ROLE", 0, NULL, NULL, err);
	if (st == DB_OK)
		st = db_exec(c,
			     "INSERT INTO wc_meta.migration (version, name, sha256)"
			     " VALUES ($1, $2, encode(sha256(convert_to($3, 'UTF8')), 'hex'))",
			     3, params, NULL, err);
	if (st == DB_OK)
		return db_exec(c, "COMMIT", 0, NULL, NULL, err);
	db_exec(c, "ROLLBACK", 0, NULL, NULL, NULL);
	return st;
}

enum db_status db_migrate(struct db_conn *c, const char *dir, FILE *log, int *applied,
			  struct db_error *err)
{
	struct migration *m = NULL;
	size_t n = 0, done = 0;
	enum db_status st;

	*applied = 0;
	st = migrate_list(dir, &m, &n, err);
	if (st != DB_OK)
		return st;
	st = db_exec_script(c,
			    "SELECT pg_advisory_lock(hashtext('wanchuang migrate'));"
			    "CREATE SCHEMA IF NOT EXISTS wc_meta;"
			    "REVOKE ALL ON SCHEMA wc_meta FROM PUBLIC;"
			    "CREATE TABLE IF NOT EXISTS wc_meta.migration ("
			    " version text PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL,"
			    " applied_at timestamptz NOT NULL DEFAULT now());"
			    "REVOKE ALL ON wc_meta.migration FROM PUBLIC;",
			    err);
	if (st == DB_OK)
		st = migrate_verify(c, m, n, &done, err);
	for (size_t i = done; st == DB_OK && i < n; i++) {
		if (log)
			fprintf(log, "applying %s\n", m[i].name);
		st = migrate_apply(c, &m[i], err);
		if (st != DB_OK) {
			char *why = err->primary;
			err->primary = NULL;
			migrate_fail(err, "migration \"%s\" failed: %s", m[i].name, why ? why : "");
			err->status = st;
			free(why);
		} else {
			(*applied)++;
		}
	}
	db_exec(c, "SELECT pg_advisory_unlock(hashtext('wanchuang migrate'))", 0, NULL, NULL, NULL);
	migrations_free(m, n);
	return st;
}
