/*
 * matrix: every api function, called by every role and by a kiosk, is
 * allowed or refused exactly as this table says. A function the table
 * does not list fails the test, so each new function gets its row.
 * "Refused" is SQLSTATE WC002 (the role) or 42501 (the terminal's group);
 * anything else, a business refusal included, means the call got in.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"

enum { R_COUNTER, R_OPERATOR, R_SUPERVISOR, R_BUREAU, R_PROVIDER, R_ADMIN, R_N };

static const char *const role_names[R_N] = { "counter", "operator", "supervisor",
					     "bureau",	"provider", "admin" };
static const char *const role_regions[R_N] = { "340104", "340000", "340000",
					       "340000", "340104", "340000" };

/* $1 the caller's token, $2 a person's id, $3 an ID number, $4 a mobile
 * number: numbers travel as parameters, as the program sends them, so a
 * refused call's statement in the server's log holds none (a call that
 * takes $3 names $2 too, in a WHERE that is always true, so that every
 * parameter sent has a type). */
static const struct {
	const char *signature; /* as regprocedure prints it */
	const char *call;
	const char *staff; /* roles allowed, as letters: c o s b p a; "*" all */
	bool kiosk; /* a kiosk's login may call it (with its own token) */
} matrix[] = {
	{ "api.terminal_info(text)", "SELECT * FROM api.terminal_info()", "*", true },
	{ "api.regions()", "SELECT count(*) FROM api.regions()", "*", true },
	/* asked at connect, before anyone signs in */
	{ "api.version_check(text)", "SELECT * FROM api.version_check('0.1.0')", "*", true },
	{ "api.person_categories()", "SELECT count(*) FROM api.person_categories()", "*", true },
	/* Art. 15: policies are free to everyone, signed in or not */
	{ "api.policy_kinds()", "SELECT count(*) FROM api.policy_kinds()", "*", true },
	{ "api.policy_search(text,text,text,text,boolean,text,integer)",
	  "SELECT count(*) FROM api.policy_search('贷款', NULL, NULL, NULL, false, NULL, 5)", "*",
	  true },
	{ "api.policy_match_record(text,integer)",
	  "SELECT api.policy_match_record('340104', 1)", "*", true },
	{ "api.policy_get(bigint)", "SELECT count(*) FROM api.policy_get(1)", "*", true },
	{ "api.policies_in_force(text)", "SELECT count(*) FROM api.policies_in_force('340104')",
	  "*", true },
	{ "api.policy_changes(text,timestamp with time zone)",
	  "SELECT count(*) FROM api.policy_changes('340104', now())", "*", true },
	{ "api.staff_login(text,text,text)", "SELECT * FROM api.staff_login('nobody', 'x')", "*",
	  false },
	{ "api.staff_logout(text)", "SELECT api.staff_logout('not-a-token')", "*", false },
	{ "api.staff_whoami(text)", "SELECT * FROM api.staff_whoami($1)", "*", false },
	{ "api.staff_change_password(text,text,text)",
	  "SELECT api.staff_change_password($1, 'wrong-current', 'Another-pass-2026')", "*",
	  false },
	{ "api.person_register(text,text,text,text,text,text,text[],text,text,text,text,text,date,"
	  "text)",
	  "SELECT api.person_register($1, $3, '某', $4, '340104',"
	  " '340104', '{}', NULL, 'intending', NULL, NULL, NULL, NULL, NULL) WHERE $2::bigint > 0",
	  "c", false },
	{ "api.person_set_pin(text,bigint,text)", "SELECT api.person_set_pin($1, $2::bigint, '1')",
	  "c", false },
	{ "api.person_id_check(text,text)",
	  "SELECT * FROM api.person_id_check($1, $3) WHERE $2::bigint > 0", "c", false },
	{ "api.person_find(text,text,text,text)",
	  "SELECT count(*) FROM api.person_find($1, $3, NULL, NULL) WHERE $2::bigint > 0", "cosb",
	  false },
	{ "api.person_get(text,bigint)", "SELECT * FROM api.person_get($1, $2::bigint)", "cosb",
	  false },
	{ "api.person_reveal(text,bigint)", "SELECT * FROM api.person_reveal($1, $2::bigint)", "c",
	  false },
	{ "api.person_update(text,bigint,text,text,text,text,text,text)",
	  "SELECT api.person_update($1, $2::bigint, '', NULL, '340104', '340104', NULL, 'x')", "c",
	  false },
	{ "api.person_set_organisation(text,bigint,text,text,text,date,text)",
	  "SELECT api.person_set_organisation($1, $2::bigint, '91340000711771143J', 'x', "
	  "'individual_business', '2024-01-01', NULL)",
	  "c", false },
	{ "api.person_set_categories(text,bigint,text[])",
	  "SELECT api.person_set_categories($1, $2::bigint, '{}')", "c", false },
	{ "api.audit_list(text,text,date,bigint,integer)",
	  "SELECT count(*) FROM api.audit_list($1, NULL, NULL, NULL, 1)", "sba", false },
	/* Art. 30: the kept security reports, for the supervisor and the bureau */
	/* figures: the province-wide roles any area, a counter its own */
	{ "api.figures(text,text,date,text)",
	  "SELECT count(*) FROM api.figures($1, 'month', '2026-03-01', '340104')", "cosb", false },
	{ "api.figures_export(text,text,date,text)",
	  "SELECT count(*) FROM api.figures_export($1, 'month', '2026-03-01', '340104')", "cosb",
	  false },
	{ "api.figure_months(text,date,text)",
	  "SELECT count(*) FROM api.figure_months($1, '2026-03-01', '340104')", "cosb", false },
	{ "api.figure_rows(text,text,text,date,text)",
	  "SELECT count(*) FROM api.figure_rows($1, 'bookings_made', 'month', '2026-03-01',"
	  " '340104')",
	  "cosb", false },
	/* 年度运营绩效评价: targets the bureau's, the evaluation the supervisor's,
	 * read by both (the bureau once issued: a business refusal before) */
	{ "api.evaluation_targets(text,integer)",
	  "SELECT count(*) FROM api.evaluation_targets($1, 2001)", "sb", false },
	{ "api.evaluation_target_set(text,integer,text,numeric)",
	  "SELECT api.evaluation_target_set($1, 2001, 'registrations', 10)", "b", false },
	{ "api.evaluation(text,integer,text)",
	  "SELECT count(*) FROM api.evaluation($1, 2001, '340104')", "sb", false },
	{ "api.evaluation_export(text,integer,text)",
	  "SELECT count(*) FROM api.evaluation_export($1, 2001, '340104')", "sb", false },
	{ "api.evaluation_remark(text,integer,text,text,text)",
	  "SELECT api.evaluation_remark($1, 2001, '340104', 'registrations', '')", "s", false },
	/* without a conclusion: refused for that, after the role is let in */
	{ "api.evaluation_issue(text,uuid,integer,text)",
	  "SELECT * FROM api.evaluation_issue($1, gen_random_uuid(), 2001, '340104')", "s", false },
	/* 服务商考核 (Art. 24): the operator, the supervisor and the bureau
	 * read; the operator writes the remarks */
	{ "api.provider_assessment(text,integer,text)",
	  "SELECT count(*) FROM api.provider_assessment($1, 2025, '340104')", "osb", false },
	{ "api.provider_assessment_export(text,integer,text)",
	  "SELECT count(*) FROM api.provider_assessment_export($1, 2025, '340104')", "osb", false },
	{ "api.provider_assessment_remark(text,integer,bigint,text)",
	  "SELECT api.provider_assessment_remark($1, 2025, -1, '')", "o", false },
	{ "api.provider_assessment_thresholds(text)",
	  "SELECT * FROM api.provider_assessment_thresholds($1)", "osb", false },
	{ "api.provider_assessment_state(text,integer,text)",
	  "SELECT * FROM api.provider_assessment_state($1, 2025, '340104')", "osb", false },
	/* a year not begun: refused for that, after the role is let in */
	{ "api.provider_assessment_issue(text,uuid,integer,text)",
	  "SELECT * FROM api.provider_assessment_issue($1, gen_random_uuid(), 2999, '340104')", "o",
	  false },
	/* out of range: refused for that (WC072), after the role is let in */
	{ "api.provider_assessment_thresholds_set(text,numeric,numeric,numeric)",
	  "SELECT api.provider_assessment_thresholds_set($1, 101, 4, 90)", "b", false },
	/* 资金对账: the supervisor and the bureau any area, a counter its own */
	{ "api.settlement(text,text,date,text,boolean)",
	  "SELECT count(*) FROM api.settlement($1, 'month', '2026-03-01', '340104', false)", "csb",
	  false },
	{ "api.settlement_rows(text,text,bigint,bigint,text,date,text)",
	  "SELECT count(*) FROM api.settlement_rows($1, 'repeat_person', 0, 0, 'month',"
	  " '2026-03-01', '340104')",
	  "csb", false },
	/* the counter's worklist: its own county's, the counter alone */
	{ "api.counter_worklist(text)", "SELECT count(*) FROM api.counter_worklist($1)", "c", false },
	{ "api.counter_bookings_to_close(text)",
	  "SELECT count(*) FROM api.counter_bookings_to_close($1)", "c", false },
	{ "api.counter_vouchers_expiring(text)",
	  "SELECT count(*) FROM api.counter_vouchers_expiring($1)", "c", false },
	{ "api.counter_waitlist_untold(text)",
	  "SELECT count(*) FROM api.counter_waitlist_untold($1)", "c", false },
	{ "api.counter_policy_untold(text)",
	  "SELECT count(*) FROM api.counter_policy_untold($1)", "c", false },
	/* a provider's complaints against the operator or the platform: its
	 * staff file and follow them; the queue's readers see the mark */
	{ "api.provider_complaint_file(text,uuid,text,text,text)",
	  "SELECT * FROM api.provider_complaint_file($1, gen_random_uuid(), 'nobody', 'other', 'x')",
	  "p", false },
	{ "api.provider_filed_complaints(text)",
	  "SELECT count(*) FROM api.provider_filed_complaints($1)", "p", false },
	{ "api.provider_filed_complaint_events(text,bigint)",
	  "SELECT count(*) FROM api.provider_filed_complaint_events($1, -1)", "p", false },
	{ "api.complaint_provider_marks(text,bigint[])",
	  "SELECT count(*) FROM api.complaint_provider_marks($1, ARRAY[]::bigint[])", "csb", false },
	{ "api.security_report_make(text)", "SELECT api.security_report_make($1)", "sb", false },
	{ "api.security_report_list(text)", "SELECT count(*) FROM api.security_report_list($1)",
	  "sb", false },
	{ "api.security_report_rows(text,bigint,boolean)",
	  "SELECT count(*) FROM api.security_report_rows($1, -1, true)", "sb", false },
	{ "api.citizen_login(text,text,text)", "SELECT * FROM api.citizen_login('x', 'y')", "",
	  true },
	{ "api.citizen_whoami(text)", "SELECT * FROM api.citizen_whoami('not-a-token')", "", true },
	{ "api.citizen_logout(text)", "SELECT api.citizen_logout('not-a-token')", "", true },
	{ "api.citizen_match_facts(text)", "SELECT * FROM api.citizen_match_facts('not-a-token')",
	  "", true },
	{ "api.citizen_policies_seen(text)",
	  "SELECT * FROM api.citizen_policies_seen('not-a-token')", "", true },
	{ "api.citizen_policies_mark_seen(text,bigint[])",
	  "SELECT api.citizen_policies_mark_seen('not-a-token', '{1}')", "", true },
	{ "api.policy_outreach(text,bigint)", "SELECT count(*) FROM api.policy_outreach($1, 1)",
	  "c", false },
	{ "api.policy_save(text,text,text,text,text,text,date,date,text,bigint,text[],text[],"
	  "integer,"
	  "integer,integer,integer,text,text,boolean,text,text)",
	  "SELECT api.policy_save($1, 'M-x', '', '', '', '999999', '2025-01-01', NULL, 'other', "
	  "NULL,"
	  " '{}', '{}', NULL, NULL, NULL, NULL, '', '', false, '', '')",
	  "ob", false },
	{ "api.policy_mark_told(text,bigint,bigint)",
	  "SELECT api.policy_mark_told($1, 1, $2::bigint)", "c", false },
	/* the catalogue is public, like policies */
	{ "api.service_categories()", "SELECT count(*) FROM api.service_categories()", "*", true },
	{ "api.service_search(text,text,text,text,integer)",
	  "SELECT count(*) FROM api.service_search('培训', NULL, '340104', NULL, 5)", "*", true },
	{ "api.service_get(bigint)", "SELECT count(*) FROM api.service_get(1)", "*", true },
	{ "api.service_slots(bigint,integer)", "SELECT count(*) FROM api.service_slots(1, 5)", "*",
	  true },
	/* the signed-in person's money and bookings: kiosks only */
	{ "api.citizen_book(text,uuid,bigint,bigint,bigint)",
	  "SELECT * FROM api.citizen_book('not-a-token', gen_random_uuid(), 1, NULL, NULL)", "",
	  true },
	{ "api.citizen_cancel(text,uuid,bigint)",
	  "SELECT * FROM api.citizen_cancel('not-a-token', gen_random_uuid(), 1)", "", true },
	{ "api.citizen_waitlist_join(text,uuid,bigint,bigint,bigint)",
	  "SELECT * FROM api.citizen_waitlist_join('not-a-token', gen_random_uuid(), 1, NULL, "
	  "NULL)",
	  "", true },
	{ "api.citizen_vouchers(text)", "SELECT * FROM api.citizen_vouchers('not-a-token')", "",
	  true },
	{ "api.citizen_bookings(text)", "SELECT * FROM api.citizen_bookings('not-a-token')", "",
	  true },
	{ "api.citizen_purchases(text,bigint)",
	  "SELECT * FROM api.citizen_purchases('not-a-token', 1)", "", true },
	{ "api.citizen_notices_set(text,boolean)",
	  "SELECT api.citizen_notices_set('not-a-token', true)", "", true },
	{ "api.citizen_notices_off(text)", "SELECT api.citizen_notices_off('not-a-token')", "",
	  true },
	/* the counter acts for people of its area */
	{ "api.voucher_programmes(text,bigint)",
	  "SELECT count(*) FROM api.voucher_programmes($1, $2::bigint)", "c", false },
	{ "api.voucher_issue(text,uuid,bigint,bigint)",
	  "SELECT * FROM api.voucher_issue($1, gen_random_uuid(), $2::bigint, -1)", "c", false },
	{ "api.person_vouchers(text,bigint)",
	  "SELECT count(*) FROM api.person_vouchers($1, $2::bigint)", "c", false },
	/* the outbox: the daemon's login only (wc_notify), never a terminal */
	{ "api.notice_claim(integer,integer,text[])",
	  "SELECT count(*) FROM api.notice_claim(1, 60, '{}')", "", false },
	{ "api.notice_record(bigint,text,text,integer)",
	  "SELECT api.notice_record(0, 'sent', '', 60)", "", false },
	{ "api.notice_next_due(text[])", "SELECT api.notice_next_due('{}')", "", false },
	{ "api.person_notices_set(text,bigint,boolean)",
	  "SELECT api.person_notices_set($1, $2::bigint, false)", "c", false },
	{ "api.person_notices_off(text,bigint)", "SELECT api.person_notices_off($1, $2::bigint)",
	  "cosb", false },
	{ "api.person_bookings(text,bigint)",
	  "SELECT count(*) FROM api.person_bookings($1, $2::bigint)", "c", false },
	{ "api.person_purchases(text,bigint,bigint)",
	  "SELECT count(*) FROM api.person_purchases($1, $2::bigint, 1)", "c", false },
	{ "api.counter_book(text,uuid,bigint,bigint,bigint,bigint,text)",
	  "SELECT * FROM api.counter_book($1, gen_random_uuid(), $2::bigint, -1, NULL, NULL, "
	  "'本人同意')",
	  "c", false },
	{ "api.counter_cancel(text,uuid,bigint,bigint,text)",
	  "SELECT * FROM api.counter_cancel($1, gen_random_uuid(), $2::bigint, -1, '本人同意')",
	  "c", false },
	/* closing a booking: the counter (offline service) or the provider */
	{ "api.booking_close(text,uuid,bigint,text)",
	  "SELECT * FROM api.booking_close($1, gen_random_uuid(), -1, 'completed')", "cp", false },
	/* Art. 19: a county's counter or the bureau records a purchase */
	{ "api.voucher_budgets(text)", "SELECT count(*) FROM api.voucher_budgets($1)", "cb",
	  false },
	{ "api.voucher_budget_set(text,uuid,bigint,text,bigint)",
	  "SELECT * FROM api.voucher_budget_set($1, gen_random_uuid(), -1, '340104', 0)", "cb",
	  false },
	{ "api.voucher_programme_list(text)", "SELECT count(*) FROM api.voucher_programme_list($1)",
	  "b", false },
	{ "api.voucher_programme_save(text,uuid,text,text,bigint,integer,text[],boolean,text[],"
	  "text)",
	  "SELECT * FROM api.voucher_programme_save($1, gen_random_uuid(), '', '', 0, 0, '{}',"
	  " true, '{}', NULL)",
	  "b", false },
	{ "api.purchase_add(text,uuid,bigint,text,text,text,integer,date)",
	  "SELECT * FROM api.purchase_add($1, gen_random_uuid(), -1, '340104', NULL, 'x', 1, NULL)",
	  "cb", false },
	{ "api.service_purchases(text,bigint)",
	  "SELECT count(*) FROM api.service_purchases($1, -1)", "cosb", false },
	/* Art. 19: the province consents to a city's or county's purchase */
	{ "api.purchases_proposed(text)", "SELECT count(*) FROM api.purchases_proposed($1)", "b",
	  false },
	{ "api.purchase_decide(text,uuid,bigint,boolean,text)",
	  "SELECT * FROM api.purchase_decide($1, gen_random_uuid(), -1, true, '')", "b", false },
	{ "api.purchase_usage(text,boolean)", "SELECT count(*) FROM api.purchase_usage($1, false)",
	  "cb", false },
	{ "api.booking_find(text,text)", "SELECT count(*) FROM api.booking_find($1, 'YY0')", "cp",
	  false },
	/* a provider's own day */
	{ "api.provider_bookings(text,date)",
	  "SELECT count(*) FROM api.provider_bookings($1, current_date)", "p", false },
	/* complaints: a person at the kiosk, the counter for the person at the
	 * desk, the supervisor handles, the bureau follows and urges */
	{ "api.complaint_categories()", "SELECT count(*) FROM api.complaint_categories()", "*",
	  true },
	{ "api.citizen_complaint_file(text,uuid,text,bigint,text,text)",
	  "SELECT * FROM api.citizen_complaint_file('not-a-token', gen_random_uuid(), 'platform', "
	  "NULL, 'other', 'x')",
	  "", true },
	/* a guest at a kiosk, without a session; refused here for the name
	 * (the number made by the server: a refused statement is logged, and
	 * the log must hold no mobile number, tests/server-log.sh) */
	{ "api.guest_complaint_file(text,uuid,text,bigint,text,text,text,text,boolean)",
	  "SELECT * FROM api.guest_complaint_file(NULL, gen_random_uuid(), 'platform', NULL,"
	  " 'other', 'x', '', '138' || '12345678', true)",
	  "", true },
	{ "api.counter_phone(text)", "SELECT api.counter_phone()", "*", true },
	{ "api.complaint_guest_marks(text,bigint[])",
	  "SELECT count(*) FROM api.complaint_guest_marks($1, '{-1}')", "csb", false },
	{ "api.complaint_guest_reveal(text,bigint)",
	  "SELECT * FROM api.complaint_guest_reveal($1, -1)", "s", false },
	{ "api.citizen_complaints(text)", "SELECT * FROM api.citizen_complaints('not-a-token')", "",
	  true },
	{ "api.citizen_complaint_events(text,bigint)",
	  "SELECT * FROM api.citizen_complaint_events('not-a-token', 1)", "", true },
	{ "api.citizen_complaint_supply(text,uuid,bigint,text)",
	  "SELECT api.citizen_complaint_supply('not-a-token', gen_random_uuid(), 1, 'x')", "",
	  true },
	{ "api.citizen_complaint_rate(text,uuid,bigint,text,text)",
	  "SELECT api.citizen_complaint_rate('not-a-token', gen_random_uuid(), 1, 'satisfied', '')",
	  "", true },
	{ "api.counter_complaint_file(text,uuid,bigint,text,text,bigint,text,text)",
	  "SELECT * FROM api.counter_complaint_file($1, gen_random_uuid(), $2::bigint, '本人同意', "
	  "'platform', NULL, 'nonexistent', 'x')",
	  "c", false },
	{ "api.person_complaints(text,bigint)",
	  "SELECT count(*) FROM api.person_complaints($1, $2::bigint)", "c", false },
	{ "api.complaint_find(text,text)", "SELECT * FROM api.complaint_find($1, 'TS0')", "csb",
	  false },
	{ "api.complaint_queue(text,text,text,text,text,text,boolean,integer,integer)",
	  "SELECT count(*) FROM api.complaint_queue($1, NULL, NULL, NULL, NULL, NULL, false, 0, 5)",
	  "csb", false },
	{ "api.complaint_get(text,bigint)", "SELECT count(*) FROM api.complaint_get($1, -1)", "csb",
	  false },
	{ "api.complaint_history(text,bigint)",
	  "SELECT count(*) FROM api.complaint_history($1, -1)", "sb", false },
	{ "api.complaint_events(text,bigint)", "SELECT count(*) FROM api.complaint_events($1, -1)",
	  "csb", false },
	{ "api.complaint_clock(text,bigint)", "SELECT count(*) FROM api.complaint_clock($1, -1)",
	  "csb", false },
	{ "api.complaint_handlers(text)", "SELECT count(*) FROM api.complaint_handlers($1)", "s",
	  false },
	{ "api.complaint_act(text,uuid,bigint,text,text,bigint)",
	  "SELECT * FROM api.complaint_act($1, gen_random_uuid(), -1, 'accept', '', NULL)", "s",
	  false },
	/* 转办: the supervisor forwards, the provider or the operator answers */
	{ "api.complaint_forward(text,uuid,bigint,text,integer,text)",
	  "SELECT * FROM api.complaint_forward($1, gen_random_uuid(), -1, 'operator', 5, 'x')", "s",
	  false },
	{ "api.complaint_forwards(text,bigint)",
	  "SELECT count(*) FROM api.complaint_forwards($1, -1)", "sb", false },
	{ "api.forward_inbox(text)", "SELECT count(*) FROM api.forward_inbox($1)", "op", false },
	{ "api.forward_explain(text,uuid,bigint,text)",
	  "SELECT api.forward_explain($1, gen_random_uuid(), -1, 'x')", "op", false },
	/* reviews: the person rates at the kiosk, or the counter for the person;
	 * everyone sees the published ones; the supervisor and the operator
	 * moderate and watch the flags; the bureau gets the take-down report */
	{ "api.citizen_review_add(text,uuid,bigint,integer,text)",
	  "SELECT * FROM api.citizen_review_add('not-a-token', gen_random_uuid(), -1, 5, '')", "",
	  true },
	{ "api.citizen_reviews(text)", "SELECT * FROM api.citizen_reviews('not-a-token')", "",
	  true },
	{ "api.counter_review_add(text,uuid,bigint,bigint,integer,text,text)",
	  "SELECT * FROM api.counter_review_add($1, gen_random_uuid(), $2::bigint, -1, 5, '', "
	  "'本人同意')",
	  "c", false },
	{ "api.person_reviews(text,bigint)",
	  "SELECT count(*) FROM api.person_reviews($1, $2::bigint)", "c", false },
	{ "api.service_reviews(bigint,bigint,integer)",
	  "SELECT count(*) FROM api.service_reviews(1, NULL, 5)", "*", true },
	{ "api.review_queue(text,text,bigint,integer)",
	  "SELECT count(*) FROM api.review_queue($1, 'held', NULL, 5)", "so", false },
	{ "api.review_moderate(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.review_moderate($1, gen_random_uuid(), -1, 'take_down', 'x')", "so",
	  false },
	{ "api.review_takedowns(text,bigint,integer)",
	  "SELECT count(*) FROM api.review_takedowns($1, NULL, 5)", "sb", false },
	{ "api.quality_thresholds(text)", "SELECT * FROM api.quality_thresholds($1)", "so", false },
	{ "api.quality_flags(text)", "SELECT count(*) FROM api.quality_flags($1)", "so", false },
	/* provider onboarding: the counter and the operator enter applications,
	 * each review step is its role's; the notice is public */
	{ "api.provider_kinds()", "SELECT count(*) FROM api.provider_kinds()", "*", true },
	{ "api.material_kinds()", "SELECT count(*) FROM api.material_kinds()", "*", true },
	/* an organisation applying itself at a kiosk (Art. 23), without a
	 * session; refused here for the credit code */
	{ "api.kiosk_application_submit(text,uuid,text,text,text,text,text,text,text,text,text,"
	  "text[],boolean[],text[],text[])",
	  "SELECT * FROM api.kiosk_application_submit(NULL, gen_random_uuid(), 'x', 'x', 'x',"
	  " 'x', 'x', 'x', 'x', 'x', 'x', '{}', '{}', '{}', '{}')",
	  "", true },
	{ "api.kiosk_application_lookup(text,text,text)",
	  "SELECT count(*) FROM api.kiosk_application_lookup(NULL, 'RZ-none', '0')", "", true },
	/* a new query code for an application filed at a kiosk: the counter */
	{ "api.application_query_reset(text,uuid,bigint,text,text,boolean,boolean)",
	  "SELECT * FROM api.application_query_reset($1, gen_random_uuid(), -1, 'x', 'x', true,"
	  " true)",
	  "c", false },
	{ "api.application_submit(text,uuid,bigint,text,text,text,text,text,text,text,text,text,"
	  "text[],boolean[],text[],text[],text)",
	  "SELECT * FROM api.application_submit($1, gen_random_uuid(), NULL, 'x', 'x', 'x', 'x',"
	  " 'x', 'x', 'x', 'x', 'x', '{}', '{}', '{}', '{}', '')",
	  "co", false },
	{ "api.application_act(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.application_act($1, gen_random_uuid(), -1, 'approve_first', 'x')", "o",
	  false },
	{ "api.application_queue(text,text,text,integer,integer)",
	  "SELECT count(*) FROM api.application_queue($1, 'all', '', 0, 5)", "cosb", false },
	{ "api.application_get(text,bigint)", "SELECT * FROM api.application_get($1, -1)", "cosb",
	  false },
	{ "api.application_events(text,bigint)",
	  "SELECT count(*) FROM api.application_events($1, -1)", "cosb", false },
	{ "api.application_objections(text,bigint)",
	  "SELECT count(*) FROM api.application_objections($1, -1)", "cosb", false },
	{ "api.provider_notices()", "SELECT count(*) FROM api.provider_notices()", "*", true },
	{ "api.citizen_objection_file(text,uuid,bigint,text)",
	  "SELECT * FROM api.citizen_objection_file('not-a-token', gen_random_uuid(), -1, 'x')", "",
	  true },
	{ "api.counter_objection_file(text,uuid,bigint,text,text,text)",
	  "SELECT * FROM api.counter_objection_file($1, gen_random_uuid(), -1, 'x', '', 'x')", "c",
	  false },
	{ "api.objection_decide(text,uuid,bigint,boolean,text)",
	  "SELECT * FROM api.objection_decide($1, gen_random_uuid(), -1, false, 'x')", "s", false },
	/* provider management: the operator acts, the supervisor reads; a
	 * provider's staff or the operator closes a slot; the operator and
	 * the supervisor take texts down */
	{ "api.provider_act(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.provider_act($1, gen_random_uuid(), -1, 'warning', 'x')", "o", false },
	{ "api.service_withdraw(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.service_withdraw($1, gen_random_uuid(), -1, 'withdraw', 'x')", "o",
	  false },
	{ "api.provider_service_states(text,bigint)",
	  "SELECT count(*) FROM api.provider_service_states($1, -1)", "os", false },
	/* records of misuse against a person: the operator proposes, the
	 * supervisor decides, the counter or the person (kiosk) appeals */
	{ "api.sanction_propose(text,uuid,bigint,text,text,integer,date)",
	  "SELECT * FROM api.sanction_propose($1, gen_random_uuid(), $2::bigint, 'x', 'x', 1,"
	  " NULL)",
	  "o", false },
	{ "api.sanction_decide(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.sanction_decide($1, gen_random_uuid(), -1, 'confirm', 'x')", "s",
	  false },
	{ "api.sanction_appeal(text,uuid,bigint,bigint,text)",
	  "SELECT * FROM api.sanction_appeal($1, gen_random_uuid(), $2::bigint, -1, 'x')", "c",
	  false },
	{ "api.sanction_queue(text)", "SELECT count(*) FROM api.sanction_queue($1)", "s", false },
	{ "api.person_sanctions(text,bigint)",
	  "SELECT count(*) FROM api.person_sanctions($1, $2::bigint)", "cosb", false },
	{ "api.citizen_sanctions(text)", "SELECT * FROM api.citizen_sanctions('not-a-token')", "",
	  true },
	{ "api.citizen_sanction_appeal(text,uuid,bigint,text)",
	  "SELECT * FROM api.citizen_sanction_appeal('not-a-token', gen_random_uuid(), 1, 'x')", "",
	  true },
	{ "api.sanction_history(text,bigint)",
	  "SELECT count(*) FROM api.sanction_history($1, -1)", "cosb", false },
	{ "api.review_reply(text,uuid,bigint,text)",
	  "SELECT * FROM api.review_reply($1, gen_random_uuid(), -1, 'x')", "p", false },
	/* appeals against reviews and rectification: the provider appeals
	 * and reports, the supervisor alone decides and requires */
	{ "api.review_appeal(text,uuid,bigint,text)",
	  "SELECT * FROM api.review_appeal($1, gen_random_uuid(), -1, 'x')", "p", false },
	{ "api.review_appeal_decide(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.review_appeal_decide($1, gen_random_uuid(), -1, 'keep', 'x')", "s",
	  false },
	{ "api.rectification_require(text,uuid,bigint,text)",
	  "SELECT * FROM api.rectification_require($1, gen_random_uuid(), -1, 'x')", "s", false },
	{ "api.review_appeal_keep_rectify(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.review_appeal_keep_rectify($1, gen_random_uuid(), -1, 'x', 'x')",
	  "s", false },
	{ "api.rectification_report(text,uuid,bigint,text)",
	  "SELECT * FROM api.rectification_report($1, gen_random_uuid(), -1, 'x')", "p", false },
	{ "api.rectification_decide(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.rectification_decide($1, gen_random_uuid(), -1, 'accept', '')", "s",
	  false },
	{ "api.review_cases(text)", "SELECT count(*) FROM api.review_cases($1)", "sp", false },
	{ "api.provider_list(text,text)", "SELECT count(*) FROM api.provider_list($1, 'x')", "os",
	  false },
	{ "api.provider_get(text,bigint)", "SELECT * FROM api.provider_get($1, -1)", "os", false },
	{ "api.provider_sanctions(text,bigint)",
	  "SELECT count(*) FROM api.provider_sanctions($1, -1)", "os", false },
	{ "api.slot_close(text,uuid,bigint,text)",
	  "SELECT * FROM api.slot_close($1, gen_random_uuid(), -1, 'x')", "op", false },
	{ "api.provider_day_slots(text,date)",
	  "SELECT count(*) FROM api.provider_day_slots($1, current_date)", "p", false },
	{ "api.content_texts(text,bigint,boolean)",
	  "SELECT count(*) FROM api.content_texts($1, -1, false)", "os", false },
	{ "api.content_take_down(text,uuid,bigint,bigint,text,text)",
	  "SELECT * FROM api.content_take_down($1, gen_random_uuid(), -1, NULL, 'phone', 'x')",
	  "os", false },
	/* prices (Art. 16): a provider's staff or the operator proposes, the
	 * supervisor reviews, the bureau (云平台项目组) approves; the provider's
	 * own services, slots, ratings and complaints */
	{ "api.price_propose(text,uuid,bigint,bigint,integer,text)",
	  "SELECT * FROM api.price_propose($1, gen_random_uuid(), -1, 100, 1000, 'x')", "op",
	  false },
	{ "api.price_review(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.price_review($1, gen_random_uuid(), -1, 'pass', '')", "s", false },
	{ "api.price_approve(text,uuid,bigint,text,text)",
	  "SELECT * FROM api.price_approve($1, gen_random_uuid(), -1, 'approve', '')", "b", false },
	{ "api.price_queue(text)", "SELECT count(*) FROM api.price_queue($1)", "osbp", false },
	{ "api.price_history(text,bigint)", "SELECT count(*) FROM api.price_history($1, 1)", "osbp",
	  false },
	{ "api.provider_services(text)", "SELECT count(*) FROM api.provider_services($1)", "p",
	  false },
	{ "api.provider_service_save(text,uuid,bigint,text,text,text,text,text,boolean,boolean,"
	  "integer)",
	  "SELECT * FROM api.provider_service_save($1, gen_random_uuid(), -1, 'x', '', 'tax', '',"
	  " '', false, false, 24)",
	  "p", false },
	{ "api.provider_slots(text,bigint)", "SELECT count(*) FROM api.provider_slots($1, 1)", "p",
	  false },
	{ "api.provider_slot_add(text,uuid,bigint,timestamp without time zone,integer,integer,"
	  "text)",
	  "SELECT * FROM api.provider_slot_add($1, gen_random_uuid(), -1, now()::timestamp, 60, 1,"
	  " '')",
	  "p", false },
	{ "api.provider_slot_capacity(text,uuid,bigint,integer)",
	  "SELECT * FROM api.provider_slot_capacity($1, gen_random_uuid(), -1, 1)", "p", false },
	{ "api.provider_self(text)", "SELECT count(*) FROM api.provider_self($1)", "p", false },
	{ "api.provider_reviews(text,bigint,integer)",
	  "SELECT count(*) FROM api.provider_reviews($1, NULL, 5)", "p", false },
	{ "api.provider_complaints(text)", "SELECT count(*) FROM api.provider_complaints($1)", "p",
	  false },
	{ "api.booking_confirm(text,bigint)", "SELECT * FROM api.booking_confirm($1, -1)", "p",
	  false },
};

