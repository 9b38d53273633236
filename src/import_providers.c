/*
 * import_providers: wanchuang-admin import providers FILE — the
 * providers admitted before the platform, from the roster a bureau or
 * the operator keeps. They arrive active, as their onboarding was done
 * on paper; new organisations apply through the onboarding screens.
 *
 * Header (columns in any order):
 *   统一社会信用代码,机构名称,主体类型,所在地区,法定代表人,联系人,联系电话,服务类别
 * 主体类型 as offices write it: 有限责任公司, 股份有限公司, 企业, 个体工商户,
 * 农民专业合作社, 事业单位, 民办非企业单位, 社会服务机构, 社会团体, 律师事务所, …;
 * 所在地区 by code or name (蜀山区, 合肥市蜀山区); 联系电话 a mobile or a
 * landline with its area code; 服务类别 names separated by 、，,;； or blanks,
 * with or without 创业 before and 服务 after (创业培训, 财税服务).
 */
#include "config.h"
#include "import.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "i18n.h"

/* a telephone with its extension (0551-65123456转8001) */
#define PHONE_CELL_MAX (PHONE_MAX + 16)

enum col { C_CODE, C_NAME, C_KIND, C_REGION, C_LEGAL, C_CONTACT, C_PHONE, C_CATS, C_N };

static const struct sheet_column columns[C_N] = {
	{ "统一社会信用代码", true, "社会信用代码|信用代码" },
	{ "机构名称", true, "服务机构名称|服务商名称|单位名称|机构全称" },
	{ "主体类型", true, "机构类型|单位性质|机构性质|单位类型" },
	{ "所在地区", true, "所在地|所属地区|注册地" },
	{ "法定代表人", true, "法人代表|法定代表人(负责人)|负责人" },
	{ "联系人", true, "联系人姓名" },
	{ "联系电话", true, "电话|联系方式|手机号码" },
	{ "服务类别", true, "服务类型|服务范围" },
};

/* 主体类型 as spreadsheets write it: the first entry whose words occur. */
static const struct {
	const char *words, *kind;
} kinds[] = {
	{ "律师事务所", "law_firm" },
	{ "个体", "individual_business" },
	{ "合作社", "cooperative" },
	{ "事业单位", "public_institution" },
	{ "民办非企业", "social_organisation" },
	{ "社会服务机构", "social_organisation" },
	{ "社会团体", "social_organisation" },
	{ "基金会", "social_organisation" },
	{ "社会组织", "social_organisation" },
	{ "协会", "social_organisation" },
	{ "商会", "social_organisation" },
	{ "学会", "social_organisation" },
	{ "联合会", "social_organisation" },
	{ "促进会", "social_organisation" },
	{ "大学", "public_institution" }, /* a university's 创业学院 and the like */
	{ "学院", "public_institution" },
	{ "学校", "public_institution" },
	{ "公司", "enterprise" },
	{ "企业", "enterprise" },
	{ "事务所", "enterprise" }, /* 会计师事务所, 税务师事务所 */
	{ "其他", "other" },
};

/* Service categories under other names offices use. */
static const struct {
	const char *name, *category;
} category_aliases[] = {
	{ "财务", "tax" },	  { "税务", "tax" },	   { "代理记账", "tax" },
	{ "人力资源", "talent" }, { "招聘", "talent" },	   { "投融资", "financing" },
	{ "咨询", "consulting" }, { "代办", "agency" },	   { "法律咨询", "legal" },
	{ "孵化", "venue" },	  { "创业孵化", "venue" },
};

struct provider_cells {
	char *v[C_N];
	const char *kind, *region;
	char phone[PHONE_CELL_MAX];
	struct sbuf cats;
	char code[USCC_LEN + 1]; /* canonical, once the check has read it */
};

static const char *kind_of(const char *written)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strstr(written, kinds[i].words))
			return kinds[i].kind;
	return NULL;
}

/* One category as written (创业培训, 财税服务, 代理记账) as its code, or NULL. */
static const char *category_of(const char *written, const void *ctx)
{
	const struct code_list *l = ctx;
	size_t len = strlen(written);
	char *w = xstrdup(written);
	const char *code = NULL;
	int k;

	if (len > strlen("服务") && strcmp(w + len - strlen("服务"), "服务") == 0)
		w[len - strlen("服务")] = '\0';
	for (int pass = 0; pass < 2 && !code; pass++) {
		const char *s = pass == 0 ? written : w;
		if (pass == 1 && strncmp(s, "创业", strlen("创业")) == 0 && s[strlen("创业")])
			s += strlen("创业");
		if ((k = code_list_find(l, s)) >= 0)
			code = l->code[k];
		for (size_t i = 0;
		     !code && i < sizeof(category_aliases) / sizeof(category_aliases[0]); i++)
			if (strcmp(s, category_aliases[i].name) == 0)
				code = category_aliases[i].category;
	}
	/* a longer name holding one category's (财税代理, 场地租赁, 企业管理咨询):
	 * the longest such name, so 管理咨询 wins over a shorter one */
	size_t best = 0;
	for (int i = 0; !code && i < l->count; i++)
		if (strstr(written, l->name[i]) && strlen(l->name[i]) > best) {
			best = strlen(l->name[i]);
			k = i;
		}
	if (!code && best)
		code = l->code[k];
	free(w);
	return code;
}

