/*
 * notices: the outbox. A booking, a voucher, a complaint's reply write
 * their notices in the same transaction; the daemon's login claims due
 * ones (marked sending, the mobile number decrypted for it alone),
 * records outcomes (retry with back-off, failed at the limit or when
 * refused); a notice whose fact no longer stands, or whose person chose
 * none, is cancelled when due. Claims run in a transaction rolled back,
 * with this test's notices put first, so the test touches no one
 * else's.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtest.h"

static int seq;

/* A provider, a service and a slot starting in days days at 09:00 China
 * time; returns the slot's id (caller frees). */
static char *slot_new(struct db_conn *admin, int days)
{
	char cc[19], name[64], code[48], d[8];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "通知测试服务商%d-%d", (int)getpid(), ++seq);
	snprintf(code, sizeof(code), "N%d-%d", (int)getpid(), seq);
	snprintf(d, sizeof(d), "%d", days);
	const char *p[] = { cc, name, code, d };
	dbtest_sql(admin,
		   "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', '0551')",
		   2, p);
	dbtest_sql(admin,
		   "SELECT wc_admin.service_add($3, $1, '创业指导一对一', 'guidance', false, false,"
		   " 0, false, '340104', '', '蜀山区', '0551', 24)"
		   " WHERE $2 <> ''",
		   3, p);
	return dbtest_value(admin,
			    "INSERT INTO wc.slot (service_id, starts_at, ends_at, capacity)"
			    " SELECT id, ((now() AT TIME ZONE 'Asia/Shanghai')::date + $1::int"
			    "              + time '09:00') AT TIME ZONE 'Asia/Shanghai',"
			    "        ((now() AT TIME ZONE 'Asia/Shanghai')::date + $1::int"
			    "              + time '11:00') AT TIME ZONE 'Asia/Shanghai', 5"
			    " FROM wc.service WHERE code = $2 RETURNING id::text",
			    2, (const char *const[]){ d, code });
}

/* Book the slot for the person through wc.booking_place, as both
 * booking calls do; returns the booking's id (caller frees). */
static char *book(struct db_conn *admin, const char *person, const char *slot)
{
	const char *p[] = { person, slot };
	return dbtest_value(admin,
			    "SELECT (wc.booking_place(wc.person_lock($1::bigint), $2::bigint,"
			    " NULL, NULL, NULL, NULL, false)).booking_id::text",
			    2, p);
}

static char *notice_of(struct db_conn *admin, const char *kind, const char *subject)
{
	const char *p[] = { kind, subject };
	return dbtest_value(admin,
			    "SELECT coalesce((SELECT id::text FROM wc.notice"
			    " WHERE kind = $1 AND subject_id = $2::bigint), 'none')",
			    2, p);
}

/* Every kind the daemon sends when its file has every template. */
#define ALL_KINDS                                                                      \
	"{booking_confirmed,booking_reminder,waitlist_seat,voucher_expiring,"          \
	"complaint_replied,complaint_material,policy_new,complaint_forwarded}"

/* Within the caller's transaction: this notice first, then
 * api.notice_claim for the kinds given (an array's text); how many of
 * the claimed are it, its mobile and attempts. */
static int claim_mine_of(struct db_conn *admin, const char *id, int lease, const char *kinds,
			 char mobile[16], int *attempts)
{
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;
	const char *p[] = { id };
	char l[12];
	int found = 0;

	snprintf(l, sizeof(l), "%d", lease);
	dbtest_sql(admin, "UPDATE wc.notice SET due_at = now() - interval '10 years' WHERE id = $1",
		   1, p);
	const char *q[] = { l, kinds };
	ck_assert_int_eq(db_exec(admin, "SELECT id::text, mobile, attempts::text"
					 " FROM api.notice_claim(100, $1::int, $2::text[])",
				 2, q, &r, &err),
			 DB_OK);
	for (int i = 0; i < db_result_rows(r); i++) {
		if (strcmp(db_result_get(r, i, 0), id) != 0)
			continue;
		found++;
		snprintf(mobile, 16, "%s", db_result_get(r, i, 1));
		*attempts = atoi(db_result_get(r, i, 2));
	}
	db_result_free(&r);
	return found;
}

