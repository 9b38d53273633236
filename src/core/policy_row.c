/* policy_row: a policy's cells checked as the import and the editor need; see policy_row.h. */
#include "config.h"
#include "policy_row.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "money.h"
#include "normalize.h"
#include "text.h"
#include "verify_items.h"
#include "xalloc.h"

const char *const policy_col_sheet[PC_N] = {
	[PC_CODE] = "编号",
	[PC_TITLE] = "标题",
	[PC_REGION] = "适用地区",
	[PC_EFFECTIVE] = "生效日期",
	[PC_KIND] = "扶持方式",
	[PC_DOC_NO] = "发文字号",
	[PC_ISSUER] = "发文机关",
	[PC_EXPIRES] = "失效日期",
	[PC_MAX] = "最高金额(元)",
	[PC_GROUPS] = "对象",
	[PC_AGE_MIN] = "年龄下限",
	[PC_AGE_MAX] = "年龄上限",
	[PC_REG_MIN] = "注册月数下限",
	[PC_REG_MAX] = "注册月数上限",
	[PC_ENTITIES] = "主体类型",
	[PC_CONDITIONS] = "条件",
	[PC_VERIFY] = "待核实条件",
	[PC_INTERPRETATION] = "解读",
	[PC_BODY] = "正文",
};

