/*
 * import: people from a spreadsheet, checked as the counter checks them.
 *
 * Header (columns in any order; the optional ones may be missing; the
 * other names offices use, such as 身份证号码 or 手机号码, are in the
 * table below):
 *   身份证号,姓名,手机号,户籍地区,居住地区,人员类别,创业阶段,
 *   统一社会信用代码,主体名称,主体类型,注册日期
 * Regions by code (340223) or name (南陵县, 芜湖市南陵县); categories by
 * name (or another name of the same group: person_category_code)
 * separated by 、，,;； or spaces; 创业阶段 意向创业 or 已创业 as rosters
 * say them (stage_read); 主体类型 个体工商户, 小微企业, 农民专业合作社 or
 * 民办非企业单位, or the legal form read with the credit code
 * (org_kind_read). Every row is checked here first with the program's
 * own validators, then again by the database; an import never overrides
 * a failed check.
 */
#include "config.h"
#include "import.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

enum col {
	C_ID,
	C_NAME,
	C_MOBILE,
	C_HOUSEHOLD,
	C_RESIDENCE,
	C_CATEGORIES,
	C_STAGE,
	C_CODE,
	C_ORG,
	C_KIND,
	C_DATE,
	C_N
};

static const struct sheet_column columns[C_N] = {
	{ "身份证号", true, "身份证号码|公民身份号码|公民身份证号码|身份证|证件号码" },
	{ "姓名", true, "人员姓名|申请人姓名" },
	{ "手机号", true, "手机号码|手机|联系电话|联系方式|电话" },
	{ "户籍地区", true, "户籍地|户籍所在地|户口所在地" },
	{ "居住地区", true, "居住地|现居住地|现居住地区|常住地|常住地区" },
	{ "人员类别", true, "人员类型|人员身份|身份类别" },
	{ "创业阶段", true, "创业状态" },
	{ "统一社会信用代码", false, "社会信用代码|信用代码" },
	{ "主体名称", false, "经营主体名称|企业名称|单位名称" },
	{ "主体类型", false, "经营主体类型|企业类型" },
	{ "注册日期", false, "成立日期|登记日期|注册时间|成立时间" },
};

struct person_cells {
	char *v[C_N];
	const char *household, *residence, *stage, *kind;
	struct sbuf cats;
	char date[11];
	char id[IDCARD_LEN + 1]; /* canonical, once the check has read it */
};

static void cells_release(void *cell)
{
	struct person_cells *p = cell;

	for (int c = 0; c < C_N; c++)
		free(p->v[c]);
	sbuf_release(&p->cats);
}

/* 创业阶段 as rosters write it; empty for a person with an organisation
 * (a registered business has started). NULL if it says neither. */
static const char *stage_read(const char *said, bool has_org)
{
	static const struct word_means words[] = {
		{ "意向创业", "intending" },   { "意向创业者", "intending" },
		{ "有创业意向", "intending" }, { "创业意向", "intending" },
		{ "意向", "intending" },       { "未创业", "intending" },
		{ "已创业", "started" },       { "已创业者", "started" },
		{ "创业中", "started" },       { "已开业", "started" },
	};

	if (!*said && has_org)
		return "started";
	return word_means(words, sizeof(words) / sizeof(words[0]), said);
}

struct mobile_take {
	char *out;
	enum mobile_reason first; /* why the first item is not one */
	bool tried;
};

static bool mobile_take(char *item, void *ctx)
{
	struct mobile_take *t = ctx;
	enum mobile_reason r = mobile_parse(item, t->out);

	if (r != MOBILE_OK && !t->tried)
		t->first = r;
	t->tried = true;
	return r == MOBILE_OK;
}

/* The first mobile number of a cell that may hold several
 * (13955501234/13800001111); else why the first is not one. */
static enum mobile_reason mobile_of(const char *cell, char out[MOBILE_LEN + 1])
{
	struct mobile_take t = { out, MOBILE_EMPTY, false };

	return sheet_each(cell, mobile_take, &t) ? MOBILE_OK : t.first;
}

/* A cell that says a person is in no category. */
static bool category_none(const char *cell)
{
	static const char *const none[] = { "无", "—", "-", "/" };

	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (strcmp(cell, none[i]) == 0)
			return true;
	return false;
}

