/* region: finding a division as people and spreadsheets write it. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "core/region.h"
#include "suites.h"

/* A few divisions as the database lists them (names and parents). */
static struct region v[] = {
	{ "340000", "安徽省", "", 1 },	       { "340100", "合肥市", "安徽省", 2 },
	{ "340104", "蜀山区", "合肥市", 3 },   { "340111", "包河区", "合肥市", 3 },
	{ "340200", "芜湖市", "安徽省", 2 },   { "340223", "南陵县", "芜湖市", 3 },
	{ "341500", "六安市", "安徽省", 2 },   { "341524", "金寨县", "六安市", 3 },
	{ "340181", "巢湖市", "合肥市", 3 },   { "340300", "蚌埠市", "安徽省", 2 },
	{ "340302", "龙子湖区", "蚌埠市", 3 }, { "341302", "埇桥区", "宿州市", 3 },
	{ "341200", "阜阳市", "安徽省", 2 },   { "341202", "颍州区", "阜阳市", 3 },
	{ "340500", "马鞍山市", "安徽省", 2 }, { "340503", "花山区", "马鞍山市", 3 },
	{ "340700", "铜陵市", "安徽省", 2 },   { "340705", "铜官区", "铜陵市", 3 },
	{ "340705x", "郊区", "铜陵市", 3 },    { "340811", "郊区", "安庆市", 3 },
};
static const struct region_list l = { v, sizeof(v) / sizeof(v[0]) };

static const char *code_of(const char *typed)
{
	const struct region *r = region_find(&l, typed);
	return r ? r->code : "";
}

START_TEST(as_offices_write_them)
{
	ck_assert_str_eq(code_of("340223"), "340223");
	ck_assert_str_eq(code_of("南陵县"), "340223");
	ck_assert_str_eq(code_of("芜湖市南陵县"), "340223");
	ck_assert_str_eq(code_of("安徽省芜湖市南陵县"), "340223");
	ck_assert_str_eq(code_of("安徽芜湖南陵县"), "340223");
	ck_assert_str_eq(code_of("芜湖市 南陵县"), "340223");
	ck_assert_str_eq(code_of("南陵"), "340223");
	ck_assert_str_eq(code_of("芜湖南陵"), "340223");
	ck_assert_str_eq(code_of("六安市金寨县"), "341524");
	ck_assert_str_eq(code_of("金寨"), "341524");
	ck_assert_str_eq(code_of("合肥"), "340100");
	ck_assert_str_eq(code_of("合肥市"), "340100");
	ck_assert_str_eq(code_of("安徽省"), "340000");
	ck_assert_str_eq(code_of("安徽"), "340000");
	ck_assert_str_eq(code_of("芜湖南陵县"), "340223");
	ck_assert_str_eq(code_of("芜湖市南陵"), "340223");
	ck_assert_str_eq(code_of("巢湖市"), "340181"); /* a county-level city */
	ck_assert_str_eq(code_of("合肥市巢湖市"), "340181");
	ck_assert_str_eq(code_of("马鞍山花山区"), "340503");
	ck_assert_str_eq(code_of("龙子湖"), "340302");
}
END_TEST

START_TEST(unknown_or_ambiguous)
{
	ck_assert_str_eq(code_of("郊区"), ""); /* two of them */
	ck_assert_str_eq(code_of("铜陵市郊区"), "340705x");
	ck_assert_str_eq(code_of("安庆郊区"), "340811");
	ck_assert_str_eq(code_of("南京市"), "");
	ck_assert_str_eq(code_of("南"), "");
	ck_assert_str_eq(code_of(""), "");
	ck_assert_str_eq(code_of("皖"), "");
	ck_assert_str_eq(code_of("芜湖市金寨县"), ""); /* not its city */
}
END_TEST

Suite *region_suite(void)
{
	Suite *s = suite_create("region");
	TCase *tc = tcase_create("find");

	tcase_add_test(tc, as_offices_write_them);
	tcase_add_test(tc, unknown_or_ambiguous);
	suite_add_tcase(s, tc);
	return s;
}
