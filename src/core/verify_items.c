/* verify_items: a policy's conditions to verify by hand; see verify_items.h. */
#include "config.h"
#include "verify_items.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text.h"
#include "xalloc.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The length of the separator at p (；, ; or a line break), 0 if none. */
static size_t separator_len(const char *p)
{
	if (*p == ';' || *p == '\n')
		return 1;
	return strncmp(p, "；", strlen("；")) == 0 ? strlen("；") : 0;
}

static void item_add(char ***items, size_t *n, const char *from, const char *to)
{
	while (from < to && is_blank(*from))
		from++;
	/* the ideographic space a Chinese input method types counts as blank */
	while (to - from >= 3 && strncmp(from, "　", 3) == 0)
		from += 3;
	while (to > from && is_blank(to[-1]))
		to--;
	while (to - from >= 3 && strncmp(to - 3, "　", 3) == 0)
		to -= 3;
	if (to == from)
		return;
	*items = xrealloc(*items, (*n + 2) * sizeof(**items));
	(*items)[(*n)++] = xstrndup(from, (size_t)(to - from));
	(*items)[*n] = NULL;
}

size_t verify_items_split(const char *text, char ***items)
{
	const char *p = text ? text : "", *start = p;
	size_t n = 0;

	*items = xcalloc(1, sizeof(**items));
	while (*p) {
		size_t sep = separator_len(p);
		if (sep) {
			item_add(items, &n, start, p);
			p += sep;
			start = p;
		} else {
			p++;
		}
	}
	item_add(items, &n, start, p);
	return n;
}

enum verify_error verify_items_canonical(const char *text, struct sbuf *out, size_t *which)
{
	char **items;
	size_t n, start = out->len;
	enum verify_error e = VERIFY_OK;

	if (text && u8_check((const uint8_t *)text, strlen(text)))
		return VERIFY_ERR_TEXT;
	n = verify_items_split(text, &items);
	for (size_t i = 0; i < n && e == VERIFY_OK; i++) {
		if (u8_mbsnlen((const uint8_t *)items[i], strlen(items[i])) > VERIFY_ITEM_MAX) {
			e = VERIFY_ERR_ITEM_LONG;
			if (which)
				*which = i + 1;
		}
		if (i)
			sbuf_adds(out, "；");
		sbuf_adds(out, items[i]);
	}
	if (e == VERIFY_OK &&
	    u8_mbsnlen((const uint8_t *)out->buf + start, out->len - start) > VERIFY_TEXT_MAX)
		e = VERIFY_ERR_LONG;
	text_list_free(items, n);
	return e;
}
