/*
 * sheet_keys: which rows of a file name the same record (an ID number, a
 * credit code). The database is the judge of a duplicate — it refuses the
 * second row as it would any record it holds — and this only finds the
 * row of the file it clashes with, so that both rows are named ("the
 * same ID number as line N") instead of sending the clerk to search the
 * register for a person who is only in the file.
 */
#include "config.h"
#include "sheet.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct keyed {
	const char *key;
	size_t i;
};

static int keyed_order(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int k = strcasecmp(x->key, y->key);

	if (k)
		return k;
	return x->i < y->i ? -1 : x->i > y->i;
}

void sheet_keys_build(struct sheet_keys *k, size_t n, const char *(*of)(size_t i, void *ctx),
		      void *ctx)
{
	struct keyed *v = xcalloc(n + 1, sizeof(*v));
	size_t m = 0;

	k->group = xcalloc(n + 1, sizeof(size_t));
	k->stored = xcalloc(n + 1, sizeof(size_t));
	k->told = xcalloc(n + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		const char *key = of(i, ctx);
		k->group[i] = i;
		k->stored[i] = SIZE_MAX;
		if (key && *key)
			v[m++] = (struct keyed){ key, i };
	}
	qsort(v, m, sizeof(*v), keyed_order);
	for (size_t j = 1; j < m; j++)
		if (strcasecmp(v[j].key, v[j - 1].key) == 0)
			k->group[v[j].i] = k->group[v[j - 1].i];
	free(v);
}

void sheet_keys_stored(struct sheet_keys *k, size_t i)
{
	if (k->group && k->stored[k->group[i]] == SIZE_MAX)
		k->stored[k->group[i]] = i;
}

size_t sheet_keys_clash(struct sheet_keys *k, size_t i, bool *first_told)
{
	size_t g, r;

	if (!k->group)
		return SIZE_MAX;
	g = k->group[i];
	r = k->stored[g];
	if (r == SIZE_MAX || r == i)
		return SIZE_MAX;
	*first_told = k->told[g];
	k->told[g] = true;
	return r;
}

void sheet_keys_release(struct sheet_keys *k)
{
	XFREE(k->group);
	XFREE(k->stored);
	XFREE(k->told);
}
