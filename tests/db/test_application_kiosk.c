/*
 * application_kiosk: an organisation's own provider application at a
 * kiosk (Art. 23), without a session — refused for a bad credit code
 * with nothing written; filed once per request key, with its number and
 * query code; waiting in the operator's queue for 初审 as one a clerk
 * entered; its steps found by number and code and by nothing else (the
 * wrong code answers as an unknown number, and locks the lookup after
 * so many tries), the reason of a return shown; past the kiosk's hourly
 * limit refused; every filing and lookup audited. A lost code replaced
 * at the counter of the application's county only, for an open
 * application filed at a kiosk, once the licence and the agent's ID are
 * checked: the old code dead at once, the lock lifted, the agent's ID
 * kept masked, the reset audited, a resent request issuing no second
 * code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

/* A complete application of a new 蜀山区 company; code filled. */
static void sample(struct application_input *in, char code[19], char contact[19], char name[64])
{
	dbtest_application_sample(in, code, contact, name, "合肥自助申请创业服务有限公司");
	in->phone = "13912345678";
	in->material_refs[0] = "营业执照正本";
	in->material_refs[1] = "人力资源服务许可证";
}

/* The outcome of a filing (static), with the receipt in out. */
static const char *kiosk_file(struct db_conn *kiosk, const char *key,
			      const struct application_input *in, struct application_filed *out)
{
	static char got[32];
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_kiosk_application_submit(kiosk, key, in, out, &err) == DB_OK, "%s",
		      err.primary ? err.primary : "");
	snprintf(got, sizeof(got), "%s", out->outcome);
	return got;
}

static const char *lookup(struct db_conn *kiosk, const char *no, const char *code,
			  struct application_track *t)
{
	static char got[32];
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_kiosk_application_lookup(kiosk, no, code, t, &err) == DB_OK, "%s",
		      err.primary ? err.primary : "");
	snprintf(got, sizeof(got), "%s", t->outcome);
	return got;
}

