/* cond: the language of policy conditions — its words, parsing and writing
 * a condition, and a policy's rules as a tree; see eligibility.h. */
#include "config.h"
#include "eligibility.h"
#include "cond_words.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "i18n.h"
#include "normalize.h"
#include "orgkind.h"
#include "text.h"
#include "verify_items.h"
#include "xalloc.h"

#define COND_MAX_DEPTH 8
#define COND_MAX_NUMBER 100000

static const char *const field_name[COND_KINDS] = {
	[COND_AGE] = "年龄",	   [COND_REG_MONTHS] = "注册月数", [COND_GRAD_YEARS] = "毕业年限",
	[COND_STAFF] = "员工人数", [COND_HIRE_PCT] = "新招比例",   [COND_GROUP] = "对象",
	[COND_ENTITY] = "主体",	   [COND_REGION] = "地区",	   [COND_STAGE] = "阶段",
	[COND_SEX] = "性别",
};

bool cond_kind_is_number(enum cond_kind k)
{
	return k >= COND_AGE && k <= COND_HIRE_PCT;
}

/* The fixed names of the language: code, as written, as shown (msgid). */
struct name {
	const char *code, *written, *label;
};

static const struct name stage_names[] = {
	{ "intending", "意向创业", N_("intending to start") },
	{ "started", "已创业", N_("already started") },
};
static const struct name sex_names[] = {
	{ "male", "男", N_("male") },
	{ "female", "女", N_("female") },
};
static const struct name person_name = { ENTITY_PERSON, "个人",
					 N_("a person without a registered business") };

const char *cond_name_code(enum cond_kind k, const char *w, const struct cond_vocab *v)
{
	switch (k) {
	case COND_GROUP: {
		int i = v && v->groups ? code_list_find(v->groups, w) : -1;
		return i < 0 ? NULL : v->groups->code[i];
	}
	case COND_ENTITY:
		if (strcmp(w, person_name.written) == 0 || strcmp(w, ENTITY_PERSON) == 0)
			return ENTITY_PERSON;
		for (size_t i = 0; i < org_kinds_count; i++)
			if (!org_kinds[i].excluded && (strcmp(w, org_kinds[i].sheet) == 0 ||
						       strcmp(w, org_kinds[i].code) == 0))
				return org_kinds[i].code;
		return NULL;
	case COND_REGION: {
		const struct region *r = v && v->regions ? region_find(v->regions, w) : NULL;
		if (r)
			return r->code;
		if (!(v && v->regions) && strlen(w) == 6 && strspn(w, "0123456789") == 6 &&
		    strncmp(w, "34", 2) == 0)
			return w;
		return NULL;
	}
	case COND_STAGE:
	case COND_SEX: {
		const struct name *t = k == COND_STAGE ? stage_names : sex_names;
		for (int i = 0; i < 2; i++)
			if (strcmp(w, t[i].written) == 0 || strcmp(w, t[i].code) == 0)
				return t[i].code;
		return NULL;
	}
	default:
		return NULL;
	}
}

const char *cond_code_written(enum cond_kind k, const char *code, const struct cond_vocab *v)
{
	switch (k) {
	case COND_GROUP:
		return v && v->groups ? code_list_name(v->groups, code) : code;
	case COND_ENTITY:
		if (strcmp(code, ENTITY_PERSON) == 0)
			return person_name.written;
		for (size_t i = 0; i < org_kinds_count; i++)
			if (strcmp(code, org_kinds[i].code) == 0)
				return org_kinds[i].sheet;
		return code;
	case COND_STAGE:
	case COND_SEX: {
		const struct name *t = k == COND_STAGE ? stage_names : sex_names;
		for (int i = 0; i < 2; i++)
			if (strcmp(code, t[i].code) == 0)
				return t[i].written;
		return code;
	}
	default:
		return code;
	}
}

/* How a code is shown on screen, translated. */
const char *cond_code_label(enum cond_kind k, const char *code, const struct cond_vocab *v)
{
	switch (k) {
	case COND_GROUP:
		return cond_code_written(k, code, v);
	case COND_ENTITY:
		if (strcmp(code, ENTITY_PERSON) == 0)
			return _(person_name.label);
		for (size_t i = 0; i < org_kinds_count; i++)
			if (strcmp(code, org_kinds[i].code) == 0)
				return _(org_kinds[i].label);
		return code;
	case COND_REGION: {
		const struct region *r = v && v->regions ? region_by_code(v->regions, code) : NULL;
		return r ? r->name : code;
	}
	case COND_STAGE:
	case COND_SEX: {
		const struct name *t = k == COND_STAGE ? stage_names : sex_names;
		for (int i = 0; i < 2; i++)
			if (strcmp(code, t[i].code) == 0)
				return _(t[i].label);
		return code;
	}
	default:
		return code;
	}
}