/* One telephone with an extension kept (0551-65123456转8001). */
static bool phone_one(char *s, char out[PHONE_CELL_MAX])
{
	char *ext = strstr(s, "转");
	const char *digits = ext ? ext + strlen("转") : NULL;

	if (ext)
		*ext = '\0';
	if (!phone_parse(s, out))
		return false;
	if (digits && *digits) {
		if (strlen(digits) > 6 || strspn(digits, "0123456789") != strlen(digits))
			return false;
		snprintf(out + strlen(out), PHONE_CELL_MAX - strlen(out), "转%s", digits);
	}
	return true;
}

static bool phone_take(char *item, void *out)
{
	return phone_one(item, out);
}

/* The first telephone of a cell that may hold several
 * (0551-65123456/13955501234). */
static bool phone_of(const char *cell, char out[PHONE_CELL_MAX])
{
	return sheet_each(cell, phone_take, out);
}

/* Present and at most max characters (the database's limits). */
static bool fits(const char *s, size_t max)
{
	return *s && u8_mbsnlen((const uint8_t *)s, strlen(s)) <= max;
}

static void cells_release(void *cell)
{
	struct provider_cells *p = cell;

	for (int c = 0; c < C_N; c++)
		free(p->v[c]);
	sbuf_release(&p->cats);
}

/* Check one row; false (and reported) if it cannot go in. */
static bool row_check(struct sheet_import *im, size_t i, void *cell)
{
	struct provider_cells *p = cell;
	const struct csv_row *row = sheet_row(&im->sheet, i);
	const struct region *r;
	struct uscc u;
	char *bad = NULL;
	const char *why;

	for (int c = 0; c < C_N; c++)
		p->v[c] = sheet_cell(&im->sheet, i, c);
	sheet_name(&p->v[C_LEGAL]);
	sheet_name(&p->v[C_CONTACT]);
	sbuf_init(&p->cats);
	if ((why = uscc_reason_msg(uscc_parse(p->v[C_CODE], &u))))
		return sheet_reject(&im->sheet, row->line, _(sheet_number_why(p->v[C_CODE], why)),
				    p->v[C_CODE]),
		       false;
	memcpy(p->code, u.code, sizeof(p->code));
	if (!fits(p->v[C_NAME], 100))
		return sheet_reject(&im->sheet, row->line,
				    _("the organisation's name is missing or too long"), NULL),
		       false;
	if (!(p->kind = kind_of(p->v[C_KIND])))
		return sheet_reject(&im->sheet, row->line, _("unknown organisation kind"),
				    p->v[C_KIND]),
		       false;
	if (!(r = region_find(&im->regions, p->v[C_REGION])))
		return sheet_reject(&im->sheet, row->line, _("unknown region"), p->v[C_REGION]),
		       false;
	p->region = r->code;
	if (!fits(p->v[C_LEGAL], 40))
		return sheet_reject(&im->sheet, row->line,
				    _("the legal representative is missing or too long"), NULL),
		       false;
	if (!fits(p->v[C_CONTACT], 40))
		return sheet_reject(&im->sheet, row->line,
				    _("the contact person is missing or too long"), NULL),
		       false;
	if (!phone_of(p->v[C_PHONE], p->phone))
		return sheet_reject(&im->sheet, row->line,
				    _("the telephone is neither a mobile nor a landline with its "
				      "area code"),
				    p->v[C_PHONE]),
		       false;
	if (!codes_array(p->v[C_CATS], category_of, &im->codes, &p->cats, &bad)) {
		sheet_reject(&im->sheet, row->line, _("unknown service category"), bad);
		free(bad);
		return false;
	}
	if (strcmp(p->cats.buf, "{}") == 0)
		return sheet_reject(&im->sheet, row->line, _("the service categories are missing"),
				    NULL),
		       false;
	return true;
}

static enum db_status row_insert(struct db_conn *c, const void *cell, struct db_error *err)
{
	const struct provider_cells *p = cell;
	const char *params[] = { p->v[C_CODE],	p->v[C_NAME],	 p->kind,  p->region,
				 p->v[C_LEGAL], p->v[C_CONTACT], p->phone, p->cats.buf };

	return db_exec(c, "SELECT wc_admin.provider_import($1, $2, $3, $4, $5, $6, $7, $8::text[])",
		       8, params, NULL, err);
}

static const char *row_key(const void *cell)
{
	return ((const struct provider_cells *)cell)->code;
}

/* The database holds a provider with this credit code. */
static bool code_held(const struct db_error *err)
{
	return strcmp(err->sqlstate, "WC060") == 0 && err->detail &&
	       strcmp(err->detail, "already_provider") == 0;
}

static void code_clash(struct sbuf *out, size_t line)
{
	sbuf_addf(out, _("the same credit code as line %zu"), line);
}

int import_providers(struct db_conn *c, const char *path, const char *encoding, bool partial)
{
	static const struct sheet_import_ops ops = {
		.columns = columns,
		.ncols = C_N,
		.cell_size = sizeof(struct provider_cells),
		.load_codes = db_service_categories,
		.check = row_check,
		.insert = row_insert,
		.release = cells_release,
		.key = row_key,
		.held = code_held,
		.clash = code_clash,
	};

	return sheet_import_run(&ops, c, path, encoding, partial);
}
