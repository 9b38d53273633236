/* fixture: terminals, a provider, services, slots, people and vouchers. */
#include "config.h"
#include "fixture.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/db/dbtest_ids.h"

static const char *const DESK_PW = "Counter-pass-1";

static int fixture_seq;

_Noreturn void fixture_die(const char *what, const struct db_error *err)
{
	fprintf(stderr, "%s: %s%s%s\n", program_invocation_short_name, what,
		err && err->primary ? ": " : "", err && err->primary ? err->primary : "");
	exit(1);
}

struct db_conn *fixture_connect(const char *conninfo, const char *application)
{
	struct db_conn *c = db_conn_new(conninfo, application);

	if (!db_conn_open(c)) {
		fprintf(stderr, "%s: could not connect: %s\n", program_invocation_short_name,
			db_conn_message(c));
		exit(1);
	}
	return c;
}

void fixture_sql(struct db_conn *c, const char *sql, int n, const char *const *params)
{
	struct db_error err = DB_ERROR_INIT;

	if (db_exec(c, sql, n, params, NULL, &err) != DB_OK)
		fixture_die(sql, &err);
}

char *fixture_value(struct db_conn *c, const char *sql, int n, const char *const *params)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	char *v;

	if (db_exec(c, sql, n, params, &r, &err) != DB_OK)
		fixture_die(sql, &err);
	if (db_result_rows(r) < 1 || !db_result_get(r, 0, 0))
		fixture_die(sql, &(struct db_error){ .primary = "no value" });
	v = db_result_dup(r, 0, 0);
	db_result_free(&r);
	return v;
}

long long fixture_ll(struct db_conn *c, const char *sql, int n, const char *const *params)
{
	char *v = fixture_value(c, sql, n, params);
	long long x = atoll(v);

	free(v);
	return x;
}

char *fixture_terminal(struct db_conn *admin, const char *kind, char role[64])
{
	char name[64], pw[32], info[512];
	struct db_error err = DB_ERROR_INIT;

	snprintf(name, sizeof(name), "ld_%s_%d_%d", kind, (int)getpid(), ++fixture_seq);
	snprintf(pw, sizeof(pw), "pw%d-%d", (int)getpid(), fixture_seq);
	if (db_terminal_add(admin, name, kind, strcmp(kind, "kiosk") == 0 ? "340104" : NULL, pw,
			    &err) != DB_OK)
		fixture_die("terminal_add", &err);
	snprintf(info, sizeof(info), "host=%s port=%s dbname=%s user=%s password=%s",
		 db_conn_host(admin), db_conn_port(admin), db_conn_dbname(admin), name, pw);
	if (role)
		memcpy(role, name, sizeof(name));
	return xstrdup(info);
}

long long fixture_provider(struct db_conn *admin, char credit_code[19])
{
	char name[64];

	dbtest_credit_code(credit_code);
	snprintf(name, sizeof(name), "负载测试服务商%d-%d", (int)getpid(), ++fixture_seq);
	const char *p[] = { credit_code, name };
	return fixture_ll(admin,
			  "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李',"
			  " '0551')",
			  2, p);
}

long long fixture_service(struct db_conn *admin, const char *credit_code, const char *category,
			  long long price_fen)
{
	char code[48], fen[24];

	snprintf(code, sizeof(code), "L%d-%d", (int)getpid(), ++fixture_seq);
	snprintf(fen, sizeof(fen), "%lld", price_fen);
	const char *p[] = { code, credit_code, category, fen, price_fen > 0 ? "t" : "f" };
	return fixture_ll(admin,
			  "SELECT wc_admin.service_add($1, $2, '负载测试服务', $3, $5::boolean,"
			  " false, $4::bigint, $5::boolean, '340104', '', '蜀山区', '0551', 24)",
			  5, p);
}

