/*
 * masking: what each role is shown of a registered person, put together,
 * leaves at least 10,000 ID numbers and 10,000 mobile numbers the person
 * could have (doc/architecture.md, Masking). Every field of every
 * function a role may call about the person is read (the audited reveal
 * aside); each field's clues are read from its name and value
 * (masking_count.c), and each field alone, every pair of fields and all
 * of a role's fields at once must leave that many candidates.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"
#include "masking_count.h"

enum { ENOUGH = 10000, PEOPLE = 3, MAX_FIELDS = 256 };

/* A function a role may call about a person, as the FROM item t of a
 * query over a (tok, pid, idn, nm, l4: the role's token, the person's
 * id, ID number, name, the mobile's last 4 digits), and which of its
 * rows are about the person. */
struct call {
	const char *role;
	const char *from;
	const char *rows;
};

static const struct call calls[] = {
	{ "counter", "api.person_find(a.tok, a.idn, NULL, NULL)", "t.person_id = a.pid" },
	{ "counter", "api.person_find(a.tok, NULL, a.nm, a.l4)", "t.person_id = a.pid" },
	{ "counter", "api.person_get(a.tok, a.pid)", "true" },
	{ "counter", "api.person_id_check(a.tok, a.idn)", "true" },
	{ "counter", "api.policy_outreach(a.tok, -1)", "t.person_id = a.pid" },
	{ "counter", "api.person_bookings(a.tok, a.pid)", "true" },
	{ "counter", "api.person_vouchers(a.tok, a.pid)", "true" },
	{ "counter", "api.person_complaints(a.tok, a.pid)", "true" },
	{ "counter", "api.person_reviews(a.tok, a.pid)", "true" },
	{ "operator", "api.person_find(a.tok, a.idn, NULL, NULL)", "t.person_id = a.pid" },
	{ "operator", "api.person_find(a.tok, NULL, a.nm, a.l4)", "t.person_id = a.pid" },
	{ "operator", "api.person_get(a.tok, a.pid)", "true" },
	{ "supervisor", "api.person_find(a.tok, a.idn, NULL, NULL)", "t.person_id = a.pid" },
	{ "supervisor", "api.person_find(a.tok, NULL, a.nm, a.l4)", "t.person_id = a.pid" },
	{ "supervisor", "api.person_get(a.tok, a.pid)", "true" },
	{ "supervisor", "api.audit_list(a.tok, NULL, NULL, NULL, 500)", "t.object = a.pid::text" },
	{ "bureau", "api.person_find(a.tok, a.idn, NULL, NULL)", "t.person_id = a.pid" },
	{ "bureau", "api.person_find(a.tok, NULL, a.nm, a.l4)", "t.person_id = a.pid" },
	{ "bureau", "api.person_get(a.tok, a.pid)", "true" },
	{ "bureau", "api.audit_list(a.tok, NULL, NULL, NULL, 500)", "t.object = a.pid::text" },
	{ "provider", "api.provider_bookings(a.tok, current_date)", "true" },
	{ "provider", "api.provider_complaints(a.tok)", "true" },
	{ "kiosk", "api.citizen_login(a.idn, '583920')", "true" },
	{ "kiosk", "api.citizen_whoami(a.tok)", "true" },
	{ "kiosk", "api.citizen_match_facts(a.tok)", "true" },
	{ "kiosk", "api.citizen_bookings(a.tok)", "true" },
	{ "kiosk", "api.citizen_vouchers(a.tok)", "true" },
	{ "kiosk", "api.citizen_complaints(a.tok)", "true" },
};

static const char *const roles[] = { "counter", "operator", "supervisor",
				     "bureau",	"provider", "kiosk" };

struct person {
	char *pid;
	char id[19];
	char name[64];
	char mobile[12], former[12]; /* the number now, and the one before */
};

struct field {
	char label[160];
	struct clue clue;
};

static struct date today_of(struct db_conn *admin)
{
	char *s = dbtest_value(admin, "SELECT current_date::text", 0, NULL);
	struct date d;

	ck_assert_int_eq(date_parse(s, &d), DATE_OK);
	free(s);
	return d;
}

