/*
 * policies: the Chinese keyword search loses no hit and finds nothing
 * extra (the same ids as a plain ILIKE scan over the same rows, for
 * one-, two- and four-character queries), pages by key without repeats,
 * ranks title hits first, and scopes by region.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "dbtest.h"

static char run[32];

/* Generated policies: text from words the real ones use, some punctuation. */
static void policies_generate(struct db_conn *admin)
{
	const char *p[] = { run };

	snprintf(run, sizeof(run), "S%d", (int)getpid());
	dbtest_sql(admin, "SELECT setseed(0.20251)", 0, NULL);
	dbtest_sql(
		admin,
		"WITH w AS (SELECT ARRAY['创业', '担保', '贷款', '补贴', '融资', '场地', '培训',"
		" '税费', '减免', '孵化', '基地', '高校', '毕业生', '退役', '军人', '返乡', '农民',"
		" '网络', '商户', '就业', '资金', 'SYB', '电子', '创业券', '小微', '企业', '贴息',"
		" '申请', '办理', '材料', '县级', '人社', '部门', '补助', '奖励', '服务'] AS v),"
		" g AS (SELECT g, (SELECT v FROM w) AS v FROM generate_series(1, 400) g)"
		" INSERT INTO wc.policy (code, title, region, effective_on, expires_on, kind,"
		" interpretation, body)"
		" SELECT $1 || '-' || g,"
		" (SELECT string_agg(v[1 + floor(random() * 36)::int + 0 * k], '') FROM "
		"generate_series(1, "
		"2 + g % 3) k WHERE g > 0),"
		" (ARRAY['340000', '341500', '341524', '340100', '340123'])[1 + g % 5],"
		" CASE WHEN g % 97 = 0 THEN date '2027-01-01' ELSE date '2020-01-01' + (g % 60) * "
		"30 END,"
		" CASE WHEN g % 4 = 0 AND g % 97 <> 0 THEN date '2020-01-01' + (g % 60) * 30 + 400 "
		"END,"
		" (ARRAY['subsidy', 'loan', 'tax', 'premises', 'training', 'service', 'other'])[1 "
		"+ g % 7],"
		" (SELECT string_agg(v[1 + floor(random() * 36)::int + 0 * k], CASE WHEN random() "
		"< 0.3 "
		"THEN '，' ELSE '' END)"
		"    FROM generate_series(1, 6 + g % 5) k WHERE g > 0),"
		" (SELECT string_agg(v[1 + floor(random() * 36)::int + 0 * k], CASE WHEN random() "
		"< 0.2 "
		"THEN '。' ELSE '' END)"
		"    FROM generate_series(1, 15 + g % 20) k WHERE g > 0)"
		" FROM g",
		1, p);
}

