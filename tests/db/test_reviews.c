/*
 * reviews: 评价 through the API as a kiosk, a counter, the supervisor,
 * the operator and the bureau call it — rating a completed booking once,
 * the refusals, the counter's consent and county, the word list holding
 * a review back, publishing, taking down (hidden, averages changed, the
 * record kept, the report entry), verifying bad reviews, the
 * dynamic-management flags at their thresholds, and the provider's
 * public reply (once, its bounds, shown under the review). After each test, every
 * service's and provider's rating sums equal their published reviews.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static const char *const PW = "Review-pass-2026";

struct world {
	struct db_conn *admin, *kiosk, *desk;
	char *counter, *supervisor, *operator, * bureau, *far_counter; /* tokens */
	char provider_cc[19];
	long long provider;
};

static int seq;

static char *sign_in(struct world *w, const char *role, const char *region)
{
	struct staff_session s = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL;
	const char *user = dbtest_staff(w->admin, role, region, PW);

	ck_assert_int_eq(db_staff_login(w->desk, user, PW, &s, &until, &err), DB_LOGIN_OK);
	char *token = xstrdup(s.token);
	staff_session_release(&s);
	return token;
}

static void world_open(struct world *w)
{
	char name[64];

	memset(w, 0, sizeof(*w));
	w->admin = dbtest_admin();
	w->kiosk = dbtest_terminal(w->admin, "kiosk", "340104");
	w->desk = dbtest_terminal(w->admin, "staff", NULL);
	w->counter = sign_in(w, "counter", "340104");
	w->far_counter = sign_in(w, "counter", "340102");
	w->supervisor = sign_in(w, "supervisor", "340000");
	w->operator= sign_in(w, "operator", "340000");
	w->bureau = sign_in(w, "bureau", "340000");
	dbtest_credit_code(w->provider_cc);
	snprintf(name, sizeof(name), "评价测试服务商%d-%d", (int)getpid(), ++seq);
	const char *p[] = { w->provider_cc, name };
	char *id = dbtest_value(
		w->admin,
		"SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '王', '0551')", 2,
		p);
	w->provider = atoll(id);
	free(id);
}

static void world_close(struct world *w)
{
	free(w->counter);
	free(w->far_counter);
	free(w->supervisor);
	free(w->operator);
	free(w->bureau);
	db_conn_free(&w->admin);
	db_conn_free(&w->kiosk);
	db_conn_free(&w->desk);
}

static long long value_ll(struct world *w, const char *sql, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	char *v = dbtest_value(w->admin, sql, 1, p);
	long long n = v ? atoll(v) : 0;
	free(v);
	return n;
}

static char *value_s(struct world *w, const char *sql, long long id)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", id);
	const char *p[] = { s };
	return dbtest_value(w->admin, sql, 1, p);
}

/* A free offline service of the world's provider. */
static long long service_new(struct world *w)
{
	char code[48];
	snprintf(code, sizeof(code), "RV%d-%d", (int)getpid(), ++seq);
	const char *p[] = { code, w->provider_cc };
	char *id = dbtest_value(w->admin,
				"SELECT wc_admin.service_add($1, $2, '创业指导', 'guidance', false,"
				" false, 0, false, '340104', '', '蜀山区', '0551', 24)",
				2, p);
	long long v = atoll(id);
	free(id);
	return v;
}

static long long completed_booking(struct world *w, const char *person, long long service)
{
	return dbtest_completed_booking(w->admin, person, service);
}

/* Rate at the kiosk with key (NULL: a new one); returns the outcome. */
static const char *rate(struct world *w, const char *token, const char *key, long long booking,
			int stars, const char *comment, struct db_review_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	struct review_input in = { booking, stars, comment };
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_citizen_review_add(w->kiosk, token, key, &in, o, &err) == DB_OK,
		      "citizen_review_add: %s", err.primary);
	return o->outcome;
}

/* Rate with a new key and expect the outcome; returns the review id. */
static long long rate_expect(struct world *w, const char *token, long long booking, int stars,
			     const char *comment, const char *want)
{
	struct db_review_outcome o;
	ck_assert_str_eq(rate(w, token, NULL, booking, stars, comment, &o), want);
	long long id = o.review_id;
	db_review_outcome_release(&o);
	return id;
}

static const char *moderate(struct world *w, const char *token, long long review,
			    enum review_action action, const char *note)
{
	static char got[32];
	struct db_review_outcome o;
	struct db_error err = DB_ERROR_INIT;
	char key[37];

	db_request_key(key);
	ck_assert_msg(db_review_moderate(w->desk, token, key, review, action, note, &o, &err) ==
			      DB_OK,
		      "review_moderate: %s", err.primary);
	snprintf(got, sizeof(got), "%s", o.outcome);
	db_review_outcome_release(&o);
	return got;
}

/* Every service's and provider's sums are those of its published reviews. */
static void sums_hold(struct world *w)
{
	char *bad = dbtest_value(
		w->admin,
		"SELECT (SELECT count(*) FROM wc.service s WHERE (s.rating_sum, s.rating_count) <>"
		"  (SELECT coalesce(sum(r.stars), 0), count(*) FROM wc.review r"
		"    WHERE r.service_id = s.id AND r.status = 'published'))"
		" + (SELECT count(*) FROM wc.provider p WHERE (p.rating_sum, p.rating_count) <>"
		"  (SELECT coalesce(sum(r.stars), 0), count(*) FROM wc.review r"
		"    WHERE r.provider_id = p.id AND r.status = 'published'))",
		0, NULL);
	ck_assert_str_eq(bad, "0");
	free(bad);
}

