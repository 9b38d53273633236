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

/* An application of county submitted at a counter (token) with an open
 * objection to it; its number into app_no. */
static void objection_in(struct db_conn *admin, struct db_conn *desk, const char *token,
			 const char *county, char app_no[48])
{
	char code[19], contact[19], name[64], key[37], no[48];
	struct application_input in;
	struct application_filed f;
	struct db_error err = DB_ERROR_INIT;
	char id[24];

	dbtest_credit_code(code);
	dbtest_id_number(contact);
	snprintf(name, sizeof(name), "合肥异议测试服务有限公司%s", code + 10);
	in = (struct application_input){
		.credit_code = code, .name = name, .kind = "enterprise", .region = county,
		.address = "合肥市长江西路100号", .legal_rep = "王建国", .contact_name = "李晓梅",
		.contact_id = contact, .phone = "0551-65123456", .categories = "{tax}",
		.conditions = { true, true, true, true }, .nmaterials = 1,
		.material_kinds = { "license" }, .material_refs = { "91340104MA2TEST001" },
	};
	db_request_key(key);
	ck_assert(db_application_submit(desk, token, key, &in, &f, &err) == DB_OK);
	ck_assert_str_eq(f.outcome, "ok");
	snprintf(app_no, 48, "%s", f.no);
	snprintf(id, sizeof(id), "%lld", f.id);
	snprintf(no, sizeof(no), "YY%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { id, no };
	dbtest_sql(admin,
		   "INSERT INTO wc.provider_objection (no, application_id, staff_id, objector, body,"
		   " request_key)"
		   " SELECT $2, a.id, a.staff_id, '张某', '该机构场地与申报不符', gen_random_uuid()"
		   "   FROM wc.provider_application a WHERE a.id = $1::bigint",
		   2, p);
	application_filed_release(&f);
}

/* A seat given from the waiting list to person, for service, in two
 * days; its waitlist_seat notice in state (NULL: none written). */
static void waitlist_seat(struct db_conn *admin, const char *service, const char *person,
			  const char *state)
{
	char no[48];

	snprintf(no, sizeof(no), "WS%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { service, person, no, state };
	dbtest_sql(
		admin,
		"WITH sl AS (INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity, taken)"
		" VALUES ($1::bigint, now() + interval '2 days', now() + interval '2 days 1 hour', 1, 1)"
		" RETURNING id),"
		" b AS (INSERT INTO wc.booking (no, person_id, slot_id, service_id, status, price_fen,"
		" from_waitlist)"
		" SELECT $3, $2::bigint, sl.id, $1::bigint, 'booked', 0, true FROM sl RETURNING id)"
		" INSERT INTO wc.notice (person_id, kind, subject_id, state)"
		" SELECT $2::bigint, 'waitlist_seat', b.id, $4::text FROM b WHERE $4::text IS NOT NULL",
		4, p);
}

/* A policy of the province in force, and its SMS to person in state. */
static void policy_sms(struct db_conn *admin, const char *person, const char *state)
{
	char code[40];

	snprintf(code, sizeof(code), "WP%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { code, person, state };
	dbtest_sql(admin,
		   "WITH pol AS (INSERT INTO wc.policy (code, title, region, effective_on, kind)"
		   " VALUES ($1, '待办测试政策', '340000', date '2020-01-01',"
		   " (SELECT min(code) FROM wc.support_kind)) RETURNING id)"
		   " INSERT INTO wc.notice (person_id, kind, subject_id, state)"
		   " SELECT $2::bigint, 'policy_new', pol.id, $3 FROM pol",
		   3, p);
}

/* Objections, seats from the waiting list and people a policy's SMS did
 * not reach: each planted row counted for its county's counter only;
 * what is on its way or sent is not the counter's. */
START_TEST(objections_seats_and_people_to_tell_counted_in_the_county_only)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *mine = dbtest_sign_in(admin, desk, "counter", COUNTY, NULL);
	char *theirs = dbtest_sign_in(admin, desk, "counter", OTHER, NULL);
	char *service = offline_service(admin);
	char *here = person_in(admin, COUNTY), *there = person_in(admin, OTHER);
	static const char *const items[] = { "objections_open", "waitlist_untold", "policy_untold" };
	long long before[3], others[3];
	char app_no[48];
	bool has;

	for (int i = 0; i < 3; i++) {
		before[i] = count_of(desk, mine, items[i]);
		others[i] = count_of(desk, theirs, items[i]);
	}
	objection_in(admin, desk, mine, COUNTY, app_no);
	waitlist_seat(admin, service, here, "failed");
	waitlist_seat(admin, service, here, NULL); /* chose no SMS: none written */
	waitlist_seat(admin, service, here, "pending"); /* on its way: not the counter's */
	policy_sms(admin, here, "failed");
	policy_sms(admin, here, "sent");

	ck_assert_int_eq(count_of(desk, mine, "objections_open"), before[0] + 1);
	ck_assert_int_eq(count_of(desk, mine, "waitlist_untold"), before[1] + 2);
	ck_assert_int_eq(count_of(desk, mine, "policy_untold"), before[2] + 1);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(count_of(desk, theirs, items[i]), others[i]);
	/* each count is the rows of the list it opens */
	ck_assert_int_eq(count_of(desk, mine, "objections_open"),
			 rows_of(desk, mine, "api.application_queue($1, 'objections', '', 0, 200)",
				 app_no, &has));
	ck_assert(has);
	ck_assert_int_eq(count_of(desk, mine, "waitlist_untold"),
			 rows_of(desk, mine, "api.counter_waitlist_untold($1)", "", &has));
	const char *t[] = { mine, here };
	char *people = dbtest_value(desk,
				    "SELECT count(*) || ' ' || count(*) FILTER (WHERE person_id = $2::bigint)"
				    " FROM api.counter_policy_untold($1)",
				    2, t);
	char expect[48];
	snprintf(expect, sizeof(expect), "%lld 1", count_of(desk, mine, "policy_untold"));
	ck_assert_str_eq(people, expect);
	free(people);

	/* told at the counter: the person leaves the count */
	const char *p[] = { here };
	dbtest_sql(admin,
		   "INSERT INTO wc.policy_notice (policy_id, person_id)"
		   " SELECT subject_id, person_id FROM wc.notice"
		   " WHERE person_id = $1::bigint AND kind = 'policy_new'",
		   1, p);
	ck_assert_int_eq(count_of(desk, mine, "policy_untold"), before[2]);

	free(service);
	free(here);
	free(there);
	free(mine);
	free(theirs);
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
		"SELECT count(*) FROM api.counter_waitlist_untold($1)",
		"SELECT count(*) FROM api.counter_policy_untold($1)",
	};

	for (int r = 0; r < 3; r++) {
		char *token = dbtest_sign_in(admin, desk, roles[r], "340000", NULL);
		for (int i = 0; i < 5; i++) {
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
	tcase_add_test(tc, objections_seats_and_people_to_tell_counted_in_the_county_only);
	tcase_add_test(tc, only_a_counter_asks);
	suite_add_tcase(s, tc);
	return s;
}
