/* Unit tests for src/core/eligibility: the conditions language and the matcher. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

static char *gcode[] = { "graduate", "veteran", "online_merchant" };
static char *gname[] = { "高校毕业生", "退役军人", "网络商户" };
static const struct code_list groups = { gcode, gname, 3 };
static const struct cond_vocab vocab = { &groups, NULL };

static const struct date today = { 2026, 11, 27 };

static struct cond *parse_ok(const char *text)
{
	struct cond *c = NULL;
	size_t where;
	char *what;
	enum cond_error e = cond_parse(text, &vocab, &c, &where, &what);

	ck_assert_msg(e == COND_OK, "%s: error %d at %zu (%s)", text, e, where, what ? what : "");
	ck_assert_ptr_nonnull(c);
	return c;
}

static char *formatted(const struct cond *c)
{
	struct sbuf sb;

	sbuf_init(&sb);
	cond_format(c, &vocab, &sb);
	return sbuf_detach(&sb);
}

START_TEST(test_parse_atoms)
{
	struct cond *c = parse_ok("年龄<=35");
	ck_assert_int_eq(c->kind, COND_AGE);
	ck_assert_int_eq(c->op, COND_LE);
	ck_assert_int_eq(c->value, 35);
	cond_free(c);

	/* full-width signs, units and blanks as people type them */
	c = parse_ok("  注册月数 ＞＝ ６ 个月 ");
	ck_assert_int_eq(c->kind, COND_REG_MONTHS);
	ck_assert_int_eq(c->op, COND_GE);
	ck_assert_int_eq(c->value, 6);
	cond_free(c);

	c = parse_ok("新招比例≥15%");
	ck_assert_int_eq(c->kind, COND_HIRE_PCT);
	ck_assert_int_eq(c->op, COND_GE);
	cond_free(c);

	c = parse_ok("对象=退役军人、高校毕业生|退役军人");
	ck_assert_int_eq(c->kind, COND_GROUP);
	ck_assert_uint_eq(c->nitems, 2); /* the repeated name counted once */
	ck_assert_str_eq(c->items[0], "veteran");
	ck_assert_str_eq(c->items[1], "graduate");
	cond_free(c);

	c = parse_ok("主体=个人、小微企业");
	ck_assert_str_eq(c->items[0], "person");
	ck_assert_str_eq(c->items[1], "small_enterprise");
	cond_free(c);

	c = parse_ok("阶段=已创业；性别=女；地区=340100");
	ck_assert_int_eq(c->kind, COND_ALL);
	ck_assert_uint_eq(c->nsub, 3);
	ck_assert_str_eq(c->sub[0].items[0], "started");
	ck_assert_str_eq(c->sub[1].items[0], "female");
	ck_assert_str_eq(c->sub[2].items[0], "340100");
	cond_free(c);

	/* nothing at all is no condition */
	ck_assert_int_eq(cond_parse(" ；", &vocab, &c, NULL, NULL), COND_OK);
	ck_assert_ptr_null(c);
}
END_TEST

START_TEST(test_parse_groups_round_trip)
{
	static const char *const texts[] = {
		"任一（全部（员工人数<=100；新招比例>=15）；全部（员工人数>100；新招比例>=8））",
		"对象=高校毕业生；毕业年限<=2",
		"任一(对象=退役军人;年龄<35)；主体=个体工商户",
		"年龄=40",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct cond *a = parse_ok(texts[i]);
		char *fa = formatted(a);
		struct cond *b = parse_ok(fa);
		char *fb = formatted(b);
		ck_assert_str_eq(fa, fb);
		cond_free(a);
		cond_free(b);
		free(fa);
		free(fb);
	}
	struct cond *c = parse_ok(texts[0]);
	ck_assert_int_eq(c->kind, COND_ANY);
	ck_assert_uint_eq(c->nsub, 2);
	ck_assert_int_eq(c->sub[1].kind, COND_ALL);
	ck_assert_int_eq(c->sub[1].sub[0].op, COND_GT);
	cond_free(c);
}
END_TEST