/* Every id of a search, page by page; fails on a repeat. */
static int search_all(struct db_conn *c, const char *q, long long **ids, long long *total)
{
	char *after = NULL;
	int n = 0, cap = 64;

	*ids = xmalloc((size_t)cap * sizeof(**ids));
	for (;;) {
		struct policy_query pq = {
			.text = q, .include_expired = true, .after = after, .limit = 37
		};
		struct policy_page page;
		struct db_error err = DB_ERROR_INIT;
		ck_assert_msg(db_policy_search(c, &pq, &page, &err) == DB_OK, "%s: %s", q,
			      err.primary);
		for (int i = 0; i < page.count; i++) {
			for (int j = 0; j < n; j++)
				ck_assert_msg((*ids)[j] != page.v[i].id, "%s: %lld on two pages", q,
					      page.v[i].id);
			if (n == cap)
				*ids = xrealloc(*ids, (size_t)(cap *= 2) * sizeof(**ids));
			(*ids)[n++] = page.v[i].id;
			*total = page.total;
		}
		free(after);
		after = page.count ? xstrdup(page.v[page.count - 1].cursor) : NULL;
		int got = page.count;
		policy_page_release(&page);
		if (got < 37)
			break;
	}
	free(after);
	return n;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

START_TEST(search_equals_scan)
{
	static const char *const queries[] = { "贷",	 "补",	     "券",	 "融资", "贷款",
					       "补贴",	 "创业担保", "税费减免", "syb",	 "小微企业",
					       "毕业生", "创业券",   "" };
	struct db_conn *admin = dbtest_admin();

	/* one snapshot for the whole test, and the generated policies rolled
	 * back at the end: other tests, running at the same time, never see
	 * them, and the search and the scan see the same rows */
	dbtest_sql(admin, "BEGIN ISOLATION LEVEL REPEATABLE READ", 0, NULL);
	policies_generate(admin);
	/* the three ways of searching: every search ranking all its hits;
	 * all but the rarest taking each part's hits from its own index; and
	 * those whose titles are many (here: any) walking the policies
	 * newest first for the title hits */
	static const struct {
		int exact_limit, walk_from;
	} ways[] = { { 100000, 100000 }, { 12, 100000 }, { 12, 1 } };
	enum { WAYS = sizeof(ways) / sizeof(ways[0]) };
	long long *order[WAYS] = { NULL }; /* "补" page by page, each way */
	int norder[WAYS] = { 0 };
	for (size_t l = 0; l < WAYS; l++) {
		char lim[16], walk[16];
		const char *lp[] = { lim, walk };
		snprintf(lim, sizeof(lim), "%d", ways[l].exact_limit);
		snprintf(walk, sizeof(walk), "%d", ways[l].walk_from);
		dbtest_sql(
			admin,
			"UPDATE wc.setting SET value = CASE name"
			" WHEN 'policy_search_exact_limit' THEN $1 ELSE $2 END"
			" WHERE name IN ('policy_search_exact_limit', 'policy_search_walk_from')",
			2, lp);
		for (size_t k = 0; k < sizeof(queries) / sizeof(queries[0]); k++) {
			const char *q = queries[k];
			long long *ids, total = 0;
			struct db_result *r = NULL;
			struct db_error err = DB_ERROR_INIT;
			const char *p[] = { q };

			int n = search_all(admin, q, &ids, &total);
			ck_assert_int_eq(
				db_exec(admin,
					"SELECT p.id FROM wc.policy p"
					" WHERE (p.title || E'\\n' || p.interpretation || E'\\n' "
					"|| p.body) ILIKE '%' || $1 || '%' ORDER BY 1",
					1, p, &r, &err),
				DB_OK);
			ck_assert_msg(db_result_rows(r) > 0, "%s: the data has no hit to compare",
				      q);
			ck_assert_msg(n == db_result_rows(r), "%s: search %d, scan %d", q, n,
				      db_result_rows(r));
			/* -1: the search walked (more candidates than the limit), and did not count */
			ck_assert_msg(total == n || total == -1, "%s: total %lld, %d hits", q,
				      total, n);
			if (strcmp(q, "补") == 0) {
				order[l] = xmalloc((size_t)n * sizeof(long long) + 1);
				memcpy(order[l], ids, (size_t)n * sizeof(long long));
				norder[l] = n;
			}
			qsort(ids, (size_t)n, sizeof(*ids), cmp_ll);
			for (int i = 0; i < n; i++)
				ck_assert_int_eq(ids[i], atoll(db_result_get(r, i, 0)));
			db_result_free(&r);
			free(ids);
		}
	}
	/* the ways give the same order, not only the same hits */
	for (size_t l = 1; l < WAYS; l++) {
		ck_assert_int_eq(norder[0], norder[l]);
		for (int i = 0; i < norder[0]; i++)
			ck_assert_msg(order[0][i] == order[l][i], "补, way %zu: place %d differs",
				      l, i);
	}
	for (size_t l = 0; l < WAYS; l++)
		free(order[l]);
	/* full-width letters are the same query */
	long long *a, *b, ta, tb;
	int na = search_all(admin, "ＳＹＢ", &a, &ta), nb = search_all(admin, "syb", &b, &tb);
	ck_assert_int_eq(na, nb);
	free(a);
	free(b);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	db_conn_free(&admin);
}
END_TEST

static void policy_add(struct db_conn *admin, const char *code, const char *title,
		       const char *region, const char *effective, const char *expires,
		       const char *body)
{
	const char *p[] = { code, title, region, effective, expires, body };
	dbtest_sql(
		admin,
		/* for a group no test person belongs to: no kiosk test sees them
		 * matched, so nothing refers to them when they are deleted */
		"INSERT INTO wc.policy (code, title, region, effective_on, expires_on, kind, body,"
		" groups) VALUES ($1, $2, $3, $4::date, $5::date, 'other', $6, "
		"'{returned_student}')",
		6, p);
}

START_TEST(ranking_and_region)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "341524");
	char word[64], c1[40], c2[40], c3[40], c4[40], title[128], body[128];
	int pid = (int)getpid();

	/* a word no other policy has: two rare characters and the pid in Chinese digits */
	snprintf(word, sizeof(word), "鹭鸶%s%s",
		 (const char *[]){ "零", "一", "二", "三", "四", "五", "六", "七", "八",
				   "九" }[pid % 10],
		 (const char *[]){ "零", "一", "二", "三", "四", "五", "六", "七", "八",
				   "九" }[pid / 10 % 10]);
	snprintf(c1, sizeof(c1), "R%d-body", pid);
	snprintf(c2, sizeof(c2), "R%d-title", pid);
	snprintf(c3, sizeof(c3), "R%d-old", pid);
	snprintf(c4, sizeof(c4), "R%d-hefei", pid);
	snprintf(title, sizeof(title), "%s专项补贴", word);
	snprintf(body, sizeof(body), "本条提到%s。", word);
	policy_add(admin, c1, "新近的政策", "340000", "2026-01-01", NULL, body);
	policy_add(admin, c2, title, "341500", "2021-01-01", NULL, "正文");
	policy_add(admin, c3, title, "341524", "2019-01-01", "2020-12-31", "正文");
	policy_add(admin, c4, title, "340100", "2022-01-01", NULL, "正文");

	struct policy_query q = { .text = word, .region = "341524", .limit = 10 };
	struct policy_page page;
	struct db_error err = DB_ERROR_INIT;

	/* in force only, seen from 金寨县: the title hit, then the body hit; not 合肥市's */
	ck_assert_int_eq(db_policy_search(kiosk, &q, &page, &err), DB_OK);
	ck_assert_int_eq(page.count, 2);
	ck_assert_str_eq(page.v[0].code, c2);
	ck_assert_str_eq(page.v[1].code, c1);
	ck_assert_str_eq(page.v[0].region_name, "六安市");
	policy_page_release(&page);

	/* with the expired ones: expired after in force within the title hits */
	q.include_expired = true;
	ck_assert_int_eq(db_policy_search(kiosk, &q, &page, &err), DB_OK);
	ck_assert_int_eq(page.count, 3);
	ck_assert_str_eq(page.v[0].code, c2);
	ck_assert_str_eq(page.v[1].code, c3);
	ck_assert_str_eq(page.v[1].status, "expired");
	ck_assert_str_eq(page.v[2].code, c1);
	policy_page_release(&page);

	/* the whole province: 合肥市's too */
	q.region = NULL;
	ck_assert_int_eq(db_policy_search(kiosk, &q, &page, &err), DB_OK);
	ck_assert_int_eq(page.count, 4);
	ck_assert_int_eq(page.total, 4);
	policy_page_release(&page);

	/* the matcher's list for 金寨县: the province's, 六安市's, none of 合肥市's */
	struct policy_set set;
	ck_assert_int_eq(db_policies_in_force(kiosk, "341524", &set, &err), DB_OK);
	bool body_hit = false, city = false, hefei = false, expired = false;
	for (int i = 0; i < set.count; i++) {
		body_hit |= strcmp(set.v[i].code, c1) == 0;
		city |= strcmp(set.v[i].code, c2) == 0;
		expired |= strcmp(set.v[i].code, c3) == 0;
		hefei |= strcmp(set.v[i].code, c4) == 0;
	}
	ck_assert(body_hit && city && !expired && !hefei);
	policy_set_release(&set);

	/* a detail, by id */
	q.region = "341524";
	ck_assert_int_eq(db_policy_search(kiosk, &q, &page, &err), DB_OK);
	struct policy_detail d;
	ck_assert_int_eq(db_policy_get(kiosk, page.v[0].id, &d, &err), DB_OK);
	ck_assert_str_eq(d.title, title);
	ck_assert_str_eq(d.rules.region, "341500");
	ck_assert_str_eq(d.expires_on, "");
	policy_detail_release(&d);
	policy_page_release(&page);
	ck_assert_int_ne(db_policy_get(kiosk, -1, &d, &err), DB_OK);
	db_error_release(&err);
	/* leave no policies behind for the end-to-end tests' searches */
	const char *pat[] = { c1, c2, c3, c4 };
	dbtest_sql(admin, "DELETE FROM wc.policy WHERE code IN ($1, $2, $3, $4)", 4, pat);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

