/*
 * policy_cache: a terminal's copy of a county's policies, refreshed by
 * difference (api.policy_changes), gives what a full fetch gives. A
 * refresh brings a changed policy, drops one moved out of the county,
 * brings nothing when nothing changed, and does not lose a write whose
 * transaction was open during a refresh. A cached match equals a fresh
 * fetch (api.policies_in_force) and match, for several profiles, and a
 * policy coming into force tomorrow is held but not matched today. The
 * rewritten api.policies_in_force gives the rows the status and region
 * functions give.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dbtest.h"

static char prefix[32];

/* Delete the policies whose code matches pattern, with what refers to them. */
static void policies_clear(struct db_conn *admin, const char *pattern)
{
	const char *p[] = { pattern };

	dbtest_sql(admin,
		   "WITH p AS (SELECT id FROM wc.policy WHERE code ~ $1),"
		   " s AS (DELETE FROM wc.policy_seen WHERE policy_id IN (SELECT id FROM p)),"
		   " n AS (DELETE FROM wc.policy_notice WHERE policy_id IN (SELECT id FROM p))"
		   " SELECT 1",
		   1, p);
	dbtest_sql(admin, "DELETE FROM wc.policy WHERE code ~ $1", 1, p);
}

/* Policies of this run: in 金寨县 and its city, one in 合肥市, one from
 * tomorrow, one expired, with rules the profiles below tell apart. */
static void policies_add(struct db_conn *admin)
{
	const char *p[] = { prefix };

	/* what a run that failed half-way left */
	policies_clear(admin, "^PC[0-9]+-");
	snprintf(prefix, sizeof(prefix), "PC%d-", (int)getpid());
	dbtest_sql(admin,
		   "INSERT INTO wc.policy (code, title, region, effective_on, expires_on, kind,"
		   " groups, entities, age_min, age_max, reg_min, reg_max, conditions)"
		   " SELECT $1 || c, '缓存' || c, r, e, x, 'other', g::text[], n::text[], a1, a2,"
		   " r1, r2, k FROM (VALUES"
		   " ('county', '341524', date '2020-01-01', NULL::date, '{}', '{}', NULL::int,"
		   "  NULL::int, NULL::int, NULL::int, ''),"
		   " ('city', '341500', date '2021-01-01', NULL, '{veteran}', '{}', 18, 45, NULL,"
		   "  NULL, ''),"
		   " ('province', '340000', date '2022-01-01', NULL, '{}',"
		   "  '{individual_business,small_enterprise}', NULL, NULL, NULL, 36, ''),"
		   " ('hefei', '340100', date '2022-01-01', NULL, '{}', '{}', NULL, NULL, NULL,"
		   "  NULL, ''),"
		   " ('old', '341524', date '2019-01-01', date '2020-12-31', '{}', '{}', NULL,"
		   "  NULL, NULL, NULL, ''),"
		   " ('hire', '341524', date '2023-01-01', NULL, '{}', '{}', NULL, NULL, NULL,"
		   "  NULL, '任一（全部（员工人数<=100；新招比例>=15）；员工人数>100）'),"
		   " ('female', '341500', date '2024-01-01', NULL, '{}', '{}', NULL, 35, NULL,"
		   "  NULL, '性别=女')"
		   ") v(c, r, e, x, g, n, a1, a2, r1, r2, k)",
		   1, p);
	dbtest_sql(admin,
		   "INSERT INTO wc.policy (code, title, region, effective_on, kind, open_to_all,"
		   " to_verify)"
		   " VALUES ($1 || 'tomorrow', '缓存明日', '341524', wc.today() + 1, 'other', "
		   "true, ''),"
		   " ($1 || 'verify', '缓存核实', '341524', wc.today() + 1, 'other', false,"
		   " '创业失败；曾获奖')",
		   1, p);
}

static void policies_remove(struct db_conn *admin)
{
	char pattern[40];

	snprintf(pattern, sizeof(pattern), "^%s", prefix);
	policies_clear(admin, pattern);
}

/* The cached policy of this run named by suffix, or NULL. */
static const struct policy_brief *cached(const struct policy_cache *pc, const char *suffix)
{
	char code[64];

	snprintf(code, sizeof(code), "%s%s", prefix, suffix);
	for (int i = 0; i < pc->set.count; i++)
		if (strcmp(pc->set.v[i].code, code) == 0)
			return &pc->set.v[i];
	return NULL;
}

static struct date today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

struct vocab {
	struct code_list groups;
	struct region_list regions;
	struct cond_vocab v;
};

