/* audit_words: an audit entry's detail put in words (the untranslated msgids). */
#include "config.h"

#include "core/core.h"
#include "suites.h"

static void expect_render(const char *action, const char *pairs, const char *want)
{
	struct sbuf out = SBUF_INIT;

	audit_detail_render(action, pairs, &out);
	ck_assert_str_eq(out.buf, want);
	sbuf_release(&out);
}

START_TEST(states_follow_the_action)
{
	expect_render("complaint_accept", "handler\t\nstatus\taccepted",
		      "status: Accepted");
	expect_render("booking_cancel_provider", "status\tbooked", "status: booked");
	expect_render("application_file", "status\tnotice", "status: On public notice");
	/* a state of something the tables do not know stays as written */
	expect_render("review_take_down", "status_before\tpublished", "status before: published");
}
END_TEST

START_TEST(amounts_and_yes_no)
{
	expect_render("booking_cancel", "consent\ttrue\nrelease_fen\t150050",
		      "the person's consent: yes; amount released: 1500.50 yuan");
	expect_render("booking", "from_waitlist\tfalse\nhold_fen\t200000",
		      "from the waiting list: no; amount held: 2000 yuan");
	/* a value that is not a number of fen is shown as it is */
	expect_render("price_propose", "price_fen\tabc", "price: abc");
}
END_TEST

START_TEST(unknown_keys_and_nothing)
{
	expect_render("login", "", "");
	expect_render("login", "zzz_new\t7", "zzz_new: 7");
	expect_render("audit_view", "action\tcomplaint_close", "kind of action: complaint closed");
	/* a line without a key is skipped, not read past */
	expect_render("login", "garbage\nrole\tadmin", "role: admin");
}
END_TEST

START_TEST(every_action_has_one_label)
{
	for (size_t i = 0; i < audit_actions_count; i++) {
		ck_assert_ptr_nonnull(audit_actions[i].label);
		ck_assert_ptr_eq(audit_action_word(audit_actions[i].code), audit_actions[i].label);
		for (size_t k = i + 1; k < audit_actions_count; k++)
			ck_assert_str_ne(audit_actions[i].code, audit_actions[k].code);
	}
	ck_assert_ptr_null(audit_action_word("no_such_action"));
}
END_TEST

Suite *audit_words_suite(void)
{
	Suite *s = suite_create("audit_words");
	TCase *tc = tcase_create("detail");

	tcase_add_test(tc, states_follow_the_action);
	tcase_add_test(tc, amounts_and_yes_no);
	tcase_add_test(tc, unknown_keys_and_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("labels");
	tcase_add_test(tc, every_action_has_one_label);
	suite_add_tcase(s, tc);
	return s;
}