static void random_mobile(char out[12])
{
	unsigned long r = (unsigned long)random() % 100000000UL;

	memcpy(out, "139", 3);
	for (int i = 10; i >= 3; i--, r /= 10)
		out[i] = (char)('0' + r % 10);
	out[11] = '\0';
}

/* Registered in 蜀山区 with the kiosk PIN 583920; then the counter gives
 * a new mobile number, so the audit log holds a change of it. */
static void person_new(struct db_conn *admin, struct db_conn *desk, const char *counter_token,
		       int k, struct person *p)
{
	dbtest_id_number(p->id);
	snprintf(p->name, sizeof(p->name), "掩码%d号%d", (int)getpid(), k);
	random_mobile(p->former);
	do
		random_mobile(p->mobile);
	while (strcmp(p->mobile, p->former) == 0);
	const char *r[] = { p->id, p->name, p->former };
	p->pid = dbtest_value(admin,
			      "SELECT wc_admin.person_import($1, $2, $3, '340104', '340104',"
			      " '{}'::text[], 'intending', NULL, NULL, NULL, NULL)",
			      3, r);
	const char *q[] = { p->pid };
	dbtest_sql(admin,
		   "UPDATE wc.person SET pin_hash = ext.crypt('583920', ext.gen_salt('bf', 4))"
		   " WHERE id = $1",
		   1, q);
	const char *u[] = { counter_token, p->pid, p->name, p->mobile };
	dbtest_sql(desk,
		   "SELECT api.person_update($1, $2::bigint, $3, $4, '340104', '340104', NULL,"
		   " 'intending')",
		   4, u);
}

/* Every field of every call of role about p that shows something of the
 * number in t; returns how many (at most MAX_FIELDS). */
static int fields_of(struct db_conn *c, const char *role, const char *token, const struct person *p,
		     const struct clue_target *t, struct field *out)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		if (strcmp(calls[i].role, role) != 0)
			continue;
		char sql[512];
		struct db_result *r = NULL;
		struct db_error err = DB_ERROR_INIT;
		const char *params[] = { token, p->pid, p->id, p->name, p->mobile + 7 };

		snprintf(sql, sizeof(sql),
			 "SELECT j.key, j.value"
			 "  FROM (SELECT $1::text AS tok, $2::bigint AS pid, $3::text AS idn,"
			 "               $4::text AS nm, $5::text AS l4) a,"
			 "       LATERAL %s AS t, LATERAL jsonb_each_text(to_jsonb(t)) AS j"
			 " WHERE %s",
			 calls[i].from, calls[i].rows);
		ck_assert_msg(db_exec(c, sql, 5, params, &r, &err) == DB_OK, "%s as %s: %s",
			      calls[i].from, role, err.primary);
		for (int k = 0; k < db_result_rows(r); k++) {
			struct clue cl;
			if (!clue_of_field(db_result_get(r, k, 0), db_result_get(r, k, 1), t, &cl))
				continue;
			ck_assert_int_lt(n, MAX_FIELDS);
			snprintf(out[n].label, sizeof(out[n].label), "%s.%s = %s", calls[i].from,
				 db_result_get(r, k, 0), db_result_get(r, k, 1));
			out[n++].clue = cl;
		}
		db_result_free(&r);
	}
	return n;
}

/* Each field, each pair and all fields together against the threshold. */
static void check_fields(const char *role, const struct field *f, int n,
			 const struct clue_target *t)
{
	struct clue all;

	clue_init(&all);
	for (int i = 0; i < n; i++) {
		clue_merge(&all, &f[i].clue);
		for (int j = i; j < n; j++) {
			struct clue two = f[i].clue;
			clue_merge(&two, &f[j].clue);
			long ids = clue_id_candidates(&two, t),
			     mobiles = clue_mobile_candidates(&two);
			ck_assert_msg(ids >= ENOUGH && mobiles >= ENOUGH,
				      "%s: %s with %s leaves %ld ID numbers, %ld mobile numbers",
				      role, f[i].label, f[j].label, ids, mobiles);
		}
	}
	ck_assert_msg(clue_id_candidates(&all, t) >= ENOUGH,
		      "%s: all %d fields together leave %ld ID numbers", role, n,
		      clue_id_candidates(&all, t));
	ck_assert_msg(clue_mobile_candidates(&all) >= ENOUGH,
		      "%s: all %d fields together leave %ld mobile numbers", role, n,
		      clue_mobile_candidates(&all));
}

