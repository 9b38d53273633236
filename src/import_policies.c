/*
 * import_policies: wanchuang-admin import policies FILE.csv — support
 * policies from the spreadsheet a bureau keeps.
 *
 * Header (any order; the first five are required):
 *   编号,标题,适用地区,生效日期,扶持方式,发文字号,发文机关,失效日期,
 *   最高金额(元),对象,年龄下限,年龄上限,注册月数下限,注册月数上限,
 *   主体类型,条件,解读,正文
 * Re-importing a 编号 updates that policy. Cells are read as offices
 * write them: regions by code or name (全省 for the province), dates in
 * any form date_parse knows, 失效日期 empty or 长期有效, amounts as
 * 300000, 300,000元 or 30万, ages as 35 or 35周岁, lists separated by
 * 、 or ; with 不限 for none. 条件 is the matcher's own language
 * (src/core/eligibility.h) and is stored in its canonical form.
 */
#include "config.h"
#include "import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sheet.h"

enum pcol {
	P_CODE,
	P_TITLE,
	P_REGION,
	P_EFFECTIVE,
	P_KIND,
	P_DOC_NO,
	P_ISSUER,
	P_EXPIRES,
	P_MAX,
	P_GROUPS,
	P_AGE_MIN,
	P_AGE_MAX,
	P_REG_MIN,
	P_REG_MAX,
	P_ENTITIES,
	P_CONDITIONS,
	P_INTERPRETATION,
	P_BODY,
	P_N
};

static const struct sheet_column columns[P_N] = {
	[P_CODE] = { "编号", true },
	[P_TITLE] = { "标题", true },
	[P_REGION] = { "适用地区", true },
	[P_EFFECTIVE] = { "生效日期", true },
	[P_KIND] = { "扶持方式", true },
	[P_DOC_NO] = { "发文字号", false },
	[P_ISSUER] = { "发文机关", false },
	[P_EXPIRES] = { "失效日期", false },
	[P_MAX] = { "最高金额(元)", false },
	[P_GROUPS] = { "对象", false },
	[P_AGE_MIN] = { "年龄下限", false },
	[P_AGE_MAX] = { "年龄上限", false },
	[P_REG_MIN] = { "注册月数下限", false },
	[P_REG_MAX] = { "注册月数上限", false },
	[P_ENTITIES] = { "主体类型", false },
	[P_CONDITIONS] = { "条件", false },
	[P_INTERPRETATION] = { "解读", false },
	[P_BODY] = { "正文", false },
};

/* One checked row, ready for wc_admin.policy_import. */
struct policy_row {
	char *code, *title, *doc_no, *issuer, *conditions, *interpretation, *body;
	const char *region, *kind;
	char effective[11], expires[11];
	char max[24], age_min[8], age_max[8], reg_min[8], reg_max[8];
	struct sbuf groups, entities;
};

struct policy_import {
	struct sheet sheet;
	struct region_list regions;
	struct code_list groups, kinds, entities;
	struct cond_vocab vocab;
	struct policy_row *rows;
	size_t inserted, updated, unchanged;
};

static void row_release(struct policy_row *r)
{
	free(r->code);
	free(r->title);
	free(r->doc_no);
	free(r->issuer);
	free(r->conditions);
	free(r->interpretation);
	free(r->body);
	sbuf_release(&r->groups);
	sbuf_release(&r->entities);
}

/* Words offices write for "none" or "no limit". */
static bool means_none(const char *s)
{
	static const char *const none[] = { "", "无", "不限", "—", "-", "/", "长期", "长期有效" };

	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (strcmp(s, none[i]) == 0)
			return true;
	return false;
}

/* A whole number with an optional unit (35, 35周岁, 6个月) into out; "" for none. */
static bool bound_cell(const char *s, char out[8])
{
	static const char *const units[] = { "周岁", "岁", "个月", "月" };
	long v = 0;
	const char *p = s;

	out[0] = '\0';
	if (means_none(s))
		return true;
	while (isdigit((unsigned char)*p) && v <= 1200)
		v = v * 10 + (*p++ - '0');
	if (p == s || v > 1200)
		return false;
	for (size_t i = 0; *p && i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(p, units[i]) == 0)
			p += strlen(p);
	if (*p)
		return false;
	snprintf(out, 8, "%d", (int)v);
	return true;
}