/*
 * Traditional script is folded for search only: a traditional query gives
 * the hits of the simplified one in the same order, a policy stored in
 * traditional script is found by a simplified query, and its text is
 * returned as stored.
 */
START_TEST(traditional_script)
{
	static const char *const pairs[][2] = {
		{ "贷款", "貸款" },	    { "创业担保", "創業擔保" },
		{ "补贴", "補貼" },	    { "创业券", "創業券" },
		{ "税费减免", "稅費減免" }, { "毕业生 培训", "畢業生 培訓" },
	};
	struct db_conn *admin = dbtest_admin();
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "341524");

	dbtest_sql(admin, "BEGIN ISOLATION LEVEL REPEATABLE READ", 0, NULL);
	policies_generate(admin);
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		long long *a, *b, ta, tb;
		int na = search_all(admin, pairs[k][0], &a, &ta);
		int nb = search_all(admin, pairs[k][1], &b, &tb);

		ck_assert_msg(na > 0, "%s: no hit to compare", pairs[k][0]);
		ck_assert_msg(na == nb, "%s %d hits, %s %d", pairs[k][0], na, pairs[k][1], nb);
		for (int i = 0; i < na; i++)
			ck_assert_msg(a[i] == b[i], "%s: place %d differs", pairs[k][1], i);
		free(a);
		free(b);
	}
	dbtest_sql(admin, "ROLLBACK", 0, NULL);

	/* a policy in traditional script, with a word no other policy has */
	char code[40], word[64], title[160], body[160];
	int pid = (int)getpid();
	const char *digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	snprintf(code, sizeof(code), "T%d-trad", pid);
	snprintf(word, sizeof(word), "%s%s%s", "鷺鷥", digits[pid % 10], digits[pid / 10 % 10]);
	snprintf(title, sizeof(title), "%s創業擔保貸款專項補貼", word);
	snprintf(body, sizeof(body), "本條所稱%s，見於正文。", word);
	policy_add(admin, code, title, "341500", "2021-01-01", NULL, body);

	char simp[64];
	snprintf(simp, sizeof(simp), "%s%s%s", "鹭鸶", digits[pid % 10], digits[pid / 10 % 10]);
	const char *queries[] = { simp, word, "创业担保贷款专项" };
	for (size_t k = 0; k < sizeof(queries) / sizeof(queries[0]); k++) {
		char q[160];
		struct policy_query pq = { .text = q, .region = "341524", .limit = 10 };
		struct policy_page page;
		struct db_error err = DB_ERROR_INIT;

		/* with the word, to find this one policy only */
		snprintf(q, sizeof(q), "%s %s", simp, queries[k]);
		ck_assert_int_eq(db_policy_search(kiosk, &pq, &page, &err), DB_OK);
		ck_assert_msg(page.count == 1, "%s: %d hits", q, page.count);
		ck_assert_str_eq(page.v[0].code, code);
		ck_assert_str_eq(page.v[0].title, title); /* as stored */
		policy_page_release(&page);
	}
	/* a title hit, not a body hit: the copy's parts keep their lengths */
	char *where = dbtest_value(admin,
				   "SELECT (title_end = length(title))::text"
				   " || (strpos(left(search_text, title_end), $2) > 0)::text"
				   " || (title = $3)::text FROM wc.policy WHERE code = $1",
				   3, (const char *[]){ code, simp, title });
	ck_assert_str_eq(where, "truetruetrue");
	free(where);
	struct policy_query pq = { .text = simp, .region = "341524", .limit = 10 };
	struct policy_page page;
	struct db_error err = DB_ERROR_INIT;
	ck_assert_int_eq(db_policy_search(kiosk, &pq, &page, &err), DB_OK);
	ck_assert_int_eq(page.count, 1);
	struct policy_detail d;
	ck_assert_int_eq(db_policy_get(kiosk, page.v[0].id, &d, &err), DB_OK);
	ck_assert_str_eq(d.title, title);
	policy_detail_release(&d);
	policy_page_release(&page);
	dbtest_sql(admin, "DELETE FROM wc.policy WHERE code = $1", 1, (const char *[]){ code });
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

