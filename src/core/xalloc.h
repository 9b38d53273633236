/*
 * xalloc: allocation that never returns NULL.
 *
 * Running out of memory in a terminal program is not an error a person can
 * act on, so these abort instead of making every caller check.
 * Low-level primitive: uses libc only.
 */
#ifndef WC_CORE_XALLOC_H
#define WC_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL gives NULL). Caller frees. */
char *xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated. Caller frees. */
char *xstrndup(const char *s, size_t n);

/* Free *p and set it to NULL; accepts NULL. */
#define XFREE(p)                                                                                   \
	do {                                                                                       \
		free(p);                                                                           \
		(p) = NULL;                                                                        \
	} while (0)

/*
 * Zero the string s (a password, a PIN, a token, a revealed number)
 * where it lies, then free it; accepts NULL. explicit_bzero, because a
 * memset just before free may be left out by the compiler.
 */
void xfree_secret(char *s);
#define XFREE_SECRET(p)                                                                            \
	do {                                                                                       \
		xfree_secret(p);                                                                   \
		(p) = NULL;                                                                        \
	} while (0)

#endif