/* Check one row as the counter would; false (and reported) if it cannot go in. */
static bool row_check(struct sheet_import *im, size_t i, void *cell)
{
	struct person_cells *p = cell;
	const struct csv_row *row = sheet_row(&im->sheet, i);
	struct idcard id;
	char mobile[MOBILE_LEN + 1];
	const struct region *r;
	char *bad = NULL;
	const char *why;

	for (int c = 0; c < C_N; c++)
		p->v[c] = sheet_cell(&im->sheet, i, c);
	sheet_name(&p->v[C_NAME]);
	char day[11];
	if (sheet_date_text(p->v[C_DATE], day)) {
		free(p->v[C_DATE]);
		p->v[C_DATE] = xstrdup(day);
	}
	sbuf_init(&p->cats);
	if ((why = idcard_reason_msg(idcard_parse(p->v[C_ID], im->sheet.today, &id))))
		return sheet_reject(&im->sheet, row->line, _(sheet_number_why(p->v[C_ID], why)),
				    NULL),
		       false;
	memcpy(p->id, id.number, sizeof(p->id));
	if (!*p->v[C_NAME])
		return sheet_reject(&im->sheet, row->line, _("the name is missing"), NULL), false;
	if ((why = mobile_reason_msg(mobile_of(p->v[C_MOBILE], mobile))))
		return sheet_reject(&im->sheet, row->line, _(why), NULL), false;
	free(p->v[C_MOBILE]);
	p->v[C_MOBILE] = xstrdup(mobile);
	if (!(r = region_find(&im->regions, p->v[C_HOUSEHOLD])))
		return sheet_reject(&im->sheet, row->line, _("unknown household region"),
				    p->v[C_HOUSEHOLD]),
		       false;
	p->household = r->code;
	if (!(r = region_find(&im->regions, p->v[C_RESIDENCE])) || r->level != 3)
		return sheet_reject(&im->sheet, row->line,
				    _("the residence must be a county of Anhui"),
				    p->v[C_RESIDENCE]),
		       false;
	p->residence = r->code;
	if (!codes_array(category_none(p->v[C_CATEGORIES]) ? "" : p->v[C_CATEGORIES],
			 person_category_code, &im->codes, &p->cats, &bad)) {
		struct sbuf known = SBUF_INIT, msg = SBUF_INIT;
		for (int k = 0; k < im->codes.count; k++)
			sbuf_addf(&known, "%s%s", k ? "、" : "", im->codes.name[k]);
		sbuf_addf(&msg, _("unknown person category \"%s\"; the categories are: %s"), bad,
			  known.buf);
		sheet_reject(&im->sheet, row->line, msg.buf, NULL);
		sbuf_release(&known);
		sbuf_release(&msg);
		free(bad);
		return false;
	}
	if (!(p->stage = stage_read(p->v[C_STAGE], *p->v[C_CODE] || *p->v[C_ORG])))
		return sheet_reject(&im->sheet, row->line, _("创业阶段 must be 意向创业 or 已创业"),
				    p->v[C_STAGE]),
		       false;
	if (!*p->v[C_CODE] && !*p->v[C_ORG] && !*p->v[C_KIND])
		return true; /* no organisation */
	struct uscc u;
	if ((why = uscc_reason_msg(uscc_parse(p->v[C_CODE], &u))))
		return sheet_reject(&im->sheet, row->line, _(sheet_number_why(p->v[C_CODE], why)),
				    NULL),
		       false;
	const struct org_kind *k = org_kind_read(p->v[C_KIND], (int)u.kind);
	if (k && k->excluded)
		return sheet_reject(&im->sheet, row->line,
				    _("state-owned and collective enterprises, social groups and "
				      "foundations are not users of the platform (Art. 3)"),
				    p->v[C_KIND]),
		       false;
	if (k)
		p->kind = k->code;
	if (uscc_kind_is_excluded(u.kind))
		return sheet_reject(&im->sheet, row->line,
				    _("state-owned and collective enterprises, social groups and "
				      "foundations are not users of the platform (Art. 3)"),
				    p->v[C_CODE]),
		       false;
	if (!p->kind)
		return sheet_reject(&im->sheet, row->line, _("unknown organisation kind"),
				    p->v[C_KIND]),
		       false;
	if (!*p->v[C_ORG])
		return sheet_reject(&im->sheet, row->line, _("the organisation's name is missing"),
				    NULL),
		       false;
	struct date d;
	if ((why = date_reason_msg(date_parse(p->v[C_DATE], &d))))
		return sheet_reject(&im->sheet, row->line, _(why), p->v[C_DATE]), false;
	date_format(d, p->date);
	return true;
}

static enum db_status row_insert(struct db_conn *c, const void *cell, struct db_error *err)
{
	const struct person_cells *p = cell;
	const char *params[] = { p->v[C_ID],
				 p->v[C_NAME],
				 p->v[C_MOBILE],
				 p->household,
				 p->residence,
				 p->cats.buf,
				 p->stage,
				 *p->v[C_CODE] ? p->v[C_CODE] : NULL,
				 *p->v[C_ORG] ? p->v[C_ORG] : NULL,
				 p->kind,
				 *p->date ? p->date : NULL };

	return db_exec(
		c,
		"SELECT wc_admin.person_import($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10,"
		" $11::date)",
		11, params, NULL, err);
}

static const char *row_key(const void *cell)
{
	return ((const struct person_cells *)cell)->id;
}

/* The database holds a person with this ID number. */
static bool id_held(const struct db_error *err)
{
	return strcmp(err->sqlstate, "WC011") == 0;
}

static void id_clash(struct sbuf *out, size_t line)
{
	sbuf_addf(out, _("the same ID number as line %zu"), line);
}

int import_people(struct db_conn *c, const char *path, const char *encoding, bool partial)
{
	static const struct sheet_import_ops ops = {
		.columns = columns,
		.ncols = C_N,
		.cell_size = sizeof(struct person_cells),
		.load_codes = db_person_categories,
		.check = row_check,
		.insert = row_insert,
		.release = cells_release,
		.key = row_key,
		.held = id_held,
		.clash = id_clash,
	};

	return sheet_import_run(&ops, c, path, encoding, partial);
}
