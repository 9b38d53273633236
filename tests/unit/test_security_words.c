/* security_words: the self-check's detail codes in words (untranslated msgids). */
#include "config.h"

#include "core/core.h"
#include "suites.h"

static void expect_words(const char *section, const char *detail, const char *want)
{
	struct sbuf out = SBUF_INIT;

	security_detail_words(section, detail, &out);
	ck_assert_str_eq(out.buf, want);
	sbuf_release(&out);
}

START_TEST(each_section_codes)
{
	expect_words("unused_accounts", "admin 340000 never", "System administrator 340000 never signed in");
	expect_words("unused_accounts", "counter 340104 last 2026-03-01",
		     "Counter staff 340104 last signed in 2026-03-01");
	expect_words("account_state", "must_change", "waiting for its own password");
	expect_words("account_state", "disabled", "disabled");
	expect_words("terminals", "kiosk 340103 login", "self-service kiosk 340103 can sign in");
	expect_words("terminals", "staff - revoked", "staff terminal no region revoked");
	expect_words("terminal_limits", "idle_session_timeout", "no limit on idling");
	expect_words("failed_sign_ins", "7", "7 failed sign-ins");
}
END_TEST

START_TEST(names_stay_as_written)
{
	/* a role's name is a role only where the section says so */
	expect_words("terminal_databases", "admin", "admin");
	expect_words("client_table_access", "wc.staff", "wc.staff");
	expect_words("unused_accounts", "", "");
}
END_TEST

Suite *security_words_suite(void)
{
	Suite *s = suite_create("security_words");
	TCase *tc = tcase_create("detail");

	tcase_add_test(tc, each_section_codes);
	tcase_add_test(tc, names_stay_as_written);
	suite_add_tcase(s, tc);
	return s;
}