static int claim_mine(struct db_conn *admin, const char *id, int lease, char mobile[16],
		      int *attempts)
{
	return claim_mine_of(admin, id, lease, ALL_KINDS, mobile, attempts);
}

static struct db_conn *notify_login(struct db_conn *admin)
{
	return dbtest_terminal(admin, "notify", NULL);
}

START_TEST(booking_writes_confirmation_and_reminder)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19];
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	char *slot = slot_new(admin, 3);
	char *booking = book(admin, person, slot);
	char *n = notice_of(admin, "booking_confirmed", booking);
	ck_assert_str_ne(n, "none");
	const char *p[] = { n };
	char *params = dbtest_value(
		admin,
		"SELECT (params ? 'no') AND (params->>'service') = '创业指导一对一'"
		" AND (params->>'time') LIKE '%日 09:00' AND state = 'pending'"
		" AND due_at <= now() FROM wc.notice WHERE id = $1",
		1, p);
	ck_assert_str_eq(params, "t");
	/* no ID number, whole or masked, travels in a notice */
	const char *q[] = { n, id_number };
	char *clean = dbtest_value(admin,
				   "SELECT NOT (params::text LIKE '%' || right($2, 4) || '%')"
				   " FROM wc.notice WHERE id = $1",
				   2, q);
	ck_assert_str_eq(clean, "t");
	char *r = notice_of(admin, "booking_reminder", booking);
	ck_assert_str_ne(r, "none");
	const char *rp[] = { r };
	char *due = dbtest_value(admin,
				 "SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI')"
				 " || ' ' || ((due_at AT TIME ZONE 'Asia/Shanghai')::date"
				 "  - (now() AT TIME ZONE 'Asia/Shanghai')::date)"
				 " FROM wc.notice WHERE id = $1",
				 1, rp);
	ck_assert_str_eq(due, "10:00 2"); /* the day before a slot in 3 days, at ten */
	free(due);
	free(r);
	free(clean);
	free(params);
	free(n);
	free(booking);
	free(slot);
	free(person);
	db_conn_free(&admin);
}
END_TEST

/* A claim marks its notices sending and gives the daemon the mobile
 * number. Only of the kinds the daemon has a template for: one left out
 * (an old file after an upgrade brought a new kind) stays pending, and
 * does not wake the daemon, until its kind is sent. */
START_TEST(claim_marks_sending_and_gives_the_mobile)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19], mobile[16] = "";
	int attempts = 0;
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	char *slot = slot_new(admin, 3);
	char *booking = book(admin, person, slot);
	char *n = notice_of(admin, "booking_confirmed", booking);
	const char *p[] = { n };

	dbtest_sql(admin, "BEGIN", 0, NULL);
	/* its kind left out: not claimed, still pending, nothing to wake for */
	ck_assert_int_eq(claim_mine_of(admin, n, 60, "{booking_reminder,complaint_replied}", mobile,
				       &attempts),
			 0);
	char *left = dbtest_value(admin,
				  "SELECT state || ' ' || attempts FROM wc.notice WHERE id = $1", 1,
				  p);
	ck_assert_str_eq(left, "pending 0");
	free(left);
	char *none = dbtest_value(admin,
				  "SELECT coalesce(api.notice_next_due('{}')"
				  " > now() - interval '9 years', true)::text",
				  0, NULL);
	ck_assert_str_eq(none, "true");
	free(none);
	char *due = dbtest_value(admin,
				 "SELECT (api.notice_next_due('{booking_confirmed}')"
				 " < now() - interval '9 years')::text",
				 0, NULL);
	ck_assert_str_eq(due, "true");
	free(due);
	/* its kind sent: claimed, sending, first attempt, the number in full */
	ck_assert_int_eq(claim_mine_of(admin, n, 60, "{booking_confirmed}", mobile, &attempts), 1);
	ck_assert_str_eq(mobile, "13912345678");
	ck_assert_int_eq(attempts, 1);
	char *st = dbtest_value(admin, "SELECT state FROM wc.notice WHERE id = $1", 1, p);
	ck_assert_str_eq(st, "sending");
	free(st);
	/* still sending within the lease: not claimed again */
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 0);
	/* the daemon died mid-call: after the lease, claimed again, same id */
	dbtest_sql(admin, "UPDATE wc.notice SET tried_at = now() - interval '2 minutes' WHERE id = $1",
		   1, p);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 1);
	ck_assert_int_eq(attempts, 2);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	free(n);
	free(booking);
	free(slot);
	free(person);
	db_conn_free(&admin);
}
END_TEST

