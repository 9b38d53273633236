/* xalloc: allocation wrappers that abort on exhaustion. */
#include "config.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xalloc_check(void *p)
{
	if (!p) {
		fputs("wanchuang: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t n)
{
	return xalloc_check(malloc(n ? n : 1));
}

void *xcalloc(size_t count, size_t n)
{
	return xalloc_check(calloc(count ? count : 1, n ? n : 1));
}

void *xrealloc(void *p, size_t n)
{
	return xalloc_check(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void xfree_secret(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	free(s);
}
