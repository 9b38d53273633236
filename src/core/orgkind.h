/*
 * orgkind: the kinds of entrepreneurial organisation (主体类型), one table
 * for the counter's form, the spreadsheet import and the database's codes.
 * Art. 3 of the measures: state-owned and collective enterprises, social
 * groups and foundations are not users of the platform; they are listed
 * so that choosing one is refused with that reason.
 * Low-level primitive: libc and uscc.h only.
 */
#ifndef WC_CORE_ORGKIND_H
#define WC_CORE_ORGKIND_H

#include <stdbool.h>
#include <stddef.h>

struct org_kind {
	const char *code; /* as the database stores it: "individual_business" */
	const char *label; /* msgid for the screen */
	const char *sheet; /* as spreadsheets write it: "个体工商户" */
	bool excluded; /* Art. 3 */
};

/* The kinds, the allowed ones first; org_kinds_count of them. */
extern const struct org_kind org_kinds[];
extern const size_t org_kinds_count;

/*
 * The kind a roster means when it writes the legal form instead
 * (有限责任公司（自然人独资）, 个人独资企业, 家庭农场) or nothing: the kind the
 * credit code registers (by_code, an enum uscc_kind: 92 个体工商户, 93
 * 农民专业合作社, 52 民办非企业单位; a 91 企业 is a 小微企业, the
 * enterprise a person starting out registers) — unless the words say
 * 国有 or 集体, which Art. 3 leaves out. A name of the table is taken as
 * it is. NULL when neither tells.
 */
const struct org_kind *org_kind_read(const char *said, int by_code);

#endif