/* Free what c owns, not c itself: sub is an array of conditions, not of pointers. */
static void cond_release(struct cond *c)
{
	for (size_t i = 0; i < c->nitems; i++)
		free(c->items[i]);
	free(c->items);
	for (size_t i = 0; i < c->nsub; i++)
		cond_release(&c->sub[i]);
	free(c->sub);
}

void cond_free(struct cond *c)
{
	if (c)
		cond_release(c);
	free(c);
}

/* --- parsing --- */

struct parser {
	const char *s, *p; /* the normalised text and the place reached */
	const struct cond_vocab *v;
	enum cond_error err;
	const char *err_at;
	char *what;
};

static bool fail(struct parser *ps, enum cond_error e, const char *at, const char *word, size_t n)
{
	if (ps->err == COND_OK) {
		ps->err = e;
		ps->err_at = at;
		ps->what = word ? xstrndup(word, n) : NULL;
	}
	return false;
}

static void skip_blanks(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static bool eat(struct parser *ps, const char *tok)
{
	size_t n = strlen(tok);

	skip_blanks(ps);
	if (strncmp(ps->p, tok, n) != 0)
		return false;
	ps->p += n;
	return true;
}

static void sub_push(struct cond *g, struct cond *item)
{
	g->sub = xrealloc(g->sub, (g->nsub + 1) * sizeof(*g->sub));
	g->sub[g->nsub++] = *item;
	free(item);
}

static void item_push(struct cond *c, const char *code)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i], code) == 0)
			return;
	c->items = xrealloc(c->items, (c->nitems + 1) * sizeof(*c->items));
	c->items[c->nitems++] = xstrdup(code);
}

static bool parse_list(struct parser *ps, struct cond *g, int depth);

/* The end of a field name or a list name: before an operator, separator or bracket. */
static size_t word_len(const char *p, const char *stops)
{
	const char *q = p;

	while (*q && !strchr(stops, *q) && strncmp(q, "、", 3) != 0 && strncmp(q, "≥", 3) != 0 &&
	       strncmp(q, "≤", 3) != 0)
		q++;
	while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	return (size_t)(q - p);
}

static bool parse_op(struct parser *ps, enum cond_op *op)
{
	static const struct {
		const char *tok;
		enum cond_op op;
	} ops[] = { { ">=", COND_GE }, { "<=", COND_LE }, { "≥", COND_GE }, { "≤", COND_LE },
		    { ">", COND_GT },  { "<", COND_LT },  { "=", COND_EQ } };

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (eat(ps, ops[i].tok)) {
			*op = ops[i].op;
			return true;
		}
	return fail(ps, COND_ERR_OP, ps->p, NULL, 0);
}

static bool parse_atom(struct parser *ps, struct cond *c)
{
	const char *at;
	size_t n;

	skip_blanks(ps);
	at = ps->p;
	n = word_len(at, "<>=;()|, \t");
	c->kind = COND_KINDS;
	for (int k = COND_AGE; k < COND_KINDS; k++)
		if (field_name[k] && strlen(field_name[k]) == n &&
		    strncmp(at, field_name[k], n) == 0)
			c->kind = (enum cond_kind)k;
	if (c->kind == COND_KINDS)
		return n ? fail(ps, COND_ERR_FIELD, at, at, n)
			 : fail(ps, COND_ERR_SYNTAX, at, at, 0);
	ps->p += n;
	if (!parse_op(ps, &c->op))
		return false;
	skip_blanks(ps);
	if (cond_kind_is_number(c->kind)) {
		long v = 0;
		const char *d = ps->p;
		while (*ps->p >= '0' && *ps->p <= '9' && v <= COND_MAX_NUMBER)
			v = v * 10 + (*ps->p++ - '0');
		if (ps->p == d || v > COND_MAX_NUMBER)
			return fail(ps, COND_ERR_NUMBER, d, d, word_len(d, ";()"));
		/* a unit after the number, as people write it */
		static const char *const units[] = { "周岁", "岁", "个月", "月", "年", "人", "%" };
		const char *after = ps->p;
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (eat(ps, units[i]))
				break;
		/* not a unit but the next word ("年龄>=18 年龄<=35" is no "18 年") */
		skip_blanks(ps);
		if (*ps->p && *ps->p != ';' && *ps->p != ')')
			ps->p = after;
		c->value = v;
		return true;
	}
	if (c->op != COND_EQ)
		return fail(ps, COND_ERR_OP, at, NULL, 0);
	for (;;) {
		skip_blanks(ps);
		const char *w = ps->p;
		size_t wn = word_len(w, ";()|,<>=");
		char *word = xstrndup(w, wn);
		const char *code = wn ? cond_name_code(c->kind, word, ps->v) : NULL;
		if (!code) {
			free(word);
			return wn ? fail(ps, COND_ERR_NAME, w, w, wn)
				  : fail(ps, COND_ERR_EMPTY, w, NULL, 0);
		}
		item_push(c, code);
		free(word);
		ps->p += wn;
		if (!eat(ps, "、") && !eat(ps, "|") && !eat(ps, ","))
			return true;
	}
}