static void parse_bad(const char *text, enum cond_error want, size_t want_where, const char *word)
{
	struct cond *c = (struct cond *)1;
	size_t where;
	char *what;
	enum cond_error e = cond_parse(text, &vocab, &c, &where, &what);

	ck_assert_msg(e == want, "%s: got %d, want %d", text, e, want);
	ck_assert_ptr_null(c);
	ck_assert_msg(where == want_where, "%s: at %zu, want %zu", text, where, want_where);
	if (word)
		ck_assert_str_eq(what, word);
	free(what);
	ck_assert_str_ne(cond_error_msgid(e), "");
}

START_TEST(test_parse_errors)
{
	parse_bad("身高>=170", COND_ERR_FIELD, 1, "身高");
	parse_bad("年龄>=18；收入<5", COND_ERR_FIELD, 8, "收入");
	parse_bad("年龄 35", COND_ERR_OP, 4, NULL);
	parse_bad("对象>=退役军人", COND_ERR_OP, 1, NULL);
	parse_bad("年龄>=三十", COND_ERR_NUMBER, 5, "三十");
	parse_bad("年龄<=1000000", COND_ERR_NUMBER, 5, NULL);
	parse_bad("对象=退役军人、宇航员", COND_ERR_NAME, 9, "宇航员");
	parse_bad("主体=国有企业", COND_ERR_NAME, 4, "国有企业"); /* Art. 3 */
	parse_bad("地区=999999", COND_ERR_NAME, 4, "999999");
	parse_bad("任一（年龄>=18；年龄<=35", COND_ERR_PAREN, 3, NULL);
	parse_bad("年龄>=18）", COND_ERR_PAREN, 7, NULL);
	parse_bad("任一()", COND_ERR_EMPTY, 3, NULL);
	parse_bad("年龄>=18 年龄<=35", COND_ERR_SYNTAX, 8, NULL);
	parse_bad("对象=", COND_ERR_EMPTY, 4, NULL);
	parse_bad("\xff", COND_ERR_TEXT, 0, NULL);
	parse_bad("任一(任一(任一(任一(任一(任一(任一(任一(任一(年龄>1)))))))))", COND_ERR_DEPTH,
		  25, NULL);
}
END_TEST

START_TEST(test_age_boundaries)
{
	struct cond *c = parse_ok("年龄<=35");
	struct match_profile p = MATCH_PROFILE_INIT;

	/* 35 on the day of the 35th birthday, and until the 36th */
	match_profile_birth_date(&p, (struct date){ 1991, 11, 27 }, today);
	ck_assert_int_eq(p.age_lo, 35);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	match_profile_birth_date(&p, (struct date){ 1990, 11, 28 }, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	match_profile_birth_date(&p, (struct date){ 1990, 11, 27 }, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_NO);
	cond_free(c);

	c = parse_ok("年龄>=18");
	match_profile_birth_date(&p, (struct date){ 2008, 11, 27 }, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	match_profile_birth_date(&p, (struct date){ 2008, 11, 28 }, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_NO);

	/* an age as the database gives it for a registered person */
	match_profile_age(&p, 18);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	match_profile_age(&p, 17);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_NO);
	match_profile_age(&p, -1);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_UNKNOWN);

	/* a birth year alone: 17 or 18 */
	match_profile_birth_year(&p, 2008, today);
	ck_assert_int_eq(p.age_lo, 17);
	ck_assert_int_eq(p.age_hi, 18);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_UNKNOWN);
	match_profile_birth_year(&p, 2007, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	match_profile_birth_year(&p, 2009, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_NO);
	match_profile_birth_year(&p, 2030, today);
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_UNKNOWN);
	cond_free(c);

	struct cond *lt = parse_ok("年龄<35"), *gt = parse_ok("年龄>35"), *eq = parse_ok("年龄=35");
	match_profile_birth_date(&p, (struct date){ 1991, 11, 27 }, today);
	ck_assert_int_eq(cond_eval(lt, &p), VERDICT_NO);
	ck_assert_int_eq(cond_eval(gt, &p), VERDICT_NO);
	ck_assert_int_eq(cond_eval(eq, &p), VERDICT_YES);
	match_profile_birth_year(&p, 1991, today); /* 34 or 35 */
	ck_assert_int_eq(cond_eval(lt, &p), VERDICT_UNKNOWN);
	ck_assert_int_eq(cond_eval(gt, &p), VERDICT_NO);
	ck_assert_int_eq(cond_eval(eq, &p), VERDICT_UNKNOWN);
	cond_free(lt);
	cond_free(gt);
	cond_free(eq);
}
END_TEST