/* The daemon's login may claim and record, and nothing else. */
START_TEST(notify_login_reaches_only_the_outbox)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *notify = notify_login(admin);
	struct db_error err = DB_ERROR_INIT;

	db_exec(notify, "BEGIN", 0, NULL, NULL, NULL);
	ck_assert_int_eq(db_exec(notify, "SELECT count(*) FROM api.notice_claim(1, 60, '{}')", 0,
				 NULL, NULL, &err),
			 DB_OK);
	db_exec(notify, "ROLLBACK", 0, NULL, NULL, NULL);
	ck_assert_int_eq(db_exec(notify, "SELECT api.notice_next_due('{}')", 0, NULL, NULL, &err),
			 DB_OK);
	ck_assert_int_eq(db_exec(notify, "SELECT count(*) FROM wc.notice", 0, NULL, NULL, &err),
			 DB_ERR_DENIED);
	db_error_release(&err);
	ck_assert_int_eq(db_exec(notify, "SELECT count(*) FROM wc.person", 0, NULL, NULL, &err),
			 DB_ERR_DENIED);
	db_error_release(&err);
	ck_assert_int_eq(db_exec(notify, "SELECT * FROM api.person_get('x', 1)", 0, NULL, NULL,
				 &err),
			 DB_ERR_DENIED);
	db_error_release(&err);
	ck_assert_int_eq(db_exec(notify, "SELECT api.person_notices_off('x', 1)", 0, NULL, NULL,
				 &err),
			 DB_ERR_DENIED);
	db_error_release(&err);
	db_conn_free(&notify);
	db_conn_free(&admin);
}
END_TEST

/* claim, then record outcome; the state after */
static char *claim_and_record(struct db_conn *admin, const char *n, const char *outcome)
{
	char mobile[16];
	int attempts;
	const char *p[] = { n, outcome };

	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 1);
	return dbtest_value(admin, "SELECT api.notice_record($1::bigint, $2, 'HTTP 500', 30)", 2,
			    p);
}

START_TEST(retry_backs_off_then_fails_at_the_limit)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19];
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	char *slot = slot_new(admin, 3);
	char *booking = book(admin, person, slot);
	char *n = notice_of(admin, "booking_confirmed", booking);
	const char *p[] = { n };

	dbtest_sql(admin, "BEGIN", 0, NULL);
	for (int i = 1; i <= 5; i++) {
		char *st = claim_and_record(admin, n, "retry");
		ck_assert_str_eq(st, i < 5 ? "pending" : "failed");
		if (i < 5) {
			/* again after 30 s doubled per attempt so far */
			char *wait = dbtest_value(
				admin,
				"SELECT round(extract(epoch FROM due_at - now()))::text FROM wc.notice"
				" WHERE id = $1",
				1, p);
			ck_assert_int_eq(atoi(wait), 30 << (i - 1));
			free(wait);
		}
		free(st);
	}
	char *tries = dbtest_value(admin,
				   "SELECT count(*)::text || ' ' || max(attempts)::text"
				   " FROM wc.notice_attempt a JOIN wc.notice n ON n.id = a.notice_id"
				   " WHERE n.id = $1",
				   1, p);
	ck_assert_str_eq(tries, "5 5");
	free(tries);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);

	/* a refusal for good fails at once; a sent one is sent */
	dbtest_sql(admin, "BEGIN", 0, NULL);
	char *st = claim_and_record(admin, n, "refused");
	ck_assert_str_eq(st, "failed");
	free(st);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	dbtest_sql(admin, "BEGIN", 0, NULL);
	st = claim_and_record(admin, n, "sent");
	ck_assert_str_eq(st, "sent");
	free(st);
	/* recorded twice (a daemon's second word): left as it is */
	const char *q[] = { n };
	st = dbtest_value(admin, "SELECT api.notice_record($1::bigint, 'retry', '', 30)", 1, q);
	ck_assert_str_eq(st, "sent");
	free(st);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	free(n);
	free(booking);
	free(slot);
	free(person);
	db_conn_free(&admin);
}
END_TEST