static void vocab_load(struct db_conn *c, struct vocab *vc)
{
	struct db_error err = DB_ERROR_INIT;

	memset(vc, 0, sizeof(*vc));
	ck_assert_int_eq(db_person_categories(c, &vc->groups, &err), DB_OK);
	ck_assert_int_eq(db_regions_load(c, &vc->regions, &err), DB_OK);
	vc->v = (struct cond_vocab){ &vc->groups, &vc->regions };
}

static void vocab_release(struct vocab *vc)
{
	code_list_release(&vc->groups);
	region_list_release(&vc->regions);
}

static int refresh(struct db_conn *kiosk, struct policy_cache *pc, const struct vocab *vc)
{
	struct db_error err = DB_ERROR_INIT;
	int changed = -1;

	ck_assert_int_eq(db_policy_cache_refresh(kiosk, pc, &vc->v, &changed, &err), DB_OK);
	return changed;
}

START_TEST(refresh_by_difference)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *writer = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "341524");
	struct policy_cache pc;
	struct vocab vc;
	const char *p[] = { NULL };

	policies_add(admin);
	p[0] = prefix;
	vocab_load(kiosk, &vc);
	policy_cache_init(&pc, "341524");

	/* the first load: the county's, its city's, the province's; not 合肥's,
	 * not the expired one; tomorrow's held but not in force today */
	ck_assert_int_gt(refresh(kiosk, &pc, &vc), 0);
	ck_assert_ptr_nonnull(cached(&pc, "county"));
	ck_assert_ptr_nonnull(cached(&pc, "city"));
	ck_assert_ptr_nonnull(cached(&pc, "province"));
	ck_assert_ptr_null(cached(&pc, "hefei"));
	ck_assert_ptr_null(cached(&pc, "old"));
	ck_assert_ptr_nonnull(cached(&pc, "tomorrow"));
	ck_assert(policy_cache_in_force(cached(&pc, "county"), today()));
	ck_assert(!policy_cache_in_force(cached(&pc, "tomorrow"), today()));
	int held = pc.set.count;

	/* nothing changed: nothing comes */
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 0);
	ck_assert_int_eq(pc.set.count, held);

	/* a changed policy, written by hand (without touching updated_at) */
	dbtest_sql(admin, "UPDATE wc.policy SET title = '缓存改' WHERE code = $1 || 'county'", 1,
		   p);
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 1);
	ck_assert_str_eq(cached(&pc, "county")->title, "缓存改");
	ck_assert_int_eq(pc.set.count, held);

	/* moved out of the county, and into it */
	dbtest_sql(admin, "UPDATE wc.policy SET region = '340100' WHERE code = $1 || 'city'", 1, p);
	dbtest_sql(admin, "UPDATE wc.policy SET region = '341524' WHERE code = $1 || 'hefei'", 1,
		   p);
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 2);
	ck_assert_ptr_null(cached(&pc, "city"));
	ck_assert_ptr_nonnull(cached(&pc, "hefei"));
	ck_assert_int_eq(pc.set.count, held);
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 0);

	/* a write whose transaction is open while the kiosk refreshes, and
	 * commits after: the next refresh still brings it */
	dbtest_sql(writer, "BEGIN", 0, NULL);
	dbtest_sql(writer, "UPDATE wc.policy SET title = '缓存迟' WHERE code = $1 || 'province'", 1,
		   p);
	usleep(20000);
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 0);
	dbtest_sql(writer, "COMMIT", 0, NULL);
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 1);
	ck_assert_str_eq(cached(&pc, "province")->title, "缓存迟");
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 0);

	/* expired by a write: dropped */
	dbtest_sql(admin,
		   "UPDATE wc.policy SET expires_on = wc.today() - 1, effective_on = '2019-01-01'"
		   " WHERE code = $1 || 'county'",
		   1, p);
	ck_assert_int_eq(refresh(kiosk, &pc, &vc), 1);
	ck_assert_ptr_null(cached(&pc, "county"));

	policy_cache_release(&pc);
	vocab_release(&vc);
	policies_remove(admin);
	db_conn_free(&kiosk);
	db_conn_free(&writer);
	db_conn_free(&admin);
}
END_TEST

/* The verdicts of a cached match, and of a fresh fetch and match, agree
 * policy by policy and in order. */
