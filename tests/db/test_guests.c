/*
 * guests: complaints of people who are not registered, from a kiosk
 * without a session — refused for a bad mobile number, no name, no
 * consent or no text, and past the kiosk's hourly limit (64 at once
 * too); filed once per request key, through the kiosks' pool by the
 * kiosk's key; found in the supervisor's queue with the number masked,
 * shown whole only to the supervisor (the handler once assigned), every
 * time audited, and stored only encrypted. And the county counter's
 * telephone: checked when set, shown to the county's kiosks and on the
 * receipt.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

/* 岳西县: no other test sets its counter telephone */
#define COUNTY "340828"

/* The outcome of a guest's filing (static), with the receipt in out. */
static const char *guest_file(struct db_conn *kiosk, const char *key, const char *body,
			      const char *name, const char *mobile, bool consent,
			      struct guest_filed *out)
{
	static char got[32];
	struct complaint_filing f = { "platform", 0, "platform", body };
	struct guest who = { name, mobile, consent };
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_guest_complaint_file(kiosk, key, &f, &who, out, &err) == DB_OK, "%s",
		      err.primary ? err.primary : "");
	snprintf(got, sizeof(got), "%s", out->filed.outcome);
	return got;
}

static const char *guest_file_once(struct db_conn *kiosk, const char *body, const char *name,
				   const char *mobile, bool consent)
{
	struct guest_filed g;
	char key[37];
	const char *got;

	db_request_key(key);
	got = guest_file(kiosk, key, body, name, mobile, consent, &g);
	guest_filed_release(&g);
	return got;
}