/* 300000, 300,000元, ￥300000 or 30万(元) into whole yuan; "" for none. */
static bool amount_cell(const char *s, char out[24])
{
	char *t = xstrdup(s);
	size_t n = strlen(t);
	int64_t fen, scale = 1;
	bool ok;

	out[0] = '\0';
	if (means_none(s)) {
		free(t);
		return true;
	}
	if (n >= 3 && strcmp(t + n - 3, "元") == 0)
		t[n -= 3] = '\0';
	if (n >= 3 && strcmp(t + n - 3, "万") == 0) {
		t[n -= 3] = '\0';
		scale = 10000;
	}
	ok = money_parse_yuan(t, &fen) == MONEY_OK && fen <= INT64_MAX / scale &&
	     (fen * scale) % 100 == 0;
	if (ok)
		snprintf(out, 24, "%lld", (long long)(fen * scale / 100));
	free(t);
	return ok;
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 40 || !isalnum((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

/* A list cell with 不限 for none. */
static bool list_cell(const struct code_list *l, const char *s, struct sbuf *out, char **bad)
{
	if (means_none(s)) {
		sbuf_adds(out, "{}");
		return true;
	}
	return sheet_code_array(l, s, out, bad);
}

static bool row_check(struct policy_import *im, size_t i, struct policy_row *r)
{
	struct sheet *sh = &im->sheet;
	size_t line = sheet_row(sh, i)->line;
	char *v[P_N];
	char *bad = NULL;
	const char *why = NULL, *what = NULL;
	struct date eff, exp;
	bool ok = false;

	for (int c = 0; c < P_N; c++)
		v[c] = sheet_cell(sh, i, c);
	sbuf_init(&r->groups);
	sbuf_init(&r->entities);
	r->code = xstrdup(v[P_CODE]);
	r->title = sheet_text(sh, i, P_TITLE);
	r->doc_no = sheet_text(sh, i, P_DOC_NO);
	r->issuer = sheet_text(sh, i, P_ISSUER);
	r->interpretation = sheet_text(sh, i, P_INTERPRETATION);
	r->body = sheet_text(sh, i, P_BODY);

	const struct region *reg = strcmp(v[P_REGION], "全省") == 0
					   ? region_find(&im->regions, "340000")
					   : region_find(&im->regions, v[P_REGION]);
	int kind = code_list_find(&im->kinds, v[P_KIND]);

	if (!code_ok(r->code))
		why = N_("the policy number must be 1 to 40 letters, digits, - or _"),
		what = v[P_CODE];
	else if (!*r->title)
		why = N_("the title is missing");
	else if (text_width(r->title) > 400)
		why = N_("the title is too long");
	else if (!reg)
		why = N_("unknown region"), what = v[P_REGION];
	else if (date_parse(v[P_EFFECTIVE], &eff) != DATE_OK)
		why = N_("the effective date is not a date"), what = v[P_EFFECTIVE];
	else if (!means_none(v[P_EXPIRES]) && date_parse(v[P_EXPIRES], &exp) != DATE_OK)
		why = N_("the expiry date is not a date"), what = v[P_EXPIRES];
	else if (!means_none(v[P_EXPIRES]) && date_compare(exp, eff) < 0)
		why = N_("the policy expires before it takes effect");
	else if (kind < 0)
		why = N_("unknown kind of support (资金补贴, 贷款及贴息, 税费减免, 场地支持, "
			 "培训补贴, "
			 "服务支持 or 其他)"),
		what = v[P_KIND];
	else if (!amount_cell(v[P_MAX], r->max))
		why = N_("the maximum amount is not an amount in yuan"), what = v[P_MAX];
	else if (!bound_cell(v[P_AGE_MIN], r->age_min) || !bound_cell(v[P_AGE_MAX], r->age_max) ||
		 (*r->age_min && atoi(r->age_min) > 150) || (*r->age_max && atoi(r->age_max) > 150))
		why = N_("an age limit is not a whole number of years");
	else if (*r->age_min && *r->age_max && atoi(r->age_min) > atoi(r->age_max))
		why = N_("the lower age limit is above the upper one");
	else if (!bound_cell(v[P_REG_MIN], r->reg_min) || !bound_cell(v[P_REG_MAX], r->reg_max))
		why = N_("a registration limit is not a whole number of months");
	else if (*r->reg_min && *r->reg_max && atoi(r->reg_min) > atoi(r->reg_max))
		why = N_("the lower registration limit is above the upper one");
	else if (!list_cell(&im->groups, v[P_GROUPS], &r->groups, &bad))
		why = N_("unknown person category"), what = bad;
	else if (!list_cell(&im->entities, v[P_ENTITIES], &r->entities, &bad))
		why = N_("unknown entity kind (个人, 个体工商户, 小微企业, 农民专业合作社 or "
			 "民办非企业单位)"),
		what = bad;
	else
		ok = true;
	if (ok) {
		struct cond *cond = NULL;
		size_t where;
		char *word = NULL;
		enum cond_error e = cond_parse(v[P_CONDITIONS], &im->vocab, &cond, &where, &word);
		if (e != COND_OK) {
			char msg[512], at[600];
			/* the messages with a word take it as their one %s */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			snprintf(msg, sizeof(msg), _(cond_error_msgid(e)), word ? word : "");
#pragma GCC diagnostic pop
			snprintf(at, sizeof(at), _("条件, character %zu: %s"), where, msg);
			sheet_reject(sh, line, at, NULL);
			free(word);
			ok = false;
		} else {
			struct sbuf canon;
			sbuf_init(&canon);
			if (cond)
				cond_format(cond, &im->vocab, &canon);
			sbuf_addch(&canon, '\0');
			r->conditions = sbuf_detach(&canon);
			cond_free(cond);
		}
	} else {
		sheet_reject(sh, line, _(why), what);
	}
	if (ok) {
		r->region = reg->code;
		r->kind = im->kinds.code[kind];
		date_format(eff, r->effective);
		if (means_none(v[P_EXPIRES]))
			r->expires[0] = '\0';
		else
			date_format(exp, r->expires);
	}
	free(bad);
	for (int c = 0; c < P_N; c++)
		free(v[c]);
	return ok;
}

static const char *or_null(const char *s)
{
	return *s ? s : NULL;
}

static enum db_status row_write(struct db_conn *c, size_t i, void *ctx, struct db_error *err)
{
	struct policy_import *im = ctx;
	struct policy_row *r = &im->rows[i];
	struct db_result *res = NULL;
	const char *params[] = { r->code,
				 r->title,
				 r->doc_no,
				 r->issuer,
				 r->region,
				 r->effective,
				 or_null(r->expires),
				 r->kind,
				 or_null(r->max),
				 r->groups.buf,
				 r->entities.buf,
				 or_null(r->age_min),
				 or_null(r->age_max),
				 or_null(r->reg_min),
				 or_null(r->reg_max),
				 r->conditions,
				 r->interpretation,
				 r->body };
	enum db_status st = db_exec(
		c,
		"SELECT wc_admin.policy_import($1, $2, $3, $4, $5, $6::date, $7::date, $8,"
		" $9::bigint, $10::text[], $11::text[], $12::int, $13::int, $14::int, $15::int,"
		" $16, $17, $18)",
		18, params, &res, err);

	if (st == DB_OK) {
		const char *what = db_result_get(res, 0, 0);
		if (strcmp(what, "inserted") == 0)
			im->inserted++;
		else if (strcmp(what, "updated") == 0)
			im->updated++;
		else
			im->unchanged++;
	}
	db_result_free(&res);
	return st;
}

/* The entity kinds as spreadsheets name them: a person, or an allowed organisation kind. */
static void entities_load(struct code_list *l)
{
	l->code = xcalloc(org_kinds_count + 2, sizeof(char *));
	l->name = xcalloc(org_kinds_count + 2, sizeof(char *));
	l->code[0] = xstrdup("person");
	l->name[0] = xstrdup("个人");
	l->count = 1;
	for (size_t i = 0; i < org_kinds_count; i++)
		if (!org_kinds[i].excluded) {
			l->code[l->count] = xstrdup(org_kinds[i].code);
			l->name[l->count++] = xstrdup(org_kinds[i].sheet);
		}
}

int import_policies(struct db_conn *c, const char *path, const char *encoding, bool partial)
{
	struct policy_import im = { .rows = NULL };
	struct db_error err = DB_ERROR_INIT;
	size_t n, applied;
	bool *good;
	int rc = sheet_open(&im.sheet, path, encoding, columns, P_N);

	if (rc) {
		sheet_close(&im.sheet);
		return rc;
	}
	entities_load(&im.entities);
	if (db_regions_load(c, &im.regions, &err) != DB_OK ||
	    db_person_categories(c, &im.groups, &err) != DB_OK ||
	    db_policy_kinds(c, &im.kinds, &err) != DB_OK) {
		fprintf(stderr, _("could not read the regions: %s\n"), err.primary);
		rc = 1;
		goto done;
	}
	im.vocab = (struct cond_vocab){ &im.groups, &im.regions };
	n = im.sheet.nrows;
	im.rows = xcalloc(n + 1, sizeof(*im.rows));
	good = xcalloc(n + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		good[i] = row_check(&im, i, &im.rows[i]);
	applied = sheet_apply(&im.sheet, c, good, partial, row_write, &im);
	if (applied == 0)
		im.inserted = im.updated = im.unchanged = 0;
	printf(_("imported %zu, updated %zu, unchanged %zu, rejected %zu\n"), im.inserted,
	       im.updated, im.unchanged, im.sheet.rejected);
	rc = im.sheet.rejected == 0 && applied == n ? 0 : 1;
	for (size_t i = 0; i < n; i++)
		row_release(&im.rows[i]);
	free(im.rows);
	free(good);
done:
	region_list_release(&im.regions);
	code_list_release(&im.groups);
	code_list_release(&im.kinds);
	code_list_release(&im.entities);
	sheet_close(&im.sheet);
	db_error_release(&err);
	return rc;
}