static bool lists_review(const struct service_review *v, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return true;
	return false;
}

static int service_reviews_count(struct world *w, long long service, long long review, bool *listed)
{
	struct service_review *v;
	int n;
	struct db_error err = DB_ERROR_INIT;

	ck_assert(db_service_reviews(w->kiosk, service, 0, 100, &v, &n, &err) == DB_OK);
	*listed = lists_review(v, n, review);
	service_reviews_free(&v, n);
	return n;
}

START_TEST(rate_once_a_completed_booking_of_ones_own)
{
	struct world w;
	char id[19], id2[19], key[37];
	struct db_review_outcome o, again;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{graduate}", "intending", id);
	char *other = dbtest_person(w.admin, "{graduate}", "intending", id2);
	char *token = dbtest_citizen(w.kiosk, id);
	char *other_token = dbtest_citizen(w.kiosk, id2);
	long long service = service_new(&w);

	/* booked at the kiosk: not rated before it is completed */
	char s[24];
	snprintf(s, sizeof(s), "%lld", service);
	const char *sp[] = { s };
	char *slot =
		dbtest_value(w.admin,
			     "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
			     " VALUES ($1, now() + interval '2 days', now() + interval '2 days 1 "
			     "hour', 5) RETURNING id",
			     1, sp);
	struct db_outcome bo;
	struct booking_pay pay = { 0, 0 };
	db_request_key(key);
	ck_assert(db_citizen_book(w.kiosk, token, key, atoll(slot), pay, &bo, &err) == DB_OK);
	ck_assert_str_eq(bo.outcome, "ok");
	long long booking = bo.booking_id;
	db_outcome_release(&bo);
	rate_expect(&w, token, booking, 4, "", "not_completed");
	/* the counter closes it once its time has come */
	const char *slp[] = { slot };
	dbtest_sql(w.admin,
		   "UPDATE wc.slot SET starts_at = now() - interval '2 hours',"
		   " ends_at = now() - interval '1 hour' WHERE id = $1",
		   1, slp);
	db_request_key(key);
	ck_assert(db_booking_close(w.desk, w.counter, key, booking, true, &bo, &err) == DB_OK);
	ck_assert_str_eq(bo.outcome, "ok");
	db_outcome_release(&bo);

	/* someone else's booking, stars out of range */
	rate_expect(&w, other_token, booking, 4, "", "not_owner");
	rate_expect(&w, token, -5, 4, "", "not_owner");
	rate_expect(&w, token, booking, 0, "", "bad_stars");
	rate_expect(&w, token, booking, 6, "", "bad_stars");
	/* 300 characters of Chinese (900 bytes) fit; 301 do not */
	struct sbuf text = SBUF_INIT;
	for (int i = 0; i < 301; i++)
		sbuf_adds(&text, "好");
	rate_expect(&w, token, booking, 4, text.buf, "text_too_long");
	sbuf_reset(&text);
	for (int i = 0; i < 300; i++)
		sbuf_adds(&text, "好");

	db_request_key(key);
	ck_assert_str_eq(rate(&w, token, key, booking, 4, text.buf, &o), "ok");
	ck_assert_str_eq(o.status, "published");
	ck_assert(!o.replayed);
	/* sent again after a lost answer: the same review, not a second */
	ck_assert_str_eq(rate(&w, token, key, booking, 4, text.buf, &again), "ok");
	ck_assert(again.replayed);
	ck_assert_int_eq(again.review_id, o.review_id);
	db_review_outcome_release(&again);
	/* the key with other stars: refused, not answered as if it were so */
	ck_assert_str_eq(rate(&w, token, key, booking, 2, text.buf, &again), "key_mismatch");
	db_review_outcome_release(&again);
	/* nor for another booking of one's own */
	long long second = completed_booking(&w, person, service);
	ck_assert_str_eq(rate(&w, token, key, second, 4, text.buf, &again), "key_mismatch");
	db_review_outcome_release(&again);
	/* once only */
	rate_expect(&w, token, booking, 1, "改个评价", "already_reviewed");
	ck_assert_int_eq(
		value_ll(&w, "SELECT count(*) FROM wc.review WHERE booking_id = $1", booking), 1);

	/* the service and the provider show it */
	struct service_detail d;
	ck_assert(db_service_get(w.kiosk, service, &d, &err) == DB_OK);
	ck_assert_str_eq(d.service_rating, "4.0");
	ck_assert_int_eq(d.service_rating_count, 1);
	ck_assert_str_eq(d.rating, "4.0");
	ck_assert_int_eq(d.rating_count, 1);
	service_detail_release(&d);
	bool listed;
	ck_assert_int_eq(service_reviews_count(&w, service, o.review_id, &listed), 1);
	ck_assert(listed);
	/* never who wrote it: the public list has no column for it */
	char *cols = dbtest_value(
		w.admin,
		"SELECT string_agg(a, ',') FROM pg_proc p, unnest(p.proargnames) a"
		" WHERE p.oid = 'api.service_reviews(bigint, bigint, int)'::regprocedure"
		" AND a NOT LIKE 'p\\_%'",
		0, NULL);
	ck_assert_str_eq(cols, "id,created_at,stars,comment,reply,reply_at");
	free(cols);
	/* the person's own list */
	struct my_review *mine;
	int n;
	ck_assert(db_citizen_reviews(w.kiosk, token, &mine, &n, &err) == DB_OK);
	const struct my_review *m = my_review_of(mine, n, booking);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->stars, 4);
	ck_assert_str_eq(m->status, "published");
	my_reviews_free(&mine, n);
	ck_assert(db_citizen_reviews(w.kiosk, other_token, &mine, &n, &err) == DB_OK);
	ck_assert_ptr_null(my_review_of(mine, n, booking));
	my_reviews_free(&mine, n);

	sums_hold(&w);
	db_review_outcome_release(&o);
	sbuf_release(&text);
	free(slot);
	free(person);
	free(other);
	free(token);
	free(other_token);
	world_close(&w);
}
END_TEST

