/*
 * params: what travels between C and SQL as text besides a query's rows:
 * parameters made from input (an empty field as NULL, a name normalised,
 * an id, an id array) and the arrays and code lists that come back.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

enum db_status db_code_list(struct db_conn *c, const char *query, struct code_list *out,
			    struct db_error *err)
{
	return db_code_list_params(c, query, 0, NULL, out, err);
}

enum db_status db_code_list_params(struct db_conn *c, const char *query, int nparams,
				   const char *const *params, struct code_list *out,
				   struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec(c, query, nparams, params, &r, err);

	if (st != DB_OK)
		return st;
	out->count = db_result_rows(r);
	out->code = xcalloc((size_t)out->count + 1, sizeof(char *));
	out->name = xcalloc((size_t)out->count + 1, sizeof(char *));
	for (int i = 0; i < out->count; i++) {
		out->code[i] = db_result_dup(r, i, 0);
		out->name[i] = db_result_dup(r, i, 1);
	}
	db_result_free(&r);
	return DB_OK;
}

const char *db_null_if_empty(const char *s)
{
	return s && *s ? s : NULL;
}

char *db_name_param(const char *name)
{
	return name ? normalize_name(name) : NULL;
}

size_t db_array_items(const char *text, char ***items)
{
	size_t n = 0;
	const char *p = text && *text == '{' ? text + 1 : "";

	*items = xcalloc(strlen(p) / 2 + 2, sizeof(char *));
	while (*p && *p != '}') {
		size_t len = strcspn(p, ",}");
		const char *s = p;
		if (*s == '"' && len >= 2)
			s++, len -= 2;
		(*items)[n++] = xstrndup(s, len);
		p += strcspn(p, ",}");
		if (*p == ',')
			p++;
	}
	return n;
}

void db_items_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

const char *db_id_param(char buf[24], long long id)
{
	if (id <= 0)
		return NULL;
	snprintf(buf, 24, "%lld", id);
	return buf;
}

const char *db_id_array(struct sbuf *out, const long long *ids, int n)
{
	sbuf_addch(out, '{');
	for (int i = 0; i < n; i++)
		sbuf_addf(out, "%s%lld", i ? "," : "", ids[i]);
	sbuf_addch(out, '}');
	return out->buf;
}
