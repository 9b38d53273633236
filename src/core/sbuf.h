/*
 * sbuf: a growable byte string.
 *
 * Invariants: buf is never NULL; buf[len] == '\0'; at least len + 1 bytes
 * are allocated. An sbuf set up with SBUF_INIT owns nothing until the
 * first append. sbuf_detach is the only way to take the buffer away.
 *
 * Low-level primitive: it uses libc only and knows nothing of text width.
 */
#ifndef WC_CORE_SBUF_H
#define WC_CORE_SBUF_H

#include <stdarg.h>
#include <stddef.h>

/* printf-style checking of a function's format argument. */
#define WC_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))

struct sbuf {
	char *buf;
	size_t len;
	size_t alloc; /* private: bytes allocated, 0 while buf is the empty literal */
};

extern char sbuf_empty[];
#define SBUF_INIT                                                                                  \
	{                                                                                          \
		sbuf_empty, 0, 0                                                                   \
	}

void sbuf_init(struct sbuf *sb);
/* Free the contents; sb is then as after sbuf_init. */
void sbuf_release(struct sbuf *sb);
void sbuf_reset(struct sbuf *sb);
/*
 * Zero every byte allocated and empty sb, keeping its buffer: for a
 * password, a PIN or a revealed number, before sbuf_release. Only the
 * buffer it has now: size it with sbuf_grow before the secret goes in,
 * or a growth leaves an earlier copy behind.
 */
void sbuf_wipe(struct sbuf *sb);
void sbuf_grow(struct sbuf *sb, size_t extra);
void sbuf_add(struct sbuf *sb, const char *data, size_t len);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addch(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) WC_PRINTF(2, 3);
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap) WC_PRINTF(2, 0);
/* Take the buffer (always malloc'ed); sb is reset. Caller frees. */
char *sbuf_detach(struct sbuf *sb);

#endif
