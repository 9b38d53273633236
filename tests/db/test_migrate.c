/*
 * migrate: applies in order, once, all or nothing; refuses edited or
 * missing history but for the rewrites rewritten.txt lists; a statement
 * prepared before an upgrade still runs after it. The function files: a
 * migrated database holds exactly what they say (and migrate --check
 * finds where it does not), on a fresh database and on one migrated
 * before they existed; each is in right after the migration it needs.
 * Works on a database of its own, made from a copy of data/sql.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dbtest.h"

static char dbname[64];
static char sqldir[256];
static char dbinfo[512]; /* the administrator's conninfo of dbname */

static struct db_conn *fresh_db(void)
{
	struct db_conn *admin = dbtest_admin();
	char cmd[1024];
	const char *src = getenv("WANCHUANG_SQLDIR");

	ck_assert_msg(src && *src, "WANCHUANG_SQLDIR is not set");
	snprintf(dbname, sizeof(dbname), "wc_migrate_%d", (int)getpid());
	snprintf(sqldir, sizeof(sqldir), "/tmp/wc-migrate-%d", (int)getpid());
	snprintf(
		cmd, sizeof(cmd),
		"rm -rf '%s' && mkdir -p '%s' && cp -R '%s'/*.sql '%s'/rewritten.txt '%s'/functions"
		" '%s'/",
		sqldir, sqldir, src, src, src, sqldir);
	ck_assert_int_eq(system(cmd), 0);
	const char *p[] = { dbname };
	char *create = dbtest_value(admin,
				    "SELECT format('CREATE DATABASE %I TEMPLATE template0 ENCODING "
				    "''UTF8'' LOCALE ''C.UTF-8''', $1::text)",
				    1, p);
	dbtest_sql(admin, create, 0, NULL);
	free(create);
	/* closed to the terminals, or the security report of a test running
	 * beside this one finds a database they can reach */
	char *close = dbtest_value(
		admin, "SELECT format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', $1::text)",
		1, p);
	dbtest_sql(admin, close, 0, NULL);
	free(close);
	snprintf(dbinfo, sizeof(dbinfo), "host=%s port=%s dbname=%s user=%s", db_conn_host(admin),
		 db_conn_port(admin), dbname, "postgres");
	db_conn_free(&admin);
	struct db_conn *c = db_conn_new(dbinfo, "wanchuang-tests");
	ck_assert(db_conn_open(c));
	return c;
}

static void drop_db(struct db_conn **c)
{
	struct db_conn *admin = dbtest_admin();
	const char *p[] = { dbname };
	char cmd[512];

	db_conn_free(c);
	char *drop = dbtest_value(admin, "SELECT format('DROP DATABASE %I', $1::text)", 1, p);
	dbtest_sql(admin, drop, 0, NULL);
	free(drop);
	db_conn_free(&admin);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sqldir);
	ck_assert_int_eq(system(cmd), 0);
}

static void append(const char *file, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", sqldir, file);
	f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(applies_once_in_order)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;

	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	ck_assert_int_gt(applied, 4);
	int first = applied;
	char *n = dbtest_value(c, "SELECT count(*) FROM wc_meta.migration", 0, NULL);
	ck_assert_int_eq(atoi(n), first);
	free(n);
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_OK);
	ck_assert_int_eq(applied, 0);
	/* a new file is applied alone */
	append("9000_later.sql", "SET LOCAL ROLE wc_owner;\nCREATE TABLE wc.later (x int);\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_OK);
	ck_assert_int_eq(applied, 1);
	drop_db(&c);
}
END_TEST

