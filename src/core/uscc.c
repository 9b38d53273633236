/*
 * uscc: GB 32100-2015 unified social credit codes: checking and decoding.
 *
 * Two checks, with two different ideas of a letter's value:
 * - the final character (GB 32100): a character's value is its index in
 *   the 31-character alphabet (A=10, H=17, J=18, … Y=30); weights are
 *   3^(i-1) mod 31; C18 = 31 - (sum mod 31), 31 becomes 0, and the value
 *   maps back through the alphabet.
 * - the organisation code's check (GB 11714-1997, appendix A): letters
 *   count in the full Latin alphabet, A=10 … Z=35, so J=19 and Y=34 here;
 *   weights 3 7 9 10 5 8 4 2; C9 = 11 - (sum mod 11), 10 is X, 11 is 0.
 *   Some published code uses the GB 32100 index for this check too; that
 *   agrees for digits and A-H only, and refuses real codes such as
 *   91510100MA6BKY6U36, whose organisation code has a K and a Y.
 */
#include "config.h"
#include "uscc.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "normalize.h"
#include "i18n.h"

struct uscc_type {
	char authority; /* character 1 */
	char type; /* character 2 */
	enum uscc_kind kind;
};

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100 table 1 with its amendment: every authority and type known. */
static const struct uscc_type uscc_types[] = {
	{ '1', '1', USCC_KIND_GOVERNMENT_ORGAN }, /* 机构编制: 机关 */
	{ '1', '2', USCC_KIND_PUBLIC_INSTITUTION }, /* 事业单位 */
	{ '1', '3', USCC_KIND_MASS_ORGANISATION }, /* 中央编办直接管理机构编制的群众团体 */
	{ '1', '9', USCC_KIND_OTHER },
	{ '2', '1', USCC_KIND_OTHER }, /* 外交: 外国常驻新闻机构 */
	{ '2', '9', USCC_KIND_OTHER },
	{ '3', '1', USCC_KIND_OTHER }, /* 司法行政: 律师执业机构 */
	{ '3', '2', USCC_KIND_OTHER }, /* 公证处 */
	{ '3', '3', USCC_KIND_OTHER }, /* 基层法律服务所 */
	{ '3', '4', USCC_KIND_OTHER }, /* 司法鉴定机构 */
	{ '3', '5', USCC_KIND_OTHER }, /* 仲裁委员会 */
	{ '3', '9', USCC_KIND_OTHER },
	{ '4', '1', USCC_KIND_OTHER }, /* 文化: 外国在华文化中心 */
	{ '4', '9', USCC_KIND_OTHER },
	{ '5', '1', USCC_KIND_SOCIAL_GROUP }, /* 民政: 社会团体 */
	{ '5', '2', USCC_KIND_PRIVATE_NON_ENTERPRISE }, /* 民办非企业单位 */
	{ '5', '3', USCC_KIND_FOUNDATION }, /* 基金会 */
	{ '5', '9', USCC_KIND_OTHER },
	{ '6', '1', USCC_KIND_OTHER }, /* 旅游: 外国旅游部门常驻代表机构 */
	{ '6', '2', USCC_KIND_OTHER }, /* 港澳台地区旅游部门常驻内地代表机构 */
	{ '6', '9', USCC_KIND_OTHER },
	{ '7', '1', USCC_KIND_OTHER }, /* 宗教: 宗教活动场所 */
	{ '7', '2', USCC_KIND_OTHER }, /* 宗教院校 */
	{ '7', '9', USCC_KIND_OTHER },
	{ '8', '1', USCC_KIND_OTHER }, /* 工会: 基层工会 */
	{ '8', '9', USCC_KIND_OTHER },
	{ '9', '1', USCC_KIND_ENTERPRISE }, /* 工商: 企业 */
	{ '9', '2', USCC_KIND_INDIVIDUAL_BUSINESS }, /* 个体工商户 */
	{ '9', '3', USCC_KIND_FARMER_COOPERATIVE }, /* 农民专业合作社 */
	{ 'A', '1', USCC_KIND_OTHER }, /* 中央军委改革和编制办公室: 军队事业单位 */
	{ 'A', '9', USCC_KIND_OTHER },
	{ 'N', '1', USCC_KIND_RURAL_COLLECTIVE }, /* 农业: 组级集体经济组织 */
	{ 'N', '2', USCC_KIND_RURAL_COLLECTIVE }, /* 村级集体经济组织 */
	{ 'N', '3', USCC_KIND_RURAL_COLLECTIVE }, /* 乡镇级集体经济组织 */
	{ 'N', '9', USCC_KIND_OTHER },
	{ 'Y', '1', USCC_KIND_OTHER }, /* 其他: not divided further */
};