static bool allowed_for(const char *staff, int role)
{
	static const char letters[R_N] = { 'c', 'o', 's', 'b', 'p', 'a' };

	return strcmp(staff, "*") == 0 || strchr(staff, letters[role]) != NULL;
}

static bool refused(const struct db_error *err)
{
	return strcmp(err->sqlstate, "WC002") == 0 || strcmp(err->sqlstate, "42501") == 0;
}

static const char ID_NUMBER[] = "11010519491231002X", MOBILE[] = "13800000000";

/* How many parameters a call takes: its highest $n. */
static int placeholders(const char *call)
{
	for (int n = 4; n > 0; n--) {
		char mark[12];
		snprintf(mark, sizeof(mark), "$%d", n);
		if (strstr(call, mark))
			return n;
	}
	return 0;
}

START_TEST(every_function_has_its_row)
{
	struct db_conn *admin = dbtest_admin();
	struct db_result *r = NULL;
	struct db_error err = DB_ERROR_INIT;

	ck_assert_int_eq(db_exec(admin,
				 "SELECT oid::regprocedure::text FROM pg_proc"
				 " WHERE pronamespace = 'api'::regnamespace",
				 0, NULL, &r, &err),
			 DB_OK);
	for (int i = 0; i < db_result_rows(r); i++) {
		const char *sig = db_result_get(r, i, 0);
		bool listed = false;
		for (size_t k = 0; k < sizeof(matrix) / sizeof(matrix[0]); k++)
			listed |= strcmp(matrix[k].signature, sig) == 0;
		ck_assert_msg(listed, "%s has no row in the role matrix", sig);
	}
	db_result_free(&r);
	db_conn_free(&admin);
}
END_TEST