START_TEST(void_when_due_cancelled_or_chose_none)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19], mobile[16];
	int attempts;
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	char *slot = slot_new(admin, 3);
	char *booking = book(admin, person, slot);
	char *n = notice_of(admin, "booking_confirmed", booking);
	const char *p[] = { n }, *b[] = { booking }, *pp[] = { person };

	/* the booking cancelled before the notice went: cancelled, not sent */
	dbtest_sql(admin, "BEGIN", 0, NULL);
	dbtest_sql(admin, "UPDATE wc.booking SET status = 'cancelled' WHERE id = $1", 1, b);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 0);
	char *st = dbtest_value(admin, "SELECT state || ': ' || answer FROM wc.notice WHERE id = $1",
				1, p);
	ck_assert_str_eq(st, "cancelled: booking no longer open");
	free(st);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);

	/* the person chose none */
	dbtest_sql(admin, "BEGIN", 0, NULL);
	dbtest_sql(admin, "UPDATE wc.person SET notices_off = true WHERE id = $1", 1, pp);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 0);
	st = dbtest_value(admin, "SELECT state || ': ' || answer FROM wc.notice WHERE id = $1", 1,
			  p);
	ck_assert_str_eq(st, "cancelled: person chose no notices");
	free(st);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	free(n);
	free(booking);
	free(slot);
	free(person);
	db_conn_free(&admin);
}
END_TEST

/* A voucher issued writes its expiry notice, thirty days before its last
 * day at ten; one with money left then is sent, a used-up one is not. */
START_TEST(voucher_notice_while_money_left)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19], mobile[16];
	int attempts;
	char *person = dbtest_person(admin, "{graduate}", "intending", id_number);
	char code[32];

	snprintf(code, sizeof(code), "PN%d-%d", (int)getpid(), ++seq);
	const char *g[] = { code, person };
	dbtest_sql(admin,
		   "SELECT wc_admin.programme_add($1, '通知测试券', 100000, 12, '{guidance}',"
		   " '{graduate}', 'intending', '') WHERE $2 <> ''",
		   2, g);
	dbtest_sql(admin, "SELECT wc_admin.budget_set($1, '340104', 1000000) WHERE $2 <> ''", 2, g);
	char no[48];
	snprintf(no, sizeof(no), "QN%s", person);
	char *v = dbtest_voucher_issued(admin, code, person, "340104", 200, no);
	const char *vp[] = { v };
	dbtest_sql(admin, "SELECT wc.notice_voucher($1::bigint)", 1, vp);
	char *n = notice_of(admin, "voucher_expiring", v);
	ck_assert_str_ne(n, "none");
	const char *p[] = { n };
	char *due = dbtest_value(admin,
				 "SELECT (due_at = wc.notice_morning(wc.today() + 170))::text"
				 " FROM wc.notice WHERE id = $1",
				 1, p);
	ck_assert_str_eq(due, "true");
	free(due);
	dbtest_sql(admin, "BEGIN", 0, NULL);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 1);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	dbtest_sql(admin, "BEGIN", 0, NULL);
	dbtest_sql(admin, "UPDATE wc.voucher SET balance_fen = 0 WHERE id = $1", 1, vp);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 0);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	free(n);
	free(v);
	free(person);
	db_conn_free(&admin);
}
END_TEST