START_TEST(bad_credit_code_refused_nothing_written)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	struct application_input in;
	struct application_filed f;
	char code[19], contact[19], name[64], key[37];

	sample(&in, code, contact, name);
	code[17] = code[17] == '0' ? '1' : '0'; /* the check character wrong */
	db_request_key(key);
	ck_assert_str_eq(kiosk_file(kiosk, key, &in, &f), "bad_code");
	ck_assert_str_eq(f.query_code, "");
	application_filed_release(&f);
	const char *q[] = { name };
	char *n = dbtest_value(admin, "SELECT count(*) FROM wc.provider_application WHERE name = $1",
			       1, q);
	ck_assert_str_eq(n, "0");
	free(n);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(filed_into_the_queue_and_followed_by_its_code)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	struct db_conn *other = dbtest_terminal(admin, "kiosk", "340104");
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *op = dbtest_sign_in(admin, desk, "operator", "340000", NULL);
	struct application_input in;
	struct application_filed f, again;
	struct application_track t;
	struct db_error err = DB_ERROR_INIT;
	char code[19], contact[19], name[64], key[37];

	sample(&in, code, contact, name);
	db_request_key(key);
	ck_assert_str_eq(kiosk_file(kiosk, key, &in, &f), "ok");
	ck_assert(strncmp(f.no, "RZ", 2) == 0);
	ck_assert_int_eq((int)strlen(f.query_code), 8);
	ck_assert(strspn(f.query_code, "0123456789") == 8);
	/* resent: the same application and code; from another kiosk or with
	 * other details: refused */
	ck_assert_str_eq(kiosk_file(kiosk, key, &in, &again), "ok");
	ck_assert_str_eq(again.no, f.no);
	ck_assert_str_eq(again.query_code, f.query_code);
	application_filed_release(&again);
	ck_assert_str_eq(kiosk_file(other, key, &in, &again), "key_mismatch");
	ck_assert_str_eq(again.query_code, "");
	application_filed_release(&again);
	struct application_input changed = in;
	changed.address = "合肥市蜀山区黄山路1号";
	ck_assert_str_eq(kiosk_file(kiosk, key, &changed, &again), "key_mismatch");
	application_filed_release(&again);

	/* in the operator's own queue, waiting for 初审, as any new one */
	const char *q[] = { op, f.no };
	char *n = dbtest_value(desk,
			       "SELECT count(*) FROM api.application_queue($1, 'mine', $2, 0, 20)"
			       " WHERE status = 'submitted' AND mine",
			       2, q);
	ck_assert_str_eq(n, "1");
	free(n);

	/* its steps by number and code, from any kiosk */
	ck_assert_str_eq(lookup(other, f.no, f.query_code, &t), "ok");
	ck_assert_str_eq(t.name, name);
	ck_assert_str_eq(t.status, "submitted");
	ck_assert_int_eq(t.nsteps, 1);
	ck_assert_str_eq(t.steps[0].action, "submit");
	application_track_release(&t);
	/* the wrong code answers as a number never filed */
	char wrong[12];
	snprintf(wrong, sizeof(wrong), "%08d", (atoi(f.query_code) + 1) % 100000000);
	ck_assert_str_eq(lookup(kiosk, f.no, wrong, &t), "not_found");
	ck_assert_ptr_null(t.steps);
	ck_assert_str_eq(t.name, "");
	application_track_release(&t);
	ck_assert_str_eq(lookup(kiosk, "RZ00000000000", f.query_code, &t), "not_found");
	application_track_release(&t);

	/* returned by the operator: the organisation reads the reason */
	char id[24], *outcome = NULL;
	const char *qi[] = { f.no };
	char *ids = dbtest_value(admin, "SELECT id FROM wc.provider_application WHERE no = $1", 1,
				 qi);
	snprintf(id, sizeof(id), "%s", ids);
	free(ids);
	db_request_key(key);
	ck_assert(db_application_act(desk, op, key, atoll(id), "return", "营业执照号码与名称不符",
				     &outcome, &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	ck_assert_str_eq(lookup(kiosk, f.no, f.query_code, &t), "ok");
	ck_assert_str_eq(t.status, "returned");
	ck_assert_int_eq(t.nsteps, 2);
	ck_assert_str_eq(t.steps[1].action, "return");
	ck_assert_str_eq(t.steps[1].reason, "营业执照号码与名称不符");
	application_track_release(&t);

	/* every filing and lookup audited */
	n = dbtest_value(admin,
			 "SELECT count(*) FILTER (WHERE action = 'application_submit' AND staff_id IS NULL)"
			 " || ' ' || count(*) FILTER (WHERE action = 'application_kiosk_lookup')"
			 " FROM wc.audit WHERE object = $1",
			 1, qi);
	ck_assert_str_eq(n, "1 3");
	free(n);
	application_filed_release(&f);
	free(op);
	db_conn_free(&desk);
	db_conn_free(&other);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(wrong_codes_lock_the_lookup)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	struct application_input in;
	struct application_filed f;
	struct application_track t;
	char code[19], contact[19], name[64], key[37], wrong[12];

	sample(&in, code, contact, name);
	db_request_key(key);
	ck_assert_str_eq(kiosk_file(kiosk, key, &in, &f), "ok");
	snprintf(wrong, sizeof(wrong), "%08d", (atoi(f.query_code) + 7) % 100000000);
	for (int i = 0; i < 10; i++) {
		ck_assert_str_eq(lookup(kiosk, f.no, wrong, &t), "not_found");
		application_track_release(&t);
	}
	/* now even the right code is refused: the counter helps */
	ck_assert_str_eq(lookup(kiosk, f.no, f.query_code, &t), "locked");
	ck_assert_ptr_null(t.steps);
	application_track_release(&t);
	application_filed_release(&f);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(a_kiosk_files_a_few_an_hour)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	struct application_input in;
	struct application_filed f;
	char code[19], contact[19], name[64], key[37];

	for (int i = 0; i < 4; i++) {
		sample(&in, code, contact, name);
		db_request_key(key);
		ck_assert_str_eq(kiosk_file(kiosk, key, &in, &f), i < 3 ? "ok" : "kiosk_busy");
		application_filed_release(&f);
	}
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

/* A new code at the counter (static outcome; the code in code[9]). */
static const char *reset(struct db_conn *desk, const char *token, const char *key, long long id,
			 const char *agent, const char *agent_id, bool licence, bool id_checked,
			 char code[9])
{
	static char got[32];
	struct query_reset_input in = { agent, agent_id, licence, id_checked };
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL, *c = NULL;

	if (db_application_query_reset(desk, token, key, id, &in, &outcome, &c, &err) != DB_OK) {
		snprintf(got, sizeof(got), "%s", err.sqlstate);
		db_error_release(&err);
		return got;
	}
	snprintf(got, sizeof(got), "%s", outcome);
	if (code)
		snprintf(code, 9, "%s", c);
	free(outcome);
	free(c);
	return got;
}

START_TEST(a_lost_code_is_replaced_at_the_county_counter)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *clerk = dbtest_sign_in(admin, desk, "counter", "340104", NULL);
	char *neighbour = dbtest_sign_in(admin, desk, "counter", "340103", NULL);
	char *city = dbtest_sign_in(admin, desk, "counter", "340100", NULL);
	char *op = dbtest_sign_in(admin, desk, "operator", "340000", NULL);
	struct application_input in;
	struct application_filed f;
	struct application_track t;
	char code[19], contact[19], name[64], key[37], wrong[12], agent_id[19], fresh[9], again[9];

	sample(&in, code, contact, name);
	db_request_key(key);
	ck_assert_str_eq(kiosk_file(kiosk, key, &in, &f), "ok");
	const char *qn[] = { f.no };
	char *ids =
		dbtest_value(admin, "SELECT id FROM wc.provider_application WHERE no = $1", 1, qn);
	long long id = atoll(ids);
	free(ids);
	/* the organisation locked its lookup with wrong codes */
	snprintf(wrong, sizeof(wrong), "%08d", (atoi(f.query_code) + 3) % 100000000);
	for (int i = 0; i < 10; i++) {
		ck_assert_str_eq(lookup(kiosk, f.no, wrong, &t), "not_found");
		application_track_release(&t);
	}
	ck_assert_str_eq(lookup(kiosk, f.no, f.query_code, &t), "locked");
	application_track_release(&t);

	/* only a counter clerk, only of the application's county */
	dbtest_id_number(agent_id);
	db_request_key(key);
	ck_assert_str_eq(reset(desk, op, key, id, "刘晓燕", agent_id, true, true, NULL), "WC002");
	ck_assert_str_eq(reset(desk, neighbour, key, id, "刘晓燕", agent_id, true, true, NULL),
			 "not_found");
	ck_assert_str_eq(reset(desk, city, key, id, "刘晓燕", agent_id, true, true, NULL),
			 "not_my_county");
	/* the two checks, the agent's name and a valid ID number */
	ck_assert_str_eq(reset(desk, clerk, key, id, "刘晓燕", agent_id, false, true, NULL),
			 "not_checked");
	ck_assert_str_eq(reset(desk, clerk, key, id, "刘晓燕", agent_id, true, false, NULL),
			 "not_checked");
	ck_assert_str_eq(reset(desk, clerk, key, id, "  ", agent_id, true, true, NULL),
			 "bad_agent");
	char bad_id[19];
	snprintf(bad_id, sizeof(bad_id), "%s", agent_id);
	bad_id[17] = bad_id[17] == '0' ? '1' : '0';
	ck_assert_str_eq(reset(desk, clerk, key, id, "刘晓燕", bad_id, true, true, NULL),
			 "bad_agent_id");
	/* nothing changed by the refusals: the old code still the code */
	char *n = dbtest_value(admin,
			       "SELECT count(*) FROM wc.application_query_reset r"
			       " JOIN wc.provider_application a ON a.id = r.application_id"
			       " WHERE a.no = $1",
			       1, qn);
	ck_assert_str_eq(n, "0");
	free(n);

	ck_assert_str_eq(reset(desk, clerk, key, id, "刘晓燕", agent_id, true, true, fresh), "ok");
	ck_assert_int_eq((int)strlen(fresh), 8);
	ck_assert(strspn(fresh, "0123456789") == 8);
	ck_assert_str_ne(fresh, f.query_code);
	/* the old code is dead at once; the new one answers, the lock lifted */
	ck_assert_str_eq(lookup(kiosk, f.no, f.query_code, &t), "not_found");
	application_track_release(&t);
	ck_assert_str_eq(lookup(kiosk, f.no, fresh, &t), "ok");
	ck_assert_str_eq(t.status, "submitted");
	application_track_release(&t);
	/* kept as the filing keeps it: not in clear */
	const char *qc[] = { f.no, fresh };
	n = dbtest_value(admin,
			 "SELECT count(*) FROM wc.application_kiosk k"
			 " JOIN wc.provider_application a ON a.id = k.application_id"
			 " WHERE a.no = $1 AND position(convert_to($2, 'UTF8') in k.query_enc) > 0",
			 2, qc);
	ck_assert_str_eq(n, "0");
	free(n);

	/* resent: the same code, no second reset; the key with other details
	 * is refused */
	ck_assert_str_eq(reset(desk, clerk, key, id, "刘晓燕", agent_id, true, true, again), "ok");
	ck_assert_str_eq(again, fresh);
	ck_assert_str_eq(reset(desk, clerk, key, id, "王建国", agent_id, true, true, again),
			 "key_mismatch");
	ck_assert_str_eq(again, "");

	/* the register and the audit log: the agent's ID masked, never whole */
	const char *qa[] = { f.no, agent_id };
	n = dbtest_value(
		admin,
		"SELECT count(*) || ' ' || min(r.agent_name) || ' ' || min(r.agent_id_masked)"
		" FROM wc.application_query_reset r"
		" JOIN wc.provider_application a ON a.id = r.application_id"
		" WHERE a.no = $1 AND r.agent_id_masked = wc.mask_id($2)"
		"   AND r.agent_id_masked <> $2",
		2, qa);
	char want[64];
	snprintf(want, sizeof(want), "1 刘晓燕 %.6s***********%c", agent_id, agent_id[17]);
	ck_assert_str_eq(n, want);
	free(n);
	n = dbtest_value(admin,
			 "SELECT count(*) || ' ' || bool_and(s.role = 'counter')"
			 " || ' ' || bool_and(u.detail->>'agent_id' = wc.mask_id($2))"
			 " || ' ' || bool_and(u.detail::text NOT LIKE '%' || $2 || '%')"
			 " || ' ' || bool_and((u.detail->>'locked')::boolean)"
			 " FROM wc.audit u JOIN wc.staff s ON s.id = u.staff_id"
			 " WHERE u.action = 'application_query_reset' AND u.object = $1",
			 2, qa);
	ck_assert_str_eq(n, "1 true true true true");
	free(n);

	/* finished: no new code */
	char *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	db_request_key(key);
	ck_assert(db_application_act(desk, clerk, key, id, "withdraw", "机构申请撤回", &outcome,
				     &err) == DB_OK);
	ck_assert_str_eq(outcome, "ok");
	free(outcome);
	db_request_key(key);
	ck_assert_str_eq(reset(desk, clerk, key, id, "刘晓燕", agent_id, true, true, NULL),
			 "finished");

	/* entered at a counter: there is no code to replace */
	struct application_filed byclerk;
	sample(&in, code, contact, name);
	db_request_key(key);
	ck_assert(db_application_submit(desk, clerk, key, &in, &byclerk, &err) == DB_OK);
	ck_assert_str_eq(byclerk.outcome, "ok");
	db_request_key(key);
	ck_assert_str_eq(reset(desk, clerk, key, byclerk.id, "刘晓燕", agent_id, true, true, NULL),
			 "not_kiosk");
	application_filed_release(&byclerk);

	application_filed_release(&f);
	free(clerk);
	free(neighbour);
	free(city);
	free(op);
	db_conn_free(&desk);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

Suite *application_kiosk_suite(void)
{
	Suite *s = suite_create("application_kiosk");
	TCase *t = tcase_create("application_kiosk");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, bad_credit_code_refused_nothing_written);
	tcase_add_test(t, filed_into_the_queue_and_followed_by_its_code);
	tcase_add_test(t, wrong_codes_lock_the_lookup);
	tcase_add_test(t, a_kiosk_files_a_few_an_hour);
	tcase_add_test(t, a_lost_code_is_replaced_at_the_county_counter);
	suite_add_tcase(s, t);
	return s;
}