START_TEST(refusals_write_nothing)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", COUNTY);
	char body[96];

	snprintf(body, sizeof(body), "平台无法查询政策%d", (int)getpid());
	ck_assert_str_eq(guest_file_once(kiosk, body, "李四", "1381234567", true), "bad_mobile");
	ck_assert_str_eq(guest_file_once(kiosk, body, "李四", "23812345678", true), "bad_mobile");
	ck_assert_str_eq(guest_file_once(kiosk, body, "李四", "", true), "bad_mobile");
	ck_assert_str_eq(guest_file_once(kiosk, body, "  ", "13812345678", true), "name_needed");
	ck_assert_str_eq(guest_file_once(kiosk, body, "李四", "13812345678", false),
			 "consent_needed");
	ck_assert_str_eq(guest_file_once(kiosk, "   ", "李四", "13812345678", true), "text_needed");
	const char *q[] = { body };
	char *n = dbtest_value(admin, "SELECT count(*) FROM wc.complaint WHERE body = $1", 1, q);
	ck_assert_str_eq(n, "0");
	free(n);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(filed_into_the_queue_masked_and_revealed_audited)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", COUNTY);
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *sup = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);
	char *other = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);
	char *bureau = dbtest_sign_in(admin, desk, "bureau", "340000", NULL);
	struct guest_filed g, again;
	struct db_error err = DB_ERROR_INIT;
	char key[37], body[96];

	snprintf(body, sizeof(body), "自助终端的政策查询一直显示错误%d", (int)getpid());
	db_request_key(key);
	ck_assert_str_eq(guest_file(kiosk, key, body, "王小明", "138 1234 5678", true, &g), "ok");
	ck_assert(strncmp(g.filed.no, "TS", 2) == 0);
	ck_assert(g.due_on[0] != '\0');
	/* resent: the same complaint; with another text: refused */
	ck_assert_str_eq(guest_file(kiosk, key, body, "王小明", "13812345678", true, &again), "ok");
	ck_assert_str_eq(again.filed.no, g.filed.no);
	guest_filed_release(&again);
	ck_assert_str_eq(
		guest_file(kiosk, key, "另一段文字", "王小明", "13812345678", true, &again),
		"key_mismatch");
	guest_filed_release(&again);

	/* in the supervisor's queue of the county, as any new complaint */
	char id[24];
	snprintf(id, sizeof(id), "%lld", g.filed.id);
	const char *q[] = { sup, id };
	char *n = dbtest_value(
		desk,
		"SELECT count(*) FROM api.complaint_queue($1, 'submitted', NULL, '" COUNTY
		"', NULL, NULL, false, 0, 200) WHERE id = $2::bigint",
		2, q);
	ck_assert_str_eq(n, "1");
	free(n);

	/* marked as a guest's, masked */
	struct guest_mark *marks = NULL;
	int nm = 0;
	long long ids[] = { g.filed.id, -1 };
	ck_assert(db_complaint_guest_marks(desk, sup, ids, 2, &marks, &nm, &err) == DB_OK);
	ck_assert_int_eq(nm, 1);
	ck_assert_str_eq(marks[0].name, "王**");
	ck_assert_str_eq(marks[0].mobile, "*******5678");
	guest_marks_free(&marks, nm);

	/* stored encrypted: the digits nowhere in the row */
	const char *r[] = { id };
	n = dbtest_value(
		admin,
		"SELECT count(*) FROM wc.complaint_guest g WHERE g.complaint_id = $1::bigint"
		" AND position('13812345678' in g::text) = 0"
		" AND position(convert_to('13812345678', 'UTF8') in g.mobile_enc) = 0",
		1, r);
	ck_assert_str_eq(n, "1");
	free(n);

	/* the bureau sees the mark but not the number */
	char *name = NULL, *mobile = NULL;
	ck_assert(db_complaint_guest_reveal(desk, bureau, g.filed.id, &name, &mobile, &err) !=
		  DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	/* a supervisor does, audited */
	ck_assert(db_complaint_guest_reveal(desk, sup, g.filed.id, &name, &mobile, &err) == DB_OK);
	ck_assert_str_eq(name, "王小明");
	ck_assert_str_eq(mobile, "13812345678");
	free(name);
	free(mobile);
	const char *a[] = { g.filed.no };
	n = dbtest_value(admin,
			 "SELECT count(*) FROM wc.audit WHERE action = 'complaint_guest_reveal'"
			 " AND object = $1",
			 1, a);
	ck_assert_str_eq(n, "1");
	free(n);

	/* once assigned, only its handler */
	const char *h[] = { sup, id };
	dbtest_sql(admin,
		   "UPDATE wc.complaint SET handler_id = (SELECT s.staff_id FROM wc.session s"
		   " WHERE s.token_hash = wc.token_hash($1)) WHERE id = $2::bigint",
		   2, h);
	ck_assert(db_complaint_guest_reveal(desk, other, g.filed.id, &name, &mobile, &err) !=
		  DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert(db_complaint_guest_reveal(desk, sup, g.filed.id, &name, &mobile, &err) == DB_OK);
	ck_assert_str_eq(mobile, "13812345678");
	free(name);
	free(mobile);

	/* replying to a guest writes no notice (there is no person to send it to) */
	ck_assert(db_complaint_act(desk, sup, key, g.filed.id, "accept", "", 0, &name, &err) ==
		  DB_OK);
	ck_assert_str_eq(name, "ok");
	free(name);
	db_request_key(key);
	ck_assert(db_complaint_act(desk, sup, key, g.filed.id, "reply", "已修复，请再试。", 0,
				   &name, &err) == DB_OK);
	ck_assert_str_eq(name, "ok");
	free(name);

	guest_filed_release(&g);
	free(sup);
	free(other);
	free(bureau);
	db_conn_free(&desk);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_kiosk_files_a_few_an_hour)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", COUNTY);
	struct db_conn *next = dbtest_terminal(admin, "kiosk", COUNTY);
	char *max =
		dbtest_value(admin, "SELECT wc.setting_int('guest_complaint_hour_max')", 0, NULL);
	struct guest_filed g;
	char first[37];

	db_request_key(first);
	ck_assert_str_eq(guest_file(kiosk, first, "收费不透明", "张三", "13912345678", true, &g),
			 "ok");
	guest_filed_release(&g);
	for (int i = 1; i < atoi(max); i++)
		ck_assert_str_eq(guest_file_once(kiosk, "收费不透明", "张三", "13912345678", true),
				 "ok");
	ck_assert_str_eq(guest_file_once(kiosk, "收费不透明", "张三", "13912345678", true),
			 "kiosk_busy");
	/* the first, resent after a lost answer, is still answered */
	ck_assert_str_eq(guest_file(kiosk, first, "收费不透明", "张三", "13912345678", true, &g),
			 "ok");
	guest_filed_release(&g);
	/* another kiosk is not held back */
	ck_assert_str_eq(guest_file_once(next, "收费不透明", "张三", "13912345678", true), "ok");
	free(max);
	db_conn_free(&next);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

/* One guest's filing among many at once: ok or refused for the cap. */
static bool guest_at_once(int i, struct db_conn *c, void *arg)
{
	struct guest_filed g;
	char key[37];
	bool ok;

	(void)i;
	(void)arg;
	db_request_key(key);
	const char *got = guest_file(c, key, "收费不透明", "张三", "13912345678", true, &g);
	ok = strcmp(got, "ok") == 0 || strcmp(got, "kiosk_busy") == 0;
	guest_filed_release(&g);
	return ok;
}

START_TEST(sixty_four_at_once_stop_at_the_cap)
{
	struct db_conn *admin = dbtest_admin();
	char name[1][64];
	char *info = dbtest_terminal_add(admin, "kiosk", COUNTY, name[0]);

	ck_assert_int_eq(dbtest_race(admin, 64, 1, name, &info, NULL, guest_at_once, NULL), 0);
	const char *p[] = { name[0] };
	char *filed = dbtest_value(
		admin, "SELECT count(*) FROM wc.complaint_guest WHERE terminal = $1", 1, p);
	char *max =
		dbtest_value(admin, "SELECT wc.setting_int('guest_complaint_hour_max')", 0, NULL);
	ck_assert_msg(atoi(filed) == atoi(max), "%s filed against a cap of %s", filed, max);
	free(filed);
	free(max);
	free(info);
	db_conn_free(&admin);
}
END_TEST

/* Through the kiosks' shared pool the kiosk is the one whose key comes
 * with the call; without a key nothing is filed. */
START_TEST(through_the_pool_by_the_kiosk_s_key)
{
	struct db_conn *admin = dbtest_admin(), *pool = dbtest_admin();
	struct db_error err = DB_ERROR_INIT;
	struct guest_filed g;
	char name[64], key[37], *tkey = NULL;

	free(dbtest_terminal_add(admin, "kiosk", COUNTY, name));
	ck_assert(db_terminal_new_key(admin, name, &tkey, &err) == DB_OK);
	dbtest_sql(pool, "SET SESSION AUTHORIZATION wc_pool_kiosk", 0, NULL);
	struct complaint_filing f = { "operator", 0, "other", "窗口电话无人接听" };
	struct guest who = { "赵六", "13712345678", true };
	db_request_key(key);
	ck_assert(db_guest_complaint_file(pool, key, &f, &who, &g, &err) != DB_OK);
	ck_assert_str_eq(err.sqlstate, "WC003");
	db_error_release(&err);
	db_conn_set_terminal_key(pool, tkey);
	ck_assert(db_guest_complaint_file(pool, key, &f, &who, &g, &err) == DB_OK);
	ck_assert_str_eq(g.filed.outcome, "ok");
	const char *p[] = { g.filed.no };
	char *where = dbtest_value(admin,
				   "SELECT g.terminal FROM wc.complaint_guest g JOIN wc.complaint c"
				   " ON c.id = g.complaint_id WHERE c.no = $1",
				   1, p);
	ck_assert_str_eq(where, name);
	free(where);
	guest_filed_release(&g);
	free(tkey);
	db_conn_free(&pool);
	db_conn_free(&admin);
}
END_TEST

START_TEST(counter_phone_checked_and_shown)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", COUNTY);
	struct db_error err = DB_ERROR_INIT;
	struct guest_filed g;
	char key[37], *phone = NULL;

	ck_assert(db_counter_phone_set(admin, COUNTY, "0556-51", &err) != DB_OK);
	db_error_release(&err);
	ck_assert(db_counter_phone_set(admin, COUNTY, "电话", &err) != DB_OK);
	db_error_release(&err);
	ck_assert(db_counter_phone_set(admin, "340800", "0556-5123456", &err) != DB_OK);
	db_error_release(&err);
	ck_assert(db_counter_phone_set(admin, "999999", "0556-5123456", &err) != DB_OK);
	db_error_release(&err);
	ck_assert(db_counter_phone_set(admin, COUNTY, NULL, &err) == DB_OK);
	ck_assert(db_counter_phone(kiosk, &phone, &err) == DB_OK);
	ck_assert_str_eq(phone, "");
	free(phone);

	ck_assert(db_counter_phone_set(admin, COUNTY, "0556-5123456", &err) == DB_OK);
	ck_assert(db_counter_phone(kiosk, &phone, &err) == DB_OK);
	ck_assert_str_eq(phone, "0556-5123456");
	free(phone);
	/* the receipt names it, and so does a refusal */
	db_request_key(key);
	ck_assert_str_eq(guest_file(kiosk, key, "", "赵六", "13712345678", true, &g),
			 "text_needed");
	ck_assert_str_eq(g.counter_phone, "0556-5123456");
	guest_filed_release(&g);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

Suite *guests_suite(void)
{
	Suite *s = suite_create("guests");
	TCase *t = tcase_create("guests");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, refusals_write_nothing);
	tcase_add_test(t, filed_into_the_queue_masked_and_revealed_audited);
	tcase_add_test(t, a_kiosk_files_a_few_an_hour);
	tcase_add_test(t, sixty_four_at_once_stop_at_the_cap);
	tcase_add_test(t, through_the_pool_by_the_kiosk_s_key);
	tcase_add_test(t, counter_phone_checked_and_shown);
	suite_add_tcase(s, t);
	return s;
}
