/*
 * worklist: the counter's 待办事项 — each count equals the rows of the
 * list it opens (applications returned for more material, offline
 * bookings to close, vouchers about to expire with money left); what
 * belongs to another county is neither counted nor listed; only a
 * counter may ask.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

/* 蜀山区, where dbtest_person registers people, and 庐阳区 beside it */
#define COUNTY "340104"
#define OTHER "340103"

static int seq;

/* The count of item for the counter signed in with token. */
static long long count_of(struct db_conn *desk, const char *token, const char *item)
{
	const char *p[] = { token, item };
	char *n =
		dbtest_value(desk, "SELECT n FROM api.counter_worklist($1) WHERE item = $2", 2, p);
	long long v = atoll(n);
	free(n);
	return v;
}

/* How many rows of the list sql ($1 the token) there are, and whether
 * the row with the given no is among them. */
static long long rows_of(struct db_conn *desk, const char *token, const char *sql, const char *no,
			 bool *has)
{
	char q[256];
	const char *p[] = { token, no };

	snprintf(q, sizeof(q), "SELECT count(*) || ' ' || count(*) FILTER (WHERE no = $2) FROM %s",
		 sql);
	char *v = dbtest_value(desk, q, 2, p);
	long long n = 0, found = 0;
	ck_assert_int_eq(sscanf(v, "%lld %lld", &n, &found), 2);
	free(v);
	*has = found > 0;
	return n;
}

/* An offline service of a provider of its own; returns its id (text, caller frees). */
static char *offline_service(struct db_conn *admin)
{
	char cc[19], name[64], code[48];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "待办测试机构%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	snprintf(code, sizeof(code), "WL%d-%u-%d", (int)getpid(), dbtest_salt(), seq);
	const char *p[] = { cc, name, code };
	dbtest_sql(admin,
		   "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')",
		   2, p);
	return dbtest_value(admin,
			    "SELECT wc_admin.service_add($3, $1, '线下创业指导', 'guidance', false,"
			    " false, 0, false, '340104', '', '蜀山区', '0551', 24)::text"
			    " WHERE $2 <> ''",
			    3, p);
}

/* An open booking of person for service, its slot begun an hour ago;
 * its number into no. */
