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

/* A PIN or a password leaves no byte behind in the buffer it was in,
 * beyond its end neither (a longer secret held the same buffer before). */
START_TEST(wipe_zeroes_all)
{
	struct sbuf sb = SBUF_INIT;
	size_t alloc;

	sbuf_grow(&sb, 64);
	sbuf_adds(&sb, "a much longer secret than the next");
	sbuf_reset(&sb);
	sbuf_adds(&sb, "583920");
	alloc = sb.alloc;
	sbuf_wipe(&sb);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(sb.alloc, alloc);
	for (size_t i = 0; i < alloc; i++)
		ck_assert_msg(sb.buf[i] == 0, "byte %zu not wiped", i);
	sbuf_adds(&sb, "again");
	ck_assert_str_eq(sb.buf, "again");
	sbuf_release(&sb);
}
END_TEST

Suite *sbuf_suite(void)
{
	Suite *s = suite_create("sbuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_is_terminated);
	tcase_add_test(tc, grows_and_formats);
	tcase_add_test(tc, detach_empty_is_owned);
	tcase_add_test(tc, wipe_zeroes_all);
	suite_add_tcase(s, tc);
	return s;
}