START_TEST(no_role_narrows_a_number)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	char *counter = dbtest_sign_in(admin, desk, "counter", "340104", NULL);
	struct person people[PEOPLE];
	struct date today = today_of(admin);
	struct field *fields = calloc(MAX_FIELDS, sizeof(*fields));

	srandom((unsigned)getpid());
	for (int k = 0; k < PEOPLE; k++)
		person_new(admin, desk, counter, k, &people[k]);
	for (size_t r = 0; r < sizeof(roles) / sizeof(roles[0]); r++) {
		const char *role = roles[r];
		bool staff = strcmp(role, "kiosk") != 0;
		const char *region = strcmp(role, "counter") == 0 || strcmp(role, "provider") == 0
					     ? "340104"
					     : "340000";
		char *token = staff && strcmp(role, "counter") != 0
				      ? dbtest_sign_in(admin, desk, role, region, NULL)
				      : NULL;
		for (int k = 0; k < PEOPLE; k++) {
			const struct person *p = &people[k];
			char *citizen = staff ? NULL : dbtest_citizen(kiosk, p->id);
			const char *tok = citizen ? citizen : token ? token : counter;
			/* the number now, then the one the audit log keeps */
			const char *mobiles[] = { p->mobile, p->former };
			for (int m = 0; m < 2; m++) {
				struct clue_target t = { p->id, mobiles[m], today };
				int n = fields_of(staff ? desk : kiosk, role, tok, p, &t, fields);
				/* a provider is shown nothing of a person it has no
				 * booking from; every other role sees the person */
				ck_assert_msg(n > 0 || strcmp(role, "provider") == 0,
					      "%s saw nothing of person %s", role, p->pid);
				check_fields(role, fields, n, &t);
			}
			free(citizen);
		}
		free(token);
	}
	for (int k = 0; k < PEOPLE; k++)
		free(people[k].pid);
	free(fields);
	free(counter);
	db_conn_free(&kiosk);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

/* The counting itself, on numbers worked by hand: nothing seen but the
 * region and the sex, a clear number, and the former mask with a birth
 * date beside it. */
START_TEST(counting_finds_what_is_left)
{
	struct clue_target t = { "340104199003071235", "13912345678", { 2026, 12, 7 } };
	struct clue c, d;

	clue_init(&c);
	ck_assert_int_eq(clue_mobile_candidates(&c), 7 * 1000000000L);
	ck_assert(clue_of_field("id_number", t.id, &t, &c));
	ck_assert_int_eq(clue_id_candidates(&c, &t), 1);
	ck_assert(clue_of_field("mobile", "139****5678", &t, &c));
	ck_assert_int_eq(clue_mobile_candidates(&c), 10000);
	ck_assert(!clue_of_field("mobile", "138****5678", &t, &c)); /* not this person's */
	/* the former mask and the birth date: one number */
	ck_assert(clue_of_field("id_masked", "340104********1235", &t, &c));
	ck_assert(clue_of_field("birth_date", "1990-03-07", &t, &d));
	clue_merge(&c, &d);
	ck_assert_int_eq(clue_id_candidates(&c, &t), 1);
	/* region, check character and an age: 365 days, 500 sequences of
	 * the sex, one in 11 of them with that check character */
	ck_assert(clue_of_field("id_masked", "340104***********5", &t, &c));
	ck_assert(clue_of_field("age", "36", &t, &d));
	clue_merge(&c, &d);
	long n = clue_id_candidates(&c, &t);
	ck_assert_msg(n > 365 * 500 / 11 - 365 && n < 365 * 500 / 11 + 365, "%ld", n);
}
END_TEST

Suite *masking_suite(void)
{
	Suite *s = suite_create("masking");
	TCase *count = tcase_create("count");
	TCase *roles_tc = tcase_create("roles");

	tcase_add_test(count, counting_finds_what_is_left);
	tcase_add_test(roles_tc, no_role_narrows_a_number);
	tcase_set_timeout(roles_tc, 120);
	suite_add_tcase(s, count);
	suite_add_tcase(s, roles_tc);
	return s;
}
