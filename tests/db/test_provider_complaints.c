/*
 * provider_complaints: a provider's staff complain against the operator
 * or the platform from the provider's console — filed once per request
 * key, into the supervisor's queue marked with the provider's name, with
 * the deadline of any complaint; the provider sees its own and their
 * timeline, not another provider's; refused for other roles and for any
 * other target; audited.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static int seq;

/* A provider of 蜀山区 of its own; its name into name, its credit code into cc. */
static void provider_new(struct db_conn *admin, char cc[19], char name[64])
{
	dbtest_credit_code(cc);
	snprintf(name, 64, "投诉测试机构%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { cc, name };
	dbtest_sql(admin,
		   "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')",
		   2, p);
}

/* api.provider_complaint_file with token: "outcome no due_on" (caller
 * frees), or "error SQLSTATE". */
static char *file(struct db_conn *c, const char *token, const char *key, const char *against,
		  const char *body)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_result *r = NULL;
	const char *p[] = { token, key, against, "platform", body };
	char *out;

	if (db_exec(c,
		    "SELECT outcome || ' ' || coalesce(complaint_no, '') || ' '"
		    " || coalesce(due_on::text, '')"
		    " FROM api.provider_complaint_file($1, $2::uuid, $3, $4, $5)",
		    5, p, &r, &err) != DB_OK) {
		char e[32];
		snprintf(e, sizeof(e), "error %s", err.sqlstate);
		db_error_release(&err);
		return xstrdup(e);
	}
	out = db_result_dup(r, 0, 0);
	db_result_free(&r);
	return out;
}

START_TEST(filed_into_the_queue_marked_with_the_provider)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char cc[19], name[64], other_cc[19], other_name[64], key[37], body[96], no[32], due[16];
	char outcome[32];

	provider_new(admin, cc, name);
	provider_new(admin, other_cc, other_name);
	char *prov = dbtest_sign_in(admin, desk, "provider", "340104", cc);
	char *other = dbtest_sign_in(admin, desk, "provider", "340104", other_cc);
	char *sup = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);

	snprintf(body, sizeof(body), "运营商迟迟不处理我方的服务变更%d-%u", (int)getpid(),
		 dbtest_salt());
	db_request_key(key);
	char *got = file(desk, prov, key, "operator", body);
	ck_assert_int_eq(sscanf(got, "%31s %31s %15s", outcome, no, due), 3);
	ck_assert_str_eq(outcome, "ok");
	ck_assert(strncmp(no, "TS", 2) == 0);
	free(got);
	/* resent: the same complaint; with another text: refused */
	got = file(desk, prov, key, "operator", body);
	ck_assert(strstr(got, no) != NULL);
	free(got);
	got = file(desk, prov, key, "operator", "另一段文字");
	ck_assert(strncmp(got, "key_mismatch", 12) == 0);
	free(got);

	/* in the supervisor's queue, with the deadline of any complaint */
	const char *q[] = { sup, no };
	char *n = dbtest_value(
		desk,
		"SELECT count(*) FROM api.complaint_queue($1, 'submitted', NULL, NULL,"
		" NULL, 'operator', false, 0, 200) c WHERE c.no = $2 AND c.due_on IS NOT NULL",
		2, q);
	ck_assert_str_eq(n, "1");
	free(n);
	/* marked with the provider's name */
	const char *k[] = { no };
	char *id = dbtest_value(admin, "SELECT id FROM wc.complaint WHERE no = $1", 1, k);
	const char *m[] = { sup, id };
	n = dbtest_value(desk,
			 "SELECT provider_name FROM api.complaint_provider_marks($1,"
			 " ARRAY[$2::bigint, -1])",
			 2, m);
	ck_assert_str_eq(n, name);
	free(n);

	/* the provider sees it and its timeline; the other provider does not */
	const char *mine[] = { prov, no }, *mine_id[] = { prov, id };
	n = dbtest_value(desk,
			 "SELECT count(*) FROM api.provider_filed_complaints($1) WHERE no = $2"
			 " AND status = 'submitted' AND target = '运营商'",
			 2, mine);
	ck_assert_str_eq(n, "1");
	free(n);
	n = dbtest_value(desk,
			 "SELECT string_agg(action, ',')"
			 " FROM api.provider_filed_complaint_events($1, $2::bigint)",
			 2, mine_id);
	ck_assert_str_eq(n, "file");
	free(n);
	const char *theirs[] = { other, no }, *theirs_id[] = { other, id };
	n = dbtest_value(desk,
			 "SELECT count(*) FROM api.provider_filed_complaints($1) WHERE no = $2", 2,
			 theirs);
	ck_assert_str_eq(n, "0");
	free(n);
	n = dbtest_value(desk,
			 "SELECT count(*) FROM api.provider_filed_complaint_events($1, $2::bigint)",
			 2, theirs_id);
	ck_assert_str_eq(n, "0");
	free(n);

	/* audited with the staff member who filed it */
	const char *a[] = { no, prov };
	n = dbtest_value(admin,
			 "SELECT count(*) FROM wc.audit WHERE action = 'complaint_file_provider'"
			 " AND object = $1 AND staff_id = (SELECT s.staff_id FROM wc.session s"
			 " WHERE s.token_hash = wc.token_hash($2))",
			 2, a);
	ck_assert_str_eq(n, "1");
	free(n);

	free(id);
	free(prov);
	free(other);
	free(sup);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