START_TEST(counter_rates_with_consent_in_its_county)
{
	struct world w;
	char id[19], key[37];
	struct db_review_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct review_input in = { 0, 5, "老师讲解耐心，很有帮助。" };

	world_open(&w);
	char *person = dbtest_person(w.admin, "{veteran}", "started", id);
	in.booking = completed_booking(&w, person, service_new(&w));
	db_request_key(key);
	/* consent first */
	ck_assert(db_counter_review_add(w.desk, w.counter, key, person, &in, " ", &o, &err) ==
		  DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC041");
	/* a counter of another county does not see the person */
	ck_assert(db_counter_review_add(w.desk, w.far_counter, key, person, &in, "本人口述", &o,
					&err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC020");
	/* nor does the supervisor rate for anyone */
	ck_assert(db_counter_review_add(w.desk, w.supervisor, key, person, &in, "本人口述", &o,
					&err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert(db_counter_review_add(w.desk, w.counter, key, person, &in,
					"本人口述，窗口代为录入", &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(o.status, "published");
	long long review = o.review_id;
	db_review_outcome_release(&o);
	char *consent = value_s(&w,
				"SELECT consent || '/' || (staff_id IS NOT NULL) FROM wc.review"
				" WHERE id = $1",
				review);
	ck_assert_str_eq(consent, "本人口述，窗口代为录入/true");
	free(consent);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE action = 'review_add'"
				  " AND staff_id IS NOT NULL AND on_behalf_of IS NOT NULL"
				  " AND (detail->>'review')::bigint = $1",
				  review),
			 1);
	/* the counter's view of the person's reviews */
	struct my_review *mine;
	int n;
	ck_assert(db_person_reviews(w.desk, w.counter, person, &mine, &n, &err) == DB_OK);
	ck_assert_ptr_nonnull(my_review_of(mine, n, in.booking));
	my_reviews_free(&mine, n);
	ck_assert(db_person_reviews(w.desk, w.far_counter, person, &mine, &n, &err) ==
		  DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC020");
	db_error_release(&err);
	sums_hold(&w);
	free(person);
	world_close(&w);
}
END_TEST

/* The first word of data/moderation/words.txt (the list migrate loaded). */
static char *first_listed_word(void)
{
	const char *dir = getenv("WANCHUANG_MODERATIONDIR");
	char path[512], line[256];
	char *word = NULL;

	ck_assert_msg(dir && *dir, "WANCHUANG_MODERATIONDIR is not set");
	snprintf(path, sizeof(path), "%s/words.txt", dir);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	while (!word && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "#\r\n")] = '\0';
		if (*line)
			word = xstrdup(line);
	}
	fclose(f);
	ck_assert_ptr_nonnull(word);
	return word;
}

static char *file_text(const char *name)
{
	char path[512], buf[4096];
	struct sbuf text = SBUF_INIT;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", getenv("WANCHUANG_MODERATIONDIR"), name);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&text, buf, n);
	fclose(f);
	return sbuf_detach(&text);
}

static void strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool queue_has(struct world *w, const char *token, enum review_list list, long long review,
		      struct review_queue_row *copy_hits)
{
	struct review_queue_row *v;
	int n;
	bool found = false;
	struct db_error err = DB_ERROR_INIT;
	long long after = 0;

	/* page through: other tests' reviews may come first */
	for (;;) {
		ck_assert_msg(db_review_queue(w->desk, token, list, after, 200, &v, &n, &err) ==
				      DB_OK,
			      "review_queue: %s", err.primary);
		for (int i = 0; i < n && !found; i++)
			if (v[i].id == review) {
				found = true;
				if (copy_hits) {
					copy_hits->nhits = v[i].nhits;
					copy_hits->hits = v[i].hits;
					v[i].hits = NULL;
					v[i].nhits = 0;
				}
			}
		after = n ? v[n - 1].id : 0;
		review_queue_rows_free(&v, n);
		if (found || n < 200)
			return found;
	}
}

START_TEST(listed_words_hold_a_review)
{
	struct world w;
	char id[19], key[37];
	struct db_review_outcome o, again;
	struct db_error err = DB_ERROR_INIT;
	struct review_queue_row hits = { 0 };
	bool listed;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long service = service_new(&w);

	/* the list in the database is the file's: loading it again changes nothing */
	char *words = file_text("words.txt");
	const char *wp[] = { words };
	char *changed = dbtest_value(
		w.admin, "SELECT changed FROM wc_admin.moderation_words_load($1)", 1, wp);
	ck_assert_str_eq(changed, "f");
	free(changed);
	free(words);

	/* a listed word, spaced out, is still found */
	char *word = first_listed_word();
	struct sbuf text = SBUF_INIT;
	sbuf_adds(&text, "课程不错，");
	for (const char *c = word; *c;) {
		size_t len = (*c & 0x80) == 0	   ? 1
			     : (*c & 0xe0) == 0xc0 ? 2
			     : (*c & 0xf0) == 0xe0 ? 3
						   : 4;
		sbuf_add(&text, c, len);
		sbuf_adds(&text, c[len] ? " - " : "");
		c += len;
	}
	sbuf_adds(&text, "了解详情。");
	long long b1 = completed_booking(&w, person, service);
	ck_assert_str_eq(rate(&w, token, NULL, b1, 5, text.buf, &o), "ok");
	ck_assert_str_eq(o.status, "held");
	long long held = o.review_id;
	db_review_outcome_release(&o);
	/* not shown, not counted */
	ck_assert_int_eq(service_reviews_count(&w, service, held, &listed), 0);
	ck_assert_int_eq(value_ll(&w, "SELECT rating_count FROM wc.service WHERE id = $1", service),
			 0);
	/* in the supervisor's queue, with what was found */
	ck_assert(queue_has(&w, w.supervisor, REVIEW_LIST_HELD, held, &hits));
	ck_assert_int_eq(hits.nhits, 1);
	char *norm = dbtest_value(w.admin, "SELECT wc.moderation_norm($1)", 1,
				  (const char *const[]){ word });
	ck_assert_str_eq(hits.hits[0], norm);
	free(norm);
	strings_free(hits.hits, hits.nhits);
	ck_assert(!queue_has(&w, w.supervisor, REVIEW_LIST_PUBLISHED, held, NULL));

	/* a mobile number is held too; plain criticism is published */
	long long b2 = completed_booking(&w, person, service);
	ck_assert_str_eq(rate(&w, token, NULL, b2, 2, "有问题打我电话１３９ １２３４ ５６７８", &o),
			 "ok");
	ck_assert_str_eq(o.status, "held");
	ck_assert(queue_has(&w, w.operator, REVIEW_LIST_HELD, o.review_id, &hits));
	ck_assert_int_eq(hits.nhits, 1);
	ck_assert_str_eq(hits.hits[0], "#mobile");
	strings_free(hits.hits, hits.nhits);
	db_review_outcome_release(&o);
	long long b3 = completed_booking(&w, person, service);
	ck_assert_str_eq(rate(&w, token, NULL, b3, 1, "服务很差，乱收费，老师迟到一小时。", &o),
			 "ok");
	ck_assert_str_eq(o.status, "published");
	db_review_outcome_release(&o);

	/* published after moderation: shown and counted from then on */
	db_request_key(key);
	ck_assert(db_review_moderate(w.desk, w.supervisor, key, held, REVIEW_APPROVE,
				     "不属于广告，予以公开", &o, &err) == DB_OK);
	ck_assert_str_eq(o.outcome, "ok");
	ck_assert_str_eq(o.status, "published");
	db_review_outcome_release(&o);
	ck_assert(db_review_moderate(w.desk, w.supervisor, key, held, REVIEW_APPROVE,
				     "不属于广告，予以公开", &again, &err) == DB_OK);
	ck_assert_str_eq(again.outcome, "ok");
	ck_assert(again.replayed);
	db_review_outcome_release(&again);
	ck_assert(db_review_moderate(w.desk, w.supervisor, key, held, REVIEW_APPROVE, "另有说明",
				     &again, &err) == DB_OK);
	ck_assert_str_eq(again.outcome, "key_mismatch");
	db_review_outcome_release(&again);
	ck_assert_str_eq(moderate(&w, w.operator, held, REVIEW_APPROVE, ""), "wrong_state");
	ck_assert_int_eq(service_reviews_count(&w, service, held, &listed), 2);
	ck_assert(listed);
	ck_assert_int_eq(value_ll(&w, "SELECT rating_sum FROM wc.service WHERE id = $1", service),
			 6);

	/* the loader: comments, blanks, case, spacing; all or nothing (rolled back) */
	dbtest_sql(w.admin, "BEGIN", 0, NULL);
	char *load =
		dbtest_value(w.admin,
			     "SELECT words || '/' || added FROM wc_admin.moderation_words_load("
			     "E'# 注释\\n\\n加 微 信  # 行尾注释\\nＡＢＣ\\nabc\\n')",
			     0, NULL);
	ck_assert_str_eq(load, "2/1"); /* abc is new, 加微信 was listed */
	free(load);
	char *listed_now = dbtest_value(
		w.admin, "SELECT string_agg(word, ',' ORDER BY word) FROM wc.moderation_word", 0,
		NULL);
	ck_assert_str_eq(listed_now, "abc,加微信");
	free(listed_now);
	char *found = dbtest_value(
		w.admin, "SELECT wc.moderation_hits('请加 微 信，ＡＢ-Ｃ')::text", 0, NULL);
	ck_assert_str_eq(found, "{abc,加微信}");
	free(found);
	/* traditional script: a word listed in it is kept folded (刷單 is
	 * 刷单), and catches a text in either script */
	load = dbtest_value(w.admin,
			    "SELECT words || '/' || added FROM wc_admin.moderation_words_load("
			    "E'加微信\\n刷單\\n')",
			    0, NULL);
	ck_assert_str_eq(load, "2/1");
	free(load);
	found = dbtest_value(w.admin,
			     "SELECT wc.moderation_hits('可以刷单')::text"
			     " || wc.moderation_hits('可以刷單，請加微信')::text",
			     0, NULL);
	ck_assert_str_eq(found, "{刷单}{刷单,加微信}");
	free(found);
	dbtest_sql(w.admin, "ROLLBACK", 0, NULL);

	sums_hold(&w);
	sbuf_release(&text);
	free(word);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

START_TEST(take_down_hides_counts_and_reports)
{
	struct world w;
	char id[19];
	struct db_error err = DB_ERROR_INIT;
	bool listed;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long service = service_new(&w);
	long long good =
		rate_expect(&w, token, completed_booking(&w, person, service), 5, "很满意", "ok");
	long long bad = rate_expect(&w, token, completed_booking(&w, person, service), 1,
				    "这家机构的老师是骗子，大家别上当！", "ok");
	struct service_detail d;
	ck_assert(db_service_get(w.kiosk, service, &d, &err) == DB_OK);
	ck_assert_str_eq(d.service_rating, "3.0");
	ck_assert_int_eq(d.service_rating_count, 2);
	service_detail_release(&d);

	/* a bad review waits to be verified (核实) */
	ck_assert(queue_has(&w, w.supervisor, REVIEW_LIST_UNCHECKED, bad, NULL));
	ck_assert(!queue_has(&w, w.supervisor, REVIEW_LIST_UNCHECKED, good, NULL));
	ck_assert_str_eq(moderate(&w, w.supervisor, good, REVIEW_CHECK, "已回访"), "wrong_state");

	/* a take-down needs its reason; a counter cannot take down */
	ck_assert_str_eq(moderate(&w, w.supervisor, bad, REVIEW_TAKE_DOWN, "  "), "text_needed");
	struct db_review_outcome o;
	char key[37];
	db_request_key(key);
	ck_assert(db_review_moderate(w.desk, w.counter, key, bad, REVIEW_TAKE_DOWN, "x", &o,
				     &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert_str_eq(moderate(&w, w.supervisor, bad, REVIEW_TAKE_DOWN,
				  "含有对服务商的侮辱性、未经核实的指控"),
			 "ok");
	ck_assert_str_eq(moderate(&w, w.supervisor, bad, REVIEW_TAKE_DOWN, "再次"), "wrong_state");
	ck_assert_str_eq(moderate(&w, w.operator, bad, REVIEW_APPROVE, ""), "wrong_state");

	/* hidden everywhere, out of the averages */
	ck_assert_int_eq(service_reviews_count(&w, service, bad, &listed), 1);
	ck_assert(!listed);
	ck_assert(!queue_has(&w, w.supervisor, REVIEW_LIST_PUBLISHED, bad, NULL));
	ck_assert(!queue_has(&w, w.supervisor, REVIEW_LIST_UNCHECKED, bad, NULL));
	ck_assert(db_service_get(w.kiosk, service, &d, &err) == DB_OK);
	ck_assert_str_eq(d.service_rating, "5.0");
	ck_assert_int_eq(d.service_rating_count, 1);
	ck_assert_str_eq(d.rating, "5.0");
	service_detail_release(&d);
	/* the person sees where it stands */
	struct my_review *mine;
	int n;
	ck_assert(db_citizen_reviews(w.kiosk, token, &mine, &n, &err) == DB_OK);
	bool seen = false;
	for (int i = 0; i < n; i++)
		if (mine[i].id == bad) {
			seen = true;
			ck_assert_str_eq(mine[i].status, "taken_down");
		}
	ck_assert(seen);
	my_reviews_free(&mine, n);

	/* the original stays as written, and stays down */
	char bad_s[24];
	snprintf(bad_s, sizeof(bad_s), "%lld", bad);
	ck_assert(db_exec(w.admin, "UPDATE wc.review SET comment = '' WHERE id = $1", 1,
			  (const char *const[]){ bad_s }, NULL, &err) != DB_OK);
	ck_assert(db_exec(w.admin,
			  "UPDATE wc.review SET status = 'published' WHERE status ="
			  " 'taken_down'",
			  0, NULL, NULL, &err) != DB_OK);
	ck_assert(db_exec(w.admin, "DELETE FROM wc.review_event", 0, NULL, NULL, &err) != DB_OK);
	db_error_release(&err);

	/* the bureau's report: when, what, the original text, who, why */
	struct takedown_row *t;
	ck_assert(db_review_takedowns(w.desk, w.bureau, 0, 50, &t, &n, &err) == DB_OK);
	seen = false;
	char *no = value_s(&w,
			   "SELECT b.no FROM wc.review r JOIN wc.booking b ON b.id ="
			   " r.booking_id WHERE r.id = $1",
			   bad);
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].booking_no, no) == 0) {
			seen = true;
			ck_assert_str_eq(t[i].comment, "这家机构的老师是骗子，大家别上当！");
			ck_assert_int_eq(t[i].stars, 1);
			ck_assert_str_eq(t[i].reason, "含有对服务商的侮辱性、未经核实的指控");
			ck_assert_str_eq(t[i].staff_role, "supervisor");
			ck_assert_str_eq(t[i].staff_name, "测试人员");
			ck_assert_str_eq(t[i].status_before, "published");
			ck_assert_str_eq(t[i].service_title, "创业指导");
			ck_assert_int_eq(strlen(t[i].at), 16);
		}
	ck_assert(seen);
	takedown_rows_free(&t, n);
	free(no);
	ck_assert(db_review_takedowns(w.desk, w.operator, 0, 50, &t, &n, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE action = 'review_take_down'"
				  " AND (detail->>'review')::bigint = $1 AND staff_id IS NOT NULL",
				  bad),
			 1);
	ck_assert_int_ge(
		value_ll(&w,
			 "SELECT count(*) FROM wc.audit WHERE action = 'review_takedowns_view'"
			 " AND $1 > 0",
			 1),
		1);

	/* a held review taken down leaves the averages as they were */
	long long held = rate_expect(&w, token, completed_booking(&w, person, service), 1,
				     "加微信领取优惠", "ok");
	char *status = value_s(&w, "SELECT status FROM wc.review WHERE id = $1", held);
	ck_assert_str_eq(status, "held");
	free(status);
	ck_assert_str_eq(moderate(&w, w.operator, held, REVIEW_TAKE_DOWN, "广告引流"), "ok");
	ck_assert_int_eq(value_ll(&w, "SELECT rating_sum FROM wc.service WHERE id = $1", service),
			 5);

	/* verifying a bad review takes it off the list to verify */
	long long bad2 =
		rate_expect(&w, token, completed_booking(&w, person, service), 2, "等了很久", "ok");
	ck_assert_str_eq(moderate(&w, w.supervisor, bad2, REVIEW_CHECK, ""), "text_needed");
	ck_assert_str_eq(moderate(&w, w.supervisor, bad2, REVIEW_CHECK,
				  "已电话回访，服务商承认排队过长，已督促整改"),
			 "ok");
	ck_assert(!queue_has(&w, w.supervisor, REVIEW_LIST_UNCHECKED, bad2, NULL));
	ck_assert(queue_has(&w, w.supervisor, REVIEW_LIST_PUBLISHED, bad2, NULL));
	ck_assert_str_eq(moderate(&w, w.supervisor, bad2, REVIEW_CHECK, "再次"), "wrong_state");

	sums_hold(&w);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

/* How a flag stands, as the screen shows it. */
struct flag_seen {
	long long ratings, complaints;
	bool low_rating, many_complaints;
	char rating[16];
};

/* Whether the flags list the service (or the provider), and with what. */
static bool flagged(struct world *w, const char *token, bool provider, long long id,
		    struct flag_seen *out)
{
	struct quality_flag *v;
	int n;
	bool found = false;
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_quality_flags(w->desk, token, &v, &n, &err) == DB_OK, "quality_flags: %s",
		      err.primary);
	for (int i = 0; i < n; i++)
		if (v[i].provider == provider && v[i].id == id) {
			found = true;
			out->ratings = v[i].ratings;
			out->complaints = v[i].complaints;
			out->low_rating = v[i].low_rating;
			out->many_complaints = v[i].many_complaints;
			snprintf(out->rating, sizeof(out->rating), "%s", v[i].rating);
		}
	quality_flags_free(&v, n);
	return found;
}

static const char *complain(struct world *w, const char *token, long long service)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", service);
	const char *p[] = { token, s };
	static char got[32];
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;

	ck_assert_msg(db_exec(w->kiosk,
			      "SELECT outcome, complaint_id FROM api.citizen_complaint_file($1,"
			      " gen_random_uuid(), 'service', $2::bigint, 'quality',"
			      " '老师多次迟到，课程内容与宣传不符。')",
			      2, p, &r, &err) == DB_OK,
		      "complaint_file: %s", err.primary);
	snprintf(got, sizeof(got), "%s", db_result_get(r, 0, 1));
	db_result_free(&r);
	return got;
}

START_TEST(flags_appear_and_go_at_the_thresholds)
{
	struct world w;
	char id[19];
	struct flag_seen f;
	struct db_error err = DB_ERROR_INIT;

	world_open(&w);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long service = service_new(&w);
	struct quality_thresholds t;
	ck_assert(db_quality_thresholds(w.desk, w.operator, & t, &err) == DB_OK);
	ck_assert_str_eq(t.rating_below, "3.0");
	ck_assert_int_eq(t.rating_min, 5);
	ck_assert_int_eq(t.rating_days, 180);
	ck_assert_int_eq(t.complaints_min, 3);
	ck_assert_int_eq(t.complaints_days, 90);
	quality_thresholds_release(&t);

	/* four reviews of 1 star: too few to judge */
	long long low[4];
	for (int i = 0; i < 4; i++)
		low[i] =
			rate_expect(&w, token, completed_booking(&w, person, service), 1, "", "ok");
	ck_assert(!flagged(&w, w.operator, false, service, &f));
	/* taken down, they no longer count; five of 3 stars average 3.0, not below */
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(moderate(&w, w.supervisor, low[i], REVIEW_TAKE_DOWN, "测试"),
				 "ok");
	for (int i = 0; i < 5; i++)
		rate_expect(&w, token, completed_booking(&w, person, service), 3, "", "ok");
	ck_assert(!flagged(&w, w.operator, false, service, &f));
	/* a sixth of 2 stars: 17/6 = 2.83, below 3.0 */
	long long two = rate_expect(&w, token, completed_booking(&w, person, service), 2, "", "ok");
	ck_assert(flagged(&w, w.operator, false, service, &f));
	ck_assert(f.low_rating);
	ck_assert(!f.many_complaints);
	ck_assert_int_eq(f.ratings, 6);
	ck_assert_str_eq(f.rating, "2.83");
	ck_assert(flagged(&w, w.supervisor, true, w.provider, &f));
	ck_assert(f.low_rating);
	/* taken down: back to 3.0 */
	ck_assert_str_eq(moderate(&w, w.supervisor, two, REVIEW_TAKE_DOWN, "测试"), "ok");
	ck_assert(!flagged(&w, w.operator, false, service, &f));
	ck_assert(!flagged(&w, w.operator, true, w.provider, &f));
	/* the window: a low review older than it does not count */
	two = rate_expect(&w, token, completed_booking(&w, person, service), 2, "", "ok");
	ck_assert(flagged(&w, w.operator, false, service, &f));
	dbtest_sql(w.admin, "BEGIN", 0, NULL);
	dbtest_sql(w.admin, "SET LOCAL session_replication_role = replica", 0, NULL);
	char two_s[24];
	snprintf(two_s, sizeof(two_s), "%lld", two);
	dbtest_sql(w.admin,
		   "UPDATE wc.review SET created_at = now() - interval '181 days' WHERE id = $1", 1,
		   (const char *const[]){ two_s });
	dbtest_sql(w.admin, "COMMIT", 0, NULL);
	ck_assert(!flagged(&w, w.operator, false, service, &f));

	/* complaints: two are not a pile, three are; the provider's count has them */
	complain(&w, token, service);
	complain(&w, token, service);
	ck_assert(!flagged(&w, w.operator, false, service, &f));
	long long third = atoll(complain(&w, token, service));
	ck_assert(flagged(&w, w.operator, false, service, &f));
	ck_assert(f.many_complaints);
	ck_assert(!f.low_rating);
	ck_assert_int_eq(f.complaints, 3);
	ck_assert(flagged(&w, w.operator, true, w.provider, &f));
	ck_assert_int_eq(f.complaints, 3);
	/* one not accepted (不予受理) does not count */
	struct db_result *r = NULL;
	char third_s[24];
	snprintf(third_s, sizeof(third_s), "%lld", third);
	ck_assert(db_exec(w.desk,
			  "SELECT outcome FROM api.complaint_act($1, gen_random_uuid(), $2::bigint,"
			  " 'reject', '不属于平台受理范围', NULL)",
			  2, (const char *const[]){ w.supervisor, third_s }, &r, &err) == DB_OK);
	ck_assert_str_eq(db_result_get(r, 0, 0), "ok");
	db_result_free(&r);
	ck_assert(!flagged(&w, w.operator, false, service, &f));
	/* one more, then the first two out of the 90 days */
	complain(&w, token, service);
	ck_assert(flagged(&w, w.operator, false, service, &f));
	char service_s[24];
	snprintf(service_s, sizeof(service_s), "%lld", service);
	dbtest_sql(w.admin,
		   "UPDATE wc.complaint SET created_at = now() - interval '91 days'"
		   " WHERE id = (SELECT min(id) FROM wc.complaint WHERE service_id = $1)",
		   1, (const char *const[]){ service_s });
	ck_assert(!flagged(&w, w.operator, false, service, &f));

	/* a counter and the bureau do not get the flags */
	struct quality_flag *v;
	int n;
	ck_assert(db_quality_flags(w.desk, w.counter, &v, &n, &err) == DB_ERR_SERVER);
	ck_assert_str_eq(err.sqlstate, "WC002");
	db_error_release(&err);
	sums_hold(&w);
	free(person);
	free(token);
	world_close(&w);
}
END_TEST

/* Reply to review as token with key (NULL: a new one); the outcome in *o. */
static const char *reply(struct world *w, const char *token, const char *key, long long review,
			 const char *body, struct db_manage_outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	char fresh[37];

	if (!key) {
		db_request_key(fresh);
		key = fresh;
	}
	ck_assert_msg(db_review_reply(w->desk, token, key, review, body, o, &err) == DB_OK,
		      "review_reply: %s", err.primary);
	return o->outcome;
}

static const char *reply_expect(struct world *w, const char *token, long long review,
				const char *body)
{
	static char got[32];
	struct db_manage_outcome o;

	snprintf(got, sizeof(got), "%s", reply(w, token, NULL, review, body, &o));
	db_manage_outcome_release(&o);
	return got;
}

/* 公开回复: the provider the review concerns answers a published review
 * once, 5 to 500 characters, none of the word list; everyone who sees the
 * review sees the reply under it. */
START_TEST(provider_replies_once)
{
	struct world w;
	char id[19], key[37], other_cc[19];
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	const char *answer = "非常抱歉，已对授课老师进行提醒，欢迎再次预约";

	world_open(&w);
	char *person = dbtest_person(w.admin, "{}", "intending", id);
	char *token = dbtest_citizen(w.kiosk, id);
	long long service = service_new(&w);
	long long review = rate_expect(&w, token, completed_booking(&w, person, service), 2,
				       "老师迟到了半小时", "ok");
	char *prov = dbtest_sign_in(w.admin, w.desk, "provider", "340104", w.provider_cc);
	dbtest_credit_code(other_cc);
	char name[64];
	snprintf(name, sizeof(name), "评价测试他家%d-%d", (int)getpid(), ++seq);
	const char *op[] = { other_cc, name };
	free(dbtest_value(w.admin,
			  "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市', '李', '0551')",
			  2, op));
	char *theirs = dbtest_sign_in(w.admin, w.desk, "provider", "340104", other_cc);

	/* only the provider the review concerns */
	const char *others[] = { w.operator, w.supervisor, w.counter };
	for (int i = 0; i < 3; i++) {
		db_request_key(key);
		ck_assert(db_review_reply(w.desk, others[i], key, review, answer, &o, &err) ==
			  DB_ERR_SERVER);
		ck_assert_str_eq(err.sqlstate, "WC002");
		db_error_release(&err);
	}
	ck_assert_str_eq(reply_expect(&w, theirs, review, answer), "not_found");
	ck_assert_str_eq(reply_expect(&w, prov, -1, answer), "not_found");
	/* its length, and nothing of the word list */
	ck_assert_str_eq(reply_expect(&w, prov, review, " "), "text_needed");
	ck_assert_str_eq(reply_expect(&w, prov, review, "抱歉抱"), "text_too_short");
	char longer[1600] = "";
	for (int i = 0; i < 501; i++)
		strcat(longer, "长");
	ck_assert_str_eq(reply_expect(&w, prov, review, longer), "text_too_long");
	char *word = first_listed_word();
	struct sbuf bad = SBUF_INIT;
	sbuf_addf(&bad, "欢迎联系我们：%s", word);
	ck_assert_str_eq(reply_expect(&w, prov, review, bad.buf), "moderation");
	sbuf_release(&bad);
	/* a held review is not public: nothing to answer */
	struct sbuf held = SBUF_INIT;
	sbuf_addf(&held, "课程一般，%s", word);
	struct db_review_outcome ro;
	ck_assert_str_eq(
		rate(&w, token, NULL, completed_booking(&w, person, service), 3, held.buf, &ro),
		"ok");
	ck_assert_str_eq(ro.status, "held");
	long long held_review = ro.review_id;
	db_review_outcome_release(&ro);
	sbuf_release(&held);
	free(word);
	ck_assert_str_eq(reply_expect(&w, prov, held_review, answer), "not_found");

	/* once, and the same key answers with the first outcome */
	db_request_key(key);
	ck_assert_str_eq(reply(&w, prov, key, review, answer, &o), "ok");
	ck_assert_str_eq(o.status, "replied");
	ck_assert(!o.replayed);
	db_manage_outcome_release(&o);
	ck_assert_str_eq(reply(&w, prov, key, review, answer, &o), "ok");
	ck_assert(o.replayed);
	db_manage_outcome_release(&o);
	ck_assert_str_eq(reply(&w, prov, key, review, "换一种说法的回复内容", &o), "key_mismatch");
	db_manage_outcome_release(&o);
	ck_assert_str_eq(reply_expect(&w, prov, review, "第二次回复的内容"), "wrong_state");
	ck_assert_int_eq(
		value_ll(&w, "SELECT count(*) FROM wc.review_reply WHERE review_id = $1", review),
		1);
	ck_assert_int_eq(value_ll(&w,
				  "SELECT count(*) FROM wc.audit WHERE action = 'review_reply'"
				  " AND object = $1::text",
				  review),
			 1);

	/* under the review on the service's page, and in the provider's list */
	struct service_review *sr;
	int n;
	ck_assert(db_service_reviews(w.kiosk, service, 0, 20, &sr, &n, &err) == DB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(sr[0].reply, answer);
	ck_assert_int_eq((int)strlen(sr[0].reply_day), 10);
	service_reviews_free(&sr, n);
	struct provider_review *pr;
	ck_assert(db_provider_reviews(w.desk, prov, 0, 200, &pr, &n, &err) == DB_OK);
	bool found = false;
	for (int i = 0; i < n; i++)
		if (pr[i].id == review) {
			ck_assert_str_eq(pr[i].reply, answer);
			found = true;
		}
	ck_assert(found);
	provider_reviews_free(&pr, n);
	/* and in the moderation queue */
	struct review_queue_row *q;
	ck_assert(db_review_queue(w.desk, w.supervisor, REVIEW_LIST_PUBLISHED, 0, 200, &q, &n,
				  &err) == DB_OK);
	found = false;
	for (int i = 0; i < n; i++)
		if (q[i].id == review) {
			ck_assert_str_eq(q[i].reply, answer);
			found = true;
		}
	ck_assert(found);
	review_queue_rows_free(&q, n);

	free(person);
	free(token);
	free(prov);
	free(theirs);
	world_close(&w);
}
END_TEST

Suite *reviews_suite(void)
{
	Suite *s = suite_create("reviews");
	TCase *rating = tcase_create("rating");
	TCase *moderation = tcase_create("moderation");
	TCase *flags = tcase_create("flags");

	tcase_set_timeout(rating, 60);
	tcase_set_timeout(moderation, 60);
	tcase_set_timeout(flags, 60);
	tcase_add_test(rating, rate_once_a_completed_booking_of_ones_own);
	tcase_add_test(rating, counter_rates_with_consent_in_its_county);
	tcase_add_test(moderation, listed_words_hold_a_review);
	tcase_add_test(moderation, take_down_hides_counts_and_reports);
	tcase_add_test(rating, provider_replies_once);
	tcase_add_test(flags, flags_appear_and_go_at_the_thresholds);
	suite_add_tcase(s, rating);
	suite_add_tcase(s, moderation);
	suite_add_tcase(s, flags);
	return s;
}