/* A waiting-list seat given is its own kind; a complaint's reply and a
 * question for material each write theirs, a note does not. */
START_TEST(waitlist_seat_and_complaint_steps)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19];
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	char *slot = slot_new(admin, 3);
	const char *p[] = { person, slot };
	char *booking = dbtest_value(admin,
				     "SELECT (wc.booking_place(wc.person_lock($1::bigint), $2::bigint,"
				     " NULL, NULL, NULL, NULL, true)).booking_id::text",
				     2, p);
	char *seat = notice_of(admin, "waitlist_seat", booking);
	char *confirmed = notice_of(admin, "booking_confirmed", booking);
	ck_assert_str_ne(seat, "none");
	ck_assert_str_eq(confirmed, "none");

	char *c = dbtest_value(admin,
			       "SELECT (wc.complaint_file(wc.person_lock($1::bigint), NULL, NULL,"
			       " gen_random_uuid(), 'platform', NULL, 'quality', '窗口答复太慢')).complaint_id::text"
			       " WHERE $2 <> ''",
			       2, p);
	const char *cp[] = { c };
	static const char *const steps[][4] = {
		{ "note", "submitted", "f", "内部记录" },
		{ "request_info", "waiting", "t", "请补充合同复印件" },
		{ "reply", "replied", "t", "已处理" },
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		const char *sp[] = { c, steps[i][0], steps[i][1], steps[i][2], steps[i][3] };
		dbtest_sql(admin,
			   "SELECT wc.complaint_step(c, NULL, $2, $3, $4::boolean, $5, NULL, NULL,"
			   " gen_random_uuid()) FROM wc.complaint c WHERE c.id = $1::bigint",
			   5, sp);
	}
	char *kinds = dbtest_value(admin,
			     "SELECT string_agg(n.kind || ':' || (n.params->>'no' = c.no)::text, ' '"
			     "                  ORDER BY n.id)"
			     " FROM wc.notice n JOIN wc.complaint_event e ON e.id = n.subject_id"
			     " JOIN wc.complaint c ON c.id = e.complaint_id"
			     " WHERE c.id = $1::bigint AND n.kind LIKE 'complaint%'",
			     1, cp);
	ck_assert_str_eq(kinds, "complaint_material:true complaint_replied:true");
	free(kinds);
	free(c);
	free(seat);
	free(confirmed);
	free(booking);
	free(slot);
	free(person);
	db_conn_free(&admin);
}
END_TEST

/* A policy published in 蜀山区 for graduates; returns its id (caller
 * frees). Its title is longer than a template variable takes. */