START_TEST(refused_for_other_roles_and_targets)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char cc[19], name[64], key[37];
	static const char *const roles[] = { "counter", "supervisor", "operator", "bureau" };

	provider_new(admin, cc, name);
	char *prov = dbtest_sign_in(admin, desk, "provider", "340104", cc);
	for (int i = 0; i < 4; i++) {
		char *token =
			dbtest_sign_in(admin, desk, roles[i], i == 0 ? "340104" : "340000", NULL);
		db_request_key(key);
		char *got = file(desk, token, key, "platform", "平台经常无法登录");
		ck_assert_str_eq(got, "error WC002");
		free(got);
		const char *p[] = { token };
		struct db_error err = DB_ERROR_INIT;
		ck_assert(db_exec(desk, "SELECT * FROM api.provider_filed_complaints($1)", 1, p,
				  NULL, &err) != DB_OK);
		ck_assert_str_eq(err.sqlstate, "WC002");
		db_error_release(&err);
		free(token);
	}
	/* a provider complains of the operator or the platform only */
	db_request_key(key);
	char *got = file(desk, prov, key, "provider", "另一家服务商抢单");
	ck_assert_str_eq(got, "error 22023");
	free(got);
	db_request_key(key);
	got = file(desk, prov, key, "platform", "   ");
	ck_assert(strncmp(got, "text_needed", 11) == 0);
	free(got);
	free(prov);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

/* Against the operator, it is forwarded to the operator (转办), who finds
 * it to explain as any other: no person behind it hides nothing. */
START_TEST(forwarded_to_the_operator)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char cc[19], name[64], key[37], body[96], no[32], due[16], outcome[32];

	provider_new(admin, cc, name);
	char *prov = dbtest_sign_in(admin, desk, "provider", "340104", cc);
	char *sup = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);
	char *op = dbtest_sign_in(admin, desk, "operator", "340000", NULL);

	snprintf(body, sizeof(body), "运营商未按时审核我方价格%d-%u", (int)getpid(), dbtest_salt());
	db_request_key(key);
	char *got = file(desk, prov, key, "operator", body);
	ck_assert_int_eq(sscanf(got, "%31s %31s %15s", outcome, no, due), 3);
	free(got);
	const char *k[] = { no };
	char *id = dbtest_value(admin, "SELECT id FROM wc.complaint WHERE no = $1", 1, k);
	const char *a[] = { sup, id };
	char *v = dbtest_value(desk,
			       "SELECT outcome FROM api.complaint_act($1, gen_random_uuid(),"
			       " $2::bigint, 'accept', '', NULL)",
			       2, a);
	ck_assert_str_eq(v, "ok");
	free(v);
	v = dbtest_value(desk,
			 "SELECT outcome FROM api.complaint_forward($1, gen_random_uuid(),"
			 " $2::bigint, 'operator', 5, '请运营商说明审核进度')",
			 2, a);
	ck_assert_str_eq(v, "ok");
	free(v);
	const char *o[] = { op, no };
	v = dbtest_value(desk, "SELECT count(*) FROM api.forward_inbox($1) WHERE complaint_no = $2",
			 2, o);
	ck_assert_str_eq(v, "1");
	free(v);
	free(id);
	free(prov);
	free(sup);
	free(op);
	db_conn_free(&desk);
	db_conn_free(&admin);
}
END_TEST

Suite *provider_complaints_suite(void)
{
	Suite *s = suite_create("provider_complaints");
	TCase *tc = tcase_create("filing");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, filed_into_the_queue_marked_with_the_provider);
	tcase_add_test(tc, refused_for_other_roles_and_targets);
	tcase_add_test(tc, forwarded_to_the_operator);
	suite_add_tcase(s, tc);
	return s;
}