/* The database folds as src/core/fold does, which is data/text/t2s.txt
 * (tests/unit/test_fold.c): the same characters, each to the same one. */
START_TEST(fold_table_is_the_file)
{
	struct db_conn *admin = dbtest_admin();
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(db_exec(admin,
				 "SELECT trad, simp, wc.search_norm(trad), 0 FROM wc.search_fold"
				 " UNION ALL SELECT string_agg(trad, '' ORDER BY trad),"
				 " string_agg(simp, '' ORDER BY trad),"
				 " wc.search_norm(string_agg(trad, '' ORDER BY trad)), 1"
				 " FROM wc.search_fold ORDER BY 4",
				 0, NULL, &r, &err),
			 DB_OK);
	int n = db_result_rows(r);
	ck_assert_uint_eq((size_t)n - 1, fold_t2s_count());
	for (int i = 0; i < n - 1; i++) {
		const char *t = db_result_get(r, i, 0), *s = db_result_get(r, i, 1);
		ucs4_t a, b;
		ck_assert_int_gt(u8_mbtoucr(&a, (const uint8_t *)t, strlen(t)), 0);
		ck_assert_int_gt(u8_mbtoucr(&b, (const uint8_t *)s, strlen(s)), 0);
		ck_assert_msg(fold_t2s(a) == b, "%s: the database says %s", t, s);
		ck_assert_str_eq(db_result_get(r, i, 2), s);
	}
	/* all at once, folded by the function (the long way, in one text) */
	ck_assert(strcmp(db_result_get(r, n - 1, 2), db_result_get(r, n - 1, 1)) == 0);
	db_result_free(&r);
	db_conn_free(&admin);
}
END_TEST