static char *policy_published(struct db_conn *admin, const char *expires)
{
	char code[48];

	snprintf(code, sizeof(code), "PN%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	const char *p[] = { code, expires };
	char *done = dbtest_value(
		admin,
		"SELECT wc_admin.policy_import($1, '蜀山区高校毕业生自主创业一次性创业补贴实施细则（试行）',"
		" '', '蜀山区人社局', '340104', '2020-01-01', $2::date, 'subsidy', 5000, '{graduate}',"
		" '{}', NULL, NULL, NULL, NULL, '', '', false, '', '')",
		2, p);
	ck_assert_str_eq(done, "inserted");
	free(done);
	return dbtest_value(admin, "SELECT id::text FROM wc.policy WHERE code = $1", 1, p);
}

static int policy_notices_of(struct db_conn *admin, const char *policy, const char *person)
{
	const char *p[] = { policy, person };
	char *n = dbtest_value(admin,
			       "SELECT count(*)::text FROM wc.notice WHERE kind = 'policy_new'"
			       " AND subject_id = $1::bigint AND person_id = $2::bigint",
			       2, p);
	int count = atoi(n);
	free(n);
	return count;
}

/* The morning come for the policy's notices: the claims' chunks written
 * until its area is walked (as the daemon's claims would, one a call). */
static void policy_morning(struct db_conn *admin, const char *policy)
{
	const char *p[] = { policy };
	dbtest_sql(admin,
		   "UPDATE wc.notice_fanout SET due_at = now() - interval '1 minute'"
		   " WHERE policy_id = $1::bigint",
		   1, p);
	for (int i = 0; i < 1000; i++) {
		dbtest_sql(admin, "SELECT wc.notice_fanout_step()", 0, NULL);
		char *done = dbtest_value(admin,
					  "SELECT (done_at IS NOT NULL)::text FROM wc.notice_fanout"
					  " WHERE policy_id = $1::bigint",
					  1, p);
		bool stop = strcmp(done, "true") == 0;
		free(done);
		if (stop)
			return;
	}
	ck_abort_msg("the notices of policy %s were never all written", policy);
}

/* A policy published: nothing sent at once, but the next morning one
 * notice for each person of its area it may fit, with the title cut to
 * fit a template variable; none for a person of other groups or one who
 * chose none; a change of the policy, or the walk run again, writes no
 * second one. */
START_TEST(policy_published_tells_the_people_it_may_fit)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19];
	char *fits = dbtest_person(admin, "{graduate}", "intending", id_number);
	char *other = dbtest_person(admin, "{veteran}", "intending", id_number);
	char *off = dbtest_person(admin, "{graduate}", "intending", id_number);
	const char *op[] = { off };
	dbtest_sql(admin, "UPDATE wc.person SET notices_off = true WHERE id = $1", 1, op);

	char *policy = policy_published(admin, "2099-12-31");
	const char *pp[] = { policy };
	char *due = dbtest_value(admin,
				 "SELECT (due_at = wc.notice_morning(wc.today() + 1))::text"
				 " FROM wc.notice_fanout WHERE policy_id = $1::bigint",
				 1, pp);
	ck_assert_str_eq(due, "true");
	free(due);
	ck_assert_int_eq(policy_notices_of(admin, policy, fits), 0);
	policy_morning(admin, policy);
	ck_assert_int_eq(policy_notices_of(admin, policy, fits), 1);
	ck_assert_int_eq(policy_notices_of(admin, policy, other), 0);
	ck_assert_int_eq(policy_notices_of(admin, policy, off), 0);
	const char *p[] = { policy, fits };
	char *shape = dbtest_value(
		admin,
		"SELECT (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(params) k)"
		" || ' ' || (params->>'title') || ' ' || state"
		" FROM wc.notice WHERE kind = 'policy_new' AND subject_id = $1::bigint"
		" AND person_id = $2::bigint",
		2, p);
	ck_assert_str_eq(shape, "title 蜀山区高校毕业生自主创业一次性创业补贴… pending");
	free(shape);

	/* changed and saved again: not a new policy; walked again: no second */
	dbtest_sql(admin,
		   "SELECT wc_admin.policy_import(code, title, doc_no, issuer, region, effective_on,"
		   " expires_on, kind, 6000, groups, entities, NULL, NULL, NULL, NULL, '', '', false,"
		   " '', '') FROM wc.policy WHERE id = $1::bigint AND $2 <> ''",
		   2, p);
	dbtest_sql(admin,
		   "UPDATE wc.notice_fanout SET done_at = NULL, county = NULL, after_person = 0"
		   " WHERE policy_id = $1::bigint",
		   1, pp);
	policy_morning(admin, policy);
	ck_assert_int_eq(policy_notices_of(admin, policy, fits), 1);
	free(policy);
	free(off);
	free(other);
	free(fits);
	db_conn_free(&admin);
}
END_TEST

/* A policy withdrawn (its last day moved before today) before its
 * morning: no notice written; after its notices were written but before
 * one went: that one cancelled when claimed, not sent. */