/* One transaction: the good file before a broken one is not applied either. */
START_TEST(a_failing_file_leaves_no_trace)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;

	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	append("9000_fine.sql", "SET LOCAL ROLE wc_owner;\nCREATE TABLE wc.fine (x int);\n");
	append("9001_broken.sql", "SET LOCAL ROLE wc_owner;\nCREATE TABLE wc.half (x int);\n"
				  "SELECT no_such_function();\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "9001_broken.sql"));
	ck_assert_int_eq(applied, 0);
	char *n = dbtest_value(c, "SELECT count(*) FROM pg_class WHERE relname IN ('half', 'fine')",
			       0, NULL);
	ck_assert_str_eq(n, "0");
	free(n);
	n = dbtest_value(c, "SELECT count(*) FROM wc_meta.migration WHERE version >= '9000'", 0,
			 NULL);
	ck_assert_str_eq(n, "0");
	free(n);
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

START_TEST(edited_history_is_refused)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;
	char path[512];

	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_OK);
	append("0003_accounts.sql", "-- edited after the fact\n");
	append("9000_new.sql", "SELECT 1;\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "0003_accounts.sql"));
	ck_assert_int_eq(applied, 0); /* and the new one was not applied either */

	/* an applied file that is gone */
	snprintf(path, sizeof(path), "%s/0003_accounts.sql", sqldir);
	unlink(path);
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

/* A running kiosk keeps its statements prepared; an upgrade that changes a
 * function's result under one must not make the call fail. */
START_TEST(prepared_statements_outlive_an_upgrade)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	const char *call = "SELECT * FROM public.upgraded()";

	dbtest_sql(c,
		   "CREATE FUNCTION public.upgraded() RETURNS TABLE (a int) LANGUAGE sql AS "
		   "'SELECT 1'",
		   0, NULL);
	for (int i = 0; i < 2; i++) {
		ck_assert(db_exec(c, call, 0, NULL, &r, &err) == DB_OK);
		ck_assert_int_eq(db_result_cols(r), 1);
		db_result_free(&r);
	}
	/* it runs prepared */
	const char *p[] = { call };
	char *n = dbtest_value(
		c, "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", 1, p);
	ck_assert_str_eq(n, "1");
	free(n);
	dbtest_sql(c, "DROP FUNCTION public.upgraded()", 0, NULL);
	dbtest_sql(c,
		   "CREATE FUNCTION public.upgraded() RETURNS TABLE (a int, b text) LANGUAGE sql"
		   " AS 'SELECT 2, ''new'''",
		   0, NULL);
	for (int i = 0; i < 2; i++) {
		ck_assert_msg(db_exec(c, call, 0, NULL, &r, &err) == DB_OK, "%s %s", err.sqlstate,
			      err.primary);
		ck_assert_int_eq(db_result_cols(r), 2);
		ck_assert_str_eq(db_result_get(r, 0, 1), "new");
		db_result_free(&r);
	}
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

static struct db_conn *migrated_db(void)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	int applied = -1;

	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	return c;
}

/* What migrate --check finds; the caller frees *d. */
static int drifts(struct db_conn *c, struct db_drift **d)
{
	struct db_error err = DB_ERROR_INIT;
	int n = -1;

	ck_assert_msg(db_migrate_check(c, sqldir, d, &n, &err) == DB_OK, "%s", err.primary);
	for (int i = 0; i < n; i++)
		if ((*d)[i].kind != DRIFT_PENDING)
			fprintf(stderr, "drift %d: %s\n", (int)(*d)[i].kind, (*d)[i].object);
	return n;
}

static bool drift_has(const struct db_drift *d, int n, enum db_drift_kind kind, const char *object)
{
	for (int i = 0; i < n; i++)
		if (d[i].kind == kind && strcmp(d[i].object, object) == 0)
			return true;
	return false;
}

static char *read_whole(const char *path)
{
	struct sbuf sb = SBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[8192];

	ck_assert_ptr_nonnull(f);
	for (size_t n; (n = fread(buf, 1, sizeof(buf), f)) > 0;)
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb);
}

/* Every function file of the copy, one after the other. Caller frees. */
static char *function_files(int *count)
{
	struct sbuf all = SBUF_INIT;
	char folder[512], file[768];
	struct dirent *e;
	DIR *d;

	snprintf(folder, sizeof(folder), "%s/functions", sqldir);
	d = opendir(folder);
	ck_assert_ptr_nonnull(d);
	*count = 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		snprintf(file, sizeof(file), "%s/%s", folder, e->d_name);
		char *text = read_whole(file);
		sbuf_adds(&all, text);
		sbuf_addch(&all, '\n');
		free(text);
		(*count)++;
	}
	closedir(d);
	return sbuf_detach(&all);
}