/* The longest fields a policy may have, in Chinese that does not compress:
 * every index on wc.policy must take them (a btree entry holds at most
 * 2,704 bytes; 2,000 characters of 条件 are 6,000). */
START_TEST(longest_fields_fit)
{
	struct db_conn *admin = dbtest_admin();

	dbtest_sql(admin, "BEGIN", 0, NULL);
	dbtest_sql(
		admin,
		"WITH t AS (SELECT n, string_agg(chr(19968 + (i * 7919 + n) % 20000), '' ORDER BY "
		"i) AS s"
		" FROM generate_series(1, 2000) AS i, generate_series(1, 3) AS n"
		" WHERE i <= CASE n WHEN 3 THEN 2000 ELSE 200 END GROUP BY n)"
		" INSERT INTO wc.policy (code, title, issuer, doc_no, region, effective_on, kind,"
		" conditions)"
		" SELECT 'LONGEST-FIELDS', (SELECT s FROM t WHERE n = 1), (SELECT s FROM t WHERE n "
		"= 2),"
		" left((SELECT s FROM t WHERE n = 2), 100), '340000', current_date, 'other',"
		" (SELECT s FROM t WHERE n = 3)",
		0, NULL);
	char *n = dbtest_value(admin,
			       "SELECT length(title) + length(conditions) FROM wc.policy"
			       " WHERE code = 'LONGEST-FIELDS'",
			       0, NULL);
	ck_assert_str_eq(n, "2200");
	free(n);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	db_conn_free(&admin);
}
END_TEST

Suite *policies_suite(void)
{
	Suite *s = suite_create("policies");
	TCase *tc = tcase_create("search");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, search_equals_scan);
	tcase_add_test(tc, ranking_and_region);
	tcase_add_test(tc, traditional_script);
	tcase_add_test(tc, fold_table_is_the_file);
	tcase_add_test(tc, longest_fields_fit);
	suite_add_tcase(s, tc);
	return s;
}