START_TEST(test_months)
{
	ck_assert_int_eq(date_months_between((struct date){ 2023, 11, 27 }, today), 36);
	ck_assert_int_eq(date_months_between((struct date){ 2023, 11, 28 }, today), 35);
	ck_assert_int_eq(date_months_between((struct date){ 2026, 11, 27 }, today), 0);
	ck_assert_int_eq(date_months_between((struct date){ 2026, 11, 28 }, today), -1);
	/* the 31st's anniversary in a short month is its last day */
	ck_assert_int_eq(
		date_months_between((struct date){ 2026, 1, 31 }, (struct date){ 2026, 2, 28 }), 1);
	ck_assert_int_eq(
		date_months_between((struct date){ 2026, 1, 31 }, (struct date){ 2026, 2, 27 }), 0);
	ck_assert_int_eq(
		date_months_between((struct date){ 2024, 1, 31 }, (struct date){ 2024, 2, 29 }), 1);

	struct cond *le = parse_ok("注册月数<=36"), *lt = parse_ok("注册月数<36");
	struct match_profile p = MATCH_PROFILE_INIT;
	ck_assert_int_eq(cond_eval(le, &p), VERDICT_UNKNOWN);
	p.reg_months = 36;
	ck_assert_int_eq(cond_eval(le, &p), VERDICT_YES);
	ck_assert_int_eq(cond_eval(lt, &p), VERDICT_NO);
	p.reg_months = 35;
	ck_assert_int_eq(cond_eval(lt, &p), VERDICT_YES);
	/* no registered business: no months to count */
	p.reg_months = -1;
	p.entity = "person";
	ck_assert_int_eq(cond_eval(le, &p), VERDICT_NO);
	cond_free(le);
	cond_free(lt);
}
END_TEST

START_TEST(test_lists)
{
	struct cond *g = parse_ok("对象=高校毕业生、退役军人");
	struct match_profile p = MATCH_PROFILE_INIT;
	const char *vet[] = { "veteran" }, *merchant[] = { "online_merchant" };

	ck_assert_int_eq(cond_eval(g, &p), VERDICT_UNKNOWN);
	p.groups_known = true;
	ck_assert_int_eq(cond_eval(g, &p), VERDICT_NO);
	p.groups = vet;
	p.ngroups = 1;
	ck_assert_int_eq(cond_eval(g, &p), VERDICT_YES);
	/* ticking one group at the kiosk proves that one, says nothing of others */
	p.groups = merchant;
	p.groups_known = false;
	ck_assert_int_eq(cond_eval(g, &p), VERDICT_UNKNOWN);
	p.groups = vet;
	ck_assert_int_eq(cond_eval(g, &p), VERDICT_YES);
	cond_free(g);

	struct cond *r = parse_ok("地区=340100、341524");
	ck_assert_int_eq(cond_eval(r, &p), VERDICT_UNKNOWN);
	p.county = "340123"; /* 肥西县 of 合肥市 */
	ck_assert_int_eq(cond_eval(r, &p), VERDICT_YES);
	p.county = "341524";
	ck_assert_int_eq(cond_eval(r, &p), VERDICT_YES);
	p.county = "341522";
	ck_assert_int_eq(cond_eval(r, &p), VERDICT_NO);
	cond_free(r);
	r = parse_ok("地区=340000");
	ck_assert_int_eq(cond_eval(r, &p), VERDICT_YES);
	cond_free(r);

	struct cond *e = parse_ok("主体=个体工商户；阶段=已创业；性别=女");
	ck_assert_int_eq(cond_eval(e, &p), VERDICT_UNKNOWN);
	p.entity = "individual_business";
	p.stage = "started";
	p.sex = "female";
	ck_assert_int_eq(cond_eval(e, &p), VERDICT_YES);
	p.sex = "male";
	ck_assert_int_eq(cond_eval(e, &p), VERDICT_NO);
	cond_free(e);
}
END_TEST

