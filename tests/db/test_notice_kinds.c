/*
 * notice_kinds: the kinds of notice named in src/core/notice_kinds.c are
 * exactly those the database's outbox takes (the CHECK on wc.notice's
 * kind), each with a name, and each row written so far went to whom its
 * kind says (a person, or a provider). A kind added to the database
 * without its name, which the kiosk would leave out of the line telling
 * a person what they receive, fails here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"
#include "core/core.h"

/* The kinds the outbox takes, ","-separated in code order. */
static char *database_kinds(struct db_conn *admin)
{
	return dbtest_value(admin,
			    "SELECT string_agg(m[1], ',' ORDER BY m[1])"
			    "  FROM pg_constraint c"
			    " CROSS JOIN LATERAL regexp_matches(pg_get_constraintdef(c.oid),"
			    "                                   '''([a-z_]+)''', 'g') m"
			    " WHERE c.conrelid = 'wc.notice'::regclass"
			    "   AND c.conname = 'notice_kind_check'",
			    0, NULL);
}

START_TEST(every_kind_of_the_database_has_its_name)
{
	struct db_conn *admin = dbtest_admin();
	char *kinds = database_kinds(admin);
	char *save = NULL;
	int n = 0;

	for (char *k = strtok_r(kinds, ",", &save); k; k = strtok_r(NULL, ",", &save), n++) {
		const struct notice_kind *nk = notice_kind_of(k);
		ck_assert_msg(nk != NULL, "the notice kind %s has no name in src/core/notice_kinds.c",
			      k);
		ck_assert_msg(nk->name && *nk->name, "the notice kind %s has an empty name", k);
	}
	/* and none named here that the database no longer writes */
	ck_assert_int_eq(n, NOTICE_KINDS);
	free(kinds);
	db_conn_free(&admin);
}
END_TEST

START_TEST(each_notice_went_to_whom_its_kind_says)
{
	struct db_conn *admin = dbtest_admin();
	char *wrong;

	for (int i = 0; i < NOTICE_KINDS; i++) {
		const char *p[] = { notice_kinds[i].code, notice_kinds[i].to_person ? "t" : "f" };
		wrong = dbtest_value(admin,
				     "SELECT count(*) FROM wc.notice"
				     " WHERE kind = $1 AND (person_id IS NOT NULL) <> $2::boolean",
				     2, p);
		ck_assert_msg(strcmp(wrong, "0") == 0, "%s notices to the wrong recipient: %s",
			      notice_kinds[i].code, wrong);
		free(wrong);
	}
	db_conn_free(&admin);
}
END_TEST

Suite *notice_kinds_suite(void)
{
	Suite *s = suite_create("notice_kinds");
	TCase *tc = tcase_create("kinds");

	tcase_add_test(tc, every_kind_of_the_database_has_its_name);
	tcase_add_test(tc, each_notice_went_to_whom_its_kind_says);
	suite_add_tcase(s, tc);
	return s;
}
