/* test_verify: a policy's conditions to verify by hand (verify_items), and
 * the matcher never counting one as met. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

static char *gcode[] = { "graduate" };
static char *gname[] = { "高校毕业生" };
static const struct code_list groups = { gcode, gname, 1 };
static const struct cond_vocab vocab = { &groups, NULL };

START_TEST(test_split)
{
	char **items;
	size_t n = verify_items_split(" 创业失败；经营主体已注销;\r\n　获奖 \n\n；", &items);

	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(items[0], "创业失败");
	ck_assert_str_eq(items[1], "经营主体已注销");
	ck_assert_str_eq(items[2], "获奖");
	text_list_free(items, n);
	ck_assert_uint_eq(verify_items_split(NULL, &items), 0);
	text_list_free(items, 0);
	ck_assert_uint_eq(verify_items_split(" ；\n", &items), 0);
	text_list_free(items, 0);
}
END_TEST

START_TEST(test_canonical)
{
	struct sbuf sb = SBUF_INIT;
	char long_item[3 * (VERIFY_ITEM_MAX + 1) + 16];
	size_t which = 0;

	ck_assert_int_eq(verify_items_canonical("a;b\nc", &sb, NULL), VERIFY_OK);
	ck_assert_str_eq(sb.buf, "a；b；c");
	sbuf_reset(&sb);
	ck_assert_int_eq(verify_items_canonical("", &sb, NULL), VERIFY_OK);
	ck_assert_str_eq(sb.buf, "");
	/* an item of VERIFY_ITEM_MAX characters is fine, one more is not */
	strcpy(long_item, "短；");
	for (int i = 0; i < VERIFY_ITEM_MAX; i++)
		strcat(long_item, "长");
	ck_assert_int_eq(verify_items_canonical(long_item, &sb, &which), VERIFY_OK);
	strcat(long_item, "长");
	sbuf_reset(&sb);
	ck_assert_int_eq(verify_items_canonical(long_item, &sb, &which), VERIFY_ERR_ITEM_LONG);
	ck_assert_uint_eq(which, 2);
	sbuf_reset(&sb);
	ck_assert_int_eq(verify_items_canonical("\xff", &sb, NULL), VERIFY_ERR_TEXT);
	sbuf_release(&sb);
}
END_TEST

/* someone who never had a business, 30, of no group */
static void newcomer(struct match_profile *p)
{
	static const char *none[] = { NULL };

	*p = (struct match_profile)MATCH_PROFILE_INIT;
	match_profile_age(p, 30);
	p->groups = none, p->ngroups = 0, p->groups_known = true;
	p->entity = "person", p->stage = "intending", p->county = "341524";
}

/* The verdict of the rules r for p. */
static enum verdict verdict_of(const struct policy_rules *r, const struct match_profile *p)
{
	struct cond *rules = policy_rules_cond(r);
	struct match_result m;

	policy_match(rules, p, &m);
	cond_free(rules);
	return m.verdict;
}

START_TEST(test_caps_at_may_fit)
{
	struct policy_rules r = POLICY_RULES_INIT;
	struct match_profile p;
	struct match_result m;
	struct sbuf why = SBUF_INIT;
	struct cond *extra = NULL, *rules;

	newcomer(&p);
	ck_assert_int_eq(
		cond_parse("任一（阶段=意向创业；注册月数<=60）", &vocab, &extra, NULL, NULL),
		COND_OK);
	r.region = "340000";
	r.extra = extra;
	ck_assert_int_eq(verdict_of(&r, &p), VERDICT_YES);

	/* the prize cannot be checked: never "fits" */
	r.to_verify = "在创业大赛中获奖；\n项目已落地";
	rules = policy_rules_cond(&r);
	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_UNKNOWN);
	ck_assert_uint_eq(m.nunknown, 1);
	ck_assert_int_eq(m.unknown[0]->kind, COND_VERIFY);
	ck_assert(!m.near_miss);
	cond_explain(m.unknown[0], &p, &vocab, &why);
	ck_assert_str_eq(why.buf, "to be verified: 在创业大赛中获奖; 项目已落地");
	ck_assert_str_eq(cond_evidence_msgid(m.unknown[0]), "proof of the conditions above");
	cond_free(rules);

	/* a condition failed still fails: verifying cannot make it fit */
	p.stage = "started", p.entity = "small_enterprise", p.reg_months = 70;
	ck_assert_int_eq(verdict_of(&r, &p), VERDICT_NO);

	/* open to all does not lift what is to be verified */
	newcomer(&p);
	r.open_to_all = true;
	ck_assert_int_eq(verdict_of(&r, &p), VERDICT_UNKNOWN);
	cond_free(extra);
	sbuf_release(&why);
}
END_TEST

START_TEST(test_nothing_checkable)
{
	struct policy_rules r = POLICY_RULES_INIT;
	struct match_profile p;
	struct match_result m;
	struct sbuf why = SBUF_INIT;
	struct cond *rules;

	newcomer(&p);
	r.region = "340000";
	rules = policy_rules_cond(&r);
	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_UNKNOWN);
	cond_explain(m.unknown[0], &p, &vocab, &why);
	ck_assert_str_eq(why.buf, "see the policy's interpretation for who may apply");
	ck_assert_str_eq(cond_evidence_msgid(m.unknown[0]),
			 "the documents the policy's interpretation names");
	cond_free(rules);

	/* 对象 = 不限: open to everyone, so it fits */
	r.open_to_all = true;
	ck_assert_ptr_null(policy_rules_cond(&r));
	/* and in another county's policy the region still decides */
	r.region = "340100";
	ck_assert_int_eq(verdict_of(&r, &p), VERDICT_NO);
	r.region = "341524";
	ck_assert_int_eq(verdict_of(&r, &p), VERDICT_YES);

	/* a checkable condition says who: it decides alone */
	r.open_to_all = false;
	r.age_min = 16;
	ck_assert_int_eq(verdict_of(&r, &p), VERDICT_YES);
	sbuf_release(&why);
}
END_TEST

Suite *verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *items = tcase_create("items"), *match = tcase_create("match");

	tcase_add_test(items, test_split);
	tcase_add_test(items, test_canonical);
	tcase_add_test(match, test_caps_at_may_fit);
	tcase_add_test(match, test_nothing_checkable);
	suite_add_tcase(s, items);
	suite_add_tcase(s, match);
	return s;
}
