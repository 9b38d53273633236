/*
 * orgkind: the kinds of entrepreneurial organisation (主体类型), one table
 * for the counter's form, the spreadsheet import and the database's codes.
 * Art. 3 of the measures: state-owned and collective enterprises, social
 * groups and foundations are not users of the platform; they are listed
 * so that choosing one is refused with that reason.
 * Low-level primitive: libc only.
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

/* The kind a spreadsheet names, or NULL. */
const struct org_kind *org_kind_from_sheet(const char *name);

#endif