START_TEST(test_category_names)
{
	struct sbuf out = SBUF_INIT;
	char *bad = NULL;

	ck_assert_str_eq(person_category_code("veteran", &groups), "veteran");
	ck_assert_str_eq(person_category_code("退役军人", &groups), "veteran");
	ck_assert_str_eq(person_category_code("退伍军人", &groups), "veteran");
	ck_assert_str_eq(person_category_code("退役士兵", &groups), "veteran");
	/* a name for a group this list does not have, and a near miss */
	ck_assert_ptr_null(person_category_code("残疾人士", &groups));
	ck_assert_ptr_null(person_category_code("大学生", &groups));
	ck_assert(codes_array("退伍军人、高校毕业生", person_category_code, &groups, &out, &bad));
	ck_assert_str_eq(out.buf, "{veteran,graduate}");
	sbuf_reset(&out);
	ck_assert(!codes_array("网络商户；大学生", person_category_code, &groups, &out, &bad));
	ck_assert_str_eq(bad, "大学生");
	free(bad);
	sbuf_release(&out);
}
END_TEST

START_TEST(test_any_all)
{
	/* the small-enterprise guarantee loan: 15% new hires, 8% above 100 staff */
	struct cond *c = parse_ok(
		"任一（全部（员工人数<=100；新招比例>=15）；全部（员工人数>100；新招比例>=8））");
	struct match_profile p = MATCH_PROFILE_INIT;

	ck_assert_int_eq(cond_eval(c, &p), VERDICT_UNKNOWN);
	p.staff = 100, p.hire_pct = 15;
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	p.hire_pct = 14;
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_NO);
	p.staff = 101, p.hire_pct = 8;
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_YES);
	p.hire_pct = 7;
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_NO);
	/* fits either way, but three values cannot see that staff is either
	 * at most 100 or more: "may fit", and the counter asks */
	p.staff = -1, p.hire_pct = 20;
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_UNKNOWN);
	p.hire_pct = 10; /* fits only above 100 staff */
	ck_assert_int_eq(cond_eval(c, &p), VERDICT_UNKNOWN);
	/* what to bring for a group: what its first part asks for */
	ck_assert_str_eq(cond_evidence_msgid(c), "the staff roster and the labour contracts");
	cond_free(c);

	/* why an "any of" fails: each part with what the person has */
	struct match_profile q = MATCH_PROFILE_INIT;
	struct sbuf why;
	c = parse_ok("任一（阶段=意向创业；注册月数<=36）");
	q.stage = "started";
	q.reg_months = 40;
	sbuf_init(&why);
	cond_explain(c, &q, &vocab, &why);
	ck_assert_str_eq(why.buf,
			 "requires one of: business stage: intending to start or registered "
			 "for at most 36 months; yours: already started; yours was "
			 "registered 40 months ago");
	sbuf_release(&why);
	cond_free(c);
}
END_TEST

/* At the counter the clerk reads the reasons: they speak of the person. */
START_TEST(test_explain_to_clerk)
{
	struct match_profile q = MATCH_PROFILE_INIT;
	struct sbuf why;
	struct cond *c = parse_ok("任一（阶段=意向创业；注册月数<=36）");

	q.stage = "started";
	q.reg_months = 40;
	q.about_other = true;
	sbuf_init(&why);
	cond_explain(c, &q, &vocab, &why);
	ck_assert_str_eq(why.buf,
			 "requires one of: business stage: intending to start or registered "
			 "for at most 36 months; theirs: already started; theirs was "
			 "registered 40 months ago");
	sbuf_release(&why);
	cond_free(c);
}
END_TEST

static struct cond *rules_of(int reg_max, const char *extra, struct cond **parsed)
{
	static char *two_groups[] = { "veteran", "graduate" };
	static char *entities[] = { "individual_business", "small_enterprise" };
	struct policy_rules r = POLICY_RULES_INIT;

