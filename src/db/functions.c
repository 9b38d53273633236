/*
 * functions: the function files of data/sql/functions, applied and
 * compared (migrate.c says when, and why in that order).
 *
 * A function file holds functions, triggers and views, each in its current
 * form with CREATE OR REPLACE, and their grants; it starts with a
 * "-- needs: NNNN" line naming the last migration it needs. Applying the
 * files is idempotent: they run on every migrate.
 *
 * Bodies are not checked while a file runs (check_function_bodies off, as
 * pg_dump does), so a function may come before the tables or functions its
 * body names; once every file is in, each function goes through its
 * language's validator, which catches what creating it with checks on
 * would have.
 *
 * The grants are the files' and no others: before the files run again,
 * every grant on a function or view of schemas wc, api and wc_admin to
 * anyone but its owner is taken away, and the files give back theirs, in
 * the same transaction, so no terminal ever sees a function without its
 * grant.
 */
#include "config.h"
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

/* The objects the function files are about: ours, not an extension's. */
#define FUNCTIONS_SCHEMAS                                                                          \
	"(SELECT oid FROM pg_namespace WHERE nspname IN ('wc', 'api', 'wc_admin'))"
#define FUNCTIONS_NOT_EXTENSION(classid, objid)                                                    \
	"NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = '" classid "'::regclass"            \
	" AND e.objid = " objid " AND e.deptype = 'e')"

/* Every grant to anyone but the owner, on functions and views. */
static const char functions_reset_grants[] =
	"DO $$\n"
	"DECLARE\n"
	"\tg record;\n"
	"BEGIN\n"
	"\tFOR g IN SELECT 'FUNCTION ' || p.oid::regprocedure AS obj, a.grantee\n"
	"\t           FROM pg_proc p,\n"
	"\t                aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a\n"
	"\t          WHERE p.pronamespace IN " FUNCTIONS_SCHEMAS "\n"
	"\t            AND a.grantee <> p.proowner\n"
	"\t            AND " FUNCTIONS_NOT_EXTENSION(
		"pg_proc",
		"p.oid") "\n"
			 "\t         UNION ALL\n"
			 "\t         SELECT 'TABLE ' || v.oid::regclass, a.grantee\n"
			 "\t           FROM pg_class v,\n"
			 "\t                aclexplode(coalesce(v.relacl, acldefault('r', "
			 "v.relowner))) a\n"
			 "\t          WHERE v.relkind = 'v' AND v.relnamespace "
			 "IN " FUNCTIONS_SCHEMAS "\n"
			 "\t            AND a.grantee <> v.relowner\n"
			 "\t            AND " FUNCTIONS_NOT_EXTENSION(
				 "pg_class",
				 "v.oid") "\n"
					  "\tLOOP\n"
					  "\t\tEXECUTE format('REVOKE ALL ON %s FROM %s', g.obj,\n"
					  "\t\t               CASE WHEN g.grantee = 0 THEN "
					  "'PUBLIC'\n"
					  "\t\t                    ELSE "
					  "quote_ident(pg_get_userbyid(g.grantee)) END);\n"
					  "\tEND LOOP;\n"
					  "END\n"
					  "$$;\n";

/* Each function through its language's validator, with bodies checked and
 * no schema but pg_catalog on the path: every name must be qualified. */
static const char functions_validate[] =
	"SET LOCAL check_function_bodies = on;\n"
	"SET LOCAL search_path = pg_catalog, pg_temp;\n"
	"DO $$\n"
	"DECLARE\n"
	"\tf record;\n"
	"BEGIN\n"
	"\tFOR f IN SELECT p.oid, l.lanvalidator FROM pg_proc p\n"
	"\t           JOIN pg_language l ON l.oid = p.prolang\n"
	"\t          WHERE p.pronamespace IN " FUNCTIONS_SCHEMAS "\n"
	"\t            AND l.lanvalidator <> 0\n"
	"\t            AND " FUNCTIONS_NOT_EXTENSION(
		"pg_proc",
		"p.oid") "\n"
			 "\t          ORDER BY p.oid LOOP\n"
			 "\t\tBEGIN\n"
			 "\t\t\tEXECUTE format('SELECT %s(%s::oid)', f.lanvalidator::regproc, "
			 "f.oid);\n"
			 "\t\tEXCEPTION WHEN OTHERS THEN\n"
			 "\t\t\tRAISE EXCEPTION 'function %: %', f.oid::regprocedure, SQLERRM;\n"
			 "\t\tEND;\n"
			 "\tEND LOOP;\n"
			 "END\n"
			 "$$;\n"
			 "RESET search_path;\n"
			 "RESET check_function_bodies;\n";

/* What the files decide about each function, trigger and view: a row each,
 * with the row version (xmin) that tells whether the files touched it. */
