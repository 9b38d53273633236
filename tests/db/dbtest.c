/* dbtest: connections, terminals and accounts for the database tests. */
#include "config.h"
#include "dbtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/load/invariants.h"

static int dbtest_seq;

struct db_conn *dbtest_admin(void)
{
	const char *info = getenv("WANCHUANG_TEST_DB");
	struct db_conn *c;

	ck_assert_msg(info && *info, "WANCHUANG_TEST_DB is not set");
	c = db_conn_new(info, "wanchuang-tests");
	ck_assert_msg(db_conn_open(c), "cannot connect as administrator: %s", db_conn_message(c));
	return c;
}

/* A number drawn once per process: names made here also carry it, since a
 * database reused by several runs outlives process ids. */
unsigned dbtest_salt(void)
{
	static unsigned salt;

	while (!salt)
		if (getrandom(&salt, sizeof(salt), 0) != sizeof(salt))
			salt = 0;
	return salt % 100000;
}

char *dbtest_terminal_add(struct db_conn *admin, const char *kind, const char *region,
			  char name[64])
{
	char pw[32], info[512];
	struct db_error err = DB_ERROR_INIT;

	snprintf(name, 64, "t_%s_%d_%u_%d", kind, (int)getpid(), dbtest_salt(), ++dbtest_seq);
	snprintf(pw, sizeof(pw), "pw%d%d", (int)getpid(), dbtest_seq);
	ck_assert_msg(db_terminal_add(admin, name, kind, region, pw, &err) == DB_OK,
		      "terminal_add: %s", err.primary);
	snprintf(info, sizeof(info), "host=%s port=%s dbname=%s user=%s password=%s",
		 db_conn_host(admin), db_conn_port(admin), db_conn_dbname(admin), name, pw);
	return xstrdup(info);
}

struct db_conn *dbtest_terminal(struct db_conn *admin, const char *kind, const char *region)
{
	char name[64];
	char *info = dbtest_terminal_add(admin, kind, region, name);
	struct db_conn *c = db_conn_new(info, "wanchuang-tests");

	free(info);
	ck_assert_msg(db_conn_open(c), "cannot connect as terminal: %s", db_conn_message(c));
	return c;
}

const char *dbtest_staff(struct db_conn *admin, const char *role, const char *region,
			 const char *password)
{
	static char name[64];
	struct db_error err = DB_ERROR_INIT;

	snprintf(name, sizeof(name), "u%d.%u.%d", (int)getpid(), dbtest_salt(), ++dbtest_seq);
	ck_assert_msg(db_staff_add(admin, name, role, region, "测试人员", password, NULL, &err) ==
			      DB_OK,
		      "staff_add: %s", err.primary);
	/* as if the first sign-in's change were done: tests of other things
	 * sign in with the password given (test_auth.c tests the change) */
	const char *p[] = { name };
	dbtest_sql(admin, "UPDATE wc.staff SET must_change = false WHERE username = $1", 1, p);
	return name;
}

char *dbtest_sign_in(struct db_conn *admin, struct db_conn *desk, const char *role,
		     const char *region, const char *provider_cc)
{
	static const char pw[] = "Sign-in-pass-2026";
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	const char *user = dbtest_staff(admin, role, region, pw);

	if (provider_cc) {
		const char *p[] = { user, provider_cc };
		dbtest_sql(admin, "SELECT wc_admin.provider_staff_link($1, $2)", 2, p);
	}
	ck_assert_int_eq(db_staff_login(desk, user, pw, &s, &until, &err), DB_LOGIN_OK);
	char *token = xstrdup(s.token);
	staff_session_release(&s);
	return token;
}

void dbtest_sql(struct db_conn *admin, const char *sql, int n, const char *const *params)
{
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_exec(admin, sql, n, params, NULL, &err) == DB_OK, "%s: %s", sql,
		      err.primary);
}

char *dbtest_value(struct db_conn *c, const char *sql, int n, const char *const *params)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char *v;

	ck_assert_msg(db_exec(c, sql, n, params, &r, &err) == DB_OK, "%s: %s", sql, err.primary);
	ck_assert_int_ge(db_result_rows(r), 1);
	v = db_result_dup(r, 0, 0);
	db_result_free(&r);
	return v;
}

char *dbtest_person(struct db_conn *admin, const char *categories, const char *stage,
		    char id_number[19])
{
	const char *p[] = { id_number, categories, stage };

	dbtest_id_number(id_number);
	char *person =
		dbtest_value(admin,
			     "SELECT wc_admin.person_import($1, '张晓明', '13912345678', '340104',"
			     " '340104', $2::text[], $3, NULL, NULL, NULL, NULL)",
			     3, p);
	const char *q[] = { person };
	dbtest_sql(admin,
		   "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 4))"
		   " WHERE id = $1",
		   1, q);
	return person;
}

long long dbtest_completed_booking(struct db_conn *admin, const char *person, long long service)
{
	char s[24], n[48];
	snprintf(s, sizeof(s), "%lld", service);
	snprintf(n, sizeof(n), "CB%d-%u-%d", (int)getpid(), dbtest_salt(), ++dbtest_seq);
	const char *p[] = { s, person, n };
	char *id = dbtest_value(
		admin,
		"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)"
		" VALUES ($1, now() - interval '1 day' - make_interval(secs => random() * 1000),"
		" now() - interval '23 hours', 1, 1) RETURNING id)"
		" INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen,"
		" closed_at) SELECT $3, $2, sl.id, $1, 'completed', 0, now() FROM sl RETURNING id",
		3, p);
	long long v = atoll(id);
	free(id);
	return v;
}