START_TEST(roles_and_terminals_get_what_the_matrix_says)
{
	struct db_conn *admin = dbtest_admin();
	struct db_conn *staff = dbtest_terminal(admin, "staff", NULL);
	struct db_conn *kiosk = dbtest_terminal(admin, "kiosk", "340104");
	char *tokens[R_N];
	struct db_error err = DB_ERROR_INIT;

	for (int i = 0; i < R_N; i++) {
		const char *user =
			dbtest_staff(admin, role_names[i], role_regions[i], "Matrix-pass-2026");
		struct staff_session s = { 0 };
		char *until = NULL;
		ck_assert_int_eq(db_staff_login(staff, user, "Matrix-pass-2026", &s, &until, &err),
				 DB_LOGIN_OK);
		tokens[i] = xstrdup(s.token);
		staff_session_release(&s);
	}
	/* someone to look at: any person id will do, refusals come first */
	char *pid =
		dbtest_value(admin, "SELECT coalesce(max(id), 1)::text FROM wc.person", 0, NULL);
	for (size_t k = 0; k < sizeof(matrix) / sizeof(matrix[0]); k++) {
		for (int i = 0; i < R_N; i++) {
			const char *p[] = { tokens[i], pid, ID_NUMBER, MOBILE };
			int n = placeholders(matrix[k].call);
			db_error_release(&err);
			db_exec(staff, "BEGIN", 0, NULL, NULL, NULL);
			db_exec(staff, matrix[k].call, n, p, NULL, &err);
			db_exec(staff, "ROLLBACK", 0, NULL, NULL, NULL);
			bool want = allowed_for(matrix[k].staff, i);
			ck_assert_msg(refused(&err) != want, "%s as %s: %s (%s)",
				      matrix[k].signature, role_names[i],
				      want ? "refused" : "allowed", err.sqlstate);
		}
		const char *kp[] = { "not-a-token", pid, ID_NUMBER, MOBILE };
		int n = placeholders(matrix[k].call);
		db_error_release(&err);
		db_exec(kiosk, "BEGIN", 0, NULL, NULL, NULL);
		db_exec(kiosk, matrix[k].call, n, kp, NULL, &err);
		db_exec(kiosk, "ROLLBACK", 0, NULL, NULL, NULL);
		ck_assert_msg(refused(&err) != matrix[k].kiosk, "%s from a kiosk: %s (%s)",
			      matrix[k].signature, matrix[k].kiosk ? "refused" : "allowed",
			      err.sqlstate);
	}
	for (int i = 0; i < R_N; i++)
		free(tokens[i]);
	free(pid);
	db_error_release(&err);
	db_conn_free(&staff);
	db_conn_free(&kiosk);
	db_conn_free(&admin);
}
END_TEST

Suite *matrix_suite(void)
{
	Suite *s = suite_create("matrix");
	TCase *tc = tcase_create("roles");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_function_has_its_row);
	tcase_add_test(tc, roles_and_terminals_get_what_the_matrix_says);
	suite_add_tcase(s, tc);
	return s;
}