static bool parse_item(struct parser *ps, struct cond *c, int depth)
{
	static const struct {
		const char *word;
		enum cond_kind kind;
	} groups[] = { { "任一", COND_ANY }, { "全部", COND_ALL } };

	skip_blanks(ps);
	for (size_t i = 0; i < 2; i++) {
		const char *at = ps->p;
		if (!eat(ps, groups[i].word))
			continue;
		if (depth >= COND_MAX_DEPTH)
			return fail(ps, COND_ERR_DEPTH, at, NULL, 0);
		at = ps->p;
		if (!eat(ps, "("))
			return fail(ps, COND_ERR_PAREN, ps->p, NULL, 0);
		c->kind = groups[i].kind;
		if (!parse_list(ps, c, depth + 1))
			return false;
		if (!c->nsub)
			return fail(ps, COND_ERR_EMPTY, at, NULL, 0);
		if (!eat(ps, ")"))
			return fail(ps, COND_ERR_PAREN, at, NULL, 0);
		return true;
	}
	return parse_atom(ps, c);
}

/* Items separated by ';' into g->sub, up to ')' or the end; empty items are skipped. */
static bool parse_list(struct parser *ps, struct cond *g, int depth)
{
	for (;;) {
		skip_blanks(ps);
		if (*ps->p == ';') {
			ps->p++;
			continue;
		}
		if (!*ps->p || *ps->p == ')')
			return true;
		struct cond *item = xcalloc(1, sizeof(*item));
		if (!parse_item(ps, item, depth)) {
			cond_free(item);
			return false;
		}
		sub_push(g, item);
		skip_blanks(ps);
		if (*ps->p && *ps->p != ';' && *ps->p != ')')
			return fail(ps, COND_ERR_SYNTAX, ps->p, ps->p, word_len(ps->p, ";()"));
	}
}

enum cond_error cond_parse(const char *text, const struct cond_vocab *v, struct cond **out,
			   size_t *where, char **what)
{
	struct parser ps = { .v = v };
	char *norm = normalize_input(text ? text : "", 0);
	struct cond *top;

	*out = NULL;
	if (where)
		*where = 0;
	if (what)
		*what = NULL;
	if (!norm)
		return COND_ERR_TEXT;
	ps.s = ps.p = norm;
	top = xcalloc(1, sizeof(*top));
	top->kind = COND_ALL;
	if (parse_list(&ps, top, 0) && *ps.p == ')')
		fail(&ps, COND_ERR_PAREN, ps.p, NULL, 0);
	if (ps.err != COND_OK) {
		if (where)
			*where = u8_mbsnlen((const uint8_t *)ps.s, (size_t)(ps.err_at - ps.s)) + 1;
		if (what)
			*what = ps.what;
		else
			free(ps.what);
		cond_free(top);
		free(norm);
		return ps.err;
	}
	free(norm);
	if (top->nsub == 0) {
		cond_free(top);
		return COND_OK;
	}
	if (top->nsub == 1) {
		/* one item needs no wrapper */
		struct cond *one = xmalloc(sizeof(*one));
		*one = top->sub[0];
		free(top->sub);
		free(top);
		top = one;
	}
	*out = top;
	return COND_OK;
}

const char *cond_error_msgid(enum cond_error e)
{
	switch (e) {
	case COND_OK:
		return "";
	case COND_ERR_TEXT:
		return N_("the conditions are not valid text");
	case COND_ERR_FIELD:
		return N_("unknown condition \"%s\"");
	case COND_ERR_OP:
		return N_("a comparison (>=, <=, >, <, =) is missing, or a list is compared other "
			  "than with =");
	case COND_ERR_NUMBER:
		return N_("a whole number from 0 to 100000 is expected");
	case COND_ERR_NAME:
		return N_("unknown name \"%s\"");
	case COND_ERR_PAREN:
		return N_("a bracket is not closed, or closed without being opened");
	case COND_ERR_SYNTAX:
		return N_("items must be separated by ；");
	case COND_ERR_EMPTY:
		return N_("an empty list or group");
	case COND_ERR_DEPTH:
		return N_("groups are nested too deep");
	}
	return "";
}

