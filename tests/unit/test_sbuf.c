/* sbuf: invariants from sbuf.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

START_TEST(empty_is_terminated)
{
	struct sbuf sb = SBUF_INIT;

	ck_assert_ptr_nonnull(sb.buf);
	ck_assert_str_eq(sb.buf, "");
	sbuf_release(&sb);
	ck_assert_str_eq(sb.buf, "");
}
END_TEST

START_TEST(grows_and_formats)
{
	struct sbuf sb = SBUF_INIT;

	for (int i = 0; i < 1000; i++)
		sbuf_addf(&sb, "%d,", i % 10);
	ck_assert_uint_eq(sb.len, 2000);
	ck_assert_uint_eq(strlen(sb.buf), 2000);
	sbuf_adds(&sb, "皖创");
	ck_assert_uint_eq(sb.len, 2006);
	char *s = sbuf_detach(&sb);
	ck_assert_str_eq(sb.buf, "");
	ck_assert_int_eq(strncmp(s + 2000, "皖创", 6), 0);
	free(s);
}
END_TEST

START_TEST(detach_empty_is_owned)
{
	struct sbuf sb = SBUF_INIT;
	char *s = sbuf_detach(&sb);

	ck_assert_str_eq(s, "");
	free(s); /* must be malloc'ed, not the shared empty literal */
}
END_TEST

Suite *sbuf_suite(void)
{
	Suite *s = suite_create("sbuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_is_terminated);
	tcase_add_test(tc, grows_and_formats);
	tcase_add_test(tc, detach_empty_is_owned);
	suite_add_tcase(s, tc);
	return s;
}