void policy_row_release(struct policy_row *r)
{
	free(r->code);
	free(r->title);
	free(r->doc_no);
	free(r->issuer);
	free(r->conditions);
	free(r->to_verify);
	free(r->interpretation);
	free(r->body);
	sbuf_release(&r->groups);
	sbuf_release(&r->entities);
	memset(r, 0, sizeof(*r));
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

/* A whole number up to max with an optional unit (35, 35周岁, 6个月) into out; "" for none. */
static bool bound_cell(const char *s, long max, char out[8])
{
	static const char *const units[] = { "周岁", "岁", "个月", "月" };
	long v = 0;
	const char *p = s;

	out[0] = '\0';
	if (means_none(s))
		return true;
	while (isdigit((unsigned char)*p) && v <= max)
		v = v * 10 + (*p++ - '0');
	if (p == s || v > max)
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

/* A list of person categories, with 不限 for none. */
static bool groups_cell(const struct code_list *l, const char *s, struct sbuf *out, char **bad)
{
	if (means_none(s)) {
		sbuf_adds(out, "{}");
		return true;
	}
	return codes_array(s, person_category_code, l, out, bad);
}

/* An entity-kind cell (个人, 个体工商户, …, with 不限 for none) as {codes}: the
 * names the 条件 language knows. */
static const char *entity_code(const char *name, const void *ctx)
{
	(void)ctx;
	return cond_name_code(COND_ENTITY, name, NULL);
}

static bool entities_cell(const char *s, struct sbuf *out, char **bad)
{
	if (means_none(s)) {
		sbuf_adds(out, "{}");
		return true;
	}
	return codes_array(s, entity_code, NULL, out, bad);
}

/* A text cell kept as written: CRLF as LF, blanks trimmed at both ends. */
static char *text_cell(const char *raw)
{
	struct sbuf sb = SBUF_INIT;
	const char *p = raw ? raw : "";
	size_t n;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	for (; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			sbuf_addch(&sb, *p);
	n = sb.len;
	while (n && (sb.buf[n - 1] == ' ' || sb.buf[n - 1] == '\t' || sb.buf[n - 1] == '\n' ||
		     sb.buf[n - 1] == '\r'))
		n--;
	char *out = xstrndup(sb.buf, n);
	sbuf_release(&sb);
	return out;
}

/* A short cell: NFKC, trimmed. */
static char *short_cell(const char *raw)
{
	char *n = normalize_input(raw ? raw : "", 0);
	return n ? n : xstrdup(raw ? raw : "");
}

static char *reason(const char *why, const char *what)
{
	struct sbuf sb = SBUF_INIT;

	if (what && *what)
		sbuf_addf(&sb, _("%s (%s)"), _(why), what);
	else
		sbuf_adds(&sb, _(why));
	return sbuf_detach(&sb);
}

static char *cond_reason(enum cond_error e, size_t where, const char *word)
{
	struct sbuf sb = SBUF_INIT;
	char msg[512];

	/* the messages with a word take it as their one %s */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(msg, sizeof(msg), _(cond_error_msgid(e)), word ? word : "");
#pragma GCC diagnostic pop
	sbuf_addf(&sb, _("条件, character %zu: %s"), where, msg);
	return sbuf_detach(&sb);
}

/* The stored form of a 待核实条件 cell into *out, or why it cannot be stored. */
static char *verify_cell(const char *raw, char **out)
{
	struct sbuf sb = SBUF_INIT;
	char *cell = text_cell(raw), *why = NULL;
	size_t which = 0;

	switch (verify_items_canonical(cell, &sb, &which)) {
	case VERIFY_OK:
		*out = sbuf_detach(&sb);
		break;
	case VERIFY_ERR_TEXT:
		why = xstrdup(_("待核实条件 is not valid text"));
		break;
	case VERIFY_ERR_ITEM_LONG:
		sbuf_reset(&sb);
		sbuf_addf(&sb, _("待核实条件, item %zu: longer than %d characters"), which,
			  VERIFY_ITEM_MAX);
		why = sbuf_detach(&sb);
		break;
	case VERIFY_ERR_LONG:
		sbuf_reset(&sb);
		sbuf_addf(&sb, _("待核实条件: longer than %d characters in all"), VERIFY_TEXT_MAX);
		why = sbuf_detach(&sb);
		break;
	}
	sbuf_release(&sb);
	free(cell);
	return why;
}

bool policy_row_check(const char *const cells[PC_N], const struct policy_lists *l,
		      struct policy_row *r, enum policy_col *col, char **message)
{
	char *v[PC_N];
	char *bad = NULL;
	const char *why = NULL, *what = NULL;
	struct date eff, exp;
	enum policy_col at = PC_N;

	memset(r, 0, sizeof(*r));
	*message = NULL;
	for (int c = 0; c < PC_N; c++)
		v[c] = short_cell(cells[c]);
	sbuf_init(&r->groups);
	sbuf_init(&r->entities);
	r->code = xstrdup(v[PC_CODE]);
	r->title = text_cell(cells[PC_TITLE]);
	r->doc_no = text_cell(cells[PC_DOC_NO]);
	r->issuer = text_cell(cells[PC_ISSUER]);
	r->interpretation = text_cell(cells[PC_INTERPRETATION]);
	r->body = text_cell(cells[PC_BODY]);

	const struct region *reg = region_find(
		l->regions, strcmp(v[PC_REGION], "全省") == 0 ? "340000" : v[PC_REGION]);
	int kind = code_list_find(l->kinds, v[PC_KIND]);
	bool open_ended = means_none(v[PC_EXPIRES]);

	if (!code_ok(r->code))
		at = PC_CODE, why = N_("the policy number must be 1 to 40 letters, digits, - or _"),
		what = v[PC_CODE];
	else if (!*r->title)
		at = PC_TITLE, why = N_("the title is missing");
	else if (text_width(r->title) > 400)
		at = PC_TITLE, why = N_("the title is too long");
	else if (!reg)
		at = PC_REGION, why = N_("unknown region"), what = v[PC_REGION];
	else if (date_parse(v[PC_EFFECTIVE], &eff) != DATE_OK)
		at = PC_EFFECTIVE, why = N_("the effective date is not a date"),
		what = v[PC_EFFECTIVE];
	else if (!open_ended && date_parse(v[PC_EXPIRES], &exp) != DATE_OK)
		at = PC_EXPIRES, why = N_("the expiry date is not a date"), what = v[PC_EXPIRES];
	else if (!open_ended && date_compare(exp, eff) < 0)
		at = PC_EXPIRES, why = N_("the policy expires before it takes effect");
	else if (kind < 0)
		at = PC_KIND,
		why = N_("unknown kind of support (资金补贴, 贷款及贴息, 税费减免, 场地支持, "
			 "培训补贴, "
			 "服务支持 or 其他)"),
		what = v[PC_KIND];
	else if (!amount_cell(v[PC_MAX], r->max))
		at = PC_MAX, why = N_("the maximum amount is not an amount in yuan"),
		what = v[PC_MAX];
	else if (!bound_cell(v[PC_AGE_MIN], 150, r->age_min))
		at = PC_AGE_MIN, why = N_("an age limit is not a whole number of years");
	else if (!bound_cell(v[PC_AGE_MAX], 150, r->age_max))
		at = PC_AGE_MAX, why = N_("an age limit is not a whole number of years");
	else if (*r->age_min && *r->age_max && atoi(r->age_min) > atoi(r->age_max))
		at = PC_AGE_MAX, why = N_("the lower age limit is above the upper one");
	else if (!bound_cell(v[PC_REG_MIN], 1200, r->reg_min))
		at = PC_REG_MIN, why = N_("a registration limit is not a whole number of months");
	else if (!bound_cell(v[PC_REG_MAX], 1200, r->reg_max))
		at = PC_REG_MAX, why = N_("a registration limit is not a whole number of months");
	else if (*r->reg_min && *r->reg_max && atoi(r->reg_min) > atoi(r->reg_max))
		at = PC_REG_MAX, why = N_("the lower registration limit is above the upper one");
	else if (!groups_cell(l->groups, v[PC_GROUPS], &r->groups, &bad))
		at = PC_GROUPS, why = N_("unknown person category"), what = bad;
	else if (!entities_cell(v[PC_ENTITIES], &r->entities, &bad))
		at = PC_ENTITIES,
		why = N_("unknown entity kind (个人, 个体工商户, 小微企业, 农民专业合作社 or "
			 "民办非企业单位)"),
		what = bad;
	if (at == PC_N && (*message = verify_cell(cells[PC_VERIFY], &r->to_verify)))
		at = PC_VERIFY;
	else if (at != PC_N)
		*message = reason(why, what);
	if (at == PC_N) {
		struct cond *cond = NULL;
		size_t where;
		char *word = NULL;
		enum cond_error e = cond_parse(v[PC_CONDITIONS], l->vocab, &cond, &where, &word);
		if (e != COND_OK) {
			at = PC_CONDITIONS;
			*message = cond_reason(e, where, word);
			free(word);
		} else {
			struct sbuf canon = SBUF_INIT;
			if (cond)
				cond_format(cond, l->vocab, &canon);
			r->conditions = xstrdup(canon.buf);
			sbuf_release(&canon);
			cond_free(cond);
			r->open_to_all = strcmp(v[PC_GROUPS], "不限") == 0;
			r->region = reg->code;
			r->kind = l->kinds->code[kind];
			date_format(eff, r->effective);
			if (open_ended)
				r->expires[0] = '\0';
			else
				date_format(exp, r->expires);
		}
	}
	*col = at;
	free(bad);
	for (int c = 0; c < PC_N; c++)
		free(v[c]);
	return at == PC_N;
}
