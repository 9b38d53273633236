/*
 * import_policies: wanchuang-admin import policies FILE — support
 * policies from the spreadsheet a bureau keeps. Each row is checked by
 * src/core/policy_row (the editing screen checks its fields the same
 * way); re-importing a 编号 updates that policy, but one file naming a
 * 编号 twice is refused: which of its rows is the policy is the office's
 * to say, not the order of the rows.
 */
#include "config.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_out.h"
#include "i18n.h"
#include "sheet.h"

struct policy_import {
	struct sheet sheet;
	struct region_list regions;
	struct code_list groups, kinds;
	struct cond_vocab vocab;
	struct policy_row *rows;
	struct sheet_keys codes; /* rows by 编号 */
	size_t inserted, updated, unchanged;
};

static bool row_check(size_t i, void *ctx)
{
	struct policy_import *im = ctx;
	const char *cells[PC_N];
	struct policy_lists lists = { &im->regions, &im->groups, &im->kinds, &im->vocab };
	enum policy_col col;
	char *why, effective[11], expires[11];

	for (int c = 0; c < PC_N; c++)
		cells[c] = sheet_raw(&im->sheet, i, c);
	if (sheet_date_text(cells[PC_EFFECTIVE], effective))
		cells[PC_EFFECTIVE] = effective;
	if (sheet_date_text(cells[PC_EXPIRES], expires))
		cells[PC_EXPIRES] = expires;
	if (!policy_row_check(cells, &lists, &im->rows[i], &col, &why)) {
		sheet_reject(&im->sheet, sheet_row(&im->sheet, i)->line, why, NULL);
		free(why);
		return false;
	}
	if (im->codes.group[i] != i) {
		struct sbuf msg = SBUF_INIT;
		sbuf_addf(&msg, _("the same policy number as line %zu"),
			  sheet_row(&im->sheet, im->codes.group[i])->line);
		sheet_reject(&im->sheet, sheet_row(&im->sheet, i)->line, msg.buf,
			     cells[PC_CODE]);
		sbuf_release(&msg);
		return false;
	}
	return true;
}

static const char *row_code(size_t i, void *ctx)
{
	struct policy_import *im = ctx;

	return sheet_raw(&im->sheet, i, PC_CODE);
}

static enum db_status row_write(struct db_conn *c, size_t i, void *ctx, struct db_error *err)
{
	struct policy_import *im = ctx;
	enum policy_write_result what;
	enum db_status st = db_policy_write(c, NULL, &im->rows[i], &what, err);

	if (st == DB_OK) {
		if (what == POLICY_INSERTED)
			im->inserted++;
		else if (what == POLICY_UPDATED)
			im->updated++;
		else
			im->unchanged++;
	}
	return st;
}

/* Other names offices give the columns. */
static const char *const policy_col_aliases[PC_N] = {
	[PC_CODE] = "政策编号",
	[PC_TITLE] = "政策名称|政策标题",
	[PC_EFFECTIVE] = "施行日期|实施日期",
	[PC_KIND] = "支持方式|扶持类型",
	[PC_DOC_NO] = "文号",
	[PC_EXPIRES] = "有效期至|截止日期",
	[PC_MAX] = "最高金额|最高补贴金额(元)",
	[PC_GROUPS] = "适用对象|扶持对象|支持对象",
	[PC_CONDITIONS] = "匹配条件",
	/* what offices write under these is prose, checked by hand, never
	 * the 条件 language */
	[PC_VERIFY] = "申请条件|申报条件|其他条件|核实条件|需核实条件|待核实事项",
	[PC_INTERPRETATION] = "政策解读",
	[PC_BODY] = "政策原文|政策内容",
};

int import_policies(struct db_conn *c, const char *path, const char *encoding, bool partial)
{
	struct policy_import im = { .rows = NULL };
	struct sheet_column columns[PC_N];
	struct db_error err = DB_ERROR_INIT;
	size_t n, applied;
	int rc;

	for (int k = 0; k < PC_N; k++)
		columns[k] = (struct sheet_column){ policy_col_sheet[k], k < PC_REQUIRED,
						    policy_col_aliases[k] };
	rc = sheet_open(&im.sheet, path, encoding, columns, PC_N);
	if (rc) {
		sheet_close(&im.sheet);
		return rc;
	}
	if (db_regions_load(c, &im.regions, &err) != DB_OK ||
	    db_person_categories(c, &im.groups, &err) != DB_OK ||
	    db_policy_kinds(c, &im.kinds, &err) != DB_OK) {
		out_printf(stderr, _("could not read the regions: %s\n"), err.primary);
		rc = 1;
		goto done;
	}
	im.vocab = (struct cond_vocab){ &im.groups, &im.regions };
	n = im.sheet.nrows;
	im.rows = xcalloc(n + 1, sizeof(*im.rows));
	sheet_keys_build(&im.codes, n, row_code, &im);
	applied = sheet_run(&im.sheet, c, partial, row_check, row_write, &im);
	if (applied == 0)
		im.inserted = im.updated = im.unchanged = 0;
	out_printf(stdout, _("imported %zu, updated %zu, unchanged %zu, rejected %zu\n"), im.inserted,
	       im.updated, im.unchanged, im.sheet.rejected);
	rc = im.sheet.rejected == 0 && applied == n ? 0 : 1;
	for (size_t i = 0; i < n; i++)
		policy_row_release(&im.rows[i]);
	free(im.rows);
	sheet_keys_release(&im.codes);
done:
	region_list_release(&im.regions);
	code_list_release(&im.groups);
	code_list_release(&im.kinds);
	sheet_close(&im.sheet);
	db_error_release(&err);
	return rc;
}