/* The names the files write and the names the database holds, read apart
 * from migrate's own comparison. */
static void same_names(struct db_conn *c, const char *files, const char *pattern,
		       const char *in_database)
{
	const char *p[] = { files, pattern };
	char *written = dbtest_value(c,
				     "SELECT string_agg(n, ' ' ORDER BY n) FROM (SELECT DISTINCT"
				     " lower(m[1]) AS n FROM regexp_matches($1, $2, 'gn') AS m) x",
				     2, p);
	char *held = dbtest_value(c, in_database, 0, NULL);

	ck_assert_ptr_nonnull(written);
	ck_assert_str_eq(written, held);
	free(written);
	free(held);
}

START_TEST(a_fresh_database_holds_what_the_files_say)
{
	struct db_conn *c = migrated_db();
	struct db_drift *d = NULL;
	int nfiles = 0;
	char *files = function_files(&nfiles);

	ck_assert_int_eq(drifts(c, &d), 0);
	db_drift_free(&d, 0);
	same_names(c, files, "^CREATE OR REPLACE FUNCTION\\s+([a-z_]+\\.[a-z_0-9]+)",
		   "SELECT string_agg(n, ' ' ORDER BY n) FROM (SELECT s.nspname || '.' || p.proname"
		   " AS n FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace"
		   " WHERE s.nspname IN ('wc', 'api', 'wc_admin')) x");
	same_names(c, files, "^CREATE OR REPLACE TRIGGER\\s+([a-z_0-9]+)",
		   "SELECT string_agg(tgname, ' ' ORDER BY tgname) FROM pg_trigger"
		   " WHERE NOT tgisinternal");
	free(files);
	char *n = dbtest_value(c, "SELECT count(*) FROM wc_meta.function_file", 0, NULL);
	ck_assert_int_eq(atoi(n), nfiles);
	free(n);
	drop_db(&c);
}
END_TEST

/* Changes made by hand are found, --check changes nothing, and migrate
 * puts back what the files say (what they do not name, it leaves). */
START_TEST(drift_is_found_and_repaired)
{
	struct db_conn *c = migrated_db();
	struct db_error err = DB_ERROR_INIT;
	struct db_drift *d = NULL;
	int applied = -1, n;

	dbtest_sql(c,
		   "CREATE OR REPLACE FUNCTION wc.today() RETURNS date LANGUAGE sql STABLE AS"
		   " 'SELECT DATE ''2000-01-01'''",
		   0, NULL);
	/* made by the administrator, so not owned by wc_owner either */
	dbtest_sql(c, "CREATE FUNCTION api.by_hand() RETURNS int LANGUAGE sql AS 'SELECT 1'", 0,
		   NULL);
	dbtest_sql(c, "GRANT EXECUTE ON FUNCTION api.person_reveal(text, bigint) TO wc_kiosk", 0,
		   NULL);
	dbtest_sql(c, "DROP TRIGGER review_keep_record ON wc.review", 0, NULL);
	dbtest_sql(c, "ALTER TABLE wc.voucher_entry DISABLE TRIGGER voucher_entry_append_only", 0,
		   NULL);

	n = drifts(c, &d);
	ck_assert(drift_has(d, n, DRIFT_CHANGED, "function wc.today()"));
	ck_assert(drift_has(d, n, DRIFT_EXTRA, "function api.by_hand()"));
	ck_assert(drift_has(d, n, DRIFT_GRANTS, "function api.person_reveal(text,bigint)"));
	ck_assert(drift_has(d, n, DRIFT_MISSING, "trigger review_keep_record on table wc.review"));
	ck_assert(drift_has(d, n, DRIFT_CHANGED,
			    "trigger voucher_entry_append_only on table wc.voucher_entry"));
	ck_assert(drift_has(d, n, DRIFT_OWNER, "function api.by_hand()"));
	ck_assert_int_eq(n, 6);
	db_drift_free(&d, n);
	char *v = dbtest_value(c, "SELECT wc.today()::text", 0, NULL);
	ck_assert_str_eq(v, "2000-01-01"); /* the check changed nothing */
	free(v);

	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	n = drifts(c, &d);
	ck_assert(drift_has(d, n, DRIFT_EXTRA, "function api.by_hand()"));
	ck_assert(drift_has(d, n, DRIFT_OWNER, "function api.by_hand()"));
	ck_assert_int_eq(n, 2);
	db_drift_free(&d, n);
	v = dbtest_value(c,
			 "SELECT has_function_privilege('wc_kiosk',"
			 " 'api.person_reveal(text, bigint)', 'EXECUTE')::text",
			 0, NULL);
	ck_assert_str_eq(v, "false");
	free(v);
	drop_db(&c);
}
END_TEST

