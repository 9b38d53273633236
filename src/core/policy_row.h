/*
 * policy_row: one support policy as its nineteen text cells — a row of the
 * bureau's spreadsheet, or the fields of the editing screen — checked and
 * turned into the values the database takes. Both the import and the
 * screen go through here, so a cell means the same wherever it is typed.
 *
 * Cells are read as offices write them: regions by code or name (全省 for
 * the province); dates in the forms date_parse knows; 失效日期 empty or
 * 长期有效; amounts as 300000, 300,000元 or 30万元; ages and months as 35
 * or 35周岁, 6 or 6个月; lists separated by 、 or ; with 不限 for none; 条件
 * in the language of eligibility.h, stored in its canonical form;
 * 待核实条件 as items in words (verify_items.h). 对象 written 不限 marks the
 * policy open to everyone; left empty, it says nothing of who may apply.
 * Low-level primitive: libc, libunistring and gettext only.
 */
#ifndef WC_CORE_POLICY_ROW_H
#define WC_CORE_POLICY_ROW_H

#include <stdbool.h>

#include "codelist.h"
#include "eligibility.h"
#include "region.h"
#include "sbuf.h"

enum policy_col {
	PC_CODE,
	PC_TITLE,
	PC_REGION,
	PC_EFFECTIVE,
	PC_KIND,
	PC_DOC_NO,
	PC_ISSUER,
	PC_EXPIRES,
	PC_MAX,
	PC_GROUPS,
	PC_AGE_MIN,
	PC_AGE_MAX,
	PC_REG_MIN,
	PC_REG_MAX,
	PC_ENTITIES,
	PC_CONDITIONS,
	PC_VERIFY,
	PC_INTERPRETATION,
	PC_BODY,
	PC_N
};

/* The spreadsheet's header names; the first five columns are required. */
extern const char *const policy_col_sheet[PC_N];
#define PC_REQUIRED 5

/* What the names in the cells are checked against. */
struct policy_lists {
	const struct region_list *regions;
	const struct code_list *groups; /* person categories */
	const struct code_list *kinds; /* kinds of support */
	const struct cond_vocab *vocab; /* for 条件: groups and regions */
};

/* A checked policy, as text for the database ("" where there is none). */
struct policy_row {
	char *code, *title, *doc_no, *issuer, *conditions, *interpretation, *body;
	char *to_verify; /* items joined by ；, "" for none */
	bool open_to_all; /* 对象 written 不限 */
	const char *region, *kind; /* codes, owned by the lists */
	char effective[11], expires[11]; /* YYYY-MM-DD */
	char max[24], age_min[8], age_max[8], reg_min[8], reg_max[8];
	struct sbuf groups, entities; /* PostgreSQL arrays of codes: {veteran,graduate} */
};

/*
 * Check cells (NUL-terminated, NULL for a cell that is absent) into *r.
 * On false, *col is the first column with a problem and *message a
 * malloc'ed explanation in the user's language ("未知地区（火星）").
 * *r must be released either way.
 */
bool policy_row_check(const char *const cells[PC_N], const struct policy_lists *l,
		      struct policy_row *r, enum policy_col *col, char **message);
void policy_row_release(struct policy_row *r);

#endif
