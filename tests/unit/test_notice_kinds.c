/* notice_kinds: the kinds a person receives, named as one list. */
#include "config.h"

#include <string.h>

#include "core/core.h"
#include "suites.h"

/* Every kind to a person named, in the list's order; a provider's not. */
START_TEST(received_names_every_kind_of_a_person)
{
	struct sbuf out = SBUF_INIT;
	const char *at;

	sbuf_adds(&out, "kinds: ");
	notice_kinds_received(&out);
	ck_assert_str_eq(out.buf, "kinds: booking confirmed, booking reminder, waiting-list seat "
				  "given, voucher about to expire, complaint answered, complaint "
				  "material asked for, new policies");
	at = out.buf;
	for (int i = 0; i < NOTICE_KINDS; i++) {
		const char *name = strstr(out.buf, notice_kinds[i].name);
		if (!notice_kinds[i].to_person) {
			ck_assert_msg(name == NULL, "%s is a provider's", notice_kinds[i].code);
			continue;
		}
		ck_assert_msg(name != NULL && name >= at, "%s missing or out of order",
			      notice_kinds[i].code);
		at = name;
	}
	sbuf_release(&out);
}
END_TEST

Suite *notice_kinds_suite(void)
{
	Suite *s = suite_create("notice_kinds");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, received_names_every_kind_of_a_person);
	suite_add_tcase(s, tc);
	return s;
}