/* Set each rewritten migration's recorded checksum to the one rewritten.txt
 * says a database recorded before (only those matching like). */
static int record_old_checksums(struct db_conn *c, const char *like)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/rewritten.txt", sqldir);
	char *list = read_whole(path);
	const char *p[] = { list, like };
	char *n = dbtest_value(
		c,
		"WITH r AS (SELECT split_part(l, ' ', 1) AS name, split_part(l, ' ', 2) AS before"
		"             FROM regexp_split_to_table($1, '\\n') AS l"
		"            WHERE l ~ '^[0-9]{4}_' AND l LIKE $2),"
		" u AS (UPDATE wc_meta.migration m SET sha256 = r.before FROM r"
		"        WHERE m.name = r.name RETURNING 1)"
		" SELECT count(*) FROM u",
		2, p);
	int count = atoi(n);

	free(n);
	free(list);
	return count;
}

/* A database migrated with the migrations as they were before their
 * functions moved out recorded their old checksums: accepted for exactly
 * the rewritten files, and the function files leave it as a fresh one. */
START_TEST(an_old_database_is_upgraded)
{
	struct db_conn *c = migrated_db();
	struct db_error err = DB_ERROR_INIT;
	struct db_drift *d = NULL;
	int applied = -1, nfiles = 0;

	ck_assert_int_ge(record_old_checksums(c, "%"), 20);
	dbtest_sql(c, "DROP TABLE wc_meta.function_file", 0, NULL);
	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	ck_assert_int_eq(applied, 0);
	ck_assert_int_eq(drifts(c, &d), 0);
	db_drift_free(&d, 0);
	free(function_files(&nfiles));
	char *n = dbtest_value(c, "SELECT count(*) FROM wc_meta.function_file", 0, NULL);
	ck_assert_int_eq(atoi(n), nfiles);
	free(n);

	/* the checksum of another file's old version is not accepted */
	dbtest_sql(c,
		   "UPDATE wc_meta.migration SET sha256 = (SELECT sha256 FROM wc_meta.migration"
		   " WHERE name = '0012_services.sql') WHERE name = '0013_vouchers.sql'",
		   0, NULL);
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "0013_vouchers.sql"));
	ck_assert_int_eq(record_old_checksums(c, "0013_%"), 1);
	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	/* nor a rewritten file edited again */
	append("0013_vouchers.sql", "-- edited after the rewrite\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "0013_vouchers.sql"));
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

/* On a fresh database a function file is in right after the migration it
 * needs, so the next migration's rows go through its trigger; --check
 * names the migrations not applied; a file must need one that exists. */
START_TEST(a_function_file_comes_after_what_it_needs)
{
	struct db_conn *c = fresh_db();
	struct db_error err = DB_ERROR_INIT;
	struct db_drift *d = NULL;
	int applied = -1, n;

	append("9000_later.sql",
	       "SET LOCAL ROLE wc_owner;\nCREATE TABLE wc.later (x int, y int);\n");
	append("functions/later.sql",
	       "-- needs: 9000\nSET LOCAL ROLE wc_owner;\n"
	       "CREATE OR REPLACE FUNCTION wc.later_y() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	       "BEGIN\n\tNEW.y := NEW.x * 2;\n\tRETURN NEW;\nEND\n$$;\n"
	       "CREATE OR REPLACE TRIGGER later_y BEFORE INSERT ON wc.later\n"
	       "\tFOR EACH ROW EXECUTE FUNCTION wc.later_y();\n");
	append("9001_later_rows.sql",
	       "SET LOCAL ROLE wc_owner;\nINSERT INTO wc.later (x) VALUES (21);\n");
	n = drifts(c, &d);
	ck_assert(drift_has(d, n, DRIFT_PENDING, "0001_roles.sql"));
	ck_assert(drift_has(d, n, DRIFT_PENDING, "9001_later_rows.sql"));
	db_drift_free(&d, n);
	ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s", err.primary);
	char *y = dbtest_value(c, "SELECT y FROM wc.later", 0, NULL);
	ck_assert_str_eq(y, "42");
	free(y);
	ck_assert_int_eq(drifts(c, &d), 0);
	db_drift_free(&d, 0);

	append("functions/stray.sql", "-- needs: 9999\nSELECT 1;\n");
	ck_assert_int_eq(db_migrate(c, sqldir, NULL, &applied, &err), DB_ERR_SERVER);
	ck_assert_ptr_nonnull(strstr(err.primary, "stray.sql"));
	db_error_release(&err);
	drop_db(&c);
}
END_TEST

static long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* In a child process: connect to dbname, run script, exit 0 when it ran. */
static pid_t child_script(const char *script)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct db_conn *h = db_conn_new(dbinfo, "wanchuang-tests");
		bool ok = db_conn_open(h) && db_exec_script(h, script, NULL) == DB_OK;
		db_conn_free(&h);
		_exit(ok ? 0 : 1);
	}
	return pid;
}

