/* codelist: codes and names; see codelist.h. */
#include "config.h"
#include "codelist.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

void code_list_release(struct code_list *c)
{
	for (int i = 0; i < c->count; i++) {
		free(c->code[i]);
		free(c->name[i]);
	}
	XFREE(c->code);
	XFREE(c->name);
	c->count = 0;
}

int code_list_find(const struct code_list *c, const char *s)
{
	for (int i = 0; i < c->count; i++)
		if (strcmp(s, c->name[i]) == 0 || strcmp(s, c->code[i]) == 0)
			return i;
	return -1;
}

const char *code_list_name(const struct code_list *c, const char *code)
{
	for (int i = 0; i < c->count; i++)
		if (strcmp(code, c->code[i]) == 0)
			return c->name[i];
	return code;
}

bool codes_array(const char *names, const char *(*lookup)(const char *name, const void *ctx),
		 const void *ctx, struct sbuf *out, char **bad)
{
	char **items;
	size_t n = text_split_list(names, &items);
	bool ok = true;
	size_t start = out->len;

	sbuf_addch(out, '{');
	for (size_t j = 0; ok && j < n; j++) {
		const char *code = lookup(items[j], ctx);
		if (!code) {
			*bad = xstrdup(items[j]);
			ok = false;
		} else {
			sbuf_addf(out, "%s%s", out->len > start + 1 ? "," : "", code);
		}
	}
	sbuf_addch(out, '}');
	text_list_free(items, n);
	return ok;
}

/* Names given to the categories of Art. 3 beside the catalogue's own:
 * only those that mean the same group, since a category decides which
 * policies and vouchers a person is matched with. */
static const struct word_means category_words[] = {
	{ "退伍军人", "退役军人" },	    { "退役士兵", "退役军人" },
	{ "转业军人", "退役军人" },	    { "复员军人", "退役军人" },
	{ "残疾人士", "残疾人" },	    { "持证残疾人", "残疾人" },
	{ "留学归国人员", "留学回国人员" }, { "归国留学人员", "留学回国人员" },
	{ "建档立卡脱贫人口", "脱贫人口" }, { "脱贫户", "脱贫人口" },
	{ "刑释人员", "刑满释放人员" },	    { "返乡创业人员", "返乡入乡创业人员" },
};

const char *word_means(const struct word_means *v, size_t n, const char *said)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(said, v[i].said) == 0)
			return v[i].means;
	return NULL;
}

const char *person_category_code(const char *said, const void *ctx)
{
	static const size_t n = sizeof(category_words) / sizeof(category_words[0]);
	const struct code_list *l = ctx;
	int k = code_list_find(l, said);

	if (k < 0) {
		const char *name = word_means(category_words, n, said);
		k = name ? code_list_find(l, name) : -1;
	}
	return k < 0 ? NULL : l->code[k];
}