static const char functions_snapshot[] =
	"SELECT 'pg_proc'::regclass::oid AS classid, p.oid AS objid, p.xmin::text AS version,"
	"       md5(pg_get_functiondef(p.oid)) AS def, pg_get_userbyid(p.proowner) AS owner,"
	"       (SELECT string_agg(g, ',' ORDER BY g) FROM"
	"         (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END"
	"                 || '=' || a.privilege_type AS g"
	"            FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a) x) AS acl"
	"  FROM pg_proc p"
	" WHERE p.pronamespace IN " FUNCTIONS_SCHEMAS "   AND " FUNCTIONS_NOT_EXTENSION(
		"pg_proc",
		"p.oid") " UNION ALL "
			 "SELECT 'pg_trigger'::regclass::oid, t.oid, t.xmin::text,"
			 "       md5(pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text), '', ''"
			 "  FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"
			 " WHERE NOT t.tgisinternal AND r.relnamespace IN " FUNCTIONS_SCHEMAS
			 "   AND " FUNCTIONS_NOT_EXTENSION(
				 "pg_trigger",
				 "t.oid") " UNION ALL "
					  "SELECT 'pg_class'::regclass::oid, v.oid,"
					  "       (SELECT w.xmin::text FROM pg_rewrite w WHERE "
					  "w.ev_class = v.oid),"
					  "       md5(pg_get_viewdef(v.oid)), "
					  "pg_get_userbyid(v.relowner),"
					  "       (SELECT string_agg(g, ',' ORDER BY g) FROM"
					  "         (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' "
					  "ELSE pg_get_userbyid(a.grantee) END"
					  "                 || '=' || a.privilege_type AS g"
					  "            FROM aclexplode(coalesce(v.relacl, "
					  "acldefault('r', v.relowner))) a) x)"
					  "  FROM pg_class v"
					  " WHERE v.relkind = 'v' AND v.relnamespace "
					  "IN " FUNCTIONS_SCHEMAS
					  "   AND " FUNCTIONS_NOT_EXTENSION("pg_class", "v.oid");

/* before: as the database was; touched: after the files ran once, so an
 * object whose row version did not change is in no file; after: after they
 * ran as migrate runs them (grants reset). */
static const char functions_differences[] =
	"SELECT d.kind, pg_describe_object(d.classid, d.objid, 0) AS object FROM ("
	" SELECT 'missing' AS kind, a.classid, a.objid FROM wc_drift_after a"
	"  WHERE NOT EXISTS (SELECT FROM wc_drift_before b"
	"                     WHERE b.classid = a.classid AND b.objid = a.objid)"
	" UNION ALL"
	" SELECT 'extra', b.classid, b.objid FROM wc_drift_before b"
	"   JOIN wc_drift_touched t USING (classid, objid) WHERE t.version = b.version"
	" UNION ALL"
	" SELECT 'changed', b.classid, b.objid FROM wc_drift_before b"
	"   JOIN wc_drift_after a USING (classid, objid) WHERE a.def <> b.def"
	" UNION ALL"
	" SELECT 'grants', b.classid, b.objid FROM wc_drift_before b"
	"   JOIN wc_drift_after a USING (classid, objid)"
	"   JOIN wc_drift_touched t USING (classid, objid)"
	"  WHERE t.version <> b.version AND a.acl IS DISTINCT FROM b.acl"
	" UNION ALL"
	" SELECT 'owner', b.classid, b.objid FROM wc_drift_before b"
	"  WHERE b.owner NOT IN ('', 'wc_owner')"
	") d ORDER BY 2, 1";

static int function_file_cmp(const void *a, const void *b)
{
	const struct sql_file *x = a, *y = b;
	int k = strcmp(x->key, y->key);

	return k ? k : strcmp(x->name, y->name);
}

/* The "-- needs: NNNN" line of a file's opening comment into key. */
static bool function_file_needs(const char *sql, char key[5])
{
	const char *l = sql;

	while (l && strncmp(l, "--", 2) == 0) {
		if (strncmp(l, "-- needs: ", 10) == 0 && strspn(l + 10, "0123456789") == 4 &&
		    (l[14] == '\n' || l[14] == '\0')) {
			memcpy(key, l + 10, 4);
			key[4] = '\0';
			return true;
		}
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	return false;
}

static bool migration_exists(const struct sql_file *m, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].key, key) == 0)
			return true;
	return false;
}

enum db_status functions_list(const char *dir, const struct sql_file *m, size_t nm,
			      struct sql_file **out, size_t *count, struct db_error *err)
{
	struct sbuf folder = SBUF_INIT;
	struct sql_file *f = NULL;
	size_t n = 0;
	enum db_status st = DB_OK;
	struct dirent *e;
	DIR *d;

	sbuf_addf(&folder, "%s/functions", dir);
	d = opendir(folder.buf);
	if (!d) {
		st = db_fail(err, "could not open function folder \"%s\": %s", folder.buf,
			     strerror(errno));
		sbuf_release(&folder);
		return st;
	}
	while (st == DB_OK && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		struct sbuf path = SBUF_INIT;
		sbuf_addf(&path, "%s/%s", folder.buf, e->d_name);
		f = xrealloc(f, (n + 1) * sizeof(*f));
		f[n] = (struct sql_file){ "", xstrdup(e->d_name), sql_file_read(path.buf), false };
		sbuf_release(&path);
		if (!f[n++].sql)
			st = db_fail(err, "could not read function file \"%s\" in \"%s\"",
				     e->d_name, folder.buf);
		else if (!function_file_needs(f[n - 1].sql, f[n - 1].key))
			st = db_fail(err,
				     "function file \"%s\" does not say which migration it needs "
				     "(a \"-- needs: NNNN\" line at its top)",
				     e->d_name);
		else if (!migration_exists(m, nm, f[n - 1].key))
			st = db_fail(err,
				     "function file \"%s\" needs migration %s, which is not there",
				     e->d_name, f[n - 1].key);
	}
	closedir(d);
	sbuf_release(&folder);
	if (st != DB_OK) {
		sql_files_free(f, n);
		return st;
	}
	qsort(f, n, sizeof(*f), function_file_cmp);
	*out = f;
	*count = n;
	return DB_OK;
}