/* Poll until query (one count) answers more than 0; false after 20 s. */
static bool eventually(struct db_conn *c, const char *query)
{
	for (long until = ms_now() + 20000; ms_now() < until; usleep(20000)) {
		char *n = dbtest_value(c, query, 0, NULL);
		bool seen = atoi(n) > 0;
		free(n);
		if (seen)
			return true;
	}
	return false;
}

/*
 * A call in progress holds a table whose trigger migrate replaces (a
 * booking being written: wc.booking, ROW EXCLUSIVE). Migrate must wait
 * for it; a call that comes meanwhile and writes the same table must not
 * wait behind migrate for as long as the first call lasts, and migrate
 * gets through once the first call has ended.
 */
START_TEST(a_call_does_not_queue_behind_a_waiting_migrate)
{
	struct db_conn *c = migrated_db();
	int status = -1;
	pid_t holder = child_script("BEGIN; LOCK TABLE wc.booking IN ROW EXCLUSIVE MODE;"
				    " SELECT pg_sleep(8); COMMIT;");

	ck_assert(eventually(c, "SELECT count(*) FROM pg_locks WHERE relation = 'wc.booking'::regclass"
				" AND mode = 'RowExclusiveLock' AND granted"));
	pid_t migrator = fork();
	ck_assert_int_ge(migrator, 0);
	if (migrator == 0) {
		struct db_conn *m = db_conn_new(dbinfo, "wanchuang-tests");
		struct db_error err = DB_ERROR_INIT;
		int applied = -1;
		bool ok = db_conn_open(m) && db_migrate(m, sqldir, NULL, &applied, &err) == DB_OK;
		if (!ok)
			fprintf(stderr, "migrate: %s %s\n", err.sqlstate, err.primary);
		db_error_release(&err);
		db_conn_free(&m);
		_exit(ok ? 0 : 1);
	}
	/* migrate is waiting for the table */
	ck_assert(eventually(c, "SELECT count(*) FROM pg_locks WHERE relation = 'wc.booking'::regclass"
				" AND NOT granted"));
	long t0 = ms_now();
	/* what an INSERT into wc.booking takes */
	ck_assert(db_exec_script(c, "BEGIN; LOCK TABLE wc.booking IN ROW EXCLUSIVE MODE; COMMIT;",
				 NULL) == DB_OK);
	long waited = ms_now() - t0;
	ck_assert_int_eq(waitpid(holder, &status, 0), holder);
	ck_assert_int_eq(status, 0);
	ck_assert_int_eq(waitpid(migrator, &status, 0), migrator);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "migrate failed once the call had ended");
	ck_assert_msg(waited < 2000, "a call waited %ld ms behind a migrate waiting for a lock",
		      waited);
	drop_db(&c);
}
END_TEST