static void match_both(struct db_conn *kiosk, const struct policy_cache *pc, const struct vocab *vc,
		       const struct match_profile *prof)
{
	struct db_error err = DB_ERROR_INIT;
	struct policy_set fresh;
	int k = 0;

	ck_assert_int_eq(db_policies_in_force(kiosk, "341524", &fresh, &err), DB_OK);
	for (int i = 0; i < pc->set.count; i++) {
		const struct policy_brief *b = &pc->set.v[i];
		struct match_result a, f;
		if (!policy_cache_in_force(b, today()))
			continue;
		ck_assert_int_lt(k, fresh.count);
		ck_assert_int_eq(b->id, fresh.v[k].id);
		struct cond *c = policy_rule_cols_cond(&fresh.v[k].rules, &vc->v);
		policy_match(b->cond, prof, &a);
		policy_match(c, prof, &f);
		cond_free(c);
		ck_assert_int_eq(a.verdict, f.verdict);
		ck_assert_int_eq(a.nfailed, f.nfailed);
		ck_assert_int_eq(a.nunknown, f.nunknown);
		ck_assert_int_eq(a.near_miss, f.near_miss);
		k++;
	}
	ck_assert_int_eq(k, fresh.count);
	policy_set_release(&fresh);
}

START_TEST(cached_match_equals_fresh)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "341524");
	struct policy_cache pc;
	struct vocab vc;
	const char *vet[] = { "veteran" }, *none[] = { NULL };
	struct match_profile p[4] = { MATCH_PROFILE_INIT, MATCH_PROFILE_INIT, MATCH_PROFILE_INIT,
				      MATCH_PROFILE_INIT };

	policies_add(admin);
	vocab_load(kiosk, &vc);
	policy_cache_init(&pc, "341524");
	refresh(kiosk, &pc, &vc);

	/* a veteran with a young business; a woman who answered little; an
	 * employer; someone who said nothing */
	match_profile_birth_date(&p[0], (struct date){ 1988, 3, 1 }, today());
	p[0].groups = vet, p[0].ngroups = 1, p[0].groups_known = true;
	p[0].entity = "individual_business", p[0].stage = "started", p[0].reg_months = 14;
	match_profile_birth_year(&p[1], 1994, today());
	p[1].sex = "female";
	p[2].groups = none, p[2].ngroups = 0, p[2].groups_known = true;
	p[2].entity = "small_enterprise", p[2].staff = 40, p[2].hire_pct = 20;
	p[2].reg_months = 50;
	for (int i = 0; i < 4; i++) {
		p[i].county = "341524";
		match_both(kiosk, &pc, &vc, &p[i]);
	}

	/* tomorrow's policy, open to all, fits everyone, but not today */
	const struct policy_brief *t = cached(&pc, "tomorrow");
	struct match_result r;
	ck_assert_ptr_nonnull(t);
	policy_match(t->cond, &p[3], &r);
	ck_assert_int_eq(r.verdict, VERDICT_YES);
	ck_assert(!policy_cache_in_force(t, today()));

	/* the conditions to verify come through the copy: never "fits" */
	const struct policy_brief *vb = cached(&pc, "verify");
	ck_assert_ptr_nonnull(vb);
	ck_assert_str_eq(vb->rules.to_verify, "创业失败；曾获奖");
	ck_assert(!vb->rules.open_to_all);
	policy_match(vb->cond, &p[0], &r);
	ck_assert_int_eq(r.verdict, VERDICT_UNKNOWN);
	ck_assert_int_eq(r.unknown[0]->kind, COND_VERIFY);
	ck_assert_uint_eq(r.unknown[0]->nitems, 2);
	/* with no condition but its county's, and not open to all: may fit */
	policy_match(cached(&pc, "county")->cond, &p[0], &r);
	ck_assert_int_eq(r.verdict, VERDICT_UNKNOWN);

	/* the in-force list as the status and region functions of 0010 say */
	const char *scopes[] = { "341524", "341500", "340000" };
	for (int i = 0; i < 3; i++) {
		const char *s[] = { scopes[i] };
		char *n = dbtest_value(
			admin,
			"SELECT count(*) FROM ((SELECT id FROM api.policies_in_force($1)"
			" EXCEPT ALL SELECT id FROM wc.policy p"
			" WHERE wc.policy_status(p, wc.today()) = 'in_force'"
			" AND wc.region_concerns(p.region, $1))"
			" UNION ALL (SELECT id FROM wc.policy p"
			" WHERE wc.policy_status(p, wc.today()) = 'in_force'"
			" AND wc.region_concerns(p.region, $1)"
			" EXCEPT ALL SELECT id FROM api.policies_in_force($1))) d",
			1, s);
		ck_assert_str_eq(n, "0");
		free(n);
	}

	policy_cache_release(&pc);
	vocab_release(&vc);
	policies_remove(admin);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

Suite *policy_cache_suite(void)
{
	Suite *s = suite_create("policy_cache");
	TCase *tc = tcase_create("refresh");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, refresh_by_difference);
	tcase_add_test(tc, cached_match_equals_fresh);
	suite_add_tcase(s, tc);
	return s;
}