	*parsed = extra ? parse_ok(extra) : NULL;
	r.region = "341500";
	r.groups = two_groups;
	r.ngroups = 2;
	r.entities = entities;
	r.nentities = 2;
	r.age_min = 18;
	r.age_max = 60;
	r.reg_max = reg_max;
	r.extra = *parsed;
	return policy_rules_cond(&r);
}

START_TEST(test_policy_match)
{
	struct cond *extra;
	struct cond *rules = rules_of(36, "毕业年限<=2；阶段=已创业", &extra);
	struct match_profile p = MATCH_PROFILE_INIT;
	struct match_result m;
	const char *vet[] = { "veteran" };

	/* region, groups, age twice, entity, months, and the two of 条件 */
	ck_assert_int_eq(rules->kind, COND_ALL);
	ck_assert_uint_eq(rules->nsub, 8);

	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_UNKNOWN);
	ck_assert_uint_eq(m.nunknown, 8);

	match_profile_birth_date(&p, (struct date){ 1990, 5, 1 }, today);
	p.groups = vet, p.ngroups = 1, p.groups_known = true;
	p.entity = "individual_business";
	p.county = "341524";
	p.reg_months = 40;
	p.grad_years = 1;
	p.stage = "started";
	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_NO);
	ck_assert_uint_eq(m.nfailed, 1);
	ck_assert(m.near_miss);
	ck_assert_int_eq(m.failed[0]->kind, COND_REG_MONTHS);

	struct sbuf why;
	sbuf_init(&why);
	cond_explain(m.failed[0], &p, &vocab, &why);
	ck_assert_str_eq(why.buf, "requires registered for at most 36 months; yours was "
				  "registered 40 months ago");
	sbuf_reset(&why);

	p.reg_months = 36;
	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_YES);
	ck_assert(!m.near_miss);

	/* another city's policy is never a near miss */
	p.county = "340123";
	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_NO);
	ck_assert(!m.near_miss);
	p.county = "341524";

	/* three conditions missed: no near miss either */
	p.reg_months = 40, p.grad_years = 5, p.stage = "intending";
	policy_match(rules, &p, &m);
	ck_assert_uint_eq(m.nfailed, 3);
	ck_assert(!m.near_miss);

	/* unknown facts: "may fit", and what to bring */
	p.reg_months = 10, p.grad_years = -1, p.stage = "started";
	policy_match(rules, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_UNKNOWN);
	ck_assert_uint_eq(m.nunknown, 1);
	cond_explain(m.unknown[0], &p, &vocab, &why);
	ck_assert_str_eq(why.buf, "requires graduated at most 2 years ago; not known yet");
	ck_assert_str_eq(cond_evidence_msgid(m.unknown[0]), "your graduation certificate");
	sbuf_reset(&why);

	cond_describe(rules, &vocab, &why);
	ck_assert_ptr_nonnull(strstr(why.buf, "belongs to one of: 退役军人, 高校毕业生"));
	sbuf_release(&why);
	cond_free(rules);
	cond_free(extra);

	/* nothing but the province: the matcher cannot tell whom it is for,
	 * so it never says "fits" (its text says who may apply) */
	struct policy_rules none = POLICY_RULES_INIT;
	none.region = "340000";
	struct cond *unchecked = policy_rules_cond(&none);
	ck_assert_ptr_nonnull(unchecked);
	policy_match(unchecked, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_UNKNOWN);
	cond_free(unchecked);
	none.region = "341524"; /* a county's own: where, still not who */
	unchecked = policy_rules_cond(&none);
	policy_match(unchecked, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_UNKNOWN);
	cond_free(unchecked);
	/* no tree at all: everyone */
	policy_match(NULL, &p, &m);
	ck_assert_int_eq(m.verdict, VERDICT_YES);
}
END_TEST

Suite *eligibility_suite(void)
{
	Suite *s = suite_create("eligibility");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_parse_atoms);
	tcase_add_test(tc, test_parse_groups_round_trip);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_age_boundaries);
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_category_names);
	tcase_add_test(tc, test_any_all);
	tcase_add_test(tc, test_explain_to_clerk);
	tcase_add_test(tc, test_policy_match);
	suite_add_tcase(s, tc);
	return s;
}