START_TEST(policy_withdrawn_before_due_is_cancelled)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19], mobile[16];
	int attempts;
	char *person = dbtest_person(admin, "{graduate}", "intending", id_number);
	char *policy = policy_published(admin, "2099-12-31");
	const char *p[] = { policy, person };
	static const char withdraw[] =
		"SELECT wc_admin.policy_import(code, title, doc_no, issuer, region, effective_on,"
		" wc.today() - 1, kind, max_yuan, groups, entities, NULL, NULL, NULL, NULL, '',"
		" '', false, '', '') FROM wc.policy WHERE id = $1::bigint AND $2 <> ''";

	dbtest_sql(admin, "BEGIN", 0, NULL);
	dbtest_sql(admin, withdraw, 2, p);
	policy_morning(admin, policy);
	ck_assert_int_eq(policy_notices_of(admin, policy, person), 0);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);

	policy_morning(admin, policy);
	char *n = dbtest_value(admin,
			       "SELECT id::text FROM wc.notice WHERE kind = 'policy_new'"
			       " AND subject_id = $1::bigint AND person_id = $2::bigint",
			       2, p);
	const char *np[] = { n };
	dbtest_sql(admin, "BEGIN", 0, NULL);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 1);
	ck_assert_str_eq(mobile, "13912345678");
	dbtest_sql(admin, "ROLLBACK", 0, NULL);

	dbtest_sql(admin, "BEGIN", 0, NULL);
	dbtest_sql(admin, withdraw, 2, p);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 0);
	char *st = dbtest_value(admin, "SELECT state || ': ' || answer FROM wc.notice WHERE id = $1",
				1, np);
	ck_assert_str_eq(st, "cancelled: policy withdrawn or expired");
	free(st);
	dbtest_sql(admin, "ROLLBACK", 0, NULL);
	free(n);
	free(policy);
	free(person);
	db_conn_free(&admin);
}
END_TEST

/* A provider with a mobile number and a service; returns the service's
 * id (caller frees). */
static char *provider_service(struct db_conn *admin, const char *phone, char cc[19])
{
	char name[64], code[48];

	dbtest_credit_code(cc);
	snprintf(name, sizeof(name), "转办通知服务商%d-%u-%d", (int)getpid(), dbtest_salt(), ++seq);
	snprintf(code, sizeof(code), "NF%d-%u-%d", (int)getpid(), dbtest_salt(), seq);
	const char *p[] = { cc, name, phone, code };
	dbtest_sql(admin,
		   "SELECT wc_admin.provider_add($1, $2, '340104', '合肥市蜀山区', '李', $3)", 3, p);
	return dbtest_value(admin,
			    "SELECT wc_admin.service_add($4, $1, '创业指导', 'guidance', false,"
			    " false, 0, false, '340104', '', '蜀山区', '0551', 24)::text"
			    " WHERE $2 <> '' AND $3 <> ''",
			    4, p);
}

/* A complaint about the service, accepted and forwarded to its provider
 * by a supervisor; returns the outcome and the forwarding's id as
 * "ok 123" (caller frees). */
static char *forwarded(struct db_conn *admin, const char *person, const char *service)
{
	struct db_conn *desk = dbtest_terminal(admin, "staff", NULL);
	char *token = dbtest_sign_in(admin, desk, "supervisor", "340000", NULL);
	/* the complainant's name and number in the text: never in the SMS */
	const char *p[] = { person, service, "张晓明反映：老师迟到一小时，电话13912345678" };
	char *c = dbtest_value(admin,
			       "SELECT (wc.complaint_file(wc.person_lock($1::bigint), NULL, NULL,"
			       " gen_random_uuid(), 'service', $2::bigint, 'quality', $3)).complaint_id::text",
			       3, p);
	const char *cp[] = { c };
	dbtest_sql(admin,
		   "SELECT wc.complaint_step(c, NULL, 'accept', 'accepted', true, '', NULL, NULL,"
		   " gen_random_uuid()) FROM wc.complaint c WHERE c.id = $1::bigint",
		   1, cp);
	const char *fp[] = { token, c };
	char *got = dbtest_value(desk,
				 "SELECT outcome || ' ' || coalesce(forward_id::text, '')"
				 " FROM api.complaint_forward($1, gen_random_uuid(), $2::bigint,"
				 " 'provider', 5, '请核实并说明情况')",
				 2, fp);
	free(c);
	free(token);
	db_conn_free(&desk);
	return got;
}