long long fixture_slot(struct db_conn *admin, long long service, int capacity, int minute)
{
	char s[24], c[16], m[16];

	snprintf(s, sizeof(s), "%lld", service);
	snprintf(c, sizeof(c), "%d", capacity);
	snprintf(m, sizeof(m), "%d", minute);
	const char *p[] = { s, c, m };
	return fixture_ll(admin,
			  "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
			  " SELECT $1, t, t + interval '1 hour', $2::int"
			  " FROM (SELECT date_trunc('minute', now()) + make_interval(days => 3,"
			  " mins => $3::int) AS t) x RETURNING id",
			  3, p);
}

long long fixture_programme(struct db_conn *admin, const char *categories, long long face_fen,
			    long long budget_fen)
{
	char code[48], f[24], b[24];

	snprintf(code, sizeof(code), "LP%d-%d", (int)getpid(), ++fixture_seq);
	snprintf(f, sizeof(f), "%lld", face_fen);
	snprintf(b, sizeof(b), "%lld", budget_fen);
	const char *p[] = { code, f, categories };
	long long id =
		fixture_ll(admin,
			   "SELECT wc_admin.programme_add($1, '负载测试创业券', $2::bigint, 12,"
			   " $3::text[], '{}', NULL, '')",
			   3, p);
	const char *q[] = { code, b };
	fixture_sql(admin, "SELECT wc_admin.budget_set($1, '340104', $2::bigint)", 2, q);
	return id;
}

char *fixture_person(struct db_conn *admin, char id_number[19])
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	const char *p[] = { id_number };

	/* a random number may be someone's already (WC011): draw again */
	for (int tries = 0;; tries++) {
		dbtest_id_number(id_number);
		if (db_exec(admin,
			    "SELECT wc_admin.person_import($1, '张晓明', '13912345678', '340104',"
			    " '340104', '{}', 'intending', NULL, NULL, NULL, NULL)",
			    1, p, &r, &err) == DB_OK)
			break;
		if (tries == 20 || strcmp(err.sqlstate, "WC011") != 0)
			fixture_die("person_import", &err);
	}
	char *person = db_result_dup(r, 0, 0);
	db_result_free(&r);
	db_error_release(&err);
	const char *q[] = { person };
	fixture_sql(admin,
		    "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 4))"
		    " WHERE id = $1",
		    1, q);
	return person;
}

char *fixture_sign_in(struct db_conn *kiosk, const char *id_number)
{
	struct citizen_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *token, *until = NULL;

	if (db_citizen_login(kiosk, id_number, "583920", &s, &until, &err) != DB_LOGIN_OK)
		fixture_die("kiosk sign-in", &err);
	token = xstrdup(s.token);
	citizen_session_release(&s);
	return token;
}

void fixture_desk_open(struct fixture_desk *d, struct db_conn *admin)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char user[64], *until = NULL;

	char *info = fixture_terminal(admin, "staff", NULL);
	d->conn = fixture_connect(info, "wanchuang-load");
	free(info);
	snprintf(user, sizeof(user), "ld%d.%d", (int)getpid(), ++fixture_seq);
	if (db_staff_add(admin, user, "counter", "340104", "负载测试", DESK_PW, NULL, &err) !=
	    DB_OK)
		fixture_die("staff_add", &err);
	const char *p[] = { user };
	fixture_sql(admin, "UPDATE wc.staff SET must_change = false WHERE username = $1", 1, p);
	if (db_staff_login(d->conn, user, DESK_PW, &s, &until, &err) != DB_LOGIN_OK)
		fixture_die("staff sign-in", &err);
	d->token = xstrdup(s.token);
	staff_session_release(&s);
	free(until);
}

void fixture_desk_close(struct fixture_desk *d)
{
	XFREE(d->token);
	db_conn_free(&d->conn);
}

long long fixture_issue(struct fixture_desk *d, const char *person, long long programme)
{
	char key[37];
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	db_request_key(key);
	if (db_voucher_issue(d->conn, d->token, key, person, programme, &o, &err) != DB_OK)
		fixture_die("voucher_issue", &err);
	if (strcmp(o.outcome, "ok") != 0)
		fixture_die("voucher_issue", &(struct db_error){ .primary = o.outcome });
	long long id = o.voucher_id;
	db_outcome_release(&o);
	return id;
}