/* Index of c in the alphabet, or -1. */
static int uscc_value(char c)
{
	const char *p = c ? strchr(uscc_alphabet, c) : NULL;

	return p ? (int)(p - uscc_alphabet) : -1;
}

/* The kind for authority a and type t; false if the pair is unknown. */
static bool uscc_kind_of(char a, char t, enum uscc_kind *k)
{
	for (size_t i = 0; i < sizeof(uscc_types) / sizeof(uscc_types[0]); i++) {
		if (uscc_types[i].authority == a && uscc_types[i].type == t) {
			*k = uscc_types[i].kind;
			return true;
		}
	}
	return false;
}

/* GB 11714 check character over the 8 characters at body. */
static char uscc_org_check_char(const char *body)
{
	static const int weight[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, c;

	for (int i = 0; i < 8; i++) {
		char ch = body[i];
		int v = ch >= '0' && ch <= '9' ? ch - '0' : ch - 'A' + 10;
		sum += v * weight[i];
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

/* GB 32100 check character over the 17 characters at s. */
static char uscc_check_char(const char *s)
{
	static const int weight[17] = { 1,  3,	9,  27, 19, 26, 16, 17, 20,
					29, 25, 13, 8,	24, 10, 30, 28 };
	int sum = 0, c;

	for (int i = 0; i < 17; i++)
		sum += uscc_value(s[i]) * weight[i];
	c = 31 - sum % 31;
	return uscc_alphabet[c == 31 ? 0 : c];
}

/* The checks on a normalised code; see uscc_parse. */
static enum uscc_reason uscc_check(const char *s, struct uscc *u)
{
	size_t bytes = strlen(s), chars = u8_mbsnlen((const uint8_t *)s, bytes);
	enum uscc_kind kind;

	if (chars == 0)
		return USCC_EMPTY;
	if (chars != USCC_LEN)
		return USCC_LENGTH;
	if (bytes != USCC_LEN)
		return USCC_CHARS;
	for (int i = 0; i < USCC_LEN; i++)
		if (uscc_value(s[i]) < 0)
			return USCC_CHARS;
	if (!uscc_kind_of(s[0], s[1], &kind))
		return USCC_TYPE;
	if (strspn(s + 2, "0123456789") < 6)
		return USCC_DIVISION;
	if (uscc_org_check_char(s + 8) != s[16])
		return USCC_ORG_CHECK;
	if (uscc_check_char(s) != s[17])
		return USCC_CHECK;
	memcpy(u->code, s, USCC_LEN + 1);
	u->kind = kind;
	memcpy(u->division, s + 2, 6);
	u->division[6] = '\0';
	u->anhui = s[2] == '3' && s[3] == '4';
	return USCC_OK;
}

enum uscc_reason uscc_parse(const char *s, struct uscc *u)
{
	char *norm = normalize_input(s, NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	enum uscc_reason r;

	if (!norm)
		return USCC_CHARS;
	r = uscc_check(norm, u);
	free(norm);
	return r;
}

const char *uscc_reason_msg(enum uscc_reason r)
{
	switch (r) {
	case USCC_OK:
		return NULL;
	case USCC_EMPTY:
		return N_("enter the unified social credit code");
	case USCC_LENGTH:
		return N_("a unified social credit code has 18 characters");
	case USCC_CHARS:
		return N_("a unified social credit code has only digits and capital letters other "
			  "than I, O, Z, S and V");
	case USCC_TYPE:
		return N_("the first two characters are not a known registering authority and "
			  "organisation type");
	case USCC_DIVISION:
		return N_("characters 3 to 8 must be a division code of 6 digits");
	case USCC_ORG_CHECK:
		return N_("wrong check character in the organisation code (character 17)");
	case USCC_CHECK:
		return N_("wrong check character");
	}
	abort(); /* not an enum uscc_reason */
}

bool uscc_kind_is_excluded(enum uscc_kind k)
{
	switch (k) {
	case USCC_KIND_SOCIAL_GROUP:
	case USCC_KIND_FOUNDATION:
		return true;
	case USCC_KIND_ENTERPRISE:
	case USCC_KIND_INDIVIDUAL_BUSINESS:
	case USCC_KIND_FARMER_COOPERATIVE:
	case USCC_KIND_PRIVATE_NON_ENTERPRISE:
	case USCC_KIND_GOVERNMENT_ORGAN:
	case USCC_KIND_PUBLIC_INSTITUTION:
	case USCC_KIND_MASS_ORGANISATION:
	case USCC_KIND_RURAL_COLLECTIVE:
	case USCC_KIND_OTHER:
		return false;
	}
	abort(); /* not an enum uscc_kind */
}