/* A complaint forwarded to a provider: an SMS to the provider's mobile
 * with the complaint's number and the day its answer is due, nothing of
 * the complainant; none for a provider whose number is not a mobile. */
START_TEST(forwarding_tells_the_provider)
{
	struct db_conn *admin = dbtest_admin();
	char id_number[19], cc[19], mobile[16];
	int attempts;
	char *person = dbtest_person(admin, "{}", "intending", id_number);
	char *service = provider_service(admin, "13700001234", cc);
	char *got = forwarded(admin, person, service);
	ck_assert_msg(strncmp(got, "ok ", 3) == 0, "%s", got);
	char *n = notice_of(admin, "complaint_forwarded", got + 3);
	ck_assert_str_ne(n, "none");
	const char *np[] = { n, id_number };
	char *shape = dbtest_value(
		admin,
		"SELECT (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(n.params) k)"
		" || ' ' || (n.params->>'no' = c.no)::text"
		" || ' ' || (n.params->>'until' = to_char(wc.workdays_after(f.day, f.limit_days),"
		"                                       'YYYY\"年\"MM\"月\"DD\"日\"'))::text"
		" || ' ' || (n.person_id IS NULL)::text"
		" || ' ' || (n.params::text NOT LIKE '%张%' AND n.params::text NOT LIKE '%5678%'"
		"            AND n.params::text NOT LIKE '%' || right($2, 4) || '%')::text"
		" FROM wc.notice n JOIN wc.complaint_forward f ON f.id = n.subject_id"
		" JOIN wc.complaint c ON c.id = f.complaint_id WHERE n.id = $1::bigint",
		2, np);
	ck_assert_str_eq(shape, "no,until true true true true");
	free(shape);
	dbtest_sql(admin, "BEGIN", 0, NULL);
	ck_assert_int_eq(claim_mine(admin, n, 60, mobile, &attempts), 1);
	ck_assert_str_eq(mobile, "13700001234");
	dbtest_sql(admin, "ROLLBACK", 0, NULL);

	/* a landline: no SMS can reach it */
	char *landline = provider_service(admin, "0551-65881234", cc);
	char *got2 = forwarded(admin, person, landline);
	ck_assert_msg(strncmp(got2, "ok ", 3) == 0, "%s", got2);
	char *none = notice_of(admin, "complaint_forwarded", got2 + 3);
	ck_assert_str_eq(none, "none");
	free(none);
	free(got2);
	free(landline);
	free(n);
	free(got);
	free(service);
	free(person);
	db_conn_free(&admin);
}
END_TEST

Suite *notices_suite(void)
{
	Suite *s = suite_create("notices");
	TCase *tc = tcase_create("outbox");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, booking_writes_confirmation_and_reminder);
	tcase_add_test(tc, claim_marks_sending_and_gives_the_mobile);
	tcase_add_test(tc, notify_login_reaches_only_the_outbox);
	tcase_add_test(tc, retry_backs_off_then_fails_at_the_limit);
	tcase_add_test(tc, void_when_due_cancelled_or_chose_none);
	tcase_add_test(tc, voucher_notice_while_money_left);
	tcase_add_test(tc, waitlist_seat_and_complaint_steps);
	tcase_add_test(tc, policy_published_tells_the_people_it_may_fit);
	tcase_add_test(tc, policy_withdrawn_before_due_is_cancelled);
	tcase_add_test(tc, forwarding_tells_the_provider);
	suite_add_tcase(s, tc);
	return s;
}