static void booking_due(struct db_conn *admin, const char *service, const char *person, char no[48])
{
	snprintf(no, 48, "WB%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { service, person, no };
	dbtest_sql(
		admin,
		"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)"
		" VALUES ($1::bigint, now() - interval '1 hour', now() + interval '1 hour', 1, 1)"
		" RETURNING id)"
		" INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen)"
		" SELECT $3, $2::bigint, sl.id, $1::bigint, 'booked', 0 FROM sl",
		3, p);
}

/* A voucher of person with all its money left, its last day days ahead,
 * as issuing leaves it (its ledger entry, the budget debited: other tests
 * check every voucher against its ledger); its number into no. */
static void voucher_until(struct db_conn *admin, const char *person, const char *county, int days,
			  char no[48])
{
	char code[48];

	snprintf(code, sizeof(code), "WV%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	snprintf(no, 48, "QW%d-%u-%d", (int)getpid(), dbtest_salt(), seq);
	const char *g[] = { code, county };
	dbtest_sql(admin,
		   "SELECT wc_admin.programme_add($1, '待办测试券', 100000, 12, '{guidance}',"
		   " '{}', 'intending', '')",
		   1, g);
	dbtest_sql(admin, "SELECT wc_admin.budget_set($1, $2, 1000000)", 2, g);
	free(dbtest_voucher_issued(admin, code, person, county, days, no));
}

/* A person registered in county (dbtest_person, then moved); id (caller frees). */
static char *person_in(struct db_conn *admin, const char *county)
{
	char id_number[19];
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	const char *p[] = { person, county };
	dbtest_sql(admin, "UPDATE wc.person SET county_code = $2 WHERE id = $1::bigint", 2, p);
	return person;
}

START_TEST(counts_equal_rows_of_the_county_only)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *mine = dbtest_sign_in(admin, desk, "counter", COUNTY, NULL);
	char *theirs = dbtest_sign_in(admin, desk, "counter", OTHER, NULL);
	char *service = offline_service(admin);
	char *here = person_in(admin, COUNTY), *there = person_in(admin, OTHER);
	char b_here[48], b_there[48], v_here[48], v_there[48], v_later[48];
	bool has;

	booking_due(admin, service, here, b_here);
	booking_due(admin, service, there, b_there);
	voucher_until(admin, here, COUNTY, 10, v_here);
	voucher_until(admin, there, OTHER, 10, v_there);
	voucher_until(admin, here, COUNTY, 200, v_later); /* not yet */

	static const char bookings[] = "api.counter_bookings_to_close($1)";
	static const char vouchers[] = "api.counter_vouchers_expiring($1)";
	ck_assert_int_eq(count_of(desk, mine, "bookings_to_close"),
			 rows_of(desk, mine, bookings, b_here, &has));
	ck_assert(has);
	rows_of(desk, mine, bookings, b_there, &has);
	ck_assert(!has);
	ck_assert_int_eq(count_of(desk, theirs, "bookings_to_close"),
			 rows_of(desk, theirs, bookings, b_there, &has));
	ck_assert(has);
	rows_of(desk, theirs, bookings, b_here, &has);
	ck_assert(!has);

	ck_assert_int_eq(count_of(desk, mine, "vouchers_expiring"),
			 rows_of(desk, mine, vouchers, v_here, &has));
	ck_assert(has);
	rows_of(desk, mine, vouchers, v_there, &has);
	ck_assert(!has);
	rows_of(desk, mine, vouchers, v_later, &has);
	ck_assert(!has);
	ck_assert_int_eq(count_of(desk, theirs, "vouchers_expiring"),
			 rows_of(desk, theirs, vouchers, v_there, &has));
	ck_assert(has);

	/* a booking closed leaves the list and the count with it */
	long long before = count_of(desk, mine, "bookings_to_close");
	const char *c[] = { b_here };
	dbtest_sql(admin,
		   "UPDATE wc.booking SET status = 'completed', closed_at = now() WHERE no = $1", 1,
		   c);
	ck_assert_int_eq(count_of(desk, mine, "bookings_to_close"), before - 1);

	free(service);
	free(here);
	free(there);
	free(mine);
	free(theirs);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(returned_applications_counted_as_the_queue_lists_them)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *mine = dbtest_sign_in(admin, desk, "counter", COUNTY, NULL);
	char *theirs = dbtest_sign_in(admin, desk, "counter", OTHER, NULL);
	char *op = dbtest_sign_in(admin, desk, "operator", "340000", NULL);
	char code[19], contact[19], name[64], key[37];
	struct application_input in;
	struct application_filed f;
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL;
	bool has;

	dbtest_credit_code(code);
	dbtest_id_number(contact);
	snprintf(name, sizeof(name), "合肥待办测试服务有限公司%s", code + 10);
	in = (struct application_input){
		.credit_code = code,
		.name = name,
		.kind = "enterprise",
		.region = COUNTY,
		.address = "合肥市蜀山区长江西路100号",
		.legal_rep = "王建国",
		.contact_name = "李晓梅",
		.contact_id = contact,
		.phone = "0551-65123456",
		.categories = "{tax}",
		.conditions = { true, true, true, true },
		.nmaterials = 1,
		.material_kinds = { "license" },
		.material_refs = { "91340104MA2TEST001" },
	};
	db_request_key(key);
	ck_assert(db_application_submit(desk, mine, key, &in, &f, &err) == DB_OK);
	ck_assert_str_eq(f.outcome, "ok");
	db_request_key(key);
	ck_assert(db_application_act(desk, op, key, f.id, "return", "请补充营业执照副本", &outcome,
				     &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);

	static const char queue[] = "api.application_queue($1, 'returned', '', 0, 200)";
	ck_assert_int_eq(count_of(desk, mine, "returned_applications"),
			 rows_of(desk, mine, queue, f.no, &has));
	ck_assert(has);
	ck_assert_int_eq(count_of(desk, theirs, "returned_applications"),
			 rows_of(desk, theirs, queue, f.no, &has));
	ck_assert(!has);

	application_filed_release(&f);
	free(mine);
	free(theirs);
	free(op);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(only_a_counter_asks)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	static const char *const roles[] = { "supervisor", "operator", "bureau" };
	static const char *const calls[] = {
		"SELECT count(*) FROM api.counter_worklist($1)",
		"SELECT count(*) FROM api.counter_bookings_to_close($1)",
		"SELECT count(*) FROM api.counter_vouchers_expiring($1)",
	};

	for (int r = 0; r < 3; r++) {
		char *token = dbtest_sign_in(admin, desk, roles[r], "340000", NULL);
		for (int i = 0; i < 3; i++) {
			struct db_error err = DB_ERROR_INIT;
			const char *p[] = { token };
			ck_assert(db_exec(desk, calls[i], 1, p, NULL, &err) != DB_OK);
			ck_assert_str_eq(err.sqlstate, "WC002");
			db_error_release(&err);
		}
		free(token);
	}
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

Suite *worklist_suite(void)
{
	Suite *s = suite_create("worklist");
	TCase *tc = tcase_create("counts");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, counts_equal_rows_of_the_county_only);
	tcase_add_test(tc, returned_applications_counted_as_the_queue_lists_them);
	tcase_add_test(tc, only_a_counter_asks);
	suite_add_tcase(s, tc);
	return s;
}