static enum db_status function_file_apply(struct db_conn *c, struct sql_file *f,
					  struct db_error *err)
{
	enum db_status st = db_exec(c, "SET LOCAL check_function_bodies = off", 0, NULL, NULL, err);

	if (st == DB_OK)
		st = db_exec_script(c, f->sql, err);
	if (st == DB_OK)
		st = db_exec_script(c, "RESET ROLE; RESET check_function_bodies;", err);
	f->applied = true;
	return st == DB_OK ? st : db_fail_in(err, st, "function file", f->name);
}

enum db_status functions_apply_due(struct db_conn *c, struct sql_file *f, size_t n,
				   const char *before, FILE *log, struct db_error *err)
{
	enum db_status st = DB_OK;

	for (size_t i = 0; st == DB_OK && i < n; i++) {
		if (f[i].applied || strcmp(f[i].key, before) >= 0)
			continue;
		if (log)
			fprintf(log, "applying functions/%s\n", f[i].name);
		st = function_file_apply(c, &f[i], err);
	}
	return st;
}

static enum db_status functions_run(struct db_conn *c, struct sql_file *f, size_t n,
				    struct db_error *err)
{
	enum db_status st = DB_OK;

	for (size_t i = 0; st == DB_OK && i < n; i++)
		st = function_file_apply(c, &f[i], err);
	return st;
}

enum db_status functions_apply_all(struct db_conn *c, struct sql_file *f, size_t n,
				   struct db_error *err)
{
	enum db_status st = db_exec_script(c, functions_reset_grants, err);

	if (st == DB_OK)
		st = functions_run(c, f, n, err);
	if (st == DB_OK)
		st = db_exec_script(c, functions_validate, err);
	return st;
}

enum db_status functions_record(struct db_conn *c, const struct sql_file *f, size_t n,
				struct db_error *err)
{
	enum db_status st = DB_OK;

	for (size_t i = 0; st == DB_OK && i < n; i++) {
		const char *params[] = { f[i].name, f[i].sql };
		st = db_exec(c,
			     "INSERT INTO wc_meta.function_file (name, sha256)"
			     " VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))"
			     " ON CONFLICT (name) DO UPDATE"
			     " SET sha256 = EXCLUDED.sha256, applied_at = EXCLUDED.applied_at",
			     2, params, NULL, err);
	}
	/* now() is this transaction's: a row not written above is a file gone */
	if (st == DB_OK)
		st = db_exec(c, "DELETE FROM wc_meta.function_file WHERE applied_at <> now()", 0,
			     NULL, NULL, err);
	return st;
}

/* table: a name of ours, never input */
static enum db_status functions_snapshot_as(struct db_conn *c, const char *table,
					    struct db_error *err)
{
	struct sbuf sql = SBUF_INIT;
	enum db_status st;

	sbuf_addf(&sql, "CREATE TEMP TABLE %s ON COMMIT DROP AS %s", table, functions_snapshot);
	st = db_exec_script(c, sql.buf, err);
	sbuf_release(&sql);
	return st;
}

static void drift_read(const struct db_result *r, int row, void *dst)
{
	static const struct {
		const char *code;
		enum db_drift_kind kind;
	} kinds[] = {
		{ "missing", DRIFT_MISSING }, { "extra", DRIFT_EXTRA },
		{ "changed", DRIFT_CHANGED }, { "grants", DRIFT_GRANTS },
		{ "owner", DRIFT_OWNER },
	};
	struct db_drift *d = dst;
	const char *code = db_result_get(r, row, 0);

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].code, code) == 0)
			d->kind = kinds[i].kind;
	d->object = db_result_dup(r, row, 1);
}

enum db_status functions_compare(struct db_conn *c, struct sql_file *f, size_t n,
				 struct db_drift **out, int *count, struct db_error *err)
{
	enum db_status st = functions_snapshot_as(c, "wc_drift_before", err);

	if (st == DB_OK)
		st = functions_run(c, f, n, err);
	if (st == DB_OK)
		st = functions_snapshot_as(c, "wc_drift_touched", err);
	if (st == DB_OK)
		st = functions_apply_all(c, f, n, err);
	if (st == DB_OK)
		st = functions_snapshot_as(c, "wc_drift_after", err);
	if (st != DB_OK)
		return st;
	return db_rows_read(c, functions_differences, 0, NULL, sizeof(**out), drift_read,
			    (void **)out, count, err);
}