enum { CALLERS = 4 };

/* 1 when a call failed, said on stderr; err released. */
static int call_failed(enum db_status st, struct db_error *err)
{
	if (st != DB_OK)
		fprintf(stderr, "a call failed: %s %s\n", err->sqlstate,
			err->primary ? err->primary : "");
	db_error_release(err);
	return st != DB_OK;
}

/* A kiosk at work in a child process until stop reads end of file (its
 * copy of the writing end, stop_writer, closed): a
 * policy search, the regions, the version check, over and over on one
 * connection (so the statements run prepared). Exits with the number of
 * calls that failed (at most 100), each said on stderr; 101 when it made
 * none. */
static pid_t caller_start(const char *info, int stop, int stop_writer)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid != 0)
		return pid;
	close(stop_writer);
	struct db_conn *k = db_conn_new(info, "wanchuang-tests");
	struct db_error err = DB_ERROR_INIT;
	const char *version[] = { PACKAGE_VERSION };
	int failed = 0, calls = 0;
	char b;

	if (!db_conn_open(k))
		_exit(100);
	while (read(stop, &b, 1) < 0 && failed < 100) {
		struct policy_query q = { .text = "创业", .region = "340104", .limit = 20 };
		struct policy_page page = { 0 };
		failed += call_failed(db_policy_search(k, &q, &page, &err), &err);
		policy_page_release(&page);
		failed += call_failed(
			db_exec(k, "SELECT count(*) FROM api.regions()", 0, NULL, NULL, &err), &err);
		failed += call_failed(db_exec(k, "SELECT * FROM api.version_check($1)", 1, version,
					      NULL, &err),
				      &err);
		calls += 3;
	}
	db_conn_free(&k);
	_exit(calls == 0 ? 101 : failed);
}

/* Kiosks calling while migrate re-applies every function file, twice:
 * each call answers, from the old functions or the new, and none fails. */
START_TEST(calls_go_on_during_a_migrate)
{
	struct db_conn *c = migrated_db();
	struct db_error err = DB_ERROR_INIT;
	pid_t callers[CALLERS];
	int stop[2], applied = -1;

	ck_assert_int_eq(pipe(stop), 0);
	/* the callers see end of file once the parent has closed its end */
	ck_assert_int_eq(fcntl(stop[0], F_SETFL, O_NONBLOCK), 0);
	for (int i = 0; i < CALLERS; i++) {
		char name[64];
		char *info = dbtest_terminal_add(c, "kiosk", "340104", name);
		callers[i] = caller_start(info, stop[0], stop[1]);
		free(info);
	}
	close(stop[0]);
	for (int i = 0; i < 2; i++)
		ck_assert_msg(db_migrate(c, sqldir, NULL, &applied, &err) == DB_OK, "%s",
			      err.primary);
	close(stop[1]);
	for (int i = 0; i < CALLERS; i++) {
		int status = -1;
		ck_assert_int_eq(waitpid(callers[i], &status, 0), callers[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "kiosk %d: status %d (calls failed during a migrate, or none made)", i,
			      WEXITSTATUS(status));
	}
	drop_db(&c);
}
END_TEST

Suite *migrate_suite(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("history");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, applies_once_in_order);
	tcase_add_test(tc, a_failing_file_leaves_no_trace);
	tcase_add_test(tc, edited_history_is_refused);
	tcase_add_test(tc, prepared_statements_outlive_an_upgrade);
	suite_add_tcase(s, tc);
	tc = tcase_create("functions");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a_fresh_database_holds_what_the_files_say);
	tcase_add_test(tc, drift_is_found_and_repaired);
	tcase_add_test(tc, an_old_database_is_upgraded);
	tcase_add_test(tc, a_function_file_comes_after_what_it_needs);
	suite_add_tcase(s, tc);
	tc = tcase_create("in_use");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a_call_does_not_queue_behind_a_waiting_migrate);
	tcase_add_test(tc, calls_go_on_during_a_migrate);
	suite_add_tcase(s, tc);
	return s;
}
