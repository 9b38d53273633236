/*
 * uscc: unified social credit codes (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters from 0123456789ABCDEFGHJKLMNPQRTUWXY (no I, O, Z, S, V):
 *   1      registering authority (9 工商, 5 民政, 1 机构编制, …)
 *   2      type of organisation within that authority
 *   3-8    division code of the registering office (GB/T 2260), 6 digits
 *   9-17   organisation code (GB 11714); its 9th character is a check
 *   18     check character over the first 17
 * uscc_parse accepts what people type (full-width, lower case, spaces) and
 * stores the code in its canonical upper-case form.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_USCC_H
#define WC_CORE_USCC_H

#include <stdbool.h>

#define USCC_LEN 18

enum uscc_reason {
	USCC_OK = 0,
	USCC_EMPTY, /* nothing typed */
	USCC_LENGTH, /* not 18 characters */
	USCC_CHARS, /* a character outside the code's alphabet (I, O, Z, S, V, …) */
	USCC_TYPE, /* characters 1-2 are no known authority and type */
	USCC_DIVISION, /* characters 3-8 are not 6 digits */
	USCC_ORG_CHECK, /* character 17 is not the organisation code's check */
	USCC_CHECK, /* character 18 is not the code's check */
};

/*
 * What characters 1-2 say, as far as the platform cares. The authority's
 * own "other" types (x9) and the authorities with no kind here (外交, 司法,
 * 文化, 旅游, 宗教, 工会, 中央军委, Y 其他) are USCC_KIND_OTHER.
 */
enum uscc_kind {
	USCC_KIND_ENTERPRISE, /* 91 企业 */
	USCC_KIND_INDIVIDUAL_BUSINESS, /* 92 个体工商户 */
	USCC_KIND_FARMER_COOPERATIVE, /* 93 农民专业合作社 */
	USCC_KIND_SOCIAL_GROUP, /* 51 社会团体 */
	USCC_KIND_PRIVATE_NON_ENTERPRISE, /* 52 民办非企业单位 */
	USCC_KIND_FOUNDATION, /* 53 基金会 */
	USCC_KIND_GOVERNMENT_ORGAN, /* 11 机关 */
	USCC_KIND_PUBLIC_INSTITUTION, /* 12 事业单位 */
	USCC_KIND_MASS_ORGANISATION, /* 13 群众团体 (编制 by 中央编办) */
	USCC_KIND_RURAL_COLLECTIVE, /* N1-N3 农村集体经济组织 */
	USCC_KIND_OTHER,
};

/* A valid code and what it says. Filled only by uscc_parse. */
struct uscc {
	char code[USCC_LEN + 1]; /* canonical, upper case */
	enum uscc_kind kind;
	char division[7]; /* characters 3-8 */
	bool anhui; /* division begins 34 */
};

/*
 * Normalise s (see normalize.h: NFKC, all blanks removed, a-z made A-Z)
 * and check it. The first failure is returned, in this order: empty,
 * length, alphabet, authority and type, division, organisation-code
 * check, final check. *u is set only on USCC_OK.
 *
 * Authorities and types known (GB 32100 table 1 and its amendment):
 * 1: 1 2 3 9; 2: 1 9; 3: 1-5 9; 4: 1 9; 5: 1 2 3 9; 6: 1 2 9; 7: 1 2 9;
 * 8: 1 9; 9: 1 2 3; A: 1 9; N: 1 2 3 9; Y: 1.
 */
enum uscc_reason uscc_parse(const char *s, struct uscc *u);

/* Untranslated message (msgid) for a reason; NULL for USCC_OK. */
const char *uscc_reason_msg(enum uscc_reason r);

/*
 * Whether Art. 3 of the measures names this kind as no platform user:
 * social groups (社会团体) and foundations (基金会).
 *
 * Art. 3 also excludes state-owned and collective enterprises (国有企业,
 * 集体企业), but their codes are ordinary 91 enterprise codes: ownership
 * cannot be read from the code and must be asked or looked up. Organs,
 * public institutions and mass organisations (11-13) are not 创业组织
 * either, but the Article does not name them: that is for staff to judge,
 * not for this function.
 */
bool uscc_kind_is_excluded(enum uscc_kind k);

#endif