char *dbtest_voucher_issued(struct db_conn *admin, const char *code, const char *person,
			    const char *county, int days, const char *no)
{
	char d[16];

	snprintf(d, sizeof(d), "%d", days);
	const char *p[] = { code, person, county, d, no };
	char *v = dbtest_value(admin,
			       "INSERT INTO wc.voucher (no, programme_id, person_id, county_code,"
			       " face_fen, categories, valid_until, balance_fen)"
			       " SELECT $5, id, $2::bigint, $3, 100000, '{guidance}',"
			       "        wc.today() + $4::int, 100000"
			       " FROM wc.voucher_programme WHERE code = $1 RETURNING id::text",
			       5, p);
	const char *vp[] = { v };
	dbtest_sql(admin,
		   "INSERT INTO wc.voucher_entry (voucher_id, kind, available_delta, held_delta)"
		   " VALUES ($1::bigint, 'issue', 100000, 0)",
		   1, vp);
	dbtest_sql(admin,
		   "UPDATE wc.voucher_budget b SET available_fen = available_fen - 100000"
		   "  FROM wc.voucher v WHERE v.id = $1::bigint AND b.programme_id = v.programme_id"
		   "   AND b.county_code = v.county_code",
		   1, vp);
	return v;
}

struct db_conn *dbtest_pool(const char *kind, const char *key)
{
	char sql[64];
	struct db_conn *c = dbtest_admin();

	snprintf(sql, sizeof(sql), "SET SESSION AUTHORIZATION wc_pool_%s", kind);
	dbtest_sql(c, sql, 0, NULL);
	db_conn_set_pooled(c, true);
	db_conn_set_terminal_key(c, key);
	return c;
}

char *dbtest_citizen(struct db_conn *kiosk, const char *id_number)
{
	struct citizen_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *token, *until = NULL;

	ck_assert_int_eq(db_citizen_login(kiosk, id_number, "583920", &s, &until, &err),
			 DB_LOGIN_OK);
	token = xstrdup(s.token);
	citizen_session_release(&s);
	return token;
}

char *dbtest_report_detail(struct db_conn *admin, const char *section, const char *item)
{
	const char *p[] = { section, item };

	return dbtest_value(admin,
			    "SELECT coalesce(string_agg(detail, ' ' ORDER BY detail), '') FROM "
			    "wc_admin.security_report() WHERE section = $1 AND item = $2",
			    2, p);
}

int dbtest_race(struct db_conn *admin, int n, int nterm, char names[][64], char *const *infos,
		dbtest_step ready, dbtest_step act, void *arg)
{
	int go[2], in[2], broken = 0, told = 0;
	pid_t *pids = xcalloc((size_t)n, sizeof(*pids));
	char sql[128], byte;

	for (int t = 0; t < nterm; t++) {
		/* names[t] is one dbtest_terminal_add made: letters, digits, '_' */
		snprintf(sql, sizeof(sql), "ALTER ROLE %s CONNECTION LIMIT %d", names[t], n + 1);
		dbtest_sql(admin, sql, 0, NULL);
	}
	ck_assert(pipe(go) == 0 && pipe(in) == 0);
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		ck_assert(pids[i] >= 0);
		if (pids[i] == 0) {
			struct db_conn *c = db_conn_new(infos[i % nterm], "wanchuang-tests");
			bool ok;

			close(go[1]);
			close(in[0]);
			ok = db_conn_open(c) && (!ready || ready(i, c, arg));
			(void)!write(in[1], "r", 1);
			(void)!read(go[0], &byte, 1); /* returns once the parent closes go */
			ok = ok && act(i, c, arg);
			_exit(ok ? 0 : 1);
		}
	}
	close(in[1]);
	while (told < n && read(in[0], &byte, 1) == 1)
		told++;
	close(in[0]);
	close(go[0]);
	close(go[1]);
	for (int i = 0; i < n; i++) {
		int status;
		ck_assert(waitpid(pids[i], &status, 0) == pids[i]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			broken++;
	}
	free(pids);
	return broken;
}

void dbtest_invariants(struct db_conn *admin, long long provider)
{
	struct sbuf report = SBUF_INIT;
	struct db_error err = DB_ERROR_INIT;
	int bad = invariants_check(admin, provider, 0, &report, NULL, &err);

	ck_assert_msg(bad == 0, "invariants: %s%s", err.primary ? err.primary : "",
		      report.buf ? report.buf : "");
	sbuf_release(&report);
	db_error_release(&err);
}

void dbtest_application_sample(struct application_input *in, char code[19], char contact[19],
			       char name[64], const char *prefix)
{
	dbtest_credit_code(code);
	dbtest_id_number(contact);
	snprintf(name, 64, "%s%s", prefix, code + 10);
	*in = (struct application_input){
		.credit_code = code,
		.name = name,
		.kind = "enterprise",
		.region = "340104",
		.address = "合肥市蜀山区长江西路100号",
		.legal_rep = "王建国",
		.contact_name = "李晓梅",
		.contact_id = contact,
		.phone = "0551-65123456",
		.categories = "{tax,agency}",
		.conditions = { true, true, true, true },
		.nmaterials = 2,
		.material_kinds = { "license", "qualification" },
		.material_refs = { "91340104MA2TEST001", "皖财代字〔2024〕12号" },
	};
}