/* --- writing --- */

static const char *const op_text[] = {
	[COND_GE] = ">=", [COND_LE] = "<=", [COND_GT] = ">", [COND_LT] = "<", [COND_EQ] = "="
};

void cond_format(const struct cond *c, const struct cond_vocab *v, struct sbuf *out)
{
	if (c->kind == COND_ALL || c->kind == COND_ANY) {
		bool wrap = c->kind == COND_ANY || out->len > 0;
		if (wrap)
			sbuf_adds(out, c->kind == COND_ANY ? "任一（" : "全部（");
		for (size_t i = 0; i < c->nsub; i++) {
			if (i)
				sbuf_adds(out, "；");
			cond_format(&c->sub[i], v, out);
		}
		if (wrap)
			sbuf_adds(out, "）");
		return;
	}
	/* conditions to verify are a column of their own, never in 条件 */
	if (!field_name[c->kind])
		return;
	sbuf_adds(out, field_name[c->kind]);
	sbuf_adds(out, op_text[c->op]);
	if (cond_kind_is_number(c->kind)) {
		sbuf_addf(out, "%ld", c->value);
		return;
	}
	for (size_t i = 0; i < c->nitems; i++) {
		if (i)
			sbuf_adds(out, "、");
		sbuf_adds(out, cond_code_written(c->kind, c->items[i], v));
	}
}

/* --- rules to a tree --- */

static void cond_copy(struct cond *dst, const struct cond *src)
{
	*dst = (struct cond){ .kind = src->kind, .op = src->op, .value = src->value };
	for (size_t i = 0; i < src->nitems; i++)
		item_push(dst, src->items[i]);
	if (src->nsub) {
		dst->sub = xcalloc(src->nsub, sizeof(*dst->sub));
		dst->nsub = src->nsub;
		for (size_t i = 0; i < src->nsub; i++)
			cond_copy(&dst->sub[i], &src->sub[i]);
	}
}

static struct cond *rule_push(struct cond *all, enum cond_kind k, enum cond_op op, long value)
{
	all->sub = xrealloc(all->sub, (all->nsub + 1) * sizeof(*all->sub));
	all->sub[all->nsub] = (struct cond){ .kind = k, .op = op, .value = value };
	return &all->sub[all->nsub++];
}

struct cond *policy_rules_cond(const struct policy_rules *r)
{
	struct cond *all = xcalloc(1, sizeof(*all));
	struct cond *c, *verify;
	char **items;
	size_t nitems = verify_items_split(r->to_verify, &items);

	all->kind = COND_ALL;
	verify = nitems ? rule_push(all, COND_VERIFY, COND_EQ, 0) : NULL;
	for (size_t i = 0; i < nitems; i++)
		item_push(verify, items[i]);
	text_list_free(items, nitems);
	if (r->region && strcmp(r->region, "340000") != 0)
		item_push(rule_push(all, COND_REGION, COND_EQ, 0), r->region);
	if (r->ngroups) {
		c = rule_push(all, COND_GROUP, COND_EQ, 0);
		for (size_t i = 0; i < r->ngroups; i++)
			item_push(c, r->groups[i]);
	}
	if (r->age_min >= 0)
		rule_push(all, COND_AGE, COND_GE, r->age_min);
	if (r->age_max >= 0)
		rule_push(all, COND_AGE, COND_LE, r->age_max);
	if (r->nentities) {
		c = rule_push(all, COND_ENTITY, COND_EQ, 0);
		for (size_t i = 0; i < r->nentities; i++)
			item_push(c, r->entities[i]);
	}
	if (r->reg_min >= 0)
		rule_push(all, COND_REG_MONTHS, COND_GE, r->reg_min);
	if (r->reg_max >= 0)
		rule_push(all, COND_REG_MONTHS, COND_LE, r->reg_max);
	if (r->extra && r->extra->kind == COND_ALL) {
		for (size_t i = 0; i < r->extra->nsub; i++)
			cond_copy(rule_push(all, COND_ALL, COND_EQ, 0), &r->extra->sub[i]);
	} else if (r->extra) {
		cond_copy(rule_push(all, COND_ALL, COND_EQ, 0), r->extra);
	}
	/* the region says where, not who: with no other condition the
	 * policy is for whom its text says, unless marked open to all */
	bool says_who = false;
	for (size_t i = 0; i < all->nsub; i++)
		says_who |= all->sub[i].kind != COND_REGION;
	if (!says_who && !r->open_to_all)
		rule_push(all, COND_VERIFY, COND_EQ, 0);
	if (!all->nsub) {
		cond_free(all);
		return NULL;
	}
	return all;
}
